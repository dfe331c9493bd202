"""Built-in ``quotes`` extractor: direct quotations, their speaker and speech cue.

How it works, in three linear passes over the normalised text:

1. **Pair the marks.** Quotation marks of every style (“ ” „ « » " ‘ ’ ') are scanned
   once, left to right; each family (double marks, guillemets, single marks) keeps at
   most one open mark. A closing-looking mark with nothing open is ignored, a mark that
   reopens after a line break drops the unbalanced opener, and no quote may be longer
   than :data:`MAX_QUOTE_CHARS` — so stray marks never swallow the rest of the text.
2. **Keep speech, drop names.** A short quoted span ("Ynet TV", «عبد الله», a title)
   is a quote only when a speech cue introduces it right there (``قال: "…"``) or follows
   it (``"…"، قال …``); one that an entity span covers, or that follows a naming noun
   (قناة، صحيفة، اسم …), is a name. Longer spans are quotes.
3. **Find who speaks.** The speech cue (قال، أضاف، مضيفا، حسب، في بيان …) after the
   quote, or else the last one before it in the same sentence, gives the subject: a
   person or organisation the entity extractor found there; a role phrase (وزير الدفاع)
   resolved to the person it names; a statement (وأضاف البيان) resolved to the
   organisation that issued it; or nothing (``وأضاف: "…"``), resolved to the previous
   speaker or the last person named.

Spans exclude the marks; ``value`` is the quoted text; ``attrs`` hold ``speaker`` (as
written), ``speaker_canonical``, ``cue`` and ``resolved_from``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, eq, itemgetter, le, lt
from typing import Any, ClassVar, NamedTuple

from newslab.arabic.normalize import NormalizedText, normalize
from newslab.extract.base import Context, Extractor
from newslab.extract.lexicon import trie_pattern
from newslab.hooks import hookimpl
from newslab.spans import Span

__all__ = ["MAX_QUOTE_CHARS", "QuoteExtractor", "newslab_extractors"]

#: Longest quotation kept (characters): an unclosed mark never runs further.
MAX_QUOTE_CHARS = 1500
#: Quoted spans of at most this many words need a speech cue right beside them.
SHORT_QUOTE_WORDS = 4
#: How far back (characters) a speech cue before a quote is looked for.
CUE_WINDOW = 320
#: How far back cues are read to know who spoke last (indirect speech included).
CONTEXT_WINDOW = 1200
#: How far back a role phrase (وزير الدفاع) is looked up next to a person's name.
ROLE_WINDOW = 6000

# ------------------------------------------------------------------ lexicons
# Written as in print; normalised once at import with the extractor's own normaliser.

_SPEECH_VERBS = """
قال قالت قالوا قالا يقول تقول يقولون
أكد أكدت أكدوا يؤكد تؤكد
أضاف أضافت أضافوا يضيف تضيف
صرح صرحت صرحوا يصرح تصرح
أوضح أوضحت أوضحوا يوضح توضح
تابع تابعت تابعوا يتابع تتابع
أفاد أفادت أفادوا يفيد تفيد
شدد شددت شددوا يشدد تشدد
أشار أشارت أشاروا يشير تشير
اعتبر اعتبرت اعتبروا يعتبر تعتبر
أعلن أعلنت أعلنوا يعلن تعلن
ذكر ذكرت ذكروا يذكر تذكر
كتب كتبت كتبوا يكتب تكتب
غرد غردت غردوا يغرد تغرد
أردف أردفت استطرد استطردت
ختم ختمت اختتم اختتمت
علق علقت علقوا يعلق تعلق
حذر حذرت حذروا يحذر تحذر
لفت لفتت نبه نبهت نوه نوهت
رأى رأت رأوا يرى ترى يرون
أقر أقرت أقروا يقر تقر
اعترف اعترفت اعترفوا يعترف تعترف
نفى نفت نفوا ينفي تنفي
تساءل تساءلت
أبرز أبرزت يبرز تبرز
دعا دعت
نقل نقلت
جاء ورد
"""

_PARTICIPLES = """
مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة مبرزا مبرزة
معتبرا معتبرة لافتا لافتة منبها منبهة محذرا محذرة متابعا متابعة
قائلا قائلة مردفا مردفة مستطردا مستطردة مشددا مشددة معلنا معلنة
خاتما خاتمة متسائلا متسائلة مبينا مبينة منوها منوهة معربا معربة
معترفا معترفة مقرا مقرة داعيا داعية
"""

#: Attribution phrases whose subject follows them (``حسب الوزارة``).
_ACCORDING = [
    "حسب",
    "بحسب",
    "حسبما",
    "بحسب ما",
    "وفق",
    "وفقا ل",
    "وفق ما",
    "وفقا لما",
    "نقلا عن",
    "على لسان",
    "على حد تعبير",
    "على حد قول",
]

#: Attribution to someone already named (``"…"، على حد تعبيره``).
_ATTRIBUTED = [
    f"{head} {noun}{suffix}"
    for head in ("على حد", "حسب", "بحسب", "وفق")
    for noun in ("تعبير", "قول", "وصف")
    for suffix in ("ه", "ها", "هم")
]

#: Phrases that mark speech but name no subject (``… في بيان``).
_SPEECH_PHRASES = [
    "في بيان",
    "في تصريح",
    "في تصريحات",
    "في مقابلة",
    "في تغريدة",
    "في حديث",
    "في كلمة",
    "في منشور",
    "في رسالة",
    "في مؤتمر صحفي",
]

#: Words after which a short quoted span is a name or title, not speech.
_NAMING_NOUNS = """
اسم باسم عنوان بعنوان شعار بشعار لقب وسم هاشتاغ هاشتاغ
قناة صحيفة جريدة مجلة موقع وكالة إذاعة تلفزيون شبكة منصة تطبيق برنامج
حركة حزب منظمة جمعية مجموعة جماعة تنظيم ائتلاف تحالف جبهة كتلة
عملية مبادرة خطة صفقة اتفاق اتفاقية اتفاقيات مشروع مؤتمر مهرجان منتدى قمة
كتاب فيلم مسلسل رواية أغنية قصيدة مقال تقرير فيلم
شركة مؤسسة مركز معهد نادي فريق مستشفى مطعم فندق مدرسة جامعة
مصطلح كلمة عبارة وصف تسمية لقب
"""

#: Generic heads that name what follows them only when indefinite (``حملة "…"``, not
#: ``الحملة "ستشمل كل المحافظات"``).
_NAMING_HEADS = """
آلية أنبوب أنبوبي خط لائحة لوائح قائمة قوائم حملة جائزة كأس دوري معرض ملتقى ميثاق إعلان
قانون مسلسل فيلم نظام استراتيجية رؤية وثيقة بطولة
"""

#: Words opening a role phrase: the speaker is a person described by office or title.
_ROLE_WORDS = """
رئيس رئيسة وزير وزيرة قائد قائدة متحدث متحدثة ناطق ناطقة مدير مديرة أمين أمينة
سفير سفيرة مسؤول مسؤولة جنرال لواء عميد عقيد فريق ملك ملكة أمير أميرة شيخ نائب
نائبة عضو عضوة زعيم زعيمة مستشار مستشارة مبعوث مبعوثة ممثل ممثلة مندوب مندوبة
دكتور دكتورة سيد سيدة بروفيسور حاخام مفوض مفوضة محافظ محافظة والي عمدة قاضي قاضية
مدعي مراسل مراسلة بريغادير كولونيل رائد نقيب مفتي بطريرك كاردينال بابا إمام
أستاذ أستاذة باحث باحثة أكاديمي محامي محامية مدرب مدربة ناخب
"""

#: Anonymous speakers: never resolved to a named person.
_ANONYMOUS = """
مصدر مصادر شاهد شهود مسؤول مسؤولون مسؤولين خبير خبراء محلل محللون مواطن مواطنون
ناشط ناشطون ناشطين عضو أعضاء أحد بعض
"""

#: Documents that speak for whoever issued them (``وأضاف البيان``).
_DOCUMENTS = """
بيان البيان بلاغ البلاغ تقرير التقرير رسالة الرسالة منشور المنشور تغريدة التغريدة
إعلان الإعلان نص النص وثيقة الوثيقة مذكرة المذكرة
"""

#: Pronouns standing for the previous speaker.
_PRONOUNS = "هو هي هم هما هن إنه إنها أنه أنها"

#: Tokens that end a subject phrase after a cue verb.
_SUBJECT_STOPS = """
أن إن بأن أنه إنه أنها إنها أنهم إنهم أنّ لأن في خلال أمام على عبر ضمن بعد قبل عن مع إلى
حول بشأن بخصوص يوم اليوم أمس مساء صباح ليل ليلة الأحد الإثنين الاثنين الثلاثاء الأربعاء
الخميس الجمعة السبت عندما حين بينما كما حيث الذي التي الذين اللذين اللتين لدى قوله قولها
وقد قد ثم لكن ولكن بل كذلك أيضا
عقب إثر أثناء قبيل بعيد وسط رغم ردا تعليقا بدوره بدورها بدورهم مجددا
"""

_MAX_SUBJECT_TOKENS = 8

#: Words right after a short quoted span that show it is a name used as a subject.
_NAME_FOLLOWERS_TEXT = "إن أن بأن إنه أنه في عن على"

#: Function words and adverbs: never a speaker, never part of a name.
_FUNCTION_WORDS_TEXT = """
ما إذ إذا لا لم لن لما كما مما بما عما هذا هذه ذلك تلك هنا هناك كان كانت يكون تكون
وكان وكانت فقد لقد وقد قد ثم لكن و ف أو أم إلا سوى غير من الذي التي كل أي إنما
صراحة مجددا مرة سابقا لاحقا حينها حينذاك مؤخرا فقط شخصيا رسميا علنا بدوره بدورها
غدا أمس اليوم الآن أيضا كذلك بدورهم نفسه نفسها
لكنه لكنها لكنهم ولكنه ولكنها ولكنهم فإنه فإنها وإنه وإنها بينما فيما
"""

#: Words that open reported content: a short quoted span after them is speech.
_COMPLEMENTIZERS_TEXT = "أن إن بأن وأن وإن أنه إنه أنها إنها أنهم إنهم وأنه وإنه وأنها وإنها لأن"

#: Separate prepositions: an entity right after one is an object, not a subject.
_PREPOSITIONS_TEXT = "في مع عن على إلى من لدى عند بين حول أمام ضد تجاه نحو بحق لصالح"


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    return normalize(word).text


@lru_cache(maxsize=8192)
def _folded_tails(name: str) -> tuple[str, tuple[str, ...]]:
    """``name`` folded, and its tails after each word (``محمد بن علي``: ``بن علي``, ``علي``)."""
    folded = _fold(name)
    words = folded.split()
    return folded, tuple(" ".join(words[n:]) for n in range(1, len(words)))


def _words(block: str) -> list[str]:
    return [_fold(w) for w in block.split()]


_VERB_WORDS = _words(_SPEECH_VERBS)
_PARTICIPLE_WORDS = _words(_PARTICIPLES)
_NAMING = frozenset(_words(_NAMING_NOUNS))
_NAMING_BARE = frozenset(w[2:] if w.startswith("ال") else w for w in _NAMING)
_HEADS = frozenset(_words(_NAMING_HEADS))
_ROLES = frozenset(_words(_ROLE_WORDS))
_ANON = frozenset(_words(_ANONYMOUS))
_DOCS = frozenset(_words(_DOCUMENTS))
_PRONOUN_WORDS = frozenset(_words(_PRONOUNS))
_STOPS = frozenset(_words(_SUBJECT_STOPS))
_NAME_FOLLOWERS = frozenset(_words(_NAME_FOLLOWERS_TEXT))
_RELAYING = frozenset(_words("نقل نقلت نقلوا"))
_LOCATING = frozenset(_words("جاء ورد"))
_VERB_SET = frozenset(_VERB_WORDS) | frozenset(_PARTICIPLE_WORDS)
_FUNCTION = frozenset(_words(_FUNCTION_WORDS_TEXT)) | _STOPS | _PRONOUN_WORDS
_COMPLEMENTIZERS = frozenset(_words(_COMPLEMENTIZERS_TEXT))
_PREPOSITIONS = frozenset(_words(_PREPOSITIONS_TEXT))
#: Sentence openers of background information (``وكان فلان قد زار …``, ``يذكر أن …``).
_BACKGROUND = frozenset(_words("وكان وكانت كان كانت يذكر ويذكر يشار ويشار وتجدر تجدر"))
_COUNTERPARTS = frozenset(_words("نظيره نظيرته نظيرها نظيرتها نظراءه نظراءها"))
_NASAB = frozenset(_words("بن ابن بنت ولد"))
_OBJECT_PREPOSITIONS = frozenset(_words("إلى الى على"))  # دعا إلى "…", شدد على "…"
_RESUMPTIVE = frozenset(_words("به بها بهم له لها لهم عنه عنها فيه فيها"))
#: Prepositions a title's complement may hold before the holder's name.
_TITLE_PREPOSITIONS = frozenset(_words("في لدى باسم"))

_LETTER = r"\w"  # the stdlib engine: several times faster here than `regex`
#: Folded cue form -> kind: verb, participle, according (حسب), phrase (في بيان).
_CUE_KINDS: dict[str, str] = {}
for _kind, _forms in (
    ("phrase", [_fold(p) for p in _SPEECH_PHRASES]),
    ("according", [_fold(p) for p in _ACCORDING]),
    ("participle", _PARTICIPLE_WORDS),
    ("verb", _VERB_WORDS),
    ("saying", _words("قوله قولها قولهم قولهما")),  # نقلت … عن فلان قوله
    ("saying", [_fold(p) for p in _ATTRIBUTED]),  # "…"، على حد تعبيره
):
    for _form in _forms:
        _CUE_KINDS.setdefault(_form, _kind)
# One pattern for every cue, its alternatives arranged as a trie; و/ف may come first.
_CUE_PATTERN = re.compile(rf"(?<!\w)[وف]?(?P<cue>{trie_pattern(_CUE_KINDS)})(?!\w)")
# ``وفق ما أعلنه الجيش``, ``حسب ما صرح به``: the attribution phrase yields to its verb.
_ACCORDING_VERB = re.compile(
    rf"\s+(?:ما\s+)?(?P<verb>(?:{trie_pattern(_VERB_WORDS)})(?:ه|ها|هم)?)(?!\w)"
)


def _cue_at(norm: str, match: re.Match[str]) -> _Cue:
    """The cue a :data:`_CUE_PATTERN` match found."""
    return _cue_from(norm, match.group("cue"), match.start(), match.end())


def _cue_from(norm: str, written: str, start: int, end: int) -> _Cue:
    """The cue ``written`` (the trie's match) at ``[start, end)``, an optional و/ف
    included."""
    # blanks inside a phrase may be any run of whitespace
    kind = _CUE_KINDS.get(written) or _CUE_KINDS.get(" ".join(written.split()), "verb")
    if kind == "according":
        verb = _ACCORDING_VERB.match(norm, end)
        if verb is not None:
            start, end = verb.start("verb"), verb.end()
    return _new_tuple(_Cue, (start, end, kind, norm[start:end]))


# A cue right after a closing mark: ``"…"، قال فلان`` / ``"…" كما قال الجيش``.
_TRAILING_CUE = re.compile(
    rf"[ \t\u00a0،,\-–—)]{{0,6}}(?:و?كما\s+|ثم\s+|هكذا\s+)?(?={_CUE_PATTERN.pattern})"
)


def _trailing_cue(norm: str, position: int) -> _Cue | None:
    """The cue right after a closing mark that ends at ``position``, if any: read from
    the lookahead of :data:`_TRAILING_CUE`, which matched the cue already."""
    trailing = _TRAILING_CUE.match(norm, position)
    if trailing is None:
        return None
    return _cue_from(norm, trailing.group("cue"), trailing.end(), trailing.end("cue"))


_TOKEN = re.compile(r"\w+|\S")
_RELATIVE_ISSUER = re.compile(r"\s+(?:الذي|التي)\s+\w{2,20}\s+")
_WORD = re.compile(r"\w+")
_MARKED_NAME = re.compile(r"[\"«]([^\"«»\n]{2,60})[\"»]")
#: A full stop before a blank, or a line break (the class first: the engine skips to it).
_SENTENCE_END = re.compile(r"[.!?؟\n](?:(?<=\n)|(?=\s))")

# Quotation marks as they look after normalisation, and the original characters.
_MARKS = re.compile(r"[\"']")
_GUILLEMET_OPEN = "«‹"
_GUILLEMET_CLOSE = "»›"
_GUILLEMETS = _GUILLEMET_OPEN + _GUILLEMET_CLOSE
_SINGLE = "'‘’‚‛′ʼ"


# ------------------------------------------------------------------ pass 1: marks


class _Pair(NamedTuple):
    """A pair of quotation marks; offsets in the normalised text."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark


_OPENING = itemgetter(0)
#: ``tuple.__new__(NamedTupleClass, values)`` builds a named tuple without the Python-level
#: ``__new__`` of the class: used where many are built (pairs, entities, cues, spans).
_new_tuple = tuple.__new__


def pair_marks(norm: str, original_char, marks: Sequence[int] | None = None) -> list[_Pair]:
    """Pair quotation marks in one left-to-right pass (linear in the text length).

    ``original_char(i)`` gives the original character behind normalised index ``i``
    (the normaliser folds every mark to ``"`` or ``'``, the direction lives in the
    original). Families are paired independently; see the module docstring.
    ``marks``: where the marks are in ``norm``, if the caller found them already.
    """
    if marks is None:
        marks = [m.start() for m in _MARKS.finditer(norm)]
    return _pair_marks(norm, [original_char(i) for i in marks], marks)


def _pair_marks(norm: str, chars: Sequence[str], marks: Sequence[int]) -> list[_Pair]:
    """:func:`pair_marks` given the original character of each mark (``chars``)."""
    pairs: list[_Pair] = []
    open_at: dict[str, int] = {}
    n = len(norm)
    for i, char in zip(marks, chars, strict=True):
        if char in _GUILLEMETS:  # their direction pairs them: the neighbours do not matter
            start = open_at.get("guillemet")
            if char in _GUILLEMET_OPEN:
                open_at["guillemet"] = i  # a second opener drops an unbalanced first
            elif start is not None:
                del open_at["guillemet"]
                if i - start - 1 <= MAX_QUOTE_CHARS:  # else an unbalanced opener: forgotten
                    pairs.append(_new_tuple(_Pair, (start, i)))
            continue
        before = norm[i - 1] if i > 0 else " "
        after = norm[i + 1] if i + 1 < n else " "
        word_before, word_after = before.isalnum(), after.isalnum()
        if char in _SINGLE:
            family = "single"
            if word_before and word_after:
                continue  # an apostrophe: Kohavi's, l'armée
        else:
            family = "double"
        opening_like = not word_before and not after.isspace()
        closing_like = not before.isspace() and not word_after
        start = open_at.get(family)
        if start is not None and i - start - 1 > MAX_QUOTE_CHARS:
            del open_at[family]  # an unbalanced opener: forget it
            start = None
        if start is None:
            if closing_like and not opening_like:
                continue  # a stray closing mark
            open_at[family] = i
            continue
        if opening_like and not closing_like and norm.find("\n", start, i) >= 0:
            open_at[family] = i  # the old opener was left unclosed before a new paragraph
            continue
        if family == "single" and norm.find("\n", start, i) >= 0:
            open_at[family] = i if opening_like else None
            if open_at[family] is None:
                del open_at[family]
            continue
        pairs.append(_new_tuple(_Pair, (start, i)))
        del open_at[family]
    pairs.sort(key=_OPENING)  # a mark opens one pair at most: no two pairs tie
    return pairs


# ------------------------------------------------------------------ entity helpers


class _Entity(NamedTuple):
    start: int  # normalised offsets
    end: int
    label: str
    text: str  # as written
    canonical: str


class _EntityIndex(NamedTuple):
    """Sorted entity starts and the running maximum of their ends (normalised offsets)."""

    starts: list[int]
    max_ends: list[int]


class _EntityTable:
    """The entity extractor's spans of one article in normalised offsets, sorted.

    Read column by column with C-level calls (about 90 entities an article); the
    :class:`_Entity` of one is made only when a quote looks at it (about a quarter are).
    """

    def __init__(self, context: Context | None, nt: NormalizedText):
        spans = context.spans(kind="entity") if context is not None else []
        columns = _span_columns(spans)
        if not _strictly_increasing(columns[0]):  # the entity extractor sorts its spans
            spans = sorted(spans, key=itemgetter(0, 1))  # (start, end)
            columns = _span_columns(spans)
        count = len(spans)
        self._o_starts, self._o_ends, _, labels, self._values = columns[:5]
        self.starts, self.ends = _normalized_columns(nt, self._o_starts, self._o_ends)
        self._original = nt.original
        labels = list(labels)
        self.labels = labels if _plain_strings(labels) else [label or "" for label in labels]
        # a plain non-empty string value is the canonical form itself
        self._plain_values = _plain_strings(self._values) and "" not in self._values
        self._made: list[_Entity | None] = [None] * count
        self._index: _EntityIndex | None = None

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, k: int) -> _Entity:
        entity = self._made[k]
        if entity is None:
            text = self._original[self._o_starts[k] : self._o_ends[k]]
            entity = _new_tuple(
                _Entity, (self.starts[k], self.ends[k], self.labels[k], text, self._canonical(k))
            )
            self._made[k] = entity
        return entity

    def _canonical(self, k: int) -> str:
        """The span's value, else its text without a leading clitic."""
        value = self._values[k]
        if self._plain_values:
            return value
        return str(value or "") or _strip_clitic(
            self._original[self._o_starts[k] : self._o_ends[k]]
        )

    def between(self, first: int, last: int) -> list[_Entity]:
        """The entities ``first`` to ``last - 1``."""
        made = self._made[first:last]
        if None in made:
            made = [self[k] for k in range(first, last)]
        return made

    def people(self) -> list[str]:
        """Canonical names of the PER entities, in order."""
        if self._plain_values:
            return list(compress(self._values, map(eq, self.labels, repeat("PER"))))
        return [self._canonical(k) for k, label in enumerate(self.labels) if label == "PER"]

    @property
    def index(self) -> _EntityIndex:
        if self._index is None:
            self._index = _EntityIndex(self.starts, list(accumulate(self.ends, max)))
        return self._index


