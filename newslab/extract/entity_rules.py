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
from itertools import accumulate
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
from newslab.extract.gazetteer import GazetteerMatch

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


class Tokens:
    """The tokens after a position, made lazily: rules usually look at two or three.

    ``get(i)`` returns ``None`` past the end (or past ``limit`` tokens); indexing and
    slicing work like a list.
    """

    __slots__ = ("_items", "_iter", "_limit", "_prev", "_text")

    def __init__(self, text: str, pos: int, limit: int = 12, first: Token | None = None) -> None:
        self._text = text
        self._iter: Iterator[re.Match[str]] | None = TOKEN.finditer(
            text, pos, min(len(text), pos + _TOKEN_LIMIT)
        )
        self._items: list[Token] = [first] if first is not None else []
        self._prev = pos
        self._limit = limit

    def get(self, i: int) -> Token | None:
        items = self._items
        while len(items) <= i:
            if self._iter is None or len(items) >= self._limit:
                return None
            m = next(self._iter, None)
            if m is None:
                self._iter = None
                return None
            t = m.group()
            items.append(Token(m.start(), m.end(), t, key(t), self._text[self._prev : m.start()]))
            self._prev = m.end()
        return items[i]

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            self.get((i.stop if i.stop is not None else self._limit) - 1)
            return self._items[i]
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
    نادي النادي لجنة اللجنة مؤسسة المؤسسة ديوان الديوان بعثة البعثة تحالف التحالف
    ائتلاف الائتلاف نقابة النقابة رابطة الرابطة مفوضية المفوضية كتائب سرايا تنظيم جماعة
    الكلية كلية المصرف مصرف البورصة بورصة
    """
)
#: Armed and security bodies: ORG only with a nationality or place complement.
SECURITY_HEADS = _words(
    """
    جيش الجيش قوات القوات شرطة الشرطة مخابرات المخابرات استخبارات الاستخبارات الحرس
    البحرية سلاح البرلمان برلمان الحكومة حكومة الأمن الدرك
    """
)
#: Descriptors left outside the span: ``صحيفة هآرتس`` -> ``هآرتس``.
DESCRIPTORS = _words("شركة صحيفة جريدة مجلة قناة موقع وكالة تلفزيون إذاعة راديو منصة مجموعة حركة")
#: Descriptors whose complement may be plain (indefinite) words: media names.
MEDIA_DESCRIPTORS = _words("صحيفة جريدة مجلة قناة وكالة تلفزيون إذاعة راديو")
EVENT_HEADS = _words(
    """
    حرب الحرب انتفاضة الانتفاضة ثورة الثورة قمة القمة مؤتمر المؤتمر معركة اتفاق الاتفاق
    اتفاقية الاتفاقية اتفاقات اتفاقيات معاهدة مجزرة زلزال إعصار انتخابات الانتخابات كأس
    بطولة منتدى مهرجان عملية
    """
)
#: Named places whose head is part of the name.
PLACE_HEADS = _words(
    """
    ضريح مسجد جامع كنيس كنيسة مطار ميناء مرفأ قصر سجن مستشفى ساحة شارع حي مخيم معبر
    سد قاعدة جسر جبل نهر بحيرة وادي جزيرة
    """
)
#: Place descriptors left outside the span: ``مدينة مراكش`` -> ``مراكش``.
PLACE_DESCRIPTORS = _words("مدينة بلدة قرية العاصمة عاصمة منطقة محافظة ولاية إقليم مقاطعة")
#: Words that may sit between a title and the name (idafa nouns of titles).
TITLE_LINKS = _words(
    """
    باسم أركان شؤون الشؤون مجلس هيئة وزارة حكومة دولة جهاز وكالة قوات جيش حزب حركة
    لشؤون منظمة لجنة شركة مكتب إدارة بعثة قيادة العام العامة
    """
)
#: Tokens that connect parts of an Arabic name.
NAME_LINKS = _words("عبد بن ابن بنت أبو ابو أبي ولد آل أم")
#: First words of two-word place names (بيت لحم, دير البلح, تل أبيب, عين الحلوة ...).
_PLACE_NAME_HEADS = NAME_LINKS | _words("بيت دير تل عين بئر كفر خان أم راس رأس بني سيدي")
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
    الثاني الثالث الرابع الخامس الكبرى العالمية الأهلية
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
        self.category = words
        self.pattern = re.compile(
            r"(?<![\w@#])(?P<p>[وف]?[بلك]?)(?P<w>" + _alternation(words) + r")(?!\w)"
        )

    def token_category(self, k: str) -> str:
        """Category of a keyed token, looking through its proclitics."""
        cat = self.category.get(k)
        if cat:
            return cat
        for stem in _stems(k):
            cat = self.category.get(stem)
            if cat:
                return cat
        return ""

    def is_given(self, k: str) -> bool:
        return k in self.given


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
    return gap == "" or (gap.isspace() and "\n" not in gap and len(gap) <= 3)


def _verb_like(tok: Token, lex: Lexicon) -> bool:
    k = tok.key
    return (
        k[:1] in ("ي", "ت")
        and 4 <= len(k) <= 6
        and not lex.is_given(k)
        and not k.endswith(("ي", "ا", "ه"))
    )


def _name_token_ok(tok: Token, lex: Lexicon, first: bool) -> bool:
    k = tok.key
    if not k or k.isdigit() or tok.text.isascii():
        return False
    if k in STOPWORDS or k in DAY_WORDS or k in TITLE_WORDS or k in NATIONALITY or k in MONTHS:
        return False
    if lex.token_category(k) in ("title", "org", "security", "descriptor", "event"):
        return False
    if k[0] == "و" and len(k) > 3 and not lex.is_given(k):
        return False  # a new conjunct: ورئيس / وكبار
    if first and is_definite(k) and not lex.is_given(k):
        return False
    return len(k) >= 2


def _not_surname(k: str, lex: Lexicon) -> bool:
    """Definite adjectives/plurals and preposition-led nouns that do not continue a name."""
    if lex.is_given(k):
        return False
    if is_definite(k) and k.endswith(("يه", "ين", "ون", "ات")):
        return True  # الجالية / اليهودية / المسلحين
    if k[:1] in "بلك" and (k[1:3] == "ال" or k[1:3] == "ل" or k.startswith("لل")):
        return True  # بالمغرب / للجيش
    return k[:1] in "بل" and k.endswith("ه") and not k.startswith("بو")  # بزيارة / لزيارة


def _possessive(tok: Token, lex: Lexicon) -> bool:
    """A noun with a pronoun suffix (قوله / تأكيدها) follows a name; it is not part of it."""
    t = tok.text
    return len(t) >= 4 and (t.endswith("ه") or t.endswith("ها")) and not lex.is_given(tok.key)


def name_tokens(
    toks: Sequence[Token], i: int, lex: Lexicon, spans: Spans, *, max_tokens: int = 4
) -> int:
    """How many tokens from ``toks[i]`` form a person name (0 when none).

    A definite family name (``السيسي``) ends the name unless a link word such as
    ``عبد`` / ``بن`` precedes it.
    """
    n = 0
    j = i
    while toks.get(j) is not None and n < max_tokens:
        tok = toks[j]
        if j > i and not _plain_gap(tok.gap):
            break
        hit = spans.at(tok.start)
        if hit is not None and hit.entry.label != "PER" and n > 0:
            break
        if hit is not None and hit.entry.label == "PER" and n == 0 and not hit.prefix:
            while (t := toks.get(j)) is not None and t.start < hit.end:
                n += 1  # a known person: exactly the gazetteer name
                j += 1
            return n
        if not _name_token_ok(tok, lex, first=n == 0):
            break
        if n == 0 and _verb_like(tok, lex):
            break
        if n > 0 and (_not_surname(tok.key, lex) or _possessive(tok, lex)):
            break
        n += 1
        j += 1
        if tok.key in NAME_LINKS and toks.get(j) is not None and _plain_gap(toks[j].gap):
            n += 1  # عبد اللطيف, بن سلمان: the linked part is always taken
            j += 1
        elif n > 1 and is_definite(tok.key) and not lex.is_given(tok.key):
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
    for m in lex.pattern.finditer(text):
        k = key(m.group("w"))
        cat = lex.category.get(k, "")
        if not cat or (people_only and cat not in ("title", "given")):
            continue
        head_start = m.start()
        if cat not in ("title", "descriptor") and _NEXT_WORD.match(text, m.end()) is None:
            continue  # these heads need a word right after them
        toks = tokens_after(text, m.end())
        if cat == "title":
            cand = _after_title(text, toks, lex, spans)
        elif cat == "given":
            if m.group("p"):
                continue  # a clitic glued to a given name: rarely a name start
            nxt = _NEXT_WORD.match(text, m.end())
            if nxt is None or not _could_continue(key(nxt.group(1)), lex, k):
                continue  # cheap test first: "علي" is mostly the preposition على
            cand = _from_given(text, head_start, m.group("w"), toks, lex, spans, k)
        elif cat in ("org", "security"):
            cand = _org(text, head_start, toks, lex, spans, spell, cat, m.group("p"))
        elif cat == "descriptor":
            cand = _descriptor(text, toks, lex, spans, spell, k)
        elif cat == "event":
            cand = _event(text, head_start, m.group("p"), toks, spans, spell)
        elif cat == "place":
            cand = _place(text, head_start, m.group("p"), toks, lex, spans, spell)
        else:
            cand = _place_after_descriptor(text, toks, lex, spans, spell)
        if cand is not None:
            out.append(cand)
    return out


def _after_title(text: str, toks: Sequence[Token], lex: Lexicon, spans: Spans) -> Candidate | None:
    i = 0
    commas = 0
    while toks.get(i) is not None and i < 9:
        tok = toks[i]
        gap = tok.gap.strip()
        if gap in ('"', "("):
            n = _quoted_name(text, toks, i)
            if n:
                return _person(toks, i, n, "title", 6)
            return None
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
        if (
            k in TITLE_WORDS
            or k in TITLE_LINKS
            or k in NATIONALITY
            or lex.token_category(k) in ("title", "org", "security")
            or (
                is_definite(k) and not lex.is_given(k) and k not in DAY_WORDS and k not in STOPWORDS
            )
        ):
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
    if not n:
        return None
    return _person(toks, i, n, "title", 6)


_NEXT_WORD = re.compile(r"[ ]{1,2}(\w+)")


def _could_continue(k: str, lex: Lexicon, first: str) -> bool:
    """Can the word after a given name be part of the same name? (a quick filter)"""
    if k in STOPWORDS or k in DAY_WORDS or k in NATIONALITY or k in MONTHS:
        return False
    return not (lex.given.get(first) == "ambiguous" and is_definite(k) and not lex.is_given(k))


def _from_given(
    text: str, start: int, word: str, toks: Sequence[Token], lex: Lexicon, spans: Spans, k: str
) -> Candidate | None:
    first = Token(start, start + len(word), word, k, "")
    seq = Tokens(text, first.end, first=first)
    if k not in NAME_LINKS and not _name_token_ok(first, lex, first=True):
        return None
    n = name_tokens(seq, 0, lex, spans)
    if n < 2:
        return None
    if lex.given.get(k) == "ambiguous":
        second = seq[1].key
        if is_definite(second) and not lex.is_given(second):
            return None
    return _person(seq, 0, n, "given", 4)


def _person(toks: Sequence[Token], i: int, n: int, source: str, priority: int) -> Candidate:
    parts = toks[i : i + n]
    name = tuple(t.text for t in parts)
    return Candidate(parts[0].start, parts[-1].end, "PER", " ".join(name), source, priority, name)


def _canonical(parts: Sequence[Token], spell: Mapping[str, str]) -> str:
    return " ".join(spell.get(t.key, t.text) for t in parts)


def _complement(
    toks: Sequence[Token], spans: Spans, *, max_tokens: int = 4, allow_plain: bool = False
) -> tuple[int, bool]:
    """Definite words (and gazetteer names) after a head; ``(count, anchored)``.

    Stops after a nationality adjective, which closes a name (``وزارة الدفاع الروسية``).
    ``anchored`` tells whether a nationality, gazetteer place or name was included.
    """
    n = 0
    anchored = False
    while toks.get(n) is not None and n < max_tokens:
        tok = toks[n]
        if not _plain_gap(tok.gap):
            break
        k = tok.key
        hit = spans.at(tok.start)
        if hit is not None and hit.prefix:
            break  # بالقاهرة: a place after a preposition is not part of the name
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
            break
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
    n, anchored = _complement(toks, spans)
    if not n or (cat == "security" and not anchored):
        return None
    end = toks[n - 1].end
    head = text[start + len(prefix) : toks[0].start].strip()
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
    if gap == '"':
        n = _quoted_name(text, toks, 0)
        if n:
            return Candidate(
                first.start, toks[n - 1].end, "ORG", _canonical(toks[:n], spell), "descriptor", 6
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


def _event(
    text: str,
    start: int,
    prefix: str,
    toks: Sequence[Token],
    spans: Spans,
    spell: Mapping[str, str],
) -> Candidate | None:
    n = 0
    anchored = False
    while toks.get(n) is not None and n < 4:
        tok = toks[n]
        if not _plain_gap(tok.gap):
            if tok.gap.strip() == '"' and n == 0:
                q = _quoted_name(text, toks, 0)
                if q:
                    n, anchored = q, True
            break
        k = tok.key
        hit = spans.at(tok.start)
        if hit is not None and hit.entry.label in ("GPE", "LOC", "ORG", "PER"):
            while toks.get(n) is not None and toks[n].start < hit.end:
                n += 1
            anchored = True
            continue
        if k.isdigit() and len(k) == 4:
            n += 1
            anchored = True
            break
        if k in MONTHS or k in ORDINALS or (k in NATIONALITY and is_definite(k)):
            n += 1
            anchored = True
            continue
        if is_definite(k) and k not in STOPWORDS and k not in DAY_WORDS:
            n += 1
            continue
        break
    if not n or not anchored:
        return None
    # trailing unanchored words are not part of the name
    while n and not _is_anchor(toks[n - 1], spans) and n > 1:
        n -= 1
    head = text[start + len(prefix) : toks[0].start].strip()
    value = " ".join([spell.get(key(head), head), _canonical(toks[:n], spell)])
    return Candidate(start, toks[n - 1].end, "EVENT", value, "event", 5)


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
    parts = toks[:count]
    head = text[start + len(prefix) : toks[0].start].strip()
    value = " ".join([spell.get(key(head), head), _canonical(parts[i:], spell)])
    return Candidate(start, end, "LOC", value, "place", 6)


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
    if lex.token_category(tok.key) or tok.key.isdigit() or tok.text.isascii():
        return None
    if _verb_like(tok, lex):
        return None
    n = 1
    if toks.get(1) is not None and _plain_gap(toks[1].gap) and toks[0].key in _PLACE_NAME_HEADS:
        n = 2
    return Candidate(tok.start, toks[n - 1].end, "LOC", _canonical(toks[:n], spell), "place", 3)


# -------------------------------------------------------------------- Latin

_LATIN = re.compile(
    r"(?<![\w@#/.:\-])[A-Z][A-Za-z0-9]{0,30}(?:[&.\-][A-Za-z0-9]{1,20}){0,3}"
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
    so no Python code runs per character. ``index`` maps a word to its positions in
    ``parts``.
    """

    __slots__ = ("_index", "offsets", "parts")

    def __init__(self, text: str) -> None:
        folded = _fold(text)
        parts = _WORD_SPLIT.split(folded)
        self.offsets = list(accumulate(map(len, parts), initial=0))
        if "ء" in folded:
            parts = [_HAMZA_AFTER_SEAT.sub("", p) if "ء" in p else p for p in parts]
        self.parts = parts
        self._index: dict[str, list[int]] | None = None

    @property
    def index(self) -> dict[str, list[int]]:
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i in range(1, len(self.parts), 2):
                index.setdefault(self.parts[i], []).append(i)
            self._index = index
        return self._index


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
            tokens = name.split(" ")
            longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
        forms: dict[str, list[tuple[int, int]]] = {}
        for first, size in longest.items():
            for clitics in _PROCLITICS:
                forms.setdefault(clitics + first, []).append((len(clitics), size))
        for readings in forms.values():
            readings.sort(reverse=True)
        self.forms = forms

    def __bool__(self) -> bool:
        return bool(self.names)

    def find(self, words: Words) -> list[tuple[int, int, int]]:
        """``(start, end, proclitic length)`` of every match, in order."""
        parts, offsets, forms, names = words.parts, words.offsets, self.forms, self.names
        last = len(parts) - 1
        out = []
        pos = 0
        index = words.index
        if len(forms) < len(index):
            hits = [i for form in forms if form in index for i in index[form]]
        else:
            hits = [i for word, at in index.items() if word in forms for i in at]
        hits.sort()
        for i in hits:
            start = offsets[i]
            if start < pos or parts[i - 1][-1:] in ("@", "#"):
                continue
            for clitics, size in forms[parts[i]]:
                name = parts[i][clitics:]
                best = i if name in names else 0
                j = i
                while size > 1 and j + 2 <= last and parts[j + 1] == " ":
                    j += 2
                    size -= 1
                    name += " " + parts[j]
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
) -> list[Candidate]:
    """Occurrences of known person names (full or surname) -> PER candidates.

    ``known`` maps a keyed name (one or more tokens, space-joined) to
    ``(value, name tokens)`` of the person it refers to; keys in ``exclude`` are skipped
    (the article itself knows better). ``matcher`` (built once from ``known``) and
    ``words`` (of ``text``) may be passed in to share them between calls.
    """
    if not known:
        return []
    matcher = matcher if matcher is not None else NameMatcher(known)
    out = []
    for start, end, clitics in matcher.find(words if words is not None else Words(text)):
        k = " ".join(key(t) for t in TOKEN.findall(text, start + clitics, end))
        hit = known.get(k)
        if hit is None or (exclude and k in exclude):
            continue
        value, name = hit
        out.append(Candidate(start, end, "PER", value, "propagated", 3, name))
    return out


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
    return [(m.start(), m.end()) for m in _KINGDOM.finditer(text)]


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


def kingdom_adjectives(text: str) -> list[str]:
    """Kingdoms named through an adjective (``السعودي``, ``المغربية``) in ``text``."""
    return [NATIONALITY[key(m.group("a"))] for m in _KINGDOM_ADJECTIVES.finditer(text)]
