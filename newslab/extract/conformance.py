"""``check_extractor``: the conformance check every extractor must pass.

Like scikit-learn's ``check_estimator``: built-ins, the example plugins and any
third-party extractor run the same checks — a name and declared kinds, valid offsets,
declared kinds/labels only, deterministic output, and no exception on empty or hostile
text. Raises :class:`AssertionError` with a message naming the extractor and the check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newslab.corpus.article import Article
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
)


def check_extractor(extractor: Any, texts: Iterable[str] = ()) -> None:
    """Assert that ``extractor`` honours the extractor contract on hostile and given texts."""
    from newslab.annotate import annotate_article

    name = getattr(extractor, "name", None)
    assert isinstance(name, str) and name, f"{extractor!r}: needs a non-empty str `name`"
    kinds = tuple(getattr(extractor, "kinds", ()) or ())
    assert kinds, f"extractor {name!r}: declare the span kinds it emits in `kinds`"
    assert callable(getattr(extractor, "extract", None)), f"extractor {name!r}: needs extract()"
    for i, text in enumerate((*HOSTILE_TEXTS, *texts)):
        article = Article(id=f"check-{i}", text=text, source="check")
        runs = []
        for _ in range(2):
            try:
                spans, failures = annotate_article(article, {name: extractor}, strict=True)
            except ExtractorError as exc:
                raise AssertionError(f"{exc} (text #{i}: {text[:40]!r}...)") from exc
            assert not failures
            runs.append([tuple(s[:5]) + (s.value, repr(sorted((s.attrs or {}).items()))) for s in spans])
        assert runs[0] == runs[1], f"extractor {name!r} is not deterministic on text #{i}"
