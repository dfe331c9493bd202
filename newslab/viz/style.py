"""Shared plot defaults: the Okabe–Ito palette, axes creation, Arabic tick labels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newslab.viz.labels import ar, setup

__all__ = [
    "OKABE_ITO",
    "color_for",
    "colors",
    "grouped_barh",
    "legend",
    "new_axes",
    "no_data",
    "set_ar_ticks",
]

#: Okabe & Ito (2008) colours, distinguishable with the common colour-vision deficiencies.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)

LABEL_WIDTH = 28  # characters per line of a long Arabic tick label


def colors(n: int) -> list[str]:
    """``n`` palette colours (cycling after eight)."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def color_for(names: Iterable[str]) -> dict[str, str]:
    """A stable colour per name, in order of first appearance."""
    unique = list(dict.fromkeys(names))
    return dict(zip(unique, colors(len(unique)), strict=True))


def new_axes(ax: Any = None, *, figsize: tuple[float, float] = (8, 5)):
    """``ax`` itself, or a fresh figure's axes with the Arabic font selected."""
    setup()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def set_ar_ticks(
    ax: Any,
    axis: str,
    positions: Sequence[float],
    names: Sequence[Any],
    *,
    width: int | None = LABEL_WIDTH,
    **kwargs: Any,
) -> None:
    """Put Arabic-safe tick labels on ``axis`` (``"x"`` or ``"y"``)."""
    texts = [ar(str(name), width=width) for name in names]
    if axis == "x":
        ax.set_xticks(list(positions), texts, **kwargs)
    else:
        ax.set_yticks(list(positions), texts, **kwargs)


def grouped_barh(ax: Any, table, *, width: float = 0.8) -> None:
    """Horizontal grouped bars of a wide table (rows: categories top-down; columns: series).

    Series share the palette in column order; the legend lists them in that order.
    """
    import numpy as np

    n_rows, n_series = table.shape
    bar = width / max(1, n_series)
    positions = np.arange(n_rows)[::-1]  # first row at the top
    palette = colors(n_series)
    for k, series in enumerate(table.columns):
        offset = (n_series - 1) / 2 * bar - k * bar
        ax.barh(
            positions + offset,
            table[series].to_numpy(dtype=float),
            height=bar * 0.95,
            color=palette[k],
            label=ar(str(series)),
        )
    set_ar_ticks(ax, "y", positions, table.index)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def no_data(ax: Any, title: str) -> Any:
    """An empty plot that says so (an analysis table without rows is not an error)."""
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        ar("لا توجد بيانات"),
        ha="center",
        va="center",
        transform=ax.transAxes,
        color="#666666",
    )
    ax.set_title(ar(title))
    return ax


def legend(ax: Any, **kwargs: Any) -> None:
    """A legend with an Arabic title, only when something is labelled."""
    handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(title=ar("المنبر"), frameon=False, **kwargs)
