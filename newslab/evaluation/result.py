"""The :class:`Evaluation` result: tidy tables, headline figures and error listings."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Evaluation", "prf"]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1; NaN where a ratio is 0/0 (nothing predicted or no gold)."""
    precision = tp / (tp + fp) if tp + fp else math.nan
    recall = tp / (tp + fn) if tp + fn else math.nan
    if math.isnan(precision) or math.isnan(recall):
        f1 = math.nan if tp + fp + fn == 0 else 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


@dataclass
class Evaluation:
    """Scores of a spans table against gold.

    ``table``: one row per kind and label (``kind, label, tp, fp, fn, precision, recall,
    f1``); label ``(all)`` is the kind's typed micro-average, ``(untyped)`` ignores
    labels, ``(chars)`` is character-level (boilerplate). ``attributes``: accuracy of
    values on matched spans (date and money values, entity canonicals, quote speakers
    and cues). ``linking``: pairwise entity-linking scores within each article and
    across the corpus. :meth:`errors` lists what went wrong, with text.
    """

    table: pd.DataFrame
    attributes: pd.DataFrame
    linking: pd.DataFrame
    error_table: pd.DataFrame
    articles: list[str] = field(default_factory=list)
    unpredicted: list[str] = field(default_factory=list)
    threshold: float = 0.5

    # ----------------------------------------------------------------- figures

    def score(self, kind: str, label: str | None = None) -> dict[str, float]:
        """The table row for ``kind`` (its headline label by default) as a dict."""
        rows = self.table[self.table["kind"] == kind]
        if not len(rows):
            known = ", ".join(dict.fromkeys(self.table["kind"])) or "(none)"
            raise KeyError(f"kind {kind!r} was not evaluated; evaluated: {known}")
        if label is not None:
            rows = rows[rows["label"] == label]
            if not len(rows):
                raise KeyError(f"no row for kind {kind!r} label {label!r}")
        return rows.iloc[0].to_dict()

    def accuracy(self, kind: str, attribute: str) -> float:
        rows = self.attributes[
            (self.attributes["kind"] == kind) & (self.attributes["attribute"] == attribute)
        ]
        return float(rows["accuracy"].iloc[0]) if len(rows) else math.nan

    @property
    def summary(self) -> dict[str, Any]:
        """Headline figures: F1 per kind, value accuracies, linking F1, counts."""
        out: dict[str, Any] = {"articles": len(self.articles)}
        for kind in dict.fromkeys(self.table["kind"]):
            head = self.score(kind)
            suffix = "_char" if head["label"] == "(chars)" else ""
            for metric in ("precision", "recall", "f1"):
                out[f"{kind}{suffix}_{metric}"] = head[metric]
            untyped = self.table[
                (self.table["kind"] == kind) & (self.table["label"] == "(untyped)")
            ]
            if len(untyped):
                out[f"{kind}_untyped_f1"] = float(untyped["f1"].iloc[0])
        for row in self.attributes.itertuples(index=False):
            out[f"{row.kind}_{row.attribute}_accuracy"] = row.accuracy
        if len(self.linking) and int(self.linking["mentions"].iloc[0]):
            for row in self.linking.itertuples(index=False):
                out[f"entity_linking_f1_{row.scope}"] = row.f1
        return out

    def errors(self, kind: str | None = None, error: str | None = None) -> pd.DataFrame:
        """False positives (``fp``), negatives (``fn``), label and value errors, with text.

        ``error`` filters by type: ``fp``, ``fn``, ``label`` (right span, wrong label),
        or an attribute name (``value``, ``canonical``, ``speaker``, ``cue``).
        """
        frame = self.error_table
        if kind is not None:
            frame = frame[frame["kind"] == kind]
        if error is not None:
            frame = frame[frame["error"] == error]
        return frame.reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain JSON-ready data (NaN becomes None)."""

        def clean(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{k: _json_number(v) for k, v in r.items()} for r in records]

        return {
            "summary": {k: _json_number(v) for k, v in self.summary.items()},
            "table": clean(self.table.to_dict("records")),
            "attributes": clean(self.attributes.to_dict("records")),
            "linking": clean(self.linking.to_dict("records")),
            "articles": list(self.articles),
            "articles_without_predictions": list(self.unpredicted),
            "threshold": self.threshold,
        }

    # --------------------------------------------------------------- display

    def __str__(self) -> str:
        lines = [
            f"Evaluation of {len(self.articles)} article(s) "
            f"(match: overlap/union >= {self.threshold:g}, one to one)"
        ]
        if self.unpredicted:
            lines.append(
                f"no predicted spans for {len(self.unpredicted)} article(s): "
                + ", ".join(self.unpredicted[:5])
                + (" …" if len(self.unpredicted) > 5 else "")
            )
        lines += ["", _text_table(self.table)]
        if len(self.attributes):
            lines += ["", "Values of matched spans", _text_table(self.attributes)]
        if len(self.linking) and int(self.linking["mentions"].iloc[0]):
            lines += ["", "Entity linking (pairs of matched mentions)", _text_table(self.linking)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        heads = ", ".join(
            f"{k}={_fmt(v)}"
            for k, v in self.summary.items()
            if k.endswith("_f1") and "untyped" not in k
        )
        return f"<Evaluation {len(self.articles)} articles: {heads}>"

    def _repr_html_(self) -> str:
        parts = [
            f"<p><b>Evaluation</b> of {len(self.articles)} article(s); a prediction "
            f"matches gold when overlap/union &ge; {self.threshold:g}.</p>"
        ]
        parts.append(_html_table(self.table))
        if len(self.attributes):
            parts += ["<p>Values of matched spans</p>", _html_table(self.attributes)]
        if len(self.linking) and int(self.linking["mentions"].iloc[0]):
            parts += [
                "<p>Entity linking (pairs of matched mentions)</p>",
                _html_table(self.linking),
            ]
        return "\n".join(parts)


def _json_number(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.3f}"
    return str(value)


def _text_table(frame: pd.DataFrame) -> str:
    if not len(frame):
        return "(nothing to score)"
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype.kind == "f":
            shown[column] = [_fmt(v) for v in shown[column]]
    return shown.to_string(index=False)


def _html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = "".join(f'<td dir="auto">{html.escape(_fmt(v))}</td>' for v in row)
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
