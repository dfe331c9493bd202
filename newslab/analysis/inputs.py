"""Inputs of every analysis: the articles table and the spans table, checked once.

Analyses take a :class:`~newslab.Corpus` (or any iterable of articles, or a DataFrame
with at least ``id`` and ``text`` columns, as a DuckDB query would return) and the
spans table in the schema of DESIGN.md. Nothing here assumes a particular index, so a
store that hands out DataFrames works as well as a corpus in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from newslab.spans import COLUMNS

__all__ = [
    "ARTICLE_COLUMNS",
    "UNKNOWN_OUTLET",
    "articles_frame",
    "check_spans",
    "outlet_of",
    "spans_of_kind",
]

#: Columns of the articles table every analysis works from.
ARTICLE_COLUMNS = ("id", "outlet", "published", "text")

#: Outlet name shown for an article without a source (each such article stands alone).
UNKNOWN_OUTLET = ""


def articles_frame(corpus: Any) -> pd.DataFrame:
    """One row per article: ``id``, ``outlet``, ``published`` (Timestamp or NaT), ``text``.

    ``corpus`` is a :class:`~newslab.Corpus`, an iterable of articles, or a DataFrame
    with ``id`` and ``text`` (and optionally ``source``/``outlet`` and ``published``).
    An article without a source is its own outlet, named by its id, so unknown sources
    are never merged into one fake outlet.
    """
    if isinstance(corpus, pd.DataFrame):
        frame = corpus.reset_index(drop=True)
        missing = [c for c in ("id", "text") if c not in frame.columns]
        if missing:
            raise ValueError(f"articles table lacks column(s): {', '.join(missing)}")
        source_column = "outlet" if "outlet" in frame.columns else "source"
        sources = frame[source_column] if source_column in frame.columns else [""] * len(frame)
        published = frame["published"] if "published" in frame.columns else [""] * len(frame)
        rows = zip(frame["id"], sources, published, frame["text"], strict=True)
    else:
        rows = (
            (a.id, getattr(a, "source", ""), getattr(a, "published", ""), a.text)
            for a in _iterable(corpus)
        )
    records = []
    for article_id, source, published, text in rows:
        article_id = str(article_id)
        if not isinstance(text, str):
            raise ValueError(f"article {article_id!r}: text must be a string")
        records.append((article_id, outlet_of(article_id, source), published, text))
    out = pd.DataFrame.from_records(records, columns=list(ARTICLE_COLUMNS))
    if out["id"].duplicated().any():
        dupes = sorted(set(out.loc[out["id"].duplicated(), "id"]))
        raise ValueError(f"duplicate article id(s): {', '.join(dupes[:5])}")
    out["published"] = _to_timestamps(out["published"])
    return out


def outlet_of(article_id: str, source: Any) -> str:
    """The outlet name of an article: its source, or its id when the source is unknown."""
    if source is None or (isinstance(source, float) and pd.isna(source)):
        return article_id
    text = str(source).strip()
    return text or article_id


def _iterable(corpus: Any) -> Iterable[Any]:
    if isinstance(corpus, (str, bytes)):
        raise TypeError("pass a Corpus (newslab.load(path)), not a path string")
    try:
        return iter(corpus)
    except TypeError:
        raise TypeError(
            f"expected a Corpus, an iterable of articles or a DataFrame, got {type(corpus).__name__}"
        ) from None


def _to_timestamps(values: pd.Series) -> pd.Series:
    """Parse publication dates leniently; unparseable or empty values become NaT."""
    parsed = pd.to_datetime(
        values.where(values.astype(str).str.strip() != ""),
        errors="coerce",
        utc=True,
        format="mixed",
    )
    return parsed.dt.tz_localize(None)


def check_spans(spans: pd.DataFrame | None, needed: Sequence[str] = COLUMNS) -> pd.DataFrame:
    """The spans table with a fresh index, after checking its columns exist.

    ``None`` stands for an empty table (an analysis without extracted spans).
    """
    if spans is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    if not isinstance(spans, pd.DataFrame):
        raise TypeError(f"spans must be a DataFrame (newslab.annotate), got {type(spans).__name__}")
    missing = [c for c in needed if c not in spans.columns]
    if missing:
        raise ValueError(
            f"spans table lacks column(s) {', '.join(missing)}; expected the schema "
            f"{', '.join(COLUMNS)}"
        )
    return spans.reset_index(drop=True)


def spans_of_kind(
    spans: pd.DataFrame | None,
    kind: str | Sequence[str],
    labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rows of ``spans`` whose kind is ``kind`` (and label in ``labels`` when given)."""
    frame = check_spans(spans)
    kinds = [kind] if isinstance(kind, str) else list(kind)
    mask = frame["kind"].isin(kinds)
    if labels is not None:
        mask &= frame["label"].isin(list(labels))
    out = frame.loc[mask].copy()
    out["attrs"] = [a if isinstance(a, dict) else {} for a in out["attrs"]]
    out["value"] = out["value"].fillna("").astype(str)
    out["start"] = out["start"].astype("int64")
    out["end"] = out["end"].astype("int64")
    return out.reset_index(drop=True)