class _ArticleEntities:
    """The :class:`_EntityTable` of one article, read on first use: an article whose
    quotation marks make no quote (apostrophes, quoted names) never needs it."""

    def __init__(self, context: Context | None, nt: NormalizedText):
        self._context = context
        self._nt = nt
        self._table: _EntityTable | None = None

    @property
    def table(self) -> _EntityTable:
        if self._table is None:
            self._table = _EntityTable(self._context, self._nt)
        return self._table


def _span_columns(spans: list[Span]) -> list[tuple[Any, ...]]:
    """The spans' fields column by column (start, end, kind, label, value, …): one C-level
    transposition instead of one getter call per span and field."""
    # every span has Span's fields: no length check needed (strict=True costs a third more)
    return list(zip(*spans, strict=False)) if spans else [()] * len(Span._fields)


def _normalized_columns(
    nt: NormalizedText, starts: Sequence[int], ends: Sequence[int]
) -> tuple[list[int], list[int]]:
    """The original offsets ``starts`` (sorted) and ``ends`` in normalised offsets, as
    ``nt.to_normalized_many`` maps them.

    Entity spans do not overlap, so the ends usually rise with the starts: then each
    column is cut at the few segment boundaries of ``nt`` by bisection and mapped a run
    at a time (a shift, or the segment's end for offsets inside deleted characters),
    not offset by offset.
    """
    if starts and starts[0] >= 0 and ends[0] >= 0 and _rising(ends):
        segments = nt.segments
        size = len(nt.original)
        if segments is None:  # aligned: the same offsets (past the end: the end)
            return _clamped(list(starts), size), _clamped(list(ends), size)
        ends_at = [norm for norm, _, _ in segments[1:]] + [len(nt.text)]
        return (
            _map_rising(_clamped(list(starts), size), segments, ends_at),
            _map_rising(_clamped(list(ends), size), segments, ends_at),
        )
    offsets = nt.to_normalized_many([*starts, *ends]) if starts else []
    return offsets[: len(starts)], offsets[len(starts) :]


