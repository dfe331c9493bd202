"""Throughput of offset-preserving ``normalize`` against a plain ``str.translate`` folder.

Generates about 20 MB (UTF-8) of varied Arabic news-like text: sentences assembled at
random from word lists, with diacritics sprinkled on some words, Arabic-Indic and ASCII
digits, several quotation mark styles, the odd tatweel, no-break space, bidi mark and
lam-alef ligature. All normalisers run on the same articles in the same run; the
baselines fold with the very same table but keep no offsets (as a dict, the usual way,
and as the list indexed by code point that ``normalize`` uses). A smaller fully
vocalised corpus shows the worst case. Exits non-zero when ``normalize`` is slower than
the target on the news corpus.

Usage: ``python benchmarks/bench_normalize.py [--mb 20] [--target 20] [--seed 7]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

from newslab.arabic.normalize import folding_table, normalize

SUBJECTS = [
    "وزير الخارجية",
    "رئيس الحكومة",
    "المتحدث باسم الوزارة",
    "مصدر دبلوماسي",
    "الناطق الرسمي",
    "وكالة الأنباء",
    "البرلمان",
    "المجلس البلدي",
    "النقابة",
    "محافظ البنك المركزي",
    "قائد الشرطة",
    "منظمة الصحة",
    "الاتحاد الأفريقي",
    "الأمين العام",
    "مجلس الأمن",
    "السفير",
    "والي الجهة",
    "رئيسة البعثة",
]
VERBS = [
    "أعلن",
    "أكد",
    "قال",
    "أوضح",
    "كشف",
    "نفى",
    "أشار",
    "ذكر",
    "صرّح",
    "أفاد",
    "شدد",
    "دعا",
    "رحّب",
    "انتقد",
    "استقبل",
    "زار",
    "التقى",
    "وقّع",
    "ناقش",
]
OBJECTS = [
    "اتفاقية التعاون",
    "مشروع القانون",
    "الميزانية العامة",
    "خطة الإنعاش",
    "الاتفاق التجاري",
    "برنامج الدعم",
    "الإصلاحات الضريبية",
    "مذكرة التفاهم",
    "الحوار الوطني",
    "الانتخابات المقبلة",
    "أسعار المحروقات",
    "الأمن الغذائي",
    "ملف الهجرة",
    "قطاع السياحة",
    "البنية التحتية",
    "المفاوضات الجارية",
]
PLACES = [
    "الرباط",
    "القاهرة",
    "بيروت",
    "عمّان",
    "تونس",
    "الجزائر",
    "الدوحة",
    "مسقط",
    "بغداد",
    "دمشق",
    "الخرطوم",
    "طرابلس",
    "نواكشوط",
    "الرياض",
    "أبوظبي",
    "مراكش",
    "وهران",
    "صفاقس",
    "الإسكندرية",
    "البصرة",
    "إربد",
    "جدة",
    "أغادير",
    "طنجة",
]
LINKS = ["في", "من", "إلى", "على", "خلال", "بعد", "قبل", "حول", "بشأن", "عبر", "مع"]
TAILS = [
    "في إطار الجهود المبذولة",
    "وفق بيان رسمي",
    "حسب مصادر متطابقة",
    "بحضور عدد من المسؤولين",
    "على هامش الاجتماع",
    "رغم الانتقادات",
    "في ظل الأزمة الاقتصادية",
    "وسط إجراءات أمنية مشددة",
    "دون تقديم تفاصيل",
]
UNITS = ["مليون دولار", "مليار درهم", "ألف دينار", "بالمئة", "كيلومتر", "طن", "يوما"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "تموز", "آب"]
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
QUOTES = [("«", "»"), ("“", "”"), ('"', '"'), ("”", "”")]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _word(rng: random.Random, word: str, vocalised: bool) -> str:
    """Sometimes decorate a word the way real articles do (always vocalise if asked)."""
    roll = rng.random()
    if vocalised or 0.06 <= roll < 0.065:  # full vocalisation of the word
        return "".join(c + rng.choice(DIACRITICS) if c != " " else c for c in word)
    if roll < 0.06:  # a tanween or shadda on the last letter
        return word + rng.choice(DIACRITICS)
    if roll < 0.068 and len(word) > 3:  # tatweel for emphasis
        return word[:2] + "ـــ" + word[2:]
    if roll < 0.07:
        return word.replace("لا", "ﻻ")
    return word


def _number(rng: random.Random) -> str:
    n = str(rng.choice([rng.randint(1, 99), rng.randint(100, 9999), rng.randint(2000, 2024)]))
    if rng.random() < 0.3:
        n = n.translate(ARABIC_DIGITS)
    if rng.random() < 0.2:
        n += rng.choice([".5", "٫٢٥", ",000"])
    return n


def _sentence(rng: random.Random, vocalised: bool) -> str:
    w = lambda words: _word(rng, rng.choice(words), vocalised)  # noqa: E731
    parts = [w(SUBJECTS), w(VERBS), w(LINKS), w(PLACES)]
    if rng.random() < 0.5:
        parts += [w(OBJECTS), _number(rng), rng.choice(UNITS)]
    if rng.random() < 0.3:
        parts += ["يوم", _number(rng), rng.choice(MONTHS)]
    if rng.random() < 0.35:
        opening, closing = rng.choice(QUOTES)
        quoted = " ".join(w(OBJECTS if i % 2 else TAILS) for i in range(rng.randint(2, 6)))
        parts.append(f"{opening}{quoted}{closing}")
    parts.append(w(TAILS))
    sep = "\u00a0" if rng.random() < 0.02 else " "
    text = sep.join(parts) + rng.choice([".", ".", ".", "،", "؟", "!"])
    if rng.random() < 0.01:
        text = "\u200f" + text
    return text


def make_corpus(megabytes: float, seed: int, *, vocalised: bool = False) -> list[str]:
    """Articles of 5-40 paragraphs, each 1-5 sentences, until ``megabytes`` of UTF-8.

    ``vocalised``: every word carries full diacritics (a worst case, not news)."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    articles: list[str] = []
    size = 0
    while size < target:
        paragraphs = [
            " ".join(_sentence(rng, vocalised) for _ in range(rng.randint(1, 5)))
            for _ in range(rng.randint(5, 40))
        ]
        article = "\n".join(paragraphs)
        articles.append(article)
        size += len(article.encode("utf-8"))
    return articles


