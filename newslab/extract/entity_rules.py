"""Rule-based entity candidates: trigger words, Latin names, propagation of known names.

Each finder reads normalised text and returns :class:`Candidate` objects (offsets in the
normalised text). The extractor merges them with gazetteer hits into one flat layer.

* titles and roles (``وزير الخارجية المغربي``, ``الجنرال``, ``المتحدث باسم ...``)
  followed by a name -> PER, the title left out of the span;
* a known given name followed by one to three name tokens -> PER;
* organisation heads (``وزارة``, ``الجيش``, ``شركة``, ``صحيفة`` ...) with their
  complement -> ORG (descriptors such as ``شركة`` / ``صحيفة`` stay outside the span);
* event heads (``حرب``, ``قمة``, ``اتفاق`` ...) anchored by a place, year, month,
  ordinal or nationality -> EVENT;
* place heads (``ضريح``, ``مخيم``, ``مطار`` ... include the head; ``مدينة``,
  ``بلدة``, ``قرية`` ... do not) -> LOC;
* capitalised Latin sequences -> PER / ORG (``Kohavi's`` -> ``Kohavi``);
* names already found (in this article or, after ``fit``, anywhere in the corpus)
  are found again in full or by surname, clitics included (``وكوخافي``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain, compress, count
from operator import itemgetter
from typing import Any, NamedTuple

from newslab.extract.entity_text import (
    DAY_WORDS,
    NATIONALITY,
    STOPWORDS,
    TITLE_WORDS,
    TOKEN,
    is_definite,
    key,
)
from newslab.extract.entity_text import words as _words
from newslab.extract.gazetteer import GazetteerMatch, lookup_form, word_runs

__all__ = [
    "Candidate",
    "NameMatcher",
    "Token",
    "Words",
    "find_latin",
    "find_propagated",
    "find_triggered",
    "tokens_after",
]


@dataclass(slots=True)
class Candidate:
    """A possible entity in normalised text; ``name`` holds PER name tokens for linking."""

    start: int
    end: int
    label: str
    value: str
    source: str
    priority: int
    name: tuple[str, ...] = field(default=())


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str
    gap: str  # text between the previous token (or the start position) and this one


_TOKEN_LIMIT = 400  # characters looked at after a trigger
_new_token = tuple.__new__  # Token(...) without the Python-level __new__


class Tokens:
    """The tokens after a position, made lazily: rules usually look at two or three.

    ``get(i)`` returns ``None`` past the end (or past ``limit`` tokens); indexing and
    slicing work like a list. Tokens are :data:`TOKEN` matches in the ``_TOKEN_LIMIT``
    characters after ``pos``; with ``split`` (the offsets of the text's word split, as
    :func:`~newslab.extract.gazetteer.word_runs` makes it, and the index of the first
    word at or after ``pos``, which must end a word) they are read off the split: a
    word of letters only is one token, and from the first other word on (digits,
    ``_``) the text is scanned as without a split.

    ``cut`` turns true when the window (``limit`` tokens, ``_TOKEN_LIMIT`` characters)
    ended the tokens or cut one short: until then the tokens made are the ones any
    later window over the same words would make.
    """

    __slots__ = (
        "_items",
        "_iter",
        "_limit",
        "_next",
        "_prev",
        "_starts",
        "_stop",
        "_text",
        "cut",
    )

    def __init__(
        self,
        text: str,
        pos: int,
        limit: int = 12,
        first: Token | None = None,
        split: tuple[Sequence[int], int] | None = None,
    ) -> None:
        self._text = text
        self._stop = stop = min(len(text), pos + _TOKEN_LIMIT)
        self._iter: Iterator[re.Match[str]] | None = None
        self._starts: Sequence[int] | None = None
        self._next = 0
        if split is None:
            self._iter = TOKEN.finditer(text, pos, stop)
        else:
            self._starts, self._next = split
        self._items: list[Token] = [first] if first is not None else []
        self._prev = pos
        self._limit = limit
        self.cut = False

    def get(self, i: int) -> Token | None:
        items = self._items
        if i < len(items):
            return items[i]
        while len(items) <= i:
            if len(items) >= self._limit:
                self.cut = True
                return None
            if self._starts is not None:
                self._word_from_split(self._starts)
                continue
            if self._iter is None:
                return None
            m = next(self._iter, None)
            if m is None:
                self._iter = None
                self.cut = self.cut or self._stop < len(self._text)
                return None
            t = m.group()
            start, end = m.span()
            if end == self._stop < len(self._text):
                self.cut = True  # the token may go on past the window
            items.append(_new_token(Token, (start, end, t, key(t), self._text[self._prev : start])))
            self._prev = end
        return items[i]

    def _word_from_split(self, starts: Sequence[int]) -> None:
        """Take the next word of the split as a token, or leave the split: at its end
        (or the window's), or for a scan from a word that is not letters only."""
        j = self._next
        if j >= len(starts) - 2:
            self._starts = None  # no word left
            return
        start, end = starts[j], starts[j + 1]
        if end > self._stop:  # the window ends before the word does
            self.cut = True
            if start >= self._stop:
                self._starts = None  # no word left in the window
                return
            end = self._stop  # the word cut short
        text = self._text
        t = text[start:end]
        if not t.isalpha():  # digits or "_" inside: TOKEN splits it, scan from here on
            self._starts = None
            self._iter = TOKEN.finditer(text, start, self._stop)
            return
        self._items.append(_new_token(Token, (start, end, t, key(t), text[self._prev : start])))
        self._prev = end
        self._next = j + 2

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            self.get((i.stop if i.stop is not None else self._limit) - 1)
            return self._items[i]
        if 0 <= i < len(self._items):
            return self._items[i]  # made already (the usual case)
        tok = self.get(i)
        if tok is None:
            raise IndexError(i)
        return tok

    def __len__(self) -> int:
        self.get(self._limit - 1)
        return len(self._items)


def tokens_after(text: str, pos: int, limit: int = 12) -> Tokens:
    """Up to ``limit`` tokens after ``pos`` with the text between them (lazy)."""
    return Tokens(text, pos, limit)


# ---------------------------------------------------------------- word classes

#: Organisation heads kept in the span; their complement is definite words.
ORG_HEADS = _words(
    """
    وزارة الوزارة مجلس المجلس هيئة الهيئة حزب الحزب جبهة الجبهة منظمة المنظمة جامعة الجامعة
    معهد المعهد بنك البنك محكمة المحكمة جهاز الجهاز اتحاد الاتحاد أكاديمية الأكاديمية
    لجنة اللجنة مؤسسة المؤسسة ديوان الديوان بعثة البعثة تحالف التحالف
    ائتلاف الائتلاف نقابة النقابة رابطة الرابطة مفوضية المفوضية كتائب سرايا تنظيم جماعة
    الكلية كلية المصرف مصرف البورصة بورصة
    مكتب المكتب مرصد المرصد منتدى المنتدى مديرية المديرية كتلة
    """
)
#: Armed and security bodies: ORG only with a nationality or place complement.
SECURITY_HEADS = _words(
    """
    جيش الجيش قوات القوات شرطة الشرطة مخابرات المخابرات استخبارات الاستخبارات الحرس
    البحرية سلاح البرلمان برلمان الحكومة حكومة الأمن الدرك
    دائرة الدائرة النظام نظام المنتخب منتخب تيار التيار
    """
)
#: Descriptors left outside the span: ``صحيفة هآرتس`` -> ``هآرتس``.
DESCRIPTORS = _words(
    "شركة صحيفة جريدة مجلة قناة موقع وكالة تلفزيون إذاعة راديو منصة مجموعة حركة نادي النادي"
)
#: Club descriptors: the club's name follows, a nationality after it is left out
#: (``نادي الوحدات الأردني`` -> ``الوحدات``).
CLUB_DESCRIPTORS = _words("نادي النادي")
#: Descriptors whose complement may be plain (indefinite) words: media names.
MEDIA_DESCRIPTORS = _words("صحيفة جريدة مجلة قناة وكالة تلفزيون إذاعة راديو")
EVENT_HEADS = _words(
    """
    حرب الحرب انتفاضة الانتفاضة ثورة الثورة قمة القمة مؤتمر المؤتمر معركة اتفاق الاتفاق
    اتفاقية الاتفاقية اتفاقات اتفاقيات معاهدة مجزرة زلزال إعصار انتخابات الانتخابات كأس
    بطولة مهرجان عملية دوري الدوري معرض المعرض
    """
)
#: Event heads that an ordinal alone names (الحرب العالمية الثانية, الانتفاضة الأولى);
#: others need a place, year, month or nationality (المؤتمر الخامس is not a name).
ORDINAL_EVENT_HEADS = _words("حرب الحرب انتفاضة الانتفاضة ثورة الثورة")
#: Named places whose head is part of the name.
PLACE_HEADS = _words(
    """
    ضريح مسجد جامع كنيس كنيسة مطار ميناء مرفأ قصر سجن مستشفى ساحة شارع حي مخيم معبر
    سد قاعدة جسر جبل نهر بحيرة وادي جزيرة مركب ملعب استاد مجمع قلعة ميدان
    """
)
#: Words that end a facility's name after its proper part (مطار بغداد الدولي).
PLACE_TAILS = _words(
    """
    الدولي الدولية الرياضي الرياضية الأولمبي الأولمبية الكبير الكبرى المركزي المركزية
    العسكري العسكرية الجامعي الجامعية الوطني الوطنية البحري البحرية الجوي الجوية الطبي
    """
)
#: Place descriptors left outside the span: ``مدينة مراكش`` -> ``مراكش``.
PLACE_DESCRIPTORS = _words("مدينة بلدة قرية العاصمة عاصمة منطقة محافظة ولاية إقليم مقاطعة")
#: Words that may sit between a title and the name (idafa nouns of titles).
TITLE_LINKS = _words(
    """
    باسم أركان شؤون الشؤون مجلس هيئة وزارة حكومة دولة جهاز وكالة قوات جيش حزب حركة
    لشؤون منظمة لجنة شركة مكتب إدارة بعثة قيادة العام العامة رئاسة
    """
)
#: Tokens that connect parts of an Arabic name.
NAME_LINKS = _words("عبد بن ابن بنت أبو ابو أبي ولد آل أم")
#: First words of two-word place names (بيت لحم, دير البلح, تل أبيب, عين الحلوة ...).
_PLACE_NAME_HEADS = NAME_LINKS | _words(
    "بيت دير تل عين بئر كفر خان أم راس رأس بني سيدي حارة مجدل برج خربة جسر باب سوق قصر"
    " وادي جبل حي عرب"
)
MONTHS = _words(
    """
    يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
    كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين يوليوز غشت شتنبر نونبر دجنبر
    جانفي فيفري أفريل ماي جوان جويلية أوت
    """
)
ORDINALS = _words(
    """
    الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة الأول
    الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الكبرى العالمية الأهلية
    """
)
_LOCATIVE = _words("في الى إلى من مدينة بلدة العاصمة عاصمة وسط قرب داخل شوارع أنحاء ضواحي")
_ENGLISH_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "To",
        "Of",
        "For",
        "By",
        "From",
        "With",
        "And",
        "Or",
        "But",
        "As",
        "If",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "We",
        "They",
        "I",
        "You",
        "His",
        "Her",
        "Our",
        "Their",
        "My",
        "Your",
        "Is",
        "Are",
        "Was",
        "Were",
        "Be",
        "Been",
        "Has",
        "Have",
        "Had",
        "Do",
        "Does",
        "Did",
        "Not",
        "No",
        "Yes",
        "So",
        "Then",
        "Than",
        "When",
        "While",
        "After",
        "Before",
        "Since",
        "Until",
        "During",
        "Watch",
        "Video",
        "Photo",
        "Photos",
        "Live",
        "Breaking",
        "Update",
        "Read",
        "More",
        "Via",
        "Source",
        "Credit",
        "Follow",
        "Share",
        "Click",
        "Here",
        "Today",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "General",
        "Minister",
        "President",
        "Prime",
        "King",
        "Queen",
        "Prince",
        "Chief",
        "Army",
        "Day",
        "Second",
        "First",
        "Third",
        "New",
        "Old",
        "Pic",
        "Twitter",
    ]
)


