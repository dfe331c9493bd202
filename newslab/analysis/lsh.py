"""Candidate pairs of similar token sets with MinHash LSH (datasketch), never all pairs.

Used by reuse detection (passages) and quote grouping: each item is hashed once, put
in an LSH index, and queried for neighbours, so the work grows with the number of
items and the number of true neighbours, not with the square of the corpus size.
Two measures:

* ``containment`` (:class:`datasketch.MinHashLSHEnsemble`): pairs where most of the
  smaller set lies in the larger one, which is what a sentence copied into a longer
  sentence, or a trimmed quotation, looks like;
* ``jaccard`` (:class:`datasketch.MinHashLSH`): pairs of sets of similar size and
  content.

Candidates are only candidates: callers confirm each one with an exact alignment.
"""

from __future__ import annotations

import zlib
from collections.abc import Hashable, Iterable, Sequence

from datasketch import LeanMinHash, MinHash, MinHashLSH, MinHashLSHEnsemble

__all__ = ["candidate_pairs", "shingles"]

#: Seed of the MinHash permutations: fixed, so results are the same in every run.
SEED = 20220719
MEASURES = ("containment", "jaccard")


def shingles(tokens: Sequence[str], n: int) -> set[str]:
    """Word ``n``-grams of ``tokens`` (the whole sequence when it is shorter than ``n``)."""
    if n <= 1:
        return set(tokens)
    if len(tokens) <= n:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _hash(item: bytes) -> int:
    return zlib.crc32(item)


def _signature(template: MinHash, tokens: set[str]) -> LeanMinHash:
    m = template.copy()
    m.update_batch([t.encode("utf-8") for t in tokens])
    return LeanMinHash(m)


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
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    template = MinHash(num_perm=num_perm, seed=SEED, hashfunc=_hash)
    if measure == "jaccard":
        return _jaccard_pairs(items, template, threshold, num_perm)
    return _containment_pairs(items, template, threshold, num_perm)


def _jaccard_pairs(items, template, threshold, num_perm):
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    pairs: set[tuple[Hashable, Hashable]] = set()
    # Query, then insert: every pair is found once, from its later item, and no
    # signature has to be kept besides the ones inside the index.
    for key, tokens in items:
        if not tokens:
            continue
        signature = _signature(template, tokens)
        for other in lsh.query(signature):
            pairs.add((key, other) if key < other else (other, key))
        lsh.insert(key, signature, check_duplication=False)
    return pairs


def _containment_pairs(items, template, threshold, num_perm):
    entries = [(key, _signature(template, tokens), len(tokens)) for key, tokens in items if tokens]
    if len(entries) < 2:
        return set()
    # Few partitions for small inputs: each partition needs enough sets to be useful.
    num_part = max(1, min(16, len(entries) // 64))
    index = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm, num_part=num_part)
    index.index(entries)
    pairs: set[tuple[Hashable, Hashable]] = set()
    for key, signature, size in entries:
        for other in index.query(signature, size):
            if other != key:
                pairs.add((key, other) if key < other else (other, key))
    return pairs
