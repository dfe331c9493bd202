"""The lexicon pattern with its word-start lookahead matches exactly as the plain one,
and :func:`_term_matches` (the pattern tried only after non-word characters) finds
exactly what ``finditer`` finds.

The lookahead only rejects word starts early; the pattern without it (the one used
before) is the oracle, on texts made of the shipped terms, proclitics, pieces of terms
and noise. ``pattern.finditer`` is the oracle of :func:`_term_matches`.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.lexicon import (
    _PROCLITICS,
    LexiconEntry,
    LexiconExtractor,
    _after_non_word,
    _compile,
    _Compiled,
    _forms,
    _term_matches,
    _term_pattern,
    trie_pattern,
)


def _oracle_pattern(bounded: set[str], glued: set[str]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w){_PROCLITICS}(?:(?P<bounded>{trie_pattern(bounded)})(?!\w)"
        rf"|(?P<glued>{trie_pattern(glued)}))"
    )


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [
        (m.span(), m.span("bounded"), m.span("glued"), m.group("bounded") is not None)
        for m in pattern.finditer(text)
    ]


BY_FORM, BOUNDED, GLUED = _forms(LexiconExtractor().terms())
NEW = _term_pattern(BOUNDED, GLUED)
OLD = _oracle_pattern(BOUNDED, GLUED)
FORMS = sorted(BY_FORM)
PIECES = (
    FORMS
    + [form[: len(form) // 2] for form in FORMS]
    + [form[1:] for form in FORMS]
    + list("وفبكل")
    + ["ال", "لل", "وال", "فلل", "بال"]
    + [" ", "  ", "\n", "\t", ".", "،", "-", "_", "«", "»", "0", "a"]
    + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
)
PROCLITICS = ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "فب", "فك", "ول", "فل", "لل", "ولل", "وو"]
SEPARATORS = ["", " ", "\n", ".", "،", "«", "ا", "ة"]
#: A word: proclitics, a term (or a piece of one, or noise), then a separator.
word = st.tuples(st.sampled_from(PROCLITICS), st.sampled_from(PIECES), st.sampled_from(SEPARATORS))
lexicon_text = st.lists(word, max_size=20).map(lambda words: "".join(map("".join, words)))


@settings(max_examples=600, deadline=None)
@given(lexicon_text)
def test_guarded_pattern_matches_like_the_plain_one(text: str) -> None:
    assert _matches(NEW, text) == _matches(OLD, text)


def _matches_at_word_starts(pattern: re.Pattern[str], text: str) -> list[tuple]:
    """:func:`_matches` through :func:`_term_matches` (the whole match's span rebuilt)."""
    compiled = _Compiled(pattern, {}, _after_non_word(pattern))
    found = []
    for start, m in _term_matches(compiled, text):
        bounded = m.group("bounded") is not None
        end = m.end("bounded") if bounded else m.end("glued")
        found.append(((start, end), m.span("bounded"), m.span("glued"), bounded))
    return found


@settings(max_examples=600, deadline=None)
@given(lexicon_text)
def test_word_start_scan_matches_like_finditer(text: str) -> None:
    assert _matches_at_word_starts(NEW, text) == _matches(NEW, text)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet="اب تجلو*", min_size=1, max_size=6), min_size=1, max_size=8),
    lexicon_text,
    st.text(alphabet="اب تجلو", max_size=40),
)
def test_any_terms(terms: list[str], text: str, noise: str) -> None:
    entries = []
    for term in terms:
        term = term.strip()
        if term.strip("*").strip():
            entries.append(LexiconEntry(term.rstrip("*").strip(), "x", glued=term.endswith("*")))
    _, bounded, glued = _forms(entries)
    text = noise + text + noise
    assert _matches(_term_pattern(bounded, glued), text) == _matches(
        _oracle_pattern(bounded, glued), text
    )
    pattern = _term_pattern(bounded, glued)
    assert _matches_at_word_starts(pattern, text) == _matches(pattern, text)


def test_scan_needs_a_word_start_pattern() -> None:
    with pytest.raises(ValueError, match="does not start with"):
        _after_non_word(re.compile("ab"))


def test_compiled_lexicon_finds_terms_after_any_non_word_character() -> None:
    compiled = _compile([LexiconEntry("جيش", "x"), LexiconEntry("قذر", "y", glued=True)])
    text = "جيش.جيش «الجيش» (وجيش) قذرون جيشنا"
    found = [
        (start, m.group("bounded") or m.group("glued"))
        for start, m in _term_matches(compiled, text)
    ]
    assert found == [(0, "جيش"), (4, "جيش"), (17, "جيش"), (23, "قذر")]


@pytest.mark.parametrize(
    "text",
    [
        "قالت وللاحتلال جيش الاحتلال الإسرائيلي والقذرضيفا فالشهداء",
        "بشكل سافر وبشكل صارخ، لقي حتفه ولقوا مصرعهم.",
        "",
    ],
)
def test_examples(text: str) -> None:
    from newslab.arabic import normalize

    folded = normalize(text).text
    assert _matches(NEW, folded) == _matches(OLD, folded)
    assert _matches_at_word_starts(NEW, folded) == _matches(NEW, folded)
