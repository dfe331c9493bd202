"""The reuse viewer and its passage finder."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from newslab import Article, Corpus
from newslab.widgets import ReuseViewer, pair_html, shared_passages
from newslab.widgets.reuse_viewer import reuse_pairs

SHARED = "وأكد المتحدث باسم الحكومة أن المفاوضات ستستأنف الأسبوع المقبل في العاصمة"
OTHER = "وأشار مصدر مطلع إلى أن الوفد الفني سيصل قبل نهاية الشهر لاستكمال الترتيبات"


@pytest.mark.parametrize(
    ("text_a", "text_b", "expected"),
    [
        # one paragraph copied with a different lead
        (f"خبر أول. {SHARED}.", f"مقدمة مختلفة تماما هنا. {SHARED}.", [SHARED]),
        # two paragraphs copied in the opposite order
        (f"{SHARED}.\n{OTHER}.", f"{OTHER}.\n{SHARED}.", [SHARED, OTHER]),
        # spelling noise (hamza, diacritics, tatweel) does not break a passage
        (
            f"بداية. {SHARED}",
            "بداية أخرى. " + SHARED.replace("أكد", "اكّد").replace("المفاوضات", "المفاوضـات"),
            [SHARED],
        ),
        # fewer than min_words shared words: nothing
        ("قال الوزير إن الأمر انتهى", "قال الوزير إن الأمر لم ينته", []),
        ("", SHARED, []),
    ],
)
def test_shared_passages(text_a, text_b, expected):
    found = shared_passages(text_a, text_b, min_words=6)
    assert sorted(text_a[p.start_a : p.end_a] for p in found) == sorted(expected)
    for p in found:
        assert re.sub(r"\W", "", text_b[p.start_b : p.end_b]) != ""
        assert p.words == len(text_a[p.start_a : p.end_a].split())


def test_repeated_phrase_is_matched_once_per_side():
    a = f"{SHARED}. {SHARED}."
    b = f"{SHARED}."
    found = shared_passages(a, b, min_words=6)
    assert len(found) == 1


@pytest.fixture
def corpus():
    return Corpus(
        [
            Article(
                "x1", f"افتتاحية <script>alert(1)</script>. {SHARED}. {OTHER}.", source="وكالة"
            ),
            Article("x2", f"{OTHER}. نص خاص بالصحيفة. {SHARED}.", source="صحيفة"),
            Article("x3", "خبر لا علاقة له بشيء آخر على الإطلاق.", source="موقع"),
        ]
    )


def test_viewer_from_article_level_table_finds_passages(corpus):
    table = pd.DataFrame({"article_a": ["x1"], "article_b": ["x2"], "score": [0.61]})
    viewer = ReuseViewer(corpus, table)
    assert viewer.pairs.value == ("x1", "x2")
    assert len(viewer.passages) == 2
    view = viewer.view.value
    assert "<script>" not in view and "&lt;script&gt;" in view
    assert view.count('class="nl-article" dir="rtl"') == 2
    # the same passage has the same colour on both sides
    styles = re.findall(
        r'data-span="(\d)" data-kind="reuse" data-label="#\d" style="([^"]+)"', view
    )
    by_number: dict[str, set[str]] = {}
    for number, style in styles:
        by_number.setdefault(number, set()).add(style)
    assert set(by_number) == {"1", "2"}
    assert all(len(s) == 1 for s in by_number.values())
    assert by_number["1"] != by_number["2"]
    assert [label.split(" · ")[0] for label, _ in viewer.passage_list.options] == ["#1", "#2"]
    assert "score 0.61" in viewer.pairs.options[0][0]


def test_viewer_uses_offsets_from_the_table(corpus):
    a, b = corpus["x1"].text, corpus["x2"].text
    table = pd.DataFrame(
        {
            "article_a": ["x2"],
            "article_b": ["x1"],
            "start_a": [b.index(OTHER)],
            "end_a": [b.index(OTHER) + len(OTHER)],
            "start_b": [a.index(OTHER)],
            "end_b": [a.index(OTHER) + len(OTHER)],
        }
    )
    viewer = ReuseViewer(corpus, table)
    viewer.show("x1", "x2")  # the reverse order of the table row
    assert len(viewer.passages) == 1
    p = viewer.passages[0]
    assert a[p.start_a : p.end_a] == OTHER and b[p.start_b : p.end_b] == OTHER


def test_selecting_a_passage_outlines_it_on_both_sides(corpus):
    viewer = ReuseViewer(corpus, pd.DataFrame({"article_a": ["x1"], "article_b": ["x2"]}))
    viewer.passage_list.value = 2
    view = viewer.view.value
    assert view.count('class="nl-mark nl-active" data-span="2"') == 2
    assert "passage #2" in view


def test_picking_articles_by_hand(corpus):
    viewer = ReuseViewer(corpus, None)
    assert viewer.pairs.options == ()
    viewer.show("x1", "x3")
    assert viewer.passages == []
    assert "No shared passage found." in viewer.view.value
    viewer.right.value = "x2"
    assert len(viewer.passages) == 2
    assert "2 shared passages" in viewer.to_html()


def test_reuse_pairs_needs_article_columns():
    with pytest.raises(ValueError, match="article_a/article_b"):
        reuse_pairs(pd.DataFrame({"first": ["a"], "second": ["b"]}))
    pairs = reuse_pairs(
        pd.DataFrame({"a": ["p", "p", "q"], "b": ["r", "r", "s"], "similarity": [0.2, 0.9, 0.5]})
    )
    assert pairs.values.tolist() == [["p", "r", 2, 0.9], ["q", "s", 1, 0.5]]


def test_pair_html_escapes_titles():
    a = Article("a", "نص", title="<img src=x onerror=alert(1)>")
    b = Article("b", "نص")
    out = pair_html(a, b, [])
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
