"""Every notebook in notebooks/ runs top to bottom on a fresh kernel of this interpreter."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from newslab.report.kernel import ThisPythonKernelManager

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = {
    "01_quickstart.ipynb",
    "02_explore.ipynb",
    "03_write_a_plugin.ipynb",
    "04_compare_outlets.ipynb",
    "report.ipynb",
}


def test_all_notebooks_are_there():
    assert {p.name for p in PATHS} >= EXPECTED


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, (
                f"{path.name}: clear the outputs before committing"
            )


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_notebook_runs(path, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("NEWSLAB_DISABLE_PLUGIN_AUTOLOAD", "1")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_manager_class=ThisPythonKernelManager,
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        failing = next(
            (
                c
                for c in nb.cells
                if c.cell_type == "code"
                and any(o.get("output_type") == "error" for o in c.get("outputs", []))
            ),
            None,
        )
        source = failing.source if failing is not None else "(cell not found)"
        pytest.fail(
            f"{path.name} failed in cell:\n{source}\n\n{exc.ename}: {exc.evalue}", pytrace=False
        )
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.get("output_type") == "error"
    ]
    assert not errors
