"""Running extractors: failure isolation, strict mode, and the span contract enforced."""

from __future__ import annotations

import warnings
from typing import ClassVar

import numpy as np
import pandas as pd
import pytest

import newslab
from newslab import Article, Corpus, Extractor, Span
from newslab.annotate import annotate, annotate_article, failures
from newslab.errors import ExtractorError

CORPUS = Corpus(
    [
        Article("a1", "وقال الوزير إن الاتفاق جاهز"),
        Article("a2", "boom: هذا النص يفجر المستخرج"),
        Article("a3", ""),
    ]
)


class Words(Extractor):
    """Every run of Arabic letters as an entity (a tiny, predictable extractor)."""

    name = "words"
    kinds = ("entity",)

    def extract(self, article, context):
        import re

        for match in re.finditer(r"[\u0621-\u064a]+", article.text):
            yield Span(match.start(), match.end(), "entity", "MISC", match.group())


class Crashy(Extractor):
    """Raises on articles containing 'boom'."""

    name = "crashy"
    kinds = ("entity",)

    def extract(self, article):  # no context: allowed
        if "boom" in article.text:
            raise RuntimeError("kaboom")
        yield Span(0, 0, "entity", "MISC")


class Emits(Extractor):
    """Emits one given span on every article."""

    kinds = ("entity",)
    labels: ClassVar[dict] = {"entity": ("PER", "ORG")}

    def __init__(self, span, name="emits"):
        self.span = span
        self.name = name

    def extract(self, article, context):
        yield self.span


def test_crashing_plugin_is_isolated():
    with pytest.warns(RuntimeWarning, match=r"1 extractor failure\(s\) \(crashy: 1\)"):
        spans = annotate(CORPUS, [Words(), Crashy()], progress=False)
    kept = spans[spans.extractor == "words"]
    assert kept["text"].tolist() == [
        "وقال",
        "الوزير",
        "إن",
        "الاتفاق",
        "جاهز",
        "هذا",
        "النص",
        "يفجر",
        "المستخرج",
    ]
    assert spans[spans.extractor == "crashy"]["article"].tolist() == ["a1", "a3"]
    table = failures(spans)
    assert table[["article", "extractor", "error"]].values.tolist() == [
        ["a2", "crashy", "RuntimeError: kaboom"]
    ]
    assert "kaboom" in table.loc[0, "traceback"]


def test_strict_reraises_naming_article_and_extractor():
    with pytest.raises(
        ExtractorError, match=r"^extractor 'crashy' failed on article 'a2': RuntimeError: kaboom$"
    ) as caught:
        annotate(CORPUS, [Words(), Crashy()], strict=True, progress=False)
    assert (caught.value.article, caught.value.extractor) == ("a2", "crashy")
    assert isinstance(caught.value.__cause__, RuntimeError)


TEXT = "قال الوزير"  # 10 characters


@pytest.mark.parametrize(
    ("span", "problem"),
    [
        (Span(0, 11, "entity", "PER"), "offsets 0..11 outside the article (length 10)"),
        (Span(-1, 3, "entity", "PER"), "offsets -1..3 outside the article (length 10)"),
        (Span(5, 3, "entity", "PER"), "offsets 5..3 outside the article (length 10)"),
        (Span(0.0, 3, "entity", "PER"), "offsets must be integers, got 0.0..3"),
        (Span(True, 3, "entity", "PER"), "offsets must be integers, got True..3"),
        (Span(0, 3, "entity", "PER", text="قا"), "span text 'قا' != article text[0:3] 'قال'"),
        (Span(0, 3, "date", "PER"), "kind 'date' not declared in ('entity',)"),
        (Span(0, 3, "entity", "GPE"), "label 'GPE' not declared for kind 'entity'"),
        (Span(0, 3, "", "PER"), "kind must be a non-empty string, got ''"),
        (Span(0, 3, "entity", "PER", float("nan")), "span value must be a finite number, got nan"),
        (Span(0, 3, "entity", "PER", "", ["x"]), "attrs must be a dict, got list"),
        (
            Span(0, 3, "entity", "PER", "", {"when": object}),
            "attrs must be JSON-serialisable: Object of type type is not JSON serializable",
        ),
        (
            Span(0, 3, "entity", "PER", "", {"x": float("inf")}),
            "attrs must be JSON-serialisable: no NaN or infinite numbers",
        ),
    ],
)
def test_bad_span_is_an_error_naming_the_plugin(span, problem):
    article = Article("art", TEXT)
    expected = f"extractor 'emits' emitted a bad span on article 'art': {problem}"
    with pytest.raises(ExtractorError) as caught:
        annotate_article(article, {"emits": Emits(span)}, strict=True)
    assert str(caught.value) == expected
    kept, failed = annotate_article(article, {"emits": Emits(span), "words": Words()})
    assert [f.error for f in failed] == [f"ExtractorError: {expected}"]
    assert [s.text for s in kept] == ["قال", "الوزير"]  # the other extractor's spans stay


