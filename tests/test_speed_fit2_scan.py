"""Oracles for the second round of faster candidate finding at fit time.

* the context checks of ambiguous names skip the dateline and next-word reads when the
  character after the name rules them out: they equal the previous checks;
* :class:`NameMatcher` takes each first word's proclitic forms from a memo: its table
  equals the one built form by form;
* :meth:`Gazetteer.find` reads a word run that no name goes on from once per distinct
  run (:meth:`Gazetteer._read_run`) instead of running the pattern at each occurrence:
  it equals the previous ``find``, which read every match of the pattern;
* :class:`Tokens` read off the shared word split equal the tokens scanned with
  ``TOKEN.finditer`` (window cut, digits, ``_`` and other word characters included).

Texts are built from the real vocabulary (gazetteer names, context words, trigger
words) with clitics, spelling variants, separators and noise.
"""

from __future__ import annotations

import pickle
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text, variant_spelling

from newslab.extract import entity_rules
from newslab.extract.entities import _lexicon
from newslab.extract.entity_rules import Tokens
from newslab.extract.entity_text import NATIONALITY, key
from newslab.extract.gazetteer import (
    _LOCATIVE,
    _MARKERS,
    Entry,
    Gazetteer,
    GazetteerMatch,
    _context_ok,
    _dateline,
    _last_word,
    default_gazetteer,
    match_key,
    word_runs,
)

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------- the previous find


def _old_find(gaz: Gazetteer, text: str) -> list[GazetteerMatch]:
    """``find`` as it was: every match of the pattern read through its groups."""
    out = []
    for m in gaz._pattern.finditer(text):
        group = m.lastindex
        start, end = m.span()
        if group == 2:
            clitics = m.group(1)
            prefix = len(clitics) - (2 if clitics.endswith("ال") else 1)
            name = "ال" + m.group(2)
        elif group == 4:
            prefix = m.end(3) - start
            name = m.group(4)
        else:
            prefix = 0
            name = m.group(group)
        entry = gaz.by_key.get(match_key(name))
        if entry is None:
            continue
        if entry.context and not _context_ok(entry.context, text, start, end, prefix):
            continue
        out.append(GazetteerMatch(start, end, prefix, entry))
    return out


#: Names whose first word goes on into longer names, Latin names next to URLs and
#: mentions, names with a context, letters next to digits.
SMALL = Gazetteer(
    Entry(name, label, name, "", context)
    for name, label, context in [
        ("فرانس 24", "ORG", ""),
        ("فرانس", "GPE", ""),
        ("آي 24 نيوز", "ORG", ""),
        ("i24 News", "ORG", ""),
        ("i24", "ORG", ""),
        ("2M", "ORG", ""),
        ("القمة العربية", "EVENT", ""),
        ("القمة", "LOC", "locative"),
        ("الأمم المتحدة", "ORG", ""),
        ("مالي", "GPE", "locative"),
        ("العربية", "ORG", "marked"),
        ("مؤتة", "LOC", ""),
        ("سيناء", "LOC", ""),
        ("Reuters", "ORG", ""),
        ("New York Times", "ORG", ""),
        ("York", "GPE", ""),
    ]
)

_GAZ_NAMES = sorted({e.name for e in default_gazetteer().by_key.values()})
_CONTEXT_WORDS = [*sorted(_LOCATIVE | _MARKERS), "الجزائري", "السعودي", "اللبنانية"]
_CLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فل", "وال", "بال", "لل", "ال", "ولل"]
_NOISE = [" ", "  ", "-", " - ", "–", "\n", "،", ".", "@", "#", "/", ":", "=", '"', "(", ")", "_"]
_LETTERS = list("ابتثجحخدذرسشصضطظعغفقكلمنهويةىئؤءأإآ") + list("AbcXyz0123456789_²")


def _variant(name: str, data: st.DataObject) -> str:
    return variant_spelling(
        name, data, hamza_seats="يواس"
    )  # س: a hamza after a non-seat letter too


