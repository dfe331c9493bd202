"""Name variants: how each outlet spells the people, places and bodies it names.

For every canonical entity the written forms are gathered with their outlets and
counts. A *form* is the written name without attached clitics (``بمراكش`` → ``مراكش``)
and without diacritics; the exact written strings are kept beside it, so a table row
says both "this outlet writes المزروقي" and "as written: والمزروقي، للمزروقي".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from newslab.analysis.inputs import articles_frame, spans_of_kind
from newslab.analysis.mentions import canonical_names
from newslab.analysis.text import clean_form, fold

__all__ = ["VARIANT_COLUMNS", "name_form", "name_variants"]

VARIANT_COLUMNS = (
    "entity",
    "label",
    "form",
    "outlet",
    "count",
    "written",
    "form_outlets",
    "entity_outlets",
    "exclusive",
)

# Attached proclitics, longest first; a form keeps ال when the clitic swallowed it (لل).
_PROCLITICS = (
    "وبال",
    "وكال",
    "فبال",
    "ولل",
    "فلل",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "فك",
    "لل",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
)
_MIN_REST = 2


def name_form(written: str, canonical: str = "") -> str:
    """The written name without attached clitics and diacritics.

    A prefix is removed only when that brings the name closer to ``canonical``
    (compared folded, word order ignored), so ``بمراكش`` → ``مراكش`` and ``للمغرب`` →
    ``المغرب`` while a name that merely starts with those letters (``بلخير``,
    ``وديع``) is kept whole. Without a canonical the form is the cleaned text.
    """
    text = clean_form(written)
    if not canonical or not text:
        return text
    target = fold(canonical)
    best, best_score = text, _closeness(fold(text), target)
    for prefix in _PROCLITICS:
        rest = text[len(prefix) :]
        if not text.startswith(prefix) or len(rest.split(" ", 1)[0]) < _MIN_REST:
            continue
        options = ["ال" + rest, rest] if prefix.endswith("لل") else [rest]
        for option in options:
            score = _closeness(fold(option), target)
            if score > best_score:
                best, best_score = option, score
    return best


def _closeness(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def name_variants(
    corpus: Any,
    spans: pd.DataFrame,
    *,
    labels: Sequence[str] | None = None,
    min_forms: int = 1,
) -> pd.DataFrame:
    """Canonical name → written forms, with the outlets using each form and how often.

    One row per (entity, form, outlet), columns :data:`VARIANT_COLUMNS`: ``count``
    (mentions), ``written`` (the distinct strings as written, clitics included, most
    frequent first), ``form_outlets`` (how many outlets use this form),
    ``entity_outlets`` (how many name the entity at all) and ``exclusive`` (the form
    is used by this outlet alone while other outlets name the entity too — e.g. one
    outlet's transposed spelling). ``min_forms=2`` keeps only entities written in at
    least two forms.
    """
    articles = articles_frame(corpus)
    entities = spans_of_kind(spans, "entity", labels)
    columns = list(VARIANT_COLUMNS)
    if not len(entities):
        return pd.DataFrame(columns=columns)
    outlet_of = dict(zip(articles["id"], articles["outlet"], strict=True))
    entities = entities[entities["article"].isin(outlet_of)]
    entities = entities.assign(
        outlet=entities["article"].map(outlet_of), entity=canonical_names(entities)
    )
    entities = entities[entities["entity"] != ""]
    entities["written"] = entities["text"].map(clean_form)
    entities["form"] = [
        name_form(w, c) for w, c in zip(entities["written"], entities["entity"], strict=True)
    ]
    label = entities.groupby("entity")["label"].agg(lambda s: s.value_counts().index[0])
    table = (
        entities.groupby(["entity", "form", "outlet"], sort=False)
        .agg(count=("form", "size"), written=("written", _by_frequency))
        .reset_index()
    )
    table["label"] = table["entity"].map(label)
    table["form_outlets"] = table.groupby(["entity", "form"])["outlet"].transform("nunique")
    table["entity_outlets"] = table.groupby("entity")["outlet"].transform("nunique")
    table["exclusive"] = (table["form_outlets"] == 1) & (table["entity_outlets"] > 1)
    n_forms = table.groupby("entity")["form"].transform("nunique")
    table = table[n_forms >= min_forms]
    totals = table.groupby("entity")["count"].transform("sum")
    form_totals = table.groupby(["entity", "form"])["count"].transform("sum")
    table = table.assign(_t=totals, _f=form_totals).sort_values(
        ["_t", "entity", "_f", "form", "count", "outlet"],
        ascending=[False, True, False, True, False, True],
        kind="mergesort",
    )
    return table.loc[:, columns].reset_index(drop=True)


def _by_frequency(values: pd.Series) -> tuple[str, ...]:
    counts = values.value_counts()
    return tuple(sorted(counts.index, key=lambda v: (-counts[v], v)))
