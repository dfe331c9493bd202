"""Arabic text core: offset-preserving normalisation, sentences, tokens and clitics."""

from newslab.arabic.normalize import DIACRITICS, INVISIBLES, NormalizedText, normalize

__all__ = ["DIACRITICS", "INVISIBLES", "NormalizedText", "normalize"]
