"""Built-in ``numbers`` extractor: money, quantities and percentages.

``500 مليون دولار`` -> money 500000000 USD; ``٢٫٤ مليار درهم`` -> money 2400000000 MAD
(the country the article talks about decides among درهم/ريال/دينار/جنيه/ليرة, else a
default flagged ``currency_guess``); ``85 في المئة`` -> percent 85; ``500 ألف يهودي``
-> quantity 500000 labelled ``people``. Values are plain decimal strings. The grammar is
in :mod:`newslab.extract.number_grammar`; currencies in ``data/currencies.csv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import ClassVar

from newslab.arabic.normalize import normalize
from newslab.corpus.article import Article
from newslab.extract.base import Context, Extractor
from newslab.extract.number_grammar import find_numbers, has_number_marks
from newslab.extract.number_words import UNITS
from newslab.hooks import hookimpl
from newslab.spans import Span, format_value

__all__ = ["NumbersExtractor"]


class NumbersExtractor(Extractor):
    """Money (with ISO 4217 currency), quantities (labelled by unit) and percentages."""

    name: ClassVar[str] = "numbers"
    kinds: ClassVar[tuple[str, ...]] = ("money", "quantity", "percent")
    labels: ClassVar[dict[str, tuple[str, ...]]] = {
        "money": ("money",),
        "percent": ("percent",),
        "quantity": ("quantity", *UNITS),
    }
    description: ClassVar[str] = "money (ISO 4217), quantities and percentages"

    def extract(self, article: Article, context: Context | None = None) -> Iterator[Span]:
        if not has_number_marks(article.text):
            return
        norm = context.normalized if context is not None else normalize(article.text)
        hits = find_numbers(norm.text, url=article.url)
        spans = [hit[:2] for hit in hits]  # (start, end); hits are never empty
        offsets = spans if norm.is_aligned else norm.to_original_spans(spans)
        for hit, (start, end) in zip(hits, offsets, strict=True):
            attrs: dict[str, object] = {}
            if hit.currency:
                attrs["currency"] = hit.currency
                if hit.currency_guess:
                    attrs["currency_guess"] = True
            yield Span(start, end, hit.kind, hit.label, _plain(hit.value), attrs or None)


def _plain(value: Decimal | int) -> str:
    """``Decimal('2.4E+9')`` -> ``'2400000000'``: the schema's plain decimal string."""
    if isinstance(value, int):
        return str(value)
    integral = value.to_integral_value()
    if value == integral:
        return str(int(integral))
    return format_value(value)


@hookimpl
def newslab_extractors() -> list[Extractor]:
    return [NumbersExtractor()]
