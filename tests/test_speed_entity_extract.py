"""Shortcuts of the entity extractor's per-article pass equal the code they replace.

* :func:`newslab.extract.entity_context._propagate_marked` returns early when no name of
  the marked names found in context can match; the oracle runs the full matcher always.
* :func:`newslab.extract.entity_context._lam_lam` looks names up in a sequence of
  mappings and finds its words from each ``لل`` with ``str.find``; the oracle used a
  ``ChainMap`` of the same mappings and the previous pattern over the whole text.
* :meth:`EntityExtractor._as_written` memoises :func:`_written_value`.
"""

from __future__ import annotations

import pickle
import re
from collections import ChainMap
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.entities import EntityExtractor, _written_value
from newslab.extract.entity_context import (
    _COMMON_AFTER,
    _NEXT,
    _lam_lam,
    _Marked,
    _marked,
    _propagate_marked,
    _surface_key,
)
from newslab.extract.entity_rules import Candidate, Words
from newslab.extract.entity_text import key


@lru_cache(maxsize=1)
def _extractor() -> EntityExtractor:
    return EntityExtractor()


def _marked_names() -> _Marked:
    return _marked(_extractor().gaz)


def _oracle_propagate_marked(
    text: str, found: set[str], marked: _Marked, words_: Words
) -> list[Candidate]:
    """The code before the early return: every match of the full matcher is looked at."""
    out = []
    for start, end, clitics in marked.matcher.find(words_):
        entry = marked.entries.get(_surface_key(text[start + clitics : end]))
        if entry is None or entry.canonical not in found:
            continue
        nxt = _NEXT.match(text, end)
        if nxt is not None and key(nxt.group("w")) in _COMMON_AFTER:
            continue
        out.append(Candidate(start, end, entry.label, entry.canonical, "gazetteer", 6))
    return out


#: The previous pattern of :func:`_lam_lam`, run over the whole text.
_OLD_LAM_LAM = re.compile(r"(?<![\w@#])(?P<p>[وف]?ل)(?P<rest>ل[^\W\d_]{3,25})(?!\w)")


def _oracle_lam_lam(text: str, known: ChainMap) -> list[Candidate]:
    if not known or "لل" not in text:
        return []
    out = []
    for m in _OLD_LAM_LAM.finditer(text):
        hit = known.get(key("ا" + m.group("rest")))
        if hit is not None:
            value, name = hit
            out.append(Candidate(m.start(), m.end(), "PER", value, "propagated", 3, name))
    return out


def _surfaces() -> list[str]:
    """Marked names as written (their entry names) and their keys."""
    marked = _marked_names()
    return sorted({e.name for e in marked.entries.values()} | set(marked.entries))


NOISE = ["و", "ب", "ل", "ف", "ال", "مع", "على", "لاعب", "نادي", "قال", "في", "@", "#", "x"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "، ", ". ", "-", '"']


@st.composite
def texts_with_names(draw: st.DrawFn) -> str:
    words = st.sampled_from(_surfaces()) | st.sampled_from(NOISE)
    pieces = draw(st.lists(st.tuples(st.sampled_from(["", "و", "ب", "ل", "وب", "فل"]), words)))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(clitic + word + sep for (clitic, word), sep in zip(pieces, seps, strict=True))


@settings(max_examples=300, deadline=None)
@given(texts_with_names(), st.data())
def test_propagate_marked_matches_the_full_scan(text: str, data: st.DataObject) -> None:
    marked = _marked_names()
    canonicals = sorted(marked.canonicals)
    found = set(data.draw(st.lists(st.sampled_from(canonicals), min_size=1, max_size=4)))
    got = _propagate_marked(text, found, marked, Words(text))
    assert got == _oracle_propagate_marked(text, found, marked, Words(text))


def test_propagate_marked_finds_a_name_used_in_context() -> None:
    marked = _marked_names()
    keyed, entry = next(
        (k, e) for k, e in marked.entries.items() if " " not in k and k == key(e.name)
    )
    text = f"وقال مدرب {entry.name} إن {entry.name} سيفوز"
    got = _propagate_marked(text, {entry.canonical}, marked, Words(text))
    assert [(c.start, c.end, c.value) for c in got] == [
        (m.start, m.start + len(entry.name), entry.canonical)
        for m in _oracle_propagate_marked(text, {entry.canonical}, marked, Words(text))
    ]
    assert got, keyed


SURNAMES = ["لحلبوسي", "لكاظمي", "لسوداني", "لبرهان", "لحداد"]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "و", "ف", "x", "_", "3", "٣", "ل", "فو"]),
            st.sampled_from(["ل", "", "لل"]),
            st.sampled_from(
                [*SURNAMES, "لمغرب", "وزير", "لاب", "لا", "ل" + "ب" * 24, "ل" + "ب" * 26]
            ),
            st.sampled_from([" ", "، ", "\n", "@", "#", "", "_", "2", "ـ"]),
        ),
        max_size=16,
    ),
    st.lists(st.sampled_from(SURNAMES), max_size=3),
    st.lists(st.sampled_from(SURNAMES), max_size=3),
)
def test_lam_lam_matches_chainmap_lookups(
    pieces: list[tuple[str, str, str, str]], own_names: list[str], corpus_names: list[str]
) -> None:
    text = "".join(a + b + c + d for a, b, c, d in pieces)
    own = {key("ا" + n): (f"فلان ا{n}", ("فلان", "ا" + n)) for n in own_names}
    corpus = {key("ا" + n): (f"علان ا{n}", ("علان", "ا" + n)) for n in corpus_names}
    assert _lam_lam(text, (own, corpus)) == _oracle_lam_lam(text, ChainMap(own, corpus))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["ابراهيم", "إبراهيم", "احمد", "أحمد", "سالم", "Ali"]), min_size=1),
    st.sampled_from(["", "\u064e", "\u0640", "\u200f"]),
)
def test_memoised_written_value_is_the_written_value(tokens: list[str], mark: str) -> None:
    extractor = _extractor()
    value = " ".join(tokens)
    surface = value.replace("إ", "ا").replace("أ", "ا")
    original = " ".join(t + mark for t in tokens)
    expected = _written_value(value, surface, original, extractor.spell)
    assert extractor._as_written(value, surface, original) == expected
    assert extractor._as_written(value, surface, original) == expected  # from the memo


def test_the_written_value_memo_pickles_empty() -> None:
    extractor = EntityExtractor()
    assert extractor._as_written("ابراهيم سالم", "ابراهيم سالم", "ابراهيم سالم") == "إبراهيم سالم"
    assert len(extractor._written) == 1
    copy = pickle.loads(pickle.dumps(extractor))
    assert len(copy._written) == 0
    assert copy._as_written("ابراهيم سالم", "ابراهيم سالم", "ابراهيم سالم") == "إبراهيم سالم"


def test_lam_lam_words_start_after_a_blank_only() -> None:
    known = {key("الحلبوسي"): ("محمد الحلبوسي", ("محمد", "الحلبوسي"))}
    cases = {
        "للحلبوسي": 1,
        "قال للحلبوسي": 1,
        "وللحلبوسي": 1,
        " فللحلبوسي،": 1,
        "#للحلبوسي": 0,
        "@وللحلبوسي": 0,
        "x#للحلبوسي": 0,
        "_للحلبوسي": 0,
        "3فللحلبوسي": 0,
        "وفللحلبوسي": 0,
        "للحلبوسي2": 0,
    }
    for text, found in cases.items():
        got = _lam_lam(text, (known,))
        assert got == _oracle_lam_lam(text, ChainMap(known)), text
        assert len(got) == found, text
