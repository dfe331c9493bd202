"""Aggregator footers: field blocks such as ``تاريخ الخبر: …`` / ``المصدر: …``.

News aggregators append a block of fields to each item (publication date, source,
category, a credibility score, importance) and often list teaser items below it, each
with its own field block. :func:`analyse_footer` finds the blocks and decides which
belong to the article — a block before the body, and the first block after the body —
and which to teasers (any block after that, or one right after a related-items header
or a teaser headline). :func:`published_from_text` returns the article's publication
date as ISO text, so a loader can fill ``Article.published``; :func:`parse_date` parses
the date formats footers use (ISO, ``19/07/2022``, Arabic, Levantine, Maghrebi and
English month names, Arabic-Indic digits, ``ص``/``م`` times, Hijri dates).

All offsets here index the *normalised* text (see :func:`newslab.arabic.normalize`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import regex

from newslab.arabic.normalize import normalize
from newslab.extract.calendars import hijri_month_names, latin_month_names, month_names

__all__ = [
    "FIELD_LABELS",
    "RELATED_HEADER",
    "Field",
    "FieldBlock",
    "FooterAnalysis",
    "Line",
    "analyse_footer",
    "field_value",
    "furniture_field",
    "is_body_line",
    "parse_date",
    "published_from_text",
    "split_lines",
]

#: Field label (normalised) -> field name. ``published``, ``source``, ``category``,
#: ``credibility`` and ``importance`` become metadata spans; the others are furniture.
FIELD_LABELS: dict[str, str] = {
    **dict.fromkeys(
        (
            "تاريخ الخبر",
            "تاريخ النشر",
            "تاريخ نشر الخبر",
            "تاريخ المقال",
            "نشر بتاريخ",
            "نشر في",
            "تم النشر في",
            "تم النشر",
            "وقت النشر",
            "تاريخ الاضافة",
            "اضيف بتاريخ",
            "التاريخ",
            "published",
            "date",
            "publié le",
        ),
        "published",
    ),
    **dict.fromkeys(("اخر تحديث", "تاريخ التحديث", "تم التحديث", "updated"), "updated"),
    **dict.fromkeys(("المصدر", "مصدر الخبر", "الناشر", "source"), "source"),
    **dict.fromkeys(
        ("التصنيف", "التصنيفات", "تصنيف الخبر", "القسم", "الفئة", "الباب", "category", "section"),
        "category",
    ),
    **dict.fromkeys(
        (
            "مستوى الصحة",
            "نسبة الصحة",
            "درجة الصحة",
            "المصداقية",
            "نسبة المصداقية",
            "درجة المصداقية",
            "مستوى المصداقية",
            "الموثوقية",
            "درجة الموثوقية",
            "نسبة الموثوقية",
            "مستوى الموثوقية",
            "credibility",
            "reliability",
        ),
        "credibility",
    ),
    **dict.fromkeys(
        ("الاهمية", "درجة الاهمية", "مستوى الاهمية", "importance", "priority"), "importance"
    ),
    **dict.fromkeys(
        ("الوسوم", "وسوم", "الكلمات المفتاحية", "كلمات مفتاحية", "الكلمات الدلالية", "tags"),
        "tags",
    ),
    **dict.fromkeys(("عدد المشاهدات", "المشاهدات", "عدد القراءات", "القراءات", "views"), "views"),
    **dict.fromkeys(("رابط الخبر", "الرابط المختصر", "رابط مختصر", "الرابط"), "link"),
}
FIELD_LABELS = {" ".join(normalize(k).text.split()): v for k, v in FIELD_LABELS.items()}

#: Fields that become metadata spans of the article.
METADATA_FIELDS = ("published", "source", "category", "credibility", "importance")
#: Fields that alone are not a footer (``المصدر: وكالات`` is a credit line).
_WEAK_FIELDS = frozenset({"source", "link", "views", "tags", "updated"})
_STRONG_FIELDS = frozenset({"published", "category", "credibility", "importance"})


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_LABELS = _alternation(FIELD_LABELS)
_FIELD_AT = regex.compile(
    r"[ \t]{0,8}(?:[-•*▪|·][ \t]{0,3})?("
    + _LABELS
    + r")[ \t]{0,3}(?:[:：][ \t]{0,3}|\t[ \t]{0,3})",
    regex.IGNORECASE,
)
_LABEL_ONLY = regex.compile(
    r"[ \t]{0,8}(" + _LABELS + r")[ \t]{0,3}[:：]?[ \t]{0,3}$", regex.IGNORECASE
)
_FIELD_NEXT = regex.compile(
    r"(?:[ \t]{0,3}[|•·،,/\t-][ \t]{0,3}|[ \t]{1,4})(" + _LABELS + r")[ \t]{0,3}[:：][ \t]{0,3}",
    regex.IGNORECASE,
)
_VALUE_TRIM = " \t|•·،,-–—:"

#: Headers of related-items lists (normalised), matched at the start of a line.
RELATED_HEADER = regex.compile(
    r"[ \t]{0,8}(?:[-•*▪|·][ \t]{0,3})?(?:"
    r"(?:اقرا|اقراي|طالع|شاهد|تابع|اطلع)[ \t]{0,2}(?:ايضا|كذلك|المزيد|ايضا)"
    r"|(?:اخبار|مواضيع|مقالات|قصص|تقارير|موضوعات|روابط)[ \t]{1,2}(?:ذات[ \t]صلة|متعلقة|مشابهة|مقترحة|اخرى)"
    r"|ذات[ \t]صلة|المزيد[ \t]من[ \t](?:الاخبار|الاخبار|المقالات|الاخبار)|الاكثر[ \t](?:قراءة|مشاهدة|تداولا|شعبية)"
    r"|اخر[ \t]الاخبار|اخبار[ \t]اخرى|اخترنا[ \t]لك(?:م)?|قد[ \t](?:يهمك|يعجبك|تهمك)|لا[ \t]تفوت"
    r"|(?:اقرا|شاهد|طالع)[ \t]{0,2}:|للمزيد|read[ \t](?:also|more)|see[ \t]also|related(?:[ \t]articles)?"
    r")(?!\w)",
    regex.IGNORECASE,
)
_SENTENCE_END = frozenset(".!?؟…\"»”'")


class Line(NamedTuple):
    """A non-blank line of the normalised text, stripped: ``[start, end)``; ``first`` is
    its first word as :func:`first_word` gives it (computed once, used by every rule)."""

    index: int
    start: int
    end: int
    text: str
    words: int
    first: str
    body: bool  # article prose (see :func:`is_body_line`)


@dataclass(frozen=True)
class Field:
    """One ``label: value`` field; ``value_start/end`` index the normalised text."""

    name: str
    label: str
    value_start: int
    value_end: int
    value: str
    line: int


@dataclass
class FieldBlock:
    """Consecutive field lines (blank lines allowed between)."""

    lines: list[int] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)

    @property
    def strong(self) -> bool:
        """A real field block: a date, category or score, or a source with another field
        (``المصدر: وكالات`` alone is a credit line; tags or a link alone are furniture)."""
        names = {f.name for f in self.fields}
        return bool(names & _STRONG_FIELDS) or ("source" in names and len(names) >= 2)


@dataclass
class FooterAnalysis:
    """Field blocks of a text, split into the article's and the teasers'."""

    lines: list[Line]
    article_blocks: list[FieldBlock]
    other_blocks: list[FieldBlock]
    teaser_lines: set[int]  # indices of lines of teaser items after the article's footer

    def article_fields(self) -> dict[str, Field]:
        """First field of each name in the article's own blocks."""
        out: dict[str, Field] = {}
        for block in self.article_blocks:
            for f in block.fields:
                out.setdefault(f.name, f)
        return out


