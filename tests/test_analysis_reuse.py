import random

import numpy as np
import pandas as pd
import pytest
from fixtures_analysis import corpus, span, spans

import newslab
from newslab.analysis import find_reuse, reuse_matrix
from newslab.analysis.lsh import (
    band_shape,
    candidate_pairs,
    shingles,
    signature_pairs,
    signatures,
    token_hashes,
)
from newslab.analysis.reuse import REUSE_COLUMNS, _PassageSets
from newslab.analysis.text import match_key, words

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


def test_containment_candidates_find_a_short_passage_inside_a_longer_one():
    long = [f"w{i}" for i in range(90)]
    short = long[30:60]
    items = [(0, set(long)), (1, set(short))]
    assert candidate_pairs(items, threshold=0.6, measure="containment") == {(0, 1)}
    assert candidate_pairs(items, threshold=0.6, measure="jaccard") == set()


def test_lsh_rejects_unknown_measure_and_bad_threshold():
    with pytest.raises(ValueError, match="containment, jaccard"):
        candidate_pairs([], measure="cosine")
    with pytest.raises(ValueError, match="threshold"):
        candidate_pairs([], threshold=0)


def _signature(tokens):
    return signatures(token_hashes(tokens), np.array([0]))[0]


def test_signature_ignores_order_and_repeats_and_is_stable():
    words = [f"w{i}" for i in range(50)]
    assert (_signature(words) == _signature(words[::-1] + words[:10])).all()
    assert _signature(["كلمة"]).dtype == np.uint32


@pytest.mark.parametrize(
    ("shared", "expected"), [(100, 1.0), (60, 60 / 140), (20, 20 / 180), (0, 0.0)]
)
def test_share_of_equal_signature_values_estimates_jaccard(shared, expected):
    a = [f"a{i}" for i in range(100)]
    b = a[:shared] + [f"b{i}" for i in range(100 - shared)]
    hashes = token_hashes(a + b)
    both = signatures(hashes, np.array([0, len(a)]), num_perm=256)
    assert (both[0] == both[1]).mean() == pytest.approx(expected, abs=0.1)


def test_signatures_of_many_sets_match_one_at_a_time():
    sets = [[f"t{i}" for i in range(k, 3 * k + 5)] for k in range(40)]
    flat = [t for tokens in sets for t in tokens]
    starts = np.cumsum([0] + [len(t) for t in sets[:-1]])
    together = signatures(token_hashes(flat), starts)
    assert all((together[k] == _signature(tokens)).all() for k, tokens in enumerate(sets))


def test_signatures_refuse_an_empty_set():
    with pytest.raises(ValueError, match="at least one token"):
        signatures(token_hashes(["a", "b"]), np.array([0, 2]))


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.6, 0.8])
def test_band_shape_proposes_pairs_above_the_threshold_and_few_below(threshold):
    bands, rows = band_shape(threshold, 128, 0.7)
    assert bands * rows <= 128

    def proposed(similarity):
        return 1 - (1 - similarity**rows) ** bands

    assert proposed(min(1.0, threshold + 0.15)) > 0.95
    assert proposed(threshold - 0.2) < 0.1


def test_signature_pairs_are_distinct_sorted_row_pairs():
    base = [f"w{i}" for i in range(30)]
    sets = [base, base[:28], base[2:], [f"z{i}" for i in range(30)], base]
    flat = [t for tokens in sets for t in tokens]
    starts = np.cumsum([0] + [len(t) for t in sets[:-1]])
    sizes = np.array([len(t) for t in sets])
    pairs = signature_pairs(signatures(token_hashes(flat), starts), sizes, threshold=0.8)
    assert pairs.tolist() == [[0, 1], [0, 2], [0, 4], [1, 2], [1, 4], [2, 4]]


# (earlier passage, later passage): near copies the search must find, whatever the
# size of the rest of the corpus, with the clitics, small edits and additions of news copy
FOUND = [
    (  # a lead paraphrased: a word dropped, two added
        "استقبل الرئيس التونسي قيس سعيد في قصر قرطاج وفدا من رجال الأعمال اليابانيين "
        "لبحث فرص الاستثمار في قطاع الطاقة المتجددة",
        "استقبل الرئيس قيس سعيد اليوم في قصر قرطاج وفدا من رجال الأعمال اليابانيين "
        "لبحث فرص الاستثمار في الطاقة المتجددة بالبلاد",
    ),
    (  # attached conjunction and preposition, a preposition moved
        "أكدت الحكومة أن المفاوضات مع صندوق النقد الدولي ستستأنف في الأسبوع المقبل "
        "بالعاصمة الأمريكية",
        "وأكدت الحكومة بأن المفاوضات مع صندوق النقد الدولي ستستأنف الأسبوع المقبل في "
        "العاصمة الأمريكية",
    ),
    (  # a statement inside a much longer sentence
        "قال المتحدث باسم الوزارة إن فرق الإنقاذ انتشلت جثث ثلاثة صيادين غرق قاربهم "
        "قبالة سواحل مدينة صفاقس",
        "وفي حصيلة أولية أعلنها مساء أمس بعد اجتماع طارئ لخلية الأزمة في الولاية، قال "
        "المتحدث باسم الوزارة إن فرق الإنقاذ انتشلت جثث ثلاثة صيادين غرق قاربهم قبالة "
        "سواحل صفاقس، فيما تتواصل عمليات البحث عن مفقودين آخرين وسط رياح قوية",
    ),
]
NOT_FOUND = [
    (  # one story, a shared phrase shorter than min_words
        "ارتفعت أسعار الخبز في أسواق العاصمة بنسبة عشرة بالمئة بعد قرار الحكومة رفع "
        "الدعم عن الطحين",
        "قررت الحكومة رفع الدعم عن الطحين تدريجيا خلال العام المقبل بحسب ما أعلنه وزير "
        "التجارة أمام البرلمان",
    ),
]


