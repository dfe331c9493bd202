"""Boilerplate speed-ups give what the code they replaced gave.

- A line is searched for a copyright phrase or disclaimer only when it has a line hint
  (:data:`_FOOTER_LINE_HINTS`); the ungated search is the oracle. Prose lines at the end
  are looked at only when the text from the first of them on has a line hint.
- The whole text is searched for :data:`_FOOTER_HINTS` only once a line reads as a
  footer (:class:`_LazyCheck`); the old ``_mark_lines``, which searched the text first
  for every article, is the oracle (kept below).
- :func:`split_lines` builds its lines without the keyword call; the old one is the
  oracle (kept below).

Lines are built from pieces of the footer patterns (with case, tab and look-alike
variants: ı, İ, ſ match i and s when case is ignored), related headers, share prompts,
bylines, field labels and prose, all written for these tests.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract.boilerplate import (
    _CLICK_HERE,
    _DISCLAIMER,
    _DISCLAIMER_CONTEXT,
    _FIRST_WORDS,
    _FOOTER_HINTS,
    _FOOTER_PHRASE,
    _LABEL_FIRST,
    _PLATFORM_LINE,
    _PLATFORM_WORDS,
    _RELATED_FIRST,
    _SHARE,
    _SHARE_FIRST,
    _TAIL_LINES,
    _bare_header,
    _footer_line,
    _is_byline,
    _is_credit,
    _mark_lines,
    _share_prompt,
)
from newslab.extract.footer import (
    _FURNITURE_WORDS,
    _SENTENCE_END,
    RELATED_HEADER,
    Line,
    first_word,
    furniture_field,
    split_lines,
)

FOOTER_PIECES = [
    "جميع الحقوق محفوظة",
    "كل\tالحقوق\tمحفوظة",
    "الحقوق محفوظة",
    "حقوق النشر",
    "حقوق\tالنشر",
    "©",
    "copyright",
    "COPYRIGHT",
    "CoPyRıGHT",
    "copyrİght",
    "All Rights Reserved",
    "all\trights\treſerved",
    "ALL RIGHTS RESERVED",
    "ظهر المقال",
    "ظهرت المقالة",
    "ظهرت\tالتدوينة",
    "اولا علي",
    "اولا\tعلي",
    "لا يعبر",
    "لا\tتعبر",
    "تعبر\tعن\tراي",
    "يعبر عن راي",
    "الاراء الواردة",
    "الاراء\tالواردة",
    "منقول من",
    "منقول\tمن",
    "تم نقل هذا",
    "تم\tنقل\tهذا",
    "نشر هذا الخبر",
    "نشر\tهذا\tالخبر",
    "اخلاء مسؤولية",
    "اخلاء\tمسؤولية",
    "disclaimer",
    "DISCLAIMER",
    "DıSCLAIMER",
    "diſclaimer",
    "الموقع",
    "الخبر",
    "المقال",
    "الناشر",
    "كاتب",
]
OTHER_PIECES = [
    "اقرا ايضا",
    "اخبار ذات صلة",
    "للمزيد",
    "شارك",
    "تابعونا علي فيسبوك",
    "اضغط هنا",
    "فيسبوك تويتر واتساب",
    "بقلم:",
    "كتب",
    "المصدر:",
    "الوسوم:",
    "رويترز",
    "(ا ف ب)",
    "تصوير:",
    "- ",
    "• ",
    "وقال الوزير ان الحكومة ستواصل دعم المزارعين",
    "في المناطق الجبلية خلال الموسم المقبل.",
    "هذا",
    "عن",
    "لا",
    "راي",
    "2023",
]
WORDS = st.sampled_from(FOOTER_PIECES + OTHER_PIECES)
SEPARATORS = st.sampled_from([" ", " ", " ", "\t", "  ", ": ", "، ", ". "])
line_text = st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=12).map(
    lambda parts: "".join(w + s for w, s in parts).strip()
)


def _ungated_footer_line(text: str) -> bool:
    return bool(
        _FOOTER_PHRASE.search(text)
        or (_DISCLAIMER.search(text) and _DISCLAIMER_CONTEXT.search(text))
    )


@settings(max_examples=800, deadline=None)
@given(line_text)
def test_line_hints_gate_only_lines_the_patterns_cannot_match(text: str) -> None:
    assert _footer_line(text) == _ungated_footer_line(text)


# ------------------------------------------------------------- _mark_lines


def _old_line_reason(line: Line, is_body: bool, footer_hints: bool) -> str | None:
    text = line.text
    first = line.first
    if first in _RELATED_FIRST and line.words <= 30 and RELATED_HEADER.match(text):
        return "related"
    if line.words <= 20 and (
        (first in _SHARE_FIRST and _SHARE.match(text) and _share_prompt(first, text))
        or ("هنا" in text and _CLICK_HERE.search(text))
    ):
        return "share"
    if line.words <= 12 and first in _PLATFORM_WORDS and _PLATFORM_LINE.match(text):
        return "share"
    if footer_hints and _ungated_footer_line(text):
        return "footer"
    if line.first in _LABEL_FIRST and furniture_field(line):
        return "footer"
    if is_body:
        return None
    if _is_byline(line):
        return "byline"
    if _is_credit(line):
        return "credit"
    return None


def _old_mark_lines(text: str, lines: list[Line], body: list[bool], labels: dict[int, str]) -> None:
    k = 0
    n = len(lines)
    tail = n - _TAIL_LINES
    hints = any(text.find(hint) >= 0 for hint in _FOOTER_HINTS)
    while k < n:
        line = lines[k]
        if (
            k in labels
            or (line.words > 30 and k < tail)
            or line.words > 60
            or (
                body[k]
                and line.first not in _FIRST_WORDS
                and "هنا" not in line.text
                and (k < tail or not hints)
            )
        ):
            k += 1
            continue
        reason = _old_line_reason(line, body[k], hints and (k >= tail or not body[k]))
        if reason is not None:
            labels[k] = reason
        if reason == "related" and _bare_header(line):
            j = k + 1
            while (
                j < n and j - k <= 10 and not body[j] and lines[j].words <= 30 and j not in labels
            ):
                labels[j] = "related"
                j += 1
            k = j
            continue
        k += 1


PROSE = (
    "واكد المتحدث باسم الوزارة ان الفرق الميدانية ستعمل طوال الاسبوع المقبل في القري "
    "النائية لايصال المساعدات الي الاسر المتضررة من الفيضانات الاخيرة."
)
page_line = st.one_of(
    line_text, st.just(PROSE), st.just(""), line_text.map(lambda t: PROSE + " " + t)
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(page_line, min_size=1, max_size=14), st.sampled_from(["", "حقوق", "©", "isclaimer"])
)
def test_mark_lines_finds_what_the_old_one_found(page: list[str], hint: str) -> None:
    text = "\n".join(page) + ("\n" + PROSE + " " + hint if hint else "")
    lines = split_lines(text)
    body = [line.body for line in lines]
    old: dict[int, str] = {}
    new: dict[int, str] = {}
    _old_mark_lines(text, lines, body, old)
    _mark_lines(text, lines, body, new)
    assert new == old


# ------------------------------------------------------------- split_lines


def _old_split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for index, raw in enumerate(text.split("\n")):
        chunk = raw.strip()
        if chunk:
            start = pos + raw.index(chunk)
            words = chunk.count(" ") + 1
            first = first_word(chunk) if words <= _FURNITURE_WORDS else ""
            body = words >= 14 or (words >= 6 and chunk[-1] in _SENTENCE_END)
            lines.append(Line(index, start, start + len(chunk), chunk, words, first, body))
        pos += len(raw) + 1
    return lines


raw_text = st.lists(
    st.sampled_from(
        [
            *OTHER_PIECES,
            *FOOTER_PIECES[:6],
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\r",
            "\u00a0",
            "\u2028",
            ".",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(raw_text)
def test_split_lines_as_before(text: str) -> None:
    new = split_lines(text)
    assert new == _old_split_lines(text)
    assert all(type(line) is Line for line in new)