def split_lines(text: str) -> list[Line]:
    """Non-blank lines of ``text`` with stripped offsets (``index`` counts every line)."""
    lines: list[Line] = []
    append = lines.append
    pos = 0
    for index, raw in enumerate(text.split("\n")):
        chunk = raw.strip()
        if chunk:
            start = pos if chunk is raw else pos + raw.index(chunk)  # strip() kept raw?
            words = chunk.count(" ") + 1
            # rules only look at the first word of lines short enough to be furniture
            first = first_word(chunk) if words <= _FURNITURE_WORDS else ""
            body = words >= 14 or (words >= 6 and chunk[-1] in _SENTENCE_END)
            line = (index, start, start + len(chunk), chunk, words, first, body)
            append(_new_line(Line, line))
        pos += len(raw) + 1
    return lines


#: ``Line`` made from a tuple of its fields, without the keyword-argument call.
_new_line = tuple.__new__


#: Longest line (in words) any furniture rule looks at.
_FURNITURE_WORDS = 60


def is_body_line(line: Line) -> bool:
    """Article prose: a long line, or a sentence ending with a full stop."""
    return line.body


def _headline_like(line: Line) -> bool:
    return 4 <= line.words <= 25 and line.text[-1] not in _SENTENCE_END and ":" not in line.text


