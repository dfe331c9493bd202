import pandas as pd
import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import mentions_by_outlet, top_entities, word_counts
from newslab.analysis.text import words

CORPUS = corpus(
    (
        "a1",
        "الصباح",
        "2024-03-01",
        "زار الرئيس سامر ناصيف مدينة طرابلس. وقال ناصيف إن طرابلس آمنة.",
    ),
    ("a2", "الصباح", "2024-03-02", "عاد ناصيف إلى بيروت مساء أمس."),
    ("b1", "المساء", "2024-03-01", "التقى سامر ناصيف وزير الخارجية في بيروت يوم الأحد الماضي."),
)
SPANS = spans(
    span(CORPUS, "a1", "سامر ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "a1", "طرابلس", "entity", "GPE", "طرابلس"),
    span(CORPUS, "a1", "ناصيف", "entity", "PER", "سامر ناصيف", occurrence=1),
    span(CORPUS, "a1", "طرابلس", "entity", "GPE", "طرابلس", occurrence=1),
    span(CORPUS, "a2", "ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "a2", "بيروت", "entity", "GPE", "بيروت"),
    span(CORPUS, "b1", "سامر ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "b1", "بيروت", "entity", "LOC", "بيروت"),
    span(CORPUS, "b1", "يوم الأحد الماضي", "date", "", "2024-02-25"),
)


def test_word_counts_per_outlet_from_the_texts():
    counts = word_counts(CORPUS)
    assert counts["الصباح"] == 11 + 6
    assert counts["المساء"] == 10


@pytest.mark.parametrize(
    ("outlet", "entity", "mentions", "articles"),
    [
        ("الصباح", "سامر ناصيف", 3, 2),
        ("الصباح", "طرابلس", 2, 1),
        ("الصباح", "بيروت", 1, 1),
        ("المساء", "سامر ناصيف", 1, 1),
        ("المساء", "بيروت", 1, 1),
    ],
)
def test_mentions_per_canonical_entity_and_outlet(outlet, entity, mentions, articles):
    table = mentions_by_outlet(CORPUS, SPANS)
    row = table[(table["outlet"] == outlet) & (table["entity"] == entity)].iloc[0]
    assert row["mentions"] == mentions
    assert row["articles"] == articles
    assert row["per_1000_words"] == pytest.approx(1000 * mentions / word_counts(CORPUS)[outlet])


def test_only_entities_are_counted_and_rows_sorted_by_outlet_then_mentions():
    table = mentions_by_outlet(CORPUS, SPANS)
    assert len(table) == 5  # the date span is not an entity
    assert list(table["outlet"]) == ["الصباح"] * 3 + ["المساء"] * 2
    assert list(table[table["outlet"] == "الصباح"]["mentions"]) == [3, 2, 1]
    shares = table.groupby("outlet")["share"].sum()
    assert shares.tolist() == pytest.approx([1.0, 1.0])


def test_label_is_the_most_common_type():
    table = mentions_by_outlet(CORPUS, SPANS)
    # بيروت is GPE once and LOC once: ties break alphabetically, the same everywhere
    assert set(table.loc[table["entity"] == "بيروت", "label"]) == {"GPE"}


def test_labels_filter_and_top_entities():
    people = mentions_by_outlet(CORPUS, SPANS, labels=["PER"])
    assert set(people["entity"]) == {"سامر ناصيف"}
    top = top_entities(mentions_by_outlet(CORPUS, SPANS), n=1)
    assert dict(zip(top["outlet"], top["entity"], strict=True)) == {
        "الصباح": "سامر ناصيف",
        "المساء": "بيروت",  # tie at one mention: alphabetical
    }
    assert set(top["rank"]) == {1}


def test_spans_of_unknown_articles_are_an_error():
    bad = spans(span(CORPUS, "a1", "طرابلس", "entity", "GPE", "طرابلس")).assign(article="zz")
    with pytest.raises(ValueError, match="zz"):
        mentions_by_outlet(CORPUS, bad)


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="value"):
        mentions_by_outlet(CORPUS, SPANS.drop(columns=["value"]))


def test_a_dataframe_of_articles_works_like_a_corpus():
    frame = CORPUS.to_frame()
    assert mentions_by_outlet(frame, SPANS).equals(mentions_by_outlet(CORPUS, SPANS))


def test_article_without_source_is_its_own_outlet():
    lone = corpus(("x", "", "", "قال ناصيف كلمته."), ("y", "", "", "ثم غادر ناصيف."))
    table = mentions_by_outlet(
        lone,
        spans(
            span(lone, "x", "ناصيف", "entity", "PER", "سامر ناصيف"),
            span(lone, "y", "ناصيف", "entity", "PER", "سامر ناصيف"),
        ),
    )
    assert sorted(table["outlet"]) == ["x", "y"]


def test_empty_spans_give_an_empty_table():
    assert mentions_by_outlet(CORPUS, SPANS.iloc[0:0]).empty


def test_words_are_folded():
    assert words("أعلنَ الوزيرُ إنّ ٣ مشاريع") == ["اعلن", "الوزير", "ان", "3", "مشاريع"]
    assert isinstance(word_counts(CORPUS), pd.Series)
