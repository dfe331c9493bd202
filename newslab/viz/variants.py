"""Name variants: how often each outlet writes each form of a name (stacked bars)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from newslab.viz.labels import ar
from newslab.viz.style import colors, legend, new_axes, no_data, set_ar_ticks

__all__ = ["plot_name_variants"]


def plot_name_variants(
    variants: pd.DataFrame,
    ax: Any = None,
    *,
    top: int = 5,
    title: str = "صيغ كتابة الأسماء حسب المنبر",
):
    """Stacked bars of :func:`newslab.analysis.name_variants` for the ``top`` entities
    written in most forms; one bar per form, one colour per outlet, hatched when the
    form is exclusive to one outlet. Rows read ``canonical ← form``."""
    if variants.empty:
        return no_data(new_axes(ax), title)
    forms = variants.groupby("entity")["form"].nunique()
    chosen = forms[forms >= 2].sort_values(ascending=False, kind="mergesort").index[:top]
    if not len(chosen):
        chosen = forms.index[:top]
    shown = variants[variants["entity"].isin(chosen)]
    rows = list(dict.fromkeys(zip(shown["entity"], shown["form"], strict=True)))
    rows.sort(key=lambda r: (list(chosen).index(r[0]),))
    outlets = list(dict.fromkeys(shown["outlet"]))
    ax = new_axes(ax, figsize=(9, 0.45 * max(1, len(rows)) + 2))
    positions = np.arange(len(rows))[::-1]
    left = np.zeros(len(rows))
    palette = colors(len(outlets))
    for k, outlet in enumerate(outlets):
        part = shown[shown["outlet"] == outlet].set_index(["entity", "form"])
        counts = np.array(
            [float(part["count"].get(r, 0)) if r in part.index else 0.0 for r in rows]
        )
        exclusive = [
            bool(part["exclusive"].get(r, False)) if r in part.index else False for r in rows
        ]
        bars = ax.barh(
            positions, counts, left=left, color=palette[k], label=ar(str(outlet)), height=0.7
        )
        for bar, flag in zip(bars, exclusive, strict=True):
            if flag:
                bar.set_hatch("//")
                bar.set_edgecolor("white")
        left += counts
    # Canonical name first, so a Latin form does not turn the label left-to-right.
    labels = [form if form == entity else f"{entity} ← {form}" for entity, form in rows]
    set_ar_ticks(ax, "y", positions, labels, width=34)
    ax.set_xlabel(ar("عدد مرات الذكر"))
    ax.set_title(ar(title))
    legend(ax, loc="lower right")
    ax.grid(axis="x", color="#dddddd")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
