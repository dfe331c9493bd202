"""The extractor contract: a small object with a name, its kinds and ``extract``.

Every extractor, built-in or third-party, is an instance of a class following
:class:`Extractor` (subclassing it is convenient, not required). The runner
(:func:`newslab.annotate`) calls, in order:

1. ``fit(corpus)`` once, when the whole corpus is at hand (optional; corpus-level
   evidence such as full names that short forms are linked to);
2. ``extract(article, context)`` for every article, yielding :class:`~newslab.spans.Span`
   objects whose offsets index ``article.text``. ``context`` gives the normalised text
   (computed once, shared by all extractors) and the spans of the extractors named in
   ``requires`` that ran before. An ``extract`` that takes only ``article`` is fine;
3. ``finalize(spans)`` once with the whole table of this extractor's spans (optional;
   corpus-level linking such as one canonical value per referent across outlets).

Constructors only store parameters. ``extract`` must not raise on empty or hostile text
and must be deterministic. :func:`newslab.extract.check_extractor` checks all that.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from newslab.arabic.normalize import NormalizedText, normalize
from newslab.spans import Span

if TYPE_CHECKING:
    import pandas as pd

    from newslab.corpus.article import Article, Corpus

__all__ = ["Context", "Extractor", "TextCache", "call_extract", "shared_normalized"]

T = TypeVar("T")


class TextCache(Generic[T]):
    """Results computed from article texts, kept until used: what ``fit`` already
    computed for an article need not be computed again by ``extract``.

    Keyed by the text itself (equal texts share a result, so it can never be stale).
    Bounded by the total length of the texts held; the oldest entries go first.
    ``take`` removes the entry it returns, so a cache filled by ``fit`` empties as
    ``extract`` goes through the corpus. Thread-safe.
    """

    def __init__(self, max_chars: int = 16_000_000) -> None:
        self.max_chars = max_chars
        self._items: dict[str, T] = {}
        self._chars = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.max_chars,))  # a copy starts empty (locks do not pickle)

    def put(self, text: str, value: T) -> None:
        """Remember ``value`` for ``text`` (dropping the oldest entries if full)."""
        with self._lock:
            if text in self._items:
                self._items[text] = value
                return
            self._items[text] = value
            self._chars += len(text)
            while self._chars > self.max_chars and self._items:
                oldest = next(iter(self._items))
                del self._items[oldest]
                self._chars -= len(oldest)

    def get(self, text: str, compute: Callable[[str], T]) -> T:
        """The value for ``text``, computed and remembered if it is not held."""
        value = self._items.get(text, _MISSING)
        if value is _MISSING:
            value = compute(text)
            self.put(text, value)
        return value  # type: ignore[return-value]

    def take(self, text: str) -> T | None:
        """Remove and return the value held for ``text`` (``None`` if there is none)."""
        with self._lock:
            value = self._items.pop(text, _MISSING)
            if value is _MISSING:
                return None
            self._chars -= len(text)
            return value  # type: ignore[return-value]

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._chars = 0


_MISSING: Any = object()
_NORMALIZED: TextCache[NormalizedText] = TextCache()


def shared_normalized(text: str) -> NormalizedText:
    """``normalize(text)`` with the default options, shared by every ``fit``.

    The result is held until the article's :class:`Context` takes it, so the text is
    normalised once per article however many extractors read it in ``fit`` and
    ``extract``.
    """
    return _NORMALIZED.get(text, normalize)


@dataclass
class Context:
    """What an extractor may use besides the article: shared, computed once per article."""

    article: Article
    spans_by_extractor: dict[str, list[Span]] = field(default_factory=dict)

    @cached_property
    def normalized(self) -> NormalizedText:
        """The article text normalised with the default options (see :func:`normalize`)."""
        text = self.article.text
        shared = _NORMALIZED.take(text)
        return shared if shared is not None else normalize(text)

    def spans(self, kind: str | None = None, extractor: str | None = None) -> list[Span]:
        """Spans produced so far for this article, filtered by kind and/or extractor."""
        out: list[Span] = []
        for name, spans in self.spans_by_extractor.items():
            if extractor is not None and name != extractor:
                continue
            out += spans if kind is None else [s for s in spans if s.kind == kind]
        return out


class Extractor:
    """Base class for extractors. Subclasses set ``name``, ``kinds``, ``labels``.

    ``kinds``: the span kinds this extractor emits. ``labels``: kind -> allowed labels
    (an empty tuple allows any label). ``requires``: names of extractors whose spans
    must be computed first and are visible through ``context.spans()``.
    """

    name: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ()
    labels: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    requires: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""

    def fit(self, corpus: Corpus) -> Extractor:
        """See the whole corpus before extraction (optional). Returns ``self``."""
        return self

    def extract(self, article: Article, context: Context | None = None) -> Iterable[Span]:
        """Yield the spans found in ``article`` (offsets index ``article.text``)."""
        raise NotImplementedError

    def finalize(self, spans: pd.DataFrame) -> pd.DataFrame:
        """Corpus-level pass over this extractor's spans table (optional)."""
        return spans

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} kinds={list(self.kinds)}>"


def call_extract(extractor: Any, article: Article, context: Context) -> Iterable[Span]:
    """Call ``extractor.extract`` with or without ``context``, as its signature allows."""
    takes_context = _takes_context(type(extractor))
    if takes_context:
        return extractor.extract(article, context)
    return extractor.extract(article)


_SIGNATURES: dict[type, bool] = {}


def _takes_context(cls: type) -> bool:
    cached = _SIGNATURES.get(cls)
    if cached is None:
        try:
            params = list(inspect.signature(cls.extract).parameters.values())
        except (TypeError, ValueError):
            params = []
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        var = any(p.kind == p.VAR_POSITIONAL for p in params)
        cached = var or len(positional) >= 3  # self, article, context
        _SIGNATURES[cls] = cached
    return cached
