"""Generate varied Arabic news-like articles for benchmarks (deterministic, no downloads).

Articles are assembled at random from sentence templates filled with names, places,
organisations, dates in several month-name systems, amounts, quotes, hashtags and
footers, so no two articles are the same text and every extractor has work to do.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = [
    "محمد",
    "أحمد",
    "سارة",
    "ليلى",
    "يوسف",
    "خالد",
    "مريم",
    "عمر",
    "نادية",
    "كريم",
    "هدى",
    "سمير",
    "إبراهيم",
    "فاطمة",
    "رشيد",
    "زينب",
    "طارق",
    "سلمى",
    "جمال",
    "رانيا",
]
LAST = [
    "العلوي",
    "الحسني",
    "بنعلي",
    "المنصوري",
    "الخطيب",
    "الشامي",
    "العمراني",
    "التازي",
    "حداد",
    "السويدي",
    "القاسمي",
    "الزياني",
    "بركات",
    "النعيمي",
    "الطحان",
    "عيسى",
    "الفاسي",
    "مراد",
]
ROLES = [
    "وزير الخارجية",
    "وزيرة الاقتصاد",
    "رئيس الوزراء",
    "المتحدث باسم الحكومة",
    "السفير",
    "رئيس أركان الجيش",
    "محافظ البنك المركزي",
    "الأمين العام للحزب",
    "مدير الشركة",
]
PLACES = [
    "الرباط",
    "القاهرة",
    "عمّان",
    "بيروت",
    "تونس",
    "الجزائر",
    "بغداد",
    "الدوحة",
    "الرياض",
    "دبي",
    "طرابلس",
    "الخرطوم",
    "دمشق",
    "مسقط",
    "نواكشوط",
    "مراكش",
    "الإسكندرية",
    "صفاقس",
]
COUNTRIES = [
    "المغرب",
    "مصر",
    "الأردن",
    "لبنان",
    "تونس",
    "الجزائر",
    "العراق",
    "قطر",
    "السعودية",
    "الإمارات",
    "ليبيا",
    "السودان",
    "سوريا",
    "عمان",
    "موريتانيا",
    "فرنسا",
    "ألمانيا",
    "تركيا",
]
ORGS = [
    "الأمم المتحدة",
    "الاتحاد الأوروبي",
    "جامعة الدول العربية",
    "صندوق النقد الدولي",
    "البنك الدولي",
    "وكالة رويترز",
    "وكالة فرانس برس",
    "منظمة الصحة العالمية",
    "حلف الناتو",
]
MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
    "يوليوز",
    "غشت",
    "شتنبر",
    "نونبر",
    "دجنبر",
    "جانفي",
    "فيفري",
    "أفريل",
    "جوان",
    "جويلية",
    "أوت",
]
CURRENCIES = ["دولار", "يورو", "درهم", "دينار", "ريال", "جنيه مصري", "ليرة تركية"]
SCALES = ["ألف", "مليون", "مليار"]
TOPICS = [
    "الطاقة المتجددة",
    "الأمن الغذائي",
    "التعاون العسكري",
    "الاستثمار",
    "السياحة",
    "التعليم",
    "الصحة العامة",
    "المياه",
    "النقل البحري",
    "التجارة الحرة",
    "الهجرة",
    "المناخ",
]
VERBS = ["قال", "أكد", "أوضح", "صرح", "أضاف", "شدد"]
FILLER = ["في إطار", "على هامش", "بحسب", "وسط", "بعد", "قبل", "خلال", "من أجل", "رغم", "عقب"]
NOUNS = [
    "الاجتماع",
    "المباحثات",
    "الزيارة",
    "الاتفاق",
    "المشروع",
    "المؤتمر",
    "القمة",
    "الجولة",
    "المفاوضات",
    "التقرير",
    "البرنامج",
    "الخطة",
    "الصفقة",
    "المبادرة",
]
ADJS = ["الجديد", "المشترك", "الثنائي", "الإقليمي", "الدولي", "الطموح", "الاستراتيجي", "المرتقب"]


def _person(r: random.Random) -> str:
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def _date(r: random.Random) -> str:
    return f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(1995, 2026)}"


def _money(r: random.Random) -> str:
    number = r.choice([str(r.randint(2, 950)), f"{r.randint(1, 99)}.{r.randint(1, 9)}"])
    return f"{number} {r.choice(SCALES)} {r.choice(CURRENCIES)}"


def _sentence(r: random.Random) -> str:
    kind = r.randrange(9)
    if kind == 0:
        return (
            f'{r.choice(VERBS)} {r.choice(ROLES)} {_person(r)} إن "{r.choice(NOUNS)} '
            f'{r.choice(ADJS)} يفتح آفاقا في مجال {r.choice(TOPICS)}".'
        )
    if kind == 1:
        return (
            f"وصل {_person(r)} إلى {r.choice(PLACES)} يوم {_date(r)} {r.choice(FILLER)} "
            f"{r.choice(NOUNS)} {r.choice(ADJS)} مع {r.choice(COUNTRIES)}."
        )
    if kind == 2:
        return (
            f"وتبلغ قيمة {r.choice(NOUNS)} نحو {_money(r)}، أي ما يعادل {r.randint(1, 60)}% "
            f"من ميزانية {r.choice(TOPICS)} في {r.choice(COUNTRIES)}."
        )
    if kind == 3:
        return (
            f"وأعلنت {r.choice(ORGS)} في بيان أن {r.choice(NOUNS)} سيعقد في {r.choice(PLACES)} "
            f"خلال شهر {r.choice(MONTHS)} المقبل."
        )
    if kind == 4:
        return (
            f"وكان {r.choice(ROLES)} {_person(r)} قد زار {r.choice(COUNTRIES)} عام {r.randint(1990, 2025)} "
            f"لبحث {r.choice(TOPICS)}."
        )
    if kind == 5:
        return (
            f"#{r.choice(COUNTRIES).replace(' ', '_')} #{r.choice(TOPICS).replace(' ', '_')} "
            f"{r.choice(NOUNS)} {r.choice(ADJS)} pic.twitter.com/{r.randrange(16**8):08x}"
        )
    if kind == 6:
        return (
            f"«{r.choice(NOUNS)} {r.choice(ADJS)} ضرورة لا تحتمل التأجيل»، {r.choice(VERBS)} "
            f"{_person(r)} للصحفيين في {r.choice(PLACES)}."
        )
    if kind == 7:
        return (
            f"وشارك في {r.choice(NOUNS)} أكثر من {r.randint(2, 900)} {r.choice(SCALES)} شخص "
            f"من {r.randint(2, 40)} دولة، بينهم ممثلون عن {r.choice(ORGS)}."
        )
    return (
        f"{r.choice(FILLER)} {r.choice(NOUNS)} {r.choice(ADJS)}، تسعى {r.choice(COUNTRIES)} إلى "
        f"تعزيز {r.choice(TOPICS)} مع {r.choice(COUNTRIES)} و{r.choice(COUNTRIES)}."
    )


def article_text(seed: int, target_chars: int = 4000) -> str:
    """One article of about ``target_chars`` characters (paragraphs of 2–4 sentences)."""
    r = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < target_chars:
        paragraph = " ".join(_sentence(r) for _ in range(r.randint(2, 4)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    if r.random() < 0.2:
        paragraphs.append(
            f"{r.choice(['رويترز', 'فرانس برس', 'الأناضول'])}/{r.choice(['وكالات', 'الجزيرة'])}"
        )
    return "\n".join(paragraphs)


def articles(total_chars: int, *, seed: int = 0, article_chars: int = 4000) -> Iterator[dict]:
    """Article rows (id, source, published, text) until ``total_chars`` are generated."""
    r = random.Random(seed)
    produced = 0
    i = 0
    while produced < total_chars:
        text = article_text(
            seed * 1_000_003 + i, r.randint(article_chars // 2, article_chars * 3 // 2)
        )
        produced += len(text)
        yield {
            "id": f"g{seed}-{i:07d}",
            "source": f"outlet-{r.randrange(12)}",
            "published": f"20{r.randint(10, 25)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            "text": text,
        }
        i += 1


def write_jsonl(path: str | Path, total_chars: int, *, seed: int = 0) -> Path:
    """Write a generated corpus as JSON Lines and return its path."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as handle:
        for row in articles(total_chars, seed=seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
