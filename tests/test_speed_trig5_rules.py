"""Oracles for the fifth round of faster trigger rules and layout at fit time.

* ``find_triggered`` hands the name a title rule read to the given-name rule starting at
  the same word (when no window cut the title's tokens): it equals ``find_triggered``
  reading every given name's tokens again;
* :func:`_no_event_after` reads up to four words after an event head off the word split:
  whenever it lets ``find_triggered`` skip the event rule, the rule finds nothing;
* ``find_layout`` looks the words of source lines, credit lines and pipelines up in the
  word split instead of scanning the text, and scans for byline words only where lines
  are many: it equals the scans it replaced;
* :func:`_anchors_before_quotes` tests every head at a quote mark with one
  ``str.endswith``: it equals the loop over the heads;
* ``find_latin`` returns at once for a text without a capital A-Z: it equals the scan.

Texts are built from the real vocabulary (titles, given names, trigger and layout words)
with noise: long words that a rule's window cuts, digits, quote marks, brackets, commas
and line breaks.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_speed_cand_rules import _BLANKS as _EVENT_BLANKS
from test_speed_cand_rules import _FOLLOWERS

from newslab.arabic.normalize import normalize
from newslab.extract import entity_context, entity_rules
from newslab.extract.entities import EntityExtractor, _lexicon
from newslab.extract.entity_rules import (
    NAME_LINKS,
    SECURITY_HEADS,
    Candidate,
    Spans,
    Tokens,
    _lexicon_hits,
    _no_anchor_after,
    _org,
    find_latin,
    find_triggered,
    tokens_after,
)
from newslab.extract.entity_text import (
    DAY_WORDS,
    NATIONALITY,
    STOPWORDS,
    TITLE_WORDS,
    TOKEN,
    is_definite,
    key,
)
from newslab.extract.gazetteer import default_gazetteer, given_names, word_runs

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def _spell() -> dict[str, str]:
    return EntityExtractor().spell


def _rows(cands: list[Candidate]) -> list[tuple]:
    return [(c.start, c.end, c.label, c.value, c.source, c.priority, c.name) for c in cands]


# ------------------------------------------------------- names read after titles

_TITLES = [*sorted(TITLE_WORDS)[::4], "الرئيس", "وزير", "الفريق", "الشيخ"]
_GIVEN = [*sorted(given_names())[::40], "محمد", "علي", "أمل", "حسين", "عبد"]
_NAME_WORDS = ["الخارجية", "التنفيذي", "السابق", "المغربي", "العام", "للأمم", "المتحدة"]
_NAME_WORDS += ["بن", "الله", "الرحمن", "كوخافي", "السيسي", "قوله", "بزيارة", "يذهب"]
_NAME_WORDS += sorted(NAME_LINKS) + sorted(STOPWORDS)[::25] + sorted(NATIONALITY)[::30]
_NOISE = ["2024", "x_y", "ab12", "ب" * 120, "ت" * 395, "Kohavi", "(السابق)", '"علي"', "القاهرة"]
_BLANKS = [" ", " ", " ", "  ", "   ", "\n", "، ", ' "', '" ', " (", ") ", "-"]


@st.composite
def _name_text(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 24))):
        kind = draw(st.integers(0, 9))
        if kind <= 1:
            pieces.append(draw(st.sampled_from(_TITLES)))
        elif kind <= 3:
            pieces.append(draw(st.sampled_from(_GIVEN)))
        elif kind <= 7:
            pieces.append(draw(st.sampled_from(_NAME_WORDS)))
        else:
            pieces.append(draw(st.sampled_from(_NOISE)))
        pieces.append(draw(st.sampled_from(_BLANKS)))
    return "".join(pieces)


def _triggered(text: str, reuse: bool) -> list[tuple]:
    spans = Spans(default_gazetteer().find(text))
    if reuse:
        return _rows(find_triggered(text, _lexicon(), spans, _spell()))
    after_title = entity_rules._after_title
    with pytest.MonkeyPatch.context() as patch:  # no title hands its name on
        patch.setattr(
            entity_rules,
            "_after_title",
            lambda text, toks, lex, spans, names=None: after_title(text, toks, lex, spans),
        )
        return _rows(find_triggered(text, _lexicon(), spans, _spell()))


@PROPERTY
@given(_name_text())
def test_names_read_after_titles_equal_names_read_again(text):
    assert _triggered(text, reuse=True) == _triggered(text, reuse=False)


@pytest.mark.parametrize(
    "text",
    [
        "قال الرئيس محمد بن سلمان إن",
        "وزير الخارجية المغربي ناصر بوريطة في",
        # the title's window holds twelve tokens: the name is cut short there
        "الرئيس " + "التنفيذي " * 8 + "محمد عبد الله حسن سالم",
        # the title's window of characters ends inside the name
        "الرئيس ال" + "ب" * 385 + " محمد بن سلمان",
    ],
)
def test_title_then_given_name(text):
    assert _triggered(text, reuse=True) == _triggered(text, reuse=False)
    assert any(row[4] == "given" for row in _triggered(text, reuse=True))


@pytest.mark.parametrize(
    ("text", "reads", "cut"),
    [
        ("الرئيس محمد علي", 2, False),  # the text ends: no window cut
        ("الرئيس " + " ".join(["كلمة"] * 20), 12, True),  # twelve tokens at most
        ("الرئيس " + "ب" * 500, 1, True),  # the window of characters cuts the word
        ("الرئيس " + "ب" * 395 + " محمد", 2, True),  # the next word starts past it
        ("الرئيس 2024 " + "ب" * 395, 2, True),  # scanned tokens (digits), cut too
    ],
)
def test_tokens_cut(text, reads, cut):
    runs = word_runs(text)
    toks = Tokens(text, runs.starts()[2], split=(runs.starts(), 3))
    for i in range(reads + 1):
        toks.get(i)
    assert toks.cut is cut
    assert toks.cut is tokens_cut_scanned(text, reads)


def tokens_cut_scanned(text: str, reads: int) -> bool:
    """The same reads without a split (the scan sets ``cut`` alike)."""
    toks = tokens_after(text, text.index(" "))
    for i in range(reads + 1):
        toks.get(i)
    return toks.cut


# (the event-head precheck's oracle is in test_speed_cand_rules.py)


# -------------------------------------------------------------- security heads

_SECURITY = sorted(SECURITY_HEADS)
_SECURITY_FOLLOWERS = [
    *_FOLLOWERS,
    "الغذائي",
    "القومي",
    "الوطني",
    "العام",
    "الملك",
    "الشهيد",
    "عبد",
    "العزيز",
    "الإسرائيلي",
    "لحقوق",
    "الإنسان",
    "للدعم",
    "بالمنطقة",
    "فالجيش",
    "فللجيش",
    "حفتر",
    "يوسف",
    "Army",
    "الاحتلال",
]


@st.composite
def _security_text(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 5))):
        pieces.append(draw(st.sampled_from(["", "و", "ب", "لل", "وال"])))
        pieces.append(draw(st.sampled_from(_SECURITY)))
        for _ in range(draw(st.integers(0, 6))):
            pieces.append(draw(st.sampled_from(_EVENT_BLANKS)))
            pieces.append(draw(st.sampled_from(_SECURITY_FOLLOWERS)))
        pieces.append(draw(st.sampled_from([" ", ". ", "\n"])))
    return "".join(pieces)


def _security_checks(text: str) -> list[tuple[bool, bool]]:
    """``(precheck skips, rule finds)`` at every security head followed by a word."""
    spans = Spans(default_gazetteer().find(text))
    starts = word_runs(text).starts()
    out = []
    for start, end, (clitics, _word, _k, cat), after, part in _lexicon_hits(text, _lexicon()):
        if cat != "security" or after is None:
            continue
        toks = tokens_after(text, end)
        found = _org(text, start, toks, _lexicon(), spans, _spell(), cat, clitics)
        out.append((_no_anchor_after(text, starts, part, spans), found is not None))
    return out


@PROPERTY
@given(_security_text())
def test_skipped_security_heads_find_nothing(text):
    for skipped, found in _security_checks(text):
        assert not (skipped and found)


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        ("تحقيق الأمن الغذائي للسكان", True),
        ("قال الجيش في بيان", True),
        ("انتشرت القوات الخاصة 2024", False),  # digits: left to the rule
        ("انتشرت القوات الخاصة المدربة الجديدة اليوم", True),  # four unanchored words
        ("قال الجيش الإسرائيلي", False),
        ("قال الجيش السوداني", False),
        ("قال الجيش الملكي", False),  # a name adjective
        ("قال الجيش في مصر", True),
        ("قال الجيش المصري", False),
        ("قالت القوات لحقوق الإنسان", False),
        ("قالت القوات بالمنطقة", True),
        ("انتشرت قوات الملك عبد الله", False),  # a royal title: a name follows
    ],
)
def test_security_precheck(text, skipped):
    checks = _security_checks(normalize(text).text)
    assert [s for s, _ in checks] == [skipped]
    if not skipped and "الإسرائيلي" in text:
        assert any(found for _, found in checks)


# ---------------------------------------------------------------------- layout


def _old_find_layout(text: str, hits, spell) -> list[Candidate]:
    """``find_layout`` as it was: a scan of the text for each gate's words."""
    ec = entity_context
    out: list[Candidate] = []
    by_start = ec._HitsByStart(hits)
    if "\n" in text or text[:12].lstrip().startswith(("كتب", "بقلم")):
        out.extend(_old_bylines(text))
    if "مصدر" in text:
        out.extend(ec._lines(ec._SOURCE_LINE, text, by_start, spell))
    if "وكالات" in text:
        out.extend(ec._lines(ec._CREDIT_LINE, text, by_start, spell))
    if '"' in text:
        quotes = ec._occurrences(text, ('"',), len(text) // ec._DENSE)
        out.extend(ec._quoted_outlets(text, quotes, by_start, spell))
        out.extend(ec._quoted_projects(text, quotes, spell))
    if "انبوب" in text or "انابيب" in text or "خط الغاز" in text or "خط النفط" in text:
        out.extend(ec._pipelines(text, by_start, spell))
    out.extend(ec._institutions(text, hits, spell))
    return out


def _old_bylines(text: str) -> list[Candidate]:
    """``_bylines`` as it was: a scan for the byline words, then ``re``'s own scan."""
    if not any(word in text for word in entity_context._BYLINE_WORDS):
        return []
    out = []
    for m in entity_context._BYLINE.finditer(text):
        toks = list(TOKEN.finditer(text, m.start("name"), m.end("name")))
        if any(key(t.group()) in STOPWORDS or key(t.group()) in DAY_WORDS for t in toks):
            continue
        if is_definite(key(toks[0].group())):
            continue
        name = tuple(t.group() for t in toks)
        out.append(
            Candidate(toks[0].start(), toks[-1].end(), "PER", " ".join(name), "byline", 6, name)
        )
    return out


_LAYOUT_WORDS = [
    "المصدر",
    "مصدر الخبر",
    "المصدر الاصلي",
    "والمصدر",
    "مصدره",
    "وكالات",
    "الوكالات",
    "كتب",
    "كتبت",
    "بقلم",
    "تحرير",
    "اعداد",
    "مكتب",
    "خط",
    "وخط",
    "خطط",
    "انابيب",
    "أنابيب",
    "انبوب",
    "الانبوب",
    "والانابيب",
    "انبوبي",
    "الغاز",
    "النفط",
    "كركوك",
    "جيهان",
    "العابر",
    "للأناضول",
    "العربي",
    "الأوروبي",
    "مشروع",
    "مبادرة",
    "خطة",
    "قال",
    "ل",
    "لل",
    "الدستور",
    "ياسر",
    "العبيدي",
    "صحيفة",
    "السوق",
    "الدفاع المدني",
    "اللبناني",
]
_LAYOUT_BLANKS = [" ", " ", "  ", "\n", "\n", "\t", ": ", " - ", " + ", "/", '"', ' "', "، "]


@st.composite
def _layout_text(draw: st.DrawFn) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 30))):
        pieces.append(draw(st.sampled_from(_LAYOUT_WORDS)))
        pieces.append(draw(st.sampled_from(_LAYOUT_BLANKS)))
    if draw(st.booleans()):  # long lines: the byline words are scanned for first
        pieces.append("\n" + "كلمة " * draw(st.integers(0, 300)))
    return "".join(pieces)


