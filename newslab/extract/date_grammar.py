"""The date grammar: one precompiled pattern over normalised Arabic news text.

:func:`scan` finds every temporal expression in a :class:`NormalizedText` and returns
:class:`Mention` objects: the span (normalised offsets), a label, and either an
explicit ISO value or a *relative spec* that :mod:`.date_resolve` turns into a value
once the anchor date is known. The grammar is a single alternation compiled once; every
repetition is bounded and no quantified group contains another, so matching is linear
even on megabytes of digits or repeated words.

Words that only give context (a separate في، منذ، بين) are matched but left outside the
span. Checks that a regular expression cannot express cheaply (is this مارس a verb? is
this اليوم "nowadays" or "the day"?) run in Python on the few candidates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from newslab.arabic.normalize import NormalizedText
from newslab.extract.calendars import (
    AMBIGUOUS_MONTH_NAMES,
    DECADE_TENS,
    WEEKDAYS,
    hijri_month_names,
    latin_month_names,
    month_names,
    month_system,
)

__all__ = ["LABELS", "Mention", "scan", "scan_exhaustive"]

#: Labels of the ``date`` spans, from the finest to the coarsest grain.
LABELS: tuple[str, ...] = (
    "datetime",
    "date",
    "weekday",
    "month",
    "year",
    "decade",
    "range",
    "relative",
    "hijri",
)

PAST, FUTURE, CURRENT, NEAR, SAME = "past", "future", "current", "near", "same"
NEAR_FUTURE = "near_future"


@dataclass(slots=True)
class Mention:
    """A temporal expression found in the normalised text.

    ``value`` is set for explicit expressions; ``rel`` describes what still needs the
    anchor: ``("day", offset)``, ``("weekday", n, direction)``, ``("month", m,
    direction)``, ``("day_month", m, d, direction)``, ``("period", unit, delta)``
    (unit ``day``/``week``/``month``/``year``, delta an int or ``SAME``), or
    ``("day_range", m, d1, d2, direction)``.
    """

    start: int
    end: int
    label: str
    value: str = ""
    rel: tuple[Any, ...] | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def is_full_date(self) -> bool:
        """An explicit day-precision date (usable to infer the article's date)."""
        return self.rel is None and bool(_FULL_VALUE.match(self.value))


_FULL_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T|$)")

# ----------------------------------------------------------------- pattern pieces

_SP = r"[ \t]{1,3}"  # one gap between words
_OSP = r"[ \t]{0,3}"
_COMMA = r"[ \t]{0,3}[,،]?[ \t]{0,3}"
_NOT_WORD = r"(?!\w)"
_ART = r"[وف]?(?:[بك]?ال|لل)"  # (و/ف)(ب/ك)ال or لل before a definite word
_CL = r"[وف]?[بلك]?"  # attached conjunction and preposition
_DAY = r"(?<!\d)(?:3[01]|[12][0-9]|0?[1-9])(?![\d.,]\d)(?!\d)"
_YEAR = r"(?<!\d)(?:1[0-9]{3}|20[0-9]{2})(?!\d)(?:[ \t]?م(?!\w))?"
_HYEAR = r"(?<!\d)1[2-5][0-9]{2}(?!\d)"
_ORDSUF = r"(?:st|nd|rd|th|er)?"  # 5th, 1er
_ERA = r"(?:هجري[ةه]?(?!\w)|للهجر[ةه]|ه(?!\w))"
#: Words after a period, month or weekday that make it relative -> direction.
REL_WORDS: dict[str, str] = {
    "الماضي": PAST,
    "المنصرم": PAST,
    "الفائت": PAST,
    "السابق": PAST,
    "المنقضي": PAST,
    "المقبل": FUTURE,
    "القادم": FUTURE,
    "الجاري": CURRENT,
    "الحالي": CURRENT,
    "ذاته": SAME,
    "ذاتها": SAME,
    "نفسه": SAME,
    "نفسها": SAME,
}
#: Words before a date that narrow it to part of the period -> ``mod`` attribute.
MOD_WORDS: dict[str, str] = {
    "اواخر": "END",
    "نهاية": "END",
    "اوائل": "START",
    "مطلع": "START",
    "مستهل": "START",
    "بداية": "START",
    "بدايات": "START",
    "منتصف": "MID",
    "اواسط": "MID",
}
#: Prepositions before a date: outside the span, but they license bare months and years.
CTX_WORDS = (
    "في",
    "منذ",
    "حتي",
    "خلال",
    "بحلول",
    "قبل",
    "بعد",
    "عقب",
    "من",
    "الي",
    "بين",
    "اثناء",
    "طوال",
    "طيلة",
)
DAYPART_WORDS = ("صباح", "مساء", "ظهر", "عصر", "فجر", "ليلة", "ليل", "ظهيرة", "نهار")

_YEARWORD = r"[وف]?(?:لل|[بك]?ال|[بلك])?(?:عامي|عام|سن[ةه])"
_PERIOD = r"(?:شهر|اسبوع|عام|سن[ةه])"
_CENTURY = (
    r"(?:ال)?قرن[ \t]{1,3}(?:الماضي|المنصرم|الفائت|السابق|العشرين|الحالي|الجاري"
    r"|الحادي[ \t]{1,3}والعشرين|التاسع[ \t]{1,3}عشر|الثامن[ \t]{1,3}عشر)"
)


