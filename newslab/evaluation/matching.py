"""Span matching: one-to-one greedy pairing by character IoU, and character coverage.

Two spans match when their character overlap divided by their union is at least the
threshold (0.5 by the gold convention). Pairs are taken greedily, best IoU first, so
each gold span and each predicted span is used at most once; ties go to the earlier
spans, which keeps results deterministic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["covered_chars", "greedy_match", "iou", "overlap"]

THRESHOLD = 0.5


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters the half-open ranges ``a`` and ``b`` share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character overlap / union of two ``(start, end)`` ranges (0.0 for empty ranges)."""
    inter = overlap(a, b)
    if not inter:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union


def greedy_match(
    gold: Sequence[tuple[int, int]],
    pred: Sequence[tuple[int, int]],
    *,
    threshold: float = THRESHOLD,
    compatible: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """Pair gold and predicted ranges one to one; returns ``(gold_i, pred_j, iou)``.

    ``compatible(i, j)`` may forbid a pair (e.g. different entity types). Only pairs
    with IoU >= ``threshold`` are considered. Runs in about O((n + m) log m + pairs).
    """
    order = sorted(range(len(pred)), key=lambda j: (pred[j][0], pred[j][1]))
    starts = [pred[j][0] for j in order]
    longest = max((pred[j][1] - pred[j][0] for j in order), default=0)
    candidates: list[tuple[float, int, int]] = []
    for i, (g_start, g_end) in enumerate(gold):
        # a predicted range overlapping [g_start, g_end) starts after g_start - longest
        k = bisect_left(starts, g_start - longest)
        while k < len(order) and starts[k] < g_end:
            j = order[k]
            k += 1
            score = iou((g_start, g_end), pred[j])
            if score >= threshold and score > 0 and (compatible is None or compatible(i, j)):
                candidates.append((-score, i, j))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for neg_score, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j, -neg_score))
    pairs.sort()
    return pairs


def covered_chars(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ranges as sorted, disjoint ``(start, end)`` intervals."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def intersection_size(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    """Characters shared by two lists of disjoint sorted intervals."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        total += overlap(a[i], b[j])
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def size(intervals: Sequence[tuple[int, int]]) -> int:
    return sum(e - s for s, e in intervals)


def best_overlap(target: tuple[int, int], others: Sequence[tuple[int, int]]) -> Any:
    """Index of the range in ``others`` overlapping ``target`` most (by IoU), or None."""
    best, best_score = None, 0.0
    for index, other in enumerate(others):
        score = iou(target, other)
        if score > best_score:
            best, best_score = index, score
    return best
