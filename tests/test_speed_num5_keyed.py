"""Keyed literal passes find what the one trie scan of the literals found.

:class:`newslab.extract.number_words.KeyedScan` finds each literal of a set from a key
it contains, one literal-prefix pass per key. It replaced a single trie-factored
pattern for the number anchors (``مليون``، ``دولا``، ``المئة``…) and the country cues of
the currency evidence. The trie scan is kept here as the oracle: the anchors it yields
that begin an anchor word are the ones the passes yield, and every literal occurrence
is found or overlaps one found.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import normalize
from newslab.extract import number_grammar as grammar
from newslab.extract.number_currency import currency_table
from newslab.extract.number_words import KeyedScan, trie_pattern

# ------------------------------------------------------------------------ oracles

_TRIE_ANCHOR_STEMS = re.compile(trie_pattern(grammar._ANCHOR_LITERALS))


def oracle_anchor_starts(text: str) -> list[int]:
    """Anchor stems from the trie scan that begin a whole anchor word."""
    return [
        m.start()
        for m in _TRIE_ANCHOR_STEMS.finditer(text)
        if grammar._anchor_at(text, m.start(), m.end()) is not None
    ]


def keyed_anchor_starts(text: str) -> list[int]:
    """The same, from the candidates the number driver now reads."""
    return [
        start
        for start, end, is_anchor in grammar._candidate_spans(text)
        if is_anchor and grammar._anchor_at(text, start, end) is not None
    ]


# ------------------------------------------------------------------------- inputs

_CUES = sorted({cue for r in currency_table().rows for cue in r.cues if " " not in cue})
_ANCHORS = sorted(grammar._ANCHOR_WORDS)
_PREFIXES = ["", "", "", "و", "ب", "ل", "ف", "وب", "ال", "x", "5", "ـ"]
_GLUE = [" ", " ", " ", "", "\n", "،", ".", "(", "-", "_", "2", "\u200d", "\u0651", "a"]
_word = st.tuples(
    st.sampled_from(_PREFIXES),
    st.one_of(
        st.sampled_from(_ANCHORS),
        st.sampled_from(grammar._ANCHOR_LITERALS),
        st.sampled_from(_CUES),
        st.text(alphabet="الميونرادهجشكقئةب", max_size=6),
    ),
    st.sampled_from(["", "", "ا", "ات", "ة", "ين", "ي"]),
).map("".join)
anchor_text = st.lists(st.tuples(_word, st.sampled_from(_GLUE)), max_size=25).map(
    lambda pairs: "".join(word + glue for word, glue in pairs)
)
#: Small alphabets so that literals overlap and repeat their key letters.
_literal_sets = st.lists(st.text(alphabet="ابلمو", min_size=1, max_size=5), min_size=1, max_size=8)
_small_text = st.text(alphabet="ابلمو ", max_size=60)


# -------------------------------------------------------------------------- tests


@settings(max_examples=400, deadline=None)
@given(anchor_text)
def test_keyed_passes_find_the_anchors_of_the_trie_scan(text: str) -> None:
    for raw in (text, normalize(text).text):
        assert keyed_anchor_starts(raw) == oracle_anchor_starts(raw)


@pytest.mark.parametrize(
    "text",
    [
        "بلغت 5 ملايين دولار وخمسة مليارات ريال وبالمئة والف",
        "وبمليون ولير فالف بالمائة (مليار)\nمليونا شيكل، وبلايين اليورو",
        "تريليون روبل-فرنك ودنانير ودراهم وجنيه وجنية ويوان وشواكل",
    ],
)
def test_keyed_passes_on_anchor_sentences(text: str) -> None:
    norm = normalize(text).text
    assert keyed_anchor_starts(norm) == oracle_anchor_starts(norm)
    assert keyed_anchor_starts(norm)  # the sentences hold anchors


@settings(max_examples=400, deadline=None)
@given(_literal_sets, _small_text)
def test_every_occurrence_is_found_or_overlaps_one_found(literals: list, text: str) -> None:
    scan = KeyedScan(literals)
    found = scan.spans(text)
    assert all(text[start:end] in literals for start, end in found)
    assert len(set(found)) == len(found)
    for literal in set(literals):
        for start in (i for i in range(len(text)) if text.startswith(literal, i)):
            end = start + len(literal)
            assert any(s < end and start < e for s, e in found), (literal, start)


def test_keys_cover_every_literal_and_scan_reports_lengths() -> None:
    scan = KeyedScan(["مليون", "دولار", "الف", "ريال", "قطر"])
    assert scan.literals == ("الف", "دولار", "ريال", "قطر", "مليون")
    text = "نحو مليون دولار في قطر والف ريال"
    assert sorted(text[s:e] for s, e in scan.spans(text)) == sorted(
        ["مليون", "دولار", "قطر", "الف", "ريال"]
    )
    assert KeyedScan([]).spans(text) == []
    with pytest.raises(ValueError, match="empty literal"):
        KeyedScan(["", "مليون"])
