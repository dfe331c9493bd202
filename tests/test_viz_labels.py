import arabic_reshaper
import matplotlib
import pytest
from bidi.algorithm import get_display

from newslab.viz import ar, labels, setup, shaping_mode

matplotlib.use("Agg")

ARABIC = ["لا للحرب", "الإسلام", "عام 2022", "وكالة Reuters", "قال: «نعم» (2022)"]


@pytest.mark.parametrize("text", ARABIC)
def test_ar_gives_what_the_running_matplotlib_needs(text):
    expected = text if shaping_mode() == "native" else get_display(arabic_reshaper.reshape(text))
    assert ar(text) == expected


@pytest.mark.parametrize("text", [*ARABIC, "سطر أول طويل جدا\nوسطر ثان", ""])
def test_ar_is_idempotent(text):
    once = ar(text, width=8)
    assert ar(once) == once
    assert ar(once, width=8) == once


@pytest.mark.parametrize("text", ["Reuters", "2022-07-19", "", "AFP / 12%"])
def test_text_without_arabic_is_unchanged(text):
    assert ar(text) == text


def test_no_bidi_controls_are_added():
    # U+202A..U+202E and U+2066..U+2069 draw as boxes in the Arabic font
    controls = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert not controls & set(ar("وكالة Reuters في عام 2022", width=10))


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("رئيس الوزراء يوقع اتفاق الغاز", 12, ["رئيس الوزراء", "يوقع اتفاق", "الغاز"]),
        ("كلمة", 2, ["كلمة"]),  # a word is never broken
        ("سطر\nآخر", 40, ["سطر", "آخر"]),  # the caller's line breaks stay
    ],
)
def test_wrapping_happens_on_the_logical_text(text, width, lines):
    assert labels.wrap_logical(text, width).split("\n") == lines
    assert ar(text, width=width).split("\n") == [ar(line) for line in lines]


def test_presentation_forms_mark_processed_text():
    assert labels.is_shaped(arabic_reshaper.reshape("سلام"))
    assert not labels.is_shaped("سلام")
    assert labels.has_arabic("وكالة Reuters") and not labels.has_arabic("Reuters 2022")


def test_mode_can_be_forced_and_bad_values_are_refused(monkeypatch):
    try:
        for mode in ("native", "reshape"):
            monkeypatch.setenv(labels.MODE_VARIABLE, mode)
            shaping_mode.cache_clear()
            assert shaping_mode() == mode
        monkeypatch.setenv(labels.MODE_VARIABLE, "sometimes")
        shaping_mode.cache_clear()
        with pytest.raises(ValueError, match="native"):
            shaping_mode()
    finally:
        monkeypatch.delenv(labels.MODE_VARIABLE)
        shaping_mode.cache_clear()


def test_probe_matches_the_known_behaviour_of_this_matplotlib():
    # 3.11 lays text out with libraqm; earlier versions draw glyph by glyph.
    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    assert shaping_mode() == ("native" if (major, minor) >= (3, 11) else "reshape")


def test_setup_selects_the_arabic_font_with_a_latin_fallback():
    family = setup()
    assert family == ["Noto Sans Arabic", "DejaVu Sans"]
    assert matplotlib.rcParams["font.family"] == family
    from matplotlib import font_manager

    found = font_manager.findfont(
        font_manager.FontProperties(family="Noto Sans Arabic"), fallback_to_default=False
    )
    assert found == str(labels.arabic_font_path())
    assert setup() == family  # repeatable