def test_not_a_span_is_an_error():
    article = Article("art", TEXT)
    with pytest.raises(ExtractorError, match=r"extractor 'emits' yielded tuple, not newslab\.Span"):
        annotate_article(article, {"emits": Emits((0, 3, "entity"))}, strict=True)


def test_runner_fills_text_and_accepts_numpy_offsets():
    article = Article("art", TEXT)
    kept, failed = annotate_article(
        article, {"emits": Emits(Span(np.int64(4), np.int32(10), "entity", "PER"))}
    )
    assert failed == []
    (span,) = kept
    assert (span.start, span.end, span.text, span.article, span.extractor) == (
        4,
        10,
        "الوزير",
        "art",
        "emits",
    )
    assert type(span.start) is int


class NeedsWords(Extractor):
    """Counts the spans of 'words' it sees through the context."""

    name = "needs_words"
    kinds = ("metadata",)
    requires = ("words",)

    def extract(self, article, context):
        yield Span(0, 0, "metadata", "", len(context.spans(extractor="words")))


def test_requires_runs_dependencies_first():
    registry = newslab.Registry(builtins=False, entry_points=False)

    class Plugin:
        @newslab.hookimpl
        def newslab_extractors(self):
            return [NeedsWords(), Words()]

    registry.register(Plugin(), name="test-plugin")
    spans = annotate(CORPUS, ["needs_words"], registry=registry, progress=False)
    counts = spans[spans.extractor == "needs_words"].set_index("article")["value"].to_dict()
    assert counts == {"a1": "5", "a2": "4", "a3": "0"}


class FitFails(Words):
    name = "fit_fails"

    def fit(self, corpus):
        raise ValueError("no corpus for me")


class FinalizeFails(Words):
    name = "finalize_fails"

    def finalize(self, spans):
        return spans.iloc[:1]


def test_fit_and_finalize_failures_are_isolated():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        spans = annotate(CORPUS, [FitFails(), FinalizeFails(), Crashy()], progress=False)
    errors = failures(spans)[["article", "extractor", "error"]].values.tolist()
    assert ["*", "fit_fails", "fit: ValueError: no corpus for me"] in errors
    assert [
        "*",
        "finalize_fails",
        "finalize: PluginError: finalize of 'finalize_fails' must return the same rows and columns it got",
    ] in errors
    assert "fit_fails" not in set(spans.extractor)
    assert len(spans[spans.extractor == "finalize_fails"]) == 9  # unfinalised rows kept
    with pytest.raises(
        ExtractorError, match="extractor 'fit_fails' failed in fit: ValueError: no corpus for me"
    ):
        annotate(CORPUS, [FitFails()], strict=True, progress=False)


def test_unknown_extractor_lists_available():
    registry = newslab.Registry(builtins=False, entry_points=False)
    with pytest.raises(newslab.PluginError, match=r"unknown extractor 'nope'; available: \(none\)"):
        annotate(CORPUS, ["nope"], registry=registry)


def test_output_is_sorted_and_typed():
    spans = annotate(CORPUS, [Words()], progress=False)
    assert list(spans.columns) == list(newslab.COLUMNS)
    assert spans["start"].dtype == "int64"
    assert spans.equals(annotate(CORPUS, [Words()], progress=False))
    newslab.spans.validate_frame(spans, CORPUS.texts())


