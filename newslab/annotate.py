"""Run extractors over a corpus and build the spans table, isolating failures.

:func:`annotate` is the whole flow for a corpus in memory; :func:`annotate_article`
is its per-article step, shared by the streaming, multi-process and Dask runners.
A failing extractor never takes the run down: the exception is recorded as an
:class:`ExtractionFailure` (article, extractor, error) and reported; ``strict=True``
re-raises it. Every span is checked against the article text before it is kept.
"""

from __future__ import annotations

import json
import operator
import os
import traceback
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from newslab.corpus.article import Article, Corpus
from newslab.errors import ExtractorError, PluginError, SpanError
from newslab.extract.base import Context, Extractor, call_extract
from newslab.registry import Registry, default_registry
from newslab.spans import (
    COLUMNS,
    Span,
    empty_frame,
    format_value,
    frame_from_rows,
    to_frame,
)

__all__ = [
    "ExtractionFailure",
    "annotate",
    "annotate_article",
    "annotate_article_by_extractor",
    "failures",
    "fit_extractors",
    "resolve_extractors",
    "spans_table",
]

#: Corpora at least this large show a progress bar by default.
PROGRESS_THRESHOLD = 20


@dataclass(frozen=True)
class ExtractionFailure:
    """An extractor that raised (or emitted a bad span) on one article."""

    article: str
    extractor: str
    error: str
    traceback: str = ""

    def __str__(self) -> str:
        return f"extractor {self.extractor!r} failed on article {self.article!r}: {self.error}"