def _alternation(words: list[str], guarded: dict[str, str] | None = None) -> str:
    """A regex matching any of ``words`` (normalised), as a trie so that matching
    branches once per character, not once per word; ة also matches ه, a space matches
    one to three blanks. Longer words win over their prefixes. A word of ``guarded``
    matches only where its lookahead pattern holds (inside the trie, which keeps the
    pattern one alternation that ``re`` can skip through fast)."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    for word, lookahead in (guarded or {}).items():
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_GUARD] = f"(?={lookahead})"
    return _trie_regex(trie)


_GUARD = "\x00"  # trie key of a guarded word's lookahead (no word holds a NUL)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [node[_GUARD]] if _GUARD in node else []
    for char in sorted(c for c in node if c and c != _GUARD):
        if char == " ":
            atom = "[ \\t]{1,3}"
        elif char == "ة":
            atom = "[ةه]"
        else:
            atom = re.escape(char)
        branches.append(atom + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


_REL = _alternation([*REL_WORDS, *(w + "ة" for w, d in REL_WORDS.items() if d != SAME)]) + _NOT_WORD
_MOD = r"[وف]?[بل]?" + _alternation(list(MOD_WORDS)) + _NOT_WORD
_CTX = r"[وف]?" + _alternation(list(CTX_WORDS)) + _NOT_WORD
_DAYPART = r"[وف]?" + _alternation(list(DAYPART_WORDS)) + _NOT_WORD


_ORDINAL_UNITS = ["اول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع"]


@lru_cache(maxsize=1)
def ordinal_days() -> dict[str, int]:
    """Ordinal day words (الأول … الحادي والثلاثين), normalised, -> day number."""
    days = {f"ال{u}": i for i, u in enumerate(_ORDINAL_UNITS, 1)}
    days["العاشر"] = 10
    days["الحادي عشر"] = 11
    for i, unit in enumerate(_ORDINAL_UNITS[1:], 12):
        days[f"ال{unit} عشر"] = i
    days["العشرين"] = 20
    days["الثلاثين"] = 30
    days["الحادي والعشرين"] = 21
    days["الحادي والثلاثين"] = 31
    for i, unit in enumerate(_ORDINAL_UNITS[1:], 22):
        days[f"ال{unit} والعشرين"] = i
    return days


def _weekday_stems() -> dict[str, int]:
    return _WEEKDAY_STEMS


_WEEKDAY_STEMS = {name[2:]: number for number, names in WEEKDAYS.items() for name in names}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
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
    tens = _alternation(list(DECADE_TENS))
    first = _first_letters()

    iso = (
        r"(?=\d{4}-)(?P<iso>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
        r"(?:Z|[+-]\d{2}:?\d{2})?)?)(?![\d:])"
    )
    numeric = (
        r"(?=\d{1,4}[/.-])(?P<num>\d{1,2}(?P<ns>[/.-])\d{1,2}(?P=ns)\d{4}"
        r"|\d{4}(?P<ns2>[/.-])\d{1,2}(?P=ns2)\d{1,2})(?![\d]|[.,/-]\d)"
    )
    latin_month = rf"{_latin_month()}\.?(?![^\W\d_])"
    latin_dates = (
        rf"(?P<latin>{latin_month}{_SP}{_DAY}{_ORDSUF}(?:,?{_SP}{_YEAR})?"
        rf"|{_DAY}{_ORDSUF}{_SP}(?:of{_SP})?{latin_month}(?:,?{_SP}{_YEAR})?"
        rf"|{latin_month},?{_SP}{_YEAR})"
    )
    # a day before a Hijri month, or a Hijri year
    hijri_digits = rf"\d{{1,2}}{_OSP}(?:من{_SP})?{_CL}{_chars(first['hmonth'])}|1[2-5]"
    hijri = (
        rf"(?={_chars(first['cl'] | first['hmonth'] | first['yearword'])}|{hijri_digits})"
        rf"(?P<hijri>(?:{_CL}{_DAY}{_OSP}(?:من{_SP})?)?{_CL}{hmonth}{_SP}"
        rf"(?:(?:عام|سن[ةه]){_SP})?{_HYEAR}(?:{_OSP}{_ERA})?"
        rf"|(?:{_YEARWORD}{_SP})?{_HYEAR}{_OSP}{_ERA})"
    )
    day_range = (
        rf"(?={_CL}\d{{1,2}}{_OSP}[–\-واح])"
        rf"(?P<drange>{_CL}{_DAY}{_OSP}(?:[–-]|و|الي|حتي|حتى){_OSP}{_DAY}{_OSP}"
        rf"(?:من{_SP})?{months}(?:{yearpart}|{_SP}{_REL})?)"
    )
    # a day is followed by its month (after من, a clitic or شهر) or a parenthesis
    day_digits = rf"\d{{1,2}}{_OSP}(?:من{_SP})?{_chars(first['cl'] | first['month'] | set('ش('))}"
    full = (
        rf"(?={_chars(first['weekday'] | first['ordinal'] | first['cl'])}|{day_digits})"
        rf"(?P<full>(?:{wd_prefix}{weekday}{_COMMA}(?:الموافق{_SP}|\({_OSP})?)?"
        rf"{day}{months}(?:{yearpart}|{_SP}{_REL})?)"
    )
    weekday_expr = rf"(?={_chars(first['weekday'])})(?P<wday>{wd_prefix}{weekday}(?:{_SP}{_REL})?)"
    month_expr = (
        rf"(?={_chars(first['cl'] | first['month'] | set('ش('))})"
        rf"(?P<month>{months}(?:{yearpart}|{_SP}{_REL})?)"
    )
    year_start = rf"(?:{_YEARWORD}{_SP})?{_YEAR}"
    year_range = (
        rf"(?={_chars(first['yearword'])}|\d)"
        rf"(?P<yrange>{year_start}{_OSP}(?:[–/-]|{_SP}(?:الي|حتي|حتى){_SP}){_OSP}{year_start}"
        rf"|(?<=بين[ \t]){year_start}{_OSP}و{_OSP}{year_start}"
        rf"|[وف]?(?:ال)?(?:عامي|سنتي){_SP}{_YEAR}{_OSP}و{_OSP}{_YEAR})"
    )
    year_expr = (
        rf"(?={_chars(first['yearword'])}|\d)"
        rf"(?P<year>{_YEARWORD}{_SP}{_YEAR}|(?P<bare>{_YEAR}))"
    )
    decade = (
        rf"(?={_chars(first['cl'] | first['tens'] | set('عا'))})"
        rf"(?P<decade>(?:[وف]?[بل]?عقد{_SP})?{_CL}(?:ال)?{tens}(?:ي)?ات{_NOT_WORD}"
        rf"(?:{_SP}(?:من{_SP})?{_CENTURY})?)"
    )
    rel_period = (
        rf"(?={_chars(first['art'] | set('وفهبلن'))})"
        rf"(?P<relp>[وف]?(?:هذا|هذه){_SP}ال{_PERIOD}{_NOT_WORD}"
        rf"|[وف]?[بل]?نفس{_SP}(?:ال{_PERIOD}|اليوم){_NOT_WORD}"
        rf"|{_ART}{_PERIOD}(?:{_SP}{_REL})?{_NOT_WORD})"
    )
    rel_day = (
        rf"(?={_chars(first['weekday'] | set('اغ'))})"
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
    mod = rf"(?P<mod>(?={_chars(first['mod'])}){_MOD}{_SP})?"
    core = rf"{_digits_first()}(?:{iso}|{numeric}|{latin_dates}|{mod}(?:{arabic}))"
    ctx = rf"(?:(?P<ctx>(?={_chars(first['ctx'])}){_CTX}){_SP})?"
    return re.compile(rf"(?<!\w){ctx}{core}")


# The lookaheads before the alternatives of the grammar name the characters each can
# begin with (and, for a digit, what must follow it): an alternative that cannot
# match where the grammar stands is then left after one character test, instead of
# being entered (``re`` only skips an alternative at once when it begins with a
# literal or a character set, which a named group does not). They are implied by
# the alternatives they guard, so they change no match.


def _chars(letters: set[str]) -> str:
    """A character set of ``letters``."""
    return "[" + "".join(re.escape(c) for c in sorted(letters)) + "]"


@lru_cache(maxsize=1)
def _first_letters() -> dict[str, set[str]]:
    """The letters each piece of the grammar can begin with."""
    clitics = set("وفبلك")  # _CL, and the conjunctions and prepositions of _ART, _YEARWORD
    daypart = set("وف") | {word[0] for word in DAYPART_WORDS}
    return {
        "cl": clitics,
        "art": clitics | set("ا"),
        "yearword": clitics | set("اعس"),
        "month": {name[0] for name in month_names()},
        "hmonth": {name[0] for name in hijri_month_names()},
        "tens": {word[0] for word in DECADE_TENS},
        "ordinal": {word[0] for word in ordinal_days()},
        # wd_prefix (a day part, يوم) before _ART and its weekday stem
        "weekday": daypart | clitics | set("اي"),
        "mod": set("وفبل") | {word[0] for word in MOD_WORDS},
        "ctx": set("وف") | {word[0] for word in CTX_WORDS},
    }


@lru_cache(maxsize=1)
def _latin_month() -> str:
    """A Latin month name, case-insensitive, behind a test of its first letter (the
    case-insensitive trie is slow to fail: ``re`` enters each of its branches)."""
    return rf"(?={_latin_initials()})(?i:{_alternation(list(latin_month_names()))})"


def _latin_initials() -> str:
    """The first letters of the Latin month names, case-insensitive."""
    return f"(?i:{_chars({name[0] for name in latin_month_names()})})"


@lru_cache(maxsize=1)
def _digits_first() -> str:
    """A lookahead for the start of an expression: what must follow one or two digits
    that begin one (a day, or the first number of 19/07/2022). Every alternative of
    the grammar that starts with a digit implies it, so it changes no match; it makes
    the grammar fail fast on the many numbers that are no date (33%، 12 شخصا، 12.5
    مليون: a dot or slash after a day begins only a numeric date, 12.05.2022), and on
    a bare يوم before a number (يوم 4 تموز: the grammar reads يوم only before a weekday
    or a word of a relative day). The most frequent follower of a day comes first:
    the order of the alternatives of a lookahead changes only how soon it passes."""
    month = _alternation(list(month_names()))
    hmonth = _alternation(list(hijri_month_names()))
    return (
        rf"(?=(?![وف]?[بل]?يوم[ \t]{{1,3}}\d)\D|\d{{4}}"
        rf"|\d{{1,2}}(?:{_OSP}(?:من{_SP})?{_CL}(?:شهر|\(|{month}|{hmonth})"
        rf"|[/.]\d{{1,2}}[/.]\d|{_ORDSUF}{_SP}(?:of{_SP})?{_latin_month()}"
        rf"|{_OSP}(?:[–-]|و|الي|حتي|حتى){_OSP}\d))"
    )


@lru_cache(maxsize=1)
def _token_patterns() -> dict[str, re.Pattern[str]]:
    return {
        "month": re.compile(_alternation(list(month_names()))),
        "hmonth": re.compile(_alternation(list(hijri_month_names()))),
        "latin": re.compile(rf"(?i:{_alternation(list(latin_month_names()))})(?![^\W\d_])"),
        "weekday": re.compile(_alternation(list(_weekday_stems())) + _NOT_WORD),
        "ordinal": re.compile(_alternation(list(ordinal_days())) + _NOT_WORD),
        "rel": re.compile(r"(?<!\w)" + _REL),
        "tens": re.compile(_alternation(list(DECADE_TENS))),
        "century": re.compile(_CENTURY),
        "era": re.compile(_ERA),
    }


_NUMBER = re.compile(r"\d+")
_YEAR_NUMBER = re.compile(r"(?<!\d)(?:1[0-9]{3}|20[0-9]{2})(?!\d)")
_NEXT_WORD = re.compile(r"[ \t]{0,3}([^\s]{0,20})")

#: A month right after these words names an event (حرب أكتوبر، ثورة 25 يناير).
EVENT_HEADS = frozenset(
    {
        "حرب",
        "ثورة",
        "ثوره",
        "انتفاضة",
        "انتفاضه",
        "حركة",
        "حركه",
        "احداث",
        "هجمات",
        "معركة",
        "معركه",
        "مجزرة",
        "مجزره",
        "نكسة",
        "نكسه",
    }
)
#: A bare four-digit number followed by these is a count, not a year (2000 دولار).
COUNT_WORDS = frozenset(
    {
        "الف",
        "مليون",
        "مليار",
        "دولار",
        "درهم",
        "دينار",
        "يورو",
        "جنيه",
        "ريال",
        "ليرة",
        "شخص",
        "قتيل",
        "جريح",
        "جندي",
        "عنصر",
        "طن",
        "كلم",
        "كيلومتر",
        "متر",
        "كيلو",
        "كغ",
        "ساعة",
        "دقيقة",
        "ثانية",
        "يوم",
        "عام",
        "سنة",
        "شهر",
        "اسبوع",
        "نسمة",
        "مرة",
        "حالة",
        "مواطن",
        "لاجئ",
        "مقاتل",
        "طفل",
        "امراة",
        "صاروخ",
        "وحدة",
        "منزل",
        "%",
        "في",
        "من",
        "بالمئة",
        "بالمائة",
        "درجة",
        "ميغاواط",
        "برميل",
        "سهم",
        "نقطة",
        "صوت",
        "مشارك",
    }
)
_CTX_FOR_BARE_YEAR = frozenset(
    {"في", "منذ", "حتى", "حتي", "خلال", "بحلول", "قبل", "بعد", "عقب", "طوال", "اثناء"}
)
_STRONG_MONTH_CTX = frozenset(
    {
        "في",
        "منذ",
        "حتى",
        "حتي",
        "خلال",
        "بحلول",
        "قبل",
        "بعد",
        "عقب",
        "اثناء",
        "طوال",
        "طيلة",
        "طيله",
    }
)


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _prev_word(text: str, start: int) -> str:
    """The word before ``start`` (across blanks and a comma), or ''."""
    end = start
    while end > 0 and start - end < 4 and text[end - 1] in " \t,،":
        end -= 1
    begin = end
    while begin > 0 and end - begin < 30 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        begin -= 1
    return text[begin:end]


def _next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match.group(1) if match else ""


def _direction(text: str) -> str | None:
    match = _token_patterns()["rel"].search(text)
    if not match:
        return None
    word = match.group()
    if word in REL_WORDS:
        return REL_WORDS[word]
    return REL_WORDS.get(word[:-1])


def _month_of(text: str) -> tuple[int, str] | None:
    """The month ``text`` names and its naming system(s), or None when it names none
    or several (``تموز/يوليو`` names one month in two systems: ``levantine+standard``)."""
    return _month_of_names(_token_patterns()["month"].findall(text))


def _month_of_names(found: list[str]) -> tuple[int, str] | None:
    """:func:`_month_of` from the month names found (as the month pattern matched them)."""
    if len(found) == 1:  # the common case: one dict lookup
        return _month_info().get(" ".join(found[0].split()))
    if not found:
        return None
    names = month_names()
    keys = [" ".join(f.split()) for f in found]
    numbers = {names[k] for k in keys if k in names}
    if len(numbers) != 1:
        return None
    systems = sorted({month_system(k) for k in keys})
    return numbers.pop(), "+".join(systems)


@lru_cache(maxsize=1)
def _month_info() -> dict[str, tuple[int, str]]:
    """Normalised month name -> (month number, naming system)."""
    return {name: (number, month_system(name)) for name, number in month_names().items()}


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ----------------------------------------------------------------------- scanning


def scan(normalized: NormalizedText) -> list[Mention]:
    """Every temporal expression of a normalised text, in order, non-overlapping.

    Fast path: a cheap trigger pattern (digits, month and weekday names, relative
    keywords) finds the few places a date can be; the full grammar is tried only at
    the start of the chain of words that may lead up to each trigger (في أواخر عام …).
    The result equals running the grammar over every position (:func:`scan_exhaustive`).
    """
    text = normalized.text
    backwards = _Backwards(text)
    match_at = _pattern().match
    out: list[Mention] = []
    pos = 0
    failed: set[int] = set()  # starts where the grammar matched nothing (tried once)
    dead_word = dead_low = dead_at = -1  # a word all of whose starts failed, its window
    # then and its last trigger read
    latin_word = latin_at = -1  # a Latin word whose digits were skipped, the last ones
    lone_end = -2  # the end of the last digits skipped as a lone number
    for at, end, keyword in _triggers(text):
        if at < pos:
            continue
        if keyword:
            if (
                not _plausible_keyword(text, at, end)
                or _day_before_number(text, at, end, pos)
                or (text[at] == "غ" and _tomorrow_inside_word(text, at, end, pos))
            ):
                continue
        elif keyword is False and (  # digits the _digits_first lookahead may reject
            (at == lone_end + 1 and _decimals_of_lone(text, at, lone_end))
            or _lone_number(text, at, pos)
        ):
            lone_end = end
            continue
        low = at - _WINDOW if at - _WINDOW > pos else pos
        word_start = backwards.word_start(at, low)
        if not keyword and "A" <= text[word_start] <= "z":  # a Latin letter, or a few signs
            # the text of the word up to its last trigger skipped was checked then
            checked = latin_at if word_start == latin_word else word_start
            if _digits_in_latin_word(text, at, word_start, checked, pos):
                latin_word, latin_at = word_start, at
                continue
        if word_start == dead_word and _same_chain(text, low, dead_low):
            # a later trigger in that word (86b97ee8، 65.5): only the starts after
            # the punctuation between its last trigger read and this one are new
            starts = [] if text[dead_at:at].isalnum() else _after_punctuation(text, dead_at, at)
            dead_at = at
            if not starts:
                continue
        else:
            starts = backwards.starts(at, low, word_start)
        while True:
            match = None
            for start in starts:
                if start in failed:
                    continue
                match = match_at(text, start)
                if match is not None:
                    break
                failed.add(start)
            if match is None:
                dead_word, dead_low, dead_at = word_start, low, at
                break
            dead_word = -1
            pos = match.end()
            mention = _interpret(match, normalized)
            if mention is not None:
                out.append(mention)
            if at < pos:
                break
            low = max(pos, at - _WINDOW)
            word_start = backwards.word_start(at, low)
            starts = backwards.starts(at, low, word_start)
    return _merge_ranges(out, text)


def _same_chain(text: str, low: int, dead_low: int) -> bool:
    """Whether the words :meth:`_Backwards.starts` walks back over from a word with the window
    ``low`` are among those it walked with the window ``dead_low`` (not above ``low``).

    They are, as the walk only stops sooner with a higher window, unless it stops at
    its window's edge after a whitespace that is no blank (the lower window would read
    on across it)."""
    if low == dead_low:
        return True
    edge = text[low - 1]
    return not edge.isspace() or edge in "\n \t"


def scan_exhaustive(normalized: NormalizedText) -> list[Mention]:
    """:func:`scan` without the trigger shortcut (slow; the reference for tests)."""
    out = [_interpret(m, normalized) for m in _pattern().finditer(normalized.text)]
    return _merge_ranges([m for m in out if m is not None], normalized.text)


#: Digit runs, found with ``regex``, whose scan is much faster than ``re``'s here; its
#: ``\d`` follows a newer Unicode than ``re``'s, so a run ``re`` would split (a digit of
#: a recent script) is split again with ``re``: the runs are exactly ``re``'s ``\d+``.
_DIGIT_RUN = regex.compile(r"\d+")
_RE_DIGIT_RUN = re.compile(r"\d+")


def _triggers(text: str) -> Iterator[tuple[int, int, bool | None]]:
    """``(start, end, kind)`` of the triggers of ``text``, by position: the keyword
    triggers (kind True) and the digit runs that can be a day, a month or a year (1-2
    digits, or a year from 1000 to 2099; other runs are amounts, ids, phones). A run
    is of kind None where the :func:`_digits_first` lookahead is known to pass (no
    :func:`_lone_number` then), else False. The lone numbers that stay lone wherever
    the scan stands are left out (see :func:`_lone_anywhere`).

    Two scans, not one ``\\d+|keywords`` pattern (keywords hold no digits, so the two
    never overlap): the keyword trie alone starts with a set of literal letters, which
    lets ``re`` skip most positions without entering the alternation. The keywords are
    merged into the loop over the digit runs, lazily: memory stays flat on text full
    of digits, and each run is read by one generator only."""
    words = _trigger().finditer(text)
    word = next(words, None)
    word_at = len(text) if word is None else word.start()  # no run starts at len(text)
    digits_first = _digits_first_re().match
    lone_end = -2  # the end of the last run left out as lone (or as its decimals)
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        while word_at < start:
            yield word_at, word.end(), True
            word = next(words, None)
            word_at = len(text) if word is None else word.start()
        if text[start:end].isdecimal():
            size = end - start  # _date_sized, inline: most runs are read only here
            if size == 4 and (text[start] == "1" or text[start : start + 2] == "20"):
                yield start, end, None  # the lookahead passes every four digits
            elif size > 2:
                continue
            elif start > 1 and text[start - 1] == " " and "ء" <= text[start - 2] <= "ي":
                # as _lone_number begins: the lookahead decides whether it goes on
                if digits_first(text, start) is not None:
                    yield start, end, None
                elif _lone_anywhere(text, start):
                    lone_end = end
                else:
                    yield start, end, False
            elif start == lone_end + 1 and _decimals_of_lone(text, start, lone_end):
                lone_end = end
            else:
                yield start, end, False
        else:  # a digit that ``re`` does not know splits the run
            for found in _RE_DIGIT_RUN.finditer(text, start, end):
                if _date_sized(text, *found.span()):
                    yield *found.span(), False
    if word is not None:
        yield word_at, word.end(), True
        yield from ((*found.span(), True) for found in words)


def _lone_anywhere(text: str, at: int) -> bool:
    """Whether the one or two digits at ``at``, after a blank and an Arabic letter and
    rejected by the :func:`_digits_first` lookahead, are a lone number wherever the
    scan stands, so that :func:`_triggers` may leave them out.

    :func:`_lone_number` holds for them with any floor, as it holds with the lowest:
    a smaller window holds no word of ``_TRIGGERLESS`` either. The scan would skip
    them, or pass over them inside an expression; the digits after them and a decimal
    point are left out as well, as the scan does (:func:`_decimals_of_lone`)."""
    return _TRIGGERLESS_RE.search(text, at - _WINDOW if at > _WINDOW else 0, at) is None


def _date_sized(text: str, start: int, end: int) -> bool:
    size = end - start
    return size < 3 or (size == 4 and (text[start] == "1" or text[start : start + 2] == "20"))


@lru_cache(maxsize=1)
def _trigger() -> re.Pattern[str]:
    """The keywords every expression without digits contains; may fire inside longer
    words, which :func:`_plausible_keyword` weeds out (a lookbehind here would cost more)."""
    words = [
        *(name for name in month_names() if name != "اب"),  # آب: see _prefix_words, _DOUBLED_AB
        *REL_WORDS,
        *MOD_WORDS,
        *_weekday_stems(),
        "امس",
        "غد",
        "يوم",
        "البارح",
        "ينات",
        "ينيات",
        "هذا الشهر",
        "هذا الاسبوع",
        "هذا العام",
        "هذه السنة",
        "نفس الشهر",
        "نفس الاسبوع",
        "نفس العام",
        "نفس السنة",
    ]
    return re.compile(_alternation(words, {"اب": f"{_DOUBLED_AB}|{_AB_BEFORE_YEAR}"}))


#: آب paired with itself (آب/آب، (آب) آب): the one month pair that holds no trigger.
#: Looser than the grammar (any run of its separators), so that it fails at once on the
#: many words that merely end in اب (كتاب، انتخاب).
_DOUBLED_AB = r"[ \t)/|\\–(-]{1,13}اب"
#: آب before its year across a gap the walk back from the year does not cross (more
#: than three blanks, a comma standing alone: آب    2020، آب ، 2020).
_AB_BEFORE_YEAR = r"[ \t]{0,3}[,،]?[ \t]{0,3}(?:\d|من[ \t]|(?:ال)?(?:عام|سن[ةه])[ \t])"


def _plausible_keyword(text: str, start: int, end: int) -> bool:
    """A keyword trigger must begin its word (after at most a few clitic letters)."""
    word = text[start:end]
    if word in _WEEKDAY_STEMS:
        return start > 0 and text[start - 1] == "ل"
    if word.endswith("ات"):  # decades: the tail of تسعينيات
        return end == len(text) or not text[end].isalpha()
    if len(word) < 4 and word in month_names():  # آب، ماي: a whole word, one clitic at most
        prefix = text[max(0, start - 2) : start]
        if len(prefix) == 2 and prefix.isalpha():
            return False
        return end == len(text) or not text[end].isalpha()
    before = text[max(0, start - 4) : start]
    return not (len(before) == 4 and before.isalpha()) or before in _LONGEST_ARTICLES


#: The four-letter clitic chains of ``_ART`` (وبالأمس، فكاليوم): the only four letters
#: the grammar reads before a keyword (a weekday stem, a decade and a short month name
#: aside, which have rules of their own).
_LONGEST_ARTICLES = frozenset(c + p + "ال" for c in "وف" for p in "بك")


#: Every expression that holds neither digits nor a trigger keyword holds one of these
#: (آب، العام، هذه السنة، الخامس من آب): what an earlier trigger cannot have found.
_TRIGGERLESS = ("اب", "شهر", "اسبوع", "عام", "سن")
_TRIGGERLESS_RE = re.compile("|".join(_TRIGGERLESS))


def _lone_number(text: str, at: int, floor: int) -> bool:
    """Whether the digits at ``at`` may be skipped because trying them finds nothing.

    Such digits begin no expression: the :func:`_digits_first` lookahead fails (it
    always passes a year). They continue none: a space after an Arabic letter comes
    before them, not a separator, a time or a Latin month (the second day of a range
    is followed by its month, which the lookahead accepts). And no expression ends
    before them among the words :meth:`_Backwards.starts` would try from them: one that holds
    a trigger was found when that earlier trigger was read (the words before both
    triggers are the same), and the window holds no word of ``_TRIGGERLESS``."""
    if at < 2 or text[at - 1] != " " or not "ء" <= text[at - 2] <= "ي":
        return False
    if _digits_first_re().match(text, at) is not None:
        return False
    return _TRIGGERLESS_RE.search(text, max(floor, at - _WINDOW), at) is None


def _decimals_of_lone(text: str, at: int, lone_end: int) -> bool:
    """Whether the digits at ``at``, right after a lone number (see :func:`_lone_number`,
    ending at ``lone_end``) and a decimal point (12.5 مليون), may be skipped as well.

    Every start :meth:`_Backwards.starts` would try from them but their own was tried
    from that number, in vain (an expression through them holds the number); their
    own begins nothing when the :func:`_digits_first` lookahead fails there."""
    return text[lone_end] in ".," and _digits_first_re().match(text, at) is None


def _day_before_number(text: str, at: int, end: int, floor: int) -> bool:
    """Whether the keyword at ``at`` is a bare يوم before a number (يوم 4 تموز), which
    may be skipped because trying it finds nothing.

    Such a word is in no expression: the grammar reads a bare يوم only before a
    weekday or a word of a relative day (يوم الخميس، يوم غد), never before digits,
    and its own start begins none. And no expression ends before it among the words
    :meth:`_Backwards.starts` would try from it, as for :func:`_lone_number`: one that
    holds a trigger was found when that trigger was read, and the window holds no
    word of ``_TRIGGERLESS``. The number's own trigger, read next, tries those words."""
    if end - at != 3 or text[at:end] != "يوم" or _BLANKS_DIGIT.match(text, end) is None:
        return False
    lead = at  # at most a preposition and a conjunction glued before يوم (وبيوم)
    if lead > 0 and text[lead - 1] in "بل":
        lead -= 1
    if lead > 0 and text[lead - 1] in "وف":
        lead -= 1
    if lead > 0 and text[lead - 1] not in " \t\n":
        return False
    return _TRIGGERLESS_RE.search(text, max(floor, at - _WINDOW), at) is None


