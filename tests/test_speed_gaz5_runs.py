"""Oracle for the cheaper word runs the gazetteer and the entity extractor share.

:class:`WordRuns` now interns its runs (the parts hold the interned words), packs the
offsets with numpy's running sum, and finds the runs with a hamza at the text's hamzas
instead of a pass over the vocabulary; ``entities._kept_split`` hands ``extract`` the
parts and offsets as they are instead of copying and interning them itself. The
previous class and function live here only: everything they made must be equal, on
normalised texts built from real names, hamza words, clitics, digits and noise.
"""

from __future__ import annotations

import pickle
import sys
from array import array
from itertools import accumulate, compress

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text

from newslab.arabic.normalize import normalize
from newslab.extract import gazetteer
from newslab.extract.entities import _kept_split
from newslab.extract.entity_rules import Words
from newslab.extract.gazetteer import (
    _WORD_RUN,
    WordRuns,
    _fold_seats,
    default_gazetteer,
    word_runs,
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------- the previous code


class OldWordRuns:
    """:class:`WordRuns` as it was: runs not interned, a list of offsets, the hamza
    runs found by a pass over the vocabulary."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts = _WORD_RUN.split(_fold_seats(text))
        self.runs = self.parts[1::2]
        self.vocabulary = set(self.runs)
        self.hamza_free = {r: r.replace("ء", "") for r in self.vocabulary if "ء" in r}

    def starts(self) -> list[int]:
        return list(accumulate(map(len, self.parts), initial=0))

    def indices(self, forms: frozenset[str]) -> list[int]:
        wanted = self.vocabulary & forms
        wanted.update(r for r, free in self.hamza_free.items() if free in forms)
        return list(compress(range(len(self.runs)), map(wanted.__contains__, self.runs)))


def old_kept_split(text: str) -> tuple[list[str], array]:
    runs = OldWordRuns(text)
    parts = runs.parts.copy()
    parts[1::2] = map(sys.intern, runs.runs)
    return parts, array("i", runs.starts())


# ------------------------------------------------------------------ the texts

_NAMES = sorted({e.name for e in default_gazetteer().by_key.values()})[::20]
_HAMZA_WORDS = ["سيناء", "المسؤول", "جاءت", "شيء", "سؤال", "مئة", "ء", "ءء", "هيئة", "وءا"]
_LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + list("ةىئؤءأإآ") + list("aZ09_")
_NOISE = [" ", "  ", "\n", "\t", "،", ".", "-", "@", "#", '"', "«", "»", "ـ", "\u064e", "٢٣", "ء"]


def _text(data: st.DataObject) -> str:
    raw = mixed_text(
        data,
        [*_NAMES, *_HAMZA_WORDS],
        spell=lambda word, _: word,
        clitics=["", "و", "ب", "لل", "وال", "ف"],
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", "", "\n", "، ", "  "],
        most=30,
    )
    return normalize(raw).text


# ------------------------------------------------------------------ the tests


@PROPERTY
@given(st.data())
def test_word_runs_equal_the_previous_ones(data: st.DataObject) -> None:
    text = _text(data)
    new, old = WordRuns(text), OldWordRuns(text)
    assert new.parts == old.parts
    assert new.runs == old.runs
    assert new.vocabulary == old.vocabulary
    assert new.hamza_free == old.hamza_free
    assert list(new.starts()) == old.starts()
    forms = frozenset(data.draw(st.lists(st.sampled_from([*sorted(new.forms()), "x"]))))
    assert new.indices(forms) == old.indices(forms)


@PROPERTY
@given(st.data())
def test_runs_are_interned_and_shared_with_the_parts(data: st.DataObject) -> None:
    runs = WordRuns(_text(data))
    assert all(run is sys.intern(run) for run in runs.runs)
    assert all(a is b for a, b in zip(runs.parts[1::2], runs.runs, strict=True))
    assert runs.starts().typecode == "i"


@PROPERTY
@given(st.data())
def test_kept_split_equals_the_previous_one(data: st.DataObject) -> None:
    text = _text(data)
    default_gazetteer().find(text)  # as in fit: the gazetteer splits the text first
    split = _kept_split(text)
    assert split is not None
    parts, offsets, vocabulary, hamza = split
    old_parts, old_offsets = old_kept_split(text)
    assert parts == old_parts and offsets == old_offsets
    runs = word_runs(text)
    assert parts is runs.parts  # nothing copied
    assert vocabulary is runs.vocabulary and set(hamza) == set(runs.hamza_free)
    kept, own = Words(text, split), Words(text)
    assert kept.parts == own.parts and list(kept.offsets) == list(own.offsets)


@PROPERTY
@given(st.data())
def test_hamza_runs_at_every_place(data: st.DataObject) -> None:
    """Hamzas at the text's start and end, doubled, alone and next to digits."""
    pieces = data.draw(
        st.lists(st.sampled_from(["ء", "اء", "ءب", "1ء", " ", "،", "\n", "سماء", "_ء"]))
    )
    text = "".join(pieces)
    assert WordRuns(text).hamza_free == OldWordRuns(text).hamza_free


def test_hamza_runs_named():
    text = "ءأ جاءت سماء، ءء 3ء وءا جاءت"
    assert WordRuns(text).hamza_free == {
        "ءا": "ا",
        "جاءت": "جات",
        "سماء": "سما",
        "ءء": "",
        "3ء": "3",
        "وءا": "وا",
    }
    assert WordRuns("بلا همزة").hamza_free == {}


def test_wide_offsets_past_the_int_limit(monkeypatch):
    """Texts longer than a C int can count get 64-bit offsets (checked with a lower
    limit: a 2 GB text is too big to build here)."""
    monkeypatch.setattr(gazetteer, "_INT_MAX", 5)
    text = "قال الوزير إن الوفد وصل"
    runs = WordRuns(text)
    assert runs.starts().typecode == "q"
    assert list(runs.starts()) == OldWordRuns(text).starts()


def test_unpickled_gazetteer_interns_its_tables_and_finds_the_same():
    gaz = default_gazetteer()
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy._first_runs == gaz._first_runs and copy._following == gaz._following
    assert all(form is sys.intern(form) for form in copy._first_runs)
    assert all(r is sys.intern(r) for runs in copy._following.values() for r in runs)
    text = normalize("زار وفد من الأمم المتحدة القاهرة وللمغرب ثم سيناء وقناة العربية").text
    assert copy.find(text) == gaz.find(text)
