"""Batched offset mapping: ``to_original_spans`` gives what ``to_original_span`` gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic import normalize

# Letters, diacritics, tatweel, invisibles, a ligature that expands, spaces.
ALPHABET = "بمراكشالعلنسيو \u064e\u0651\u0652\u0640\u200f\ufefb\ufdf2\n"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "قال الوزير",  # aligned: nothing deleted
        "مَدْرَسَةٌ جَدِيدَةٌ",  # marks after letters
        "الســـلام عليكـم",  # tatweel runs
        "ﻻ ﻷن ﷲ أكبر",  # ligatures expand
        "\u200fمراكش\u200e",  # invisibles at both ends
    ],
)
def test_batch_matches_single_calls(text: str) -> None:
    nt = normalize(text)
    size = len(nt.text)
    pairs = [(s, e) for s in range(size + 2) for e in range(max(0, s - 1), size + 3)]
    assert nt.to_original_spans(pairs) == [nt.to_original_span(s, e) for s, e in pairs]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.data())
def test_batch_matches_single_calls_on_any_text(text: str, data: st.DataObject) -> None:
    nt = normalize(text)
    offset = st.integers(0, len(nt.text) + 2)
    pairs = data.draw(st.lists(st.tuples(offset, offset), max_size=20))
    assert nt.to_original_spans(pairs) == [nt.to_original_span(s, e) for s, e in pairs]


@pytest.mark.parametrize("text", ["قال الوزير", "الســـلام"])
def test_negative_offsets_are_an_error(text: str) -> None:
    with pytest.raises(IndexError, match="-1"):
        normalize(text).to_original_spans([(0, 2), (-1, 3)])


@pytest.mark.parametrize(
    "text",
    ["قالَ الوزيرُ «نعم»", "ﻻ بد من الحوار", "\u200fكتب\u200e فلان ـــ اليوم", "plain text", ""],
)
def test_to_normalized_many_equals_one_by_one(text):
    nt = normalize(text)
    offsets = list(range(len(text) + 2))[::-1]  # any order, past the end included
    assert nt.to_normalized_many(offsets) == [nt.to_normalized(o) for o in offsets]
