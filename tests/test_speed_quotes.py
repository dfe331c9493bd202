"""Shortcuts of the quote extractor equal the code they replace.

* :func:`newslab.extract.quotes._literal_hits` finds a role phrase with ``str.find``;
  the oracle is ``re.finditer`` of the escaped phrase over the slice.
* :func:`newslab.extract.quotes.pair_marks` takes the marks' positions from its caller;
  the oracle lets it scan for them itself.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import normalize
from newslab.extract.quotes import _MARKS, _literal_hits, pair_marks

PIECES = ["الوزير", "وزير", "الدفاع", "وزير الدفاع", " ", "  ", "\n", "،", "ال", "ر", "رر"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30),
    st.sampled_from(["الوزير", "وزير الدفاع", "رر", "ر", "ال ال"]),
    st.integers(-5, 80),
    st.integers(0, 300),
)
def test_literal_hits_match_finditer_of_the_escaped_phrase(
    pieces: list[str], needle: str, window: int, reach: int
) -> None:
    text = "".join(pieces)
    start = max(0, window)
    end = start + reach
    got = [(h.start(), h.end()) for h in _literal_hits(text, needle, start, end)]
    oracle = [
        (m.start() + start, m.end() + start)
        for m in re.finditer(re.escape(needle), text[start:end])
    ]
    assert got == oracle


MARK_PIECES = ['"', "'", "«", "»", "“", "”", "‘", "’", "قال", " ", "\n", "\u064e", "x", "ـ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARK_PIECES), max_size=40))
def test_pair_marks_with_given_positions_equals_its_own_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    nt = normalize(text)
    marks = [m.start() for m in _MARKS.finditer(nt.text)]
    spans = nt.to_original_spans([(i, i) for i in marks])
    behind = dict(zip(marks, (s for s, _ in spans), strict=True))

    def original_char(i: int) -> str:
        return text[behind[i]]

    assert pair_marks(nt.text, original_char, marks) == pair_marks(nt.text, original_char)
