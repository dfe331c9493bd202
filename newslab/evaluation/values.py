"""Comparing values of matched spans: dates, money, names, speakers; pairwise linking."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from rapidfuzz import fuzz

from newslab.arabic.normalize import normalize

__all__ = [
    "UNRESOLVABLE_DATES",
    "date_value",
    "link_pairs",
    "money_equal",
    "name_key",
    "names_agree",
]

#: Gold date values that name no point in time (generic "today"): not scored for value.
UNRESOLVABLE_DATES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF", "UNKNOWN", "?"})

_DECADE = re.compile(r"^(\d{3})0S$")
_CENTURY = re.compile(r"^(\d{2})00S$")
_CLITIC_AL = re.compile(r"^(?:[وفبلك]|ول|وب|فب|فل)?(?=ال)")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " \t\n\"'«»“”„()[]،,.:؛;-–—"


def date_value(value: Any) -> str:
    """Comparable form of a date value: the first token, upper-cased, decades as ``199X``.

    Gold values put an ISO-like value first and an explanation after it
    (``"2022-06 (resolved from …)"``); ``1990s`` and ``199X`` mean the same decade.
    """
    text = str(value or "").strip()
    if not text:
        return ""
    token = text.split(maxsplit=1)[0].rstrip(",;").upper()
    if _DECADE.match(token):
        return _DECADE.sub(r"\1X", token)
    if _CENTURY.match(token):
        return _CENTURY.sub(r"\1XX", token)
    return token


def money_equal(gold_amount: Any, gold_currency: Any, pred_value: Any, pred_currency: Any) -> bool:
    """Amount equal as numbers and currency equal (ISO 4217, case-insensitive)."""
    try:
        same_amount = Decimal(str(gold_amount)) == Decimal(str(pred_value))
    except (InvalidOperation, ValueError):
        return False
    return same_amount and str(gold_currency or "").upper() == str(pred_currency or "").upper()


def name_key(name: Any) -> str:
    """A name folded for comparison: normalised letters, no edge punctuation or spacing."""
    text = normalize(str(name or "")).text
    text = _SPACE.sub(" ", text).strip(_EDGE_PUNCT)
    return text


def _strip_clitic(key: str) -> str:
    return _CLITIC_AL.sub("", key, count=1)


def names_agree(gold: Iterable[Any], pred: Iterable[Any], *, fuzzy: float = 90.0) -> bool:
    """True when a predicted name equals a gold name after normalisation, or nearly so.

    Each side may offer several names (speaker as written and its canonical form); any
    agreeing pair counts. "Nearly": a leading clitic (و ف ب ل ك before ال) ignored, or a
    rapidfuzz similarity of at least ``fuzzy`` (spelling variants, a missing hamza).
    """
    gold_keys = {k for k in (name_key(g) for g in gold) if k}
    pred_keys = {k for k in (name_key(p) for p in pred) if k}
    if not gold_keys or not pred_keys:
        return False
    if gold_keys & pred_keys:
        return True
    if {_strip_clitic(k) for k in gold_keys} & {_strip_clitic(k) for k in pred_keys}:
        return True
    return any(fuzz.ratio(g, p) >= fuzzy for g in gold_keys for p in pred_keys)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def link_pairs(
    mentions: Iterable[tuple[Hashable, Hashable, Hashable]],
) -> Mapping[str, int]:
    """Pairwise linking counts over matched mentions ``(group, gold_id, pred_id)``.

    Within each ``group`` (an article, or one group for the whole corpus), a pair of
    mentions is a gold link when both have the same gold canonical and a predicted link
    when both have the same predicted value; ``tp`` counts pairs linked in both.
    """
    gold_sizes: Counter = Counter()
    pred_sizes: Counter = Counter()
    both_sizes: Counter = Counter()
    for group, gold_id, pred_id in mentions:
        gold_sizes[(group, gold_id)] += 1
        if pred_id:
            pred_sizes[(group, pred_id)] += 1
            both_sizes[(group, gold_id, pred_id)] += 1
    gold_pairs = sum(_pairs(n) for n in gold_sizes.values())
    pred_pairs = sum(_pairs(n) for n in pred_sizes.values())
    tp = sum(_pairs(n) for n in both_sizes.values())
    return {"tp": tp, "fp": pred_pairs - tp, "fn": gold_pairs - tp}
