"""Text helpers shared by the analyses: passages with offsets, words, keys, stop words.

Passages (paragraphs and sentences) are ``(start, end)`` pairs into the original text
(:func:`newslab.arabic.paragraphs`, :func:`newslab.arabic.sentences`), so every
analysis row can point back at the article as written. Words are taken from the
normalised text, so spelling noise (hamza forms, alef maqsura, Persian letters,
digits) does not split one word into several; :func:`match_key` also removes attached
clitics (:func:`newslab.arabic.match_key`).
"""

from __future__ import annotations

from functools import lru_cache

import regex

from newslab.arabic import DIACRITICS, INVISIBLES, normalize, paragraphs, sentences
from newslab.arabic import match_key as _clitic_free_key

__all__ = [
    "clean_form",
    "fold",
    "match_key",
    "paragraphs",
    "sentences",
    "stopwords",
    "words",
]

_WORD = regex.compile(r"[\p{L}\p{M}\p{Nd}]{1,200}")
_STRIP_CHARS = frozenset(DIACRITICS + "\u0640" + INVISIBLES)


def fold(text: str) -> str:
    """Normalised text for comparisons: alef/yeh/hamza/teh-marbuta folded, marks removed."""
    return normalize(text, teh_marbuta=True, hamza=True).text


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; punctuation dropped)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def match_key(word: str) -> str:
    """A folded, clitic-free key: ``والمغرب``, ``للمغرب`` and ``المغرب`` share one (cached)."""
    return _clitic_free_key(word)


def clean_form(text: str) -> str:
    """``text`` without diacritics, tatweel and invisible characters, spaces collapsed.

    Unlike :func:`fold` it keeps the spelling (hamza forms, teh marbuta), so two
    written variants of a name stay apart.
    """
    kept = "".join(c for c in text if c not in _STRIP_CHARS)
    return " ".join(kept.split())


@lru_cache(maxsize=8)
def stopwords(lang: str = "ar") -> frozenset[str]:
    """Stop words from ``stopwordsiso`` as :func:`match_key` keys (so clitic forms match too)."""
    import stopwordsiso

    raw = stopwordsiso.stopwords(lang)
    if not raw:
        raise ValueError(f"stopwordsiso has no stop-word list for language {lang!r}")
    return frozenset(match_key(w) for word in raw for w in words(word))
