"""Paragraph and sentence boundaries of Arabic news text, as offsets into the original.

Both functions return ``(start, end)`` pairs indexing the text exactly as given (no
normalisation needed first), trimmed of whitespace and invisible bidi/zero-width marks,
in order and never overlapping.

Paragraphs: news text usually has one paragraph per line; hard-wrapped text has blank
lines between paragraphs and ordinary line breaks inside them. ``paragraphs`` detects
which (``mode="auto"``) or is told (``"line"`` / ``"blank"``).

Sentences never cross a paragraph. They end at ``. ! ? ؟ … ۔`` (and runs of them, with
any closing quotes or brackets that follow) when whitespace follows, at the Arabic
semicolon ``؛``, and at a full stop glued between two Arabic words (a common typing
slip). They do not end at decimals (``3.5``), dots inside URLs, handles and domains,
initials and abbreviations (``د.``, ``J. K.``, ``Dr.``), list numbers (``1.``), or inside
a quotation or parenthesis that continues after the mark.
"""

from __future__ import annotations

import re
from typing import Literal

from newslab.arabic.normalize import INVISIBLES

__all__ = ["paragraphs", "sentences"]

_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_TRIM = frozenset(
    " \t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + INVISIBLES
)

_TERMINAL = ".!?؟…‼⁇⁈⁉۔"
_CLOSERS = "\"'”’»›)]}\u200e\u200f"
# A boundary candidate: a run of terminal marks (or an Arabic semicolon) with the
# closing quotes/brackets that follow it, then whitespace or the end of the paragraph.
_BOUNDARY = re.compile(
    rf"(?:[{re.escape(_TERMINAL)}]{{1,20}}|؛)[{re.escape(_CLOSERS)}]{{0,8}}(?=\s|$)"
    # ... or a full stop, ? or ! glued between two Arabic words ("الزيارة.وقال").
    r"|(?<=[\u0621-\u064a][\u0621-\u064a])[.!?؟]{1,3}(?=[\u0621-\u064a])"
)
# Spans whose inner punctuation does not end a sentence: quotations and parentheses on
# one line. Each alternative stops at the next mark of its own family, so a text full
# of unmatched marks is still scanned in linear time.
_PROTECTED = re.compile(
    "«[^«»\n]{1,4000}»"
    "|[“”„‟][^“”„‟\n]{1,4000}[“”„‟]"
    '|"[^"\n]{1,4000}"'
    "|‹[^‹›\n]{1,1000}›"
    r"|\([^()\n]{1,1000}\)"
    r"|\[[^\[\]\n]{1,1000}\]"
)
#: Latin abbreviations that take a full stop without ending a sentence.
_ABBREVIATION_WORDS = """
mr mrs ms dr prof st jr sr gen col lt sgt capt cpt maj adm gov sen rep pres rev hon inc
ltd co corp dept univ no vol pp fig vs approx est mt ft jan feb mar apr jun jul aug sep
sept oct nov dec
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
#: Arabic era markers written after a year (٢٠٢٢ م. / 1443 هـ.): they end sentences.
_ERA_MARKERS = frozenset({"م", "ه", "هـ"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Non-blank lines as trimmed offsets, grouped into blocks between blank lines."""
    blocks: list[list[tuple[int, int]]] = [[]]
    previous_end = 0
    for match in _LINE.finditer(text):
        start, end = _trim(text, *match.span())
        if start == end:  # a line of spaces is a blank line
            if blocks[-1]:
                blocks.append([])
            continue
        if blocks[-1] and len(_BREAK.findall(text, previous_end, match.start())) > 1:
            blocks.append([])
        blocks[-1].append((start, end))
        previous_end = match.end()
    return [block for block in blocks if block]


def _looks_wrapped(blocks: list[list[tuple[int, int]]], text: str) -> bool:
    """True when most line breaks inside blank-line-separated blocks fall mid-sentence."""
    inner = mid_sentence = 0
    for block in blocks:
        for _start, end in block[:-1]:
            inner += 1
            if text[end - 1] not in _TERMINAL + _CLOSERS + ":":
                mid_sentence += 1
    return inner >= 2 and mid_sentence * 2 > inner


