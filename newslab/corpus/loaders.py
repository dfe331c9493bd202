"""Loaders for a folder of ``.txt`` files, ``.jsonl``, ``.csv`` and ``.parquet`` corpora.

Every loader is a generator (:func:`iter_articles`) so large inputs stream; :func:`load`
collects one into a :class:`Corpus`. Bad input raises :class:`CorpusError` naming the
file and line/row, or, with ``skip_errors=True``, is recorded as a
:class:`SkippedItem` and reported: no article is dropped silently.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from newslab.corpus.article import Article, Corpus, SkippedItem
from newslab.corpus.encoding import decode_bytes
from newslab.errors import CorpusError

__all__ = ["iter_articles", "load", "load_sample", "resolve_input", "sample_path"]

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
_KNOWN_FIELDS = ("id", "text", "source", "title", "published", "url")

OnSkip = Callable[[SkippedItem], None]


def sample_path() -> Path:
    """Folder of the bundled sample corpus (written by this project)."""
    return Path(str(resources.files("newslab") / "data" / "sample"))


def load_sample() -> Corpus:
    """The bundled sample corpus: several invented outlets reporting one invented event."""
    return load(sample_path())


def resolve_input(path: str | os.PathLike[str]) -> Path:
    """The path to read, with ``newslab:sample`` (or a missing ``sample``) as the sample."""
    text = os.fspath(path)
    if text == "newslab:sample" or (text == "sample" and not Path(text).exists()):
        return sample_path()
    return Path(path)


def load(
    path: str | os.PathLike[str],
    *,
    skip_errors: bool = False,
    encoding: str | None = None,
    on_skip: OnSkip | None = None,
) -> Corpus:
    """Load a corpus from a folder of ``.txt`` files or a ``.jsonl``/``.csv``/``.parquet`` file.

    With ``skip_errors=True`` bad items are left out and listed in ``corpus.skipped``
    (and passed to ``on_skip``); otherwise the first one raises :class:`CorpusError`.
    """
    skipped: list[SkippedItem] = []

    def record(item: SkippedItem) -> None:
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    corpus = Corpus()
    for article in iter_articles(path, skip_errors=skip_errors, encoding=encoding, on_skip=record):
        if article.id in corpus:
            error = CorpusError(f"{path}: duplicate article id {article.id!r}", path=str(path))
            if not skip_errors:
                raise error
            record(SkippedItem(str(path), None, f"duplicate article id {article.id!r}"))
            continue
        corpus.add(article)
    corpus.skipped = skipped
    return corpus


def iter_articles(
    path: str | os.PathLike[str],
    *,
    skip_errors: bool = False,
    encoding: str | None = None,
    on_skip: OnSkip | None = None,
) -> Iterator[Article]:
    """Yield the articles of a folder or table file one by one (streaming).

    ``sample`` (when no such file exists) or ``newslab:sample`` names the bundled sample.
    """
    path = resolve_input(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder", path=str(path))
    if path.is_dir():
        reader: Iterator[Article | CorpusError] = _read_folder(path, encoding)
    else:
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            reader = _read_jsonl(path)
        elif suffix == ".csv":
            reader = _read_csv(path, encoding)
        elif suffix == ".parquet":
            reader = _read_parquet(path)
        elif suffix == ".txt":
            reader = _read_txt_files([path], encoding)
        else:
            raise CorpusError(
                f"{path}: unsupported input; give a folder of .txt files or a "
                f".jsonl, .csv or .parquet file",
                path=str(path),
            )
    for item in reader:
        if isinstance(item, CorpusError):
            if not skip_errors:
                raise item
            skipped = SkippedItem(item.path or str(path), item.line, _reason(item))
            if on_skip is not None:
                on_skip(skipped)
            else:
                print(f"newslab: skipped {skipped}", file=sys.stderr)
            continue
        yield item


def _reason(error: CorpusError) -> str:
    """The message without its leading 'path[:line]: ' location."""
    message = str(error)
    prefix = error.path or ""
    if error.line is not None:
        prefix = f"{prefix}:{error.line}"
    return message[len(prefix) + 2 :] if prefix and message.startswith(prefix + ": ") else message


# ------------------------------------------------------------------------ folders


def _read_folder(folder: Path, encoding: str | None) -> Iterator[Article | CorpusError]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    if not files:
        tables = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
        hint = f" (found {', '.join(tables)}: pass the file itself)" if tables else ""
        raise CorpusError(f"{folder}: no .txt articles in this folder{hint}", path=str(folder))
    yield from _read_txt_files(files, encoding)


def _read_txt_files(files: list[Path], encoding: str | None) -> Iterator[Article | CorpusError]:
    for file in files:
        try:
            text, used = decode_bytes(file.read_bytes(), str(file), encoding)
            meta = _read_sidecar(file.with_suffix(".json"))
        except CorpusError as error:
            yield error
            continue
        except OSError as exc:
            yield CorpusError(f"{file}: cannot read ({exc.strerror})", path=str(file))
            continue
        fields = {k: meta.pop(k) for k in _KNOWN_FIELDS[2:] if k in meta}
        meta.pop("text", None)
        article_id = str(meta.pop("id", file.stem))
        meta["encoding"] = used
        meta["path"] = str(file)
        try:
            yield Article(id=article_id, text=text, metadata=meta, **_as_strings(fields))
        except (TypeError, ValueError) as exc:
            yield CorpusError(f"{file}: {exc}", path=str(file))


def _read_sidecar(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    raw = path.read_bytes()
    text, _ = decode_bytes(raw, str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(
            f"{path}:{exc.lineno}: metadata is not valid JSON ({exc.msg})", path=str(path), line=exc.lineno
        ) from None
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: metadata must be a JSON object", path=str(path))
    return data


# ------------------------------------------------------------------------ tables


def _row_to_article(row: Mapping[str, Any], path: Path, line: int) -> Article | CorpusError:
    where = f"{path}:{line}"
    if "text" not in row or row["text"] is None:
        return CorpusError(f"{where}: missing 'text'", path=str(path), line=line)
    if not isinstance(row["text"], str):
        return CorpusError(f"{where}: 'text' must be a string", path=str(path), line=line)
    article_id = row.get("id")
    if article_id is None or (isinstance(article_id, str) and not article_id.strip()):
        return CorpusError(f"{where}: missing 'id'", path=str(path), line=line)
    if isinstance(article_id, float) and article_id != article_id:
        return CorpusError(f"{where}: missing 'id'", path=str(path), line=line)
    fields = {k: row[k] for k in _KNOWN_FIELDS[2:] if k in row and row[k] is not None}
    metadata = {k: v for k, v in row.items() if k not in _KNOWN_FIELDS}
    metadata["path"] = str(path)
    metadata["line"] = line
    return Article(id=str(article_id), text=row["text"], metadata=metadata, **_as_strings(fields))


def _as_strings(fields: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for key, value in fields.items():
        if value is None or (isinstance(value, float) and value != value):
            out[key] = ""
        elif hasattr(value, "isoformat"):
            out[key] = value.isoformat()
        else:
            out[key] = str(value)
    return out


def _read_jsonl(path: Path) -> Iterator[Article | CorpusError]:
    data = path.read_bytes()
    text, _ = decode_bytes(data, str(path))
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield CorpusError(f"{path}:{lineno}: not valid JSON ({exc.msg})", path=str(path), line=lineno)
            continue
        if not isinstance(row, dict):
            yield CorpusError(f"{path}:{lineno}: expected a JSON object", path=str(path), line=lineno)
            continue
        yield _row_to_article(row, path, lineno)


def _read_csv(path: Path, encoding: str | None) -> Iterator[Article | CorpusError]:
    text, _ = decode_bytes(path.read_bytes(), str(path), encoding)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        raise CorpusError(f"{path}:1: CSV header must name a 'text' column", path=str(path), line=1)
    for row in reader:
        lineno = reader.line_num
        if None in row:
            yield CorpusError(f"{path}:{lineno}: more fields than the header", path=str(path), line=lineno)
            continue
        yield _row_to_article(row, path, lineno)


def _read_parquet(path: Path) -> Iterator[Article | CorpusError]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise CorpusError(f"{path}: not a readable Parquet file ({exc})", path=str(path)) from None
    if "text" not in parquet.schema_arrow.names:
        raise CorpusError(f"{path}: Parquet file has no 'text' column", path=str(path))
    row_number = 0
    for batch in parquet.iter_batches(batch_size=2048):
        for row in batch.to_pylist():
            row_number += 1
            yield _row_to_article(row, path, row_number)
