"""Built-in entity extractor: PER ORG GPE LOC EVENT MISC, offline, with variant linking.

Evidence, all local: the gazetteer (CLDR territory names, the CSV files shipped in
``newslab/data/gazetteer``, user files, plugins' ``newslab_gazetteer`` hook), trigger
rules (:mod:`newslab.extract.entity_rules`), and corpus-level reasoning: ``fit`` reads
every article first so a person named once in full is found again by surname anywhere,
and ``finalize`` gives each referent one canonical ``value`` across outlets
(:mod:`newslab.extract.linking`).

Spans follow the gold conventions: attached clitics are inside the span (``بمراكش``),
titles and roles are not (``الجنرال كوخافي`` -> ``كوخافي``), one flat layer.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import cached_property, lru_cache
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import numpy as np

from newslab.arabic.normalize import DIACRITICS, INVISIBLES, NormalizedText, normalize
from newslab.extract.base import Context, Extractor, TextCache, shared_normalized
from newslab.extract.entity_context import find_layout, refine, resolve_anaphora
from newslab.extract.entity_rules import (
    KINGDOMS,
    NAME_LINKS,
    Candidate,
    Lexicon,
    NameMatcher,
    Spans,
    Words,
    find_latin,
    find_propagated,
    find_triggered,
    kingdom_adjective_forms,
    kingdom_adjectives,
    kingdom_mentions,
    locative_before,
)
from newslab.extract.entity_text import REGNAL, SPELLING, STOPWORDS, TOKEN, key, key_phrase
from newslab.extract.gazetteer import (
    LABELS,
    Entry,
    Gazetteer,
    GazetteerMatch,
    builtin_entries,
    default_gazetteer,
    entry_from_mapping,
    given_names,
    read_entries,
    word_runs,
)
from newslab.extract.linking import (
    latin_similarity,
    link_name_counts,
    link_person_names,
    same_person,
    skeleton,
    tokens_match,
)
from newslab.hooks import hookimpl
from newslab.spans import Span

if TYPE_CHECKING:
    import pandas as pd

    from newslab.corpus.article import Article, Corpus
    from newslab.registry import Registry

__all__ = ["EntityExtractor", "newslab_extractors"]

Known = dict[str, tuple[str, tuple[str, ...]]]
_K = TypeVar("_K")
_V = TypeVar("_V")


class EntityExtractor(Extractor):
    """Named entities with one canonical value per referent (gazetteers, rules, linking).

    ``gazetteer``: extra CSV/YAML files (columns ``name``, ``type``, ``canonical``);
    ``entries``: extra entries as mappings; ``builtin``: include the shipped
    gazetteer; ``registry``: read plugins' ``newslab_gazetteer`` contributions.
    """

    name = "entities"
    kinds = ("entity",)
    labels: Mapping[str, tuple[str, ...]] = {"entity": LABELS}
    description = "Named entities (PER ORG GPE LOC EVENT MISC) with cross-outlet linking"

    def __init__(
        self,
        gazetteer: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
        *,
        entries: Iterable[Mapping[str, Any]] = (),
        builtin: bool = True,
        registry: Registry | None = None,
    ) -> None:
        if isinstance(gazetteer, (str, os.PathLike)):
            gazetteer = (gazetteer,)
        self.gazetteer = tuple(gazetteer)
        self.entries = tuple(entries)
        self.builtin = builtin
        self.registry = registry
        self._corpus_known: Known = {}
        self._corpus_matcher = NameMatcher(())
        self._prepared: TextCache[_Prepared] = TextCache()
        self._written: _Memo[tuple[str, str, str], str] = _Memo()  # see _as_written
        self._readings: _Memo[int, tuple[Entry, _Reading]] = _Memo()  # by id(entry)
        self._respelled: _Memo[tuple[str, ...], tuple[str, tuple[str, ...]]] = _Memo()

    # ------------------------------------------------------------ resources

    @cached_property
    def gaz(self) -> Gazetteer:
        """The compiled gazetteer (built-ins plus user files, entries and plugins)."""
        extra: list[Entry] = []
        for path in self.gazetteer:
            extra.extend(read_entries(path))
        for i, row in enumerate(self.entries):
            extra.append(entry_from_mapping(row, f"entries[{i}]", "entries"))
        if self.registry is not None:
            for row in self.registry.gazetteer_entries():
                where = f"plugin {row.get('plugin', '?')!r} gazetteer entry {row.get('name')!r}"
                extra.append(entry_from_mapping(row, where, str(row.get("plugin", ""))))
        if self.builtin and not extra:
            return default_gazetteer()
        return Gazetteer.from_entries(builtin_entries() if self.builtin else (), extra)

    @cached_property
    def spell(self) -> dict[str, str]:
        """Keyed token -> best spelling, for canonical values built from the text."""
        return _spelling(self.gaz)

    # ------------------------------------------------------------ extraction

    def fit(self, corpus: Corpus) -> EntityExtractor:
        """Find the people named in full anywhere in the corpus, for propagation.

        What each article yields on the way is kept for ``extract`` (the same work)."""
        people: dict[tuple[str, ...], str] = {}
        self._prepared.clear()
        for article in corpus:
            prepared = self._prepare(shared_normalized(article.text).text)
            self._prepared.put(article.text, prepared)
            for name, value in prepared.named.items():
                if name not in people:
                    people[name] = value
        self._corpus_known = _known_names(people.items(), given_names())
        self._corpus_matcher = NameMatcher(self._corpus_known)
        return self

    def extract(self, article: Article, context: Context | None = None) -> Iterator[Span]:
        norm = context.normalized if context is not None else normalize(article.text)
        text = norm.text
        prepared = self._prepared.take(article.text)
        if prepared is None:
            prepared = self._prepare(text)
        cands = prepared.cands
        corpus_known = self._corpus_known
        own = {
            k: v
            for k, v in _known_names(prepared.local.items(), given_names()).items()
            if corpus_known.get(k, (None,))[0] != v[0]
        }
        words = Words(text, prepared.split)
        own_matcher = NameMatcher(own)
        corpus_present = self._corpus_matcher.present(words)
        own_present = own_matcher.present(words)
        wanted = corpus_present | own_present
        if "مملكة" in text:  # _add_kingdoms will look for the kingdoms' adjectives
            wanted |= kingdom_adjective_forms(words)
        words.positions(wanted)  # one pass over the words for all of them
        cands.extend(
            find_propagated(
                text,
                corpus_known,
                exclude=own,
                matcher=self._corpus_matcher,
                words=words,
                present=corpus_present,
            )
        )
        cands.extend(
            find_propagated(text, own, matcher=own_matcher, words=words, present=own_present)
        )
        if prepared.latin:
            cands = _resolve_latin(cands, {**corpus_known, **own}, self.gaz)
        cands = refine(text, cands, self.gaz, words, (own, corpus_known))
        chosen = _select(cands)
        chosen = _add_kingdoms(text, chosen, words)
        if prepared.latin:  # only Latin candidates take a gloss's entity
            chosen = _gloss_latin(text, chosen)
        chosen = resolve_anaphora(text, chosen)
        return iter(self._spans(chosen, norm, article.text))

    def _spans(self, chosen: Sequence[Candidate], norm: NormalizedText, raw: str) -> list[Span]:
        """The chosen candidates as spans of the article's text ``raw`` (``norm`` is its
        normalisation): values built from the text get the text's own spelling back."""
        text = norm.text
        offsets = list(map(_start_end, chosen))
        if not norm.is_aligned:
            offsets = norm.to_original_spans(offsets)
        out: list[Span] = []
        append = out.append
        for c, (start, end) in zip(chosen, offsets, strict=True):
            if end <= start:
                continue
            surface = text[c.start : c.end]
            if c.source in _FROM_TEXT:
                c.value = self._as_written(c.value, surface, raw[start:end])
            attrs = {"source": c.source, "surface_key": key(surface)}
            # Span(start, end, "entity", c.label, c.value, attrs) without its Python __new__
            append(_new_span(Span, (start, end, "entity", c.label, c.value, attrs, None, "", "")))
        return out

    def _as_written(self, value: str, surface: str, original: str) -> str:
        """:func:`_written_value`, memoised: the same names recur across a corpus."""
        memo = self._written
        k = (value, surface, original)
        out = memo.get(k)
        if out is None:
            if len(memo) >= _WRITTEN_MEMO_SIZE:
                memo.clear()
            out = memo[k] = _written_value(value, surface, original, self.spell)
        return out

    def _prepare(self, text: str) -> _Prepared:
        """The corpus-independent part of an article's pass: its candidates (gazetteer,
        trigger, Latin and layout) and the people it names in full."""
        hits = self.gaz.find(text)
        local: dict[tuple[str, ...], str] = {}  # every full name, the last value wins
        cands = self._gazetteer_candidates(text, hits, local)
        known = len(cands)  # the gazetteer's people are in ``local`` already
        cands.extend(find_triggered(text, _lexicon(), Spans(hits), self.spell))
        latin = find_latin(text)
        cands.extend(latin)
        cands.extend(find_layout(text, hits, self.spell))
        split = _kept_split(text)
        respelled = self._respelled
        named: dict[tuple[str, ...], str] = {}  # the rules' full names, the first wins
        for c in islice(cands, known, None):
            if c.label != "PER":
                continue
            if c.source in ("title", "given"):
                held = respelled.get(c.name)
                if held is None:
                    if len(respelled) >= _RESPELLED_MEMO_SIZE:
                        respelled.clear()
                    held = respelled[c.name] = self._respelled_name(c.name)
                c.value, c.name = held
            if len(c.name) >= 2:
                name = tuple(c.name)
                local[name] = c.value
                if c.source != "gazetteer" and name not in named:
                    named[name] = c.value
        return _Prepared(cands, local, named, bool(latin), split)

    def _respelled_name(self, name: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """The value and name tokens of a person found by a rule: known given names and
        name links in their best spelling (``ابراهيم`` -> ``إبراهيم``)."""
        given, spell = given_names(), self.spell
        value = " ".join(_respell(t, given, spell) for t in name)
        return value, tuple(value.split(" "))

    def _gazetteer_candidates(
        self, text: str, hits: Sequence[GazetteerMatch], people: dict[tuple[str, ...], str]
    ) -> list[Candidate]:
        """One candidate per gazetteer hit, what comes from its entry worked out once per
        entry (:func:`_entry_reading`); the people named in full go into ``people``
        (name tokens -> value) on the way, so no later pass reads these candidates."""
        readings = self._readings
        out = []
        append = out.append
        for hit in hits:
            entry = hit.entry
            held = readings.get(id(entry))  # the entry is held too: its id stays its own
            if held is None:
                if len(readings) >= _READINGS_MEMO_SIZE:
                    readings.clear()
                held = readings[id(entry)] = (entry, _entry_reading(entry))
            label, canonical, priority, name, city, full = held[1]
            if city:
                start = hit.start
                prefix = text[start : start + hit.prefix]
                label = "LOC" if locative_before(text, start, prefix) else "GPE"
            elif full:
                people[name] = canonical
            append(Candidate(hit.start, hit.end, label, canonical, "gazetteer", priority, name))
        return out

    # ------------------------------------------------------------ linking

    def finalize(self, spans: pd.DataFrame) -> pd.DataFrame:
        """One canonical value per referent across the corpus (see :mod:`.linking`).

        Values are handled as codes of the distinct values (pandas factorizes the
        column in C): the linkers see each distinct value with its count, and the new
        column is the new distinct values taken by code, so no Python string is made
        per row except for the people's."""
        if not len(spans):
            return spans
        out = spans.copy()
        codes, uniques = out["value"].astype(str).factorize(use_na_sentinel=False)
        values = _Values(uniques.tolist(), codes)
        label_codes, labels = out["label"].astype(str).factorize()
        rows_of = {label: np.flatnonzero(label_codes == k) for k, label in enumerate(labels)}
        people = rows_of.get("PER")
        if people is not None:
            written = codes[people]
            strings = values.strings
            names = {
                c: tuple(TOKEN.findall(strings[c])) or (strings[c],) for c in set(written.tolist())
            }
            article_codes = out["article"].astype(str).factorize(use_na_sentinel=False)[0]
            # article codes stand for the articles: linking only tells them apart
            canonicals = link_person_names(
                list(map(names.__getitem__, written.tolist())), article_codes[people].tolist()
            )
            values.codes[people] = values.codes_of(canonicals)
        for group in (("ORG",), ("GPE", "LOC"), ("EVENT",), ("MISC",)):
            parts = [rows_of[label] for label in group if label in rows_of]
            if not parts:
                continue
            rows = np.concatenate(parts)
            forms = codes[rows]
            counts = np.bincount(forms, minlength=len(uniques))
            strings = values.strings
            mapping = link_name_counts({strings[c]: int(counts[c]) for c in np.flatnonzero(counts)})
            if group == ("EVENT",):
                mapping = _extend_event_prefixes(mapping)
            changed = {form: best for form, best in mapping.items() if form != best}
            if changed:
                values.codes[rows] = values.renamed(changed)[forms]
        out["value"] = values.column()
        return out


# ---------------------------------------------------------------- helpers


#: Sources whose value is built from the text (so it gets the text's own spelling back).
_FROM_TEXT = frozenset(
    {"title", "given", "org", "descriptor", "event", "place", "byline", "outlet", "project"}
)
_INVISIBLE = re.compile(f"[{re.escape(DIACRITICS + INVISIBLES)}\u0640]")


#: Entries of the memo of :meth:`EntityExtractor._as_written` (cleared when full).
_WRITTEN_MEMO_SIZE = 65536
#: Entries of the memo of :meth:`EntityExtractor._gazetteer_candidates` (cleared when
#: full; a gazetteer has fewer entries than this unless users add very many).
_READINGS_MEMO_SIZE = 1 << 18
#: Entries of the memo of :meth:`EntityExtractor._respelled_name` (cleared when full).
_RESPELLED_MEMO_SIZE = 65536

_new_span = tuple.__new__
_start = attrgetter("start")
_start_end = attrgetter("start", "end")


#: A word split as :class:`Words` makes it: parts (separators and words in turn), offsets.
_Split = tuple[list[str], Sequence[int], AbstractSet[str], tuple[str, ...]]
#: Texts up to this length keep their word split for ``extract`` (the gazetteer's
#: :func:`word_runs` keeps the runs of texts up to 1 M characters).
_SPLIT_KEEP_LIMIT = 1_000_000


def _kept_split(text: str) -> _Split | None:
    """The word split the gazetteer made of ``text`` (still held by :func:`word_runs`),
    in the form :class:`Words` takes, so ``extract`` need not split the text again.

    On normalised text the gazetteer's folds equal the ones of ``Words`` (the alef
    forms they add are folded by normalisation already), so the parts are the same.
    The words are interned already (:class:`WordRuns` interns them: an article repeats
    its words, a corpus its vocabulary), so the parts list is kept as it is (nothing
    changes it), with its offsets as packed by :meth:`WordRuns.starts`: about 6 bytes
    are kept per character of text, a third of the split as made. (The separators are
    kept as they are: most are one blank, which Python shares already.) The runs' set
    of words and those with a hamza come along, so ``Words`` need not read the words
    again (about 2 more bytes per character).
    """
    if len(text) > _SPLIT_KEEP_LIMIT:
        return None
    runs = word_runs(text)
    return runs.parts, runs.starts(), runs.vocabulary, tuple(runs.hamza_free)


class _Prepared(NamedTuple):
    """What :meth:`EntityExtractor.fit` works out for an article and ``extract`` uses."""

    cands: list[Candidate]
    local: dict[tuple[str, ...], str]  #: every full person name -> its (last) value
    named: dict[tuple[str, ...], str]  #: full names found by rules -> their first value
    latin: bool  #: whether a candidate comes from Latin script
    split: _Split | None  #: the article's word split (see :func:`_kept_split`)


#: A gazetteer entry as its hits read it (see :func:`_entry_reading`).
_Reading = tuple[str, str, int, tuple[str, ...], bool, bool]


class _Memo(dict[_K, _V]):
    """A memo dict that pickles empty: a copy sent to a worker process starts afresh."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), ())


def _objects(items: list[str]) -> Any:
    """``items`` as a numpy array of Python objects (to assign to rows of another)."""
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


class _Values:
    """A column of strings as codes into its distinct values, for :meth:`finalize`:
    ``codes[row]`` indexes ``strings``, which grows when a row takes a new value."""

    def __init__(self, strings: list[str], codes: np.ndarray) -> None:
        self.strings = strings
        self.codes = codes.copy()
        self._index = {s: c for c, s in enumerate(strings)}

    def code(self, string: str) -> int:
        """The code of ``string``, added if new."""
        code = self._index.get(string)
        if code is None:
            code = self._index[string] = len(self.strings)
            self.strings.append(string)
        return code

    def codes_of(self, strings: list[str]) -> np.ndarray:
        """The codes of ``strings`` (one per row)."""
        known = {s: self.code(s) for s in set(strings)}
        return np.array(list(map(known.__getitem__, strings)), dtype=np.intp)

    def renamed(self, changed: Mapping[str, str]) -> np.ndarray:
        """Old code -> new code for the strings ``changed`` maps to another."""
        table = np.arange(len(self.strings), dtype=np.intp)
        for old, new in changed.items():
            table[self._index[old]] = self.code(new)
        return table

    def column(self) -> Any:
        """The rows' strings as a column: the distinct strings typed as pandas types an
        object array of strings (as it would type one value per row), taken by code in
        C. (Every string is a ``str``: the linkers refuse anything else.)"""
        import pandas as pd

        return pd.Series(_objects(self.strings)).array.take(self.codes)


def _written_value(value: str, surface: str, original: str, spell: Mapping[str, str]) -> str:
    """``value``'s tokens as the article spells them (``surface`` is the span in the
    normalised text, ``original`` in the article: normalisation folded alef forms),
    with known words in their best spelling (``ابراهيم`` -> ``إبراهيم``)."""
    if surface == original:  # nothing was folded: every token is written as it is
        return " ".join(spell.get(key(t)) or t for t in value.split(" "))
    folded = TOKEN.findall(surface)
    written = TOKEN.findall(_INVISIBLE.sub("", original))
    as_written = dict(zip(folded, written, strict=False)) if len(folded) == len(written) else {}
    return " ".join(spell.get(key(t)) or as_written.get(t, t) for t in value.split(" "))


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return Lexicon(given_names())


def _spelling(gaz: Gazetteer) -> dict[str, str]:
    spell = dict(SPELLING)
    for entry in gaz.by_key.values():
        for tok in TOKEN.findall(entry.canonical):
            k = key(tok)
            if k not in spell or _hamzas(tok) > _hamzas(spell[k]):
                spell[k] = tok
    for name in _given_spellings():
        spell.setdefault(key(name), name)
    return spell


@lru_cache(maxsize=1)
def _given_spellings() -> tuple[str, ...]:
    import csv

    from newslab.extract.gazetteer import DATA_DIR

    with (DATA_DIR / "given_names.csv").open(encoding="utf-8-sig", newline="") as handle:
        return tuple(row["name"].strip() for row in csv.DictReader(handle) if row.get("name"))


def _hamzas(text: str) -> int:
    return sum(text.count(c) for c in "أإآؤئء")


def _respell(token: str, given: Mapping[str, str], spell: Mapping[str, str]) -> str:
    k = key(token)
    if k in given or k in NAME_LINKS:
        return spell.get(k, token)
    return token


def _entry_reading(entry: Entry) -> _Reading:
    """The label, value, priority and name tokens of a hit of ``entry``, whether it is a
    city (then the label depends on the text before the hit: LOC or GPE) and whether
    it names a person in full (two name tokens or more)."""
    city = entry.subtype == "city"
    name = tuple(entry.canonical.split(" ")) if entry.label == "PER" and not city else ()
    priority = 7 if len(TOKEN.findall(entry.name)) > 1 else 6
    return entry.label, entry.canonical, priority, name, city, len(name) >= 2


def _known_names(people: Iterable[tuple[tuple[str, ...], str]], given: Mapping[str, str]) -> Known:
    """Keyed full names and family names -> (value, name tokens) of their person."""
    known: Known = {}
    surnames: dict[str, set[str]] = {}
    for name, value in people:
        full, entry, last, may_be_family = _person_keys(name, value)
        known[full] = entry
        if may_be_family and last not in given:
            surnames.setdefault(last, set()).add(value)
    for last, values in surnames.items():
        if last in known:
            continue
        if len(values) == 1:
            value = next(iter(values))
            known[last] = (value, tuple(value.split(" ")))
        else:
            known[last] = (last, (last,))  # shared family name: linking decides later
    return known


@lru_cache(maxsize=65536)
def _person_keys(
    name: tuple[str, ...], value: str
) -> tuple[str, tuple[str, tuple[str, ...]], str, bool]:
    """For :func:`_known_names` (memoised: a person is named in many articles): the keyed
    full name, its ``(value, name tokens)`` entry, the keyed family name, and whether
    that could stand for the person alone (given names aside)."""
    last = key(name[-1])
    may_be_family = (
        len(last) >= 3 and last not in STOPWORDS and last not in REGNAL and not name[-1].isascii()
    )
    return " ".join(map(key, name)), (value, tuple(value.split(" "))), last, may_be_family


def _resolve_latin(cands: list[Candidate], known: Known, gaz: Gazetteer) -> list[Candidate]:
    """Latin names take the Arabic name of a known person they transliterate
    (``Khalifa Haftar`` -> ``خليفة حفتر``); a lone capitalised word is kept only then."""
    full_names = [v[1] for v in known.values() if len(v[1]) >= 2]
    surnames = {name[-1]: v for v in known.values() if len(name := v[1]) >= 2}
    people = _gazetteer_people(gaz)
    out = []
    for c in cands:
        if c.source == "latin" and c.label == "PER" and len(c.name) >= 2:
            pool = [*people.get(skeleton(c.name[-1]), ()), *full_names]
            match = next((p for p in pool if _same_person(c.name, p)), None)
            if match is not None:
                c.value, c.name = " ".join(match), tuple(match)
        if c.label != "PER?":
            out.append(c)
            continue
        word = c.value
        matches = [
            (latin_similarity(word, last), last) for last in surnames if tokens_match(word, last)
        ]
        target = surnames[max(matches)[1]] if matches else None
        if target is not None:
            out.append(Candidate(c.start, c.end, "PER", target[0], "latin", c.priority, target[1]))
    return out


@lru_cache(maxsize=65536)
def _same_person(latin: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """:func:`same_person`, memoised: a Latin name is tried against the same pool (the
    corpus's people, the gazetteer's) in every article that writes it."""
    return same_person(latin, name)


@lru_cache(maxsize=8)
def _gazetteer_people(gaz: Gazetteer) -> dict[str, list[tuple[str, ...]]]:
    """Multi-word gazetteer people indexed by the skeleton of their family name."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for entry in gaz.by_key.values():
        name = tuple(entry.canonical.split(" "))
        if entry.label == "PER" and len(name) >= 2 and not entry.canonical.isascii():
            bucket = index.setdefault(skeleton(name[-1]), [])
            if name not in bucket:
                bucket.append(name)
    return index


