"""Month, weekday and Hijri names: CLDR (via Babel) for every Arabic locale, plus variants."""

from __future__ import annotations

import pytest
from babel import Locale

from newslab.extract.calendars import (
    WEEKDAYS,
    arabic_locales,
    hijri_month_names,
    latin_month_names,
    month_names,
    month_system,
    norm,
)


def test_every_arabic_locale_is_read() -> None:
    locales = arabic_locales()
    assert {"ar", "ar_EG", "ar_LB", "ar_MA", "ar_DZ", "ar_TN", "ar_IQ"} <= set(locales)
    assert not any(x.startswith("arn") for x in locales)  # Mapuche is not Arabic


@pytest.mark.parametrize("locale", arabic_locales())
def test_cldr_month_names_of_each_locale_are_known(locale: str) -> None:
    names = month_names()
    for context in ("format", "stand-alone"):
        for number, name in Locale.parse(locale).months[context]["wide"].items():
            assert names[norm(name)] == number, (locale, name)


@pytest.mark.parametrize(
    ("name", "number", "system"),
    [
        ("يناير", 1, "standard"),
        ("كانون الثاني", 1, "levantine"),
        ("جانفي", 1, "algerian_tunisian"),
        ("كانون ثاني", 1, "levantine"),
        ("فيفري", 2, "algerian_tunisian"),
        ("شباط", 2, "levantine"),
        ("آذار", 3, "levantine"),
        ("إبريل", 4, "standard"),
        ("ابريل", 4, "standard"),
        ("أفريل", 4, "algerian_tunisian"),
        ("ماي", 5, "maghrebi"),
        ("يونيه", 6, "standard"),
        ("جوان", 6, "algerian_tunisian"),
        ("يوليوز", 7, "moroccan"),
        ("يوليه", 7, "standard"),
        ("جويلية", 7, "algerian_tunisian"),
        ("تموز", 7, "levantine"),
        ("اغسطس", 8, "standard"),
        ("غشت", 8, "moroccan"),
        ("أوت", 8, "algerian_tunisian"),
        ("آب", 8, "levantine"),
        ("سپتمبر", 9, "standard"),
        ("شتنبر", 9, "moroccan"),
        ("أيلول", 9, "levantine"),
        ("تشرين الأول", 10, "levantine"),
        ("نونبر", 11, "moroccan"),
        ("دجنبر", 12, "moroccan"),
        ("كانون الأول", 12, "levantine"),
        ("ديسمبر", 12, "standard"),
    ],
)
def test_month_name_variants(name: str, number: int, system: str) -> None:
    assert month_names()[norm(name)] == number
    assert month_system(norm(name)) == system


def test_names_are_normalised_like_article_text() -> None:
    assert "اغسطس" in month_names() and "أغسطس" not in month_names()
    assert norm("  كانون   الأول ") == "كانون الاول"


def test_weekdays_cover_the_week() -> None:
    assert sorted(WEEKDAYS) == list(range(7))
    assert "الاثنين" in WEEKDAYS[0] and "الجمعة" in WEEKDAYS[4] and "الجمعه" in WEEKDAYS[4]


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("محرم", 1),
        ("ربيع الأول", 3),
        ("ربيع الآخر", 4),
        ("جمادى الأولى", 5),
        ("رمضان", 9),
        ("شوال", 10),
        ("ذو القعدة", 11),
        ("ذي الحجة", 12),
        ("ذو الحجه", 12),
    ],
)
def test_hijri_month_names(name: str, number: int) -> None:
    assert hijri_month_names()[norm(name)] == number


def test_latin_month_names() -> None:
    names = latin_month_names()
    assert names["july"] == names["jul"] == names["juillet"] == 7
    assert names["sept"] == names["september"] == 9