def _category(k: str) -> str:
    if k in TITLE_WORDS:
        return "title"
    if k in ORG_HEADS:
        return "org"
    if k in SECURITY_HEADS:
        return "security"
    if k in DESCRIPTORS:
        return "descriptor"
    if k in EVENT_HEADS:
        return "event"
    if k in PLACE_HEADS:
        return "place"
    if k in PLACE_DESCRIPTORS:
        return "place_descriptor"
    return ""


# ----------------------------------------------------------------- the lexicon


class Lexicon:
    """Trigger words and given names compiled into one regex over normalised text."""

    def __init__(self, given: Mapping[str, str]) -> None:
        self.given = dict(given)
        words: dict[str, str] = {}
        for group in (
            TITLE_WORDS,
            ORG_HEADS,
            SECURITY_HEADS,
            DESCRIPTORS,
            EVENT_HEADS,
            PLACE_HEADS,
            PLACE_DESCRIPTORS,
        ):
            for w in group:
                words.setdefault(w, _category(w))
        for g in self.given:
            if " " not in g:
                words.setdefault(g, "given")
        for w, cat in list(words.items()):
            if w.startswith("ال") and len(w) > 3 and cat not in ("given", "title"):
                words.setdefault(w[1:], cat)  # للمجلس = ل + المجلس without its alef
        self.category = words
        self.pattern = re.compile(
            r"(?<![\w@#])(?P<p>[وف]?[بلك]?)(?P<w>" + _alternation(words) + r")(?!\w)"
        )
        # Every word is one run of word characters (a keyed token), so a match is a
        # whole run: the pattern is tried only at runs that read as clitics + a word.
        self.runs = frozenset(lookup_form(c + w) for w in words for c in _PROCLITICS)
        self._categories: dict[str, str] = {}
        self._flags: dict[str, int] = {}
        self._readings: dict[str, Reading | None] = {}

    def reading(self, run: str) -> Reading | None:
        """``(proclitics, word, key, category)`` of a whole word run as :attr:`pattern`
        reads it, or ``None`` when the pattern does not match it or its word has no
        category (computed once per distinct run).

        A match of the pattern at a run's start is always the whole run (its parts are
        word characters and it must be followed by a non-word character), so matching
        the run alone gives the same groups; only the look-behind's ``@`` / ``#`` is
        left to the caller."""
        found = self._readings.get(run, _UNREAD)
        if found is _UNREAD:
            found = None
            m = self.pattern.fullmatch(run)
            if m is not None:
                word = m.group(2)
                k = key(word)
                cat = self.category.get(k, "")
                if cat:
                    found = (m.group(1), word, k, cat)
            if len(self._readings) > _MEMO_LIMIT:
                self._readings.clear()
            self._readings[run] = found
        return found

    def token_category(self, k: str) -> str:
        """Category of a keyed token, looking through its proclitics."""
        cat = self._categories.get(k)
        if cat is None:
            cat = self.category.get(k) or next(
                (c for c in map(self.category.get, _stems(k)) if c), ""
            )
            if len(self._categories) > _MEMO_LIMIT:
                self._categories.clear()
            self._categories[k] = cat
        return cat

    def flags(self, k: str) -> int:
        """What the name rules need to know about a keyed token, as :data:`NAME_OK` ...
        bits (computed once per distinct token)."""
        flags = self._flags.get(k)
        if flags is None:
            flags = _token_flags(k, self)
            if len(self._flags) > _MEMO_LIMIT:
                self._flags.clear()
            self._flags[k] = flags
        return flags

    def is_given(self, k: str) -> bool:
        return k in self.given


#: What :meth:`Lexicon.reading` tells of a word run: proclitics, word, key, category.
Reading = tuple[str, str, str, str]
_UNREAD: Any = object()


def _stems(k: str) -> list[str]:
    out = []
    if len(k) > 3 and k[0] in "وف":
        out.append(k[1:])
        k = k[1:]
    if len(k) > 3 and k[0] in "بلك":
        if k.startswith("لل"):
            out.append("ا" + k[1:])
        out.append(k[1:])
    return out


_CLASSES = {"ه": "[هة]", "ي": "[يئى]ء?", "و": "[وؤ]ء?", "ا": "اء?"}


