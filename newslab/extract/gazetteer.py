"""The entity gazetteer: known names compiled into one regular expression.

Entries come from CLDR (Babel's Arabic and English territory names), the CSV files in
``newslab/data/gazetteer/``, files a user passes (CSV or YAML with the columns ``name``,
``type``, ``canonical`` and optionally ``subtype`` and ``context``) and plugins'
``newslab_gazetteer`` hook. Later sources override earlier ones for the same name.

Matching runs on normalised text (:func:`newslab.arabic.normalize`) with a single
trie-shaped regex, so its cost does not grow with the number of entries. Each Arabic
name also matches with the proclitics news text glues to it (و ف ب ك ل, and ل + ال
written ``لل``: ``للمغرب``) and with the spelling variants folded by
:func:`newslab.extract.entity_text.key` (teh marbuta, hamza seats).

``context`` marks ambiguous names: ``locative`` names (``مالي`` is also "financial")
match only after a place word or preposition; ``marked`` names (``العربية``, ``فتح``)
only inside quotation marks or after a word such as قناة / حركة.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from newslab.errors import NewslabError
from newslab.extract.entity_text import NATIONALITY, TOKEN, key

__all__ = [
    "DATA_DIR",
    "LABELS",
    "Entry",
    "Gazetteer",
    "GazetteerError",
    "GazetteerMatch",
    "default_gazetteer",
    "read_entries",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
LABELS = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
_CONTEXTS = ("", "locative", "marked")

# CLDR territory codes that are not countries, and the short canonical names news uses.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "XA", "XB", "ZZ", "QO", "001"}
_SHORT_NAMES = {
    "AE": "الإمارات",
    "SA": "السعودية",
    "GB": "بريطانيا",
    "PS": "فلسطين",
    "US": "الولايات المتحدة",
    "OM": "عمان",
    "HK": "هونغ كونغ",
    "MO": "ماكاو",
    "MM": "ميانمار",
    "CD": "الكونغو الديمقراطية",
    "CG": "الكونغو",
    "DK": "الدنمارك",
}


class GazetteerError(NewslabError, ValueError):
    """A gazetteer file or entry that cannot be used (message names file and line)."""


@dataclass(frozen=True)
class Entry:
    """One known name: surface ``name``, entity ``label`` and its ``canonical`` form."""

    name: str
    label: str
    canonical: str
    subtype: str = ""
    context: str = ""
    source: str = ""


class GazetteerMatch(NamedTuple):
    """A gazetteer hit in normalised text: ``[start, end)`` includes the proclitics."""

    start: int
    end: int
    prefix: int
    entry: Entry


@lru_cache(maxsize=65536)
def match_key(text: str) -> str:
    """Lookup key of a name: tokens keyed and space-joined; Latin keeps its case."""
    return " ".join(key(t) if not t.isascii() else t for t in TOKEN.findall(text))


# ---------------------------------------------------------------------- loading


def read_entries(path: str | os.PathLike[str], source: str = "") -> list[Entry]:
    """Read a CSV or YAML gazetteer file; errors name the file and line (or item)."""
    path = Path(path)
    source = source or str(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise GazetteerError(f"{path}: gazetteer file not found")
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, source)
    if suffix not in (".csv", ".tsv", ".txt"):
        raise GazetteerError(f"{path}: unsupported gazetteer format {suffix!r}; use .csv or .yaml")
    entries = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ",")
        missing = [c for c in ("name", "type") if c not in (reader.fieldnames or ())]
        if missing:
            raise GazetteerError(f"{path}:1: header lacks column(s) {', '.join(missing)}")
        for row in reader:
            entries.append(entry_from_mapping(row, f"{path}:{reader.line_num}", source))
    return entries


def _read_yaml(path: Path, source: str) -> list[Entry]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise GazetteerError(f"{path}{line}: not valid YAML ({exc})") from None
    if isinstance(data, Mapping):
        data = data.get("entries")
    if not isinstance(data, list):
        raise GazetteerError(f"{path}: expected a list of entries (or a mapping with 'entries')")
    return [
        entry_from_mapping(item, f"{path}: entry {i + 1}", source) for i, item in enumerate(data)
    ]


def entry_from_mapping(row: Any, where: str, source: str = "") -> Entry:
    """Validate one ``{"name", "type", "canonical", ...}`` mapping into an :class:`Entry`."""
    if not isinstance(row, Mapping):
        raise GazetteerError(f"{where}: entry must be a mapping, got {type(row).__name__}")
    name = str(row.get("name") or "").strip()
    label = str(row.get("type") or row.get("label") or "").strip().upper()
    if not name:
        raise GazetteerError(f"{where}: missing name")
    if label not in LABELS:
        raise GazetteerError(f"{where}: type {label!r} is not one of {' '.join(LABELS)}")
    context = str(row.get("context") or "").strip()
    if context not in _CONTEXTS:
        raise GazetteerError(f"{where}: context {context!r} is not one of {_CONTEXTS[1:]}")
    if not TOKEN.search(name):
        raise GazetteerError(f"{where}: name {name!r} has no letters or digits")
    canonical = str(row.get("canonical") or "").strip() or name
    return Entry(name, label, canonical, str(row.get("subtype") or "").strip(), context, source)


def cldr_entries() -> list[Entry]:
    """Countries and world regions from CLDR: Arabic names, plus English for Latin text."""
    from babel import Locale

    arabic = Locale("ar").territories
    english = Locale("en").territories
    entries = []
    for code, name in arabic.items():
        if code in _NOT_COUNTRIES:
            continue
        name = re.sub(r"\s*\(.*?\)", "", name).strip()
        if code.isdigit():
            entries.append(Entry(name, "LOC", name, "region", "", "cldr"))
            continue
        canonical = _SHORT_NAMES.get(code, name)
        entries.append(Entry(name, "GPE", canonical, "country", "", "cldr"))
        if code in english:
            latin = re.sub(r"\s*\(.*?\)", "", english[code]).strip()
            entries.append(Entry(latin, "GPE", canonical, "country", "", "cldr"))
    return entries


def builtin_entries() -> list[Entry]:
    """CLDR names followed by every CSV file shipped in :data:`DATA_DIR`."""
    entries = cldr_entries()
    for path in sorted(DATA_DIR.glob("*.csv")):
        if path.name == "given_names.csv":
            continue
        entries.extend(read_entries(path, source=f"newslab:{path.name}"))
    return entries


# --------------------------------------------------------------------- matching

_SEP = "\x00"  # optional separator (between letters and digits: فرانس24 / فرانس 24)
# key folds hamza seats and drops a lone hamza, so the regex lets them back in
_CLASSES = {"ه": "[هة]", "ي": "[يئى]ء?", "و": "[وؤ]ء?", "ا": "[اأإآ]ء?"}
_LOCATIVE = frozenset(
    key(w)
    for w in [
        "في",
        "الى",
        "إلى",
        "من",
        "مدينة",
        "بلدة",
        "دولة",
        "جمهورية",
        "عاصمة",
        "العاصمة",
        "شمال",
        "جنوب",
        "شرق",
        "غرب",
        "وسط",
        "قرب",
        "حكومة",
        "رئيس",
        "سفارة",
        "سفير",
        "حدود",
        "داخل",
        "خارج",
        "شمالي",
        "جنوبي",
        "شرقي",
        "غربي",
        # places along a coast, a sea or inside a region (عبر المتوسط, محافظة جبلة)
        "عبر",
        "قبالة",
        "سواحل",
        "مياه",
        "ضفتي",
        "ضفاف",
        "محافظة",
        "ولاية",
        "منطقة",
        "إقليم",
        "بلدية",
        "قضاء",
        "ريف",
        "أنحاء",
        "ضواحي",
        "شوارع",
        "مخيم",
    ]
)
_MARKERS = frozenset(
    key(w)
    for w in [
        "قناة",
        "صحيفة",
        "جريدة",
        "وكالة",
        "موقع",
        "حركة",
        "حزب",
        "تنظيم",
        "جماعة",
        "شركة",
        "مجموعة",
        "تلفزيون",
        "إذاعة",
        "مجلة",
        "منصة",
        "القناة",
        "الصحيفة",
        "مراسل",
        "مراسلة",
        "مذيع",
        "مذيعة",
        # clubs named by a common word (الاتفاق, الوحدة) follow these
        "نادي",
        "النادي",
        "فريق",
        "لاعب",
        "لاعبي",
        "مدرب",
        "نجم",
        "مباراة",
        "جماهير",
        "مشجعي",
    ]
)
_PREV_TOKEN = re.compile(r"([^\W\d_]+)[^\S\n]{0,3}$")
_NEXT_TOKEN = re.compile(r"[ ]{1,2}([^\W\d_]+)")


class Gazetteer:
    """Known names compiled for fast matching. Build with :meth:`from_entries`."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_key: dict[str, Entry] = {}
        for entry in entries:
            k = match_key(entry.name)
            if k:
                self.by_key[k] = entry
            if entry.subtype == "country" and not entry.name.isascii():
                for head in ("دولة", "جمهورية"):
                    alias = f"{head} {entry.name}"
                    self.by_key.setdefault(
                        match_key(alias),
                        Entry(alias, entry.label, entry.canonical, "country", "", entry.source),
                    )
        self._pattern = _compile(self.by_key)
        self._entry_of: dict[str, Entry | None] = {}  # name as matched -> entry (memo)

    @classmethod
    def from_entries(cls, *sources: Iterable[Entry]) -> Gazetteer:
        return cls(e for source in sources for e in source)

    def __len__(self) -> int:
        return len(self.by_key)

    def lookup(self, name: str) -> Entry | None:
        """The entry for a name as written (clitics not stripped), or ``None``."""
        return self.by_key.get(match_key(name))

    def find(self, text: str) -> list[GazetteerMatch]:
        """Every leftmost-longest gazetteer name in normalised ``text``, in order."""
        by_key = self.by_key
        entries = self._entry_of
        out: list[GazetteerMatch] = []
        append = out.append
        for m in self._pattern.finditer(text):
            # the name group closes last: 2 = dn (after d), 4 = pn (after p), 5 = ln
            group = m.lastindex
            start, end = m.span()
            if group == 2:
                clitics = m.group(1)
                # "ال" after the clitics, or "لل" = the preposition ل + ال without its alef
                prefix = len(clitics) - (2 if clitics.endswith("ال") else 1)
                name = "ال" + m.group(2)
            elif group == 4:
                prefix = m.end(3) - start
                name = m.group(4)
            else:
                prefix = 0
                name = m.group(group)
            entry = entries.get(name, _UNKNOWN)
            if entry is _UNKNOWN:  # the key of each name as written is worked out once
                entry = by_key.get(match_key(name))
                if len(entries) < _ENTRY_MEMO_LIMIT:
                    entries[name] = entry
            if entry is None:
                continue
            if entry.context and not _context_ok(entry.context, text, start, end, prefix):
                continue
            append(_new_match(GazetteerMatch, (start, end, prefix, entry)))
        return out


