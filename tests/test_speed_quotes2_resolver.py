"""The quote resolver's second-round shortcuts equal the code they replaced.

* ``_Resolver.subject_after`` reads a subject in two steps (up to its first word, then
  its further words); the oracle is the old single loop that tested every rule on every
  token.
* A trailing cue's subject is read up to the line break (:func:`_subject_limit`) instead
  of the sentence end, except after a relaying verb; the oracle reads to the sentence end.
* :class:`~newslab.extract.quotes._FullNames` builds the tail index only when a look-up
  may find something; the oracle indexes every name as it comes.
* ``has_person`` answers from what ``speaker_of`` found in the same phrase; the oracle
  reads the entities.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import chain
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from name_texts import mixed_text

from newslab.arabic.normalize import normalize
from newslab.corpus.article import Article
from newslab.extract import quotes
from newslab.extract.base import Context
from newslab.spans import Span

# ------------------------------------------------------------------------ oracles


def _old_subject_after(self, start: int, limit: int, cue: quotes._Cue) -> tuple[int, int] | None:
    """The old ``_Resolver.subject_after``: one loop, every rule tried on every token."""
    tokens = quotes._TOKEN.finditer(self.norm, start, limit)
    verb = cue.text.split()[-1]
    verb = verb[1:] if verb[:1] in "وف" and verb[1:] in quotes._VERB_SET else verb
    if verb in quotes._RELAYING:
        listed = list(tokens)
        after = next((i for i, t in enumerate(listed) if t.group() == "عن"), None)
        tokens = iter(listed[after + 1 :] if after is not None else listed)
    elif verb in quotes._LOCATING:
        head = next(tokens, None)
        if head is not None and head.group() != "في":
            tokens = chain((head,), tokens)
    first = last = None
    token = None
    for index, token_ in enumerate(tokens):
        previous, token = token, token_
        word = token.group()
        if not quotes._is_word(word):
            if word in "«»\"'":
                continue
            break
        if word in quotes._STOPS or (word in quotes._VERB_SET and first is not None):
            break
        if (
            first is not None
            and word.startswith("ل")
            and not word.startswith("ال")
            and not self._inside_person(token.start())
            and previous.group() not in '"«'
        ):
            break
        if first is None and (word in quotes._VERB_SET or word in quotes._RESUMPTIVE):
            continue
        if first is None and quotes._addressee(word) and not self._inside_person(token.start()):
            continue
        if first is None:
            first = token.start()
        last = token.end()
        if index >= quotes._MAX_SUBJECT_TOKENS + 2:
            break
    if first is None:
        return None
    starts, ends = self.entity_starts, self.entities.ends
    lowest = bisect_left(starts, first)
    for k in range(lowest, bisect_left(starts, last, lowest)):
        if starts[k] < last < ends[k]:
            last = ends[k]
    return first, last


class _OldFullNames:
    """The old eager index: every name's tails indexed as soon as the index exists."""

    def __init__(self, people: list[str]):
        self.people = people
        self.full_names: dict[str, str | None] | None = None
        self.pending: list[str] = []

    def learn(self, canonical: str) -> None:
        if self.full_names is None:
            self.pending.append(canonical)
            return
        quotes._index_tails(self.full_names, canonical)

    def full_name(self, name: str) -> str:
        if self.full_names is None:
            self.full_names = {}
            for canonical in dict.fromkeys(self.people + self.pending):
                quotes._index_tails(self.full_names, canonical)
        return self.full_names.get(quotes._fold(name).strip()) or name


# ------------------------------------------------------------------------ texts

_NAMES = ["محمد", "بن", "علي", "بنخضرة", "أمينة", "سعيد"]
_VOCABULARY = [
    *sorted(quotes._VERB_WORDS),
    *sorted(quotes._PARTICIPLE_WORDS)[:6],
    *sorted(quotes._STOPS)[:12],
    *_NAMES,
    "الوزير",
    "وزير",
    "الخارجية",
    "المتحدث",
    "للصحفيين",
    "لقناة",
    "لوموند",
    "لرويترز",
    "عن",
    "في",
    "به",
    "البيان",
    "حسب",
    "على حد تعبيره",
]
_LETTERS = list("ابتقلمنهوي")
_NOISE = ['"', "«", "»", "'", ".", "،", ":", "؟", "!", "12", "3.5", "x_y", "\n"]
_BLANKS = [" ", " ", " ", "  ", "\n", ". ", ""]