def _clamped(offsets: list[int], size: int) -> list[int]:
    """``offsets`` (rising) with those past ``size`` made ``size``."""
    if offsets and offsets[-1] > size:
        cut = bisect_right(offsets, size)
        offsets[cut:] = repeat(size, len(offsets) - cut)
    return offsets


def _map_rising(
    offsets: list[int], segments: Sequence[tuple[int, int, bool]], ends_at: list[int]
) -> list[int]:
    """:meth:`NormalizedText.to_normalized` of each of the rising ``offsets`` (none
    negative or past the original's end), one segment's run of offsets at a time."""
    out = [0] * bisect_left(offsets, segments[0][1])  # inside deletions at the very start
    for k, (norm_start, orig_start, identity) in enumerate(segments):
        low = len(out)
        if k + 1 < len(segments):
            high = bisect_left(offsets, segments[k + 1][1], low)
        else:
            high = len(offsets)
        if low == high:
            continue
        end = ends_at[k]
        if identity:  # a shift, up to the first original offset past the segment's text
            inside = bisect_left(offsets, orig_start + end - norm_start, low, high)
            out += map(add, offsets[low:inside], repeat(norm_start - orig_start))
            out += repeat(end, high - inside)
        else:  # the expansion of the one character at orig_start
            out += (norm_start if offset == orig_start else end for offset in offsets[low:high])
    return out


def _rising(values: Sequence[int]) -> bool:
    """Is no value smaller than the one before (one C-level pass)?"""
    return all(map(le, values, islice(values, 1, None)))


def _strictly_increasing(values: list[int]) -> bool:
    """Is every value greater than the one before (one C-level pass)?"""
    return all(map(lt, values, islice(values, 1, None)))


def _plain_strings(values: list[Any]) -> bool:
    """Is every item an instance of ``str`` itself (one C-level pass over the types)?"""
    return set(map(type, values)) <= {str}


@lru_cache(maxsize=8192)
def _strip_clitic(word: str) -> str:
    """``والجيش`` -> ``الجيش``, ``وكوخافي`` stays (no ال to anchor the clitic)."""
    folded = _fold(word)
    for prefix in ("وبال", "وال", "فال", "بال", "كال", "لل"):
        if folded.startswith(prefix):
            cut = len(prefix) - 2 if prefix != "لل" else 1
            return word[cut:] if prefix != "لل" else "ال" + word[2:]
    return word


