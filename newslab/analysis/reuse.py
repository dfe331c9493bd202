"""Text reuse: near-duplicate passages between articles and inside one article.

Every article is cut into passages (paragraphs and sentences, with offsets into the
original text). Each passage becomes a set of word ``n``-grams over folded,
clitic-free words, hashed with MinHash; LSH bands propose candidate pairs
(:func:`newslab.analysis.lsh.signature_pairs`), so passages are never compared all
against all. Each candidate is confirmed by a word-level alignment
(:class:`difflib.SequenceMatcher`), which also gives the offsets of the shared part in
both texts. :func:`reuse_matrix` turns the pairs into the share of each outlet's (or
article's) text found in another.

Built for archives of 100,000 articles and more (``benchmarks/bench_reuse.py``):
passages are tokenised once and kept as numpy arrays of token hashes, never as Python
objects per word; signatures and bands are computed a batch at a time; words that are
in a large share of the passages are left out of the signatures, so that the words of
the story every article tells do not make every pair a candidate; only candidates
are tokenised again, with offsets, for the alignment.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import regex

from newslab.analysis.inputs import articles_frame, check_spans
from newslab.analysis.lsh import signature_pairs, signatures, token_hashes
from newslab.analysis.text import match_key, paragraphs, sentences, stopwords
from newslab.arabic import normalize

__all__ = ["REUSE_COLUMNS", "find_reuse", "reuse_matrix"]

REUSE_COLUMNS = (
    "level",
    "article_a",
    "outlet_a",
    "start_a",
    "end_a",
    "article_b",
    "outlet_b",
    "start_b",
    "end_b",
    "similarity",
    "coverage_a",
    "coverage_b",
    "same_article",
    "first",
    "published_a",
    "published_b",
    "text_a",
    "text_b",
)

LEVELS = ("paragraph", "sentence")
#: Tokens in more than this share of a level's passages are left out of the MinHash
#: sets (see :meth:`_PassageSets.distinctive_sets`) ...
COMMON_SHARE = 0.01
#: ... when they are also in more than this many passages (small corpora keep all).
COMMON_MIN_PASSAGES = 100
#: Passages left with fewer distinctive tokens than this keep all of theirs.
MIN_DISTINCTIVE = 4
#: Words tokenised before they are hashed together (bounds the memory used).
WORDS_PER_BATCH = 1 << 20
_MIX = np.uint64(0x9E3779B97F4A7C15)
_STOP_BIT = np.uint64(1)
_WORD = regex.compile(r"[\p{L}\p{M}\p{Nd}]{1,200}")


@dataclass(frozen=True)
class _Passage:
    article: int  # row of the articles table
    level: str
    start: int
    end: int
    words: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]  # original offsets of each word


def find_reuse(
    corpus: Any,
    spans: pd.DataFrame | None = None,
    *,
    levels: Sequence[str] = LEVELS,
    min_words: int = 8,
    min_similarity: float = 0.8,
    shingle_size: int = 1,
    lsh_threshold: float = 0.5,
    num_perm: int = 128,
    ignore_boilerplate: bool = True,
    within_articles: bool = True,
) -> pd.DataFrame:
    """Near-duplicate passages between every pair of articles and inside each article.

    One row per confirmed pair, columns :data:`REUSE_COLUMNS`: the passage level, both
    articles and outlets, the offsets of the shared stretch in each text (first to last
    aligned word), ``similarity`` (Dice over the words of the two stretches),
    ``coverage_a``/``coverage_b`` (share of each whole passage's words aligned), and
    ``first``: the article published first when both dates are known and differ.
    Side ``a`` is the earlier article (by date, else corpus order; inside one article,
    the earlier offset).

    Candidates come from MinHash LSH over each passage's content words (word
    ``shingle_size``-grams without stop words, and without words found in more than
    :data:`COMMON_SHARE` of the passages), by containment (``lsh_threshold``: share of
    the smaller passage's words found in the other). A pair is kept when a stretch of
    at least ``min_words`` aligned words reaches ``similarity >= min_similarity``;
    words are compared folded and without attached conjunctions/prepositions.
    Passages shorter than ``min_words`` words are skipped;
    with ``ignore_boilerplate`` so are passages lying mostly inside ``boilerplate``
    spans or tweet embeds. A sentence pair inside a reported paragraph pair of the
    same two articles is not repeated.
    """
    unknown = [level for level in levels if level not in LEVELS]
    if unknown:
        raise ValueError(f"unknown passage level(s) {unknown}; use {', '.join(LEVELS)}")
    articles = articles_frame(corpus)
    ignored = _ignored_intervals(articles, spans) if ignore_boilerplate else {}
    rows: list[dict[str, Any]] = []
    for level in (lv for lv in LEVELS if lv in levels):
        found = _pairs_at_level(
            articles,
            level,
            ignored,
            min_words,
            min_similarity,
            shingle_size,
            lsh_threshold,
            num_perm,
            within_articles,
        )
        rows.extend(found)
    rows = _drop_nested(rows)
    table = pd.DataFrame(rows, columns=list(REUSE_COLUMNS))
    if len(table):
        table = table.sort_values(
            ["article_a", "start_a", "article_b", "start_b", "level"], kind="mergesort"
        ).reset_index(drop=True)
    return table.astype({c: "int64" for c in ("start_a", "end_a", "start_b", "end_b")})


def _pairs_at_level(
    articles: pd.DataFrame,
    level: str,
    ignored: dict[int, list[tuple[int, int]]],
    min_words: int,
    min_similarity: float,
    shingle_size: int,
    lsh_threshold: float,
    num_perm: int,
    within_articles: bool,
) -> list[dict[str, Any]]:
    texts = articles["text"].tolist()
    found = _PassageSets.collect(texts, level, ignored, min_words, shingle_size)
    hashes, starts, sizes = found.distinctive_sets()
    signature = signatures(hashes, starts, num_perm=num_perm)
    pairs = signature_pairs(signature, sizes, threshold=lsh_threshold)
    if not within_articles:
        pairs = pairs[found.article[pairs[:, 0]] != found.article[pairs[:, 1]]]
    passages: dict[int, _Passage] = {}

    def passage(k: int) -> _Passage:
        if k not in passages:
            row, start, end = int(found.article[k]), int(found.start[k]), int(found.end[k])
            words, offsets = _words_with_offsets(texts[row], start, end)
            passages[k] = _Passage(row, level, start, end, words, offsets)
        return passages[k]

    rows = []
    for i, j in pairs.tolist():
        a, b = passage(i), passage(j)
        row = _confirm(a, b, min_similarity, min_words)
        if row is not None:
            rows.append(_describe(row, a, b, articles))
    return rows


@dataclass
class _PassageSets:
    """The passages of one level long enough to compare, as arrays, with their token sets.

    Passage ``k`` is ``text[start[k]:end[k]]`` of article row ``article[k]``; its
    distinct content shingles, as 64-bit hashes, are
    ``tokens[token_starts[k]:token_starts[k + 1]]``. Words and their offsets are not
    kept (tens of millions in a large corpus): only candidates recompute theirs.
    """

    article: np.ndarray
    start: np.ndarray
    end: np.ndarray
    token_starts: np.ndarray
    tokens: np.ndarray

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(np.append(self.token_starts, len(self.tokens)))

    def distinctive_sets(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token hashes, set starts and set sizes for MinHash, without common tokens.

        A token found in more than :data:`COMMON_SHARE` of the passages (and in more
        than :data:`COMMON_MIN_PASSAGES`) is left out: in a corpus about one story the
        names and words of that story are in thousands of passages, say nothing about
        reuse, and would make nearly every pair of passages a candidate. A passage left
        with fewer than :data:`MIN_DISTINCTIVE` tokens keeps all of its own. The
        alignment that confirms candidates still compares every word.
        """
        sizes = self.sizes
        limit = max(COMMON_MIN_PASSAGES, COMMON_SHARE * len(sizes))
        if len(sizes) <= limit:  # no token can be in more passages than there are
            return self.tokens, self.token_starts, sizes
        _, inverse, counts = np.unique(self.tokens, return_inverse=True, return_counts=True)
        keep = counts[inverse] <= limit
        if not keep.all():
            kept = np.add.reduceat(keep.astype(np.int64), self.token_starts)
            keep |= np.repeat(kept < np.minimum(sizes, MIN_DISTINCTIVE), sizes)
            sizes = np.add.reduceat(keep.astype(np.int64), self.token_starts)
        return self.tokens[keep], np.cumsum(sizes) - sizes, sizes

    @classmethod
    def collect(
        cls,
        texts: list[str],
        level: str,
        ignored: dict[int, list[tuple[int, int]]],
        min_words: int,
        shingle_size: int,
    ) -> _PassageSets:
        """Cut, normalise and tokenise every passage; hash and deduplicate in batches."""
        vocabulary = _KeyHashes()
        columns: dict[str, list[np.ndarray]] = {k: [] for k in ("article", "start", "end", "sizes")}
        token_chunks: list[np.ndarray] = []
        bounds: list[tuple[int, int, int]] = []
        words: list[str] = []
        counts: list[int] = []

        def flush() -> None:
            if not bounds:
                return
            codes, uniques = pd.factorize(np.array(words, dtype=object))
            key_hashes = vocabulary.hashes(uniques)[codes]
            passage_tokens, sizes = _shingle_sets(key_hashes, np.array(counts), shingle_size)
            kept = sizes > 0  # passages of stop words only have nothing to compare
            for name, values in zip(columns, (*np.array(bounds).T, sizes), strict=True):
                columns[name].append(values[kept])
            token_chunks.append(passage_tokens)
            for pending in (bounds, words, counts):
                pending.clear()

        for row, text in enumerate(texts):
            skip = ignored.get(row, [])
            for start, end in paragraphs(text) if level == "paragraph" else sentences(text):
                if skip and _inside_share(start, end, skip) >= 0.5:
                    continue
                found = _WORD.findall(normalize(text[start:end], teh_marbuta=True, hamza=True).text)
                if len(found) >= min_words:
                    bounds.append((row, start, end))
                    words.extend(found)
                    counts.append(len(found))
            if len(words) >= WORDS_PER_BATCH:
                flush()
        flush()
        arrays = {k: np.concatenate(v) if v else np.empty(0, np.int64) for k, v in columns.items()}
        sizes = arrays.pop("sizes")
        tokens = np.concatenate(token_chunks) if token_chunks else np.empty(0, np.uint64)
        return cls(**arrays, token_starts=np.cumsum(sizes) - sizes, tokens=tokens)


class _KeyHashes:
    """Folded word -> 64-bit hash of its :func:`match_key`, computed once per word.

    The lowest bit is 1 for stop words and 0 otherwise (:data:`_STOP_BIT`).
    """

    def __init__(self) -> None:
        self.known: dict[str, int] = {}
        self.stop = stopwords()

    def hashes(self, words: Sequence[str]) -> np.ndarray:
        new = [w for w in words if w not in self.known]
        keys = [match_key(w) for w in new]
        for word, key, value in zip(new, keys, token_hashes(keys).tolist(), strict=True):
            self.known[word] = value | 1 if key in self.stop else value & ~1
        return np.fromiter((self.known[w] for w in words), dtype=np.uint64, count=len(words))


def _shingle_sets(key_hashes: np.ndarray, counts: np.ndarray, size: int):
    """Distinct shingle hashes of consecutive passages of ``counts`` words each, and set sizes.

    Single words that are stop words are left out; a shingle of several words hashes
    its words in order; a passage shorter than ``size`` is one shingle.
    """
    passage = np.repeat(np.arange(len(counts)), counts)
    if size <= 1:
        keep = (key_hashes & _STOP_BIT) == 0
        hashes, owner = key_hashes[keep], passage[keep]
    else:
        first = np.cumsum(counts) - counts
        end_of = np.repeat(first + counts, counts)
        span = np.minimum(size, counts[passage])  # shorter passages: the whole passage
        start_ok = (np.arange(len(passage)) + span <= end_of) & (
            (span == size) | (np.arange(len(passage)) == np.repeat(first, counts))
        )
        hashes = np.zeros(len(passage), dtype=np.uint64)
        for k in range(size):
            nxt = np.minimum(np.arange(len(passage)) + k, len(passage) - 1)
            word = np.where(k < span, key_hashes[nxt], 0)
            hashes = (hashes ^ word) * _MIX + np.uint64(k + 1)
        hashes, owner = hashes[start_ok], passage[start_ok]
    order = np.lexsort((hashes, owner))
    hashes, owner = hashes[order], owner[order]
    distinct = np.ones(len(hashes), dtype=bool)
    distinct[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
    return hashes[distinct], np.bincount(owner[distinct], minlength=len(counts))


def _words_with_offsets(text: str, start: int, end: int):
    norm = normalize(text[start:end], teh_marbuta=True, hamza=True)
    words, offsets = [], []
    for match in _WORD.finditer(norm.text):
        s, e = norm.to_original_span(match.start(), match.end())
        words.append(match_key(match.group()))
        offsets.append((start + s, start + e))
    return tuple(words), tuple(offsets)


def _confirm(a: _Passage, b: _Passage, min_similarity: float, min_words: int):
    """The densest aligned stretch of the two passages, or None when there is none.

    Among chains of consecutive matching blocks, keep the one with the most aligned
    words whose Dice similarity (over the stretch on both sides) is at least
    ``min_similarity``: a sentence rewritten inside a longer one is found with the
    offsets of the rewritten part, and stray common words far away do not count.
    """
    matcher = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
    best: tuple[int, float, int, int] | None = None
    for i, first in enumerate(blocks):
        matched = 0
        for j in range(i, len(blocks)):
            last = blocks[j]
            matched += last.size
            stretch = (last.a + last.size - first.a) + (last.b + last.size - first.b)
            dice = 2 * matched / stretch
            if dice < min_similarity or matched < min_words:
                continue
            if best is None or (matched, dice) > (best[0], best[1]):
                best = (matched, dice, i, j)
    if best is None:
        return None
    matched, dice, i, j = best
    first, last = blocks[i], blocks[j]
    span_a = (a.offsets[first.a][0], a.offsets[last.a + last.size - 1][1])
    span_b = (b.offsets[first.b][0], b.offsets[last.b + last.size - 1][1])
    return span_a, span_b, dice, matched / len(a.words), matched / len(b.words)


def _describe(found, a: _Passage, b: _Passage, articles: pd.DataFrame) -> dict[str, Any]:
    (span_a, span_b, similarity, coverage_a, coverage_b) = found
    art_a, art_b = articles.iloc[a.article], articles.iloc[b.article]
    pub_a, pub_b = art_a["published"], art_b["published"]
    swap = False
    if a.article != b.article:
        if pd.notna(pub_a) and pd.notna(pub_b) and pub_a != pub_b:
            swap = pub_b < pub_a
        else:
            swap = b.article < a.article
    elif span_b[0] < span_a[0]:
        swap = True
    if swap:
        a, b, art_a, art_b = b, a, art_b, art_a
        span_a, span_b, coverage_a, coverage_b = span_b, span_a, coverage_b, coverage_a
        pub_a, pub_b = pub_b, pub_a
    first = None
    if a.article != b.article and pd.notna(pub_a) and pd.notna(pub_b) and pub_a != pub_b:
        first = art_a["id"]
    return {
        "level": a.level,
        "article_a": art_a["id"],
        "outlet_a": art_a["outlet"],
        "start_a": span_a[0],
        "end_a": span_a[1],
        "article_b": art_b["id"],
        "outlet_b": art_b["outlet"],
        "start_b": span_b[0],
        "end_b": span_b[1],
        "similarity": round(similarity, 4),
        "coverage_a": round(coverage_a, 4),
        "coverage_b": round(coverage_b, 4),
        "same_article": a.article == b.article,
        "first": first,
        "published_a": pub_a,
        "published_b": pub_b,
        "text_a": art_a["text"][span_a[0] : span_a[1]],
        "text_b": art_b["text"][span_b[0] : span_b[1]],
    }


def _drop_nested(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop sentence pairs that lie inside a paragraph pair of the same two articles."""
    paragraphs_by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if row["level"] == "paragraph":
            paragraphs_by_pair.setdefault((row["article_a"], row["article_b"]), []).append(row)
    kept = []
    for row in rows:
        if row["level"] == "sentence":
            keys = [(row["article_a"], row["article_b"]), (row["article_b"], row["article_a"])]
            if any(
                _nested(row, par, key != keys[0])
                for key in keys
                for par in paragraphs_by_pair.get(key, [])
            ):
                continue
        kept.append(row)
    return kept


def _nested(inner: dict[str, Any], outer: dict[str, Any], flipped: bool) -> bool:
    ia = (inner["start_a"], inner["end_a"])
    ib = (inner["start_b"], inner["end_b"])
    if flipped:
        ia, ib = ib, ia
    return (
        outer["start_a"] <= ia[0]
        and ia[1] <= outer["end_a"]
        and outer["start_b"] <= ib[0]
        and ib[1] <= outer["end_b"]
    )


def _ignored_intervals(articles: pd.DataFrame, spans: pd.DataFrame | None):
    """Article row -> intervals of boilerplate and tweet embeds."""
    if spans is None or not len(spans):
        return {}
    frame = check_spans(spans, ("article", "kind", "label", "start", "end"))
    mask = (frame["kind"] == "boilerplate") | (
        (frame["kind"] == "social") & (frame["label"] == "tweet_embed")
    )
    row_of = {article_id: i for i, article_id in enumerate(articles["id"])}
    out: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in frame.loc[mask, ["article", "start", "end"]].itertuples(
        index=False
    ):
        if article_id in row_of:
            out.setdefault(row_of[article_id], []).append((int(start), int(end)))
    return out


def _inside_share(start: int, end: int, intervals: list[tuple[int, int]]) -> float:
    covered = _union_length(
        [(max(start, s), min(end, e)) for s, e in intervals if s < end and e > start]
    )
    return covered / max(1, end - start)


def _union_length(intervals: list[tuple[int, int]]) -> int:
    total, current_end = 0, -1
    for s, e in sorted(intervals):
        if e <= current_end:
            continue
        total += e - max(s, current_end)
        current_end = e
    return total


def reuse_matrix(corpus: Any, reuse: pd.DataFrame, *, by: str = "outlet") -> pd.DataFrame:
    """Share of each row's text found in each column (0..1), by ``outlet`` or ``article``.

    Cell (X, Y) is the number of characters of X's articles covered by passages also
    found in Y (overlapping passages counted once) divided by the length of X's
    articles. The matrix is not symmetric: a short article wholly copied into a long
    one has a high share in its row and a low one in the other's. The diagonal counts
    repeats inside an article (``by="article"``) or between articles of one outlet.
    """
    if by not in ("outlet", "article"):
        raise ValueError(f"by must be 'outlet' or 'article', got {by!r}")
    articles = articles_frame(corpus)
    missing = [
        c
        for c in ("article_a", "article_b", "start_a", "end_a", "start_b", "end_b")
        if c not in reuse.columns
    ]
    if missing:
        raise ValueError(f"reuse table lacks column(s) {', '.join(missing)}; pass find_reuse(...)")
    group_of = dict(
        zip(articles["id"], articles["outlet" if by == "outlet" else "id"], strict=True)
    )
    names = list(dict.fromkeys(articles["outlet" if by == "outlet" else "id"]))
    lengths = articles.assign(group=articles["id"].map(group_of), n=articles["text"].str.len())
    totals = lengths.groupby("group", sort=False)["n"].sum()
    # (article, other group) -> covered intervals in that article
    covered: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for row in reuse.itertuples(index=False):
        for me, s, e, other in (
            (row.article_a, row.start_a, row.end_a, row.article_b),
            (row.article_b, row.start_b, row.end_b, row.article_a),
        ):
            if me not in group_of or other not in group_of:
                raise ValueError(
                    f"reuse table names article {me!r} or {other!r}, not in the corpus"
                )
            covered.setdefault((me, group_of[other]), []).append((int(s), int(e)))
    matrix = pd.DataFrame(
        0.0, index=pd.Index(names, name=by), columns=pd.Index(names, name=f"found_in_{by}")
    )
    sums: dict[tuple[str, str], int] = {}
    for (article_id, other_group), intervals in covered.items():
        key = (group_of[article_id], other_group)
        sums[key] = sums.get(key, 0) + _union_length(intervals)
    for (row_group, col_group), chars in sums.items():
        total = totals.get(row_group, 0)
        matrix.loc[row_group, col_group] = chars / total if total else np.nan
    return matrix
