"""Scale: streaming annotation of large inputs on all cores or on a Dask cluster.

:func:`annotate_path` reads INPUT lazily, annotates it chunk by chunk
(:mod:`.chunks`) with one process, a process pool (:mod:`.local`) or Dask
(:mod:`.dask_runner`), and writes the spans table atomically (:mod:`.writer`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from newslab.engine.chunks import DEFAULT_CHUNK_SIZE, ExtractorSpec, annotate_chunk, default_jobs
from newslab.engine.local import RunSummary, run_local
from newslab.engine.writer import SpansWriter

__all__ = [
    "BACKENDS",
    "DEFAULT_CHUNK_SIZE",
    "ExtractorSpec",
    "RunSummary",
    "SpansWriter",
    "annotate_chunk",
    "annotate_path",
    "default_jobs",
    "run_local",
]

BACKENDS = ("local", "dask")


def annotate_path(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str] | None,
    *,
    plugins: Sequence[str | os.PathLike[str]] = (),
    only: Sequence[str] | None = None,
    jobs: int | None = None,
    backend: str = "local",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    strict: bool = False,
    skip_errors: bool = False,
    encoding: str | None = None,
    progress: bool = False,
    scheduler: str | None = None,
    on_skip=None,
    registry=None,
) -> RunSummary:
    """Stream INPUT through the extractors into OUTPUT (``None``: JSON Lines to stdout).

    ``jobs`` defaults to all cores; ``backend="dask"`` writes a partitioned Parquet
    dataset (OUTPUT must end in ``.parquet``) using the active Dask client or
    ``scheduler``. A ``registry`` already built by the caller is reused in this process
    (and inherited by forked workers) instead of being built again.
    """
    from newslab.corpus.loaders import iter_articles

    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    spec = ExtractorSpec(
        plugin_dirs=tuple(str(Path(p).resolve()) for p in plugins),
        only=tuple(only) if only else None,
    )
    if registry is not None:
        spec.prime(registry)
    spec.build()  # fail fast on a bad plugin folder or unknown extractor name
    articles = iter_articles(input, skip_errors=skip_errors, encoding=encoding, on_skip=on_skip)
    if backend == "dask":
        from newslab.engine.dask_runner import run_dask

        if output is None:
            raise ValueError(
                "the dask backend writes a partitioned Parquet dataset: give -o OUT.parquet"
            )
        return run_dask(
            articles, spec, output, chunk_size=chunk_size, strict=strict, scheduler=scheduler
        )
    jobs = default_jobs() if jobs is None else max(1, jobs)
    with SpansWriter(output) as writer:
        return run_local(
            articles,
            spec,
            writer,
            jobs=jobs,
            chunk_size=chunk_size,
            strict=strict,
            progress=progress,
        )