#: First words of the field labels: a set lookup spares the label regex on most lines.
_LABEL_FIRST_WORDS = frozenset(label.split()[0] for label in FIELD_LABELS)
_BULLETS = "-•*▪|·"


def first_word(text: str) -> str:
    """First word of a stripped line, without a leading bullet or a trailing colon, lower-cased."""
    space = text.find(" ")
    first = text if space < 0 else text[:space]
    if first[0] in _BULLETS or first[0] in "–—":
        words = text.split(None, 2)
        if len(words) > 1 and first.strip(_BULLETS + "–—") == "":
            first = words[1]
        first = first.lstrip(_BULLETS)
    return first.rstrip(":：،,").lower()


def _fields_of(line: Line, text: str, next_line: Line | None) -> list[Field]:
    if line.words > 40:
        return []
    word = line.first
    if word not in _LABEL_FIRST_WORDS and word.split(":")[0] not in _LABEL_FIRST_WORDS:
        return []
    m = _FIELD_AT.match(text, line.start, line.end)
    if m is None:
        only = _LABEL_ONLY.match(text, line.start, line.end)
        if (
            only is not None
            and next_line is not None
            and next_line.words <= 10
            and next_line.index == line.index + 1
            and not _FIELD_AT.match(text, next_line.start, next_line.end)
        ):
            label = only.group(1).lower()
            return [
                Field(
                    FIELD_LABELS[label],
                    label,
                    next_line.start,
                    next_line.end,
                    next_line.text,
                    line.index,
                )
            ]
        return []
    out: list[Field] = []
    label = m.group(1).lower()
    value_start = m.end()
    while True:
        nxt = _FIELD_NEXT.search(text, value_start, line.end)
        value_end = nxt.start() if nxt is not None else line.end
        s, e = _trim(text, value_start, value_end)
        if e > s:
            out.append(Field(FIELD_LABELS[label], label, s, e, text[s:e], line.index))
        if nxt is None:
            break
        label = nxt.group(1).lower()
        value_start = nxt.end()
    return out


def furniture_field(line: Line) -> str | None:
    """The field name if ``line`` is a lone page-furniture field (``الوسوم: …``,
    ``آخر تحديث: …``, ``عدد المشاهدات: …``, ``رابط مختصر: …``), else ``None``."""
    if line.words > 40 or line.first.split(":")[0] not in _LABEL_FIRST_WORDS:
        return None
    m = _FIELD_AT.match(line.text)
    if m is None:
        return None
    name = FIELD_LABELS[m.group(1).lower()]
    return name if name in _WEAK_FIELDS and name != "source" else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _VALUE_TRIM:
        start += 1
    while end > start and text[end - 1] in _VALUE_TRIM:
        end -= 1
    return start, end


