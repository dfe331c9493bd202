"""Digits inside a Latin word are judged as before when the text read holds no punctuation.

:func:`~newslab.extract.date_grammar._digits_in_latin_word` now reads the positions
after punctuation only when the text since the last digits it skipped holds a
character that is neither a letter nor a digit (``7b0`` in ``f7b0b7d2`` holds none).
The old function is kept here as the oracle, on links, ids and words glued to
punctuation, for every run of digits and every earlier run as the text already read.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract import date_grammar as grammar


def _old_digits_in_latin_word(
    text: str, at: int, word_start: int, checked: int, floor: int
) -> bool:
    if checked == word_start:
        first = text[word_start]
        if not ("a" <= first <= "z" or "A" <= first <= "Z"):
            return False
        if grammar._latin_word_start().match(text, word_start) is not None:
            return False
        window_start = max(floor, at - grammar._WINDOW)
    else:
        window_start = max(floor, checked)
    digits_first = grammar._digits_first_re().match
    for start in grammar._after_punctuation(text, checked, at):
        if digits_first(text, start) is not None:
            return False
    return grammar._TRIGGERLESS_RE.search(text, window_start, at) is None


_LINKS = [
    "pic.twitter.com/86b97ee8",
    "https://t.co/a1b2/7",
    "x.June3",
    "ab.12.5",
    "id7b0b7d2",
    "q(12",
    "May5-6",
    "v2.0/12/2022",
    "abc,5 ",
    "Jan/5",
    "a1(آب)2",
    "x9عام3",
]
_piece = st.one_of(
    st.sampled_from(_LINKS),
    st.text(alphabet="abcxyzMJ0123456789./-(),:", min_size=1, max_size=12),
)
_link_text = st.lists(st.tuples(_piece, st.sampled_from([" ", "", "  ", " في "])), max_size=6).map(
    lambda parts: "a" + "".join(piece + gap for piece, gap in parts)
)


@settings(max_examples=400, deadline=None)
@given(_link_text, st.data())
def test_digits_in_latin_word_equals_the_old_one(text: str, data: st.DataObject) -> None:
    runs = [found.start() for found in re.finditer(r"\d+", text)]
    for index, at in enumerate(runs):
        word_start = grammar._Backwards(text).word_start(at, 0)
        if not "A" <= text[word_start] <= "z":
            continue
        earlier = [r for r in runs[:index] if r >= word_start]
        floor = data.draw(st.integers(0, at), label="floor")
        for checked in [word_start, *earlier]:
            args = (text, at, word_start, checked, floor)
            assert grammar._digits_in_latin_word(*args) == _old_digits_in_latin_word(*args), args
