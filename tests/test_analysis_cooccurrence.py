import networkx as nx
import pytest
from fixtures_analysis import corpus, span, spans

from newslab.analysis import cooccurrence_edges, cooccurrence_graph

CORPUS = corpus(
    (
        "a",
        "الوكالة",
        "",
        "التقى ناصيف والخطيب في طرابلس. ثم زار ناصيف صيدا.\nوفي فقرة أخرى ذكرت صيدا وحدها.",
    ),
    ("b", "الصحيفة", "", "اجتمع ناصيف والخطيب مجددا."),
)
SPANS = spans(
    span(CORPUS, "a", "ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "a", "والخطيب", "entity", "PER", "هدى الخطيب"),
    span(CORPUS, "a", "طرابلس", "entity", "GPE", "طرابلس"),
    span(CORPUS, "a", "ناصيف", "entity", "PER", "سامر ناصيف", occurrence=1),
    span(CORPUS, "a", "صيدا", "entity", "GPE", "صيدا"),
    span(CORPUS, "a", "صيدا", "entity", "GPE", "صيدا", occurrence=1),
    span(CORPUS, "b", "ناصيف", "entity", "PER", "سامر ناصيف"),
    span(CORPUS, "b", "والخطيب", "entity", "PER", "هدى الخطيب"),
)


def _weights(table):
    return {(r.source, r.target): r.weight for r in table.itertuples()}


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (
            "sentence",
            {
                ("سامر ناصيف", "هدى الخطيب"): 2,
                ("سامر ناصيف", "طرابلس"): 1,
                ("طرابلس", "هدى الخطيب"): 1,
                ("سامر ناصيف", "صيدا"): 1,
            },
        ),
        (
            "paragraph",
            {
                ("سامر ناصيف", "هدى الخطيب"): 2,
                ("سامر ناصيف", "طرابلس"): 1,
                ("طرابلس", "هدى الخطيب"): 1,
                ("سامر ناصيف", "صيدا"): 1,
                ("صيدا", "طرابلس"): 1,
                ("صيدا", "هدى الخطيب"): 1,
            },
        ),
    ],
)
def test_edges_count_shared_windows(window, expected):
    assert _weights(cooccurrence_edges(CORPUS, SPANS, window=window)) == expected


def test_graph_nodes_and_edges_carry_attributes():
    graph = cooccurrence_graph(CORPUS, SPANS)
    assert isinstance(graph, nx.Graph)
    assert graph.nodes["سامر ناصيف"] == {"label": "PER", "mentions": 3, "articles": 2, "outlets": 2}
    assert graph.nodes["صيدا"]["mentions"] == 2
    edge = graph.edges["سامر ناصيف", "هدى الخطيب"]
    assert (edge["weight"], edge["articles"], edge["outlets"]) == (2, 2, 2)


def test_min_weight_and_bad_window():
    assert _weights(cooccurrence_edges(CORPUS, SPANS, min_weight=2)) == {
        ("سامر ناصيف", "هدى الخطيب"): 2
    }
    with pytest.raises(ValueError, match="sentence"):
        cooccurrence_edges(CORPUS, SPANS, window="page")
