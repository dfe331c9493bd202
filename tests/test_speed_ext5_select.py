"""Oracle for the entity extractor's flat layer leaving out repeated spans.

:func:`_select` now leaves out a candidate with the same span as the one before it (in
start order) when it ranks no higher. The layer must stay the one of the previous single
greedy pass over every candidate (sorted by length, priority, start and label, kept when
it overlaps no kept candidate), the very same candidate objects in the same order.

Candidates are drawn dense on a short text and repeated with the same span two or three
times, with higher, equal and lower priorities and labels on either side of each other,
as the gazetteer, the rules and propagation find one name several times.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_ext2_select import _old_select  # the oracle: the greedy bisect pass

from newslab.extract.entities import _select
from newslab.extract.entity_rules import Candidate

_LABELS = ["PER", "PER", "GPE", "ORG", "LOC", "EVENT", "MISC", "PER?"]


@st.composite
def repeated_candidates(draw: st.DrawFn) -> list[Candidate]:
    size = draw(st.sampled_from([4, 8, 16, 40]))  # a short text: dense chains of overlaps
    out = []
    for n in range(draw(st.integers(0, 30))):
        start = draw(st.integers(0, size))
        end = start + draw(st.integers(-1, 10))
        for r in range(draw(st.integers(1, 3))):  # the same span found once to three times
            label = draw(st.sampled_from(_LABELS))
            priority = draw(st.integers(0, 4))
            out.append(Candidate(start, end, label, f"v{n}.{r}", "rule", priority))
    if draw(st.booleans()):
        out = draw(st.permutations(out))
    return out


@settings(max_examples=800, deadline=None)
@given(repeated_candidates())
def test_select_keeps_what_one_greedy_pass_keeps(cands: list[Candidate]) -> None:
    assert [id(c) for c in _select(cands)] == [id(c) for c in _old_select(cands)]


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([(0, 5), (3, 6), (5, 6)], [(0, 5), (5, 6)]),  # the longest does not cover the group
        ([(0, 5), (1, 3), (2, 5)], [(0, 5)]),  # it does
        ([(2, 6), (0, 3), (5, 8)], [(2, 6)]),  # the longest, in the middle, refuses both
        ([(0, 4), (0, 4), (3, 4)], [(0, 4)]),
    ],
)
def test_groups_with_and_without_a_covering_candidate(
    spans: list[tuple[int, int]], kept: list[tuple[int, int]]
) -> None:
    cands = [Candidate(s, e, "ORG", f"v{i}", "rule", 3) for i, (s, e) in enumerate(spans)]
    assert [(c.start, c.end) for c in _select(cands)] == kept
    assert _select(cands) == _old_select(cands)


def _twins(*ranks: tuple[int, str]) -> list[Candidate]:
    return [Candidate(3, 8, label, f"v{i}", "rule", p) for i, (p, label) in enumerate(ranks)]


@pytest.mark.parametrize(
    ("ranks", "kept"),
    [
        ([(6, "PER"), (3, "PER")], 0),  # a rule's name, then its propagation
        ([(3, "PER"), (6, "PER")], 1),  # the higher priority comes later
        ([(3, "PER"), (3, "PER")], 0),  # a full tie: the first
        ([(3, "PER"), (3, "GPE")], 1),  # a tie on priority: the label decides
        ([(3, "GPE"), (3, "PER")], 0),
        ([(3, "PER"), (2, "PER"), (9, "ORG")], 2),  # the third beats both
        ([(3, "PER?"), (2, "PER")], 1),  # a label that is not kept never hides a twin
    ],
)
def test_the_best_ranked_of_equal_spans_is_kept(ranks: list[tuple[int, str]], kept: int) -> None:
    twins = _twins(*ranks)
    before = Candidate(0, 4, "GPE", "x", "gazetteer", 5)  # overlaps the twins, shorter
    assert _select(twins) == [twins[kept]]
    assert _select([before, *twins]) == [twins[kept]]
