"""The quotes extractor: sentences written for these tests -> quote, speaker, cue.

Entities are given the way the entity extractor would give them (surface, label,
canonical), so speaker linking is tested on its own.
"""

from __future__ import annotations

import pytest

from newslab import check_extractor
from newslab.corpus.article import Article
from newslab.extract.base import Context
from newslab.extract.quotes import MAX_QUOTE_CHARS, QuoteExtractor, pair_marks
from newslab.spans import Span


def run(text: str, entities=()) -> list[Span]:
    article = Article(id="t", text=text)
    context = Context(article)
    found = []
    for surface, label, canonical in entities:
        start = text.find(surface)
        while start != -1:
            found.append(Span(start, start + len(surface), "entity", label, canonical))
            start = text.find(surface, start + len(surface))
    context.spans_by_extractor["entities"] = found
    spans = list(QuoteExtractor().extract(article, context))
    for span in spans:
        assert span.text == text[span.start : span.end]
    return spans


CASES = [
    # (text, entities, [(quote, speaker, speaker_canonical, cue)])
    (
        'قال وزير الخارجية الأردني أيمن الصفدي: "لن نقبل بأي حل يتجاوز حقوق الشعب الفلسطيني".',
        [("أيمن الصفدي", "PER", "أيمن الصفدي")],
        [("لن نقبل بأي حل يتجاوز حقوق الشعب الفلسطيني", "أيمن الصفدي", "أيمن الصفدي", "قال")],
    ),
    (
        "وأكدت وزارة الصحة في بيان أن «الوضع الصحي في المدينة مستقر ولا يدعو للقلق».",
        [("وزارة الصحة", "ORG", "وزارة الصحة")],
        [("الوضع الصحي في المدينة مستقر ولا يدعو للقلق", "وزارة الصحة", "وزارة الصحة", "وأكدت")],
    ),
    (
        '"سنواصل العمل مع شركائنا في المنطقة"، قال المتحدث باسم الحكومة محمد العلي.',
        [("محمد العلي", "PER", "محمد العلي")],
        [("سنواصل العمل مع شركائنا في المنطقة", "محمد العلي", "محمد العلي", "قال")],
    ),
    (
        'وقال رئيس البلدية سمير الخطيب: "المياه ستعود إلى الأحياء خلال يومين". '
        'وأضاف: "نعتذر للسكان عن الإزعاج الذي سببته الأشغال".',
        [("سمير الخطيب", "PER", "سمير الخطيب")],
        [
            ("المياه ستعود إلى الأحياء خلال يومين", "سمير الخطيب", "سمير الخطيب", "وقال"),
            ("نعتذر للسكان عن الإزعاج الذي سببته الأشغال", "سمير الخطيب", "سمير الخطيب", "وأضاف"),
        ],
    ),
    (  # a closing mark used as the opener; a role phrase resolved by apposition
        "استقبل الرئيس التونسي قيس سعيد وفدا من رجال الأعمال. "
        "وشدد الرئيس على أن ”العلاقات بين البلدين متينة وضاربة في التاريخ”.",
        [("قيس سعيد", "PER", "قيس سعيد")],
        [("العلاقات بين البلدين متينة وضاربة في التاريخ", "الرئيس", "قيس سعيد", "وشدد")],
    ),
    (  # an organisation, then its statement speaking for it
        'وقالت منظمة العفو الدولية في بيان: "يجب الإفراج عن جميع المعتقلين فورا". '
        'وأضاف البيان أن "السلطات لم تقدم أي دليل على التهم الموجهة إليهم".',
        [("منظمة العفو الدولية", "ORG", "منظمة العفو الدولية")],
        [
            ("يجب الإفراج عن جميع المعتقلين فورا", "منظمة العفو الدولية", "منظمة العفو الدولية", "وقالت"),
            ("السلطات لم تقدم أي دليل على التهم الموجهة إليهم", "البيان", "منظمة العفو الدولية", "وأضاف"),
        ],
    ),
    (  # a partial quote inside reported speech
        "وأوضحت الناطقة باسم الأمم المتحدة ليلى حداد أن الهدف من الزيارة "
        '"تقييم الاحتياجات الإنسانية في المخيمات الثلاثة".',
        [("الأمم المتحدة", "ORG", "الأمم المتحدة"), ("ليلى حداد", "PER", "ليلى حداد")],
        [("تقييم الاحتياجات الإنسانية في المخيمات الثلاثة", "ليلى حداد", "ليلى حداد", "وأوضحت")],
    ),
    (  # a quote running over a line break
        'وقال الوزير: "هذه خطوة أولى فقط.\nستتبعها خطوات أخرى في الأشهر المقبلة".',
        [],
        [("هذه خطوة أولى فقط.\nستتبعها خطوات أخرى في الأشهر المقبلة", "الوزير", "الوزير", "وقال")],
    ),
    (  # a participle cue takes the subject of the sentence's verb
        "وأشاد النائب كريم بنسعيد بالقرار، مضيفا: "
        '"إنه انتصار لكل المواطنين الذين طالبوا به منذ سنوات".',
        [("كريم بنسعيد", "PER", "كريم بنسعيد")],
        [("إنه انتصار لكل المواطنين الذين طالبوا به منذ سنوات", "كريم بنسعيد", "كريم بنسعيد", "مضيفا")],
    ),
    (  # attribution after the quote
        '"الأسعار سترتفع مجددا خلال الصيف المقبل"، حسب الخبير الاقتصادي يوسف المنصوري.',
        [("يوسف المنصوري", "PER", "يوسف المنصوري")],
        [("الأسعار سترتفع مجددا خلال الصيف المقبل", "يوسف المنصوري", "يوسف المنصوري", "حسب")],
    ),
    (  # typographic single quotes
        "وقالت المتحدثة نادية سالم: ‘لا تعليق لدينا على هذه الأنباء في الوقت الحالي’.",
        [("نادية سالم", "PER", "نادية سالم")],
        [("لا تعليق لدينا على هذه الأنباء في الوقت الحالي", "نادية سالم", "نادية سالم", "وقالت")],
    ),
    (  # an anonymous source is not resolved to the last person named
        'التقى الوزير هشام بدر بالمحافظ. وقال مصدر أمني: "تم توقيف ثلاثة مشتبه بهم في العملية".',
        [("هشام بدر", "PER", "هشام بدر")],
        [("تم توقيف ثلاثة مشتبه بهم في العملية", "مصدر أمني", "مصدر أمني", "وقال")],
    ),
    (  # no space after the colon; a one-word quote right after a cue
        'وقال المدرب:"سنفوز". وقالت اللاعبة هند: "بالتأكيد"',
        [("هند", "PER", "هند")],
        [("سنفوز", "المدرب", "المدرب", "وقال"), ("بالتأكيد", "هند", "هند", "وقالت")],
    ),
    (  # a subject before the verb, guillemets, and a female pronoun continuation
        "الوزيرة سلمى الأنصاري قالت: «المشروع سيوفر آلاف مناصب الشغل للشباب». "
        "وتابعت: «سنبدأ الأشغال في الخريف القادم بحول الله».",
        [("سلمى الأنصاري", "PER", "سلمى الأنصاري")],
        [
            ("المشروع سيوفر آلاف مناصب الشغل للشباب", "سلمى الأنصاري", "سلمى الأنصاري", "قالت"),
            ("سنبدأ الأشغال في الخريف القادم بحول الله", "سلمى الأنصاري", "سلمى الأنصاري", "وتابعت"),
        ],
    ),
    (  # a relayed statement: the speaker follows عن
        'ونقلت وكالة الأنباء الرسمية عن الوزير مراد القاسمي قوله: "الحدود ستبقى مفتوحة أمام المسافرين".',
        [("وكالة الأنباء الرسمية", "ORG", "وكالة الأنباء الرسمية"), ("مراد القاسمي", "PER", "مراد القاسمي")],
        [("الحدود ستبقى مفتوحة أمام المسافرين", "مراد القاسمي", "مراد القاسمي", "ونقلت")],
    ),
    (  # "it came in the statement": the document speaks for the organisation named before
        "أصدرت نقابة الصحفيين بيانا مساء الأحد. "
        'وجاء في البيان: "نرفض أي تضييق على حرية العمل الصحفي في البلاد".',
        [("نقابة الصحفيين", "ORG", "نقابة الصحفيين")],
        [("نرفض أي تضييق على حرية العمل الصحفي في البلاد", "البيان", "نقابة الصحفيين", "وجاء")],
    ),
    (  # a statement "of" an organisation, then quoted: it speaks for the issuer, not a person
        "التقى الوزير سامي النجار بالوفد. وجاء في بيان لهيئة الانتخابات أن الاقتراع سيجري في موعده. "
        'وأضاف البيان أن "كل الترتيبات اللوجستية أصبحت جاهزة في مختلف الدوائر".',
        [("سامي النجار", "PER", "سامي النجار")],
        [("كل الترتيبات اللوجستية أصبحت جاهزة في مختلف الدوائر", "البيان", "هيئة الانتخابات", "وأضاف")],
    ),
    (  # present-tense cue after the quote, with a Persian keheh in the name
        '"المدينة تحتاج إلى خطة نقل جديدة تماما"، يقول الباحث عمر کریمي.',
        [("عمر کریمي", "PER", "عمر كريمي")],
        [("المدينة تحتاج إلى خطة نقل جديدة تماما", "عمر کریمي", "عمر كريمي", "يقول")],
    ),
]


