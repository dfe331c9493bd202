"""``newslab evaluate GOLD SPANS [--json]``."""

from __future__ import annotations

import json

import pytest

from newslab.cli import main
from newslab.spans import Span, to_frame, write_spans


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    doc = {
        "file": "001_visit.txt",
        "dates": [
            {"start": 0, "end": 5, "text": "", "value": "2022-03"},
            {"start": 20, "end": 26, "text": "", "value": "2021"},
        ],
        "quotes": [
            {
                "start": 30,
                "end": 60,
                "text": "",
                "speaker": "سمير",
                "speaker_canonical": "سمير",
                "cue": "قال",
            }
        ],
    }
    (gold / "001_visit.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    spans = to_frame(
        [
            Span(0, 5, "date", "", "2022-03", text="xxxxx", article="001_visit", extractor="dates"),
            Span(40, 44, "date", "", "2019", text="xxxx", article="001_visit", extractor="dates"),
            Span(
                31,
                60,
                "quote",
                "direct",
                "…",
                {"speaker": "سمير", "cue": "قال"},
                text="x" * 29,
                article="001_visit",
                extractor="quotes",
            ),
        ]
    )
    return gold, write_spans(spans, tmp_path / "spans.jsonl")


def test_prints_a_table(files, capsys):
    gold, spans = files
    assert main(["evaluate", str(gold), str(spans)]) == 0
    out = capsys.readouterr().out
    lines = [line.split() for line in out.splitlines()]
    assert ["date", "(all)", "1", "1", "1", "0.500", "0.500", "0.500"] in lines
    assert ["quote", "(all)", "1", "0", "0", "1.000", "1.000", "1.000"] in lines


def test_json_output(files, capsys):
    gold, spans = files
    assert main(["evaluate", str(gold), str(spans), "--json", "--errors", "date"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["summary"]["date_f1"] == pytest.approx(0.5)
    assert payload["summary"]["quote_speaker_accuracy"] == 1.0
    assert {e["error"] for e in payload["errors"]} == {"fp", "fn"}


def test_only_requested_kind(files, capsys):
    gold, spans = files
    assert main(["evaluate", str(gold), str(spans), "--kind", "quote"]) == 0
    out = capsys.readouterr().out
    assert "quote" in out and "date" not in out.split("Values")[0]


def test_missing_spans_file_is_a_clear_error(files, capsys, tmp_path):
    gold, _ = files
    assert main(["evaluate", str(gold), str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_missing_gold_is_a_clear_error(files, capsys, tmp_path):
    _, spans = files
    assert main(["evaluate", str(tmp_path / "no-gold"), str(spans)]) == 2
    assert "no-gold" in capsys.readouterr().err