_UNKNOWN: Any = object()
_new_match = tuple.__new__  # GazetteerMatch(...) without the Python-level __new__
_ENTRY_MEMO_LIMIT = 200_000


def _context_ok(context: str, text: str, start: int, end: int, prefix: int) -> bool:
    before = text[max(0, start - 40) : start]
    if _dateline(before, start, text[end : end + 3]):
        return True
    if context == "locative":
        if prefix and text[start + prefix - 1] in "بل":
            return True
        m = _PREV_TOKEN.search(before)
        return bool(m and key(m.group(1)) in _LOCATIVE)
    # marked: quoted, or right after a word such as قناة / حركة, or before a nationality
    # adjective (الهلال السعودي, النهار اللبنانية)
    if before.rstrip(" ").endswith(('"', "'", "(")) and text[end : end + 1] in ('"', "'", ")"):
        return True
    after = _NEXT_TOKEN.match(text, end)
    if after is not None and key(after.group(1)) in NATIONALITY and after.group(1)[:2] == "ال":
        return True
    m = _PREV_TOKEN.search(before)
    if not m:
        return False
    prev = key(m.group(1))
    return prev in _MARKERS or (len(prev) > 3 and prev[0] in "وبل" and prev[1:] in _MARKERS)


def _dateline(before: str, start: int, after: str) -> bool:
    """A dateline or credit at the start of a line: ``صور -``, ``جدة (رويترز)``,
    ``صفاقس - وات`` (``before``: up to 40 characters before the name)."""
    nl = before.rfind("\n")
    if nl < 0 and start > len(before):
        return False  # the line started further back
    line = before[nl + 1 :]
    if not line.strip(" "):
        return after.lstrip(" ")[:1] in ("-", "–", "—", "(", ":")
    return line.rstrip(" ").endswith(("-", "–", "—", "(")) and after.lstrip(" ")[:1] in (
        "",
        "\n",
        ")",
        "-",
        "–",
        "—",
    )