_BLANKS_DIGIT = re.compile(r"[ \t]{1,3}\d")


def _tomorrow_inside_word(text: str, at: int, end: int, floor: int) -> bool:
    """Whether the keyword at ``at`` is a غد that goes on into a longer word (بغداد),
    which may be skipped because trying it finds nothing.

    The grammar reads غد only as غدا or غد, each ending its word; and no expression
    ends before it among the words :meth:`_Backwards.starts` would try from it, as for
    :func:`_lone_number`."""
    if end - at != 2 or text[at:end] != "غد":
        return False
    after = text[end : end + 1]
    if after == "ا":
        after = text[end + 1 : end + 2]
    if not (after.isalnum() or after == "_"):
        return False
    return _TRIGGERLESS_RE.search(text, max(floor, at - _WINDOW), at) is None


def _digits_in_latin_word(text: str, at: int, word_start: int, checked: int, floor: int) -> bool:
    """Whether the digits at ``at``, inside a word that begins with a Latin letter (a
    link or an id: pic.twitter.com/86b97ee8), may be skipped because trying them finds
    nothing.

    No expression runs through the word's start: the only words of the grammar that
    begin with a Latin letter are the Latin month names and "of". None starts inside
    the word: where the word-start look-behind lets one start (after punctuation, see
    :func:`_after_punctuation`), digits stand that the :func:`_digits_first` lookahead
    rejects. And no expression ends before the word among the words
    :meth:`_Backwards.starts` would try, as for :func:`_lone_number`.

    When earlier digits of the word were skipped (their start was ``checked``), all
    this holds up to them: only the text after them is read."""
    if checked == word_start:
        first = text[word_start]
        if not ("a" <= first <= "z" or "A" <= first <= "Z"):
            return False
        if _latin_word_start().match(text, word_start) is not None:
            return False
        window_start = max(floor, at - _WINDOW)
    else:
        window_start = max(floor, checked)
    if not text[checked:at].isalnum():  # letters and digits only: no punctuation to read
        digits_first = _digits_first_re().match
        for start in _after_punctuation(text, checked, at):
            if digits_first(text, start) is not None:
                return False
    return _TRIGGERLESS_RE.search(text, window_start, at) is None