# ------------------------------------------------------------------ speakers


class _Speaker(NamedTuple):
    text: str
    canonical: str
    how: str  # entity, role, statement, pronoun, text


class _Cue(NamedTuple):
    start: int
    end: int
    kind: str  # verb, participle, according, phrase
    text: str  # as written (original)


@dataclass(frozen=True)
class _Shifted:
    """A match position moved back into whole-text offsets."""

    _start: int
    _end: int

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _literal_hits(text: str, needle: str, start: int, end: int) -> Iterator[_Shifted]:
    """Non-overlapping occurrences of ``needle`` in ``text[start:end]``, left to right:
    what ``re.finditer(re.escape(needle), text[start:end])`` finds, shifted back into
    whole-text offsets, without copying the text or compiling a pattern (``needle`` is
    never empty: a role phrase)."""
    at = text.find(needle, start, end)
    while at >= 0:
        yield _Shifted(at, at + len(needle))
        at = text.find(needle, at + len(needle), end)


#: ``بيان لوزارة الصحة``: the issuer after a document noun (``ل`` + up to four words) …
_OWNER = re.compile(r"\s+ل(?!ل)(\w+(?:\s+(?!في|على|عن|من|إلى|الى|أن|ان)\w+){0,3})")
#: … or after ``لل`` (``بيان للجيش``), whose article the caller puts back.
_OWNER_DEFINITE = re.compile(r"\s+لل(\w+(?:\s+(?!في|على|عن|من|الى|ان)\w+){0,3})")


def _index_tails(full_names: dict[str, str | None], canonical: str) -> None:
    """:meth:`_Resolver.learn_name` on the index ``full_names``."""
    folded, tails = _folded_tails(canonical)
    for tail in tails:
        if tail not in full_names:
            full_names[tail] = canonical
            continue
        known = full_names[tail]
        if known is None:
            continue
        known_folded = _fold(known)
        if known_folded.endswith(" " + folded):
            continue  # the known name is a longer form of this one
        full_names[tail] = (
            canonical if folded.endswith(" " + known_folded) or folded == known_folded else None
        )


_TAILS = itemgetter(1)


class _FullNames:
    """Folded tails of person names (``بنخضرة``, ``بن عمر``) -> the full canonical name.

    The names come in order: every distinct person canonical of the article, with the
    speakers learnt before the first look-up, then each speaker learnt after it. The index
    is what :func:`_index_tails` makes of them in that order, but it is built only when a
    look-up may find something: a key that is no name's tail (most are: a speaker's full
    name) is answered by the set of every tail, which grows only by names not seen yet.
    """

    def __init__(self, people: Callable[[], list[str]]):
        self._people = people  # the article's person canonicals, read on first look-up
        self._names: list[str] | None = None  # in indexing order, from the first look-up
        self._pending: list[str] = []  # names learnt before it
        self._seen: set[str] = set()  # the distinct names of ``_names``
        self._tails: set[str] = set()  # their tails
        self._index: dict[str, str | None] = {}  # _index_tails of the names ``[:_indexed]``
        self._indexed = 0

    def learn(self, canonical: str) -> None:
        if self._names is None:
            self._pending.append(canonical)
            return
        self._names.append(canonical)
        if canonical not in self._seen:
            self._seen.add(canonical)
            self._tails.update(_folded_tails(canonical)[1])

    def get(self, key: str) -> str | None:
        """The full name whose tail ``key`` is; None if two names share it, or none has it."""
        names = self._names
        if names is None:
            names = self._names = list(dict.fromkeys(self._people() + self._pending))
            self._seen.update(names)
            self._tails.update(chain.from_iterable(map(_TAILS, map(_folded_tails, names))))
        if key not in self._tails:  # no tail of any name: not in the index either
            return None
        for canonical in islice(names, self._indexed, None):
            _index_tails(self._index, canonical)
        self._indexed = len(names)
        return self._index.get(key)


