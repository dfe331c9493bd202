"""``newslab report``: papermill execution on this interpreter's kernel, one HTML file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from test_report_corpus import HOSTILE, ONLY, write_corpus

from newslab.report import ReportError, execute_report, notebook_to_html, template_path

REPO = Path(__file__).resolve().parents[1]
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run the real command in a bare environment: no python on PATH, no Jupyter dirs."""
    work = tmp_path_factory.mktemp("report")
    corpus, plugins = write_corpus(work)
    empty = work / "empty"
    empty.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work),
        "JUPYTER_PATH": str(empty),
        "JUPYTER_DATA_DIR": str(empty),
        "JUPYTER_CONFIG_DIR": str(empty),
        "IPYTHONDIR": str(work / "ipython"),
        "NEWSLAB_DISABLE_PLUGIN_AUTOLOAD": "1",
        "MPLCONFIGDIR": str(work / "mpl"),
    }
    out = work / "out" / "report.html"
    args = [
        sys.executable,
        "-m",
        "newslab",
        "report",
        str(corpus),
        "-o",
        str(out),
        "--plugins",
        str(plugins),
        "--title",
        "<i>T</i> تقرير الاختبار",
        "--max-rows",
        "2",
        "--notebook",
        str(work / "executed.ipynb"),
    ]
    for name in ONLY:
        args += ["--only", name]
    result = subprocess.run(args, capture_output=True, text=True, env=env, cwd=work, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result, work


def test_command_reports_progress_and_writes_one_file(built):
    out, result, work = built
    assert out.is_file()
    assert "Executing" in result.stderr  # papermill's per-cell progress bar
    assert f"newslab: wrote {out}" in result.stderr
    executed = nbformat.read(work / "executed.ipynb", as_version=4)
    parameters = next(
        c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
    )
    assert str(work / "plugins") in parameters.source


def test_html_is_self_contained(built):
    page = built[0].read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=\"?https?:", page)
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!\w[\w.-]*\.example/)""", page)
    assert "require.js" not in page and "mathjax" not in page.lower()


def test_html_is_readable_on_a_phone(built):
    page = built[0].read_text(encoding="utf-8")
    viewport = re.search(r"<meta[^>]*name=\"viewport\"[^>]*>", page)
    assert viewport and "width=device-width" in viewport.group()
    assert "@media (max-width: 640px)" in page
    assert "max-width: 100%" in page


def test_code_is_hidden_and_parameter_cells_removed(built):
    page = built[0].read_text(encoding="utf-8")
    assert 'class="jp-CodeMirrorEditor' not in page
    assert "S.show(" not in page and "input_path =" not in page
    assert "This cell is tagged" not in page


def test_article_text_is_escaped(built):
    page = built[0].read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>&lt;i&gt;T&lt;/i&gt; تقرير الاختبار</title>" in page


def test_no_widget_placeholders(built):
    page = built[0].read_text(encoding="utf-8")
    for placeholder in ("HTML(value=", "VBox(", "HBox(", "Output(", "Dropdown("):
        assert placeholder not in page


def test_tables_are_truncated_with_counts(built):
    page = built[0].read_text(encoding="utf-8")
    assert "showing 2 of 4 rows" in page  # the articles table with --max-rows 2


class DirectionOf(HTMLParser):
    """For every text node with Arabic letters, the nearest ``dir`` of its ancestors."""

    VOID = frozenset({"meta", "br", "img", "hr", "input", "link", "col", "source", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs).get("dir")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if not ARABIC.search(data) or "title" in tags or "style" in tags:
            return
        nearest = next((d for _, d in reversed(self.stack) if d), None)
        self.found.append((data.strip()[:40], nearest))


def test_every_arabic_text_sits_in_a_rtl_or_auto_block(built):
    parser = DirectionOf()
    parser.feed(built[0].read_text(encoding="utf-8"))
    assert len(parser.found) > 20
    wrong = [(text, d) for text, d in parser.found if d not in ("rtl", "auto")]
    assert not wrong, wrong[:5]
    assert sum(d == "rtl" for _, d in parser.found) > len(parser.found) / 2


# ---------------------------------------------------------------- kernel and errors


def test_runs_without_any_kernelspec_and_names_the_failing_cell(tmp_path, monkeypatch):
    """The kernel is this interpreter even when no kernelspec can be found at all."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    def no_kernels(self, kernel_name):
        raise NoSuchKernel(kernel_name)

    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", no_kernels)
    monkeypatch.setattr(KernelSpecManager, "find_kernel_specs", lambda self: {})
    nb = new_notebook(
        cells=[
            new_code_cell("expected = ''", metadata={"tags": ["parameters"]}),
            new_code_cell(
                "# Check the interpreter\nimport sys\nassert sys.executable == expected, sys.executable"
            ),
            new_code_cell("# Divide by nothing\nvalue = 1 / 0"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "no-such-kernel",
        "language": "python",
        "display_name": "?",
    }
    path = tmp_path / "failing.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ReportError) as info:
        execute_report({"expected": sys.executable}, notebook=path, cwd=tmp_path, progress=False)
    message = str(info.value)
    assert message == (
        "report notebook failed in cell 2 (Divide by nothing): ZeroDivisionError: division by zero"
    )
    assert "\n" not in message


def test_missing_input_is_one_line_error(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslab",
            "report",
            str(tmp_path / "nope"),
            "-o",
            str(tmp_path / "r.html"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslab: error:") and "nope" in lines[0]
    assert not (tmp_path / "r.html").exists()


# ---------------------------------------------------------------- export details


def _notebook_with_widget_output() -> nbformat.NotebookNode:
    widget = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    cells = [
        new_markdown_cell("## العنوان"),
        new_code_cell(
            "w",
            outputs=[
                new_output(
                    "display_data",
                    data={
                        "application/vnd.jupyter.widget-view+json": widget,
                        "text/plain": "HTML(value='<b>x</b>')",
                    },
                ),
                new_output(
                    "display_data",
                    data={
                        "application/vnd.jupyter.widget-view+json": widget,
                        "text/plain": "VBox(children=(Output(),))",
                        "text/html": "<p>static view</p>",
                    },
                ),
            ],
        ),
        new_code_cell("secret = 1", metadata={"tags": ["injected-parameters"]}),
    ]
    return new_notebook(cells=cells)


def test_export_never_shows_widget_placeholders():
    page = notebook_to_html(_notebook_with_widget_output())
    assert "HTML(value=" not in page and "VBox(" not in page and "Output(" not in page
    assert "interactive widget was shown here" in page
    assert "<p>static view</p>" in page
    assert "secret = 1" not in page


def test_export_with_code_shows_sources():
    page = notebook_to_html(_notebook_with_widget_output(), code=True)
    assert 'class="jp-CodeMirrorEditor' in page
    assert "secret = 1" not in page  # parameter cells stay out


def test_notebooks_report_is_the_packaged_template():
    """One source of truth: notebooks/report.ipynb is a byte-identical copy."""
    copy = REPO / "notebooks" / "report.ipynb"
    assert copy.read_bytes() == template_path().read_bytes(), (
        "notebooks/report.ipynb differs from newslab/report/report.ipynb; "
        "edit the packaged one and copy it over"
    )


def test_template_has_a_parameters_cell_and_no_outputs():
    nb = nbformat.read(template_path(), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for name in ("input_path", "spans_path", "title", "plugins", "top_n", "max_rows"):
        assert re.search(rf"^{name} = ", tagged[0].source, re.M), name
    assert all(
        not c.get("outputs") and c.get("execution_count") is None
        for c in nb.cells
        if c.cell_type == "code"
    )
    assert os.fspath(template_path()).endswith(os.path.join("newslab", "report", "report.ipynb"))