@lru_cache(maxsize=1)
def _latin_word_start() -> re.Pattern[str]:
    """The start of the grammar's words that begin with a Latin letter."""
    return re.compile(rf"(?i:{_alternation([*latin_month_names(), 'of'])})")


@lru_cache(maxsize=1)
def _digits_first_re() -> re.Pattern[str]:
    return re.compile(_digits_first())


@lru_cache(maxsize=1)
def _prefix_words() -> frozenset[str]:
    """Words that can stand before a trigger inside one expression.

    آب (August) is no trigger: it is a substring of too many words; it is reached as a
    word before the digits of its day or year."""
    words = {
        "اب",
        *CTX_WORDS,
        *MOD_WORDS,
        *DAYPART_WORDS,
        "يوم",
        "من",
        "الموافق",
        "شهر",
        "عام",
        "سنة",
        "العام",
        "السنة",
        "عامي",
        "سنتي",
        "عقد",
        "هذا",
        "هذه",
        "نفس",
        "اول",
        "بين",
        "الي",
        "حتي",
        "و",
        "الشهر",
        "الاسبوع",
        "اسبوع",
        "الليلة",
    }
    words |= {name for names in WEEKDAYS.values() for name in names}
    # no Hijri month name is a trigger: رمضان 1443 is reached from its year
    words |= {word for name in hijri_month_names() for word in name.split()}
    for ordinal in ordinal_days():
        words.update(w.removeprefix("و") for w in ordinal.split())
    words |= {w.replace("ة", "ه") for w in words}
    words |= set(latin_month_names())
    return frozenset(words)


