"""Arabic proclitics: ``بمراكش`` is ``ب`` + ``مراكش``, ``والرباط`` is ``وال`` + ``رباط``.

Names and nouns in news text carry attached particles: the conjunctions و ف, the
prepositions ب ل ك, the future marker س (on verbs) and the article ال, which merges
with ل into لل (``للرباط`` = ل + ال + رباط). To match ``بمراكش`` against a gazetteer
entry ``مراكش`` they must come off, without mangling words that merely start with
those letters (``بلدة``, ``بيروت``, ``فرنسا``).

- :func:`split_clitics` gives the surface split of one word, ``prefix + stem + suffix
  == word``. Pass ``known`` (a gazetteer or lexicon) to choose the split whose stem it
  contains; without it, a built-in list of frequent words that begin with a clitic
  letter is protected, and otherwise the longest plausible prefix comes off.
- :func:`stem_variants` lists every plausible stem, folded, longest first — for
  looking a word up in a dictionary keyed by :func:`fold`.
- :func:`match_key` is a consistent key: a word with extra clitics gets the same key
  as the bare word (``match_key("وبمراكش") == match_key("مراكش")``).

Without ``known`` only و, ب, ل come off freely; ف and ك come off only before the article
(``فالرباط``, ``كالعادة``), and س only before an imperfect verb prefix (``سيزور``) —
names starting with ف or ك (``فرنسا``, ``كندا``) are far more common than ف/ك + name.
Pronoun suffixes (``حكومتها``) come off only when ``known`` confirms the stem.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from typing import NamedTuple

from newslab.arabic.normalize import NormalizedText, normalize

__all__ = ["Clitics", "fold", "match_key", "split_clitics", "stem_variants"]

MIN_STEM = 3

_LOOSE = str.maketrans({"ؤ": "و", "ئ": "ي"})

# Frequent words of news text that begin with a clitic letter (or with ال that is not
# the article, once hamza is folded: ألمانيا -> المانيا). Written naturally here and
# folded at import.
_PROTECTED_WORDS = """
وزير وزيرة وزراء وزارة وزارات وكالة وكالات وكيل ولاية ولايات واشنطن وهران وطن وطني
وطنية وفد وفود وفاة وقت وقف وقود واقع وثيقة وثائق وسط وسائل وسيلة وجهة وحدة وحدات
وصول وظيفة وظائف ورقة وعود وباء وادي ورشة وضع وضعية ولادة والي ولي وارسو ويلز
فرنسا فرنسي فرنسية فلسطين فلسطيني فلسطينية فلسطينيين فريق فترة فرصة فكرة فيروس فصل
فضاء فندق فوز فئة فعل فعالية فنزويلا فيينا فيسبوك فنلندا فيتنام فاس فلوريدا فيلم
فساد فقر فلاحة فقط فيما
بلد بلدة بلدية بلاد بلدان بيان بيانات بنك بنوك برلمان برنامج برامج بحر بحث بعد بين
بيت بيروت بغداد بريطانيا بريطاني بريطانية بلجيكا برلين باريس بكين بولندا بوتين بايدن
بنغازي باكستان بطولة بطل بيئة بورصة بوابة باب بداية بديل برشلونة بروكسل بنزرت بسكرة
بجاية بوتفليقة بوركينا بلغاريا بنغلاديش بيلاروسيا بيرو بوليفيا بنما بحرين بترول
لبنان لبناني لبنانية ليبيا ليبي ليبية لندن لجنة لجان لقاء لقاءات لاعب لاعبين لحظة
لغة لائحة لوس ليلة لون لقب لوحة لشبونة لاجئ لاجئين لاهاي ليون لوكسمبورغ
كندا كوريا كينيا كوبا كولومبيا كرة كتاب كاتب كلمة كلية كمية كبير كبيرة كأس كامل
كورونا كوفيد كتلة كلفة كهرباء كيلومتر كانون كيان كنيسة كرواتيا كازاخستان كاليفورنيا
سياسة سياسي سياسية سيارة سيارات سيدي سيدة سيطرة سيادة سيناء سيول سيناريو ستة ستين
سنة سنوات سنوي سنوية سنغافورة سينما
ألمانيا ألماني ألمانية ألبانيا إلغاء ألعاب إلكتروني إلكترونية ألف آلاف آلية
"""


class Clitics(NamedTuple):
    """A word split into ``prefix + stem + suffix`` (surface substrings of the word)."""

    prefix: str
    stem: str
    suffix: str = ""

    @property
    def has_article(self) -> bool:
        """True when the prefix ends with the article ال (or the merged لل)."""
        folded = fold(self.prefix)
        return folded.endswith("ال") or folded.endswith("لل")


def fold(word: str) -> str:
    """The matching form of a word: :func:`normalize` with teh marbuta and hamza seats
    folded (ة -> ه, ؤ -> و, ئ -> ي) and Latin case folded. Lookup tables for
    :func:`stem_variants` and ``known`` sets are best keyed by it."""
    return _fold_normalized(word).text.translate(_LOOSE).casefold()


def _fold_normalized(word: str) -> NormalizedText:
    return normalize(word, teh_marbuta=True)


_PROTECTED = frozenset(fold(w) for w in _PROTECTED_WORDS.split())
_PRONOUN_SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك", "ي")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
# Imperfect prefixes after the future marker (not أ: once folded, سأ looks like سا-, which
# starts far more nouns and names than first-person verbs).
_IMPERFECT = "يتن"


class _Split(NamedTuple):
    prefix_len: int  # in folded characters
    stem: str  # folded
    article: bool


@lru_cache(maxsize=65536)
def _splits(folded: str, strict: bool, min_stem: int) -> tuple[_Split, ...]:
    """Every grammatical prefix split of a folded word, shortest prefix first.

    ``strict``: the default grammar (ف and ك only before the article), else all.
    """
    found: dict[int, _Split] = {0: _Split(0, folded, False)}

    def add(length: int, article: bool) -> None:
        if len(folded) - length >= min_stem and length not in found:
            found[length] = _Split(length, folded[length:], article)

    for conj in ("", *_CONJUNCTIONS):
        if not folded.startswith(conj):
            continue
        c = len(conj)
        if conj == "و" or (conj and not strict):
            add(c, False)
        rest = folded[c:]
        # Future marker on an imperfect verb: سيزور, وسنعمل.
        if rest.startswith("س") and rest[1:2] and rest[1] in _IMPERFECT:
            add(c + 1, False)
        # The article, or preposition + article: ال، بال، كال، لل.
        if rest.startswith("ال"):
            add(c + 2, True)
        if rest.startswith("لل"):
            add(c + 2, True)
        for prep in _PREPOSITIONS:
            if rest.startswith(prep):
                if prep != "ل" and rest.startswith("ال", 1):  # ل + ال is written لل
                    add(c + 3, True)
                if (prep != "ك" or not strict) and (conj != "ف" or not strict):
                    add(c + 1, False)
    return tuple(found[k] for k in sorted(found))


def _known_form(split: _Split, known: Container[str]) -> str | None:
    """The entry of ``known`` the split's stem matches, with or without the article."""
    if split.stem in known:
        return split.stem
    if split.article and "ال" + split.stem in known:
        return "ال" + split.stem
    return None