def _select(cands: Sequence[Candidate]) -> list[Candidate]:
    """A flat layer: longest candidates first, then by priority; no overlaps.

    Candidates that overlap no other are kept as they are; each group of candidates
    linked by overlaps is settled on its own (:func:`_settle`), which gives the layer of
    one greedy pass over all of them (a candidate is refused only for a kept one that
    overlaps it, so groups never interact). Most groups are a single candidate.

    A candidate with the same span as the one before it in start order (the rules and
    propagation often find the same name) that ranks no higher is left out: it is
    refused whenever that one is kept or refused, so it changes nothing, and the
    group is often a single candidate again."""
    kept: list[Candidate] = []
    group: list[Candidate] = []
    reach = -1  # where the current group ends
    for c in sorted(cands, key=_start):
        start, end = c.start, c.end
        if end <= start or c.label not in LABELS:
            continue
        if start >= reach:  # overlaps nothing before it: a new group
            if len(group) == 1:
                kept.append(group[0])
            elif group:
                kept.extend(_settle(group, reach))
            group = [c]
            reach = end
        else:
            last = group[-1]
            if (
                end == last.end
                and start == last.start
                and (
                    last.priority > c.priority
                    or (last.priority == c.priority and last.label <= c.label)
                )
            ):
                continue  # the same span, ranked after ``last`` (ties go to the first)
            group.append(c)
            if end > reach:
                reach = end
    if len(group) == 1:
        kept.append(group[0])
    elif group:
        kept.extend(_settle(group, reach))
    return kept


