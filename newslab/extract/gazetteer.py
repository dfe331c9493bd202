"""The entity gazetteer: known names compiled into one regular expression.

Entries come from CLDR (Babel's Arabic and English territory names), the CSV files in
``newslab/data/gazetteer/``, files a user passes (CSV or YAML with the columns ``name``,
``type``, ``canonical`` and optionally ``subtype`` and ``context``) and plugins'
``newslab_gazetteer`` hook. Later sources override earlier ones for the same name.

Matching runs on normalised text (:func:`newslab.arabic.normalize`) with a single
trie-shaped regex, so its cost does not grow with the number of entries; the regex is
tried only at the word runs that can begin a name (:class:`WordRuns`, one C-level split
shared with the trigger lexicon), not at every character. Each Arabic
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
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

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
# key folds hamza seats and drops a lone hamza, so the regex lets them back in. The
# pattern reads text folded by :func:`_pattern_text` (ة ئ ى إ آ already folded), so few
# letters need a class, and those that do have two members: ``re`` compiles a class of
# non-Latin-1 letters with more than two runs of code points (``[اأإآ]``) through a
# 64K-entry table, which made building the default gazetteer take about a second.
_CLASSES = {"ي": "يء?", "و": "[وؤ]ء?", "ا": "[اأ]ء?"}
#: Letters folded before matching, one for one: only into letters the fixed parts of
#: the pattern (the proclitics و ف ب ك ل ال) never spell, so those stay exact.
_PATTERN_FOLDS = (("ة", "ه"), ("ئ", "ي"), ("ى", "ي"), ("إ", "أ"), ("آ", "أ"))
#: A blank between a name's tokens: " ", "-" or an en dash ("طنجة - تطوان"). The atomic
#: group keeps ``re`` from merging the branch into one three-run class (see above).
_BLANKS = r"(?:[ \-]|(?>–)){1,3}"
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
#: The last word of a text and the (at most three) blanks after it, read backwards:
#: matched on the reversed text, so it costs the word's length, not the text's.
_LAST_WORD_REVERSED = re.compile(r"[^\S\n]{0,3}([^\W\d_]+)")
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
        bodies = _bodies(self.by_key)
        self._pattern = _compile(*bodies)
        self._first_runs = _first_runs(*bodies)
        self._starting_forms = frozenset(self._first_runs)  # a set probes faster than keys
        self._following = _following_runs(*bodies)
        self._entry_of: dict[str, Entry | None] = {}  # name as matched -> entry (memo)
        self._run_reading: dict[str, RunReading | None] = _EmptyWhenPickled()  # _read_run

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled strings are not interned: intern the run tables again (a copy sent
        to a worker finds runs by identity too, see :func:`_first_runs`)."""
        self.__dict__.update(state)
        self._first_runs = _interned_table(self._first_runs)
        self._following = _interned_table(self._following)
        self._starting_forms = frozenset(self._first_runs)

    @classmethod
    def from_entries(cls, *sources: Iterable[Entry]) -> Gazetteer:
        return cls(e for source in sources for e in source)

    def __len__(self) -> int:
        return len(self.by_key)

    def lookup(self, name: str) -> Entry | None:
        """The entry for a name as written (clitics not stripped), or ``None``."""
        return self.by_key.get(match_key(name))

    def find(self, text: str) -> list[GazetteerMatch]:
        """Every leftmost-longest gazetteer name in normalised ``text``, in order.

        The name pattern is tried only at the word runs that can begin a name (and whose
        next run can go on with it). A run that no name can go on from is matched alone:
        a match there is the whole run, so its reading is worked out once per distinct
        run (:meth:`_read_run`) instead of running the pattern at each occurrence."""
        runs = word_runs(text)
        first_runs = self._first_runs
        forms = runs.forms()
        present = forms & self._starting_forms
        # runs that only begin longer names, none of whose next runs is in the text
        present.difference_update(
            [f for f in present if (nxt := first_runs[f]) is not None and nxt.isdisjoint(forms)]
        )
        indices = runs.indices(present)
        if not indices:
            return []
        match = self._pattern.regex.match
        folded = _pattern_text(text)
        starts = runs.starts()
        words, hamza_free = runs.runs, runs.hamza_free  # run k's form, as runs.form(k)
        following = self._following
        readings = self._run_reading
        last = len(words) - 1
        out: list[GazetteerMatch] = []
        append = out.append
        end = 0
        for k in indices:
            i = 2 * k + 1
            start = starts[i]
            if start < end:
                continue  # inside the previous match
            run_form = hamza_free.get(run := words[k], run)
            going_on = following.get(run_form)
            if (
                going_on is not None
                and k != last
                and hamza_free.get(run := words[k + 1], run) in going_on
            ):
                m = match(folded, start)  # a longer name may start here
                if m is None:
                    continue
                end = m.end()
                prefix, entry = self._read_match(m)
            elif first_runs[run_form] is None:  # a name may end with this run: the run alone
                if start and text[start - 1] in "@#":
                    continue  # the pattern's look-behind (the run itself starts a word)
                run = folded[start : starts[i + 1]]
                reading = readings.get(run, _UNKNOWN)
                if reading is _UNKNOWN:
                    reading = self._read_run(run)
                if reading is None:
                    continue
                if reading is _LATIN_RUN:  # Latin names look further around the run
                    m = match(folded, start)
                    if m is None:
                        continue
                    end = m.end()
                    prefix, entry = self._read_match(m)
                else:
                    end = starts[i + 1]
                    prefix, entry = reading
            else:
                continue  # only longer names start here, and the next word is none of them
            if entry is None:
                continue
            if entry.context and not _context_ok(entry.context, text, start, end, prefix):
                continue
            append(_new_match(GazetteerMatch, (start, end, prefix, entry)))
        return out

    def _read_match(self, m: re.Match[str]) -> tuple[int, Entry | None]:
        """``(proclitics length, entry or None)`` of a match of the name pattern."""
        # the name group closes last: 2 = dn (after d), 4 = pn (after p), 5 = ln
        group = m.lastindex
        if group == 2:
            clitics = m.group(1)
            # "ال" after the clitics, or "لل" = the preposition ل + ال without its alef
            prefix = len(clitics) - (2 if clitics.endswith("ال") else 1)
            name = "ال" + m.group(2)
        elif group == 4:
            prefix = m.end(3) - m.start()
            name = m.group(4)
        else:
            prefix = 0
            name = m.group(group)
        entries = self._entry_of
        entry = entries.get(name, _UNKNOWN)
        if entry is _UNKNOWN:  # the key of each name as written is worked out once
            entry = self.by_key.get(match_key(name))
            if len(entries) < _ENTRY_MEMO_LIMIT:
                entries[name] = entry
        return prefix, entry

    def _read_run(self, run: str) -> RunReading | None:
        """What the name pattern reads in a whole word run (folded by
        :func:`_pattern_text`) when nothing after the run can be part of the name:
        ``(proclitics length, entry or None)``, ``None`` when the pattern does not
        match the run, or :data:`_LATIN_RUN` for a Latin name (its look-arounds read
        the text around the run). Memoised per distinct run.

        Any match at the run's start ends at the run's end (the pattern ends before a
        non-word character, and no name goes on past this run), so matching the run
        alone takes the same branches; only the look-behind's ``@`` / ``#`` is left to
        the caller."""
        m = self._pattern.regex.fullmatch(run)
        reading: RunReading | None = None
        if m is not None:
            reading = _LATIN_RUN if m.lastindex == 5 else self._read_match(m)
        readings = self._run_reading
        if len(readings) >= _RUN_MEMO_LIMIT:
            readings.clear()
        readings[run] = reading
        return reading


