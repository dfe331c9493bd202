"""Oracle for the trigger rules' cheap prechecks: a rule skipped by its precheck would
have found nothing.

:func:`_no_event_after` lets ``find_triggered`` skip the event rule after most event
heads; whenever it says so, :func:`_event` itself must return ``None``. Texts put event
heads (with clitics) before every kind of word the rule looks at: months, ordinals,
nationalities, known places and organisations, years, day numbers, quoted names and
plain words, with varied blanks.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslab.extract.entities import EntityExtractor, _lexicon
from newslab.extract.entity_rules import (
    EVENT_HEADS,
    MONTHS,
    ORDINALS,
    Spans,
    _event,
    _lexicon_hits,
    _no_event_after,
    find_triggered,
    tokens_after,
)
from newslab.extract.entity_text import DAY_WORDS, NATIONALITY, STOPWORDS
from newslab.extract.gazetteer import default_gazetteer, word_runs

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_HEADS = sorted(EVENT_HEADS)
_FOLLOWERS = (
    sorted(MONTHS)
    + sorted(ORDINALS)
    + sorted(NATIONALITY)[::5]
    + sorted(STOPWORDS)[::9]
    + sorted(DAY_WORDS)[::3]
    + ["القاهرة", "الرياض", "مصر", "السعودية", "الأمم المتحدة", "حماس", "جنيف", "السلام"]
    + ["الخليجية", "المشترك", "الطارئة", "أكثر", "سيعقد", "المقبل", "للسلام", "الدولي"]
    + ["الصحفي", "الاقتصادي", "2024", "25", "7", "1973", "x2", "x_y", "كوب28"]
    + ['"السلام"', "(الأولى)", "ب" * 390, "الت" + "ب" * 396]  # long words: the window cuts
)
_BLANKS = [" ", " ", "  ", "   ", "", "\n", "، ", ' "', "-"]


@st.composite
def _event_text(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        pieces.append(draw(st.sampled_from(["", "و", "ب", "لل", "وال"])))
        pieces.append(draw(st.sampled_from(_HEADS)))
        for _ in range(draw(st.integers(0, 6))):  # the precheck reads up to four words
            pieces.append(draw(st.sampled_from(_BLANKS)))
            pieces.append(draw(st.sampled_from(_FOLLOWERS)))
        pieces.append(draw(st.sampled_from([" ", ". ", "\n"])))
    return "".join(pieces)


def _event_checks(text: str) -> list[tuple[bool, bool]]:
    """``(precheck skips, rule finds)`` at every event head of ``text``."""
    spans = Spans(default_gazetteer().find(text))
    spell = EntityExtractor().spell
    out = []
    starts = word_runs(text).starts()
    for start, end, (clitics, _word, _k, cat), after, part in _lexicon_hits(text, _lexicon()):
        if cat != "event" or after is None:
            continue
        found = _event(text, start, clitics, tokens_after(text, end), spans, spell)
        out.append((_no_event_after(text, starts, part, spans), found is not None))
    return out


@PROPERTY
@given(_event_text())
def test_skipped_event_heads_find_nothing(text):
    for skipped, found in _event_checks(text):
        assert not (skipped and found)


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("انعقد المؤتمر أكثر من مرة", True),
        ("القمة سيعقد في الرياض", True),
        ("حرب أكتوبر", False),
        ("مؤتمر القاهرة للسلام", False),
        ("الحرب الثانية", False),
        ("مؤتمر جنيف", False),
        ("مؤتمر 2024", False),
        ("قمة  الرياض", False),
        ("مؤتمر  جنيف", False),
    ],
)
def test_event_precheck(text, skipped):
    checks = _event_checks(text)
    assert [s for s, _ in checks] == [skipped]
    if not skipped:
        assert find_triggered(text, _lexicon(), Spans(default_gazetteer().find(text)), {})


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("عقد المؤتمر الصحفي الذي", True),  # a definite word, then a stop word
        ("عقد المؤتمر الصحفي المشترك الطارئ الأخير أمس", True),  # four unanchored words
        ("عقد المؤتمر الصحفي\nالمشترك", True),  # a line break ends the name
        ("عقد المؤتمر الصحفي", True),  # the text ends
        ("عقد المؤتمر الاقتصادي المصري", False),  # a nationality may anchor it
        ("عقد المؤتمر الاقتصادي في القاهرة", True),
        ("عقد المؤتمر الاقتصادي القاهرة", False),  # a known place
        ("عقد المؤتمر الاقتصادي 2024", False),
        ("عقد المؤتمر الاقتصادي الثاني", False),
    ],
)
def test_event_precheck_reads_up_to_four_words(text, skipped):
    """The precheck skips a head only when none of the words after it can anchor an
    event; where one may, the rule runs (and may still find nothing)."""
    assert [s for s, _ in _event_checks(text)] == [skipped]
