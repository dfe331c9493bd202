"""check_extractor: accepts a well-behaved extractor, names the broken contract otherwise."""

from __future__ import annotations

import itertools
import re
from typing import ClassVar

import pytest

from newslab import Extractor, Span, check_extractor


class Verbs(Extractor):
    """Speech verbs, matched on normalised text and mapped back (the right way)."""

    name = "verbs"
    kinds = ("cue",)
    labels: ClassVar[dict] = {"cue": ("speech",)}

    def extract(self, article, context):
        normalized = context.normalized
        for match in re.finditer(r"قال|اكد", normalized.text):
            start, end = normalized.to_original_span(*match.span())
            yield Span(start, end, "cue", "speech", match.group())


class NoMapping(Verbs):
    """Forgets to map normalised offsets back: wrong once diacritics precede a match."""

    name = "no_mapping"

    def extract(self, article, context):
        for match in re.finditer(r"قال|اكد", context.normalized.text):
            yield Span(*match.span(), "cue", "speech", text=match.group())


class Moody(Verbs):
    name = "moody"
    _counter = itertools.count()

    def extract(self, article, context):
        if article.text:
            yield Span(0, 0, "cue", "speech", next(self._counter))


class Fragile(Verbs):
    name = "fragile"

    def extract(self, article, context):
        first = article.text[0]  # IndexError on empty text
        if first == "x":
            yield Span(0, 1, "cue", "speech")


class Undeclared(Verbs):
    name = "undeclared"

    def extract(self, article, context):
        yield Span(0, 0, "quote")


class BadFinalize(Verbs):
    name = "bad_finalize"

    def finalize(self, spans):
        return spans.drop(columns="attrs")


class Nameless(Verbs):
    name = ""


class Kindless(Verbs):
    name = "kindless"
    kinds = ()


class StrayLabels(Verbs):
    name = "stray_labels"
    labels: ClassVar[dict] = {"cue": ("speech",), "quote": ()}


def test_well_behaved_extractor_passes():
    check_extractor(Verbs(), texts=["وقال الوزير", "أكّد المتحدث"])


@pytest.mark.parametrize(
    ("extractor", "message"),
    [
        (NoMapping(), "extractor 'no_mapping' emitted a bad span on article 'check-"),
        (Moody(), "extractor 'moody' is not deterministic on text check-1"),
        (
            Fragile(),
            "extractor 'fragile' failed on article 'check-0': IndexError: string index out of range",
        ),
        (
            Undeclared(),
            "extractor 'undeclared' emitted a bad span on article 'check-0': kind 'quote' not declared in ('cue',)",
        ),
        (
            BadFinalize(),
            "extractor 'bad_finalize': finalize: PluginError: finalize of 'bad_finalize' must return the same rows and columns it got",
        ),
        (Nameless(), "needs a non-empty str `name`"),
        (Kindless(), "extractor 'kindless': declare the span kinds it emits in `kinds`"),
        (StrayLabels(), "extractor 'stray_labels': `labels` names undeclared kind(s) ['quote']"),
        (Verbs, "extractor 'verbs': pass an instance, not the class Verbs"),
    ],
    ids=[
        "offsets-not-mapped",
        "nondeterministic",
        "crashes-on-empty",
        "undeclared-kind",
        "bad-finalize",
        "no-name",
        "no-kinds",
        "stray-labels",
        "class-not-instance",
    ],
)
def test_broken_contract_is_named(extractor, message):
    with pytest.raises(AssertionError) as caught:
        check_extractor(extractor)
    assert message in str(caught.value)
