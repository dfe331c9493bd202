"""The example plugins in plugins/: conformance and tables of (sentence, expected spans)."""

from __future__ import annotations

import pytest
from conftest import PLUGINS

import newslab
from newslab import Article
from newslab.registry import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    registry = Registry(builtins=False, entry_points=False)
    registry.load_dir(PLUGINS)
    return registry


def spans_of(registry, name, text):
    spans = newslab.annotate([Article("t", text)], [name], registry=registry, strict=True)
    return [(row.text, row.label, row.value) for row in spans.itertuples()]


def test_both_are_listed_with_their_file(registry):
    origins = {info.name: info.origin for info in registry.describe()}
    assert origins == {
        "sources": f"file {PLUGINS / 'sources.py'}",
        "weapons": f"file {PLUGINS / 'weapons.py'}",
    }


@pytest.mark.parametrize("name", ["weapons", "sources"])
def test_conformance(registry, name, sample):
    check_texts = [WEAPON_CASES[0][0], SOURCE_CASES[0][0], *(a.text for a in sample)]
    newslab.check_extractor(registry.extractors()[name], texts=check_texts)


WEAPON_CASES = [
    (
        "أسقطت منظومة باتريوت طائرة مسيّرة فوق المدينة",
        [("باتريوت", "air_defence", "Patriot"), ("طائرة مسيّرة", "drone", "drone")],
    ),
    (
        "وشاركت مقاتلات إف-35 وF-16 في المناورة",
        [("إف-35", "aircraft", "F-35"), ("F-16", "aircraft", "F-16")],
    ),
    (
        "اف 35 و f35 و إف٣٥",
        [("اف 35", "aircraft", "F-35"), ("f35", "aircraft", "F-35"), ("إف٣٥", "aircraft", "F-35")],
    ),
    (
        "واعترضت القبة الحديدية صاروخين، وتعمل بالقبة الحديدية ثلاث بطاريات",
        [
            ("القبة الحديدية", "air_defence", "Iron Dome"),
            ("القبة الحديدية", "air_defence", "Iron Dome"),
        ],
    ),
    (
        "وتستخدم كييف طائرات بيرقدار التركية وBayraktar TB2",
        [("بيرقدار", "drone", "Bayraktar TB2"), ("Bayraktar TB2", "drone", "Bayraktar TB2")],
    ),
    (
        "وصلت دبابات ليوبارد 2 وأبرامز، إلى جانب منظومة إس-400",
        [
            ("ليوبارد 2", "tank", "Leopard 2"),
            ("أبرامز", "tank", "Abrams"),
            ("إس-400", "air_defence", "S-400"),
        ],
    ),
    (
        "وأطلقت الطائرات بدون طيار وصواريخ توماهوك",
        [("الطائرات بدون طيار", "drone", "drone"), ("توماهوك", "missile", "Tomahawk")],
    ),
    ("قال إن الباتريوتية ليست تهمة", []),  # no match inside a longer word
    ("مسيرة حاشدة في العاصمة", []),  # a march, not a drone
]


@pytest.mark.parametrize(("text", "expected"), WEAPON_CASES)
def test_weapons(registry, text, expected):
    assert spans_of(registry, "weapons", text) == expected


SOURCE_CASES = [
    ("وقالت مصادر مطّلعة إن الوفد وصل", [("مصادر مطّلعة", "anonymous_source", "مصادر مطلعة")]),
    (
        "وأكد مصدر مسؤول رفض الكشف عن اسمه أن الاتفاق جاهز",
        [
            ("مصدر مسؤول", "anonymous_source", "مصدر مسؤول"),
            ("رفض الكشف عن اسمه", "withheld_identity", "رفض الكشف عن اسمه"),
        ],
    ),
    (
        "وبحسب وسائل إعلام محلية، فإن مسؤولا رفيع المستوى طلب عدم ذكر اسمه",
        [
            ("بحسب وسائل إعلام محلية", "media_reports", "بحسب وسائل اعلام محلية"),
            ("مسؤولا رفيع المستوى", "anonymous_source", "مسؤولا رفيع المستوي"),
            ("طلب عدم ذكر اسمه", "withheld_identity", "طلب عدم ذكر اسمه"),
        ],
    ),
    (
        "ونقلت الصحيفة نقلاً عن مصادر دبلوماسية قولها إن",
        [
            ("نقلاً عن مصادر دبلوماسية", "relayed", "مصادر دبلوماسية"),
            ("مصادر دبلوماسية", "anonymous_source", "مصادر دبلوماسية"),
        ],
    ),
    (
        "وذلك نقلا عن صحيفة الوطن اليومية.",
        [("نقلا عن صحيفة الوطن اليومية", "relayed", "صحيفة الوطن اليومية")],
    ),
    (
        "ووفقا لتقارير صحفية، وأفادت تقارير إعلامية",
        [
            ("وفقا لتقارير صحفية", "media_reports", "وفقا لتقارير صحفية"),
            ("أفادت تقارير إعلامية", "media_reports", "افادت تقارير اعلامية"),
        ],
    ),
    ("قال الوزير سليم الهاشمي إن مصادر الطاقة متنوعة", []),  # named speaker; "energy sources"
]


@pytest.mark.parametrize(("text", "expected"), SOURCE_CASES)
def test_sources(registry, text, expected):
    assert spans_of(registry, "sources", text) == expected


def test_relayed_party_attrs(registry):
    spans = newslab.annotate(
        [Article("t", "نقلا عن مصادر أمنية، ونقلا عن وكالة الأنباء")],
        ["sources"],
        registry=registry,
    )
    relayed = spans[spans.label == "relayed"]["attrs"].tolist()
    assert relayed == [
        {"party": "مصادر أمنية", "anonymous": True},
        {"party": "وكالة الأنباء", "anonymous": False},
    ]
