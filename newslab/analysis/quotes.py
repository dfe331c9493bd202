"""Quotations carried by several outlets, matched although they were trimmed or reworded.

Outlets rarely copy a quotation exactly: they trim it, re-translate it or swap a word.
Quote spans are compared on folded words without clitics; candidate pairs come from
MinHash LSH by containment (:func:`newslab.analysis.lsh.candidate_pairs`), each one is
confirmed with rapidfuzz, and confirmed pairs are joined into groups. For each
carrier the table gives the outlet, the date, whether it was the first appearance,
and a word diff against that first wording.
"""

from __future__ import annotations

import difflib
from collections import Counter
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from newslab.analysis.inputs import articles_frame, spans_of_kind
from newslab.analysis.lsh import candidate_pairs
from newslab.analysis.text import clean_form, match_key, stopwords, words

__all__ = ["QUOTE_COLUMNS", "quote_similarity", "shared_quotes", "word_diff"]

QUOTE_COLUMNS = (
    "quote_id",
    "speaker",
    "article",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "first",
    "similarity",
    "n_outlets",
    "n_articles",
    "outlets",
    "diff",
)


def _keys(text: str) -> list[str]:
    return [match_key(w) for w in words(text)]


def _content(keys: list[str]) -> set[str]:
    stop = stopwords()
    return {k for k in keys if k not in stop and len(k) > 1}


def quote_similarity(a: str, b: str) -> float:
    """Similarity (0-100) of two quotations, tolerant of trimming and light rewording.

    The larger of rapidfuzz's ``partial_ratio`` (one quote inside the other) and
    ``token_set_ratio`` (same words, other order), on folded clitic-free words; 0 when
    the two share fewer than three content words.
    """
    keys_a, keys_b = _keys(a), _keys(b)
    shared = _content(keys_a) & _content(keys_b)
    if len(shared) < 3:
        return 0.0
    text_a, text_b = " ".join(keys_a), " ".join(keys_b)
    return float(max(fuzz.partial_ratio(text_a, text_b), fuzz.token_set_ratio(text_a, text_b)))


def shared_quotes(
    corpus: Any,
    spans: pd.DataFrame,
    *,
    min_similarity: float = 75.0,
    lsh_threshold: float = 0.4,
    shared_only: bool = True,
) -> pd.DataFrame:
    """Group the same quotation across outlets; one row per carrier (article quoting it).

    Columns :data:`QUOTE_COLUMNS`: ``quote_id`` (group number, by first appearance),
    ``speaker`` (the group's most common canonical speaker), ``first`` (the earliest
    published carrier; corpus order when dates are missing), ``similarity`` to that
    first wording (0-100), ``diff`` (word diff against it: ``[-removed-]``,
    ``{+added+}``), and the group's ``n_outlets``/``n_articles``/``outlets``.
    ``shared_only`` keeps groups carried by at least two outlets.
    """
    articles = articles_frame(corpus)
    quotes = spans_of_kind(spans, "quote")
    columns = list(QUOTE_COLUMNS)
    known = dict(zip(articles["id"], range(len(articles)), strict=True))
    quotes = quotes[quotes["article"].isin(known)].reset_index(drop=True)
    if not len(quotes):
        return pd.DataFrame(columns=columns)
    quotes["quote"] = [
        v if v.strip() else t for v, t in zip(quotes["value"], quotes["text"], strict=True)
    ]
    content = [_content(_keys(q)) for q in quotes["quote"]]
    candidates = candidate_pairs(enumerate(content), threshold=lsh_threshold)
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidates):
        if quote_similarity(quotes.at[i, "quote"], quotes.at[j, "quote"]) >= min_similarity:
            parent[root(j)] = root(i)
    meta = articles.set_index("id")
    quotes["group"] = [root(i) for i in range(len(quotes))]
    quotes["outlet"] = quotes["article"].map(meta["outlet"])
    quotes["published"] = quotes["article"].map(meta["published"])
    quotes["order"] = quotes["article"].map(known)
    quotes["speaker"] = [_speaker(a) for a in quotes["attrs"]]
    rows = []
    groups = []
    for _, group in quotes.groupby("group", sort=False):
        group = group.sort_values(
            ["published", "order", "start"], na_position="last", kind="mergesort"
        )
        if shared_only and group["outlet"].nunique() < 2:
            continue
        groups.append(group)
    groups.sort(
        key=lambda g: (
            g["published"].min() if g["published"].notna().any() else pd.Timestamp.max,
            g["order"].min(),
            g["start"].min(),
        )
    )
    for number, group in enumerate(groups, 1):
        reference = group.iloc[0]["quote"]
        speakers = Counter(s for s in group["speaker"] if s)
        speaker = speakers.most_common(1)[0][0] if speakers else ""
        outlets = tuple(dict.fromkeys(group["outlet"]))
        for position, row in enumerate(group.itertuples(index=False)):
            rows.append(
                {
                    "quote_id": number,
                    "speaker": speaker,
                    "article": row.article,
                    "outlet": row.outlet,
                    "published": row.published,
                    "start": row.start,
                    "end": row.end,
                    "text": row.quote,
                    "first": position == 0,
                    "similarity": 100.0
                    if position == 0
                    else quote_similarity(reference, row.quote),
                    "n_outlets": len(outlets),
                    "n_articles": group["article"].nunique(),
                    "outlets": outlets,
                    "diff": "" if position == 0 else word_diff(reference, row.quote),
                }
            )
    return pd.DataFrame(rows, columns=columns)


def _speaker(attrs: Any) -> str:
    if not isinstance(attrs, dict):
        return ""
    return str(attrs.get("speaker_canonical") or attrs.get("speaker") or "").strip()


def word_diff(old: str, new: str) -> str:
    """A readable word diff of two wordings: ``[-removed-]`` and ``{+added+}`` inline.

    Words are compared folded and without clitics, so a hamza or a diacritic is not
    reported as a change; the words are shown as written.
    """
    old_words, new_words = clean_form(old).split(), clean_form(new).split()
    old_keys = [" ".join(_keys(w)) for w in old_words]
    new_keys = [" ".join(_keys(w)) for w in new_words]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    parts = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(" ".join(new_words[b0:b1]))
            continue
        if a1 > a0:
            parts.append("[-" + " ".join(old_words[a0:a1]) + "-]")
        if b1 > b0:
            parts.append("{+" + " ".join(new_words[b0:b1]) + "+}")
    return " ".join(parts)
