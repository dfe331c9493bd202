import pandas as pd
import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import quote_similarity, shared_quotes, word_diff

ORIGINAL = "سنعيد بناء كل المدارس المتضررة قبل بداية العام الدراسي، ولن نترك أي طفل خارج الصف"
TRIMMED = "سنعيد بناء كل المدارس المتضررة قبل بداية العام الدراسي"
REWORDED = "سنعيد بناء جميع المدارس المتضررة قبل بداية السنة الدراسية ولن نترك أي طفل خارج الصف"
OTHER = "الميزانية الجديدة تخصص مبالغ إضافية للمستشفيات في الأرياف والقرى البعيدة"

CORPUS = corpus(
    ("late", "المساء", "2024-09-03", f"وقالت الوزيرة: «{REWORDED}». كما أضافت: «{OTHER}»."),
    ("early", "الوكالة", "2024-09-01", f"قالت وزيرة التربية هدى الخطيب: “{ORIGINAL}”."),
    ("mid", "الصباح", "2024-09-02", f'وأكدت الخطيب "{TRIMMED}" في مؤتمر صحفي.'),
    ("solo", "الفجر", "2024-09-02", "قال المدرب: «سنلعب للفوز في كل مباراة متبقية من الموسم»."),
)


def _quote(article, text, speaker="هدى الخطيب"):
    return span(
        CORPUS,
        article,
        text,
        "quote",
        "direct",
        text,
        attrs={"speaker": "الوزيرة", "speaker_canonical": speaker},
    )


SPANS = spans(
    _quote("late", REWORDED),
    _quote("late", OTHER),
    _quote("early", ORIGINAL),
    _quote("mid", TRIMMED),
    _quote("solo", "سنلعب للفوز في كل مباراة متبقية من الموسم", speaker="المدرب"),
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (ORIGINAL, TRIMMED, True),
        (ORIGINAL, REWORDED, True),
        (TRIMMED, REWORDED, True),
        (ORIGINAL, OTHER, False),
        ("نعم", "نعم", False),  # too short to call a shared quotation
    ],
)
def test_quote_similarity_tolerates_trimming_and_rewording(a, b, same):
    assert (quote_similarity(a, b) >= 75) is same


def test_one_quotation_grouped_across_three_outlets_first_appearance_by_date():
    table = shared_quotes(CORPUS, SPANS)
    assert set(table["quote_id"]) == {1}
    assert list(table["article"]) == ["early", "mid", "late"]
    assert list(table["first"]) == [True, False, False]
    assert set(table["speaker"]) == {"هدى الخطيب"}
    assert set(table["n_outlets"]) == {3}
    assert table["outlets"].iloc[0] == ("الوكالة", "الصباح", "المساء")
    early = table.iloc[0]
    assert CORPUS["early"].text[early["start"] : early["end"]] == ORIGINAL


def test_wording_differences_are_a_readable_word_diff():
    table = shared_quotes(CORPUS, SPANS).set_index("article")
    assert table.at["early", "diff"] == ""
    assert "[-ولن نترك أي طفل خارج الصف-]" in table.at["mid", "diff"]
    assert "[-كل-] {+جميع+}" in table.at["late", "diff"]
    assert "[-العام الدراسي،-] {+السنة الدراسية+}" in table.at["late", "diff"]


def test_word_diff_ignores_spelling_noise():
    assert word_diff("قالَ إنّ الأمر انتهى", "قال ان الامر انتهى") == "قال ان الامر انتهى"


def test_quotes_of_one_outlet_only_are_kept_on_request():
    table = shared_quotes(CORPUS, SPANS, shared_only=False)
    assert table["quote_id"].nunique() == 3
    solo = table[table["article"] == "solo"].iloc[0]
    assert solo["n_outlets"] == 1 and bool(solo["first"])


def test_no_quotes_no_rows():
    assert shared_quotes(CORPUS, SPANS[SPANS["kind"] == "entity"]).empty
    assert isinstance(shared_quotes(CORPUS, None), pd.DataFrame)