class _Resolver:
    """Finds subjects of speech cues and remembers the last speaker of the article."""

    def __init__(self, nt: NormalizedText, entities: _EntityTable):
        self.nt = nt
        self.norm = nt.text
        self.entities = entities
        self.entity_starts = entities.starts  # for bisection
        self.last: _Speaker | None = None
        self.last_is_person = False
        self.last_issuer: _Speaker | None = None
        self.quoted: list[tuple[int, int]] = []
        self.since = 0  # end of the previous quote
        self.attribution: tuple[_Cue | None, _Speaker | None] = (None, None)  # the previous quote's
        # folded tail of a person's name (``بنخضرة``, ``بن عمر``) -> the full canonical name
        self.full_names = _FullNames(entities.people)
        # the last subject phrase speaker_of looked in, and whether a person is named there
        self.person_phrase: tuple[tuple[int, int] | None, bool] = (None, False)

    def learn_name(self, canonical: str) -> None:
        """Index every tail of a multi-word name; a tail two people share stays unresolved."""
        self.full_names.learn(canonical)

    def full_name(self, name: str) -> str:
        """The longest person name of the article that ``name`` is the tail of, else ``name``."""
        return self.full_names.get(_fold(name).strip()) or name

    def original(self, start: int, end: int) -> str:
        o_start, o_end = self.nt.to_original_span(start, end)
        return self.nt.original[o_start:o_end]

    # -- entities near a position
    def any_entity_in(self, start: int, end: int) -> bool:
        """Does an entity start in ``[start, end)``?"""
        first = bisect_left(self.entity_starts, start)
        return bisect_left(self.entity_starts, end, first) > first

    def entities_in(self, start: int, end: int) -> list[_Entity]:
        """Entities starting in ``[start, end)``, in order."""
        first = bisect_left(self.entity_starts, start)
        return self.entities.between(first, bisect_left(self.entity_starts, end, first))

    def last_person_before(self, position: int) -> _Entity | None:
        return self._last_before(position, "PER")

    def last_organisation_before(self, position: int) -> _Entity | None:
        return self._last_before(position, "ORG")

    def _last_before(self, position: int, label: str) -> _Entity | None:
        """The last entity with ``label`` that ends by ``position``."""
        labels, ends = self.entities.labels, self.entities.ends
        k = bisect_right(self.entity_starts, position) - 1
        while k >= 0:
            if labels[k] == label and ends[k] <= position:
                return self.entities[k]
            k -= 1
        return None

    # -- who the sentence is about
    def governed(self, entity: _Entity) -> bool:
        """True when a preposition makes the entity an object or addressee, not a subject:
        ``مع الوزير فلان``, ``بالسفير فلان``, ``نظيره فلان``, ``للكاظمي``."""
        folded = self.norm[entity.start : entity.end]
        if (
            folded[:1] == "ل"
            and folded[:2] != "ال"
            and folded.split()[0] not in _fold(entity.canonical).split()
        ):
            return True
        tokens = _TOKEN.findall(self.norm, max(0, entity.start - 80), entity.start)
        head_seen = False  # one indefinite head noun may stand between: حول تصريحات فلان
        for token in reversed(tokens[-5:]):
            if token in _PREPOSITIONS or token in _COUNTERPARTS:
                return True
            if token.startswith(("بال", "لل", "وبال", "ولل")):
                return True
            if token.startswith("ال") or _bare(token) in _ROLES:
                continue
            if head_seen or not _is_word(token) or token[:1] in "وف" or token in _VERB_SET:
                return False
            head_seen = True
        return False

    def sentence_subject(self, position: int) -> _Speaker | None:
        """The named subject of the sentence a cue without its own subject belongs to
        (``ورحب الوزير فلان بالاتفاق، قائلا``, ``…، إذ قال``): the first person before the
        cue that no preposition governs, else the first such organisation."""
        organisation = None
        for entity in self.entities_in(_sentence_start(self.norm, position), position):
            if (
                entity.end > position
                or _inside_any(entity.start, self.quoted)
                or self.governed(entity)
            ):
                continue
            if entity.label == "PER":
                return self.person(self.holder(entity, position))
            if entity.label == "ORG" and organisation is None:
                organisation = entity
        if organisation is None:
            return None
        return _Speaker(_strip_clitic(organisation.text), organisation.canonical, "entity")

    def holder(self, entity: _Entity, limit: int) -> _Entity:
        """The name a chain of person mentions ends with: in ``رئيس [غرفة التجارة]
        [فلان]`` or ``… [سعود] الدكتور [فلان]`` the last one is the title's holder."""
        k = bisect_right(self.entity_starts, entity.start)
        while k < len(self.entity_starts) and self.entity_starts[k] < limit:
            following = self.entities[k]
            k += 1
            if following.start < entity.end:
                continue
            gap = self.norm[entity.end : following.start]
            if following.label != "PER" or not (not gap.strip() or _titles_only(gap)):
                break
            entity = following
        return entity

    def subject_since(self, since: int, position: int) -> _Entity | None:
        """A person who is the subject of a sentence between the last quote and here."""
        starts, labels, ends = self.entity_starts, self.entities.labels, self.entities.ends
        # the entities starting in [since, position], last first
        for k in range(bisect_right(starts, position) - 1, bisect_left(starts, since) - 1, -1):
            if labels[k] != "PER" or ends[k] > position or _inside_any(starts[k], self.quoted):
                continue
            entity = self.entities[k]
            opening = _WORD.findall(
                self.norm, _sentence_start(self.norm, entity.start), entity.start
            )
            if opening and opening[0] in _BACKGROUND:
                continue  # ``وكان فلان قد …``: background, the speaker keeps the floor
            if len(opening) <= 5 and not self.governed(entity):
                return entity
        return None

    def person(self, entity: _Entity, role: str = "") -> _Speaker:
        """A person speaker, with the name completed where the entity caught only part of
        it (``رمضان [بن عمر]``, ``[أمينة] بنخضرة أن``) and its longest form in the article."""
        start, end = entity.start, entity.end
        words = self.norm[start:end].split()
        if not words:  # a remembered speaker, not a mention
            return _Speaker(role or entity.text, entity.canonical, "role" if role else "entity")
        if len(words) == 1 or words[0] in _NASAB:
            before = _TOKEN.findall(self.norm, max(0, start - 60), start)[-2:]
            if (
                len(before) == 2
                and _is_name_word(before[1])
                and _opens_subject(before[0])
                and not self.any_entity_in(start - len(before[1]) - 1, start)
            ):
                start = self.norm.rfind(before[1], 0, start)  # a given name before a bare surname
        if len(words) == 1:
            after = _TOKEN.findall(self.norm, end, min(len(self.norm), end + 60))[:2]
            if (
                after
                and _is_name_word(after[0].removeprefix("ال") if len(after[0]) > 4 else after[0])
                and after[0] not in _FUNCTION
                and (len(after) < 2 or after[1] in _FUNCTION or not _is_word(after[1]))
                and not self.any_entity_in(end, end + len(after[0]) + 2)
            ):
                end = self.norm.find(after[0], end) + len(after[0])  # a surname after a given name
        if (start, end) == (entity.start, entity.end):
            canonical = entity.canonical
            if len(canonical.split()) <= len(entity.text.split()):
                canonical = self.full_name(canonical)
            return _new_tuple(  # _Speaker(text, canonical, how)
                _Speaker,
                (role or _strip_clitic(entity.text), canonical, "role" if role else "entity"),
            )
        written = _strip_clitic(self.original(start, end))
        return _Speaker(role or written, self.full_name(written), "role" if role else "entity")

    # -- the subject phrase after a cue
    def subject_after(self, start: int, limit: int, cue: _Cue) -> tuple[int, int] | None:
        """Span of the subject phrase that starts at ``start`` (before ``limit``).

        Read in two steps: the words a subject may follow (a verb, an addressee) are
        skipped until its first word, then words are taken until one ends the phrase.
        """
        tokens: Iterator[re.Match[str]] = _TOKEN.finditer(self.norm, start, limit)  # lazily
        verb = _cue_verb(cue.text)
        if verb in _RELAYING:  # نقلت الوكالة عن الوزير قوله: the speaker follows عن
            listed = list(tokens)
            after = next((i for i, t in enumerate(listed) if t.group() == "عن"), None)
            tokens = iter(listed[after + 1 :] if after is not None else listed)
        elif verb in _LOCATING:
            head = next(tokens, None)
            if head is not None and head.group() != "في":  # جاء في البيان: skip في
                tokens = chain((head,), tokens)
        numbered = enumerate(tokens)
        for index, token in numbered:  # up to the subject's first word
            word = token.group()
            if not (word[0].isalnum() or word[0] == "_"):  # not a word (see _is_word)
                if word in _MARK_TOKENS:
                    continue  # a name in guillemets: قال المتحدث «فلان»
                return None
            if word in _STOPS:
                return None
            if word in _BEFORE_SUBJECT:
                continue  # حسب ما صرح به وكيله
            if _addressee(word) and not self._inside_person(token.start()):
                continue  # قال للصحفيين: the addressee comes before the (unwritten) subject
            first, last = token.start(), token.end()
            room = index < _MAX_SUBJECT_TOKENS + 2  # may the phrase go on?
            break
        else:
            return None
        previous = token
        if room:
            for index, token in numbered:  # the subject's further words
                word = token.group()
                if not (word[0].isalnum() or word[0] == "_"):
                    if word not in _MARK_TOKENS:
                        break
                    previous = token
                    continue
                if word in _ENDS_SUBJECT:
                    break
                if (
                    word[0] == "ل"
                    and not word.startswith("ال")
                    and not self._inside_person(token.start())
                    and previous.group() not in '"«'  # صحيفة "لوموند"
                ):
                    break  # an addressee: لقناة، لرويترز، للصحفيين
                last = token.end()
                if index >= _MAX_SUBJECT_TOKENS + 2:
                    break
                previous = token
        # keep a person whose name runs past the stop (read from the columns)
        starts, ends = self.entity_starts, self.entities.ends
        lowest = bisect_left(starts, first)
        for k in range(lowest, bisect_left(starts, last, lowest)):
            if starts[k] < last < ends[k]:
                last = ends[k]
        return first, last

    def _inside_person(self, position: int) -> bool:
        """Is ``position`` inside a person's name that starts at most 60 characters before?
        (Read from the table's columns: no entity is made.)"""
        starts, labels, ends = self.entity_starts, self.entities.labels, self.entities.ends
        first = bisect_left(starts, position - 60)
        return any(
            labels[k] == "PER" and position < ends[k]
            for k in range(first, bisect_left(starts, position + 1, first))
        )

    def has_person(self, start: int, end: int) -> bool:
        """Does a person's name start in ``[start, end)``?"""
        if self.person_phrase[0] == (start, end):  # told by speaker_of already
            return self.person_phrase[1]
        first = bisect_left(self.entity_starts, start)
        return "PER" in self.entities.labels[first : bisect_left(self.entity_starts, end, first)]

    def subject_before(self, cue_start: int, floor: int) -> tuple[int, int] | None:
        """Subject written before the verb (``الوزير قال``), within the clause."""
        window_start = max(floor, cue_start - 80)
        tokens = list(_TOKEN.finditer(self.norm, window_start, cue_start))
        collected: list[re.Match[str]] = []
        for token in reversed(tokens):
            if not _is_word(token.group()) or token.group() in _FUNCTION:
                break  # also ``لكنه رأى``, ``إذ قال``: the subject is not written here
            collected.append(token)
            if len(collected) >= 5:
                break
        if not collected:
            return None
        return collected[-1].start(), collected[0].end()

    # -- from a phrase to a speaker
    def speaker_of(
        self, phrase: tuple[int, int] | None, cue: _Cue, position: int
    ) -> _Speaker | None:
        if phrase is None:
            return self.sentence_subject(cue.start) or self.previous(position)
        start, end = phrase
        words = _WORD.findall(self.norm, start, end)
        if not words or words[0] in _FUNCTION:  # no subject written: ``إذ قال``, ``وأضاف هو``
            return self.sentence_subject(cue.start) or self.previous(position)
        first = bisect_left(self.entity_starts, start)
        stop = bisect_left(self.entity_starts, end, first)
        labels = self.entities.labels[first:stop]
        self.person_phrase = phrase, "PER" in labels  # what has_person tells of it
        if self.person_phrase[1]:  # the first person named there
            return self.person(self.holder(self.entities[first + labels.index("PER")], end))
        head = _bare(words[0])
        inside = self.entities.between(first, stop)
        marked = _MARKED_NAME.search(self.norm, start, min(len(self.norm), end + 1))
        if marked is not None and head in _ROLES:
            name = self.original(*marked.span(1))
            return _Speaker(name, name, "text")
        if head in _DOCS:
            text = _strip_clitic(self.original(start, _first_word_end(self.norm, start, end)))
            issuer = (
                self.relative_issuer(end)
                or self.document_issuer(head, start)
                or self.last_issuer
                or _entity_speaker(self.last_organisation_before(start))
            )
            return _Speaker(text, issuer.canonical if issuer else text, "statement")
        written = self.original(start, end)
        if head in _ROLES:
            if (
                head in _ANON
                and not any(_bare(w) != w or w.startswith("ال") for w in words[1:])
                and not words[0].startswith("ال")
            ):
                return _Speaker(written, written, "text")
            person = self.role_holder(words, start)
            if person is not None and start < person.start <= end + 100:
                return self.person(person)  # the name follows its title: قال الوزير فلان
            if person is not None:
                return self.person(person, role=_strip_clitic(written))
            return _Speaker(_strip_clitic(written), _strip_clitic(written), "text")
        others = [e for e in inside if e.label in ("ORG", "GPE", "LOC", "MISC")]
        if others and (others[0].start <= start + 2 or _bare(words[0]) in _NAMING_BARE):
            entity = others[0]
            return _Speaker(_strip_clitic(entity.text), entity.canonical, "entity")
        if head in _ANON:
            if words[0].startswith("ال"):  # الخبير في الشؤون الأمنية الدكتور فلان
                person = self.role_holder(words, start, salience=False)
                if person is not None:
                    return self.person(person)
            return _Speaker(written, written, "text")
        written = _strip_clitic(written)
        return _Speaker(written, self.full_name(written), "text")

    def relative_issuer(self, position: int) -> _Speaker | None:
        """The organisation in ``التقرير الذي أعدته المنظمة``, right after the document."""
        for entity in self.entities_in(position, position + 60):
            if entity.label in ("ORG", "GPE") and _RELATIVE_ISSUER.fullmatch(
                self.norm, position, entity.start
            ):
                return _Speaker(_strip_clitic(entity.text), entity.canonical, "entity")
        return None

    def document_issuer(self, head: str, position: int) -> _Speaker | None:
        """Who issued the statement named earlier: ``بيان لوزارة الصحة``, ``بيان الحزب``,
        or the subject of ``قال X في بيان``. Never a person's guess: None if unknown."""
        floor = max(0, position - ROLE_WINDOW)
        found = None
        for hit in re.finditer(
            rf"(?<!\w)(?:[وفب]|ل|في\s+)?(?:ال)?{re.escape(head)}(?!\w)", self.norm[floor:position]
        ):
            found = hit
        if found is None:
            return None
        at, after = floor + found.start(), floor + found.end()
        for entity in self.entities_in(after, after + 40):
            gap = self.norm[after : entity.start]
            if (
                entity.label in ("ORG", "GPE")
                and len(gap.split()) <= 1
                and not any(c in gap for c in ".:،\n")
            ):
                return _Speaker(entity.text, entity.canonical, "entity")
        owner = _OWNER.match(self.norm[after : after + 80])
        if owner is None:
            owner = _OWNER_DEFINITE.match(self.norm[after : after + 80])
            if owner is not None:
                name = "ال" + self.original(after + owner.start(1), after + owner.end(1))
                return _Speaker(name, name, "text")
        if owner is not None:
            name = self.original(after + owner.start(1), after + owner.end(1))
            return _Speaker(name, name, "text")
        verbs = [m for m in _CUE_PATTERN.finditer(self.norm, max(floor, at - 120), at)]
        for verb in reversed(verbs):
            cue = _cue_at(self.norm, verb)
            if cue.kind == "verb":
                phrase = self.subject_after(cue.end, at, cue)
                if phrase is not None:
                    inside = [e for e in self.entities_in(*phrase) if e.label in ("ORG", "GPE")]
                    if inside:
                        return _Speaker(inside[0].text, inside[0].canonical, "entity")
                break
        return None

    def role_holder(
        self, words: Sequence[str], position: int, salience: bool = True
    ) -> _Entity | None:
        """The person a definite role phrase names: an apposition elsewhere, else salience."""
        role = " ".join(words[: min(len(words), 3)])
        window = max(0, position - ROLE_WINDOW)
        latest = None  # the nearest earlier apposition wins, the phrase's own comes first
        for hit in _literal_hits(self.norm, role, window, position + 200):
            found = None
            for entity in self.entities_in(hit.end(), hit.end() + 100):
                if entity.label != "PER" or not _apposition_gap(
                    self.norm[hit.end() : entity.start]
                ):
                    continue
                between = self.norm[found.end : entity.start] if found is not None else ""
                if found is not None and between.strip() and not _titles_only(between):
                    break  # ``الوزير فلان ونظيره فلان``: the first one holds the title
                found = entity  # المديرة العامة للمكتب الوطني … فلانة; … الدكتور فلان
            if found is None:
                before = [
                    e
                    for e in self.entities_in(hit.start() - 40, hit.start())
                    if e.end <= hit.start()
                ]
                if (
                    before
                    and before[-1].label == "PER"
                    and self.norm[before[-1].end : hit.start()].strip() in ("،", ",", "")
                ):
                    found = before[-1]
            if found is not None and hit.start() == position:
                return found
            if found is not None and hit.start() < position:
                latest = found
        if latest is not None or not salience:
            return latest
        if self.last is not None and self.last.how in ("entity", "role") and self.last_is_person:
            return _Entity(0, 0, "PER", self.last.text, self.last.canonical)
        return self.last_person_before(position)

    def previous(self, position: int) -> _Speaker | None:
        """Who "he/she" is: the subject of a speech verb since the last quote, the last
        quote's speaker, or the last person named."""
        indirect = self.indirect_before(position)
        if indirect is not None:
            return _Speaker(indirect.text, indirect.canonical, "pronoun")
        named = self.subject_since(self.since, position)
        if named is not None:  # another person took the floor since the last quote
            person = self.person(named)
            if self.last is None or _fold(person.canonical) != _fold(self.last.canonical):
                return _Speaker(person.text, person.canonical, "pronoun")
        if self.last is not None:
            return _Speaker(self.last.text, self.last.canonical, "pronoun")
        person = self.last_person_before(position)
        if person is not None:
            return _Speaker(_strip_clitic(person.text), person.canonical, "pronoun")
        return None

    def indirect_before(self, position: int) -> _Speaker | None:
        """Speaker of reported speech (``وأكد الوزير أن …``) since the previous quote."""
        start = max(self.since, position - CONTEXT_WINDOW)
        found = [_cue_at(self.norm, m) for m in _CUE_PATTERN.finditer(self.norm, start, position)]
        for cue in reversed(found):
            if cue.kind not in ("verb", "according") or _inside_any(cue.start, self.quoted):
                continue
            limit = min(_sentence_end(self.norm, cue.end), cue.end + 120, position)
            phrase = self.subject_after(cue.end, limit, cue)
            if phrase is None:
                continue
            words = _WORD.findall(self.norm, *phrase)
            if not words or words[0] in _PRONOUN_WORDS:
                continue
            if self.any_entity_in(*phrase) or _bare(words[0]) in _ROLES or _bare(words[0]) in _DOCS:
                return self.speaker_of(phrase, cue, cue.start)
        return None

    def remember(self, speaker: _Speaker | None, cue: _Cue, is_person: bool) -> None:
        if speaker is None or speaker.how == "pronoun":
            return
        self.last = speaker
        self.last_is_person = is_person
        if is_person:
            self.learn_name(speaker.canonical)  # a later bare surname names the same person
        if not is_person and speaker.how in ("entity", "statement"):
            self.last_issuer = speaker  # who a later "the statement added" speaks for


