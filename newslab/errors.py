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

    ``path``, ``line`` (1-based line of a text, JSON Lines or CSV file) and ``row``
    (1-based data row of a Parquet file) are kept for programs that collect skipped
    items. ``reason`` is the message without its location.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        row: int | None = None,
        reason: str | None = None,
    ):
        super().__init__(message)
        self.path = path
        self.line = line
        self.row = row
        self.reason = reason if reason is not None else message

    @classmethod
    def at(
        cls, path: object, reason: str, *, line: int | None = None, row: int | None = None
    ) -> CorpusError:
        """The error for ``reason`` at a place: ``path:line: reason`` or ``path: row N: reason``."""
        where = f"{path}:{line}" if line is not None else str(path)
        if row is not None:
            where = f"{where}: row {row}"
        return cls(f"{where}: {reason}", path=str(path), line=line, row=row, reason=reason)


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
