"""Entity evidence from a news page's layout and from the rest of the article.

Rules that look beyond the few words after a trigger, on normalised text (offsets in it):

* :func:`find_layout` — bylines (``كتب: ياسر العبيدي``) -> PER; the source lines of
  aggregator pages (``المصدر: موقع ...``) and closing credits (``... + وكالات``) -> ORG;
  an outlet quoted after ``لـ`` in reported speech (``قال لـ"الدستور"``) -> ORG;
  named pipelines and projects (``خط أنابيب كركوك - جيهان``, ``مشروع "..."``) -> MISC;
  a generic institution with its nationality (``الدفاع المدني اللبناني``) -> ORG.
* :func:`refine` — ``عبدالعزيز`` is written ``عبد العزيز`` in a person's value; an
  event's year (``كأس العرب 2025``) and a ``+``
  (``أوبك+``) extend a name; names that need context (``الوداد`` the club) count
  everywhere once the article used them in context; a surname after ``لل``
  (``للحلبوسي``) is the person.
* :func:`resolve_anaphora` — bare ``الجيش`` / ``النظام`` take the army or regime the
  article names in full (``الجيش التشادي``, ``نظام الأسد``).

Every pattern is linear (bounded repetitions, no nested quantifiers).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import TypeVar

from newslab.extract.entity_rules import Candidate, NameMatcher, Words
from newslab.extract.entity_text import (
    DAY_WORDS,
    NATIONALITY,
    STOPWORDS,
    TITLE_WORDS,
    TOKEN,
    is_definite,
    key,
    words,
)
from newslab.extract.gazetteer import Entry, Gazetteer, GazetteerMatch, word_runs

__all__ = ["find_layout", "refine", "resolve_anaphora"]

_T = TypeVar("_T")

_NAME = r"[^\W\d_]{2,25}"
#: ``كتب: فلان الفلاني`` alone on its line (or before a dash / comma).
_BYLINE = re.compile(
    rf"(?m)^[ \t]{{0,4}}(?:كتب|كتبت|بقلم|اعداد|تحرير)[ \t]{{0,3}}[:\-–]?[ \t]{{0,3}}"
    rf"(?P<name>{_NAME}(?:[ \t]{_NAME}){{1,3}})[ \t]{{0,3}}(?=$|[-–—،,|(])"
)
#: Every :data:`_BYLINE` match holds one of these.
_BYLINE_WORDS = ("كتب", "بقلم", "اعداد", "تحرير")
#: Every :data:`_BYLINE` match begins with one of these.
_BYLINE_OPENINGS = (*_BYLINE_WORDS, " ", "\t")
#: Below one line in this many characters, trying :data:`_BYLINE` at each line start
#: costs less than scanning the text for :data:`_BYLINE_WORDS` first.
_LINE_CHARS = 120
#: ``المصدر: شبكة الأخبار الاقتصادية - الأردن`` (aggregator footers).
_SOURCE_LINE = re.compile(
    r"(?m)^[ \t]{0,4}(?:المصدر|مصدر الخبر|المصدر الاصلي)[ \t]{0,3}:[ \t]{0,3}"
    r"(?P<name>[^\W_][^\n\-–—|:]{0,60}?)[ \t]{0,3}(?=$|[-–—|])"
)
#: ``صوت الساحل + وكالات`` (closing credit line).
_CREDIT_LINE = re.compile(
    r"(?m)^[ \t]{0,4}(?P<name>[^\W_][^\n+/\-–—]{1,50}?)[ \t]{0,3}[+/][ \t]{0,3}وكالات[ \t.]{0,3}$"
)
#: Whole words (word runs) that every :data:`_SOURCE_LINE` / :data:`_CREDIT_LINE` holds.
_SOURCE_WORDS = frozenset({"المصدر", "مصدر"})
_CREDIT_WORD = "وكالات"
#: ``لـ"الدستور"`` (tatweel is gone after normalisation: ``ل"...``).
_QUOTED_OUTLET = re.compile(r'(?<!\w)[وف]?ل[ ]?"(?P<name>[^"\n]{2,40})"')
_SPEECH = re.compile(
    r"(?:قال|قالت|وقال|وقالت|يقول|تقول|تصريح|تصريحات|حديث|مقابلة|اكد|اكدت|اوضح|اوضحت|"
    r"كشف|كشفت|صرح|صرحت|اضاف|اضافت|افاد|افادت|اعلن|اعلنت)(?!\w)"
)
#: Pipeline heads: ``خط أنابيب``, ``أنبوب الغاز``, ``الأنبوب``, ``خط الغاز``
#: (:func:`find_layout` runs it only on texts holding one of these words).
_PIPELINE = re.compile(
    r"(?<!\w)[وفبل]?(?P<head>(?:خط[ ]|ال)?(?:انابيب|انبوب|الانابيب|الانبوب)(?:[ ](?:الغاز|النفط))?"
    r"|خط[ ](?:الغاز|النفط))(?!\w)"
)
#: Every :data:`_PIPELINE` match holds one of these within its first 7 characters.
_PIPELINE_ANCHORS = ("انابيب", "انبوب", "خط ")
#: Every :data:`_PIPELINE` match holds one of these word runs (as
#: :func:`~newslab.extract.gazetteer.word_runs` splits a text): a pipe word with its
#: clitics, or else one of :data:`_LINES` and one of :data:`_FUELS` (``وخط الغاز``).
_PIPELINE_WORDS = frozenset(
    clitic + article + pipe
    for clitic in ("", "و", "ف", "ب", "ل")
    for article in ("", "ال")
    for pipe in ("انابيب", "انبوب", "الانابيب", "الانبوب")
)
_FUELS = frozenset({"الغاز", "النفط"})
_LINES = frozenset({"خط", "وخط", "فخط", "بخط", "لخط"})
#: Project heads followed by a quoted name: ``مبادرة "طريق التنمية"``.
_PROJECT_HEADS = ("مشروع", "مشروعي", "مبادرة", "برنامج", "خطة", "انبوب", "انبوبي")
_QUOTED_PROJECT = re.compile(
    rf'(?<!\w)[وفبل]?(?:{"|".join(_PROJECT_HEADS)})[ ]"(?P<name>[^"\n]{{2,40}})"'
)
#: Every :data:`_QUOTED_PROJECT` match holds one of these and a quote mark after at
#: most one clitic.
_PROJECT_HEAD_BLANKS = tuple(head + " " for head in _PROJECT_HEADS)
_DASH = re.compile(r"[ ]{0,2}[-–][ ]{0,2}")
_YEAR = re.compile(r"[ ](?P<year>(?:19|20)\d\d)(?!\d)")
#: The letters after the ``لل`` of ``[وف]?للـ...`` (see :func:`_lam_lam`).
_LAM_LAM_TAIL = re.compile(r"[^\W\d_]{3,25}(?!\w)")
_BARE = re.compile(r"(?<![\w@#])(?:[وف]?(?:[بك]?ال|لل))(?P<w>جيش|نظام)(?!\w)")
_COMPOUND = re.compile(r"(?<!\w)عبدال(?=\w{2})")
_HEADED = re.compile(r"[وف]?(?:[بك]?ال|لل)?(?P<w>جيش|نظام)(?!\w)")
_NEXT = re.compile(r"[ ]{1,2}(?P<w>[^\W\d_]+)")
#: Words of articles about the sea (migrants, boats, coasts, ports).
_SEA = re.compile(
    r"(?<!\w)(?:[وفبل]|ال|[وفب]ال|لل)?(?P<w>بحر|سواحل|ساحل|مهاجر|مهاجرين|مهاجرون|هجره|قارب|قوارب"
    r"|مركب|سفينه|سفن|غرق|ابحار|ضفتي|جزيره|ميناء|موانئ|خفر|مياه)(?!\w)"
)
_SEA_NAMES = frozenset({"البحر الأبيض المتوسط"})
#: ``من الشمال إلى الجنوب``: directions, not the regions of that name.
_DIRECTIONS = frozenset({"الشمال", "الجنوب"})
#: Values whose sense :func:`_in_sense` checks against the article.
_CONTEXTUAL = _SEA_NAMES | _DIRECTIONS
_FROM_TO = re.compile(
    r"من[ ](?:ال)?(?:شمال|جنوب)[ ]{1,2}(?:الي|الى|حتي|حتى)[ ](?:ال)?(?:شمال|جنوب)(?!\w)"
)

#: Descriptors left outside an outlet's name on a source line.
_PRINT_DESCRIPTORS = words("صحيفة جريدة مجلة قناة")
#: Subtypes of generic institutions that a nationality adjective completes.
_GENERIC = frozenset({"institution", "security", "military"})
#: Words after which an ambiguous name is a common noun again (الاتفاق مع / على).
_COMMON_AFTER = words("مع على بين حول عليه عليها بشأن")


#: Above one anchor (or line) in this many characters, a pattern is tried at every
#: position by ``re`` itself rather than anchor by anchor in Python.
_DENSE = 32


def _finditer_near(
    pattern: re.Pattern[str], text: str, anchors: tuple[str, ...], reach: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match is non-empty and holds
    one of ``anchors`` at most ``reach`` characters after its start.

    The pattern is tried only at the ``reach + 1`` positions up to each anchor (found
    with ``str.find``), in text order, instead of at every position of the text: a
    pattern that opens with a lookbehind and optional letters gets no fast scan from
    ``re``. Lookbehinds still see the text before the position tried. Where anchors
    are dense (hostile text), ``re``'s own scan is cheaper and is used instead.
    """
    positions = _occurrences(text, anchors, len(text) // _DENSE)
    return _finditer_at(pattern, text, positions, reach)


def _finditer_at(
    pattern: re.Pattern[str], text: str, positions: list[int] | None, reach: int
) -> Iterator[re.Match[str]]:
    """:func:`_finditer_near` given where the anchors are (in order; ``None``: too many
    to be worth it, ``re`` scans the whole text)."""
    if positions is None:
        yield from pattern.finditer(text)
        return
    low = 0  # positions before this were tried, or lie inside a match
    for at in positions:
        if at < low:
            continue
        for start in range(max(low, at - reach), at + 1):
            m = pattern.match(text, start)
            if m is not None:
                yield m
                low = m.end()
                break
        else:
            low = at + 1


def _occurrences(text: str, needles: tuple[str, ...], limit: int) -> list[int] | None:
    """Where any of ``needles`` occurs in ``text`` (overlaps included), in order;
    ``None`` when there are more than ``limit``."""
    found: list[int] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            if len(found) == limit:
                return None
            found.append(at)
            at = text.find(needle, at + 1)
    if len(needles) > 1:
        found = sorted(set(found))
    return found


def _finditer_lines(
    pattern: re.Pattern[str], text: str, openings: tuple[str, ...] = ("",)
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a ``(?m)^`` pattern whose matches stay on one line
    and begin with one of ``openings``: the pattern is tried once per line that begins
    so instead of at every position of the text (or by ``re``'s own scan where lines
    are very short)."""
    if text.count("\n") > len(text) // _DENSE:
        yield from pattern.finditer(text)
        return
    start = 0
    opens = text.startswith
    while start >= 0:
        m = pattern.match(text, start) if opens(openings, start) else None
        if m is not None:
            yield m
        newline = text.find("\n", start)
        start = newline + 1 if newline >= 0 else -1


def find_layout(
    text: str, hits: Sequence[GazetteerMatch], spell: Mapping[str, str]
) -> list[Candidate]:
    """Bylines, source and credit lines, quoted outlets, projects, institutions."""
    out: list[Candidate] = []
    by_start = _HitsByStart(hits)
    if "\n" in text or text[:12].lstrip().startswith(("كتب", "بقلم")):
        out.extend(_bylines(text))
    # The gazetteer's word split of the same text (kept by word_runs): a set lookup of a
    # whole word instead of a scan of the text per word.
    vocabulary = word_runs(text).vocabulary
    if not vocabulary.isdisjoint(_SOURCE_WORDS):
        out.extend(_lines(_SOURCE_LINE, text, by_start, spell))
    if _CREDIT_WORD in vocabulary:
        out.extend(_lines(_CREDIT_LINE, text, by_start, spell))
    if '"' in text:
        quotes = _occurrences(text, ('"',), len(text) // _DENSE)
        out.extend(_quoted_outlets(text, quotes, by_start, spell))
        out.extend(_quoted_projects(text, quotes, spell))
    if not vocabulary.isdisjoint(_PIPELINE_WORDS) or (
        not vocabulary.isdisjoint(_FUELS) and not vocabulary.isdisjoint(_LINES)
    ):
        out.extend(_pipelines(text, by_start, spell))
    out.extend(_institutions(text, hits, spell))
    return out


class _HitsByStart:
    """Gazetteer hits by start offset, indexed on the first lookup (most texts make none)."""

    __slots__ = ("_hits", "_index")

    def __init__(self, hits: Sequence[GazetteerMatch]) -> None:
        self._hits = hits
        self._index: dict[int, GazetteerMatch] | None = None

    def get(self, start: int) -> GazetteerMatch | None:
        """The hit starting at ``start``, if any."""
        if self._index is None:
            self._index = {h.start: h for h in self._hits}
        return self._index.get(start)


def _tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(TOKEN.finditer(text, start, end))


def _value(toks: Iterable[re.Match[str]], spell: Mapping[str, str]) -> str:
    return " ".join(spell.get(key(t.group()), t.group()) for t in toks)


def _bylines(text: str) -> list[Candidate]:
    if text.count("\n") > len(text) // _LINE_CHARS and not any(w in text for w in _BYLINE_WORDS):
        return []  # what the pattern needs (scanned for only where lines are many)
    out = []
    for m in _finditer_lines(_BYLINE, text, _BYLINE_OPENINGS):
        toks = _tokens(text, m.start("name"), m.end("name"))
        if any(key(t.group()) in STOPWORDS or key(t.group()) in DAY_WORDS for t in toks):
            continue
        if is_definite(key(toks[0].group())):
            continue  # كتب التاريخ الحديث: a heading, not a byline
        name = tuple(t.group() for t in toks)
        out.append(
            Candidate(toks[0].start(), toks[-1].end(), "PER", " ".join(name), "byline", 6, name)
        )
    return out


def _lines(
    pattern: re.Pattern[str],
    text: str,
    by_start: _HitsByStart,
    spell: Mapping[str, str],
) -> list[Candidate]:
    out = []
    for m in _finditer_lines(pattern, text):
        toks = _tokens(text, m.start("name"), m.end("name"))
        if len(toks) > 1 and key(toks[0].group()) in _PRINT_DESCRIPTORS:
            toks = toks[1:]  # صحيفة السوق اليومية -> السوق اليومية
        if not toks or len(toks) > 5:
            continue
        start, end = toks[0].start(), toks[-1].end()
        hit = by_start.get(start)
        if hit is not None and hit.end >= end and hit.entry.label in ("GPE", "LOC"):
            continue  # "غزة - وكالات": a dateline, not an outlet
        out.append(Candidate(start, end, "ORG", _value(toks, spell), "outlet", 8))
    return out


def _quoted_outlets(
    text: str, quotes: list[int] | None, by_start: _HitsByStart, spell: Mapping[str, str]
) -> list[Candidate]:
    """``قال لـ"الدستور"``: an outlet in reported speech (``quotes``: where the text's
    quote marks are, see :func:`_anchors_before_quotes`)."""
    out = []
    anchors = _anchors_before_quotes(text, quotes, ("ل", "ل "))  # ل" and ل "
    for m in _finditer_at(_QUOTED_OUTLET, text, anchors, 1):  # after و/ف
        if not _SPEECH.search(text, max(0, m.start() - 90), m.start()):
            continue
        toks = _tokens(text, m.start("name"), m.end("name"))
        if not toks or len(toks) > 4 or any(key(t.group()) in STOPWORDS for t in toks):
            continue
        start, end = toks[0].start(), toks[-1].end()
        hit = by_start.get(start)
        if hit is not None and hit.end >= end and hit.entry.label != "ORG":
            continue  # لـ"إسرائيل": the known name keeps its type
        out.append(Candidate(start, end, "ORG", _value(toks, spell), "outlet", 5))
    return out


def _quoted_projects(
    text: str, quotes: list[int] | None, spell: Mapping[str, str]
) -> list[Candidate]:
    """``مبادرة "طريق التنمية"`` (``quotes``: as for :func:`_quoted_outlets`)."""
    out = []
    anchors = _anchors_before_quotes(text, quotes, _PROJECT_HEAD_BLANKS)
    for m in _finditer_at(_QUOTED_PROJECT, text, anchors, 1):
        toks = _tokens(text, m.start("name"), m.end("name"))
        if not toks or len(toks) > 4 or any(key(t.group()) in STOPWORDS for t in toks):
            continue
        out.append(
            Candidate(toks[0].start(), toks[-1].end(), "MISC", _value(toks, spell), "project", 6)
        )
    return out


def _anchors_before_quotes(
    text: str, quotes: list[int] | None, heads: tuple[str, ...]
) -> list[int] | None:
    """Where an anchor ``head + '"'`` starts, for every ``head`` of ``heads`` (overlaps
    included, in order), found from ``quotes``: the positions of the text's quote marks
    (``None``: too many, and so is the result). One scan for the quote marks serves
    every anchor ending with one, instead of one scan of the text per anchor."""
    if quotes is None:
        return None
    found = []
    ends_with_head = text.endswith
    for at in quotes:
        if not ends_with_head(heads, 0, at):
            continue  # one C-level test of every head (most quote marks have none)
        for head in heads:
            start = at - len(head)
            if start >= 0 and text.startswith(head, start):
                found.append(start)
    if len(heads) > 1:
        found = sorted(set(found))
    return found


def _pipelines(text: str, by_start: _HitsByStart, spell: Mapping[str, str]) -> list[Candidate]:
    """``خط أنابيب كركوك - جيهان``, ``أنبوب الغاز العابر للأناضول``,
    ``خط الغاز العربي الأوروبي``: the head is part of the name."""
    out = []
    for m in _finditer_near(_PIPELINE, text, _PIPELINE_ANCHORS, 6):  # وخط الانابيب
        pos = m.end()
        first = by_start.get(pos + 1) if text[pos : pos + 1] == " " else None
        value = ""
        if first is not None and first.entry.label in ("GPE", "LOC") and not first.prefix:
            dash = _DASH.match(text, first.end)
            second = by_start.get(dash.end()) if dash and dash.group().strip() else None
            if second is not None and second.entry.label in ("GPE", "LOC"):
                end = second.end  # X - Y
                value = " - ".join(
                    _value(_tokens(text, a, b), spell)
                    for a, b in ((m.start("head"), first.end), (second.start, second.end))
                )
        elif end := _adjective_name(text, pos):
            value = _value(_tokens(text, m.start("head"), end), spell)
        if value:
            out.append(Candidate(m.start(), end, "MISC", value, "project", 7))
    return out


def _adjective_name(text: str, pos: int) -> int:
    """End of ``العابر للأناضول`` or of two or more nisba adjectives after ``pos``."""
    toks = []
    for m in _NEXT.finditer(text, pos, min(len(text), pos + 80)):
        if toks and m.start() != toks[-1].end():
            break
        toks.append(m)
        if len(toks) == 3:
            break
    if not toks:
        return 0
    keys = [key(t.group("w")) for t in toks]
    if keys[0] in ("العابر", "العابره") and len(keys) > 1 and keys[1][:1] == "ل":
        return toks[1].end()
    n = 0
    while (
        n < len(keys)
        and is_definite(keys[n])
        and keys[n].endswith(("ي", "يه"))
        and keys[n] not in STOPWORDS
    ):
        n += 1
    return toks[n - 1].end() if n >= 2 else 0


def _institutions(
    text: str, hits: Sequence[GazetteerMatch], spell: Mapping[str, str]
) -> list[Candidate]:
    """A generic institution and the nationality after it: ``الدفاع المدني اللبناني``."""
    out = []
    for h in hits:
        entry = h.entry
        if entry.label != "ORG" or entry.subtype not in _GENERIC:
            continue
        m = _NEXT.match(text, h.end)
        if m is None:
            continue
        k = key(m.group("w"))
        if (
            k not in NATIONALITY
            or not is_definite(k)
            or NATIONALITY.get(key(entry.canonical.split(" ")[-1]))
        ):
            continue
        adjective = spell.get(k, m.group("w"))
        out.append(
            Candidate(h.start, m.end(), "ORG", f"{entry.canonical} {adjective}", "gazetteer", 8)
        )
    return out


# ---------------------------------------------------------------- refinement


def refine(
    text: str,
    cands: list[Candidate],
    gaz: Gazetteer,
    words_: Words,
    known: Sequence[Mapping[str, tuple[str, tuple[str, ...]]]],
) -> list[Candidate]:
    """``cands`` with extra and extended candidates from the whole article, less the
    sea names and directions the article uses in another sense (see :func:`_in_sense`).

    ``known``: the people's names (see :func:`_lam_lam`), the first mapping holding a
    name wins."""
    extra: list[Candidate] = []
    marked = _marked(gaz)
    found: set[str] = set()  # marked names the article names in context
    contextual = False  # a candidate whose sense depends on the article
    for c in cands:
        label = c.label
        if label == "PER":
            if "عبدال" in c.value:
                c.value = _COMPOUND.sub("عبد ال", c.value)  # عبدالعزيز -> عبد العزيز
                c.name = tuple(c.value.split(" "))
        elif label == "EVENT":
            if not c.value[-4:].isdigit() and (m := _YEAR.match(text, c.end)):
                extra.append(
                    Candidate(
                        c.start,
                        m.end(),
                        "EVENT",
                        f"{c.value} {m.group('year')}",
                        c.source,
                        c.priority,
                    )
                )
        elif label == "ORG" and text[c.end : c.end + 1] == "+" and not c.value.endswith("+"):
            extra.append(Candidate(c.start, c.end + 1, "ORG", c.value + "+", c.source, c.priority))
        if c.value in marked.canonicals and label in _MARKED_LABELS:
            found.add(c.value)
        if c.value in _CONTEXTUAL:
            contextual = True
    if found:
        extra.extend(_propagate_marked(text, found, marked, words_))
    extra.extend(_lam_lam(text, known))
    kept = _in_sense(cands, text) if contextual else cands
    return [*kept, *extra]


def _in_sense(cands: list[Candidate], text: str) -> list[Candidate]:
    """``cands`` less the sea names and directions the article uses in another sense."""
    about_sea: bool | None = None  # asked once, when the first lone sea name needs it
    kept = []
    for c in cands:
        if c.value in _SEA_NAMES and len(TOKEN.findall(text, c.start, c.end)) <= 1:
            # ``المتوسط`` alone is the sea only in an article about the sea (migrants,
            # boats, coasts); elsewhere ``في المتوسط`` is "on average"
            if about_sea is None:
                about_sea = len({m.group("w") for m in _SEA.finditer(text)}) >= 2
            if not about_sea:
                continue
        elif c.value in _DIRECTIONS and _FROM_TO.search(text, max(0, c.start - 25), c.end + 25):
            continue
        kept.append(c)
    return kept


class _Marked:
    """The gazetteer's names that need context, ready to be found by word lookup."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.entries: dict[str, Entry] = {
            k: e for k, e in gaz.by_key.items() if e.context == "marked" and not k.isascii()
        }
        self.canonicals = frozenset(e.canonical for e in self.entries.values())
        self.matcher = NameMatcher(self.entries)
        by_canonical: dict[str, list[str]] = {}
        for k, e in self.entries.items():
            by_canonical.setdefault(e.canonical, []).append(k)
        #: canonical -> a matcher of its names alone, to tell whether the text can hold one
        self.matchers = {c: NameMatcher(keys) for c, keys in by_canonical.items()}


@lru_cache(maxsize=8)
def _marked(gaz: Gazetteer) -> _Marked:
    return _Marked(gaz)


#: Labels of the candidates that show a marked name used in context.
_MARKED_LABELS = frozenset({"ORG", "EVENT", "MISC"})


def _propagate_marked(
    text: str, found: set[str], marked: _Marked, words_: Words
) -> list[Candidate]:
    """``الوداد`` the club, once the article names it in context (``لاعب الوداد``,
    ``الوداد البيضاوي``: its canonical name is in ``found``), is the club everywhere in
    the article."""
    if not any(marked.matchers[value].present(words_) for value in found):
        return []  # no name of ``found`` can match: the other names' matches are dropped
    out = []
    for start, end, clitics in marked.matcher.find(words_):
        entry = marked.entries.get(_surface_key(text[start + clitics : end]))
        if entry is None or entry.canonical not in found:
            continue
        nxt = _NEXT.match(text, end)
        if nxt is not None and key(nxt.group("w")) in _COMMON_AFTER:
            continue
        out.append(Candidate(start, end, entry.label, entry.canonical, "gazetteer", 6))
    return out


@lru_cache(maxsize=4096)
def _surface_key(surface: str) -> str:
    """The keyed tokens of a matched name, space-joined (memoised: names recur)."""
    return " ".join(map(key, TOKEN.findall(surface)))


def _lam_lam(
    text: str, known: Sequence[Mapping[str, tuple[str, tuple[str, ...]]]]
) -> list[Candidate]:
    """A known family name in ``ال`` written with the preposition ``ل`` (``للحلبوسي``);
    ``known`` is looked up in order (plain dict look-ups: a ``ChainMap`` costs a
    Python call per word).

    A match is a whole word of letters: ``[وف]?لل`` and 3 to 25 letters, not after
    ``@`` or ``#``. Each ``لل`` of the text (found by ``str.find``) is checked as the
    start of such a word by the character or two before it, and its letters after it
    by one anchored pattern."""
    if not any(known):
        return []
    out = []
    find = text.find
    at = find("لل")
    while at >= 0:
        start = _lam_lam_word_start(text, at)
        m = _LAM_LAM_TAIL.match(text, at + 2) if start >= 0 else None
        if m is None:
            at = find("لل", at + 1)
            continue
        end = m.end()
        hit = _first_hit(known, key("ا" + text[at + 1 : end]))
        if hit is not None:
            value, name = hit
            out.append(Candidate(start, end, "PER", value, "propagated", 3, name))
        at = find("لل", end)  # no word starts inside this one
    return out


def _lam_lam_word_start(text: str, at: int) -> int:
    """Where the word starts whose ``لل`` is at ``at`` after at most one ``و``/``ف``
    (-1 when none does): the character before the word must not be a word character
    (``\\w``: alphanumeric or ``_``), ``@`` or ``#``."""
    if at == 0:
        return 0
    before = text[at - 1]
    if not (before.isalnum() or before in "_@#"):
        return at
    if before not in "وف":
        return -1
    if at == 1:
        return 0
    ahead = text[at - 2]
    return -1 if ahead.isalnum() or ahead in "_@#" else at - 1


def _first_hit(maps: Sequence[Mapping[str, _T]], k: str) -> _T | None:
    """The value of ``k`` in the first of ``maps`` holding it, else None."""
    for names in maps:
        if k in names:
            return names[k]
    return None


# ------------------------------------------------------------------ anaphora


def resolve_anaphora(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Bare ``الجيش`` / ``النظام`` -> the one army / regime the article names in full
    (``chosen``: the flat layer, in text order)."""
    if "جيش" not in text and "نظام" not in text:
        return chosen
    referents: dict[str, Counter[str]] = {"جيش": Counter(), "نظام": Counter()}
    for c in _headed_candidates(text, chosen):
        if c.label != "ORG":
            continue
        m = _HEADED.match(text, c.start, c.end)
        if m is not None and c.end > m.end():
            referents[m.group("w")][c.value] += 1  # الجيش التشادي, نظام الأسد
    targets = {w: _single(counter) for w, counter in referents.items()}
    if not any(targets.values()):
        return chosen
    layer = sorted((c.start, c.end) for c in chosen)
    starts = [s for s, _ in layer]
    extra = []
    for m in _finditer_near(_BARE, text, ("جيش", "نظام"), 4):  # after وبال
        target = targets[m.group("w")]
        if target is None or _overlaps(layer, starts, m.start(), m.end()):
            continue
        nxt = _NEXT.match(text, m.end())
        if nxt is not None:
            k = key(nxt.group("w"))
            if (
                is_definite(k)
                and k not in STOPWORDS
                and k not in DAY_WORDS
                and k not in TITLE_WORDS
            ):
                continue  # النظام الصحي, الجيش الوطني: another system or army
        extra.append(Candidate(m.start(), m.end(), "ORG", target, "anaphora", 1))
    if not extra:
        return chosen
    return sorted([*chosen, *extra], key=lambda c: c.start)


def _headed_candidates(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """The candidates of the flat layer ``chosen`` (in text order) that :data:`_HEADED`
    may match: those starting at most four characters (clitics and article) before a
    ``جيش`` or ``نظام``, found by ``str.find`` and bisection instead of trying every
    candidate (all of them where the words outnumber the candidates)."""
    found = _occurrences(text, ("جيش", "نظام"), len(chosen))
    if found is None:
        return chosen
    picked: dict[int, None] = {}  # indices into ``chosen``, each once
    size = len(chosen)
    for at in found:
        i = bisect.bisect_left(chosen, at - _HEAD_REACH, key=_candidate_start)
        while i < size and chosen[i].start <= at:
            picked[i] = None
            i += 1
    return [chosen[i] for i in sorted(picked)]


#: The most characters :data:`_HEADED` reads before its head word (``وبال``).
_HEAD_REACH = 4


def _candidate_start(c: Candidate) -> int:
    return c.start


def _single(counter: Counter[str]) -> str | None:
    if not counter:
        return None
    (best, n), *rest = counter.most_common(2)
    return best if not rest or n > rest[0][1] else None


def _overlaps(
    layer: Sequence[tuple[int, int]], starts: Sequence[int], start: int, end: int
) -> bool:
    """Does ``[start, end)`` overlap a span of the flat, sorted ``layer``?"""
    i = bisect.bisect_left(starts, end)
    return i > 0 and layer[i - 1][1] > start
