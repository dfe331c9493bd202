"""The boilerplate extractor: page furniture, footer metadata and ``published_from_text``.

Every article and footer layout below is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newslab
from newslab.corpus.article import Article
from newslab.extract.boilerplate import BoilerplateExtractor
from newslab.extract.conformance import check_extractor
from newslab.extract.footer import parse_date, published_from_text
from newslab.registry import Registry

SHARED = Path(__file__).resolve().parents[2] / "shared"

BODY = (
    "أطلقت وزارة الصحة صباح اليوم حملة وطنية لتلقيح التلاميذ ضد الحصبة في مختلف المدارس "
    "العمومية، بمشاركة آلاف الأطر الطبية والتمريضية.\n"
    "وقالت الوزارة في بيان إن الحملة ستستمر ثلاثة أسابيع في كل الجهات.\n"
)


def spans(text: str, title: str = "") -> list[tuple[str, str, str, str]]:
    article = Article(id="t", text=text, title=title)
    return [
        (s.kind, s.label, text[s.start : s.end], s.value)
        for s in BoilerplateExtractor().extract(article)
    ]


def boilerplate(text: str, title: str = "") -> list[tuple[str, str]]:
    return [(label, t) for kind, label, t, _ in spans(text, title) if kind == "boilerplate"]


def metadata(text: str) -> dict[str, tuple[str, str]]:
    return {label: (t, v) for kind, label, t, v in spans(text) if kind == "metadata"}


# ------------------------------------------------------------------ footers

FOOTER_BLOCK = (
    "تاريخ الخبر: ٠٣/٠٣/٢٠٢٣ - ٠٩:١٥ م\n"
    "المصدر: جريدة الصباح\n"
    "التصنيف: صحة\n"
    "مستوى الصحة: ٩٠٪\n"
    "الأهمية: ★★★★☆"
)
TEASER = (
    "أخبار ذات صلة\n"
    "ارتفاع أسعار الخضر في الأسواق الشعبية مع بداية الشهر\n"
    "تاريخ الخبر: 01/03/2023\n"
    "المصدر: موقع السوق"
)
AGGREGATOR = (
    "وزارة الصحة تطلق حملة تلقيح في المدارس\n\n"
    + BODY
    + "\n"
    + FOOTER_BLOCK
    + "\n\n"
    + TEASER
    + "\n"
)


def test_aggregator_footer_fields_of_the_article_only():
    assert metadata(AGGREGATOR) == {
        "title": (
            "وزارة الصحة تطلق حملة تلقيح في المدارس",
            "وزارة الصحة تطلق حملة تلقيح في المدارس",
        ),
        "published": ("٠٣/٠٣/٢٠٢٣ - ٠٩:١٥ م", "2023-03-03T21:15"),
        "source": ("جريدة الصباح", "جريدة الصباح"),
        "category": ("صحة", "صحة"),
        "credibility": ("٩٠٪", "90"),
        "importance": ("★★★★☆", "4"),
    }


def test_aggregator_footer_and_teasers_are_boilerplate():
    assert boilerplate(AGGREGATOR) == [
        ("title", "وزارة الصحة تطلق حملة تلقيح في المدارس"),
        ("footer", FOOTER_BLOCK),
        ("related", TEASER),
    ]
    assert published_from_text(AGGREGATOR) == "2023-03-03T21:15"


FOOTER_LAYOUTS = [
    (
        "one line with pipes",
        BODY + "نشر في: الثلاثاء 5 كانون الثاني 2021 | المصدر: وكالة الأنباء | القسم: سياسة\n",
        {
            "published": ("الثلاثاء 5 كانون الثاني 2021", "2021-01-05"),
            "source": ("وكالة الأنباء", "وكالة الأنباء"),
            "category": ("سياسة", "سياسة"),
        },
    ),
    (
        "labels above values, before the body",
        "تاريخ النشر\n2022-11-24 14:05\nالمصدر\nموقع الخليج\n\n" + BODY,
        {
            "published": ("2022-11-24 14:05", "2022-11-24T14:05"),
            "source": ("موقع الخليج", "موقع الخليج"),
        },
    ),
    (
        "bulleted fields",
        BODY + "- التاريخ: 12 مارس 2024\n- المصدر: صحيفة النهار\n- الفئة: رياضة\n",
        {
            "published": ("12 مارس 2024", "2024-03-12"),
            "source": ("صحيفة النهار", "صحيفة النهار"),
            "category": ("رياضة", "رياضة"),
        },
    ),
    (
        "latin labels",
        BODY + "Source: Al Khaleej | Published: 2023-05-02 08:00 | Category: Economy\n",
        {
            "published": ("2023-05-02 08:00", "2023-05-02T08:00"),
            "source": ("Al Khaleej", "Al Khaleej"),
            "category": ("Economy", "Economy"),
        },
    ),
    (
        "scores as percent and fraction",
        BODY + "تاريخ الإضافة: 19 يوليوز 2022\nنسبة المصداقية: 75 %\nدرجة الأهمية: 3/5\n",
        {
            "published": ("19 يوليوز 2022", "2022-07-19"),
            "credibility": ("75 %", "75"),
            "importance": ("3/5", "3/5"),
        },
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), FOOTER_LAYOUTS, ids=[f[0] for f in FOOTER_LAYOUTS]
)
def test_footer_layouts(name, text, expected):
    assert metadata(text) == expected
    assert published_from_text(text) == expected["published"][1]


def test_teaser_fields_are_never_the_article_metadata():
    text = (
        BODY
        + "اقرأ أيضا:\nفوز الفريق المحلي في مباراة الديربي مساء الأحد\n"
        + "تاريخ الخبر: 2020-01-01\nالمصدر: موقع آخر\n"
    )
    assert metadata(text) == {}
    assert published_from_text(text) is None
    assert boilerplate(text) == [
        (
            "related",
            "اقرأ أيضا:\nفوز الفريق المحلي في مباراة الديربي مساء الأحد\n"
            "تاريخ الخبر: 2020-01-01\nالمصدر: موقع آخر",
        ),
    ]


def test_second_teaser_block_after_the_article_footer_is_related():
    text = (
        BODY + "تاريخ الخبر: 2023-04-10\nالمصدر: الموقع الأول\n\n"
        "ارتفاع الطلب على الكهرباء خلال موجة الحر الأخيرة\n"
        "تاريخ الخبر: 2023-04-01\nالمصدر: الموقع الثاني\n"
    )
    assert metadata(text) == {
        "published": ("2023-04-10", "2023-04-10"),
        "source": ("الموقع الأول", "الموقع الأول"),
    }
    labels = [label for label, _ in boilerplate(text)]
    assert labels == ["footer", "related"]


def test_lone_furniture_fields_do_not_close_the_article():
    text = (
        BODY + "الكلمات المفتاحية: الصحة، التلقيح\nآخر تحديث: 2023-01-02 10:00\n"
        "وأضاف المتحدث أن النتائج الأولية مشجعة للغاية حسب المعطيات المتوفرة لدى الوزارة.\n"
    )
    assert boilerplate(text) == [
        ("footer", "الكلمات المفتاحية: الصحة، التلقيح\nآخر تحديث: 2023-01-02 10:00")
    ]
    assert metadata(text) == {}


def test_date_field_under_the_lead_keeps_the_rest_of_the_body():
    text = (
        "معرض الكتاب يفتح أبوابه\n"
        "افتتح أمس معرض الكتاب في دورته الجديدة بمشاركة مئات دور النشر من مختلف الدول.\n"
        "تاريخ النشر: 2023-01-02\n" + BODY
    )
    assert boilerplate(text) == [
        ("title", "معرض الكتاب يفتح أبوابه"),
        ("footer", "تاريخ النشر: 2023-01-02"),
    ]
    assert published_from_text(text) == "2023-01-02"


# ------------------------------------------------------------------ furniture

FURNITURE = [
    ("(أ ف ب)", "credit"),
    ("رويترز", "credit"),
    ("المصدر: وكالات", "credit"),
    ("فرانس برس/رويترز", "credit"),
    ("صورة أرشيفية", "credit"),
    ("كتب: سامي العلوي", "byline"),
    ("بقلم د. ليلى حداد", "byline"),
    ("إعداد: قسم الأخبار الدولية", "byline"),
    ("اقرأ أيضا: الحكومة تعلن عن إجراءات جديدة لدعم الأسعار", "related"),
    ("مواضيع ذات صلة", "related"),
    ("تابعونا على فيسبوك وتويتر", "share"),
    ("فيسبوك | تويتر | واتساب", "share"),
    ("لمتابعة آخر الأخبار اضغط هنا", "share"),
    ("جميع الحقوق محفوظة © 2023 موقع الخبر", "footer"),
    ("هذا الخبر منقول من موقع آخر والموقع لا يعبر بالضرورة عن رأي كاتبه.", "footer"),
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE, ids=[f[0][:20] for f in FURNITURE])
def test_furniture_lines(line, reason):
    text = (
        BODY
        + line
        + "\n"
        + "وأضاف المتحدث أن النتائج الأولية مشجعة للغاية حسب المعطيات المتوفرة.\n"
    )
    assert boilerplate(text) == [(reason, line)]


PROSE = [
    "كتب الرئيس في تغريدة أن بلاده مستعدة للحوار مع جميع الأطراف دون شروط مسبقة.",
    "قال المصدر: إن الاجتماع سيعقد غدا في العاصمة بحضور عدد من الوزراء والخبراء.",
    "تاريخ العلاقات بين البلدين طويل ومعقد ويعود إلى قرون مضت.",
    "شارك آلاف المواطنين في المسيرة التي جابت شوارع المدينة مساء الجمعة.",
    "وأكد أن أعداد الزوار ارتفعت هذا العام مقارنة بالعام الماضي.",
]


@pytest.mark.parametrize("line", PROSE, ids=[p[:20] for p in PROSE])
def test_prose_is_not_boilerplate(line):
    assert boilerplate(BODY + line + "\n" + BODY) == []


def test_header_credit_and_byline_lines():
    text = "الرباط - د ب أ\nكتب: سامي العلوي\n\n" + BODY
    assert boilerplate(text) == [("credit", "الرباط - د ب أ"), ("byline", "كتب: سامي العلوي")]


def test_headline_then_dateline():
    text = "البرلمان يصادق على قانون المالية الجديد\n\nالرباط - وكالة الأنباء\n\n" + BODY
    assert boilerplate(text) == [
        ("title", "البرلمان يصادق على قانون المالية الجديد"),
        ("credit", "الرباط - وكالة الأنباء"),
    ]


def test_no_headline_when_the_text_starts_with_prose():
    assert spans(BODY) == []


def test_headline_matching_the_article_title():
    text = "عاجل: انطلاق القمة.\n" + BODY
    assert boilerplate(text, title="عاجل: انطلاق القمة.")[0] == ("title", "عاجل: انطلاق القمة.")


def test_tweet_blocks_shared_with_the_social_extractor():
    tweet = "أطلقنا اليوم الحملة #التلقيح pic.twitter.com/AbCd123\n— وزارة الصحة (@MinSante) March 3, 2023"
    text = BODY + tweet + "\n" + BODY
    assert boilerplate(text) == [("tweet_embed", tweet)]


# ------------------------------------------------------------------ dates

DATES = [
    ("17-07-2025", "2025-07-17"),
    ("٢٠٢٢/٠٧/١٩", "2022-07-19"),
    ("الثلاثاء 19 يوليو 2022 - 10:30 م", "2022-07-19T22:30"),
    ("19 تموز/يوليو 2022", "2022-07-19"),
    ("July 19, 2022 10:05 PM", "2022-07-19T22:05"),
    ("2022-07-19T10:30:00+03:00", "2022-07-19T10:30:00+03:00"),
    ("١٩ يوليوز ٢٠٢٢ على الساعة ٠٩:١٥", "2022-07-19T09:15"),
    ("07/19/2022", "2022-07-19"),
    ("الأحد، 3 جويلية 2022", "2022-07-03"),
    ("يوليو 19، 2022", "2022-07-19"),
    ("5 كانون الثاني 2023 | 14:20", "2023-01-05T14:20"),
    ("12:00 ص 1 شباط 2021", "2021-02-01T00:00"),
    ("20 ذو الحجة 1443 هـ", "2022-07-19"),
    ("منذ ساعتين", None),
    ("31/02/2022", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "iso"), DATES, ids=[d[0] or "empty" for d in DATES])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_published_from_text_without_footer():
    assert published_from_text(BODY) is None
    assert published_from_text("") is None


# ------------------------------------------------------------------ contract


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "المصدر: وكالات\n" * 20000,
        "تاريخ الخبر: 2020-01-01\n" * 20000,
        "اقرأ أيضا\n" * 20000,
        "\n" * 200000,
        "- " * 100000,
        ":" * 200000,
        "رويترز " * 30000,
        "تاريخ النشر\n" * 20000,
    ],
    ids=["sources", "fields", "read-also", "newlines", "dashes", "colons", "agency", "labels"],
)
def test_hostile_inputs_run_in_linear_time(text):
    found = list(BoilerplateExtractor().extract(Article("t", text)))
    assert all(0 <= s.start <= s.end <= len(text) for s in found)


def test_conformance():
    check_extractor(BoilerplateExtractor(), texts=[AGGREGATOR])


def test_registered_as_builtin_plugin():
    assert isinstance(
        Registry(entry_points=False).extractors()["boilerplate"], BoilerplateExtractor
    )


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared seeds/gold not present")
def test_seed_boilerplate_floor():
    corpus = newslab.load(SHARED / "seeds")
    found = newslab.annotate(corpus, [BoilerplateExtractor()], progress=False)
    scores = newslab.evaluate(SHARED / "gold", found, kinds=["boilerplate"])
    assert scores.summary["boilerplate_char_f1"] >= 0.8


@pytest.mark.parametrize(
    "first_line",
    [
        "طرابلس - سليم الورفلي",  # dateline with the reporter's name
        "الساحل 24 - هدى العمراني",  # outlet and byline
        "الخميس 3 رمضان 1445هـ - 14 مارس 2024م",  # date line
    ],
)
def test_datelines_and_date_lines_are_not_headlines(first_line):
    body = "أعلنت السلطات المحلية افتتاح الطريق الساحلي الجديد بعد أشهر من الأشغال المتواصلة."
    spans = list(BoilerplateExtractor().extract(newslab.Article("a", f"{first_line}\n\n{body}")))
    assert not [s for s in spans if s.label == "title"]


def test_a_real_headline_is_still_a_title():
    text = "افتتاح الطريق الساحلي الجديد بين المدينتين\n\nأعلنت السلطات المحلية افتتاح الطريق بعد أشهر من الأشغال."
    spans = list(BoilerplateExtractor().extract(newslab.Article("a", text)))
    assert [s.value for s in spans if s.kind == "metadata" and s.label == "title"] == [
        "افتتاح الطريق الساحلي الجديد بين المدينتين"
    ]
