"""Oracle for :class:`Words` reading hamza forms once per distinct word.

``Words`` used to rewrite every part holding a hamza (``_HAMZA_AFTER_SEAT``) before
anything asked for it and looked words up with a per-word Python loop; it now keeps the
parts as split, works the forms out from the distinct parts and finds positions with a
C-level pass. The previous class lives here only: vocabulary, forms, offsets,
positions and the name matches built on them must all be equal, on texts made of real
names and trigger words with hamzas in every place, clitics and noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text

from newslab.extract.entities import _lexicon
from newslab.extract.entity_rules import NameMatcher, Words, kingdom_adjectives
from newslab.extract.entity_text import key

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_OLD_HAMZA_AFTER_SEAT = re.compile("(?<=[يوا])ء")
_OLD_WORD_SPLIT = re.compile(r"(\w+)")


def _old_fold(text: str) -> str:
    return text.replace("ة", "ه").replace("ئ", "ي").replace("ى", "ي").replace("ؤ", "و")


class OldWords:
    """The previous :class:`Words`: every part rewritten up front."""

    def __init__(self, text: str) -> None:
        folded = _old_fold(text)
        parts = _OLD_WORD_SPLIT.split(folded)
        self.offsets = list(accumulate(map(len, parts), initial=0))
        if "ء" in folded:
            parts = [_OLD_HAMZA_AFTER_SEAT.sub("", p) if "ء" in p else p for p in parts]
        self.parts = parts
        self.vocabulary = set(parts)
        self._positions: dict[str, list[int]] = {}

    def positions(self, wanted: Iterable[str]) -> list[int]:
        cache = self._positions
        wanted = list(wanted)
        missing = {w for w in wanted if w not in cache}
        if missing:
            for w in missing:
                cache[w] = []
            parts = self.parts
            for i in [2 * k + 1 for k, w in enumerate(parts[1::2]) if w in missing]:
                cache[parts[i]].append(i)
        out = [i for w in wanted for i in cache[w]]
        out.sort()
        return out


def old_find(matcher: NameMatcher, words: OldWords) -> list[tuple[int, int, int]]:
    """The previous ``NameMatcher.find``, reading the rewritten parts."""
    indices = words.positions(matcher.forms.keys() & words.vocabulary)
    parts, offsets, forms, names = words.parts, words.offsets, matcher.forms, matcher.names
    last = len(parts) - 1
    out = []
    pos = 0
    for i in indices:
        start = offsets[i]
        if start < pos or parts[i - 1][-1:] in ("@", "#"):
            continue
        for clitics, size in forms[parts[i]]:
            name = parts[i][clitics:]
            best = i if name in names else 0
            j = i
            while size > 1 and j + 2 <= last and parts[j + 1] == " ":
                j += 2
                size -= 1
                name += " " + parts[j]
                if name in names:
                    best = j
            if best:
                pos = offsets[best + 1]
                out.append((start, pos, clitics))
                break
    return out


_NAMES = [
    "جزء",
    "رؤساء",
    "وزراء",
    "هيئة",
    "القاهرة",
    "سيناء",
    "يءء",
    "أبو ظبي",
    "عبد الله",
    "محمد بن سلمان",
    "مؤمن",
    "السعودية",
    "المغربي",
    "الأردنية",
    "عائشة",
    "ضياء الدين",
]
_VOCABULARY = _NAMES + sorted(_lexicon().category)[::9]
_CLITICS = ["", "و", "ف", "ب", "ل", "وب", "ال", "لل"]
_LETTERS = list("ابتيوؤئءىةأإآه") + list("Ab09_")
_NOISE = [" ", "-", "\n", "،", "@", "#", '"', "ء", "يء", "اءء"]


def _hamza_variant(word: str, data: st.DataObject) -> str:
    """The word with hamzas put after seat letters, or folded seats, here and there."""
    chars = []
    for char in word:
        roll = data.draw(st.integers(0, 7))
        chars.append(char + "ء" if roll == 0 and char in "يوا" else char)
        if roll == 1 and char in "ئؤة":
            chars[-1] = {"ئ": "ي", "ؤ": "و", "ة": "ه"}[char]
    return "".join(chars)


def _text(data: st.DataObject) -> str:
    return mixed_text(
        data,
        _VOCABULARY,
        spell=_hamza_variant,
        clitics=_CLITICS,
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", "", "  ", "\n"],
        most=14,
    )


@PROPERTY
@given(st.data())
def test_words_equal_the_rewritten_parts(data):
    text = _text(data)
    new, old = Words(text), OldWords(text)
    asked = data.draw(st.lists(st.sampled_from(sorted(old.vocabulary) or [""]), max_size=6))
    assert new.positions(asked) == old.positions(asked)  # before vocabulary is read
    assert new.vocabulary == set(old.parts[1::2])  # the words' forms (no separators)
    assert new.offsets == old.offsets
    assert [new.form(i) for i in range(len(new.parts))] == old.parts
    more = data.draw(st.lists(st.sampled_from(sorted(old.vocabulary) or [""]), max_size=6))
    assert new.positions(more + asked) == old.positions(more + asked)


@PROPERTY
@given(st.data())
def test_name_matches_equal_the_rewritten_parts(data):
    text = _text(data)
    names = data.draw(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=8))
    matcher = NameMatcher(" ".join(map(key, n.split(" "))) for n in names)
    assert matcher.find(Words(text)) == old_find(matcher, OldWords(text))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("قال ابو ظبيء وابو ظبي", ["ابو ظبي"]),
        ("ولمحمد بن سلماءن وشيء", ["محمد بن سلمان", "شي"]),
        ("يءء يء ضياء الدين", ["يء", "ضيا الدين"]),
    ],
)
def test_hamza_inside_names(text, names):
    matcher = NameMatcher(names)
    found = matcher.find(Words(text))
    assert found == old_find(matcher, OldWords(text))
    assert found


def test_positions_of_a_form_that_is_also_a_hamza_word():
    words = Words("يءء يء")  # forms: يء (one hamza dropped) and ي
    assert words.positions(["يء"]) == [1]
    assert words.positions(["ي", "يء"]) == [1, 3]


def test_hamza_forms_and_kingdom_adjectives():
    text = "شيء من جزء الرؤساء ويءء والسعودية في المملكة"
    words = Words(text)
    assert "شي" in words.vocabulary and "شيء" not in words.vocabulary
    assert "جزء" in words.vocabulary  # no seat letter before the hamza
    assert {"الروسا", "ويء"} <= words.vocabulary  # after a seat only, once
    assert words.positions(["شي", "الروسا"]) == [1, 7]
    assert kingdom_adjectives(text, words) == kingdom_adjectives(text)