def _text(vocabulary: list[str], data: st.DataObject, most: int = 14) -> str:
    return mixed_text(
        data,
        vocabulary,
        spell=_variant,
        clitics=_CLITICS,
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", " ", "", "  ", "\n", "، ", " (", '" '],
        most=most,
    )


def _hits(matches: list[GazetteerMatch]) -> list[tuple[int, int, int, Any]]:
    return [(h.start, h.end, h.prefix, h.entry) for h in matches]


@PROPERTY
@given(st.data())
def test_find_equals_the_pattern_read_everywhere(data):
    gaz = data.draw(st.sampled_from([default_gazetteer(), SMALL]))
    names = _GAZ_NAMES if gaz is not SMALL else [e.name for e in gaz.by_key.values()]
    text = _text(names + _CONTEXT_WORDS, data)
    assert _hits(gaz.find(text)) == _hits(_old_find(gaz, text))


@PROPERTY
@given(st.data())
def test_find_equals_the_pattern_on_repeated_runs(data):
    """The same runs again and again (the memo answers), in other surroundings."""
    names = [e.name for e in SMALL.by_key.values()]
    text = _text(names, data, most=8) * data.draw(st.integers(1, 4))
    for gaz in (SMALL, default_gazetteer()):
        assert _hits(gaz.find(text)) == _hits(_old_find(gaz, text))


def test_find_reads_one_run_names_in_context():
    text = "وصل إلى مالي ثم @فرانس و#مالي، قالت قناة العربية: من i24 وhttp://x.co/i24 فرانس24"
    expected = _hits(_old_find(SMALL, text))
    assert _hits(SMALL.find(text)) == expected
    assert [text[s:e] for s, e, _, _ in expected] == ["مالي", "العربية", "i24", "فرانس24"]


# ------------------------------------------------------------------- tokens


def _scanned(text: str, pos: int, limit: int) -> list[tuple]:
    return list(Tokens(text, pos, limit)[:limit])


def _from_split(text: str, pos: int, part: int, limit: int) -> list[tuple]:
    starts = word_runs(text).starts()
    return list(Tokens(text, pos, limit, split=(starts, part))[:limit])


_WORDS = st.one_of(
    st.text(st.sampled_from("بتسمالي"), min_size=1, max_size=8),
    st.text(st.sampled_from("بتس"), min_size=100, max_size=300),
    st.text(st.sampled_from([*"بتسمالي", *"ab", *"09", "_", "²", "٣"]), min_size=1, max_size=9),
)
_SEPARATORS = st.sampled_from([" ", "  ", "\n", "، ", " - ", ".", '"', "(", "@", "   "])


@PROPERTY
@given(st.lists(st.tuples(_WORDS, _SEPARATORS), min_size=1, max_size=30), st.data())
def test_tokens_from_the_split_equal_the_scan(pieces, data):
    """After the end of any word, with any limit: the same tokens, the same gaps, the
    400-character window cutting a long word short included."""
    text = "".join(w + s for w, s in pieces)
    runs = word_runs(text)
    k = data.draw(st.integers(0, len(runs.runs) - 1))
    end = runs.starts()[2 * k + 2]
    limit = data.draw(st.sampled_from([1, 3, 12, 40]))
    assert _from_split(text, end, 2 * k + 3, limit) == _scanned(text, end, limit)


def test_tokens_from_the_split_in_order_and_lazily():
    text = "قال وزير الخارجية x_1 ب2024 " + "ا" * 500
    runs = word_runs(text)
    end = runs.starts()[2]  # after قال
    toks = Tokens(text, end, split=(runs.starts(), 3))
    assert toks.get(1).text == "الخارجية"
    assert [t.text for t in toks[:12]] == ["وزير", "الخارجية", "x", "1", "ب", "2024", "ا" * 375]
    assert toks.get(7) is None
    text = "قال وزير الخارجية " + "ب" * 500
    toks = Tokens(text, 3, split=(word_runs(text).starts(), 3))
    assert [len(t.text) for t in toks[:12]] == [4, 8, 400 - 15]  # the window's end


@PROPERTY
@given(st.data())
def test_lexicon_hits_give_their_part_in_the_split(data):
    text = _text(sorted(_lexicon().category)[::2], data)
    starts = word_runs(text).starts()
    for start, end, _reading, _after, part in entity_rules._lexicon_hits(text, _lexicon()):
        assert (starts[part], starts[part + 1]) == (start, end)


def test_old_find_reads_names_as_before():
    """The oracle itself finds names with clitics and a definite name after لل."""
    text = "عاد وفد للأمم المتحدة إلى سيناء ومؤتة"
    spans = [(text[s:e], p) for s, e, p, _ in _hits(_old_find(SMALL, text))]
    assert spans == [("للأمم المتحدة", 1), ("سيناء", 0), ("ومؤتة", 1)]


# ------------------------------------------------------ context of ambiguous names

_OLD_NEXT_TOKEN = re.compile(r"[ ]{1,2}([^\W\d_]+)")


def _old_dateline(before: str, start: int, after: str) -> bool:
    nl = before.rfind("\n")
    if nl < 0 and start > len(before):
        return False
    line = before[nl + 1 :]
    if not line.strip(" "):
        return after.lstrip(" ")[:1] in ("-", "–", "—", "(", ":")
    return line.rstrip(" ").endswith(("-", "–", "—", "(")) and after.lstrip(" ")[:1] in (
        "",
        "\n",
        ")",
        "-",
        "–",
        "—",
    )


def _old_context_ok(context: str, text: str, start: int, end: int, prefix: int) -> bool:
    """``_context_ok`` as it was: the dateline read first, the next word always."""
    before = text[max(0, start - 40) : start]
    if _old_dateline(before, start, text[end : end + 3]):
        return True
    if context == "locative":
        if prefix and text[start + prefix - 1] in "بل":
            return True
        word = _last_word(before)
        return word is not None and key(word) in _LOCATIVE
    if before.rstrip(" ").endswith(('"', "'", "(")) and text[end : end + 1] in ('"', "'", ")"):
        return True
    after = _OLD_NEXT_TOKEN.match(text, end)
    if after is not None and key(after.group(1)) in NATIONALITY and after.group(1)[:2] == "ال":
        return True
    word = _last_word(before)
    if word is None:
        return False
    prev = key(word)
    return prev in _MARKERS or (len(prev) > 3 and prev[0] in "وبل" and prev[1:] in _MARKERS)


_AROUND = st.lists(
    st.sampled_from(
        [
            *_CONTEXT_WORDS[::3],
            *["السعودي", "الأردنية", "المصري", "قال", "ال", "الا", "ب", "ل"],
            *[" ", "  ", "   ", "\n", "-", " - ", "–", "—", "(", ")", ":", '"', "'", "،", ".", "2"],
        ]
    ),
    max_size=10,
)


@settings(max_examples=600, deadline=None)
@given(_AROUND, st.sampled_from(["مالي", "العربية", "بمالي", "لالعربية", "ومالي"]), _AROUND)
def test_context_ok_equals_the_previous_checks(left, name, right):
    text = "".join(left) + name + "".join(right)
    start = len("".join(left))
    end = start + len(name)
    prefix = len(name) - 4 if name.endswith("مالي") else len(name) - 7
    for context in ("locative", "marked"):
        expected = _old_context_ok(context, text, start, end, prefix)
        assert _context_ok(context, text, start, end, prefix) == expected


@settings(max_examples=600, deadline=None)
@given(_AROUND, st.integers(0, 80), st.text(st.sampled_from(" \n-–—():\"'اب2)"), max_size=3))
def test_dateline_equals_the_previous_check(left, shift, after):
    before = "".join(left)[-40:]
    start = len(before) + shift
    assert _dateline(before, start, after) == _old_dateline(before, start, after)


# ----------------------------------------------------------- name matcher build


def _old_matcher_forms(names: list[str]) -> dict[str, list[tuple[int, int]]]:
    """``NameMatcher.forms`` as it was built: every proclitic form appended, sorted."""
    longest: dict[str, int] = {}
    for name in {n for n in names if n}:
        tokens = name.split(" ")
        longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
    forms: dict[str, list[tuple[int, int]]] = {}
    for first, size in longest.items():
        for clitics in entity_rules._PROCLITICS:
            forms.setdefault(clitics + first, []).append((len(clitics), size))
    for readings in forms.values():
        readings.sort(reverse=True)
    return forms


_NAME_WORDS = ["علي", "وعلي", "فعلي", "بعلي", "لي", "ولي", "حسن", "وحسن", "عبد", "الله", "كمال"]


@PROPERTY
@given(st.lists(st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4), max_size=12))
def test_matcher_forms_equal_the_previous_build(names):
    """Names whose first words collide once proclitics are added (علي / وعلي)."""
    joined = [" ".join(tokens) for tokens in names]
    forms = entity_rules.NameMatcher(joined).forms
    assert {f: list(r) for f, r in forms.items()} == _old_matcher_forms(joined)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تابعت العربية  السعودية الحدث", True),  # a nationality after two spaces
        ("تابعت العربية السعودية الحدث", True),
        ("تابعت العربية   السعودية الحدث", False),  # three spaces: no next word
        ("تابعت العربية الحدث", False),
        ("قالت قناة العربية إن", True),
        ('نقلت "العربية" عن', True),
        ("العربية - نقلت", True),  # a dateline
        ("نقلت العربية: إن", False),
    ],
)
def test_marked_name_context(text, expected):
    start = text.index("العربية")
    end = start + len("العربية")
    assert _context_ok("marked", text, start, end, 0) is expected
    assert _old_context_ok("marked", text, start, end, 0) is expected


def test_run_memo_is_not_pickled():
    """A gazetteer sent to a worker leaves the runs read here behind, and reads alike."""
    gaz = Gazetteer([Entry("مؤتة", "LOC", "مؤتة"), Entry("سوريا", "GPE", "سوريا")])
    text = "من مؤتة إلى سوريا"
    found = _hits(gaz.find(text))
    assert len(gaz._run_reading) == 2
    copy = pickle.loads(pickle.dumps(gaz))
    assert len(copy._run_reading) == 0
    assert [h[:3] for h in _hits(copy.find(text))] == [h[:3] for h in found]
