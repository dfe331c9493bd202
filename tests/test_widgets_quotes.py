"""The quote browser: grouping across outlets and filters."""

from __future__ import annotations

import pytest

from newslab import Article, Corpus, Span, to_frame
from newslab.widgets import QuoteBrowser, group_quotes

Q1 = "هذا الاتفاق يفتح صفحة جديدة بين البلدين ويخدم الأجيال القادمة"
Q1_EDITED = "هذا الإتفاق يفتح صفحة جديدة بين البلدين و يخدم الأجيال القادمة"
Q2 = "لن نقبل بأي تأجيل جديد للمشروع"
HOSTILE = "<script>alert(1)</script>"


def quote(article: Article, text: str, speaker: str | None) -> Span:
    start = article.text.index(text)
    attrs = {"speaker": speaker, "speaker_canonical": speaker} if speaker else {}
    return Span(
        start,
        start + len(text),
        "quote",
        "",
        text,
        attrs,
        text=text,
        article=article.id,
        extractor="hand",
    )


@pytest.fixture
def data():
    a = Article("a", f"قال الوزير: «{Q1}». وأضاف: «{Q2}».", source="وكالة الشمال")
    b = Article("b", f"وصرح الوزير بأن «{Q1_EDITED}».", source="صحيفة الجنوب")
    c = Article("c", f"ونقل موقع عن مصدر: «{HOSTILE} كلام»", source="موقع الوسط")
    d = Article("d", f"وكرر: «{Q1}».", source="وكالة الشمال")
    corpus = Corpus([a, b, c, d])
    spans = to_frame(
        [
            quote(a, Q1, "سالم الحداد"),
            quote(a, Q2, "سالم الحداد"),
            quote(b, Q1_EDITED, "سالم الحداد"),
            quote(c, f"{HOSTILE} كلام", None),
            quote(d, Q1, "سالم الحداد"),
        ]
    )
    return corpus, spans


def test_group_quotes_joins_near_identical_wording(data):
    corpus, spans = data
    groups = group_quotes(corpus, spans)
    first = groups[groups["group"] == 1]
    assert sorted(first["article"]) == ["a", "b", "d"]
    assert set(first["source"]) == {"وكالة الشمال", "صحيفة الجنوب"}
    assert groups["group"].nunique() == 3
    assert groups.loc[groups["article"] == "c", "speaker"].item() == "(unattributed)"


def test_browser_shows_each_wording_with_its_outlets(data):
    corpus, spans = data
    browser = QuoteBrowser(corpus, spans)
    view = browser.view.value
    assert "<script>" not in view and "&lt;script&gt;alert(1)&lt;/script&gt; كلام" in view
    assert view.count('<blockquote class="nl-quote" dir="rtl" lang="ar">') == 4
    assert "(2 outlets, 3 quotes)" in view
    first_card = view.split('data-group="1"', 1)[1].split('data-group="2"', 1)[0]
    assert Q1 in first_card and Q1_EDITED in first_card
    assert "— وكالة الشمال" in first_card


@pytest.mark.parametrize(
    ("speaker", "min_outlets", "contains", "groups"),
    [
        ("سالم الحداد", 1, "", {1, 2}),
        ("(unattributed)", 1, "", {3}),
        (None, 2, "", {1}),
        (None, 1, "تاجيل", {2}),  # spelling-insensitive: تأجيل
        ("سالم الحداد", 1, "الجديدة", set()),
    ],
)
def test_filters(data, speaker, min_outlets, contains, groups):
    corpus, spans = data
    browser = QuoteBrowser(corpus, spans)
    if speaker:
        browser.speaker.value = speaker
    browser.min_outlets.value = min_outlets
    browser.search.value = contains
    assert set(browser.filtered()["group"]) == groups
    assert browser.to_html().count('class="nl-card"') == len(groups)
    if not groups:
        assert "No quotes match." in browser.view.value


def test_speaker_options_list_counts(data):
    corpus, spans = data
    browser = QuoteBrowser(corpus, spans)
    labels = [label for label, _ in browser.speaker.options]
    assert labels[0] == "All speakers (3 quotes)"
    assert "سالم الحداد (2)" in labels


def test_no_quotes(data):
    corpus, spans = data
    browser = QuoteBrowser(corpus, spans[spans["kind"] != "quote"])
    assert "No quotes match." in browser.view.value
