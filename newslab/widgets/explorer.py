"""The corpus explorer: one article at a time, its spans highlighted, entities searchable.

::

    from newslab.widgets import Explorer
    Explorer(corpus, spans)          # last expression of a cell: the widget shows

Choose an outlet and an article; toggle span kinds and labels; the article is shown
right-to-left with every span highlighted (tooltips give label, canonical value,
normalised date/amount and speaker) and listed in a table below. The search box looks
through canonical entity names (spelling-insensitive), lists the articles mentioning the
chosen entity (selecting one jumps to it) and its variant spellings across outlets.

Everything is testable without a browser: set ``explorer.search.value = "..."`` and
read ``explorer.text.value`` or :meth:`Explorer.to_html`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ipywidgets as W
import pandas as pd

from newslab.corpus.article import Article, Corpus
from newslab.spans import KINDS
from newslab.widgets._data import (
    as_corpus,
    as_spans,
    entity_index,
    search_key,
    variants_table,
)
from newslab.widgets.html import direction, esc, frame_html, highlight, legend_html, root

__all__ = ["ALL_OUTLETS", "Explorer", "article_html", "spans_table"]

#: Value of the outlet dropdown that shows every outlet.
ALL_OUTLETS = "\x00all"


def _detail(attrs: dict[str, Any]) -> str:
    """A short human summary of a span's attrs for the table."""
    parts = []
    for key in ("speaker_canonical", "speaker", "currency", "cue", "resolved_from"):
        value = attrs.get(key)
        if value in (None, ""):
            continue
        if key == "speaker" and attrs.get("speaker_canonical") == value:
            continue
        parts.append(f"{key.replace('_canonical', '')}: {value}")
    return "; ".join(parts)


def spans_table(spans: pd.DataFrame) -> pd.DataFrame:
    """The article's spans as shown in the explorer: #, kind, label, text, value, details."""
    if not len(spans):
        return pd.DataFrame(
            columns=["#", "kind", "label", "text", "value", "details", "start", "end"]
        )
    return pd.DataFrame(
        {
            "#": range(1, len(spans) + 1),
            "kind": spans["kind"].to_numpy(),
            "label": spans["label"].to_numpy(),
            "text": spans["text"].to_numpy(),
            "value": spans["value"].to_numpy(),
            "details": [_detail(a) for a in spans["attrs"]],
            "start": spans["start"].astype(int).to_numpy(),
            "end": spans["end"].astype(int).to_numpy(),
        }
    )


def article_html(
    article: Article,
    spans: pd.DataFrame | None = None,
    *,
    active: int | None = None,
    id_prefix: str = "nl",
) -> str:
    """One article as safe HTML: escaped header and RTL body with highlighted spans.

    ``spans``: this article's spans in display order (numbered 1, 2, ... in the marks'
    tooltips, matching :func:`spans_table`).
    """
    rows = [] if spans is None else spans.to_dict("records")
    meta = " · ".join(esc(x) for x in (article.source, article.published, article.id) if x)
    title = article.title or article.id
    url = ""
    if article.url:
        url = f' · <a href="{esc(article.url)}" rel="noopener noreferrer" target="_blank">link</a>'
    body = highlight(article.text, rows, active=active, id_prefix=id_prefix)
    return (
        f'<div class="nl-head" {direction(title + article.text)}><p class="nl-title">{esc(title)}</p>'
        f'<div class="nl-meta">{meta}{url}</div></div>'
        f'<div class="nl-article" {direction(article.text)}>{body}</div>'
    )


def _ordered(kinds: Iterable[str]) -> list[str]:
    known = [k for k in KINDS if k in set(kinds)]
    return known + sorted(set(kinds) - set(known))


