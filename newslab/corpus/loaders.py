"""Loaders for a folder of ``.txt`` files, ``.jsonl``, ``.csv`` and ``.parquet`` corpora.

Every loader is a generator (:func:`iter_articles`) so large inputs stream; :func:`load`
collects one into a :class:`Corpus`. Bad input raises :class:`CorpusError` naming the
file and line/row, or, with ``skip_errors=True``, is recorded as a
:class:`SkippedItem` and reported: no article is dropped silently.

Problems with the input as a whole (missing path, unsupported extension, empty folder,
a table without an ``id``/``text`` column, malformed CSV quoting) always raise: there is
nothing sensible to skip to.
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
_METADATA_FIELDS = _KNOWN_FIELDS[2:]
_REQUIRED_COLUMNS = ("id", "text")

OnSkip = Callable[[SkippedItem], None]
_Item = Article | CorpusError


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

    With ``skip_errors=True`` bad items are left out, listed in ``corpus.skipped`` and
    reported (to ``on_skip``, by default one line each on standard error); otherwise the
    first one raises :class:`CorpusError`. ``encoding`` forces the files' encoding.
    """
    skipped: list[SkippedItem] = []

    def record(item: SkippedItem) -> None:
        skipped.append(item)
        (on_skip or _print_skipped)(item)

    corpus = Corpus(iter_articles(path, skip_errors=skip_errors, encoding=encoding, on_skip=record))
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
    Duplicate ids are bad items too. Skipped items go to ``on_skip`` (default: one line
    each on standard error).
    """
    seen: dict[str, str] = {}
    for item in _reader_for(resolve_input(path), encoding):
        if isinstance(item, Article):
            item = _check_unique(item, seen)
        if isinstance(item, CorpusError):
            if not skip_errors:
                raise item
            (on_skip or _print_skipped)(
                SkippedItem(item.path or str(path), item.line, item.reason, item.row)
            )
            continue
        yield item


def _print_skipped(item: SkippedItem) -> None:
    print(f"newslab: skipped {item}", file=sys.stderr)


def _reader_for(path: Path, encoding: str | None) -> Iterator[_Item]:
    if not path.exists():
        raise CorpusError.at(path, "no such file or folder")
    if path.is_dir():
        return _read_folder(path, encoding)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path, encoding)
    if suffix == ".csv":
        return _read_csv(path, encoding)
    if suffix == ".parquet":
        return _read_parquet(path)
    if suffix == ".txt":
        return _read_txt_files([path], encoding)
    raise CorpusError.at(
        path,
        f"unsupported input ({suffix or 'no extension'}); give a folder of .txt files "
        "or a .jsonl, .csv or .parquet file",
    )


def _location(article: Article) -> tuple[str, int | None, int | None]:
    meta = article.metadata
    return str(meta.get("path", "")), meta.get("line"), meta.get("row")


def _check_unique(article: Article, seen: dict[str, str]) -> _Item:
    path, line, row = _location(article)
    first = seen.get(article.id)
    if first is None:
        if line is not None:
            seen[article.id] = f"line {line}"
        elif row is not None:
            seen[article.id] = f"row {row}"
        else:
            seen[article.id] = Path(path).name
        return article
    where = f"in {first}" if not first.startswith(("line", "row")) else f"at {first}"
    return CorpusError.at(
        path, f"duplicate article id {article.id!r} (first {where})", line=line, row=row
    )


# ------------------------------------------------------------------------ folders


def _read_folder(folder: Path, encoding: str | None) -> Iterator[_Item]:
    entries = sorted(folder.iterdir())
    files = [p for p in entries if p.is_file() and p.suffix.lower() == ".txt"]
    if not files:
        tables = [p.name for p in entries if p.suffix.lower() in TABLE_SUFFIXES]
        hint = f" (found {', '.join(tables)}: pass that file instead)" if tables else ""
        raise CorpusError.at(folder, f"no .txt articles in this folder{hint}")
    return _read_txt_files(files, encoding)


def _read_txt_files(files: list[Path], encoding: str | None) -> Iterator[_Item]:
    for file in files:
        try:
            text, used = decode_bytes(file.read_bytes(), str(file), encoding)
            meta = _read_sidecar(file.with_suffix(".json"))
        except CorpusError as error:
            yield error
            continue
        except OSError as exc:
            yield CorpusError.at(exc.filename or file, f"cannot read ({exc.strerror})")
            continue
        fields = {k: meta.pop(k) for k in _METADATA_FIELDS if k in meta}
        meta.pop("text", None)
        article_id = str(meta.pop("id", file.stem))
        meta["encoding"] = used
        meta["path"] = str(file)
        yield _article(article_id, text, meta, fields)


def _read_sidecar(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    text, _ = decode_bytes(path.read_bytes(), str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError.at(
            path, f"metadata is not valid JSON ({exc.msg})", line=exc.lineno
        ) from None
    if not isinstance(data, dict):
        raise CorpusError.at(path, f"metadata must be a JSON object, got {_json_type(data)}")
    for key in ("id", *_METADATA_FIELDS):
        if key in data and not _is_scalar(data[key]):
            raise CorpusError.at(path, f"{key!r} must be a string, got {_json_type(data[key])}")
    if "id" in data and not str(data["id"]).strip():
        raise CorpusError.at(path, "'id' must not be empty")
    return data


# ------------------------------------------------------------------------ tables


def _row_to_article(
    record: Mapping[str, Any], path: Path, *, line: int | None = None, row: int | None = None
) -> _Item:
    def error(reason: str) -> CorpusError:
        return CorpusError.at(path, reason, line=line, row=row)

    text = record.get("text")
    if text is None:
        return error("missing 'text'")
    if not isinstance(text, str):
        return error(f"'text' must be a string, got {_json_type(text)}")
    article_id = record.get("id")
    if isinstance(article_id, float):
        if article_id != article_id:  # NaN: an empty cell
            article_id = None
        elif article_id.is_integer():
            article_id = int(article_id)
    if article_id is None or (isinstance(article_id, str) and not article_id.strip()):
        return error("missing 'id'")
    if isinstance(article_id, bool) or not isinstance(article_id, (str, int)):
        return error(f"'id' must be a string or an integer, got {_json_type(article_id)}")
    for key in _METADATA_FIELDS:
        if key in record and not _is_scalar(record[key]):
            return error(f"{key!r} must be a string, got {_json_type(record[key])}")
    fields = {k: record[k] for k in _METADATA_FIELDS if k in record}
    metadata = {k: v for k, v in record.items() if k not in _KNOWN_FIELDS}
    metadata["path"] = str(path)
    if line is not None:
        metadata["line"] = line
    if row is not None:
        metadata["row"] = row
    return _article(str(article_id), text, metadata, fields)


def _article(
    article_id: str, text: str, metadata: dict[str, Any], fields: dict[str, Any]
) -> Article:
    """Build the article; without a publication date, take it from an aggregator footer.

    ``metadata["published_from"]`` says where an extracted date came from.
    """
    values = _as_strings(fields)
    if not values.get("published"):
        from newslab.extract.footer import published_from_text

        found = published_from_text(text)
        if found:
            values["published"] = found
            metadata["published_from"] = "footer"
    return Article(id=article_id, text=text, metadata=metadata, **values)


def _is_scalar(value: Any) -> bool:
    return value is None or not isinstance(value, (dict, list, tuple, set, bytes))


def _json_type(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


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


def _read_jsonl(path: Path, encoding: str | None) -> Iterator[_Item]:
    """Stream JSON Lines: one object per ``\\n``-terminated line (blank lines allowed)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        wide = head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            encoding is not None
            and encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32"))
        )
        if wide:  # not ASCII-compatible: decode the whole file first
            text, _ = decode_bytes(handle.read(), str(path), encoding)
            lines: Iterator[tuple[int, str | CorpusError]] = enumerate(text.split("\n"), 1)
        else:
            lines = _decoded_lines(handle, path, encoding)
        for lineno, line in lines:
            if isinstance(line, CorpusError):
                yield line
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield CorpusError.at(path, f"not valid JSON ({exc.msg})", line=lineno)
                continue
            if not isinstance(record, dict):
                yield CorpusError.at(
                    path, f"expected a JSON object, got {_json_type(record)}", line=lineno
                )
                continue
            surrogate = _unpaired_surrogate(record.get("text"))
            if surrogate is not None:
                yield CorpusError.at(
                    path, f"'text' holds an unpaired surrogate at offset {surrogate}", line=lineno
                )
                continue
            yield _row_to_article(record, path, line=lineno)