def analyse_footer(
    text: str, lines: list[Line] | None = None, body: list[bool] | None = None
) -> FooterAnalysis:
    """Find the field blocks of normalised ``text`` and whose they are.

    ``lines`` (:func:`split_lines`) and ``body`` (:func:`is_body_line` of each) may be
    passed when the caller has them already.
    """
    if lines is None:
        lines = split_lines(text)
    if ":" not in text and "：" not in text and "\t" not in text:
        return FooterAnalysis(lines, [], [], set())
    blocks: list[FieldBlock] = []
    current: FieldBlock | None = None
    last_block_line = -10
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if (
            current is not None
            and current.lines
            and current.lines[-1] == k - 1
            and current.fields
            and current.fields[-1].value_start == line.start
        ):
            current.lines.append(k)  # value line of a label-only field
            last_block_line = k
            continue
        found = _fields_of(line, text, nxt)
        if not found:
            current = None
            continue
        if current is None or last_block_line != k - 1:
            current = FieldBlock()
            blocks.append(current)
        current.lines.append(k)
        current.fields.extend(found)
        last_block_line = k
    blocks = [b for b in blocks if b.strong]
    article: list[FieldBlock] = []
    others: list[FieldBlock] = []
    teaser_lines: set[int] = set()
    if not blocks:
        return FooterAnalysis(lines, [], [], set())
    if body is None:
        body = [line.body for line in lines]
    closed_at: int | None = None  # last line of the article; teasers start after it
    for block in blocks:
        first = block.lines[0]
        if closed_at is not None:
            others.append(block)
        elif not any(body[:first]):
            article.append(block)  # a header block before the body
        elif _teaser_before(lines, body, first):
            others.append(block)
            closed_at = _teaser_start(lines, body, first) - 1
        else:
            article.append(block)
            if not _body_follows(lines, body, block.lines[-1] + 1):
                closed_at = block.lines[-1]
    if closed_at is not None:
        own = {k for b in article for k in b.lines}
        teaser_lines = {k for k in range(closed_at + 1, len(lines)) if k not in own}
    return FooterAnalysis(lines, article, others, teaser_lines)


def _body_follows(lines: list[Line], body: list[bool], start: int) -> bool:
    """Do two long prose lines follow ``start`` before any header or teaser block? Then
    the block just read sat inside the article (under its lead), not at its end."""
    long_lines = 0
    for k in range(start, len(lines)):
        line = lines[k]
        if RELATED_HEADER.match(line.text) or _FIELD_AT.match(line.text):
            return False
        if body[k] and line.words >= 12:
            long_lines += 1
            if long_lines >= 2:
                return True
    return False


def _teaser_before(lines: list[Line], body: list[bool], first: int) -> bool:
    """Is the block at line ``first`` preceded (since the body) by a teaser headline?"""
    k = first - 1
    if k >= 0 and not body[k] and _headline_like(lines[k]):
        return True
    while k >= 0 and not body[k]:
        if RELATED_HEADER.match(lines[k].text):
            return True
        k -= 1
    return False


def _teaser_start(lines: list[Line], body: list[bool], first: int) -> int:
    """First line of the teaser (header and headline) that a teaser block closes."""
    k = first - 1
    start = first
    while k >= 0 and not body[k]:
        start = k
        if RELATED_HEADER.match(lines[k].text):
            break
        k -= 1
    return start


# ---------------------------------------------------------------------- values


_NUMBER = regex.compile(r"\d+(?:[.,]\d+)?")
_STARS = regex.compile(r"[★⭐]")


def field_value(f: Field, original: str | None = None) -> str:
    """Value of a field: ISO date, plain number for scores, else the text as written
    (``original``, the field's span of the original text, when given)."""
    if f.name == "published" or f.name == "updated":
        return parse_date(f.value) or ""
    if f.name in ("credibility", "importance"):
        stars = len(_STARS.findall(f.value))
        if stars:
            return str(stars)
        numbers = _NUMBER.findall(f.value)
        if len(numbers) == 1:
            return numbers[0].replace(",", ".")
        if len(numbers) == 2 and "/" in f.value:
            return f"{numbers[0]}/{numbers[1]}"
    return " ".join((f.value if original is None else original).split())


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[regex.Pattern[str], ...]:
    months = _alternation([*month_names(), *latin_month_names()])
    hijri = _alternation(hijri_month_names())
    sep = r"[ \t]{0,2}[,،]?[ \t]{0,2}"
    return (
        regex.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
        regex.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4}|\d{2})(?!\d)"),
        regex.compile(
            r"(?<!\d)(?P<d>\d{1,2})[ \t]{0,2}(?:من[ \t]{1,2})?(?P<mn>" + months + r")(?!\w)"
            r"(?:[ \t]{0,2}[/|-][ \t]{0,2}(?:"
            + months
            + r")(?!\w))?"
            + sep
            + r"(?P<y>\d{4})(?!\d)",
            regex.IGNORECASE,
        ),
        regex.compile(
            r"(?<!\w)(?P<mn>" + months + r")(?:[ \t]{0,2}[/|-][ \t]{0,2}(?:" + months + r"))?"
            r"[ \t]{1,2}(?P<d>\d{1,2})" + sep + r"(?P<y>\d{4})(?!\d)",
            regex.IGNORECASE,
        ),
        regex.compile(
            r"(?<!\d)(?P<d>\d{1,2})[ \t]{0,2}(?P<hm>" + hijri + r")[ \t]{0,2}(?P<y>1[34]\d\d)(?!\d)"
        ),
    )


