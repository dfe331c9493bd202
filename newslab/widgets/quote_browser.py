"""Browse quotes grouped across outlets: who said what, and who carried it, in what words.

::

    from newslab.widgets import QuoteBrowser
    QuoteBrowser(corpus, spans)

Quotes (spans of kind ``quote``) are grouped across articles by
:func:`newslab.analysis.shared_quotes` (the same quotation, light edits allowed); each
group shows the speaker, the outlets that carried it and each outlet's exact wording.
Filter by speaker, by the number of outlets, or by a word in the quote.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as W
import pandas as pd

from newslab.corpus.article import Article, Corpus
from newslab.widgets._data import as_corpus, as_spans, search_key
from newslab.widgets.html import esc, root

__all__ = ["ALL_SPEAKERS", "QuoteBrowser", "group_quotes", "groups_from_shared", "quotes_html"]

ALL_SPEAKERS = "\x00all"
UNATTRIBUTED = "(unattributed)"


def groups_from_shared(shared: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`newslab.analysis.shared_quotes` in the browser's shape.

    Columns: group, speaker, article, source, published, text, start, end; groups are
    renumbered so the quote carried by most outlets (then most articles) comes first.
    """
    columns = ["group", "speaker", "article", "source", "published", "text", "start", "end"]
    if not len(shared):
        return pd.DataFrame(columns=columns)
    speaker = shared["speaker"].fillna("").astype(str)
    table = pd.DataFrame(
        {
            "group": shared["quote_id"].to_numpy(),
            "speaker": speaker.where(speaker != "", UNATTRIBUTED).to_numpy(),
            "article": shared["article"].astype(str).to_numpy(),
            "source": shared["outlet"].fillna("").astype(str).to_numpy(),
            "published": shared["published"].to_numpy(),
            "text": shared["text"].to_numpy(),
            "start": shared["start"].astype(int).to_numpy(),
            "end": shared["end"].astype(int).to_numpy(),
        }
    )
    sizes = table.groupby("group", sort=False).agg(
        outlets=("source", "nunique"), n=("article", "size")
    )
    order = sizes.sort_values(["outlets", "n"], ascending=False, kind="mergesort").index
    table["group"] = table["group"].map({old: new for new, old in enumerate(order, 1)})
    return table.sort_values(["group", "source", "article"], kind="mergesort").reset_index(
        drop=True
    )


def group_quotes(
    corpus: Corpus | Iterable[Article],
    spans: pd.DataFrame,
    *,
    min_similarity: float = 75.0,
) -> pd.DataFrame:
    """Every quote with a ``group`` number shared by the same quotation across articles.

    The grouping is :func:`newslab.analysis.shared_quotes` (folded wording, light
    edits allowed: ``min_similarity`` 0-100), single-carrier quotes included; the
    shape is :func:`groups_from_shared`'s.
    """
    from newslab.analysis import shared_quotes

    corpus = as_corpus(corpus)
    quotes = as_spans(spans)
    quotes = quotes[quotes["kind"] == "quote"]
    shared = shared_quotes(corpus, quotes, min_similarity=min_similarity, shared_only=False)
    return groups_from_shared(shared)


def _group_speaker(rows: pd.DataFrame) -> str:
    named = rows.loc[rows["speaker"] != UNATTRIBUTED, "speaker"]
    return named.mode().iloc[0] if len(named) else UNATTRIBUTED


def quotes_html(groups: pd.DataFrame, *, max_groups: int = 50) -> str:
    """Quote groups as cards: speaker, outlets, and each outlet's wording (escaped, RTL)."""
    if not len(groups):
        return '<div class="nl-empty" dir="auto">No quotes match.</div>'
    ids = list(dict.fromkeys(groups["group"]))
    cards = []
    for gid in ids[:max_groups]:
        rows = groups[groups["group"] == gid]
        speaker = _group_speaker(rows)
        outlets = sorted({s for s in rows["source"] if s})
        items = []
        for text, rows_text in rows.groupby("text", sort=False):
            carriers = "، ".join(
                dict.fromkeys(f"{r.source or r.article}" for r in rows_text.itertuples(index=False))
            )
            items.append(
                f'<blockquote class="nl-quote" dir="rtl" lang="ar">{esc(text)}'
                f'<div class="nl-muted">— {esc(carriers)}</div></blockquote>'
            )
        cards.append(
            f'<div class="nl-card" data-group="{int(gid)}">'
            f'<h4 dir="rtl" lang="ar">{esc(speaker)} '
            f'<span class="nl-muted" dir="ltr">({len(outlets)} outlet{"s" if len(outlets) != 1 else ""}, '
            f"{len(rows)} quote{'s' if len(rows) != 1 else ''})</span></h4>"
            f"{''.join(items)}</div>"
        )
    more = ""
    if len(ids) > max_groups:
        more = f'<div class="nl-caption">showing {max_groups:,} of {len(ids):,} quote groups</div>'
    return more + "".join(cards)


class QuoteBrowser:
    """Quotes grouped across outlets, filterable by speaker (see the module docstring)."""

    def __init__(
        self,
        corpus: Corpus | Iterable[Article],
        spans: pd.DataFrame | None,
        *,
        groups: pd.DataFrame | None = None,
        max_groups: int = 50,
    ) -> None:
        self.corpus = as_corpus(corpus)
        self.groups = groups if groups is not None else group_quotes(self.corpus, as_spans(spans))
        self.max_groups = max_groups
        speakers = self.groups.groupby("speaker")["group"].nunique().sort_values(ascending=False)
        options = [(f"All speakers ({self.groups['group'].nunique():,} quotes)", ALL_SPEAKERS)]
        options += [(f"{name} ({n})", name) for name, n in speakers.items()]
        self.speaker = W.Dropdown(options=options, value=ALL_SPEAKERS, description="Speaker")
        self.min_outlets = W.BoundedIntText(value=1, min=1, max=1000, description="Min outlets")
        self.search = W.Text(placeholder="word in the quote", description="Contains")
        self.view = W.HTML()
        for control in (self.speaker, self.min_outlets, self.search):
            control.observe(self._on_change, names="value")
        self.widget = W.VBox(
            [
                W.HBox(
                    [self.speaker, self.min_outlets, self.search],
                    layout=W.Layout(flex_flow="row wrap"),
                ),
                self.view,
            ]
        )
        self._render()

    def filtered(self) -> pd.DataFrame:
        """The quote rows passing the current filters."""
        groups = self.groups
        if not len(groups):
            return groups
        if self.speaker.value != ALL_SPEAKERS:
            wanted = groups.loc[groups["speaker"] == self.speaker.value, "group"].unique()
            groups = groups[groups["group"].isin(wanted)]
        if self.min_outlets.value > 1:
            outlets = groups.groupby("group")["source"].nunique()
            keep = outlets[outlets >= self.min_outlets.value].index
            groups = groups[groups["group"].isin(keep)]
        query = search_key(self.search.value or "")
        if query:
            hit = groups["text"].map(search_key).str.contains(query, regex=False)
            groups = groups[groups["group"].isin(groups.loc[hit, "group"].unique())]
        return groups

    def to_html(self) -> str:
        """The current view as a static HTML fragment."""
        return self.view.value

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._render()

    def _render(self) -> None:
        self.view.value = root(quotes_html(self.filtered(), max_groups=self.max_groups))
