"""The quote extractor's fourth round of shortcuts equals the code it replaced.

* :class:`~newslab.extract.quotes._CueReader` reads the cues before each quote lazily,
  stretch by stretch and from a sync character back; the oracle is the old
  ``_cues_near``: one search per merged window of all quotes, walked back with bisect.
* :class:`~newslab.extract.quotes._EntityTable` reads the entity spans column by column
  and makes an entity only when asked; the oracle is the old ``_entities`` list.
* :func:`~newslab.extract.quotes._mark_positions` finds the marks with ``str.find``; the
  oracle is the regex scan. ``_more_words_than`` tells a long span with one match; the
  oracle counts the words.
* A trailing cue is read from the lookahead of ``_TRAILING_CUE``; the oracle matches
  ``_CUE_PATTERN`` again where the lookahead began.
* The resolver's person checks read the table's columns; the oracles look at entities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, takewhile
from operator import itemgetter
from unittest import mock

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text

from newslab.arabic.normalize import normalize
from newslab.corpus.article import Article
from newslab.extract import quotes
from newslab.extract.base import Context
from newslab.spans import Span

# ------------------------------------------------------------------------ oracles


def _old_cues_near(norm: str, opens: list[int], window: int) -> list[quotes._Cue]:
    """Every cue of the merged windows before the quotes, one search per window."""
    windows: list[list[int]] = []
    for open_ in opens:
        start, end = max(0, open_ - window), open_
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return [
        quotes._cue_at(norm, m)
        for start, end in windows
        for m in quotes._CUE_PATTERN.finditer(norm, start, end)
    ]


def _old_walk(cues: list[quotes._Cue], open_: int, floor: int) -> list[quotes._Cue]:
    """The cues the old ``_attribute`` walked: back from the quote's opening mark, while
    they start at or after ``floor``."""
    k = bisect_right([c.start for c in cues], open_)
    return list(takewhile(lambda c: c.start >= floor, reversed(cues[:k])))


def _old_entities(context: Context, nt) -> list[quotes._Entity]:
    spans = sorted(context.spans(kind="entity"), key=itemgetter(0, 1))
    if not spans:
        return []
    count = len(spans)
    offsets = nt.to_normalized_many([s.start for s in spans] + [s.end for s in spans])
    return [
        quotes._Entity(
            start, end, span.label or "", text, str(span.value or "") or quotes._strip_clitic(text)
        )
        for span, start, end, text in zip(
            spans,
            offsets[:count],
            offsets[count:],
            [nt.original[s.start : s.end] for s in spans],
            strict=True,
        )
    ]


def _old_subject_since(resolver, entities, since: int, position: int):
    """The old ``_Resolver.subject_since``: it made every entity it walked over."""
    k = bisect_right([e.start for e in entities], position) - 1
    while k >= 0 and entities[k].start >= since:
        entity = entities[k]
        k -= 1
        if (
            entity.label != "PER"
            or entity.end > position
            or quotes._inside_any(entity.start, resolver.quoted)
        ):
            continue
        opening = quotes._WORD.findall(
            resolver.norm, quotes._sentence_start(resolver.norm, entity.start), entity.start
        )
        if opening and opening[0] in quotes._BACKGROUND:
            continue
        if len(opening) <= 5 and not resolver.governed(entity):
            return entity
    return None


# ------------------------------------------------------------------------ texts

_CUE_FORMS = sorted(quotes._CUE_KINDS)  # phrases too: حسب قوله, على حد تعبيره
_PHRASE_WORDS = sorted({w for form in _CUE_FORMS if " " in form for w in form.split()})
_VOCABULARY = [*_CUE_FORMS, *_PHRASE_WORDS, "الوزير", "وزارة", "الخارجية", "أن", "بيان"]
_LETTERS = list("ابتقلمنهوي")
_NOISE = ['"', '"', "'", "«", "»", ".", "،", ":", "!", "؟", "(", ")", "12", "x_y", "\u064e"]
_BLANKS = [" ", " ", " ", "  ", "\n", " \n ", ""]


def _spell(word: str, data: st.DataObject) -> str:
    return word


def cue_text(data: st.DataObject, most: int = 40) -> str:
    """Cue words and phrases (with و/ف), filler, marks and punctuation."""
    return mixed_text(
        data,
        _VOCABULARY,
        spell=_spell,
        clitics=["", "", "و", "ف"],
        letters=_LETTERS,
        noise=_NOISE,
        blanks=_BLANKS,
        most=most,
    )


# ------------------------------------------------------------------------ cue reader


@settings(max_examples=250, deadline=None)
@given(st.data(), st.integers(4, 60))
def test_cue_reader_walks_what_one_search_over_merged_windows_found(
    data: st.DataObject, window: int
) -> None:
    norm = normalize(cue_text(data)).text
    marks = [i for i, c in enumerate(norm) if c in "\"'"]
    assume(marks)
    opens = sorted(data.draw(st.sets(st.sampled_from(marks), min_size=1, max_size=6)))
    old = _old_cues_near(norm, opens, window)
    with mock.patch.object(quotes, "CUE_WINDOW", window):
        reader = quotes._CueReader(norm, opens)
        for _ in range(data.draw(st.integers(1, 8))):  # any order: reads are lazy
            number = data.draw(st.integers(0, len(opens) - 1))
            word_starts = [i for i in range(1, opens[number]) if norm[i - 1].isspace()]
            floor = data.draw(  # word starts most often: where a phrase may be cut
                st.sampled_from(word_starts) | st.integers(0, opens[number] + 1)
                if word_starts
                else st.integers(0, opens[number] + 1)
            )
            walked = list(reader.before(number)(floor))
            assert walked == _old_walk(old, opens[number], floor)


def test_cue_reader_keeps_a_phrase_cut_by_a_window_start() -> None:
    # the window before the quote starts inside ``حسب قوله``: one search from there finds
    # ``قوله`` alone, and so must the reader
    norm = normalize('كتب حسب قوله: "نعم"').text
    open_ = norm.index('"')
    start = norm.index("قوله")
    old = _old_cues_near(norm, [open_], open_ - start)
    with mock.patch.object(quotes, "CUE_WINDOW", open_ - start):
        walked = list(quotes._CueReader(norm, [open_]).before(0)(0))
    assert [c.text for c in walked] == ["قوله"]
    assert walked == _old_walk(old, open_, 0)


def test_no_cue_contains_a_sync_character() -> None:
    # the reader resumes at any character that is neither a word character nor a blank
    for form in quotes._CUE_KINDS:
        assert all(c.isalnum() or c.isspace() for c in form), form


# ------------------------------------------------------------------------ entity table

_ENTITY_TEXT = st.lists(
    st.sampled_from([*'الوزير محمد\u064e\u0651ـ«»".\n', " وكان ", " مع ", " قال "]), max_size=40
).map("".join)
_LABELS = st.sampled_from(["PER", "ORG", "GPE", "", None])
_VALUES = st.one_of(st.sampled_from(["", "محمد", "الوزير", None, 0, 7]), st.text(max_size=5))


@settings(max_examples=300, deadline=None)
@given(st.data(), _ENTITY_TEXT)
def test_entity_table_equals_the_old_entity_list(data: st.DataObject, text: str) -> None:
    spans = []
    for _ in range(data.draw(st.integers(0, 12))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        spans.append(Span(start, end, "entity", data.draw(_LABELS), data.draw(_VALUES)))
    context = Context(Article(id="t", text=text))
    context.spans_by_extractor["entities"] = spans
    nt = normalize(text)
    old = _old_entities(context, nt)
    table = quotes._EntityTable(context, nt)
    assert table.starts == [e.start for e in old]
    assert table.ends == [e.end for e in old]
    assert table.labels == [e.label for e in old]
    assert table.people() == [e.canonical for e in old if e.label == "PER"]
    first = data.draw(st.integers(0, len(old)))
    last = data.draw(st.integers(first, len(old)))
    assert table.between(first, last) == old[first:last]  # before any entity is made
    assert [table[k] for k in range(len(table))] == old
    assert table.index == quotes._EntityIndex(
        [e.start for e in old], list(accumulate((e.end for e in old), max))
    )
    # the resolver's column reads equal the entity reads they replaced
    resolver = quotes._Resolver(nt, table)
    for position in range(len(nt.text) + 2):
        assert resolver._inside_person(position) == any(
            e.label == "PER" and e.start <= position < e.end
            for e in resolver.entities_in(position - 60, position + 1)
        )
        end = data.draw(st.integers(position, len(nt.text) + 2))
        assert resolver.has_person(position, end) == any(
            e.label == "PER" for e in resolver.entities_in(position, end)
        )
        for label in ("PER", "ORG"):
            k = bisect_right(table.starts, position) - 1
            while k >= 0 and not (old[k].label == label and old[k].end <= position):
                k -= 1
            assert resolver._last_before(position, label) == (old[k] if k >= 0 else None)
        since = data.draw(st.integers(0, position + 1))
        assert resolver.subject_since(since, position) == _old_subject_since(
            resolver, old, since, position
        )


# ------------------------------------------------------------------------ small scans


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("\"'«» اب\n.“”")), max_size=80))
def test_mark_positions_equal_the_regex_scan(norm: str) -> None:
    assert quotes._mark_positions(norm) == [m.start() for m in quotes._MARKS.finditer(norm)]


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from(list("اب_1 .،\n\u064e-x")), max_size=40),
    st.integers(0, 6),
    st.integers(0, 45),
    st.integers(0, 45),
)
def test_more_words_than_equals_counting_words(norm: str, count: int, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    long = quotes._more_words_than(count).match(norm, start, end) is not None
    assert long == (len(re.findall(r"\w+", norm[start:end])) > count)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_trailing_cue_read_from_the_lookahead_equals_matching_again(
    data: st.DataObject,
) -> None:
    norm = normalize(cue_text(data, most=12)).text
    for position in range(len(norm) + 1):
        trailing = quotes._TRAILING_CUE.match(norm, position)
        again = (
            quotes._cue_at(norm, quotes._CUE_PATTERN.match(norm, trailing.end()))
            if trailing is not None
            else None
        )
        assert quotes._trailing_cue(norm, position) == again
