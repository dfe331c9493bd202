"""The DuckDB/Parquet store: write a corpus and spans, query them back."""

from __future__ import annotations

import pandas as pd
import pytest

import newslab
from newslab.errors import NewslabError
from newslab.spans import to_frame
from newslab.store import Store, as_corpus_and_spans


@pytest.fixture()
def corpus() -> newslab.Corpus:
    return newslab.Corpus(
        [
            newslab.Article(
                "a1", "وصل الوزير إلى الرباط.", source="الأولى", published="2024-03-01"
            ),
            newslab.Article(
                "a2", "قال الوزير إن الاتفاق مهم.", source="الثانية", metadata={"k": 1}
            ),
        ]
    )


@pytest.fixture()
def spans() -> pd.DataFrame:
    return to_frame(
        [
            newslab.Span(
                15, 21, "entity", "GPE", "الرباط", {"confidence": 0.9}, "الرباط", "a1", "entities"
            ),
            newslab.Span(4, 10, "entity", "PER", "الوزير", {}, "الوزير", "a2", "entities"),
            newslab.Span(0, 3, "quote", "direct", "قال", {"speaker": "x"}, "قال", "a2", "quotes"),
        ]
    )


def test_round_trip(tmp_path, corpus, spans):
    store = Store.create(tmp_path / "st", corpus, spans)
    back = store.spans()
    pd.testing.assert_frame_equal(back, spans)
    again = store.corpus()
    assert [a.to_dict() for a in again] == [a.to_dict() for a in corpus]


def test_sql_and_filters(tmp_path, corpus, spans):
    store = Store.create(tmp_path / "st", corpus, spans)
    counts = store.query("SELECT kind, count(*) AS n FROM spans GROUP BY kind ORDER BY kind")
    assert counts.to_dict("records") == [{"kind": "entity", "n": 2}, {"kind": "quote", "n": 1}]
    only_gpe = store.spans(kind="entity", where="label = 'GPE'")
    assert only_gpe["value"].tolist() == ["الرباط"]
    assert only_gpe["attrs"].tolist() == [{"confidence": 0.9}]
    assert store.articles(["a2"], text=False)["source"].tolist() == ["الثانية"]


def test_store_feeds_analysis_inputs(tmp_path, corpus, spans):
    store = Store.create(tmp_path / "st", corpus, spans)
    got_corpus, got_spans = as_corpus_and_spans(store, kind="quote")
    assert len(got_corpus) == 2
    assert got_spans["kind"].unique().tolist() == ["quote"]


def test_not_a_store(tmp_path):
    with pytest.raises(NewslabError, match="not a newslab store"):
        Store(tmp_path)
