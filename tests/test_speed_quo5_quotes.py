"""The quote extractor maps the entity table's columns to normalised offsets a run per
segment of the normalisation map (:func:`_normalized_columns`) instead of one offset at
a time: ``NormalizedText.to_normalized_many`` of the same offsets is the oracle.

Texts mix letters, blanks and what normalisation deletes (harakat, tatweel, invisible
characters) or expands (presentation-form ligatures); offsets are sorted starts with
ends that rise, or not, or go past the end.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import normalize
from newslab.extract.quotes import _normalized_columns

PIECES = [
    "قال",
    "الوزير",
    " ",
    "\n",
    "a",
    "\u064e",  # fatha: deleted
    "\u0651",  # shadda: deleted
    "ـ",  # tatweel: deleted
    "\u200c",  # zero-width non-joiner: deleted
    "\ufefb",  # lam-alef ligature: expanded
    "\ufdfa",  # a phrase ligature: expanded to several words
    "أ",
    "«",
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@st.composite
def columns(draw: st.DrawFn) -> tuple[str, list[int], list[int]]:
    text = draw(texts)
    limit = len(text) + 3  # a few offsets past the end
    starts = sorted(draw(st.lists(st.integers(0, limit), max_size=12)))
    if draw(st.booleans()):  # ends rising with the starts, as flat entity spans have them
        lengths = draw(st.lists(st.integers(0, 6), min_size=len(starts), max_size=len(starts)))
        ends = sorted(s + n for s, n in zip(starts, lengths, strict=True))
    else:
        ends = draw(st.lists(st.integers(0, limit), min_size=len(starts), max_size=len(starts)))
    return text, starts, ends


@settings(max_examples=1500, deadline=None)
@given(columns())
def test_columns_map_as_to_normalized_many(case: tuple[str, list[int], list[int]]) -> None:
    text, starts, ends = case
    nt = normalize(text)
    expected = nt.to_normalized_many(starts + ends)
    assert _normalized_columns(nt, starts, ends) == (
        expected[: len(starts)],
        expected[len(starts) :],
    )


@pytest.mark.parametrize(
    ("text", "starts", "ends"),
    [
        ("ـقال", [0, 1], [1, 4]),  # inside deletions at the very start
        ("قاــل الوزير", [0, 6], [5, 12]),  # an end inside deleted characters
        ("\ufefbم قال", [0, 1, 3], [1, 2, 6]),  # an expansion
        ("قال", [0, 2], [3, 9]),  # past the end
        ("قال", [], []),
    ],
)
def test_examples(text: str, starts: list[int], ends: list[int]) -> None:
    nt = normalize(text)
    expected = nt.to_normalized_many(starts + ends)
    assert _normalized_columns(nt, starts, ends) == (
        expected[: len(starts)],
        expected[len(starts) :],
    )


def test_a_negative_offset_is_refused_as_before() -> None:
    nt = normalize("قَال")
    with pytest.raises(IndexError):
        nt.to_normalized_many([0, -1])
    with pytest.raises(IndexError):
        _normalized_columns(nt, [0], [-1])