def _text(data: st.DataObject, most: int = 30) -> str:
    return mixed_text(
        data,
        _VOCABULARY,
        spell=lambda word, _data: word,
        clitics=["", "", "", "و", "ف"],
        letters=_LETTERS,
        noise=_NOISE,
        blanks=_BLANKS,
        most=most,
    )


def _resolver(data: st.DataObject, text: str) -> quotes._Resolver:
    """A resolver over ``text`` with entities on random word runs (PER most often)."""
    words = [m.span() for m in re.finditer(r"\w+", text)]
    spans = []
    for _ in range(data.draw(st.integers(0, 8)) if words else 0):
        first = data.draw(st.integers(0, len(words) - 1))
        last = data.draw(st.integers(first, min(first + 2, len(words) - 1)))
        label = data.draw(st.sampled_from(["PER", "PER", "ORG", "GPE"]))
        start, end = words[first][0], words[last][1]
        spans.append(Span(start, end, "entity", label, text[start:end]))
    context = Context(Article(id="t", text=text))
    context.spans_by_extractor["entities"] = sorted(set(spans))
    nt = normalize(text)
    return quotes._Resolver(nt, quotes._EntityTable(context, nt))


# ------------------------------------------------------------------------ subject after


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_subject_after_equals_the_single_loop(data: st.DataObject) -> None:
    text = _text(data)
    resolver = _resolver(data, text)
    norm = resolver.norm
    for match in quotes._CUE_PATTERN.finditer(norm):
        cue = quotes._cue_at(norm, match)
        sentence_end = quotes._sentence_end(norm, cue.end)
        limit = data.draw(st.integers(cue.end, len(norm)))
        for end in (sentence_end, limit):
            assert resolver.subject_after(cue.end, end, cue) == _old_subject_after(
                resolver, cue.end, end, cue
            )
        # a trailing cue's subject read to the line break is the one read to the sentence end
        assert resolver.subject_after(
            cue.end, quotes._subject_limit(norm, cue), cue
        ) == _old_subject_after(resolver, cue.end, sentence_end, cue)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_subject_after_equals_the_single_loop_after_every_cue_spelling(
    data: st.DataObject,
) -> None:
    # any cue text: the relaying and locating verbs, و/ف before them, phrases
    form = data.draw(st.sampled_from(sorted(quotes._CUE_KINDS)))
    text = data.draw(st.sampled_from(["", "و", "ف"])) + form + " " + _text(data, most=16)
    resolver = _resolver(data, text)
    match = quotes._CUE_PATTERN.match(resolver.norm)
    if match is None:  # و/ف glued to a form that does not take it
        return
    cue = quotes._cue_at(resolver.norm, match)
    limit = quotes._sentence_end(resolver.norm, cue.end)
    assert resolver.subject_after(cue.end, limit, cue) == _old_subject_after(
        resolver, cue.end, limit, cue
    )


def test_subject_limit_keeps_the_sentence_end_for_a_relaying_verb() -> None:
    # نقلت … عن فلان: the speaker after عن is looked for up to the sentence's end only
    norm = normalize("نقلت الوكالة الخبر. ونقل عن الوزير قوله").text
    cue = quotes._cue_at(norm, quotes._CUE_PATTERN.match(norm))
    assert quotes._subject_limit(norm, cue) == norm.index(".")
    norm = normalize("قال الوزير. ثم عاد\nوقال").text
    cue = quotes._cue_at(norm, quotes._CUE_PATTERN.match(norm))
    assert quotes._subject_limit(norm, cue) == norm.index("\n")


# ------------------------------------------------------------------------ full names


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_lazy_full_names_equal_the_eager_index(data: st.DataObject) -> None:
    name = st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3).map(" ".join)
    people = data.draw(st.lists(name, max_size=6))
    new, old = quotes._FullNames(lambda: list(people)), _OldFullNames(list(people))
    for _ in range(data.draw(st.integers(0, 12))):
        if data.draw(st.booleans()):
            learnt = data.draw(name)
            new.learn(learnt)
            old.learn(learnt)
        else:
            asked = data.draw(name | st.sampled_from([" علي", "بن  علي", "علي ", ""]))
            assert (new.get(quotes._fold(asked).strip()) or asked) == old.full_name(asked)


# ------------------------------------------------------------------------ has person


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_has_person_after_speaker_of_equals_reading_the_entities(data: st.DataObject) -> None:
    text = _text(data)
    resolver = _resolver(data, text)
    size = len(resolver.norm)
    cue = quotes._Cue(0, 0, "verb", "قال")
    for _ in range(data.draw(st.integers(1, 6))):
        start = data.draw(st.integers(0, size))
        phrase = (start, data.draw(st.integers(start, size)))
        resolver.speaker_of(phrase, cue, size)
        asked = data.draw(st.sampled_from([phrase, (start, size), (0, start)]))
        assert resolver.has_person(*asked) == any(
            e.label == "PER" for e in resolver.entities_in(*asked)
        )


