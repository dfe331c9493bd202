"""Score a spans table against gold: span P/R/F1, value accuracy, linking, errors.

The engine behind :func:`newslab.evaluate`. For every kind present in both gold and
predictions it matches spans article by article (greedy one-to-one by character IoU,
see :mod:`.matching`), counts true/false positives and negatives per label, and then
scores the attributes of matched pairs with the comparer registered for the kind in
:data:`ATTRIBUTE_SCORERS`. Kinds listed in ``char_level`` (boilerplate) are scored on
covered characters instead of spans.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from newslab.errors import SpanError
from newslab.evaluation import matching
from newslab.evaluation.gold import GoldSet, load_gold
from newslab.evaluation.result import Evaluation, prf
from newslab.evaluation.values import (
    UNRESOLVABLE_DATES,
    date_value,
    link_pairs,
    money_equal,
    name_key,
    names_agree,
)
from newslab.spans import KINDS, read_spans, to_frame

__all__ = ["ATTRIBUTE_SCORERS", "DEFAULT_MERGED_LABELS", "evaluate"]

#: Labels scored as one per kind (the gold convention merges GPE and LOC).
DEFAULT_MERGED_LABELS: dict[str, dict[str, str]] = {"entity": {"GPE": "GPE/LOC", "LOC": "GPE/LOC"}}

ALL = "(all)"
UNTYPED = "(untyped)"
CHARS = "(chars)"

#: An attribute check: (gold row, predicted row) -> True/False, or None when not scored.
AttributeCheck = Callable[[Mapping[str, Any], Mapping[str, Any]], "bool | None"]


def _date_value(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    expected = date_value(gold["value"])
    if not expected or expected in UNRESOLVABLE_DATES:
        return None
    return date_value(pred["value"]) == expected


def _money_value(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    if not gold["value"]:
        return None
    return money_equal(
        gold["value"], gold["attrs"].get("currency"), pred["value"], pred["attrs"].get("currency")
    )


def _canonical(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    if not gold["value"]:
        return None
    return name_key(gold["value"]) == name_key(pred["value"])


def _speaker(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    wanted = [gold["attrs"].get("speaker_canonical"), gold["attrs"].get("speaker")]
    if not any(wanted):
        return None
    offered = [pred["attrs"].get("speaker_canonical"), pred["attrs"].get("speaker")]
    return names_agree(wanted, offered)


def _cue_key(cue: Any) -> str:
    key = name_key(cue)
    return key[1:] if len(key) > 3 and key[0] in "وف" else key


def _cue(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    if not gold["attrs"].get("cue"):
        return None
    return _cue_key(gold["attrs"]["cue"]) == _cue_key(pred["attrs"].get("cue"))


def _generic_value(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    if not gold["value"]:
        return None
    return name_key(gold["value"]) == name_key(pred["value"])


#: Kind -> attribute name -> check. Kinds not listed get a generic ``value`` check.
ATTRIBUTE_SCORERS: dict[str, dict[str, AttributeCheck]] = {
    "date": {"value": _date_value},
    "money": {"value": _money_value},
    "quantity": {"value": _money_value},
    "percent": {"value": _generic_value},
    "entity": {"canonical": _canonical},
    "quote": {"speaker": _speaker, "cue": _cue},
}


@dataclass
class _Tally:
    """Counts per (kind, label) plus the records needed for errors and attributes."""

    counts: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )
    attributes: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    mentions: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, kind: str, label: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        row = self.counts[(kind, label)]
        row[0] += tp
        row[1] += fp
        row[2] += fn


def evaluate(
    gold: Any,
    spans: Any,
    texts: Any = None,
    *,
    kinds: Sequence[str] | None = None,
    threshold: float = matching.THRESHOLD,
    char_level: Sequence[str] = ("boilerplate",),
    merged_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> Evaluation:
    """Score predicted spans against gold annotations.

    ``gold``: a folder of gold JSON files (``shared/gold/README.md`` format), loaded
    gold dicts, or a spans table/file. ``spans``: a spans DataFrame, a list of
    :class:`~newslab.Span`, or a ``.jsonl``/``.csv``/``.parquet`` spans file.
    ``texts`` (optional): a corpus, a folder of articles, or a mapping id -> text; it
    adds context to :meth:`Evaluation.errors`.

    Articles are matched to gold by id (a gold ``file`` ``000_x.txt`` is article
    ``000_x``); only gold articles are scored, and within each only the kinds its gold
    annotates. ``kinds`` defaults to every kind present in both gold and predictions.
    A predicted span matches a gold span of the same kind when overlap / union >=
    ``threshold``, one to one, best first. Typed kinds (gold with labels) are scored
    per label (``merged_labels`` joins labels: GPE and LOC by default) and untyped.
    """
    gold_set = load_gold(gold)
    predicted = _load_predictions(spans)
    text_of = _load_texts(texts)
    merged = DEFAULT_MERGED_LABELS if merged_labels is None else merged_labels
    chosen = _choose_kinds(gold_set, predicted, kinds)
    gold_groups = _group(gold_set.spans)
    pred_groups = _group(predicted)
    tally = _Tally()
    typed = {
        kind: bool((gold_set.spans.loc[gold_set.spans["kind"] == kind, "label"] != "").any())
        for kind in chosen
    }
    for kind in chosen:
        for article in gold_set.articles:
            if not gold_set.covers(article, kind):
                continue
            gold_rows = gold_groups.get((article, kind), [])
            pred_rows = pred_groups.get((article, kind), [])
            if kind in char_level:
                _score_chars(tally, kind, article, gold_rows, pred_rows)
            else:
                _score_spans(
                    tally,
                    kind,
                    article,
                    gold_rows,
                    pred_rows,
                    typed=typed[kind],
                    merge=merged.get(kind, {}),
                    threshold=threshold,
                )
    table = _table(tally, chosen, typed, char_level)
    attributes = _attribute_table(tally)
    linking = _linking_table(tally.mentions) if "entity" in chosen else _linking_table([])
    errors = _error_frame(tally.errors, text_of)
    return Evaluation(
        table=table,
        attributes=attributes,
        linking=linking,
        error_table=errors,
        articles=list(gold_set.articles),
        unpredicted=sorted(set(gold_set.articles) - set(predicted["article"])),
        threshold=threshold,
    )


# ------------------------------------------------------------------- inputs


def _load_predictions(spans: Any) -> pd.DataFrame:
    if isinstance(spans, pd.DataFrame):
        return to_frame(spans.to_dict("records"))  # checks columns, parses JSON attrs
    if isinstance(spans, (str, os.PathLike)):
        if not os.path.isfile(spans):
            raise SpanError(f"{spans}: spans file not found")
        return read_spans(spans)
    if isinstance(spans, Iterable):
        return to_frame(spans)
    raise TypeError(
        f"spans must be a DataFrame, a list of Span or a spans file, not {type(spans).__name__}"
    )


def _load_texts(texts: Any) -> dict[str, str]:
    if texts is None:
        return {}
    if isinstance(texts, (str, os.PathLike)):
        from newslab.corpus.loaders import load

        texts = load(texts)
    if isinstance(texts, Mapping):
        return {str(k): str(v) for k, v in texts.items()}
    return {article.id: article.text for article in texts}


def _choose_kinds(gold: GoldSet, predicted: pd.DataFrame, kinds: Sequence[str] | None) -> list[str]:
    if kinds is not None:
        return list(dict.fromkeys(kinds))
    gold_kinds = {k for ks in gold.annotated.values() for k in ks}
    both = gold_kinds & set(predicted["kind"])
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(both, key=lambda k: (order.get(k, len(order)), k))


def _group(frame: pd.DataFrame) -> dict[tuple[str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in frame.to_dict("records"):
        if not isinstance(row.get("attrs"), dict):
            row["attrs"] = {}
        groups[(row["article"], row["kind"])].append(row)
    for rows in groups.values():
        rows.sort(key=lambda r: (r["start"], r["end"], r["label"]))
    return groups


# ------------------------------------------------------------------ scoring


def _ranges(rows: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    return [(int(r["start"]), int(r["end"])) for r in rows]


def _score_spans(
    tally: _Tally,
    kind: str,
    article: str,
    gold_rows: list[dict[str, Any]],
    pred_rows: list[dict[str, Any]],
    *,
    typed: bool,
    merge: Mapping[str, str],
    threshold: float,
) -> None:
    gold_ranges, pred_ranges = _ranges(gold_rows), _ranges(pred_rows)
    untyped_pairs = matching.greedy_match(gold_ranges, pred_ranges, threshold=threshold)
    n_match = len(untyped_pairs)
    if typed:
        tally.add(kind, UNTYPED, n_match, len(pred_rows) - n_match, len(gold_rows) - n_match)
        gold_labels = [merge.get(r["label"], r["label"]) for r in gold_rows]
        pred_labels = [merge.get(r["label"], r["label"]) for r in pred_rows]
        typed_pairs = matching.greedy_match(
            gold_ranges,
            pred_ranges,
            threshold=threshold,
            compatible=lambda i, j: gold_labels[i] == pred_labels[j],
        )
        matched_gold = {i for i, _, _ in typed_pairs}
        matched_pred = {j for _, j, _ in typed_pairs}
        for i, _, _ in typed_pairs:
            tally.add(kind, gold_labels[i], tp=1)
        for i, label in enumerate(gold_labels):
            if i not in matched_gold:
                tally.add(kind, label, fn=1)
        for j, label in enumerate(pred_labels):
            if j not in matched_pred:
                tally.add(kind, label, fp=1)
        tally.add(
            kind,
            ALL,
            len(typed_pairs),
            len(pred_rows) - len(typed_pairs),
            len(gold_rows) - len(typed_pairs),
        )
    else:
        tally.add(kind, ALL, n_match, len(pred_rows) - n_match, len(gold_rows) - n_match)
        matched_gold = {i for i, _, _ in untyped_pairs}
        matched_pred = {j for _, j, _ in untyped_pairs}
    _record_misses(tally, kind, gold_rows, pred_rows, matched_gold, matched_pred, threshold)
    scorers = ATTRIBUTE_SCORERS.get(kind, {"value": _generic_value})
    for i, j, _ in untyped_pairs:
        gold, pred = gold_rows[i], pred_rows[j]
        for attribute, check in scorers.items():
            verdict = check(gold, pred)
            if verdict is None:
                continue
            counts = tally.attributes[(kind, attribute)]
            counts[0] += 1
            counts[1] += bool(verdict)
            if not verdict:
                tally.errors.append(_attribute_error(kind, attribute, gold, pred))
        if kind == "entity":
            tally.mentions.append((article, name_key(gold["value"]), name_key(pred["value"])))


def _record_misses(
    tally: _Tally,
    kind: str,
    gold_rows: list[dict[str, Any]],
    pred_rows: list[dict[str, Any]],
    matched_gold: set[int],
    matched_pred: set[int],
    threshold: float,
) -> None:
    missed = [i for i in range(len(gold_rows)) if i not in matched_gold]
    spurious = [j for j in range(len(pred_rows)) if j not in matched_pred]
    # a missed gold span and a spurious prediction at the same place: a label error
    relabel = matching.greedy_match(
        _ranges([gold_rows[i] for i in missed]),
        _ranges([pred_rows[j] for j in spurious]),
        threshold=threshold,
    )
    paired_gold = {missed[a] for a, _, _ in relabel}
    paired_pred = {spurious[b] for _, b, _ in relabel}
    for a, b, _ in relabel:
        gold, pred = gold_rows[missed[a]], pred_rows[spurious[b]]
        tally.errors.append(_error_row(kind, "label", pred, gold=gold))
    pred_ranges = _ranges(pred_rows)
    gold_ranges = _ranges(gold_rows)
    for i in missed:
        if i not in paired_gold:
            near = matching.best_overlap(gold_ranges[i], pred_ranges)
            tally.errors.append(
                _error_row(
                    kind,
                    "fn",
                    gold_rows[i],
                    gold=gold_rows[i],
                    near=None if near is None else pred_rows[near],
                )
            )
    for j in spurious:
        if j not in paired_pred:
            near = matching.best_overlap(pred_ranges[j], gold_ranges)
            tally.errors.append(
                _error_row(
                    kind,
                    "fp",
                    pred_rows[j],
                    pred=pred_rows[j],
                    near=None if near is None else gold_rows[near],
                )
            )


def _score_chars(
    tally: _Tally,
    kind: str,
    article: str,
    gold_rows: list[dict[str, Any]],
    pred_rows: list[dict[str, Any]],
) -> None:
    gold_cover = matching.covered_chars(_ranges(gold_rows))
    pred_cover = matching.covered_chars(_ranges(pred_rows))
    shared = matching.intersection_size(gold_cover, pred_cover)
    tally.add(
        kind, CHARS, shared, matching.size(pred_cover) - shared, matching.size(gold_cover) - shared
    )
    for row in gold_rows:
        got = matching.intersection_size([(row["start"], row["end"])], pred_cover)
        if got < row["end"] - row["start"]:
            tally.errors.append(
                _error_row(
                    kind, "fn", row, gold=row, note=f"{got}/{row['end'] - row['start']} chars found"
                )
            )
    for row in pred_rows:
        right = matching.intersection_size([(row["start"], row["end"])], gold_cover)
        if right < row["end"] - row["start"]:
            tally.errors.append(
                _error_row(
                    kind,
                    "fp",
                    row,
                    pred=row,
                    note=f"{right}/{row['end'] - row['start']} chars in gold",
                )
            )


# ------------------------------------------------------------------- errors


def _error_row(
    kind: str,
    error: str,
    where: Mapping[str, Any],
    *,
    gold: Mapping[str, Any] | None = None,
    pred: Mapping[str, Any] | None = None,
    near: Mapping[str, Any] | None = None,
    note: str = "",
) -> dict[str, Any]:
    if error == "label" and gold is not None:
        pred = where
    if near is not None and not note:
        note = f"overlaps {near['text']!r}"
    return {
        "kind": kind,
        "error": error,
        "article": where["article"],
        "start": int(where["start"]),
        "end": int(where["end"]),
        "text": where["text"],
        "gold_label": gold["label"] if gold is not None else "",
        "pred_label": pred["label"] if pred is not None else "",
        "gold_value": _describe(kind, gold) if gold is not None else "",
        "pred_value": _describe(kind, pred) if pred is not None else "",
        "note": note,
    }


def _attribute_error(
    kind: str, attribute: str, gold: Mapping[str, Any], pred: Mapping[str, Any]
) -> dict[str, Any]:
    row = _error_row(kind, attribute, gold, gold=gold, pred=pred)
    if attribute in ("speaker", "cue"):
        keys = ("speaker", "speaker_canonical") if attribute == "speaker" else ("cue",)
        row["gold_value"] = " / ".join(str(gold["attrs"].get(k) or "") for k in keys)
        row["pred_value"] = " / ".join(str(pred["attrs"].get(k) or "") for k in keys)
    if pred["start"] != gold["start"] or pred["end"] != gold["end"]:
        row["note"] = f"predicted span {pred['text']!r}"
    return row


def _describe(kind: str, row: Mapping[str, Any]) -> str:
    value = str(row["value"])
    currency = row["attrs"].get("currency")
    if kind in ("money", "quantity") and currency:
        value = f"{value} {currency}"
    return value


def _error_frame(rows: list[dict[str, Any]], texts: Mapping[str, str]) -> pd.DataFrame:
    columns = [
        "kind",
        "error",
        "article",
        "start",
        "end",
        "text",
        "gold_label",
        "pred_label",
        "gold_value",
        "pred_value",
        "note",
        "context",
    ]
    for row in rows:
        text = texts.get(row["article"])
        row["context"] = _context(text, row["start"], row["end"]) if text else ""
    frame = pd.DataFrame(rows, columns=columns)
    if len(frame):
        frame = frame.sort_values(["kind", "article", "start", "end", "error"], kind="mergesort")
    return frame.reset_index(drop=True).astype({"start": "int64", "end": "int64"})


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


# ------------------------------------------------------------------- tables


def _table(
    tally: _Tally, kinds: Sequence[str], typed: Mapping[str, bool], char_level: Sequence[str]
) -> pd.DataFrame:
    rows = []
    for kind in kinds:
        if kind in char_level:
            labels = [CHARS]
        elif typed[kind]:
            own = sorted(
                label for k, label in tally.counts if k == kind and label not in (ALL, UNTYPED)
            )
            labels = [ALL, UNTYPED, *own]
        else:
            labels = [ALL]
        for label in labels:
            tp, fp, fn = tally.counts.get((kind, label), (0, 0, 0))
            rows.append(
                {"kind": kind, "label": label, "tp": tp, "fp": fp, "fn": fn, **prf(tp, fp, fn)}
            )
    columns = ["kind", "label", "tp", "fp", "fn", "precision", "recall", "f1"]
    return pd.DataFrame(rows, columns=columns).astype({"tp": "int64", "fp": "int64", "fn": "int64"})


def _attribute_table(tally: _Tally) -> pd.DataFrame:
    rows = []
    for (kind, attribute), (scored, correct) in tally.attributes.items():
        rows.append(
            {
                "kind": kind,
                "attribute": attribute,
                "scored": scored,
                "correct": correct,
                "accuracy": correct / scored if scored else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["kind", "attribute", "scored", "correct", "accuracy"])


def _linking_table(mentions: list[tuple[str, str, str]]) -> pd.DataFrame:
    rows = []
    for scope, grouped in (
        ("article", mentions),
        ("corpus", [("*", gold, pred) for _, gold, pred in mentions]),
    ):
        counts = link_pairs(grouped)
        rows.append(
            {
                "scope": scope,
                "mentions": len(mentions),
                **counts,
                **prf(counts["tp"], counts["fp"], counts["fn"]),
            }
        )
    return pd.DataFrame(
        rows, columns=["scope", "mentions", "tp", "fp", "fn", "precision", "recall", "f1"]
    )
