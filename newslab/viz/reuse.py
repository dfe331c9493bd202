"""Reuse heatmap: share of each outlet's (or article's) text found in another."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from newslab.viz.labels import ar
from newslab.viz.style import new_axes, no_data, set_ar_ticks

__all__ = ["plot_reuse_matrix"]


def plot_reuse_matrix(
    matrix: pd.DataFrame,
    ax: Any = None,
    *,
    title: str = "نسبة النص المعاد استخدامه",
    annotate: bool = True,
):
    """Heatmap of :func:`newslab.analysis.reuse_matrix` (rows: whose text; columns: found in)."""
    if matrix.empty:
        return no_data(new_axes(ax), title)
    n = max(matrix.shape)
    ax = new_axes(ax, figsize=(1.1 * n + 3.5, 0.9 * n + 2.5))
    values = matrix.to_numpy(dtype=float) * 100
    image = ax.imshow(
        values,
        cmap="cividis",
        vmin=0,
        vmax=max(1.0, float(np.nanmax(values)) if values.size else 1.0),
    )
    set_ar_ticks(
        ax,
        "x",
        range(matrix.shape[1]),
        matrix.columns,
        width=16,
        rotation=30,
        ha="right",
        rotation_mode="anchor",
    )
    set_ar_ticks(ax, "y", range(matrix.shape[0]), matrix.index, width=22)
    if annotate:
        threshold = np.nanmax(values) / 2 if values.size else 0
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                if np.isnan(values[i, j]):
                    continue
                color = "black" if values[i, j] > threshold else "white"
                ax.text(
                    j, i, f"{values[i, j]:.0f}%", ha="center", va="center", color=color, fontsize=9
                )
    ax.set_xlabel(ar("موجود في"))
    ax.set_ylabel(ar("نص المنبر"))
    ax.set_title(ar(title))
    colorbar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
    colorbar.set_label("%")
    return ax
