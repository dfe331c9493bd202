"""Offset-preserving Arabic normalisation.

:func:`normalize` folds the spelling noise of Arabic news (alef forms, alef maqsura,
Persian and Maghrebi letters, diacritics, tatweel, Arabic-Indic and Persian digits, the
many quotation marks, no-break and invisible bidi/zero-width characters, presentation
forms and lam-alef ligatures) and returns a :class:`NormalizedText`: the folded string
plus a map from every folded offset back to the original text. Extractors match on
``.text`` and report ``.to_original_span(start, end)``, so spans always index the
article as written.

Speed matters (archives of millions of articles). The whole text goes through one
``str.translate`` call whose table also deletes (diacritics, tatweel, invisibles) and
expands (ligatures); the offset map is then built from a C-level regex scan of those
special characters only, as a list of segments, with list-level operations (no Python
code per deleted run; one step per ligature, which are rare) — never a Python loop over
every character. Unless a character expands, the translation itself is a numpy lookup
over the code points (:func:`_normalize_vectorised`): ``str.translate`` makes a Python int per
non-ASCII character and is several times slower on Arabic text.
``benchmarks/bench_normalize.py`` measures it against plain ``str.translate``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import add, sub

import numpy as np

__all__ = [
    "DIACRITICS",
    "INVISIBLES",
    "NormalizedText",
    "folding_table",
    "normalize",
]

#: Harakat, tanween, shadda, sukun, combining hamza/madda, Quranic marks, superscript alef.
DIACRITICS = (
    "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670"
    + "".join(chr(c) for c in range(0x06D6, 0x06EE) if chr(c) not in "\u06de\u06e5\u06e6\u06e9")
    + "".join(chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2)
)
TATWEEL = "\u0640"
#: Zero-width and bidi control characters, soft hyphen, BOM, Arabic letter mark,
#: combining grapheme joiner, variation selectors.
INVISIBLES = (
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d\u206e\u206f\ufeff"
    + "".join(chr(c) for c in range(0xFE00, 0xFE10))
)

_ALEFS = dict.fromkeys("\u0622\u0623\u0625\u0671\u0672\u0673\u0675", "ا")
_YEHS = dict.fromkeys("\u0649\u06cc\u06cd\u06ce\u06d0\u06d1\u06d2\u0620\u063d\u063e\u063f", "ي")
_KAFS = dict.fromkeys(
    "\u06a9\u06aa\u06ab\u06ac\u06ad\u06ae\u06af\u06b0\u06b1\u06b2\u06b3\u06b4\u063b\u063c", "ك"
)
_HEHS = dict.fromkeys("\u06be\u06c0\u06c1\u06c2\u06d5\u06ff", "ه")
#: Letters borrowed for foreign sounds (p, v, tch, zh, Maghrebi g) fold to the Arabic
#: letter outlets use instead, so پ/ب, ڤ/ف, چ/ج, ژ/ز, ڨ/ق spellings of a name meet.
_BORROWED = {
    "\u067e": "ب",
    "\u06a4": "ف",
    "\u06a5": "ف",
    "\u06a2": "ف",
    "\u0686": "ج",
    "\u0687": "ج",
    "\u0698": "ز",
    "\u06a8": "ق",
    "\u06a7": "ق",
    "\u0679": "ت",
    "\u0688": "د",
    "\u0691": "ر",
    "\u06ba": "ن",
    "\u06bb": "ن",
    "\u06c6": "و",
    "\u06c7": "و",
    "\u06c8": "و",
    "\u06c9": "و",
    "\u06cb": "و",
    "\u06cf": "و",
    "\u06c3": "ة",
}
_DOUBLE_QUOTES = dict.fromkeys(
    "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036\u275d\u275e\u2e42\u301d\u301e\u301f\uff02\u02dd\u02ba",
    '"',
)
_SINGLE_QUOTES = dict.fromkeys(
    "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u2035\u02bc\u02bb\u02bd\u02b9\u275b\u275c\uff07\u00b4\u0060",
    "'",
)
_SPACES = dict.fromkeys(
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000",
    " ",
)
_LINE_BREAKS = dict.fromkeys("\u2028\u2029\u0085", "\n")
_PUNCT = {
    "\u066b": ".",
    "\u066c": ",",
    "\u066a": "%",
    "\u2212": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\ufe63": "-",
    "\uff0d": "-",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}
_TEH_MARBUTA = {"\u0629": "ه"}
_HAMZA = {"\u0624": "و", "\u0626": "ي", "\u0621": "", "\u0674": ""}

# Arabic presentation forms A and B: NFKC gives the base letters, two or more for the
# lam-alef and other ligatures (ﻻ -> لا, ﷲ -> الله).
_PRESENTATION_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE))
_COMBINING = frozenset(DIACRITICS)


def _letter_table(*, teh_marbuta: bool, hamza: bool, digits: bool, quotes: bool) -> dict[str, str]:
    table = _ALEFS | _YEHS | _KAFS | _HEHS | _BORROWED | _SPACES | _LINE_BREAKS | _PUNCT
    if quotes:
        table |= _DOUBLE_QUOTES | _SINGLE_QUOTES
    if digits:
        table |= _DIGITS
    if teh_marbuta:
        table |= _TEH_MARBUTA
        table["\u06c3"] = "ه"
    if hamza:
        table |= _HAMZA
    table |= dict.fromkeys(DIACRITICS + TATWEEL + INVISIBLES, "")
    return table


def _fold_presentation(char: str, letters: dict[str, str]) -> str | None:
    """The folded replacement of one presentation form, or None if NFKC leaves it alone."""
    nfkc = unicodedata.normalize("NFKC", char)
    if nfkc == char:
        return None
    # Isolated harakat forms (U+FE70...) decompose to a space plus the mark.
    nfkc = nfkc.strip() or nfkc
    return "".join(letters.get(c, c) for c in nfkc)


# Translating through a list indexed by code point is about twice as fast as through a
# dict: CPython raises and clears a KeyError for every character a dict does not map.
# The list stops after the last character the table changes; characters beyond it raise
# an IndexError, which ``str.translate`` also takes as "keep".
@lru_cache(maxsize=2)
def _identity_list(size: int) -> tuple[str, ...]:
    return tuple(chr(code) for code in range(size))


@lru_cache(maxsize=16)
def _compiled(
    teh_marbuta: bool, hamza: bool, digits: bool, quotes: bool
) -> tuple[dict[int, str | None], list[str | None], tuple[re.Pattern[str], ...], dict[str, int]]:
    """Translate table (dict and dense list); patterns of the characters that change the
    length (all, deleted, expanded); the length each of those becomes."""
    letters = _letter_table(teh_marbuta=teh_marbuta, hamza=hamza, digits=digits, quotes=quotes)
    full = dict(letters)
    for low, high in _PRESENTATION_RANGES:
        for code in range(low, high + 1):
            folded = _fold_presentation(chr(code), letters)
            if folded is not None:
                full[chr(code)] = folded
    table: dict[int, str | None] = {}
    sizes: dict[str, int] = {}
    for char, replacement in full.items():
        if replacement == char:
            continue
        table[ord(char)] = replacement or None
        if len(replacement) != 1:
            sizes[char] = len(replacement)
    dense: list[str | None] = list(_identity_list(max(table) + 1))
    for code, replacement in table.items():
        dense[code] = replacement
    deleted = "".join(sorted(c for c, n in sizes.items() if n == 0))
    expanded = "".join(sorted(c for c, n in sizes.items() if n > 1))
    patterns = (
        re.compile(f"[{re.escape(deleted)}]+|[{re.escape(expanded)}]"),
        re.compile(f"[{re.escape(deleted)}]+"),
        re.compile(f"[{re.escape(expanded)}]"),
    )
    return table, dense, patterns, sizes


#: Lookup value of a deleted character (not a code point, so never a real result).
_DELETED = 0xFFFFFFFF
#: Lookup value of a character that expands to several (translated by ``str.translate``).
_EXPANDED = 0xFFFFFFFE
#: Texts shorter than this take the ``str.translate`` path (numpy's fixed cost wins).
_NUMPY_MIN = 256


@lru_cache(maxsize=16)
def _lookup(teh_marbuta: bool, hamza: bool, digits: bool, quotes: bool) -> np.ndarray:
    """The translate table as a uint32 array over the Basic Multilingual Plane: the
    folded code point of each character, :data:`_DELETED` or :data:`_EXPANDED`."""
    table = _compiled(teh_marbuta, hamza, digits, quotes)[0]
    lookup = np.arange(0x10000, dtype=np.uint32)
    if max(table) > 0xFFFF:
        raise AssertionError("the folding table maps a character beyond the BMP")
    for code, replacement in table.items():
        if replacement is None:
            lookup[code] = _DELETED
        elif len(replacement) == 1:
            lookup[code] = ord(replacement)
        else:
            lookup[code] = _EXPANDED
    lookup.setflags(write=False)
    return lookup


def _folded_codes(source: str, lookup: np.ndarray) -> np.ndarray:
    """The code points of ``source`` (UTF-32, lone surrogates kept) mapped by ``lookup``;
    characters beyond the BMP are never mapped and stay as they are."""
    codes = np.frombuffer(source.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.max() > 0xFFFF:
        return np.where(codes > 0xFFFF, codes, lookup.take(codes & 0xFFFF))
    return lookup.take(codes)


def _as_text(codes: np.ndarray) -> str:
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _normalize_vectorised(source: str, text: str, lookup: np.ndarray) -> NormalizedText | None:
    """:func:`normalize` of a long ``source`` (``text`` with decomposed hamza composed)
    with numpy: the translation is one lookup over the code points and the segments of
    the offset map come from the positions of the deleted characters. ``None`` when a
    character expands (ligatures, presentation forms: the general path handles them).
    """
    folded = _folded_codes(source, lookup)
    top = folded.max()
    if top < _EXPANDED:  # nothing deleted or expanded
        return NormalizedText(_as_text(folded), text)
    if top == _EXPANDED or (folded == _EXPANDED).any():
        return None
    is_deleted = folded == _DELETED
    deleted = np.flatnonzero(is_deleted)
    # runs of consecutive deleted characters: [run_starts[k], run_ends[k])
    breaks = np.flatnonzero(np.diff(deleted) != 1)
    run_starts = deleted[np.concatenate(([0], breaks + 1))]
    run_ends = deleted[np.concatenate((breaks, [deleted.size - 1]))] + 1
    norm_starts = (run_ends - np.cumsum(run_ends - run_starts)).tolist()
    orig_starts = run_ends.tolist()
    if run_starts[0] != 0:  # the text does not start with a deletion
        norm_starts.insert(0, 0)
        orig_starts.insert(0, 0)
    folded_text = _as_text(folded[~is_deleted])
    if norm_starts[-1] == len(folded_text) and len(norm_starts) > 1:
        norm_starts.pop()  # a deletion at the very end leaves an empty last segment
        orig_starts.pop()
    return NormalizedText(folded_text, text, norm_starts, orig_starts, None)


def folding_table(
    *,
    teh_marbuta: bool = False,
    hamza: bool = False,
    digits: bool = True,
    quotes: bool = True,
    dense: bool = False,
) -> dict[int, str | None] | list[str | None]:
    """The ``str.translate`` table :func:`normalize` applies (without keeping offsets).

    A dict by default; ``dense=True`` gives the equivalent list indexed by code point
    that :func:`normalize` uses because it translates faster.
    """
    compiled = _compiled(teh_marbuta, hamza, digits, quotes)
    return list(compiled[1]) if dense else dict(compiled[0])


# Decomposed hamza seats (waw/yeh + combining hamza above, as NFD text has them) are
# composed first, so they fold exactly like the precomposed letters.
_DECOMPOSED_HAMZA = re.compile("[\u0648\u064a\u0649]\u0654")
_COMPOSE_HAMZA = {"\u0648": "\u0624", "\u064a": "\u0626", "\u0649": "\u0626"}


def _compose_hamza(text: str) -> str:
    """Same-length rewrite: the seat letter becomes the hamza letter, the mark stays."""
    return _DECOMPOSED_HAMZA.sub(lambda m: _COMPOSE_HAMZA[m.group()[0]] + "\u0654", text)


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and the way back to the original offsets.

    When characters were deleted or expanded the map is kept as segments: normalised
    offsets ``norm_starts[k] <= i < norm_starts[k + 1]`` map to
    ``orig_starts[k] + (i - norm_starts[k])`` for identity segments, and all to
    ``orig_starts[k]`` for the expansion of one original character (a ligature).
    ``identity`` is None when every segment is an identity segment (only deletions).
    """

    text: str
    original: str
    _norm_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _orig_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _identity: list[bool] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.text)

    @property
    def is_aligned(self) -> bool:
        """True when every normalised offset equals the original one."""
        return self._norm_starts is None

    @property
    def segments(self) -> tuple[tuple[int, int, bool], ...] | None:
        """``(norm_start, orig_start, is_identity)`` runs, or None when aligned."""
        if self._norm_starts is None:
            return None
        identity = self._identity or [True] * len(self._norm_starts)
        return tuple(zip(self._norm_starts, self._orig_starts, identity, strict=True))

    def _is_identity(self, k: int) -> bool:
        return self._identity is None or self._identity[k]

    def _clamp(self, index: int) -> int:
        """Offsets past the end mean the end (as slicing does); negative ones are a bug."""
        if index < 0:
            raise IndexError(f"normalised offset {index} is negative")
        return min(index, len(self.text))

    def to_original(self, index: int) -> int:
        """Original offset of the normalised character at ``index`` (``len`` maps to end)."""
        index = self._clamp(index)
        if self._norm_starts is None:
            return index
        if index == len(self.text):
            return len(self.original)
        k = bisect_right(self._norm_starts, index) - 1
        orig_start = self._orig_starts[k]
        return orig_start + (index - self._norm_starts[k]) if self._is_identity(k) else orig_start

    def to_original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised ``[start, end)`` to the original text.

        Combining marks (harakat, shadda) written after the last character stay in the
        span: they belong to that letter. Deleted characters before the first and after
        the last character (tatweel, invisibles) stay outside. An empty or reversed
        span gives an empty span at ``start``; offsets past the end mean the end.
        """
        start, end = self._clamp(start), self._clamp(end)
        if self._norm_starts is None:
            return start, max(start, end)
        o_start = self.to_original(start)
        if end <= start:
            return o_start, o_start
        o_end = self.to_original(end - 1) + 1
        original = self.original
        while o_end < len(original) and original[o_end] in _COMBINING:
            o_end += 1
        return o_start, o_end

    def to_original_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`to_original_span` of many ``(start, end)`` pairs at once (same results,
        far less overhead per span: extractors map all their spans in one call)."""
        size = len(self.text)
        norm_starts = self._norm_starts
        out: list[tuple[int, int]] = []
        append = out.append
        if norm_starts is None:
            for start, end in spans:
                if start < 0 or end < 0:
                    raise IndexError(f"normalised offset {start if start < 0 else end} is negative")
                start = start if start < size else size
                end = end if end < size else size
                append((start, end if end > start else start))
            return out
        identity = self._identity
        if identity is None:
            return self._deletion_spans(spans)
        orig_starts = self._orig_starts
        original = self.original
        orig_size = len(original)
        combining = _COMBINING
        for start, end in spans:
            if start < 0 or end < 0:
                raise IndexError(f"normalised offset {start if start < 0 else end} is negative")
            start = start if start < size else size
            end = end if end < size else size
            if start == size:
                o_start = orig_size
            else:
                k = bisect_right(norm_starts, start) - 1
                o_start = orig_starts[k]
                if identity is None or identity[k]:
                    o_start += start - norm_starts[k]
            if end <= start:
                append((o_start, o_start))
                continue
            last = end - 1
            k = bisect_right(norm_starts, last) - 1
            o_end = orig_starts[k]
            if identity is None or identity[k]:
                o_end += last - norm_starts[k]
            o_end += 1
            while o_end < orig_size and original[o_end] in combining:
                o_end += 1
            append((o_start, o_end))
        return out

    def _deletion_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`to_original_spans` when characters were only deleted: every segment is
        an identity segment, so an offset maps by adding its segment's shift."""
        size = len(self.text)
        norm_starts = self._norm_starts
        shifts = list(map(sub, self._orig_starts, norm_starts))
        original = self.original
        orig_size = len(original)
        combining = _COMBINING
        out: list[tuple[int, int]] = []
        append = out.append
        for start, end in spans:
            if start < 0 or end < 0:
                raise IndexError(f"normalised offset {start if start < 0 else end} is negative")
            if start < size:
                o_start = start + shifts[bisect_right(norm_starts, start) - 1]
            else:
                start, o_start = size, orig_size
            if end > size:
                end = size
            if end <= start:
                append((o_start, o_start))
                continue
            o_end = end + shifts[bisect_right(norm_starts, end - 1) - 1]  # last char + 1
            while o_end < orig_size and original[o_end] in combining:
                o_end += 1
            append((o_start, o_end))
        return out

    def to_normalized(self, index: int) -> int:
        """Normalised offset of the original ``index``: the first normalised character
        that comes from ``original[index:]`` (``len(original)`` and beyond map to
        ``len(text)``)."""
        if index < 0:
            raise IndexError(f"original offset {index} is negative")
        index = min(index, len(self.original))
        if self._norm_starts is None:
            return index
        k = bisect_right(self._orig_starts, index) - 1
        if k < 0:  # inside characters deleted at the very start
            return 0
        norm_start = self._norm_starts[k]
        if not self._is_identity(k):  # an expansion covers exactly one original character
            return norm_start if index == self._orig_starts[k] else self._segment_end(k)
        candidate = norm_start + (index - self._orig_starts[k])
        return min(candidate, self._segment_end(k))

    def to_normalized_many(self, offsets: Iterable[int]) -> list[int]:
        """:meth:`to_normalized` of many original offsets at once (same results, about a
        third of the cost: the mapping is inlined instead of one method call per offset)."""
        offsets = list(offsets)
        negative = next((o for o in offsets if o < 0), None)
        if negative is not None:
            raise IndexError(f"original offset {negative} is negative")
        size = len(self.original)
        norm_starts = self._norm_starts
        if norm_starts is None:
            return [o if o < size else size for o in offsets]
        orig_starts, identity = self._orig_starts, self._identity
        total, count = len(self.text), len(norm_starts)
        out: list[int] = []
        append = out.append
        for index in offsets:
            index = index if index < size else size
            k = bisect_right(orig_starts, index) - 1
            if k < 0:  # inside characters deleted at the very start
                append(0)
                continue
            segment_end = norm_starts[k + 1] if k + 1 < count else total
            if identity is None or identity[k]:
                candidate = norm_starts[k] + index - orig_starts[k]
                append(candidate if candidate < segment_end else segment_end)
            else:  # an expansion covers exactly one original character
                append(norm_starts[k] if index == orig_starts[k] else segment_end)
        return out

    def _segment_end(self, k: int) -> int:
        return self._norm_starts[k + 1] if k + 1 < len(self._norm_starts) else len(self.text)

    def offsets(self) -> list[int]:
        """Original offset of every normalised character, plus one for the end."""
        if self._norm_starts is None:
            return list(range(len(self.text) + 1))
        out: list[int] = []
        for k, (norm_start, orig_start) in enumerate(
            zip(self._norm_starts, self._orig_starts, strict=True)
        ):
            size = self._segment_end(k) - norm_start
            if self._is_identity(k):
                out.extend(range(orig_start, orig_start + size))
            else:
                out.extend([orig_start] * size)
        out.append(len(self.original))
        return out

    def iter_segments(self) -> Iterator[tuple[int, int, int, int]]:
        """``(norm_start, norm_end, orig_start, orig_end)`` for each identity segment."""
        if self._norm_starts is None:
            yield 0, len(self.text), 0, len(self.original)
            return
        for k, norm_start in enumerate(self._norm_starts):
            if self._is_identity(k):
                norm_end = self._segment_end(k)
                orig_start = self._orig_starts[k]
                yield norm_start, norm_end, orig_start, orig_start + norm_end - norm_start


