import datetime as dt

import pandas as pd
import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import parse_date_value, timeline

D = dt.date


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2022-07-19", D(2022, 7, 19), D(2022, 7, 19), "day"),
        ("2022-07", D(2022, 7, 1), D(2022, 7, 31), "month"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2020", D(2020, 1, 1), D(2020, 12, 31), "year"),
        ("1990s", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("199X", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("2022-W29", D(2022, 7, 18), D(2022, 7, 24), "week"),
        ("2022-09-12/2022-09-15", D(2022, 9, 12), D(2022, 9, 15), "range"),
        ("2021-07/2022", D(2021, 7, 1), D(2022, 12, 31), "range"),
        ("2022-06 (resolved from الشهر الماضي)", D(2022, 6, 1), D(2022, 6, 30), "month"),
    ],
)
def test_parse_date_value(value, start, end, precision):
    assert tuple(parse_date_value(value)) == (start, end, precision)


@pytest.mark.parametrize(
    "value", ["", "PRESENT_REF", "2022-13", "2022-02-30", "2022-W60", "2023/2021", "أمس"]
)
def test_values_that_are_not_dates(value):
    assert parse_date_value(value) is None


CORPUS = corpus(
    (
        "a",
        "الوكالة",
        "2024-10-02",
        "وقع البلدان اتفاق الغاز في 17 يوليو 2024 بعد مفاوضات طويلة. وكانت المحادثات بدأت عام 2021.\n"
        "وسيبدأ التنفيذ اليوم.",
    ),
    (
        "b",
        "الصحيفة",
        "2024-10-03",
        "ويذكر أن البلدين وقعا اتفاق الغاز في 17 تموز/يوليو 2024 بعد مفاوضات طويلة.",
    ),
    ("c", "المجلة", "2024-10-03", "احتفل النادي في 17 يوليو 2024 بعيد تأسيسه الخمسين."),
)
SPANS = spans(
    span(CORPUS, "a", "17 يوليو 2024", "date", "date", "2024-07-17"),
    span(CORPUS, "a", "عام 2021", "date", "year", "2021"),
    span(CORPUS, "a", "اليوم", "date", "relative", "PRESENT_REF"),
    span(CORPUS, "b", "17 تموز/يوليو 2024", "date", "date", "2024-07-17 (month pair)"),
    span(CORPUS, "c", "17 يوليو 2024", "date", "date", "2024-07-17"),
)


def test_sorted_by_date_with_sentences_and_unresolved_last():
    table = timeline(CORPUS, SPANS)
    assert list(table["text"]) == [
        "عام 2021",
        "17 يوليو 2024",
        "17 تموز/يوليو 2024",
        "17 يوليو 2024",
        "اليوم",
    ]
    assert list(table["article"]) == ["a", "a", "b", "c", "a"]
    assert table["sentence"].iloc[0] == "وكانت المحادثات بدأت عام 2021."
    assert table["sentence"].iloc[4] == "وسيبدأ التنفيذ اليوم."
    assert table["precision"].iloc[4] == "unresolved" and pd.isna(table["date_start"].iloc[4])
    assert table["date_start"].iloc[1] == pd.Timestamp("2024-07-17")


def test_the_same_event_across_outlets_is_grouped_and_another_event_that_day_is_not():
    table = timeline(CORPUS, SPANS).set_index(["article", "text"])
    signing_a = table.loc[("a", "17 يوليو 2024"), "event"]
    signing_b = table.loc[("b", "17 تموز/يوليو 2024"), "event"]
    anniversary = table.loc[("c", "17 يوليو 2024"), "event"]
    assert signing_a == signing_b != anniversary
    assert table.loc[("a", "17 يوليو 2024"), "n_outlets"] == 2
    assert table.loc[("c", "17 يوليو 2024"), "n_outlets"] == 1
    assert table["outlet"].tolist().count("الوكالة") == 3


def test_no_dates_no_rows():
    assert timeline(CORPUS, SPANS[SPANS["kind"] == "entity"]).empty
