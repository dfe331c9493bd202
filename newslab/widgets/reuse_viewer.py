"""Side-by-side view of two articles with their shared passages highlighted.

::

    from newslab.widgets import ReuseViewer
    ReuseViewer(corpus, reuse_table)     # reuse_table from newslab.analysis.find_reuse

The pair list comes from the reuse table (any table with two article-id columns such as
``article_a``/``article_b``; when it also has ``start_a``/``end_a``/``start_b``/``end_b``
those passages are shown as given). Without offsets, or for any two articles picked by
hand, the shared passages are found here by word shingles (:func:`shared_passages`),
which also catches paragraphs that were moved. Each passage pair gets one colour in
both texts; selecting a passage in the list outlines it on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import ipywidgets as W
import pandas as pd

from newslab.arabic.normalize import normalize
from newslab.corpus.article import Article, Corpus
from newslab.widgets._data import as_corpus
from newslab.widgets.html import direction, esc, frame_html, highlight, root

__all__ = ["Passage", "ReuseViewer", "pair_html", "reuse_pairs", "shared_passages"]

#: Distinct colours for passage pairs (cycled).
PASSAGE_COLOURS: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
)

_ALIASES = {
    "a": ("article_a", "a", "left", "article_1", "id_a", "source_article", "article_x"),
    "b": ("article_b", "b", "right", "article_2", "id_b", "target_article", "article_y"),
    "start_a": ("start_a", "a_start", "start_1", "start_x"),
    "end_a": ("end_a", "a_end", "end_1", "end_x"),
    "start_b": ("start_b", "b_start", "start_2", "start_y"),
    "end_b": ("end_b", "b_end", "end_2", "end_y"),
    "score": ("score", "similarity", "jaccard", "ratio", "overlap"),
}

_WORD = re.compile(r"\w+")


class Passage(NamedTuple):
    """A passage shared by two articles: offsets into each original text."""

    start_a: int
    end_a: int
    start_b: int
    end_b: int
    words: int


def _words(text: str) -> list[tuple[str, int, int]]:
    """Folded words of ``text`` with their offsets in the original text."""
    folded = normalize(text, teh_marbuta=True, hamza=True)
    out = []
    for match in _WORD.finditer(folded.text):
        start, end = folded.to_original_span(match.start(), match.end())
        out.append((match.group(), start, end))
    return out


def shared_passages(text_a: str, text_b: str, *, min_words: int = 6) -> list[Passage]:
    """Maximal runs of at least ``min_words`` identical (folded) words in both texts.

    Works by word shingles, so reordered paragraphs are found too; each stretch of
    either text belongs to at most one passage (longest first). Sorted by position in A.
    """
    words_a, words_b = _words(text_a), _words(text_b)
    k = max(1, int(min_words))
    if len(words_a) < k or len(words_b) < k:
        return []
    seq_a = [w for w, _, _ in words_a]
    seq_b = [w for w, _, _ in words_b]
    grams: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(seq_a) - k + 1):
        grams.setdefault(tuple(seq_a[i : i + k]), []).append(i)
    # matches on the same diagonal (i - j) that follow each other form one run
    runs: dict[tuple[int, int], int] = {}  # (i_start, j_start) -> length in shingles
    last: dict[int, tuple[int, int]] = {}  # diagonal -> (i of last match, run key)
    for j in range(len(seq_b) - k + 1):
        for i in grams.get(tuple(seq_b[j : j + k]), ())[:20]:
            diagonal = i - j
            previous = last.get(diagonal)
            if previous is not None and previous[0] == i - 1:
                key = previous[1]
                runs[key] += 1
            else:
                key = (i, j)
                runs[key] = 1
            last[diagonal] = (i, key)
    used_a = [False] * len(seq_a)
    used_b = [False] * len(seq_b)
    chosen = []
    for (i, j), n in sorted(runs.items(), key=lambda item: (-item[1], item[0])):
        length = n + k - 1
        if any(used_a[i : i + length]) or any(used_b[j : j + length]):
            continue
        used_a[i : i + length] = [True] * length
        used_b[j : j + length] = [True] * length
        chosen.append(
            Passage(
                words_a[i][1],
                words_a[i + length - 1][2],
                words_b[j][1],
                words_b[j + length - 1][2],
                length,
            )
        )
    return sorted(chosen)


def _column(table: pd.DataFrame, role: str) -> str | None:
    for name in _ALIASES[role]:
        if name in table.columns:
            return name
    return None


def reuse_pairs(table: pd.DataFrame | None) -> pd.DataFrame:
    """The reuse table reduced to one row per article pair: a, b, passages, score."""
    empty = pd.DataFrame(columns=["a", "b", "passages", "score"])
    if table is None or not len(table):
        return empty
    col_a, col_b = _column(table, "a"), _column(table, "b")
    if col_a is None or col_b is None:
        raise ValueError(
            "reuse table needs two article-id columns (article_a/article_b); "
            f"got {', '.join(map(str, table.columns))}"
        )
    score = _column(table, "score")
    frame = pd.DataFrame(
        {
            "a": table[col_a].astype(str).to_numpy(),
            "b": table[col_b].astype(str).to_numpy(),
            "score": pd.to_numeric(table[score], errors="coerce").to_numpy() if score else 0.0,
        }
    )
    grouped = frame.groupby(["a", "b"], sort=False).agg(
        passages=("a", "size"), score=("score", "max")
    )
    return grouped.reset_index().sort_values("score", ascending=False, kind="mergesort")


def _passages_from_table(table: pd.DataFrame, a: str, b: str) -> list[Passage] | None:
    """Passages the reuse table gives for (a, b) with offsets, or None without offsets."""
    cols = {
        role: _column(table, role) for role in ("a", "b", "start_a", "end_a", "start_b", "end_b")
    }
    if any(v is None for v in cols.values()):
        return None
    out = []
    directions = ((False, (a, b)),) if a == b else ((False, (a, b)), (True, (b, a)))
    for swap, (x, y) in directions:
        rows = table[(table[cols["a"]].astype(str) == x) & (table[cols["b"]].astype(str) == y)]
        for r in rows.itertuples(index=False):
            row = r._asdict()
            sa, ea = int(row[cols["start_a"]]), int(row[cols["end_a"]])
            sb, eb = int(row[cols["start_b"]]), int(row[cols["end_b"]])
            if swap:
                sa, ea, sb, eb = sb, eb, sa, ea
            out.append(Passage(sa, ea, sb, eb, 0))
    return sorted(out)


def pair_html(
    article_a: Article,
    article_b: Article,
    passages: Iterable[Passage],
    *,
    active: int | None = None,
) -> str:
    """Two articles side by side (RTL), passage pair ``n`` in the same colour on both sides."""
    passages = list(passages)
    marks_a, marks_b = [], []
    for n, p in enumerate(passages, 1):
        rgb = PASSAGE_COLOURS[(n - 1) % len(PASSAGE_COLOURS)]
        words = f", {p.words} words" if p.words else ""
        title = f"passage #{n}{words}: {article_a.id} ↔ {article_b.id}"
        common = {"kind": "reuse", "label": f"#{n}", "rgb": rgb, "title": title}
        marks_a.append({"start": p.start_a, "end": p.end_a, **common})
        marks_b.append({"start": p.start_b, "end": p.end_b, **common})
    numbers = list(range(1, len(passages) + 1))
    columns = []
    for article, marks, side in ((article_a, marks_a, "a"), (article_b, marks_b, "b")):
        body = highlight(
            article.text, marks, numbers=numbers, active=active, id_prefix=f"nl-{side}"
        )
        meta = " · ".join(esc(x) for x in (article.source, article.published, article.id) if x)
        title = article.title or article.id
        columns.append(
            f'<div class="nl-col"><div class="nl-head" {direction(title + article.text)}>'
            f'<p class="nl-title">{esc(title)}</p>'
            f'<div class="nl-meta">{meta}</div></div>'
            f'<div class="nl-article" {direction(article.text)}>{body}</div></div>'
        )
    share = _shared_share(article_a, passages)
    summary = (
        f'<div class="nl-caption" dir="auto">{len(passages)} shared passage'
        f"{'s' if len(passages) != 1 else ''}; {share:.0%} of the first article's text</div>"
    )
    return f'{summary}<div class="nl-cols" dir="rtl">{"".join(columns)}</div>'


def _shared_share(article: Article, passages: list[Passage]) -> float:
    if not article.text:
        return 0.0
    return sum(p.end_a - p.start_a for p in passages) / len(article.text)


class ReuseViewer:
    """Compare two articles; pairs come from a reuse table (see the module docstring)."""

    def __init__(
        self,
        corpus: Corpus | Iterable[Article],
        reuse_table: pd.DataFrame | None = None,
        *,
        min_words: int = 6,
    ) -> None:
        self.corpus = as_corpus(corpus)
        if len(self.corpus) < 2:
            raise ValueError("ReuseViewer needs a corpus with at least two articles")
        self.table = reuse_table if reuse_table is not None else pd.DataFrame()
        self.pairs_table = reuse_pairs(reuse_table)
        self.min_words = min_words
        self._busy = False
        self.passages: list[Passage] = []

        pair_options = [
            (self._pair_label(r.a, r.b, r.passages, r.score), (r.a, r.b))
            for r in self.pairs_table.itertuples(index=False)
            if r.a in self.corpus and r.b in self.corpus
        ]
        self.pairs = W.Dropdown(options=pair_options, value=None, description="Pair")
        self.pairs.layout.width = "min(100%, 48em)"
        article_options = [(f"{a.title or a.id} — {a.source or a.id}", a.id) for a in self.corpus]
        first = pair_options[0][1] if pair_options else (self.corpus[0].id, self.corpus[1].id)
        self.left = W.Dropdown(options=article_options, value=first[0], description="Article A")
        self.right = W.Dropdown(options=article_options, value=first[1], description="Article B")
        self.passage_list = W.Select(options=[], rows=5, description="Passages")
        self.passage_list.layout.width = "100%"
        self.view = W.HTML()
        self.pairs.observe(self._on_pair, names="value")
        self.left.observe(self._on_articles, names="value")
        self.right.observe(self._on_articles, names="value")
        self.passage_list.observe(self._on_passage, names="value")
        self.widget = W.VBox(
            [
                self.pairs,
                W.HBox([self.left, self.right], layout=W.Layout(flex_flow="row wrap")),
                self.passage_list,
                self.view,
            ]
        )
        if pair_options:
            self.pairs.value = pair_options[0][1]
        else:
            self._update()

    def _pair_label(self, a: str, b: str, passages: int, score: float) -> str:
        def name(aid: str) -> str:
            article = self.corpus[aid]
            return article.source or aid

        score_text = f", score {score:.2f}" if score == score and score else ""
        return f"{name(a)} ({a}) ↔ {name(b)} ({b}): {passages} passage(s){score_text}"

    def show(self, article_a: str, article_b: str) -> None:
        """Compare two articles by id."""
        for aid in (article_a, article_b):
            if aid not in self.corpus:
                raise KeyError(f"no article {aid!r} in this corpus")
        self._busy = True
        try:
            self.left.value = article_a
            self.right.value = article_b
        finally:
            self._busy = False
        self._update()

    def to_html(self) -> str:
        """The current comparison as a static HTML fragment."""
        return root(self.view.value)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return self.widget._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------ events

    def _on_pair(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self.show(*change["new"])

    def _on_articles(self, change: dict[str, Any]) -> None:
        if not self._busy:
            self._update()

    def _on_passage(self, change: dict[str, Any]) -> None:
        if not self._busy:
            self._render(active=change["new"])

    def _update(self) -> None:
        a, b = self.left.value, self.right.value
        given = _passages_from_table(self.table, a, b) if len(self.table) else None
        if given is None or (not given and a != b):
            given = shared_passages(
                self.corpus[a].text, self.corpus[b].text, min_words=self.min_words
            )
        self.passages = given
        text_a = self.corpus[a].text
        options = []
        for n, p in enumerate(self.passages, 1):
            snippet = " ".join(text_a[p.start_a : p.end_a].split())
            snippet = snippet if len(snippet) <= 50 else snippet[:49] + "…"
            size = f"{p.words} words" if p.words else f"{p.end_a - p.start_a} chars"
            options.append((f"#{n} · {size} · {snippet}", n))
        self._busy = True
        try:
            self.passage_list.options = options
            self.passage_list.value = None
        finally:
            self._busy = False
        self._render()

    def _render(self, active: int | None = None) -> None:
        a, b = self.corpus[self.left.value], self.corpus[self.right.value]
        body = pair_html(a, b, self.passages, active=active)
        if not self.passages:
            body += '<div class="nl-empty" dir="auto">No shared passage found.</div>'
        elif active is not None:
            p = self.passages[active - 1]
            table = pd.DataFrame(
                {
                    "article": [a.id, b.id],
                    "passage": [a.text[p.start_a : p.end_a], b.text[p.start_b : p.end_b]],
                }
            )
            body += frame_html(table, caption=f"passage #{active}")
        self.view.value = root(body)
