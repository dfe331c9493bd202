"""Incremental, atomic writers for the spans table.

Spans are appended chunk by chunk to a temporary file beside the target, which is
renamed over the target only when the run completes: a crash never leaves a truncated
file that looks complete. ``.parquet`` targets may also be written as a partitioned
dataset (a folder of ``part-NNNNN.parquet`` files), which is what Dask produces.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from newslab.errors import SpanError
from newslab.spans import COLUMNS, frame_for_disk, jsonl_text

__all__ = ["FrameCollector", "Prepared", "SpansWriter", "parquet_schema", "prepare"]


@dataclass
class Prepared:
    """A chunk's spans already in the form a writer stores (``attrs`` as JSON for
    Parquet and CSV, the text for JSON Lines): made by :func:`prepare` in a worker
    process, so the writing process only appends and the encoding runs in parallel."""

    format: str
    rows: int
    payload: pd.DataFrame | str


def prepare(frame: pd.DataFrame, fmt: str) -> Prepared:
    """``frame`` encoded for a writer of format ``fmt`` (``.jsonl``, ``.csv``, ``.parquet``)."""
    if fmt == ".jsonl":
        return Prepared(fmt, len(frame), jsonl_text(frame))
    return Prepared(fmt, len(frame), frame_for_disk(frame))


class FrameCollector:
    """A writer that keeps the chunks in memory (the in-memory ``annotate`` API)."""

    def __init__(self) -> None:
        self.parts: list[pd.DataFrame] = []
        self.rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        self.parts.append(frame)
        self.rows += len(frame)

    def frame(self) -> pd.DataFrame:
        from newslab.spans import empty_frame

        parts = [p for p in self.parts if len(p)]
        return pd.concat(parts, ignore_index=True) if parts else empty_frame()


def parquet_schema():
    """The Arrow schema of a spans Parquet file (``attrs`` as JSON text)."""
    import pyarrow as pa

    return pa.schema(
        [
            ("article", pa.string()),
            ("extractor", pa.string()),
            ("kind", pa.string()),
            ("label", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("value", pa.string()),
            ("attrs", pa.string()),
        ]
    )


class SpansWriter:
    """Append spans tables to ``path`` (``None``: JSON Lines on standard output).

    Use as a context manager; the file appears at ``path`` only after a clean exit.
    """

    def __init__(self, path: str | os.PathLike[str] | None, *, partitioned: bool = False):
        self.path = Path(path) if path is not None else None
        self.partitioned = partitioned
        self.rows = 0
        self._handle: IO[str] | None = None
        self._parquet: Any = None
        self._tmp: Path | None = None
        self._parts = 0
        self._csv_header = True
        if self.path is None:
            self.format = ".jsonl"
            return
        suffix = self.path.suffix.lower()
        self.format = ".jsonl" if suffix == ".ndjson" else suffix
        if self.format not in (".jsonl", ".csv", ".parquet"):
            raise SpanError(
                f"{self.path}: unsupported spans format {suffix or '(none)'!r}; "
                "use .jsonl, .csv or .parquet"
            )
        if partitioned and self.format != ".parquet":
            raise SpanError(f"{self.path}: partitioned output needs a .parquet target")

    def __enter__(self) -> SpansWriter:
        if self.path is None:
            self._handle = sys.stdout
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.partitioned:
            self._tmp = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", dir=self.path.parent))
            return self
        fd, name = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        os.close(fd)
        self._tmp = Path(name)
        if self.format in (".jsonl", ".csv"):
            self._handle = self._tmp.open("w", encoding="utf-8", newline="")
        return self

    def write(self, frame: pd.DataFrame | Prepared) -> None:
        """Append one chunk's spans (a table, or a table :func:`prepare`-d for this format)."""
        if not isinstance(frame, Prepared):
            frame = prepare(frame, self.format)
        elif frame.format != self.format:
            raise SpanError(f"spans prepared for {frame.format} given to a {self.format} writer")
        self.rows += frame.rows
        payload = frame.payload
        if self.format == ".jsonl":
            assert self._handle is not None
            self._handle.write(payload)
            return
        if self.format == ".csv":
            assert self._handle is not None
            payload.to_csv(self._handle, index=False, header=self._csv_header)
            self._csv_header = False
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(
            payload if frame.rows else _empty_disk_frame(),
            schema=parquet_schema(),
            preserve_index=False,
        )
        if self.partitioned:
            assert self._tmp is not None
            pq.write_table(table, self._tmp / f"part-{self._parts:05d}.parquet")
            self._parts += 1
            return
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._tmp, parquet_schema())
        self._parquet.write_table(table)

    def add_part(self, part: Path) -> None:
        """Move an already written Parquet part (from a worker) into the dataset."""
        assert self.partitioned and self._tmp is not None
        shutil.move(str(part), self._tmp / f"part-{self._parts:05d}.parquet")
        self._parts += 1

    @property
    def staging_dir(self) -> Path:
        """Where workers may write their parts before :meth:`add_part`."""
        assert self._tmp is not None
        return self._tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.path is None:
            if self._handle is not None:
                self._handle.flush()
            return
        try:
            if self._handle is not None:
                self._handle.close()
            if self.format == ".parquet" and not self.partitioned:
                if self._parquet is None:
                    self.write(pd.DataFrame(columns=list(COLUMNS)))
                self._parquet.close()
            if exc_type is None:
                self._commit()
        finally:
            self._cleanup()

    def _commit(self) -> None:
        assert self._tmp is not None and self.path is not None
        if self.partitioned:
            if self.path.exists():
                shutil.rmtree(self.path) if self.path.is_dir() else self.path.unlink()
            os.replace(self._tmp, self.path)
        else:
            if self.path.is_dir():
                shutil.rmtree(self.path)
            os.replace(self._tmp, self.path)
        self._tmp = None

    def _cleanup(self) -> None:
        if self._tmp is None:
            return
        if self._tmp.is_dir():
            shutil.rmtree(self._tmp, ignore_errors=True)
        else:
            self._tmp.unlink(missing_ok=True)
        self._tmp = None


def _empty_disk_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS})
    return frame.astype({"start": "int64", "end": "int64"})
