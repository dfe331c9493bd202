"""A corpus and its spans as Parquet, queried in DuckDB (embedded, no server).

A store is a folder::

    store/
      articles.parquet          one row per article (id, source, title, published, url, text, metadata)
      spans.parquet             the spans table: one file or a partitioned folder of parts

:class:`Store` opens it in DuckDB with two views, ``articles`` and ``spans``, so a
notebook can query millions of spans with SQL and pull just the slice it needs into
pandas; :meth:`Store.spans` and :meth:`Store.corpus` hand those slices to the analysis
functions (which also accept a store directly).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from newslab.corpus.article import Article, Corpus
from newslab.errors import NewslabError

__all__ = ["Store", "as_corpus_and_spans", "write_articles"]

ARTICLES = "articles.parquet"
SPANS = "spans.parquet"


def write_articles(
    articles: Iterable[Article], path: str | os.PathLike[str], *, batch: int = 2000
) -> int:
    """Stream articles into a Parquet file (metadata as JSON text); return the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newslab.engine.chunks import chunked

    schema = pa.schema(
        [
            (name, pa.string())
            for name in ("id", "source", "title", "published", "url", "text", "metadata")
        ]
    )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    count = 0
    with pq.ParquetWriter(tmp, schema) as writer:
        for chunk in chunked(articles, batch):
            rows = [a.to_dict() for a in chunk]
            for row in rows:
                row["metadata"] = json.dumps(row["metadata"], ensure_ascii=False, default=str)
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    os.replace(tmp, path)
    return count


class Store:
    """A newslab store folder opened in DuckDB."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        if not (self.path / ARTICLES).exists() and not (self.path / SPANS).exists():
            raise NewslabError(
                f"{self.path}: not a newslab store (no {ARTICLES} or {SPANS}); "
                "create one with Store.create(path, corpus, spans)"
            )
        self._connection = None

    # ------------------------------------------------------------------ creating

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        articles: Corpus | Iterable[Article] | str | os.PathLike[str],
        spans: pd.DataFrame | str | os.PathLike[str] | None = None,
    ) -> Store:
        """Write a store from articles (a corpus, an iterable or an input path) and spans.

        ``spans`` may be a DataFrame, or a path to a spans file/partitioned folder,
        which is copied (Parquet) or converted (JSON Lines, CSV).
        """
        from newslab.corpus.loaders import iter_articles
        from newslab.spans import read_spans, write_spans

        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if isinstance(articles, (str, os.PathLike)):
            articles = iter_articles(articles)
        write_articles(articles, folder / ARTICLES)
        if spans is not None:
            if isinstance(spans, pd.DataFrame):
                write_spans(spans, folder / SPANS)
            else:
                source = Path(spans)
                if source.is_dir() or source.suffix.lower() == ".parquet":
                    import shutil

                    target = folder / SPANS
                    if source.is_dir():
                        shutil.copytree(source, target, dirs_exist_ok=True)
                    else:
                        shutil.copyfile(source, target)
                else:
                    write_spans(read_spans(source), folder / SPANS)
        return cls(folder)

    # ------------------------------------------------------------------ querying

    def connect(self):
        """A DuckDB connection with the views ``articles`` and ``spans``."""
        if self._connection is None:
            import duckdb

            con = duckdb.connect()
            articles = self.path / ARTICLES
            if articles.exists():
                con.execute(
                    f"CREATE VIEW articles AS SELECT * FROM read_parquet('{_sql_path(articles)}')"
                )
            spans = self.path / SPANS
            if spans.exists():
                pattern = spans / "*.parquet" if spans.is_dir() else spans
                con.execute(
                    f"CREATE VIEW spans AS SELECT * FROM read_parquet('{_sql_path(pattern)}')"
                )
            self._connection = con
        return self._connection

    def query(self, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run SQL against the views and return a DataFrame."""
        return self.connect().execute(sql, params or []).df()

    def spans(
        self,
        *,
        kind: str | Sequence[str] | None = None,
        articles: Sequence[str] | None = None,
        extractor: str | Sequence[str] | None = None,
        where: str | None = None,
    ) -> pd.DataFrame:
        """A slice of the spans table in the schema (``attrs`` parsed back to dicts)."""
        clauses, params = [], []
        for column, wanted in (("kind", kind), ("article", articles), ("extractor", extractor)):
            if wanted is None:
                continue
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
        if where:
            clauses.append(f"({where})")
        sql = "SELECT * FROM spans"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        from newslab.spans import to_frame

        frame = self.query(sql, params)
        return to_frame(frame.to_dict("records"))

    def articles(self, ids: Sequence[str] | None = None, *, text: bool = True) -> pd.DataFrame:
        """Article rows (optionally without ``text`` for a light listing)."""
        columns = "*" if text else "id, source, title, published, url"
        sql = f"SELECT {columns} FROM articles"
        params: list[Any] = []
        if ids is not None:
            sql += f" WHERE id IN ({', '.join('?' for _ in ids)})"
            params = list(ids)
        return self.query(sql, params)

    def corpus(self, ids: Sequence[str] | None = None) -> Corpus:
        """The articles (all, or ``ids``) as a :class:`Corpus`."""
        rows = self.articles(ids)
        return Corpus(
            Article(
                id=row["id"],
                text=row["text"] or "",
                source=row["source"] or "",
                title=row["title"] or "",
                published=row["published"] or "",
                url=row["url"] or "",
                metadata=json.loads(row["metadata"]) if row["metadata"] else {},
            )
            for row in rows.to_dict("records")
        )

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"


def as_corpus_and_spans(
    corpus: Corpus | Store,
    spans: pd.DataFrame | None = None,
    *,
    kind: str | Sequence[str] | None = None,
) -> tuple[Corpus, pd.DataFrame]:
    """Accept a store wherever a (corpus, spans) pair is expected.

    A :class:`Store` gives its articles and its spans (only ``kind`` when given, so an
    analysis reads just the slice it needs); a corpus and a DataFrame pass through.
    """
    if isinstance(corpus, Store):
        return corpus.corpus(), spans if spans is not None else corpus.spans(kind=kind)
    if spans is None:
        raise TypeError("spans table required when the first argument is a Corpus")
    return corpus, spans


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
