import pandas as pd
import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import find_reuse, reuse_matrix
from newslab.analysis.lsh import candidate_pairs, shingles

WIRE = (
    "أعلنت وزارة الزراعة أن محصول القمح هذا الموسم بلغ أربعة ملايين طن، "
    "وهو أعلى رقم تسجله البلاد منذ عشر سنوات بفضل الأمطار الغزيرة"
)
EDITED = (
    "وأعلنت وزارة الزراعة أن محصول القمح في هذا الموسم بلغ أربعة ملايين طن، "
    "وهو أعلى رقم تسجله البلاد منذ عشر سنوات بفضل الأمطار"
)
REPEATED = (
    "ويطالب المزارعون منذ سنوات بتحديث شبكات الري في السهول الشرقية قبل حلول فصل الصيف المقبل"
)
AGENCY = f"مقدمة عن الطقس في العاصمة صباح اليوم.\n{WIRE}.\nوقال خبير إن الأسعار ستنخفض.\n{REPEATED}.\nتفاصيل أخرى عن السوق.\n{REPEATED}."
PAPER = f"في خبر اقتصادي لافت، قالت مصادر رسمية ما يلي.\nوفي تفاصيل الخبر {EDITED}، حسب البيان.\nنهاية الخبر."
OTHER = (
    "افتتح المهرجان السينمائي دورته الجديدة بعرض فيلم وثائقي عن البحر والصيادين في المدينة القديمة."
)
CORPUS = corpus(
    ("paper", "الجريدة", "2024-06-02", PAPER),
    ("agency", "الوكالة", "2024-06-01", AGENCY),
    ("other", "المهرجان", "2024-06-01", OTHER),
)


def test_copied_passage_found_with_offsets_in_both_texts_and_who_was_first():
    table = find_reuse(CORPUS)
    rows = table[~table["same_article"]]
    assert len(rows) == 1
    row = rows.iloc[0]
    # side a is the earlier article
    assert (row["article_a"], row["article_b"], row["first"]) == ("agency", "paper", "agency")
    start_a = AGENCY.index(WIRE)
    assert (row["start_a"], row["end_a"]) == (start_a, start_a + len(WIRE) - len(" الغزيرة"))
    # the shared stretch in the paper starts at أعلنت inside وأعلنت and ends at الأمطار
    start_b = PAPER.index(EDITED)
    assert (row["start_b"], row["end_b"]) == (start_b, start_b + len(EDITED))
    assert CORPUS["agency"].text[row["start_a"] : row["end_a"]] == row["text_a"]
    assert CORPUS["paper"].text[row["start_b"] : row["end_b"]] == row["text_b"]
    assert 0.9 < row["similarity"] < 1.0
    assert row["outlet_a"] == "الوكالة" and row["outlet_b"] == "الجريدة"


def test_paragraph_repeated_inside_an_article():
    table = find_reuse(CORPUS)
    rows = table[table["same_article"]]
    assert len(rows) == 1
    row = rows.iloc[0]
    first = AGENCY.index(REPEATED)
    second = AGENCY.index(REPEATED, first + 1)
    assert (row["article_a"], row["article_b"]) == ("agency", "agency")
    assert (row["start_a"], row["end_a"], row["start_b"], row["end_b"]) == (
        first,
        first + len(REPEATED),
        second,
        second + len(REPEATED),
    )
    assert row["similarity"] == 1.0 and row["level"] == "paragraph"
    assert pd.isna(row["first"])


def test_within_articles_can_be_switched_off():
    assert not find_reuse(CORPUS, within_articles=False)["same_article"].any()


def test_boilerplate_spans_are_ignored():
    second = AGENCY.index(REPEATED, AGENCY.index(REPEATED) + 1)
    footer = spans(span(CORPUS, "agency", AGENCY[second:], "boilerplate", "footer"))
    table = find_reuse(CORPUS, footer)
    assert not table["same_article"].any()
    assert len(find_reuse(CORPUS, footer, ignore_boilerplate=False)) == 2


def test_unrelated_and_short_passages_are_not_reuse():
    pair = corpus(
        ("x", "أ", "", "قال الوزير إن الحكومة ستدعم المزارعين هذا العام بقروض ميسرة."),
        ("y", "ب", "", "قال الوزير إن المنتخب سيلعب مباراتين وديتين هذا الشهر في الخارج."),
    )
    assert find_reuse(pair).empty


def test_without_dates_first_is_unknown_and_corpus_order_decides_sides():
    undated = corpus(("p", "الجريدة", "", PAPER), ("q", "الوكالة", "", AGENCY))
    row = find_reuse(undated, within_articles=False).iloc[0]
    assert (row["article_a"], row["article_b"]) == ("p", "q")
    assert pd.isna(row["first"])


def test_reuse_matrix_is_the_share_of_text_found_elsewhere():
    table = find_reuse(CORPUS)
    matrix = reuse_matrix(CORPUS, table)
    cross = table[~table["same_article"]].iloc[0]
    assert matrix.loc["الجريدة", "الوكالة"] == pytest.approx(
        (cross["end_b"] - cross["start_b"]) / len(PAPER)
    )
    assert matrix.loc["الوكالة", "الجريدة"] == pytest.approx(
        (cross["end_a"] - cross["start_a"]) / len(AGENCY)
    )
    assert matrix.loc["الوكالة", "الوكالة"] == pytest.approx(2 * len(REPEATED) / len(AGENCY))
    assert matrix.loc["المهرجان"].sum() == 0
    by_article = reuse_matrix(CORPUS, table, by="article")
    assert list(by_article.index) == ["paper", "agency", "other"]


def test_reuse_matrix_rejects_tables_from_another_corpus():
    with pytest.raises(ValueError, match="find_reuse"):
        reuse_matrix(CORPUS, pd.DataFrame({"x": [1]}))


def test_unknown_level_is_an_error():
    with pytest.raises(ValueError, match="paragraph, sentence"):
        find_reuse(CORPUS, levels=("chapter",))


@pytest.mark.parametrize("measure", ["containment", "jaccard"])
def test_lsh_candidates_find_similar_sets_and_skip_unrelated(measure):
    base = [f"w{i}" for i in range(40)]
    near = [*base[:36], "x1", "x2", "x3", "x4"]
    far = [f"z{i}" for i in range(40)]
    items = [(0, shingles(base, 1)), (1, shingles(near, 1)), (2, shingles(far, 1)), (3, set())]
    assert candidate_pairs(items, threshold=0.6, measure=measure) == {(0, 1)}


def test_containment_candidates_find_a_short_passage_inside_a_long_one():
    long = [f"w{i}" for i in range(200)]
    short = long[50:70]
    pairs = candidate_pairs([(0, set(long)), (1, set(short))], threshold=0.6, measure="containment")
    jaccard = candidate_pairs([(0, set(long)), (1, set(short))], threshold=0.6, measure="jaccard")
    assert pairs == {(0, 1)} and jaccard == set()
