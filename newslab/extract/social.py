"""Built-in ``social`` extractor: hashtags, mentions, URLs and embedded tweets.

Scraped news pages keep the text of embedded tweets: a line with the tweet text (often
hashtags and a ``pic.twitter.com/…`` link) followed by an attribution line
``— Name (@handle) July 19, 2022``. :func:`tweet_embeds` finds those blocks (also
without the attribution line, when the text line ends with a twitter link); the
boilerplate extractor reuses it. Hashtag, mention and URL spans inside a tweet block
are emitted too: nesting is intended.

Everything is matched on the original text (hashtags keep their spelling); each
pattern is a single bounded character-class run, so the scan is linear even on tens of
thousands of ``#`` or ``@``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import ClassVar, NamedTuple

import regex

from newslab.corpus.article import Article
from newslab.extract.base import Context, Extractor
from newslab.hooks import hookimpl
from newslab.spans import Span

__all__ = ["SocialExtractor", "SocialHit", "find_social", "has_social_marks", "tweet_embeds"]


class SocialHit(NamedTuple):
    """A social-media span of the original text."""

    start: int
    end: int
    label: str  # hashtag | mention | url | tweet_embed
    value: str


#: A hashtag starts after a non-word character, or after a conjunction/preposition
#: letter glued to it (``و#المغرب``).
_HASHTAG = regex.compile(r"(?:(?<![\w&#])|(?<=(?<!\w)[وبل]))#([\w\u200c\u200d]{1,139})")
_MENTION = regex.compile(r"(?<![\w@.])@([A-Za-z0-9_]{1,30})(?![\w@])")
_SHORT_HOSTS = (
    r"pic\.twitter\.com|t\.co|bit\.ly|youtu\.be|goo\.gl|fb\.me|ow\.ly|t\.me|"
    r"(?:www\.)?(?:twitter|x|facebook|instagram|youtube|tiktok)\.com"
)
_URL_REST = r"[^\s<>\"«»]{1,4096}"
#: A URL is ``http(s)://…``, ``www.…`` or a short host with a path; the three are
#: searched apart (each alone has a literal to skip to, their alternation has none and
#: is several times slower) and merged by :func:`_url_spans` as their alternation, in
#: this order, would match.
_URL_BRANCHES = (
    regex.compile(r"https?://" + _URL_REST, regex.IGNORECASE),
    regex.compile(r"(?<![\w/.@-])www\." + _URL_REST, regex.IGNORECASE),
    regex.compile(
        r"(?<![\w/.@-])(?:" + _SHORT_HOSTS + r")/[A-Za-z0-9_\-./?=&%#]{1,1024}", regex.IGNORECASE
    ),
)
#: ``www.`` in any case: ``re`` skips from full stop to full stop, several times faster
#: than looking for ``w.`` and ``W.`` with ``in``.
_WWW_MARK = re.compile(r"\.(?<=[wW][wW][wW]\.)")


def _may_have_scheme(text: str) -> bool:
    # a colon is rare in Arabic prose: looking for it first spares most scans for "://"
    return ":" in text and "://" in text


def _may_have_www(text: str) -> bool:
    return _WWW_MARK.search(text) is not None


def _may_have_slash(text: str) -> bool:
    return "/" in text


#: A test that every text the branch at the same index of :data:`_URL_BRANCHES` matches
#: in passes: a text that fails it is not searched for the branch (a search for a
#: literal is many times faster than a regex scan that finds nothing).
_URL_BRANCH_GATES = (_may_have_scheme, _may_have_www, _may_have_slash)
_URL_TRAILING = ".,;:!?'\"،؛…)]}»"
#: A tweet's attribution line: ``— Name (@handle) Month D, YYYY`` (any dash, any date).
_ATTRIBUTION = regex.compile(
    r"^[ \t]{0,8}[—–―-]{1,2}[ \t]{0,4}[^\r\n]{1,160}?\(@[A-Za-z0-9_]{1,30}\)[ \t]{0,4}([^\r\n]{0,60})\r?$",
    regex.MULTILINE,
)
_TWEET_LINK_END = regex.compile(
    r"(?:(?P<pic>pic\.twitter\.com)|(?<![\w.])t\.co)/[A-Za-z0-9_]{1,40}[\s.،]{0,4}$",
    regex.IGNORECASE,
)
#: Longest match of :data:`_TWEET_LINK_END`: host, slash, 40 id characters, 4 trailing,
#: and the final newline its ``$`` may stand before.
_TWEET_LINK_END_MAX = len("pic.twitter.com") + 1 + 40 + 4 + 1
#: How far from the end of a match of :data:`_TWEET_LINK_END` its slash can be: the
#: slash, 40 id characters, 4 trailing, and a final newline.
_TWEET_ID_REACH = 1 + 40 + 4 + 1
_YEAR = regex.compile(r"(?:19|20)\d\d|[\u0660-\u0669\u06f0-\u06f9]{4}")
#: Longest line taken as the text of an embedded tweet.
MAX_TWEET_LINE = 600
_MARKS = ("#", "@", "http", "www.", "pic.", "t.co/", ".com/", "bit.ly/", "youtu.be/", "t.me/")


def has_social_marks(text: str) -> bool:
    """Cheap prefilter: can ``text`` contain any hashtag, mention, URL or tweet?"""
    return any(mark in text for mark in _MARKS)


def find_social(text: str) -> list[SocialHit]:
    """Hashtags, mentions, URLs and tweet embeds of ``text``, sorted by position."""
    if not has_social_marks(text):
        return []
    hits: list[SocialHit] = []
    urls = list(_urls(text))
    covered = [(u.start, u.end) for u in urls]
    hits.extend(urls)
    if "#" in text:
        for m in _HASHTAG.finditer(text):
            tag = m.group(1)
            start = m.start()
            if any(map(str.isalpha, tag)) and not _inside(start, covered):
                hits.append(_new_hit(SocialHit, (start, m.end(), "hashtag", tag)))
    if "@" in text:
        for m in _MENTION.finditer(text):
            start = m.start()
            if not _inside(start, covered):
                hits.append(_new_hit(SocialHit, (start, m.end(), "mention", m.group(1))))
    hits.extend(_new_hit(SocialHit, (s, e, "tweet_embed", "")) for s, e in tweet_embeds(text))
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


#: A ``SocialHit`` made from a tuple of its fields, without the keyword-argument call.
_new_hit = tuple.__new__


def _url_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the matches of the alternation of :data:`_URL_BRANCHES`, as
    its ``finditer`` gives them: the leftmost match, the first branch among those that
    match there, then on from its end (no branch matches an empty string).

    Each branch's own matches come from one ``finditer``; a branch's next match from
    the current position is its first listed match starting there or later, unless the
    listed match before it runs past the position (then it is searched for again).
    """
    listed = _branch_matches(text)
    searched = [found for found in listed if found]
    if len(searched) <= 1:  # one branch alone: its finditer is the alternation's
        for m in searched[0] if searched else ():
            yield m.span()
        return
    nexts = [0] * len(listed)  # index in ``listed[k]`` of branch k's next match
    pending: list[regex.Match[str] | None] = [found[0] if found else None for found in listed]
    while True:
        best = -1
        for k, m in enumerate(pending):  # the leftmost; the first branch on a tie
            if m is not None and (best < 0 or m.start() < pending[best].start()):
                best = k
        if best < 0:
            return
        start, end = pending[best].span()
        yield start, end
        for k, m in enumerate(pending):
            if m is not None and m.start() < end:
                pending[k] = _next_url(k, listed[k], nexts, text, end)


