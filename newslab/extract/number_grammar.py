"""Find amounts of money, quantities and percentages in normalised Arabic text.

The grammar is anchored on *amounts*: a digit token (``500``, ``2,4``, ``1,500,000``)
or a number word (``خمسة``، ``نصف``، ``مليون``، ``ملياري``), optionally followed by a
scale word (``ألف``، ``مليون``، ``مليار``…) and compound parts (``و500 ألف``، ``ونصف``).
What follows the amount decides the kind: a percent sign or ``في المئة`` (percent), a
currency (money), else a quantity labelled by its unit noun when one is recognised.
Digit tokens that belong to dates, times, years, URLs, handles, phone numbers or ids
are dropped.

Speed: digit tokens come from one character-class scan; amounts written in words are
found from their *anchor* (a scale word, currency noun or ``المئة``) with a few
keyed literal passes and extended backwards over number words; what follows an amount
is read with a single anchored regex. Every pattern is anchored or bounded: linear time.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

import regex

from newslab.arabic.normalize import normalize
from newslab.extract.calendars import latin_month_names, month_names
from newslab.extract.number_currency import FAMILY_NOUNS, CurrencyTable, currency_table
from newslab.extract.number_words import (
    DUAL_SCALES,
    FRACTIONS,
    ID_WORDS,
    NOT_NISBA,
    SCALES,
    UNITS,
    WORD_NUMBERS,
    YEAR_WORDS,
    KeyedScan,
    parse_digits,
    read_word_number,
    trie_pattern,
)

__all__ = ["NumberHit", "find_numbers", "has_number_marks"]

_ANY_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_SCALE_STEM = re.compile(r"مل[يی](?:ون|ار)|[أاإآ]لف|بليون|تريليون|م[ا]?ئ[ةه]")


def has_number_marks(text: str) -> bool:
    """Cheap prefilter on the original text: a digit (any script) or a scale word
    (including مئة/مائة, so that ``خمسة في المئة`` is read)."""
    return _ANY_DIGIT.search(text) is not None or _SCALE_STEM.search(text) is not None


class NumberHit(NamedTuple):
    """One amount found in the normalised text (offsets index the normalised text)."""

    start: int
    end: int
    kind: str  # money | quantity | percent
    label: str
    value: Decimal
    currency: str | None = None
    currency_guess: bool = False
    family: str = ""  # currency family of an ambiguous noun still to resolve


def _norm(word: str) -> str:
    return " ".join(normalize(word).text.split())


_UNIT_OF: dict[str, str] = {
    _norm(form).lower(): label for label, forms in UNITS.items() for form in forms
}
_FAMILY_OF: dict[str, str] = {
    form.lower(): fam for fam, forms in FAMILY_NOUNS.items() for form in forms
}
#: ``مليونا``/``مليارا`` standing alone (no number before) are duals: two million.
_STANDALONE_DUAL_ACC = {
    "مليونا": "مليون",
    "مليارا": "مليار",
    "الفا": "الف",
    "تريليونا": "تريليون",
    "بليونا": "بليون",
}
_SCALE_WORDS = frozenset(SCALES) | frozenset(DUAL_SCALES)
_VAGUE_PLURALS = frozenset({"ملايين", "الاف", "آلاف", "مليارات", "بلايين", "تريليونات"})
_PERCENT_WORDS = ("مائة", "مئة", "مائه", "مئه", "مية", "ميه")
_ANCHOR_PERCENT = frozenset("ال" + w for w in _PERCENT_WORDS)
_CLITICS = frozenset("وبلفك")

#: Digit tokens; those glued after a Latin letter or a URL/handle/id sign (``f7b0``،
#: ``/2024``، ``#5``) are skipped here, since :func:`_free_digits` rejects them anyway.
_DIGITS = regex.compile(r"(?<![0-9.,A-Za-z/:+#@_&=])[0-9]+(?:[.,][0-9]+)*")
_ANCHOR_WORDS = frozenset(
    [w for w in _SCALE_WORDS if not w.isascii()]
    + [w for w in _STANDALONE_DUAL_ACC]
    + [w for w in _FAMILY_OF if not w.isascii()]
    + sorted(_ANCHOR_PERCENT)
)
#: Substrings that start every anchor word, found by a few keyed passes (a trie of them
#: all, per-literal ``str.find`` or a whole-word regex with lookbehind is slower).
_ANCHOR_LITERALS = (
    "مليون",
    "مليار",
    "ملايين",
    "الف",
    "الاف",
    "بليون",
    "بلايين",
    "تريليون",
    "دولا",
    "دولر",
    "يورو",
    "اورو",
    "درهم",
    "دراهم",
    "ريال",
    "دينار",
    "دنانير",
    "جنيه",
    "جنية",
    "لير",
    "شيكل",
    "شيقل",
    "شواكل",
    "روبل",
    "يوان",
    "فرنك",
    "المئة",
    "المائة",
    "المية",
    "المئه",
    "المائه",
    "الميه",
)
_ANCHOR_SCAN = KeyedScan(_ANCHOR_LITERALS)
_PREFIXES = frozenset({"", "و", "ب", "ل", "ف", "وب"})
_SCALE = re.compile(r"[ \t]{0,2}(" + trie_pattern(SCALES) + r")(?!\w)", re.IGNORECASE)
_HALF = re.compile(
    r"[ \t]{0,2}و[ \t]?("
    + trie_pattern(FRACTIONS)
    + r")(?:[ \t]{1,2}("
    + trie_pattern(SCALES)
    + r"))?(?!\w)"
)
_AND_DIGITS = re.compile(r"[ \t]{0,2}و[ \t]?([0-9]+(?:[.,][0-9]+)*)")
#: What :data:`_HALF`، :data:`_AND_DIGITS` and :data:`_AND_WORD` all begin with.
_AND = re.compile(r"[ \t]{0,2}و")
_AND_WORD = re.compile(r"[ \t]{0,2}و[ \t]?(\w{2,12})(?!\w)")


def _word_before(text: str, end: int) -> tuple[str, int] | None:
    """The word ending one or two spaces before ``end``, and its start (string ops: a
    regex ``search`` for this costs ten times more)."""
    j = end
    while j > 0 and end - j < 2 and text[j - 1] in " \t":
        j -= 1
    if j == end or j == 0:
        return None
    window = text[max(0, j - 20) : j]
    cut = max(window.rfind(" "), window.rfind("\t"), window.rfind("\n"))
    word = window[cut + 1 :]
    if not word or not word.isalnum():
        return None
    return word, j - len(word)


@lru_cache(maxsize=1)
def _follow() -> re.Pattern[str]:
    """What comes right after an amount, in one anchored match (named groups)."""
    table = currency_table()
    months = set(month_names()) | set(latin_month_names())
    months |= {name.split()[0] for name in month_names() if " " in name}  # كانون، تشرين
    codes = {r.code for r in table.rows}
    return re.compile(
        r"[ \t]{0,3}(?:"
        r"(?P<pct>%|(?:في[ \t]{1,2}ال|بال)(?:"
        + trie_pattern(_PERCENT_WORDS)
        + r")(?!\w)|percent(?!\w))"
        r"|(?P<scale>" + trie_pattern(SCALES) + r")(?!\w)"
        r"|(?P<cur>(?:من[ \t]{1,3})?(?P<noun>" + trie_pattern(_FAMILY_OF) + r"))(?!\w)"
        r"|(?P<sym>US\$|[$€£])"
        r"|(?P<code>" + trie_pattern(codes) + r")(?![A-Za-z])"
        r"|(?P<unit>" + trie_pattern(_UNIT_OF) + r")(?!\w)"
        r"|(?P<month>" + trie_pattern(months) + r")(?!\w)"
        r"|(?P<word>\w{2,14})(?!\w)"
        r")",
        re.IGNORECASE,
    )


# ---------------------------------------------------------------------- driver


def find_numbers(text: str, *, url: str = "") -> list[NumberHit]:
    """Amounts in normalised ``text`` (see :func:`newslab.arabic.normalize`), in order."""
    table = currency_table()
    follow = _follow()
    hits: list[NumberHit] = []
    unresolved: list[int] = []  # hits with an ambiguous currency noun
    taken_until = 0
    for start, end, is_anchor in _candidate_spans(text):
        if start < taken_until:
            continue
        if is_anchor:  # read only now: most anchors end an amount already taken (500 ألف)
            candidate = _anchor_at(text, start, end)
            if candidate is None or candidate[0] < taken_until:
                continue
            start, word = candidate
            amount = _word_amount(text, start, word, follow)
        else:
            amount = _digit_amount(text, start, end, follow)
        if amount is None:
            continue
        hit = _classify(text, start, *amount, table)
        if hit is None:
            continue
        if hit.family:
            unresolved.append(len(hits))
        hits.append(hit)
        taken_until = hit.end
    if unresolved:
        _resolve_currencies(hits, unresolved, text, url, table)
    return hits


def _resolve_currencies(
    hits: list[NumberHit], unresolved: list[int], text: str, url: str, table: CurrencyTable
) -> None:
    """Give the hits at ``unresolved`` the currency their family takes in this article.

    Done after the scan (a currency never changes where a hit ends) so that the
    country evidence of all the ambiguous families met is read in one pass."""
    evidence = table.family_evidence(text, url, {hits[i].family for i in unresolved})
    resolved = {family: table.resolve(family, counts) for family, counts in evidence.items()}
    for i in unresolved:
        start, end, kind, label, value, _, _, family = hits[i]
        hits[i] = NumberHit(start, end, kind, label, value, *resolved[family])


def _candidate_spans(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is_anchor)`` of the digit tokens and of the anchor stems, by position.

    An anchor's amount (``خمسة ملايين``) starts at most a few number words before it,
    and those words hold no digit and no other anchor, so ordering anchors by their own
    position orders their amounts by start: the amount itself is read (by
    :func:`_anchor_at`) only when no earlier hit covers the anchor. The keyed passes
    (:class:`~newslab.extract.number_words.KeyedScan`) are read here directly, to build
    each candidate tuple once; an occurrence they skip overlaps one they found, which
    no anchor word does (``tests/test_speed_num5_keyed.py``)."""
    found = [(*m.span(), False) for m in _DIGITS.finditer(text)]
    for pattern, lengths in _ANCHOR_SCAN.passes:
        found += [(m.end() - lengths[m.lastindex], m.end(), True) for m in pattern.finditer(text)]
    found.sort(key=itemgetter(0))
    return found


