"""Building blocks of the report notebook: summary tables and static HTML output.

The report shows only static HTML and images (no live widgets), so the exported page
renders anywhere. Every table is cut to a maximum number of rows with a count
("showing 50 of 4,213 rows"), so a corpus of thousands of articles gives a readable
page; every piece of article text is escaped and Arabic blocks are right-to-left.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from newslab.corpus.article import Corpus
from newslab.widgets.html import dir_for, esc, frame_html, root

__all__ = [
    "articles_table",
    "distinctive_table",
    "events_table",
    "failures_table",
    "header_html",
    "kinds_table",
    "outlets_table",
    "quote_groups",
    "reuse_example_html",
    "reuse_table",
    "show",
    "show_figure",
    "show_table",
    "snippet",
    "top_outlets",
    "top_with_other",
]


def show(body: str) -> None:
    """Display safe HTML (built with :func:`newslab.widgets.html.esc`) as cell output."""
    from IPython.display import HTML, display

    display(HTML(root(body)))


def show_table(
    frame: pd.DataFrame,
    *,
    caption: str = "",
    max_rows: int = 50,
    total: int | None = None,
    dir: str = "rtl",
) -> None:
    """Display a table (escaped, RTL, cut to ``max_rows`` with a count)."""
    show(frame_html(frame, caption=caption, max_rows=max_rows, total=total, dir=dir))


def show_figure(figure: Any) -> None:
    """Display a matplotlib figure (or the figure of an Axes) once, then close it."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    figure = getattr(figure, "figure", figure)
    display(figure)
    plt.close(figure)


