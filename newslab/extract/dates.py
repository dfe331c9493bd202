"""Built-in ``dates`` extractor: every temporal expression of Arabic news, as ISO values.

``19 تموز/يوليو 2022`` -> ``2022-07-19``; ``مارس/ آذار 2022`` -> ``2022-03``; ``عام 2020``
-> ``2020``; ``التسعينيات`` -> ``1990s``; ``بين 12 و15 سبتمبر 2022`` ->
``2022-09-12/2022-09-15``; ``15 رمضان 1443 هـ`` -> ``2022-04-16`` (``calendar: hijri``);
``الإثنين``، ``الشهر الماضي``، ``هذا الأسبوع`` -> resolved against the article's anchor date,
recorded in ``attrs["resolved_from"]``.

The anchor is, in order: ``article.published``; a ``published`` metadata span of the
boilerplate extractor (when it ran first); the latest full date the article itself
mentions (``inferred:``); the latest full date mentioned across the corpus seen by
:meth:`DatesExtractor.fit` (``corpus:``) — news corpora are many outlets on one story.
Without any anchor, relative expressions are still emitted, with an empty value.

The grammar (:mod:`.date_grammar`) is one precompiled pattern over the shared
normalised text; names come from CLDR via Babel (:mod:`.calendars`); the arithmetic of
relative dates is in :mod:`.date_resolve`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from newslab.arabic.normalize import NormalizedText, normalize
from newslab.extract.base import Context, Extractor, TextCache, shared_normalized
from newslab.extract.date_grammar import LABELS, SAME, Mention, scan
from newslab.extract.date_resolve import Anchor, parse_iso_date, resolve_relative
from newslab.hooks import hookimpl
from newslab.spans import Span

if TYPE_CHECKING:
    from newslab.corpus.article import Article, Corpus

__all__ = ["DatesExtractor", "find_dates", "infer_anchor"]


class DatesExtractor(Extractor):
    """Dates, months, years, decades, weekdays, ranges and relative expressions."""

    name: ClassVar[str] = "dates"
    kinds: ClassVar[tuple[str, ...]] = ("date",)
    labels: ClassVar[dict[str, tuple[str, ...]]] = {"date": LABELS}
    #: For its ``metadata``/``published`` spans (an aggregator footer's date line).
    requires: ClassVar[tuple[str, ...]] = ("boilerplate",)
    description: ClassVar[str] = (
        "Arabic and Latin dates (all month-name systems, Hijri), years, decades, "
        "weekdays, ranges and relative expressions resolved to ISO values"
    )

    def __init__(self) -> None:
        self._corpus_anchor: Anchor | None = None
        self._corpus_ids: frozenset[str] = frozenset()
        self._scanned: TextCache[list[Mention]] = TextCache()

    def fit(self, corpus: Corpus | Iterable[Article]) -> DatesExtractor:
        """Find the corpus anchor: the latest full date any article mentions."""
        latest: dt.date | None = None
        ids = []
        self._scanned.clear()
        for article in corpus:
            ids.append(article.id)
            mentions = scan(shared_normalized(article.text))
            self._scanned.put(article.text, mentions)  # extract takes them back
            found = infer_anchor(mentions)
            if found is not None and (latest is None or found > latest):
                latest = found
        self._corpus_ids = frozenset(ids)
        self._corpus_anchor = Anchor(latest, "corpus") if latest else None
        return self

    def extract(self, article: Article, context: Context | None = None) -> Iterator[Span]:
        normalized = context.normalized if context is not None else normalize(article.text)
        mentions = self._scanned.take(article.text)
        if mentions is None:
            mentions = scan(normalized)
        if not mentions:
            return
        anchor = self._anchor(article, context, mentions)
        yield from spans_of(mentions, normalized, anchor)

    def anchor(self, article: Article, context: Context | None = None) -> Anchor | None:
        """The date this extractor resolves ``article``'s relative expressions against."""
        normalized = context.normalized if context is not None else normalize(article.text)
        return self._anchor(article, context, scan(normalized))

    def _anchor(
        self, article: Article, context: Context | None, mentions: list[Mention]
    ) -> Anchor | None:
        published = _published_date(article.published)
        if published is not None:
            return Anchor(published, "published")
        if context is not None:
            for span in context.spans(kind="metadata"):
                if span.label == "published":
                    found = _published_date(span.value)
                    if found is not None:
                        return Anchor(found, "metadata")
        own = infer_anchor(mentions)
        corpus = self._corpus_anchor if article.id in self._corpus_ids else None
        if own is not None and (corpus is None or own >= _latest_mentioned(mentions)):
            return Anchor(own, "inferred")
        return corpus or (Anchor(own, "inferred") if own else None)