def _anchor_at(text: str, pos: int, stem_end: int) -> tuple[int, str] | None:
    """``(start, first_word)`` of the word amount that the anchor stem at ``pos`` ends:
    the stem must begin a whole anchor word, after at most a clitic or two."""
    n = len(text)
    start = pos
    while start > 0 and pos - start < 2 and text[start - 1].isalpha():
        start -= 1
    end = stem_end
    while end < n and end - pos < 12 and text[end].isalpha():
        end += 1
    prefix = text[start:pos]
    if (
        prefix in _PREFIXES
        and (start == 0 or not text[start - 1].isalpha())
        and (end == n or not text[end].isalpha())
        and text[pos:end] in _ANCHOR_WORDS
    ):
        return _anchor_candidate(text, pos, text[pos:end], prefix)
    return None


def _anchor_candidate(text: str, pos: int, word: str, prefix: str) -> tuple[int, str] | None:
    """The word amount an anchor (scale word, currency noun, ``المئة``) ends, if any."""
    chain_end = pos - len(prefix)
    if word in _ANCHOR_PERCENT and prefix != "ب":  # بالمئة needs nothing; المئة needs في
        fi = _word_before(text, chain_end)
        if prefix or fi is None or fi[0] != "في":
            return None
        chain_end = fi[1]
    is_scale = word in _SCALE_WORDS or word in _STANDALONE_DUAL_ACC
    first = _number_words_before(text, chain_end, allow_fraction=is_scale)
    if first is not None:
        return first
    if is_scale and prefix != "ل" and word not in _VAGUE_PLURALS:
        return pos, word
    return None