# ------------------------------------------------------------------------ cue walk


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_cues_walked_from_the_floor_are_never_quoted(data: st.DataObject) -> None:
    # _attribute no longer asks whether a cue it walked lies inside a quote: from a floor
    # at or after the previous closing mark, every cue follows the previous quote and ends
    # by the opening mark
    norm = normalize(_text(data, most=40)).text
    marks = [i for i, c in enumerate(norm) if c in "\"'«»"]
    chosen = sorted(data.draw(st.sets(st.sampled_from(marks), max_size=8))) if marks else []
    regions = list(zip(chosen[::2], chosen[1::2], strict=False))  # disjoint, in order
    if not regions:
        return
    reader = quotes._CueReader(norm, [open_ for open_, _ in regions])
    previous_close = 0
    for number, (open_, close) in enumerate(regions):
        floor = max(previous_close, data.draw(st.integers(0, open_)))
        for cue in reader.before(number)(floor):
            assert not quotes._inside_any(cue.start, regions)
            assert cue.end <= open_
        previous_close = close + 1


# ------------------------------------------------------------------------ pairing


def _old_pair_marks(norm: str, chars: list[str], marks: list[int]) -> list[tuple[int, int]]:
    """The old ``_pair_marks``: every mark's neighbours read before its family."""
    pairs, open_at, n = [], {}, len(norm)
    for i, char in zip(marks, chars, strict=True):
        before = norm[i - 1] if i > 0 else " "
        after = norm[i + 1] if i + 1 < n else " "
        word_before, word_after = before.isalnum(), after.isalnum()
        if char in quotes._SINGLE:
            family = "single"
            if word_before and word_after:
                continue
        elif char in quotes._GUILLEMETS:
            family = "guillemet"
        else:
            family = "double"
        opening_like = not word_before and not after.isspace()
        closing_like = not before.isspace() and not word_after
        start = open_at.get(family)
        if start is not None and i - start - 1 > quotes.MAX_QUOTE_CHARS:
            del open_at[family]
            start = None
        if family == "guillemet":
            if char in quotes._GUILLEMET_OPEN:
                open_at[family] = i
            elif start is not None:
                pairs.append((start, i))
                del open_at[family]
            continue
        if start is None:
            if closing_like and not opening_like:
                continue
            open_at[family] = i
            continue
        if opening_like and not closing_like and norm.find("\n", start, i) >= 0:
            open_at[family] = i
            continue
        if family == "single" and norm.find("\n", start, i) >= 0:
            open_at[family] = i if opening_like else None
            if open_at[family] is None:
                del open_at[family]
            continue
        pairs.append((start, i))
        del open_at[family]
    return sorted(pairs)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["«", "»", "«", "»", '"', "'", "‹", "›", "“", "”", "’", "ب", "ب", " ", "\n"]
        )
    ),
    st.integers(0, 4),
)
def test_pair_marks_equal_the_old_pairing(pieces: list[str], most: int) -> None:
    # MAX_QUOTE_CHARS shrunk so that unbalanced openers are forgotten in short texts
    original = "".join(pieces)
    norm = normalize(original).text
    marks = quotes._mark_positions(norm)
    chars = [original[i] for i in marks]  # no deletion here: offsets are aligned
    with mock.patch.object(quotes, "MAX_QUOTE_CHARS", most):
        assert quotes._pair_marks(norm, chars, marks) == _old_pair_marks(norm, chars, marks)


# ------------------------------------------------------------------------ sentence start


def _old_sentence_start(norm: str, position: int) -> int:
    """The old ``_sentence_start``: every end mark searched over the whole window."""
    floor = max(0, position - quotes.CUE_WINDOW)
    start = floor
    for mark in ".!?؟\n":
        found = norm.rfind(mark, floor, position)
        while (
            found != -1 and mark != "\n" and found + 1 < position and not norm[found + 1].isspace()
        ):
            found = norm.rfind(mark, floor, found)
        if found != -1:
            start = max(start, found + 1)
    return start


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("اب .!?؟\n3")), max_size=60), st.integers(1, 40))
def test_sentence_start_equals_searching_the_whole_window(norm: str, window: int) -> None:
    with mock.patch.object(quotes, "CUE_WINDOW", window):
        for position in range(len(norm) + 1):
            assert quotes._sentence_start(norm, position) == _old_sentence_start(norm, position)