def infer_anchor(mentions: Iterable[Mention]) -> dt.date | None:
    """The latest explicit full date among ``mentions`` (the article's likely date)."""
    # a full date's value has ten characters at least: the length spares most
    # mentions (years, months, relative ones) the pattern of is_full_date
    dates = [parse_iso_date(m.value) for m in mentions if len(m.value) >= 10 and m.is_full_date]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def _latest_mentioned(mentions: Iterable[Mention]) -> dt.date:
    """The start of the latest explicit period mentioned (a year counts as 1 January)."""
    latest = dt.date.min
    for mention in mentions:
        if mention.rel is not None or not mention.value[:4].isdigit():
            continue
        value = mention.value.split("/")[-1]
        parts = value[:10].split("-")
        try:
            start = dt.date(
                int(parts[0]),
                int(parts[1]) if len(parts) > 1 else 1,
                int(parts[2][:2]) if len(parts) > 2 else 1,
            )
        except ValueError:
            continue
        latest = max(latest, start)
    return latest


def _published_date(value: Any) -> dt.date | None:
    found = parse_iso_date(value)
    if found is None and isinstance(value, str) and value.strip():
        found = infer_anchor(scan(normalize(value)))
    return found


def spans_of(
    mentions: Iterable[Mention], normalized: NormalizedText, anchor: Anchor | None
) -> Iterator[Span]:
    """Turn mentions into ``date`` spans on the original text, resolving relative ones."""
    recent: dict[str, str] = {}  # grain -> the last explicit value (for الشهر ذاته)
    original = normalized.original
    # a tatweel after a span ends its word (هـ): read on only in a text that holds one
    tatweel_end = len(original) if "\u0640" in original else 0
    anchor_tag = anchor.tag if anchor is not None else None
    resolved: dict[tuple[Any, ...], str] = {}  # relative spec -> its value at the anchor
    mentions = list(mentions)
    # the last explicit values are read only by a period "itself" (الشهر ذاته)
    tracks_recent = any(
        m.rel is not None and m.rel[0] == "period" and m.rel[2] == SAME for m in mentions
    )
    offsets = normalized.to_original_spans([(m.start, m.end) for m in mentions])
    for mention, (start, end) in zip(mentions, offsets, strict=True):
        attrs = dict(mention.attrs)
        value = mention.value
        if mention.rel is not None:
            rel = mention.rel
            if rel[0] == "period" and rel[2] == SAME and rel[1] in recent:
                value = recent[rel[1]]
                attrs["resolved_from"] = f"context:{value}"
            elif anchor is not None:
                value = resolved.get(rel)
                if value is None:  # the same reference often recurs (شهر يوليو المقبل)
                    value = resolved[rel] = resolve_relative(rel, anchor.date) or ""
                attrs["resolved_from"] = anchor_tag if value else None
            else:
                attrs["resolved_from"] = None
        if tracks_recent and value and value[:4].isdigit() and "/" not in value:
            if len(value) >= 7 and value[4] == "-" and value[5] != "W":
                recent["month"] = value[:7]
            recent["year"] = value[:4]
        while end < tatweel_end and original[end] == "\u0640":
            end += 1
        yield Span(start, end, "date", mention.label, value, attrs)


def find_dates(text: str, *, published: str = "") -> list[Span]:
    """The date spans of one text (a convenience for notebooks and tests)."""
    from newslab.corpus.article import Article

    article = Article(id="text", text=text, published=published)
    spans = DatesExtractor().extract(article, Context(article))
    return [span._replace(text=text[span.start : span.end]) for span in spans]


@hookimpl
def newslab_extractors() -> list[Extractor]:
    return [DatesExtractor()]
