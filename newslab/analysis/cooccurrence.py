"""Entity co-occurrence: which entities are named together, as a networkx graph."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd

from newslab.analysis.inputs import articles_frame, spans_of_kind
from newslab.analysis.mentions import canonical_names
from newslab.analysis.text import paragraphs, sentences

__all__ = ["EDGE_COLUMNS", "cooccurrence_edges", "cooccurrence_graph"]

EDGE_COLUMNS = ("source", "target", "weight", "articles", "outlets")
WINDOWS = ("sentence", "paragraph", "article")


def cooccurrence_edges(
    corpus: Any,
    spans: pd.DataFrame,
    *,
    window: str = "sentence",
    labels: Sequence[str] | None = None,
    min_weight: int = 1,
) -> pd.DataFrame:
    """Pairs of canonical entities named in the same window, with counts.

    ``weight`` is the number of windows (sentences, paragraphs or articles) holding
    both; ``articles`` and ``outlets`` count where. ``source < target``; heaviest first.
    """
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}, got {window!r}")
    articles = articles_frame(corpus)
    entities = spans_of_kind(spans, "entity", labels)
    meta = articles.set_index("id")
    entities = entities[entities["article"].isin(meta.index)]
    entities = entities.assign(entity=canonical_names(entities))
    entities = entities[entities["entity"] != ""]
    weight: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, group in entities.groupby("article", sort=False):
        text = meta.at[article, "text"]
        if window == "article":
            bounds = [(0, len(text))]
        else:
            bounds = sentences(text) if window == "sentence" else paragraphs(text)
        starts = [s for s, _ in bounds]
        members: dict[int, set[str]] = defaultdict(set)
        for start, name in zip(group["start"], group["entity"], strict=True):
            members[_window_of(starts, start)].add(name)
        for names in members.values():
            for pair in combinations(sorted(names), 2):
                weight[pair] += 1
                where[pair].add(article)
    rows = [
        (a, b, w, len(where[(a, b)]), len({meta.at[x, "outlet"] for x in where[(a, b)]}))
        for (a, b), w in weight.items()
        if w >= min_weight
    ]
    table = pd.DataFrame(rows, columns=list(EDGE_COLUMNS))
    table = table.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], kind="mergesort"
    )
    return table.reset_index(drop=True)


def _window_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def cooccurrence_graph(
    corpus: Any,
    spans: pd.DataFrame,
    *,
    window: str = "sentence",
    labels: Sequence[str] | None = None,
    min_weight: int = 1,
) -> nx.Graph:
    """The co-occurrence graph: nodes are canonical entities, edges shared windows.

    Node attributes: ``label`` (most common type), ``mentions``, ``articles``,
    ``outlets``; edge attributes: ``weight``, ``articles``, ``outlets`` (see
    :func:`cooccurrence_edges`). Entities without any co-occurrence are nodes too.
    """
    articles = articles_frame(corpus)
    entities = spans_of_kind(spans, "entity", labels)
    entities = entities[entities["article"].isin(set(articles["id"]))]
    outlet_of = dict(zip(articles["id"], articles["outlet"], strict=True))
    entities = entities.assign(
        entity=canonical_names(entities), outlet=entities["article"].map(outlet_of)
    )
    entities = entities[entities["entity"] != ""]
    graph = nx.Graph(window=window)
    for name, group in entities.groupby("entity", sort=True):
        graph.add_node(
            name,
            label=group["label"].value_counts().index[0],
            mentions=len(group),
            articles=group["article"].nunique(),
            outlets=group["outlet"].nunique(),
        )
    edges = cooccurrence_edges(articles, spans, window=window, labels=labels, min_weight=min_weight)
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.source, row.target, weight=row.weight, articles=row.articles, outlets=row.outlets
        )
    return graph