@pytest.mark.parametrize(("earlier", "later"), FOUND + NOT_FOUND)
def test_near_copies_between_two_outlets(earlier, later):
    pair = corpus(
        ("x", "أ", "2024-03-01", f"{earlier}."),
        ("y", "ب", "2024-03-02", f"مقدمة قصيرة عن الخبر.\n{later}."),
    )
    table = find_reuse(pair)
    if (earlier, later) in NOT_FOUND:
        assert table.empty
        return
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["article_a"], row["article_b"], row["first"]) == ("x", "y", "x")
    assert row["similarity"] >= 0.8 and row["coverage_a"] > 0.8
    assert pair["y"].text[row["start_b"] : row["end_b"]] == row["text_b"]
    assert row["text_b"].split()[-1] in later


def test_shingles_of_two_words_still_find_the_copy():
    rows = find_reuse(CORPUS, shingle_size=2, within_articles=False)
    assert list(zip(rows["article_a"], rows["article_b"], strict=True)) == [("agency", "paper")]


def test_nothing_to_compare_gives_an_empty_table_with_every_column():
    for empty in (corpus(), corpus(("x", "أ", "", "خبر قصير."), ("y", "ب", "", "خبر قصير."))):
        table = find_reuse(empty)
        assert table.empty and tuple(table.columns) == REUSE_COLUMNS


def _pseudo_words(r, count):
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    return ["".join(r.choice(letters) for _ in range(6)) for _ in range(count)]


def test_every_planted_copy_is_found_among_many_unrelated_paragraphs():
    r = random.Random(11)
    vocabulary = _pseudo_words(r, 3000)
    texts = [
        [" ".join(r.choices(vocabulary, k=r.randint(10, 60))) for _ in range(3)] for _ in range(160)
    ]
    planted = set()
    for k in range(40):
        source, target = 4 * k, 4 * k + 1 + r.randrange(3)
        copied = texts[source][0].split()
        for i in range(0, len(copied), 10):  # every tenth word changed
            copied[i] = r.choice(vocabulary)
        if k % 2:  # inside a paragraph up to twice as long
            copied = r.choices(vocabulary, k=r.randint(1, len(copied) // 2)) + copied
        texts[target][1] = " ".join(copied)
        planted.add((f"a{source:03d}", f"a{target:03d}"))
    many = corpus(*((f"a{i:03d}", "x", "", ".\n".join(t) + ".") for i, t in enumerate(texts)))
    table = find_reuse(many, levels=("paragraph",))
    assert set(zip(table["article_a"], table["article_b"], strict=True)) == planted


def test_words_in_a_large_share_of_passages_are_left_out_of_the_signatures():
    r = random.Random(3)
    vocabulary = _pseudo_words(r, 5000)
    common = "الحكومة"  # in every passage, like the subject of a one-story corpus
    texts = [f"{common} " + " ".join(r.choices(vocabulary, k=12)) for _ in range(300)]
    texts[0] = f"{common} {common} " + " ".join(vocabulary[:2])  # too little left: keeps all
    sets = _PassageSets.collect(texts, "paragraph", {}, 3, 1)
    hashes, _, sizes = sets.distinctive_sets()
    common_hash = token_hashes([match_key(words(common)[0])])[0] & ~np.uint64(1)
    assert common_hash in sets.tokens
    assert sizes[0] == 3 and common_hash in hashes[: sizes[0]]
    assert common_hash not in hashes[sizes[0] :]
    assert (sizes[1:] == sets.sizes[1:] - 1).all()


@pytest.mark.parametrize(
    ("article_a", "opening_a", "article_b", "opening_b"),
    [
        ("nabd-aggregator", "وقع رئيس وزراء قرطالة", "qna-signing", "وقّع رئيس الوزراء غسان"),
        ("sawt-islands", "الاتفاق الذي وقعه", "qna-parliament", "اتفاق مرسى زهران الذي"),
    ],
)
def test_sample_leads_rewritten_by_another_outlet_are_found(
    article_a, opening_a, article_b, opening_b
):
    # Two outlets' rewrites of one lead, at 0.80 and 0.83 similarity: an LSH index
    # fitted to the threshold alone used to miss them.
    sample = newslab.load_sample()
    table = find_reuse(sample)
    rows = table[(table["article_a"] == article_a) & (table["article_b"] == article_b)]
    rows = rows[rows["text_a"].str.startswith(opening_a)]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["text_b"].startswith(opening_b)
    assert sample[article_a].text.index(opening_a) == row["start_a"]
    assert 0.8 <= row["similarity"] < 0.85