#: How far before a trigger the words leading up to it are read.
_WINDOW = 60


class _Backwards:
    """Reads the words before a trigger, right to left, with one regex call per word.

    The text is reversed once, so that "the blanks and the word before position
    ``i``" is a forward match at ``len(text) - i``; its end position bounds the match
    to the window, as the window's low end becomes the reversed text's ``endpos``."""

    __slots__ = ("punctuation", "reversed", "size", "text")  # punctuation: see starts

    def __init__(self, text: str) -> None:
        self.text = text
        self.punctuation = _punctuation()
        self.reversed = text[::-1]
        self.size = len(text)

    def word_start(self, at: int, low: int) -> int:
        """Start of the word holding position ``at``: after the last blank (space,
        newline or tab), not below ``low``. Most triggers begin their word (a number
        or a month name after a space): those are answered without the regex."""
        if at == low or self.text[at - 1] in " \t\n":
            return at
        return (
            self.size - _REVERSED_WORD.match(self.reversed, self.size - at, self.size - low).end()
        )

    def starts(self, at: int, low: int, word_start: int) -> list[int]:
        """Where an expression containing the trigger at ``at`` (in the word starting at
        ``word_start``) may start, earliest first, not below ``low``: its word, and the
        prefix words before it — each after one to three spaces or tabs (no newline)
        from the next — and, inside each of these words and the word the walk stops
        at, every position after punctuation (``x,لليوم``, ``(في``), where the
        grammar's word-start look-behind lets an expression start too."""
        text = self.text
        starts = [word_start]
        plain = word_start == at or text[word_start:at].isalnum()  # no punctuation so far
        prefix_words = _prefix_words()
        size = self.size
        match_gap_word = _REVERSED_GAP_WORD.match
        i = word_start
        while i > low:
            found = match_gap_word(self.reversed, size - i, size - low)
            if found is None:  # no blank, four blanks, a newline or the window's end
                break
            i = size - found.end()
            word = text[i : size - found.end(1)].rstrip(_CLOSING)
            plain = plain and word.isalnum()
            if i == low and low > 0 and not text[low - 1].isspace():
                break
            word = word.lower()
            if not (word in prefix_words or word[1:] in prefix_words or word[2:] in prefix_words):
                break
            starts.append(i)
        starts.reverse()
        if plain:  # the common case
            return starts
        found = self.punctuation.search(text, i, at + _LOOKAHEAD)
        if found is None or found.start() >= at:
            return starts
        starts += _after_punctuation(text, i, at)  # none is a word's start: no duplicate
        starts.sort()
        return starts


