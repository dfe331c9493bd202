"""Interactive views for JupyterLab (ipywidgets 8): explorer, reuse viewer, quote browser.

Each widget object shows itself when it is the last expression of a cell and renders
its current view as static, escaped HTML with ``.to_html()`` (for reports and pages).
"""

from newslab.widgets.explorer import Explorer, article_html, spans_table
from newslab.widgets.quote_browser import QuoteBrowser, group_quotes, quotes_html
from newslab.widgets.reuse_viewer import Passage, ReuseViewer, pair_html, shared_passages

__all__ = [
    "Explorer",
    "Passage",
    "QuoteBrowser",
    "ReuseViewer",
    "article_html",
    "group_quotes",
    "pair_html",
    "quotes_html",
    "shared_passages",
    "spans_table",
]
