"""The number scan with lazy anchors equals the scan it replaced.

:func:`newslab.extract.number_grammar.find_numbers` reads the word amount an anchor
(a scale word, a currency noun, ``المئة``) ends only when no earlier hit covers it, and
:func:`~newslab.extract.number_grammar._after_scale` stops when no ``و`` follows. The
driver that read every anchor first and sorted the candidates (resolving each ambiguous
currency as it came, with one evidence scan per family) from one trie scan of the anchor
stems, and the compound reader without the check, are kept here as oracles.
"""

from __future__ import annotations

import re
from decimal import Decimal
from operator import itemgetter

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from test_speed_num_evidence import oracle_country_evidence

from newslab.arabic.normalize import normalize
from newslab.extract import number_grammar as grammar
from newslab.extract.number_currency import FAMILY_NOUNS
from newslab.extract.number_words import FRACTIONS, SCALES, UNITS, WORD_NUMBERS, trie_pattern

# ------------------------------------------------------------------------ oracles


#: The one scan of all anchor stems that the keyed passes replaced.
_TRIE_ANCHOR_STEMS = re.compile(trie_pattern(grammar._ANCHOR_LITERALS))
#: Every digit token; the driver now skips those glued after a Latin letter or a sign.
_ALL_DIGITS = regex.compile(r"(?<![0-9.,])[0-9]+(?:[.,][0-9]+)*")


def _oracle_candidates(text: str) -> list[tuple[int, int | str]]:
    found: list[tuple[int, int | str]] = [m.span() for m in _ALL_DIGITS.finditer(text)]
    n = len(text)
    for m in _TRIE_ANCHOR_STEMS.finditer(text):
        pos, end = m.span()
        start = pos
        while start > 0 and pos - start < 2 and text[start - 1].isalpha():
            start -= 1
        while end < n and end - pos < 12 and text[end].isalpha():
            end += 1
        prefix = text[start:pos]
        if (
            prefix in grammar._PREFIXES
            and (start == 0 or not text[start - 1].isalpha())
            and (end == n or not text[end].isalpha())
            and text[pos:end] in grammar._ANCHOR_WORDS
        ):
            candidate = grammar._anchor_candidate(text, pos, text[pos:end], prefix)
            if candidate is not None:
                found.append(candidate)
    found.sort(key=itemgetter(0))
    return found


def _oracle_find_numbers(text: str, url: str = "") -> list[grammar.NumberHit]:
    table = grammar.currency_table()
    follow = grammar._follow()
    hits: list[grammar.NumberHit] = []
    evidence: dict[str, dict[str, int]] = {}
    taken_until = 0
    for start, end_or_word in _oracle_candidates(text):
        if start < taken_until:
            continue
        if isinstance(end_or_word, int):
            amount = grammar._digit_amount(text, start, end_or_word, follow)
        else:
            amount = grammar._word_amount(text, start, end_or_word, follow)
        if amount is None:
            continue
        hit = grammar._classify(text, start, *amount, table)
        if hit is None:
            continue
        if hit.family:
            if hit.family not in evidence:
                evidence[hit.family] = oracle_country_evidence(table, text, url, hit.family)
            code, guessed = table.resolve(hit.family, evidence[hit.family])
            hit = hit._replace(currency=code, currency_guess=guessed, family="")
        hits.append(hit)
        taken_until = hit.end
    return hits


def _oracle_after_scale(text: str, value: Decimal, end: int, unit: Decimal) -> tuple:
    half = grammar._HALF.match(text, end)
    if half is not None:
        half_unit = SCALES.get(half.group(2), unit) if half.group(2) else unit
        if half_unit == unit:
            return value + FRACTIONS[half.group(1)] * unit, half.end()
    for _ in range(3):
        part = grammar._compound_part(text, end)
        if part is None:
            break
        part_value, part_unit, part_end = part
        if part_unit >= unit:
            break
        value, end, unit = value + part_value, part_end, part_unit
    return value, end


# ------------------------------------------------------------------------- inputs

_WORDS = sorted(
    {
        *SCALES,
        *WORD_NUMBERS,
        *FRACTIONS,
        *(form for forms in FAMILY_NOUNS.values() for form in forms),
        *(form for forms in UNITS.values() for form in forms[:4]),
        "المئة",
        "المائة",
        "في",
        "من",
        "عام",
        "نحو",
        "يوليو",
        "مغربي",
        "قطري",
        "الرياض",
        "الجزائر",
        "يهودي",
        "%",
        "$",
        "US$",
        "EUR",
    }
)
_NUMBERS = st.one_of(
    st.integers(0, 3000).map(str),
    st.sampled_from(["2,4", "1,500", "1.500.000", "65.5", "0,25", "12345678901234567", "٢٫٤"]),
)
_GLUE = st.sampled_from(
    [
        *(" ", " ", " ", "  ", "\t", "\n", "", ",", "،", ".", "/", "-", "(", ")"),
        *("و", "ب", "ل", "وب", "x", "f", "#", "@", ":", "+", "=", "&", "_", " -", "a-", "US"),
    ]
)
_TOKEN = st.one_of(st.sampled_from(_WORDS), _NUMBERS, st.text(max_size=3))
number_text = st.lists(st.tuples(_TOKEN, _GLUE), max_size=30).map(
    lambda pairs: "".join(token + glue for token, glue in pairs)
)


# -------------------------------------------------------------------------- tests


@settings(max_examples=400, deadline=None)
@given(number_text)
def test_lazy_anchors_equal_the_sorted_candidates(text: str) -> None:
    norm = normalize(text).text
    assert grammar.find_numbers(norm) == _oracle_find_numbers(norm)


#: What may follow a scale word: blanks, ``و`` (or not), an amount, maybe a scale.
compound_text = st.tuples(
    st.sampled_from(["", " ", "  ", "   ", "\t", "\n"]),
    st.sampled_from(["و", "و ", "ب", ""]),
    st.one_of(st.sampled_from(_WORDS), _NUMBERS),
    st.sampled_from(["", " ", "  ", "\t"]),
    st.sampled_from([*SCALES, "شخص", ""]),
    number_text,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(compound_text, st.sampled_from(sorted(set(SCALES.values()))))
def test_compound_parts_equal_the_reader_without_the_check(text: str, unit: Decimal) -> None:
    norm = normalize(text).text
    assert grammar._after_scale(norm, unit, 0, unit) == _oracle_after_scale(norm, unit, 0, unit)


@pytest.mark.parametrize(
    "text",
    [
        "بلغت القيمة 500 مليون دولار وخمسة ملايين درهم ونصف مليار ريال",
        "ارتفع بنسبة خمسة وعشرين في المئة بعد 12,5 بالمئة و2 مليون",
        "نحو مليونا دولار و3 ملايين و500 ألف يورو في الرياض",
        "مليار ونصف دينار، 1,5 مليار و250 مليون دينار جزائري",
        "قال: ثلاثمائة وخمسون ألف شخص و/2 مليون",
        "وصل 5 ثماني ملايين و7 اربعة آلاف دولار",
    ],
)
def test_lazy_anchors_on_word_amounts(text: str) -> None:
    norm = normalize(text).text
    assert grammar.find_numbers(norm) == _oracle_find_numbers(norm)
