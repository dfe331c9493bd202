"""Variant linking: spelling variants in, one canonical value out; namesakes stay apart."""

from __future__ import annotations

import pytest

from newslab.annotate import annotate
from newslab.corpus.article import Article, Corpus
from newslab.extract.entities import EntityExtractor
from newslab.extract.linking import (
    Mention,
    latin_skeleton,
    link_name_counts,
    link_names,
    link_people,
    same_person,
    skeleton,
    tokens_match,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("كوخافي", "خوكافي"),  # transposed letters
        ("الوديي", "لوديي"),  # spurious article
        ("الحداد", "حداد"),  # dropped article
        ("افيف", "أفيف"),  # hamza-less
        ("ابراهيم", "إبراهيم"),
        ("أفیف", "أفيف"),  # Persian yeh
        ("نتنياهو", "نتانياهو"),  # vowel letter added
        ("غوتيريش", "غوتيرش"),  # one letter dropped
        ("فاطمة", "فاطمه"),  # teh marbuta
        ("Kohavi", "كوخافي"),  # Latin transliteration
        ("Kochav", "كوخاف"),
        ("Haftar", "حفتر"),
        ("Burhan", "برهان"),
    ],
)
def test_tokens_match(a, b):
    assert tokens_match(a, b)
    assert tokens_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("بشار", "حافظ"),
        ("محمد", "محمود"),
        ("سعيد", "سعد"),
        ("علي", "عمر"),
        ("Kohavi", "حفتر"),
        ("نصر", "ناصر"),
    ],
)
def test_tokens_differ(a, b):
    assert not tokens_match(a, b)


def test_skeletons_are_script_independent():
    assert skeleton("كوخافي") == latin_skeleton("Kohavi") == "KHF"
    assert skeleton("حفتر") == skeleton("Haftar") == "HFTR"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("أفيف", "كوخافي"), ("افيف", "خوكافي"), True),
        (("عبد", "اللطيف", "الوديي"), ("عبد", "اللطيف", "لوديي"), True),
        (("بلخير", "الفاروق"), ("الفاروق", "بلخير"), True),  # order swapped
        (("Herzi", "Halevi"), ("هرتسي", "هاليفي"), True),
        (("كوخافي",), ("أفيف", "كوخافي"), True),  # surname alone
        (("أفيف", "كوخافي"), ("أفيف", "كوخافي", "القذر"), True),  # stray trailing word
        (("بشار", "الأسد"), ("حافظ", "الأسد"), False),  # namesakes
        (("ران", "كوخاف"), ("أفيف", "كوخافي"), False),
        (("محمد", "بن", "سلمان"), ("محمد", "بن", "زايد"), False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) is same
    assert same_person(b, a) is same


def test_variants_get_one_canonical_across_articles():
    mentions = [
        Mention("a", ("أفيف", "كوخافي")),
        Mention("a", ("كوخافي",)),
        Mention("b", ("افيف", "كوخافي")),
        Mention("b", ("خوكافي",)),
        Mention("c", ("أفیف", "كوخافي")),
        Mention("c", ("Kohavi",)),
        Mention("d", ("أفيف", "كوخافي")),
    ]
    values = link_people(mentions)
    assert set(values) == {"أفيف كوخافي"}


def test_namesakes_stay_apart_and_surname_follows_the_article():
    mentions = [
        Mention("a", ("بشار", "الأسد")),
        Mention("a", ("الأسد",)),
        Mention("b", ("حافظ", "الأسد")),
        Mention("b", ("الأسد",)),
        Mention("c", ("بشار", "الأسد")),
    ]
    assert link_people(mentions) == [
        "بشار الأسد",
        "بشار الأسد",
        "حافظ الأسد",
        "حافظ الأسد",
        "بشار الأسد",
    ]


def test_canonical_prefers_frequent_full_well_spelled_form():
    mentions = [
        Mention("a", ("ابراهيم", "حسني")),
        Mention("b", ("إبراهيم", "حسني")),
        Mention("c", ("ابراهيم", "حسني")),
        Mention("c", ("حسني",)),
    ]
    assert set(link_people(mentions)) == {"إبراهيم حسني"}


def test_lone_surnames_merge_variants_but_keep_a_full_name_target():
    # "المنصوري" has a full name in the corpus; "الدباغ" / "دباغ" never do and merge
    mentions = [
        Mention("a", ("ليلى", "المنصوري")),
        Mention("b", ("المنصوري",)),
        Mention("c", ("الدباغ",)),
        Mention("d", ("دباغ",)),
        Mention("d", ("الدباغ",)),
    ]
    values = link_people(mentions)
    assert values[:2] == ["ليلى المنصوري", "ليلى المنصوري"]
    assert values[2] == values[3] == values[4]


def test_names_sharing_several_blocks_are_linked_once_and_namesakes_kept_apart():
    # same first name (shares its skeleton, anagram and article-free blocks) and
    # variant family names: one person; a different family name: another one
    mentions = [
        Mention("a", ("سمير", "بنعلي")),
        Mention("b", ("سمير", "بن", "علي")),
        Mention("c", ("سمير", "بنعلى")),
        Mention("d", ("سمير", "الزياني")),
    ]
    values = link_people(mentions)
    assert values[0] == values[2]
    assert values[3] == "سمير الزياني"
    assert values[0] != values[3]