def resolve_extractors(
    extractors: Iterable[Any] | None = None,
    *,
    registry: Registry | None = None,
    only: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Extractor name -> instance, in run order, with required extractors added.

    ``extractors`` may mix names (looked up in the registry) and instances; ``None``
    means every registered extractor; ``only`` keeps just the named ones.
    """
    registry = registry or default_registry()
    available: dict[str, Any] | None = None

    def lookup(name: str) -> Any:
        nonlocal available
        if available is None:
            available = registry.extractors()
        if name not in available:
            known = ", ".join(available) or "(none)"
            raise PluginError(f"unknown extractor {name!r}; available: {known}")
        return available[name]

    if extractors is None:
        chosen = dict(registry.extractors())
    else:
        chosen = {}
        for item in extractors:
            extractor = lookup(item) if isinstance(item, str) else item
            chosen[extractor.name] = extractor
    if only:
        chosen = {name: lookup(name) if name not in chosen else chosen[name] for name in only}
    # pull in what the chosen extractors require
    pending = list(chosen.values())
    while pending:
        extractor = pending.pop()
        for needed in getattr(extractor, "requires", ()):
            if needed not in chosen:
                chosen[needed] = lookup(needed)
                pending.append(chosen[needed])
    from newslab.registry import _dependency_order

    return _dependency_order(chosen)


def annotate_article(
    article: Article,
    extractors: Mapping[str, Any],
    *,
    strict: bool = False,
) -> tuple[list[Span], list[ExtractionFailure]]:
    """Run every extractor on one article; return its checked spans and failures."""
    by_extractor, failed = annotate_article_by_extractor(article, extractors, strict=strict)
    kept: list[Span] = []
    for produced in by_extractor.values():
        kept.extend(produced)
    return kept, failed


def annotate_article_by_extractor(
    article: Article,
    extractors: Mapping[str, Any],
    *,
    strict: bool = False,
) -> tuple[dict[str, list[Span]], list[ExtractionFailure]]:
    """:func:`annotate_article` with the spans kept apart per extractor (in run order)."""
    context = Context(article)
    by_extractor = context.spans_by_extractor
    failed: list[ExtractionFailure] = []
    text = article.text
    size = len(text)
    article_id = article.id
    new_span = _SPAN_NEW
    for name, extractor in extractors.items():
        produced: list[Span] = []
        append = produced.append
        try:
            declared = _declared(extractor)
            verdicts: dict[tuple[str, str], bool] = {}  # (kind, label) -> declared?
            for span in call_extract(extractor, article, context) or ():
                # fast path for plain spans; anything unusual gets the full checks
                if type(span) is Span:
                    start, end, kind, label, value, attrs, surface = span[:7]
                    if (
                        type(start) is int
                        and type(end) is int
                        and 0 <= start <= end <= size
                        and type(kind) is str
                        and type(label) is str
                        and type(value) is str
                        and (attrs is None or (type(attrs) is dict and _flat_json(attrs)))
                    ):
                        ok = verdicts.get((kind, label))
                        if ok is None:
                            ok = verdicts[kind, label] = (
                                bool(kind) and _declared_problem(span, declared) is None
                            )
                        piece = text[start:end]
                        if ok and (surface is None or surface == piece):
                            append(
                                new_span(
                                    Span,
                                    (
                                        start,
                                        end,
                                        kind,
                                        label,
                                        value,
                                        attrs,
                                        piece,
                                        article_id,
                                        name,
                                    ),
                                )
                            )
                            continue
                append(_checked(span, article, extractor, name, declared))
        except Exception as exc:
            if strict:
                if isinstance(exc, ExtractorError):
                    raise
                raise ExtractorError(
                    f"extractor {name!r} failed on article {article.id!r}: "
                    f"{type(exc).__name__}: {exc}",
                    article=article.id,
                    extractor=name,
                ) from exc
            failed.append(
                ExtractionFailure(
                    article=article.id,
                    extractor=name,
                    error=f"{type(exc).__name__}: {exc}",
                    traceback=traceback.format_exc(limit=8),
                )
            )
            produced = []  # a half-run extractor's spans are not trustworthy
        by_extractor[name] = produced
    return by_extractor, failed


def _checked(
    span: Any,
    article: Article,
    extractor: Any,
    name: str,
    declared: tuple[tuple[str, ...], Mapping[str, Any]] | None = None,
) -> Span:
    """Fill runner fields and enforce the span contract; raise naming the plugin.

    ``declared`` is :func:`_declared` of the extractor, computed once per article by
    the caller (it is the same for every span). Plain spans (int offsets, string
    value, flat attrs) take a fast path; anything else gets the full checks.
    """
    if not isinstance(span, Span):
        raise ExtractorError(
            f"extractor {name!r} yielded {type(span).__name__}, not newslab.Span",
            article=article.id,
            extractor=name,
        )
    text = article.text
    start, end = span.start, span.end
    if type(start) is not int or type(end) is not int:
        start, end = _as_offset(start), _as_offset(end)
    surface = ""
    problem = None
    if start is None or end is None:
        problem = f"offsets must be integers, got {span.start!r}..{span.end!r}"
    elif not 0 <= start <= end <= len(text):
        problem = f"offsets {start}..{end} outside the article (length {len(text)})"
    elif span.text is not None and span.text != (surface := text[start:end]):
        problem = f"span text {span.text!r} != article text[{start}:{end}] {surface!r}"
    elif not isinstance(span.kind, str) or not span.kind:
        problem = f"kind must be a non-empty string, got {span.kind!r}"
    elif span.label is not None and not isinstance(span.label, str):
        problem = f"label must be a string, got {span.label!r}"
    else:
        problem = _declared_problem(span, declared or _declared(extractor)) or _value_problem(span)
    if problem:
        raise ExtractorError(
            f"extractor {name!r} emitted a bad span on article {article.id!r}: {problem}",
            article=article.id,
            extractor=name,
        )
    if span.text is None:
        surface = text[start:end]
    if type(span) is Span:
        return _SPAN_NEW(
            Span,
            (start, end, span.kind, span.label, span.value, span.attrs, surface, article.id, name),
        )
    return span._replace(start=start, end=end, text=surface, article=article.id, extractor=name)


_SPAN_NEW = tuple.__new__


def _as_offset(value: Any) -> int | None:
    """``value`` as an int if it is an integer (numpy ints too, never bools)."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def _declared(extractor: Any) -> tuple[tuple[str, ...], Mapping[str, Any]]:
    """The kinds and labels an extractor declares."""
    kinds = tuple(getattr(extractor, "kinds", ()) or ())
    return kinds, getattr(extractor, "labels", {}) or {}


def _declared_problem(
    span: Span, declared: tuple[tuple[str, ...], Mapping[str, Any]]
) -> str | None:
    kinds, labels = declared
    if kinds and span.kind not in kinds:
        return f"kind {span.kind!r} not declared in {kinds}"
    allowed = labels.get(span.kind) or ()
    if allowed and (span.label or "") not in allowed:
        return f"label {span.label!r} not declared for kind {span.kind!r}"
    return None


def _value_problem(span: Span) -> str | None:
    """A value that cannot be written as a string, or attrs that are not a JSON object."""
    if type(span.value) is not str:
        try:
            format_value(span.value)
        except SpanError as exc:
            return str(exc)
    attrs = span.attrs
    if attrs is None:
        return None
    if not isinstance(attrs, Mapping):
        return f"attrs must be a dict, got {type(attrs).__name__}"
    if type(attrs) is dict and _flat_json(attrs):
        return None
    try:
        json.dumps(attrs, ensure_ascii=False, allow_nan=False)
    except TypeError as exc:
        return f"attrs must be JSON-serialisable: {exc}"
    except ValueError:
        return "attrs must be JSON-serialisable: no NaN or infinite numbers"
    return None


def _flat_json(attrs: dict[Any, Any]) -> bool:
    """True for string keys and plain JSON scalars (no ``json.dumps`` needed)."""
    for k, v in attrs.items():
        if type(k) is not str:
            return False
        t = type(v)
        if t is str or t is int or t is bool or v is None:
            continue
        if t is float and v - v == 0:  # finite (inf - inf and nan - nan are nan)
            continue
        return False
    return True


def fit_extractors(
    corpus: Corpus, extractors: Mapping[str, Any], *, strict: bool = False
) -> tuple[dict[str, Any], list[ExtractionFailure]]:
    """Call each extractor's optional ``fit(corpus)``.

    An extractor whose ``fit`` raises is left out of the run and recorded as a failure
    (article ``"*"``); ``strict=True`` re-raises it as :class:`ExtractorError`.
    """
    kept: dict[str, Any] = {}
    failed: list[ExtractionFailure] = []
    for name, extractor in extractors.items():
        fit = getattr(extractor, "fit", None)
        if callable(fit):
            try:
                fit(corpus)
            except Exception as exc:
                if strict:
                    raise ExtractorError(
                        f"extractor {name!r} failed in fit: {type(exc).__name__}: {exc}",
                        article="*",
                        extractor=name,
                    ) from exc
                failed.append(
                    ExtractionFailure(
                        "*",
                        name,
                        f"fit: {type(exc).__name__}: {exc}",
                        traceback.format_exc(limit=8),
                    )
                )
                continue
        kept[name] = extractor
    return kept, failed


def annotate(
    corpus: Corpus | Iterable[Article] | str | os.PathLike[str],
    extractors: Iterable[Any] | None = None,
    *,
    strict: bool = False,
    only: Sequence[str] | None = None,
    registry: Registry | None = None,
    progress: bool | None = None,
    jobs: int = 1,
    backend: str = "local",
    chunk_size: int | None = None,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """Annotate every article and return the spans table (schema in DESIGN.md).

    ``extractors``: names or instances (default: all registered). Failures are kept in
    ``spans.attrs["failures"]`` (see :func:`failures`) and reported with a warning;
    ``strict=True`` re-raises the first one. ``progress``: show a tqdm bar (default:
    for corpora of :data:`PROGRESS_THRESHOLD` articles or more).

    Corpus-level steps (``fit``, ``finalize``) see chunks of ``chunk_size`` articles
    (default :data:`newslab.engine.DEFAULT_CHUNK_SIZE`). ``jobs`` processes or
    ``backend="dask"`` (the active Dask client, or ``scheduler``) give the same rows as
    ``jobs=1`` for the same ``chunk_size``.
    """
    from newslab.engine import BACKENDS, DEFAULT_CHUNK_SIZE
    from newslab.engine.local import run_local
    from newslab.engine.writer import FrameCollector

    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if isinstance(corpus, (str, os.PathLike)):
        from newslab.corpus.loaders import load

        corpus = load(corpus)
    articles = corpus if isinstance(corpus, Corpus) else Corpus(corpus)
    chosen = resolve_extractors(extractors, registry=registry, only=only)
    size = chunk_size or DEFAULT_CHUNK_SIZE
    if backend == "dask":
        from newslab.engine.dask_runner import annotate_frame_dask

        frame, summary = annotate_frame_dask(
            articles, chosen, chunk_size=size, strict=strict, scheduler=scheduler
        )
    else:
        show = len(articles) >= PROGRESS_THRESHOLD if progress is None else progress
        collector = FrameCollector()
        summary = run_local(
            articles,
            chosen,
            collector,
            jobs=max(1, jobs),
            chunk_size=size,
            strict=strict,
            progress=len(articles) if show else False,
        )
        frame = collector.frame()
    failed = [ExtractionFailure(**f) for f in summary.failures]
    frame.attrs["failures"] = summary.failures
    if failed:
        _warn(failed)
    return frame


def finalize_frame(
    frame: pd.DataFrame, extractors: Mapping[str, Any], *, strict: bool = False
) -> tuple[pd.DataFrame, list[ExtractionFailure]]:
    """Run each extractor's corpus-level ``finalize`` on its own rows."""
    failed: list[ExtractionFailure] = []
    parts = []
    for name, extractor in extractors.items():
        own = frame[frame["extractor"] == name]
        if len(own):
            own = _finalized(name, extractor, own.reset_index(drop=True), failed, strict)
        parts.append(own)
    others = frame[~frame["extractor"].isin(list(extractors))]
    parts.append(others)
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_frame(), failed
    return pd.concat(parts, ignore_index=True), failed


def _finalized(
    name: str, extractor: Any, own: pd.DataFrame, failed: list[ExtractionFailure], strict: bool
) -> pd.DataFrame:
    """``own`` (the extractor's rows) after its ``finalize``; a failure is recorded in
    ``failed`` (or raised when ``strict``) and leaves the rows as they were."""
    finalize = getattr(extractor, "finalize", None)
    if not callable(finalize):
        return own
    try:
        result = finalize(own)
        if list(result.columns[: len(COLUMNS)]) != list(COLUMNS) or len(result) != len(own):
            raise PluginError(f"finalize of {name!r} must return the same rows and columns it got")
        return result
    except Exception as exc:
        if strict:
            raise ExtractorError(
                f"extractor {name!r} failed in finalize: {type(exc).__name__}: {exc}",
                article="*",
                extractor=name,
            ) from exc
        failed.append(
            ExtractionFailure(
                "*",
                name,
                f"finalize: {type(exc).__name__}: {exc}",
                traceback.format_exc(limit=8),
            )
        )
        return own


def sort_frame(frame: pd.DataFrame, article_order: Sequence[str]) -> pd.DataFrame:
    """Deterministic order: article (corpus order), start, end, extractor, kind, label.

    A stable sort (rows equal in all six keys keep their order); articles not in
    ``article_order`` and missing values come last.
    """
    if not len(frame):
        return frame
    return frame.take(_sort_order(frame, article_order)).reset_index(drop=True)


#: The columns :func:`sort_frame` orders by after the article (most significant first).
_SORT_COLUMNS = ("start", "end", "extractor", "kind", "label")


def _sort_order(frame: pd.DataFrame, article_order: Sequence[str]) -> np.ndarray:
    """The row positions of ``frame`` in :func:`sort_frame`'s order.

    Each key becomes non-negative integer codes that sort like its values (as pandas'
    ``sort_values`` orders them: strings by code point, missing values last); the codes
    are packed into as few 63-bit words as they fit. A stable sort of one word is much
    faster than a lexsort of six keys, the more so as the rows come nearly in order.
    """
    keys = [_article_ranks(frame["article"], article_order)]
    keys.extend(_sort_codes(frame[column]) for column in _SORT_COLUMNS)
    words = _packed(keys)
    if len(words) == 1:
        return np.argsort(words[0], kind="stable")
    return np.lexsort(words[::-1])


def _article_ranks(articles: pd.Series, article_order: Sequence[str]) -> np.ndarray:
    """Each row's article position in ``article_order`` (unknown or missing: after all)."""
    rank = {article_id: i for i, article_id in enumerate(article_order)}
    codes, uniques = pd.factorize(articles)
    ranks = np.fromiter(
        (rank.get(u, len(rank)) for u in uniques), dtype=np.int64, count=len(uniques)
    )
    return np.append(ranks, len(rank))[codes]  # code -1 (missing) takes the appended rank


def _sort_codes(column: pd.Series) -> np.ndarray:
    """Non-negative int64 codes that sort like ``column`` does in ``sort_values``."""
    numeric = isinstance(column.dtype, np.dtype) and column.dtype.kind in "iub"
    values = column.to_numpy() if numeric else None
    if values is not None and (not len(values) or 0 <= values.min() <= values.max() < 2**62):
        return values.astype(np.int64, copy=False)
    categories = pd.Categorical(column, ordered=True)  # what sort_values uses
    codes = categories.codes.astype(np.int64)
    codes[codes < 0] = len(categories.categories)  # missing values last
    return codes


def _packed(keys: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Non-negative integer keys (most significant first) packed into as few int64
    words as hold them; the words order the rows as the keys do."""
    words: list[np.ndarray] = []
    word: np.ndarray | None = None
    used = 0
    for key in keys:
        width = int(key.max()).bit_length() if len(key) else 0
        if word is not None and used + width <= 62:
            word = (word << width) | key
            used += width
        else:
            if word is not None:
                words.append(word)
            word, used = key, width
    if word is not None:
        words.append(word)
    return words


def spans_table(
    spans_by_extractor: Mapping[str, Sequence[Span]],
    extractors: Mapping[str, Any],
    article_order: Sequence[str],
    *,
    strict: bool = False,
) -> tuple[pd.DataFrame, list[ExtractionFailure]]:
    """The sorted, finalised spans table of a chunk: the same rows, in the same order,
    as ``sort_frame(finalize_frame(to_frame(spans), extractors), article_order)``.

    The spans stay apart per extractor, so only an extractor with a ``finalize`` of its
    own gets a table of its rows; the others' rows go straight into one table (no
    filtering of a large table per extractor). The spans must be the runner's own,
    made for this table: their ``attrs`` dicts are used as they are, not copied.
    """
    failed: list[ExtractionFailure] = []
    frames: list[pd.DataFrame] = []
    run: list[Any] = []  # plain spans of consecutive extractors without a finalize

    def flush() -> None:
        if run:
            frames.append(frame_from_rows(run, copy_attrs=False))
            run.clear()

    names = [*extractors, *(n for n in spans_by_extractor if n not in extractors)]
    for name in names:  # the parts in extractor order, as finalize_frame makes them
        own = spans_by_extractor.get(name) or []
        if not own:
            continue
        extractor = extractors.get(name)
        plain = set(map(type, own)) == {Span}  # no subclasses, no row dicts
        if extractor is not None and _has_finalize(extractor):
            flush()
            frame = frame_from_rows(own, copy_attrs=False) if plain else to_frame(own)
            frames.append(_finalized(name, extractor, frame, failed, strict))
        elif plain:
            run.extend(own)
        else:
            flush()
            frames.append(to_frame(own))
    flush()
    if not frames:
        return empty_frame(), failed
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    return sort_frame(frame, article_order), failed


def _has_finalize(extractor: Any) -> bool:
    """Does the extractor have a ``finalize`` other than the base class's no-op?"""
    finalize = getattr(extractor, "finalize", None)
    return callable(finalize) and getattr(finalize, "__func__", None) is not Extractor.finalize


def failures(spans: pd.DataFrame) -> pd.DataFrame:
    """The failures recorded while annotating, as a table (article, extractor, error)."""
    rows = spans.attrs.get("failures", [])
    return pd.DataFrame(rows, columns=["article", "extractor", "error", "traceback"])


def _warn(failed: list[ExtractionFailure]) -> None:
    by_extractor: dict[str, int] = {}
    for failure in failed:
        by_extractor[failure.extractor] = by_extractor.get(failure.extractor, 0) + 1
    summary = ", ".join(f"{name}: {count}" for name, count in by_extractor.items())
    warnings.warn(
        f"{len(failed)} extractor failure(s) ({summary}); first: {failed[0]}. "
        "See newslab.failures(spans).",
        RuntimeWarning,
        stacklevel=3,
    )
