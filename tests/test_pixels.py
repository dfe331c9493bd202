"""Arabic labels drawn by matplotlib, checked against a real shaping engine, by pixels.

Each label goes through a label function and is drawn by matplotlib (Agg, Noto Sans
Arabic from its pip package, fixed size and dpi). The reference is the same logical
string drawn by Pillow with libraqm (HarfBuzz shaping + FriBiDi ordering) in the same
font file. Both images are cropped to their ink, scaled to one size and compared by
the correlation of their ink; the widths must agree too. A reversed, unjoined or
misordered rendering correlates poorly.

The suite proves it discriminates: besides :func:`newslab.viz.ar`, it draws every
label with the two classic mistakes — the raw string (wrong where matplotlib does not
shape) and ``get_display(reshape(s))`` (wrong where it does) — and asserts that
exactly the wrong one is rejected on the running matplotlib.
"""

from __future__ import annotations

import arabic_reshaper
import numpy as np
import pytest
from bidi.algorithm import get_display

pytest.importorskip("matplotlib")
PIL = pytest.importorskip("PIL")
from PIL import Image, ImageDraw, ImageFont, features  # noqa: E402

from newslab.viz import labels  # noqa: E402

pytestmark = pytest.mark.pixels

if not features.check("raqm"):
    pytest.skip(
        "Pillow is built without libraqm: no reference shaping engine", allow_module_level=True
    )

FONT = labels.arabic_font_path()
POINTS = 28
DPI = 100
PIXELS = round(POINTS * DPI / 72)
SHAPE = (40, 240)  # rows, columns after scaling
MIN_CORRELATION = 0.75
MAX_WIDTH_RATIO = 1.15

LABELS = [
    "لا للحرب",  # lam-alef ligature inside a phrase
    "الإسلام",  # lam-alef with hamza below
    "عام 2022",  # digits inside a right-to-left line
    "وكالة Reuters",  # a Latin run
    "قال الوزير في بيان",  # several joined words
    "قال: «نعم للحوار» (2022)",  # mirrored guillemets and parentheses, digits
    "الوزير (وكالة Reuters) قال",  # a Latin run inside brackets mid-sentence
]


def _crop(mask: np.ndarray) -> np.ndarray:
    rows, cols = np.nonzero(mask)
    assert len(rows), "nothing was drawn"
    return mask[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]


def draw_matplotlib(text: str, *, through_rcparams: bool = False) -> np.ndarray:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    figure = Figure(figsize=(6, 1.2), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    # Either the font file itself, or whatever newslab.viz.setup() put in rcParams.
    font = (
        {"fontsize": POINTS}
        if through_rcparams
        else {"fontproperties": FontProperties(fname=str(FONT), size=POINTS)}
    )
    figure.text(0.5, 0.5, text, ha="center", va="center", **font)
    canvas.draw()
    gray = np.asarray(canvas.buffer_rgba())[..., :3].mean(axis=-1)
    return _crop(gray < 128)


def draw_reference(text: str) -> np.ndarray:
    font = ImageFont.truetype(str(FONT), PIXELS, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(image).text((20, 30), text, font=font, fill=0, direction="rtl", language="ar")
    return _crop(np.asarray(image) < 128)


def _scaled(mask: np.ndarray) -> np.ndarray:
    image = Image.fromarray(mask.astype(np.uint8) * 255).resize(
        SHAPE[::-1], Image.Resampling.BILINEAR
    )
    return np.asarray(image, dtype=float) / 255


def compare(drawn: np.ndarray, reference: np.ndarray) -> tuple[float, float]:
    """Ink correlation after scaling to one size, and the ratio of the two widths (>= 1)."""
    a, b = _scaled(drawn), _scaled(reference)
    correlation = float(np.corrcoef(a.ravel(), b.ravel())[0, 1])
    aspect_a = drawn.shape[1] / drawn.shape[0]
    aspect_b = reference.shape[1] / reference.shape[0]
    return correlation, max(aspect_a, aspect_b) / min(aspect_a, aspect_b)


def renders_like_reference(label_function, text: str) -> bool:
    correlation, width_ratio = compare(draw_matplotlib(label_function(text)), draw_reference(text))
    return correlation >= MIN_CORRELATION and width_ratio <= MAX_WIDTH_RATIO


def raw(text: str) -> str:
    return text


def reshaped_visual(text: str) -> str:
    return get_display(arabic_reshaper.reshape(text))


@pytest.fixture(scope="module")
def native() -> bool:
    return labels.shaping_mode() == "native"


@pytest.mark.parametrize("text", LABELS)
def test_ar_renders_like_a_shaping_engine(text):
    correlation, width_ratio = compare(draw_matplotlib(labels.ar(text)), draw_reference(text))
    assert correlation >= MIN_CORRELATION, f"{text!r}: ink correlation {correlation:.2f}"
    assert width_ratio <= MAX_WIDTH_RATIO, f"{text!r}: width ratio {width_ratio:.2f}"


@pytest.mark.parametrize("text", LABELS)
@pytest.mark.parametrize("label_function", [raw, reshaped_visual], ids=["raw", "reshaped_visual"])
def test_comparison_rejects_the_wrong_label_function(label_function, text, native):
    # Raw logical text is right only where matplotlib shapes; pre-shaped visual text
    # only where it does not. The comparison must tell which is which.
    right = native if label_function is raw else not native
    assert renders_like_reference(label_function, text) is right


@pytest.mark.parametrize("text", ["عام 2022", "وكالة Reuters"])
def test_font_selected_by_setup_renders_like_the_reference(text):
    labels.setup()
    correlation, width_ratio = compare(
        draw_matplotlib(labels.ar(text), through_rcparams=True), draw_reference(text)
    )
    assert correlation >= MIN_CORRELATION and width_ratio <= MAX_WIDTH_RATIO


def test_wrapped_label_lines_render_like_the_reference():
    text = "رئيس الوزراء يوقع اتفاق الغاز في رحاب عام 2025"
    lines = labels.ar(text, width=20).split("\n")
    logical = labels.wrap_logical(text, 20).split("\n")
    assert len(lines) == len(logical) > 1
    for drawn, reference in zip(lines, logical, strict=True):
        correlation, width_ratio = compare(draw_matplotlib(drawn), draw_reference(reference))
        assert correlation >= MIN_CORRELATION and width_ratio <= MAX_WIDTH_RATIO, reference
