"""Offset-preserving normalisation: what is folded, and that offsets lead back."""

from __future__ import annotations

import pytest

from newslab.arabic import DIACRITICS, INVISIBLES, folding_table, normalize

# (original, normalised with default options)
FOLDING = [
    ("أعلن إبراهيم آخر ٱلأخبار", "اعلن ابراهيم اخر الاخبار"),
    ("مصطفى على المستوى", "مصطفي علي المستوي"),
    ("پاریس و ڤيينا وچاد", "باريس و فيينا وجاد"),
    ("کرة گوگل ڭلميم", "كرة كوكل كلميم"),
    ("مَدْرَسَةٌ جَدِيدَةٌ", "مدرسة جديدة"),
    ("أيضًا مثالاً", "ايضا مثالا"),
    ("الســـلام عليكـم", "السلام عليكم"),
    ("بلغ ٣٫٥ بالمئة و۱۴۰۰ شخص", "بلغ 3.5 بالمئة و1400 شخص"),
    ("١٬٢٥٠٬٠٠٠ درهم و٪٢٠", "1,250,000 درهم و%20"),
    ("«قال» “نعم” „لا‟ ‹ربما›", '"قال" "نعم" "لا" \'ربما\''),
    ("\u200fمراكش\u200e \u202bالرباط\u202c", "مراكش الرباط"),
    ("كلمة\u00a0أخرى\u202fهنا\u2009و", "كلمة اخري هنا و"),
    ("\ufeffبداية\u200c النص\u00ad", "بداية النص"),
    ("ﻻ ﻷن ﻹلخ ﻵخر", "لا لان لالخ لاخر"),
    ("ﺑﺴﻢ ﷲ", "بسم الله"),
    ("ﻣﺮﺍﻛﺶ", "مراكش"),
    ("1990–2000 \u2212 5", "1990-2000 - 5"),
    ("سطر\u2028آخر", "سطر\nاخر"),
    ("Kohavi's visit, 19 July", "Kohavi's visit, 19 July"),
    ("", ""),
]


@pytest.mark.parametrize(("original", "expected"), FOLDING)
def test_folding(original: str, expected: str) -> None:
    assert normalize(original).text == expected


# (original, options, normalised)
OPTIONS = [
    ("مدرسة جديدة", {"teh_marbuta": True}, "مدرسه جديده"),
    ("مسؤول هيئة جزء", {"hamza": True}, "مسوول هيية جز"),
    ("مسؤول هيئة جزء", {}, "مسؤول هيئة جزء"),
    ("عام ٢٠٢٢", {"digits": False}, "عام ٢٠٢٢"),
    ("«قال» “نعم”", {"quotes": False}, "«قال» “نعم”"),
]


@pytest.mark.parametrize(("original", "options", "expected"), OPTIONS)
def test_options(original: str, options: dict, expected: str) -> None:
    assert normalize(original, **options).text == expected


def test_decomposed_hamza_seats_fold_like_precomposed() -> None:
    decomposed = "مسو\u0654ول وهيي\u0654ة"
    assert normalize(decomposed).text == normalize("مسؤول وهيئة").text
    assert normalize(decomposed, hamza=True).text == "مسوول وهيية"
    assert normalize("ا\u0653خر").text == "اخر"


def test_aligned_when_only_one_to_one_changes() -> None:
    norm = normalize("أعلن «الوزير» يوم ١٩")
    assert norm.is_aligned
    assert norm.offsets() == list(range(len(norm.text) + 1))
    assert norm.segments is None


@pytest.mark.parametrize(
    ("original", "surface"),
    [
        ("قال الوَزِيرُ إن", "الوَزِيرُ"),  # trailing diacritics stay with the word
        ("في مـــراكش اليوم", "مـــراكش"),
        ("\u200fزار\u200f بيروت", "بيروت"),
        ("ﻻعب مشهور", "ﻻعب"),
    ],
)
def test_spans_map_back_to_the_surface(original: str, surface: str) -> None:
    norm = normalize(original)
    folded = normalize(surface).text
    start = norm.text.index(folded)
    o_start, o_end = norm.to_original_span(start, start + len(folded))
    assert original[o_start:o_end] == surface


def test_offsets_of_deletions_and_ligatures() -> None:
    original = "أَبٌ ﻻ"
    norm = normalize(original)
    assert norm.text == "اب لا"
    assert norm.offsets() == [0, 2, 4, 5, 5, 6]
    assert [norm.to_original(i) for i in range(6)] == norm.offsets()
    assert [norm.to_normalized(i) for i in range(7)] == [0, 1, 1, 2, 2, 3, 5]
    assert norm.segments == ((0, 0, True), (1, 2, True), (2, 4, True), (3, 5, False))
    assert list(norm.iter_segments()) == [(0, 1, 0, 1), (1, 2, 2, 3), (2, 3, 4, 5)]


def test_text_made_only_of_deletable_characters() -> None:
    original = DIACRITICS[:5] + "ـ" + INVISIBLES[:5]
    norm = normalize(original)
    assert norm.text == ""
    assert norm.to_original(0) == len(original)
    assert norm.to_original_span(0, 0) == (len(original), len(original))
    assert norm.to_normalized(3) == 0


def test_out_of_range_offsets() -> None:
    norm = normalize("مَرحبا")
    assert norm.to_original(len(norm.text) + 5) == len(norm.original)
    assert norm.to_original_span(2, 99) == (3, 6)
    assert norm.to_original_span(3, 1) == (4, 4)  # reversed: empty at start
    assert normalize("abc").to_original_span(1, 9) == (1, 3)
    with pytest.raises(IndexError, match="negative"):
        norm.to_original(-1)
    with pytest.raises(IndexError, match="negative"):
        norm.to_original_span(-2, 1)
    assert norm.to_normalized(len(norm.original) + 1) == len(norm.text)
    with pytest.raises(IndexError, match="negative"):
        norm.to_normalized(-1)
    with pytest.raises(TypeError, match="needs str"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_folding_table_is_the_one_normalize_applies() -> None:
    original = "أَعلن الوزير «نعم» ١٢ ﻻ"
    table = folding_table()
    assert original.translate(table) == normalize(original).text
    assert original.translate(folding_table(dense=True)) == normalize(original).text
    assert (
        original.translate(folding_table(teh_marbuta=True))
        == normalize(original, teh_marbuta=True).text
    )


def test_long_text_with_scattered_diacritics_keeps_exact_offsets() -> None:
    line = "أعلنَ الوزيرُ أنّ الحكومةَ ستدعم ﻻعبين بـ٣٫٥ مليون\u200f درهم. "
    original = line * 2000
    norm = normalize(original)
    offsets = norm.offsets()
    assert len(offsets) == len(norm.text) + 1
    for i in range(0, len(norm.text), 997):
        o = offsets[i]
        assert norm.text[i] in normalize(original[o]).text
    assert offsets == sorted(offsets)


@pytest.mark.parametrize("vocalised", [False, True], ids=["sparse", "dense"])
def test_offsets_match_a_character_by_character_reference(vocalised: bool) -> None:
    words = ["كَتَبَ", "الوَزِيرُ", "رِسَالَةً", "مُهِمَّةً"] if vocalised else ["كتب", "الوزيرُ", "رسالة"]
    original = "\u200f" + " ".join(words[i % len(words)] for i in range(3000)) + "ـ"
    deleted = set(DIACRITICS) | set(INVISIBLES) | {"ـ"}
    reference = [i for i, c in enumerate(original) if c not in deleted] + [len(original)]
    norm = normalize(original)
    assert norm.offsets() == reference
    assert norm.text == "".join(c for c in original if c not in deleted)