def _decoded_lines(
    handle, path: Path, encoding: str | None
) -> Iterator[tuple[int, str | CorpusError]]:
    codec = encoding or "utf-8"
    for lineno, raw in enumerate(handle, 1):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, raw.decode(codec)
        except UnicodeDecodeError as exc:
            yield (
                lineno,
                CorpusError.at(
                    path,
                    f"not {codec} text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                    "JSON Lines must be UTF-8 unless you pass the encoding",
                    line=lineno,
                ),
            )
        except LookupError:
            raise CorpusError.at(path, f"unknown encoding {encoding!r}") from None


def _unpaired_surrogate(text: Any) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


# Articles can be longer than csv's default 128 KiB field limit.
_CSV_FIELD_LIMIT = 2**31 - 1


def _read_csv(path: Path, encoding: str | None) -> Iterator[_Item]:
    text, _ = decode_bytes(path.read_bytes(), str(path), encoding)
    if csv.field_size_limit() < _CSV_FIELD_LIMIT:
        csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise CorpusError.at(path, "empty CSV file (no header row)", line=1) from None
    except csv.Error as exc:
        raise CorpusError.at(path, f"malformed CSV header ({exc})", line=1) from None
    missing = [c for c in _REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CorpusError.at(
            path,
            f"CSV header lacks column(s) {', '.join(map(repr, missing))} "
            f"(found {', '.join(map(repr, header))})",
            line=1,
        )
    doubled = sorted({name for name in header if header.count(name) > 1})
    if doubled:
        raise CorpusError.at(
            path, f"CSV header repeats column(s) {', '.join(map(repr, doubled))}", line=1
        )
    start = reader.line_num + 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CorpusError.at(path, f"malformed CSV ({exc})", line=start) from None
        if fields:
            if len(fields) != len(header):
                yield CorpusError.at(
                    path,
                    f"row has {len(fields)} fields but the header has {len(header)}",
                    line=start,
                )
            else:
                yield _row_to_article(dict(zip(header, fields, strict=True)), path, line=start)
        start = reader.line_num + 1


def _read_parquet(path: Path) -> Iterator[_Item]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise CorpusError.at(path, f"not a readable Parquet file ({exc})") from None
    names = parquet.schema_arrow.names
    missing = [c for c in _REQUIRED_COLUMNS if c not in names]
    if missing:
        raise CorpusError.at(path, f"Parquet file lacks column(s) {', '.join(map(repr, missing))}")
    return _parquet_rows(parquet, path)


def _parquet_rows(parquet, path: Path) -> Iterator[_Item]:
    row_number = 0
    for batch in parquet.iter_batches(batch_size=2048):
        for record in batch.to_pylist():
            row_number += 1
            yield _row_to_article(record, path, row=row_number)