_TIME = regex.compile(
    r"(?<![\d:])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?!\d)"
    r"(?:[ \t]{0,2}(?P<ap>صباحا|صباحا|مساء|مساءا|ظهرا|ص|م|am|pm|a\.m\.|p\.m\.)(?!\w))?"
    r"(?P<tz>[ \t]{0,2}(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)[ \t]{0,1}[+-][ \t]{0,1}\d{1,2}(?::?\d{2})?))?",
    regex.IGNORECASE,
)


def parse_date(value: str) -> str | None:
    """ISO date (``2022-07-19``) or datetime (``2022-07-19T14:30``) written in ``value``.

    Accepts ISO and numeric day-first dates, Arabic/Levantine/Maghrebi/English month
    names (``19 تموز 2022``، ``يوليو 19، 2022``), Arabic-Indic digits, 12-hour times
    with ``ص``/``م`` or am/pm, and Hijri dates. ``None`` when no full date is found.
    """
    text = normalize(value).text
    if len(text) > 400:
        text = text[:400]
    date, span = _find_date(text)
    if date is None:
        return None
    rest = text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]
    t = _TIME.search(rest)
    if t is None:
        return date.isoformat()
    hour, minute = int(t.group("h")), int(t.group("mi"))
    second = t.group("s")
    marker = (t.group("ap") or "").lower()
    if marker in ("م", "مساء", "مساءا", "pm", "p.m.") and hour < 12:
        hour += 12
    elif marker in ("ص", "صباحا", "am", "a.m.") and hour == 12:
        hour = 0
    elif marker == "ظهرا" and hour < 6:
        hour += 12
    if hour > 23 or minute > 59 or (second and int(second) > 59):
        return date.isoformat()
    stamp = f"{date.isoformat()}T{hour:02d}:{minute:02d}" + (f":{second}" if second else "")
    return stamp + _offset(t.group("tz"))


def _offset(tz: str | None) -> str:
    if not tz:
        return ""
    tz = tz.strip().upper()
    if tz == "Z":
        return "Z"
    m = regex.search(r"([+-])[ \t]?(\d{1,2}):?(\d{2})?$", tz)
    if m is None:
        return ""
    return f"{m.group(1)}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def _find_date(text: str) -> tuple[dt.date | None, tuple[int, int]]:
    iso, dmy, day_month, month_day, hijri = _date_patterns()
    found: list[tuple[int, dt.date, tuple[int, int]]] = []
    for pattern in (iso, dmy, day_month, month_day):
        for m in pattern.finditer(text):
            date = _date_of(m)
            if date is not None:
                found.append((m.start(), date, m.span()))
                break
    if found:
        _, date, span = min(found, key=lambda item: item[0])
        return date, span
    m = hijri.search(text)
    if m is not None:
        try:
            from hijridate import Hijri

            month = hijri_month_names()[m.group("hm")]
            return Hijri(int(m.group("y")), month, int(m.group("d"))).to_gregorian(), m.span()
        except (ValueError, OverflowError, KeyError):
            return None, (0, 0)
    return None, (0, 0)


def _date_of(m: regex.Match[str]) -> dt.date | None:
    year = int(m.group("y"))
    if year < 100:
        year += 2000
    day = int(m.group("d"))
    if "mn" in m.groupdict() and m.group("mn"):
        name = m.group("mn")
        month = month_names().get(name) or latin_month_names().get(name.lower().rstrip("."))
        if month is None:
            return None
    else:
        month = int(m.group("m"))
        if month > 12 >= day and "y" in m.groupdict() and m.start("d") < m.start("m"):
            day, month = month, day  # 07/19/2022 written month-first
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------- public helper


def published_from_text(text: str) -> str | None:
    """The article's publication date from its aggregator footer, as ISO text.

    Reads the first field block after the body (or a header block before it), never a
    teaser's block further down. ``None`` when the text has no such date.
    """
    if not text or (":" not in text and "\t" not in text):
        return None
    norm = normalize(text).text
    published = analyse_footer(norm).article_fields().get("published")
    if published is None:
        return None
    return parse_date(published.value)
