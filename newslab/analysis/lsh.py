"""Candidate pairs of similar token sets with MinHash LSH, never all pairs.

Used by reuse detection: every passage is hashed once and pairs are proposed only when
their MinHash signatures agree on a whole band, so the work grows with the number of
items and the number of true neighbours, not with the square of the corpus size.

Everything is vectorised with numpy, because a corpus of 100,000 articles holds
millions of passages and tens of millions of words:

* :func:`token_hashes` gives each distinct token a stable 64-bit hash (BLAKE2b);
* :func:`signatures` computes the MinHash signatures of many sets at once with
  multiply-add-shift universal hashing, one matrix operation per batch of tokens;
* :func:`signature_pairs` cuts signatures into bands, sorts each band's keys and pairs
  the items of every run of equal keys; candidates whose estimated similarity
  (share of equal signature values) is clearly below the threshold are dropped.

Two measures:

* ``jaccard``: pairs of sets of similar size and content;
* ``containment``: pairs where at least ``threshold`` of the smaller set lies in the
  larger one, which is what a sentence copied into a longer sentence looks like. Sets
  are put in size classes; each pair of classes is banded with the band shape fitted
  to the Jaccard similarity that sets of their sizes have at that containment (the
  idea of LSH Ensemble, Zhu et al. 2016). Size ratios at which that Jaccard
  similarity falls below :data:`MIN_JACCARD` are not searched: MinHash cannot tell
  such pairs from sets that share a few common words.

Band shapes favour recall (:data:`RECALL_WEIGHT`): a pair at the threshold is proposed
more often than the usual equal weighting would, and the false candidates this costs
are mostly removed by the similarity estimate before anyone aligns them.

Candidates are only candidates: callers confirm each one with an exact alignment.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Hashable, Iterable, Sequence
from functools import lru_cache

import numpy as np

__all__ = [
    "MEASURES",
    "MIN_JACCARD",
    "band_shape",
    "candidate_pairs",
    "shingles",
    "signature_pairs",
    "signatures",
    "token_hashes",
]

#: Seed of the MinHash permutations: fixed, so results are the same in every run.
SEED = 20220719
MEASURES = ("containment", "jaccard")
#: Lowest Jaccard similarity a containment search goes down to (see the module notes).
MIN_JACCARD = 0.1
#: Weight of missed pairs against false candidates when fitting band shapes: callers
#: confirm every candidate, so a miss costs more than a false candidate.
RECALL_WEIGHT = 0.7
#: Ratio between the upper and lower bounds of a size class (containment measure).
SIZE_CLASS_RATIO = 1.25
#: Tokens hashed per matrix operation in :func:`signatures` (bounds the memory used).
TOKENS_PER_BATCH = 1 << 16
#: Pair codes gathered before duplicates are removed (bounds the memory used).
PAIRS_PER_FLUSH = 1 << 22
_MIX = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(32)


def shingles(tokens: Sequence[str], n: int) -> set[str]:
    """Word ``n``-grams of ``tokens`` (the whole sequence when it is shorter than ``n``)."""
    if n <= 1:
        return set(tokens)
    if len(tokens) <= n:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def token_hashes(tokens: Iterable[str]) -> np.ndarray:
    """A stable 64-bit hash of each token (same in every run and on every machine)."""
    digests = b"".join(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest() for t in tokens)
    return np.frombuffer(digests, dtype="<u8").astype(np.uint64)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def signatures(
    hashes: np.ndarray, starts: np.ndarray, *, num_perm: int = 128, seed: int = SEED
) -> np.ndarray:
    """MinHash signatures (``len(starts)`` x ``num_perm``, uint32) of many token sets.

    ``hashes`` holds the 64-bit token hashes of all sets one after the other; set ``k``
    is ``hashes[starts[k]:starts[k + 1]]`` (the last one runs to the end); no set may
    be empty. Permutation ``p`` maps the top 32 bits ``x`` of a hash to
    ``(a_p * x + b_p) >> 32`` (mod 2**64), a strongly universal family.
    """
    hashes = np.asarray(hashes, dtype=np.uint64)
    starts = np.asarray(starts, dtype=np.int64)
    n = len(starts)
    out = np.empty((n, num_perm), dtype=np.uint32)
    if n == 0:
        return out
    ends = np.append(starts[1:], len(hashes))
    if np.any(ends <= starts):
        raise ValueError("signatures: every token set must hold at least one token")
    a, b = _permutations(num_perm, seed)
    keys = hashes >> _SHIFT
    first = 0
    while first < n:
        # as many whole sets as fit in one batch of tokens (at least one set)
        last = int(np.searchsorted(starts, starts[first] + TOKENS_PER_BATCH, side="right"))
        last = max(last, first + 1)
        lo, hi = starts[first], ends[last - 1]
        values = ((keys[lo:hi, None] * a + b) >> _SHIFT).astype(np.uint32)
        out[first:last] = np.minimum.reduceat(values, starts[first:last] - lo, axis=0)
        first = last
    return out


def _collision_probability(similarity: np.ndarray, bands: int, rows: int) -> np.ndarray:
    return 1.0 - (1.0 - similarity**rows) ** bands


@lru_cache(maxsize=256)
def band_shape(
    threshold: float, num_perm: int = 128, recall_weight: float = 0.5
) -> tuple[int, int]:
    """``(bands, rows)`` that best separate Jaccard similarities below and above ``threshold``.

    Minimises ``(1 - w) * false positives + w * false negatives`` (``w`` =
    ``recall_weight``), each the area under the probability of being proposed on its
    side of the threshold, over all shapes with ``bands * rows <= num_perm``.
    """
    grid = np.linspace(0.0, 1.0, 2001)
    below, above = grid <= threshold, grid >= threshold
    best, best_cost = (num_perm, 1), math.inf
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        p = _collision_probability(grid, bands, rows)
        cost = (1 - recall_weight) * np.trapezoid(p[below], grid[below]) + recall_weight * (
            np.trapezoid(1 - p[above], grid[above])
        )
        if cost < best_cost:
            best, best_cost = (bands, rows), cost
    return best


def _lowest_jaccard(containment: float, size_ratio: float) -> float:
    """Jaccard similarity of a set ``size_ratio`` times the other's size, ``containment`` inside it."""
    inter = containment * size_ratio
    return inter / (1 + size_ratio - inter)


