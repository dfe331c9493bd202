"""Every plot draws its table, returns its Axes, and passes its Arabic through ``ar``."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from fixtures_analysis import corpus, span, spans

from newslab import analysis, viz
from newslab.viz import ar

QUOTE = "سنعيد بناء كل المدارس المتضررة قبل بداية العام الدراسي"
WIRE = (
    "أعلنت وزارة الزراعة أن محصول القمح هذا الموسم بلغ أربعة ملايين طن وهو أعلى رقم منذ عشر سنوات"
)
CORPUS = corpus(
    (
        "a",
        "الوكالة",
        "2024-09-01",
        f"قالت هدى الخطيب في طرابلس: «{QUOTE}».\n{WIRE}.\nوزار ناصيف صيدا في 17 يوليو 2024.",
    ),
    (
        "b",
        "الصحيفة اليومية",
        "2024-09-02",
        f"وأكدت الخطيب «{QUOTE}» أمام ناصيف.\nوفي الخبر {WIRE}.\nوزار ناصيف مدينة صيدا في 17 يوليو 2024.",
    ),
)
SPANS = spans(
    span(CORPUS, "a", "هدى الخطيب", "entity", "PER", "هدى الخطيب"),
    span(CORPUS, "a", "طرابلس", "entity", "GPE", "طرابلس"),
    span(CORPUS, "a", "ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "a", "صيدا", "entity", "GPE", "صيدا"),
    span(CORPUS, "b", "الخطيب", "entity", "PER", "هدى الخطيب"),
    span(CORPUS, "b", "ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "b", "ناصيف", "entity", "PER", "سامر ناصيف", occurrence=1),
    span(CORPUS, "a", QUOTE, "quote", "direct", QUOTE, attrs={"speaker_canonical": "هدى الخطيب"}),
    span(CORPUS, "b", QUOTE, "quote", "direct", QUOTE, attrs={"speaker_canonical": "هدى الخطيب"}),
    span(CORPUS, "a", "17 يوليو 2024", "date", "date", "2024-07-17"),
    span(CORPUS, "b", "17 يوليو 2024", "date", "date", "2024-07-17"),
    span(CORPUS, "a", "وزارة الزراعة", "lexicon", "official", "وزارة"),
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _texts(ax):
    found = [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels() + ax.texts]
    legend = ax.get_legend()
    if legend is not None:
        found += [t.get_text() for t in legend.get_texts()]
    return [*found, ax.get_title(), ax.get_xlabel()]


PLOTS = {
    "mentions": lambda: viz.plot_mentions(analysis.mentions_by_outlet(CORPUS, SPANS)),
    "reuse": lambda: viz.plot_reuse_matrix(
        analysis.reuse_matrix(CORPUS, analysis.find_reuse(CORPUS, SPANS))
    ),
    "timeline": lambda: viz.plot_timeline(analysis.timeline(CORPUS, SPANS)),
    "quotes": lambda: viz.plot_quote_carriers(analysis.shared_quotes(CORPUS, SPANS)),
    "framing": lambda: viz.plot_framing(analysis.framing_terms(CORPUS, SPANS)),
    "distinctive": lambda: viz.plot_distinctive_words(
        analysis.distinctive_words(CORPUS, min_count=1)
    ),
    "network": lambda: viz.plot_cooccurrence(analysis.cooccurrence_graph(CORPUS, SPANS)),
    "variants": lambda: viz.plot_name_variants(analysis.name_variants(CORPUS, SPANS)),
}


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_plot_returns_axes_and_every_arabic_string_went_through_ar(name):
    ax = PLOTS[name]()
    assert isinstance(ax, matplotlib.axes.Axes)
    ax.figure.canvas.draw()
    texts = [t for t in _texts(ax) if t]
    assert texts
    for text in texts:
        for line in text.split("\n"):
            assert ar(line) == line, f"{name}: {line!r} was not passed through ar()"


def test_plots_draw_on_a_given_axes():
    _, axes = plt.subplots(1, 2)
    assert viz.plot_mentions(analysis.mentions_by_outlet(CORPUS, SPANS), ax=axes[0]) is axes[0]
    assert viz.plot_cooccurrence(analysis.cooccurrence_graph(CORPUS, SPANS), ax=axes[1]) is axes[1]


def test_mention_bars_are_sorted_and_labelled_in_arabic():
    ax = viz.plot_mentions(analysis.mentions_by_outlet(CORPUS, SPANS), value="mentions")
    by_height = sorted(
        zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True)
    )
    assert by_height[-1][1] == ar("سامر ناصيف")  # most mentioned entity at the top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        ar("الصحيفة اليومية"),
        ar("الوكالة"),
    ]


def test_palette_is_okabe_ito():
    ax = viz.plot_mentions(analysis.mentions_by_outlet(CORPUS, SPANS))
    colors = {matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches}
    assert colors <= {c.lower() for c in viz.OKABE_ITO}


def test_timeline_labels_events_with_their_sentences():
    ax = viz.plot_timeline(analysis.timeline(CORPUS, SPANS))
    annotations = [t.get_text() for t in ax.texts]
    assert len(annotations) == 1  # one event, reported by two outlets
    assert ar("17 يوليو 2024 (2 منابر)") in annotations[0].split("\n")


def test_quote_carriers_mark_the_first_appearance():
    ax = viz.plot_quote_carriers(analysis.shared_quotes(CORPUS, SPANS))
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        ar("الوكالة"),
        ar("الصحيفة اليومية", width=14),
    ]


EMPTY = corpus(("x", "المنبر", "", "نص قصير لا يذكر أحدا."))
NO_SPANS = SPANS.iloc[0:0]
EMPTY_PLOTS = {
    "mentions": lambda: viz.plot_mentions(analysis.mentions_by_outlet(EMPTY, NO_SPANS)),
    "reuse": lambda: viz.plot_reuse_matrix(
        analysis.reuse_matrix(EMPTY, analysis.find_reuse(EMPTY))
    ),
    "timeline": lambda: viz.plot_timeline(analysis.timeline(EMPTY, NO_SPANS)),
    "quotes": lambda: viz.plot_quote_carriers(analysis.shared_quotes(EMPTY, NO_SPANS)),
    "framing": lambda: viz.plot_framing(analysis.framing_terms(EMPTY, NO_SPANS)),
    "distinctive": lambda: viz.plot_distinctive_words(analysis.distinctive_words(EMPTY)),
    "network": lambda: viz.plot_cooccurrence(analysis.cooccurrence_graph(EMPTY, NO_SPANS)),
    "variants": lambda: viz.plot_name_variants(analysis.name_variants(EMPTY, NO_SPANS)),
}


@pytest.mark.parametrize("name", sorted(EMPTY_PLOTS))
def test_tables_without_rows_draw_an_empty_plot(name):
    ax = EMPTY_PLOTS[name]()
    ax.figure.canvas.draw()
    assert isinstance(ax, matplotlib.axes.Axes)
