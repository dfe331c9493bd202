"""Streaming annotation on one machine: one process or a pool of ``jobs`` processes.

Articles are read lazily, cut into chunks, annotated (in worker processes when
``jobs > 1``) and written in input order as each chunk completes, with at most
``2 × jobs`` chunks in flight — memory stays flat however large the corpus is.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from newslab.corpus.article import Article
from newslab.engine.chunks import ChunkResult, ExtractorSpec, annotate_chunk, chunked
from newslab.engine.writer import SpansWriter, prepare

__all__ = ["RunSummary", "run_local"]


@dataclass
class RunSummary:
    """What a streaming run did: counts, failures and time."""

    articles: int = 0
    chars: int = 0
    rows: int = 0
    chunks: int = 0
    seconds: float = 0.0
    failures: list[dict[str, Any]] = field(default_factory=list)

    def add(self, result: ChunkResult) -> None:
        self.articles += result.articles
        self.chars += result.chars
        self.rows += result.rows
        self.chunks += 1
        self.failures.extend(result.failures)

    @property
    def mb_per_s(self) -> float:
        return self.chars / 1e6 / self.seconds if self.seconds else 0.0


def run_local(
    articles: Iterable[Article],
    extractors: dict[str, Any] | ExtractorSpec,
    writer: SpansWriter,
    *,
    jobs: int = 1,
    chunk_size: int = 2000,
    strict: bool = False,
    progress: bool | int = False,
) -> RunSummary:
    """Annotate ``articles`` chunk by chunk into ``writer``; return a summary.

    With ``jobs > 1``, chunks run in worker processes that build (from an
    :class:`ExtractorSpec`) or inherit (instances, by fork) the extractors once.
    """
    summary = RunSummary()
    started = time.perf_counter()
    bar = _bar(progress)
    try:
        chunks = chunked(articles, chunk_size)
        first = next(chunks, None)
        second = next(chunks, None) if first is not None else None
        if jobs <= 1 or second is None:
            # one process: also when the input is a single chunk (no pool to start)
            tick = (lambda _article: bar.update(1)) if bar is not None else None
            for index, chunk in enumerate(_chain(first, second, chunks)):
                result = annotate_chunk(index, chunk, extractors, strict=strict, on_article=tick)
                _emit(result, writer, summary, None)
        else:
            # workers also encode their spans for the writer: the writing process then
            # only appends, and does not become the bottleneck of the pool
            fmt = writer.format if isinstance(writer, SpansWriter) else None
            with _pool(jobs, extractors) as pool:
                pending: deque[Future[ChunkResult]] = deque()
                for index, chunk in enumerate(_chain(first, second, chunks)):
                    pending.append(pool.submit(_work, index, chunk, strict, fmt))
                    if len(pending) >= 2 * jobs:
                        _emit(pending.popleft().result(), writer, summary, bar)
                while pending:
                    _emit(pending.popleft().result(), writer, summary, bar)
    finally:
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _chain(first, second, rest):
    for chunk in (first, second):
        if chunk is not None:
            yield chunk
    yield from rest


_WORKER_EXTRACTORS: dict[str, Any] | ExtractorSpec | None = None


def _init_worker(extractors: dict[str, Any] | ExtractorSpec) -> None:
    global _WORKER_EXTRACTORS
    _WORKER_EXTRACTORS = extractors


def _work(index: int, chunk: list[Article], strict: bool, fmt: str | None) -> ChunkResult:
    """One chunk in a worker; with ``fmt``, its spans come back :func:`prepare`-d."""
    assert _WORKER_EXTRACTORS is not None
    result = annotate_chunk(index, chunk, _WORKER_EXTRACTORS, strict=strict)
    if fmt is not None:
        result.spans = prepare(result.spans, fmt)
    return result


def _pool(jobs: int, extractors: dict[str, Any] | ExtractorSpec) -> ProcessPoolExecutor:
    """Workers that hold the extractors: a spec is rebuilt in each worker; instances are
    inherited by forking where the platform allows it (no pickling of plugin objects)."""
    context = None
    if not isinstance(extractors, ExtractorSpec):
        if "fork" not in multiprocessing.get_all_start_methods():
            raise TypeError("jobs > 1 with extractor instances needs fork; pass an ExtractorSpec")
        context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(extractors,)
    )


def _emit(result: ChunkResult, writer: SpansWriter, summary: RunSummary, bar: Any) -> None:
    writer.write(result.spans)
    summary.add(result)
    if bar is not None:
        bar.update(result.articles)


def _bar(progress: bool | int) -> Any:
    """A tqdm bar; ``progress`` may be the number of articles when it is known."""
    if progress is False or progress is None:
        return None
    from tqdm.auto import tqdm

    total = progress if isinstance(progress, int) and not isinstance(progress, bool) else None
    return tqdm(desc="annotate", unit="article", total=total)