def _alternation(words: Iterable[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        branches = [
            (_CLASSES.get(ch) or re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(trie)


# --------------------------------------------------------------- span helpers


class Spans:
    """Gazetteer hits indexed by start, to let rules consume them."""

    def __init__(self, hits: Sequence[GazetteerMatch]) -> None:
        self.by_start = {h.start: h for h in hits}
        self._starts = sorted(self.by_start)

    def at(self, start: int) -> GazetteerMatch | None:
        return self.by_start.get(start)

    def covering(self, pos: int) -> GazetteerMatch | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0:
            hit = self.by_start[self._starts[i]]
            if hit.end > pos:
                return hit
        return None


def _plain_gap(gap: str) -> bool:
    return gap == " " or gap == "" or (gap.isspace() and "\n" not in gap and len(gap) <= 3)


#: Bits of :meth:`Lexicon.flags`: the key may be in a name; it is definite and not a
#: given name; it looks like a verb; it does not continue a name; it may stand between
#: a title and the name (``وزير الخارجية المغربي``).
NAME_OK, DEFINITE_NOT_GIVEN, VERB_LIKE, NOT_SURNAME, TITLE_PART = 1, 2, 4, 8, 16
#: More bits: a given name; a link word (عبد, بن); a ب/ل + verbal noun (:func:`_masdar_like`).
GIVEN, NAME_LINK, MASDAR_LIKE = 32, 64, 128
_MEMO_LIMIT = 200_000


def _token_flags(k: str, lex: Lexicon) -> int:
    given = lex.is_given(k)
    flags = 0
    if (
        k
        and not k.isdigit()
        and k not in STOPWORDS
        and k not in DAY_WORDS
        and k not in TITLE_WORDS
        and k not in NATIONALITY
        and k not in MONTHS
        and lex.token_category(k) not in ("title", "org", "security", "descriptor", "event")
        and not (k[0] == "و" and len(k) > 3 and not given)  # a new conjunct: ورئيس / وكبار
        and len(k) >= 2
    ):
        flags |= NAME_OK
    if is_definite(k) and not given:
        flags |= DEFINITE_NOT_GIVEN
    if k[:1] in ("ي", "ت") and 4 <= len(k) <= 6 and not given and not k.endswith(("ي", "ا", "ه")):
        flags |= VERB_LIKE
    if _not_surname(k, lex):
        flags |= NOT_SURNAME
    if (
        k in TITLE_WORDS
        or k in TITLE_LINKS
        or k in NATIONALITY
        or lex.token_category(k) in ("title", "org", "security")
        or (is_definite(k) and not given and k not in DAY_WORDS and k not in STOPWORDS)
    ):
        flags |= TITLE_PART
    if given:
        flags |= GIVEN
    if k in NAME_LINKS:
        flags |= NAME_LINK
    if _masdar_like(k):
        flags |= MASDAR_LIKE
    return flags


def _verb_like(tok: Token, lex: Lexicon) -> bool:
    return bool(lex.flags(tok.key) & VERB_LIKE)


def _name_token_ok(tok: Token, lex: Lexicon, first: bool) -> bool:
    flags = lex.flags(tok.key)
    if not flags & NAME_OK or tok.text.isascii():
        return False
    return not (first and flags & DEFINITE_NOT_GIVEN)


def _not_surname(k: str, lex: Lexicon) -> bool:
    """Definite adjectives/plurals and preposition-led nouns that do not continue a name
    (read once per token into its ``NOT_SURNAME`` flag)."""
    if lex.is_given(k):
        return False
    if is_definite(k) and k.endswith(("يه", "ين", "ون", "ات")):
        return True  # الجالية / اليهودية / المسلحين
    if k[:1] in "بلك" and (k[1:3] == "ال" or k[1:3] == "ل" or k.startswith("لل")):
        return True  # بالمغرب / للجيش
    return (
        k[:1] in "بل"
        and k.endswith("ه")
        and not k.startswith("بو")
        and not (k.startswith("بن") and len(k) >= 5 and k not in _BN_NOUNS)  # بنعيسى
    )  # بزيارة / لزيارة


#: ب + nouns in ن that end a name (unlike Maghrebi family names in بن: بنعلي، بنعيسى).
_BN_NOUNS = _words(
    "بنسبة بنتيجة بنهاية بنية بناية بندقية بنفسه بنسخة بنكهة بنبرة بنقطة بنظرة بنكتة بنيته"
)


def _masdar_like(k: str) -> bool:
    """ب / ل + a verbal noun of forms VIII and X (بانتظام، باستمرار، لاعتبارات): no name."""
    return len(k) >= 6 and k[0] in "بلك" and k[1] == "ا" and k[3] == "ت"


def _possessive_form(t: str) -> bool:
    """A noun with a pronoun suffix (قوله / تأكيدها): after a name, not part of it."""
    return len(t) >= 4 and (t.endswith("ه") or t.endswith("ها"))


def name_tokens(
    toks: Sequence[Token], i: int, lex: Lexicon, spans: Spans, *, max_tokens: int = 4
) -> int:
    """How many tokens from ``toks[i]`` form a person name (0 when none).

    A definite family name (``السيسي``) ends the name unless a link word such as
    ``عبد`` / ``بن`` precedes it. (The tests of :func:`_name_token_ok`, :func:`_verb_like`,
    :func:`_masdar_like`, :func:`_not_surname` and :func:`_possessive_form` are read off the
    token's flags here: this loop runs for every name candidate.)
    """
    n = 0
    j = i
    get = toks.get
    flags_of = lex.flags
    at = spans.by_start.get
    while (tok := get(j)) is not None and n < max_tokens:
        if j > i and not _plain_gap(tok.gap):
            break
        hit = at(tok.start)
        if hit is not None:
            label = hit.entry.label
            if label != "PER" and n > 0:
                break
            if label == "PER" and n == 0 and not hit.prefix:
                while (t := get(j)) is not None and t.start < hit.end:
                    n += 1  # a known person: exactly the gazetteer name
                    j += 1
                return n
        flags = flags_of(tok.key)
        if not flags & NAME_OK or tok.text.isascii():
            break
        if n == 0:
            if flags & (DEFINITE_NOT_GIVEN | VERB_LIKE | MASDAR_LIKE):
                break
        elif flags & NOT_SURNAME or (_possessive_form(tok.text) and not flags & GIVEN):
            break
        n += 1
        j += 1
        if flags & NAME_LINK and (nxt := get(j)) is not None and _plain_gap(nxt.gap):
            n += 1  # عبد اللطيف, بن سلمان: the linked part is always taken
            j += 1
        elif n > 1 and flags & DEFINITE_NOT_GIVEN:
            break
    while n and toks[i + n - 1].key in NAME_LINKS:
        n -= 1
    return n


def _quoted_name(text: str, toks: Sequence[Token], i: int) -> int:
    """Tokens of a quote-marked name starting at ``toks[i]`` (its gap holds the mark)."""
    for n, j in enumerate(range(i, i + 5), 1):
        tok = toks.get(j)
        if tok is None or (j > i and not _plain_gap(tok.gap)):
            break
        if text[tok.end : tok.end + 1] == '"':
            return n
    return 0


# ------------------------------------------------------------------ triggers


def find_triggered(
    text: str,
    lex: Lexicon,
    spans: Spans,
    spell: Mapping[str, str],
    *,
    people_only: bool = False,
) -> list[Candidate]:
    """Candidates introduced by title, organisation, event, place and given-name words.

    ``people_only``: only the person rules (titles, given names), for a quick pass.
    """
    out: list[Candidate] = []
    starts = word_runs(text).starts()  # the split the lexicon hits come from
    names: dict[int, _Name] = {}  # title rules' names by start: a given name there reads them
    for head_start, head_end, (clitics, word, k, cat), after, part in _lexicon_hits(text, lex):
        if people_only and cat not in ("title", "given"):
            continue
        if cat == "given":
            if clitics:
                continue  # a clitic glued to a given name: rarely a name start
            if after is None or not _could_continue(key(after), lex, k):
                continue  # cheap test first: "علي" is mostly the preposition على
            split = (starts, part + 2)
            cand = _from_given(text, head_start, word, lex, spans, k, split, names.get(head_start))
            if cand is not None:
                out.append(cand)
            continue
        if cat not in ("title", "descriptor"):
            if after is None:
                continue  # these heads need a word right after them
            if cat == "event" and _no_event_after(text, starts, part, spans):
                continue  # a plain word after the head: no event name
            if cat == "security" and _no_anchor_after(text, starts, part, spans):
                continue  # الأمن الغذائي: an armed body's name needs an anchor
        toks = Tokens(text, head_end, split=(starts, part + 2))
        if cat == "title":
            cand = _after_title(text, toks, lex, spans, names)
            if (
                cand is not None
                and k in _AMBIGUOUS_TITLES
                and len(cand.name) < 2
                and not lex.is_given(key(cand.name[0]))
            ):
                cand = None  # الفريق جاهز: "the team", not the rank
        elif cat in ("org", "security"):
            cand = _org(text, head_start, toks, lex, spans, spell, cat, clitics)
        elif cat == "descriptor":
            cand = _descriptor(text, toks, lex, spans, spell, k)
        elif cat == "event":
            cand = _event(text, head_start, clitics, toks, spans, spell)
        elif cat == "place":
            cand = _place(text, head_start, clitics, toks, lex, spans, spell)
        else:
            cand = _place_after_descriptor(text, toks, lex, spans, spell)
        if cand is not None:
            out.append(cand)
    return out


def _lexicon_hits(text: str, lex: Lexicon) -> list[tuple[int, int, Reading, str | None, int]]:
    """``(start, end, reading, after, part)`` of each match of ``lex.pattern`` in
    ``text`` whose word has a category, in order; ``after`` is the word after it when
    one or two spaces part them (``[ ]{1,2}(\\w+)``), else ``None``; ``part`` is the
    match's index in the parts of :func:`word_runs` (``text``'s word split).

    Only the word runs that read as a lexicon word with its clitics are looked at, and
    each is read through :meth:`Lexicon.reading` (once per distinct run) instead of
    running the pattern there."""
    runs = word_runs(text)
    indices = runs.indices(lex.runs)
    if not indices:
        return []
    starts, parts = runs.starts(), runs.parts
    reading = lex.reading
    last = len(parts) - 2  # a run follows the separator parts[i + 1] when i < last
    out = []
    for run in indices:
        i = 2 * run + 1
        start, end = starts[i], starts[i + 1]
        if start and text[start - 1] in "@#":
            continue  # the pattern's look-behind (the run itself starts a word)
        found = reading(text[start:end])
        if found is None:
            continue
        spaced = i < last and (parts[i + 1] == " " or parts[i + 1] == "  ")
        after = text[starts[i + 2] : starts[i + 3]] if spaced else None
        out.append((start, end, found, after, i))
    return out


#: A person's name read by :func:`name_tokens`: the tokens, where it starts, its length.
_Name = tuple[Tokens, int, int]


def _after_title(
    text: str, toks: Tokens, lex: Lexicon, spans: Spans, names: dict[int, _Name] | None = None
) -> Candidate | None:
    """The person named after a title whose tokens are ``toks``; ``names`` takes the
    name read (when no window cut its tokens), for :func:`_from_given` to reuse."""
    i = 0
    commas = 0
    while (tok := toks.get(i)) is not None and i < 9:
        gap = tok.gap.strip()
        if gap in ('"', "("):
            n = _quoted_name(text, toks, i)
            if n:
                return _person(toks, i, n, "title", 6)
            skip = _parenthetical(text, toks, i) if gap == "(" and i else 0
            if not skip:
                return None
            i += skip  # رئيس الهيئة (اسمها المختصر) فلان الفلاني
            continue
        if gap:
            if gap in ("،", ",") and i > 0 and commas == 0:
                commas += 1
            else:
                return None
        elif "\n" in tok.gap:
            return None
        k = tok.key
        hit = spans.at(tok.start)
        if hit is not None and hit.entry.label in ("ORG", "GPE", "LOC"):
            # complement such as "الأمين العام للأمم المتحدة": skip the whole hit
            while toks.get(i) is not None and toks[i].start < hit.end:
                i += 1
            continue
        if lex.flags(k) & TITLE_PART:
            i += 1
            continue
        break
    else:
        return None
    if toks.get(i) is None:
        return None
    if commas and not lex.is_given(toks[i].key):
        return None  # "قائد الجيش، بزيارة ...": after a comma only a clear name
    n = name_tokens(toks, i, lex, spans)
    if names is not None and not toks.cut:
        names[toks[i].start] = (toks, i, n)
    if not n:
        return None
    return _person(toks, i, n, "title", 6)


def _parenthetical(text: str, toks: Sequence[Token], i: int) -> int:
    """Tokens of a short aside in brackets from ``toks[i]`` (its gap holds ``(``), when
    plain words follow it: an organisation's other name between a title and a name."""
    for n, j in enumerate(range(i, i + 4), 1):
        tok = toks.get(j)
        if tok is None or (j > i and not _plain_gap(tok.gap)):
            break
        if text[tok.end : tok.end + 1] == ")":
            nxt = toks.get(j + 1)
            return n if nxt is not None and nxt.gap.strip() == ")" else 0
    return 0


#: Titles that are also common nouns (the team, the brigade): one plain word after them
#: is no name.
_AMBIGUOUS_TITLES = _words("الفريق اللواء الرائد العميد")


def _could_continue(k: str, lex: Lexicon, first: str) -> bool:
    """Can the word after a given name be part of the same name? (a quick filter)"""
    if k in STOPWORDS or k in DAY_WORDS or k in NATIONALITY or k in MONTHS:
        return False
    return not (lex.given.get(first) == "ambiguous" and is_definite(k) and not lex.is_given(k))


def _from_given(
    text: str,
    start: int,
    word: str,
    lex: Lexicon,
    spans: Spans,
    k: str,
    split: tuple[Sequence[int], int] | None = None,
    read: _Name | None = None,
) -> Candidate | None:
    """A person named from a given name ``word`` (a whole word at ``start``) on;
    ``split``: see :class:`Tokens`; ``read``: the name from ``start`` on when a title
    rule has read it already (:func:`name_tokens` reads the same tokens again)."""
    inside = spans.covering(start)
    if inside is not None and inside.start < start and inside.entry.label == "PER":
        return None  # حسين inside صدام حسين: the known name stands
    first = _new_token(Token, (start, start + len(word), word, k, ""))
    if k not in NAME_LINKS and not _name_token_ok(first, lex, first=True):
        return None
    if read is not None:
        seq, i, n = read
    else:
        seq, i = Tokens(text, first.end, first=first, split=split), 0
        n = name_tokens(seq, 0, lex, spans)
    if n < 2:
        return None
    if lex.given.get(k) == "ambiguous":
        second = seq[i + 1].key
        if is_definite(second) and not lex.is_given(second):
            return None
        if second[:1] in "بل" and not second.startswith(("بن", "بو")) and not lex.is_given(second):
            return None  # ساحات آمنة لإيواء: a common word, then a preposition
        if len(second) == 4 and second.endswith("ت") and not lex.is_given(second):
            return None  # أمل حصلت: a common word, then a verb
    return _person(seq, i, n, "given", 4)


def _person(toks: Sequence[Token], i: int, n: int, source: str, priority: int) -> Candidate:
    parts = toks[i : i + n]
    name = tuple(map(_token_text, parts))
    return Candidate(parts[0].start, parts[-1].end, "PER", " ".join(name), source, priority, name)


def _canonical(parts: Sequence[Token], spell: Mapping[str, str]) -> str:
    return " ".join(map(spell.get, map(_token_key, parts), map(_token_text, parts)))


_token_text = itemgetter(2)  # Token.text, read by C code (no generator per name)
_token_key = itemgetter(3)  # Token.key


def _complement(
    toks: Sequence[Token],
    spans: Spans,
    *,
    max_tokens: int = 4,
    allow_plain: bool = False,
    security: bool = False,
    org: bool = False,
) -> tuple[int, bool]:
    """Definite words (and gazetteer names) after a head; ``(count, anchored)``.

    Stops after a nationality adjective, which closes a name (``وزارة الدفاع الروسية``),
    unless an ``org`` name goes on with a ل-complement (``الاتحاد الآسيوي لكرة القدم``).
    ``anchored`` tells whether a nationality, gazetteer place or name was included. A
    person's name is part of it only first (``جامعة محمد الخامس``) or after a royal or
    religious title (``جامعة الملك سعود``), never for ``security`` heads (``قوات حفتر``).
    """
    n = 0
    anchored = False
    while (tok := toks.get(n)) is not None and n < max_tokens:
        if not _plain_gap(tok.gap):
            break
        k = tok.key
        hit = spans.at(tok.start)
        if hit is not None and hit.prefix:
            lam_org = n and hit.entry.label == "ORG" and hit.prefix == 1 and k[:1] == "ل"
            if not lam_org:
                break  # بالقاهرة: a place after a preposition is not part of the name
            hit = hit._replace(prefix=0)  # المديرية العامة للدفاع المدني
        after_title = n > 0 and toks[n - 1].key in _NAMED_TITLES
        if n and k in TITLE_WORDS and k not in _NAMED_TITLES:
            break  # جامعة الأمير سلطان الدكتور ...: a person's title starts
        if hit is not None and hit.entry.label == "PER" and (security or (n and not after_title)):
            break  # هيئة تحرير الشام أحمد الشرع: the person is a separate entity
        if after_title and hit is None:
            m = _title_name(toks, n)
            if m:
                n += m
                anchored = True
                continue
        if hit is not None and hit.entry.label in ("GPE", "LOC", "ORG", "PER"):
            end = n
            while toks.get(end) is not None and toks[end].start < hit.end:
                end += 1
            n = end
            anchored = True
            continue
        if k in STOPWORDS or k in DAY_WORDS or k in MONTHS or k.isdigit() or tok.text.isascii():
            break
        if k in NATIONALITY:
            if not is_definite(k):
                break
            n += 1
            anchored = True
            if org and _complement_goes_on(toks, n):
                continue  # المنتدى المصري للحقوق والحريات
            break
        if k[:1] in ("ب", "ك", "ف") and k[1:3] == "ال":
            break  # الوزارة بالحمرا: a preposition starts a new phrase
        if k in _NAME_ADJECTIVES:
            anchored = True  # المكتب الوطني ...: an adjective that only names carry
        if is_definite(k) or (allow_plain and n == 0):
            n += 1
            continue
        if (
            k[:1] == "ل"
            and len(k) > 3
            and toks.get(n + 1) is not None
            and is_definite(toks[n + 1].key)
        ):
            n += 1  # لحقوق الإنسان
            continue
        break
    return n, anchored


#: Titles after which an organisation's complement takes a person's name.
_NAMED_TITLES = _words("الملك الأمير الشيخ السلطان الإمام الرئيس الشهيد البابا الملكة الأميرة")
#: Time words that a ل-complement after a nationality may be (الجيش الإسرائيلي لليوم الثالث).
_TIME_AFTER_LAM = _words("اليوم المرة العام السنة الشهر الأسبوع الوقت الساعة الأيام")
#: Adjectives that mark a proper name after a head that needs an anchor.
_NAME_ADJECTIVES = _words(
    """
    الوطني الوطنية الملكي الملكية الاتحادي الاتحادية الأممي الأممية الدولي الدولية
    الإقليمي الإقليمية العربي العربية الإسلامي الإسلامية الأعلى العليا الشريف
    """
)
#: Organisation heads that, like armed bodies, need an anchor: ``مكتب المحاسبة`` and
#: ``المنتدى الاقتصادي`` are common nouns, ``مرصد إدلب الإنساني`` is a name.
_ANCHORED_ORG_HEADS = _words("مكتب المكتب مرصد المرصد منتدى المنتدى")
#: Generic heads left outside a known organisation's name (حزب القوات اللبنانية).
_GENERIC_ORG_HEADS = _words(
    "حزب الحزب تيار التيار جماعة الجماعة تنظيم التنظيم تحالف التحالف ائتلاف الائتلاف منظمة"
)


def _title_name(toks: Sequence[Token], n: int) -> int:
    """Name tokens (at most three, link words included) from ``toks[n]``: the name
    after a title inside an organisation's name (``الملك عبد العزيز``)."""
    m = 0
    while (tok := toks.get(n + m)) is not None and m < 3:
        k = tok.key
        if m and not _plain_gap(tok.gap):
            break
        if not k or k.isdigit() or tok.text.isascii() or k in STOPWORDS or k in DAY_WORDS:
            break
        if is_definite(k) and not (m and toks[n + m - 1].key in NAME_LINKS):
            break
        m += 1
    while m and toks[n + m - 1].key in NAME_LINKS:
        m -= 1
    return m


def _complement_goes_on(toks: Sequence[Token], n: int) -> bool:
    """Does a ل-complement (للحقوق, لكرة القدم) follow at ``toks[n]``?"""
    tok = toks.get(n)
    if tok is None or not _plain_gap(tok.gap):
        return False
    k = tok.key
    if k.startswith("لل") and len(k) > 3:
        return "ا" + k[1:] not in _TIME_AFTER_LAM
    nxt = toks.get(n + 1)
    return (
        k[:1] == "ل"
        and len(k) > 3
        and nxt is not None
        and _plain_gap(nxt.gap)
        and is_definite(nxt.key)
        and "ال" + k[1:] not in _TIME_AFTER_LAM
    )


def _org(
    text: str,
    start: int,
    toks: Sequence[Token],
    lex: Lexicon,
    spans: Spans,
    spell: Mapping[str, str],
    cat: str,
    prefix: str,
) -> Candidate | None:
    head = text[start + len(prefix) : toks[0].start].strip() if toks.get(0) else ""
    if prefix.endswith("ل") and head.startswith("ل") and "ا" + key(head) in lex.category:
        head = "ا" + head  # للمجلس: ل + المجلس
    head_key = key(head)
    first_hit = spans.at(toks[0].start) if toks.get(0) else None
    if head_key in _GENERIC_ORG_HEADS and first_hit is not None and first_hit.entry.label == "ORG":
        return None  # the known name stands without its generic head
    n, anchored = _complement(toks, spans, security=cat == "security", org=cat == "org")
    if not n or ((cat == "security" or head_key in _ANCHORED_ORG_HEADS) and not anchored):
        return None
    end = toks[n - 1].end
    value = " ".join([spell.get(key(head), head), _canonical(toks[:n], spell)])
    return Candidate(start, end, "ORG", value, "org", 5)


def _descriptor(
    text: str, toks: Sequence[Token], lex: Lexicon, spans: Spans, spell: Mapping[str, str], k: str
) -> Candidate | None:
    if toks.get(0) is None:
        return None
    first = toks[0]
    gap = first.gap.strip()
    base = _stems(k)[-1] if _stems(k) else k
    media = k in MEDIA_DESCRIPTORS or base in MEDIA_DESCRIPTORS
    if base in CLUB_DESCRIPTORS or k in CLUB_DESCRIPTORS:
        return _club(text, toks, lex, spans, spell, indefinite=key("نادي") in (k, base))
    if gap == '"':
        n = _quoted_name(text, toks, 0)
        if n:
            known = spans.at(first.start)
            if known is not None and known.entry.label == "ORG" and known.end == toks[n - 1].end:
                return None  # a known outlet keeps its canonical name
            # صحيفة "الشرق الأوسط": the outlet, whatever else the gazetteer knows the name as
            return Candidate(
                first.start, toks[n - 1].end, "ORG", _canonical(toks[:n], spell), "descriptor", 8
            )
        return None
    if gap:
        return None
    hit = spans.at(first.start)
    if hit is not None:
        return None  # the gazetteer name itself is the entity
    if first.text.isascii() and first.text[:1].isupper():
        latin = _latin_at(text, first.start)  # قناة Ynet TV: an outlet, whatever its words
        if latin is None:
            return None
        return Candidate(latin.start, latin.end, "ORG", latin.value, "descriptor_latin", 5)
    if first.key.startswith(("انب", "الانب")):
        return None  # وكالة الأنباء ...: the head belongs to the name (gazetteer/rules)
    if is_definite(first.key):
        if k in ("حركه",) or base in ("حركه", "موقع", "قناه", "مجموعه"):
            return None
        n, _ = _complement(toks, spans, max_tokens=4)
        if not n or (n == 1 and not media):
            return None
    elif media:
        n = 0
        while n < 3 and toks.get(n) is not None:
            tok = toks[n]
            if n and not _plain_gap(tok.gap):
                break
            if not _name_token_ok(tok, lex, first=n == 0) or tok.key in NATIONALITY:
                break
            n += 1
        if not n:
            return None
    else:
        return None
    return Candidate(
        first.start, toks[n - 1].end, "ORG", _canonical(toks[:n], spell), "descriptor", 5
    )


def _club(
    text: str,
    toks: Sequence[Token],
    lex: Lexicon,
    spans: Spans,
    spell: Mapping[str, str],
    *,
    indefinite: bool,
) -> Candidate | None:
    """The club named after ``نادي``: its name without the head or a nationality after it
    (``نادي الاتفاق السعودي`` -> ``الاتفاق``); a city name there is the club."""
    first = toks[0]
    if not indefinite or not _plain_gap(first.gap):
        return None
    hit = spans.at(first.start)
    if hit is not None:
        if hit.prefix or hit.entry.label not in ("GPE", "LOC"):
            return None  # a known club (or anything else) stands as the gazetteer has it
        return Candidate(first.start, hit.end, "ORG", hit.entry.canonical, "descriptor", 8)
    if is_definite(first.key):
        n, _ = _complement(toks, spans, max_tokens=3)
    else:
        n = 0
        while (tok := toks.get(n)) is not None and n < 3:
            if n and not _plain_gap(tok.gap):
                break
            if not _name_token_ok(tok, lex, first=False) or tok.key in NATIONALITY:
                break
            n += 1
    while n > 1 and toks[n - 1].key in NATIONALITY:
        n -= 1
    if not n or toks[0].key in NATIONALITY:
        return None
    return Candidate(
        first.start, toks[n - 1].end, "ORG", _canonical(toks[:n], spell), "descriptor", 5
    )


#: Adjectives that stay in an event's name after its anchor (معرض الرياض الدولي للكتاب).
_EVENT_TAILS = _words("الدولي الدولية العالمي العالمية السنوي السنوية")


def _event(
    text: str,
    start: int,
    prefix: str,
    toks: Sequence[Token],
    spans: Spans,
    spell: Mapping[str, str],
) -> Candidate | None:
    covering = spans.covering(start + len(prefix))
    if covering is not None and covering.entry.label == "ORG":
        return None  # نادي الوحدة الإماراتي: the head word is a club's name here
    n = 0
    anchored = False
    strong = False  # anchored by more than an ordinal
    while (tok := toks.get(n)) is not None and n < 4:
        if not _plain_gap(tok.gap):
            if tok.gap.strip() == '"' and n == 0:
                q = _quoted_name(text, toks, 0)
                if q:
                    n, anchored, strong = q, True, True
            break
        k = tok.key
        hit = spans.at(tok.start)
        if hit is not None and hit.entry.label in ("GPE", "LOC", "ORG", "PER"):
            while toks.get(n) is not None and toks[n].start < hit.end:
                n += 1
            nxt = toks.get(n)
            if nxt is not None and nxt.key == "مع":
                return None  # اتفاق مصر مع البنك الدولي: Egypt's agreement, not a name
            anchored = strong = True
            continue
        if k.isdigit() and len(k) == 4:
            n += 1
            anchored = strong = True
            break
        nxt = toks.get(n + 1)
        if k.isdigit() and len(k) <= 2 and nxt is not None and nxt.key in MONTHS:
            n += 2  # ثورة 25 يناير, هجوم 7 أكتوبر
            anchored = strong = True
            continue
        if k in ORDINALS and nxt is not None and nxt.key == "من":
            month = toks.get(n + 2)
            if month is not None and month.key in MONTHS:
                n += 3  # زلزال الثامن من أيلول
                anchored = strong = True
                continue
        if k in MONTHS or k in ORDINALS or (k in NATIONALITY and is_definite(k)):
            n += 1
            anchored = True
            strong = strong or k not in ORDINALS
            continue
        if is_definite(k) and k not in STOPWORDS and k not in DAY_WORDS:
            n += 1
            continue
        break
    if not n or not anchored:
        return None
    head = text[start + len(prefix) : toks[0].start].strip()
    if not strong and key(head) not in ORDINAL_EVENT_HEADS:
        return None  # المؤتمر الخامس: a count, not a name
    # trailing unanchored words are not part of the name
    while n > 1 and not _is_anchor(toks[n - 1], spans) and not _event_tail(toks, n - 1):
        n -= 1
    value = " ".join([spell.get(key(head), head), _canonical(toks[:n], spell)])
    return Candidate(start, toks[n - 1].end, "EVENT", value, "event", 5)


def _no_event_after(text: str, starts: Sequence[int], part: int, spans: Spans) -> bool:
    """True when :func:`_event` surely finds nothing after the head that is part ``part``
    of the text's word split (``starts``: its offsets, as for :class:`Tokens`), the next
    word being one or two spaces away.

    The words after the head are read off the split as the rule's tokens would be:
    definite words (not stop or day words) that no gazetteer hit starts at go on, and
    the rule ends without an anchor at the fourth of them, at the end of the text, at a
    gap that is not blank, or at a word of another kind (``المؤتمر الصحفي الذي``,
    ``القمة سيعقد``). A word that could anchor a name (a month, ordinal or nationality,
    a known name's start, digits) or that the window would cut leaves it to the rule.
    Most heads (``المؤتمر``, ``القمة``, ``الاتفاق``) are followed by such words."""
    stop = starts[part + 1] + _TOKEN_LIMIT  # the end of the rule's window
    at = spans.by_start
    last = len(starts) - 2  # runs are the parts before it
    j = part + 2
    for n in range(4):
        if j >= last:
            return True  # no word left
        start, end = starts[j], starts[j + 1]
        if n and not _plain_gap(text[starts[j - 1] : start]):
            return True  # the name ends before it has an anchor
        if end > stop or start in at:
            return False
        word = text[start:end]
        if not word.isalpha():
            return False  # digits (a year, a day) or a word the tokens split
        k = key(word)
        if k in MONTHS or k in ORDINALS or k in NATIONALITY:
            return False
        if not is_definite(k) or k in STOPWORDS or k in DAY_WORDS:
            return True
        j += 2
    return True  # four unanchored words: the longest name the rule reads


def _no_anchor_after(text: str, starts: Sequence[int], part: int, spans: Spans) -> bool:
    """True when :func:`_complement` surely finds no anchor after the security head that
    is part ``part`` of the text's word split (read as for :func:`_no_event_after`), so
    :func:`_org` finds nothing there: definite words go on; a stop, day or month word,
    a preposition + ``ال``, a word of another kind, a gap that is not blank, the fourth
    word or the end of the text ends the complement unanchored. A word that could anchor
    it or lead on to an anchor (a nationality, a name adjective, a title, a ل-complement,
    a known name's start, digits) or that the window would cut leaves it to the rule."""
    stop = starts[part + 1] + _TOKEN_LIMIT
    at = spans.by_start
    last = len(starts) - 2
    j = part + 2
    for n in range(4):
        if j >= last:
            return True
        start, end = starts[j], starts[j + 1]
        if n and not _plain_gap(text[starts[j - 1] : start]):
            return True
        if end > stop or start in at:
            return False
        word = text[start:end]
        if not word.isalpha():
            return False
        k = key(word)
        if k in TITLE_WORDS or k in _NAMED_TITLES:
            return False
        if k in STOPWORDS or k in DAY_WORDS or k in MONTHS or word.isascii():
            return True
        if k in NATIONALITY or k in _NAME_ADJECTIVES:
            return False
        if k[:1] in ("ب", "ك", "ف") and k[1:3] == "ال":
            return True
        if not is_definite(k):
            return k[:1] != "ل" or len(k) <= 3  # لحقوق الإنسان goes on
        j += 2
    return True


def _event_tail(toks: Sequence[Token], i: int) -> bool:
    """``الدولي`` after an anchor, or the ل-complement after it (``للكتاب``)."""
    k = toks[i].key
    return k in _EVENT_TAILS or (i > 0 and toks[i - 1].key in _EVENT_TAILS and k[:1] == "ل")


def _is_anchor(tok: Token, spans: Spans) -> bool:
    k = tok.key
    return (
        (k.isdigit() and len(k) == 4)
        or k in MONTHS
        or k in ORDINALS
        or (k in NATIONALITY and is_definite(k))
        or spans.covering(tok.start) is not None
    )


def _place(
    text: str,
    start: int,
    prefix: str,
    toks: Sequence[Token],
    lex: Lexicon,
    spans: Spans,
    spell: Mapping[str, str],
) -> Candidate | None:
    if toks.get(0) is None or not _plain_gap(toks[0].gap):
        return None
    i = 0
    if toks[0].key in TITLE_WORDS:
        i = 1  # ضريح الملك محمد الخامس
    if toks.get(i) is None:
        return None
    tok = toks[i]
    hit = spans.at(tok.start)
    if hit is not None and hit.entry.label in ("PER", "GPE", "LOC"):
        end = hit.end
    elif lex.is_given(tok.key) or i == 1:
        n = name_tokens(toks, i, lex, spans)
        if not n:
            return None
        end = toks[i + n - 1].end
    else:
        return None
    count = 0
    while (tok_k := toks.get(count)) is not None and tok_k.end <= end:
        count += 1
    tail = count
    while tail - count < 2 and (t := toks.get(tail)) is not None and _plain_gap(t.gap):
        if t.key not in PLACE_TAILS:
            break
        tail += 1  # مطار بغداد الدولي
    nxt = toks.get(tail)
    if nxt is not None and nxt.key in _PLACE_COMPLEMENTS and _complement_goes_on(toks, tail):
        tail += 1 if nxt.key.startswith("لل") else 2  # مركب ... لكرة القدم
    if tail > count:
        end = toks[tail - 1].end
        count = tail
    parts = toks[:count]
    head = text[start + len(prefix) : toks[0].start].strip()
    value = " ".join([spell.get(key(head), head), _canonical(parts[i:], spell)])
    return Candidate(start, end, "LOC", value, "place", 6)


#: ل-complements that end a facility's name (sports grounds, hospitals, venues).
_PLACE_COMPLEMENTS = _words(
    """
    لكرة للرياضة للرياضات للألعاب للشباب للفروسية للتنس للأطفال للأمومة للولادة للسرطان
    للقلب للعيون للمؤتمرات للمعارض
    """
)
#: Feminine adjectives that follow منطقة / مدينة / بلدة (keyed; -ية ones are caught apart).
_PLACE_ADJECTIVES = _words(
    """
    صغيرة كبيرة جديدة قديمة آمنة عازلة نائية واسعة مجاورة قريبة بعيدة محاذية مأهولة
    منكوبة محررة محتلة مغلقة حرة خضراء مهمة منزوعة متنازع متاخمة ساخنة حساسة هادئة
    فقيرة غنية مكتظة مزدحمة معزولة ريفية متضررة محاصرة
    """
)


def _place_after_descriptor(
    text: str, toks: Sequence[Token], lex: Lexicon, spans: Spans, spell: Mapping[str, str]
) -> Candidate | None:
    if toks.get(0) is None or not _plain_gap(toks[0].gap):
        return None
    tok = toks[0]
    if spans.at(tok.start) is not None:
        return None  # a known place: the gazetteer hit stands
    if tok.key in NATIONALITY or tok.key in STOPWORDS or tok.key in DAY_WORDS:
        return None
    if lex.token_category(tok.key) not in ("", "given") or tok.key.isdigit() or tok.text.isascii():
        return None
    if _verb_like(tok, lex):
        return None
    if not is_definite(tok.key) and (tok.key.endswith("يه") or tok.key in _PLACE_ADJECTIVES):
        return None  # منطقة صناعية, بلدة صغيرة: an adjective, not a name
    n = 1
    if toks.get(1) is not None and _plain_gap(toks[1].gap) and toks[0].key in _PLACE_NAME_HEADS:
        n = 2
    return Candidate(tok.start, toks[n - 1].end, "LOC", _canonical(toks[:n], spell), "place", 3)


# -------------------------------------------------------------------- Latin

#: Capitalised Latin words in a row. The first capital comes before the lookbehind that
#: checks the character ahead of it, so the search skips to capitals at C speed.
_LATIN = re.compile(
    r"[A-Z](?<![\w@#/.:\-][A-Z])[A-Za-z0-9]{0,30}(?:[&.\-][A-Za-z0-9]{1,20}){0,3}"
    r"(?:(?:[ ]\([A-Z][a-z]{1,20}\))?[ ](?:(?:of|de|bin|ben|van|von|der|la|du)[ ])?"
    r"(?:(?:al|el|Al|El)-)?[A-Z][A-Za-z0-9]{0,30}(?:[&.\-][A-Za-z0-9]{1,20}){0,3}){0,5}"
)
_NICK = re.compile(r" \([A-Z][a-z]{1,20}\)")


_ORG_WORDS = frozenset(
    [
        "News",
        "Times",
        "Post",
        "TV",
        "Network",
        "Agency",
        "Press",
        "Media",
        "Journal",
        "Daily",
        "Radio",
        "Channel",
        "Group",
        "Institute",
        "University",
        "Council",
        "Company",
        "Corp",
        "Inc",
        "Ltd",
        "Bank",
        "Party",
        "Movement",
        "Ministry",
        "Army",
        "Forces",
        "Watch",
        "Monitor",
        "Observer",
        "Herald",
        "Gazette",
        "Tribune",
        "Review",
        "Insider",
        "Eye",
        "Online",
        "Foundation",
        "Center",
        "Centre",
        "Organization",
        "Organisation",
        "Association",
        "Union",
        "Committee",
        "Commission",
        "Fund",
        "Authority",
        "Airlines",
        "Airways",
        "Systems",
        "Industries",
        "Holding",
        "Energy",
        "Oil",
        "Gas",
        "Petroleum",
        "Club",
        "FC",
        "Federation",
        "Office",
    ]
)


def _latin_at(text: str, pos: int) -> Candidate | None:
    m = _LATIN.match(text, pos)
    if m is None:
        return None
    return _latin_candidate(text, m)


def find_latin(text: str) -> list[Candidate]:
    """Capitalised Latin sequences: names in tweets, credits and bracketed glosses."""
    ascii_part = text.encode("ascii", "ignore")  # C-level, far quicker than re's class scan
    if ascii_part.lower() == ascii_part:
        return []  # no capital A-Z for a match to start with (most Arabic articles)
    out = []
    for m in _LATIN.finditer(text):
        cand = _latin_candidate(text, m)
        if cand is not None:
            out.append(cand)
    return out


def _latin_candidate(text: str, m: re.Match[str]) -> Candidate | None:
    """A Latin run cleaned of English function words, with a label guess."""
    words = m.group().split(" ")
    start = m.start()
    # drop sentence-initial function words and trailing months/days
    while words and words[0] in _ENGLISH_STOP:
        start += len(words[0]) + 1
        words.pop(0)
    while words and (words[-1] in _ENGLISH_STOP or words[-1] in ("of", "de", "al", "el")):
        words.pop()
    if not words:
        return None
    if any(w in _ENGLISH_STOP for w in words if not w.startswith("(")):
        # a stop word inside: keep the part before it only
        cut = next(i for i, w in enumerate(words) if w in _ENGLISH_STOP)
        words = words[:cut]
        if not words:
            return None
    surface = " ".join(words)
    end = start + len(surface)
    value = _NICK.sub("", surface)
    tokens = value.split(" ")
    if text[end : end + 4].startswith(" (@"):
        label = "PER" if len(tokens) >= 2 else "ORG"
    elif any(t in _ORG_WORDS for t in tokens) or (
        len(tokens) == 1 and (value.isupper() or any(c.isdigit() for c in value))
    ):
        label = "ORG"
    elif len(tokens) >= 2:
        label = "PER"
    else:
        label = "PER?"
    return Candidate(start, end, label, value, "latin", 2, tuple(tokens))


# -------------------------------------------------------------- propagation

#: A hamza on the line after a seat letter is dropped by ``key`` (جزء stays جزء).
_HAMZA_AFTER_SEAT = re.compile("(?<=[يوا])ء")
_WORD_SPLIT = re.compile(r"(\w+)")
#: The proclitics a name may carry: ``[وف]?[بلك]?``.
_PROCLITICS = tuple(c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك"))


def _fold(text: str) -> str:
    """The one-for-one spelling folds of :func:`key` (ة ئ ى ؤ), offsets kept."""
    return text.replace("ة", "ه").replace("ئ", "ي").replace("ى", "ي").replace("ؤ", "و")


class Words:
    """The word runs of a normalised text, folded like keyed names, with offsets.

    ``parts`` alternates separators and words (``parts[1]``, ``parts[3]`` ... are the
    words) and ``offsets[i]`` is where ``parts[i]`` starts: built by C-level splitting,
    so no Python code runs per character. A word's form (:meth:`form`) also drops a
    hamza after a seat letter, as :func:`key` does; ``vocabulary`` is the set of the
    words' forms. Forms are worked out once per distinct word, not per word.
    """

    __slots__ = ("_distinct", "_forms", "_hamza", "_positions", "_vocabulary", "offsets", "parts")

    def __init__(self, text: str, split: Sequence[Any] | None = None) -> None:
        """``split``: ``(parts, offsets)`` of ``text`` as made here, when the caller has
        them already (the gazetteer's :class:`WordRuns` of the same normalised text),
        optionally followed by the set of its distinct words and the words of it holding
        a hamza (the runs' ``vocabulary`` and ``hamza_free`` keys: no second pass over
        the words to find them). The caller's set is never changed."""
        distinct: set[str] | None = None
        hamza: Iterable[str] = ()
        if split is None:
            parts = _WORD_SPLIT.split(_fold(text))
            offsets: Sequence[int] = list(accumulate(map(len, parts), initial=0))
        elif len(split) == 2:
            parts, offsets = split
        else:
            parts, offsets, distinct, hamza = split
        self.offsets = offsets
        self.parts = parts
        self._distinct = distinct
        self._hamza = hamza
        #: Parts whose form differs from them or may (those holding a hamza) -> form.
        self._forms: dict[str, str] = {}
        self._vocabulary: set[str] | None = None
        self._positions: dict[str, list[int]] = {}

    def form(self, i: int) -> str:
        """The form of ``parts[i]``: a hamza after a seat letter dropped."""
        part = self.parts[i]
        return self._read_forms().get(part, part)

    @property
    def vocabulary(self) -> set[str]:
        """The forms of the words (separators are never looked up: not in it)."""
        vocabulary = self._vocabulary
        if vocabulary is None:
            distinct = self._distinct
            if distinct is None:
                vocabulary = set(self.parts[1::2])
                hamza: Iterable[str] = [p for p in vocabulary if "ء" in p]
            else:  # the caller's set and hamza words (see __init__)
                vocabulary, hamza = distinct, self._hamza
            if hamza:  # the forms of the others are the words themselves
                self._forms = forms = {p: _HAMZA_AFTER_SEAT.sub("", p) for p in hamza}
                vocabulary = vocabulary.difference(forms)
                vocabulary.update(forms.values())
            self._vocabulary = vocabulary
        return vocabulary

    def _read_forms(self) -> dict[str, str]:
        """The words with a hamza -> their forms (worked out with :attr:`vocabulary`,
        from the distinct parts only)."""
        if self._vocabulary is None:
            self.vocabulary  # noqa: B018
        return self._forms

    def positions(self, wanted: Iterable[str]) -> list[int]:
        """Indices in ``parts`` of the words whose form is in ``wanted``, in text order
        (one pass over the text for all the forms not asked for before)."""
        cache = self._positions
        wanted = list(wanted)
        missing = set(wanted).difference(cache)
        if missing:
            for w in missing:
                cache[w] = []
            forms = self._read_forms()
            # the parts to look for: the missing forms as written, and the words with a
            # hamza that read as one of them
            targets = missing - forms.keys()
            targets.update(p for p, form in forms.items() if form in missing)
            parts = self.parts
            for i in compress(count(1, 2), map(targets.__contains__, parts[1::2])):
                part = parts[i]
                cache[forms.get(part, part)].append(i)
        out = list(chain.from_iterable(map(cache.__getitem__, wanted)))
        out.sort()
        return out


class NameMatcher:
    """Keyed names (space-joined tokens) found as whole words, proclitics allowed.

    Matching follows a regular expression ``(?<![\\w@#])[وف]?[بلك]?(name)(?!\\w)`` over
    the names: leftmost first, then the longest proclitic reading, then the longest
    name; matches do not overlap. It looks words up in a dictionary instead of
    compiling a pattern, so a per-article set of names costs almost nothing to build.
    """

    __slots__ = ("forms", "names")

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(n for n in names if n)
        longest: dict[str, int] = {}
        for name in self.names:
            first, size = name.partition(" ")[0], name.count(" ") + 1  # tokens and count
            if size > longest.get(first, 0):
                longest[first] = size
        #: first word with proclitics -> its readings ``(proclitics length, most tokens)``,
        #: longest proclitics first
        forms: dict[str, tuple[tuple[int, int], ...]] = {}
        for first, size in longest.items():
            readings = _first_word_forms(first, size)
            if forms.keys().isdisjoint(readings):
                forms.update(readings)
                continue
            for form, reading in readings.items():
                held = forms.get(form)  # وعلي: و + علي, or the name وعلي itself
                forms[form] = (
                    reading if held is None else tuple(sorted(held + reading, reverse=True))
                )
        self.forms = forms

    def __bool__(self) -> bool:
        return bool(self.names)

    def present(self, words: Words) -> set[str]:
        """The forms (names' first words with proclitics) that occur in ``words``."""
        return self.forms.keys() & words.vocabulary

    def find(self, words: Words, present: set[str] | None = None) -> list[tuple[int, int, int]]:
        """``(start, end, proclitic length)`` of every match, in order (``present``:
        :meth:`present` of ``words``, when the caller has it already)."""
        indices = words.positions(self.present(words) if present is None else present)
        if not indices:
            return []
        parts, offsets, forms, names = words.parts, words.offsets, self.forms, self.names
        form_of = words._read_forms().get  # a word's form: form_of(part, part)
        last = len(parts) - 1
        out = []
        pos = 0
        for i in indices:
            start = offsets[i]
            if start < pos or parts[i - 1][-1:] in ("@", "#"):
                continue
            first = parts[i]
            first = form_of(first, first)
            for clitics, size in forms[first]:
                name = first[clitics:]
                best = i if name in names else 0
                j = i
                while size > 1 and j + 2 <= last and parts[j + 1] == " ":
                    j += 2
                    size -= 1
                    part = parts[j]
                    name += " " + form_of(part, part)
                    if name in names:
                        best = j
                if best:
                    pos = offsets[best + 1]
                    out.append((start, pos, clitics))
                    break
        return out


def find_propagated(
    text: str,
    known: Mapping[str, tuple[str, tuple[str, ...]]],
    exclude: Mapping[str, object] | None = None,
    *,
    matcher: NameMatcher | None = None,
    words: Words | None = None,
    present: set[str] | None = None,
) -> list[Candidate]:
    """Occurrences of known person names (full or surname) -> PER candidates.

    ``known`` maps a keyed name (one or more tokens, space-joined) to
    ``(value, name tokens)`` of the person it refers to; keys in ``exclude`` are skipped
    (the article itself knows better). ``matcher`` (built once from ``known``) and
    ``words`` (of ``text``) may be passed in to share them between calls, with
    ``present`` (``matcher.present(words)``).
    """
    if not known:
        return []
    if matcher is None:
        matcher, present = NameMatcher(known), None
    if words is None:
        words, present = Words(text), None
    out = []
    for start, end, clitics in matcher.find(words, present):
        k = _matched_key(text[start + clitics : end])
        hit = known.get(k)
        if hit is None or (exclude and k in exclude):
            continue
        value, name = hit
        out.append(Candidate(start, end, "PER", value, "propagated", 3, name))
    return out


@lru_cache(maxsize=65536)
def _first_word_forms(first: str, size: int) -> Mapping[str, tuple[tuple[int, int]]]:
    """A name's first word with each of :data:`_PROCLITICS` -> the reading of it, for
    :class:`NameMatcher` (memoised, so shared: read it, never change it; an article's
    names recur across the corpus). A dict, so a matcher takes it in one update."""
    return {clitics + first: ((len(clitics), size),) for clitics in _PROCLITICS}


@lru_cache(maxsize=65536)
def _matched_key(surface: str) -> str:
    """The keyed tokens of a matched name, space-joined (memoised: names recur)."""
    return " ".join(map(key, TOKEN.findall(surface)))


def locative_before(text: str, start: int, prefix: str) -> bool:
    """True when a place word or preposition (في, ب-, إلى ...) introduces ``start``."""
    if prefix and prefix[-1] == "ب":
        return True
    before = text[max(0, start - 30) : start]
    stripped = before.rstrip(" ")
    if len(before) - len(stripped) > 3 or len(stripped) == len(before):
        return False
    word = stripped[stripped.rfind(" ") + 1 :]
    return key(word) in _LOCATIVE


def kingdom_mentions(text: str) -> list[tuple[int, int]]:
    """Bare ``المملكة`` (with clitics), the usual anaphor for the article's kingdom."""
    out = []
    search = _KINGDOM.search
    size = len(text)
    at = text.find(_KINGDOM_WORD)
    while at >= 0:
        # a mention ends with this occurrence and starts at most four letters (وبال)
        # before it; the look-behind still sees the text before the window, the
        # look-aheads need three letters after it
        m = search(text, max(0, at - 5), min(size, at + len(_KINGDOM_WORD) + 3))
        if m is not None:
            out.append((m.start(), m.end()))
        at = text.find(_KINGDOM_WORD, at + len(_KINGDOM_WORD))
    return out


_KINGDOM_WORD = "مملكة"


_KINGDOM = re.compile(r"(?<![\w@#])(?:[وف]?[بك]?ال|[وف]?لل)مملكة(?!\w)(?! ال)")
KINGDOMS = frozenset(
    [
        "المغرب",
        "السعودية",
        "الأردن",
        "البحرين",
        "بريطانيا",
        "إسبانيا",
        "هولندا",
        "بلجيكا",
        "السويد",
        "النرويج",
        "الدنمارك",
        "تايلاند",
    ]
)
_KINGDOM_ADJECTIVES = re.compile(
    r"(?<!\w)[وفبل]?(?P<a>"
    + _alternation(k for k, country in NATIONALITY.items() if country in KINGDOMS)
    + r")(?!\w)"
)


#: The forms (:class:`Words`) of the word runs ``_KINGDOM_ADJECTIVES`` can match: the
#: adjectives' keys with or without a proclitic. The keys hold no hamza and no ة ئ ى ؤ;
#: the pattern reads their ``ه``, ``ي``, ``و``, ``ا`` with the variants and the hamza
#: after a seat that ``Words`` folds, so every word it matches has one of these forms.
_KINGDOM_ADJECTIVE_FORMS = frozenset(
    p + k for k, country in NATIONALITY.items() if country in KINGDOMS for p in ("", *"وفبل")
)


def kingdom_adjective_forms(words: Words) -> set[str]:
    """The words of ``words`` that may be a kingdom's adjective (see
    :func:`kingdom_adjectives`; a caller may ask their positions with others')."""
    return _KINGDOM_ADJECTIVE_FORMS & words.vocabulary


def kingdom_adjectives(text: str, words: Words | None = None) -> list[str]:
    """Kingdoms named through an adjective (``السعودي``, ``المغربية``) in ``text``.

    With the :class:`Words` of ``text`` the pattern is tried only at the words that can
    be such an adjective (each match is one whole word), not at every character."""
    if words is None:
        matches: Iterable[re.Match[str] | None] = _KINGDOM_ADJECTIVES.finditer(text)
    else:
        present = kingdom_adjective_forms(words)
        if not present:
            return []
        match, offsets = _KINGDOM_ADJECTIVES.match, words.offsets
        matches = (match(text, offsets[i]) for i in words.positions(present))
    return [NATIONALITY[key(m.group("a"))] for m in matches if m is not None]
