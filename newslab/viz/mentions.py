"""Entity mentions by outlet: grouped horizontal bars, most mentioned entity on top."""

from __future__ import annotations

from typing import Any

import pandas as pd

from newslab.viz.labels import ar
from newslab.viz.style import grouped_barh, legend, new_axes, no_data

__all__ = ["plot_mentions"]


def plot_mentions(
    mentions: pd.DataFrame,
    ax: Any = None,
    *,
    top: int = 8,
    value: str = "per_1000_words",
    title: str = "الكيانات الأكثر ذكرا حسب المنبر",
):
    """Grouped bars of :func:`newslab.analysis.mentions_by_outlet` (``top`` entities overall).

    ``value``: ``per_1000_words`` (default), ``mentions`` or ``share``.
    """
    if value not in mentions.columns:
        raise ValueError(f"{value!r} is not a column of the mentions table")
    if mentions.empty:
        return no_data(new_axes(ax), title)
    ax = new_axes(ax, figsize=(9, 0.55 * min(top, max(1, mentions["entity"].nunique())) + 1.8))
    wide = mentions.pivot_table(
        index="entity", columns="outlet", values=value, aggfunc="sum", fill_value=0
    )
    order = wide.sum(axis=1).sort_values(ascending=False, kind="mergesort").index[:top]
    wide = wide.loc[order]
    grouped_barh(ax, wide)
    axis_label = {
        "per_1000_words": "ذكر لكل 1000 كلمة",
        "mentions": "عدد مرات الذكر",
        "share": "حصة من الإشارات",
    }
    ax.set_xlabel(ar(axis_label.get(value, value)))
    ax.set_title(ar(title))
    legend(ax, loc="lower right")
    return ax
