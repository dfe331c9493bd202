"""Bad input: one exact error naming the file and line/row, or a skip report.

Each case builds an input with one bad item among good ones. Without ``skip_errors``
loading raises :class:`CorpusError` with exactly the message given; with it, the good
articles load, the bad item is listed in ``corpus.skipped`` with the same message and
reported on standard error. Whole-input problems are never skippable.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from newslab.corpus import load
from newslab.errors import CorpusError


def jsonl(*lines: str | bytes):
    def build(tmp_path):
        path = tmp_path / "in.jsonl"
        path.write_bytes(
            b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines) + b"\n"
        )
        return path

    return build


def csv_file(text: str):
    def build(tmp_path):
        path = tmp_path / "in.csv"
        path.write_bytes(text.encode("utf-8"))
        return path

    return build


def folder(files: dict[str, bytes | str]):
    def build(tmp_path):
        path = tmp_path / "dir"
        path.mkdir()
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (path / name).write_bytes(data)
        return path

    return build


def parquet(frame: pd.DataFrame):
    def build(tmp_path):
        path = tmp_path / "in.parquet"
        frame.to_parquet(path, index=False)
        return path

    return build


def good(article_id: str) -> str:
    return json.dumps({"id": article_id, "text": "نص الخبر"}, ensure_ascii=False)


# (case id, builder, message with {p} for the input path, ids that still load when skipping)
SKIPPABLE = [
    (
        "bad-json",
        jsonl(good("a"), '{"id": "b", "text": ', good("c")),
        "{p}:2: not valid JSON (Expecting value)",
        ["a", "c"],
    ),
    (
        "not-an-object",
        jsonl(good("a"), "[1, 2]"),
        "{p}:2: expected a JSON object, got a list",
        ["a"],
    ),
    ("missing-id", jsonl(good("a"), '{"text": "نص"}'), "{p}:2: missing 'id'", ["a"]),
    ("empty-id", jsonl(good("a"), '{"id": " ", "text": "نص"}'), "{p}:2: missing 'id'", ["a"]),
    ("missing-text", jsonl(good("a"), '{"id": "b"}'), "{p}:2: missing 'text'", ["a"]),
    ("null-text", jsonl('{"id": "b", "text": null}', good("a")), "{p}:1: missing 'text'", ["a"]),
    (
        "number-text",
        jsonl(good("a"), '{"id": "b", "text": 5}'),
        "{p}:2: 'text' must be a string, got a number",
        ["a"],
    ),
    (
        "list-id",
        jsonl(good("a"), '{"id": ["b"], "text": "x"}'),
        "{p}:2: 'id' must be a string or an integer, got a list",
        ["a"],
    ),
    (
        "bool-id",
        jsonl(good("a"), '{"id": true, "text": "x"}'),
        "{p}:2: 'id' must be a string or an integer, got a boolean",
        ["a"],
    ),
    (
        "object-title",
        jsonl(good("a"), '{"id": "b", "text": "x", "title": {"ar": "t"}}'),
        "{p}:2: 'title' must be a string, got an object",
        ["a"],
    ),
    (
        "duplicate-id-jsonl",
        jsonl(good("a"), good("b"), good("a")),
        "{p}:3: duplicate article id 'a' (first at line 1)",
        ["a", "b"],
    ),
    (
        "non-utf8-line",
        jsonl(good("a"), '{"id": "b", "text": "نص"}'.encode("cp1256")),
        "{p}:2: not utf-8 text (byte 0xe4 at column 22); JSON Lines must be UTF-8 unless you "
        "pass the encoding",
        ["a"],
    ),
    (
        "lone-surrogate",
        jsonl(good("a"), '{"id": "b", "text": "ab\\ud800"}'),
        "{p}:2: 'text' holds an unpaired surrogate at offset 2",
        ["a"],
    ),
    (
        "csv-long-row",
        csv_file("id,text\na,نص\nb,نص,زائد\nc,نص\n"),
        "{p}:3: row has 3 fields but the header has 2",
        ["a", "c"],
    ),
    (
        "csv-short-row",
        csv_file("id,text,source\na,نص,س\nb,نص\n"),
        "{p}:3: row has 2 fields but the header has 3",
        ["a"],
    ),
    (
        "csv-missing-id",
        csv_file('id,text\na,نص\n,"سطر\nثان"\nc,نص\n'),
        "{p}:3: missing 'id'",
        ["a", "c"],
    ),
    (
        "csv-duplicate-id",
        csv_file('id,text\na,"سطر\nثان"\na,نص\n'),
        "{p}:4: duplicate article id 'a' (first at line 2)",
        ["a"],
    ),
    (
        "parquet-null-text",
        parquet(pd.DataFrame({"id": ["a", "b"], "text": ["نص", None]})),
        "{p}: row 2: missing 'text'",
        ["a"],
    ),
    (
        "parquet-duplicate-id",
        parquet(pd.DataFrame({"id": ["a", "a"], "text": ["نص", "نص"]})),
        "{p}: row 2: duplicate article id 'a' (first at row 1)",
        ["a"],
    ),
    (
        "bad-sidecar",
        folder({"a.txt": "نص", "b.txt": "نص", "b.json": '{"source": "x",\n "title" "y"}'}),
        "{p}/b.json:2: metadata is not valid JSON (Expecting ':' delimiter)",
        ["a"],
    ),
    (
        "sidecar-list",
        folder({"a.txt": "نص", "b.txt": "نص", "b.json": "[]"}),
        "{p}/b.json: metadata must be a JSON object, got a list",
        ["a"],
    ),
    (
        "sidecar-title-list",
        folder({"a.txt": "نص", "b.txt": "نص", "b.json": '{"title": ["x"]}'}),
        "{p}/b.json: 'title' must be a string, got a list",
        ["a"],
    ),
    (
        "binary-file",
        folder({"a.txt": "نص", "b.txt": b"GIF\x00\x01\x02"}),
        "{p}/b.txt:1: binary file (NUL byte at offset 3), not a text article",
        ["a"],
    ),
    (
        "undecodable-file",
        folder({"a.txt": "نص", "b.txt": "ok\nl'été".encode("latin-1")}),
        "{p}/b.txt:2: not UTF-8, UTF-16 or Windows-1256 text (undecodable byte 0xe9 at offset 5); "
        "pass the right encoding (--encoding / encoding=)",
        ["a"],
    ),
    (
        "duplicate-id-folder",
        folder({"a.txt": "نص", "b.txt": "نص", "b.json": '{"id": "a"}'}),
        "{p}/b.txt: duplicate article id 'a' (first in a.txt)",
        ["a"],
    ),
]

FATAL = [
    ("missing-path", lambda tmp_path: tmp_path / "nope", "{p}: no such file or folder"),
    ("unsupported", folder({"x.docx": b"PK"}), None),
    ("empty-folder", folder({}), "{p}: no .txt articles in this folder"),
    (
        "folder-of-tables",
        folder({"a.jsonl": good("a"), "b.csv": "id,text\n"}),
        "{p}: no .txt articles in this folder (found a.jsonl, b.csv: pass that file instead)",
    ),
    (
        "csv-no-text-column",
        csv_file("id,body\na,x\n"),
        "{p}:1: CSV header lacks column(s) 'text' (found 'id', 'body')",
    ),
    (
        "csv-no-columns",
        csv_file("title\nx\n"),
        "{p}:1: CSV header lacks column(s) 'id', 'text' (found 'title')",
    ),
    (
        "csv-repeated-column",
        csv_file("id,text,text\na,x,y\n"),
        "{p}:1: CSV header repeats column(s) 'text'",
    ),
    ("csv-empty", csv_file(""), "{p}:1: empty CSV file (no header row)"),
    (
        "parquet-no-id",
        parquet(pd.DataFrame({"text": ["نص"]})),
        "{p}: Parquet file lacks column(s) 'id'",
    ),
]


@pytest.mark.parametrize(
    ("build", "message", "ids"), [c[1:] for c in SKIPPABLE], ids=[c[0] for c in SKIPPABLE]
)
def test_bad_item_raises_exact_message(tmp_path, build, message, ids):
    path = build(tmp_path)
    with pytest.raises(CorpusError) as caught:
        load(path)
    assert str(caught.value) == message.format(p=path)


@pytest.mark.parametrize(
    ("build", "message", "ids"), [c[1:] for c in SKIPPABLE], ids=[c[0] for c in SKIPPABLE]
)
def test_skip_errors_reports_each_bad_item(tmp_path, capsys, build, message, ids):
    path = build(tmp_path)
    corpus = load(path, skip_errors=True)
    assert corpus.ids == ids
    assert [str(item) for item in corpus.skipped] == [message.format(p=path)]
    assert capsys.readouterr().err == f"newslab: skipped {message.format(p=path)}\n"


@pytest.mark.parametrize(("build", "message"), [c[1:] for c in FATAL], ids=[c[0] for c in FATAL])
def test_whole_input_errors_are_not_skippable(tmp_path, build, message):
    path = build(tmp_path)
    if message is None:  # the unsupported case points at the file inside the folder
        path = path / "x.docx"
        message = (
            "{p}: unsupported input (.docx); give a folder of .txt files or a "
            ".jsonl, .csv or .parquet file"
        )
    for skip in (False, True):
        with pytest.raises(CorpusError) as caught:
            load(path, skip_errors=skip)
        assert str(caught.value) == message.format(p=path)


def test_unreadable_parquet(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(CorpusError, match=r"broken\.parquet: not a readable Parquet file \("):
        load(path)


def test_on_skip_callback_replaces_stderr(tmp_path, capsys):
    path = jsonl(good("a"), "oops")(tmp_path)
    seen = []
    corpus = load(path, skip_errors=True, on_skip=seen.append)
    assert [(s.path, s.line, s.reason) for s in seen] == [
        (str(path), 2, "not valid JSON (Expecting value)")
    ]
    assert corpus.skipped == seen
    assert capsys.readouterr().err == ""


def test_error_carries_location(tmp_path):
    path = parquet(pd.DataFrame({"id": ["a", None], "text": ["نص", "نص"]}))(tmp_path)
    with pytest.raises(CorpusError) as caught:
        load(path)
    error = caught.value
    assert (error.path, error.line, error.row, error.reason) == (str(path), None, 2, "missing 'id'")
