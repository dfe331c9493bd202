"""Article and Corpus: the input side of the flow."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Article", "Corpus", "SkippedItem"]


@dataclass(frozen=True)
class Article:
    """One news article.

    ``text`` is exactly the decoded text (no newline translation, never modified): every
    span offset indexes it. ``published`` is an ISO date or datetime string ('' when
    unknown); ``metadata`` holds everything else the input carried.
    """

    id: str
    text: str
    source: str = ""
    title: str = ""
    published: str = ""
    url: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"article id must be a non-empty string, got {self.id!r}")
        if not isinstance(self.text, str):
            raise TypeError(
                f"article {self.id!r}: text must be str, got {type(self.text).__name__}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "text": self.text,
            "metadata": dict(self.metadata),
        }


@dataclass(frozen=True)
class SkippedItem:
    """An input item left out because the user asked to skip bad input."""

    path: str
    line: int | None
    reason: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        if self.row is not None:
            where = f"{where}: row {self.row}"
        return f"{where}: {self.reason}"


class Corpus:
    """An ordered collection of articles with unique ids.

    ``skipped`` lists what a loader left out under ``skip_errors=True``, so nothing is
    dropped silently.
    """

    def __init__(self, articles: Iterable[Article] = (), *, skipped: Iterable[SkippedItem] = ()):
        self._articles: list[Article] = []
        self._by_id: dict[str, Article] = {}
        for article in articles:
            self.add(article)
        self.skipped: list[SkippedItem] = list(skipped)

    def add(self, article: Article) -> None:
        """Append an article; its id must be new."""
        if not isinstance(article, Article):
            raise TypeError(f"Corpus holds Article objects, got {type(article).__name__}")
        if article.id in self._by_id:
            raise ValueError(f"duplicate article id {article.id!r}")
        self._articles.append(article)
        self._by_id[article.id] = article

    def __iter__(self) -> Iterator[Article]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)

    def __getitem__(self, key: int | str) -> Article:
        if isinstance(key, str):
            return self._by_id[key]
        return self._articles[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_id

    def __repr__(self) -> str:
        sources = sorted({a.source for a in self._articles if a.source})
        return f"Corpus({len(self)} articles, {len(sources)} sources)"

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self._articles]

    def texts(self) -> dict[str, str]:
        """Article id -> text, for span validation and analysis."""
        return {a.id: a.text for a in self._articles}

    def sources(self) -> list[str]:
        return sorted({a.source for a in self._articles if a.source})

    def to_frame(self) -> pd.DataFrame:
        """One row per article: id, source, title, published, url, text, metadata."""
        columns = ["id", "source", "title", "published", "url", "text", "metadata"]
        return pd.DataFrame([a.to_dict() for a in self._articles], columns=columns)
