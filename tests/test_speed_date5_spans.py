"""Dates to spans, the anchor and range joining equal the code they replaced.

:func:`~newslab.extract.dates.spans_of` resolves each relative reference once per call
(the same one recurs), keeps the last explicit values only when a period "itself"
(الشهر ذاته) will read them, and reads on over tatweel only in a text that holds one;
:func:`~newslab.extract.dates.infer_anchor` tries the full-date pattern only on values
long enough to match it; :func:`~newslab.extract.date_grammar._merge_ranges` rejects
pairs far apart on their offsets. The old functions are kept here as the oracles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_dates import date_text

from newslab.arabic.normalize import NormalizedText, normalize
from newslab.extract import date_grammar as grammar
from newslab.extract.date_grammar import SAME, Mention
from newslab.extract.date_resolve import Anchor, parse_iso_date, resolve_relative
from newslab.extract.dates import infer_anchor, spans_of
from newslab.spans import Span

# ------------------------------------------------------------------------ oracles


def _oracle_spans_of(
    mentions: Iterable[Mention], normalized: NormalizedText, anchor: Anchor | None
) -> Iterator[Span]:
    recent: dict[str, str] = {}
    original = normalized.original
    size = len(original)
    anchor_tag = anchor.tag if anchor is not None else None
    mentions = list(mentions)
    offsets = normalized.to_original_spans([(m.start, m.end) for m in mentions])
    for mention, (start, end) in zip(mentions, offsets, strict=True):
        attrs = dict(mention.attrs)
        value = mention.value
        if mention.rel is not None:
            rel = mention.rel
            if rel[0] == "period" and rel[2] == SAME and rel[1] in recent:
                value = recent[rel[1]]
                attrs["resolved_from"] = f"context:{value}"
            elif anchor is not None:
                value = resolve_relative(rel, anchor.date) or ""
                attrs["resolved_from"] = anchor_tag if value else None
            else:
                attrs["resolved_from"] = None
        if value and value[:4].isdigit() and "/" not in value:
            if len(value) >= 7 and value[4] == "-" and value[5] != "W":
                recent["month"] = value[:7]
            recent["year"] = value[:4]
        while end < size and original[end] == "\u0640":
            end += 1
        yield Span(start, end, "date", mention.label, value, attrs)


def _oracle_infer_anchor(mentions: Iterable[Mention]) -> dt.date | None:
    dates = [parse_iso_date(m.value) for m in mentions if m.is_full_date]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def _oracle_merge_ranges(mentions: list[Mention], text: str) -> list[Mention]:
    if len(mentions) < 2:
        return mentions
    out: list[Mention] = []
    for mention in mentions:
        if out and grammar._joinable(out[-1], mention, text):
            out[-1] = grammar._joined(out[-1], mention)
        else:
            out.append(mention)
    return out


# ------------------------------------------------------------------------- inputs

#: Phrases that exercise what the new code skips or remembers: periods "themselves"
#: after explicit dates, repeated relative references, tatweel after a span (هـ).
_PHRASES = [
    "في 14 يوليو 2021",
    "في مستهل الشهر ذاته",
    "خلال العام نفسه",
    "في اليوم ذاته",
    "شهر يوليو المقبل",
    "الشهر الماضي",
    "يوم الخميس",
    "أمس",
    "عام 2019",
    "15 رمضان 1443 هـ",
    "1443 هـ",
    "من 2010 إلى 2014",
    "بين 12 و15 سبتمبر",
    "مارس - أبريل 2022",
    "من 14 يوليو 2021 إلى 20 أغسطس 2021",
    "مارس 2021 حتى أبريل 2022",
    "بين يناير 2020 و مايو 2020",
    "ٌ",
]
_phrase_text = st.lists(
    st.tuples(st.sampled_from(_PHRASES), st.sampled_from([" ", "، ", " و", " ثم ", "\n"])),
    max_size=12,
).map(lambda parts: "".join(phrase + gap for phrase, gap in parts))
_anchors = st.one_of(
    st.none(),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(lambda d: Anchor(d, "published")),
)

# --------------------------------------------------------------------------- tests


@settings(max_examples=300, deadline=None)
@given(st.one_of(_phrase_text, date_text), _anchors)
def test_spans_of_equals_the_old_one(text: str, anchor: Anchor | None) -> None:
    normalized = normalize(text)
    mentions = grammar.scan(normalized)
    expected = list(_oracle_spans_of(mentions, normalized, anchor))
    assert list(spans_of(mentions, normalized, anchor)) == expected


@settings(max_examples=300, deadline=None)
@given(st.one_of(_phrase_text, date_text))
def test_infer_anchor_equals_the_old_one(text: str) -> None:
    mentions = grammar.scan(normalize(text))
    assert infer_anchor(mentions) == _oracle_infer_anchor(mentions)


def test_infer_anchor_on_handmade_values() -> None:
    made = [
        Mention(0, 1, "date", "2022-07-19"),
        Mention(0, 1, "datetime", "2023-01-02T10:30"),
        Mention(0, 1, "date", "2024-02-30"),  # no such day: parsed as None, left out
        Mention(0, 1, "range", "2025-01-01/2025-01-05"),
        Mention(0, 1, "month", "2026-01"),
        Mention(0, 1, "date", "", rel=("day", -1)),
    ]
    assert infer_anchor(made) == _oracle_infer_anchor(made) == dt.date(2023, 1, 2)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_phrase_text, date_text))
def test_range_merging_equals_the_old_one(text: str) -> None:
    normalized = normalize(text)
    found = [
        grammar._interpret(m, normalized) for m in grammar._pattern().finditer(normalized.text)
    ]
    found = [m for m in found if m is not None]
    merged = grammar._merge_ranges(list(found), normalized.text)
    assert merged == _oracle_merge_ranges(list(found), normalized.text)


def test_tatweel_after_a_span_is_read_on_and_periods_take_the_last_value() -> None:
    text = "في 14 يوليو 2021 ثم في مستهل الشهر ذاته، و15 رمضان 1443 هـ"
    normalized = normalize(text)
    spans = list(spans_of(grammar.scan(normalized), normalized, None))
    assert [text[s.start : s.end] for s in spans] == [
        "14 يوليو 2021",
        "مستهل الشهر ذاته",
        "و15 رمضان 1443 هـ",
    ]
    assert spans[1].value == "2021-07"
