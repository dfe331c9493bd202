import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import name_form, name_variants


@pytest.mark.parametrize(
    ("written", "canonical", "form"),
    [
        ("بطرابلس", "طرابلس", "طرابلس"),
        ("للمجلس الوطني", "المجلس الوطني", "المجلس الوطني"),
        ("والمجلس الوطني", "المجلس الوطني", "المجلس الوطني"),
        ("وناصيف", "سامر ناصيف", "ناصيف"),
        ("بلقيس", "بلقيس", "بلقيس"),  # starts with ب but is the name itself
        ("لبنان", "لبنان", "لبنان"),  # starts with ل
        ("فادي النمر", "فادي النمر", "فادي النمر"),  # starts with ف
        ("نصايف", "سامر ناصيف", "نصايف"),  # a misspelling is kept, not repaired
        ("سامِر ناصيف", "سامر ناصيف", "سامر ناصيف"),  # diacritics dropped
        ("ناصيف سامر", "سامر ناصيف", "ناصيف سامر"),  # word order kept
        ("كطرابلس", "طرابلس", "طرابلس"),
    ],
)
def test_name_form_strips_clitics_only(written, canonical, form):
    assert name_form(written, canonical) == form


CORPUS = corpus(
    (
        "a",
        "الصباح",
        "2024-05-01",
        "استقبل سامر ناصيف الوفد. وقال ناصيف إن اللقاء مثمر. وأشاد الوفد بناصيف.",
    ),
    ("b", "المساء", "2024-05-01", "التقى سامر ناصيف الوفد، وأكد ناصيف دعمه."),
    ("c", "الفجر", "2024-05-02", "أعلن سامر نصايف موقفه، ثم غادر نصايف القاعة."),
)
SPANS = spans(
    span(CORPUS, "a", "سامر ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "a", "ناصيف", "entity", "PER", "سامر ناصيف", occurrence=1),
    span(CORPUS, "a", "بناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "b", "سامر ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "b", "ناصيف", "entity", "PER", "سامر ناصيف", occurrence=1),
    span(CORPUS, "c", "سامر نصايف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "c", "نصايف", "entity", "PER", "سامر ناصيف", occurrence=1),
)


def _row(table, form, outlet):
    rows = table[(table["form"] == form) & (table["outlet"] == outlet)]
    assert len(rows) == 1, f"{form} / {outlet}: {len(rows)} rows"
    return rows.iloc[0]


@pytest.mark.parametrize(
    ("form", "outlet", "count", "written", "exclusive"),
    [
        ("سامر ناصيف", "الصباح", 1, ("سامر ناصيف",), False),
        ("ناصيف", "الصباح", 2, ("بناصيف", "ناصيف"), False),
        ("ناصيف", "المساء", 1, ("ناصيف",), False),
        ("سامر نصايف", "الفجر", 1, ("سامر نصايف",), True),
        ("نصايف", "الفجر", 1, ("نصايف",), True),
    ],
)
def test_forms_by_outlet_with_written_strings(form, outlet, count, written, exclusive):
    row = _row(name_variants(CORPUS, SPANS), form, outlet)
    assert row["entity"] == "سامر ناصيف"
    assert row["count"] == count
    assert tuple(sorted(row["written"])) == tuple(sorted(written))
    assert bool(row["exclusive"]) is exclusive


def test_all_variant_spellings_sit_under_one_canonical():
    table = name_variants(CORPUS, SPANS)
    assert set(table["entity"]) == {"سامر ناصيف"}
    assert set(table["form"]) == {"سامر ناصيف", "ناصيف", "سامر نصايف", "نصايف"}
    assert set(table["entity_outlets"]) == {3}


def test_min_forms_keeps_entities_written_several_ways():
    one_form = corpus(("x", "س", "", "زار وفد بيروت."))
    table = name_variants(
        one_form, spans(span(one_form, "x", "بيروت", "entity", "GPE", "بيروت")), min_forms=2
    )
    assert table.empty
