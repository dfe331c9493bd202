"""The span schema: the one interchange format between extraction and analysis.

Every extractor yields :class:`Span` objects; :func:`to_frame` turns them into the
spans table (one row per span, columns :data:`COLUMNS`), and :func:`read_spans` /
:func:`write_spans` move that table to and from JSON Lines, CSV and Parquet with the
on-disk types fixed by the design notes (``value`` a string, ``attrs`` JSON text in
CSV and Parquet, ``start``/``end`` integers).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from newslab.errors import SpanError

__all__ = [
    "COLUMNS",
    "KINDS",
    "Span",
    "empty_frame",
    "format_value",
    "read_spans",
    "to_frame",
    "validate_frame",
    "write_spans",
]

#: Column order of the spans table.
COLUMNS: tuple[str, ...] = (
    "article",
    "extractor",
    "kind",
    "label",
    "start",
    "end",
    "text",
    "value",
    "attrs",
)

#: Kinds known to newslab; plugins may add their own.
KINDS: tuple[str, ...] = (
    "entity",
    "date",
    "money",
    "quantity",
    "percent",
    "quote",
    "social",
    "boilerplate",
    "metadata",
    "lexicon",
)


class Span(NamedTuple):
    """One extracted span.

    ``start``/``end`` index the article's original text. ``text`` may be left ``None``
    by an extractor: the runner fills it from the article (and checks it when given).
    ``article`` and ``extractor`` are filled by the runner too.
    """

    start: int
    end: int
    kind: str
    label: str = ""
    value: Any = ""
    attrs: Mapping[str, Any] | None = None
    text: str | None = None
    article: str = ""
    extractor: str = ""

    def as_row(self) -> dict[str, Any]:
        """The span as a dict in schema order, with ``value`` formatted as a string."""
        return {
            "article": self.article,
            "extractor": self.extractor,
            "kind": self.kind,
            "label": self.label or "",
            "start": int(self.start),
            "end": int(self.end),
            "text": self.text if self.text is not None else "",
            "value": format_value(self.value),
            "attrs": dict(self.attrs) if self.attrs else {},
        }


def format_value(value: Any) -> str:
    """Render a span value as the schema's string: numbers in plain decimal notation.

    ``500000000.0`` becomes ``"500000000"`` and ``2.5`` stays ``"2.5"``; never
    scientific notation, so the column sorts and parses the same in every format.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise SpanError(f"span value must be a finite number, got {value!r}")
        if value.is_integer():
            return str(int(value))
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def empty_frame() -> pd.DataFrame:
    """An empty spans table with the schema's columns and dtypes."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in COLUMNS})
    return frame.astype({"start": "int64", "end": "int64"})


def to_frame(spans: Iterable[Span | Mapping[str, Any]]) -> pd.DataFrame:
    """Build the spans table from spans (or row dicts), in schema column order."""
    spans = spans if isinstance(spans, list) else list(spans)
    if spans and all(type(s) is Span for s in spans):
        return frame_from_rows(spans)
    rows = [s.as_row() if isinstance(s, Span) else _row_from_mapping(s) for s in spans]
    if not rows:
        return empty_frame()
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    return frame.astype({"start": "int64", "end": "int64"})


def frame_from_rows(rows: Sequence[tuple[Any, ...]], *, copy_attrs: bool = True) -> pd.DataFrame:
    """The spans table from :class:`Span` objects (or tuples in its field order), built
    column by column; each value as :meth:`Span.as_row` gives it (``value`` formatted,
    ``label`` and ``text`` never ``None``, ``attrs`` a dict: a copy unless
    ``copy_attrs`` is false, when the dicts are only passed on).

    Every column gets the dtype pandas infers from its values; the usual all-``str``
    and all-``int`` columns are converted in one pass each (by pyarrow and numpy)
    instead of value by value.
    """
    if not rows:
        return empty_frame()
    start, end, kind, label, value, attrs, text, article, extractor = _transposed(rows)
    if copy_attrs:
        attrs = [dict(a) if a else {} for a in attrs]
    else:
        attrs = [a if type(a) is dict else dict(a) if a else {} for a in attrs]
    arrow = pd.Series(["x"]).dtype == _ARROW_STR  # pandas infers Arrow-backed strings
    columns = {
        "article": _strings(article, arrow),
        "extractor": _strings(extractor, arrow),
        "kind": _strings(kind, arrow),
        "label": _strings(label, arrow, _label),
        "start": _offsets(start),
        "end": _offsets(end),
        "text": _strings(text, arrow, _text),
        "value": _strings(value, arrow, _value),
        "attrs": np.fromiter(attrs, dtype=object, count=len(attrs)),
    }
    return pd.DataFrame(columns, copy=False)


#: Rows transposed at once by :func:`_transposed` (keeps ``zip``'s argument tuple small).
_SLICE = 1024


def _transposed(rows: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    """The :class:`Span` fields of ``rows`` as columns: ``zip(*rows)`` over slices of
    rows, several times faster than one pass over the rows per field."""
    width = len(Span._fields)
    columns: list[list[Any]] = [[] for _ in range(width)]
    for top in range(0, len(rows), _SLICE):
        # not strict: a row may carry more fields than Span (tuples); fewer is caught below
        for column, values in zip(columns, zip(*rows[top : top + _SLICE])):  # noqa: B905
            column.extend(values)
    if any(len(column) != len(rows) for column in columns):
        raise SpanError(f"span rows must have the {width} fields of Span")
    return columns


#: pandas' ``str`` dtype when pyarrow backs it (the default of pandas 3).
_ARROW_STR = pd.StringDtype("pyarrow", na_value=np.nan)


def _label(v: Any) -> Any:
    return v or ""


def _text(v: Any) -> Any:
    return "" if v is None else v


def _value(v: Any) -> Any:
    return v if type(v) is str else format_value(v)


def _strings(values: list[Any], arrow: bool, clean: Callable[[Any], Any] | None = None) -> Any:
    """A string column: ``values`` with ``clean`` applied to each, as pandas infers it.

    With ``arrow`` (pandas infers Arrow-backed ``str``), a column of strings and missing
    values is built by pyarrow in one pass; ``clean`` maps a missing value to ``""``
    (and leaves a string as it is), so it is applied by filling the missing values.
    Any other column takes the per-value path and pandas' own inference.
    """
    if arrow:
        try:
            array = pa.array(values)
        except (pa.ArrowException, TypeError, ValueError):
            array = None
        if array is not None and array.type == pa.string() and array.null_count < len(array):
            if clean is not None and array.null_count:
                array = array.fill_null("")
            return pd.arrays.ArrowStringArray(array.cast(pa.large_string()), dtype=_ARROW_STR)
    return values if clean is None else [clean(v) for v in values]


def _offsets(values: list[Any]) -> np.ndarray:
    """An int64 column of ``int(v)``; a list of Python ints is converted in one pass."""
    array = np.array(values)
    if array.dtype != np.int64:
        array = np.array([v if type(v) is int else int(v) for v in values], dtype=np.int64)
    return array


def _row_from_mapping(row: Mapping[str, Any]) -> dict[str, Any]:
    missing = [c for c in COLUMNS if c not in row]
    if missing:
        raise SpanError(f"span row lacks column(s) {', '.join(missing)}: {dict(row)!r}")
    out = {c: row[c] for c in COLUMNS}
    out["value"] = format_value(out["value"])
    out["attrs"] = _attrs_from_any(out["attrs"])
    out["label"] = "" if out["label"] is None else str(out["label"])
    return out


def _attrs_from_any(attrs: Any) -> dict[str, Any]:
    if attrs is None or (isinstance(attrs, float) and math.isnan(attrs)):
        return {}
    if isinstance(attrs, str):
        attrs = json.loads(attrs) if attrs.strip() else {}
    if not isinstance(attrs, Mapping):
        raise ValueError(f"attrs must be a JSON object, got {type(attrs).__name__}")
    return dict(attrs)


def validate_frame(frame: pd.DataFrame, texts: Mapping[str, str] | None = None) -> None:
    """Check a spans table against the schema; raise :class:`SpanError` on the first fault.

    With ``texts`` (article id -> text) also check ``text == texts[article][start:end]``.
    """
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SpanError(f"spans table lacks column(s): {', '.join(missing)}")
    for i, row in enumerate(frame.itertuples(index=False)):
        where = f"row {i} (article {row.article!r}, extractor {row.extractor!r})"
        if not isinstance(row.value, str):
            raise SpanError(f"{where}: value must be a string, got {type(row.value).__name__}")
        if not isinstance(row.attrs, dict):
            raise SpanError(f"{where}: attrs must be a dict, got {type(row.attrs).__name__}")
        if not (0 <= row.start <= row.end):
            raise SpanError(f"{where}: bad offsets {row.start}..{row.end}")
        if texts is not None:
            text = texts.get(row.article)
            if text is None:
                raise SpanError(f"{where}: unknown article")
            if row.end > len(text) or text[row.start : row.end] != row.text:
                raise SpanError(
                    f"{where}: text {row.text!r} is not article text[{row.start}:{row.end}]"
                )


# ---------------------------------------------------------------------------- I/O

_FORMATS = (".jsonl", ".csv", ".parquet")


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".ndjson":
        return ".jsonl"
    if suffix not in _FORMATS:
        raise SpanError(
            f"{path}: unsupported spans format {suffix or '(none)'!r}; "
            f"use one of {', '.join(_FORMATS)}"
        )
    return suffix


#: ``json.dumps(attrs, ensure_ascii=False, sort_keys=True)`` with the encoder made once
#: (``dumps`` with options builds a new encoder per call: a third of the writer's time).
_attrs_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
#: ``json.dumps(record, ensure_ascii=False)``, likewise.
_record_json = json.JSONEncoder(ensure_ascii=False).encode


def frame_for_disk(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with ``attrs`` as JSON text, as CSV and Parquet store it."""
    out = frame.loc[:, list(COLUMNS)].copy()
    out["attrs"] = list(map(_attrs_json, out["attrs"]))
    out["label"] = out["label"].astype(str)
    out["value"] = out["value"].astype(str)
    return out


