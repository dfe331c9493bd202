"""The entity gazetteer: sources, validation errors, and matching on normalised text."""

from __future__ import annotations

import pytest

from newslab.arabic import normalize
from newslab.extract.gazetteer import (
    Entry,
    Gazetteer,
    GazetteerError,
    default_gazetteer,
    given_names,
    read_entries,
)


def hits(text: str, gaz: Gazetteer | None = None) -> list[tuple[str, str, str]]:
    """(surface, label, canonical) of every hit, surfaces taken from the original text."""
    norm = normalize(text)
    out = []
    for m in (gaz or default_gazetteer()).find(norm.text):
        start, end = norm.to_original_span(m.start, m.end)
        out.append((text[start:end], m.entry.label, m.entry.canonical))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # proclitics stay in the surface: و ف ب ك ل, and ل + ال written لل
        ("وصل الوفد إلى بيروت", [("بيروت", "GPE", "بيروت")]),
        ("عاد الوزير للمغرب أمس", [("للمغرب", "GPE", "المغرب")]),
        ("وبالسودان تتواصل المعارك", [("وبالسودان", "GPE", "السودان")]),
        (
            "تحدث عن العلاقة بفرنسا وبألمانيا",
            [("بفرنسا", "GPE", "فرنسا"), ("وبألمانيا", "GPE", "ألمانيا")],
        ),
        # CLDR names and the short forms news uses
        (
            "تبحث الإمارات والسعودية الملف",
            [("الإمارات", "GPE", "الإمارات"), ("والسعودية", "GPE", "السعودية")],
        ),
        (
            "قالت أميركا إن أمريكا لن تنسحب",
            [("أميركا", "GPE", "الولايات المتحدة"), ("أمريكا", "GPE", "الولايات المتحدة")],
        ),
        # spelling variants: hamza, teh marbuta, lone hamza, Persian yeh
        ("في الشرق الاوسط", [("الشرق الاوسط", "LOC", "الشرق الأوسط")]),
        ("الصحراء الغربيه منطقة نزاع", [("الصحراء الغربيه", "LOC", "الصحراء الغربية")]),
        ("زار ایران الشهر الماضي", [("ایران", "GPE", "إيران")]),
        # longest match wins; country aliases with دولة
        ("وقعت دولة قطر الاتفاق", [("دولة قطر", "GPE", "قطر")]),
        ("قال مجلس الأمن الدولي", [("مجلس الأمن الدولي", "ORG", "مجلس الأمن الدولي")]),
        # letters and digits may touch: فرانس24 / فرانس 24
        ("نقلت فرانس24 الخبر", [("فرانس24", "ORG", "فرانس 24")]),
        # Latin names are case-sensitive and not taken from handles or URLs
        (
            "Reuters said Morocco and Israel",
            [
                ("Reuters", "ORG", "رويترز"),
                ("Morocco", "GPE", "المغرب"),
                ("Israel", "GPE", "إسرائيل"),
            ],
        ),
        ("@Reuters #Israel http://x.com/Morocco", []),
        # a word is never matched inside a longer word
        ("المغربية والمغربي", []),
        # names written with a spaced dash: بعلبك - الهرمل
        ("في إقليم بعلبك - الهرمل", [("بعلبك - الهرمل", "LOC", "بعلبك الهرمل")]),
        # broad coverage: towns, regions, crossings, clubs, competitions, abbreviations
        (
            "بين زحلة وجزين وبرج البراجنة",
            [
                ("زحلة", "GPE", "زحلة"),
                ("وجزين", "GPE", "جزين"),
                ("وبرج البراجنة", "GPE", "برج البراجنة"),
            ],
        ),
        ("عبرت الشاحنات معبر نصيب", [("معبر نصيب", "LOC", "معبر نصيب")]),
        (
            "مباراة الزمالك في دوري أبطال إفريقيا",
            [("الزمالك", "ORG", "الزمالك"), ("دوري أبطال إفريقيا", "EVENT", "دوري أبطال إفريقيا")],
        ),
        ("قالت ECOWAS وإيكواس", [("ECOWAS", "ORG", "إيكواس"), ("وإيكواس", "ORG", "إيكواس")]),
    ],
)
def test_matches(text, expected):
    assert hits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # مالي is also "financial": only after a place word or preposition
        ("قدمت دعما ماليا ودعم مالي كبير", []),
        ("انسحبت القوات من شمال مالي", [("مالي", "GPE", "مالي")]),
        ("انتشرت القوات في مالي", [("مالي", "GPE", "مالي")]),
        # marked names (العربية, فتح): only quoted or after a word such as قناة / حركة
        ("تعلم اللغة العربية وفتح الباب", []),
        ('قالت "العربية" إن', [("العربية", "ORG", "العربية")]),
        ("بثت قناة العربية التقرير", [("العربية", "ORG", "العربية")]),
        # ... only when both quote marks are there: the last word of a quoted phrase is not
        ('أطلق مشروع "الإسكان الجديد" أمس', []),
        # ... or before a nationality adjective, or after a sports word
        ("تعاقد الوداد المغربي مع مهاجم", [("الوداد", "ORG", "الوداد الرياضي")]),
        ("وقال مدرب الوحدات إن الفريق جاهز", [("الوحدات", "ORG", "الوحدات")]),
        ("تحقيق الوحدات السكنية والوحدة الوطنية", []),
        # a dateline or an agency credit at the start of a line is context enough
        ("صور (رويترز) - أعلن الجيش", [("صور", "GPE", "صور"), ("رويترز", "ORG", "رويترز")]),
        (
            "قابس - وات\nتراجع الإنتاج",
            [("قابس", "GPE", "قابس"), ("وات", "ORG", "وكالة تونس إفريقيا للأنباء")],
        ),
        ("وقالت جدة العائلة - وهي مسنة", []),
        # words that fold to a place name are not taken for it (إطار / أطار, أفاد / آفاد)
        ("جاءت الزيارة في إطار التعاون، وأفاد مصدر بذلك", []),
    ],
)
def test_ambiguous_names_need_context(text, expected):
    assert hits(text) == expected


