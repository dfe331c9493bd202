"""Property tests: offsets of normalisation, sentences, tokens and clitics on any text."""

from __future__ import annotations

import sys
from itertools import pairwise
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic import (
    DIACRITICS,
    INVISIBLES,
    match_key,
    normalize,
    paragraphs,
    sentences,
    split_clitics,
    tokens,
)
from newslab.arabic.clitics import _PROTECTED, MIN_STEM, fold

LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + list("پچژڤگکیۀەٱ")
PRESENTATION = [chr(c) for c in range(0xFE70, 0xFEFD)] + list("ﷲﷺ﷽ﱞﳲﭐﭑﮎﯼ")
DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
PUNCTUATION = list(".!?؟…،؛:()[]#@/_-–—%٪٫٬") + list("\"'«»“”„‟‹›‘’")
SPACES = list(" \t\n\r\u00a0\u2009\u202f\u2028\u2029\x85")
ARABIC_ALPHABET = (
    LETTERS * 3
    + list(DIACRITICS)
    + ["\u0640", "\u0654", "\u0653"]
    + list(INVISIBLES)
    + PRESENTATION
    + DIGITS
    + PUNCTUATION
    + SPACES * 4
    + list("abcXYZ")
)

arabic_text = st.text(alphabet=st.sampled_from(ARABIC_ALPHABET), max_size=160)
any_text = st.one_of(arabic_text, st.text(max_size=120))
options = st.fixed_dictionaries(
    {
        "teh_marbuta": st.booleans(),
        "hamza": st.booleans(),
        "digits": st.booleans(),
        "quotes": st.booleans(),
    }
)

PROPERTY = settings(max_examples=200, deadline=None)


def boundaries(offsets: list[int]) -> list[int]:
    """Normalised offsets that do not fall inside the expansion of one character."""
    return [
        i
        for i in range(len(offsets))
        if i == 0 or offsets[i] != offsets[i - 1] or i == len(offsets) - 1
    ]


@PROPERTY
@given(any_text, options)
def test_offsets_are_monotonic_and_inside_the_original(text: str, opts: dict) -> None:
    norm = normalize(text, **opts)
    offsets = norm.offsets()
    assert len(offsets) == len(norm.text) + 1
    assert offsets[-1] == len(text)
    assert all(0 <= o <= len(text) for o in offsets)
    assert all(a <= b for a, b in pairwise(offsets))
    assert offsets == [norm.to_original(i) for i in range(len(norm.text) + 1)]
    assert norm.is_aligned == (norm.segments is None)
    if norm.is_aligned:
        assert len(norm.text) == len(text)


@PROPERTY
@given(any_text, options, st.data())
def test_any_normalised_slice_round_trips(text: str, opts: dict, data: st.DataObject) -> None:
    norm = normalize(text, **opts)
    cuts = boundaries(norm.offsets())
    start = data.draw(st.sampled_from(cuts))
    end = data.draw(st.sampled_from([c for c in cuts if c >= start]))
    o_start, o_end = norm.to_original_span(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    assert normalize(text[o_start:o_end], **opts).text == norm.text[start:end]


@PROPERTY
@given(any_text)
def test_to_normalized_inverts_to_original(text: str) -> None:
    norm = normalize(text)
    offsets = norm.offsets()
    for i in boundaries(offsets):
        assert norm.to_normalized(offsets[i]) == i
    mapped = [norm.to_normalized(o) for o in range(len(text) + 1)]
    assert mapped[0] == 0 and mapped[-1] == len(norm.text)
    assert all(a <= b for a, b in pairwise(mapped))


def assert_ordered_spans(spans: list[tuple[int, int]], text: str) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


@PROPERTY
@given(any_text)
def test_sentence_and_paragraph_spans(text: str) -> None:
    assert_ordered_spans(sentences(text), text)
    for mode in ("auto", "line", "blank"):
        assert_ordered_spans(paragraphs(text, mode=mode), text)
    # every sentence lies inside one paragraph
    paras = paragraphs(text)
    for start, end in sentences(text):
        assert any(p <= start and end <= q for p, q in paras)


@PROPERTY
@given(any_text)
def test_token_spans(text: str) -> None:
    found = tokens(text)
    previous_end = 0
    for token in found:
        assert previous_end <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert token.kind in {"arabic", "word", "number", "hashtag", "mention", "url", "email"}
        previous_end = token.end


arabic_word = st.text(
    alphabet=st.sampled_from(LETTERS + list(DIACRITICS[:8]) + ["ـ", "ﻻ"]), min_size=1, max_size=12
)


@PROPERTY
@given(arabic_word, st.sets(st.text(alphabet=st.sampled_from(LETTERS), max_size=6)))
def test_split_clitics_cuts_the_word_without_losing_anything(word: str, known: set) -> None:
    for split in (split_clitics(word), split_clitics(word, known=known)):
        assert split.prefix + split.stem + split.suffix == word
        assert split.stem


bare_word = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
    ),
    min_size=3,
    max_size=10,
)


@PROPERTY
@given(bare_word, st.sampled_from(["و", "ب", "ل", "وب", "ول", "ال", "بال", "وال", "فال", "وبال"]))
def test_extra_proclitics_keep_the_match_key(word: str, clitic: str) -> None:
    if word.startswith("ال") and len(word) - 2 < MIN_STEM:
        return  # a stem too short to strip after the article: للاب keeps its لل
    if word.startswith("ال") and clitic.endswith("ل"):
        glued = clitic[:-1] + "لل" + word[2:]  # ل + ال is written لل
    elif word.startswith("ال") and clitic.endswith("ال"):
        return  # an article cannot take a second article
    else:
        glued = clitic + word
    if any(fold(glued[i:]) in _PROTECTED for i in range(len(glued) - len(word))):
        return  # the clitic and the word spell a protected word: ل + آعب is لاعب
    assert match_key(glued) == match_key(clitic + match_key(word)) == match_key(word)


@PROPERTY
@given(any_text)
def test_sparse_and_dense_offset_maps_agree(text: str) -> None:
    module = sys.modules["newslab.arabic.normalize"]
    maps = []
    for threshold in (-1, 10**9):  # always split / always collect matches
        with patch.object(module, "_DENSE_RUNS", threshold):
            norm = normalize(text)
            maps.append((norm.text, norm.offsets()))
    assert maps[0] == maps[1]
