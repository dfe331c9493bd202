"""Comparing outlets: tidy tables (and a graph) built from a corpus and its spans table.

Every function takes the corpus (a :class:`~newslab.Corpus`, an iterable of articles,
or a DataFrame with ``id``, ``text`` and optionally ``source``/``published``) and the
spans table of :func:`newslab.annotate`, and returns a pandas DataFrame::

    spans = newslab.annotate(corpus)
    mentions_by_outlet(corpus, spans)      # entity x outlet, per 1,000 words
    name_variants(corpus, spans)           # canonical name -> written forms by outlet
    find_reuse(corpus, spans)              # near-duplicate passages, with offsets
    reuse_matrix(corpus, find_reuse(...))  # share of each outlet's text found in another
    shared_quotes(corpus, spans)           # one quotation carried by several outlets
    timeline(corpus, spans)                # dated mentions, sorted, events grouped
    framing_terms(corpus, spans)           # lexicon categories per outlet
    distinctive_words(corpus, spans)       # log-odds words per outlet
    cooccurrence_graph(corpus, spans)      # networkx graph of entities named together
"""

from newslab.analysis.cooccurrence import cooccurrence_edges, cooccurrence_graph
from newslab.analysis.framing import distinctive_words, framing_terms, naming_choices
from newslab.analysis.inputs import articles_frame
from newslab.analysis.mentions import mentions_by_outlet, top_entities, word_counts
from newslab.analysis.quotes import quote_similarity, shared_quotes, word_diff
from newslab.analysis.reuse import find_reuse, reuse_matrix
from newslab.analysis.timeline import parse_date_value, timeline
from newslab.analysis.variants import name_form, name_variants

__all__ = [
    "articles_frame",
    "cooccurrence_edges",
    "cooccurrence_graph",
    "distinctive_words",
    "find_reuse",
    "framing_terms",
    "mentions_by_outlet",
    "name_form",
    "name_variants",
    "naming_choices",
    "parse_date_value",
    "quote_similarity",
    "reuse_matrix",
    "shared_quotes",
    "timeline",
    "top_entities",
    "word_counts",
    "word_diff",
]