def _number_words_before(text: str, end: int, *, allow_fraction: bool) -> tuple[int, str] | None:
    """``(start, first word)`` of the number words (``خمسة وعشرين``) ending at ``end``."""
    first: tuple[int, str] | None = None
    for step in range(5):
        found = _word_before(text, end)
        if found is None:
            break
        word, word_start = found
        chain_start = word_start
        bare = word
        if word not in WORD_NUMBERS and word not in FRACTIONS and word[:1] in "وب":
            bare, word_start = word[1:], word_start + 1
        if bare in WORD_NUMBERS or (step == 0 and allow_fraction and bare in FRACTIONS):
            first = (word_start, bare)
            end = chain_start
            if bare in FRACTIONS:
                break
            continue
        break
    return first


# ---------------------------------------------------------------------- amounts

_Amount = tuple[
    int, Decimal, bool, bool, "re.Match[str] | None"
]  # end, value, scaled, is_word, follow


def _digit_amount(text: str, start: int, end: int, follow: re.Pattern[str]) -> _Amount | None:
    if not _free_digits(text, start, end):
        return None
    after = follow.match(text, end)
    scale = after.group("scale") if after is not None else None
    value = parse_digits(text[start:end], before_scale=scale is not None)
    if value is None:
        return None
    if scale is None:
        return end, value, False, False, after
    unit = SCALES[scale.lower()]
    value, end = _after_scale(text, value * unit, after.end(), unit)
    return end, value, True, False, follow.match(text, end)


