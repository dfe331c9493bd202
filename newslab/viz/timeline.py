"""Timeline: dated events on a time axis, labelled with their Arabic sentences."""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import pandas as pd

from newslab.viz.labels import ar
from newslab.viz.style import OKABE_ITO, new_axes

__all__ = ["plot_timeline"]

_LEVELS = (1.0, -1.0, 2.0, -2.0, 3.0, -3.0)


def event_label(sentence: str, date_text: str, words: int = 9) -> str:
    """A short label for an event: up to ``words`` words of its sentence around the date."""
    tokens = sentence.split()
    if len(tokens) <= words:
        return sentence
    anchor = (
        next((i for i, t in enumerate(tokens) if date_text.split()[0] in t), 0)
        if date_text.split()
        else 0
    )
    start = max(0, min(anchor - words // 2, len(tokens) - words))
    excerpt = " ".join(tokens[start : start + words])
    return ("… " if start else "") + excerpt + (" …" if start + words < len(tokens) else "")


def plot_timeline(
    table: pd.DataFrame,
    ax: Any = None,
    *,
    max_events: int = 12,
    title: str = "الخط الزمني للأحداث",
):
    """The events of :func:`newslab.analysis.timeline` on a date axis.

    Each event is a dot at its date (bigger when more outlets report it); one spanning
    more than a day (a week, a month, a decade, a range) also gets a bar over its days.
    Labels (the date as written and a few words of its sentence) sit in evenly spaced
    slots above and below the axis, in date order, joined to their dates, so clustered
    dates stay readable. At most ``max_events`` events (those carried by most outlets);
    unresolved dates are left out and counted in the subtitle.
    """
    ax = new_axes(ax, figsize=(12, 6.5))
    resolved = table[table["date_start"].notna()]
    unresolved = table.loc[table["date_start"].isna(), "event"].nunique()
    events = resolved.groupby("event", sort=False).first().reset_index()
    if len(events) > max_events:
        events = events.sort_values(
            ["n_outlets", "date_start"], ascending=[False, True], kind="mergesort"
        ).head(max_events)
    events = events.sort_values(["date_start", "date_end"], kind="mergesort").reset_index(drop=True)
    if len(events):
        lo, hi = events["date_start"].min(), events["date_end"].max()
        pad = max(pd.Timedelta(days=15), (hi - lo) * 0.04)
        lo, hi = lo - pad, hi + pad
        # Labels sit in evenly spaced slots (alternately above and below the axis) in
        # date order, joined to their true date: readable however dates cluster.
        n_up = (len(events) + 1) // 2
        n_down = len(events) // 2
        for i, event in events.iterrows():
            start, end = event["date_start"], event["date_end"]
            middle = start + (end - start) / 2
            up = i % 2 == 0
            slot, slots = i // 2, (n_up if up else n_down)
            x_label = lo + (hi - lo) * (slot + 0.5) / max(1, slots)
            y_label = 1.0 if up else -1.0
            if end > start:
                ax.plot(
                    [start, end],
                    [0, 0],
                    color=OKABE_ITO[1],
                    linewidth=7,
                    solid_capstyle="butt",
                    alpha=0.85,
                    zorder=2,
                )
            ax.scatter([middle], [0], s=25 + 35 * event["n_outlets"], color=OKABE_ITO[0], zorder=3)
            ax.plot(
                [middle, x_label], [0, y_label * 0.55], color="#9a9a9a", linewidth=0.8, zorder=1
            )
            label = event_label(str(event["sentence"]), str(event["text"]))
            outlets = int(event["n_outlets"])
            header = f"{event['text']}" + (f" ({outlets} منابر)" if outlets > 1 else "")
            ax.annotate(
                ar(header, width=24) + "\n" + ar(label, width=24),
                (x_label, y_label * 0.55),
                xytext=(0, 3 if up else -3),
                textcoords="offset points",
                ha="center",
                va="bottom" if up else "top",
                fontsize=8.5,
                multialignment="center",
            )
        ax.set_xlim(lo, hi)
    ax.set_ylim(-2.2, 2.2)
    ax.axhline(0, color="black", linewidth=1)
    ax.yaxis.set_visible(False)
    for side in ("left", "top", "right"):
        ax.spines[side].set_visible(False)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    subtitle = f"\n{unresolved} تواريخ غير محددة غير مرسومة" if unresolved else ""
    ax.set_title(ar(title) + ("\n" + ar(subtitle.strip()) if subtitle else ""))
    return ax