class Upper(Extractor):
    """Entities whose ``finalize`` rewrites values (a corpus-level pass)."""

    name = "upper"
    kinds = ("entity",)

    def extract(self, article, context):
        import re

        for match in re.finditer(r"\w+", article.text):
            yield Span(match.start(), match.end(), "entity", "MISC", match.group(), {"n": 1})

    def finalize(self, spans):
        out = spans.copy()
        out["value"] = [v.upper() + "!" for v in out["value"]]
        return out


class Numbers(Extractor):
    """Spans the runner checks the slow way: numpy offsets, numeric values, no label."""

    name = "nums"
    kinds = ("quantity",)

    def extract(self, article, context):
        import re

        for match in re.finditer(r"\w+", article.text):
            yield Span(np.int64(match.start()), match.end(), "quantity", None, 2.50)


def test_spans_table_equals_finalize_then_sort():
    from newslab.annotate import (
        annotate_article_by_extractor,
        finalize_frame,
        resolve_extractors,
        sort_frame,
        spans_table,
    )
    from newslab.spans import to_frame

    corpus = Corpus(
        [
            Article("b2", "word قال word"),
            Article("b1", "alpha beta alpha"),
            Article("b3", "beta"),
        ]
    )
    extractors = resolve_extractors([Words(), Upper(), Numbers(), Crashy()])
    by_extractor: dict[str, list[Span]] = {}
    for article in corpus:
        produced, _ = annotate_article_by_extractor(article, extractors)
        for name, spans in produced.items():
            by_extractor.setdefault(name, []).extend(spans)
    flat = [s for spans in by_extractor.values() for s in spans]
    expected = sort_frame(finalize_frame(to_frame(flat), extractors)[0], corpus.ids)
    table, failed = spans_table(by_extractor, extractors, corpus.ids)
    assert failed == []
    assert table.equals(expected)
    assert list(table.dtypes) == list(expected.dtypes)
    assert (table[table.extractor == "upper"]["value"].str.endswith("!")).all()
    assert set(table[table.extractor == "nums"]["value"]) == {"2.5"}


def _reference_sort(frame, article_order):
    """sort_frame's order spelled out with pandas' own stable multi-column sort."""
    rank = {article_id: i for i, article_id in enumerate(article_order)}
    key = frame["article"].map(rank).fillna(len(rank))
    ordered = frame.assign(_rank=key).sort_values(
        ["_rank", "start", "end", "extractor", "kind", "label"], kind="mergesort"
    )
    return ordered.drop(columns="_rank").reset_index(drop=True)


@pytest.mark.parametrize(
    ("starts", "labels"),
    [
        ([3, 0, 3, 1, 0, 3], ["b", "a", "", "ب", "a", "b"]),  # ties keep their order
        ([2, -1, 0, 5, -1, 2], ["x", "x", "x", "x", "x", "x"]),  # negative offsets
        ([1.5, np.nan, 0.0, 1.5, 2.0, np.nan], ["z", "😀", "a", "é", "Z", "ع"]),  # floats, NaN last
        ([0, 0, 0, 0, 0, 0], ["b", None, "a", None, "ب", "a"]),  # missing labels last
    ],
)
def test_sort_frame_is_a_stable_sort_by_article_then_offsets(starts, labels):
    from newslab.annotate import sort_frame

    frame = pd.DataFrame(
        {
            "article": ["a2", "a1", "gone", None, "a2", "a1"],  # unknown and missing: last
            "extractor": ["x", "y", "x", "x", "y", "x"],
            "kind": ["entity"] * 6,
            "label": labels,
            "start": starts,
            "end": [4, 4, 4, 2, 1, 4],
            "text": ["", "", "", "", "", ""],
            "value": ["1", "2", "3", "4", "5", "6"],
            "attrs": [{} for _ in range(6)],
        }
    )
    order = ["a1", "a2", "a1"]  # a repeated id keeps its last position, as a dict does
    got = sort_frame(frame, order)
    pd.testing.assert_frame_equal(got, _reference_sort(frame, order))
    assert list(got.index) == list(range(len(frame)))
