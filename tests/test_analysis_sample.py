"""The analyses on the bundled sample corpus, against rows checked by hand.

The sample README documents what it exhibits: a paragraph the aggregator copied
from the state agency, a paragraph repeated inside the opposition outlet's article,
one quotation carried (trimmed, reworded) by two outlets, and name variants.
"""

import warnings

import pandas as pd
import pytest

import newslab
from newslab.analysis import find_reuse, name_variants, reuse_matrix, shared_quotes


@pytest.fixture(scope="module")
def sample():
    return newslab.load_sample()


@pytest.fixture(scope="module")
def sample_spans(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # failures are checked where needed
        return newslab.annotate(sample, progress=False)


def _reuse_row(table, article_a, article_b, opening=""):
    rows = table[(table["article_a"] == article_a) & (table["article_b"] == article_b)]
    rows = rows[rows["text_a"].str.startswith(opening)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def _paragraph(text, opening):
    start = text.index(opening)
    end = text.index("\n", start)
    return start, end


def test_aggregator_copy_found_verbatim_with_offsets(sample):
    table = find_reuse(sample)
    opening = "وينص الاتفاق على مد خط أنابيب"
    row = _reuse_row(table, "nabd-aggregator", "qna-signing", opening)
    start_a, end_a = _paragraph(sample["nabd-aggregator"].text, opening)
    start_b, _ = _paragraph(sample["qna-signing"].text, opening)
    # hand-checked: the whole paragraph, from وينص to المشروع (its final full stop is
    # not a word, so the aligned stretch ends just before it), in both articles
    assert (row["start_a"], row["end_a"]) == (188, 416) == (start_a, end_a - 1)
    assert (row["start_b"], row["end_b"]) == (426, 654) and start_b == 426
    assert row["text_a"] == row["text_b"] and row["similarity"] == 1.0
    assert pd.isna(row["first"])  # the aggregator has no publication date


def test_repeated_paragraph_inside_one_article(sample):
    row = _reuse_row(find_reuse(sample), "sawt-islands", "sawt-islands")
    text = sample["sawt-islands"].text
    assert (row["start_a"], row["start_b"]) == (265, 691)
    assert text[265:382] == text[691:808] == row["text_a"]
    assert (row["end_a"], row["end_b"]) == (382, 808)


def test_reuse_matrix_shows_the_aggregator_copying_the_agency(sample):
    matrix = reuse_matrix(sample, find_reuse(sample))
    assert matrix.loc["نبض الأخبار", "وكالة أنباء قرطالة"] > 0.2
    assert matrix.loc["صوت الجزر", "صوت الجزر"] > 0.2
    assert matrix.loc["بوابة الخليج"].sum() == 0


def test_shared_quote_grouped_across_its_two_outlets(sample, sample_spans):
    table = shared_quotes(sample, sample_spans)
    group = table[table["text"].str.contains("يفتح صفحة جديدة")]
    assert list(group["article"]) == ["qna-signing", "fajr-levant"]
    assert list(group["first"]) == [True, False]
    assert group["quote_id"].nunique() == 1
    assert "[-لأبنائنا-]" in group.iloc[1]["diff"]


def test_variant_spellings_sit_under_one_canonical(sample, sample_spans):
    table = name_variants(sample, sample_spans)
    marzouqi = table[table["entity"] == "غسان المرزوقي"]
    assert {"غسان المرزوقي", "غسان المزروقي"} <= set(marzouqi["form"])
    transposed = marzouqi[marzouqi["form"] == "غسان المزروقي"]
    assert list(transposed["outlet"]) == ["صوت الجزر"] and transposed["exclusive"].all()
    # the opposition MP with the same surname is another person
    assert "خالد المرزوقي" not in set(marzouqi["form"])
