"""The month handler reads a month match's text once per distinct text, as before.

:func:`~newslab.extract.date_grammar._month` now takes what the text of the match
says by itself (month, naming system, year, direction, pairing) from a bounded memo,
:func:`~newslab.extract.date_grammar._month_reading`, and checks the context (event
names, the ambiguous names, آب written without its madda) itself. The old handler is
kept here as the oracle: both give the same mention and attributes on every month
match of text built from the grammar's vocabulary and of hand-written sentences.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_date5_grammar import guard_text
from test_speed_dates import date_text

from newslab.arabic.normalize import normalize
from newslab.extract import date_grammar as grammar
from newslab.extract.calendars import AMBIGUOUS_MONTH_NAMES
from newslab.extract.date_grammar import NEAR, SAME, Mention

# ------------------------------------------------------------------------ oracle


def _old_month(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    named = grammar._named_month(body, text, start, attrs)
    if named is None:
        return None
    month, found_all = named
    found = found_all[0]
    years = grammar._YEAR_NUMBER.findall(body[found.end() :])
    if years:
        return Mention(start, end, "month", f"{int(years[-1]):04d}-{month:02d}", attrs=attrs)
    direction = grammar._direction(body[found.end() :])
    names = [" ".join(f.group().split()) for f in found_all]
    paired = len(names) > 1 or "شهر" in body[: found.start()]
    if direction is None and not paired:
        if not (ctx or attrs.get("mod")):
            return None
        if names[0] in AMBIGUOUS_MONTH_NAMES:
            if ctx not in grammar._STRONG_MONTH_CTX and not attrs.get("mod"):
                return None
            if grammar._next_word(text, end).startswith("ال"):
                return None
            if names[0] == "اب":
                o_start, o_end = normalized.to_original_span(
                    start + found.start(), start + found.end()
                )
                if "آ" not in normalized.original[o_start:o_end]:
                    return None
    direction = direction or NEAR
    if direction == SAME:
        return None
    label = "relative" if direction != NEAR else "month"
    return Mention(start, end, label, rel=("month", month, direction), attrs=attrs)


def _handler_inputs(match, normalized) -> tuple[str, int, int, str, dict[str, Any]]:
    """What :func:`~newslab.extract.date_grammar._interpret` hands a handler (the mod
    word as it would set it)."""
    start = match.start("mod") if match.start("mod") >= 0 else match.start("month")
    ctx = grammar._strip_conj(match.group("ctx") or "")
    attrs: dict[str, Any] = {}
    if match.group("mod"):
        attrs["mod"] = "START"
    return normalized.text[start : match.end()], start, match.end(), ctx, attrs


def _assert_same_month_mentions(text: str) -> None:
    normalized = normalize(text)
    for match in grammar._pattern().finditer(normalized.text):
        if match.lastgroup != "month":
            continue
        body, start, end, ctx, attrs = _handler_inputs(match, normalized)
        old_attrs, new_attrs = dict(attrs), dict(attrs)
        old = _old_month(match, body, start, end, ctx, old_attrs, normalized)
        new = grammar._month(match, body, start, end, ctx, new_attrs, normalized)
        assert new == old, (text, body)
        if old is not None:
            assert list(new.attrs.items()) == list(old.attrs.items())


# --------------------------------------------------------------------------- tests


@settings(max_examples=300, deadline=None)
@given(st.one_of(date_text, guard_text))
def test_month_handler_equals_the_old_one(text: str) -> None:
    _assert_same_month_mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "سيعقد الاجتماع خلال شهر ديسمبر المقبل ثم في ديسمبر المقبل",
        "في آب الماضي وفي اب وحتى أيار 2021 ومنذ مارس",
        "في مارس الضغط على الحكومة، وفي أواخر مارس، وحرب أكتوبر",
        "في أيلول/سبتمبر 2020 وفي (آذار) مارس ذاته وشهر تموز نفسه",
        "في آب وفي آب وفي آب",
        "جرى ذلك شهر ديسمبر، وبدأ العمل تموز/يوليو ثم آب",
    ],
)
def test_month_handler_equals_the_old_one_on_sentences(text: str) -> None:
    _assert_same_month_mentions(text)
    _assert_same_month_mentions(text)  # the second time from the memo
