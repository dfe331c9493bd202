"""URL search by branches equals the single alternation it replaces.

:func:`newslab.extract.social._url_spans` searches the three kinds of URL apart and
merges them; the alternation of the three (the pattern used before) is the oracle.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.social import _SHORT_HOSTS, _url_spans

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
