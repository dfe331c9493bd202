"""The lexicon's candidate scan writes every proclitic run out in front of every form
(:data:`_PROCLITIC_RUNS`) instead of matching the run's letters apart
(``[وفبكل]{0,2}``): the runs must be every one the term pattern's proclitics take.

The scan itself keeps its oracle in tests/test_speed_pipeline_lexicon.py (the term
pattern's ``finditer``); here the candidates the scan finds are also compared with
those the previous scan found, on texts where both see the same forms.
"""

from __future__ import annotations

import re
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.lexicon import (
    _COMMON_WORD_CHARS,
    _PROCLITIC_RUNS,
    _PROCLITICS,
    LexiconExtractor,
    _candidate_starts,
    _forms,
    trie_pattern,
)

_, BOUNDED, GLUED = _forms(LexiconExtractor().terms())
FORMS = BOUNDED | GLUED


def _old_candidate_starts(forms: set[str]) -> re.Pattern[str]:
    """The scan before: proclitic letters matched apart, then the forms' trie."""
    return re.compile(rf"[^{_COMMON_WORD_CHARS}](?=[وفبكل]{{0,2}}{trie_pattern(forms)})")


def test_the_runs_are_every_run_the_proclitics_take() -> None:
    # the term pattern's proclitics followed by ``ا`` (not ل: its (?!ل) is not a run's)
    whole = re.compile(rf"{_PROCLITICS}ا")
    taken = {
        "".join(letters)
        for size in range(4)
        for letters in product("وفبكل", repeat=size)
        if whole.fullmatch("".join(letters) + "ا")
    }
    assert taken == set(_PROCLITIC_RUNS)


OLD_SCAN = _old_candidate_starts(FORMS)
#: Proclitics and a form, as the term pattern matches them (word ends aside).
TERM = re.compile(rf"{_PROCLITICS}(?:{trie_pattern(FORMS)})")
PIECES = sorted(FORMS) + [f[:3] for f in sorted(FORMS)] + ["ال", "لل", "x", "é", "ـ"]
word = st.tuples(
    st.sampled_from(["", "و", "ف", "ب", "ك", "ل", "وب", "فل", "لب", "كك", "ولل"]),
    st.sampled_from(PIECES),
    st.sampled_from([" ", "\n", ".", "«", "", "ة"]),
)
text = st.lists(word, max_size=16).map(lambda words: " " + "".join(map("".join, words)))


@settings(max_examples=400, deadline=None)
@given(text)
def test_every_candidate_the_term_pattern_can_use_is_still_found(text: str) -> None:
    """The new candidates are the old ones less those whose letters before the form are
    no run of the term pattern (``لب``, ``كك``): there the term pattern cannot match."""
    old = [m.end() for m in OLD_SCAN.finditer(text)]
    new = [m.end() for m in _candidate_starts(FORMS).finditer(text)]
    assert set(new) <= set(old)
    lost = set(old) - set(new)
    assert not any(TERM.match(text, at) for at in lost)
