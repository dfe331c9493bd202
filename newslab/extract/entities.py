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
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from newslab.arabic.normalize import DIACRITICS, INVISIBLES, normalize
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
)
from newslab.extract.linking import (
    latin_similarity,
    link_names,
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
        self._prepared: TextCache[list[Candidate]] = TextCache()
        self._written: _Memo[tuple[str, str, str], str] = _Memo()  # see _as_written

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

        The candidates found on the way are kept for ``extract`` (the same work)."""
        people: dict[tuple[str, ...], str] = {}
        self._prepared.clear()
        for article in corpus:
            cands = self._base_candidates(shared_normalized(article.text).text)
            self._prepared.put(article.text, cands)
            for c in cands:
                if c.label == "PER" and len(c.name) >= 2 and c.source != "gazetteer":
                    people.setdefault(tuple(c.name), c.value)
        self._corpus_known = _known_names(people.items(), given_names())
        self._corpus_matcher = NameMatcher(self._corpus_known)
        return self

    def extract(self, article: Article, context: Context | None = None) -> Iterator[Span]:
        norm = context.normalized if context is not None else normalize(article.text)
        text = norm.text
        cands = self._prepared.take(article.text)
        if cands is None:
            cands = self._base_candidates(text)
        local = {tuple(c.name): c.value for c in cands if c.label == "PER" and len(c.name) >= 2}
        corpus_known = self._corpus_known
        own = {
            k: v
            for k, v in _known_names(local.items(), given_names()).items()
            if corpus_known.get(k, (None,))[0] != v[0]
        }
        words = Words(text)
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
        if any(c.source == "latin" for c in cands):
            cands = _resolve_latin(cands, {**corpus_known, **own}, self.gaz)
        cands = refine(text, cands, self.gaz, words, (own, corpus_known))
        chosen = _select(cands)
        chosen = _add_kingdoms(text, chosen, words)
        chosen = _gloss_latin(text, chosen)
        chosen = resolve_anaphora(text, chosen)
        offsets = [(c.start, c.end) for c in chosen]
        if not norm.is_aligned:
            offsets = norm.to_original_spans(offsets)
        for c, (start, end) in zip(chosen, offsets, strict=True):
            if end <= start:
                continue
            surface = text[c.start : c.end]
            if c.source in _FROM_TEXT:
                c.value = self._as_written(c.value, surface, article.text[start:end])
            attrs = {"source": c.source, "surface_key": key(surface)}
            yield Span(start, end, "entity", c.label, c.value, attrs)

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

    def _base_candidates(self, text: str, *, people_only: bool = False) -> list[Candidate]:
        """Gazetteer, trigger and Latin candidates; ``people_only`` is the quicker pass of
        ``fit`` (gazetteer hits only bound the person rules' names)."""
        hits = self.gaz.find(text)
        spans = Spans(hits)
        cands = [] if people_only else [_from_gazetteer(text, h) for h in hits]
        cands.extend(find_triggered(text, _lexicon(), spans, self.spell, people_only=people_only))
        cands.extend(find_latin(text))
        cands.extend(
            c for c in find_layout(text, hits, self.spell) if not people_only or c.label == "PER"
        )
        given = given_names()
        for c in cands:
            if c.label == "PER" and c.source in ("title", "given"):
                c.value = " ".join(_respell(t, given, self.spell) for t in c.name)
                c.name = tuple(c.value.split(" "))
        return cands

    # ------------------------------------------------------------ linking

    def finalize(self, spans: pd.DataFrame) -> pd.DataFrame:
        """One canonical value per referent across the corpus (see :mod:`.linking`)."""
        if not len(spans):
            return spans
        out = spans.copy()
        values = out["value"].astype(str).tolist()
        labels = out["label"].astype(str).tolist()
        rows_of: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            rows_of.setdefault(label, []).append(i)
        people = rows_of.get("PER", [])
        if people:
            articles = out["article"].astype(str).tolist()
            names = {v: tuple(TOKEN.findall(v)) or (v,) for v in {values[i] for i in people}}
            canonicals = link_person_names(
                [names[values[i]] for i in people], [articles[i] for i in people]
            )
            for i, canonical in zip(people, canonicals, strict=True):
                values[i] = canonical
        for group in (("ORG",), ("GPE", "LOC"), ("EVENT",), ("MISC",)):
            # the row order does not matter: link_names only counts values
            rows = [i for label in group for i in rows_of.get(label, ())]
            mapping = link_names(values[i] for i in rows)
            if group == ("EVENT",):
                mapping = _extend_event_prefixes(mapping)
            changed = {form: best for form, best in mapping.items() if form != best}
            if changed:
                for i in rows:
                    values[i] = changed.get(values[i], values[i])
        out["value"] = values
        return out


# ---------------------------------------------------------------- helpers


#: Sources whose value is built from the text (so it gets the text's own spelling back).
_FROM_TEXT = frozenset(
    {"title", "given", "org", "descriptor", "event", "place", "byline", "outlet", "project"}
)
_INVISIBLE = re.compile(f"[{re.escape(DIACRITICS + INVISIBLES)}\u0640]")


#: Entries of the memo of :meth:`EntityExtractor._as_written` (cleared when full).
_WRITTEN_MEMO_SIZE = 65536


class _Memo(dict[_K, _V]):
    """A memo dict that pickles empty: a copy sent to a worker process starts afresh."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), ())


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


def _from_gazetteer(text: str, hit: GazetteerMatch) -> Candidate:
    entry = hit.entry
    label = entry.label
    if entry.subtype == "city":
        label = (
            "LOC"
            if locative_before(text, hit.start, text[hit.start : hit.start + hit.prefix])
            else "GPE"
        )
    name = tuple(entry.canonical.split(" ")) if label == "PER" else ()
    priority = 7 if _multiword(entry.name) else 6
    return Candidate(hit.start, hit.end, label, entry.canonical, "gazetteer", priority, name)


@lru_cache(maxsize=65536)
def _multiword(name: str) -> bool:
    return len(TOKEN.findall(name)) > 1


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
    """A flat layer: longest candidates first, then by priority; no overlaps."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.label))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for c in order:
        if c.end <= c.start or c.label not in LABELS:
            continue
        i = bisect.bisect_right(starts, c.start)
        if i and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        kept.insert(i, c)
    return kept


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


def _start(c: Candidate) -> int:
    return c.start


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