@pytest.mark.parametrize(("text", "entities", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_quotes(text, entities, expected):
    spans = run(text, entities)
    got = [
        (s.value, s.attrs["speaker"], s.attrs["speaker_canonical"], s.attrs["cue"]) for s in spans
    ]
    assert got == expected
    assert all(s.kind == "quote" and s.label == "direct" for s in spans)


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ('نشرت صحيفة "الأيام" تقريرا مطولا عن الأزمة.', []),
        ('أطلق الجيش على العملية اسم "الفجر الجديد".', []),
        ("وصل «أحمد» إلى المطار صباحا قادما من باريس.", []),
        ('وقال المتحدث لقناة "الشرق الإخبارية" إن المفاوضات متعثرة.', []),
        ('وصف المعارضون القرار بأنه "مجحف".', []),
        ('وقالت "لوفيغارو" إن الحكومة تدرس الخيار.', []),
        ('وأكد وزير الداخلية «عبد الرحيم» أن الوضع تحت السيطرة.', [("عبد الرحيم", "PER", "عبد الرحيم")]),
        ("ورحب الطرفان بتوقيع «إعلان الجزائر» في ختام الاجتماع.", [("إعلان الجزائر", "EVENT", "إعلان الجزائر")]),
        ("Kohavi's visit and the army's statement were covered widely.", []),
    ],
    ids=lambda value: "" if isinstance(value, list) else None,
)
def test_names_and_titles_in_quotes_are_not_quotes(text, entities):
    assert run(text, entities) == []


