"""The date grammar with its guards equals the grammar without them, at every position.

Each alternative of :func:`~newslab.extract.date_grammar._pattern` (and its ctx and
mod groups) now stands behind a lookahead naming the characters it can begin with,
and for a digit what must follow it; the case-insensitive Latin month trie stands
behind a test of its initials; the :func:`~newslab.extract.date_grammar._digits_first`
lookahead tries its alternatives in another order. None of this may change a match:
the old builders are kept here as the oracle, and the two patterns must agree on the
span, the alternative and every group at each position of text built from the
grammar's own vocabulary (with clitics, digits, brackets and letters whose case folds
onto Latin ones) and of hand-written sentences.
"""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_dates import _WORDS, date_text

from newslab.arabic.normalize import normalize
from newslab.extract import date_grammar as grammar
from newslab.extract.calendars import (
    DECADE_TENS,
    hijri_month_names,
    latin_month_names,
    month_names,
)
from newslab.extract.date_grammar import (
    _ART,
    _CENTURY,
    _CL,
    _COMMA,
    _CTX,
    _DAY,
    _DAYPART,
    _ERA,
    _HYEAR,
    _MOD,
    _NOT_WORD,
    _ORDSUF,
    _OSP,
    _PERIOD,
    _REL,
    _SP,
    _YEAR,
    _YEARWORD,
    _alternation,
    _weekday_stems,
    ordinal_days,
)

# ------------------------------------------------------------------------ oracle


def _old_pattern() -> re.Pattern[str]:
    month = _alternation(list(month_names()))
    paired = (
        rf"(?:\({_OSP}{month}{_OSP}\){_OSP}{month}"
        rf"|{month}(?:{_OSP}[/|\\–-]{_OSP}\(?{_OSP}{month}(?:{_OSP}\))?"
        rf"|{_OSP}\({_OSP}{month}{_OSP}\)|{_SP}{month})?)"
    )
    months = rf"(?:[وف]?[بل]?شهر{_SP})?{_CL}{paired}{_NOT_WORD}"
    yearpart = rf"{_COMMA}(?:من{_SP})?(?:(?:ال)?(?:عام|سن[ةه]){_SP})?{_YEAR}"
    weekday = rf"{_ART}{_alternation(list(_weekday_stems()))}{_NOT_WORD}"
    wd_prefix = rf"(?:{_DAYPART}{_SP})?(?:[وف]?[بل]?يوم{_SP})?"
    ordinal = rf"{_alternation(list(ordinal_days()))}{_SP}من{_SP}"
    day = rf"(?:{ordinal}|{_CL}{_DAY}{_OSP}(?:من{_SP})?)"
    hmonth = _alternation(list(hijri_month_names()))
    latin = _alternation(list(latin_month_names()))
    latin_month = rf"(?i:{latin})\.?(?![^\W\d_])"
    tens = _alternation(list(DECADE_TENS))

    iso = (
        r"(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
        r"(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d:])"
    )
    numeric = (
        r"(?P<num>\d{1,2}(?P<ns>[/.-])\d{1,2}(?P=ns)\d{4}"
        r"|\d{4}(?P<ns2>[/.-])\d{1,2}(?P=ns2)\d{1,2})(?![\d]|[.,/-]\d)"
    )
    latin_dates = (
        rf"(?P<latin>{latin_month}{_SP}{_DAY}{_ORDSUF}(?:,?{_SP}{_YEAR})?"
        rf"|{_DAY}{_ORDSUF}{_SP}(?:of{_SP})?{latin_month}(?:,?{_SP}{_YEAR})?"
        rf"|{latin_month},?{_SP}{_YEAR})"
    )
    hijri = (
        rf"(?P<hijri>(?:{_CL}{_DAY}{_OSP}(?:من{_SP})?)?{_CL}{hmonth}{_SP}"
        rf"(?:(?:عام|سن[ةه]){_SP})?{_HYEAR}(?:{_OSP}{_ERA})?"
        rf"|(?:{_YEARWORD}{_SP})?{_HYEAR}{_OSP}{_ERA})"
    )
    day_range = (
        rf"(?P<drange>{_CL}{_DAY}{_OSP}(?:[–-]|و|الي|حتي|حتى){_OSP}{_DAY}{_OSP}"
        rf"(?:من{_SP})?{months}(?:{yearpart}|{_SP}{_REL})?)"
    )
    full = (
        rf"(?P<full>(?:{wd_prefix}{weekday}{_COMMA}(?:الموافق{_SP}|\({_OSP})?)?"
        rf"{day}{months}(?:{yearpart}|{_SP}{_REL})?)"
    )
    weekday_expr = rf"(?P<wday>{wd_prefix}{weekday}(?:{_SP}{_REL})?)"
    month_expr = rf"(?P<month>{months}(?:{yearpart}|{_SP}{_REL})?)"
    year_start = rf"(?:{_YEARWORD}{_SP})?{_YEAR}"
    year_range = (
        rf"(?P<yrange>{year_start}{_OSP}(?:[–/-]|{_SP}(?:الي|حتي|حتى){_SP}){_OSP}{year_start}"
        rf"|(?<=بين[ \t]){year_start}{_OSP}و{_OSP}{year_start}"
        rf"|[وف]?(?:ال)?(?:عامي|سنتي){_SP}{_YEAR}{_OSP}و{_OSP}{_YEAR})"
    )
    year_expr = rf"(?P<year>{_YEARWORD}{_SP}{_YEAR}|(?P<bare>{_YEAR}))"
    decade = (
        rf"(?P<decade>(?:[وف]?[بل]?عقد{_SP})?{_CL}(?:ال)?{tens}(?:ي)?ات{_NOT_WORD}"
        rf"(?:{_SP}(?:من{_SP})?{_CENTURY})?)"
    )
    rel_period = (
        rf"(?P<relp>[وف]?(?:هذا|هذه){_SP}ال{_PERIOD}{_NOT_WORD}"
        rf"|[وف]?[بل]?نفس{_SP}(?:ال{_PERIOD}|اليوم){_NOT_WORD}"
        rf"|{_ART}{_PERIOD}(?:{_SP}{_REL})?{_NOT_WORD})"
    )
    rel_day = (
        rf"(?P<reld>(?:{_DAYPART}{_SP})?(?:[وف]?[بل]?يوم{_SP})?"
        rf"(?:{_ART}يوم|[وف]?امس|{_ART}امس|[وف]?البارح[ةه]|[وف]?غدا|[وف]?(?:يوم|بعد){_SP}غد"
        rf"|[وف]?اول{_SP}(?:من{_SP})?امس|{_ART}ليل[ةه]{_SP}الماضي[ةه]){_NOT_WORD}"
        rf"(?:{_SP}{weekday})?)"
    )
    arabic = "|".join(
        [
            hijri,
            day_range,
            full,
            weekday_expr,
            month_expr,
            year_range,
            year_expr,
            decade,
            rel_period,
            rel_day,
        ]
    )
    core = (
        rf"{_old_digits_first()}(?:{iso}|{numeric}|{latin_dates}|(?P<mod>{_MOD}{_SP})?(?:{arabic}))"
    )
    return re.compile(rf"(?<!\w)(?:(?P<ctx>{_CTX}){_SP})?{core}")


