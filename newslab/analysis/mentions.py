"""Who is mentioned where: entity mentions per outlet, normalised by outlet length."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from newslab.analysis.inputs import articles_frame, spans_of_kind
from newslab.analysis.text import clean_form, words

__all__ = [
    "MENTION_COLUMNS",
    "canonical_names",
    "mentions_by_outlet",
    "top_entities",
    "word_counts",
]

MENTION_COLUMNS = (
    "outlet",
    "entity",
    "label",
    "mentions",
    "articles",
    "words",
    "per_1000_words",
    "share",
)


def word_counts(corpus: Any, *, by: str = "outlet") -> pd.Series:
    """Number of words (letters and digits runs) per outlet or per article id."""
    articles = articles_frame(corpus)
    counts = articles["text"].map(lambda t: len(words(t)))
    key = articles["outlet"] if by == "outlet" else articles["id"]
    return counts.groupby(key, sort=False).sum().rename("words")


def canonical_names(entities: pd.DataFrame) -> pd.Series:
    """The canonical name of each entity span: its ``value``, else its cleaned text."""
    values = entities["value"].fillna("").astype(str).str.strip()
    fallback = entities["text"].fillna("").astype(str).map(clean_form)
    return values.where(values != "", fallback)


def mentions_by_outlet(
    corpus: Any,
    spans: pd.DataFrame,
    *,
    labels: Sequence[str] | None = None,
    kind: str = "entity",
) -> pd.DataFrame:
    """Mentions of each canonical entity in each outlet, per 1,000 words of that outlet.

    Columns :data:`MENTION_COLUMNS`: ``mentions`` (spans), ``articles`` (articles of the
    outlet naming it), ``words`` (the outlet's word count), ``per_1000_words`` and
    ``share`` (of the outlet's entity mentions). ``label`` is the entity's most common
    type. Sorted by outlet, then most mentioned first. Only non-zero cells are rows.
    """
    articles = articles_frame(corpus)
    entities = spans_of_kind(spans, kind, labels)
    outlet_of = dict(zip(articles["id"], articles["outlet"], strict=True))
    unknown = sorted(set(entities["article"]) - set(outlet_of))
    if unknown:
        raise ValueError(
            f"spans name article(s) not in the corpus: {', '.join(map(str, unknown[:5]))}"
        )
    if not len(entities):
        return pd.DataFrame(columns=list(MENTION_COLUMNS))
    entities = entities.assign(
        outlet=entities["article"].map(outlet_of), entity=canonical_names(entities)
    )
    entities = entities[entities["entity"] != ""]
    grouped = entities.groupby(["outlet", "entity"], sort=False)
    table = grouped.agg(mentions=("entity", "size"), articles=("article", "nunique")).reset_index()
    label = entities.groupby("entity")["label"].agg(_most_common)
    table["label"] = table["entity"].map(label)
    totals = word_counts(articles)
    table["words"] = table["outlet"].map(totals).astype("int64")
    table["per_1000_words"] = 1000 * table["mentions"] / table["words"].where(table["words"] > 0)
    table["share"] = table["mentions"] / table.groupby("outlet")["mentions"].transform("sum")
    order = {name: i for i, name in enumerate(dict.fromkeys(articles["outlet"]))}
    table = table.assign(_o=table["outlet"].map(order)).sort_values(
        ["_o", "mentions", "entity"], ascending=[True, False, True], kind="mergesort"
    )
    return table.drop(columns="_o").loc[:, list(MENTION_COLUMNS)].reset_index(drop=True)


def top_entities(mentions: pd.DataFrame, n: int = 5, *, by: str = "mentions") -> pd.DataFrame:
    """The ``n`` most mentioned entities of each outlet, with their ``rank`` (1 = most)."""
    if by not in mentions.columns:
        raise ValueError(f"cannot rank by {by!r}: not a column of the mentions table")
    ranked = mentions.sort_values(
        ["outlet", by, "entity"], ascending=[True, False, True], kind="mergesort"
    )
    ranked = ranked.assign(rank=ranked.groupby("outlet").cumcount() + 1)
    return ranked[ranked["rank"] <= n].reset_index(drop=True)


def _most_common(values: pd.Series) -> str:
    counts = values.fillna("").astype(str).value_counts()
    if not len(counts):
        return ""
    best = counts.max()
    return sorted(counts[counts == best].index)[0]
