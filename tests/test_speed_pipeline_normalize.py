"""The vectorised normalisation equals the ``str.translate`` path it replaces for long texts.

:func:`newslab.arabic.normalize.normalize` folds long texts with a numpy lookup and
builds the offset map from the positions of the deleted characters; short texts (and
texts with ligatures) keep the ``str.translate`` path. That path is the oracle here:
both must give the same text and the same segments for every option.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import DIACRITICS, INVISIBLES, normalize

normalize_module = sys.modules["newslab.arabic.normalize"]

LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + list("پچژڤگکیۀەٱىئؤء")
ALPHABET = (
    LETTERS * 4
    + list(DIACRITICS)
    + ["\u0640", "\u0654", "\u0653"]
    + list(INVISIBLES)
    + list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
    + list(".،؛:()#@%٪٫٬-–—\"'«»“”‘’")
    + list(" \t\n\u00a0\u2009\u2028\x85") * 3
    + list("abcXYZ")
    + ["\U0001f600", "\U00010000", "\ud800", "\udfff", "\uffff", "\x00"]
)
#: Ligatures and presentation forms: their texts take the general path.
EXPANDING = list("ﻻﷲﷺﻷ")
OPTIONS = st.fixed_dictionaries(
    {
        "teh_marbuta": st.booleans(),
        "hamza": st.booleans(),
        "digits": st.booleans(),
        "quotes": st.booleans(),
    }
)
long_text = st.text(alphabet=st.sampled_from(ALPHABET), min_size=0, max_size=400).map(
    lambda t: t * (1 + 300 // max(1, len(t))) if t else t
)


def _parts(nt) -> tuple:
    return nt.text, nt.original, nt._norm_starts, nt._orig_starts, nt._identity


def _translate_path(text: str, options: dict) -> tuple:
    saved = normalize_module._NUMPY_MIN
    normalize_module._NUMPY_MIN = 1 << 62
    try:
        return _parts(normalize(text, **options))
    finally:
        normalize_module._NUMPY_MIN = saved


@settings(max_examples=300, deadline=None)
@given(long_text, OPTIONS)
def test_vectorised_equals_translate_path(text: str, options: dict) -> None:
    assert _parts(normalize(text, **options)) == _translate_path(text, options)


@settings(max_examples=100, deadline=None)
@given(long_text, st.sampled_from(EXPANDING), st.integers(0, 400), OPTIONS)
def test_expanding_characters_take_the_general_path(
    text: str, ligature: str, where: int, options: dict
) -> None:
    text = text[:where] + ligature + text[where:]
    assert _parts(normalize(text, **options)) == _translate_path(text, options)


@pytest.mark.parametrize(
    "text",
    [
        "ـ" * 300,  # only deletions
        "ـ" * 150 + "ب" * 150,  # a deletion at the very start
        "ب" * 300 + "\u064e",  # a deletion at the very end
        "كتب الصحفي خبراً عن الأمم المتحدة، وقال: «هذا مهمّ» " * 8,
        "\U0001f600 #غزة @user ‏" * 40,  # emoji beyond the BMP, invisibles
        "\ud800ا" * 200,  # lone surrogates survive
    ],
)
def test_vectorised_examples(text: str) -> None:
    assert len(text) >= normalize_module._NUMPY_MIN
    for options in ({}, {"teh_marbuta": True, "hamza": True, "digits": False, "quotes": False}):
        assert _parts(normalize(text, **options)) == _translate_path(text, options)
