"""Example plugin: who is speaking when no one is named — anonymous attribution.

Arabic news leans on unnamed sources: «مصادر مطلعة», «مصدر مسؤول رفض الكشف عن
اسمه», «حسب وسائل إعلام», «نقلا عن ...». Counting them per outlet is a classic media
research question; this plugin marks each one as a span of its own kind,
``attribution``. Copy it, change the phrase lists, and run it with
``newslab annotate INPUT --plugins plugins/`` (or ``newslab.load_plugins("plugins/")``).
``docs/plugins.md`` tells the whole story; here are the five things to know.

1. The hook
   newslab collects extractors from every function named ``newslab_extractors`` that
   is decorated with ``@newslab.hookimpl`` (bottom of this file). It returns a list of
   extractor instances. Built-in extractors use the very same hook.

2. The Extractor class
   Subclass :class:`newslab.Extractor`; set ``name`` (unique), ``kinds`` (the kinds
   of span you emit) and ``labels`` (allowed labels per kind). Keep the constructor to
   storing parameters; do the work in ``extract(article, context)``, yielding
   :class:`newslab.Span` objects. It must never raise on odd text (empty, megabytes of
   quote marks...) and must give the same output every time.

3. Span offsets index ``article.text``
   ``Span(start, end, kind, label, value, attrs)``: ``article.text[start:end]`` is the
   phrase exactly as written. The runner checks that and fills the ``text``,
   ``article`` and ``extractor`` columns. ``value`` is a normalised string;
   ``attrs`` a JSON-able dict (here: the qualifier, or the relayed party).

4. Match on ``context.normalized`` and map offsets back
   Phrases are written with or without hamza on alef (إعلام / اعلام), with diacritics
   (مطّلعة), tatweel or Persian yeh. ``context.normalized.text`` has all that folded
   (see ``newslab.normalize``). Fold your phrase lists with the same function
   (``_fold`` below) so both sides are spelled alike, and write regex literals in
   folded form (ا for أ/إ, ي for final ى); ``context.normalized.to_original_span(s, e)``
   turns a match into offsets of ``article.text``.

5. Test it
   ``newslab.check_extractor(SourcesExtractor())`` is the conformance suite every
   extractor passes; ``tests/test_example_plugins.py`` holds a table of
   (sentence, expected spans) — write one for every phrase you add.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

import newslab
from newslab import Extractor, Span, normalize


def _fold(words: tuple[str, ...]) -> tuple[str, ...]:
    """Spell words the way ``context.normalized.text`` spells them."""
    return tuple(normalize(word).text for word in words)


# --- phrase lists (folded by _fold, so any spelling may be written here) ---------------

#: Adjectives after مصادر / مصدر that keep the source unnamed.
QUALIFIERS = _fold(
    (
        "مطلعة",
        "مطلع",
        "مقربة",
        "مقرب",
        "دبلوماسية",
        "دبلوماسي",
        "امنية",
        "امني",
        "عسكرية",
        "عسكري",
        "حكومية",
        "حكومي",
        "رسمية",
        "رسمي",
        "سياسية",
        "سياسي",
        "خاصة",
        "خاص",
        "متطابقة",
        "موثوقة",
        "موثوق",
        "مسؤولة",
        "مسؤول",
        "رفيعة",
        "رفيع",
        "محلية",
        "محلي",
        "اعلامية",
        "اعلامي",
        "قضائية",
        "قضائي",
        "طبية",
        "طبي",
        "ميدانية",
        "ميداني",
        "عليمة",
        "غربية",
        "إسرائيلية",
        "أمريكية",
        "أوروبية",
        "عربية",
        "مصرفية",
        "برلمانية",
    )
)
#: Possessives for "his/her/their name or identity".
IDENTITY = _fold(
    (
        "اسمه",
        "اسمها",
        "اسميهما",
        "اسمائهم",
        "هويته",
        "هويتها",
        "هويتهما",
        "هويتهم",
        "هوياتهم",
    )
)
#: Verbs (and participles) of asking not to be named.
WITHHOLD_VERBS = _fold(
    (
        "رفض",
        "رفضت",
        "رفضوا",
        "طلب",
        "طلبت",
        "طلبوا",
        "فضل",
        "فضلت",
        "فضلوا",
        "اشترط",
        "اشترطت",
        "رافضا",
        "طالبا",
        "مفضلا",
        "مشترطا",
    )
)
MEDIA_QUALIFIERS = _fold(
    (
        "اعلامية",
        "صحفية",
        "صحافية",
        "محلية",
        "عبرية",
        "غربية",
        "امريكية",
        "رسمية",
        "أجنبية",
        "عربية",
        "دولية",
    )
)
#: Words that end the party named after «نقلا عن».
PARTY_STOP = frozenset(
    _fold(
        (
            "قوله",
            "قولها",
            "قولهم",
            "قولهما",
            "إن",
            "أن",
            "إنه",
            "أنه",
            "إنها",
            "أنها",
            "أنهم",
            "بأن",
            "بأنه",
            "بأنها",
            "في",
            "إلى",
            "على",
        )
    )
)
ANONYMOUS_HEADS = frozenset(
    _fold(
        (
            "مصادر",
            "مصدر",
            "المصادر",
            "المصدر",
            "مسؤول",
            "مسؤولين",
            "مسؤولون",
            "وسائل",
            "تقارير",
            "تقرير",
        )
    )
)
_LEVEL = "(?: (?:ال)?" + normalize("مستوى").text + ")?"  # "رفيع المستوى": high-ranking


def _any(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_START = r"(?<![\p{L}\p{N}_])[وفبلك]?"  # a clitic before the phrase stays outside the span
_END = r"(?![\p{L}\p{N}])"

PATTERNS: dict[str, regex.Pattern] = {
    "anonymous_source": regex.compile(
        _START
        + r"(?P<phrase>(?:ال)?(?:مصادر|مصدر(?:ا|ان|ين)?) (?:ال)?(?P<qualifier>"
        + _any(QUALIFIERS)
        + ")"
        + _LEVEL
        + r"|(?:ال)?مسؤول(?:ا|ان|ون|ين)? (?:ال)?(?P<qualifier>رفيع|رفيعو|كبير|كبار|بارز)"
        + _LEVEL
        + ")"
        + _END
    ),
    "withheld_identity": regex.compile(
        _START
        + r"(?P<phrase>(?:"
        + _any(WITHHOLD_VERBS)
        + r" (?:عدم )?(?:الكشف عن|كشف|ذكر|نشر|الافصاح عن)|(?:من )?(?:دون|بدون) (?:الكشف عن|ذكر|نشر|الافصاح عن)"
        + r"|(?:لم|لا) (?:يكشف|تكشف|يذكر|تذكر|يفصح|تفصح)(?: عن)?) "
        + _any(IDENTITY)
        + r")"
        + _END
    ),
    "media_reports": regex.compile(
        _START
        + r"(?P<phrase>(?:(?:حسب|بحسب|وفق) (?:ما (?:ذكرت|اوردت|نقلت|افادت) )?|(?:وفقا|طبقا) ل"
        + r"|(?:افادت|ذكرت|اوردت|قالت|اشارت|تحدثت) )"
        + r"(?:ال)?(?:وسائل (?:ال)?اعلام|تقارير|تقرير)(?: (?:ال)?(?P<qualifier>"
        + _any(MEDIA_QUALIFIERS)
        + r"))?)"
        + _END
    ),
}
_RELAYED = regex.compile(_START + r"(?P<phrase>نقلا عن)" + _END)
_TOKEN = regex.compile(
    r"[ \t]{1,20}(?P<word>[\p{L}\p{N}@_](?:[\p{L}\p{N}@_.\-]{0,38}[\p{L}\p{N}@_])?)"
)
_MAX_PARTY_WORDS = 5


class SourcesExtractor(Extractor):
    """Anonymous and relayed attribution (مصادر مطلعة، نقلا عن ...)."""

    name = "sources"
    kinds = ("attribution",)
    labels: ClassVar[dict[str, tuple[str, ...]]] = {
        "attribution": ("anonymous_source", "withheld_identity", "media_reports", "relayed")
    }
    description = "anonymous sources and relayed attribution (example plugin)"

    def extract(self, article: newslab.Article, context: newslab.Context) -> Iterator[Span]:
        normalized = context.normalized
        text = normalized.text
        found: list[Span] = []
        for label, pattern in PATTERNS.items():
            for match in pattern.finditer(text):
                start, end = normalized.to_original_span(*match.span("phrase"))
                qualifier = match.group("qualifier") if "qualifier" in pattern.groupindex else None
                attrs = {"qualifier": qualifier} if qualifier else {}
                found.append(Span(start, end, "attribution", label, match.group("phrase"), attrs))
        for match in _RELAYED.finditer(text):
            party_end, words = _party(text, match.end("phrase"))
            if not words:
                continue
            start, end = normalized.to_original_span(match.start("phrase"), party_end)
            party_start, _ = normalized.to_original_span(match.end("phrase"), party_end)
            party = article.text[party_start:end].strip()
            attrs = {"party": party, "anonymous": words[0] in ANONYMOUS_HEADS}
            found.append(Span(start, end, "attribution", "relayed", " ".join(words), attrs))
        yield from sorted(found, key=lambda s: (s.start, s.end, s.label))


def _party(text: str, position: int) -> tuple[int, list[str]]:
    """Words naming the party after «نقلا عن», up to punctuation or a stop word."""
    words: list[str] = []
    end = position
    while len(words) < _MAX_PARTY_WORDS:
        token = _TOKEN.match(text, end)
        if token is None or token.group("word") in PARTY_STOP:
            break
        words.append(token.group("word"))
        end = token.end("word")
    return end, words


@newslab.hookimpl
def newslab_extractors() -> list[Extractor]:
    """The hook newslab calls: return extractor instances."""
    return [SourcesExtractor()]