def _settle(group: list[Candidate], reach: int) -> list[Candidate]:
    """The flat layer of overlapping candidates (in start order, ending by ``reach``),
    in text order: longest first, then by priority, start and label (ties in the order
    given). The best one alone when it covers the others (most groups: a name and a
    shorter one inside it); else a few are compared with every kept one, and a large
    group (hostile text) keeps its layer sorted to bisect it."""
    best = min(group, key=_rank)  # the first of the best, as a stable sort puts it
    if best.end == reach and best.start == group[0].start:
        return [best]  # every other one overlaps it
    order = sorted(group, key=_rank)
    if len(group) > _SMALL_GROUP:
        return _settle_large(order)
    chosen: list[Candidate] = []
    for c in order:
        start, end = c.start, c.end
        for k in chosen:
            if k.start < end and start < k.end:
                break  # overlaps a kept one
        else:
            chosen.append(c)
    chosen.sort(key=_start)
    return chosen


#: Groups up to this size are settled by comparing each candidate with the kept ones.
_SMALL_GROUP = 8


def _settle_large(order: list[Candidate]) -> list[Candidate]:
    """:func:`_settle` of candidates in rank order: the kept ones held sorted by start,
    a candidate's neighbours found by bisection."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in order:
        i = bisect.bisect_right(starts, c.start)
        if i and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.insert(i, c)
    return kept


def _rank(c: Candidate) -> tuple[int, int, int, str]:
    return (c.start - c.end, -c.priority, c.start, c.label)


def _add_kingdoms(text: str, chosen: list[Candidate], words: Words) -> list[Candidate]:
    """Bare ``المملكة`` -> the kingdom this article talks about most, if any
    (``words``: the :class:`Words` of ``text``)."""
    if "مملكة" not in text:
        return chosen
    counts = Counter(c.value for c in chosen if c.label == "GPE" and c.value in KINGDOMS)
    counts.update(kingdom_adjectives(text, words))
    if not counts:
        return chosen
    kingdom = counts.most_common(1)[0][0]
    extra = [Candidate(s, e, "GPE", kingdom, "kingdom", 1) for s, e in kingdom_mentions(text)]
    if not extra:
        return chosen
    if any(_overlaps_layer(chosen, c) for c in extra):
        return _select([*chosen, *extra])
    # nothing to choose between: the flat layer gains the mentions, in text order
    return sorted([*chosen, *extra], key=_start)


def _overlaps_layer(layer: Sequence[Candidate], c: Candidate) -> bool:
    """Does ``c`` overlap a candidate of ``layer`` (flat, in text order)?"""
    i = bisect.bisect_left(layer, c.end, key=_start)
    return i > 0 and layer[i - 1].end > c.start


def _gloss_latin(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``«ران كوخاف» (Ran Kochav)``: a bracketed Latin gloss takes the entity before it."""
    for i in range(1, len(chosen)):
        c = chosen[i]
        if c.source != "latin":
            continue
        before = text[chosen[i - 1].end : c.start]
        if before.strip(" \"'") == "(" and len(before) <= 5:
            prev = chosen[i - 1]
            c.label, c.value, c.name = prev.label, prev.value, prev.name
    return chosen


def _extend_event_prefixes(mapping: dict[str, str]) -> dict[str, str]:
    """An event named by a prefix of exactly one longer event name takes that name."""
    canon = sorted(set(mapping.values()), key=len)
    keyed = {v: key_phrase(v) for v in canon}
    out = dict(mapping)
    for v in canon:
        longer = [w for w in canon if w != v and keyed[w].startswith(keyed[v] + " ")]
        if len(longer) == 1:
            for form, target in mapping.items():
                if target == v:
                    out[form] = longer[0]
    return out


@hookimpl
def newslab_extractors(registry: Registry) -> list[Extractor]:
    return [EntityExtractor(registry=registry)]