def _throughput(func: Callable[[str], object], articles: list[str], megabytes: float) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for article in articles:
            func(article)
        best = min(best, time.process_time() - start)
    return megabytes / best


def _measure(articles: list[str]) -> dict[str, float]:
    megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1_000_000
    table = folding_table()
    dense = folding_table(dense=True)

    def full(article: str) -> object:
        # Use the offset map too, as an extractor does when it maps a span back.
        normalized = normalize(article)
        return normalized.to_original_span(0, len(normalized.text))

    return {
        "str.translate, dict table": _throughput(lambda a: a.translate(table), articles, megabytes),
        "str.translate, list table": _throughput(lambda a: a.translate(dense), articles, megabytes),
        "normalize with offsets": _throughput(full, articles, megabytes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="news corpus size, MB of UTF-8")
    parser.add_argument("--target", type=float, default=20.0, help="minimum MB/s for normalize")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    news = make_corpus(args.mb, args.seed)
    vocalised = make_corpus(max(args.mb / 10, 0.5), args.seed + 1, vocalised=True)
    corpora = {"news": news, "fully vocalised": vocalised}
    results = {name: _measure(articles) for name, articles in corpora.items()}

    for name, articles in corpora.items():
        size = sum(len(a.encode("utf-8")) for a in articles) / 1_000_000
        mapped = sum(not normalize(a).is_aligned for a in articles)
        print(
            f"{name}: {len(articles)} articles, {size:.1f} MB UTF-8, {mapped} needing an offset map"
        )
    print()
    print(f"{'MB/s':<34}" + "".join(f"{name:>18}" for name in corpora))
    for row in results["news"]:
        print(f"{row:<34}" + "".join(f"{results[c][row]:>18.1f}" for c in corpora))
    for baseline in ("dict", "list"):
        label = f"ratio normalize / {baseline} translate"
        print(
            f"{label:<34}"
            + "".join(
                f"{results[c]['normalize with offsets'] / results[c][f'str.translate, {baseline} table']:>18.2f}"
                for c in corpora
            )
        )
    speed = results["news"]["normalize with offsets"]
    ok = speed >= args.target
    print(
        f"\nnews: normalize {speed:.1f} MB/s, target {args.target:.0f} MB/s: "
        f"{'ok' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
