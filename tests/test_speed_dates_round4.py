"""The date scan's fourth round of shortcuts equals what it replaced.

* The grammar's :func:`~newslab.extract.date_grammar._digits_first` lookahead is
  tighter: a dot or slash after a day must begin a numeric date (12.05.2022), and a
  bare يوم before a number begins nothing. The grammar built with the old, looser
  lookahead is kept here as the oracle: both must find the same matches.
* Digits right after a lone number and a decimal point (12.5 مليون) are skipped
  (:func:`~newslab.extract.date_grammar._decimals_of_lone`): the scan must still equal
  the exhaustive scan on text full of decimals.
* :func:`~newslab.extract.date_grammar._future_context` looks for its cues in the whole
  window first, with a pattern that begins with literal letters; the old function and
  pattern are the oracle.
"""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_dates import _BLANKS, _WORDS, date_text

from newslab.arabic.normalize import normalize
from newslab.extract import date_grammar as grammar
from newslab.extract.calendars import hijri_month_names, latin_month_names, month_names

# ------------------------------------------------------------------------ oracles


def _old_digits_first() -> str:
    month = grammar._alternation(list(month_names()))
    hmonth = grammar._alternation(list(hijri_month_names()))
    latin = grammar._alternation(list(latin_month_names()))
    sp, osp, cl, ordsuf = grammar._SP, grammar._OSP, grammar._CL, grammar._ORDSUF
    return (
        rf"(?=\D|\d{{4}}|\d{{1,2}}(?:[/.-]\d|{ordsuf}{sp}(?:of{sp})?(?i:{latin})"
        rf"|{osp}(?:[–-]|و|الي|حتي|حتى){osp}\d"
        rf"|{osp}(?:من{sp})?{cl}(?:شهر|\(|{month}|{hmonth})))"
    )


def _old_grammar() -> re.Pattern[str]:
    with mock.patch.object(grammar, "_digits_first", _old_digits_first):
        return grammar._pattern.__wrapped__()


_OLD_GRAMMAR = _old_grammar()

_OLD_SENTENCE_END = re.compile(r"[.!?؟\n][^.!?؟\n]*$")
_OLD_FUTURE_CUE = re.compile(
    r"(?<!\w)(?:سوف|المقرر|المنتظر|المزمع|المرتقب|[وف]?س[يتن]\w{3,})(?!\w)"
)


def _old_future_context(text: str, start: int) -> bool:
    window_start = max(0, start - 80)
    window = text[window_start:start]
    cut = _OLD_SENTENCE_END.search(window)
    if cut:
        window = window[cut.start() + 1 :]
    for found in _OLD_FUTURE_CUE.finditer(window):
        word = found.group().lstrip("وف") if found.group()[:1] in "وف" else found.group()
        if word in ("سوف", "المقرر", "المنتظر", "المزمع", "المرتقب"):
            return True
        if not word.startswith(grammar._NOT_FUTURE):
            return True
    return False


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in pattern.finditer(text)]


def _mentions(mentions: list[grammar.Mention]) -> list[tuple]:
    return [(m.start, m.end, m.label, m.value, m.rel, m.attrs) for m in mentions]


# ------------------------------------------------------------------------- inputs

#: Amounts with decimals after Arabic words, days glued to dots and slashes, and يوم
#: before numbers: what the new shortcuts skip.
_DECIMAL = st.one_of(
    st.tuples(st.integers(0, 40), st.sampled_from(".,/-"), st.integers(0, 40)).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"
    ),
    st.tuples(st.integers(0, 40), st.integers(0, 13), st.integers(1990, 2030)).map(
        lambda t: f"{t[0]}.{t[1]}.{t[2]}"
    ),
    st.sampled_from(["12.5.3", "1,5", "3.05", "07/2022", "2022.5", "12.", ".5", "1.5.2022"]),
)
#: A decimal before a month no trigger word follows (نحو 3.5 آب، 1.5 June).
_DECIMAL_MONTH = st.tuples(
    _DECIMAL, st.sampled_from([" ", "  "]), st.sampled_from(["اب", "آب", "June", "jan", "محرم"])
).map("".join)
#: يوم (with its clitics) before what the grammar reads after it, or before a number.
_DAY_WORD = st.tuples(
    st.sampled_from(["يوم", "ويوم", "بيوم", "فليوم", "اليوم", "ليوم"]),
    st.sampled_from([" ", "  ", "\t", "   ", "    "]),
    st.sampled_from(["الخميس", "الاحد", "غد", "امس", "اليوم", "12", "3 اب", "2020", "x"]),
).map("".join)
_TOKEN = st.one_of(
    _DAY_WORD,
    st.sampled_from(_WORDS),
    st.sampled_from(["نحو", "مليون", "مليار", "دولار", "يوم", "ويوم", "بيوم", "فيوم", "حوالي"]),
    _DECIMAL,
    _DECIMAL_MONTH,
    st.integers(0, 2100).map(str),
)
decimal_text = st.lists(
    st.tuples(_TOKEN, st.sampled_from([*_BLANKS, " ", " ", ",", "،", ".", "(", ")"])),
    max_size=25,
).map(lambda pairs: "".join(token + glue for token, glue in pairs))

