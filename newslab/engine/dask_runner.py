"""Annotation on a Dask cluster: the same chunks, run by Dask workers.

Each chunk becomes one Dask task that builds the extractors once per worker process
(from an :class:`ExtractorSpec`: plugin folders must be readable by the workers) and
writes its own Parquet part, so results never travel back through the client. Parts
land in a partitioned Parquet dataset; with the same ``chunk_size`` the rows equal
those of the local runner.

Pointing at a real cluster: create ``distributed.Client("tcp://scheduler:8786")``
before calling (or pass ``scheduler="tcp://scheduler:8786"``); without one, Dask's
local threaded scheduler is used. The output folder must be on storage the workers
share with the client (NFS, or object storage mounted as a path).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newslab.corpus.article import Article
from newslab.engine.chunks import ExtractorSpec, annotate_chunk, chunked
from newslab.engine.local import RunSummary
from newslab.engine.writer import SpansWriter

__all__ = ["annotate_frame_dask", "run_dask"]


def _annotate_part(
    index: int,
    chunk: list[Article],
    spec: ExtractorSpec | dict[str, Any],
    folder: str,
    strict: bool,
) -> dict[str, Any]:
    """Worker side: annotate one chunk and write its Parquet part."""
    from newslab.engine.writer import SpansWriter

    result = annotate_chunk(index, chunk, spec, strict=strict)
    part = Path(folder) / f"chunk-{index:06d}.parquet"
    with SpansWriter(part) as writer:
        writer.write(result.spans)
    return {
        "index": index,
        "part": str(part),
        "rows": len(result.spans),
        "articles": result.articles,
        "chars": result.chars,
        "failures": result.failures,
    }


def run_dask(
    articles: Iterable[Article],
    spec: ExtractorSpec | dict[str, Any],
    output: str | Path,
    *,
    chunk_size: int = 2000,
    strict: bool = False,
    scheduler: str | None = None,
    wave: int | None = None,
) -> RunSummary:
    """Annotate with Dask into a partitioned Parquet dataset at ``output``.

    Chunks are submitted in waves (``wave`` tasks, default 4 per worker) so the client
    never holds the whole corpus. ``spec`` is best an :class:`ExtractorSpec` (workers
    build their own extractors); extractor instances are shipped with cloudpickle.
    """
    import dask

    client = None
    if scheduler:
        from distributed import Client

        client = Client(scheduler)
    summary = RunSummary()
    started = time.perf_counter()
    try:
        workers = _worker_count()
        wave = wave or max(2, 4 * workers)
        task = dask.delayed(_annotate_part, pure=False)
        with SpansWriter(output, partitioned=True) as writer:
            staging = str(writer.staging_dir)
            batch: list[Any] = []
            for index, chunk in enumerate(chunked(articles, chunk_size)):
                batch.append(task(index, chunk, spec, staging, strict))
                if len(batch) >= wave:
                    _collect(dask.compute(*batch), writer, summary)
                    batch = []
            if batch:
                _collect(dask.compute(*batch), writer, summary)
            writer.rows = summary.rows
    finally:
        if client is not None:
            client.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _collect(results: Iterable[dict[str, Any]], writer: SpansWriter, summary: RunSummary) -> None:
    for result in sorted(results, key=lambda r: r["index"]):
        writer.add_part(Path(result["part"]))
        summary.articles += result["articles"]
        summary.chars += result["chars"]
        summary.rows += result["rows"]
        summary.chunks += 1
        summary.failures.extend(result["failures"])


def _worker_count() -> int:
    try:
        from distributed import get_client

        client = get_client()
    except (ImportError, ValueError):
        from newslab.engine.chunks import default_jobs

        return default_jobs()
    return max(1, len(client.scheduler_info().get("workers", {})))


def annotate_frame_dask(
    articles: Iterable[Article],
    extractors: ExtractorSpec | dict[str, Any],
    *,
    chunk_size: int = 2000,
    strict: bool = False,
    scheduler: str | None = None,
):
    """Annotate with Dask and return ``(spans DataFrame, RunSummary)`` (in-memory API)."""
    import tempfile

    from newslab.spans import read_spans, to_frame

    with tempfile.TemporaryDirectory(prefix="newslab-dask-") as tmp:
        out = Path(tmp) / "spans.parquet"
        summary = run_dask(
            articles, extractors, out, chunk_size=chunk_size, strict=strict, scheduler=scheduler
        )
        parts = sorted(out.glob("part-*.parquet"))
        frames = [read_spans(part) for part in parts]
    frames = [f for f in frames if len(f)]
    if not frames:
        return to_frame([]), summary
    import pandas as pd

    return pd.concat(frames, ignore_index=True), summary
