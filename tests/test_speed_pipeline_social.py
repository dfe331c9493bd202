"""URL search by branches equals the single alternation it replaces.

:func:`newslab.extract.social._url_spans` searches the three kinds of URL apart and
merges them; the alternation of the three (the pattern used before) is the oracle.
A branch is not searched in a text that fails its gate (a colon then ``://``; ``www.``
in any case; a slash): the plain ``finditer`` of every branch is the oracle. The
tweet-link search restricted to the end of a line (and skipped without a slash near the
end) has the search over the whole line as its oracle.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.social import (
    _SHORT_HOSTS,
    _TWEET_LINK_END,
    _URL_BRANCHES,
    _branch_matches,
    _tweet_link_end,
    _url_spans,
)

ORACLE = regex.compile(
    r"(?:https?://|(?<![\w/.@-])www\.)[^\s<>\"«»]{1,4096}"
    r"|(?<![\w/.@-])(?:" + _SHORT_HOSTS + r")/[A-Za-z0-9_\-./?=&%#]{1,1024}",
    regex.IGNORECASE,
)

PIECES = [
    "http://",
    "https://",
    "HTTPS://",
    "http:/",
    "www.",
    "WwW.",
    "pic.twitter.com/",
    "t.co/",
    "T.CO/",
    "bit.ly/",
    "youtu.be/",
    "x.com/",
    "www.facebook.com/",
    "instagram.com",
    "/",
    ".",
    "@",
    "-",
    "_",
    "?",
    "=",
    "#",
    " ",
    "\n",
    "\u00a0",
    "«",
    "»",
    '"',
    "<",
    ">",
    "(",
    ")",
    "abc",
    "Q7",
    "غزة",
    "و",
    "٢٠٢٣",
    ":",
    "w.",
    "W.",
    "ww",
    "wW",
    "WW.",
    ".w",
    "ſ",
]
url_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _oracle(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in ORACLE.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(url_text)
def test_branches_merge_like_the_alternation(text: str) -> None:
    assert list(_url_spans(text)) == _oracle(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "انظر https://www.example.com/a?b=1 و www.news.ma/x و t.co/AbC",
        "pic.twitter.com/xyz http://t.co/abc www.x.com/a/www.y",
        "http:// www.a «https://b.c/d» (bit.ly/q) @t.co/x /t.co/y",
        "https://a.b/www.c.d t.co/e" * 50,
    ],
)
def test_branch_examples(text: str) -> None:
    assert list(_url_spans(text)) == _oracle(text)


@settings(max_examples=600, deadline=None)
@given(url_text)
def test_branches_skipped_only_when_they_cannot_match(text: str) -> None:
    found = [[m.span() for m in matches] for matches in _branch_matches(text)]
    assert found == [[m.span() for m in branch.finditer(text)] for branch in _URL_BRANCHES]


LINK_PIECES = [
    *PIECES,
    "pic.twitter.com/AbC123",
    "PIC.Twitter.COM/x",
    "t.co/" + "a" * 39,
    "t.co/" + "Z" * 40,
    "t.co/" + "9" * 41,
    "pic.twitter.com/" + "k" * 40 + " . ،",
    "ـ",
    "\u212a",  # Kelvin sign: matches k under IGNORECASE
    "،،",
    ". ",
    "xt.co/a",
]
link_text = st.lists(st.sampled_from(LINK_PIECES), max_size=25).map("".join)


@settings(max_examples=800, deadline=None)
@given(link_text, st.integers(0, 30), st.integers(0, 5))
def test_tweet_link_end_searches_like_the_whole_line(text: str, cut: int, trim: int) -> None:
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - trim)
    found = _tweet_link_end(text, start, end)
    expected = _TWEET_LINK_END.search(text, start, end)
    assert (found and (found.span(), found.group("pic"))) == (
        expected and (expected.span(), expected.group("pic"))
    )