def paragraphs(
    text: str, *, mode: Literal["auto", "line", "blank"] = "auto"
) -> list[tuple[int, int]]:
    """Paragraph spans of ``text``: each non-blank line (``"line"``), or blocks between
    blank lines (``"blank"``); ``"auto"`` picks ``"blank"`` only for hard-wrapped text
    (blank lines between blocks whose inner line breaks mostly fall mid-sentence)."""
    if mode not in ("auto", "line", "blank"):
        raise ValueError(f"paragraphs(mode={mode!r}): use 'auto', 'line' or 'blank'")
    blocks = _blocks(text)
    if mode == "auto":
        mode = "blank" if len(blocks) > 1 and _looks_wrapped(blocks, text) else "line"
    if mode == "line":
        return [line for block in blocks for line in block]
    return [(block[0][0], block[-1][1]) for block in blocks]


def sentences(
    text: str, *, paragraph_mode: Literal["auto", "line", "blank"] = "auto", semicolon: bool = True
) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (see the module docstring for the rules).

    ``semicolon=False`` keeps clauses joined by the Arabic semicolon ``؛`` together.
    """
    out: list[tuple[int, int]] = []
    for start, end in paragraphs(text, mode=paragraph_mode):
        out.extend(_split_paragraph(text, start, end, semicolon))
    return out


def _split_paragraph(text: str, start: int, end: int, semicolon: bool) -> list[tuple[int, int]]:
    protected = [m.span() for m in _PROTECTED.finditer(text, start, end)]
    cuts: list[int] = []
    sentence_start = start
    k = 0
    for match in _BOUNDARY.finditer(text, start, end):
        mark_start, cut = match.span()
        while k < len(protected) and protected[k][1] <= mark_start:
            k += 1
        if k < len(protected) and protected[k][0] < mark_start and cut < protected[k][1]:
            continue  # inside a quotation or parenthesis that goes on
        marks = match.group()
        if marks[0] == "؛" and not semicolon:
            continue
        if (
            marks[0] == "."
            and not marks.startswith("..")
            and not _ends_sentence(text, sentence_start, mark_start)
        ):
            continue
        cuts.append(cut)
        sentence_start = cut
    cuts.append(end)

    spans: list[tuple[int, int]] = []
    previous = start
    for cut in cuts:
        s, e = _trim(text, previous, cut)
        previous = cut
        if s == e:
            continue
        if spans and not any(c.isalnum() for c in text[s:e]):
            spans[-1] = (spans[-1][0], e)  # stray punctuation joins the sentence before
        else:
            spans.append((s, e))
    return spans


def _ends_sentence(text: str, sentence_start: int, dot: int) -> bool:
    """Whether a single full stop at ``dot`` (followed by whitespace) ends a sentence.

    Looks back a bounded distance only, so a line of thousands of ``د.`` stays linear.
    """
    word_start = dot
    while (
        word_start > sentence_start
        and dot - word_start < 40
        and (text[word_start - 1].isalnum() or text[word_start - 1] == "\u0640")
    ):
        word_start -= 1
    word = text[word_start:dot]
    if not word:
        return True
    before = word_start  # the last non-space character before the word, if any
    while before > sentence_start and word_start - before < 40 and text[before - 1].isspace():
        before -= 1
    if word in _ERA_MARKERS:  # "عام 2022 م." ends a sentence; "م. سمير" does not
        return before > sentence_start and text[before - 1].isdigit()
    if len(word) == 1 and word.isalpha():
        return False  # an initial or a one-letter abbreviation
    if word.lower() in _ABBREVIATIONS:
        return False
    # A list number ("1. ", "٣. ") at the start of a paragraph or sentence.
    return not (word.isdigit() and len(word) <= 3 and before == sentence_start)
