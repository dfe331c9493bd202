"""Sentence and paragraph boundaries, as tables of text and expected pieces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslab.arabic import paragraphs, sentences


def pieces(text: str, **options) -> list[str]:
    return [text[s:e] for s, e in sentences(text, **options)]


SENTENCES = [
    # plain stops, question and exclamation marks
    (
        "وصل الوفد إلى عمّان صباح الأحد. وعقد لقاء مع الوزير! هل اتفق الطرفان؟ لم يتضح ذلك.",
        [
            "وصل الوفد إلى عمّان صباح الأحد.",
            "وعقد لقاء مع الوزير!",
            "هل اتفق الطرفان؟",
            "لم يتضح ذلك.",
        ],
    ),
    # decimals, Arabic decimal separator, thousands
    (
        "ارتفع التضخم إلى 3.5 بالمئة مقابل ٢٫٨ العام الماضي. وبلغ العجز 1,200.75 مليون.",
        ["ارتفع التضخم إلى 3.5 بالمئة مقابل ٢٫٨ العام الماضي.", "وبلغ العجز 1,200.75 مليون."],
    ),
    # initials and abbreviations
    (
        "قال د. سمير الخطيب إن الوضع مستقر. وأكد أ. د. ليلى حداد ذلك.",
        ["قال د. سمير الخطيب إن الوضع مستقر.", "وأكد أ. د. ليلى حداد ذلك."],
    ),
    (
        "The report by Dr. Smith and J. K. Adams was late. It came out on Monday.",
        ["The report by Dr. Smith and J. K. Adams was late.", "It came out on Monday."],
    ),
    # URLs, handles and domains keep their dots
    (
        "نشر الحساب @news.agency الخبر على example.com/a.b?x=1. ثم حذفه.",
        ["نشر الحساب @news.agency الخبر على example.com/a.b?x=1.", "ثم حذفه."],
    ),
    (
        "شاهد الفيديو pic.twitter.com/AbC12xYz وعلّق عليه المئات.",
        ["شاهد الفيديو pic.twitter.com/AbC12xYz وعلّق عليه المئات."],
    ),
    # a quotation that goes on after an inner stop stays whole
    (
        'وقال الوزير: "نحن مستعدون. لكننا ننتظر الرد". ثم غادر القاعة.',
        ['وقال الوزير: "نحن مستعدون. لكننا ننتظر الرد".', "ثم غادر القاعة."],
    ),
    (
        "وأضاف: «لن نتراجع؟ أبدا… هذا قرارنا» في إشارة إلى الخطة. وانتهى الاجتماع.",
        ["وأضاف: «لن نتراجع؟ أبدا… هذا قرارنا» في إشارة إلى الخطة.", "وانتهى الاجتماع."],
    ),
    (
        "وصرّح ”الاتفاق مهم. وسنمضي فيه” أمام الصحفيين.",
        ["وصرّح ”الاتفاق مهم. وسنمضي فيه” أمام الصحفيين."],
    ),
    # a stop right before the closing quote ends the sentence after the quote
    (
        "قالت المتحدثة: «انتهى الاجتماع.» وغادر الوفد مساء.",
        ["قالت المتحدثة: «انتهى الاجتماع.»", "وغادر الوفد مساء."],
    ),
    # an unmatched quote mark protects nothing
    (
        "قال «الرئيس إن الاتفاق صامد. وهذا ما أكده الوزير.",
        ["قال «الرئيس إن الاتفاق صامد.", "وهذا ما أكده الوزير."],
    ),
    # parentheses
    (
        "زار الوفد المدينة (انظر الصورة. المصدر: الوكالة) ثم عاد.",
        ["زار الوفد المدينة (انظر الصورة. المصدر: الوكالة) ثم عاد."],
    ),
    # Arabic semicolon, ellipsis, stacked marks
    (
        "ألغيت الرحلة؛ بسبب سوء الأحوال الجوية... وتأجل الموعد؟! لا أحد يعرف.",
        ["ألغيت الرحلة؛", "بسبب سوء الأحوال الجوية...", "وتأجل الموعد؟!", "لا أحد يعرف."],
    ),
    # a stop glued between two Arabic words
    (
        "انتهت الزيارة.وعاد الوفد إلى بلاده.",
        ["انتهت الزيارة.", "وعاد الوفد إلى بلاده."],
    ),
    # era markers after a year end the sentence; a list number does not
    (
        "أسست المدينة عام 1062 م. وصارت عاصمة.",
        ["أسست المدينة عام 1062 م.", "وصارت عاصمة."],
    ),
    ("1. توقيع الاتفاق. 2. تبادل الخبرات.", ["1. توقيع الاتفاق.", "2. تبادل الخبرات."]),
    # line breaks end sentences; whitespace and bidi marks are trimmed
    (
        "\u200f  العنوان الرئيسي\nنص الخبر الأول.  \n\n  — حساب الوكالة (@agency) 19 يوليو 2022\n",
        ["العنوان الرئيسي", "نص الخبر الأول.", "— حساب الوكالة (@agency) 19 يوليو 2022"],
    ),
    # stray punctuation joins the sentence before
    ("انتهى البيان. . .", ["انتهى البيان. . ."]),
    ("", []),
    (" \n\t\u200f ", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_semicolon_can_be_kept() -> None:
    text = "ألغيت الرحلة؛ بسبب الطقس."
    assert pieces(text, semicolon=False) == [text]


PARAGRAPHS = [
    # one paragraph per line, with or without blank lines between
    ("الفقرة الأولى.\nالفقرة الثانية.\n", "auto", ["الفقرة الأولى.", "الفقرة الثانية."]),
    ("الأولى.\n\n\nالثانية.\r\nالثالثة.", "auto", ["الأولى.", "الثانية.", "الثالثة."]),
    # hard-wrapped text: blank lines separate paragraphs, inner breaks fall mid-sentence
    (
        "أعلنت الحكومة اليوم عن\nخطة جديدة لدعم\nالفلاحين.\n\nوقال الوزير إن\nالخطة ستبدأ قريبا.",
        "auto",
        ["أعلنت الحكومة اليوم عن\nخطة جديدة لدعم\nالفلاحين.", "وقال الوزير إن\nالخطة ستبدأ قريبا."],
    ),
    ("سطر أول\nسطر ثان\n\nسطر ثالث", "line", ["سطر أول", "سطر ثان", "سطر ثالث"]),
    ("سطر أول\nسطر ثان\n\nسطر ثالث", "blank", ["سطر أول\nسطر ثان", "سطر ثالث"]),
    ("\u2029أول\u2028ثان", "auto", ["أول", "ثان"]),
    ("\n \n", "auto", []),
]


@pytest.mark.parametrize(("text", "mode", "expected"), PARAGRAPHS)
def test_paragraphs(text: str, mode: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in paragraphs(text, mode=mode)] == expected


def test_sentences_follow_hard_wrapped_paragraphs() -> None:
    text = "أعلنت الحكومة عن\nخطة جديدة. وقال\nالوزير إنها جاهزة.\n\nفقرة\nثانية هنا."
    assert pieces(text) == [
        "أعلنت الحكومة عن\nخطة جديدة.",
        "وقال\nالوزير إنها جاهزة.",
        "فقرة\nثانية هنا.",
    ]


def test_unknown_paragraph_mode_is_rejected() -> None:
    with pytest.raises(ValueError, match="'auto', 'line' or 'blank'"):
        paragraphs("نص", mode="lines")  # type: ignore[arg-type]


def test_many_unmatched_quotes_and_dots_stay_linear() -> None:
    text = ("«" * 3000 + '"' * 3000 + "." * 3000 + " كلمة") * 20
    spans = sentences(text)
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)


GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold annotations not available")
@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_gold_quotes_are_never_cut_by_a_sentence_boundary(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seed = GOLD.parent / "seeds" / gold["file"]
    text = seed.read_bytes().decode("utf-8")  # no newline translation, like the gold
    spans = sentences(text)
    for quote in gold["quotes"]:
        assert any(s <= quote["start"] and quote["end"] <= e for s, e in spans), quote["text"]
