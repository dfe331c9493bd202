"""Oracle for the layout rules' quoted outlets and projects: :func:`find_layout` finds
the quote marks once and tries the patterns only just before the ones an anchor ends
with (``ل"``, ``ل "``, ``مشروع "`` ...); the previous code ran each pattern over the
whole text (``re.finditer``). Both must give the same candidates.

Texts are made of the words the patterns care about (project heads with clitics,
``ل`` before quote marks, speech verbs, stop words, known names), quote marks, blanks
and noise, so that anchors overlap, repeat and sit at the text's edges.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import normalize
from newslab.extract import entity_context as ec
from newslab.extract.entities import EntityExtractor
from newslab.extract.entity_rules import Candidate
from newslab.extract.entity_text import STOPWORDS, key
from newslab.extract.gazetteer import GazetteerMatch, default_gazetteer


@lru_cache(maxsize=1)
def _spell() -> Mapping[str, str]:
    return EntityExtractor().spell


def _old_quoted_outlets(
    text: str, by_start: ec._HitsByStart, spell: Mapping[str, str]
) -> list[Candidate]:
    out = []
    for m in ec._QUOTED_OUTLET.finditer(text):
        if not ec._SPEECH.search(text, max(0, m.start() - 90), m.start()):
            continue
        toks = ec._tokens(text, m.start("name"), m.end("name"))
        if not toks or len(toks) > 4 or any(key(t.group()) in STOPWORDS for t in toks):
            continue
        start, end = toks[0].start(), toks[-1].end()
        hit = by_start.get(start)
        if hit is not None and hit.end >= end and hit.entry.label != "ORG":
            continue
        out.append(Candidate(start, end, "ORG", ec._value(toks, spell), "outlet", 5))
    return out


def _old_quoted_projects(text: str, spell: Mapping[str, str]) -> list[Candidate]:
    out = []
    for m in ec._QUOTED_PROJECT.finditer(text):
        toks = ec._tokens(text, m.start("name"), m.end("name"))
        if not toks or len(toks) > 4 or any(key(t.group()) in STOPWORDS for t in toks):
            continue
        out.append(
            Candidate(toks[0].start(), toks[-1].end(), "MISC", ec._value(toks, spell), "project", 6)
        )
    return out


def _old_find_layout(
    text: str, hits: list[GazetteerMatch], spell: Mapping[str, str]
) -> list[Candidate]:
    """The previous :func:`find_layout`: the quoted rules scan the whole text."""
    out: list[Candidate] = []
    by_start = ec._HitsByStart(hits)
    if "\n" in text or text[:12].lstrip().startswith(("كتب", "بقلم")):
        out.extend(ec._bylines(text))
    if "المصدر" in text or "مصدر" in text:
        out.extend(ec._lines(ec._SOURCE_LINE, text, by_start, spell))
    if "وكالات" in text:
        out.extend(ec._lines(ec._CREDIT_LINE, text, by_start, spell))
    if '"' in text:
        out.extend(_old_quoted_outlets(text, by_start, spell))
        out.extend(_old_quoted_projects(text, spell))
    if "انبوب" in text or "انابيب" in text or "خط الغاز" in text or "خط النفط" in text:
        out.extend(ec._pipelines(text, by_start, spell))
    out.extend(ec._institutions(text, hits, spell))
    return out


_HEADS = ["مشروع", "مشروعي", "مبادرة", "برنامج", "خطة", "أنبوب", "انبوبي", "مشروعيه"]
_WORDS = [
    *_HEADS,
    *["قال", "وقالت", "تصريحات", "أكد", "حديث", "في", "من", "على", "هذا"],
    *["الدستور", "الشرق الأوسط", "إسرائيل", "المصدر", "وكالات", "طريق التنمية", "نيوم"],
    *["رويترز", "الجزيرة", "القاهرة", "العراق", "خط أنابيب", "ل", "لل", "ول", "فل"],
]
#: Whole quoted outlets and projects, and their pieces.
_QUOTED = [
    *['قال ل"الدستور"', 'وقالت ل "الجزيرة"', 'تصريحات لـ"رويترز" ', 'ل"', 'ل "', '"نيوم"'],
    *['مشروع "نيوم"', 'ومبادرة "طريق التنمية"', 'خطة "', 'برنامج  "', 'أنبوب "x"', ' "'],
]
_CLITICS = ["", "", "و", "ف", "ب", "ل", "وب"]
_GLUE = [" ", " ", '"', ' "', '" ', "\n", "«", "»", "،", ": ", "", "x", "@", "ـ"]


@st.composite
def layout_texts(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            pieces.append(draw(st.sampled_from(_QUOTED)))
        elif kind == 1:
            pieces.append(draw(st.sampled_from(_CLITICS)) + draw(st.sampled_from(_WORDS)))
        else:
            pieces.append(draw(st.text(st.sampled_from('لمشروع خ"ا'), max_size=4)))
        pieces.append(draw(st.sampled_from(_GLUE)))
    # quiet filler: texts this long have sparse enough quote marks to be scanned
    # anchor by anchor (dense ones fall back to the whole-text scan)
    filler = draw(st.sampled_from(["", "نص عادي " * 60]))
    before, after = (filler, "") if draw(st.booleans()) else ("", filler)
    return normalize(before + "".join(pieces) + after).text


@settings(max_examples=600, deadline=None)
@given(layout_texts())
def test_find_layout_equals_the_whole_text_scans(text: str) -> None:
    hits = default_gazetteer().find(text)
    assert ec.find_layout(text, hits, _spell()) == _old_find_layout(text, hits, _spell())


@settings(max_examples=100, deadline=None)
@given(st.integers(40, 400), st.sampled_from(['ل"', 'مشروع "', '"', 'قال ل"ا" ']))
def test_dense_quote_marks_fall_back_to_the_whole_text_scan(times: int, piece: str) -> None:
    text = piece * times
    hits = default_gazetteer().find(text)
    assert ec.find_layout(text, hits, _spell()) == _old_find_layout(text, hits, _spell())


def test_quoted_outlet_and_project_are_found() -> None:
    text = normalize('قال مسؤول لـ"الدستور" إن مشروع "طريق التنمية" سيبدأ.').text
    found = ec.find_layout(text, default_gazetteer().find(text), _spell())
    assert [(c.label, c.source, text[c.start : c.end]) for c in found] == [
        ("ORG", "outlet", "الدستور"),
        ("MISC", "project", "طريق التنمية"),
    ]
