"""The numbers extractor: money (ISO 4217), quantities and percentages.

Tables of (sentence written for these tests, expected rows). A row is
``(surface text, kind, label, value, currency)``; ``currency`` is None for non-money.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newslab
from newslab.corpus.article import Article
from newslab.extract.conformance import check_extractor
from newslab.extract.numbers import NumbersExtractor
from newslab.registry import Registry

SHARED = Path(__file__).resolve().parents[2] / "shared"


def rows(text: str, url: str = "") -> list[tuple]:
    article = Article(id="t", text=text, url=url)
    out = []
    for span in NumbersExtractor().extract(article):
        assert text[span.start : span.end] == text[span.start : span.end].strip()
        attrs = dict(span.attrs or {})
        out.append(
            (text[span.start : span.end], span.kind, span.label, span.value, attrs.get("currency"))
        )
    return out


MONEY = [
    ("خصصت الحكومة 500 مليون دولار لإعادة إعمار الطرق.", [("500 مليون دولار", "500000000", "USD")]),
    ("بلغت قيمة الصفقة 1.5 مليار يورو بحسب الوزارة.", [("1.5 مليار يورو", "1500000000", "EUR")]),
    (
        "وقّع الطرفان اتفاقا بـ2,4 مليار دولار في العاصمة.",
        [("2,4 مليار دولار", "2400000000", "USD")],
    ),
    ("رُصد مبلغ ٢٫٤ مليار دولار أمريكي للمشروع.", [("٢٫٤ مليار دولار أمريكي", "2400000000", "USD")]),
    ("بتكلفة ۳۵۰ ملیون يورو على مدى خمس سنوات.", [("۳۵۰ ملیون يورو", "350000000", "EUR")]),
    (
        "دفعت الشركة 1,250,000 درهم إماراتي كغرامة و١٢٬٥٠٠ دينار أردني.",
        [("1,250,000 درهم إماراتي", "1250000", "AED"), ("١٢٬٥٠٠ دينار أردني", "12500", "JOD")],
    ),
    (
        "تبرع رجل أعمال بمليوني دولار وبملياري ريال سعودي.",
        [("مليوني دولار", "2000000", "USD"), ("ملياري ريال سعودي", "2000000000", "SAR")],
    ),
    (
        "خصص البنك خمسة ملايين جنيه إسترليني وثلاثمائة دولار ونصف مليار دينار كويتي.",
        [
            ("خمسة ملايين جنيه إسترليني", "5000000", "GBP"),
            ("ثلاثمائة دولار", "300", "USD"),
            ("نصف مليار دينار كويتي", "500000000", "KWD"),
        ],
    ),
    (
        "وقدّرت الخسائر بخمسة وعشرين مليون ريال قطري.",
        [("خمسة وعشرين مليون ريال قطري", "25000000", "QAR")],
    ),
    (
        "بلغت الميزانية 3 مليارات و200 مليون دولار ومليار ونصف دولار للطوارئ.",
        [
            ("3 مليارات و200 مليون دولار", "3200000000", "USD"),
            ("مليار ونصف دولار", "1500000000", "USD"),
        ],
    ),
    (
        "جمعت الحملة 20 مليون دولا و15 ألف دولر فقط.",
        [("20 مليون دولا", "20000000", "USD"), ("15 ألف دولر", "15000", "USD")],
    ),
    (
        "بيعت اللوحة بـ$300 والكتاب بـ250 € والتذكرة بـ£40 والاشتراك USD 75.",
        [
            ("$300", "300", "USD"),
            ("250 €", "250", "EUR"),
            ("£40", "40", "GBP"),
            ("USD 75", "75", "USD"),
        ],
    ),
    (
        "استثمرت الصين 2 مليار يوان وروسيا 900 مليون روبل واليابان 40 مليار ين.",
        [
            ("2 مليار يوان", "2000000000", "CNY"),
            ("900 مليون روبل", "900000000", "RUB"),
            ("40 مليار ين", "40000000000", "JPY"),
        ],
    ),
    (
        "يكلف المشروع 70 مليون شيكل و30 مليون شيقل.",
        [("70 مليون شيكل", "70000000", "ILS"), ("30 مليون شيقل", "30000000", "ILS")],
    ),
    (
        "تراجعت 100 ليرة تركية و5000 ليرة لبنانية و2500 ليرة سورية و30 جنيه مصري.",
        [
            ("100 ليرة تركية", "100", "TRY"),
            ("5000 ليرة لبنانية", "5000", "LBP"),
            ("2500 ليرة سورية", "2500", "SYP"),
            ("30 جنيه مصري", "30", "EGP"),
        ],
    ),
    (
        "سعر 10 دنانير عراقية و20 دينار تونسي و7 دينار جزائري و3 دينار ليبي و4 دينار بحريني.",
        [
            ("10 دنانير عراقية", "10", "IQD"),
            ("20 دينار تونسي", "20", "TND"),
            ("7 دينار جزائري", "7", "DZD"),
            ("3 دينار ليبي", "3", "LYD"),
            ("4 دينار بحريني", "4", "BHD"),
        ],
    ),
    (
        "بلغ 6 ريال عماني و800 ريال يمني و9000 ريال إيراني و50 ريال قطري و40 درهم مغربي.",
        [
            ("6 ريال عماني", "6", "OMR"),
            ("800 ريال يمني", "800", "YER"),
            ("9000 ريال إيراني", "9000", "IRR"),
            ("50 ريال قطري", "50", "QAR"),
            ("40 درهم مغربي", "40", "MAD"),
        ],
    ),
    ("وارتفع الدين إلى 1,2 تريليون دولار.", [("1,2 تريليون دولار", "1200000000000", "USD")]),
]


@pytest.mark.parametrize(("sentence", "expected"), MONEY, ids=[m[0][:25] for m in MONEY])
def test_money(sentence, expected):
    found = [(t, v, c) for t, kind, label, v, c in rows(sentence) if kind == "money"]
    assert found == expected
    assert all(label == "money" for _, kind, label, _, _ in rows(sentence) if kind == "money")


COUNTRY_EVIDENCE = [
    ("وصل إلى بيروت حيث بلغ سعر الخبز 50 ألف ليرة في لبنان.", "LBP"),
    ("ارتفعت الأسعار في تركيا وتجاوز سعر الغرام في إسطنبول 2000 ليرة.", "TRY"),
    ("قال وزير المالية الأردني إن الحكومة ستدفع 300 دينار لكل أسرة في الأردن.", "JOD"),
    ("أعلنت بغداد صرف 250 ألف دينار لكل موظف عراقي.", "IQD"),
    ("في الرياض أعلنت الوزارة السعودية دعما بقيمة 40 مليار ريال.", "SAR"),
    ("أعلنت الدوحة أن قطر ستخصص 3 مليارات ريال للملاعب.", "QAR"),
    ("رصدت حكومة دبي 500 مليون درهم لمشاريع النقل في الإمارات.", "AED"),
    ("صادق مجلس النواب بالرباط على قرض بقيمة 4 مليارات درهم لفائدة المغرب.", "MAD"),
    ("قررت الحكومة في القاهرة صرف 500 جنيه لكل أسرة مصرية.", "EGP"),
]


@pytest.mark.parametrize(("sentence", "code"), COUNTRY_EVIDENCE)
def test_ambiguous_currency_follows_the_country_of_the_article(sentence, code):
    spans = [s for s in NumbersExtractor().extract(Article("t", sentence)) if s.kind == "money"]
    assert [dict(s.attrs)["currency"] for s in spans] == [code]
    assert "currency_guess" not in dict(spans[0].attrs)


def test_ambiguous_currency_without_evidence_is_a_flagged_guess():
    spans = list(NumbersExtractor().extract(Article("t", "بلغت قيمة الجائزة 100 ألف درهم.")))
    assert [(s.value, dict(s.attrs)) for s in spans] == [
        ("100000", {"currency": "MAD", "currency_guess": True})
    ]


def test_url_country_code_is_evidence():
    spans = list(
        NumbersExtractor().extract(
            Article("t", "بلغ الدعم 70 مليون دينار.", url="https://x.example.kw/a")
        )
    )
    assert dict(spans[0].attrs)["currency"] == "KWD"


def test_country_evidence_counts_whole_cue_words_only():
    from newslab.extract.number_currency import currency_table

    text = "زار وفد مصري القاهرة، وقال المصرف المركزي إن الصادرات المصرية زادت (مصر_2)."
    table = currency_table()
    assert table.country_evidence(text, family="pound") == {"EGP": 3}  # not المصرف, مصر_2
    assert table.country_evidence(text, family="dinar") == {}
    assert table.country_evidence(text)["EGP"] == 3


PERCENT = [
    ("ارتفعت الصادرات بنسبة 85% هذا العام.", [("85%", "85")]),
    ("تراجع التضخم إلى ٣٫٥٪ في الربع الأول.", [("٣٫٥٪", "3.5")]),
    ("ارتفعت البطالة إلى %15 وفق الإحصاء.", [("%15", "15")]),
    (
        "بلغت المشاركة 40 في المئة مقابل 12 في المائة و7 بالمئة.",
        [("40 في المئة", "40"), ("12 في المائة", "12"), ("7 بالمئة", "7")],
    ),
    ("انخفض الإنتاج بخمسة في المئة.", [("خمسة في المئة", "5")]),
]


@pytest.mark.parametrize(("sentence", "expected"), PERCENT, ids=[p[0][:25] for p in PERCENT])
def test_percent(sentence, expected):
    assert [(t, v) for t, kind, label, v, c in rows(sentence) if kind == "percent"] == expected


QUANTITY = [
    ("يعيش في المدينة نحو 500 ألف يهودي.", [("500 ألف يهودي", "people", "500000")]),
    (
        "يمتد الخط 320 كيلومترا وينقل 8 ملايين متر مكعب.",
        [("320 كيلومترا", "km", "320"), ("8 ملايين متر مكعب", "cubic_metre", "8000000")],
    ),
    ("أسفر الحادث عن 30 قتيلا.", [("30 قتيلا", "people", "30")]),
    ("يخدم المشروع مليون ونصف مليون نسمة.", [("مليون ونصف مليون نسمة", "people", "1500000")]),
    ("ينتج الحقل 2 ملیون طن سنويا.", [("2 ملیون طن", "tonne", "2000000")]),
    ("صادرت السلطات 14 قاربا.", [("14", "quantity", "14")]),
]


@pytest.mark.parametrize(("sentence", "expected"), QUANTITY, ids=[q[0][:25] for q in QUANTITY])
def test_quantity(sentence, expected):
    assert [
        (t, label, v) for t, kind, label, v, c in rows(sentence) if kind == "quantity"
    ] == expected


NOT_AMOUNTS = [
    "وصل الوفد في 19/07/2022 الساعة 10:30 صباحا.",
    "تأسست الشركة عام 2020 وتعمل منذ 1987 في القطاع.",
    "للاستفسار اتصلوا على 0661 234 567 طيلة الأسبوع.",
    "شاهد الفيديو pic.twitter.com/v7RX9abc وتابع @M99_TV و#2022.",
    "نقلت فرانس24 عن مصادر أن الاجتماع تأجل.",
    "عقد الاجتماع يوم يوليو 19، 2022 وفي 17 يوليو.",
    "تنص المادة 5 من القانون على ذلك.",
    "خسر ملايين الدولارات ومئات الآلاف من الزبائن في عملية كاملة.",
    "وصلت الرحلة 2022-07-19T10:00:00Z حسب الجدول.",
    "قالت الوزيرة إن العمل مستمر وإن المملكة شريك كامل.",
]


@pytest.mark.parametrize("sentence", NOT_AMOUNTS)
def test_dates_years_phones_ids_and_handles_are_not_amounts(sentence):
    assert rows(sentence) == []


def test_spans_map_back_through_diacritics_and_tatweel():
    text = "قدّمت الدولـــة مِنحةً بقيمة ٣٠٠ مليـــون دولارٍ للمزارعين."
    (row,) = rows(text)
    assert row == ("٣٠٠ مليـــون دولارٍ", "money", "money", "300000000", "USD")


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "1," * 60000,
        "١٢٣٬" * 40000,
        "1 " * 80000,
        "مليون و" * 30000,
        "خمسة و" * 30000,
        "% 1 " * 40000,
        "$" * 100000 + "1",
        "في المئة " * 20000,
        "5 مليون " * 20000,
        "." * 100000 + "5",
    ],
    ids=[
        "commas",
        "arabic-separators",
        "spaced-digits",
        "and-million",
        "and-five",
        "percents",
        "dollars",
        "fi-almia",
        "millions",
        "dots",
    ],
)
def test_hostile_inputs_run_in_linear_time(text):
    spans = list(NumbersExtractor().extract(Article("t", text)))
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)


def test_conformance():
    check_extractor(NumbersExtractor())


def test_registered_as_builtin_plugin():
    extractors = Registry(entry_points=False).extractors()
    assert isinstance(extractors["numbers"], NumbersExtractor)


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared seeds/gold not present")
def test_seed_money_floor():
    corpus = newslab.load(SHARED / "seeds")
    spans = newslab.annotate(corpus, [NumbersExtractor()], progress=False)
    scores = newslab.evaluate(SHARED / "gold", spans, kinds=["money"])
    assert scores.summary["money_f1"] >= 0.9
    assert scores.summary["money_value_accuracy"] >= 0.9
