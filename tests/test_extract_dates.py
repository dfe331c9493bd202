"""The ``dates`` extractor: tables of (sentence, anchor) -> (span text, ISO value).

Every sentence here is written for these tests. The anchor is the article's
publication date; relative expressions resolve against it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslab.arabic.normalize import normalize
from newslab.corpus.article import Article, Corpus
from newslab.extract import check_extractor
from newslab.extract.base import Context
from newslab.extract.date_grammar import scan, scan_exhaustive
from newslab.extract.date_resolve import iso_week, resolve_month, resolve_weekday
from newslab.extract.dates import DatesExtractor, find_dates
from newslab.spans import Span

ANCHOR = "2023-03-15"  # a Wednesday


def found(sentence: str, anchor: str = ANCHOR) -> list[tuple[str, str]]:
    return [(s.text, s.value) for s in find_dates(sentence, published=anchor)]


# ------------------------------------------------------------------ explicit dates

EXPLICIT = [
    (
        "وصل الوفد يوم الأربعاء 8 مارس 2023 إلى العاصمة.",
        [("يوم الأربعاء 8 مارس 2023", "2023-03-08")],
    ),
    ("انعقد الاجتماع في 19 تموز/يوليو 2022 بحضور الوزراء.", [("19 تموز/يوليو 2022", "2022-07-19")]),
    ("وقع الاتفاق الثلاثاء 19 يوليوز 2022 في الرباط.", [("الثلاثاء 19 يوليوز 2022", "2022-07-19")]),
    ("صدر القرار بتاريخ 2022/07/19 عن المحكمة.", [("2022/07/19", "2022-07-19")]),
    ("نشر البيان في 19-07-2022 على الموقع.", [("19-07-2022", "2022-07-19")]),
    ("أرسلت الرسالة يوم 03.11.2019 إلى الإدارة.", [("03.11.2019", "2019-11-03")]),
    ("وصلت الشحنة في ٥ أيار ٢٠٢١ إلى الميناء.", [("٥ أيار ٢٠٢١", "2021-05-05")]),
    ("احتفلوا في الأول من مايو 2019 بالعيد.", [("الأول من مايو 2019", "2019-05-01")]),
    ("وقعت الحادثة في 12 من أغسطس، 2018 قرب الحدود.", [("12 من أغسطس، 2018", "2018-08-12")]),
    ("تأجلت الجلسة إلى 3 اغسطس 2024.", [("3 اغسطس 2024", "2024-08-03")]),
    ("وقع الزلزال في 6 شباط 2023 فجرا.", [("6 شباط 2023", "2023-02-06")]),
    ("أعلن الخبر في 21 إبريل 2020.", [("21 إبريل 2020", "2020-04-21")]),
    ("وأجريت الانتخابات في 4 يوليه 2021.", [("4 يوليه 2021", "2021-07-04")]),
    ("بدأ البث في 9 سپتمبر 2017.", [("9 سپتمبر 2017", "2017-09-09")]),
]

MONTH_YEAR = [
    (
        "أعلنت الشركة نتائجها في فيفري 2021 ثم في جوان 2021.",
        [("فيفري 2021", "2021-02"), ("جوان 2021", "2021-06")],
    ),
    (
        "تراجعت الأسعار خلال شهر غشت 2020 وشتنبر 2020.",
        [("شهر غشت 2020", "2020-08"), ("وشتنبر 2020", "2020-09")],
    ),
    (
        "ارتفعت المبيعات في نونبر 2019 ودجنبر 2019.",
        [("نونبر 2019", "2019-11"), ("ودجنبر 2019", "2019-12")],
    ),
    (
        "أغلقت المصانع في جويلية 2020 وأوت 2020.",
        [("جويلية 2020", "2020-07"), ("وأوت 2020", "2020-08")],
    ),
    ("التقى الطرفان في كانون ثاني 2022 بالعاصمة.", [("كانون ثاني 2022", "2022-01")]),
    ("اجتمع المجلس في ديسمبر/ كانون الأول 2019.", [("ديسمبر/ كانون الأول 2019", "2019-12")]),
    ("عقد المؤتمر في 10 كانون الأول/ديسمبر 2019.", [("10 كانون الأول/ديسمبر 2019", "2019-12-10")]),
    ("صدر العدد في (تموز) يوليو 2018.", [("(تموز) يوليو 2018", "2018-07")]),
    ("بدأ المشروع في يونيو (حزيران) 2016.", [("يونيو (حزيران) 2016", "2016-06")]),
    ("وقعت الاتفاقية في آب 2020 بعد مفاوضات.", [("آب 2020", "2020-08")]),
    ("انطلقت الحملة في مارس من عام 2015.", [("مارس من عام 2015", "2015-03")]),
]

YEARS_AND_DECADES = [
    ("تأسست الجمعية عام 1998 وتوسعت في 2005.", [("عام 1998", "1998"), ("2005", "2005")]),
    (
        "احتفل المغاربة بعام 2020 ولعام 2021 أهداف جديدة.",
        [("بعام 2020", "2020"), ("ولعام 2021", "2021")],
    ),
    (
        "قطعت العلاقات العام 2000 ثم استؤنفت سنة 2020.",
        [("العام 2000", "2000"), ("سنة 2020", "2020")],
    ),
    ("ارتفعت النسبة إلى 25% خلال 2022.", [("2022", "2022")]),
    ("التقى الوزيران منذ مطلع 2021.", [("مطلع 2021", "2021")]),
    (
        "شهدت البلاد أزمة في الثمانينات وأخرى في تسعينيات القرن الماضي.",
        [("الثمانينات", "1980s"), ("تسعينيات القرن الماضي", "1990s")],
    ),
    ("اندلعت الاحتجاجات في ستينيات القرن التاسع عشر.", [("ستينيات القرن التاسع عشر", "1860s")]),
    ("وعرفت المدينة ازدهارا في السبعينيات.", [("السبعينيات", "1970s")]),
    ("بلغت الخسائر ذروتها أواخر عام 2020.", [("أواخر عام 2020", "2020")]),
]

RANGES = [
    (
        "ستعقد القمة بين 12 و15 من سبتمبر 2023.",
        [("12 و15 من سبتمبر 2023", "2023-09-12/2023-09-15")],
    ),
    ("يقام المعرض من 3 إلى 5 مارس 2024.", [("3 إلى 5 مارس 2024", "2024-03-03/2024-03-05")]),
    ("تغطي الدراسة الفترة 2020-2022.", [("2020-2022", "2020/2022")]),
    ("ارتفعت الصادرات بين عامي 2018 و2021.", [("عامي 2018 و2021", "2018/2021")]),
    ("تواصلت الأشغال من عام 2010 إلى عام 2014.", [("عام 2010 إلى عام 2014", "2010/2014")]),
    (
        "التقيا في 28 يونيو إلى 2 يوليو 2022.",
        [("28 يونيو إلى 2 يوليو 2022", "2022-06-28/2022-07-02")],
    ),
]

LATIN_ISO_HIJRI = [
    ("The talks ended on July 19, 2022 in Rabat.", [("July 19, 2022", "2022-07-19")]),
    ("Signed on 3 March 2021 by both sides.", [("3 March 2021", "2021-03-03")]),
    ("نشرت الصورة Jul. 19 على الحساب.", [("Jul. 19", "2022-07-19")]),
    ("صدر البيان في 19 juillet 2022 بباريس.", [("19 juillet 2022", "2022-07-19")]),
    (
        "سجلت الكاميرا الحدث 2022-07-19T10:00:00Z وفق البيان.",
        [("2022-07-19T10:00:00Z", "2022-07-19T10:00:00Z")],
    ),
    ("ولد في 15 رمضان 1443 هـ.", [("15 رمضان 1443 هـ", "2022-04-16")]),
    (
        "يبدأ الصيام في 1 رمضان 1444 هـ الموافق 23 مارس 2023.",
        [("1 رمضان 1444 هـ", "2023-03-23"), ("23 مارس 2023", "2023-03-23")],
    ),
]

RELATIVE = [
    ("قال الوزير الخميس الماضي إن المفاوضات مستمرة.", [("الخميس الماضي", "2023-03-09")]),
    ("زار الرئيس المدينة يوم الإثنين.", [("يوم الإثنين", "2023-03-13")]),
    ("تظاهر السكان الأربعاء أمام البلدية.", [("الأربعاء", "2023-03-15")]),
    ("يصل المبعوث السبت المقبل إلى الجزائر.", [("السبت المقبل", "2023-03-18")]),
    ("سيزور الوفد المدينة الجمعة.", [("الجمعة", "2023-03-17")]),
    ("أعلن الجيش اليوم عن مناورات جديدة.", [("اليوم", "2023-03-15")]),
    ("وصل الوفد أمس إلى القاهرة وسيغادر غداً.", [("أمس", "2023-03-14"), ("غداً", "2023-03-16")]),
    ("وقع الحادث أول أمس قرب المطار.", [("أول أمس", "2023-03-13")]),
    (
        "عاد مساء الأحد إلى بيروت، ثم غادر صباح اليوم.",
        [("مساء الأحد", "2023-03-12"), ("صباح اليوم", "2023-03-15")],
    ),
    (
        "تراجع التضخم الشهر الماضي وسيرتفع الشهر المقبل.",
        [("الشهر الماضي", "2023-02"), ("الشهر المقبل", "2023-04")],
    ),
    (
        "حقق القطاع نموا العام الماضي ويتوقع المزيد في السنة الحالية.",
        [("العام الماضي", "2022"), ("السنة الحالية", "2023")],
    ),
    (
        "تعقد الجلسة هذا الأسبوع والأسبوع المقبل.",
        [("هذا الأسبوع", "2023-W11"), ("والأسبوع المقبل", "2023-W12")],
    ),
    ("تراجعت الأسهم نهاية الأسبوع الماضي.", [("نهاية الأسبوع الماضي", "2023-W10")]),
    ("يتوقع أن يتحسن الأداء في منتصف العام.", [("منتصف العام", "2023")]),
    ("تصرف المنح مطلع الشهر.", [("مطلع الشهر", "2023-03")]),
    ("وكان الاتفاق قد وقع في ديسمبر الماضي.", [("ديسمبر الماضي", "2022-12")]),
    ("وتعقد الدورة في مايو المقبل.", [("مايو المقبل", "2023-05")]),
    ("وصدر الحكم في 2 آذار الجاري.", [("2 آذار الجاري", "2023-03-02")]),
    ("في وقت سابق من فبراير، أعلنت الوزارة عن خطة جديدة.", [("فبراير", "2023-02")]),
    ("وفي أكتوبر، قررت الحكومة رفع الدعم.", [("أكتوبر", "2022-10")]),
    ("انطلقت المسيرة في جانفي الماضي.", [("جانفي الماضي", "2023-01")]),
    (
        "ستعقد القمة بين 12 و15 من سبتمبر المقبل.",
        [("12 و15 من سبتمبر المقبل", "2023-09-12/2023-09-15")],
    ),
    (
        "افتتح المعرض في 14 يوليو، ثم أغلق في مستهل الشهر ذاته من عام 2021.",
        [("14 يوليو", "2022-07-14"), ("مستهل الشهر ذاته", "2022-07"), ("عام 2021", "2021")],
    ),
]

NEGATIVES = [
    "ارتفعت الأسعار بنسبة 25% خلال الفصل.",
    "بلغ عدد السكان 500 ألف نسمة والمساحة 2000 كيلومتر.",
    "اتصل على الرقم 0612345678 أو 05-22-33-44-55.",
    "بلغ سعر البرميل 85.5 دولارا و1.25 يورو.",
    "تحتفل مصر بذكرى حرب أكتوبر وثورة يناير كل سنة.",
    "مارس الضغط على الحكومة طوال الأسبوع.",
    "غدا المغرب شريكا أساسيا في المنطقة.",
    "عاد الوزير في اليوم التالي إلى مكتبه.",
    "يتناول الدواء ثلاث مرات في اليوم.",
    "أصيب في الثلاثينيات من عمره بمرض نادر.",
    "اشترى سيارة نيسان جديدة.",
    "شارك في 2000 مدرسة أكثر من 1500 متطوع.",
    "أقيمت صلاة الجمعة في المسجد الكبير.",
    "قال إن الأب يعمل في الحقل.",
    "كان اللقاء مثمرا، وفق ما قاله مصدر مطلع.",
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    EXPLICIT + MONTH_YEAR + YEARS_AND_DECADES + RANGES + LATIN_ISO_HIJRI + RELATIVE,
)
def test_expressions(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_dates(sentence: str) -> None:
    assert found(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "anchor", "expected"),
    [
        ("وفي يونيو، اتفق الطرفان.", "2022-07-20", [("يونيو", "2022-06")]),
        ("وفي أغسطس، اتفق الطرفان.", "2022-07-20", [("أغسطس", "2021-08")]),
        ("جرى التمرين في يوليو الماضي.", "2022-07-20", [("يوليو الماضي", "2021-07")]),
        ("التقى الثلاثاء بالوزير.", "2022-07-19", [("الثلاثاء", "2022-07-19")]),
        ("وصل الإثنين إلى الرباط.", "2022-07-19", [("الإثنين", "2022-07-18")]),
        ("تناقش الوفود ذلك هذا الأسبوع.", "2022-07-19", [("هذا الأسبوع", "2022-W29")]),
        ("انتهى البرنامج الأسبوع الماضي.", "2023-01-03", [("الأسبوع الماضي", "2022-W52")]),
        ("صدرت الأرقام الشهر الماضي.", "2023-01-10", [("الشهر الماضي", "2022-12")]),
    ],
)
def test_resolution_against_anchor(sentence: str, anchor: str, expected: list) -> None:
    assert found(sentence, anchor) == expected


def test_attributes() -> None:
    spans = find_dates("بلغت الخسائر ذروتها أواخر عام 2020 وفي 15 رمضان 1443 هـ.", published=ANCHOR)
    late, hijri = spans
    assert late.label == "year" and late.attrs["mod"] == "END"
    assert late.attrs["calendar"] == "gregorian" and "resolved_from" not in late.attrs
    assert hijri.label == "hijri" and hijri.attrs["calendar"] == "hijri"
    assert hijri.attrs["hijri"] == "1443-09-15"
    (yesterday,) = find_dates("وصل أمس.", published=ANCHOR)
    assert yesterday.label == "relative"
    assert yesterday.attrs["resolved_from"] == f"published:{ANCHOR}"
    mods = [
        s.attrs.get("mod")
        for s in find_dates(
            "نهاية الأسبوع الماضي ونهايه العام ومطلع 2021 وأواسط التسعينيات", published=ANCHOR
        )
    ]
    assert mods == ["END", "END", "START", "MID"]
    (today,) = find_dates("قال اليوم السبت إن", published=ANCHOR)
    assert today.value == "2023-03-11"  # the stated weekday wins over the anchor's
    (pair,) = find_dates("في يوليو/تموز 2021", published=ANCHOR)
    assert pair.attrs["month_system"] == "levantine+standard"


def test_labels_are_declared() -> None:
    sentences = [
        s
        for s, _ in EXPLICIT + MONTH_YEAR + YEARS_AND_DECADES + RANGES + LATIN_ISO_HIJRI + RELATIVE
    ]
    labels = {s.label for sentence in sentences for s in find_dates(sentence, published=ANCHOR)}
    assert labels <= set(DatesExtractor.labels["date"])
    assert {
        "date",
        "month",
        "year",
        "decade",
        "weekday",
        "range",
        "relative",
        "datetime",
        "hijri",
    } <= labels


def test_offsets_map_back_through_diacritics_and_tatweel() -> None:
    text = "وَصَلَ الوفدُ في ١٩ تمـــوز ٢٠٢٢ إلى المدينة."
    (span,) = find_dates(text)
    assert span.text == "١٩ تمـــوز ٢٠٢٢" and span.value == "2022-07-19"


# -------------------------------------------------------------------------- anchors


def _extract(extractor: DatesExtractor, article: Article) -> list[Span]:
    return list(extractor.extract(article, Context(article)))


def test_anchor_inferred_from_the_article_itself() -> None:
    article = Article(
        id="a", text="وصل الوزير الإثنين. وقال مرافقوه في 19 يوليو 2022 إن الزيارة ناجحة."
    )
    monday, _ = _extract(DatesExtractor(), article)
    assert monday.value == "2022-07-18"
    assert monday.attrs["resolved_from"] == "inferred:2022-07-19"


def test_anchor_inferred_from_the_corpus() -> None:
    dated = Article(id="dated", text="اختتم الوفد زيارته في 20 أكتوبر 2021 بمؤتمر صحفي.")
    undated = Article(id="undated", text="وكان الوفد قد وصل الأحد، بعد أن أعلن عنها الشهر الماضي.")
    extractor = DatesExtractor().fit(Corpus([dated, undated]))
    sunday, last_month = _extract(extractor, undated)
    assert (sunday.value, last_month.value) == ("2021-10-17", "2021-09")
    assert sunday.attrs["resolved_from"] == "corpus:2021-10-20"


def test_stale_article_date_gives_way_to_the_corpus() -> None:
    old = Article(
        id="old", text="وتذكر الجميع أحداث 5 يونيو 1967، ثم ما جرى عام 2021، وأمس تجدد الجدل."
    )
    new = Article(id="new", text="نشرت الصحيفة في 2 فبراير 2022 تقريرا.")
    extractor = DatesExtractor().fit(Corpus([old, new]))
    yesterday = _extract(extractor, old)[-1]
    assert yesterday.value == "2022-02-01"


def test_published_wins_and_metadata_span_is_used() -> None:
    text = "وصل الوفد أمس في 19 يوليو 2022."
    published = Article(id="p", text=text, published="2022-07-21T08:00:00+00:00")
    assert _extract(DatesExtractor(), published)[0].value == "2022-07-20"
    article = Article(id="m", text=text)
    context = Context(article)
    context.spans_by_extractor["boilerplate"] = [Span(0, 3, "metadata", "published", "2022-08-02")]
    yesterday = next(iter(DatesExtractor().extract(article, context)))
    assert yesterday.value == "2022-08-01"
    assert yesterday.attrs["resolved_from"] == "metadata:2022-08-02"


def test_without_any_anchor_relative_spans_have_no_value() -> None:
    (span,) = _extract(DatesExtractor(), Article(id="x", text="وصل الوفد أمس."))
    assert span.value == "" and span.attrs["resolved_from"] is None


def test_fit_applies_only_to_the_corpus_it_saw() -> None:
    extractor = DatesExtractor().fit(Corpus([Article(id="a", text="في 1 مايو 2020 وصل.")]))
    (span,) = _extract(extractor, Article(id="b", text="وصل أمس."))
    assert span.value == ""


# ----------------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (1, "near", "2022-07-19"),
        (0, "near", "2022-07-18"),
        (3, "near", "2022-07-14"),
        (3, "near_future", "2022-07-21"),
        (1, "past", "2022-07-12"),
        (1, "future", "2022-07-26"),
        (4, "current", "2022-07-22"),
    ],
)
def test_resolve_weekday(weekday: int, direction: str, expected: str) -> None:
    import datetime as dt

    assert resolve_weekday(dt.date(2022, 7, 19), weekday, direction).isoformat() == expected


def test_resolve_month_and_week() -> None:
    import datetime as dt

    anchor = dt.date(2022, 7, 19)
    assert resolve_month(anchor, 7, "near") == 2022
    assert resolve_month(anchor, 7, "past") == 2021
    assert resolve_month(anchor, 7, "future") == 2023
    assert resolve_month(anchor, 9, "near") == 2021
    assert iso_week(anchor) == "2022-W29"


# ------------------------------------------------------------- conformance and speed


def test_conformance() -> None:
    sentences = [s for s, _ in EXPLICIT + RANGES + RELATIVE] + NEGATIVES
    check_extractor(DatesExtractor(), texts=sentences)


def test_registered_through_the_hook() -> None:
    from newslab.registry import Registry

    extractors = Registry(entry_points=False).extractors()
    assert isinstance(extractors["dates"], DatesExtractor)


#: Numbers that are no date, next to words the scan must still read (آب is no trigger).
LONE_NUMBERS = [
    "ارتفعت الأسعار في آب 12 في المئة عن تموز.",
    "شارك في الخامس من آب 40 وفدا من دول عدة.",
    "وصل عدد المشاركين العام 45 مشاركا من 20 دولة.",
    "بلغت الحصيلة هذه السنة 7 قتلى و3 جرحى، أي ما يعادل 33% من العام السابق.",
    "تأجلت الجلسة إلى 12 آب بعد أن حضر 9 نواب فقط.",
]


@pytest.mark.parametrize(
    "sentence",
    [s for s, _ in EXPLICIT + MONTH_YEAR + YEARS_AND_DECADES + RANGES + LATIN_ISO_HIJRI + RELATIVE]
    + NEGATIVES
    + LONE_NUMBERS,
)
def test_trigger_shortcut_equals_exhaustive_scan(sentence: str) -> None:
    text = normalize(" ".join([sentence, "وقال مصدر في 2019 إن", sentence]))
    fast = [(m.start, m.end, m.label, m.value, m.rel) for m in scan(text)]
    slow = [(m.start, m.end, m.label, m.value, m.rel) for m in scan_exhaustive(text)]
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        "1" * 60000,
        "12/" * 20000,
        "2022-" * 20000,
        "في " * 20000 + "عام",
        "الاثنين " * 5000,
        "يوليو/" * 10000,
        "1 و" * 20000,
        "(" * 30000 + "تموز",
    ],
)
def test_hostile_inputs_complete(text: str) -> None:
    spans = find_dates(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)


# ------------------------------------------------------------------------- seeds

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold annotations not present")
def test_seed_articles_f1_floor() -> None:
    from newslab.evaluate import evaluate

    golds = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((SHARED / "gold").glob("*.json"))
    ]
    articles = []
    for gold in golds:
        with open(SHARED / "seeds" / gold["file"], encoding="utf-8", newline="") as handle:
            articles.append(Article(id=Path(gold["file"]).stem, text=handle.read()))
    extractor = DatesExtractor().fit(Corpus(articles))
    spans = [s._replace(article=a.id) for a in articles for s in _extract(extractor, a)]
    from newslab.spans import to_frame

    summary = evaluate(golds, to_frame(spans), kinds=["date"]).summary
    assert summary["date_f1"] >= 0.85
    assert summary["date_value_accuracy"] >= 0.70


# ------------------------------------------------- fit results reused by extract


def test_extract_after_fit_equals_extract_alone():
    texts = ["وصل الوفد يوم 12 آذار 2022 إلى عمان.", "وفي الشهر الماضي عقد الاجتماع الأول."]
    corpus = Corpus([Article(id=f"a{i}", text=t) for i, t in enumerate(texts)])
    fitted = DatesExtractor().fit(corpus)
    assert len(fitted._scanned) == 2
    cold = DatesExtractor()
    cold._corpus_anchor, cold._corpus_ids = fitted._corpus_anchor, fitted._corpus_ids
    for article in corpus:
        assert list(fitted.extract(article, Context(article))) == list(
            cold.extract(article, Context(article))
        )
    assert len(fitted._scanned) == 0  # each article's scan is taken back once


def test_text_cache_keeps_the_newest_within_its_budget():
    import pickle

    from newslab.extract.base import TextCache

    cache: TextCache[int] = TextCache(max_chars=10)
    cache.put("aaaa", 1)
    cache.put("bbbb", 2)
    cache.put("cccc", 3)  # 12 chars > 10: the oldest goes
    assert cache.take("aaaa") is None
    assert cache.get("bbbb", len) == 2
    assert cache.get("dd", len) == 2  # computed and kept
    assert cache.take("cccc") == 3 and cache.take("cccc") is None
    assert len(pickle.loads(pickle.dumps(cache))) == 0  # copies start empty


def test_shared_normalization_is_taken_by_the_context():
    from newslab.extract.base import _NORMALIZED, shared_normalized

    article = Article(id="x", text="التقى الوزيرُ نظيرَه في 3 أيار")
    first = shared_normalized(article.text)
    assert shared_normalized(article.text) is first  # normalised once for every fit
    assert Context(article).normalized is first
    assert _NORMALIZED.take(article.text) is None  # the context took it
    assert Context(article).normalized == normalize(article.text)