class _EmptyWhenPickled(dict[str, Any]):
    """A memo that pickles empty: a gazetteer sent to a worker process does not carry
    the runs read in this one."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), ())


#: What :meth:`Gazetteer._read_run` tells of a word run: proclitics length and entry.
RunReading = tuple[int, Entry | None]
_LATIN_RUN: Any = object()  # a marker: a Latin name matched the run
_RUN_MEMO_LIMIT = 200_000
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
        word = _last_word(before)
        return word is not None and key(word) in _LOCATIVE
    # marked: quoted, or right after a word such as قناة / حركة, or before a nationality
    # adjective (الهلال السعودي, النهار اللبنانية)
    if before.rstrip(" ").endswith(('"', "'", "(")) and text[end : end + 1] in ('"', "'", ")"):
        return True
    # (a definite word after one or two spaces: looked for before the regex runs)
    if text.startswith(" ال", end) or text.startswith("  ال", end):
        after = _NEXT_TOKEN.match(text, end)
        if after is not None and key(after.group(1)) in NATIONALITY and after.group(1)[:2] == "ال":
            return True
    word = _last_word(before)
    if word is None:
        return False
    prev = key(word)
    return prev in _MARKERS or (len(prev) > 3 and prev[0] in "وبل" and prev[1:] in _MARKERS)


def _last_word(before: str) -> str | None:
    """The letters ending ``before``, followed by at most three blanks (and a final
    newline), or ``None``: the word just before a name."""
    if before.endswith("\n"):
        before = before[:-1]  # "$" also matches before a final newline
    m = _LAST_WORD_REVERSED.match(before[::-1])
    return m.group(1)[::-1] if m is not None else None


def _dateline(before: str, start: int, after: str) -> bool:
    """A dateline or credit at the start of a line: ``صور -``, ``جدة (رويترز)``,
    ``صفاقس - وات`` (``before``: up to 40 characters before the name)."""
    follows = after.lstrip(" ")[:1]
    if follows not in _AFTER_DATELINE:
        return False  # most names: a word or a stop follows
    nl = before.rfind("\n")
    if nl < 0 and start > len(before):
        return False  # the line started further back
    line = before[nl + 1 :]
    if not line.strip(" "):
        return follows in ("-", "–", "—", "(", ":")
    return line.rstrip(" ").endswith(("-", "–", "—", "(")) and follows in (
        "",
        "\n",
        ")",
        "-",
        "–",
        "—",
    )


#: What may follow a name in a dateline or credit (see :func:`_dateline`).
_AFTER_DATELINE = frozenset(["", "\n", ")", "-", "–", "—", "(", ":"])


def _bodies(by_key: Mapping[str, Entry]) -> tuple[list[str], list[str], list[str]]:
    """Keys as the pattern spells them (tokens joined by " " or :data:`_SEP`), in three
    groups: definite names without their ``ال``, other Arabic names, Latin names."""
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
    return definite, plain, latin


class NamePattern:
    """The compiled name pattern with the folding it expects: :meth:`finditer` reads a
    text as :func:`_pattern_text` folds it (offsets kept)."""

    __slots__ = ("regex",)

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.regex.finditer(_pattern_text(text))


def _compile(definite: list[str], plain: list[str], latin: list[str]) -> NamePattern:
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
    return NamePattern(re.compile(pattern))


#: The proclitics the pattern allows before a definite name (``ال`` or ``لل`` included)
#: and before any other Arabic name.
_DEFINITE_CLITICS = tuple(c + a for c in ("", "و", "ف") for a in ("ال", "بال", "كال", "لل"))
_PLAIN_CLITICS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك"))


def _first_runs(
    definite: list[str], plain: list[str], latin: list[str]
) -> dict[str, frozenset[str] | None]:
    """Folded word run that can begin a match -> the runs that may follow it, or
    ``None`` when a name can end with it.

    A match starts a run of word characters and ends one; inside, a name's tokens are
    parted by blanks (``" "`` in a body) or, between letters and digits, by an optional
    blank (:data:`_SEP`), so a run is a name's clitics and one or more of its tokens.
    The forms are interned, as :class:`WordRuns` interns the runs: a run found here is
    then the very same string, which set and dict lookups see at once.
    """
    found: dict[str, set[str] | None] = {}
    for form, following in _starting_runs(definite, plain, latin):
        form = sys.intern(form)
        known = found.get(form, _UNKNOWN)
        if following is None:
            found[form] = None
        elif known is _UNKNOWN:
            found[form] = set(map(sys.intern, following))
        elif known is not None:
            known.update(map(sys.intern, following))
    return {form: None if f is None else frozenset(f) for form, f in found.items()}


def _following_runs(
    definite: list[str], plain: list[str], latin: list[str]
) -> dict[str, frozenset[str]]:
    """Folded word run that can begin a match -> the runs that may follow it in a
    longer name (runs no name goes on from are left out), as in :func:`_first_runs`
    but whether a name may also end with the run or not (forms interned likewise)."""
    found: dict[str, set[str]] = {}
    for form, following in _starting_runs(definite, plain, latin):
        if following is not None:
            found.setdefault(sys.intern(form), set()).update(map(sys.intern, following))
    return {form: frozenset(f) for form, f in found.items()}


def _starting_runs(
    definite: list[str], plain: list[str], latin: list[str]
) -> Iterator[tuple[str, set[str] | None]]:
    """``(form, following)`` for each way a name can begin a word run: the run's
    folded form with one of its clitics, and the folded runs that may come next in the
    name, or ``None`` when the name ends with the run."""
    for bodies, clitics in (
        (definite, _DEFINITE_CLITICS),
        (plain, _PLAIN_CLITICS),
        (latin, ("",)),
    ):
        for body in bodies:
            parts = re.split(r"([ \x00])", body)
            segments, separators = parts[0::2], parts[1::2]
            for run, after in _run_choices(segments, separators, 0):
                following = None
                if after < len(segments):
                    following = {
                        lookup_form(r) for r, _ in _run_choices(segments, separators, after)
                    }
                run_form = lookup_form(run)  # clitics have no letter lookup_form folds
                for clitic in clitics:
                    yield clitic + run_form, following


def _interned_table(
    table: Mapping[str, frozenset[str] | None],
) -> dict[str, frozenset[str] | None]:
    """A run table of :func:`_first_runs` or :func:`_following_runs` with its strings
    interned (after unpickling)."""
    return {
        sys.intern(form): None if runs is None else frozenset(map(sys.intern, runs))
        for form, runs in table.items()
    }


def _run_choices(segments: list[str], separators: list[str], i: int) -> list[tuple[str, int]]:
    """The word runs a name's text can have from ``segments[i]``: ``(run, next segment)``;
    tokens parted by an optional blank may share a run (``فرانس24``)."""
    run = segments[i]
    out = [(run, i + 1)]
    while i + 1 < len(segments) and separators[i] == _SEP:
        i += 1
        run += segments[i]
        out.append((run, i + 1))
    return out


_WORD_RUN = re.compile(r"(\w+)")


#: Teh marbuta, hamza seats and alef forms, as :func:`_fold_seats` folds them.
_SEAT_FOLDS = (("ة", "ه"), ("ئ", "ي"), ("ى", "ي"), ("ؤ", "و"), ("أ", "ا"), ("إ", "ا"), ("آ", "ا"))


def _fold_letters(text: str, folds: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each ``(variant, letter)`` of ``folds`` replaced, one character for
    one, so offsets are kept (``str.replace`` per letter present: faster than
    ``str.translate`` on Arabic text)."""
    for variant, letter in folds:
        if variant in text:
            text = text.replace(variant, letter)
    return text