@PROPERTY
@given(_layout_text())
def test_layout_equals_scanned_gates(text):
    hits = default_gazetteer().find(text)
    new = entity_context.find_layout(text, hits, _spell())
    assert _rows(new) == _rows(_old_find_layout(text, hits, _spell()))


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("خبر قصير\nالمصدر: صحيفة السوق اليومية", "outlet"),
        ("خبر قصير\nمصدر الخبر: صحيفة السوق اليومية", "outlet"),
        ("وصل الغاز وخط الغاز العربي الأوروبي أمس", "project"),
        ("خبر\n" * 60 + "بقلم: ياسر العبيدي\nخبر", "byline"),  # many lines: words scanned for
        ("خبر قصير\nصوت الساحل + وكالات", "outlet"),
        ("وصل النفط عبر خط أنابيب العراق - تركيا أمس", "project"),
        ("وصل الغاز عبر أنبوب الغاز العابر للأناضول أمس", "project"),
        ("وصل الغاز عبر خط الغاز العربي الأوروبي أمس", "project"),
        ("\nكتب: ياسر العبيدي\nخبر", "byline"),
        ("خبر طويل " * 20 + "\n\tبقلم ياسر العبيدي\nخبر", "byline"),  # blanks open a line
    ],
)
def test_layout_gates_let_each_rule_run(text, source):
    text = normalize(text).text  # as the extractor reads it (أنابيب -> انابيب)
    hits = default_gazetteer().find(text)
    found = entity_context.find_layout(text, hits, _spell())
    assert source in {c.source for c in found}
    assert _rows(found) == _rows(_old_find_layout(text, hits, _spell()))


