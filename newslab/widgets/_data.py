"""Table preparation shared by the widgets: spans per article, entity index, variants."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from newslab.arabic.normalize import normalize
from newslab.corpus.article import Article, Corpus
from newslab.spans import COLUMNS

__all__ = [
    "as_corpus",
    "as_spans",
    "attrs_of",
    "entity_index",
    "search_key",
    "variants_table",
]


def as_corpus(corpus: Corpus | Iterable[Article]) -> Corpus:
    """Accept a :class:`Corpus` or any iterable of articles."""
    return corpus if isinstance(corpus, Corpus) else Corpus(corpus)


def as_spans(spans: pd.DataFrame | None) -> pd.DataFrame:
    """A spans table with every schema column (attrs as dicts), copied."""
    if spans is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    missing = [c for c in ("article", "kind", "start", "end") if c not in spans.columns]
    if missing:
        raise ValueError(f"spans table lacks column(s): {', '.join(missing)}")
    frame = spans.copy()
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = [{} for _ in range(len(frame))] if column == "attrs" else ""
    frame["attrs"] = [attrs_of(a) for a in frame["attrs"]]
    for column in ("label", "value", "text", "extractor"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["article"] = frame["article"].astype(str)
    return frame


def attrs_of(value: Any) -> dict[str, Any]:
    """The attrs dict of a span, whether stored as a dict, JSON text or missing."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        try:
            loaded = json.loads(value)
        except json.JSONDecodeError:
            return {}
        return loaded if isinstance(loaded, dict) else {}
    return {}


def search_key(text: str) -> str:
    """Spelling-insensitive form for searching: folded alef/yeh/hamza/teh marbuta, case."""
    return normalize(str(text), teh_marbuta=True, hamza=True).text.casefold().strip()


def entity_index(corpus: Corpus, spans: pd.DataFrame) -> pd.DataFrame:
    """One row per entity mention: canonical name, surface text, article, outlet.

    The canonical name is the span's ``value`` (its ``text`` when the extractor left
    no value); ``key`` and ``surface_key`` are the searchable folded forms.
    """
    entities = spans[spans["kind"] == "entity"]
    if not len(entities):
        return pd.DataFrame(
            columns=["canonical", "surface", "label", "article", "source", "key", "surface_key"]
        )
    canonical = entities["value"].where(entities["value"] != "", entities["text"])
    sources = {a.id: a.source for a in corpus}
    index = pd.DataFrame(
        {
            "canonical": canonical.to_numpy(),
            "surface": entities["text"].to_numpy(),
            "label": entities["label"].to_numpy(),
            "article": entities["article"].to_numpy(),
        }
    )
    index["source"] = index["article"].map(sources).fillna("")
    keys = {name: search_key(name) for name in index["canonical"].unique()}
    index["key"] = index["canonical"].map(keys)
    surface_keys = {text: search_key(text) for text in index["surface"].unique()}
    index["surface_key"] = index["surface"].map(surface_keys)
    return index


def variants_table(index: pd.DataFrame, canonical: str) -> pd.DataFrame:
    """Surface spellings of one entity: mentions, articles and the outlets using each."""
    rows = index[index["canonical"] == canonical]
    if not len(rows):
        return pd.DataFrame(columns=["surface", "mentions", "articles", "outlets"])
    grouped = rows.groupby("surface", sort=False)
    table = pd.DataFrame(
        {
            "mentions": grouped.size(),
            "articles": grouped["article"].nunique(),
            "outlets": grouped["source"].agg(
                lambda s: "، ".join(sorted({x for x in s if x})) or "—"
            ),
        }
    ).reset_index()
    return table.sort_values(["mentions", "surface"], ascending=[False, True], kind="mergesort")