def _pattern_text(text: str) -> str:
    """``text`` as the name pattern reads it: :data:`_PATTERN_FOLDS` applied (offsets
    kept), so the letters of a name match literally or from a two-letter class."""
    return _fold_letters(text, _PATTERN_FOLDS)


def _fold_seats(text: str) -> str:
    """Teh marbuta, hamza seats and alef forms folded one for one (offsets kept): every
    spelling the name pattern lets stand for a key's letter reads as that letter."""
    return _fold_letters(text, _SEAT_FOLDS)


def lookup_form(run: str) -> str:
    """A word run as :class:`WordRuns` compares it: seats folded, hamzas dropped."""
    return _fold_seats(run).replace("ء", "")


class WordRuns:
    """The runs of word characters of a text, folded like keys, with their offsets.

    A cheap first pass for the name patterns: a name can only start a run whose folded
    form (:func:`_fold_seats`, hamzas dropped) begins some name, so the patterns are tried
    at those runs only instead of at every character. Built by C-level splitting.

    The runs are interned: an article repeats its words and a corpus its vocabulary,
    so the split costs less memory (``extract`` keeps it, see ``entities._kept_split``),
    and the gazetteer's tables, interned too, find a run by identity.
    """

    __slots__ = ("_offsets", "hamza_free", "parts", "runs", "text", "vocabulary")

    def __init__(self, text: str) -> None:
        self.text = text
        parts = _WORD_RUN.split(_fold_seats(text))
        runs = list(map(sys.intern, parts[1::2]))
        parts[1::2] = runs
        self.parts = parts  # separators and runs in turn: run k is parts[2 * k + 1]
        self.runs: list[str] = runs
        self.vocabulary = set(runs)
        self._offsets: array[int] | None = None
        #: The runs with a hamza -> their forms (the form of any other run is the run).
        self.hamza_free = self._hamza_runs()

    def _hamza_runs(self) -> dict[str, str]:
        """The runs with a hamza -> their forms, read at the text's (few) hamzas: a
        hamza is a word character, so it lies in a run (no pass over the vocabulary)."""
        text = self.text
        at = text.find("ء")
        if at < 0:
            return {}
        parts, starts = self.parts, self.starts()
        out = {}
        while at >= 0:
            run = parts[bisect_right(starts, at) - 1]  # the last part starting by ``at``
            out[run] = run.replace("ء", "")
            at = text.find("ء", at + 1)
        return out

    def form(self, k: int) -> str:
        """Run ``k`` folded, without hamzas."""
        run = self.runs[k]
        return self.hamza_free.get(run, run)

    def forms(self) -> set[str]:
        """The forms of the runs (a new set; the runs with a hamza are in it too)."""
        return self.vocabulary.union(self.hamza_free.values())

    def start(self, k: int) -> int:
        """Where run ``k`` starts in the text."""
        return self.starts()[2 * k + 1]

    def starts(self) -> array[int]:
        """Where each part starts: run ``k`` starts at ``starts()[2 * k + 1]`` (and the
        text's length last). A packed array (``"i"``, or ``"q"`` past 2**31 characters)
        made by numpy's running sum, faster than a list of Python ints and the form the
        entity extractor keeps; nothing may change it."""
        offsets = self._offsets
        if offsets is None:
            parts = self.parts
            wide = len(self.text) > _INT_MAX
            kind = np.int64 if wide else np.intc
            sums = np.zeros(len(parts) + 1, dtype=kind)
            np.cumsum(np.fromiter(map(len, parts), kind, len(parts)), out=sums[1:])
            offsets = self._offsets = array("q" if wide else "i", sums.tobytes())
        return offsets

    def indices(self, forms: AbstractSet[str]) -> list[int]:
        """Indices of the runs whose form is in ``forms``, in text order."""
        wanted = self.vocabulary & forms  # a new set; C code walks the smaller side
        wanted.update(r for r, free in self.hamza_free.items() if free in forms)
        if not wanted:
            return []
        return list(compress(range(len(self.runs)), map(wanted.__contains__, self.runs)))


_INT_MAX = 2**31 - 1  # the largest offset an array of C ints holds
_last_runs: WordRuns | None = None
_KEEP_LIMIT = 1_000_000  # characters: the runs of a longer text are not kept


def word_runs(text: str) -> WordRuns:
    """The :class:`WordRuns` of ``text``. The last one is kept (one slot, for texts up
    to :data:`_KEEP_LIMIT`): the gazetteer and the trigger lexicon read the same article
    one after the other."""
    global _last_runs
    runs = _last_runs
    if runs is None or runs.text is not text:
        runs = WordRuns(text)
        _last_runs = runs if len(text) <= _KEEP_LIMIT else None
    return runs


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
        return _BLANKS
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