def _old_anchors(text: str, quotes: list[int] | None, heads: tuple[str, ...]) -> list[int] | None:
    if quotes is None:
        return None
    found = []
    for at in quotes:
        for head in heads:
            start = at - len(head)
            if start >= 0 and text.startswith(head, start):
                found.append(start)
    if len(heads) > 1:
        found = sorted(set(found))
    return found


@PROPERTY
@given(_layout_text())
def test_anchors_before_quotes_equal_the_loop(text):
    quotes = [m.start() for m in re.finditer('"', text)]
    for heads in (("ل", "ل "), entity_context._PROJECT_HEAD_BLANKS):
        new = entity_context._anchors_before_quotes(text, quotes, heads)
        assert new == _old_anchors(text, quotes, heads)


# ----------------------------------------------------------------------- Latin

_LATIN_PIECES = ["Kohavi", "kohavi", "IDF", "of", "the", "Al-Jazeera", "@Ynet", "#Gaza", "x.Com"]
_LATIN_PIECES += ["محمد", "قال", "2024", "(Abu)", "ÉCOLE", "école", "Ⅻ", "ＡＢ", "_X"]


@PROPERTY
@given(st.lists(st.sampled_from(_LATIN_PIECES), max_size=12), st.sampled_from([" ", "/", ""]))
def test_latin_equals_the_scan(pieces, blank):
    text = blank.join(pieces)
    old = [entity_rules._latin_candidate(text, m) for m in entity_rules._LATIN.finditer(text)]
    assert _rows(find_latin(text)) == _rows([c for c in old if c is not None])
