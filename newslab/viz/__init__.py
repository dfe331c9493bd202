"""Plots of the analysis tables, with Arabic drawn correctly on every matplotlib.

``ar(text)`` gives the string to hand to matplotlib for a logical Arabic string;
``setup()`` selects the Arabic font. Every plot function takes an analysis table
(see :mod:`newslab.analysis`), draws on ``ax`` (a new figure when ``None``), passes
every Arabic string through :func:`ar` itself, and returns the Axes.
"""

from newslab.viz.framing import plot_distinctive_words, plot_framing
from newslab.viz.labels import ar, arabic_font_path, setup, shaping_mode
from newslab.viz.mentions import plot_mentions
from newslab.viz.network import plot_cooccurrence
from newslab.viz.quotes import plot_quote_carriers
from newslab.viz.reuse import plot_reuse_matrix
from newslab.viz.style import OKABE_ITO
from newslab.viz.timeline import plot_timeline
from newslab.viz.variants import plot_name_variants

__all__ = [
    "OKABE_ITO",
    "ar",
    "arabic_font_path",
    "plot_cooccurrence",
    "plot_distinctive_words",
    "plot_framing",
    "plot_mentions",
    "plot_name_variants",
    "plot_quote_carriers",
    "plot_reuse_matrix",
    "plot_timeline",
    "setup",
    "shaping_mode",
]
