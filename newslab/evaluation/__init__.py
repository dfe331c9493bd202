"""Scoring spans against gold annotations (see :func:`newslab.evaluate`)."""

from newslab.evaluation.gold import GoldError, GoldSet, load_gold
from newslab.evaluation.result import Evaluation, prf
from newslab.evaluation.scoring import ATTRIBUTE_SCORERS, DEFAULT_MERGED_LABELS, evaluate

__all__ = [
    "ATTRIBUTE_SCORERS",
    "DEFAULT_MERGED_LABELS",
    "Evaluation",
    "GoldError",
    "GoldSet",
    "evaluate",
    "load_gold",
    "prf",
]