def _word_amount(text: str, start: int, word: str, follow: re.Pattern[str]) -> _Amount | None:
    if word in DUAL_SCALES:
        value, end = _after_scale(text, DUAL_SCALES[word], start + len(word), DUAL_SCALES[word] / 2)
    elif word in _STANDALONE_DUAL_ACC:
        base = SCALES[_STANDALONE_DUAL_ACC[word]]
        value, end = _after_scale(text, 2 * base, start + len(word), base)
    elif word in SCALES:
        value, end = _after_scale(text, SCALES[word], start + len(word), SCALES[word])
    else:
        if word in FRACTIONS:
            number, end = FRACTIONS[word], start + len(word)
        else:
            raw, end = read_word_number(text, start, word)
            number = Decimal(raw)
        scale = _SCALE.match(text, end)
        if scale is None:
            if word in FRACTIONS:
                return None
            return end, number, False, True, follow.match(text, end)
        unit = SCALES[scale.group(1).lower()]
        value, end = _after_scale(text, number * unit, scale.end(), unit)
    return end, value, True, True, follow.match(text, end)


def _after_scale(text: str, value: Decimal, end: int, unit: Decimal) -> tuple[Decimal, int]:
    """Add compound parts after a scale: ``ونصف``، ``و500 ألف``، ``وخمسمائة ألف``."""
    if _AND.match(text, end) is None:  # the common case: no part follows
        return value, end
    half = _HALF.match(text, end)
    if half is not None:
        half_unit = SCALES.get(half.group(2), unit) if half.group(2) else unit
        if half_unit == unit:
            return value + FRACTIONS[half.group(1)] * unit, half.end()
    for _ in range(3):
        part = _compound_part(text, end)
        if part is None:
            break
        part_value, part_unit, part_end = part
        if part_unit >= unit:
            break
        value, end, unit = value + part_value, part_end, part_unit
    return value, end


def _compound_part(text: str, pos: int) -> tuple[Decimal, Decimal, int] | None:
    m = _AND_DIGITS.match(text, pos)
    if m is not None:
        number = parse_digits(m.group(1))
        end = m.end()
    else:
        m = _AND_WORD.match(text, pos)
        if m is None or m.group(1) not in WORD_NUMBERS:
            return None
        raw, end = read_word_number(text, m.start(1), m.group(1))
        number = Decimal(raw)
    if number is None:
        return None
    scale = _SCALE.match(text, end)
    if scale is None:
        return None
    unit = SCALES[scale.group(1).lower()]
    return number * unit, unit, scale.end()