def normalize(
    text: str,
    *,
    teh_marbuta: bool = False,
    hamza: bool = False,
    digits: bool = True,
    quotes: bool = True,
) -> NormalizedText:
    """Fold Arabic spelling variants, keeping a map back to the original offsets.

    Always: alef forms (أ إ آ ٱ) -> ا; alef maqsura and Persian yeh (ى ی) -> ي; keheh,
    gaf and Maghrebi ڭ -> ك; borrowed letters (پ ڤ چ ژ ڨ) -> ب ف ج ز ق; heh variants
    -> ه; diacritics, tatweel and invisible/bidi characters removed; exotic spaces ->
    space; U+2028/U+2029 -> newline; Arabic decimal/thousands separators and percent
    sign -> ``. , %``; dashes -> ``-``; presentation forms and ligatures decomposed.
    Options: ``teh_marbuta`` (ة -> ه), ``hamza`` (ؤ ئ -> و ي, lone ء removed),
    ``digits`` (Arabic-Indic and Persian digits -> ASCII), ``quotes`` (every quotation
    mark -> ``"`` or ``'``).
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() needs str, got {type(text).__name__}")
    _, table, patterns, sizes = _compiled(teh_marbuta, hamza, digits, quotes)
    lookup = _lookup(teh_marbuta, hamza, digits, quotes)
    pattern, deletions, expansions = patterns
    source = _compose_hamza(text) if "\u0654" in text else text
    if len(source) >= _NUMPY_MIN:
        vectorised = _normalize_vectorised(source, text, lookup)
        if vectorised is not None:
            return vectorised
    first = pattern.search(source)
    if first is None:
        return NormalizedText(source.translate(table), text)

    folded = source.translate(table)
    if expansions.search(source, first.start()) is None:
        norm_starts, orig_starts = _deletion_map(source, deletions, first.start())
        identity = None
    else:
        norm_starts, orig_starts, identity = _general_map(source, pattern, first.start(), sizes)
    if norm_starts[-1] == len(folded) and len(norm_starts) > 1:
        norm_starts.pop()  # a deletion at the very end leaves an empty last segment
        orig_starts.pop()
        if identity is not None:
            identity.pop()
    return NormalizedText(folded, text, norm_starts, orig_starts, identity)


# Above this many deletion runs in a 1000-character sample the text is vocalised
# throughout, and splitting beats collecting match objects.
_DENSE_RUNS = 40


def _deletion_map(
    source: str, deletions: re.Pattern[str], first: int
) -> tuple[list[int], list[int]]:
    """Segments when characters are only deleted: vectorised, no per-run Python code."""
    if len(deletions.findall(source, first, first + 1000)) > _DENSE_RUNS:
        kept = deletions.split(source)
        norm_starts = list(accumulate(map(len, kept[:-1]), initial=0))
        removed = accumulate(map(len, deletions.findall(source)), initial=0)
        orig_starts = list(map(add, norm_starts, removed))
        if not kept[0]:  # the text starts with a deletion: no empty first segment
            del norm_starts[0], orig_starts[0]
        return norm_starts, orig_starts
    matches = list(deletions.finditer(source, first))
    ends = list(map(re.Match.end, matches))
    removed_after = list(accumulate(map(sub, ends, map(re.Match.start, matches))))
    norm_starts = list(map(sub, ends, removed_after))
    if matches[0].start() == 0:  # the text starts with a deletion: no empty first segment
        return norm_starts, ends
    return [0, *norm_starts], [0, *ends]


def _general_map(
    source: str, pattern: re.Pattern[str], first: int, sizes: dict[str, int]
) -> tuple[list[int], list[int], list[bool]]:
    """Segments when some characters expand (ligatures): one step per special run."""
    norm_starts = [0]
    orig_starts = [0]
    identity = [True]
    shift = 0  # original offset minus normalised offset after the current position
    for match in pattern.finditer(source, first):
        start, end = match.span()
        norm = start - shift
        if norm_starts[-1] == norm:  # the previous segment is empty: replace it
            norm_starts.pop()
            orig_starts.pop()
            identity.pop()
        size = sizes[source[start]]
        if size:  # one character expanded to `size`
            norm_starts.append(norm)
            orig_starts.append(start)
            identity.append(False)
            norm += size
        norm_starts.append(norm)
        orig_starts.append(end)
        identity.append(True)
        shift += end - start - size
    return norm_starts, orig_starts, identity