def test_user_csv_extends_and_overrides(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,type,canonical\nمرصد الساحل,ORG,مرصد الساحل للدراسات\nبيروت,LOC,مدينة بيروت\n",
        encoding="utf-8",
    )
    gaz = Gazetteer.from_entries(default_gazetteer().by_key.values(), read_entries(path))
    assert hits("قال مرصد الساحل إن بيروت هادئة", gaz) == [
        ("مرصد الساحل", "ORG", "مرصد الساحل للدراسات"),
        ("بيروت", "LOC", "مدينة بيروت"),
    ]


def test_yaml_entries(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "entries:\n  - {name: حي الزيتون, type: LOC}\n  - {name: Sahel Watch, type: ORG, canonical: مرصد الساحل}\n",
        encoding="utf-8",
    )
    entries = read_entries(path)
    assert [(e.name, e.label, e.canonical) for e in entries] == [
        ("حي الزيتون", "LOC", "حي الزيتون"),
        ("Sahel Watch", "ORG", "مرصد الساحل"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,type\nبيروت,CITY\n", r"mine\.csv:2: type 'CITY' is not one of"),
        ("name,type\n,GPE\n", r"mine\.csv:2: missing name"),
        ("name,canonical\nبيروت,بيروت\n", r"mine\.csv:1: header lacks column\(s\) type"),
        ("name,type,context\nبيروت,GPE,sometimes\n", r"mine\.csv:2: context 'sometimes'"),
        ("name,type\n---,ORG\n", r"mine\.csv:2: name '---' has no letters"),
    ],
)
def test_bad_csv_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "mine.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        read_entries(path)


def test_bad_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- name: [unclosed\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"bad\.yaml:\d+: not valid YAML"):
        read_entries(bad)
    with pytest.raises(GazetteerError, match="gazetteer file not found"):
        read_entries(tmp_path / "absent.csv")
    with pytest.raises(GazetteerError, match="unsupported gazetteer format"):
        read_entries(bad.with_suffix(".json").__class__(__file__))


def test_shipped_data_is_valid_and_broad():
    gaz = default_gazetteer()
    labels = {e.label for e in gaz.by_key.values()}
    assert labels == {"PER", "ORG", "GPE", "LOC", "EVENT", "MISC"}
    assert len(gaz) > 1500
    # CLDR brings every country, in Arabic and in English
    for name in ("السودان", "أوكرانيا", "ليبيا", "Sudan", "Ukraine"):
        assert gaz.lookup(name) is not None, name
    assert gaz.lookup("الأمم المتحدة").label == "ORG"  # CLDR "UN" is not a country
    names = given_names()
    assert "محمد" in names and names["علي"] == ""


def test_lookup_folds_spelling():
    gaz = Gazetteer([Entry("إسرائيل", "GPE", "إسرائيل")])
    assert gaz.lookup("اسرائيل").canonical == "إسرائيل"
    assert gaz.lookup("إسرائيلي") is None