def _after_punctuation(text: str, begin: int, at: int) -> list[int]:
    """The positions in ``(begin, at]`` right after punctuation (a character that is
    neither a word character nor a blank) where an expression may begin, in order."""
    starts = []
    for found in _punctuation().finditer(text, begin, at + _LOOKAHEAD):
        if found.start() >= at:
            break
        starts.append(found.end())
    return starts


#: Punctuation that often ends a word: before a blank it lets no expression start,
#: and a prefix word followed by it may still lead up to a date (في، 12 آذار).
_CLOSING = ",،.(:;؛!?؟\"')»]"

#: How far past the punctuation :func:`_punctuation` reads (a Latin month name).
_LOOKAHEAD = 12


@lru_cache(maxsize=1)
def _punctuation() -> re.Pattern[str]:
    """Punctuation inside a word (between blanks) before what may begin an expression.

    Every alternative of the grammar begins with "(" or a word character, and the only
    ones that begin with a Latin letter begin with a Latin month name: so the dots and
    slashes of a link (pic.twitter.com/86b97ee8) are passed over unless a digit follows."""
    latin = _alternation(list(latin_month_names()))
    return re.compile(rf"[^\w \t\n](?=[^\Wa-zA-Z]|\(|(?i:{latin}))")


#: On the reversed text: a word (up to a space, newline or tab) ...
_REVERSED_WORD = re.compile(r"[^ \t\n]*")
#: ... and one to three spaces or tabs followed by a word.
_REVERSED_GAP_WORD = re.compile(r"([ \t]{1,3})(?=[^ \t\n])[^ \t\n]*")


def _interpret(match: re.Match[str], normalized: NormalizedText) -> Mention | None:
    text = normalized.text
    kind = match.lastgroup  # the alternatives are the outermost groups after ctx and mod
    start = match.start("mod")
    if start < 0:
        start = match.start(kind)
    end = match.end()
    body = text[start:end]
    ctx_text, mod_text = match.group("ctx", "mod")
    ctx = _strip_conj(ctx_text) if ctx_text else ""
    attrs: dict[str, Any] = {}
    if mod_text:
        mod_word = mod_text.strip()
        if mod_word.endswith("ه"):  # نهايه -> نهاية
            mod_word = mod_word[:-1] + "ة"
        while mod_word and mod_word[0] in "وفبل" and mod_word not in MOD_WORDS:
            mod_word = mod_word[1:]
        attrs["mod"] = MOD_WORDS.get(mod_word, "")
    handler = _HANDLERS[kind]
    mention = handler(match, body, start, end, ctx, attrs, normalized)
    if mention is None:
        return None
    mention.attrs.setdefault("calendar", "gregorian")
    rel = mention.rel
    if rel is not None and rel[-1] == NEAR and _future_context(text, start):
        mention.rel = (*rel[:-1], NEAR_FUTURE)
    return mention


_SENTENCE_END = re.compile(r"[.!?؟\n][^.!?؟\n]*$")
#: A whole word that may announce the future: سوف، المقرر، المنتظر، المزمع، المرتقب or a
#: verb in the future tense ([وف]?س[يتن]…). Each alternative begins with a literal
#: letter, so that ``re`` skips the positions where none begins (a look-behind first
#: would try every position); the look-behind after it asks for no word character
#: before that letter.
_FUTURE_CUE = re.compile(
    r"(?:س(?<!\w.)(?:وف|[يتن]\w{3,})"
    r"|ا(?<!\w.)لم(?:قرر|نتظر|زمع|رتقب)"
    r"|و(?<!\w.)س[يتن]\w{3,}|ف(?<!\w.)س[يتن]\w{3,})(?!\w)"
)
#: Nouns that begin like a future verb (سياسة، ستة، سنوات …).
_NOT_FUTURE = (
    "سياس",
    "سيار",
    "سيطر",
    "سياد",
    "سياق",
    "سيد",
    "سيول",
    "سينما",
    "سيناء",
    "سيناري",
    "سيرة",
    "سيف",
    "سيما",
    "سيل",
    "سين",
    "ستة",
    "ستين",
    "ستون",
    "ستار",
    "ستراتيج",
    "ستوديو",
    "سنة",
    "سنو",
    "سنين",
    "سند",
    "سنغال",
    "سنغافور",
    "سنت",
    "سنوات",
)


def _future_context(text: str, start: int) -> bool:
    """Whether the clause before ``start`` speaks of the future (سيزور، من المقرر …).

    The clause is what follows the last sentence end in the 80 characters before
    ``start``. The cues are looked for in the whole window first (a cue is a whole
    word, and the clause begins after a character that is none): the clause's start
    is sought only when the window holds one."""
    window = text[max(0, start - 80) : start]
    last_cue = -1
    for found in _FUTURE_CUE.finditer(window):
        word = found.group()
        if word[0] in "وف":
            word = word.lstrip("وف")
        if word in _CERTAIN_CUES or not word.startswith(_NOT_FUTURE):
            last_cue = found.start()
    if last_cue < 0:
        return False
    cut = _SENTENCE_END.search(window)
    return cut is None or last_cue > cut.start()


_CERTAIN_CUES = frozenset({"سوف", "المقرر", "المنتظر", "المزمع", "المرتقب"})


def _iso(match, body, start, end, ctx, attrs, normalized):
    day = _valid(int(body[0:4]), int(body[5:7]), int(body[8:10]))
    if day is None:
        return None
    if len(body) == 10:
        return Mention(start, end, "date", day.isoformat(), attrs=attrs)
    value = body.replace(" ", "T", 1)
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return Mention(start, start + 10, "date", day.isoformat(), attrs=attrs)
    return Mention(start, end, "datetime", value, attrs=attrs)


def _numeric(match, body, start, end, ctx, attrs, normalized):
    parts = [int(n) for n in _NUMBER.findall(body)]
    if len(str(_NUMBER.match(body).group())) == 4:
        year, month, day = parts
    else:
        day, month, year = parts
        if month > 12 and day <= 12:  # month-first, as in 07/19/2022
            day, month = month, day
    date = _valid(year, month, day)
    if date is None or not 1000 <= year <= 2099:
        return None
    return Mention(start, end, "date", date.isoformat(), attrs=attrs)


