"""The date scan with its shortcuts equals the scan it replaced.

:func:`newslab.extract.date_grammar.scan` skips the words it already walked (a later
trigger in a word all of whose starts failed, as in ``pic.twitter.com/86b97ee8``)
and :func:`~newslab.extract.date_grammar._month_of` looks one month name up in a dict.
The loop that walked every trigger's words again and the month lookup through sets
are kept here as oracles (the oracle scan also tries every bare يوم before a number,
which the scan skips), and so is the walk over the words before a trigger with
``str.rfind`` that :class:`~newslab.extract.date_grammar._Backwards` replaced by one
regex match per word on the reversed text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import NormalizedText, normalize
from newslab.extract import date_grammar as grammar
from newslab.extract.calendars import (
    DECADE_TENS,
    WEEKDAYS,
    hijri_month_names,
    latin_month_names,
    month_names,
    month_system,
)

# ------------------------------------------------------------------------ oracles


def _last_blank(text: str, low: int, end: int) -> int:
    b = text.rfind(" ", low, end)
    j = text.rfind("\n", b + 1, end)
    if j > b:
        b = j
    j = text.rfind("\t", b + 1, end)
    return j if j > b else b


def _oracle_word_start(text: str, at: int, low: int) -> int:
    b = _last_blank(text, low, at)
    return b + 1 if b >= low else low


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _oracle_after_non_word(text: str, begin: int, end: int) -> list[int]:
    """Positions in ``(begin, end]`` after a character that is no word character nor a
    blank, before "(", a Latin month name or a word character but a Latin letter,
    last first."""
    return [
        p
        for p in range(min(end, len(text) - 1), begin, -1)
        if not _word_char(text[p - 1])
        and text[p - 1] not in " \t\n"
        and (
            text[p] == "("
            or (_word_char(text[p]) and not ("a" <= text[p].lower() <= "z"))
            or text[p:].lower().startswith(tuple(latin_month_names()))
        )
    ]


def _oracle_starts(text: str, at: int, floor: int) -> list[int]:
    low = max(floor, at - 60)
    word_start = _oracle_word_start(text, at, low)
    starts = [*_oracle_after_non_word(text, word_start, at), word_start]
    prefix_words = grammar._prefix_words()
    i = word_start
    while i > low:
        k = i - 1
        gap = 0
        while k >= low and text[k] in " \t" and gap < 3:
            k -= 1
            gap += 1
        if gap == 0 or k < low or text[k] in " \t" or text[k] == "\n":
            break
        b = _last_blank(text, low, k)
        begin = b + 1 if b >= low else low
        starts += _oracle_after_non_word(text, begin, k + 1)
        if begin == low and low > 0 and not text[low - 1].isspace():
            break
        word = text[begin : k + 1].rstrip(",،.(:;؛!?؟\"')»]").lower()
        if not (word in prefix_words or word[1:] in prefix_words or word[2:] in prefix_words):
            break
        starts.append(begin)
        i = begin
    starts.reverse()
    return starts


def _oracle_lone_number(text: str, at: int, floor: int) -> bool:
    if at < 2 or text[at - 1] != " " or not "ء" <= text[at - 2] <= "ي":
        return False
    if grammar._digits_first_re().match(text, at) is not None:
        return False
    window = text[max(floor, at - 60) : at]
    return not any(word in window for word in ("اب", "شهر", "اسبوع", "عام", "سن"))


def _oracle_scan(normalized: NormalizedText) -> list[grammar.Mention]:
    text = normalized.text
    match_at = grammar._pattern().match
    out: list[grammar.Mention] = []
    pos = 0
    failed: set[int] = set()
    for at, end, keyword in grammar._triggers(text):
        if at < pos:
            continue
        if keyword:
            if not grammar._plausible_keyword(text, at, end):
                continue
        elif _oracle_lone_number(text, at, pos):
            continue
        while at >= pos:
            match = None
            for start in _oracle_starts(text, at, pos):
                if start in failed:
                    continue
                match = match_at(text, start)
                if match is not None:
                    break
                failed.add(start)
            if match is None:
                break
            pos = match.end()
            mention = grammar._interpret(match, normalized)
            if mention is not None:
                out.append(mention)
    return grammar._merge_ranges(out, text)


def _oracle_month_of(text: str) -> tuple[int, str] | None:
    found = grammar._token_patterns()["month"].findall(text)
    if not found:
        return None
    names = month_names()
    keys = [" ".join(f.split()) for f in found]
    numbers = {names[k] for k in keys if k in names}
    if len(numbers) != 1:
        return None
    systems = sorted({month_system(k) for k in keys})
    return numbers.pop(), "+".join(systems)


# ------------------------------------------------------------------------- inputs

_WORDS = sorted(
    {
        *month_names(),
        *hijri_month_names(),
        *(name.title() for name in latin_month_names()),
        *latin_month_names(),
        *(name for names in WEEKDAYS.values() for name in names),
        *grammar.REL_WORDS,
        *grammar.MOD_WORDS,
        *grammar.CTX_WORDS,
        *grammar.DAYPART_WORDS,
        *grammar.ordinal_days(),
        *grammar._prefix_words(),
        *grammar.EVENT_HEADS,
        *sorted(grammar.COUNT_WORDS)[:12],
        *(f"ال{tens}يات" for tens in DECADE_TENS),
        *(f"{tens}ات" for tens in DECADE_TENS),
        "يوم",
        "اليوم",
        "غدا",
        "غد",
        "امس",
        "بغداد",
        "نحو",
        "سيعقد",
        "المقرر",
        "هذا",
        "هذه",
        "نفس",
        "عقد",
        "القرن",
        "الماضي",
        "هـ",
        "هجري",
        "م",
        "of",
        "th",
        "T",
        "Z",
    }
)
_NUMBERS = st.one_of(
    st.integers(0, 40).map(str),
    st.integers(1000, 2100).map(str),
    st.integers(100, 999).map(str),
    st.sampled_from(["05", "007", "65.5", "2,4", "12/07/2022", "2022-07-19", "10:30", "1443"]),
    st.sampled_from(["pic.twitter.com/86b97ee8", "ee8", "b97", "x2022", "٢٠٢٢", "١٥"]),
    st.sampled_from(["https://t.co/a1b2/7", "Jan/5", "x.June3", "of/12", "ab.12.5", "q(12"]),
)
_BLANKS = [" ", " ", " ", "  ", "   ", "    ", "\t", "\n", "", "\u00a0", "\r", "\u2009"]
_GLUE = st.sampled_from(
    [
        *_BLANKS,
        ",",
        "،",
        ".",
        "/",
        "-",
        "–",
        "(",
        ")",
        "%",
        ":",
        "و",
        "ب",
        "ال",
        "بال",
        "وال",
        "ل",
        "لل",
        "ف",
        "وب",
        "فل",
        "x",
    ]
)
#: A word with the blanks inside it varied (كانون  الثاني، تشرين\tالأول).
_WORD = st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", "\t", " \t "])).map(
    lambda pair: pair[0].replace(" ", pair[1])
)
_TOKEN = st.one_of(_WORD, _NUMBERS, st.text(max_size=3))
date_text = st.lists(st.tuples(_TOKEN, _GLUE), max_size=30).map(
    lambda pairs: "".join(token + glue for token, glue in pairs)
)


def _mentions(mentions: list[grammar.Mention]) -> list[tuple]:
    return [(m.start, m.end, m.label, m.value, m.rel, m.attrs) for m in mentions]


# -------------------------------------------------------------------------- tests


@settings(max_examples=400, deadline=None)
@given(date_text)
def test_scan_equals_the_scan_without_skipped_words(text: str) -> None:
    normalized = normalize(text)
    assert _mentions(grammar.scan(normalized)) == _mentions(_oracle_scan(normalized))


@settings(max_examples=300, deadline=None)
@given(date_text)
def test_month_lookup_equals_the_set_based_one(text: str) -> None:
    body = normalize(text).text
    assert grammar._month_of(body) == _oracle_month_of(body)


@pytest.mark.parametrize(
    "text",
    [
        "نشر pic.twitter.com/86b97ee8 يوم 22 مارس 2011 عن بغداد",
        "بلغت القيمة نحو 65.5 مليار دولار في 12 آب",
        "x" * 59 + " 12b34c56 يوليو 2020",
        "في\u00a0" + "a1b2c3d4e5f6" * 8 + " 5 أيار",
        "وصل في " + "ع" * 58 + "\r12ab34 تموز",
        "https://example.com/2022/07/19/item-15 نشر في 19 تموز/يوليو 2022",
        "يوم 1 و2 و3 آذار 2021 و4.5.2021",
        "وصل الوفد يوم 4 تشرين الثاني 2022 وغادر بيوم 5 منه",
        "في مطلع العام يوم 12 اعلن، وفي مطلع هذا الشهر ويوم 3 أيار",
        "منذ الخميس يوم 9 مارس ولليوم 10 آذار واليوم 11 و\tيوم\t\t7 تموز",
        "يوم 15 حزيران" + " يوم 2022" * 3 + " الخامس من آب يوم 30",
    ],
)
def test_scan_on_ids_urls_and_decimals(text: str) -> None:
    normalized = normalize(text)
    assert _mentions(grammar.scan(normalized)) == _mentions(_oracle_scan(normalized))


#: Text whose words before a position vary in blanks, newlines and other whitespace.
_walk_text = st.lists(
    st.tuples(
        st.one_of(_WORD, _NUMBERS, st.text(max_size=4)),
        st.sampled_from([*_BLANKS, ",", " \t", "\t \t ", " \n ", "(", "،"]),
    ),
    max_size=25,
).map(lambda pairs: "".join(token + glue for token, glue in pairs))


@settings(max_examples=400, deadline=None)
@given(_walk_text, st.data())
def test_backwards_walk_equals_the_rfind_walk(text: str, data: st.DataObject) -> None:
    if not text:
        return
    backwards = grammar._Backwards(text)
    at = data.draw(st.integers(1, len(text)), label="at")
    floor = data.draw(st.integers(0, at), label="floor")
    low = max(floor, at - 60)
    word_start = backwards.word_start(at, low)
    assert word_start == _oracle_word_start(text, at, low)
    assert backwards.starts(at, low, word_start) == _oracle_starts(text, at, floor)


# ------------------------------------------------- the scan equals the exhaustive scan


@settings(max_examples=600, deadline=None)
@given(date_text)
def test_scan_equals_the_exhaustive_scan(text: str) -> None:
    normalized = normalize(text)
    assert _mentions(grammar.scan(normalized)) == _mentions(grammar.scan_exhaustive(normalized))


#: Dates that start right after punctuation glued to the word before them, a Hijri
#: month without its day and the one month pair without a trigger word, all of which
#: the scan once missed: (sentence, [(expression, label, value or rel)]).
GLUED_AFTER_PUNCTUATION = [
    ("قال المتحدث,اليوم إن الوفد وصل", [("اليوم", "relative", ("day", 0))]),
    ("وذكر البيان:غداً سيبدأ التصويت", [("غداً", "relative", ("day", 1))]),
    ("انتهى الحصار/الخميس الماضي", [("الخميس الماضي", "relative", ("weekday", 3, "past"))]),
    ("عاد يوم,لليوم ولم يغادر", [("لليوم", "relative", ("day", 0))]),
    ("ازدهر المسرح%التسعينات وتراجع", [("التسعينات", "decade", "1990s")]),
    ("المرجع:(في 2019) نشر التقرير", [("2019", "year", "2019")]),
    ("الوثيقة#12 آذار 2021", [("12 آذار 2021", "date", "2021-03-12")]),
    ("الطبعة:آب/آب من المجلة", [("آب/آب", "month", ("month", 8, "near"))]),
    ("صادف ذو الحجة 1443 أشد أيام الصيف", [("ذو الحجة 1443", "hijri", "2022-06-30/2022-07-29")]),
    ("لم يحضر أحد pic.twitter.com/ab12cd", []),
    ("زار في آب بغداد", [("آب", "month", ("month", 8, "near"))]),
]


@pytest.mark.parametrize(("sentence", "expected"), GLUED_AFTER_PUNCTUATION)
def test_dates_glued_after_punctuation(sentence: str, expected: list[tuple]) -> None:
    normalized = normalize(sentence)
    found = grammar.scan(normalized)
    got = []
    for mention in found:
        start, end = normalized.to_original_span(mention.start, mention.end)
        got.append((sentence[start:end], mention.label, mention.rel or mention.value))
    assert got == expected
    assert _mentions(found) == _mentions(grammar.scan_exhaustive(normalized))