#: Quotation marks a subject phrase may hold (``قال المتحدث «فلان»``), as tokens.
_MARK_TOKENS = frozenset("«»\"'")
#: Words skipped before a subject's first word: a verb (``حسب ما صرح به``), a pronoun.
_BEFORE_SUBJECT = _VERB_SET | _RESUMPTIVE
#: Words that end a subject phrase once it started.
_ENDS_SUBJECT = _STOPS | _VERB_SET


@lru_cache(maxsize=1024)
def _cue_verb(text: str) -> str:
    """The verb of a cue as written (its last word, without a و/ف before a verb)."""
    verb = text.split()[-1]
    return verb[1:] if verb[:1] in "وف" and verb[1:] in _VERB_SET else verb


def _entity_speaker(entity: _Entity | None) -> _Speaker | None:
    return None if entity is None else _Speaker(entity.text, entity.canonical, "entity")


def _is_name_word(word: str) -> bool:
    """Could ``word`` (normalised) be part of a person's name next to a partial entity?"""
    return (
        len(word) >= 2
        and word.isalpha()
        and not word.startswith(("ال", "لل", "بال"))
        and word not in _FUNCTION
        and word not in _VERB_SET
        and word not in _NAMING
        and _bare(word) not in _ROLES
        and _bare(word) not in _DOCS
        and not word.endswith(("ه", "ها", "هم", "هما", "ا"))
    )


def _apposition_gap(gap: str) -> bool:
    """Can ``gap`` stand between a title and its holder's name (``للمكتب الوطني للمعادن``)?"""
    if any(c in gap for c in ".:؛\n"):
        return False
    words = _WORD.findall(gap)
    return len(words) <= 6 and not any(
        (w in _FUNCTION and w not in _TITLE_PREPOSITIONS) or w in _VERB_SET for w in words
    )


def _addressee(word: str) -> bool:
    """``للصحفيين``, ``لقناة``, ``لرويترز``-like words: to whom something was said."""
    return word.startswith("لل") or (word[:1] == "ل" and _bare(word[1:]) in _NAMING_BARE)


def _titles_only(gap: str) -> bool:
    """Is ``gap`` a title before a name (``الدكتور``, ``الأمير``), nothing else?"""
    words = _WORD.findall(gap)
    if not words or any(c in gap for c in "،,"):
        return False
    return all(
        _bare(w) in _ROLES or (w.startswith("ال") and w not in _FUNCTION) for w in words
    ) and any(_bare(w) in _ROLES for w in words)


