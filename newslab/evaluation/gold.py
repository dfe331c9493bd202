"""Read gold annotations into the span schema, whatever shape they come in.

Gold may be a folder of gold JSON files (the format of ``shared/gold/README.md``: one
file per article with lists ``entities``, ``quotes``, ``dates``, ``money``, ``social``,
``boilerplate`` …), a list of such dicts already loaded, or a spans table (a DataFrame
or a ``.jsonl``/``.csv``/``.parquet`` spans file) for researchers who annotate directly
in newslab's schema. Every form becomes a :class:`GoldSet`: a spans table plus, for each
article, the kinds its annotator covered — a kind absent from an article's gold was not
annotated there, so predictions of that kind in that article are not scored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from newslab.errors import NewslabError
from newslab.spans import format_value, read_spans, to_frame

__all__ = ["GOLD_KEYS", "GoldError", "GoldSet", "article_id_of", "load_gold"]

#: Gold JSON list key -> span kind. Other list keys are taken as kinds of their own
#: (a trailing "s" dropped: ``lexicons`` -> ``lexicon``).
GOLD_KEYS: dict[str, str] = {
    "entities": "entity",
    "quotes": "quote",
    "dates": "date",
    "money": "money",
    "quantities": "quantity",
    "percents": "percent",
    "social": "social",
    "boilerplate": "boilerplate",
    "metadata": "metadata",
    "lexicon": "lexicon",
}
_NOT_SPANS = {"notes", "file", "article", "id"}
_SPAN_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")


class GoldError(NewslabError):
    """Gold annotations that cannot be read: the message names the file and item."""


@dataclass
class GoldSet:
    """Gold spans (span schema) and the kinds annotated in each article."""

    spans: pd.DataFrame
    annotated: dict[str, set[str]] = field(default_factory=dict)

    @property
    def articles(self) -> list[str]:
        return list(self.annotated)

    def covers(self, article: str, kind: str) -> bool:
        return kind in self.annotated.get(article, ())


def article_id_of(file_name: str) -> str:
    """Article id for a gold ``file`` entry: the file name without its extension."""
    return Path(file_name).stem if file_name else ""


def load_gold(gold: Any) -> GoldSet:
    """Read gold from a folder, a JSON file, loaded dicts, or a spans table/file."""
    if isinstance(gold, GoldSet):
        return gold
    if isinstance(gold, pd.DataFrame):
        return _from_frame(gold)
    if isinstance(gold, (str, os.PathLike)):
        path = Path(gold)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.json") if p.is_file())
            if not files:
                raise GoldError(f"{path}: no gold .json files in this folder")
            return _from_documents((_read_json(p), str(p)) for p in files)
        if not path.exists():
            raise GoldError(f"{path}: gold not found")
        if path.suffix.lower() in _SPAN_SUFFIXES:
            return _from_frame(read_spans(path))
        if path.suffix.lower() == ".json":
            return _from_documents([(_read_json(path), str(path))])
        raise GoldError(f"{path}: expected a folder of gold .json files or a spans file")
    if isinstance(gold, Mapping):
        return _from_documents([(gold, "gold dict")])
    if isinstance(gold, Iterable):
        return _from_documents((doc, f"gold item {i}") for i, doc in enumerate(gold))
    raise GoldError(f"cannot read gold from {type(gold).__name__}")


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def _from_frame(frame: pd.DataFrame) -> GoldSet:
    spans = to_frame(frame.to_dict("records"))
    annotated: dict[str, set[str]] = {}
    for article, kind in zip(spans["article"], spans["kind"], strict=True):
        annotated.setdefault(article, set()).add(kind)
    return GoldSet(spans, annotated)


def _from_documents(documents: Iterable[tuple[Any, str]]) -> GoldSet:
    rows: list[dict[str, Any]] = []
    annotated: dict[str, set[str]] = {}
    for doc, where in documents:
        if not isinstance(doc, Mapping):
            raise GoldError(f"{where}: a gold document must be a JSON object")
        article = _document_id(doc, where)
        if article in annotated:
            raise GoldError(f"{where}: article {article!r} has gold twice")
        kinds: set[str] = set()
        for key, items in doc.items():
            if key in _NOT_SPANS or not isinstance(items, list):
                continue
            kind = GOLD_KEYS.get(key) or (key[:-1] if key.endswith("s") else key)
            kinds.add(kind)
            for index, item in enumerate(items):
                rows.append(_gold_row(item, kind, article, f"{where}: {key}[{index}]"))
        annotated[article] = kinds
    return GoldSet(to_frame(rows), annotated)


def _document_id(doc: Mapping[str, Any], where: str) -> str:
    for key in ("article", "id"):
        if isinstance(doc.get(key), str) and doc[key]:
            return doc[key]
    if isinstance(doc.get("file"), str) and doc["file"]:
        return article_id_of(doc["file"])
    if where.endswith(".json"):
        return Path(where).stem
    raise GoldError(f"{where}: gold document names no article ('file', 'article' or 'id')")


def _gold_row(item: Any, kind: str, article: str, where: str) -> dict[str, Any]:
    if not isinstance(item, Mapping):
        raise GoldError(f"{where}: expected an object with start and end")
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end:
        raise GoldError(f"{where}: bad offsets {start!r}..{end!r}")
    label = item.get("label") or item.get("type") or item.get("field") or ""
    attrs = {k: v for k, v in item.items() if k not in ("start", "end", "text", "label")}
    return {
        "article": article,
        "extractor": "gold",
        "kind": kind,
        "label": str(label),
        "start": start,
        "end": end,
        "text": item.get("text") or "",
        "value": _gold_value(item, kind),
        "attrs": attrs,
    }


def _gold_value(item: Mapping[str, Any], kind: str) -> str:
    if kind == "entity":
        return str(item.get("canonical") or item.get("value") or item.get("text") or "")
    if kind == "money" and item.get("amount") is not None:
        return format_value(item["amount"])
    if kind == "quote":
        return str(item.get("value") or item.get("text") or "")
    value = item.get("value")
    return "" if value is None else format_value(value)
