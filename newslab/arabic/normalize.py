"""Offset-preserving Arabic normalisation.

:func:`normalize` folds the spelling noise of Arabic news (alef forms, alef maqsura,
Persian yeh/keheh/gaf, diacritics, tatweel, Arabic-Indic and Persian digits, the many
quotation marks, no-break and invisible bidi/zero-width characters, presentation
forms) and returns a :class:`NormalizedText`: the folded string plus a map from every
folded offset back to the original text. Extractors match on ``.text`` and report
``.to_original_span(start, end)``, so spans always index the article as written.

Speed matters (archives of millions of articles): one-to-one replacements go through
``str.translate``; only texts that contain deletable or expanding characters take the
slower path, which records the map as a short list of segments, not one int per
character.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = [
    "DIACRITICS",
    "INVISIBLES",
    "NormalizedText",
    "normalize",
]

#: Harakat, tanween, shadda, sukun, Quranic marks and the superscript alef.
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if chr(c) not in "\u06de\u06e5\u06e6\u06e9"
)
TATWEEL = "\u0640"
#: Zero-width and bidi control characters, soft hyphen, BOM, Arabic letter mark.
INVISIBLES = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)

_ALEFS = {"\u0622": "ا", "\u0623": "ا", "\u0625": "ا", "\u0671": "ا", "\u0672": "ا", "\u0673": "ا"}
_YEHS = {"\u0649": "ي", "\u06cc": "ي", "\u064a": "ي", "\u06d2": "ي", "\u06d0": "ي"}
_KAFS = {"\u06a9": "ك", "\u06af": "ك", "\u06aa": "ك"}
_OTHER_LETTERS = {"\u06c0": "ه", "\u06be": "ه", "\u06c1": "ه", "\u06d5": "ه"}
_QUOTES = {
    c: '"'
    for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2033\u301d\u301e\u301f\uff02"
}
_SINGLE_QUOTES = {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"}
_SPACES = {c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
_PUNCT = {"\u066b": ".", "\u066c": ",", "\u066a": "%", "\u2212": "-", "\u2010": "-", "\u2011": "-"}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}


@lru_cache(maxsize=16)
def _tables(teh_marbuta: bool, hamza: bool, digits: bool, quotes: bool) -> tuple[dict, str]:
    """The one-to-one translate table and the class of characters needing the slow path."""
    table: dict[str, str] = {}
    table |= _ALEFS | _YEHS | _KAFS | _OTHER_LETTERS | _SPACES | _PUNCT
    if quotes:
        table |= _QUOTES | _SINGLE_QUOTES
    if digits:
        table |= _DIGITS
    if teh_marbuta:
        table["\u0629"] = "ه"
    if hamza:
        table |= {"\u0624": "و", "\u0626": "ي", "\u0621": ""}
    one_to_one = {ord(k): v for k, v in table.items() if len(v) == 1}
    deletions = DIACRITICS + TATWEEL + INVISIBLES + "".join(k for k, v in table.items() if not v)
    return one_to_one, deletions


# Presentation forms (FB50-FDFF, FE70-FEFF) are decomposed by NFKC, sometimes into two
# letters (lam-alef ligatures), so they go through the slow path.
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"


@lru_cache(maxsize=16)
def _special_pattern(deletions: str) -> regex.Pattern[str]:
    return regex.compile(f"[{regex.escape(deletions)}{_PRESENTATION}]+")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and the way back to the original offsets.

    ``segments`` is ``None`` when the two strings are aligned one to one; otherwise a
    tuple of ``(norm_start, orig_start, is_identity)`` runs sorted by ``norm_start``.
    """

    text: str
    original: str
    segments: tuple[tuple[int, int, bool], ...] | None = None

    def __len__(self) -> int:
        return len(self.text)

    @property
    def is_aligned(self) -> bool:
        """True when every normalised offset equals the original one."""
        return self.segments is None

    def to_original(self, index: int) -> int:
        """Original offset of the normalised character at ``index`` (``len`` maps to end)."""
        if self.segments is None:
            return index
        if index >= len(self.text):
            return len(self.original)
        norm_starts = self._norm_starts
        k = bisect_right(norm_starts, index) - 1
        norm_start, orig_start, identity = self.segments[k]
        return orig_start + (index - norm_start) if identity else orig_start

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the original text.

        Combining marks (harakat, shadda) written after the last character stay in the
        span: they belong to that letter.
        """
        if self.segments is None:
            return start, end
        if end <= start:
            o = self.to_original(start)
            return o, o
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1
        original = self.original
        while o_end < len(original) and original[o_end] in _COMBINING:
            o_end += 1
        return o_start, o_end

    def offsets(self) -> list[int]:
        """Original offset of every normalised character, plus one for the end."""
        return [self.to_original(i) for i in range(len(self.text) + 1)]

    @property
    def _norm_starts(self) -> list[int]:
        cached = self.__dict__.get("_starts")
        if cached is None:
            cached = [s[0] for s in self.segments or ()]
            object.__setattr__(self, "_starts", cached)
        return cached


_COMBINING = frozenset(DIACRITICS)


def normalize(
    text: str,
    *,
    teh_marbuta: bool = False,
    hamza: bool = False,
    digits: bool = True,
    quotes: bool = True,
) -> NormalizedText:
    """Fold Arabic spelling variants, keeping a map back to the original offsets.

    Always: alef forms (أ إ آ ٱ) -> ا, alef maqsura and Persian yeh (ى ی) -> ي, keheh and
    gaf (ک گ) -> ك, diacritics and tatweel removed, invisible/bidi characters removed,
    exotic spaces -> space, presentation forms decomposed. Options: ``teh_marbuta``
    (ة -> ه), ``hamza`` (ؤ ئ -> و ي, lone ء removed), ``digits`` (Arabic-Indic and
    Persian digits -> ASCII), ``quotes`` (every quotation mark -> ``"`` or ``'``).
    """
    table, deletions = _tables(teh_marbuta, hamza, digits, quotes)
    pattern = _special_pattern(deletions)
    first = pattern.search(text)
    if first is None:
        return NormalizedText(text.translate(table), text)
    deletable = frozenset(deletions)
    parts: list[str] = []
    segments: list[tuple[int, int, bool]] = []
    norm_pos = 0
    orig_pos = 0
    for match in pattern.finditer(text, first.start()):
        if match.start() > orig_pos:
            chunk = text[orig_pos : match.start()].translate(table)
            segments.append((norm_pos, orig_pos, True))
            parts.append(chunk)
            norm_pos += len(chunk)
        for offset, char in enumerate(match.group(), match.start()):
            if char in deletable:
                continue
            replacement = _fold_presentation(char).translate(table)
            replacement = "".join(c for c in replacement if c not in deletable)
            if not replacement:
                continue
            segments.append((norm_pos, offset, len(replacement) == 1))
            parts.append(replacement)
            norm_pos += len(replacement)
        orig_pos = match.end()
    if orig_pos < len(text):
        chunk = text[orig_pos:].translate(table)
        segments.append((norm_pos, orig_pos, True))
        parts.append(chunk)
    return NormalizedText("".join(parts), text, tuple(segments))


@lru_cache(maxsize=4096)
def _fold_presentation(char: str) -> str:
    if "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufefe":
        folded = unicodedata.normalize("NFKC", char)
        return folded.strip() or folded
    return char