def snippet(text: str, n: int = 90) -> str:
    """The first ``n`` characters of a text on one line, with an ellipsis when cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def top_with_other(counts: pd.Series, n: int, other: str = "other") -> pd.Series:
    """The ``n`` largest values; the rest summed into one ``other (k more)`` entry."""
    counts = counts.sort_values(ascending=False, kind="mergesort")
    if len(counts) <= n:
        return counts
    head = counts.iloc[:n].copy()
    rest = counts.iloc[n:]
    head[f"{other} ({len(rest):,} more)"] = rest.sum()
    return head


def _dates(corpus: Corpus) -> pd.Series:
    values = pd.Series([a.published for a in corpus], dtype=object)
    return pd.to_datetime(values.where(values != ""), errors="coerce", utc=True, format="mixed")


def header_html(
    title: str,
    corpus: Corpus,
    spans: pd.DataFrame,
    failures: Sequence[Mapping[str, Any]] = (),
    *,
    generated: _dt.datetime | None = None,
) -> str:
    """The report's title block: key figures and a warning when extractors failed."""
    from newslab import __version__

    dates = _dates(corpus).dropna()
    span_dates = f"{dates.min():%Y-%m-%d} → {dates.max():%Y-%m-%d}" if len(dates) else "—"
    figures = [
        ("articles", f"{len(corpus):,}"),
        ("outlets", f"{len(corpus.sources()):,}"),
        ("spans", f"{len(spans):,}"),
        ("extractors", f"{spans['extractor'].nunique() if len(spans) else 0:,}"),
        ("published", span_dates),
    ]
    kpis = "".join(f'<div class="nl-kpi"><b>{esc(v)}</b>{esc(k)}</div>' for k, v in figures)
    when = (generated or _dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    warn = ""
    if failures:
        warn = (
            f'<p class="nl-report-note"><b>{len(failures):,} extractor failure(s)</b>: '
            "see “Extraction problems” at the end.</p>"
        )
    skipped = getattr(corpus, "skipped", [])
    if skipped:
        warn += f'<p class="nl-report-note"><b>{len(skipped):,} input item(s) skipped</b>.</p>'
    return (
        f'<h1 dir="{dir_for(title)}">{esc(title)}</h1>'
        f'<div class="nl-kpis">{kpis}</div>{warn}'
        f'<p class="nl-report-note">Generated {esc(when)} by newslab {esc(__version__)}.</p>'
    )


def outlets_table(corpus: Corpus, spans: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles, characters, first and last publication date, spans."""
    frame = pd.DataFrame(
        {
            "outlet": [a.source or f"({a.id})" for a in corpus],
            "id": corpus.ids,
            "chars": [len(a.text) for a in corpus],
            "published": _dates(corpus),
        }
    )
    per_article = spans.groupby("article").size() if len(spans) else pd.Series(dtype=int)
    frame["spans"] = frame["id"].map(per_article).fillna(0).astype(int)
    table = frame.groupby("outlet", sort=False).agg(
        articles=("id", "size"),
        chars=("chars", "sum"),
        first=("published", "min"),
        last=("published", "max"),
        spans=("spans", "sum"),
    )
    for column in ("first", "last"):
        table[column] = table[column].map(lambda d: "" if pd.isna(d) else f"{d:%Y-%m-%d}")
    return table.sort_values(["articles", "chars"], ascending=False, kind="mergesort").reset_index()


def articles_table(corpus: Corpus, *, width: int = 90) -> pd.DataFrame:
    """One row per article: id, outlet, date, title and the opening words."""
    return pd.DataFrame(
        {
            "id": corpus.ids,
            "outlet": [a.source for a in corpus],
            "published": [a.published for a in corpus],
            "title": [snippet(a.title, width) for a in corpus],
            "opening": [snippet(a.text, width) for a in corpus],
        }
    )


def kinds_table(spans: pd.DataFrame, corpus: Corpus, *, top_n: int = 15) -> pd.DataFrame:
    """Span counts by kind (rows) and outlet (columns, the ``top_n`` largest + other)."""
    if not len(spans):
        return pd.DataFrame(columns=["kind", "total"])
    outlet_of = {a.id: a.source or f"({a.id})" for a in corpus}
    frame = spans.assign(outlet=spans["article"].map(outlet_of).fillna("?"))
    keep = set(top_with_other(frame["outlet"].value_counts(), top_n).index)
    frame["outlet"] = frame["outlet"].where(frame["outlet"].isin(keep), "other outlets")
    table = pd.crosstab(frame["kind"], frame["outlet"])
    table.insert(0, "total", table.sum(axis=1))
    table = table.sort_values("total", ascending=False, kind="mergesort")
    return table.reset_index().rename_axis(columns=None)


def failures_table(failures: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Extractor failures (article, extractor, error), one row each."""
    rows = [
        {
            "article": f.get("article", ""),
            "extractor": f.get("extractor", ""),
            "error": f.get("error", ""),
        }
        for f in failures
    ]
    return pd.DataFrame(rows, columns=["article", "extractor", "error"])


# ------------------------------------------------------------------ analyses


def reuse_table(reuse: pd.DataFrame, *, width: int = 120) -> pd.DataFrame:
    """Reused passages, most similar first: outlets, articles, level, similarity, passage."""
    columns = ["outlet_a", "article_a", "outlet_b", "article_b", "level", "similarity", "passage"]
    if not len(reuse):
        return pd.DataFrame(columns=columns)
    table = reuse.assign(
        similarity=reuse["similarity"].astype(float).round(2),
        passage=reuse["text_a"].map(lambda t: snippet(t, width)),
    )
    table = table.sort_values(
        ["same_article", "similarity"], ascending=[True, False], kind="mergesort"
    )
    return table.loc[:, columns].reset_index(drop=True)


def reuse_example_html(corpus: Corpus, reuse: pd.DataFrame) -> str:
    """The two articles of different outlets sharing the most text, side by side."""
    from newslab.widgets.reuse_viewer import Passage, pair_html

    across = reuse[reuse["outlet_a"] != reuse["outlet_b"]] if len(reuse) else reuse
    if not len(across):
        return ""
    shared = across.assign(chars=across["end_a"] - across["start_a"])
    best = shared.groupby(["article_a", "article_b"], sort=False)["chars"].sum().idxmax()
    rows = shared[(shared["article_a"] == best[0]) & (shared["article_b"] == best[1])]
    passages = sorted(
        Passage(int(r.start_a), int(r.end_a), int(r.start_b), int(r.end_b), 0)
        for r in rows.itertuples(index=False)
    )
    return pair_html(corpus[best[0]], corpus[best[1]], passages)


def top_outlets(corpus: Corpus, n: int) -> list[str]:
    """The ``n`` outlets with most articles (articles without a source count as their id)."""
    names = pd.Series([a.source or a.id for a in corpus])
    return list(names.value_counts().head(n).index)


def quote_groups(shared: pd.DataFrame) -> pd.DataFrame:
    """:func:`newslab.analysis.shared_quotes` rows in the shape :func:`quotes_html` reads."""
    from newslab.widgets.quote_browser import groups_from_shared

    return groups_from_shared(shared)


def events_table(timeline: pd.DataFrame, *, width: int = 110) -> pd.DataFrame:
    """One row per dated event: date, precision, outlets reporting it, a sentence."""
    columns = ["date", "precision", "outlets", "n_outlets", "sentence"]
    dated = timeline[timeline["precision"] != "unresolved"] if len(timeline) else timeline
    if not len(dated):
        return pd.DataFrame(columns=columns)
    grouped = dated.groupby("event", sort=False).agg(
        date=("value", "first"),
        precision=("precision", "first"),
        outlets=("outlet", lambda s: tuple(dict.fromkeys(s))),
        n_outlets=("n_outlets", "max"),
        sentence=("sentence", "first"),
        start=("date_start", "min"),
    )
    grouped["sentence"] = grouped["sentence"].map(lambda t: snippet(t, width))
    grouped = grouped.sort_values(["n_outlets", "start"], ascending=[False, True], kind="mergesort")
    return grouped.loc[:, columns].reset_index(drop=True)


def distinctive_table(words: pd.DataFrame, *, n: int = 8) -> pd.DataFrame:
    """Per outlet, its ``n`` most distinctive words in one cell."""
    if not len(words):
        return pd.DataFrame(columns=["outlet", "words"])
    top = words[words["rank"] <= n].sort_values(["outlet", "rank"], kind="mergesort")
    table = top.groupby("outlet", sort=False)["word"].agg(tuple).reset_index()
    return table.rename(columns={"word": "words"})