def _choose(folded: str, known: Container[str] | None, min_stem: int) -> tuple[_Split, int]:
    """The chosen prefix split and the folded length of the pronoun suffix."""
    if known is not None:
        candidates = _splits(folded, False, min_stem)
        for split in candidates:
            if _known_form(split, known):
                return split, 0
        for split in candidates:
            for suffix in _PRONOUN_SUFFIXES:
                stem = split.stem
                if len(stem) - len(suffix) < min_stem or not stem.endswith(suffix):
                    continue
                bare = stem[: -len(suffix)]
                for candidate in (bare, bare[:-1] + "ه" if bare.endswith("ت") else None):
                    if candidate and _known_form(split._replace(stem=candidate), known):
                        return split, len(suffix)
    candidates = _splits(folded, True, min_stem)
    for split in candidates:
        if split.stem in _PROTECTED:
            return split, 0
    return candidates[-1], 0


def split_clitics(
    word: str, *, known: Container[str] | None = None, min_stem: int = MIN_STEM
) -> Clitics:
    """Split ``word`` into proclitic prefix, stem and (with ``known``) pronoun suffix.

    ``known``: stems to prefer, :func:`fold`-ed (``{fold(w) for w in gazetteer}``), with
    or without the article (``"الرباط"`` or ``"رباط"``); the first split whose stem is
    known wins, shortest prefix first.
    ``min_stem``: never leave a stem shorter than this many letters.
    """
    normalized = _fold_normalized(word)
    folded = normalized.text.translate(_LOOSE).casefold()
    if len(folded) != len(normalized.text):  # casefold changed the length (ß, İ)
        return Clitics("", word, "")
    split, suffix_len = _choose(folded, known, min_stem)
    stem_start = normalized.to_original(split.prefix_len) if split.prefix_len else 0
    stem_end = (
        normalized.to_original_span(0, len(folded) - suffix_len)[1] if suffix_len else len(word)
    )
    if split.prefix_len and stem_start == 0:  # the prefix ends inside a ligature
        return Clitics("", word, "")
    return Clitics(word[:stem_start], word[stem_start:stem_end], word[stem_end:])


def stem_variants(word: str, *, min_stem: int = MIN_STEM) -> list[str]:
    """Every plausible folded stem of ``word``, longest first, the word itself included.

    The article is offered both attached and removed: ``بالرباط`` gives
    ``["بالرباط", "الرباط", "رباط"]``; ``للبنان`` gives ``["للبنان", "لبنان", "البنان", "بنان"]``.
    """
    folded = fold(word)
    variants: list[str] = []
    for split in _splits(folded, False, min_stem):
        if split.article:
            variants.append("ال" + split.stem)
        variants.append(split.stem)
    unique = dict.fromkeys(v for v in variants if len(v) >= min_stem or v == folded)
    return sorted(unique, key=len, reverse=True)


def match_key(word: str, *, known: Container[str] | None = None, min_stem: int = MIN_STEM) -> str:
    """A folded, clitic-free key: words that differ only by proclitics share it.

    Prefixes come off repeatedly (``وبالرباط`` -> ``رباط``, ``ببيروت`` -> ``بيروت``) until
    a protected or ``known`` stem is reached or nothing more comes off, so a word with
    extra clitics always reaches the key of the bare word.
    """
    key = fold(word)
    for _ in range(len(key)):
        if key in _PROTECTED or (known is not None and key in known):
            return key
        if known is not None:
            for split in _splits(key, False, min_stem):
                form = _known_form(split, known)
                if form:
                    return form
        candidates = _splits(key, True, min_stem)
        split = next((s for s in candidates if s.stem in _PROTECTED), candidates[-1])
        if not split.prefix_len:
            return key
        key = split.stem
    return key
