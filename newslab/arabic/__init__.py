"""Arabic text core: offset-preserving normalisation, sentences, tokens and clitics."""

from newslab.arabic.clitics import Clitics, fold, match_key, split_clitics, stem_variants
from newslab.arabic.normalize import (
    DIACRITICS,
    INVISIBLES,
    NormalizedText,
    folding_table,
    normalize,
)
from newslab.arabic.sentences import paragraphs, sentences
from newslab.arabic.tokens import Token, token_kind, tokens

__all__ = [
    "DIACRITICS",
    "INVISIBLES",
    "Clitics",
    "NormalizedText",
    "Token",
    "fold",
    "folding_table",
    "match_key",
    "normalize",
    "paragraphs",
    "sentences",
    "split_clitics",
    "stem_variants",
    "token_kind",
    "tokens",
]