def _band_keys(signature: np.ndarray, band: int, rows: int) -> np.ndarray:
    key = np.zeros(len(signature), dtype=np.uint64)
    for column in range(band * rows, (band + 1) * rows):
        key = (key ^ signature[:, column].astype(np.uint64)) * _MIX
    return key


def _pairs_in_runs(items: np.ndarray, keys: np.ndarray, sides: np.ndarray, cross: bool):
    """Pairs of items sharing a key (input sorted by key, then side).

    With ``cross`` only pairs of a side-0 item and a side-1 item, else every pair.
    """
    n = len(keys)
    boundary = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    run_start = np.concatenate(([0], boundary))
    run_end = np.concatenate((boundary, [n]))
    keep = run_end - run_start > 1
    run_start, run_end = run_start[keep], run_end[keep]
    if not len(run_start):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    position = _ranges(run_start, run_end)
    run_end_of = np.repeat(run_end, run_end - run_start)
    if cross:
        side0 = sides[position] == 0
        first_side1 = np.repeat(
            run_start
            + np.add.reduceat(side0, np.cumsum(run_end - run_start) - (run_end - run_start)),
            run_end - run_start,
        )
        lo = np.where(side0, first_side1, run_end_of)
    else:
        lo = position + 1
    counts = run_end_of - lo
    left = np.repeat(items[position], counts)
    right = items[_ranges(lo, run_end_of)]
    return left, right


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, e) for s, e in zip(starts, ends)])`` without a Python loop."""
    counts = ends - starts
    total = int(counts.sum())
    return np.arange(total) - np.repeat(np.cumsum(counts) - counts - starts, counts)


def signature_pairs(
    signature: np.ndarray,
    sizes: np.ndarray,
    *,
    threshold: float = 0.5,
    measure: str = "containment",
) -> np.ndarray:
    """Row pairs ``(i, j)``, ``i < j``, of ``signature`` whose sets are probably similar.

    ``sizes`` are the numbers of distinct tokens of the sets (for ``containment``).
    Returns an ``m x 2`` int64 array sorted by ``i`` then ``j``.
    """
    _check(threshold, measure)
    signature = np.asarray(signature, dtype=np.uint32)
    sizes = np.asarray(sizes, dtype=np.int64)
    n, num_perm = signature.shape if signature.ndim == 2 else (0, 0)
    if n < 2:
        return np.empty((0, 2), dtype=np.int64)
    found = _PairSet(n, lambda pairs: _plausible(signature, sizes, pairs, threshold, measure))
    if measure == "jaccard":
        bands, rows = band_shape(round(threshold, 4), num_perm, RECALL_WEIGHT)
        everyone = np.arange(n)
        _band(signature, bands, rows, [(everyone, np.zeros(n, np.int64), None)], found)
    else:
        classes = np.floor(np.log(np.maximum(sizes, 1)) / math.log(SIZE_CLASS_RATIO)).astype(
            np.int64
        )
        for gap, (bands, rows) in _containment_shapes(threshold, num_perm, classes):
            if gap == 0:
                everyone = np.arange(n)
                _band(signature, bands, rows, [(everyone, classes, None)], found)
                continue
            small = np.flatnonzero(np.isin(classes + gap, classes))
            large = np.flatnonzero(np.isin(classes - gap, classes))
            groups = [(small, classes[small], 0), (large, classes[large] - gap, 1)]
            _band(signature, bands, rows, groups, found)
    return found.pairs()


def _containment_shapes(threshold: float, num_perm: int, classes: np.ndarray):
    """(class gap, band shape) for every gap between populated size classes worth searching.

    The shape is fitted to the Jaccard similarity of a pair at the containment threshold
    whose size ratio is the middle one for the gap (``SIZE_CLASS_RATIO ** -(gap + 0.5)``).
    """
    present = np.unique(classes)
    gaps = np.unique(present[:, None] - present[None, :])
    for gap in gaps[gaps >= 0]:
        ratio = SIZE_CLASS_RATIO ** -(int(gap) + 0.5)  # middle size ratio of the two classes
        lowest = _lowest_jaccard(threshold, ratio)
        if lowest < MIN_JACCARD:
            break
        yield int(gap), band_shape(round(lowest, 4), num_perm, RECALL_WEIGHT)


class _PairSet:
    """Distinct pairs ``i < j`` of ``n`` items that pass ``accept``, gathered in chunks.

    Pairs are kept as int64 codes ``i * n + j``; duplicates are removed and ``accept``
    (a mask function of an ``m x 2`` array) applied whenever the pending chunks grow
    past :data:`PAIRS_PER_FLUSH`, so memory stays bounded however many bands collide.
    """

    def __init__(self, n: int, accept) -> None:
        self.n = n
        self.accept = accept
        self.chunks: list[np.ndarray] = []
        self.pending = 0

    def add(self, left: np.ndarray, right: np.ndarray) -> None:
        keep = left != right
        left, right = left[keep], right[keep]
        self.chunks.append(np.minimum(left, right) * self.n + np.maximum(left, right))
        self.pending += len(left)
        if self.pending > PAIRS_PER_FLUSH:
            self.chunks = [self._flush()]
            self.pending = 0

    def _flush(self) -> np.ndarray:
        codes = np.unique(np.concatenate(self.chunks))
        pairs = np.stack((codes // self.n, codes % self.n), axis=1)
        return codes[self.accept(pairs)]

    def pairs(self) -> np.ndarray:
        codes = self._flush() if self.chunks else np.empty(0, np.int64)
        return np.stack((codes // self.n, codes % self.n), axis=1)


def _band(signature, bands: int, rows: int, groups, found: _PairSet) -> None:
    """Propose the pairs of items of ``groups`` that share a band key and a group tag.

    Each group is ``(items, tags, side)``; with two sides only pairs across the sides
    are proposed, with one side (``None``) every pair.
    """
    items = np.concatenate([g[0] for g in groups])
    if len(items) < 2:
        return
    tags = np.concatenate([g[1] for g in groups]).astype(np.uint64)
    sides = np.concatenate([np.full(len(g[0]), g[2] or 0, dtype=np.int8) for g in groups])
    cross = len(groups) > 1
    # the side is the key's lowest bit, so one sort groups equal keys, side 0 first
    tag_mix = (tags * _MIX) & ~np.uint64(1) | sides.astype(np.uint64)
    selected = signature[items]
    for band in range(bands):
        keys = (_band_keys(selected, band, rows) & ~np.uint64(1)) ^ tag_mix
        order = np.argsort(keys)
        grouped = keys[order] >> np.uint64(1)
        left, right = _pairs_in_runs(items[order], grouped, sides[order], cross)
        if len(left):
            found.add(left, right)


def _plausible(signature, sizes, pairs, threshold, measure, chunk: int = 1 << 16) -> np.ndarray:
    """Mask of pairs whose estimated similarity is not clearly below ``threshold``.

    The share of equal signature values estimates the Jaccard similarity with a
    standard error of ``sqrt(J (1 - J) / num_perm)``; a pair is dropped only when the
    estimate is two standard errors below what the threshold requires.
    """
    keep = np.ones(len(pairs), dtype=bool)
    num_perm = signature.shape[1]
    for lo in range(0, len(pairs), chunk):
        i, j = pairs[lo : lo + chunk, 0], pairs[lo : lo + chunk, 1]
        estimate = (signature[i] == signature[j]).mean(axis=1)
        if measure == "jaccard":
            needed = np.full(len(i), threshold)
        else:
            small = np.minimum(sizes[i], sizes[j])
            large = np.maximum(sizes[i], sizes[j])
            needed = _lowest_jaccard(threshold, small / np.maximum(large, 1))
        tolerance = 2 * np.sqrt(needed * (1 - needed) / num_perm)
        keep[lo : lo + chunk] = estimate >= needed - tolerance
    return keep


def _check(threshold: float, measure: str) -> None:
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")


def candidate_pairs(
    items: Iterable[tuple[Hashable, set[str]]],
    *,
    threshold: float = 0.5,
    measure: str = "containment",
    num_perm: int = 128,
) -> set[tuple[Hashable, Hashable]]:
    """Pairs ``(key_a, key_b)`` (``key_a < key_b``) whose sets are probably similar.

    ``measure="containment"``: the smaller set has at least ``threshold`` of its
    elements in the other; ``"jaccard"``: Jaccard similarity at least ``threshold``.
    Keys must be sortable and unique; empty sets are skipped.
    """
    _check(threshold, measure)
    keys: list[Hashable] = []
    tokens: list[str] = []
    starts: list[int] = []
    for key, token_set in items:
        if token_set:
            keys.append(key)
            starts.append(len(tokens))
            tokens.extend(token_set)
    if len(keys) < 2:
        return set()
    vocabulary = {t: k for k, t in enumerate(dict.fromkeys(tokens))}
    hashes = token_hashes(vocabulary)[[vocabulary[t] for t in tokens]]
    signature = signatures(hashes, np.array(starts), num_perm=num_perm)
    sizes = np.diff(np.append(starts, len(tokens)))
    pairs = signature_pairs(signature, sizes, threshold=threshold, measure=measure)
    out = set()
    for i, j in pairs.tolist():
        a, b = keys[i], keys[j]
        out.add((a, b) if a < b else (b, a))
    return out