class Explorer:
    """Browse a corpus and its spans table (see the module docstring)."""

    def __init__(
        self,
        corpus: Corpus | Iterable[Article],
        spans: pd.DataFrame | None,
        *,
        max_results: int = 50,
        max_table_rows: int = 300,
    ) -> None:
        self.corpus = as_corpus(corpus)
        if not len(self.corpus):
            raise ValueError("Explorer needs a corpus with at least one article")
        self.spans = as_spans(spans)
        self.max_results = max_results
        self.max_table_rows = max_table_rows
        self._by_article = {
            str(aid): frame.sort_values(["start", "end"], kind="mergesort").reset_index(drop=True)
            for aid, frame in self.spans.groupby("article", sort=False)
        }
        self._index = entity_index(self.corpus, self.spans)
        self._busy = False
        self._parts = {"legend": "", "text": "", "table": "", "variants": ""}

        counts = pd.Series([a.source for a in self.corpus]).value_counts()
        outlet_options = [(f"All outlets ({len(self.corpus):,})", ALL_OUTLETS)]
        outlet_options += [
            (f"{source or '(no outlet)'} ({n:,})", source) for source, n in sorted(counts.items())
        ]
        self.outlet = W.Dropdown(options=outlet_options, value=ALL_OUTLETS, description="Outlet")
        self.article = W.Dropdown(options=self._article_options(ALL_OUTLETS), description="Article")
        self.article.layout.width = "min(100%, 42em)"

        kinds = _ordered(self.spans["kind"].unique())
        labels = sorted({x for x in self.spans["label"].unique() if x})
        self.kind_toggles = {
            k: W.ToggleButton(value=True, description=k, tooltip=f"show {k} spans") for k in kinds
        }
        self.label_toggles = {
            x: W.ToggleButton(value=True, description=x, tooltip=f"show {x} spans") for x in labels
        }
        for toggle in (*self.kind_toggles.values(), *self.label_toggles.values()):
            toggle.layout.width = "auto"

        self.search = W.Text(placeholder="name, e.g. المرزوقي", description="Search")
        self.entities = W.Select(options=[], rows=6, description="Entities")
        self.hits = W.Select(options=[], rows=6, description="Mentioned in")
        self.span_select = W.Select(options=[], rows=6, description="Spans")
        self.text = W.HTML()
        self.table = W.HTML()
        self.variants = W.HTML()
        self.legend = W.HTML()
        for box in (self.entities, self.hits, self.span_select):
            box.layout.width = "100%"

        self.outlet.observe(self._on_outlet, names="value")
        self.article.observe(self._on_article, names="value")
        for toggle in (*self.kind_toggles.values(), *self.label_toggles.values()):
            toggle.observe(self._on_toggle, names="value")
        self.search.observe(self._on_search, names="value")
        self.entities.observe(self._on_entity, names="value")
        self.hits.observe(self._on_hit, names="value")
        self.span_select.observe(self._on_span, names="value")

        self.widget = self._layout()
        self._render()
        self._render_variants(None)

    # ------------------------------------------------------------ public

    @property
    def current(self) -> Article | None:
        """The article on display."""
        aid = self.article.value
        return self.corpus[aid] if aid is not None and aid in self.corpus else None

    def select_article(self, article_id: str) -> None:
        """Show ``article_id`` (switching the outlet filter to its outlet if needed)."""
        if article_id not in self.corpus:
            raise KeyError(f"no article {article_id!r} in this corpus")
        source = self.corpus[article_id].source
        if self.outlet.value not in (ALL_OUTLETS, source):
            self.outlet.value = source
        self.article.value = article_id

    def visible_spans(self, article_id: str | None = None) -> pd.DataFrame:
        """The spans of an article (default: the current one) the toggles let through."""
        article_id = article_id if article_id is not None else self.article.value
        frame = self._by_article.get(str(article_id))
        if frame is None or not len(frame):
            return self.spans.iloc[0:0]
        kinds = {k for k, t in self.kind_toggles.items() if t.value}
        hidden_labels = {x for x, t in self.label_toggles.items() if not t.value}
        keep = frame["kind"].isin(kinds) & ~frame["label"].isin(hidden_labels)
        return frame[keep].reset_index(drop=True)

    def to_html(self) -> str:
        """The current view as one static HTML fragment (article, spans table, variants)."""
        parts = self._parts
        return root(
            f"{parts['legend']}{parts['text']}"
            f'<div class="nl-cols"><div class="nl-col">{parts["table"]}</div>'
            f'<div class="nl-col">{parts["variants"]}</div></div>'
        )

    def _show(self, name: str, body: str) -> None:
        """Put safe HTML ``body`` into the named HTML widget (and keep it for to_html)."""
        self._parts[name] = body
        getattr(self, name).value = root(body) if body else ""

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------ layout

    def _layout(self) -> W.Widget:
        toggles = W.HBox(
            [W.Label("Kinds"), *self.kind_toggles.values()],
            layout=W.Layout(flex_flow="row wrap"),
        )
        label_row = W.HBox(
            [W.Label("Labels"), *self.label_toggles.values()],
            layout=W.Layout(flex_flow="row wrap"),
        )
        side = W.VBox(
            [self.search, self.entities, self.hits, self.variants],
            layout=W.Layout(flex="1 1 18em", min_width="16em"),
        )
        main = W.VBox(
            [self.legend, self.text, self.span_select, self.table],
            layout=W.Layout(flex="3 1 28em", min_width="0"),
        )
        return W.VBox(
            [
                W.HBox([self.outlet, self.article], layout=W.Layout(flex_flow="row wrap")),
                toggles,
                label_row,
                W.HBox([main, side], layout=W.Layout(flex_flow="row wrap")),
            ]
        )

    # ------------------------------------------------------------ options

    def _article_options(self, outlet: str) -> list[tuple[str, str]]:
        options = []
        for a in self.corpus:
            if outlet != ALL_OUTLETS and a.source != outlet:
                continue
            label = a.title or a.id
            if len(label) > 80:
                label = label[:79] + "…"
            options.append((f"{label} — {a.source or a.id}", a.id))
        return options

    # ------------------------------------------------------------ events

    def _on_outlet(self, change: dict[str, Any]) -> None:
        previous = self.article.value
        options = self._article_options(change["new"])
        ids = [v for _, v in options]
        self._busy = True
        try:
            self.article.options = options
            self.article.value = previous if previous in ids else (ids[0] if ids else None)
        finally:
            self._busy = False
        self._render()

    def _on_article(self, change: dict[str, Any]) -> None:
        if not self._busy:
            self._render()

    def _on_toggle(self, change: dict[str, Any]) -> None:
        self._render()

    def _on_span(self, change: dict[str, Any]) -> None:
        if not self._busy:
            self._render(active=change["new"], keep_span_list=True)

    def _on_search(self, change: dict[str, Any]) -> None:
        query = search_key(change["new"] or "")
        index = self._index
        if not query or not len(index):
            matches = index.iloc[0:0]
        else:
            hit = index["key"].str.contains(query, regex=False)
            hit |= index["surface_key"].str.contains(query, regex=False)
            matches = index[hit]
        if len(matches):
            stats = (
                index[index["canonical"].isin(matches["canonical"].unique())]
                .groupby("canonical")
                .agg(
                    mentions=("article", "size"),
                    articles=("article", "nunique"),
                    label=("label", "first"),
                )
                .reset_index()
            )
            exact = stats["canonical"].map(search_key) == query
            stats = stats.assign(_exact=exact).sort_values(
                ["_exact", "mentions", "canonical"],
                ascending=[False, False, True],
                kind="mergesort",
            )
            stats = stats.head(self.max_results)
            options = [
                (
                    f"{r.canonical} · {r.label} · {r.articles} article{'s' if r.articles != 1 else ''}",
                    r.canonical,
                )
                for r in stats.itertuples(index=False)
            ]
        else:
            options = []
        self._busy = True
        try:
            self.entities.options = options
            self.entities.value = None
        finally:
            self._busy = False
        # a single match (or an exact one) is selected right away
        if options and (len(options) == 1 or search_key(options[0][1]) == query):
            self.entities.value = options[0][1]
        else:
            self._on_entity({"new": None})

    def _on_entity(self, change: dict[str, Any]) -> None:
        if self._busy:
            return
        canonical = change["new"]
        options: list[tuple[str, str]] = []
        if canonical is not None:
            rows = self._index[self._index["canonical"] == canonical]
            per_article = rows.groupby("article", sort=False).size()
            order = {aid: i for i, aid in enumerate(self.corpus.ids)}
            for aid in sorted(per_article.index, key=lambda x: order.get(x, len(order))):
                if aid not in self.corpus:
                    continue
                a = self.corpus[aid]
                n = int(per_article[aid])
                options.append((f"{a.source or '—'} · {a.title or a.id} ({n}×)", aid))
        self._busy = True
        try:
            self.hits.options = options
            self.hits.value = None
        finally:
            self._busy = False
        self._render_variants(canonical)

    def _on_hit(self, change: dict[str, Any]) -> None:
        if not self._busy and change["new"] is not None:
            self.select_article(change["new"])

    # ------------------------------------------------------------ rendering

    def _render(self, active: int | None = None, keep_span_list: bool = False) -> None:
        article = self.current
        if article is None:
            self._show("text", '<div class="nl-empty">No article selected.</div>')
            self._show("table", "")
            self._show("legend", "")
            return
        spans = self.visible_spans(article.id)
        self._show("legend", legend_html(zip(spans["kind"], spans["label"], strict=True)))
        self._show("text", article_html(article, spans, active=active))
        table = spans_table(spans)
        shown = table.head(self.max_table_rows)
        if active is not None:
            shown = shown[shown["#"] == active] if (shown["#"] == active).any() else shown
        self._show(
            "table",
            frame_html(
                shown,
                max_rows=self.max_table_rows,
                caption=f"spans in {article.id}" + (f" (#{active})" if active is not None else ""),
                total=len(table) if active is None else None,
            ),
        )
        if not keep_span_list:
            options = [
                (
                    f"#{r['#']} {r.kind}{'·' + r.label if r.label else ''}: {r.text[:40]}",
                    int(r["#"]),
                )
                for _, r in table.head(self.max_table_rows).iterrows()
            ]
            self._busy = True
            try:
                self.span_select.options = options
                self.span_select.value = None
            finally:
                self._busy = False

    def _render_variants(self, canonical: str | None) -> None:
        if canonical is None:
            self._show(
                "variants",
                '<div class="nl-empty" dir="auto">Search a name to see its spellings '
                "and the articles mentioning it.</div>",
            )
            return
        table = variants_table(self._index, canonical)
        self._show(
            "variants",
            f'<h4 dir="rtl" lang="ar">{esc(canonical)}</h4>'
            + frame_html(table, max_rows=self.max_results, caption="variant spellings"),
        )