def write_jsonl_rows(frame: pd.DataFrame, handle) -> None:
    """Write the spans table as JSON Lines to an open text handle."""
    handle.writelines(_jsonl_lines(frame))


def jsonl_text(frame: pd.DataFrame) -> str:
    """The spans table as JSON Lines text (one record per line, each line ended)."""
    return "".join(_jsonl_lines(frame))


def _jsonl_lines(frame: pd.DataFrame) -> Iterator[str]:
    for row in frame.loc[:, list(COLUMNS)].itertuples(index=False):
        record = dict(zip(COLUMNS, row, strict=True))
        record["start"] = int(record["start"])
        record["end"] = int(record["end"])
        yield _record_json(record) + "\n"


def write_spans(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write the spans table; the format follows the extension. Written atomically."""
    path = Path(path)
    fmt = _format_of(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == ".jsonl":
            with tmp.open("w", encoding="utf-8", newline="\n") as handle:
                write_jsonl_rows(frame, handle)
        elif fmt == ".csv":
            frame_for_disk(frame).to_csv(tmp, index=False, encoding="utf-8")
        else:
            frame_for_disk(frame).to_parquet(tmp, index=False)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def read_spans(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a spans table written by :func:`write_spans` (or by ``newslab annotate``)."""
    path = Path(path)
    fmt = _format_of(path)
    if fmt == ".jsonl":
        rows = []
        with path.open(encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SpanError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
                missing = [c for c in COLUMNS if not isinstance(row, dict) or c not in row]
                if missing:
                    raise SpanError(f"{path}:{lineno}: span lacks column(s) {', '.join(missing)}")
                rows.append(row)
        return to_frame(rows)
    if fmt == ".csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    else:
        raw = pd.read_parquet(path)
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise SpanError(f"{path}: not a spans table; lacks column(s) {', '.join(missing)}")
    rows = raw.to_dict("records")
    first_data_line = 2 if fmt == ".csv" else 1
    for i, row in enumerate(rows):
        where = f"{path}:{i + first_data_line}" if fmt == ".csv" else f"{path}: row {i + 1}"
        try:
            row["start"] = int(row["start"])
            row["end"] = int(row["end"])
            row["attrs"] = _attrs_from_any(row["attrs"])
        except (TypeError, ValueError) as exc:  # JSONDecodeError is a ValueError
            raise SpanError(f"{where}: bad offsets or attrs ({exc})") from None
    return to_frame(rows)
