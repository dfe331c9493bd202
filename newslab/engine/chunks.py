"""Chunks: the unit of work of every runner (one process, a pool, or Dask).

A corpus is cut into chunks of ``chunk_size`` consecutive articles. Each chunk is
annotated on its own — ``fit`` on the chunk, ``extract`` per article, ``finalize`` on
the chunk's spans — so the result depends on the chunk boundaries only, never on how
many workers ran: ``--jobs 1``, ``--jobs 8`` and a Dask cluster give the same rows in
the same order. Corpus-level reasoning (name linking across outlets) therefore spans
one chunk; the default chunk (2,000 articles) holds a whole story's coverage.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import islice
from typing import Any

import pandas as pd

from newslab.corpus.article import Article, Corpus
from newslab.engine.writer import Prepared

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "ChunkResult",
    "ExtractorSpec",
    "annotate_chunk",
    "chunked",
]

DEFAULT_CHUNK_SIZE = 2000


@dataclass(frozen=True)
class ExtractorSpec:
    """What a worker needs to build the extractors itself (picklable, tiny).

    Workers rebuild the registry from the plugin folders instead of receiving pickled
    extractor objects, so third-party plugins need not be picklable and are built once
    per worker process.
    """

    plugin_dirs: tuple[str, ...] = ()
    only: tuple[str, ...] | None = None
    entry_points: bool | None = None

    def prime(self, registry: Any) -> None:
        """Use extractors from an already built registry for this spec in this process."""
        from newslab.annotate import resolve_extractors

        _BUILT[self] = resolve_extractors(registry=registry, only=list(self.only or ()) or None)

    def build(self) -> dict[str, Any]:
        """Extractor name -> instance, cached per process."""
        cached = _BUILT.get(self)
        if cached is None:
            from newslab.annotate import resolve_extractors
            from newslab.registry import Registry

            registry = Registry(entry_points=self.entry_points)
            for directory in self.plugin_dirs:
                registry.load_dir(directory)
            cached = resolve_extractors(registry=registry, only=list(self.only or ()) or None)
            _BUILT[self] = cached
        return cached


_BUILT: dict[ExtractorSpec, dict[str, Any]] = {}


@dataclass
class ChunkResult:
    """Spans (schema order, sorted) and failures (as dicts) of one chunk.

    ``spans`` is the table, or in a worker of a streaming run the table already
    encoded for the writer (:class:`newslab.engine.writer.Prepared`).
    """

    index: int
    spans: pd.DataFrame | Prepared
    failures: list[dict[str, Any]] = field(default_factory=list)
    articles: int = 0
    chars: int = 0

    @property
    def rows(self) -> int:
        return self.spans.rows if isinstance(self.spans, Prepared) else len(self.spans)


def chunked(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of ``size`` articles (the last may be shorter)."""
    if size < 1:
        raise ValueError(f"chunk size must be >= 1, got {size}")
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def annotate_chunk(
    index: int,
    articles: Sequence[Article],
    extractors: dict[str, Any] | ExtractorSpec,
    *,
    strict: bool = False,
    on_article: Callable[[Article], None] | None = None,
) -> ChunkResult:
    """fit → extract → finalize on one chunk; the building block of every runner.

    ``on_article`` is called after each article (progress bars in the same process).
    """
    from newslab.annotate import annotate_article_by_extractor, fit_extractors, spans_table

    if isinstance(extractors, ExtractorSpec):
        extractors = extractors.build()
    _freeze_long_lived()
    corpus = Corpus(articles)
    with _no_cyclic_gc():
        extractors, failures = fit_extractors(corpus, extractors, strict=strict)
        spans: dict[str, list[Any]] = {name: [] for name in extractors}
        for article in corpus:
            produced, failed = annotate_article_by_extractor(article, extractors, strict=strict)
            for name, kept in produced.items():
                spans.setdefault(name, []).extend(kept)
            failures.extend(failed)
            if on_article is not None:
                on_article(article)
        frame, final_failures = spans_table(spans, extractors, corpus.ids, strict=strict)
        # free the chunk's spans while the collector is still off: turned on again, it
        # would walk every one of them once (each is a tuple it tracks) before they go
        spans.clear()
    failures.extend(final_failures)
    return ChunkResult(
        index=index,
        spans=frame,
        failures=[asdict(f) for f in failures],
        articles=len(corpus),
        chars=sum(len(a.text) for a in corpus),
    )


_FROZEN = False


def _freeze_long_lived() -> None:
    """Move what exists now (extractors, compiled gazetteers) out of the GC's sight, once.

    The cyclic collector otherwise walks those large, long-lived structures again and
    again while a run allocates millions of small objects; frozen objects are still
    freed by reference counting.
    """
    global _FROZEN
    if not _FROZEN:
        gc.collect()
        gc.freeze()
        _FROZEN = True


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic collector paused while one chunk is annotated.

    Annotation allocates millions of short-lived objects and makes almost no reference
    cycles (a 500-article chunk leaves about ten), so collections during a chunk only
    cost time; reference counting still frees everything, and the collector runs again
    afterwards for whatever cycles a plugin made.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)
