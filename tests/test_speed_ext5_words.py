"""Oracle for :class:`Words` taking the gazetteer's word vocabulary instead of its own.

``Words`` may be given, with the word split of a normalised text, the set of its distinct
words and the words holding a hamza as the gazetteer's :class:`WordRuns` hold them (made
once at ``fit``): it then reads no word again to find them. Its vocabulary (the words'
forms), positions and the name matches built on them must equal those of
``Words(text)``, and the runs' own set must stay as it was, on normalised texts made of
real names with hamzas after seats and elsewhere, every letter the folds touch, clitics
and noise.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text, variant_spelling

from newslab.arabic.normalize import normalize
from newslab.extract.entity_rules import NameMatcher, Words, kingdom_adjectives
from newslab.extract.entity_text import key
from newslab.extract.gazetteer import WordRuns, default_gazetteer, given_names

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NAMES = sorted({e.name for e in default_gazetteer().by_key.values()})[::40]
_HAMZA_WORDS = ["المسؤول", "جاءت", "شيء", "سؤال", "مئة", "رؤساء", "جزء", "يءء", "ضياء الدين"]
_VOCABULARY = [*_NAMES, *sorted(given_names())[::30], *_HAMZA_WORDS, "السعودية", "المغربي"]
_LETTERS = list("ابتجحدرسعفقلمنهوي") + list("ةىئؤءأإآ") + list("aZ09_")
_NOISE = [" ", "\n", "،", ".", "-", "@", "#", '"', "«", "ـ", "\u064e", "ء", "يء", "اءء"]


def _text(data: st.DataObject) -> str:
    raw = mixed_text(
        data,
        _VOCABULARY,
        spell=variant_spelling,
        clitics=["", "و", "ب", "لل", "وال", "ف"],
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", "", "\n", "، ", "  "],
        most=30,
    )
    return normalize(raw).text


def _given_runs(text: str) -> tuple[Words, set[str], set[str]]:
    """The Words given the runs' split and sets, the runs' set and a copy of it."""
    runs = WordRuns(text)
    distinct = runs.vocabulary
    split = (runs.parts, runs.starts(), distinct, tuple(runs.hamza_free))
    return Words(text, split), distinct, set(distinct)


@PROPERTY
@given(st.data())
def test_words_from_the_runs_vocabulary_equal_their_own(data: st.DataObject) -> None:
    text = _text(data)
    given_words, distinct, held = _given_runs(text)
    own = Words(text)
    assert (
        given_words.vocabulary
        == own.vocabulary
        == {own.form(i) for i in range(1, len(own.parts), 2)}
    )
    forms = sorted(own.vocabulary)
    asked = data.draw(st.lists(st.sampled_from(forms or ["x"]), max_size=8))
    assert given_words.positions(asked) == own.positions(asked)
    assert [given_words.form(i) for i in range(len(own.parts))] == [
        own.form(i) for i in range(len(own.parts))
    ]
    names = data.draw(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=8))
    matcher = NameMatcher(" ".join(map(key, n.split(" "))) for n in names)
    assert matcher.find(given_words) == matcher.find(own)
    assert kingdom_adjectives(text, given_words) == kingdom_adjectives(text, own)
    assert distinct == held  # the runs' set was not changed


def test_hamza_words_read_from_the_runs() -> None:
    text = normalize("قال رئيس الهيئة إن شيء ما جرى في جزء من سيناء وضياء الدين").text
    words, distinct, held = _given_runs(text)
    assert {"شي", "جزء", "سينا", "وضيا"} <= words.vocabulary
    assert "شيء" not in words.vocabulary and "شيء" in held
    assert words.positions(["شي"]) == Words(text).positions(["شي"])
    assert distinct == held
