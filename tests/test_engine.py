"""Streaming, multi-process and Dask runners give the same spans as in-memory annotate."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import newslab
from newslab.engine import ExtractorSpec, SpansWriter, annotate_path, run_local
from newslab.errors import SpanError
from newslab.spans import read_spans

PLUGIN = textwrap.dedent(
    '''
    """Test plugin: words of an article and a count of them, with a corpus-level finalize."""
    import regex
    import newslab

    class Words(newslab.Extractor):
        name = "words"
        kinds = ("word",)

        def fit(self, corpus):
            self.articles_seen = len(corpus)
            return self

        def extract(self, article, context):
            for m in regex.finditer(r"\\p{L}+", article.text):
                yield newslab.Span(m.start(), m.end(), "word", "w", m.group().lower(),
                                   {"chunk_articles": self.articles_seen})

        def finalize(self, spans):
            counts = spans["value"].map(spans["value"].value_counts())
            spans = spans.copy()
            spans["attrs"] = [dict(a, freq=int(c)) for a, c in zip(spans["attrs"], counts)]
            return spans

    @newslab.hookimpl
    def newslab_extractors():
        return [Words()]
    '''
)

WORDS = ["سلام", "مدينة", "خبر", "وزير", "اتفاق", "news", "الرباط", "قال", "يوم"]


@pytest.fixture()
def plugin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "words.py").write_text(PLUGIN, encoding="utf-8")
    return folder


@pytest.fixture()
def corpus_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(23):
            text = " ".join(WORDS[(i * j + j) % len(WORDS)] for j in range(1, 4 + i % 5))
            handle.write(
                json.dumps({"id": f"a{i:02d}", "text": text, "source": f"s{i % 3}"}) + "\n"
            )
    return path


def _run(corpus, plugin_dir, out, **kwargs) -> pd.DataFrame:
    kwargs.setdefault("chunk_size", 5)
    annotate_path(corpus, out, plugins=[plugin_dir], only=["words"], **kwargs)
    return read_spans(out)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_jobs_give_identical_output(corpus_jsonl, plugin_dir, tmp_path, suffix):
    # with jobs > 1 the workers encode their spans for the writer: same bytes as jobs=1
    one = _run(corpus_jsonl, plugin_dir, tmp_path / f"one{suffix}", jobs=1)
    two = _run(corpus_jsonl, plugin_dir, tmp_path / f"two{suffix}", jobs=2)
    assert len(one) > 50
    pd.testing.assert_frame_equal(one, two)
    # bytes too: same rows, same order
    assert (tmp_path / f"one{suffix}").read_bytes() == (tmp_path / f"two{suffix}").read_bytes()


def test_writer_refuses_spans_prepared_for_another_format(tmp_path):
    from newslab.engine.writer import prepare

    frame = newslab.to_frame([newslab.Span(0, 1, "word", "w", "x", {"n": 1})])
    with SpansWriter(tmp_path / "s.csv") as writer:
        writer.write(prepare(frame, ".csv"))
        with pytest.raises(SpanError, match=r"prepared for \.jsonl"):
            writer.write(prepare(frame, ".jsonl"))
    assert read_spans(tmp_path / "s.csv")["attrs"].tolist() == [{"n": 1}]


def test_chunks_bound_corpus_level_reasoning(corpus_jsonl, plugin_dir, tmp_path):
    spans = _run(corpus_jsonl, plugin_dir, tmp_path / "s.parquet", jobs=1)
    seen = {a["chunk_articles"] for a in spans["attrs"]}
    assert seen == {5, 3}  # 23 articles in chunks of 5: four full chunks and one of 3


def test_streaming_matches_in_memory_annotate(corpus_jsonl, plugin_dir, tmp_path):
    registry = newslab.Registry(entry_points=False)
    registry.load_dir(plugin_dir)
    corpus = newslab.load(corpus_jsonl)
    in_memory = newslab.annotate(corpus, registry=registry, only=["words"], progress=False)
    streamed = _run(corpus_jsonl, plugin_dir, tmp_path / "s.csv", jobs=1, chunk_size=100)
    in_memory = in_memory.reset_index(drop=True)
    in_memory.attrs = {}
    pd.testing.assert_frame_equal(in_memory, streamed)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_output_formats_round_trip(corpus_jsonl, plugin_dir, tmp_path, suffix):
    spans = _run(corpus_jsonl, plugin_dir, tmp_path / f"out{suffix}", jobs=1)
    assert list(spans.columns) == list(newslab.COLUMNS)
    assert all(isinstance(v, str) for v in spans["value"])
    assert all(isinstance(a, dict) and "freq" in a for a in spans["attrs"])


def test_crash_leaves_no_file_that_looks_complete(corpus_jsonl, plugin_dir, tmp_path):
    out = tmp_path / "spans.jsonl"
    articles = list(newslab.iter_articles(corpus_jsonl))

    def exploding():
        yield from articles[:12]
        raise RuntimeError("disk on fire")

    spec = ExtractorSpec(plugin_dirs=(str(plugin_dir),), only=("words",))
    with pytest.raises(RuntimeError, match="disk on fire"), SpansWriter(out) as writer:
        run_local(exploding(), spec, writer, chunk_size=5)
    assert not out.exists()
    assert list(tmp_path.glob(".spans.jsonl.*")) == []


def test_existing_output_survives_a_failed_run(corpus_jsonl, plugin_dir, tmp_path):
    out = tmp_path / "spans.parquet"
    out.write_bytes(b"previous result")
    with pytest.raises(newslab.CorpusError):
        annotate_path(tmp_path / "missing.jsonl", out, plugins=[plugin_dir], only=["words"])
    assert out.read_bytes() == b"previous result"


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(SpanError, match=r"out\.xlsx: unsupported spans format '\.xlsx'"):
        SpansWriter(tmp_path / "out.xlsx")


def test_unknown_backend_is_refused(corpus_jsonl):
    with pytest.raises(ValueError, match="unknown backend 'spark'"):
        annotate_path(corpus_jsonl, None, backend="spark")


@pytest.mark.slow
def test_dask_local_cluster_matches_local_run(corpus_jsonl, plugin_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    local = _run(corpus_jsonl, plugin_dir, tmp_path / "local.parquet", jobs=1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        out = tmp_path / "dask.parquet"
        summary = annotate_path(
            corpus_jsonl, out, plugins=[plugin_dir], only=["words"], chunk_size=5, backend="dask"
        )
    assert out.is_dir()
    parts = sorted(p.name for p in out.glob("*.parquet"))
    assert parts == [f"part-{i:05d}.parquet" for i in range(5)]
    assert summary.articles == 23 and summary.rows == len(local)
    from newslab.store import Store

    Store.create(tmp_path / "store", corpus_jsonl, out)
    from_dask = Store(tmp_path / "store").spans()
    pd.testing.assert_frame_equal(local, from_dask)