def _latin(match, body, start, end, ctx, attrs, normalized):
    found = _token_patterns()["latin"].search(body)
    month = latin_month_names()[found.group().lower()]
    rest = body[: found.start()] + " " + body[found.end() :]
    years = _YEAR_NUMBER.findall(rest)
    numbers = [int(n) for n in _NUMBER.findall(rest)]
    day = next((n for n in numbers if n <= 31 and str(n) not in years), None)
    if years and day is None:
        return Mention(start, end, "month", f"{int(years[0]):04d}-{month:02d}", attrs=attrs)
    if years:
        date = _valid(int(years[0]), month, day)
        return Mention(start, end, "date", date.isoformat(), attrs=attrs) if date else None
    if day is None:
        return None
    return Mention(start, end, "date", rel=("day_month", month, day, NEAR), attrs=attrs)


_HIJRI_YEAR = re.compile(r"(?<!\d)1[2-5]\d\d(?!\d)")
#: ``في الثلاثينيات من عمره``: a decade of someone's age, not of the calendar.
_OF_AGE = re.compile(r"[ \t]{1,3}من[ \t]{1,3}(?:ال)?عمر")


def _hijri(match, body, start, end, ctx, attrs, normalized):
    from hijridate import Hijri

    found = _token_patterns()["hmonth"].search(body)
    years = [int(y) for y in _HIJRI_YEAR.findall(body)]
    if not years:
        return None
    year = years[0]
    attrs["calendar"] = "hijri"
    try:
        if found is None:
            first = Hijri(year, 1, 1)
            last = Hijri(year, 12, Hijri(year, 12, 1).month_length())
            attrs["hijri"] = f"{year}"
        else:
            month = hijri_month_names()[" ".join(found.group().split())]
            days = [int(n) for n in _NUMBER.findall(body[: found.start()])]
            if days:
                gregorian = Hijri(year, month, days[0]).to_gregorian()
                attrs["hijri"] = f"{year}-{month:02d}-{days[0]:02d}"
                return Mention(start, end, "hijri", gregorian.isoformat(), attrs=attrs)
            first = Hijri(year, month, 1)
            last = Hijri(year, month, first.month_length())
            attrs["hijri"] = f"{year}-{month:02d}"
    except (ValueError, OverflowError):
        return None
    value = f"{first.to_gregorian().isoformat()}/{last.to_gregorian().isoformat()}"
    return Mention(start, end, "hijri", value, attrs=attrs)


def _event_name(text: str, start: int) -> bool:
    """Whether the word before ``start`` heads an event name (حرب، ثورة …).

    Most words end in a letter no event head ends in: that one character rejects
    them without reading the word (its clitic and its length change no last letter)."""
    end = start
    while end > 0 and start - end < 4 and text[end - 1] in " \t,،":
        end -= 1
    if end == 0 or text[end - 1] not in _EVENT_HEAD_ENDINGS:
        return False
    return _strip_conj(_prev_word(text, start)) in EVENT_HEADS


_EVENT_HEAD_ENDINGS = frozenset(word[-1] for word in EVENT_HEADS)


def _named_month(
    body: str, text: str, start: int, attrs: dict
) -> tuple[int, list[re.Match[str]]] | None:
    """The month a match names (recording its naming system) and the month names found
    in ``body`` (read once for the handler too), or None inside an event name."""
    if _event_name(text, start):
        return None
    found = list(_token_patterns()["month"].finditer(body))
    month_info = _month_of_names([name.group() for name in found])
    if month_info is None:
        return None
    month, system = month_info
    attrs["month_system"] = system
    return month, found


