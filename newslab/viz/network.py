"""Co-occurrence network: entities as nodes (size: mentions; colour: type), edges by weight."""

from __future__ import annotations

from typing import Any

import networkx as nx

from newslab.viz.labels import ar
from newslab.viz.style import OKABE_ITO, new_axes

__all__ = ["plot_cooccurrence"]

TYPE_COLORS = {
    "PER": OKABE_ITO[0],
    "ORG": OKABE_ITO[1],
    "GPE": OKABE_ITO[2],
    "LOC": OKABE_ITO[4],
    "EVENT": OKABE_ITO[3],
    "MISC": OKABE_ITO[5],
}
TYPE_NAMES = {
    "PER": "شخص",
    "ORG": "منظمة",
    "GPE": "دولة/مدينة",
    "LOC": "مكان",
    "EVENT": "حدث",
    "MISC": "أخرى",
}


def plot_cooccurrence(
    graph: nx.Graph,
    ax: Any = None,
    *,
    top: int = 20,
    seed: int = 7,
    title: str = "شبكة الكيانات المتزامنة",
):
    """Draw :func:`newslab.analysis.cooccurrence_graph`: the ``top`` most mentioned
    entities that co-occur with another; node size by mentions, colour by type, edge
    width by weight."""
    ax = new_axes(ax, figsize=(9, 7))
    connected = [n for n in graph.nodes if graph.degree(n) > 0]
    keep = sorted(connected, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))[:top]
    sub = graph.subgraph(keep)
    if not len(sub):
        ax.set_axis_off()
        ax.set_title(ar(title))
        return ax
    # Kamada-Kawai spreads a small graph evenly (no node flung to the border) and is
    # deterministic; the spring layout seeds it for large graphs only.
    start = nx.spring_layout(sub, seed=seed) if len(sub) > 60 else None
    position = nx.kamada_kawai_layout(sub, pos=start)
    weights = [sub.edges[e].get("weight", 1) for e in sub.edges]
    heaviest = max(weights, default=1)
    nx.draw_networkx_edges(
        sub,
        position,
        ax=ax,
        width=[0.5 + 4 * w / heaviest for w in weights],
        edge_color="#9a9a9a",
        alpha=0.7,
    )
    mentions = [sub.nodes[n].get("mentions", 1) for n in sub.nodes]
    most = max(mentions, default=1)
    node_colors = [TYPE_COLORS.get(sub.nodes[n].get("label", ""), OKABE_ITO[7]) for n in sub.nodes]
    sizes = {n: 120 + 900 * m / most for n, m in zip(sub.nodes, mentions, strict=True)}
    nx.draw_networkx_nodes(
        sub,
        position,
        ax=ax,
        node_size=list(sizes.values()),
        node_color=node_colors,
        alpha=0.9,
    )
    for node, (x, y) in position.items():
        ax.annotate(
            ar(str(node), width=18),
            (x, y),
            xytext=(0, sizes[node] ** 0.5 / 2 + 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=9,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.75,
            },
        )
    present = list(dict.fromkeys(sub.nodes[n].get("label", "") for n in sub.nodes))
    handles = [
        ax.scatter(
            [],
            [],
            s=80,
            color=TYPE_COLORS.get(t, OKABE_ITO[7]),
            label=ar(TYPE_NAMES.get(t, t or "?")),
        )
        for t in present
    ]
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_axis_off()
    ax.margins(0.12)
    ax.set_title(ar(title))
    return ax
