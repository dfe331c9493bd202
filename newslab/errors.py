"""Exceptions newslab raises; each message names the file, line or plugin at fault."""

from __future__ import annotations

__all__ = [
    "CorpusError",
    "ExtractorError",
    "NewslabError",
    "PluginError",
    "SpanError",
]


class NewslabError(Exception):
    """Base class of every error newslab raises on purpose."""


class CorpusError(NewslabError):
    """Input that cannot be read as articles: the message names the file and line/row.

    ``path`` and ``line`` (1-based line or row number, when there is one) are kept for
    programs that collect skipped items.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line


class SpanError(NewslabError):
    """A span or spans table that breaks the schema."""


class PluginError(NewslabError):
    """A plugin that cannot be loaded or that breaks the extractor contract."""


class ExtractorError(NewslabError):
    """An extractor failed on an article (raised in strict mode)."""

    def __init__(self, message: str, *, article: str, extractor: str):
        super().__init__(message)
        self.article = article
        self.extractor = extractor
