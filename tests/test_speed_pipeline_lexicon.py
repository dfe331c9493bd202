"""The lexicon pattern with its word-start lookahead matches exactly as the plain one.

The lookahead only rejects word starts early; the pattern without it (the one used
before) is the oracle, on texts made of the shipped terms, proclitics, pieces of terms
and noise.
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
    _forms,
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
