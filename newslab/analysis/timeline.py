"""A timeline of the dates the articles mention, with their sentences, across outlets.

Date spans carry ISO-like values (``2022-07-19``, ``2022-07``, ``2020``, ``1990s``,
ranges ``a/b``, ISO weeks ``2022-W29``). :func:`parse_date_value` turns each into the
first and last day it covers and a precision; :func:`timeline` lists every mention
with its sentence, article and outlet, sorted by date, and groups the mentions of one
event across outlets (same date value, similar sentence).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, NamedTuple

import pandas as pd
import regex

from newslab.analysis.inputs import articles_frame, spans_of_kind
from newslab.analysis.text import match_key, sentences, stopwords, words

__all__ = ["TIMELINE_COLUMNS", "DateRange", "parse_date_value", "timeline"]

TIMELINE_COLUMNS = (
    "date_start",
    "date_end",
    "precision",
    "value",
    "event",
    "n_outlets",
    "article",
    "outlet",
    "published",
    "start",
    "end",
    "text",
    "sentence",
)


class DateRange(NamedTuple):
    """First and last day a date value covers, and its precision."""

    start: dt.date
    end: dt.date
    precision: str  # day, week, month, year, decade, century, range


_DAY = regex.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = regex.compile(r"(\d{4})-W(\d{2})")
_MONTH = regex.compile(r"(\d{4})-(\d{2})")
_YEAR = regex.compile(r"(\d{4})")
_DECADE = regex.compile(r"(\d{3})(?:0s|X)")
_CENTURY = regex.compile(r"(\d{2})(?:00s|XX)")
_LEADING = regex.compile(
    r"[0-9X]{2,4}(?:s|-W\d{2}|-\d{2}(?:-\d{2})?)?(?:/[0-9X]{2,4}(?:s|-W\d{2}|-\d{2}(?:-\d{2})?)?)?"
)


def parse_date_value(value: str) -> DateRange | None:
    """The days covered by an ISO-like date value, or None when it is not one.

    Reads the value's first token, so ``"2022-06 (resolved from …)"`` works too.
    """
    match = _LEADING.match((value or "").strip())
    if not match:
        return None
    token = match.group()
    if "/" in token:
        left, right = token.split("/", 1)
        first, last = _single(left), _single(right)
        if first is None or last is None or last.end < first.start:
            return None
        return DateRange(first.start, last.end, "range")
    return _single(token)


def _single(token: str) -> DateRange | None:
    try:
        if m := _DAY.fullmatch(token):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return DateRange(day, day, "day")
        if m := _WEEK.fullmatch(token):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DateRange(monday, monday + dt.timedelta(days=6), "week")
        if m := _MONTH.fullmatch(token):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return DateRange(dt.date(year, month, 1), dt.date(year, month, last), "month")
        if m := _YEAR.fullmatch(token):
            year = int(m[1])
            return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        if m := _DECADE.fullmatch(token):
            first = int(m[1]) * 10
            return DateRange(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")
        if m := _CENTURY.fullmatch(token):
            first = int(m[1]) * 100
            return DateRange(dt.date(first, 1, 1), dt.date(first + 99, 12, 31), "century")
    except ValueError:  # month 13, week 60, ...
        return None
    return None


def timeline(
    corpus: Any,
    spans: pd.DataFrame,
    *,
    same_event: float = 0.5,
) -> pd.DataFrame:
    """Every date mention with its sentence, article and outlet, sorted by date.

    Columns :data:`TIMELINE_COLUMNS`. ``date_start``/``date_end`` are the days the value
    covers (NaT when the value is not an ISO-like date: such rows are kept, at the
    end, with ``precision`` ``"unresolved"``). Mentions covering the same days whose
    sentences are alike share an ``event`` number: at least two content words in
    common, and at least ``same_event`` of the shorter sentence's content words
    (folded, clitic-free, without stop words and without the date itself).
    ``n_outlets`` counts the outlets reporting that event.
    """
    articles = articles_frame(corpus)
    dates = spans_of_kind(spans, "date")
    columns = list(TIMELINE_COLUMNS)
    meta = articles.set_index("id")
    dates = dates[dates["article"].isin(meta.index)].reset_index(drop=True)
    if not len(dates):
        return pd.DataFrame(columns=columns)
    bounds: dict[str, list[tuple[int, int]]] = {}
    rows = []
    for span in dates.itertuples(index=False):
        text = meta.at[span.article, "text"]
        if span.article not in bounds:
            bounds[span.article] = sentences(text)
        s_start, s_end = _enclosing(bounds[span.article], span.start, span.end)
        parsed = parse_date_value(span.value)
        rows.append(
            {
                "date_start": pd.Timestamp(parsed.start) if parsed else pd.NaT,
                "date_end": pd.Timestamp(parsed.end) if parsed else pd.NaT,
                "precision": parsed.precision if parsed else "unresolved",
                "value": span.value,
                "article": span.article,
                "outlet": meta.at[span.article, "outlet"],
                "published": meta.at[span.article, "published"],
                "start": span.start,
                "end": span.end,
                "text": span.text,
                "sentence": text[s_start:s_end],
            }
        )
    table = pd.DataFrame(rows)
    order = {a: i for i, a in enumerate(articles["id"])}
    table = table.assign(_o=table["article"].map(order)).sort_values(
        ["date_start", "date_end", "_o", "start"], na_position="last", kind="mergesort"
    )
    table = table.drop(columns="_o").reset_index(drop=True)
    table["event"] = _events(table, same_event)
    table["n_outlets"] = table.groupby("event")["outlet"].transform("nunique")
    return table.loc[:, columns]


def _enclosing(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around ``[start, end)``: from the one holding start to the one holding end."""
    first = next((s for s, e in bounds if s <= start < e), start)
    last = next((e for s, e in bounds if s < end <= e), end)
    return min(first, start), max(last, end)


def _event_words(sentence: str, date_text: str) -> frozenset[str]:
    """Content words of the sentence without the date itself (clitic-free, no stop words)."""
    stop = stopwords()
    rest = sentence.replace(date_text, " ")
    return frozenset(
        k for k in map(match_key, words(rest)) if k not in stop and not k.isdigit() and len(k) > 1
    )


def _alike(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    shared = len(a & b)
    return shared >= 2 and shared / min(len(a), len(b)) >= threshold


def _events(table: pd.DataFrame, same_event: float) -> list[int]:
    """Event numbers: same days covered and alike sentences (single link)."""
    events = [0] * len(table)
    next_event = 0
    content = [_event_words(s, t) for s, t in zip(table["sentence"], table["text"], strict=True)]
    # The same days are the same date, however the value was annotated.
    key = [
        (a, b) if pd.notna(a) else ("", v)
        for a, b, v in zip(table["date_start"], table["date_end"], table["value"], strict=True)
    ]
    same_days: dict[tuple, list[int]] = {}
    for i, k in enumerate(key):
        same_days.setdefault(k, []).append(i)
    for rows in same_days.values():
        members: list[list[int]] = []
        for i in rows:
            for member in members:
                if any(_alike(content[i], content[j], same_event) for j in member):
                    member.append(i)
                    break
            else:
                members.append([i])
        for member in members:
            for i in member:
                events[i] = next_event
            next_event += 1
    # Number events in timeline order.
    renumber: dict[int, int] = {}
    return [renumber.setdefault(e, len(renumber) + 1) for e in events]
