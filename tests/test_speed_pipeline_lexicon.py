""":func:`_term_matches` (the term pattern tried only where the candidate scan says a
term may start) finds exactly what the term pattern's ``finditer`` finds.

Before, a lookahead copy of the whole pattern was tried after every non-word
character (``\\W``), with a guard of the forms' first three letters; the plain
pattern's ``finditer`` is the oracle of both. Texts are made of the shipped terms,
proclitics, pieces of terms and noise, including word characters outside the
candidate scan's class of common word characters (they must never count as a word
boundary) and non-word characters inside the Arabic block (harakat).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.lexicon import (
    _COMMON_WORD_CHARS,
    LexiconEntry,
    LexiconExtractor,
    _candidate_starts,
    _compile,
    _Compiled,
    _forms,
    _term_matches,
    _term_pattern,
)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [
        (m.span(), m.span("bounded"), m.span("glued"), m.group("bounded") is not None)
        for m in pattern.finditer(text)
    ]


def _scanned(bounded: set[str], glued: set[str], text: str) -> list[tuple]:
    """:func:`_matches` through :func:`_term_matches` (the whole match's span rebuilt)."""
    compiled = _Compiled(_term_pattern(bounded, glued), {}, _candidate_starts(bounded | glued))
    found = []
    for start, m in _term_matches(compiled, text):
        bounded_hit = m.group("bounded") is not None
        end = m.end("bounded") if bounded_hit else m.end("glued")
        found.append(((start, end), m.span("bounded"), m.span("glued"), bounded_hit))
    return found


BY_FORM, BOUNDED, GLUED = _forms(LexiconExtractor().terms())
PATTERN = _term_pattern(BOUNDED, GLUED)
FORMS = sorted(BY_FORM)
#: Word characters outside :data:`_COMMON_WORD_CHARS` and non-word ones inside the
#: Arabic block.
ODD = ["é", "ß", "پ", "ک", "٣", "۴", "ـ", "\u064b", "\u0651", "\u0670", "\u200c", "۔", "€", "·"]
PIECES = (
    FORMS
    + [form[: len(form) // 2] for form in FORMS]
    + [form[1:] for form in FORMS]
    + list("وفبكل")
    + ["ال", "لل", "وال", "فلل", "بال"]
    + [" ", "  ", "\n", "\t", ".", "،", "-", "_", "«", "»", "0", "a"]
    + ODD
    + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
)
PROCLITICS = ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "فب", "فك", "ول", "فل", "لل", "ولل", "وو"]
SEPARATORS = ["", " ", "\n", ".", "،", "«", "ا", "ة", *ODD]
#: A word: proclitics, a term (or a piece of one, or noise), then a separator.
word = st.tuples(st.sampled_from(PROCLITICS), st.sampled_from(PIECES), st.sampled_from(SEPARATORS))
lexicon_text = st.lists(word, max_size=20).map(lambda words: "".join(map("".join, words)))


@settings(max_examples=800, deadline=None)
@given(lexicon_text)
def test_candidate_scan_matches_like_finditer(text: str) -> None:
    assert _scanned(BOUNDED, GLUED, text) == _matches(PATTERN, text)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(alphabet="اب تجلو*.éپـ\u064b", min_size=1, max_size=6), min_size=1, max_size=8
    ),
    lexicon_text,
    st.text(alphabet="اب تجلو.éپـ\u064b", max_size=40),
)
def test_any_terms(terms: list[str], text: str, noise: str) -> None:
    entries = []
    for term in terms:
        term = term.strip()
        if term.strip("*").strip():
            entries.append(LexiconEntry(term.rstrip("*").strip(), "x", glued=term.endswith("*")))
    _, bounded, glued = _forms(entries)
    text = noise + text + noise
    assert _scanned(bounded, glued, text) == _matches(_term_pattern(bounded, glued), text)


def test_common_word_characters_are_word_characters() -> None:
    """Every character the candidate scan skips is a word character, so no word start
    after a non-word character is skipped."""
    skipped = "".join(re.findall(f"[{_COMMON_WORD_CHARS}]", "".join(map(chr, range(0x110000)))))
    assert len(skipped) > 200
    assert re.fullmatch(r"\w+", skipped)


def test_compiled_lexicon_finds_terms_after_any_non_word_character() -> None:
    compiled = _compile([LexiconEntry("جيش", "x"), LexiconEntry("قذر", "y", glued=True)])
    text = "جيش.جيش «الجيش» (وجيش) قذرون جيشنا éجيش ـجيش \u064bجيش"
    found = [
        (start, m.group("bounded") or m.group("glued"))
        for start, m in _term_matches(compiled, text)
    ]
    assert found == [(0, "جيش"), (4, "جيش"), (17, "جيش"), (23, "قذر"), (46, "جيش")]


@pytest.mark.parametrize(
    "text",
    [
        "قالت وللاحتلال جيش الاحتلال الإسرائيلي والقذرضيفا فالشهداء",
        "بشكل سافر وبشكل صارخ، لقي حتفه ولقوا مصرعهم.",
        "الاحتلال\nجيش\u00a0الاحتلال «للاحتلال» ولقوا\tحتفهم",
        "",
    ],
)
def test_examples(text: str) -> None:
    from newslab.arabic import normalize

    folded = normalize(text).text
    assert _scanned(BOUNDED, GLUED, folded) == _matches(PATTERN, folded)