def _branch_matches(text: str) -> list[list[regex.Match[str]]]:
    """Each of :data:`_URL_BRANCHES`' matches in ``text`` (none where its gate fails)."""
    return [
        list(branch.finditer(text)) if gate(text) else []
        for branch, gate in zip(_URL_BRANCHES, _URL_BRANCH_GATES, strict=True)
    ]


def _next_url(
    k: int, found: list[regex.Match[str]], nexts: list[int], text: str, pos: int
) -> regex.Match[str] | None:
    """Branch ``k``'s first match starting at ``pos`` or later (``found``: its matches)."""
    i = nexts[k]
    while i < len(found) and found[i].start() < pos:
        i += 1
    nexts[k] = i
    if i and found[i - 1].end() > pos:  # the listed matches skipped the part after pos
        return _URL_BRANCHES[k].search(text, pos)
    return found[i] if i < len(found) else None


def _urls(text: str) -> Iterator[SocialHit]:
    for start, end in _url_spans(text):
        while end > start and text[end - 1] in _URL_TRAILING:
            if text[end - 1] == ")" and "(" in text[start : end - 1]:
                break
            end -= 1
        if end - start > 4:
            yield _new_hit(SocialHit, (start, end, "url", text[start:end]))


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Is ``pos`` inside one of the sorted, non-overlapping ``ranges``? (binary search)"""
    k = bisect_right(ranges, (pos, _BIG)) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


_BIG = 1 << 62


def tweet_embeds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every embedded-tweet block of ``text``.

    A block is an attribution line (``— Name (@handle) date``) with the nearest
    non-empty line above it as the tweet text, or a lone line ending with a
    ``pic.twitter.com`` link (or a ``t.co`` link, when the line has a hashtag or a
    mention). Offsets exclude surrounding whitespace.
    """
    attributions = "@" in text and "(@" in text  # "@" alone is found much faster
    links = "pic.twitter.com" in text or "t.co/" in text
    if not attributions and not links:
        return []
    blocks: list[tuple[int, int]] = []
    used_lines: set[int] = set()
    if attributions:
        for m in _ATTRIBUTION.finditer(text):
            if not _YEAR.search(m.group(1)):
                continue
            attr_start, attr_end = _strip(text, m.start(), m.end())
            start = attr_start
            previous = _previous_line(text, m.start())
            if previous is not None and previous[0] not in used_lines:
                p_start, p_end = previous
                if p_end - p_start <= MAX_TWEET_LINE and not _ATTRIBUTION.match(text, p_start):
                    start = p_start
                    used_lines.add(p_start)
            used_lines.add(attr_start)
            blocks.append((start, attr_end))
    if links:
        for line_start, line_end in _lines_with_tweet_links(text):
            if line_start in used_lines or line_end - line_start > MAX_TWEET_LINE:
                continue
            end_link = _tweet_link_end(text, line_start, line_end)
            if end_link is None:
                continue
            # a line ending with a picture link is a tweet; with a t.co link, only when
            # it carries a hashtag or a mention too (a prose line may end with a link)
            if (
                end_link.group("pic")
                or _HASHTAG.search(text, line_start, line_end)
                or _MENTION.search(text, line_start, line_end)
            ):
                blocks.append((line_start, line_end))
    blocks.sort()
    return blocks