def _compile(by_key: Mapping[str, Entry]) -> re.Pattern[str]:
    definite: list[str] = []
    plain: list[str] = []
    latin: list[str] = []
    for k in by_key:
        tokens = k.split(" ")
        joined = tokens[0]
        for prev, tok in itertools.pairwise(tokens):
            boundary = prev[-1].isdigit() != tok[0].isdigit()
            joined += (_SEP if boundary else " ") + tok
        if k.isascii():
            latin.append(joined)
        elif joined.startswith("ال") and len(joined) > 3:
            definite.append(joined[2:])
        else:
            plain.append(joined)
    dn = _trie_regex(definite) or "(?!)"
    pn = _trie_regex(plain) or "(?!)"
    ln = _trie_regex(latin) or "(?!)"
    pattern = (
        r"(?<![\w@#])(?:"
        rf"(?P<d>[وف]?(?:[بك]?ال|لل))(?P<dn>{dn})"
        rf"|(?P<p>[وف]?[بلك]?)(?P<pn>{pn})"
        rf"|(?<![/.:=?&\-])(?P<ln>{ln})(?![./@]\w)"
        r")(?![\w])"
    )
    return re.compile(pattern)


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _node_regex(trie) if trie else ""


def _char_regex(char: str) -> str:
    if char == " ":
        return r"[ \-–]{1,3}"  # also "طنجة - تطوان"
    if char == _SEP:
        return r"[ \-]?"
    return _CLASSES.get(char) or re.escape(char)


def _node_regex(node: dict[str, Any]) -> str:
    terminal = "" in node
    branches = [
        _char_regex(char) + _node_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?"
    return body


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The built-in gazetteer (CLDR + shipped CSV files), compiled once per process."""
    return Gazetteer(builtin_entries())


def given_names() -> dict[str, str]:
    """Keyed given name -> ``"ambiguous"`` or ``""`` from ``given_names.csv``."""
    return _given_names()


@lru_cache(maxsize=1)
def _given_names() -> dict[str, str]:
    out: dict[str, str] = {}
    path = DATA_DIR / "given_names.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            name = (row.get("name") or "").strip()
            if not name:
                raise GazetteerError(f"{path}:{reader.line_num}: missing name")
            out[match_key(name)] = "ambiguous" if (row.get("ambiguous") or "").strip() else ""
    return out
