"""Built-in ``boilerplate`` extractor: page furniture and footer metadata.

Scraped articles carry text that is not the article: embedded tweets, agency credits
(``فرانس24/رويترز``، ``(أ ف ب)``), bylines (``بقلم: …``), "read also" lines and lists of
related items, share/follow prompts, copyright lines and aggregator footers. Each is a
``boilerplate`` span labelled with the reason. Aggregator footer fields of the article
itself (not of teaser items below it) also become ``metadata`` spans over the field
value: ``published`` (ISO date), ``source``, ``category``, ``credibility``,
``importance``; a headline on the first line becomes ``metadata``/``title`` (and
``boilerplate``/``title``).

Work is line based on the normalised text; tweet blocks come from
:func:`newslab.extract.social.tweet_embeds` and footers from
:mod:`newslab.extract.footer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import ClassVar, NamedTuple

import regex

from newslab.arabic.normalize import NormalizedText, normalize
from newslab.corpus.article import Article
from newslab.extract.base import Context, Extractor
from newslab.extract.footer import (
    FIELD_LABELS,
    METADATA_FIELDS,
    RELATED_HEADER,
    Line,
    analyse_footer,
    field_value,
    furniture_field,
    split_lines,
)
from newslab.extract.social import tweet_embeds
from newslab.hooks import hookimpl
from newslab.spans import Span

__all__ = ["BoilerplateExtractor", "BoilerplateHit", "find_boilerplate"]

REASONS = ("tweet_embed", "credit", "byline", "footer", "related", "share", "title")


class BoilerplateHit(NamedTuple):
    """A span of the original text: ``boilerplate`` (label = reason) or ``metadata``."""

    start: int
    end: int
    kind: str
    label: str
    value: str = ""


def _norm(word: str) -> str:
    return " ".join(normalize(word).text.split())


def _alternation(words) -> str:
    forms = {_norm(w) for w in words}
    return "|".join(regex.escape(w) for w in sorted(forms, key=len, reverse=True))


#: News agencies and credit words, removed from a line to see if anything else is left.
AGENCIES = (
    "رويترز",
    "فرانس برس",
    "فرانس بريس",
    "فرانس24",
    "فرانس 24",
    "أ ف ب",
    "أ.ف.ب",
    "ا ف ب",
    "أف ب",
    "أ.ف.ب.",
    "د ب أ",
    "د.ب.أ",
    "أ ب",
    "أسوشيتد برس",
    "أسوشيتدبرس",
    "الأناضول",
    "وكالة الأناضول",
    "وكالات",
    "وكالة",
    "الوكالات",
    "وكالات الأنباء",
    "وام",
    "واس",
    "قنا",
    "كونا",
    "بنا",
    "بترا",
    "سانا",
    "ومع",
    "و.م.ع",
    "لاماب",
    "ماب",
    "شينخوا",
    "سبوتنيك",
    "إرنا",
    "تاس",
    "يونهاب",
    "كيودو",
    "إفي",
    "أكي",
    "الجزيرة",
    "الجزيرة نت",
    "العربية",
    "العربية نت",
    "سكاي نيوز عربية",
    "سكاي نيوز",
    "بي بي سي",
    "سي إن إن",
    "الحرة",
    "روسيا اليوم",
    "آر تي",
    "متابعات",
    "مواقع",
    "صحف",
    "الصحافة",
    "خاص",
    "ترجمة",
    "المصدر",
    "مصادر",
    "نقلا عن",
    "بتصرف",
    "AFP",
    "Reuters",
    "AP",
    "DPA",
    "Anadolu",
    "BBC",
    "CNN",
    "RT",
    "EFE",
    "ANSA",
    "Xinhua",
    "MAP",
    "WAM",
    "SPA",
    "QNA",
    "KUNA",
    "agencies",
    "Getty Images",
    "Getty",
    "EPA",
    "Shutterstock",
)
_CREDIT_SPLIT = re.compile(r"[\s/\\|,،+()\[\]&:؛.«»\"'\-–—_]+")


def _tokens(text: str) -> list[str]:
    return [t for t in _CREDIT_SPLIT.split(text.lower()) if t]


#: Agency names as token tuples (``أ.ف.ب`` and ``أ ف ب`` are both ``("ا", "ف", "ب")``).
_AGENCY_TOKENS = frozenset(tuple(_tokens(_norm(name))) for name in AGENCIES)
_AGENCY_MAX = max(len(t) for t in _AGENCY_TOKENS)


def _agency_cover(text: str, *, whole: bool = False) -> tuple[int, int]:
    """(tokens, tokens that are agency names) of a short line, read greedily; with
    ``whole``, stop at the first token that is not part of an agency name."""
    tokens = _tokens(text)
    if len(tokens) > 24:
        return len(tokens), 0
    covered = 0
    i = 0
    while i < len(tokens):
        for size in range(min(_AGENCY_MAX, len(tokens) - i), 0, -1):
            chunk = tuple(tokens[i : i + size])
            if chunk in _AGENCY_TOKENS or (
                chunk[0][:1] == "و" and (chunk[0][1:], *chunk[1:]) in _AGENCY_TOKENS
            ):
                covered += size
                i += size
                break
        else:
            if whole:
                return len(tokens), covered
            i += 1
    return len(tokens), covered


_PHOTO_CREDIT = regex.compile(
    r"[(\[]?[ \t]{0,2}(?:صورة|الصورة|صور|مصدر الصورة|حقوق الصورة|تصوير|photo|credit|image)"
    r"(?:[ \t]{1,2}(?:ارشيفية|ارشيف|تعبيرية|من الارشيف))?[ \t]{0,2}(?:[:：(\-–]|$)",
    regex.IGNORECASE,
)
_SOURCE_LINE = regex.compile(
    r"[(\[]?[ \t]{0,2}(?:المصدر|مصدر|نقلا عن|source|via)[ \t]{0,2}[:：]", regex.IGNORECASE
)
_BYLINE = regex.compile(
    r"[ \t]{0,4}(?:(?P<strong>بقلم|كتب|كتبت|كتبه|كتبته|من مراسلنا|من مراسلتنا|من مراسلينا|مراسلنا|مراسلتنا|by|par)"
    r"|(?P<weak>اعداد|تحرير|ترجمة|متابعة|تقرير|حوار|اشراف|تصوير|الكاتب|الكاتبة|المحرر|المحررة|مراسل|مراسلة|بواسطة|تدقيق))"
    r"(?!\w)[ \t]{0,3}(?P<colon>[:：\-–—|])?",
    regex.IGNORECASE,
)
_SHARE = regex.compile(
    r"[ \t]{0,4}(?:[-•*▪|·][ \t]{0,3})?(?:شارك|شاركوا|شاركها|شارك هذا|تابعونا|تابعوا|تابعنا|انضموا|انضم|"
    r"اشترك|اشتركوا|للاشتراك|حمل تطبيق|حملوا تطبيق|لمتابعة اخر|لمتابعة|ادعم|ادعمنا|اضغط هنا|انقر هنا|"
    r"follow us|share this|share on|subscribe|sign up)(?!\w)",
    regex.IGNORECASE,
)
_PLATFORMS = (
    "فيسبوك",
    "فيس بوك",
    "تويتر",
    "واتساب",
    "واتس اب",
    "تلغرام",
    "تيليجرام",
    "تليجرام",
    "تلجرام",
    "لينكدإن",
    "لينكد إن",
    "انستغرام",
    "إنستغرام",
    "انستجرام",
    "يوتيوب",
    "تيك توك",
    "ماسنجر",
    "بريد إلكتروني",
    "البريد الإلكتروني",
    "طباعة",
    "نسخ الرابط",
    "مشاركة",
    "شارك",
    "إكس",
    "x",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "instagram",
    "youtube",
    "email",
    "e-mail",
    "print",
    "messenger",
    "pinterest",
    "reddit",
    "tiktok",
    "copy link",
    "share",
    "tweet",
)
_PLATFORM_LINE = regex.compile(
    r"(?:[ \t|•·/,،\-:]{0,6}(?:" + _alternation(_PLATFORMS) + r")(?!\w)){1,20}[ \t|•·/,،\-:]{0,6}$",
    regex.IGNORECASE,
)
_CLICK_HERE = regex.compile(r"(?<!\w)(?:اضغط|انقر|اضغطوا)[ \t]{1,2}هنا(?!\w)")
_FOOTER_PHRASE = re.compile(
    r"(?:جميع|كل)[ \t]الحقوق[ \t]محفوظة|الحقوق[ \t]محفوظة|حقوق[ \t]النشر|©|copyright|all[ \t]rights[ \t]reserved"
    r"|ظهرت?[ \t](?:المقالة|المقال|الخبر|التدوينة|المشاركة)[ \t][^\n]{0,200}?[ \t]اولا[ \t]علي",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"لا[ \t][يت]عبر|[يت]عبر[ \t]عن[ \t]راي|الاراء[ \t]الواردة|منقول[ \t]من"
    r"|تم[ \t]نقل[ \t]هذا|نشر[ \t]هذا[ \t]الخبر|اخلاء[ \t]مسؤولية|disclaimer",
    re.IGNORECASE,
)
#: Copyright lines and disclaimers are taken only in a text that has one of these.
_FOOTER_HINTS = (
    "حقوق",
    "©",
    "opyright",
    "OPYRIGHT",
    "ights reserved",
    "اولا علي",
    "لا يعبر",
    "لا تعبر",
    "عن راي",
    "الاراء",
    "منقول",
    "نقل هذا",
    "نشر هذا",
    "مسؤولية",
    "isclaimer",
)
#: Every match of :data:`_FOOTER_PHRASE` or :data:`_DISCLAIMER` has one of these in its
#: lower-cased text (Latin ones avoid the letters that also match ı, İ or ſ when case is
#: ignored): a line without any is not searched with them.
_FOOTER_LINE_HINTS = (
    "حقوق",
    "©",
    "اولا",
    "يعبر",
    "تعبر",
    "الاراء",
    "منقول",
    "نقل هذا",
    "نقل\tهذا",
    "نشر هذا",
    "نشر\tهذا",
    "اخلاء",
    "opyr",
    "erve",
    "cla",
)
_DISCLAIMER_CONTEXT = re.compile(r"الموقع|الخبر|المقال|المحتوي|الناشر|المصدر|كاتب|الصحيفة")
_SENTENCE_END = frozenset(".!?؟…")
#: First words of the lines each rule can match: a set lookup spares most regex calls.
_RELATED_FIRST = frozenset(
    [
        "اقرا",
        "اقراي",
        "طالع",
        "شاهد",
        "تابع",
        "اطلع",
        "اخبار",
        "مواضيع",
        "مقالات",
        "قصص",
        "تقارير",
        "موضوعات",
        "روابط",
        "ذات",
        "المزيد",
        "الاكثر",
        "اخر",
        "اخترنا",
        "قد",
        "لا",
        "للمزيد",
        "read",
        "see",
        "related",
    ]
)
_SHARE_FIRST = frozenset(
    [
        "شارك",
        "شاركوا",
        "شاركها",
        "تابعونا",
        "تابعوا",
        "تابعنا",
        "انضموا",
        "انضم",
        "اشترك",
        "اشتركوا",
        "للاشتراك",
        "حمل",
        "حملوا",
        "لمتابعة",
        "ادعم",
        "ادعمنا",
        "اضغط",
        "انقر",
        "follow",
        "share",
        "subscribe",
        "sign",
    ]
)
_PLATFORM_WORDS = frozenset(w.split()[0].lower() for w in map(_norm, _PLATFORMS))
_LABEL_FIRST = frozenset(label.split()[0] for label in FIELD_LABELS)
_FIRST_WORDS = _RELATED_FIRST | _SHARE_FIRST | _PLATFORM_WORDS | _LABEL_FIRST
#: Copyright lines and disclaimers are looked for in this many last lines (and in any
#: line that is not prose).
_TAIL_LINES = 5


def find_boilerplate(
    text: str, norm: NormalizedText | None = None, *, title: str = ""
) -> list[BoilerplateHit]:
    """Boilerplate and metadata spans of ``text`` (original offsets), sorted."""
    if norm is None:
        norm = normalize(text)
    ntext = norm.text
    lines = split_lines(ntext)
    if not lines:
        return []
    labels: dict[int, str] = {}  # position in ``lines`` -> reason
    hits: list[BoilerplateHit] = []

    tweets = tweet_embeds(ntext)  # the social extractor's detection, on the normalised text
    if tweets:
        for s, e in tweets:
            hits.append(BoilerplateHit(*norm.to_original_span(s, e), "boilerplate", "tweet_embed"))
        _mark_tweet_lines(lines, tweets, labels)

    body = [line.body for line in lines]
    footer = analyse_footer(ntext, lines, body)
    for block in footer.article_blocks:
        for k in block.lines:
            labels.setdefault(k, "footer")
    for k in footer.teaser_lines:
        labels.setdefault(k, "related")
    for name, f in footer.article_fields().items():
        if name in METADATA_FIELDS:
            s, e = norm.to_original_span(f.value_start, f.value_end)
            hits.append(BoilerplateHit(s, e, "metadata", name, field_value(f, text[s:e])))

    _mark_lines(ntext, lines, body, labels)
    _mark_header(lines, body, labels, title)
    if labels.get(0) == "title":
        s, e = norm.to_original_span(lines[0].start, lines[0].end)
        hits.append(BoilerplateHit(s, e, "metadata", "title", " ".join(text[s:e].split())))

    hits.extend(_merge(lines, labels, norm, text))
    hits.sort(key=lambda h: (h.start, -h.end, h.kind))
    return hits


def _mark_tweet_lines(
    lines: list[Line], tweets: list[tuple[int, int]], labels: dict[int, str]
) -> None:
    """Lines inside a tweet block are claimed (and emitted as the block, not per line)."""
    j = 0
    for k, line in enumerate(lines):
        s, e = line.start, line.end
        while j < len(tweets) and tweets[j][1] <= s:
            j += 1
        if j < len(tweets) and tweets[j][0] < e:
            labels[k] = "tweet_embed"


def _mark_lines(text: str, lines: list[Line], body: list[bool], labels: dict[int, str]) -> None:
    """Related headers (and the teaser headlines under a bare one), share, footer,
    byline and credit lines anywhere in the text.

    Long prose lines can only be copyright lines or disclaimers, and those close the
    page: they are looked at in the last lines only.
    """
    k = 0
    n = len(lines)
    tail = n - _TAIL_LINES
    # each looked for once, and only when needed: most texts need neither
    hinted = _LazyCheck(_has_footer_hint, text)
    # one look for a line hint in all the last lines spares a look in each prose line
    tail_hinted = _LazyCheck(_has_line_hint, text[lines[max(tail, 0)].start :] if lines else "")
    while k < n:
        line = lines[k]
        if (
            k in labels
            or (line.words > 30 and k < tail)
            or line.words > 60
            or (body[k] and line.first not in _FIRST_WORDS and "هنا" not in line.text and k < tail)
        ):
            k += 1
            continue
        footer_place = not body[k] or (k >= tail and tail_hinted())
        reason = _line_reason(line, body[k], footer_place, hinted)
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


def _footer_line(text: str) -> bool:
    """A copyright line or disclaimer (the regexes run only where a line hint is)."""
    return _has_line_hint(text) and bool(
        _FOOTER_PHRASE.search(text)
        or (_DISCLAIMER.search(text) and _DISCLAIMER_CONTEXT.search(text))
    )


def _has_line_hint(text: str) -> bool:
    """Has ``text`` one of :data:`_FOOTER_LINE_HINTS`? (A text has every hint its
    lines have: the hints are not changed by lower-casing what is around them.)"""
    return any(map(text.lower().__contains__, _FOOTER_LINE_HINTS))


def _has_footer_hint(text: str) -> bool:
    """Has ``text`` one of :data:`_FOOTER_HINTS`? (``str`` search beats a regex scan.)"""
    return any(map(text.__contains__, _FOOTER_HINTS))


class _LazyCheck:
    """``check(text)``, worked out on the first call only (never, if not called)."""

    __slots__ = ("_check", "_found", "_text")

    def __init__(self, check: Callable[[str], bool], text: str) -> None:
        self._check = check
        self._text = text
        self._found: bool | None = None

    def __call__(self) -> bool:
        if self._found is None:
            self._found = self._check(self._text)
        return self._found


def _line_reason(
    line: Line, is_body: bool, footer_place: bool, hinted: Callable[[], bool]
) -> str | None:
    """Why ``line`` is furniture, or ``None``. A copyright line or disclaimer is taken
    only in a ``footer_place`` (a short line, or one of the last lines), and only in a
    text that ``hinted`` says carries a footer hint."""
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
    if footer_place and _footer_line(text) and hinted():
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


#: Imperatives that are share/follow prompts on their own; the other share verbs
#: (شارك، تابعوا، انضموا …) also narrate events and need a platform or page word.
_SHARE_ALONE = frozenset(
    {"تابعونا", "تابعنا", "اشترك", "اشتركوا", "للاشتراك", "ادعمنا", "follow", "share", "subscribe"}
)
_SHARE_CONTEXT = re.compile(
    r"(?<!\w)(?:"
    + _alternation(
        [
            p
            for p in _PLATFORMS
            if p not in ("شارك", "مشاركة", "share", "tweet", "print", "طباعة", "x", "إكس")
        ]
        + [
            "الخبر",
            "المقال",
            "الصفحة",
            "صفحتنا",
            "قناتنا",
            "حساباتنا",
            "حسابنا",
            "موقعنا",
            "تطبيق",
            "النشرة",
            "الرابط",
            "التواصل",
        ]
    )
    + r")(?!\w)",
    re.IGNORECASE,
)


def _share_prompt(first: str, text: str) -> bool:
    return first in _SHARE_ALONE or _SHARE_CONTEXT.search(text) is not None


def _bare_header(line: Line) -> bool:
    m = RELATED_HEADER.match(line.text)
    return m is not None and len(line.text[m.end() :].strip(" :：-–—|")) < 3


def _is_byline(line: Line) -> bool:
    if line.words > 10 or len(line.text) > 120 or line.text[-1] in _SENTENCE_END:
        return False
    m = _BYLINE.match(line.text)
    if m is None:
        return False
    if m.group("colon"):
        return True
    return bool(m.group("strong")) and line.words <= 6


def _is_credit(line: Line) -> bool:
    text = line.text
    if line.words > 12 or len(text) > 120:
        return False
    if _SOURCE_LINE.match(text) or _PHOTO_CREDIT.match(text):
        return True
    tokens, covered = _agency_cover(text, whole=True)
    return covered > 0 and covered == tokens


def _mark_header(lines: list[Line], body: list[bool], labels: dict[int, str], title: str) -> None:
    """Title on the first line; dateline/credit lines between it and the body."""
    first_body = next((k for k, b in enumerate(body) if b), None)
    if first_body is None or first_body == 0:
        return
    if 0 not in labels and _is_title(lines[0], title):
        labels[0] = "title"
    for k in range(min(first_body, 5)):
        line = lines[k]
        if k in labels or line.words > 12 or line.text[-1] in _SENTENCE_END:
            continue
        if _dateline(line):
            labels[k] = "byline" if _BYLINE.search(line.text) else "credit"


_DATELINE_SEP = regex.compile(r"[ \t][-–—|][ \t]|/|[(\[]")


def _dateline(line: Line) -> bool:
    """``الرباط - وكالة …``، ``صوت الجزر - خاص``، ``بوابة الخليج (أ ف ب)``."""
    return bool(_DATELINE_SEP.search(line.text) or _agency_cover(line.text)[1])


def _is_title(line: Line, title: str) -> bool:
    if title and _norm(title) == " ".join(line.text.split()):
        return True
    if not (2 <= line.words <= 25 and len(line.text) <= 200) or line.text[-1] in ".:؛،,":
        return False
    separated = _DATELINE_SEP.search(line.text)
    # a dateline, credit or byline (``الرباط - د ب أ``، ``بيروت - فلان الفلاني``) and a
    # date line (``الاثنين … 1444هـ - 5 يونيو 2023م``) are not headlines
    if separated and (line.words <= 5 or _agency_cover(line.text)[1]) and line.words <= 6:
        return False
    return not (separated and _ENDS_WITH_YEAR.search(line.text))


_ENDS_WITH_YEAR = regex.compile(r"[0-9٠-٩]{4}\s{0,3}(?:م|هـ|ه)?\s{0,3}$")


def _merge(
    lines: list[Line], labels: dict[int, str], norm: NormalizedText, text: str
) -> Iterator[BoilerplateHit]:
    """One span per run of consecutive lines with the same reason (tweets excluded)."""
    run: list[int] = []
    for k in sorted(labels):
        if labels[k] == "tweet_embed":
            continue
        if run and (k != run[-1] + 1 or labels[k] != labels[run[-1]]):
            yield _span(lines, run, labels, norm)
            run = []
        run.append(k)
    if run:
        yield _span(lines, run, labels, norm)


def _span(
    lines: list[Line], run: list[int], labels: dict[int, str], norm: NormalizedText
) -> BoilerplateHit:
    s, e = norm.to_original_span(lines[run[0]].start, lines[run[-1]].end)
    return BoilerplateHit(s, e, "boilerplate", labels[run[0]])


class BoilerplateExtractor(Extractor):
    """Page furniture (tweets, credits, bylines, related, share, footers) and metadata."""

    name: ClassVar[str] = "boilerplate"
    kinds: ClassVar[tuple[str, ...]] = ("boilerplate", "metadata")
    labels: ClassVar[dict[str, tuple[str, ...]]] = {
        "boilerplate": REASONS,
        "metadata": ("published", "source", "category", "credibility", "importance", "title"),
    }
    description: ClassVar[str] = (
        "page furniture (tweets, credits, bylines, related, footers) and footer metadata"
    )

    def extract(self, article: Article, context: Context | None = None) -> Iterator[Span]:
        if not article.text or article.text.isspace():
            return
        norm = context.normalized if context is not None else normalize(article.text)
        for hit in find_boilerplate(article.text, norm, title=article.title):
            yield Span(hit.start, hit.end, hit.kind, hit.label, hit.value)


@hookimpl
def newslab_extractors() -> list[Extractor]:
    return [BoilerplateExtractor()]
