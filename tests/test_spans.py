"""The span schema: values as strings, attrs as dicts, integer offsets, in every format."""

from __future__ import annotations

import json
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from newslab.errors import SpanError
from newslab.spans import (
    COLUMNS,
    Span,
    empty_frame,
    format_value,
    read_spans,
    to_frame,
    validate_frame,
    write_spans,
)

TEXTS = {
    "a": 'قال «الوزير»، 2.4 مليار دولار\r\nسطر, ثان "مقتبس"\rو\u2028نهاية',
    "b": "",
}


def tricky_spans() -> list[Span]:
    text = TEXTS["a"]
    return [
        Span(
            0,
            3,
            "quote",
            "",
            "الوزير",
            {"speaker": "الوزير", "cue": "قال"},
            article="a",
            extractor="quotes",
        ),
        Span(
            14,
            27,
            "money",
            "",
            2400000000.0,
            {"currency": "USD", "nested": {"x": [1, 2]}},
            article="a",
            extractor="numbers",
        ),
        Span(27, 38, "boilerplate", "", "", None, article="a", extractor="x"),
        Span(38, len(text), "entity", "MISC", 0.5, {}, article="a", extractor="x"),
        Span(
            0, 0, "metadata", "published", "2025-07-17", {"note": None}, article="b", extractor="x"
        ),
    ]


def frame() -> pd.DataFrame:
    spans = [s._replace(text=TEXTS[s.article][s.start : s.end]) for s in tricky_spans()]
    return to_frame(spans)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet", ".ndjson"])
def test_round_trip(tmp_path, suffix):
    original = frame()
    path = write_spans(original, tmp_path / f"spans{suffix}")
    back = read_spans(path)
    assert list(back.columns) == list(COLUMNS)
    assert back["start"].dtype == "int64" and back["end"].dtype == "int64"
    assert all(isinstance(v, str) for v in back["value"])
    assert all(isinstance(a, dict) for a in back["attrs"])
    pd.testing.assert_frame_equal(back, original)
    validate_frame(back, TEXTS)  # text == article text[start:end], CR and LS included
    assert back.loc[1, "value"] == "2400000000"
    assert back.loc[1, "attrs"] == {"currency": "USD", "nested": {"x": [1, 2]}}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_empty_round_trip(tmp_path, suffix):
    back = read_spans(write_spans(empty_frame(), tmp_path / f"empty{suffix}"))
    assert back.empty and list(back.columns) == list(COLUMNS)


def test_on_disk_types(tmp_path):
    csv_path = write_spans(frame(), tmp_path / "s.csv")
    raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    assert json.loads(raw.loc[1, "attrs"]) == {"currency": "USD", "nested": {"x": [1, 2]}}
    parquet = pd.read_parquet(write_spans(frame(), tmp_path / "s.parquet"))
    assert parquet["value"].map(type).eq(str).all() and parquet["attrs"].map(type).eq(str).all()
    first = json.loads(
        (write_spans(frame(), tmp_path / "s.jsonl")).read_text("utf-8").splitlines()[0]
    )
    assert isinstance(first["start"], int) and isinstance(first["attrs"], dict)


def test_write_is_atomic_and_refuses_unknown_format(tmp_path):
    with pytest.raises(
        SpanError, match=r"unsupported spans format '\.xlsx'; use one of \.jsonl, \.csv, \.parquet"
    ):
        write_spans(frame(), tmp_path / "s.xlsx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (500000000.0, "500000000"),
        (2.5, "2.5"),
        (1e20, "100000000000000000000"),
        (1e-7, "0.0000001"),
        (0.1 + 0.2, "0.30000000000000004"),
        (-3.0, "-3"),
        (42, "42"),
        (np.int64(7), "7"),
        (np.float64(1.5e9), "1500000000"),
        (Decimal("2.40"), "2.4"),
        (Decimal("1E+3"), "1000"),
        (True, "true"),
        (None, ""),
        ("2022-07", "2022-07"),
        ("٢٫٤", "٢٫٤"),
    ],
)
def test_format_value(value, expected):
    assert format_value(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_format_value_refuses_non_finite(value):
    with pytest.raises(SpanError, match="span value must be a finite number"):
        format_value(value)


def test_validate_frame_names_the_row():
    bad = frame()
    bad.loc[2, "text"] = "x"
    with pytest.raises(
        SpanError,
        match=r"row 2 \(article 'a', extractor 'x'\): text 'x' is not article text\[27:38\]",
    ):
        validate_frame(bad, TEXTS)
    with pytest.raises(SpanError, match="spans table lacks column"):
        validate_frame(bad.drop(columns="attrs"))


def test_read_spans_bad_jsonl_line(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"article": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(
        SpanError, match=r"s\.jsonl:1: span lacks column\(s\) extractor, kind, label"
    ):
        read_spans(path)
    path.write_text("\n{oops\n", encoding="utf-8")
    with pytest.raises(SpanError, match=r"s\.jsonl:2: not valid JSON"):
        read_spans(path)


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        (
            "article,start\na,1\n",
            "{p}: not a spans table; lacks column(s) extractor, kind, label, end, text, value, attrs",
        ),
        (
            "article,extractor,kind,label,start,end,text,value,attrs\na,x,k,,0,0,,,{}\na,x,k,,0,0,,,{oops\n",
            "{p}:3: bad offsets or attrs (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        ),
        (
            "article,extractor,kind,label,start,end,text,value,attrs\na,x,k,,zero,0,,,{}\n",
            "{p}:2: bad offsets or attrs (invalid literal for int() with base 10: 'zero')",
        ),
        (
            "article,extractor,kind,label,start,end,text,value,attrs\na,x,k,,0,0,,,[1]\n",
            "{p}:2: bad offsets or attrs (attrs must be a JSON object, got list)",
        ),
    ],
    ids=["not-spans", "bad-attrs-json", "bad-offset", "attrs-not-object"],
)
def test_read_spans_names_the_bad_row(tmp_path, csv_text, message):
    path = tmp_path / "s.csv"
    path.write_text(csv_text, encoding="utf-8")
    with pytest.raises(SpanError) as caught:
        read_spans(path)
    assert str(caught.value) == message.format(p=path)


@pytest.mark.parametrize(
    "spans",
    [
        [Span(0, 3, "entity", "PER", "زيد", {"source": "title"}, "abc", "a", "x")],
        [  # labels, texts and values that need the per-value rules
            Span(0, 1, "money", None, 2.5, None, None, "a", "x"),
            Span(np.int64(1), 2, "money", "", np.int64(7), {}, "b", "b", "x"),
            Span(2, 4, "money", "USD", None, {"n": 1}, "", "b", "x"),
            Span(3, 4, "money", "EUR", b"raw", None, "d", "a", "x"),
        ],
        [Span(0, 0, "k", "", "", None, None, None, None)],  # all-missing columns
        [
            Span(0, 1, "k", "", "😀", None, "é", "ع", "x"),
            Span(True, 2, "k", "L", "", None, "t", "a", "x"),
        ],
    ],
    ids=["plain", "per-value", "all-missing", "unicode-and-bool"],
)
def test_to_frame_builds_what_the_rows_say(spans):
    """The column-wise build gives the values and dtypes of a table of ``as_row`` dicts."""
    rows = [span.as_row() for span in spans]
    expected = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    expected = expected.astype({"start": "int64", "end": "int64"})
    pd.testing.assert_frame_equal(to_frame(spans), expected)
