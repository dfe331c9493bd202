"""Oracles for the entity scans made faster: each new scan equals the one it replaced.

* :meth:`Gazetteer._matches` (the name pattern tried only at word runs that can begin a
  name) equals ``pattern.finditer`` over every position;
* the trigger lexicon, read run by run, equals ``lexicon.pattern.finditer`` (and the
  next-word regex it replaced);
* the word before a name, read backwards, equals the forward regex search it replaced;
* the Latin-name pattern with its capital first equals the lookbehind-first pattern.

Texts are built from the real vocabulary (gazetteer names, trigger words, given names)
with clitics, spelling variants, separators and noise.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text, variant_spelling

from newslab.extract import entity_rules
from newslab.extract.entities import _lexicon
from newslab.extract.entity_text import key
from newslab.extract.gazetteer import (
    Entry,
    Gazetteer,
    WordRuns,
    _fold_seats,
    _last_word,
    default_gazetteer,
    word_runs,
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: The previous forms, kept here as oracles.
OLD_PREV_TOKEN = re.compile(r"([^\W\d_]+)[^\S\n]{0,3}$")
OLD_NEXT_WORD = re.compile(r"[ ]{1,2}(\w+)")
OLD_LATIN = re.compile(
    r"(?<![\w@#/.:\-])[A-Z][A-Za-z0-9]{0,30}(?:[&.\-][A-Za-z0-9]{1,20}){0,3}"
    r"(?:(?:[ ]\([A-Z][a-z]{1,20}\))?[ ](?:(?:of|de|bin|ben|van|von|der|la|du)[ ])?"
    r"(?:(?:al|el|Al|El)-)?[A-Z][A-Za-z0-9]{0,30}(?:[&.\-][A-Za-z0-9]{1,20}){0,3}){0,5}"
)

#: A small gazetteer with the awkward shapes: letters next to digits, a definite
#: name whose rest starts with a blank, names sharing first words, Latin names.
SMALL = Gazetteer(
    Entry(name, label, name)
    for name, label in [
        ("فرانس 24", "ORG"),
        ("آي 24 نيوز", "ORG"),
        ("i24 News", "ORG"),
        ("2M", "ORG"),
        ("ال عين", "LOC"),
        ("في الجول", "ORG"),
        ("القمة العربية", "EVENT"),
        ("القمة العربية الطارئة", "EVENT"),
        ("الأمم المتحدة", "ORG"),
        ("مؤتة", "LOC"),
        ("سوريا", "GPE"),
        ("سيناء", "LOC"),
        ("Reuters", "ORG"),
        ("New York Times", "ORG"),
    ]
)

_GAZ_NAMES = sorted({e.name for e in default_gazetteer().by_key.values()})
_LEX_WORDS = sorted(_lexicon().category)
_CLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فل", "وال", "بال", "لل", "ال", "ولل"]
_NOISE = [" ", "  ", "   ", "    ", "-", " - ", "\n", "،", ".", "@", "#", "/", ":", '"', "(", ")"]
_LETTERS = list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىئؤءأإآ") + list("AbcXyz0123456789_")


def _pieces(vocabulary: list[str], data: st.DataObject) -> str:
    return mixed_text(
        data,
        vocabulary,
        spell=variant_spelling,
        clitics=_CLITICS,
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", " ", "", "  ", "\n", "، "],
        most=12,
    )


def _old_lexicon_hits(text: str) -> list[tuple]:
    lex = _lexicon()
    out = []
    for m in lex.pattern.finditer(text):
        if lex.category.get(key(m.group(2))):
            after = OLD_NEXT_WORD.match(text, m.end())
            out.append((*m.span(), *m.groups(), after and after.group(1)))
    return out


@PROPERTY
@given(st.data())
def test_lexicon_runs_scan_equals_finditer(data):
    """Each run read once through ``Lexicon.reading`` gives the matches (with a
    category) and the next words of the pattern run over the whole text."""
    text = _pieces(_LEX_WORDS, data)
    found = entity_rules._lexicon_hits(text, _lexicon())
    assert [(s, e, r[0], r[1], after) for s, e, r, after, _ in found] == _old_lexicon_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "#وزير الخارجية و@الرئيس محمد",
        "ولوزير  الدفاع ومحمد   علي",
        "قمة_الرياض ووزارة2 الصحة ومحمد\nعلي",
        "التقى الوزير أحمد",
    ],
)
def test_lexicon_hits_on_tags_and_blanks(text):
    found = entity_rules._lexicon_hits(text, _lexicon())
    assert [(s, e, r[0], r[1], after) for s, e, r, after, _ in found] == _old_lexicon_hits(text)
    assert found


@PROPERTY
@given(st.data())
def test_gazetteer_find_on_mixed_vocabulary(data):
    """Names and trigger words together, through the public ``find``."""
    text = _pieces(_GAZ_NAMES[::7] + _LEX_WORDS[::3], data)
    gaz = default_gazetteer()
    expected = [m.span() for m in gaz._pattern.finditer(text)]
    found = [(h.start, h.end) for h in gaz.find(text)]
    assert set(found) <= set(expected)  # find drops hits whose context fails only


def test_word_runs_offsets_and_forms():
    text = "قال: وزارةُ الخارجيّة@مصر، سيناء ومؤتة 24"
    runs = WordRuns(text)
    assert runs.runs == ["قال", "وزاره", "الخارجي", "ه", "مصر", "سيناء", "وموته", "24"]
    for k, run in enumerate(runs.runs):
        assert _fold_seats(text[runs.start(k) : runs.start(k) + len(run)]) == run
    forms = [runs.form(k) for k in range(len(runs.runs))]
    assert "سينا" in forms and "وموته" in forms  # hamza dropped, seats and teh folded
    assert runs.indices(frozenset({"وموته", "سينا", "24"})) == [5, 6, 7]


def test_word_runs_keeps_one_text_only():
    first = "وصل الوفد إلى بيروت"
    second = "".join(["وصل الوفد إلى ", "بيروت"])  # equal text, another object
    assert word_runs(first) is word_runs(first)
    assert word_runs(second) is not word_runs(first)
    assert word_runs(second).runs == WordRuns(first).runs


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from([*"ابجد هوز\n\t ,.1_", "\u00a0", "\u2003", "²"]), max_size=40))
def test_last_word_equals_the_forward_search(before):
    m = OLD_PREV_TOKEN.search(before)
    assert _last_word(before) == (m.group(1) if m else None)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Reuters",
                "BBC",
                "Al-Jazeera",
                "New",
                "York",
                "of",
                "al-",
                "(Sam)",
                "x",
                "a.b",
                "3M",
                "@",
                "#",
                "/",
                ".",
                ":",
                "-",
                " ",
                "  ",
                "وكالة",
                "\n",
                "AFP.",
                "U.S",
            ]
        ),
        max_size=14,
    )
)
def test_latin_pattern_equals_the_lookbehind_first_one(pieces):
    text = "".join(pieces)
    new = entity_rules._LATIN
    assert [m.span() for m in new.finditer(text)] == [m.span() for m in OLD_LATIN.finditer(text)]
    for pos in range(len(text)):
        old_m, new_m = OLD_LATIN.match(text, pos), new.match(text, pos)
        assert (old_m and old_m.span()) == (new_m and new_m.span())