#: Spelling variants of every kind tokens_match accepts, and near misses it refuses.
VARIANTS = [
    ("أفيف", "كوخافي"),
    ("افيف", "خوكافي"),
    ("أفیف", "كوخافي"),
    ("Aviv", "Kohavi"),
    ("عبد", "اللطيف", "الوديي"),
    ("عبد", "اللطيف", "لوديي"),
    ("Abdullatif", "Wadi"),
    ("بلخير", "الفاروق"),
    ("الفاروق", "بلخير"),
    ("أنطونيو", "غوتيريش"),
    ("أنطونيو", "غوتيرش"),
    ("بنيامين", "نتنياهو"),
    ("بنيامين", "نتانياهو"),
    ("سمير", "الحداد"),
    ("سمير", "حداد"),
    ("سمير", "الحدادين"),
    ("محمد", "بن", "سلمان"),
    ("محمد", "بن", "زايد"),
    ("محمود", "زايد"),
    ("خليفة", "حفتر"),
    ("Khalifa", "Haftar"),
    ("أفيف", "كوخافي", "القذر"),
]


def test_pair_screen_keeps_every_pair_the_tests_accept(monkeypatch):
    from newslab.extract import linking

    monkeypatch.setattr(linking, "_SCREEN_MIN", 2)  # screen even these few names
    names = sorted({linking._name_key(name) for name in VARIANTS})
    pairs = set(linking._maybe_same_pairs(names))
    accepted = {
        (x, y)
        for x in range(len(names))
        for y in range(x + 1, len(names))
        if same_person(names[x], names[y])
    }
    assert accepted <= pairs
    assert len(pairs) < len(names) * (len(names) - 1) // 2  # it does screen
    singles = sorted({(token,) for name in names for token in name})
    pairs = set(linking._maybe_same_pairs(singles))
    accepted = {
        (x, y)
        for x in range(len(singles))
        for y in range(x + 1, len(singles))
        if tokens_match(singles[x][0], singles[y][0])
    }
    assert accepted <= pairs


def test_a_common_first_name_before_many_family_names_links_as_pairwise(monkeypatch):
    """A large block (one first name, hundreds of family names) is screened, not compared
    pair by pair; the people found are the same."""
    from newslab.extract import linking

    families = [f"ال{a}{b}{c}ي" for a in "بتجدرسع" for b in "كلمنه" for c in "فقصط"]
    mentions = [Mention(f"a{i % 40}", ("محمد", family)) for i, family in enumerate(families)]
    mentions += [Mention("a1", ("محمد", families[0][:-1] + "ى")), Mention("a2", (families[5],))]
    screened = link_people(mentions)
    monkeypatch.setattr(linking, "_SCREEN_MIN", 10**9)  # every pair compared
    assert link_people(mentions) == screened
    assert screened[-2] == screened[0] and screened[-1] == screened[5]


def test_link_names_for_other_labels():
    mapping = link_names(
        ["الجيش الاسرائيلي", "الجيش الإسرائيلي", "الجيش الإسرائيلي", "الشرق الاوسط"]
    )
    assert mapping["الجيش الاسرائيلي"] == "الجيش الإسرائيلي"
    assert mapping["الشرق الاوسط"] == "الشرق الاوسط"


def test_finalize_links_across_outlets():
    corpus = Corpus(
        [
            Article(id="one", text="قال رئيس الوزراء الليبي عبد الحميد الدبيبة إن طرابلس آمنة."),
            Article(
                id="two", text="وأكد عبد الحميد الدبيبه أن الانتخابات قريبة، وقال الدبيبة إن..."
            ),
            Article(
                id="three", text="Libyan premier Abdulhamid Dbeibah said elections would come."
            ),
            Article(id="four", text="وقال وزير الخارجية الليبي إن المنفي والدبيبة اتفقا."),
        ]
    )
    frame = annotate(corpus, [EntityExtractor()], strict=True, progress=False)
    people = frame[frame["label"] == "PER"]
    dbeibah = people[people["text"].str.contains("دبيب|Dbeibah")]
    assert len(dbeibah) == 5
    assert set(dbeibah["value"]) == {"عبد الحميد الدبيبة"}


def test_finalize_keeps_rows_and_columns():
    extractor = EntityExtractor()
    corpus = Corpus([Article(id="x", text="التقى ماكرون بالرئيس إيمانويل ماكرون")])
    frame = annotate(corpus, [extractor], strict=True, progress=False)
    again = extractor.finalize(frame.reset_index(drop=True))
    assert list(again.columns) == list(frame.columns)
    assert len(again) == len(frame)
    assert set(again["value"]) == {"إيمانويل ماكرون"}


def test_link_name_counts_does_not_depend_on_the_order_of_the_names() -> None:
    counts = {"الأمم المتحدة": 2, "الامم المتحدة": 5, "امم المتحدة": 1, "أوبك": 3, "اوبك": 3}
    forward = link_name_counts(counts)
    backward = link_name_counts(dict(reversed(list(counts.items()))))
    assert forward == backward
    assert forward["الامم المتحدة"] == "الأمم المتحدة"  # the hamza spelling wins
    assert forward["اوبك"] == "أوبك"
    assert forward == link_names([v for v, n in counts.items() for _ in range(n)])
