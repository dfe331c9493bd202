"""Framing: lexicon categories by outlet, and each outlet's distinctive words."""

from __future__ import annotations

from typing import Any

import pandas as pd

from newslab.viz.labels import ar
from newslab.viz.style import OKABE_ITO, grouped_barh, legend, new_axes, no_data, set_ar_ticks

__all__ = ["plot_distinctive_words", "plot_framing"]


def plot_framing(
    framing: pd.DataFrame,
    ax: Any = None,
    *,
    value: str = "per_1000_words",
    title: str = "مفردات التأطير حسب المنبر",
):
    """Grouped bars of :func:`newslab.analysis.framing_terms`: category × outlet."""
    if value not in framing.columns:
        raise ValueError(f"{value!r} is not a column of the framing table")
    if framing.empty:
        return no_data(new_axes(ax), title)
    categories = framing["category"].nunique()
    ax = new_axes(
        ax, figsize=(9, 0.6 * max(1, categories) * max(1, framing["outlet"].nunique()) ** 0.5 + 2)
    )
    wide = framing.pivot_table(
        index="category", columns="outlet", values=value, aggfunc="sum", fill_value=0
    )
    wide = wide.loc[wide.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]
    grouped_barh(ax, wide)
    ax.set_xlabel(ar("لكل 1000 كلمة" if value == "per_1000_words" else value))
    ax.set_title(ar(title))
    legend(ax, loc="lower right")
    return ax


def plot_distinctive_words(
    words: pd.DataFrame,
    ax: Any = None,
    *,
    outlet: str | None = None,
    top: int = 10,
    title: str | None = None,
):
    """Bars of the ``top`` distinctive words (z-scores) of one outlet of
    :func:`newslab.analysis.distinctive_words` (the first outlet by default)."""
    outlet = outlet if outlet is not None else (words["outlet"].iloc[0] if len(words) else "")
    chosen = words[words["outlet"] == outlet].sort_values("z", ascending=False).head(top)
    if chosen.empty:
        return no_data(new_axes(ax), title or "الكلمات المميزة")
    ax = new_axes(ax, figsize=(6, 0.4 * max(1, len(chosen)) + 1.5))
    positions = list(range(len(chosen)))[::-1]
    ax.barh(positions, chosen["z"], color=OKABE_ITO[2])
    set_ar_ticks(ax, "y", positions, chosen["word"])
    ax.set_xlabel("z")
    ax.set_title(ar(title or f"الكلمات المميزة: {outlet}"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
