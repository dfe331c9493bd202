"""The explorer widget and the shared HTML helpers, driven without a browser."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab import Article, Corpus, Span, to_frame
from newslab.widgets import Explorer, article_html
from newslab.widgets.explorer import ALL_OUTLETS
from newslab.widgets.html import esc, frame_html, highlight, span_title

HOSTILE = "<script>alert(1)</script>"


def span_at(
    article: Article,
    surface: str,
    kind: str,
    label: str = "",
    value: str = "",
    attrs: dict | None = None,
    occurrence: int = 0,
) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(surface, start + 1)
    return Span(
        start,
        start + len(surface),
        kind,
        label,
        value,
        attrs,
        text=surface,
        article=article.id,
        extractor="hand",
    )


@pytest.fixture
def corpus_and_spans():
    a1 = Article(
        "a1",
        f"قال أحمد المرزوقي في الرباط إن {HOSTILE} «الاتفاق تاريخي».",
        source="وكالة الشرق",
        title="عنوان <b>أول</b>",
        published="2025-07-17",
    )
    a2 = Article(
        "a2",
        "وصل احمد المرزوقى إلى الرباط في 17 يوليو 2025 ومعه 2.4 مليار دولار.",
        source="صحيفة الغرب",
        title="عنوان ثان",
    )
    a3 = Article("a3", "لا أسماء في هذا الخبر.", source="صحيفة الغرب", title="خبر ثالث")
    corpus = Corpus([a1, a2, a3])
    spans = to_frame(
        [
            span_at(a1, "أحمد المرزوقي", "entity", "PER", "أحمد المرزوقي"),
            span_at(a1, "الرباط", "entity", "GPE", "الرباط"),
            span_at(
                a1,
                "الاتفاق تاريخي",
                "quote",
                "",
                "الاتفاق تاريخي",
                {"speaker": "المرزوقي", "speaker_canonical": "أحمد المرزوقي", "cue": "قال"},
            ),
            span_at(a2, "احمد المرزوقى", "entity", "PER", "أحمد المرزوقي"),
            span_at(a2, "الرباط", "entity", "GPE", "الرباط"),
            span_at(a2, "17 يوليو 2025", "date", "", "2025-07-17"),
            span_at(a2, "2.4 مليار دولار", "money", "", "2400000000", {"currency": "USD"}),
        ]
    )
    return corpus, spans


class TextOf(HTMLParser):
    """Collect the text content and check that tags are balanced."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("br", "meta"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.parts.append(data)


def text_of(fragment: str) -> str:
    parser = TextOf()
    parser.feed(fragment)
    parser.close()
    assert not parser.stack
    return "".join(parser.parts)


# ------------------------------------------------------------------ html helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HOSTILE, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"قال\" & 'رد'", "&quot;قال&quot; &amp; &#x27;رد&#x27;"),
        (None, ""),
        (float("nan"), ""),
        (12, "12"),
    ],
)
def test_esc(value, expected):
    assert esc(value) == expected


@pytest.mark.parametrize(
    ("text", "spans", "marked"),
    [
        # nested: a name inside a quote -> the name's mark sits inside the quote's
        ("قال إن أحمد وصل", [(7, 11, "entity"), (0, 15, "quote")], ["قال إن أحمد وصل", "أحمد"]),
        # crossing spans: the second is split where the first ends
        ("ألف باء جيم", [(0, 7, "entity"), (4, 11, "date")], ["ألف باء", "باء", " جيم"]),
        # identical offsets, two kinds
        ("مئة دولار", [(0, 9, "money"), (0, 9, "quantity")], ["مئة دولار", "مئة دولار"]),
        # out-of-range and empty spans are ignored
        ("نص", [(1, 1, "entity"), (5, 9, "entity")], []),
    ],
)
def test_highlight_layers_overlapping_spans(text, spans, marked):
    rows = [{"start": s, "end": e, "kind": k} for s, e, k in spans]
    out = highlight(text, rows)
    assert text_of(out) == text

    class Marks(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open: list[list[str]] = []
            self.done: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.open.append([])

        def handle_endtag(self, tag):
            self.done.append("".join(self.open.pop()))

        def handle_data(self, data):
            for level in self.open:
                level.append(data)

    parser = Marks()
    parser.feed(out)
    assert sorted(parser.done) == sorted(marked)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet="أبت <>&\"'\nجد", min_size=0, max_size=40),
    raw=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8),
)
def test_highlight_keeps_text_and_balances_tags(text, raw):
    rows = [
        {"start": min(a, b), "end": max(a, b), "kind": "entity", "label": "PER"} for a, b in raw
    ]
    out = highlight(text, rows)
    assert text_of(out) == text
    assert "<script" not in out


