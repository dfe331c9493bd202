"""Built-in quotes extractor (being written; registers nothing yet)."""

from __future__ import annotations

from newslab.hooks import hookimpl


@hookimpl
def newslab_extractors():
    return []
