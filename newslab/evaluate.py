"""``newslab.evaluate``: score a spans table against gold annotations.

A thin front for :mod:`newslab.evaluation`, where the gold reader, the matcher and
the :class:`Evaluation` result live::

    scores = newslab.evaluate("gold/", spans)
    scores.table            # kind, label, tp, fp, fn, precision, recall, f1
    scores.summary          # headline figures
    scores.errors("quote")  # what to look at next
"""

from newslab.evaluation import Evaluation, GoldError, evaluate, load_gold

__all__ = ["Evaluation", "GoldError", "evaluate", "load_gold"]
