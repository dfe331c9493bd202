"""Oracle for :func:`resolve_anaphora` reading only the candidates near its head words.

``resolve_anaphora`` used to try its headed pattern (``الجيش التشادي``, ``نظام الأسد``)
on every ORG candidate of the layer; it now tries only the candidates that start at most
four characters before a ``جيش`` / ``نظام`` found by ``str.find``. The previous function
lives here only: the layers must be equal, on texts of army / regime words with every
clitic and article, other words and noise, under flat layers of candidates (ORG and
others, headed or not, with shared and distinct values) placed on the texts' words.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslab.extract.entity_context import (
    _BARE,
    _HEADED,
    _NEXT,
    _finditer_near,
    _headed_candidates,
    _overlaps,
    _single,
    resolve_anaphora,
)
from newslab.extract.entity_rules import Candidate
from newslab.extract.entity_text import DAY_WORDS, STOPWORDS, TITLE_WORDS, is_definite, key

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _old_resolve_anaphora(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """The previous code: the headed pattern tried on every ORG candidate."""
    if "جيش" not in text and "نظام" not in text:
        return chosen
    referents: dict[str, Counter[str]] = {"جيش": Counter(), "نظام": Counter()}
    for c in chosen:
        if c.label != "ORG":
            continue
        m = _HEADED.match(text, c.start, c.end)
        if m is not None and c.end > m.end():
            referents[m.group("w")][c.value] += 1
    targets = {w: _single(counter) for w, counter in referents.items()}
    if not any(targets.values()):
        return chosen
    layer = sorted((c.start, c.end) for c in chosen)
    starts = [s for s, _ in layer]
    extra = []
    for m in _finditer_near(_BARE, text, ("جيش", "نظام"), 4):
        target = targets[m.group("w")]
        if target is None or _overlaps(layer, starts, m.start(), m.end()):
            continue
        nxt = _NEXT.match(text, m.end())
        if nxt is not None:
            k = key(nxt.group("w"))
            if (
                is_definite(k)
                and k not in STOPWORDS
                and k not in DAY_WORDS
                and k not in TITLE_WORDS
            ):
                continue
        extra.append(Candidate(m.start(), m.end(), "ORG", target, "anaphora", 1))
    if not extra:
        return chosen
    return sorted([*chosen, *extra], key=lambda c: c.start)


_HEADS = ["جيش", "نظام", "جيشجيش", "نظامي", "جيوش"]
_CLITICS = ["", "ال", "وال", "بال", "وبال", "فكال", "لل", "ول", "و", "ب"]
_WORDS = ["التشادي", "الأسد", "السوري", "الوطني", "الصحي", "قال", "إن", "في", "اليوم"]
_BLANKS = [" ", " ", "  ", "، ", "\n", ""]


@st.composite
def layered_texts(draw: st.DrawFn) -> tuple[str, list[Candidate]]:
    """A text of head words and others, and a flat layer of candidates on its words."""
    pieces: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.integers(0, 3)) == 0:  # fewer head words than candidates, mostly
            pieces.append(draw(st.sampled_from(_CLITICS)) + draw(st.sampled_from(_HEADS)))
        else:
            pieces.append(draw(st.sampled_from(_WORDS)))
        pieces.append(draw(st.sampled_from(_BLANKS)))
    text = "".join(pieces)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    chosen = []
    w = 0
    while w < len(words):
        w += draw(st.integers(0, 3)) // 3  # words left out of the layer
        if w >= len(words):
            break
        size = draw(st.integers(1, 5)) // 2 or 1  # a candidate over one to two words
        last = min(w + size, len(words)) - 1
        start = words[w][0] + draw(st.integers(0, 1))  # sometimes inside the word
        end = words[last][1]
        if end > start:
            label = draw(st.sampled_from(["ORG", "ORG", "GPE", "PER"]))
            value = draw(st.sampled_from(["جيش تشاد", "نظام الأسد", "الجيش الوطني"]))
            chosen.append(Candidate(start, end, label, value, "rule", 5))
        w = last + 1
    return text, chosen


def _rows(layer: list[Candidate]) -> list[tuple[int, int, str, str, str]]:
    return [(c.start, c.end, c.label, c.value, c.source) for c in layer]


@PROPERTY
@given(layered_texts())
def test_anaphora_equals_trying_every_candidate(case: tuple[str, list[Candidate]]) -> None:
    text, chosen = case
    assert _rows(resolve_anaphora(text, list(chosen))) == _rows(
        _old_resolve_anaphora(text, list(chosen))
    )


_BARE_WORDS = ("الجيش", "النظام")


def _layer(text: str, headed: tuple[int, int]) -> list[Candidate]:
    """The headed ORG name at ``headed`` and a GPE candidate on every other word but
    the bare ``الجيش`` / ``النظام``."""
    others = [
        m.span()
        for m in re.finditer(r"\w+", text)
        if (m.end() <= headed[0] or m.start() >= headed[1]) and m.group() not in _BARE_WORDS
    ]
    layer = [Candidate(s, e, "GPE", text[s:e], "gazetteer", 6) for s, e in others]
    layer.append(Candidate(*headed, "ORG", text[headed[0] : headed[1]], "rule", 5))
    return sorted(layer, key=lambda c: c.start)


@pytest.mark.parametrize(
    ("text", "headed"),
    [
        ("قال الجيش التشادي إن قائد الجيش انسحب", (4, 17)),
        ("وبالجيش التشادي قال قائد الجيش", (0, 15)),  # four letters before the head
        ("قال إن ونظام الأسد سقط ثم قال إن النظام", (7, 18)),
    ],
)
def test_headed_names_give_the_bare_word_their_value(text: str, headed: tuple[int, int]) -> None:
    chosen = _layer(text, headed)
    near = _headed_candidates(text, chosen)  # the headed name and short words before heads
    assert len(near) < len(chosen) and any(c.start == headed[0] for c in near)
    got = resolve_anaphora(text, list(chosen))
    assert _rows(got) == _rows(_old_resolve_anaphora(text, list(chosen)))
    bare = next(c for c in got if c.source == "anaphora")
    assert bare.value == text[headed[0] : headed[1]]
    assert text[bare.start : bare.end] in _BARE_WORDS


def test_dense_head_words_fall_back_to_every_candidate() -> None:
    text = "جيش " * 50 + "الجيش التشادي والجيش"
    start = text.index("الجيش")
    chosen = [Candidate(start, start + 13, "ORG", "الجيش التشادي", "rule", 5)]
    assert _rows(resolve_anaphora(text, list(chosen))) == _rows(
        _old_resolve_anaphora(text, list(chosen))
    )
    assert resolve_anaphora(text, list(chosen))[-1].source == "anaphora"
