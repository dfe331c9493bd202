"""Resolving relative date expressions against an anchor date.

Arabic news dates events by weekday (الإثنين), by bare month (في فبراير), and by
deixis (أمس، الشهر الماضي، هذا الأسبوع). These functions turn such references into ISO
values given the anchor (the article's publication date, or the best inferred stand-in)
and a *direction*: ``past`` (strictly before, الماضي), ``future`` (strictly after,
المقبل), ``current`` (الجاري), or ``near`` (no marker: the latest occurrence not after
the anchor, or the next one when the sentence speaks of the future).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "Anchor",
    "iso_week",
    "parse_iso_date",
    "resolve_day_month",
    "resolve_month",
    "resolve_relative",
    "resolve_weekday",
    "shift_month",
]

PAST, FUTURE, CURRENT, NEAR, NEAR_FUTURE = "past", "future", "current", "near", "near_future"


@dataclass(frozen=True)
class Anchor:
    """The date relative expressions are resolved against, and where it came from.

    ``source`` is ``published`` (the article's own date), ``metadata`` (a published
    span found by another extractor), ``inferred`` (the latest full date the article
    mentions) or ``corpus`` (the latest full date mentioned across the corpus).
    """

    date: dt.date
    source: str

    @property
    def tag(self) -> str:
        """The ``resolved_from`` attribute value, e.g. ``published:2022-07-18``."""
        return f"{self.source}:{self.date.isoformat()}"


_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_iso_date(value: object) -> dt.date | None:
    """The date of an ISO date/datetime string (or date object); ``None`` if there is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_PREFIX.match(value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    """ISO week label of a date, e.g. ``2022-W29``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def resolve_weekday(anchor: dt.date, weekday: int, direction: str = NEAR) -> dt.date:
    """The date of ``weekday`` (Monday = 0) nearest the anchor in ``direction``.

    ``near``: the anchor itself or the latest such day before it (news reports what
    happened); ``near_future``: the anchor or the next such day; ``past``/``future``:
    strictly before/after (الخميس الماضي / المقبل); ``current``: that day of the
    anchor's ISO week.
    """
    back = (anchor.weekday() - weekday) % 7
    if direction == NEAR:
        return anchor - dt.timedelta(days=back)
    if direction == PAST:
        return anchor - dt.timedelta(days=back or 7)
    ahead = (weekday - anchor.weekday()) % 7
    if direction == NEAR_FUTURE:
        return anchor + dt.timedelta(days=ahead)
    if direction == FUTURE:
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor + dt.timedelta(days=weekday - anchor.weekday())


def resolve_month(anchor: dt.date, month: int, direction: str = NEAR) -> int:
    """The year of a month named without one (في فبراير، يوليو الماضي، مارس المقبل)."""
    year = anchor.year
    if direction == CURRENT:
        return year
    if direction == PAST:
        return year if month < anchor.month else year - 1
    if direction == FUTURE:
        return year if month > anchor.month else year + 1
    if direction == NEAR_FUTURE:
        return year if month >= anchor.month else year + 1
    return year if month <= anchor.month else year - 1


def resolve_day_month(anchor: dt.date, month: int, day: int, direction: str = NEAR) -> int:
    """The year of a day and month named without one (19 يوليو)."""
    year = anchor.year
    key, now = (month, day), (anchor.month, anchor.day)
    if direction == CURRENT:
        return year
    if direction == PAST:
        return year if key < now else year - 1
    if direction == FUTURE:
        return year if key > now else year + 1
    if direction == NEAR_FUTURE:
        return year if key >= now else year + 1
    return year if key <= now else year - 1


def resolve_relative(rel: tuple, anchor: dt.date) -> str | None:
    """The ISO value of a relative spec (see :class:`~.date_grammar.Mention`) at ``anchor``."""
    kind = rel[0]
    if kind == "day":
        return (anchor + dt.timedelta(days=rel[1])).isoformat()
    if kind == "weekday":
        return resolve_weekday(anchor, rel[1], rel[2]).isoformat()
    if kind == "month":
        return f"{resolve_month(anchor, rel[1], rel[2]):04d}-{rel[1]:02d}"
    if kind == "day_month":
        return _day(resolve_day_month(anchor, rel[1], rel[2], rel[3]), rel[1], rel[2])
    if kind == "day_range":
        year = resolve_day_month(anchor, rel[1], rel[2], rel[4])
        first, last = _day(year, rel[1], rel[2]), _day(year, rel[1], rel[3])
        return f"{first}/{last}" if first and last else None
    if kind == "period":
        return _period(rel[1], rel[2] if isinstance(rel[2], int) else 0, anchor)
    if kind == "pair":
        parts = [p if isinstance(p, str) else resolve_relative(p, anchor) for p in rel[1:]]
        return "/".join(parts) if all(parts) else None
    raise ValueError(f"unknown relative date spec {rel!r}")


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _period(unit: str, delta: int, anchor: dt.date) -> str:
    if unit == "day":
        return (anchor + dt.timedelta(days=delta)).isoformat()
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=delta))
    if unit == "month":
        year, month = shift_month(anchor.year, anchor.month, delta)
        return f"{year:04d}-{month:02d}"
    return f"{anchor.year + delta:04d}"
