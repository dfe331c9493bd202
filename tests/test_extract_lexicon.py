"""The lexicon extractor: loaded, evaluative and neutral terms, with clitics and glue."""

from __future__ import annotations

import re

import pytest

from newslab import check_extractor
from newslab.corpus.article import Article
from newslab.errors import PluginError
from newslab.extract.lexicon import DEFAULT_LEXICON, LexiconExtractor, read_lexicon, trie_pattern
from newslab.hooks import hookimpl
from newslab.registry import Registry


def found(text: str, extractor: LexiconExtractor | None = None) -> list[tuple[str, str, str]]:
    spans = list((extractor or LexiconExtractor()).extract(Article(id="t", text=text)))
    for span in spans:
        assert span.text == text[span.start : span.end]
        assert span.attrs["category"] == span.label
    return [(s.text, s.label, s.value) for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "اقتحمت قوات الاحتلال بلدة في شمال الضفة فجر اليوم.",
            [("قوات الاحتلال", "naming_loaded", "قوات الاحتلال")],
        ),
        (
            "وأعلن الجيش الإسرائيلي اعتقال شابين.",
            [("الجيش الإسرائيلي", "naming_neutral", "الجيش الإسرائيلي")],
        ),
        (
            "وندد البيان بممارسات الكيان الصهيوني في القدس.",
            [("الكيان الصهيوني", "naming_loaded", "الكيان الصهيوني")],
        ),
        (
            "واعتدى قطعان المستوطنين على مزارعين.",
            [("قطعان المستوطنين", "naming_loaded", "قطعان المستوطنين")],
        ),
        # a clitic conjunction and the ل + ال contraction
        (
            "وجيش الاحتلال يواصل حصار المخيم للأسبوع الثالث.",
            [("وجيش الاحتلال", "naming_loaded", "جيش الاحتلال")],
        ),
        (
            "في رسالة للاحتلال الإسرائيلي حذر المتحدث من التصعيد.",
            [("للاحتلال الإسرائيلي", "naming_loaded", "الاحتلال الإسرائيلي")],
        ),
        # spelling noise: no hamza, a diacritic, tatweel
        (
            "استشهد ثلاثة شبان وأصيب آخرون برصاص الجيش الاسرائيلي.",
            [
                ("استشهد", "martyrdom", "استشهد"),
                ("الجيش الاسرائيلي", "naming_neutral", "الجيش الإسرائيلي"),
            ],
        ),
        (
            "سقط الشَّهيد في المواجهات، ولقي حتفه شاب آخر.",
            [("الشَّهيد", "martyrdom", "الشهيد"), ("ولقي حتفه", "death_neutral", "لقي حتفه")],
        ),
        ("وشيّعت البلدة الشـهداء صباحا.", [("الشـهداء", "martyrdom", "الشهداء")]),
        # a term with a suffix: استشهد* matches every form
        ("واستشهدوا جميعا في القصف.", [("واستشهد", "martyrdom", "استشهد")]),
        # an insult glued onto the next word, and one inserted between words
        ("وصل الوزير القذرضيفا على العاصمة.", [("القذر", "insult", "القذر")]),
        ("قال قائد الأركان الهمج الإسرائيلي إن العملية انتهت.", [("الهمج", "insult", "الهمج")]),
        # a bounded term is preferred to a glued one at the same place
        (
            "وأدان الحزب العدوان الهمجي على القرية.",
            [("العدوان", "intensifier", "العدوان"), ("الهمجي", "intensifier", "الهمجي")],
        ),
        (
            "وقال المتحدث إن النظام السوري مسؤول عن الهجوم.",
            [("النظام السوري", "regime_label", "النظام السوري")],
        ),
        (
            "ورفضت حركة أنصار الله المبادرة، بينما رحبت بها ميليشيا الحوثي سابقا.",
            [
                ("أنصار الله", "naming_neutral", "أنصار الله"),
                ("ميليشيا الحوثي", "naming_loaded", "ميليشيا الحوثي"),
            ],
        ),
    ],
)
def test_terms(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "سافر الوزير إلى باريس صباح الأحد.",  # not an intensifier
        "ناقش المجلس النظام الداخلي للبرلمان.",  # "the system", not a regime
        "احتلت الفرق المراكز الأولى في البطولة.",  # no term
        "قتلة",  # قتل only as a whole word
        "انتصرت المقاومات الشعبية في الرواية.",  # a bounded term needs a word end
    ],
)
def test_no_false_matches(text):
    assert found(text) == []


def test_user_csv_replaces_or_extends_the_shipped_lexicon(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "term,category,note\nالنكبة,history,the 1948 exodus\nالرئيس*,title,\n", encoding="utf-8"
    )
    text = "في ذكرى النكبة تحدث الرئيسالفلسطيني عن قوات الاحتلال."
    only_mine = LexiconExtractor(path, default=False)
    assert found(text, only_mine) == [
        ("النكبة", "history", "النكبة"),
        ("الرئيس", "title", "الرئيس"),
    ]
    both = LexiconExtractor(path)
    assert ("قوات الاحتلال", "naming_loaded", "قوات الاحتلال") in found(text, both)


def test_bad_csv_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("term,category\nالنكبة,history\n,missing\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"bad\.csv:3"):
        read_lexicon(path)
    other = tmp_path / "cols.csv"
    other.write_text("word,kind\nا,ب\n", encoding="utf-8")
    with pytest.raises(PluginError, match="lacks column"):
        read_lexicon(other)
    with pytest.raises(PluginError, match="not found"):
        read_lexicon(tmp_path / "missing.csv")


def test_plugin_terms_arrive_through_the_hook():
    class Terms:
        @hookimpl
        def newslab_lexicon(self):
            return [{"term": "الاستعمار", "category": "history", "note": "colonialism"}]

    registry = Registry(entry_points=False)
    registry.register(Terms(), name="terms")
    try:
        extractor = registry.extractors()["lexicon"]
        assert found("تحدث عن إرث الاستعمار.", extractor) == [("الاستعمار", "history", "الاستعمار")]
    finally:
        registry.unregister("terms")


def test_shipped_lexicon_is_well_formed():
    entries = read_lexicon(DEFAULT_LEXICON)
    assert len(entries) >= 80
    categories = {e.category for e in entries}
    assert {"naming_loaded", "naming_neutral", "insult", "intensifier", "martyrdom"} <= categories
    assert len({(e.term, e.category) for e in entries}) == len(entries)


@pytest.mark.parametrize("words", [["ab", "abc", "abd", "b x"], ["x"], ["ab", "a"]])
def test_trie_pattern_matches_exactly_the_phrases(words):
    pattern = re.compile(rf"(?:{trie_pattern(words)})\Z")
    for word in words:
        assert pattern.match(word.replace(" ", "  "))
    assert not pattern.match("zz")


def test_many_glued_terms_are_linear():
    text = "القذرضيفا " * 20000 + "القذر" * 20000
    spans = list(LexiconExtractor().extract(Article(id="t", text=text)))
    assert len(spans) == 20001  # a glued run: only its first term has a word start


def test_conformance():
    check_extractor(LexiconExtractor())
