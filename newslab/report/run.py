"""Build the HTML report: annotate, execute ``report.ipynb`` with papermill, export one page.

:func:`build_report` is what ``newslab report`` runs:

1. load the corpus and annotate it here, with a progress bar on standard error (the
   spans go to the notebook as a Parquet file, so the notebook does not redo the work);
2. execute the packaged, parameterised ``report.ipynb`` with papermill on a kernel of
   *this* interpreter (:mod:`newslab.report.kernel`; no kernelspec needed), showing
   papermill's per-cell progress bar;
3. export the executed notebook with nbconvert's HTML exporter and newslab's template:
   one self-contained file (images inline as base64, no script fetched from the
   network), code hidden unless asked for, a viewport meta and responsive CSS.

A cell that fails becomes one :class:`ReportError` line naming the cell and the
exception.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat

from newslab.errors import NewslabError

__all__ = ["ReportError", "build_report", "execute_report", "notebook_to_html", "template_path"]

#: Tags of cells that never appear in the HTML (papermill's parameter cells).
HIDDEN_TAGS = ("parameters", "injected-parameters", "remove-cell")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class ReportError(NewslabError):
    """The report could not be built; the message names the failing cell."""


def template_path() -> Path:
    """The packaged report notebook (``notebooks/report.ipynb`` is an identical copy)."""
    return Path(str(resources.files("newslab.report") / "report.ipynb"))


def _templates_dir() -> Path:
    return Path(str(resources.files("newslab.report") / "templates"))


# --------------------------------------------------------------------- execution


def execute_report(
    parameters: dict[str, Any],
    *,
    notebook: str | os.PathLike[str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    progress: bool = True,
    timeout: float | None = None,
) -> nbformat.NotebookNode:
    """Run the report notebook (default: the packaged one) with ``parameters``.

    Returns the executed notebook. Raises :class:`ReportError` naming the failing cell.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    from newslab.report.kernel import KERNEL_NAME, ThisPythonKernelManager

    source = Path(notebook) if notebook is not None else template_path()
    try:
        return papermill.execute_notebook(
            str(source),
            None,
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            language="python",
            progress_bar=progress,
            cwd=str(cwd) if cwd is not None else None,
            kernel_manager_class=ThisPythonKernelManager,
            execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        raise ReportError(_describe_failure(exc, source)) from None
    except (DeadKernelError, CellTimeoutError, TimeoutError, RuntimeError) as exc:
        # the kernel died or did not start, or a cell ran out of time: one line
        name = type(exc).__name__
        raise ReportError(
            f"report notebook {source.name}: {name}: {_first_line(str(exc))}"
        ) from exc


def _first_line(text: str) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text or "").strip()
    return text.splitlines()[0] if text else ""


def _cell_caption(source: str) -> str:
    """The first comment or line of a cell, to name it in an error."""
    for line in (source or "").splitlines():
        line = line.strip()
        if line:
            return line.lstrip("#").strip()[:80]
    return ""


def _describe_failure(exc: Any, notebook: Path) -> str:
    """One line: the failing cell's number in the notebook as written, its caption, the error."""
    index = exc.cell_index
    try:  # papermill inserted a parameters cell: count cells of the notebook as written
        cells = nbformat.read(str(notebook), as_version=4).cells
        index = next(i for i, cell in enumerate(cells) if cell.source == exc.source)
    except (OSError, StopIteration, ValueError):
        pass
    caption = _cell_caption(getattr(exc, "source", ""))
    where = f"cell {index}" + (f" ({caption})" if caption else "")
    return f"report notebook failed in {where}: {exc.ename}: {_first_line(exc.evalue)}"


# ------------------------------------------------------------------------ export


def _static_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop hidden cells; replace live widgets (no saved state) by their static HTML or a note."""
    kept = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & set(HIDDEN_TAGS):
            continue
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                data = output.get("data")
                if not data or WIDGET_MIME not in data:
                    continue
                data.pop(WIDGET_MIME)
                data.pop("text/plain", None)
                if not any(k.startswith(("text/html", "image/")) for k in data):
                    data["text/html"] = (
                        '<p class="nl-report-note">(an interactive widget was shown here; '
                        "open the notebook in JupyterLab to use it)</p>"
                    )
        kept.append(cell)
    nb.cells = kept
    return nb


def notebook_to_html(nb: nbformat.NotebookNode, *, code: bool = False, title: str = "") -> str:
    """Export an executed notebook as one self-contained HTML page (newslab template)."""
    from nbconvert import HTMLExporter

    from newslab import __version__

    nb = _static_outputs(nbformat.from_dict(json.loads(json.dumps(nb))))
    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="newslab",
        extra_template_basedirs=[str(_templates_dir())],
        exclude_input=not code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    css = (_templates_dir() / "newslab" / "report.css").read_text(encoding="utf-8")
    body, _ = exporter.from_notebook_node(
        nb, resources={"newslab_css": css, "newslab_version": __version__}
    )
    return body


# ------------------------------------------------------------------------- build


def build_report(
    input_path: str | os.PathLike[str],
    output: str | os.PathLike[str] = "report.html",
    *,
    title: str | None = None,
    plugins: Sequence[str | os.PathLike[str]] = (),
    only: Sequence[str] | None = None,
    code: bool = False,
    skip_errors: bool = False,
    encoding: str | None = None,
    top_n: int = 15,
    max_rows: int = 50,
    progress: bool = True,
    notebook_out: str | os.PathLike[str] | None = None,
    timeout: float | None = None,
) -> Path:
    """Annotate ``input_path``, execute the report notebook and write one HTML file.

    ``input_path``: a corpus path as accepted by :func:`newslab.load` (``sample`` is
    the bundled sample). ``plugins``: folders of extractor plugins; ``only``: run just
    these extractors (and what they require). ``code``: show the
    code cells. ``notebook_out``: also keep the executed notebook there. Returns the
    path written.
    """
    from newslab.annotate import annotate
    from newslab.corpus.loaders import load, resolve_input
    from newslab.registry import Registry
    from newslab.spans import write_spans

    source = resolve_input(input_path)
    corpus = load(source, skip_errors=skip_errors, encoding=encoding)
    registry = Registry()
    plugin_dirs = [str(Path(p).resolve()) for p in plugins]
    for directory in plugin_dirs:
        registry.load_dir(directory)
    if title is None:
        title = f"newslab report: {_input_name(input_path, source)}"
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="newslab-report-") as work:
        spans = annotate(
            corpus, registry=registry, only=only, progress=progress and len(corpus) > 1
        )
        spans_path = write_spans(spans, Path(work) / "spans.parquet")
        failures_path = Path(work) / "failures.json"
        failures_path.write_text(
            json.dumps(spans.attrs.get("failures", []), ensure_ascii=False), encoding="utf-8"
        )
        parameters = {
            "input_path": str(source.resolve()),
            "spans_path": str(spans_path),
            "failures_path": str(failures_path),
            "title": title,
            "plugins": plugin_dirs,
            "skip_errors": bool(skip_errors),
            "encoding": encoding or "",
            "top_n": int(top_n),
            "max_rows": int(max_rows),
        }
        executed = execute_report(parameters, cwd=work, progress=progress, timeout=timeout)
    if notebook_out is not None:
        nbformat.write(executed, str(notebook_out))
    page = notebook_to_html(executed, code=code, title=title)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, output)
    return output


def _input_name(given: str | os.PathLike[str], resolved: Path) -> str:
    text = os.fspath(given)
    if text in ("sample", "newslab:sample") and not Path(text).exists():
        return "sample corpus"
    return resolved.name or str(resolved)