def _opens_subject(token: str) -> bool:
    """A token a subject's name may follow: a speech verb, a title or a definite word."""
    verb = token[1:] if token[:1] in "وف" and token[1:] in _VERB_SET else token
    return (
        verb in _VERB_SET
        or _bare(token) in _ROLES
        or (token.startswith("ال") and token not in _FUNCTION)
    )


def _bare(word: str) -> str:
    """A word without a leading و/ف and without ال, for lexicon look-ups."""
    if (
        len(word) > 3
        and word[0] in "وف"
        and (word[1:] in _ROLES or word[1:] in _DOCS or word[1:3] == "ال")
    ):
        word = word[1:]
    if word.startswith("ال") and len(word) > 3:
        return word[2:]
    return word


def _is_word(token: str) -> bool:
    """Is a :data:`_TOKEN` token a word (``\\w+``), not a punctuation mark? (``\\w`` is
    ``isalnum`` or ``_``; cheaper than a regex call per token.)"""
    return token[0].isalnum() or token[0] == "_"


def _first_word_end(norm: str, start: int, end: int) -> int:
    match = _WORD.search(norm, start, end)
    return match.end() if match else end


# ------------------------------------------------------------------ the extractor


class QuoteExtractor(Extractor):
    """Direct quotations with speaker, canonical speaker and speech cue."""

    name = "quotes"
    kinds = ("quote",)
    labels: ClassVar[dict[str, tuple[str, ...]]] = {"quote": ("direct",)}
    requires = ("entities",)
    description = "Direct quotations (any quotation-mark style) with speaker and speech cue"

    def __init__(self, *, max_chars: int = MAX_QUOTE_CHARS, short_words: int = SHORT_QUOTE_WORDS):
        self.max_chars = max_chars
        self.short_words = short_words

    def extract(self, article: Any, context: Context | None = None) -> Iterator[Span]:
        text = article.text
        if not text or not _has_mark(text):
            return
        nt = context.normalized if context is not None else normalize(text)
        norm = nt.text
        entities = _ArticleEntities(context, nt)
        marks = _mark_positions(norm)
        if nt.is_aligned:  # the original character behind each mark
            chars = list(map(text.__getitem__, marks))
        else:  # the original offsets of every mark, mapped in one call
            chars = [text[s] for s, _ in nt.to_original_spans([(i, i) for i in marks])]

        accepted: list[tuple[int, int, _Pair]] = []
        last_end = -1
        long_span = _more_words_than(self.short_words)  # speech without asking _is_speech
        for pair in _pair_marks(norm, chars, marks):
            if pair.open < last_end:
                continue  # nested inside a kept quote
            start, end = _trim(norm, pair.open + 1, pair.close)
            if end <= start or end - start > self.max_chars:
                continue
            if long_span.match(norm, start, end) is None and not self._is_speech(
                norm, pair, start, end, entities
            ):
                continue
            accepted.append((start, end, pair))
            last_end = pair.close + 1
        if not accepted:
            return

        resolver = _Resolver(nt, entities.table)
        cues = _CueReader(norm, [p.open for _, _, p in accepted])
        resolver.quoted = [(p.open, p.close) for _, _, p in accepted]
        previous_close = 0
        attributed: list[tuple[_Cue | None, _Speaker | None]] = []
        for number, (_start, _end, pair) in enumerate(accepted):
            resolver.since = previous_close
            cue, speaker = self._attribute(
                resolver, norm, pair, cues.before(number), previous_close
            )
            resolver.attribution = (cue, speaker)
            previous_close = pair.close + 1
            attributed.append((cue, speaker))
        # map every quote and cue to original offsets in one call each
        quote_spans = nt.to_original_spans([(start, end) for start, end, _ in accepted])
        cue_spans = iter(
            nt.to_original_spans([(cue.start, cue.end) for cue, _ in attributed if cue])
        )
        for (o_start, o_end), (cue, speaker) in zip(quote_spans, attributed, strict=True):
            attrs: dict[str, Any] = {
                "speaker": speaker.text if speaker else "",
                "speaker_canonical": speaker.canonical if speaker else "",
                "cue": _written(text, *next(cue_spans)) if cue else "",
                "resolved_from": speaker.how if speaker else "",
            }
            quoted = text[o_start:o_end]
            # Span(o_start, o_end, "quote", "direct", quoted, attrs, text=quoted)
            yield _new_tuple(
                Span, (o_start, o_end, "quote", "direct", quoted, attrs, quoted, "", "")
            )

    # -- is it speech?
    def _is_speech(
        self, norm: str, pair: _Pair, start: int, end: int, entities: _ArticleEntities
    ) -> bool:
        """Long quoted spans are speech; short ones only beside a speech cue."""
        if _more_words_than(self.short_words).match(norm, start, end) is not None:
            return True
        words = _WORD.findall(norm, start, end)  # a short span: a few words
        if not words:
            return False
        if _names_entity(entities.table.index, start, end):
            return False  # the quoted text is a name the entity extractor knows
        previous = _WORD.findall(norm, max(0, pair.open - 30), pair.open)
        if previous and (
            _bare(previous[-1]) in _NAMING_BARE
            or (previous[-1].startswith("ل") and _bare(previous[-1][1:]) in _NAMING_BARE)
        ):
            return False  # صحيفة "…", لقناة "…", اسم "…"
        if previous and (
            previous[-1] in _HEADS or (previous[-1][:1] in "وبل" and previous[-1][1:] in _HEADS)
        ):
            return False  # آلية "…", بحملة "…"
        before = norm[max(0, pair.open - 60) : pair.open]
        colon = before.rstrip().endswith((":", "："))
        cues = list(_CUE_PATTERN.finditer(before))
        if cues and colon:
            return True  # قال الوزير: "لا"
        following = _WORD.match(norm, _skip_spaces(norm, pair.close + 1))
        if following is not None and following.group() in _NAME_FOLLOWERS:
            # قالت "الصحيفة" إن …: the quoted name is the subject; but in
            # أكد أن بلاده "لا تسعى إلى التصعيد" في المنطقة the span is reported speech
            return following.group() not in _COMPLEMENTIZERS and _in_reported_speech(
                norm, pair.open, pair.close, words
            )
        if cues and not before[cues[-1].end() :].strip():
            return True  # وأضاف "…"
        if colon and len(words) >= 2:
            return True
        if _TRAILING_CUE.match(norm, pair.close + 1) is not None:
            return True
        return _in_reported_speech(norm, pair.open, pair.close, words)

    # -- who said it?
    def _attribute(self, resolver, norm, pair, cues, previous_close):
        """The cue and speaker of one quote; ``cues`` reads the cues before it, last first."""
        cue = _trailing_cue(norm, pair.close + 1)
        attributed = None  # ``"…"، على حد تعبيره``: names no one, the speaker is earlier
        if cue is not None:
            # a participle's subject is the clause's, what follows it is its object
            phrase = (
                resolver.subject_after(cue.end, _subject_limit(norm, cue), cue)
                if cue.kind not in ("phrase", "participle")
                else None
            )
            if phrase is not None or cue.kind not in ("participle", "saying"):
                speaker = resolver.speaker_of(phrase, cue, pair.open)
                resolver.remember(speaker, cue, _is_person(resolver, phrase))
                return cue, speaker
            attributed = cue if cue.kind == "saying" else None
        floor = max(previous_close, pair.open - CUE_WINDOW, _sentence_start(norm, pair.open))
        chosen: _Cue | None = None
        # every cue from the floor on follows the previous quote and ends by this one's
        # opening mark (the floor is at or after the previous closing mark): none is quoted
        for cue in cues(floor):
            if cue.kind != "phrase":
                chosen = cue
                break
            chosen = chosen or cue
        if (
            chosen is None
            and previous_close
            and _SENTENCE_END.search(norm, previous_close, pair.open) is None
        ):
            return (
                resolver.attribution
            )  # ``قالت إن "…" الحوادث، وإن "…"``: one sentence, one speaker
        if chosen is None:
            phrase = (
                resolver.subject_before(pair.open, floor)
                if norm[max(0, pair.open - 3) : pair.open].strip().endswith(":")
                else None
            )
            speaker = (
                resolver.speaker_of(phrase, _Cue(pair.open, pair.open, "colon", ""), pair.open)
                if phrase
                else None
            )
            if speaker is not None:
                resolver.remember(speaker, _Cue(0, 0, "colon", ""), _is_person(resolver, phrase))
            elif phrase is None:  # no cue at all: وصفت المنظمة الأحكام بأنها "جائرة"
                speaker = resolver.sentence_subject(pair.open)
                if speaker is None and attributed is not None:
                    speaker = resolver.previous(pair.open)
            return attributed, speaker
        if chosen.kind == "phrase":
            phrase = resolver.subject_before(chosen.start, floor)
        elif chosen.kind in ("participle", "saying"):
            phrase = None
            lowest = max(floor - CUE_WINDOW, _sentence_start(norm, chosen.start))
            for earlier in cues(lowest):
                if earlier.start >= chosen.start:
                    continue  # the chosen cue and those after it
                if earlier.kind in ("verb", "according"):
                    phrase = resolver.subject_after(earlier.end, chosen.start, earlier)
                    break
        else:
            phrase = resolver.subject_after(chosen.end, pair.open, chosen)
            if phrase is None and chosen.kind == "verb":
                phrase = resolver.subject_before(chosen.start, floor)
        speaker = resolver.speaker_of(phrase, chosen, pair.open)
        resolver.remember(speaker, chosen, _is_person(resolver, phrase))
        return chosen, speaker


