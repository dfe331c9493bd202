"""Arabic number vocabulary and digit-string parsing for the numbers extractor.

Everything here works on *normalised* text (see :func:`newslab.arabic.normalize`):
digits are ASCII, ``٫``/``٬`` are ``.``/``,``, alef forms are bare ``ا`` and Persian yeh
is ``ي``. Values are :class:`~decimal.Decimal` so ``1.5 مليار`` is exactly 1500000000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import regex

__all__ = [
    "DUAL_SCALES",
    "FRACTIONS",
    "ID_WORDS",
    "NOT_NISBA",
    "SCALES",
    "UNITS",
    "WORD_NUMBERS",
    "YEAR_WORDS",
    "KeyedScan",
    "parse_digits",
    "read_word_number",
    "trie_pattern",
]

_THOUSAND = Decimal(1000)
_MILLION = Decimal(10) ** 6
_BILLION = Decimal(10) ** 9
_TRILLION = Decimal(10) ** 12

#: Scale words after a number (``500 مليون``), in every case/number form, normalised.
SCALES: dict[str, Decimal] = {
    **dict.fromkeys(("الف", "الفا", "الاف", "آلاف", "thousand"), _THOUSAND),
    **dict.fromkeys(("مليون", "مليونا", "ملايين", "million", "mln"), _MILLION),
    **dict.fromkeys(
        ("مليار", "مليارا", "مليارات", "بليون", "بليونا", "بلايين", "billion", "bn"), _BILLION
    ),
    **dict.fromkeys(("تريليون", "تريليونا", "تريليونات", "trillion"), _TRILLION),
}

#: Dual forms that stand alone for "two thousand/million/…" (``مليونا دولار``).
DUAL_SCALES: dict[str, Decimal] = {
    **dict.fromkeys(("الفان", "الفين", "الفي"), 2 * _THOUSAND),
    **dict.fromkeys(("مليونان", "مليونين", "مليوني"), 2 * _MILLION),
    **dict.fromkeys(("ملياران", "مليارين", "ملياري", "بليونين", "بليوني"), 2 * _BILLION),
    **dict.fromkeys(("تريليونين", "تريليوني"), 2 * _TRILLION),
}

#: Fractions written before a scale word (``نصف مليار``).
FRACTIONS: dict[str, Decimal] = {"نصف": Decimal("0.5"), "ربع": Decimal("0.25")}

#: Unit nouns after an amount (normalised) -> quantity label.
UNITS: dict[str, tuple[str, ...]] = {
    "people": (
        "شخص",
        "اشخاص",
        "شخصا",
        "نسمة",
        "نسمه",
        "مواطن",
        "مواطنا",
        "مواطنين",
        "مواطنون",
        "فرد",
        "فردا",
        "افراد",
        "قتيل",
        "قتيلا",
        "قتلى",
        "جريح",
        "جريحا",
        "جرحى",
        "مصاب",
        "مصابا",
        "مصابين",
        "طفل",
        "طفلا",
        "اطفال",
        "امراة",
        "نساء",
        "رجل",
        "رجلا",
        "رجال",
        "عامل",
        "عاملا",
        "عمال",
        "جندي",
        "جنديا",
        "جنود",
        "عسكري",
        "عسكريا",
        "مقاتل",
        "مقاتلا",
        "مقاتلين",
        "لاجئ",
        "لاجئا",
        "لاجئين",
        "لاجئون",
        "نازح",
        "نازحا",
        "نازحين",
        "مهاجر",
        "مهاجرا",
        "مهاجرين",
        "سائح",
        "سائحا",
        "سياح",
        "زائر",
        "زائرا",
        "زوار",
        "طالب",
        "طالبا",
        "طلاب",
        "تلميذ",
        "تلميذا",
        "تلاميذ",
        "معتقل",
        "معتقلا",
        "معتقلين",
        "اسير",
        "اسيرا",
        "اسرى",
        "سجين",
        "سجينا",
        "سجناء",
        "ضحية",
        "ضحايا",
        "متظاهر",
        "متظاهرا",
        "متظاهرين",
        "محتج",
        "محتجا",
        "محتجين",
        "ناخب",
        "ناخبا",
        "ناخبين",
        "موظف",
        "موظفا",
        "موظفين",
        "نائب",
        "نائبا",
        "نواب",
        "عضو",
        "عضوا",
        "اعضاء",
        "مشارك",
        "مشاركا",
        "مشاركين",
        "حاج",
        "حاجا",
        "حجاج",
        "مريض",
        "مريضا",
        "مرضى",
        "يهود",
        "مسلم",
        "مسلما",
        "مسلمين",
        "مستوطن",
        "مستوطنا",
        "مستوطنين",
        "شهيد",
        "شهيدا",
        "شهداء",
        "مدني",
        "مدنيا",
        "مدنيين",
    ),
    "jobs": ("منصب شغل", "مناصب شغل", "فرصة عمل", "فرص عمل", "وظيفة", "وظائف"),
    "cubic_metre": ("متر مكعب", "مترا مكعبا", "امتار مكعبة", "متر مكعبا"),
    "square_km": ("كيلومتر مربع", "كيلومترا مربعا", "كلم مربع", "كلم2", "كم2"),
    "square_metre": ("متر مربع", "مترا مربعا", "امتار مربعة"),
    "km": ("كيلومتر", "كيلومترا", "كيلومترات", "كلم", "كم", "km"),
    "m": ("متر", "مترا", "امتار"),
    "hectare": ("هكتار", "هكتارا", "هكتارات"),
    "tonne": ("طن", "طنا", "اطنان"),
    "kg": ("كيلوغرام", "كيلوغراما", "كيلوجرام", "كيلوجراما", "كلغ", "كغ", "kg"),
    "barrel": ("برميل", "برميلا", "براميل"),
    "MW": ("ميغاواط", "ميغاوات", "ميجاوات", "ميجاواط"),
    "litre": ("لتر", "لترا", "لترات"),
    "years": ("عام", "عاما", "اعوام", "سنة", "سنوات", "سنين"),
    "months": ("شهر", "شهرا", "اشهر", "شهور"),
    "days": ("يوم", "يوما", "ايام"),
    "hours": ("ساعة", "ساعات"),
    "minutes": ("دقيقة", "دقائق"),
    "countries": ("دولة", "دول", "بلدا", "بلدان"),
}
#: Words before a number that make it an identifier or a time, not a quantity.
ID_WORDS = frozenset(
    {
        "رقم",
        "الرقم",
        "المادة",
        "الفصل",
        "البند",
        "القرار",
        "الفقرة",
        "الصفحة",
        "صفحة",
        "العدد",
        "الساعة",
        "الدقيقة",
        "الطريق",
        "الكيلومتر",
        "الجولة",
        "الحلقة",
        "النسخة",
        "فيديو",
        "كوفيد",
        "الموسم",
        "الطبعة",
        "الدورة",
        "المرتبة",
        "المركز",
        "المقعد",
        "الحافلة",
        "الرحلة",
    }
)
#: Words before a four-digit number that make it a year.
YEAR_WORDS = frozenset(
    {"عام", "العام", "سنة", "السنة", "لعام", "للعام", "بعام", "منذ", "موسم", "الموسم"}
)
#: Words ending in ي after a number that are not nisba nouns counting people.
NOT_NISBA = frozenset(
    {
        "في",
        "الذي",
        "التي",
        "حتي",
        "الي",
        "علي",
        "اي",
        "سنوي",
        "يومي",
        "شهري",
        "اضافي",
        "اجمالي",
        "اولي",
        "حالي",
        "مربعي",
        "تقريبي",
        "فقط",
        "لدي",
        "اخري",
    }
)

_UNITS = {
    1: ("واحد", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    3: ("ثلاث", "ثلاثة"),
    4: ("اربع", "اربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
    10: ("عشر", "عشرة"),
}
_TENS = {
    20: "عشر",
    30: "ثلاث",
    40: "اربع",
    50: "خمس",
    60: "ست",
    70: "سبع",
    80: "ثمان",
    90: "تسع",
}
_HUNDRED_FORMS = ("مئة", "مائة", "مئه", "مائه", "ماية")


def _build_word_numbers() -> dict[str, int]:
    words: dict[str, int] = {}
    for value, forms in _UNITS.items():
        for form in forms:
            words[form] = value
    for value, stem in _TENS.items():
        words[stem + "ون"] = value
        words[stem + "ين"] = value
    for form in _HUNDRED_FORMS:
        words[form] = 100
    for form in ("مئتان", "مئتين", "مئتي", "مائتان", "مائتين", "مائتي"):
        words[form] = 200
    for value in range(3, 10):
        stem = _UNITS[value][0]
        for form in _HUNDRED_FORMS[:2]:
            words[stem + form] = value * 100
    return words


#: Small cardinal words (normalised): units, teens' first parts, tens, hundreds.
WORD_NUMBERS: dict[str, int] = _build_word_numbers()

_WORD = regex.compile(r"\s{0,2}(و?)\s{0,1}(\w{1,12})(?!\w)")


def trie_pattern(words) -> str:
    """A regex alternation of ``words`` factored as a trie (``دول(?:ار(?:ات)?)?``).

    A flat alternation of many literals tries every branch at every position; the trie
    form tries one branch per character, which keeps the scanners fast. Follow it with
    ``(?!\\w)`` for whole words: backtracking into the optional tails finds shorter ones.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [regex.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends else group

    return build(trie)


#: Rough share (%) of each letter in Arabic prose. It only decides where
#: :class:`KeyedScan` anchors its passes (a rarer key starts fewer match attempts), never
#: what is found; letters not listed count as rare.
_LETTER_SHARE: dict[str, float] = {
    letter: share
    for letters, share in (
        ("ا", 12.5),
        ("ل", 10.0),
        ("ي", 7.0),
        ("م", 6.0),
        ("و", 5.5),
        ("ن", 5.0),
        ("ر", 4.0),
        ("تب", 3.5),
        ("عه", 3.0),
        ("دةف", 2.5),
        ("قكس", 2.0),
        ("ح", 1.7),
        ("ج", 1.2),
        ("شصى", 1.0),
        ("طخ", 0.8),
        ("زذث", 0.6),
    )
    for letter in letters
}
#: What one more pass over the text costs, in the units of :data:`_LETTER_SHARE`.
_PASS_COST = 2.0


class KeyedScan:
    """Finds the literals of a set in a text from a *key* that each one contains.

    ``re`` starts a search with a character-class test at every position (~4 ns a
    character) and a match attempt wherever the class holds; the first letters of
    words such as ``مليون`` or ``الجزائر`` are common, so one trie of them starts an
    attempt at half the positions. A pattern that begins with one literal key (``و``)
    is searched by a tight loop (well under 1 ns a character) and starts attempts only
    at that key. So the literals are split into a few passes by a key each contains
    (chosen greedily over :data:`_LETTER_SHARE`); a pass reads the rest of
    a literal after its key as a trie and checks the part before the key with a
    lookbehind. An empty group closes each literal, so ``lastindex`` tells which one
    matched and where it started. Within a pass, matches do not overlap: an occurrence
    that overlaps one found may be skipped (it lies in the same word).
    """

    def __init__(self, literals: Iterable[str]):
        self.literals: tuple[str, ...] = tuple(sorted(set(literals)))
        if "" in self.literals:
            raise ValueError("KeyedScan: empty literal")
        chosen = _cheap_keys(list(self.literals))
        by_key: dict[str, list[str]] = {}
        for literal in self.literals:
            key = next((k for k in chosen if k in literal), None)
            if key is None:
                raise ValueError(f"KeyedScan: no key in {literal!r}")
            by_key.setdefault(key, []).append(literal)
        #: ``(pattern, lengths)`` per key: ``lengths[m.lastindex]`` is the literal's length.
        self.passes: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = tuple(
            _keyed_pass(key, group) for key, group in by_key.items()
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of the literals found, pass by pass (not in text order)."""
        found: list[tuple[int, int]] = []
        for pattern, lengths in self.passes:
            found += [(m.end() - lengths[m.lastindex], m.end()) for m in pattern.finditer(text)]
        return found


def _cheap_keys(literals: list[str]) -> list[str]:
    """Letters that between them occur in every literal, picked for the fewest passes
    and match attempts (greedy set cover weighted by :data:`_LETTER_SHARE`)."""
    left = set(literals)
    keys: list[str] = []
    while left:
        letters = sorted({ch for literal in left for ch in literal})
        best = max(
            letters,
            key=lambda ch: (
                sum(ch in lit for lit in left) / (_PASS_COST + _LETTER_SHARE.get(ch, 0.5))
            ),
        )
        keys.append(best)
        left = {literal for literal in left if best not in literal}
    return keys


def _keyed_pass(key: str, literals: list[str]) -> tuple[re.Pattern[str], tuple[int, ...]]:
    """One pass: ``key``, then a trie of what follows it in each literal; at each end an
    optional lookbehind for the whole literal (when it does not start with the key)
    and an empty group numbering it."""
    trie: dict[str, dict] = {}
    for literal in literals:
        node = trie
        for ch in literal[literal.index(key) + len(key) :]:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append(literal)
    lengths = [0]

    def build(node: dict) -> str:
        parts = []
        for literal in node.get("", ()):
            lengths.append(len(literal))
            behind = "" if literal.startswith(key) else f"(?<={re.escape(literal)})"
            parts.append(behind + "()")
        for ch, child in sorted((ch, child) for ch, child in node.items() if ch):
            parts.append(re.escape(ch) + build(child))
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    pattern = re.compile(re.escape(key) + build(trie))
    if pattern.groups != len(lengths) - 1:  # groups are numbered in the order built
        raise AssertionError("KeyedScan: group numbering out of step")
    return pattern, tuple(lengths)


def read_word_number(text: str, pos: int, first: str) -> tuple[int, int]:
    """Read a compound cardinal starting with the word ``first`` at ``pos``.

    Handles ``خمسة وعشرون``, ``ثلاثمائة وخمسون``, ``ثلاثة عشر``. Returns
    ``(value, end)`` where ``end`` is just after the last number word.
    """
    value = WORD_NUMBERS[first]
    end = pos + len(first)
    for _ in range(4):
        m = _WORD.match(text, end)
        if m is None:
            break
        conj, word = m.group(1), m.group(2)
        if not conj and word in ("عشر", "عشرة") and value < 10:
            value += 10  # teens: ثلاثة عشر
        elif conj and word in WORD_NUMBERS and WORD_NUMBERS[word] < _magnitude(value):
            value += WORD_NUMBERS[word]
        else:
            break
        end = m.end()
    return value, end


def _magnitude(value: int) -> int:
    """Smallest power of ten above the lowest non-zero order of ``value`` (for ``و`` joins)."""
    if value % 100 == 0:
        return 100
    if value % 10 == 0:
        return 10
    return 100 if value < 10 else 10


_THOUSANDS_COMMA = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_THOUSANDS_DOT = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")

#: Longest digit run taken as a number; longer runs are ids, phone numbers or noise.
MAX_DIGITS = 16


def parse_digits(token: str, *, before_scale: bool = False) -> Decimal | int | None:
    """Value of a digit token with ``,``/``.`` separators, or ``None`` if it is not one number.

    ``1,500`` and ``1,500,000.5`` use thousands commas; ``1.500.000`` is a European
    grouping; a lone comma before other than three digits is a decimal comma
    (``2,4 مليار``), and so is a lone comma before a scale word (``1,25 مليار``,
    ``1,250 مليار`` = 1.25 billion) unless it groups zeros (``1,000 مليار``).
    """
    if token.isdigit():  # the common case, without Decimal
        return int(token) if len(token) <= MAX_DIGITS else None
    if sum(c.isdigit() for c in token) > MAX_DIGITS:
        return None
    commas, dots = token.count(","), token.count(".")
    try:
        if commas == 0 and dots <= 1:
            return Decimal(token)
        if commas == 1 and dots == 0:
            head, tail = token.split(",")
            thousands = len(tail) == 3 and len(head) <= 3 and not (before_scale and tail != "000")
            return Decimal(head + tail) if thousands else Decimal(f"{head}.{tail}")
        if _THOUSANDS_COMMA.fullmatch(token):
            return Decimal(token.replace(",", ""))
        if dots >= 1 and _THOUSANDS_DOT.fullmatch(token) and (dots >= 2 or commas == 1):
            return Decimal(token.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None
    return None
