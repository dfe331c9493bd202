"""Small hand-made corpora and spans tables for the analysis tests.

Spans are located by their text (``occurrence`` picks the n-th match), so a test
reads as sentences and what is marked in them, and offsets are never typed by hand.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from newslab import Article, Corpus
from newslab.spans import to_frame


def corpus(*articles: tuple[str, str, str, str]) -> Corpus:
    """A corpus from ``(id, source, published, text)`` tuples."""
    return Corpus(Article(id=i, source=s, published=p, text=t) for i, s, p, t in articles)


def span(
    corpus: Corpus,
    article: str,
    text: str,
    kind: str = "entity",
    label: str = "",
    value: str = "",
    *,
    occurrence: int = 0,
    attrs: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A span row for the ``occurrence``-th appearance of ``text`` in the article."""
    body = corpus[article].text
    start = -1
    for _ in range(occurrence + 1):
        start = body.index(text, start + 1)
    return {
        "article": article,
        "extractor": "hand",
        "kind": kind,
        "label": label,
        "start": start,
        "end": start + len(text),
        "text": text,
        "value": value,
        "attrs": attrs or {},
    }


def spans(*rows: dict[str, Any]) -> pd.DataFrame:
    return to_frame(rows)