def _tweet_link_end(text: str, line_start: int, line_end: int) -> regex.Match[str] | None:
    """``_TWEET_LINK_END.search(text, line_start, line_end)``, searched only where a
    match ending the line can start (its last :data:`_TWEET_LINK_END_MAX` characters;
    the lookbehind still sees the characters before), and only when the slash before
    the id is there (most lines with a link do not end with it)."""
    if text.find("/", max(line_start, line_end - _TWEET_ID_REACH), line_end) < 0:
        return None
    return _TWEET_LINK_END.search(text, max(line_start, line_end - _TWEET_LINK_END_MAX), line_end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _previous_line(text: str, line_start: int) -> tuple[int, int] | None:
    """The nearest non-blank line ending before ``line_start`` (at most two blank lines up)."""
    end = line_start
    for _ in range(3):
        if end <= 0:
            return None
        nl = end - 1  # the newline that ends the previous line
        start = text.rfind("\n", 0, nl) + 1
        s, e = _strip(text, start, nl)
        if e > s:
            return s, e
        end = start
    return None


def _lines_with_tweet_links(text: str) -> Iterator[tuple[int, int]]:
    seen: set[int] = set()
    for needle in ("pic.twitter.com/", "t.co/"):
        pos = text.find(needle)
        while pos != -1:
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end == -1 else end
            if start not in seen:
                seen.add(start)
                yield _strip(text, start, end)
            pos = text.find(needle, end)


class SocialExtractor(Extractor):
    """Hashtags, @mentions, URLs and embedded tweet blocks."""

    name: ClassVar[str] = "social"
    kinds: ClassVar[tuple[str, ...]] = ("social",)
    labels: ClassVar[dict[str, tuple[str, ...]]] = {
        "social": ("hashtag", "mention", "url", "tweet_embed")
    }
    description: ClassVar[str] = "hashtags, mentions, URLs and embedded tweets"

    def extract(self, article: Article, context: Context | None = None) -> Iterator[Span]:
        new_span = tuple.__new__  # a plain Span without the keyword defaults' call
        for start, end, label, value in find_social(article.text):
            yield new_span(Span, (start, end, "social", label, value, None, None, "", ""))


@hookimpl
def newslab_extractors() -> list[Extractor]:
    return [SocialExtractor()]
