"""Quote carriers: which outlet carried which shared quotation, and who had it first."""

from __future__ import annotations

from typing import Any

import pandas as pd

from newslab.viz.labels import ar
from newslab.viz.style import OKABE_ITO, new_axes, no_data, set_ar_ticks

__all__ = ["plot_quote_carriers"]


def _quote_label(speaker: str, text: str, words: int = 7) -> str:
    tokens = text.split()
    excerpt = " ".join(tokens[:words]) + (" …" if len(tokens) > words else "")
    return f"{speaker}: «{excerpt}»" if speaker else f"«{excerpt}»"


def plot_quote_carriers(
    quotes: pd.DataFrame,
    ax: Any = None,
    *,
    max_quotes: int = 12,
    title: str = "الاقتباسات المشتركة بين المنابر",
):
    """Quotes (rows) × outlets (columns) from :func:`newslab.analysis.shared_quotes`.

    A filled diamond marks the first appearance; circles the later carriers, lighter
    as the wording drifts from the first one (similarity below 100).
    """
    if quotes.empty:
        return no_data(new_axes(ax), title)
    groups = list(dict.fromkeys(quotes["quote_id"]))[:max_quotes]
    outlets = list(dict.fromkeys(quotes["outlet"]))
    ax = new_axes(ax, figsize=(1.3 * len(outlets) + 6, 0.7 * len(groups) + 2))
    row_of = {q: len(groups) - 1 - i for i, q in enumerate(groups)}
    col_of = {o: j for j, o in enumerate(outlets)}
    shown = quotes[quotes["quote_id"].isin(groups)]
    for row in shown.itertuples(index=False):
        x, y = col_of[row.outlet], row_of[row.quote_id]
        if row.first:
            ax.scatter([x], [y], marker="D", s=140, color=OKABE_ITO[3], zorder=3)
        else:
            alpha = 0.35 + 0.65 * max(0.0, min(1.0, float(row.similarity) / 100))
            ax.scatter([x], [y], marker="o", s=120, color=OKABE_ITO[0], alpha=alpha, zorder=3)
    firsts = shown[shown["first"]].drop_duplicates("quote_id").set_index("quote_id")
    labels = [_quote_label(firsts.at[q, "speaker"], firsts.at[q, "text"]) for q in groups]
    set_ar_ticks(ax, "y", [row_of[q] for q in groups], labels, width=40)
    set_ar_ticks(
        ax,
        "x",
        range(len(outlets)),
        outlets,
        width=14,
        rotation=30,
        ha="right",
        rotation_mode="anchor",
    )
    ax.set_xlim(-0.6, len(outlets) - 0.4)
    ax.set_ylim(-0.6, len(groups) - 0.4)
    ax.grid(color="#eeeeee")
    ax.set_axisbelow(True)
    handles = [
        ax.scatter([], [], marker="D", s=80, color=OKABE_ITO[3], label=ar("أول ظهور")),
        ax.scatter([], [], marker="o", s=80, color=OKABE_ITO[0], label=ar("نقل لاحق")),
    ]
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(ar(title))
    return ax
