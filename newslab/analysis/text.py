"""Text helpers shared by the analyses: passages with offsets, words, clitics, stop words.

Passages (paragraphs and sentences) are ``(start, end)`` pairs into the original text,
so every analysis row can point back at the article as written. Words are taken from
the normalised text (:func:`newslab.arabic.normalize`), so spelling noise (hamza
forms, alef maqsura, Persian letters, digits) does not split one word into several.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import regex

from newslab.arabic import DIACRITICS, INVISIBLES, normalize

__all__ = [
    "ProcliticStripper",
    "clean_form",
    "fold",
    "match_key",
    "paragraphs",
    "sentences",
    "stopwords",
    "words",
]

_BREAK = regex.compile(r"\r\n|[\n\r\u2029\u2028]")
# A terminator run, optional closing marks, then whitespace or the end of the text.
_SENTENCE_END = regex.compile(r"[.!?؟…]{1,10}[\"'»”’)\]]{0,3}(?=\s|$)")
_WORD = regex.compile(r"[\p{L}\p{M}\p{Nd}]{1,200}")
_ARABIC_WORD = regex.compile(r"^\p{Arabic}{1,200}$")
_STRIP_CHARS = frozenset(DIACRITICS + "\u0640" + INVISIBLES)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines of ``text``, trimmed of surrounding white space."""
    out = []
    start = 0
    for match in _BREAK.finditer(text):
        _append_trimmed(out, text, start, match.start())
        start = match.end()
    _append_trimmed(out, text, start, len(text))
    return out


def sentences(text: str, within: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Offsets of the sentences of ``text`` (never crossing a paragraph)."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in within if within is not None else paragraphs(text):
        start = p_start
        for match in _SENTENCE_END.finditer(text, p_start, p_end):
            _append_trimmed(out, text, start, match.end())
            start = match.end()
        _append_trimmed(out, text, start, p_end)
    return out


def _append_trimmed(out: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def fold(text: str) -> str:
    """Normalised text for comparisons: alef/yeh/hamza/teh-marbuta folded, marks removed."""
    return normalize(text, teh_marbuta=True, hamza=True).text


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; punctuation dropped)."""
    return _WORD.findall(fold(text))


def clean_form(text: str) -> str:
    """``text`` without diacritics, tatweel and invisible characters, spaces collapsed.

    Unlike :func:`fold` it keeps the spelling (hamza forms, teh marbuta), so two
    written variants of a name stay apart.
    """
    kept = "".join(c for c in text if c not in _STRIP_CHARS)
    return " ".join(kept.split())


@lru_cache(maxsize=8)
def stopwords(lang: str = "ar") -> frozenset[str]:
    """Stop words from ``stopwordsiso``, folded like :func:`words` (plus their clitic forms)."""
    import stopwordsiso

    raw = stopwordsiso.stopwords(lang)
    if not raw:
        raise ValueError(f"stopwordsiso has no stop-word list for language {lang!r}")
    folded = {w for word in raw for w in words(word)}
    return frozenset(folded | {p + w for w in folded for p in ("و", "ف") if _ARABIC_WORD.match(w)})


# ------------------------------------------------------------------------ clitics

#: Proclitic chains, longest first: conjunction, then preposition or future marker.
_PROCLITICS = (
    "وبال",
    "وكال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "فك",
    "لل",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
_MIN_STEM = 2


class ProcliticStripper:
    """Strips attached proclitics (و ف ب ل ك, with ال) from folded words, led by a vocabulary.

    A prefix is removed only when what remains is itself a word seen in the corpus
    (``وزير`` stays, ``والمغرب`` becomes ``المغرب`` when ``المغرب`` occurs alone), so
    words whose first letter merely looks like a clitic are kept whole. ``لل`` stands
    for ``ل`` + ``ال``. Uses the project's own clitic splitter when it is available.
    """

    def __init__(self, vocabulary: Counter[str] | Iterable[str]):
        self.vocabulary = vocabulary if isinstance(vocabulary, Counter) else Counter(vocabulary)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> ProcliticStripper:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(words(text))
        return cls(counts)

    def strip(self, word: str) -> str:
        """``word`` (folded) without its proclitics, or unchanged."""
        if not _ARABIC_WORD.match(word):
            return word
        for prefix in _PROCLITICS:
            if not word.startswith(prefix) or len(word) - len(prefix) < _MIN_STEM:
                continue
            rest = word[len(prefix) :]
            candidates = ["ال" + rest] if prefix.endswith("لل") else []
            if prefix.endswith("ال"):
                candidates.append("ال" + rest)
            candidates.append(rest)
            for candidate in candidates:
                if self.vocabulary.get(candidate, 0) > 0:
                    return candidate
        return word

    def __call__(self, tokens: Iterable[str]) -> Iterator[str]:
        for token in tokens:
            yield self.strip(token)


_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_MIN_KEY = 3


def match_key(word: str) -> str:
    """A comparison key for a folded word: one conjunction and one preposition stripped.

    Aggressive on purpose (``وتعميق``, ``لتعميق`` and ``تعميق`` share a key; so may an
    unrelated word that happens to start with those letters): it is applied to both
    sides of every comparison, so it only merges, never splits, true matches.
    """
    if not _ARABIC_WORD.match(word):
        return word
    if word.startswith(_CONJUNCTIONS) and len(word) - 1 >= _MIN_KEY:
        word = word[1:]
    if word.startswith("لل") and len(word) - 2 >= _MIN_KEY - 1:
        return "ال" + word[2:]
    if word.startswith(_PREPOSITIONS) and len(word) - 1 >= _MIN_KEY:
        word = word[1:]
    return word
