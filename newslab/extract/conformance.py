"""``check_extractor``: the conformance check every extractor must pass.

Like scikit-learn's ``check_estimator``: built-ins, the example plugins and any
third-party extractor run the same checks — a name and declared kinds, valid offsets,
declared kinds/labels only, deterministic output, no exception on empty or hostile text,
and a ``finalize`` that keeps the table's rows and columns. It runs the extractor
exactly as :func:`newslab.annotate` does (``fit`` on the whole set of texts, then
``extract`` per text, then ``finalize``), so a pass here means the runner accepts it.
Raises :class:`AssertionError` with a message naming the extractor and the check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newslab.corpus.article import Article, Corpus
from newslab.errors import ExtractorError

__all__ = ["HOSTILE_TEXTS", "check_extractor"]

#: Texts every extractor must survive without raising or emitting a bad offset.
HOSTILE_TEXTS: tuple[str, ...] = (
    "",
    " ",
    "\n\n\n",
    "«" * 500 + "»" * 3,
    '"' * 1001,
    "“" * 300 + "نص",
    "#" * 2000,
    "#وسم_" * 400,
    "@" * 500,
    "0" * 5000,
    "١٢٣٤٥٦٧٨٩٠" * 300,
    "مليون " * 500,
    "قال: " * 500,
    "\u200f\u200e\u202b\u202c\u2066\u2069" * 200,
    "ـــــ" * 400,
    "َُِّْ" * 400,
    "ﻻ ﻷ ﷲ ﷺ " * 100,
    "<script>alert(1)</script> &amp; <b>",
    "a\r\nb\rc\n\u2028d\u2029e\x0bf",
    "\ud7ff\ue000\uffff\U0001f600\U0010ffff",
    "http://" + "x" * 3000,
    "في " * 3000 + "عام",
    "2022-07-19T10:00:00Z 19/07/2022 07/19/2022 19.07.2022",
    "كوخافي" * 2000,
    # Realistic text where normalisation changes lengths (diacritics, tatweel, invisible
    # marks, a presentation form) before the interesting parts: offsets mapped back
    # wrongly show up here as span text that is not article text.
    "وَقَالَ الرَّئِيــسُ\u200f إِبْرَاهِيمُ: «سَنُوَقِّعُ الاتِّفَاقَ»\r\n"
    "في ١٧ يوليو/تموز ٢٠٢٥ بقيمة ٢٫٤ مليار دولار، أي ٣٥٪، ﷲ أكبر #وسم_عربي @handle",
    "ایمان صالحی فی بندر گلنار: “سنبدأ” قبل نهاية العام، 2 ملیون طن و450 ملیون يورو.",
)


def check_extractor(extractor: Any, texts: Iterable[str] = ()) -> None:
    """Assert that ``extractor`` honours the extractor contract on hostile and given texts.

    ``texts``: extra texts of your own (for example the sentences your tests use).
    """
    from newslab.annotate import annotate_article, finalize_frame
    from newslab.spans import to_frame

    name = getattr(extractor, "name", None)
    assert isinstance(name, str) and name, f"{extractor!r}: needs a non-empty str `name`"
    assert not isinstance(extractor, type), (
        f"extractor {name!r}: pass an instance, not the class {extractor.__name__}"
    )
    kinds = tuple(getattr(extractor, "kinds", ()) or ())
    assert kinds, f"extractor {name!r}: declare the span kinds it emits in `kinds`"
    assert all(isinstance(k, str) and k for k in kinds), (
        f"extractor {name!r}: `kinds` must be non-empty strings, got {kinds!r}"
    )
    labels = getattr(extractor, "labels", {}) or {}
    undeclared = sorted(set(labels) - set(kinds))
    assert not undeclared, f"extractor {name!r}: `labels` names undeclared kind(s) {undeclared}"
    assert callable(getattr(extractor, "extract", None)), f"extractor {name!r}: needs extract()"

    articles = [
        Article(id=f"check-{i}", text=text, source="check")
        for i, text in enumerate((*HOSTILE_TEXTS, *texts))
    ]
    fit = getattr(extractor, "fit", None)
    if callable(fit):
        try:
            fit(Corpus(articles))
        except Exception as exc:
            raise AssertionError(
                f"extractor {name!r}: fit() raised {type(exc).__name__}: {exc}"
            ) from exc
    produced = []
    for article in articles:
        runs = []
        for _ in range(2):
            try:
                spans, failures = annotate_article(article, {name: extractor}, strict=True)
            except ExtractorError as exc:
                raise AssertionError(
                    f"{exc} (text {article.id}: {article.text[:40]!r}...)"
                ) from exc
            assert not failures
            runs.append([_fingerprint(s) for s in spans])
        assert runs[0] == runs[1], (
            f"extractor {name!r} is not deterministic on text {article.id}: "
            f"{article.text[:40]!r}..."
        )
        produced.extend(spans)
    _, failures = finalize_frame(to_frame(produced), {name: extractor}, strict=False)
    assert not failures, f"extractor {name!r}: {failures[0].error}"


def _fingerprint(span: Any) -> tuple:
    attrs = repr(sorted((span.attrs or {}).items()))
    return (*span[:5], span.value, attrs)
