"""Faster passes of the entity extractor's per-article step equal the code they replace.

* :func:`newslab.extract.entity_rules.kingdom_mentions` tries its pattern only near the
  occurrences of ``مملكة``; the oracle ran it over the whole text.
* :func:`newslab.extract.entity_rules.kingdom_adjectives` with the article's
  :class:`Words` tries its pattern only at the words that can be a kingdom's adjective;
  the oracle ran it over the whole text.
* :func:`newslab.extract.entities._add_kingdoms` selects again only when a mention
  overlaps the layer; the oracle always selected again.
* :func:`newslab.extract.entity_rules.find_propagated` keys a match from its slice,
  memoised; the oracle read the tokens in place.
* :meth:`NameMatcher.find` takes the names present when the caller has them; the oracle
  looks them up itself.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.entities import _add_kingdoms, _select
from newslab.extract.entity_rules import (
    _KINGDOM_ADJECTIVES,
    KINGDOMS,
    NATIONALITY,
    Candidate,
    NameMatcher,
    Words,
    _matched_key,
    kingdom_adjectives,
    kingdom_mentions,
)
from newslab.extract.entity_text import TOKEN, key

_OLD_KINGDOM = re.compile(r"(?<![\w@#])(?:[وف]?[بك]?ال|[وف]?لل)مملكة(?!\w)(?! ال)")

#: Letters, seats, hamzas, clitics and separators the patterns care about.
_PIECES = [
    *"اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىئؤءة",
    *[" ", "  ", "\n", "،", ".", "@", "#", "_", "3", "x", "«", "»", "ـ", " ال", "ءء", "اء"],
    *["مملكة", "المملكة", "والمملكة", "للمملكة", "بالمملكة", "وبالمملكة", "لمملكة", "فالمملكة"],
    *["جاء", "وزراء", "رئيس", "علي", "حفتر", "خليفة", "وحفتر", "لحفتر", "مسؤول", "شيء"],
    *["السعودي", "السعودية", "السعوديءة", "والمغربية", "للمغربي", "بالأردني", "الاردني"],
    *["مغربيون", "البريطانيين", "فالبحرينية", "السؤودي", "الهولندى", "لإسباني", "ؤالسعودي"],
]
texts = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_kingdom_mentions_equal_the_whole_text_scan(text: str) -> None:
    expected = [(m.start(), m.end()) for m in _OLD_KINGDOM.finditer(text)]
    assert kingdom_mentions(text) == expected


@settings(max_examples=500, deadline=None)
@given(texts)
def test_kingdom_adjectives_equal_the_whole_text_scan(text: str) -> None:
    expected = [NATIONALITY[key(m.group("a"))] for m in _KINGDOM_ADJECTIVES.finditer(text)]
    assert kingdom_adjectives(text, Words(text)) == expected
    assert kingdom_adjectives(text) == expected


def test_kingdom_adjective_keys_hold_no_letter_words_fold() -> None:
    """The word filter of :func:`kingdom_adjectives` relies on it (see its forms)."""
    keys = [k for k, country in NATIONALITY.items() if country in KINGDOMS]
    assert keys and not [k for k in keys if set(k) & set("ةئىؤء")]


def test_kingdom_adjectives_are_found_with_clitics_and_spelling_variants() -> None:
    text = "قال المسؤول السعودية، ووصل الوفد بالمغربي والسعوديءة ثم السعوديون."
    found = ["السعودية", "المغرب", "السعودية", "السعودية"]
    assert kingdom_adjectives(text, Words(text)) == found


def _oracle_find(matcher: NameMatcher, words: Words) -> list[tuple[int, int, int]]:
    """:meth:`NameMatcher.find` looking the present names up itself."""
    return matcher.find(words, matcher.present(words))


_MATCHER = NameMatcher(["جا", "وزرا", "خليفه حفتر", "حفتر", "مسوول", "شي", "ا", "علي"])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_name_matcher_with_the_names_present_given(text: str) -> None:
    assert _MATCHER.find(Words(text)) == _oracle_find(_MATCHER, Words(text))


def _oracle_add_kingdoms(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``_add_kingdoms`` as it was: the whole-text scans, then a new selection always."""
    if "مملكة" not in text:
        return chosen
    counts = Counter(c.value for c in chosen if c.label == "GPE" and c.value in KINGDOMS)
    counts.update(NATIONALITY[key(m.group("a"))] for m in _KINGDOM_ADJECTIVES.finditer(text))
    if not counts:
        return chosen
    kingdom = counts.most_common(1)[0][0]
    extra = [
        Candidate(m.start(), m.end(), "GPE", kingdom, "kingdom", 1)
        for m in _OLD_KINGDOM.finditer(text)
    ]
    return _select([*chosen, *extra]) if extra else chosen


#: Texts dense in kingdom mentions and adjectives, so that layers overlap them.
_KINGDOM_PIECES = ["المملكة ", "والمملكة، ", "للمملكة.", "بالمملكة ", "مملكة ", "xالمملكة "]
_kingdom_texts = st.lists(
    st.sampled_from([*_KINGDOM_PIECES, "المغربي ", "الأردنية ", "البريطانيين ", "في ", "x"]),
    max_size=12,
).map("".join)


@st.composite
def texts_and_layers(draw: st.DrawFn) -> tuple[str, list[Candidate]]:
    text = draw(st.one_of(_kingdom_texts, texts))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    layer = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if end > start:
            label = draw(st.sampled_from(["GPE", "PER", "ORG"]))
            value = draw(st.sampled_from(["المغرب", "السعودية", "فرنسا"]))
            layer.append(Candidate(start, end, label, value, "gazetteer", draw(st.integers(0, 7))))
    return text, layer


@settings(max_examples=400, deadline=None)
@given(texts_and_layers())
def test_add_kingdoms_equals_a_new_selection(case: tuple[str, list[Candidate]]) -> None:
    text, layer = case
    expected = _oracle_add_kingdoms(text, list(layer))
    assert _add_kingdoms(text, list(layer), Words(text)) == expected


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 200), st.integers(0, 200))
def test_matched_key_of_the_slice_equals_the_keys_read_in_place(
    text: str, start: int, end: int
) -> None:
    """``find_propagated`` keys a match from its slice (memoised), not in place."""
    expected = " ".join(key(t) for t in TOKEN.findall(text, start, end))
    assert _matched_key(text[start:end]) == expected
