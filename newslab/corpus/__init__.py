"""Loading articles: files and tables in, :class:`Corpus` of :class:`Article` out."""

from newslab.corpus.article import Article, Corpus, SkippedItem
from newslab.corpus.encoding import decode_bytes
from newslab.corpus.loaders import iter_articles, load, load_sample, sample_path

__all__ = [
    "Article",
    "Corpus",
    "SkippedItem",
    "decode_bytes",
    "iter_articles",
    "load",
    "load_sample",
    "sample_path",
]
