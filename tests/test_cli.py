"""The ``newslab`` command: bad input gives one line and a non-zero exit; outputs check out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import PLUGINS

import newslab
from newslab.cli import main
from newslab.spans import read_spans, validate_frame

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("files", "target", "message"),
    [
        (
            {"in.jsonl": '{"id": "a", "text": "نص"}\n{"id": "b"}\n'},
            "in.jsonl",
            "{p}:2: missing 'text'",
        ),
        (
            {"in.jsonl": '{"id": "a", "text": "نص"}\n{"id": "a", "text": "نص"}\n'},
            "in.jsonl",
            "{p}:2: duplicate article id 'a' (first at line 1)",
        ),
        ({"in.csv": "id,text\na,x,y\n"}, "in.csv", "{p}:2: row has 3 fields but the header has 2"),
        (
            {"d/a.txt": "نص", "d/a.json": "{bad"},
            "d",
            "{p}/a.json:1: metadata is not valid JSON "
            "(Expecting property name enclosed in double quotes)",
        ),
        (
            {"in.docx": "x"},
            "in.docx",
            "{p}: unsupported input (.docx); give a folder of .txt files "
            "or a .jsonl, .csv or .parquet file",
        ),
        ({}, "missing", "{p}: no such file or folder"),
        ({"d/x.md": ""}, "d", "{p}: no .txt articles in this folder"),
    ],
    ids=[
        "missing-text",
        "duplicate-id",
        "ragged-csv",
        "bad-sidecar",
        "extension",
        "missing",
        "empty-folder",
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, files, target, message):
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    path = tmp_path / target
    code, out, err = run(capsys, "annotate", path, "--only", "weapons", "--plugins", PLUGINS)
    assert (code, out) == (2, "")
    assert err == f"newslab: error: {message.format(p=path)}\n"


def test_skip_errors_reports_and_goes_on(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "text": "أطلقت باتريوت"}\nnot json\n{"id": "c"}\n', encoding="utf-8"
    )
    code, out, err = run(
        capsys, "annotate", path, "--skip-errors", "--only", "weapons", "--plugins", PLUGINS
    )
    assert code == 0
    assert err.splitlines() == [
        f"newslab: skipped {path}:2: not valid JSON (Expecting value)",
        f"newslab: skipped {path}:3: missing 'text'",
        f"newslab: skipped 2 item(s) in {path}; read 1 article(s)",
    ]
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert (row["article"], row["text"], row["value"]) == ("a", "باتريوت", "Patriot")


def test_skip_errors_with_nothing_left(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    code, _, err = run(
        capsys, "annotate", path, "--skip-errors", "--only", "weapons", "--plugins", PLUGINS
    )
    assert code == 2
    assert err.splitlines()[-1] == f"newslab: error: {path}: no article could be read"


def test_plugins_lists_example_plugins_beside_builtins(capsys):
    code, out, err = run(capsys, "plugins", "--plugins", PLUGINS)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "KINDS", "ORIGIN", "DESCRIPTION"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert f"file {PLUGINS / 'weapons.py'}" in rows["weapons"]
    assert f"file {PLUGINS / 'sources.py'}" in rows["sources"]
    builtins = {i.name for i in newslab.Registry(entry_points=False).describe()}
    assert builtins <= set(rows)
    assert all("built-in" in rows[name] for name in builtins)
    code, out, _ = run(capsys, "plugins", "--plugins", PLUGINS, "--json")
    listed = {item["name"]: item for item in json.loads(out)}
    assert listed["sources"]["kinds"] == ["attribution"]


def test_broken_plugin_folder_is_an_error(tmp_path, capsys):
    (tmp_path / "bad.py").write_text("import newslab\n1/0\n", encoding="utf-8")
    code, _, err = run(capsys, "plugins", "--plugins", tmp_path)
    assert code == 2
    assert err == (
        f"newslab: error: {tmp_path / 'bad.py'}:2: plugin failed to import: "
        "ZeroDivisionError: division by zero\n"
    )


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_annotate_writes_every_format(tmp_path, capsys, sample, suffix):
    out_path = tmp_path / f"spans{suffix}"
    code, out, err = run(
        capsys,
        "annotate",
        "sample",
        "-o",
        out_path,
        "--plugins",
        PLUGINS,
        "--only",
        "weapons",
        "--only",
        "sources",
    )
    assert code == 0 and out == ""
    spans = read_spans(out_path)
    assert err == f"newslab: wrote {len(spans)} spans from 8 articles to {out_path}\n"
    validate_frame(spans, sample.texts())
    assert set(spans.extractor) == {"sources"}  # the sample has anonymous sources, no weapons
    assert "مصادر دبلوماسية" in set(spans.text)


def test_extractor_failure_exit_1_and_spans_kept(tmp_path, capsys):
    (tmp_path / "flaky.py").write_text(
        "import newslab\n"
        "class Flaky(newslab.Extractor):\n"
        "    name = 'flaky'\n"
        "    kinds = ('x',)\n"
        "    def extract(self, article, context):\n"
        "        if article.id == 'sawt-islands':\n"
        "            raise ValueError('bad day')\n"
        "        return []\n"
        "@newslab.hookimpl\n"
        "def newslab_extractors():\n"
        "    return [Flaky()]\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys,
        "annotate",
        "sample",
        "--plugins",
        tmp_path,
        "--plugins",
        PLUGINS,
        "--only",
        "flaky",
        "--only",
        "sources",
    )
    assert code == 1
    assert (
        err == "newslab: extractor 'flaky' failed on article 'sawt-islands': ValueError: bad day\n"
    )
    assert {json.loads(line)["extractor"] for line in out.splitlines()} == {"sources"}


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["sample", "seeds"])
def test_end_to_end_subprocess(tmp_path, corpus):
    """`newslab annotate` as a user runs it, with every extractor: every row checks out."""
    if corpus == "seeds":
        if not SEEDS.is_dir():
            pytest.skip(f"real seed articles not found at {SEEDS} (../shared beside the repo)")
        source = SEEDS
    else:
        source = "sample"
    out_path = tmp_path / "spans.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslab",
            "annotate",
            str(source),
            "-o",
            str(out_path),
            "--plugins",
            str(PLUGINS),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    articles = newslab.load(source)
    rows = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert rows, "no spans at all"
    for row in rows:
        text = articles[row["article"]].text
        assert row["text"] == text[row["start"] : row["end"]], row
        assert isinstance(row["value"], str) and isinstance(row["attrs"], dict)
    frame = pd.DataFrame(rows)
    assert set(frame["article"]) <= set(articles.ids)
    if corpus == "sample":  # the sample quotes "مصادر دبلوماسية": the plugins ran too
        assert "sources" in set(frame["extractor"])
