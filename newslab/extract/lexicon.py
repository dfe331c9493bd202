"""Built-in ``lexicon`` extractor: loaded and evaluative terms, for comparing outlets.

Which words an outlet chooses says how it frames a story: جيش الاحتلال or الجيش
الإسرائيلي, الشهيد or قتل, النظام for a government, an insult slipped into a sentence.
The terms live in a user-editable CSV shipped with newslab (``newslab/data/lexicon.csv``,
columns ``term, category, note``); neutral namings are listed too (category
``naming_neutral``) so that outlets can be compared on the same referents. Plugins add
rows through the ``newslab_lexicon`` hook, and users pass their own CSV files.

Matching runs on normalised text (alef, yeh, diacritics, tatweel folded) with the
proclitics و ف ب ل ك in front of a term (``وجيش الاحتلال``, ``للاحتلال``). A term
written with a trailing ``*`` also matches when glued onto the next word (``القذرضيفا``)
— that is how inserted insults often appear. All terms go into one compiled pattern
whose alternatives are arranged as a trie, so the whole text is read once.

Spans cover the word as written, clitics included; ``value`` is the lexicon's term,
``label`` and ``attrs["category"]`` its category, ``attrs["note"]`` its note.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar

from newslab.arabic.normalize import normalize
from newslab.errors import PluginError
from newslab.extract.base import Context, Extractor
from newslab.hooks import hookimpl
from newslab.spans import Span

__all__ = ["DEFAULT_LEXICON", "LexiconEntry", "LexiconExtractor", "read_lexicon", "trie_pattern"]

#: The lexicon shipped with newslab.
DEFAULT_LEXICON = files("newslab") / "data" / "lexicon.csv"

_GLUE = "*"


@dataclass(frozen=True)
class LexiconEntry:
    """One row of a lexicon: a term, its category and a note; ``glued`` for ``term*``."""

    term: str
    category: str
    note: str = ""
    glued: bool = False
    source: str = ""


def read_lexicon(path: str | os.PathLike[str]) -> list[LexiconEntry]:
    """Read a lexicon CSV (columns ``term``, ``category``, optional ``note``)."""
    path = Path(str(path)) if not hasattr(path, "open") else path
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"term", "category"} - set(reader.fieldnames or ())
            if missing:
                raise PluginError(f"{path}:1: lexicon lacks column(s) {', '.join(sorted(missing))}")
            entries = []
            for row in reader:
                where = f"{path}:{reader.line_num}"
                entries.append(_entry(row, where, source=str(path)))
            return entries
    except FileNotFoundError:
        raise PluginError(f"{path}: lexicon file not found") from None
    except UnicodeDecodeError as exc:
        raise PluginError(f"{path}: lexicon is not UTF-8 ({exc.reason})") from None


def _entry(row: Mapping[str, Any], where: str, source: str) -> LexiconEntry:
    term = str(row.get("term") or "").strip()
    category = str(row.get("category") or "").strip()
    if not term or not category:
        raise PluginError(f"{where}: a lexicon row needs a term and a category, got {dict(row)!r}")
    glued = term.endswith(_GLUE)
    term = term.rstrip(_GLUE).strip()
    if not normalize(term).text.strip():
        raise PluginError(f"{where}: lexicon term {row.get('term')!r} is empty once normalised")
    return LexiconEntry(term, category, str(row.get("note") or "").strip(), glued, source)


# ------------------------------------------------------------------ the pattern


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of ``phrases`` arranged as a trie.

    ``(?:جيش|جماعة)`` becomes ``ج(?:يش|ماعة)``: the engine tries each first letter once
    instead of every phrase in turn, several times faster on long lists. Longer phrases
    are tried first at each branch; a space matches any run of whitespace.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(trie) or "(?!)"


def _branch(node: dict[str, dict]) -> str:
    ends_here = "" in node
    parts = [
        (r"\s+" if char == " " else re.escape(char)) + _branch(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 and not ends_here else "(?:" + "|".join(parts) + ")"
    if ends_here:
        if len(parts) == 1:
            body = "(?:" + body + ")"
        return body + "?"
    return body


_PROCLITICS = r"(?:[وف]?[بك]?|[وف]?ل(?!ل))"  # و ف then ب ك ل (لل is handled as ل+ال)


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern[str]
    by_form: dict[str, list[LexiconEntry]]
    candidates: re.Pattern[str]


def _key(text: str) -> str:
    return " ".join(text.split())


def _compile(entries: Sequence[LexiconEntry]) -> _Compiled:
    by_form, bounded, glued = _forms(entries)
    return _Compiled(_term_pattern(bounded, glued), by_form, _candidate_starts(bounded | glued))


def _forms(
    entries: Sequence[LexiconEntry],
) -> tuple[dict[str, list[LexiconEntry]], set[str], set[str]]:
    """Normalised form -> its entries; the forms matched as whole words; those that
    may be glued onto the next word."""
    by_form: dict[str, list[LexiconEntry]] = {}
    bounded: set[str] = set()
    glued: set[str] = set()
    for entry in entries:
        form = _key(normalize(entry.term).text)
        forms = [form]
        if form.startswith("ال") and len(form) > 3:
            forms.append("لل" + form[2:])  # ل + الاحتلال = للاحتلال
        for variant in forms:
            rows = by_form.setdefault(variant, [])
            if all((e.term, e.category) != (entry.term, entry.category) for e in rows):
                rows.append(entry)
            (glued if entry.glued else bounded).add(variant)
    return by_form, bounded, glued


def _term_pattern(bounded: set[str], glued: set[str]) -> re.Pattern[str]:
    """One pattern for all forms: a word start, proclitics, then a bounded or a glued form."""
    return re.compile(
        rf"(?<!\w){_PROCLITICS}(?:(?P<bounded>{trie_pattern(bounded)})(?!\w)"
        rf"|(?P<glued>{trie_pattern(glued)}))"
    )


#: Every run of proclitic letters :data:`_PROCLITICS` matches (its ``(?!ل)`` aside).
_PROCLITIC_RUNS = ("", "و", "ف", "ب", "ك", "ل", "وب", "وك", "فب", "فك", "ول", "فل")
#: Word characters (``\w``) of Arabic and ASCII text. Every other character, the
#: non-word ones included, is in the class that starts :func:`_candidate_starts`: a
#: class of ranges is tested about a third faster than ``\W`` at each character.
_COMMON_WORD_CHARS = "0-9A-Z_a-z\u0620-\u064a\u0660-\u0669\u066e-\u066f\u0671-\u06d3\u06f0-\u06f9"


def _candidate_starts(forms: set[str]) -> re.Pattern[str]:
    """A character that is not a common word character (see :data:`_COMMON_WORD_CHARS`)
    followed by a run of proclitics and one of ``forms``: the match ends where the term
    pattern may match, and every place after position 0 where it matches is found.

    The lookahead asks the text only for what every match of the term pattern has (a
    form, after one of :data:`_PROCLITIC_RUNS`), so it rejects nearly every word start,
    and the term pattern runs at the few that are left. Each run is written out in
    front of each form, in one trie: one walk per word start, where a run of proclitic
    letters matched apart would be backed off letter by letter, the trie walked after each.
    """
    return _candidate_pattern(frozenset(forms))


@lru_cache(maxsize=8)
def _candidate_pattern(forms: frozenset[str]) -> re.Pattern[str]:
    """:func:`_candidate_starts`, built once per set of forms (its trie of every run
    before every form takes some 40 ms to build and compile: extractors made afresh
    with the same lexicon share it)."""
    prefixed = {run + form for run in _PROCLITIC_RUNS for form in forms}
    return re.compile(rf"[^{_COMMON_WORD_CHARS}](?={trie_pattern(prefixed)})")


def _term_matches(compiled: _Compiled, text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """``(start, match)`` for each match of ``compiled.pattern.finditer(text)``, in order.

    The pattern can only match at a word start: position 0, or right after a non-word
    character where :attr:`_Compiled.candidates` matches. It is tried there only; as
    ``finditer`` does, a place is skipped when the previous match runs past it.
    """
    match = compiled.pattern.match
    end = 0
    first = match(text)
    if first is not None:
        end = first.end()
        yield 0, first
    for candidate in compiled.candidates.finditer(text):
        start = candidate.end()
        if start >= end:
            found = match(text, start)
            if found is not None:
                end = found.end()
                yield start, found


# ------------------------------------------------------------------ the extractor


class LexiconExtractor(Extractor):
    """Loaded and evaluative terms (naming choices, insults, intensifiers) per category."""

    name = "lexicon"
    kinds = ("lexicon",)
    labels: ClassVar[dict[str, tuple[str, ...]]] = {}
    description = "Loaded, evaluative and neutral naming terms from an editable lexicon"

    def __init__(
        self,
        *paths: str | os.PathLike[str],
        entries: Iterable[Mapping[str, Any] | LexiconEntry] = (),
        default: bool = True,
    ) -> None:
        """``paths``: lexicon CSV files added to (``default=True``) or replacing the
        shipped one; ``entries``: rows as dicts (``term``, ``category``, ``note``)."""
        self.paths = tuple(paths)
        self.entries = tuple(entries)
        self.default = default
        self._compiled: _Compiled | None = None

    def terms(self) -> list[LexiconEntry]:
        """Every lexicon entry in use, in load order (shipped, files, given entries)."""
        out: list[LexiconEntry] = []
        if self.default:
            out += read_lexicon(DEFAULT_LEXICON)
        for path in self.paths:
            out += read_lexicon(path)
        for index, row in enumerate(self.entries):
            if isinstance(row, LexiconEntry):
                out.append(row)
            else:
                source = str(row.get("plugin") or "entries")
                out.append(_entry(row, f"lexicon entry {index} from {source}", source))
        return out

    def _pattern(self) -> _Compiled:
        if self._compiled is None:
            self._compiled = _compile(self.terms())
        return self._compiled

    def extract(self, article: Any, context: Context | None = None) -> Iterator[Span]:
        text = article.text
        if not text:
            return
        compiled = self._pattern()
        nt = context.normalized if context is not None else normalize(text)
        for found, match in _term_matches(compiled, nt.text):
            group = "bounded" if match.group("bounded") is not None else "glued"
            form = _key(match.group(group))
            start, end = nt.to_original_span(found, match.end(group))
            written = text[start:end]
            for entry in compiled.by_form.get(form, ()):
                if group == "glued" and not entry.glued:
                    continue
                attrs = {"category": entry.category, "note": entry.note}
                if (
                    group == "glued"
                    and match.end(group) < len(nt.text)
                    and nt.text[match.end(group)].isalnum()
                ):
                    attrs["glued"] = True
                yield Span(start, end, "lexicon", entry.category, entry.term, attrs, text=written)


@hookimpl
def newslab_extractors(registry: Any) -> list[Extractor]:
    """The lexicon extractor, with the terms other plugins add via ``newslab_lexicon``."""
    return [LexiconExtractor(entries=registry.lexicon_entries())]
