import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import distinctive_words, framing_terms, naming_choices

CORPUS = corpus(
    (
        "r1",
        "صوت المعارضة",
        "2024-01-01",
        "اقتحمت قوات الاحتلال القرية فجرا. وطالب الأهالي بخروج قوات الاحتلال من الأراضي المحتلة. "
        "وقال الأهالي إن الاحتلال دمر الحقول، وإن الاحتلال يمنع الصيادين من البحر.",
    ),
    (
        "n1",
        "الوكالة الرسمية",
        "2024-01-01",
        "دخلت القوات الحكومية القرية صباحا. وقالت الوزارة إن القوات الحكومية تحمي المنطقة المتنازع عليها. "
        "وأكدت الوزارة أن المنطقة المتنازع عليها ستبقى مفتوحة أمام الصيادين.",
    ),
)
SPANS = spans(
    span(CORPUS, "r1", "قوات الاحتلال", "lexicon", "naming_loaded", "القوات"),
    span(CORPUS, "r1", "قوات الاحتلال", "lexicon", "naming_loaded", "القوات", occurrence=1),
    span(CORPUS, "r1", "الأراضي المحتلة", "lexicon", "naming_loaded", "الأرض"),
    span(CORPUS, "n1", "القوات الحكومية", "lexicon", "naming_neutral", "القوات"),
    span(CORPUS, "n1", "القوات الحكومية", "lexicon", "naming_neutral", "القوات", occurrence=1),
    span(CORPUS, "n1", "المنطقة المتنازع عليها", "lexicon", "naming_neutral", "الأرض"),
)


def test_framing_terms_per_outlet_and_category():
    table = framing_terms(CORPUS, SPANS).set_index(["outlet", "category"])
    loaded = table.loc[("صوت المعارضة", "naming_loaded")]
    assert loaded["hits"] == 3 and loaded["articles"] == 1
    assert loaded["terms"] == ("قوات الاحتلال", "الأراضي المحتلة")
    assert loaded["per_1000_words"] == pytest.approx(1000 * 3 / loaded["words"])
    assert ("صوت المعارضة", "naming_neutral") not in table.index
    assert table.loc[("الوكالة الرسمية", "naming_neutral"), "hits"] == 3


def test_naming_choices_side_by_side():
    table = naming_choices(CORPUS, SPANS)
    assert list(table.columns) == ["صوت المعارضة", "الوكالة الرسمية"]
    assert table.loc[("naming_loaded", "القوات"), "صوت المعارضة"] == "قوات الاحتلال (2)"
    assert table.loc[("naming_neutral", "القوات"), "الوكالة الرسمية"] == "القوات الحكومية (2)"
    assert table.loc[("naming_loaded", "القوات"), "الوكالة الرسمية"] == ""


def test_naming_choices_for_entities_use_clitic_free_forms():
    pair = corpus(
        ("x", "أ", "", "زار الوفد بطرابلس أمس."), ("y", "ب", "", "وصل الوفد إلى طرابلس الغرب.")
    )
    table = naming_choices(
        pair,
        spans(
            span(pair, "x", "بطرابلس", "entity", "GPE", "طرابلس"),
            span(pair, "y", "طرابلس الغرب", "entity", "GPE", "طرابلس"),
        ),
        kind="entity",
    )
    assert table.loc[("GPE", "طرابلس")].tolist() == ["طرابلس (1)", "طرابلس الغرب (1)"]


def test_distinctive_words_rank_each_outlets_own_vocabulary():
    table = distinctive_words(CORPUS, n=4)
    top = table.groupby("outlet")["word"].apply(list).to_dict()
    assert top["صوت المعارضة"] == ["الاحتلال", "الأهالي"]
    assert set(top["الوكالة الرسمية"]) == {"الحكومية", "المتنازع", "المنطقة", "الوزارة"}
    # shared words (القرية, الصيادين) and stop words (إن, من) are never distinctive
    assert not {"القرية", "الصيادين", "إن", "من"} & set(table["word"])
    assert (table["z"] > 0).all()
    assert list(table[table["outlet"] == "الوكالة الرسمية"]["rank"]) == [1, 2, 3, 4]


def test_clitics_are_stripped_before_counting():
    table = distinctive_words(CORPUS, n=20, min_count=1)
    row = table[(table["outlet"] == "صوت المعارضة") & (table["word"] == "الاحتلال")].iloc[0]
    assert row["count"] == 4  # قوات الاحتلال ×2, الاحتلال ×2 (once as وإن الاحتلال)


def test_boilerplate_is_left_out_of_distinctive_words():
    footer_text = "الاحتلال دمر الحقول"
    footer = spans(span(CORPUS, "r1", footer_text, "boilerplate", "footer"))
    table = distinctive_words(CORPUS, footer, n=20, min_count=1)
    row = table[(table["outlet"] == "صوت المعارضة") & (table["word"] == "الاحتلال")].iloc[0]
    assert row["count"] == 3