def _free_digits(text: str, start: int, end: int) -> bool:
    """False for digits inside words, URLs, handles, dates, times, ranges, phone numbers."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before != " ":  # the common case, a space, passes the checks on ``before``
        if (
            before.isascii()
            and (before.isalpha() or before in "/:+#@_&=-")
            and not (before == "-" and (start < 2 or not text[start - 2].isalnum()))
        ):
            return False
        if before.isalpha() and not before.isascii():
            # a one-letter clitic glued to the number (بـ500، و15) is fine; a word (فرانس24) is not
            prev2 = text[start - 2] if start >= 2 else " "
            if before not in _CLITICS or prev2.isalpha():
                return False
    if after != " ":
        if after.isascii() and after.isalpha():
            m = _follow().match(text, end)
            return m is not None and bool(m.group("scale") or m.group("unit"))
        if after in "/:_@" or (after in "-." and end + 1 < len(text) and text[end + 1].isdigit()):
            return False
    # phone numbers and ids: digit groups separated by single spaces
    if after == " " and end + 1 < len(text) and text[end + 1].isdigit():
        return False
    return not (before == " " and start >= 2 and text[start - 2].isdigit())


# ---------------------------------------------------------------------- kinds


def _classify(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    scaled: bool,
    is_word: bool,
    after: re.Match[str] | None,
    table: CurrencyTable,
) -> NumberHit | None:
    follows = after.lastgroup if after is not None else None  # which alternative matched
    if follows == "pct":
        return NumberHit(start, after.end(), "percent", "percent", value)
    if follows == "cur":
        family = _FAMILY_OF[after.group("noun").lower()]
        code, money_end = table.adjective_code(family, text, after.end())
        if code is None:  # ambiguous noun: resolved by the caller with evidence
            return NumberHit(start, money_end, "money", "money", value, family=family)
        return NumberHit(start, money_end, "money", "money", value, code)
    if follows == "sym" or follows == "code":
        return NumberHit(
            start, after.end(), "money", "money", value, table.symbol_code(after.group(follows))
        )
    if not is_word and start:
        before = text[start - 1]
        if before == "%" and not (start > 1 and text[start - 2].isdigit()):
            return NumberHit(start - 1, end, "percent", "percent", value)
        if before == " " and start > 1:
            before = text[start - 2]
        if before in "$€£" or before.isupper():
            symbol = table.match_before(text, start)
            if symbol is not None:
                return NumberHit(symbol.start, end, "money", "money", value, symbol.code)
    if is_word and not scaled:
        return None
    return _quantity(text, start, end, value, scaled, after, follows)


def _quantity(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    scaled: bool,
    after: re.Match[str] | None,
    follows: str | None,
) -> NumberHit | None:
    if follows == "unit":
        return NumberHit(
            start, after.end(), "quantity", _UNIT_OF[after.group("unit").lower()], value
        )
    if follows == "month" and not scaled:
        return None  # 19 يوليو: a date
    if follows == "word" and (scaled or value >= 2) and _nisba(after.group("word")):
        return NumberHit(start, after.end(), "quantity", "people", value)
    if not scaled and _not_a_quantity(value, text, start, end):
        return None
    return NumberHit(start, end, "quantity", "quantity", value)


def _nisba(word: str) -> bool:
    """``يهودي``، ``مغربي``: a nisba noun counting people after a number."""
    return (
        len(word) >= 4
        and word.endswith("ي")
        and word not in NOT_NISBA
        and not word.startswith("ال")
    )


def _not_a_quantity(value: Decimal, text: str, start: int, end: int) -> bool:
    """Years (``2022``، ``عام 99``), ids and times (``المادة 5``، ``الساعة 10``) and
    dates written month first (``يوليو 19``)."""
    token = text[start:end]
    if token.isdigit() and len(token) == 4 and 1000 <= value <= 2100:
        return True
    prev = _word_before(text, start)
    if prev is None:
        return False
    word = prev[0]
    bare = word[1:] if len(word) > 2 and word[0] in _CLITICS else word
    if token.isdigit() and (word in YEAR_WORDS or bare in YEAR_WORDS):
        return True
    months = _month_words()
    return any(w in ID_WORDS or w in months or w.lower() in months for w in (word, bare))


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    names = set(month_names()) | set(latin_month_names())
    names |= {name.split()[-1] for name in month_names() if " " in name}  # كانون الثاني 5
    return frozenset(names)
