"""Benchmark the ``dates`` extractor against dateparser's ``search_dates``.

Both run in the same process on the same texts:

* generated Arabic news (>= 2 MB by default; every article different: dates in all
  month-name systems, Hijri and Latin dates, ranges, decades, weekdays, relative
  expressions, and distractors such as amounts, percentages and phone numbers);
* the seed articles of ``../shared/seeds`` with their gold annotations: precision,
  recall, F1 and value accuracy for both.

Throughput counts UTF-8 megabytes of article text per CPU second (process time, steadier
than wall time on a shared machine). The extractor's time
includes normalising the text. dateparser is slow, so it is timed on a prefix of the
generated corpus (``--dateparser-mb``); its rate is still bytes per second. Exits
non-zero when the extractor is less than ``--min-ratio`` (default 20) times faster.

    python benchmarks/bench_dates.py [--mb 2.5] [--dateparser-mb 0.3] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

from newslab.corpus.article import Article, Corpus
from newslab.evaluate import evaluate
from newslab.extract.base import Context
from newslab.extract.dates import DatesExtractor
from newslab.spans import Span, to_frame

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

NAMES = ["سمير الودغيري", "ليلى حداد", "كريم بنسودة", "هالة الشامي", "ياسين العبدلي", "نور الزين"]
PLACES = ["طنجة", "وهران", "صور", "الموصل", "سوسة", "أكادير", "إربد", "بنغازي", "المنامة"]
BODIES = [
    "مجلس الشيوخ",
    "اللجنة الوطنية للانتخابات",
    "نقابة الصحفيين",
    "المصرف المركزي",
    "هيئة مكافحة الفساد",
    "الاتحاد العام للشغل",
    "وزارة الصحة",
]
MONTHS = {
    "standard": [
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
    ],
    "levantine": [
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
    ],
    "moroccan": [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ],
    "algerian": [
        "جانفي",
        "فيفري",
        "مارس",
        "أفريل",
        "ماي",
        "جوان",
        "جويلية",
        "أوت",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
}
WEEKDAYS = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
RELATIVE = [
    "أمس",
    "اليوم",
    "الأسبوع الماضي",
    "الشهر الماضي",
    "العام الماضي",
    "هذا الأسبوع",
    "العام المقبل",
    "مطلع الشهر الجاري",
    "منتصف العام",
    "يوم أمس",
    "صباح اليوم",
]
FILLER = [
    "وأكد المشاركون ضرورة تعزيز التعاون الإقليمي في مجالات الطاقة والمياه والنقل.",
    "وتشير التقديرات إلى أن نسبة البطالة بلغت 12.5% في صفوف الشباب.",
    "وقال مصدر مطلع إن المفاوضات تواجه عقبات تتعلق بتمويل المشاريع الكبرى.",
    "ودعا الناشطون عبر مواقع التواصل إلى مقاطعة السلع المستوردة، للاستفسار: 0612-345-678.",
    "وتبلغ الكلفة الإجمالية للمشروع نحو 350 مليون دولار، بحسب الأرقام الرسمية.",
    "ويشارك في المبادرة 2500 متطوع و40 جمعية محلية من مختلف المناطق.",
    "ولم تستبعد المصادر أن تمارس الحكومة ضغوطا إضافية على الشركات المتعثرة.",
    "وأعاد الحدث إلى الأذهان ذكرى حرب أكتوبر التي ما زالت حاضرة في الخطاب الرسمي.",
]


def _month(r: random.Random) -> tuple[str, int]:
    number = r.randrange(12)
    return r.choice(list(MONTHS.values()))[number], number + 1


def _date_sentence(r: random.Random) -> str:
    name, place, body = r.choice(NAMES), r.choice(PLACES), r.choice(BODIES)
    month, _ = _month(r)
    day, year = r.randint(1, 28), r.randint(1975, 2026)
    kind = r.randrange(12)
    if kind == 0:
        return f"وصل {name} إلى {place} يوم {r.choice(WEEKDAYS)} {day} {month} {year}."
    if kind == 1:
        pair = f"{MONTHS['standard'][r.randrange(12)]}/{MONTHS['levantine'][r.randrange(12)]}"
        return f"وأعلن {body} في {pair} {year} عن خطة جديدة."
    if kind == 2:
        return f"وكان {name} قد شغل المنصب منذ عام {year} قبل أن يستقيل في {month} {year + 1}."
    if kind == 3:
        return f"وقال {name} {r.choice(RELATIVE)} إن {body} سيعقد اجتماعا في {place}."
    if kind == 4:
        return f"وتعود جذور الأزمة إلى {r.choice(['التسعينيات', 'الثمانينات', 'سبعينيات القرن الماضي'])}."
    if kind == 5:
        return f"وتنظم الدورة بين {day} و{day + 2} {month} المقبل في {place}."
    if kind == 6:
        return f"ونشر {body} بيانه بتاريخ {day:02d}/{r.randint(1, 12):02d}/{year} على موقعه."
    if kind == 7:
        return f"وشهدت {place} احتجاجات {r.choice(WEEKDAYS)} الماضي بعد قرار رفع الأسعار."
    if kind == 8:
        return f"وحل {name} بالمدينة في {day} {r.choice(['رمضان', 'شوال', 'محرم'])} {r.randint(1400, 1446)} هـ."
    if kind == 9:
        return f"وتشير البيانات إلى تراجع المبيعات خلال الفترة {year}-{year + 3}."
    if kind == 10:
        return f"وفي أواخر عام {year}، أطلق {body} مشروعا لتأهيل الموانئ."
    return (
        f"— {name} (@{place.encode().hex()[:8]}) {r.choice(['July', 'March', 'May'])} {day}, {year}"
    )


def generated_articles(total_bytes: int, seed: int) -> list[Article]:
    """Varied articles (no two alike) until ``total_bytes`` of UTF-8 text."""
    r = random.Random(seed)
    out: list[Article] = []
    size = 0
    while size < total_bytes:
        paragraphs = []
        for _ in range(r.randint(4, 9)):
            sentences = [
                _date_sentence(r) if r.random() < 0.3 else r.choice(FILLER)
                for _ in range(r.randint(2, 5))
            ]
            paragraphs.append(" ".join(sentences))
        text = "\n\n".join(paragraphs)
        out.append(Article(id=f"gen-{len(out):05d}", text=text))
        size += len(text.encode("utf-8"))
    return out


def mb(articles: list[Article]) -> float:
    return sum(len(a.text.encode("utf-8")) for a in articles) / 1e6


def run_extractor(extractor: DatesExtractor, articles: list[Article]) -> tuple[float, list[Span]]:
    """Seconds spent (normalisation included) and the spans, for every article."""
    spans: list[Span] = []
    started = time.process_time()
    for article in articles:
        context = Context(article)
        spans.extend(s._replace(article=article.id) for s in extractor.extract(article, context))
    return time.process_time() - started, spans


def run_dateparser(
    articles: list[Article], anchors: dict[str, dt.date]
) -> tuple[float, list[Span]]:
    """Seconds spent by ``search_dates`` and its results as spans (offsets found in order)."""
    from dateparser.search import search_dates

    spans: list[Span] = []
    started = time.process_time()
    for article in articles:
        settings = {}
        if article.id in anchors:
            base = anchors[article.id]
            settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
        found = search_dates(article.text, languages=["ar"], settings=settings) or []
        cursor = 0
        for surface, when in found:
            at = article.text.find(surface, cursor)
            if at < 0:
                continue
            cursor = at + len(surface)
            spans.append(
                Span(
                    at,
                    cursor,
                    "date",
                    "date",
                    when.date().isoformat(),
                    article=article.id,
                    extractor="dateparser",
                )
            )
    return time.process_time() - started, spans


def load_seeds() -> tuple[list[Article], list[dict]]:
    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "gold").glob("*.json"))
    ]
    articles = []
    for gold in golds:
        path = SHARED / "seeds" / gold["file"]
        with open(path, encoding="utf-8", newline="") as handle:
            articles.append(Article(id=path.stem, text=handle.read()))
    return articles, golds


def at_gold_precision(spans: list[Span], golds: list[dict]) -> list[Span]:
    """dateparser always returns a full datetime: cut its value to the gold's precision
    (a generous reading: ``2020-07-17`` for gold ``2020`` counts as right)."""
    by_span = {}
    for gold in golds:
        article = Path(gold["file"]).stem
        for item in gold["dates"]:
            by_span[(article, item["start"], item["end"])] = len(item["value"].split()[0])
    out = []
    for span in spans:
        width = max(
            (
                w
                for (a, s, e), w in by_span.items()
                if a == span.article and s < span.end and span.start < e
            ),
            default=10,
        )
        out.append(span._replace(value=span.value[: min(width, 10)]))
    return out


def score_table(name: str, spans: list[Span], golds: list[dict]) -> list[str]:
    rows = []
    for gold in [*([g] for g in golds), golds]:
        label = Path(gold[0]["file"]).stem[:3] if len(gold) == 1 else "all"
        ids = {Path(g["file"]).stem for g in gold}
        frame = to_frame([s for s in spans if s.article in ids])
        summary = evaluate(gold, frame, kinds=["date"]).summary
        rows.append(
            f"{name:<11} {label:<4} P={summary['date_precision']:.2f} "
            f"R={summary['date_recall']:.2f} F1={summary['date_f1']:.2f} "
            f"value_acc={summary['date_value_accuracy']:.2f}"
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.5, help="generated text for the extractor")
    parser.add_argument(
        "--dateparser-mb",
        type=float,
        default=0.3,
        help="prefix of the generated text timed for dateparser",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min-ratio", type=float, default=20.0)
    args = parser.parse_args(argv)

    extractor = DatesExtractor()
    corpus = generated_articles(int(args.mb * 1e6), args.seed)
    run_extractor(extractor, corpus[:20])  # warm up: compile patterns, load CLDR names
    ours_s, ours_spans = run_extractor(extractor, corpus)
    ours_rate = mb(corpus) / ours_s

    prefix, size = [], 0.0
    for article in corpus:
        if size >= args.dateparser_mb:
            break
        prefix.append(article)
        size += len(article.text.encode("utf-8")) / 1e6
    theirs_s, theirs_spans = run_dateparser(prefix, {})
    theirs_rate = mb(prefix) / theirs_s
    ratio = ours_rate / theirs_rate

    print(
        f"generated text: {mb(corpus):.2f} MB in {len(corpus)} articles "
        f"(dateparser timed on {mb(prefix):.2f} MB)"
    )
    print(f"  newslab dates : {ours_rate:8.2f} MB/s  ({len(ours_spans)} spans)")
    print(f"  dateparser    : {theirs_rate:8.2f} MB/s  ({len(theirs_spans)} spans on its prefix)")
    print(f"  speed ratio   : {ratio:8.1f}x (required >= {args.min_ratio:g}x)")

    seeds, golds = load_seeds()
    if seeds:
        extractor.fit(Corpus(seeds))
        _, ours_seed = run_extractor(extractor, seeds)
        anchors = {}
        for article in seeds:
            anchor = extractor.anchor(article)
            if anchor is not None:
                anchors[article.id] = anchor.date
        _, theirs_seed = run_dateparser(seeds, anchors)
        print(f"seeds: {len(seeds)} articles, gold dates from {SHARED / 'gold'}")
        for line in score_table("newslab", ours_seed, golds):
            print("  " + line)
        for line in score_table("dateparser", at_gold_precision(theirs_seed, golds), golds):
            print("  " + line)
    else:
        print(f"seeds: none found under {SHARED}; skipped the accuracy table")
    if ratio < args.min_ratio:
        print(f"FAIL: the extractor is only {ratio:.1f}x faster than dateparser", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