def test_span_title_gives_label_value_and_speaker():
    title = span_title(
        {
            "kind": "quote",
            "label": "",
            "value": "نص",
            "text": "نص",
            "extractor": "quotes",
            "attrs": {"speaker": "المرزوقي", "speaker_canonical": "أحمد المرزوقي", "cue": "قال"},
        },
        3,
    )
    assert title.splitlines()[0] == "#3 quote"
    assert "speaker: أحمد المرزوقي" in title
    assert "as written: المرزوقي" in title
    assert "cue: قال" in title
    date = span_title({"kind": "date", "value": "2025-07-17", "attrs": "{}"})
    assert "date: 2025-07-17" in date


@pytest.mark.parametrize(
    ("rows", "max_rows", "note"),
    [(4213, 50, "showing 50 of 4,213 rows"), (3, 50, "3 rows"), (1, 50, "1 row")],
)
def test_frame_html_truncates_with_count(rows, max_rows, note):
    frame = pd.DataFrame({"name": [HOSTILE] * rows, "n": range(rows)})
    out = frame_html(frame, max_rows=max_rows)
    assert note in out
    assert out.count("<tr>") == min(rows, max_rows) + 1
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'dir="rtl"' in out


# ------------------------------------------------------------------ explorer


def all_html(explorer: Explorer) -> str:
    return "".join(
        w.value for w in (explorer.text, explorer.table, explorer.variants, explorer.legend)
    )


