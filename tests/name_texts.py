"""Hypothesis text builder shared by the name-matching oracle tests: names with clitics
and spelling variants, random letters and punctuation noise, joined by varied blanks."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hypothesis import strategies as st


def mixed_text(
    data: st.DataObject,
    vocabulary: Sequence[str],
    *,
    spell: Callable[[str, st.DataObject], str],
    clitics: Sequence[str],
    letters: Sequence[str],
    noise: Sequence[str],
    blanks: Sequence[str],
    most: int,
) -> str:
    """Up to ``most`` pieces: a clitic + a ``spell``-varied vocabulary word (half of
    them), a run of random ``letters`` or a ``noise`` string, each followed by a blank."""
    pieces = []
    for _ in range(data.draw(st.integers(0, most))):
        kind = data.draw(st.integers(0, 5))
        if kind <= 2:
            word = data.draw(st.sampled_from(vocabulary))
            pieces.append(data.draw(st.sampled_from(clitics)) + spell(word, data))
        elif kind == 3:
            pieces.append(data.draw(st.text(st.sampled_from(letters), max_size=5)))
        else:
            pieces.append(data.draw(st.sampled_from(noise)))
        pieces.append(data.draw(st.sampled_from(blanks)))
    return "".join(pieces)


#: Letter swaps an article's spelling of a name may make (blanks become dashes).
_SWAPS = {"ة": "ه", "ه": "ة", "ي": "ى", "ا": "أ", "و": "ؤ", " ": "-", "ء": ""}


def variant_spelling(name: str, data: st.DataObject, hamza_seats: str = "يوا") -> str:
    """A name as an article may spell it: letters swapped for the variants the patterns
    accept (or not), blanks changed into dashes, hamzas dropped or added after one of
    ``hamza_seats``."""
    chars = list(name)
    for i, char in enumerate(chars):
        if char in _SWAPS and data.draw(st.integers(0, 4)) == 0:
            chars[i] = _SWAPS[char]
        elif char in hamza_seats and data.draw(st.integers(0, 6)) == 0:
            chars[i] = char + "ء"
    return "".join(chars)
