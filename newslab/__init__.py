"""newslab: analyse corpora of Arabic news in JupyterLab.

The public API, on one screen::

    corpus = newslab.load("articles/")          # or newslab.load_sample()
    spans = newslab.annotate(corpus)            # the spans table (pandas)
    newslab.load_plugins("plugins/")            # your own extractors
    scores = newslab.evaluate("gold/", spans)   # precision / recall / F1
"""

from newslab.annotate import ExtractionFailure, annotate, annotate_article, failures
from newslab.arabic import NormalizedText, normalize
from newslab.corpus import Article, Corpus, SkippedItem, iter_articles, load, load_sample
from newslab.errors import (
    CorpusError,
    ExtractorError,
    NewslabError,
    PluginError,
    SpanError,
)
from newslab.evaluate import Evaluation, evaluate
from newslab.extract import Context, Extractor, check_extractor
from newslab.hooks import hookimpl
from newslab.registry import Registry, default_registry, load_plugins
from newslab.spans import COLUMNS, Span, read_spans, to_frame, write_spans

__version__ = "0.1.0"

__all__ = [
    "COLUMNS",
    "Article",
    "Context",
    "Corpus",
    "CorpusError",
    "Evaluation",
    "ExtractionFailure",
    "Extractor",
    "ExtractorError",
    "NewslabError",
    "NormalizedText",
    "PluginError",
    "Registry",
    "SkippedItem",
    "Span",
    "SpanError",
    "annotate",
    "annotate_article",
    "check_extractor",
    "default_registry",
    "evaluate",
    "failures",
    "hookimpl",
    "iter_articles",
    "load",
    "load_plugins",
    "load_sample",
    "normalize",
    "read_spans",
    "to_frame",
    "write_spans",
]