def test_article_text_is_escaped_rtl_and_highlighted(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    assert explorer.article.value == "a1"
    shown = explorer.text.value
    assert "<script>" not in all_html(explorer)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "عنوان &lt;b&gt;أول&lt;/b&gt;" in shown
    assert '<div class="nl-article" dir="rtl" lang="ar">' in shown
    assert shown.count('class="nl-mark"') == 3
    assert 'title="#1 entity · PER\ncanonical: أحمد المرزوقي' in shown
    assert "speaker: أحمد المرزوقي" in html.unescape(shown)
    # the whole article text survives the markup
    body = shown.split('<div class="nl-article" dir="rtl" lang="ar">', 1)[1]
    assert text_of(body.rsplit("</div>", 2)[0]) == corpus["a1"].text


def test_tooltips_carry_normalised_dates_and_amounts(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.select_article("a2")
    shown = html.unescape(explorer.text.value)
    assert "date: 2025-07-17" in shown
    assert "amount: 2400000000" in shown
    assert "currency: USD" in shown


def test_table_lists_the_articles_spans(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.select_article("a2")
    table = explorer.table.value
    assert "4 rows" in table
    assert "17 يوليو 2025" in table and "currency: USD" in table
    assert next(label for label, _ in explorer.span_select.options).startswith("#1 entity·PER")


def test_selecting_a_span_outlines_it_and_filters_the_table(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.select_article("a2")
    explorer.span_select.value = 3
    assert explorer.text.value.count('class="nl-mark nl-active"') == 1
    assert '<mark class="nl-mark nl-active" data-span="3" data-kind="date"' in explorer.text.value
    assert "(#3)" in explorer.table.value and "الرباط" not in explorer.table.value


@pytest.mark.parametrize(
    ("kind_off", "label_off", "left"),
    [("quote", None, 2), ("entity", None, 1), (None, "PER", 2), (None, "GPE", 2), (None, None, 3)],
)
def test_toggles_hide_kinds_and_labels(corpus_and_spans, kind_off, label_off, left):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    if kind_off:
        explorer.kind_toggles[kind_off].value = False
    if label_off:
        explorer.label_toggles[label_off].value = False
    assert explorer.text.value.count('class="nl-mark"') == left
    assert len(explorer.visible_spans()) == left


def test_outlet_filters_articles(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.outlet.value = "صحيفة الغرب"
    assert [v for _, v in explorer.article.options] == ["a2", "a3"]
    assert explorer.article.value == "a2"
    assert "2.4 مليار دولار" in explorer.text.value
    explorer.outlet.value = ALL_OUTLETS
    assert len(explorer.article.options) == 3 and explorer.article.value == "a2"


@pytest.mark.parametrize("query", ["احمد", "أحمد", "المرزوقي", "المرزوقى", "مرزوق"])
def test_search_finds_entity_across_spellings_and_lists_articles(corpus_and_spans, query):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.search.value = query
    assert [v for _, v in explorer.entities.options] == ["أحمد المرزوقي"]
    assert explorer.entities.value == "أحمد المرزوقي"
    assert [v for _, v in explorer.hits.options] == ["a1", "a2"]
    variants = explorer.variants.value
    assert "أحمد المرزوقي" in variants and "احمد المرزوقى" in variants
    assert "وكالة الشرق" in variants and "صحيفة الغرب" in variants


def test_selecting_a_search_result_jumps_to_the_article(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.search.value = "الرباط"
    assert explorer.article.value == "a1"
    explorer.hits.value = "a2"
    assert explorer.article.value == "a2"
    assert "وصل" in explorer.text.value


def test_jump_switches_a_filtered_outlet(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.outlet.value = "صحيفة الغرب"
    explorer.search.value = "احمد"
    explorer.hits.value = "a1"
    assert explorer.outlet.value == "وكالة الشرق"
    assert explorer.article.value == "a1"


def test_search_without_match_clears_results(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.search.value = "احمد"
    explorer.search.value = "زيد"
    assert explorer.entities.options == () and explorer.hits.options == ()
    assert "Search a name" in explorer.variants.value


def test_variant_panel_counts_mentions_and_escapes():
    a = Article(
        "x", f"زار باريس ثم زار باريس وعاد إلى پاريس و{HOSTILE}باريس.", source="<i>outlet</i>"
    )
    spans = to_frame(
        [
            span_at(a, "باريس", "entity", "GPE", "باريس"),
            span_at(a, "باريس", "entity", "GPE", "باريس", occurrence=1),
            span_at(a, "پاريس", "entity", "GPE", "باريس"),
            span_at(a, f"{HOSTILE}باريس", "entity", "GPE", "باريس"),
        ]
    )
    explorer = Explorer(Corpus([a]), spans)
    explorer.search.value = "باريس"
    variants = explorer.variants.value
    assert "<script>" not in variants and "<i>" not in variants
    assert "&lt;i&gt;outlet&lt;/i&gt;" in variants
    assert '<td class="nl-short">باريس</td><td class="nl-num">2</td>' in variants
    assert variants.index(">باريس</td>") < variants.index(">پاريس</td>")
    assert "variant spellings — 3 rows" in variants


def test_explorer_without_spans_shows_text(corpus_and_spans):
    corpus, _ = corpus_and_spans
    explorer = Explorer(corpus, None)
    assert "&lt;script&gt;" in explorer.text.value
    assert explorer.kind_toggles == {}
    assert "(no rows)" in explorer.table.value


def test_spans_from_disk_with_json_attrs(corpus_and_spans, tmp_path):
    corpus, spans = corpus_and_spans
    from newslab import read_spans, write_spans

    path = write_spans(spans, tmp_path / "spans.csv")
    explorer = Explorer(corpus, read_spans(path))
    assert "speaker: أحمد المرزوقي" in html.unescape(explorer.text.value)


def test_to_html_and_mimebundle(corpus_and_spans):
    corpus, spans = corpus_and_spans
    explorer = Explorer(corpus, spans)
    explorer.search.value = "احمد"
    page = explorer.to_html()
    assert page.count("<style>") == 1
    assert "variant spellings" in page and 'dir="rtl"' in page
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_article_html_escapes_url_and_metadata():
    article = Article("id<1>", "نص", source='"src"', url='https://x.example/?a=1&b="2"')
    out = article_html(article)
    assert 'href="https://x.example/?a=1&amp;b=&quot;2&quot;"' in out
    assert "id&lt;1&gt;" in out and "&quot;src&quot;" in out


def test_explorer_rejects_empty_corpus():
    with pytest.raises(ValueError, match="at least one article"):
        Explorer(Corpus(), None)
