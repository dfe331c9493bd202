"""The shareable HTML report: a parameterised notebook executed with papermill.

``newslab report INPUT -o report.html`` calls :func:`build_report`; the notebook it runs
is :func:`template_path` (``notebooks/report.ipynb`` is an identical copy you can open
in JupyterLab). :mod:`newslab.report.sections` holds the helpers its cells use.
"""

from newslab.report.run import (
    ReportError,
    build_report,
    execute_report,
    notebook_to_html,
    template_path,
)

__all__ = ["ReportError", "build_report", "execute_report", "notebook_to_html", "template_path"]
