"""Framing: loaded vocabulary per outlet, naming choices side by side, distinctive words.

* :func:`framing_terms` counts lexicon hits (spans of kind ``lexicon``; ``label`` is the
  category, e.g. occupation or conflict vocabulary) per outlet and per 1,000 words;
* :func:`naming_choices` shows, for each concept (lexicon value, or canonical entity),
  the words each outlet uses for it, one column per outlet;
* :func:`distinctive_words` ranks each outlet's words against the other outlets with
  the log-odds ratio and an informative Dirichlet prior (Monroe, Colaresi & Quinn
  2008), on folded, clitic-stripped words without stop words (``stopwordsiso``).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

import pandas as pd
import regex

from newslab.analysis.inputs import articles_frame, check_spans, spans_of_kind
from newslab.analysis.mentions import canonical_names, word_counts
from newslab.analysis.text import clean_form, fold, match_key, stopwords
from newslab.analysis.variants import name_form

__all__ = [
    "DISTINCTIVE_COLUMNS",
    "FRAMING_COLUMNS",
    "distinctive_words",
    "framing_terms",
    "naming_choices",
]

FRAMING_COLUMNS = ("outlet", "category", "hits", "articles", "words", "per_1000_words", "terms")
DISTINCTIVE_COLUMNS = ("outlet", "word", "key", "count", "count_others", "log_odds", "z", "rank")

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}]{1,199}")


def framing_terms(corpus: Any, spans: pd.DataFrame, *, kind: str = "lexicon") -> pd.DataFrame:
    """Lexicon hits per outlet and category, per 1,000 words of the outlet.

    Columns :data:`FRAMING_COLUMNS`; ``terms`` lists the words found (as written,
    most frequent first). Only categories an outlet uses appear for it.
    """
    articles = articles_frame(corpus)
    hits = spans_of_kind(spans, kind)
    outlet_of = dict(zip(articles["id"], articles["outlet"], strict=True))
    hits = hits[hits["article"].isin(outlet_of)]
    if not len(hits):
        return pd.DataFrame(columns=list(FRAMING_COLUMNS))
    hits = hits.assign(
        outlet=hits["article"].map(outlet_of),
        category=hits["label"].fillna("").astype(str).replace("", "(none)"),
        term=hits["text"].map(clean_form),
    )
    table = (
        hits.groupby(["outlet", "category"], sort=False)
        .agg(hits=("term", "size"), articles=("article", "nunique"), terms=("term", _by_frequency))
        .reset_index()
    )
    table["words"] = table["outlet"].map(word_counts(articles)).astype("int64")
    table["per_1000_words"] = 1000 * table["hits"] / table["words"].where(table["words"] > 0)
    order = {name: i for i, name in enumerate(dict.fromkeys(articles["outlet"]))}
    table = table.assign(_o=table["outlet"].map(order)).sort_values(
        ["_o", "hits", "category"], ascending=[True, False, True], kind="mergesort"
    )
    return table.loc[:, list(FRAMING_COLUMNS)].reset_index(drop=True)


def naming_choices(corpus: Any, spans: pd.DataFrame, *, kind: str = "lexicon") -> pd.DataFrame:
    """For each concept, the words each outlet uses for it, side by side.

    ``kind="lexicon"``: concepts are the lexicon spans' ``value`` (or their category
    when the value is empty); ``kind="entity"``: concepts are canonical entities and
    the words their written forms without clitics. Index ``(category, concept)``, one
    column per outlet; a cell reads ``"form (count)، form (count)"``, empty when the
    outlet does not name the concept. Concepts named in several ways come first.
    """
    articles = articles_frame(corpus)
    found = spans_of_kind(spans, kind)
    outlet_of = dict(zip(articles["id"], articles["outlet"], strict=True))
    found = found[found["article"].isin(outlet_of)]
    outlets = list(dict.fromkeys(articles["outlet"]))
    if not len(found):
        empty_index = pd.MultiIndex.from_arrays([[], []], names=["category", "concept"])
        return pd.DataFrame(columns=outlets, index=empty_index)
    written = found["text"].map(clean_form)
    if kind == "entity":
        concept = canonical_names(found)
        form = [name_form(w, c) for w, c in zip(written, concept, strict=True)]
    else:
        concept = found["value"].where(found["value"].str.strip() != "", found["label"])
        form = written
    found = found.assign(outlet=found["article"].map(outlet_of), concept=concept, form=form)
    counts = (
        found.groupby(["label", "concept", "outlet", "form"], sort=False)
        .size()
        .rename("n")
        .reset_index()
    )
    cells: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    n_forms: dict[tuple[str, str], int] = {}
    for (label, concept_name), group in counts.groupby(["label", "concept"], sort=False):
        n_forms[(label, concept_name)] = group["form"].nunique()
        for outlet, sub in group.groupby("outlet", sort=False):
            sub = sub.sort_values(["n", "form"], ascending=[False, True])
            cells[(label, concept_name)][outlet] = "، ".join(
                f"{f} ({n})" for f, n in zip(sub["form"], sub["n"], strict=True)
            )
    keys = sorted(cells, key=lambda k: (-n_forms[k], k))
    index = pd.MultiIndex.from_tuples(keys, names=["category", "concept"])
    return pd.DataFrame(
        [[cells[k].get(o, "") for o in outlets] for k in keys], index=index, columns=outlets
    )


def distinctive_words(
    corpus: Any,
    spans: pd.DataFrame | None = None,
    *,
    n: int = 15,
    min_count: int = 2,
    prior_scale: float = 1.0,
    lang: str = "ar",
) -> pd.DataFrame:
    """Words each outlet uses more than the others: log-odds with an informative prior.

    For outlet *i* against all other outlets *j*, with the whole corpus as prior
    (``alpha_w = prior_scale * count_w``): ``log_odds`` is the difference of the
    smoothed log-odds of word *w* and ``z`` that difference over its estimated
    standard deviation. Rows: the top ``n`` words with ``z > 0`` per outlet seen at
    least ``min_count`` times in it. ``word`` is the most frequent written form,
    ``key`` the folded, clitic-stripped form that was counted. Text inside
    ``boilerplate`` spans (footers, embeds) is left out when ``spans`` is given.
    """
    articles = articles_frame(corpus)
    texts = _without_boilerplate(articles, spans)
    stop = stopwords(lang)
    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    exact: dict[str, Counter[str]] = defaultdict(Counter)  # written forms without clitics
    attached: dict[str, Counter[str]] = defaultdict(Counter)  # written forms with clitics
    for outlet, text in zip(articles["outlet"], texts, strict=True):
        for token in _TOKEN.findall(clean_form(text)):
            folded = fold(token)
            key = match_key(token)
            if key in stop or len(key) < 2:
                continue
            per_outlet[outlet][key] += 1
            (exact if folded == key else attached)[key][token] += 1
    total = Counter()
    for counts in per_outlet.values():
        total.update(counts)
    grand = sum(total.values())
    rows = []
    for outlet, counts in per_outlet.items():
        n_i = sum(counts.values())
        n_j = grand - n_i
        a0 = prior_scale * grand
        for word, y_i in counts.items():
            if y_i < min_count:
                continue
            y_j = total[word] - y_i
            alpha = prior_scale * total[word]
            log_odds_i = math.log((y_i + alpha) / (n_i + a0 - y_i - alpha))
            log_odds_j = math.log((y_j + alpha) / (n_j + a0 - y_j - alpha)) if n_j else 0.0
            delta = log_odds_i - log_odds_j
            z = delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))
            written = (exact.get(word) or attached[word]).most_common(1)[0][0]
            rows.append((outlet, written, word, y_i, y_j, delta, z))
    table = pd.DataFrame(rows, columns=list(DISTINCTIVE_COLUMNS[:-1]))
    table = table[table["z"] > 0]
    order = {name: i for i, name in enumerate(dict.fromkeys(articles["outlet"]))}
    table = table.assign(_o=table["outlet"].map(order)).sort_values(
        ["_o", "z", "key"], ascending=[True, False, True], kind="mergesort"
    )
    table["rank"] = table.groupby("outlet").cumcount() + 1
    table = table[table["rank"] <= n]
    return table.loc[:, list(DISTINCTIVE_COLUMNS)].reset_index(drop=True)


def _without_boilerplate(articles: pd.DataFrame, spans: pd.DataFrame | None) -> list[str]:
    texts = list(articles["text"])
    if spans is None:
        return texts
    frame = check_spans(spans, ("article", "kind", "label", "start", "end"))
    mask = (frame["kind"] == "boilerplate") | (
        (frame["kind"] == "social") & (frame["label"] == "tweet_embed")
    )
    row_of = {a: i for i, a in enumerate(articles["id"])}
    cuts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article, start, end in frame.loc[mask, ["article", "start", "end"]].itertuples(index=False):
        if article in row_of:
            cuts[row_of[article]].append((int(start), int(end)))
    for row, intervals in cuts.items():
        text = texts[row]
        # blank the boilerplate out (spaces keep every other offset unchanged)
        chars = list(text)
        for start, end in intervals:
            chars[start:end] = " " * (end - start)
        texts[row] = "".join(chars)
    return texts


def _by_frequency(values: pd.Series) -> tuple[str, ...]:
    counts = values.value_counts()
    return tuple(sorted(counts.index, key=lambda v: (-counts[v], v)))
