"""Arabic text in matplotlib: one font setup and one label function for every version.

matplotlib 3.11+ lays text out with libraqm: it joins Arabic letters and orders
right-to-left runs itself, so a label must be passed as the logical string. Older
versions draw one glyph per character, left to right: a label must be reshaped
(:mod:`arabic_reshaper`: contextual presentation forms) and reordered
(:mod:`bidi`: visual order) first. Doing both — or neither — draws reversed or
unjoined text, and bidi control characters draw as boxes.

:func:`ar` decides with a capability probe, not a version number: it draws a short
Arabic phrase as written and as reshaped (presentation forms, logical order) into an
Agg canvas in the Arabic font. An engine that shapes and orders draws both the same
(the presentation forms are the shapes it would choose, and it orders both runs
right to left); one that does not draws isolated letters, left to right, for the
logical string — a different width and different ink. The answer is cached.
"""

from __future__ import annotations

import os
import textwrap
from functools import lru_cache
from pathlib import Path

import regex

__all__ = [
    "ARABIC_FAMILY",
    "FALLBACK_FAMILY",
    "ar",
    "arabic_font_path",
    "has_arabic",
    "is_shaped",
    "setup",
    "shaping_mode",
    "wrap_logical",
]

ARABIC_FAMILY = "Noto Sans Arabic"
FALLBACK_FAMILY = "DejaVu Sans"

#: Environment variable forcing the mode (``native`` or ``reshape``) when the probe
#: cannot run, e.g. a matplotlib backend without Agg.
MODE_VARIABLE = "NEWSLAB_ARABIC_SHAPING"

_RTL = regex.compile(r"[\p{Arabic}\u0590-\u08ff]")
_PRESENTATION = regex.compile(r"[\ufb50-\ufdff\ufe70-\ufefe]")
# Dotless letters only: fonts place dots by GPOS when shaping, slightly off the
# precomposed presentation-form glyphs, while the letter bodies are the same glyphs.
_PROBE_WORDS = ("محمد حلم", "حكم الدهر")


def arabic_font_path() -> Path:
    """The OFL Noto Sans Arabic font file shipped by the ``fontpkg-noto-sans-arabic`` package."""
    try:
        import fontpkg_noto_sans_arabic as font_package
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RuntimeError(
            "the Arabic font package is missing: pip install fontpkg-noto-sans-arabic"
        ) from exc
    root = Path(getattr(font_package, "ROOT", Path(font_package.__file__).parent))
    fonts = sorted(root.rglob("*.ttf")) + sorted(root.rglob("*.otf"))
    regular = [f for f in fonts if "italic" not in f.name.lower()]
    if not regular:
        raise RuntimeError(f"no font file found in {root}")
    return regular[0]


@lru_cache(maxsize=1)
def _register_font() -> str:
    from matplotlib import font_manager

    path = arabic_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def setup(*, size: float | None = None) -> list[str]:
    """Select the Arabic font (with a Latin/digit fallback) in matplotlib's rcParams.

    Registers Noto Sans Arabic from its pip package and sets ``font.family`` to
    ``[Noto Sans Arabic, DejaVu Sans]``: glyphs missing from the first font come from
    the second. Returns the family list. Safe to call repeatedly.
    """
    import matplotlib as mpl

    family = [_register_font(), FALLBACK_FAMILY]
    mpl.rcParams["font.family"] = family
    mpl.rcParams["axes.unicode_minus"] = False  # U+2212 is absent from some Arabic fonts
    if size is not None:
        mpl.rcParams["font.size"] = size
    return family


def has_arabic(text: str) -> bool:
    """True when ``text`` holds an Arabic (or other right-to-left) letter."""
    return bool(_RTL.search(text))


def is_shaped(text: str) -> bool:
    """True when ``text`` already holds Arabic presentation forms (reshaped for drawing)."""
    return bool(_PRESENTATION.search(text))


@lru_cache(maxsize=1)
def shaping_mode() -> str:
    """``"native"`` when matplotlib shapes Arabic itself, else ``"reshape"`` (cached).

    ``NEWSLAB_ARABIC_SHAPING=native|reshape`` overrides the probe.
    """
    forced = os.environ.get(MODE_VARIABLE, "").strip().lower()
    if forced in ("native", "reshape"):
        return forced
    if forced:
        raise ValueError(f"{MODE_VARIABLE} must be 'native' or 'reshape', got {forced!r}")
    import arabic_reshaper

    same = all(_same_ink(_ink(w), _ink(arabic_reshaper.reshape(w))) for w in _PROBE_WORDS)
    return "native" if same else "reshape"


def _ink(text: str):
    """Binary ink mask of ``text`` drawn alone on an Agg canvas in the Arabic font."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    figure = Figure(figsize=(4, 1), dpi=100)
    canvas = FigureCanvasAgg(figure)
    font = FontProperties(fname=str(arabic_font_path()), size=28)
    figure.text(0.5, 0.5, text, fontproperties=font, ha="center", va="center")
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=-1) < 128
    rows, cols = np.nonzero(pixels)
    if not len(rows):
        return pixels[:0, :0]
    return pixels[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def _same_ink(a, b, tolerance: float = 0.1) -> bool:
    """Same box size (within 2 px) and, at the best shift of up to one pixel, at most
    ``tolerance`` of the ink differs (hinting moves glyphs by sub-pixel amounts)."""
    import numpy as np

    if a.size == 0 or b.size == 0:
        return False
    if abs(a.shape[0] - b.shape[0]) > 2 or abs(a.shape[1] - b.shape[1]) > 2:
        return False
    h, w = max(a.shape[0], b.shape[0]) + 2, max(a.shape[1], b.shape[1]) + 2
    canvas_a = np.zeros((h, w), dtype=bool)
    canvas_a[1 : 1 + a.shape[0], 1 : 1 + a.shape[1]] = a
    ink = max(1, int(a.sum() + b.sum()) // 2)
    best = None
    for dy in range(3):
        for dx in range(3):
            canvas_b = np.zeros((h, w), dtype=bool)
            canvas_b[dy : dy + b.shape[0], dx : dx + b.shape[1]] = b
            diff = int(np.logical_xor(canvas_a, canvas_b).sum())
            best = diff if best is None else min(best, diff)
    return best <= tolerance * ink


def wrap_logical(text: str, width: int | None) -> str:
    """Wrap each line of the logical string at ``width`` characters, on spaces only."""
    if not width:
        return text
    lines = []
    for line in text.split("\n"):
        lines.extend(
            textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return "\n".join(lines)


def ar(text: str, width: int | None = None) -> str:
    """The string to hand to matplotlib so the logical Arabic ``text`` draws correctly.

    On a matplotlib that shapes text (3.11+) this is the logical string itself; on
    older ones each line is reshaped and put in visual order. ``width`` wraps long
    labels (on the logical text, before shaping). Idempotent: a string already
    processed by :func:`ar` (it holds presentation forms) is returned unchanged, so
    labels are never shaped twice. Non-Arabic text is only wrapped.
    """
    if not isinstance(text, str):
        text = str(text)
    if is_shaped(text):
        return text
    text = wrap_logical(text, width)
    if not has_arabic(text) or shaping_mode() == "native":
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))
