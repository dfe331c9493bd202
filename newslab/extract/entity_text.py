"""Small text helpers and word lists shared by the entity extractor and linker.

Everything here works on text already passed through :func:`newslab.arabic.normalize`
(alef forms, yeh and keheh folded), so the lists are written in that folded spelling's
*key* form: :func:`key` additionally folds teh marbuta, hamza seats and Persian
letters, which outlets spell inconsistently in names.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "DAY_WORDS",
    "NATIONALITY",
    "REGNAL",
    "SPELLING",
    "STOPWORDS",
    "TITLE_WORDS",
    "is_definite",
    "key",
    "key_phrase",
    "remember_spelling",
    "strip_proclitics",
    "words",
]

#: A token: a run of letters, or a run of digits.
TOKEN = re.compile(r"[^\W\d_]+|\d+")

_KEY_TABLE = str.maketrans(
    {
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "ى": "ي",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "ڤ": "ف",
        "ڨ": "ق",
        "ی": "ي",
        "ک": "ك",
        "گ": "ك",
        "ـ": None,
    }
)


@lru_cache(maxsize=65536)
def key(token: str) -> str:
    """The comparison form of one token: spelling variants folded, Latin lower-cased."""
    return token.translate(_KEY_TABLE).lower()


def key_phrase(text: str) -> str:
    """The comparison form of a phrase: tokens keyed and joined by one space."""
    return " ".join(map(key, TOKEN.findall(text)))


def is_definite(token_key: str) -> bool:
    """True for a keyed token carrying the article (ال…), possibly after و/ف/ب/ك/ل."""
    if token_key.startswith("ال") and len(token_key) > 3:
        return True
    if len(token_key) > 4 and token_key[0] in "وفبك" and token_key[1:3] == "ال":
        return True
    return len(token_key) > 3 and (token_key.startswith("لل") or token_key[1:3] == "لل")


def strip_proclitics(token_key: str) -> list[tuple[int, str]]:
    """Candidate (prefix length, stem) readings of a keyed token, longest stem first.

    ``للمغرب`` reads as ``(1, "المغرب")`` (ل + ال with the alef dropped); ``وبمراكش``
    as ``(2, "مراكش")``. Only readings leaving at least two letters are returned.
    """
    out = [(0, token_key)]
    n = len(token_key)
    i = 0
    if n > 3 and token_key[0] in "وف":
        i = 1
        out.append((1, token_key[1:]))
    if n - i > 3 and token_key[i] in "بلك":
        if token_key[i] == "ل" and token_key[i + 1] == "ل":
            out.append((i + 1, "ا" + token_key[i + 1 :]))
        out.append((i + 1, token_key[i + 1 :]))
    return [(p, s) for p, s in out if len(s) >= 2]


#: Keyed word -> its best spelling (with hamza), filled by the word lists below.
SPELLING: dict[str, str] = {}


def _hamzas(text: str) -> int:
    return sum(text.count(c) for c in "أإآؤئء")


def remember_spelling(word: str) -> str:
    """Record ``word`` as the spelling of its key (hamza-rich spellings win)."""
    k = key(word)
    known = SPELLING.get(k)
    if known is None or _hamzas(word) > _hamzas(known):
        SPELLING[k] = word
    return k


def words(text: str) -> frozenset[str]:
    """A whitespace-separated word list as a set of keys (spellings remembered)."""
    return frozenset(remember_spelling(w) for w in text.split())


_words = words


#: Function words, frequent news verbs and other words that end a name.
STOPWORDS = _words(
    """
    في من إلى الى على عن مع عند لدى منذ حتى بين خلال بعد قبل أمام خلف حول ضد عبر دون
    تحت فوق نحو لكن بل أو أم ثم إن أن إنه أنه إنها أنها كان كانت يكون تكون ليس لم لن لا
    ما ماذا هل قد لقد سوف كل بعض غير هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين
    هو هي هم هن نحن أنا انت أنت أيضا ايضا فقط كما وفق حسب بحسب إذ إذا لو كيف حيث أين متى
    ومن وفي وعلى وإلى وعن ومع وقد ولم ولا وأن وإن فإن فقد بأن لأن كأن بينما عندما وهو وهي
    قال قالت وقال وقالت يقول تقول أكد أكدت وأكد وأكدت يؤكد أعلن أعلنت وأعلن يعلن أضاف
    أضافت وأضاف وأضافت تابع تابعت وتابع أوضح أوضحت وأوضح أشار أشارت وأشار ذكر ذكرت وذكر
    صرح صرحت وصرح زار يزور زارت تزور التقى يلتقي التقت استقبل يستقبل استقبلت بحث يبحث
    دعا يدعو دعت طالب يطالب طالبت اعتبر يعتبر اعتبرت رأى يرى رأت شدد يشدد شددت وشدد
    أفاد أفادت وأفاد نقل نقلت أفادت كشف كشفت يكشف أفاد وصل يصل وصلت غادر يغادر توجه
    يتوجه وقع يوقع وقعت أجرى يجري أجرت ترأس يترأس عقد يعقد عقدت جاء يأتي جاءت تأتي
    بحث يشارك شارك شاركت قام يقوم قامت يحل حل تولى يتولى رفض يرفض رفضت أدان يدين أدانت
    هنأ يهنئ اتصل يتصل اتصالا هاتفيا رسميا أمس اليوم غدا الآن حاليا سابقا لاحقا مؤخرا
    الماضي المقبل القادم الحالي السابق الأسبق الجديد نفسه ذاته عدة عدد أكثر أقل
    جدا أول أولى ثاني ثانية آخر أخرى الأول الأولى الثاني الثانية الأخير الأخيرة
    والذي والتي وذلك وهذا وهذه بهذا بهذه لهذا لهذه لذلك بذلك كذلك هناك هنا
    نظير نظيره نظيرته نظيريه نظيرها نظراءه برفقة رفقة يرافقه زوجته زوجها عقب إثر بسبب
    """
)

#: Day names, parts of the day and time words: never part of a name.
DAY_WORDS = _words(
    """
    الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أحد اثنين إثنين ثلاثاء
    أربعاء خميس جمعة سبت يوم اليوم صباح مساء ليلة صباحا مساء ظهر عصر الصباح المساء
    العام عام السنة الشهر الأسبوع الأسبوع
    """
)

#: Titles, ranks and roles that introduce a person's name (not part of the span).
TITLE_WORDS = _words(
    """
    وزير وزيرة الوزير الوزيرة رئيس رئيسة الرئيس الرئيسة نائب نائبة النائب النائبة
    قائد القائد قائدة زعيم الزعيم زعيمة المتحدث المتحدثة متحدث متحدثة الناطق الناطقة
    ناطق السفير السفيرة سفير سفيرة الجنرال جنرال البريغادير بريغادير الكولونيل الميجور
    العاهل الملك الملكة الأمير الأميرة أمير الشيخ الشيخة السلطان ولي العهد المشير الفريق
    اللواء العميد العقيد المقدم الرائد النقيب الملازم الأدميرال الأميرال الدكتور الدكتورة
    د البروفيسور البروفسور الأستاذ الأستاذة المهندس المهندسة السيد السيدة الحاج المستشار
    المستشارة مستشار مستشارة المبعوث المبعوثة مبعوث الممثل الممثلة المدير المديرة مدير
    مديرة الأمين أمين المرشد الإمام الحاخام البابا الكاردينال المطران البطريرك القس
    القاضي القاضية المحامي المحامية المدعي الصحفي الصحفية الصحافي الصحافية الكاتب الكاتبة
    الباحث الباحثة المحلل المحللة الخبير الخبيرة المراسل المراسلة مراسل مراسلة المفوض
    المفوضة المحافظ محافظ الحاكم حاكم الوالي عمدة رئيسا رئيسه النائبان عضو العضو
    الناشط الناشطة الناشطين الفنان الفنانة المخرج المغني المغنية اللاعب اللاعبة المدرب
    الداعية المعارض المعارضة المرشح المرشحة المرشحين الملياردير رجل سيدة نجم النجم
    الرئيسان العاهلان المتحدثون
    """
)

#: Regnal numbers (محمد السادس, عبد الله الثاني): never a family name on their own.
REGNAL = _words(
    """
    الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحادي عشر
    الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة
    """
)

#: Country adjectives (masculine and feminine, singular and plural) -> canonical country.
NATIONALITY: dict[str, str] = {}


def _nationality(country: str, stems: str) -> None:
    for stem in stems.split():
        for form in (stem, stem + "ة", stem + "ين", stem + "ون"):
            NATIONALITY[remember_spelling("ال" + form)] = country
            NATIONALITY[remember_spelling(form)] = country


for _country, _stems in {
    "المغرب": "مغربي",
    "الجزائر": "جزائري",
    "تونس": "تونسي",
    "ليبيا": "ليبي",
    "مصر": "مصري",
    "السودان": "سوداني",
    "موريتانيا": "موريتاني",
    "إسرائيل": "إسرائيلي",
    "فلسطين": "فلسطيني",
    "الأردن": "أردني",
    "لبنان": "لبناني",
    "سوريا": "سوري",
    "العراق": "عراقي",
    "إيران": "إيراني",
    "تركيا": "تركي",
    "السعودية": "سعودي",
    "الإمارات": "إماراتي",
    "قطر": "قطري",
    "الكويت": "كويتي",
    "البحرين": "بحريني",
    "عمان": "عماني",
    "اليمن": "يمني",
    "الولايات المتحدة": "أمريكي أميركي",
    "روسيا": "روسي",
    "أوكرانيا": "أوكراني",
    "الصين": "صيني",
    "اليابان": "ياباني",
    "الهند": "هندي",
    "باكستان": "باكستاني",
    "أفغانستان": "أفغاني",
    "فرنسا": "فرنسي",
    "بريطانيا": "بريطاني",
    "ألمانيا": "ألماني",
    "إسبانيا": "إسباني",
    "إيطاليا": "إيطالي",
    "البرتغال": "برتغالي",
    "هولندا": "هولندي",
    "بلجيكا": "بلجيكي",
    "السويد": "سويدي",
    "اليونان": "يوناني",
    "بولندا": "بولندي",
    "كندا": "كندي",
    "البرازيل": "برازيلي",
    "إثيوبيا": "إثيوبي",
    "الصومال": "صومالي",
    "نيجيريا": "نيجيري",
    "السنغال": "سنغالي",
    "مالي": "مالي",
    "تشاد": "تشادي",
    "النيجر": "نيجري",
    "جنوب أفريقيا": "جنوب أفريقي",
    "أوروبا": "أوروبي أوربي",
    "أفريقيا": "أفريقي إفريقي",
}.items():
    _nationality(_country, _stems)
# Malian adjectives are spelled like "financial" (المالية = the finance ministry's word)
for _form in ("مالي", "مالية", "ماليين", "ماليون"):
    NATIONALITY.pop(key(_form), None)
    NATIONALITY.pop(key("ال" + _form), None)
