"""Oracle for the entity extractor's flat layer: :func:`_select` (candidates split into
groups linked by overlaps, each group settled on its own) keeps the very candidates,
in the same order, as the previous single greedy pass over all of them (sorted by
length, priority, start and label, kept when they overlap no kept candidate).

Candidates are drawn dense on a short text so that they overlap, nest, repeat the same
span, tie on every sort key, are empty or reversed, or carry a label that is not kept.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.entities import _select
from newslab.extract.entity_rules import Candidate
from newslab.extract.gazetteer import LABELS


def _old_select(cands: Sequence[Candidate]) -> list[Candidate]:
    """The previous code: one greedy pass, kept spans held sorted with bisect."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.label))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in order:
        if c.end <= c.start or c.label not in LABELS:
            continue
        i = bisect.bisect_right(starts, c.start)
        if i and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.insert(i, c)
    return kept


@st.composite
def candidates(draw: st.DrawFn) -> list[Candidate]:
    size = draw(st.integers(1, 60))
    out = []
    for n in range(draw(st.integers(0, 40))):
        start = draw(st.integers(0, size))
        end = start + draw(st.integers(-2, 12))
        label = draw(st.sampled_from(["PER", "PER", "GPE", "ORG", "LOC", "MISC", "PER?"]))
        priority = draw(st.integers(0, 3))
        out.append(Candidate(start, end, label, f"v{n}", "gazetteer", priority))
        if draw(st.booleans()):  # the same span again (gazetteer + rule + propagation)
            label = draw(st.sampled_from([label, "GPE", "ORG"]))
            out.append(Candidate(start, end, label, f"w{n}", "title", priority))
    return out


@settings(max_examples=600, deadline=None)
@given(candidates())
def test_select_keeps_what_one_greedy_pass_keeps(cands: list[Candidate]) -> None:
    expected = _old_select(cands)
    got = _select(cands)
    assert [id(c) for c in got] == [id(c) for c in expected]


def test_select_keeps_the_first_of_equal_candidates_and_the_longest_of_nested_ones() -> None:
    first = Candidate(0, 5, "PER", "أ", "gazetteer", 3)
    twin = Candidate(0, 5, "PER", "ب", "title", 3)
    inner = Candidate(1, 4, "ORG", "ج", "org", 9)
    apart = Candidate(6, 9, "GPE", "د", "gazetteer", 1)
    empty = Candidate(9, 9, "GPE", "هـ", "gazetteer", 9)
    assert _select([inner, apart, twin, first, empty]) == [twin, apart]
    assert _select([first, twin, inner]) == [first]