_FUTURE_WORDS = [
    "سوف",
    "فسوف",
    "وسوف",
    "المقرر",
    "والمقرر",
    "المنتظر",
    "المزمع",
    "المرتقب",
    "سيزور",
    "وسيعقد",
    "فستبدأ",
    "سنعلن",
    "ستة",
    "سياسة",
    "وسيارة",
    "سنوات",
    "سيد",
    "حسيزور",
    "سيت",
    "الماضي",
    "عقد",
    "اليوم",
]
future_text = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(_FUTURE_WORDS), st.sampled_from(_WORDS), st.text(max_size=3)),
        st.sampled_from([" ", "  ", ".", "\n", "!", "؟", "،", "x", "_", "5", ""]),
    ),
    max_size=30,
).map(lambda pairs: "".join(token + glue for token, glue in pairs))


# -------------------------------------------------------------------------- tests


@settings(max_examples=500, deadline=None)
@given(st.one_of(date_text, decimal_text))
def test_grammar_equals_the_grammar_with_the_looser_lookahead(text: str) -> None:
    body = normalize(text).text
    assert _matches(grammar._pattern(), body) == _matches(_OLD_GRAMMAR, body)


@settings(max_examples=500, deadline=None)
@given(decimal_text)
def test_scan_equals_the_exhaustive_scan_on_decimals(text: str) -> None:
    normalized = normalize(text)
    assert _mentions(grammar.scan(normalized)) == _mentions(grammar.scan_exhaustive(normalized))


@pytest.mark.parametrize(
    "text",
    [
        "بلغت الصادرات نحو 12.5 مليون دولار و1.5 مارس 2020",
        "ارتفعت بنسبة 3,5 في المئة في 3,5 آذار",
        "سجلت 12.5.3 نقطة ثم 12.5.2022 و 7.5.2021 يوم 4 تموز",
        "حوالي 2.5 يوم 12 يوليو ويوم 3 اب 2020 فيوم 5",
        "قرابة 20.07 في 20.07.2019 و20/7/2019 و 20-7 اب",
        "بلغت نحو 3.5 آب وبنسبة 1.5 June ونحو 2,5 محرم",
        "وصل يوم الخميس ويوم غد وبيوم الاثنين 12 مارس وفي يوم 12 مارس",
    ],
)
def test_scan_on_decimals_and_days(text: str) -> None:
    normalized = normalize(text)
    assert _mentions(grammar.scan(normalized)) == _mentions(grammar.scan_exhaustive(normalized))
    assert _matches(grammar._pattern(), normalized.text) == _matches(_OLD_GRAMMAR, normalized.text)


@settings(max_examples=400, deadline=None)
@given(future_text, st.data())
def test_future_context_equals_the_old_one(text: str, data: st.DataObject) -> None:
    body = normalize(text).text
    start = data.draw(st.integers(0, len(body)), label="start")
    assert grammar._future_context(body, start) == _old_future_context(body, start)


@pytest.mark.parametrize(
    ("sentence", "future"),
    [
        ("قال الوزير إنه سيزور العاصمة ", True),
        ("قال الوزير إنه زار العاصمة ", False),
        ("ومن المقرر أن يصل الوفد ", True),
        ("تحدث عن السياسة والسنوات ", False),
        ("سيزور العاصمة. وصل الوفد ", False),
        ("وصل الوفد. ثم قال إنه سيزور\n", True),  # the old cut stops before a last newline
        ("حسيزور العاصمة ", False),
    ],
)
def test_future_context_examples(sentence: str, future: bool) -> None:
    body = normalize(sentence).text
    assert grammar._future_context(body, len(body)) is future
    assert _old_future_context(body, len(body)) is future
