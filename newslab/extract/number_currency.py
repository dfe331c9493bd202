"""Currency words → ISO 4217, with country evidence for the ambiguous ones.

The table lives in ``newslab/data/currencies.csv`` (one row per currency: its family
noun, nationality adjectives, country cues and country-code TLD). Nouns shared by
several countries (درهم، ريال، دينار، جنيه، ليرة، فرنك) are resolved by an explicit
adjective (``ريال قطري``); failing that by which country the article talks about most;
failing that by the family default, flagged as a guess.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import regex

from newslab.arabic.normalize import normalize
from newslab.extract.number_words import KeyedScan, trie_pattern

__all__ = ["AMBIGUOUS_FAMILIES", "CurrencyMatch", "CurrencyTable", "currency_table"]

#: Family -> surface forms of its noun (normalised text), including common typos.
FAMILY_NOUNS: dict[str, tuple[str, ...]] = {
    "dollar": ("دولار", "دولارا", "دولارات", "الدولارات", "دولر", "دولا", "dollars", "dollar"),
    "euro": ("يورو", "اليورو", "يوروهات", "اورو", "الاورو", "euros", "euro"),
    "dirham": ("درهم", "درهما", "دراهم", "الدراهم", "dirhams"),
    "riyal": ("ريال", "ريالا", "ريالات", "الريالات", "riyals"),
    "dinar": ("دينار", "دينارا", "دنانير", "الدنانير", "dinars"),
    "pound": ("جنيه", "جنيها", "جنيهات", "الجنيهات", "جنية"),
    "lira": ("ليرة", "ليره", "ليرات", "الليرات"),
    "shekel": ("شيكل", "شيكلا", "شيقل", "شيقلا", "شيكلات", "شواكل", "شيقلات"),
    "ruble": ("روبل", "روبلا", "روبلات"),
    "yen": ("ين",),
    "yuan": ("يوان", "يوانا"),
    "franc": ("فرنك", "فرنكا", "فرنكات"),
}

#: Families whose noun alone does not tell the country.
AMBIGUOUS_FAMILIES = frozenset({"dirham", "riyal", "dinar", "pound", "lira", "franc"})

_CUE_PREFIXES = (
    "",
    "و",
    "ب",
    "ل",
    "ف",
    "ك",
    "وب",
    "ول",
    "ال",
    "وال",
    "بال",
    "لل",
    "فال",
    "كال",
    "ولل",
)
_CUE_SUFFIXES = ("", "ة", "ه", "ية", "يه", "ين", "يين", "ون", "يون", "ات", "ان", "ا")
_NON_WORD = regex.compile(r"\W")
_NON_WORD_BEFORE = regex.compile(r"(?r)\W")  # searches backwards

SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "US$": "USD"}


@dataclass(frozen=True)
class CurrencyMatch:
    """A currency expression found at ``[start, end)`` of the normalised text."""

    start: int
    end: int
    family: str
    code: str | None  # None: ambiguous noun without adjective, resolve with evidence


@dataclass(frozen=True)
class _Row:
    code: str
    family: str
    default: bool
    adjectives: tuple[str, ...]
    cues: tuple[str, ...]
    tld: str


class CurrencyTable:
    """Matches currency words after an amount and resolves them to ISO codes."""

    def __init__(self, rows: list[_Row]):
        self.rows = rows
        self.defaults = {r.family: r.code for r in rows if r.default}
        self._adjectives: dict[tuple[str, str], str] = {}
        for r in rows:
            for adj in r.adjectives:
                self._adjectives[(r.family, adj)] = r.code
        adjectives = {a for r in rows for a in r.adjectives}
        self.adjective_re = re.compile(
            r"[ \t]{1,3}(?:ال)?(" + trie_pattern(adjectives) + r")(?:ة|ه|ين|ون|ات)?(?!\w)"
        )
        codes = sorted({r.code for r in rows}, key=len, reverse=True)
        self.code_before_re = re.compile(
            r"(US\$|[$€£]|(?<![A-Za-z])(?:" + "|".join(codes) + r"))[ \t]{0,2}$"
        )
        # country cues, expanded with clitics and nisba endings, for a word lookup
        self._cue_words: dict[str, str] = {}
        self._cue_phrases: dict[str, str] = {}
        for r in rows:
            for cue in r.cues:
                if " " in cue:
                    self._cue_phrases[cue] = r.code
                    continue
                for prefix in _CUE_PREFIXES:
                    for suffix in _CUE_SUFFIXES:
                        self._cue_words.setdefault(prefix + cue + suffix, r.code)
        self._tld = {r.tld: r.code for r in rows if r.tld}
        self._codes: dict[str | None, frozenset[str]] = {None: frozenset(r.code for r in rows)}
        for family in {r.family for r in rows}:
            self._codes[family] = frozenset(r.code for r in rows if r.family == family)
        self._candidates = {f: [r.code for r in rows if r.family == f] for f in self._codes}
        #: one cue scan per set of families asked for together (bounded: few sets occur)
        self._stems = lru_cache(maxsize=64)(self._stem_pattern)

    # ------------------------------------------------------------------ matching

    def adjective_code(self, family: str, text: str, pos: int) -> tuple[str | None, int]:
        """Code of a ``family`` noun ending at ``pos``, read from a nationality adjective
        after it (``ريال قطري``); ``(None, pos)`` for an ambiguous noun without one."""
        code = None if family in AMBIGUOUS_FAMILIES else self.defaults[family]
        adj = self.adjective_re.match(text, pos)
        if adj is not None:
            adj_code = self._adjectives.get((family, adj.group(1)))
            if adj_code is not None:
                return adj_code, adj.end()
        return code, pos

    def symbol_code(self, symbol: str) -> str:
        """ISO code of a currency symbol or code (``$`` -> ``USD``, ``EUR`` -> ``EUR``)."""
        return SYMBOLS.get(symbol, symbol.upper())

    def match_before(self, text: str, pos: int) -> CurrencyMatch | None:
        """A symbol or ISO code written right before an amount starting at ``pos`` (``$500``)."""
        window_start = max(0, pos - 6)
        m = self.code_before_re.search(text, window_start, pos)
        if m is None:
            return None
        symbol = m.group(1)
        return CurrencyMatch(m.start(1), m.end(1), "symbol", SYMBOLS.get(symbol, symbol))

    # ------------------------------------------------------------------ evidence

    def country_evidence(
        self, text: str, url: str = "", family: str | None = None
    ) -> dict[str, int]:
        """How often the article mentions each currency's country (cue words, URL TLD);
        only the currencies of ``family`` when given (all that :meth:`resolve` needs)."""
        return self.family_evidence(text, url, (family,))[family]

    def family_evidence(
        self, text: str, url: str, families: Iterable[str | None]
    ) -> dict[str | None, dict[str, int]]:
        """:meth:`country_evidence` of each of ``families`` (``None``: every currency),
        from one scan of ``text`` for the cue words of all of them: the scan, not the
        counting, is what costs, and one scan for several families costs little more
        than one for a single family."""
        families = sorted(set(families), key=str)
        words = _words_with_stem(text, self._stems(tuple(families)))
        host = urlsplit(url).hostname or "" if url else ""
        tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
        evidence: dict[str | None, dict[str, int]] = {}
        for family in families:
            codes = self._codes[family]
            counts: dict[str, int] = {}
            for word, n in words.items():
                code = self._cue_words.get(word)
                if code in codes:
                    counts[code] = counts.get(code, 0) + n
            for phrase, code in self._cue_phrases.items():
                n = text.count(phrase) if code in codes else 0
                if n:
                    counts[code] = counts.get(code, 0) + n
            if self._tld.get(tld) in codes:
                code = self._tld[tld]
                counts[code] = counts.get(code, 0) + 2
            evidence[family] = counts
        return evidence

    def resolve(self, family: str, evidence: Mapping[str, int]) -> tuple[str, bool]:
        """ISO code for an ambiguous ``family`` noun; ``(code, guessed)``."""
        scored = [(evidence.get(code, 0), code) for code in self._candidates[family]]
        best = max(score for score, _ in scored)
        if best > 0:
            top = [code for score, code in scored if score == best]
            if len(top) == 1:
                return top[0], False
            default = self.defaults[family]
            return (default if default in top else top[0]), True
        return self.defaults[family], True

    def _stem_pattern(self, families: tuple[str | None, ...]) -> KeyedScan:
        """A scan for the one-word country cues of ``families``."""
        codes = frozenset().union(*(self._codes[f] for f in families))
        return KeyedScan(
            cue for r in self.rows if r.code in codes for cue in r.cues if " " not in cue
        )


@lru_cache(maxsize=1)
def currency_table() -> CurrencyTable:
    """The currency table shipped with newslab (read once)."""
    source = resources.files("newslab") / "data" / "currencies.csv"
    rows: list[_Row] = []
    with source.open(encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            try:
                rows.append(
                    _Row(
                        code=record["code"].strip(),
                        family=record["family"].strip(),
                        default=record["default"].strip() == "1",
                        adjectives=_split(record["adjectives"]),
                        cues=_split(record["country_cues"]),
                        tld=record["tld"].strip(),
                    )
                )
            except (KeyError, AttributeError) as exc:
                raise ValueError(f"{source}:{line}: bad currency row ({exc})") from exc
    families = {r.family for r in rows}
    missing = [f for f in FAMILY_NOUNS if f not in families]
    if missing:
        raise ValueError(f"{source}: no currency rows for famil(ies) {', '.join(missing)}")
    return CurrencyTable(rows)


def _words_with_stem(text: str, stems: KeyedScan) -> Counter[str]:
    """How often each word of ``text`` that contains one of ``stems`` occurs.

    A word is a run of ``\\w`` as :mod:`regex` defines it. Finding the stems and
    widening each to its word reads only the words that can be cue words, which is
    much cheaper than splitting the whole article into words; linear time, since the
    stems inside a word already read are skipped. A blank next to the stem ends the
    word without a regex search (the common case). A stem the scan skips overlaps one
    it found, in the same word (stems are letters), so every such word is read."""
    words: list[str] = []
    word_end = 0
    size = len(text)
    for start, end in sorted(stems.spans(text)):
        if start < word_end:
            continue
        if start > word_end and text[start - 1] != " ":
            before = _NON_WORD_BEFORE.search(text, word_end, start)
            start = before.end() if before is not None else word_end
        if end < size and text[end] != " ":
            after = _NON_WORD.search(text, end)
            end = after.start() if after is not None else size
        word_end = end
        words.append(text[start:end])
    return Counter(words)


def _split(cell: str | None) -> tuple[str, ...]:
    """``a|b`` -> normalised ``("a", "b")``: the table is matched on normalised text."""
    parts = (part.strip() for part in (cell or "").split("|"))
    return tuple(" ".join(normalize(part).text.split()) for part in parts if part)