def test_quote_text_excludes_marks_and_outer_spaces():
    (span,) = run('قال الرئيس: « سنعمل على تحسين ظروف العيش في القرى النائية » ثم غادر.')
    assert span.text == "سنعمل على تحسين ظروف العيش في القرى النائية"


def test_names_inside_a_quote_are_not_separate_quotes():
    text = 'وقال المدير: "قرأت مقالا في صحيفة «الصباح» عن مشروعنا الجديد وأعجبني كثيرا".'
    (span,) = run(text)
    assert span.value.startswith("قرأت مقالا") and span.value.endswith("كثيرا")


def test_unbalanced_mark_does_not_swallow_the_text():
    text = 'وقال الوزير: "بدأنا العمل.\n' + "وفي سياق آخر تواصلت الأشغال في الميناء. " * 60 + '\nوأضاف: "سننتهي قبل الصيف المقبل بإذن الله".'
    spans = run(text)
    assert [s.value for s in spans] == ["سننتهي قبل الصيف المقبل بإذن الله"]


def test_quotes_are_capped():
    text = 'قال الرئيس: "' + "كلام طويل جدا " * 400 + '" انتهى'
    assert run(text) == []


def test_many_unbalanced_marks_are_paired_locally():
    text = ' "كلمة' * 20000
    spans = run(text)
    assert all(s.end - s.start <= MAX_QUOTE_CHARS for s in spans)


def test_pair_marks_ignores_stray_closers_and_reopens_after_a_paragraph():
    norm = 'كلمة" ثم "أولى\nوبعد "ثانية" فقط'
    pairs = pair_marks(norm, lambda i: norm[i])
    assert [(norm[p.open + 1 : p.close]) for p in pairs] == ["ثانية"]


def test_without_entities_the_written_speaker_is_kept():
    (span,) = run('وقال المتحدث باسم الشرطة «سعيد الودغيري» للصحفيين: "التحقيق ما زال جاريا في ملابسات الحادث".')
    assert span.attrs["speaker"] == "سعيد الودغيري"
    assert span.attrs["cue"] == "وقال"


def test_speakers_link_to_the_entity_extractor_in_annotate():
    import newslab

    text = ('أعلنت وزيرة الخارجية الليبية نجلاء المنقوش عن استئناف الرحلات. '
            'وقالت المنقوش: "نعمل على إعادة فتح كل المعابر الحدودية قبل نهاية الشهر".')
    spans = newslab.annotate([Article(id="a", text=text)], ["quotes"], progress=False)
    quotes = spans[spans["kind"] == "quote"]
    assert set(spans["extractor"]) >= {"quotes", "entities"}  # required extractor pulled in
    assert list(quotes["value"]) == ["نعمل على إعادة فتح كل المعابر الحدودية قبل نهاية الشهر"]
    assert "المنقوش" in quotes["attrs"].iloc[0]["speaker_canonical"]


def test_conformance():
    check_extractor(QuoteExtractor())


def test_registered_through_the_hook():
    from newslab.registry import Registry

    registry = Registry(entry_points=False)
    extractors = registry.extractors()
    assert isinstance(extractors.get("quotes"), QuoteExtractor)