def _old_digits_first() -> str:
    """A lookahead for the start of an expression: what must follow one or two digits
    that begin one (a day, or the first number of 19/07/2022). Every alternative of
    the grammar that starts with a digit implies it, so it changes no match; it makes
    the grammar fail fast on the many numbers that are no date (33%، 12 شخصا، 12.5
    مليون: a dot or slash after a day begins only a numeric date, 12.05.2022), and on
    a bare يوم before a number (يوم 4 تموز: the grammar reads يوم only before a weekday
    or a word of a relative day)."""
    month = _alternation(list(month_names()))
    hmonth = _alternation(list(hijri_month_names()))
    latin = _alternation(list(latin_month_names()))
    return (
        rf"(?=(?![وف]?[بل]?يوم[ \t]{{1,3}}\d)\D|\d{{4}}"
        rf"|\d{{1,2}}(?:[/.]\d{{1,2}}[/.]\d|{_ORDSUF}{_SP}(?:of{_SP})?(?i:{latin})"
        rf"|{_OSP}(?:[–-]|و|الي|حتي|حتى){_OSP}\d"
        rf"|{_OSP}(?:من{_SP})?{_CL}(?:شهر|\(|{month}|{hmonth})))"
    )


_OLD = _old_pattern()
_OLD_DIGITS_FIRST = re.compile(_old_digits_first())


def _same_match(text: str, at: int) -> bool:
    old, new = _OLD.match(text, at), grammar._pattern().match(text, at)
    if old is None or new is None:
        return old is None and new is None
    return old.regs == new.regs and old.lastgroup == new.lastgroup