@lru_cache(maxsize=16)
def _more_words_than(count: int) -> re.Pattern[str]:
    """A pattern that matches at the start of a span with more than ``count`` words
    (``\\w+`` runs, as :data:`_WORD` finds them; possessive, so a run is never split)."""
    return re.compile(rf"(?:\W*+\w++){{{count + 1}}}")


def _names_entity(entities: _EntityIndex, start: int, end: int) -> bool:
    """Is ``[start, end)`` (give or take one character at each side) an entity's span?

    Some entity starts at ``<= min(start + 1, end - 1)`` and ends at
    ``>= max(end - 1, start + 1)``: a bisection over the sorted starts and the running
    maximum of the ends, so many short quotes cost no scan over every entity.
    """
    k = bisect_right(entities.starts, min(start + 1, end - 1))
    return k > 0 and entities.max_ends[k - 1] >= max(end - 1, start + 1)


def _in_reported_speech(norm: str, mark: int, close: int, words: Sequence[str]) -> bool:
    """A short quoted span inside reported speech (``قال الوزير إن الحكومة "لن تتراجع"``):
    a speech cue earlier in the sentence, and the span sits in the reported content, after
    أن/إن, or is the object of the cue (``دعا إلى "…"``). Never a name glued to a clitic
    (``لـ"وات"``) or a span without Arabic words (``"Ynet TV"``)."""
    if mark > 0 and norm[mark - 1].isalpha():
        return False
    if not any("\u0600" <= w[0] <= "\u06ff" for w in words):
        return False
    start = _sentence_start(norm, mark)
    found = list(_CUE_PATTERN.finditer(norm, start, mark))  # one sentence: a few cues at most
    if not found:
        return False
    cue = found[-1]
    # reported content opens after the cue and after any quotation already closed there
    between = _WORD.findall(norm, max(cue.end(), norm.rfind('"', cue.end(), mark) + 1), mark)
    if not (
        any(w in _COMPLEMENTIZERS for w in between)
        or (bool(between) and between[-1] in _OBJECT_PREPOSITIONS)
    ):
        return False
    # a definite noun phrase or a model name the clause goes on about is a name or a term:
    # أن "الدولة العميقة" تقاوم التغيير, أن منتجها "هاتف 15" سيطرح
    nominal = words[0].startswith("ال") or (len(words) <= 2 and any(w.isdigit() for w in words))
    following = _WORD.match(norm, _skip_spaces(norm, close + 1))
    if nominal and len(words) == 1:
        return False  # سيواجه "الأسود" في النهائي
    return not (nominal and following is not None and following.group() not in _FUNCTION)


class _CueReader:
    """Speech cues in the stretch of text before each quote, read on first use.

    Cues are read only there (not over the whole text): articles are mostly not
    quotation. The stretch before quote ``n`` starts :data:`CUE_WINDOW` characters before
    its opening mark, or at the previous quote's opening mark if that is nearer, and ends
    at its own: the stretches follow each other without overlapping. A stretch is read
    from its end back only as far as asked, from a character no cue contains (a full
    stop, a comma, a quotation mark: see :func:`_sync_before`): a quote whose cue follows
    it (``"…"، قال فلان``) never has the text before it read, and one whose cue is in its
    own sentence has only that sentence read. As every cue is made of letters and blanks,
    none spans such a character, so reading from one finds what one search over the
    merged windows of all quotes finds.
    """

    def __init__(self, norm: str, opens: Sequence[int]):
        self.norm = norm
        self.opens = opens  # the accepted quotes' opening marks, in order
        # per stretch: where reading started (a sync position) and the cues found after it
        self.read: list[tuple[int, list[_Cue]] | None] = [None] * len(opens)

    def stretch(self, number: int, floor: int) -> list[_Cue]:
        """The cues before quote ``number`` (and after the previous quote's opening mark),
        read at least as far back as ``floor``; in order."""
        read = self.read[number]
        if read is not None and read[0] <= floor:
            return read[1]
        norm, opens = self.norm, self.opens
        read_from, cues = read if read is not None else (opens[number], [])
        start = max(0, opens[number] - CUE_WINDOW, opens[number - 1] if number else 0)
        sync = _sync_before(norm, floor, start)
        if sync < read_from:
            found = [_cue_at(norm, m) for m in _CUE_PATTERN.finditer(norm, sync, read_from)]
            cues = found + cues if cues else found
            read_from = sync
        self.read[number] = read_from, cues
        return cues

    def before(self, number: int) -> Callable[[int], Iterator[_Cue]]:
        """For quote ``number``: ``floor`` -> the cues before its opening mark that start at
        or after ``floor``, last first."""

        def walk(floor: int) -> Iterator[_Cue]:
            opens = self.opens
            for at in range(number, -1, -1):
                if at < number and opens[at] <= floor:
                    return  # every cue of this stretch and earlier ones starts before floor
                for cue in reversed(self.stretch(at, floor)):
                    if cue.start < floor:
                        return
                    yield cue

        return walk


def _sync_before(norm: str, floor: int, start: int) -> int:
    """Where reading cues may start to find every cue from ``floor`` on: the last
    character before ``floor`` (blanks skipped) if no cue can contain it — neither a word
    character nor a blank, as a full stop or a quotation mark — else ``start``."""
    at = floor - 1
    while at > start and norm[at].isspace():
        at -= 1
    if at > start and not (norm[at].isalnum() or norm[at] == "_"):
        return at
    return start


def _is_person(resolver: _Resolver, phrase: tuple[int, int] | None) -> bool:
    if phrase is None:
        return False
    if resolver.has_person(*phrase):
        return True
    first = _WORD.search(resolver.norm, *phrase)
    return first is not None and _bare(first.group()) in _ROLES


def _skip_spaces(norm: str, position: int) -> int:
    while position < len(norm) and norm[position] in " \t\u00a0":
        position += 1
    return position


def _mark_positions(norm: str) -> list[int]:
    """Where the marks of :data:`_MARKS` are in ``norm``, in order: ``str.find`` walks
    (a fast C search), not a regex tried at every character."""
    positions = _find_all(norm, '"')
    if "'" in norm:
        positions = sorted(positions + _find_all(norm, "'"))
    return positions


def _find_all(text: str, char: str) -> list[int]:
    found = []
    at = text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


def _has_mark(text: str) -> bool:
    return any(c in text for c in "\"'«»“”„‟‘’‹›″＂〝〞")


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end


def _inside_any(position: int, regions: Sequence[tuple[int, int]]) -> bool:
    k = bisect_right(regions, (position, float("inf"))) - 1
    return k >= 0 and regions[k][0] < position < regions[k][1]


def _sentence_start(norm: str, position: int) -> int:
    """Where the sentence holding ``position`` starts (at most :data:`CUE_WINDOW` back)."""
    floor = max(0, position - CUE_WINDOW)
    start = floor
    for mark in ".!?؟\n":  # each searched only after the latest end found so far
        found = norm.rfind(mark, start, position)
        while (
            found != -1 and mark != "\n" and found + 1 < position and not norm[found + 1].isspace()
        ):
            found = norm.rfind(mark, start, found)  # a dot inside a number or an abbreviation
        if found != -1:
            start = found + 1
    return start


def _subject_limit(norm: str, cue: _Cue) -> int:
    """Where the subject after a trailing ``cue`` is read up to: the sentence's end.

    Only a relaying verb needs that exactly (it looks for عن up to there). Any other cue
    reads the words after it up to the first non-word token that is not a quotation mark,
    and every sentence end before a line break is such a token (. ! ? ؟): reading up to
    the line break (or :data:`CUE_WINDOW`) reads the same tokens, with no regex search.
    """
    if _cue_verb(cue.text) in _RELAYING:
        return _sentence_end(norm, cue.end)
    cap = min(len(norm), cue.end + CUE_WINDOW)
    line_end = norm.find("\n", cue.end, cap)
    return cap if line_end < 0 else line_end


def _sentence_end(norm: str, position: int) -> int:
    match = _SENTENCE_END.search(norm, position, min(len(norm), position + CUE_WINDOW))
    return match.start() if match else min(len(norm), position + CUE_WINDOW)


def _written(original: str, start: int, end: int) -> str:
    """A cue as written in the original text, blanks collapsed."""
    return " ".join(original[start:end].split())


@hookimpl
def newslab_extractors() -> list[Extractor]:
    return [QuoteExtractor()]