def _full(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    named = _named_month(body, text, start, attrs)
    if named is None:
        return None
    month, found = named
    month_at = found[0].start()
    head = body[:month_at]
    ordinal = _token_patterns()["ordinal"].search(head)
    numbers = _NUMBER.findall(head)
    day = ordinal_days()[" ".join(ordinal.group().split())] if ordinal else int(numbers[-1])
    weekday = _token_patterns()["weekday"].search(head)
    if weekday:
        attrs["weekday"] = _weekday_stems()[weekday.group()]
    years = _YEAR_NUMBER.findall(body[month_at:])
    if years:
        date = _valid(int(years[-1]), month, day)
        if date is None:
            return None
        return Mention(start, end, "date", date.isoformat(), attrs=attrs)
    if _valid(2000, month, day) is None:
        return None
    direction = _direction(body[month_at:]) or NEAR
    label = "relative" if direction != NEAR else "date"
    return Mention(start, end, label, rel=("day_month", month, day, direction), attrs=attrs)


def _day_range(match, body, start, end, ctx, attrs, normalized):
    if _event_name(normalized.text, start):
        return None
    month_info = _month_of(body)
    if month_info is None:
        return None
    month, attrs["month_system"] = month_info
    month_at = _token_patterns()["month"].search(body).start()
    first, last = (int(n) for n in _NUMBER.findall(body[:month_at])[:2])
    if first >= last or _valid(2000, month, last) is None:
        return None
    years = _YEAR_NUMBER.findall(body[month_at:])
    if years:
        year = int(years[-1])
        a, b = _valid(year, month, first), _valid(year, month, last)
        if a is None or b is None:
            return None
        return Mention(start, end, "range", f"{a.isoformat()}/{b.isoformat()}", attrs=attrs)
    direction = _direction(body[month_at:]) or NEAR
    if direction == SAME:
        direction = NEAR
    return Mention(
        start, end, "range", rel=("day_range", month, first, last, direction), attrs=attrs
    )


def _weekday(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    found = _token_patterns()["weekday"].search(body)
    number = _weekday_stems()[found.group()]
    prev = _strip_conj(_prev_word(text, start))
    following = _next_word(text, end)
    if number == 4 and prev in ("صلاة", "صلاه", "خطبة", "خطبه", "مسجد", "جامع"):
        return None
    if number == 0 and prev in ("كلا", "بين"):
        return None
    if number == 6 and following.startswith("عشر"):
        return None
    direction = _direction(body[found.end() :]) or NEAR
    attrs["weekday"] = number
    label = "weekday" if direction == NEAR else "relative"
    return Mention(start, end, label, rel=("weekday", number, direction), attrs=attrs)


def _month(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    if _event_name(text, start):
        return None
    reading = _month_reading(body)
    if reading is None:
        return None
    month, system, name, name_start, name_end, year, direction, paired = reading
    attrs["month_system"] = system
    if year is not None:
        return Mention(start, end, "month", f"{year:04d}-{month:02d}", attrs=attrs)
    if direction is None and not paired:
        if not (ctx or attrs.get("mod")):
            return None
        if name in AMBIGUOUS_MONTH_NAMES:
            if ctx not in _STRONG_MONTH_CTX and not attrs.get("mod"):
                return None
            if _next_word(text, end).startswith("ال"):
                return None  # مارس الضغط: the verb "practised"
            if name == "اب":
                o_start, o_end = normalized.to_original_span(start + name_start, start + name_end)
                if "آ" not in normalized.original[o_start:o_end]:
                    return None
    direction = direction or NEAR
    if direction == SAME:
        return None
    label = "relative" if direction != NEAR else "month"
    return Mention(start, end, label, rel=("month", month, direction), attrs=attrs)


@lru_cache(maxsize=2048)
def _month_reading(
    body: str,
) -> tuple[int, str, str, int, int, int | None, str | None, bool] | None:
    """What the text of a month match says by itself, read once per distinct text
    (a story names the same months again and again): the month and its naming
    system, its first name (normalised) and where that lies in ``body``, the year
    after it, the direction word after it, and whether it is paired (two names, or
    after شهر). None when it names no single month."""
    found_all = list(_token_patterns()["month"].finditer(body))
    month_info = _month_of_names([found.group() for found in found_all])
    if month_info is None:
        return None
    month, system = month_info
    found = found_all[0]
    rest = body[found.end() :]
    years = _YEAR_NUMBER.findall(rest)
    return (
        month,
        system,
        " ".join(found.group().split()),
        found.start(),
        found.end(),
        int(years[-1]) if years else None,
        _direction(rest),
        len(found_all) > 1 or "شهر" in body[: found.start()],
    )


def _year_range(match, body, start, end, ctx, attrs, normalized):
    first, last = (int(y) for y in _YEAR_NUMBER.findall(body)[:2])
    if last <= first or last - first > 200:
        return None
    return Mention(start, end, "range", f"{first}/{last}", attrs=attrs)


def _year(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    year = int(_YEAR_NUMBER.search(body).group())
    if match.group("bare") is not None:
        if not (attrs.get("mod") or ctx in _CTX_FOR_BARE_YEAR):
            return None
        if not 1800 <= year <= 2099:
            return None
        following = _next_word(text, end)
        bare_next = following.rstrip(".,،:؛)\"'")
        if bare_next in COUNT_WORDS or following.startswith(("%", "٪")):
            return None
        if (
            bare_next
            and not bare_next.startswith(("ال", "و"))
            and bare_next.endswith(("ة", "ات", "ين", "ون"))
        ):
            return None
        if text[end : end + 1] in "-/." and text[end + 1 : end + 2].isdigit():
            return None
    return Mention(start, end, "year", f"{year:04d}", attrs=attrs)


def _decade(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    following = text[end : end + 20]
    if _OF_AGE.match(following):
        return None  # في الثلاثينيات من عمره: an age
    tens = DECADE_TENS[_token_patterns()["tens"].search(body).group()]
    century = _token_patterns()["century"].search(body)
    base = 1900
    if century:
        word = century.group()
        if "التاسع" in word:
            base = 1800
        elif "الثامن" in word:
            base = 1700
        elif any(w in word for w in ("الحالي", "الجاري", "الحادي")):
            base = 2000
    return Mention(start, end, "decade", f"{base + tens}s", attrs=attrs)


_UNITS = {
    "شهر": "month",
    "اسبوع": "week",
    "عام": "year",
    "سنة": "year",
    "سنه": "year",
    "يوم": "day",
}
_PERIOD_WORD = re.compile(r"(?:ال)?(شهر|اسبوع|عام|سن[ةه]|يوم)(?!\w)")


def _rel_period(match, body, start, end, ctx, attrs, normalized):
    unit_match = None
    for found in _PERIOD_WORD.finditer(body):
        unit_match = found
        break
    if unit_match is None:
        return None
    unit = _UNITS[unit_match.group(1)]
    if body.lstrip("وف").startswith(("هذا", "هذه")):
        delta: Any = 0
    elif "نفس" in body[: unit_match.start()]:
        delta = SAME
    else:
        direction = _direction(body[unit_match.end() :])
        if direction is None:
            if not attrs.get("mod"):
                return None
            direction = CURRENT
        delta = {PAST: -1, FUTURE: 1, CURRENT: 0, SAME: SAME}[direction]
    return Mention(start, end, "relative", rel=("period", unit, delta), attrs=attrs)


_DEMONSTRATIVES = frozenset({"ذلك", "تلك", "هذا", "ذات", "نفس", "ذاك"})


def _rel_day(match, body, start, end, ctx, attrs, normalized):
    text = normalized.text
    weekday = None
    found_wd = None
    words = body.split()
    if words and words[-1] and len(words) > 1:
        found_wd = _token_patterns()["weekday"].search(body, len(body) - len(words[-1]) + 2)
    if found_wd and body.endswith(found_wd.group()):
        weekday = _weekday_stems()[found_wd.group()]
        attrs["weekday"] = weekday
    core_text = body if weekday is None else body[: found_wd.start()]
    following = _next_word(text, end)
    if "امس" in core_text or "البارح" in core_text:
        offset = -2 if "اول" in core_text else -1
    elif "غد" in core_text:
        offset = 2 if "بعد" in core_text else 1
        if "غدا" in core_text and "يوم" not in core_text:
            o_start, o_end = normalized.to_original_span(start, end)
            original = normalized.original[o_start : o_end + 1]
            if "\u064b" not in original and following[:1].isalpha() and not weekday:
                return None  # غدا المغرب شريكا: the verb "became"
    elif "ليل" in core_text:
        offset = -1
    else:
        offset = 0
        prev = _strip_conj(_prev_word(text, start))
        if ctx == "في" or prev in _DEMONSTRATIVES:
            return None  # مرتين في اليوم، ذلك اليوم
        if weekday is None and following.startswith("ال"):
            return None  # اليوم الأول، اليوم العالمي
    if weekday is not None and offset == 0:  # اليوم السبت: trust the weekday over the anchor
        return Mention(start, end, "relative", rel=("weekday", weekday, NEAR), attrs=attrs)
    return Mention(start, end, "relative", rel=("day", offset), attrs=attrs)


_HANDLERS = {
    "iso": _iso,
    "num": _numeric,
    "latin": _latin,
    "hijri": _hijri,
    "drange": _day_range,
    "full": _full,
    "wday": _weekday,
    "month": _month,
    "yrange": _year_range,
    "year": _year,
    "decade": _decade,
    "relp": _rel_period,
    "reld": _rel_day,
}

# ------------------------------------------------------------------ range merging

_RANGE_LINK = re.compile(r"[ \t]{0,3}(?:[–-]|الي|حتي|حتى)[ \t]{0,3}$|[ \t]{1,3}و$")


def _merge_ranges(mentions: list[Mention], text: str) -> list[Mention]:
    """Join "from A to B" pairs of dates of the same grain into one ``range`` mention."""
    if len(mentions) < 2:
        return mentions
    out: list[Mention] = []
    for mention in mentions:
        # a gap longer than 8 characters joins nothing (see _joinable): most pairs
        # are told apart by their offsets alone, without slicing the gap
        if out and mention.start - out[-1].end <= 8 and _joinable(out[-1], mention, text):
            out[-1] = _joined(out[-1], mention)
        else:
            out.append(mention)
    return out


def _grain(mention: Mention) -> str | None:
    if mention.label in ("date", "month", "year") and mention.rel is None and mention.value:
        return mention.label
    if mention.rel and mention.rel[0] in ("day_month", "month") and mention.rel[-1] == NEAR:
        return "date" if mention.rel[0] == "day_month" else "month"
    return None


def _joinable(first: Mention, second: Mention, text: str) -> bool:
    gap = text[first.end : second.start]
    if len(gap) > 8 or not _RANGE_LINK.search(gap) or "\n" in gap:
        return False
    grain = _grain(first)
    if grain is None or grain != _grain(second):
        return False
    if gap.strip() == "و":
        return _prev_word(text, first.start) == "بين"
    return True


def _joined(first: Mention, second: Mention) -> Mention:
    if second.rel is None and first.rel is not None:
        year = int(second.value[:4])
        month = first.rel[1]
        if month > int(second.value[5:7] or 0):
            year -= 1
        value = f"{year:04d}-{month:02d}"
        if first.rel[0] == "day_month":
            date = _valid(year, month, first.rel[2])
            if date is None:
                return first
            value = date.isoformat()
        first = replace(first, value=value, rel=None)
    attrs = {**first.attrs, **{k: v for k, v in second.attrs.items() if k not in first.attrs}}
    if first.rel is None and second.rel is None:
        return Mention(
            first.start, second.end, "range", f"{first.value}/{second.value}", attrs=attrs
        )
    return Mention(
        first.start,
        second.end,
        "range",
        rel=("pair", first.rel or first.value, second.rel or second.value),
        attrs=attrs,
    )