def _assert_same_everywhere(text: str) -> None:
    digits_first = grammar._digits_first_re()
    for at in range(len(text) + 1):
        assert _same_match(text, at), (text, at)
        passes = _OLD_DIGITS_FIRST.match(text, at) is not None
        assert passes == (digits_first.match(text, at) is not None), (text, at)


# ------------------------------------------------------------------------- inputs

#: Letters whose case folds onto a Latin one (Kelvin sign, long s, dotted and dotless i).
_FOLDING = ["\u212a", "\u017f", "\u0130", "\u0131", "K", "S", "I"]
_CLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "فل", "وال", "بال", "لل", "وبال"]
_glued = st.tuples(st.sampled_from(_CLITICS), st.sampled_from(_WORDS)).map("".join)
_latin_odd = st.sampled_from(sorted(latin_month_names())).map(
    lambda name: name.upper() if len(name) % 2 else name.title()
)
_number = st.one_of(st.integers(0, 40).map(str), st.integers(1190, 2100).map(str))
#: The words that lead into an expression, each a likely first word of an alternative.
_LEADS = sorted(
    {
        *grammar.CTX_WORDS,
        *grammar.MOD_WORDS,
        *grammar.DAYPART_WORDS,
        *["عام", "سنة", "عامي", "سنتي", "يوم", "شهر", "عقد", "من", "هذا", "هذه", "نفس"],
        *["الموافق", "الخميس", "رمضان", "تموز", "مارس", "الثالث عشر", "العام", "امس", "غد"],
    }
)
_lead = st.one_of(
    st.sampled_from(_LEADS),
    st.tuples(st.sampled_from(_CLITICS), st.sampled_from(_LEADS)).map("".join),
)
_phrase = st.tuples(
    _lead, st.sampled_from([" ", "  ", "\t"]), st.one_of(_number, _lead, _glued)
).map("".join)
_piece = st.one_of(
    _glued,
    _phrase,
    _latin_odd,
    st.sampled_from(_FOLDING),
    st.integers(0, 40).map(str),
    st.integers(1190, 2100).map(str),
    st.sampled_from(["(", ")", "/", "-", "–", "،", ",", ".", "هـ", "م", "من", "الي", "حتى"]),
)
_gap = st.sampled_from(["", " ", "  ", "\t", " \t ", "    ", "\n", "،", ", "])
guard_text = st.lists(st.tuples(_piece, _gap), max_size=24).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)

# --------------------------------------------------------------------------- tests


@settings(max_examples=500, deadline=None)
@given(guard_text)
def test_guarded_grammar_equals_the_unguarded_one_on_glued_words(text: str) -> None:
    _assert_same_everywhere(normalize(text).text)


@settings(max_examples=300, deadline=None)
@given(date_text)
def test_guarded_grammar_equals_the_unguarded_one_on_date_text(text: str) -> None:
    _assert_same_everywhere(normalize(text).text)


@pytest.mark.parametrize(
    "text",
    [
        "وصل الوفد يوم 4 تشرين الثاني 2022 قبل الاجتماع",
        "سيعقد المؤتمر خلال شهر ديسمبر المقبل في الرباط",
        "زار الوزير القاهرة عام 1999 وفي سنة 2003",
        "في أواخر العام الماضي وبحلول منتصف الشهر المقبل",
        "من 12 إلى 15 أيلول/سبتمبر 2021، ثم في (آذار) مارس",
        "بين عامي 2010 و2014 وفي الثمانينيات من القرن الماضي",
        "يوم الخميس 5 رمضان 1443 هـ الموافق 7 أبريل 2022",
        "On 5th of May 2022 and June 3, 2021, then SEPT. 2020",
        "صباح اليوم الأحد وأمس وغدا وأول من أمس",
        "12/07/2022 و2022-07-19T10:30 و19.07.2022",
        "\u212aan 5 و\u017fept 2020 و\u0130an 3",
    ],
)
def test_guarded_grammar_equals_the_unguarded_one_on_sentences(text: str) -> None:
    _assert_same_everywhere(normalize(text).text)


def test_latin_initials_test_passes_every_letter_the_trie_may_begin_with() -> None:
    """The case-insensitive character test before the Latin month names lets through
    every character the case-insensitive trie can begin with (case folding reaches
    beyond ASCII: the Kelvin sign is a k, the long s an s)."""
    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    initials = {name[0] for name in latin_month_names()}
    begins = set()
    for initial in initials:
        begins.update(re.findall(f"(?i:{re.escape(initial)})", every_char))
    guard = re.compile(grammar._latin_initials())
    assert "\u017f" in begins  # the long s is an s
    assert all(guard.match(char) for char in begins)
