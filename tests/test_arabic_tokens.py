"""Tokens, clitic splitting, match keys and stem variants, as tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslab.arabic import (
    Clitics,
    Token,
    fold,
    match_key,
    split_clitics,
    stem_variants,
    token_kind,
    tokens,
)

# (text, [(token text, kind), ...])
TOKENS = [
    (
        "وصل الوزيرُ إلى مـــراكش، صباح الإثنين.",
        [
            ("وصل", "arabic"),
            ("الوزيرُ", "arabic"),
            ("إلى", "arabic"),
            ("مـــراكش", "arabic"),
            ("صباح", "arabic"),
            ("الإثنين", "arabic"),
        ],
    ),
    (
        "بلغت الصادرات ٣٫٥ مليار و1,250.75 مليون (12%).",
        [
            ("بلغت", "arabic"),
            ("الصادرات", "arabic"),
            ("٣٫٥", "number"),
            ("مليار", "arabic"),
            ("و", "arabic"),
            ("1,250.75", "number"),
            ("مليون", "arabic"),
            ("12", "number"),
        ],
    ),
    (
        "#عاجل| تابعوا @Agency_News و#الرباط_2030 عبر https://example.org/news/1?id=5).",
        [
            ("#عاجل", "hashtag"),
            ("تابعوا", "arabic"),
            ("@Agency_News", "mention"),
            ("و", "arabic"),
            ("#الرباط_2030", "hashtag"),
            ("عبر", "arabic"),
            ("https://example.org/news/1?id=5", "url"),
        ],
    ),
    (
        "فيديو pic.twitter.com/Ab12Cd و www.site.ma/ar والموقع news.example.com. راسلونا: info@example.org",
        [
            ("فيديو", "arabic"),
            ("pic.twitter.com/Ab12Cd", "url"),
            ("و", "arabic"),
            ("www.site.ma/ar", "url"),
            ("والموقع", "arabic"),
            ("news.example.com", "url"),
            ("راسلونا", "arabic"),
            ("info@example.org", "email"),
        ],
    ),
    (
        "The IDF's chief met O'Brien in al-Quds on Covid-19 and G20 (U.S.A).",
        [
            ("The", "word"),
            ("IDF", "word"),
            ("chief", "word"),
            ("met", "word"),
            ("O'Brien", "word"),
            ("in", "word"),
            ("al-Quds", "word"),
            ("on", "word"),
            ("Covid-19", "word"),
            ("and", "word"),
            ("G20", "word"),
            ("U", "word"),
            ("S", "word"),
            ("A", "word"),
        ],
    ),
    (
        "كوفيد19 و2022م و#1 ﻻعب",
        [
            ("كوفيد", "arabic"),
            ("19", "number"),
            ("و", "arabic"),
            ("2022", "number"),
            ("م", "arabic"),
            ("و", "arabic"),
            ("1", "number"),
            ("ﻻعب", "arabic"),
        ],
    ),
    ("", []),
    ("... ، ؛ — !!", []),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    found = tokens(text)
    assert [(t.text, t.kind) for t in found] == expected
    assert all(text[t.start : t.end] == t.text for t in found)


def test_token_is_a_three_field_named_tuple() -> None:
    start, end, text = Token(0, 3, "زار")
    assert (start, end, text) == (0, 3, "زار")
    assert token_kind("زار") == "arabic"


# (word, expected split)
SPLITS = [
    ("بمراكش", ("ب", "مراكش")),
    ("والرباط", ("وال", "رباط")),
    ("للرباط", ("لل", "رباط")),
    ("وبالعاصمة", ("وبال", "عاصمة")),
    ("فالحكومة", ("فال", "حكومة")),
    ("كالعادة", ("كال", "عادة")),
    ("ولطنجة", ("ول", "طنجة")),
    ("سيزور", ("س", "يزور")),
    ("وستعلن", ("وس", "تعلن")),
    ("وَالرِّبَاطِ", ("وَال", "رِّبَاطِ")),
    # words that only begin with a clitic letter keep it
    ("بلدة", ("", "بلدة")),
    ("بيروت", ("", "بيروت")),
    ("ببيروت", ("ب", "بيروت")),
    ("وزارة", ("", "وزارة")),
    ("والوزارة", ("وال", "وزارة")),
    ("فرنسا", ("", "فرنسا")),
    ("كندا", ("", "كندا")),
    ("ألمانيا", ("", "ألمانيا")),
    ("بألمانيا", ("ب", "ألمانيا")),
    ("سيارة", ("", "سيارة")),
    ("سابق", ("", "سابق")),
    ("سالم", ("", "سالم")),
    # too short to lose anything
    ("بلد", ("", "بلد")),
    ("ولد", ("", "ولد")),
    ("الله", ("", "الله")),
    ("لله", ("", "لله")),
    ("بك", ("", "بك")),
    # not Arabic
    ("Rabat", ("", "Rabat")),
]


@pytest.mark.parametrize(("word", "expected"), SPLITS)
def test_split_clitics(word: str, expected: tuple[str, str]) -> None:
    split = split_clitics(word)
    assert (split.prefix, split.stem) == expected
    assert split.prefix + split.stem + split.suffix == word


# (word, known stems, expected split)
KNOWN_SPLITS = [
    ("بنعيسى", {"بنعيسى"}, ("", "بنعيسى", "")),
    ("بنعيسى", set(), ("ب", "نعيسى", "")),
    ("لبنعيسى", {"بنعيسى"}, ("ل", "بنعيسى", "")),
    ("للبنان", {"لبنان"}, ("ل", "لبنان", "")),
    ("بالرباط", {"الرباط"}, ("ب", "الرباط", "")),
    ("بالرباط", {"رباط"}, ("بال", "رباط", "")),
    ("فكوريا", {"كوريا"}, ("ف", "كوريا", "")),
    ("حكومتها", {"حكومة"}, ("", "حكومت", "ها")),
    ("وبرلمانهم", {"برلمان"}, ("و", "برلمان", "هم")),
]


@pytest.mark.parametrize(("word", "known", "expected"), KNOWN_SPLITS)
def test_split_clitics_prefers_known_stems(word: str, known: set, expected: tuple) -> None:
    split = split_clitics(word, known={fold(k) for k in known})
    assert split == Clitics(*expected)


def test_has_article() -> None:
    assert split_clitics("للرباط").has_article
    assert split_clitics("وبالمدينة").has_article
    assert not split_clitics("بمراكش").has_article


# (words that must share a key)
SAME_KEY = [
    ("مراكش", "بمراكش", "ومراكش", "لمراكش", "وبمراكش"),
    ("الرباط", "والرباط", "بالرباط", "للرباط", "وللرباط", "فالرباط", "كالرباط", "رباط"),
    ("بيروت", "ببيروت", "وبيروت", "لبيروت"),
    ("القاهرة", "بالقاهرة", "القاهره", "والقاهرة"),
    ("بنكيران", "لبنكيران", "وبنكيران"),
    ("أكادير", "بأكادير", "اكادير", "وبأكادير"),
    ("Rabat", "RABAT", "rabat"),
]


@pytest.mark.parametrize("words", SAME_KEY, ids=lambda w: w[0])
def test_match_key_ignores_clitics(words: tuple[str, ...]) -> None:
    assert len({match_key(w) for w in words}) == 1, {w: match_key(w) for w in words}


@pytest.mark.parametrize(
    ("word", "other"),
    [("مراكش", "طنجة"), ("وزير", "زير"), ("بيروت", "يروت"), ("فرنسا", "رنسا")],
)
def test_match_key_keeps_different_words_apart(word: str, other: str) -> None:
    assert match_key(word) != match_key(other)


def test_match_key_with_known_stems() -> None:
    known = {fold("الرباط"), fold("بنعيسى")}
    assert match_key("بالرباط", known=known) == match_key("الرباط", known=known) == "الرباط"
    assert match_key("لبنعيسى", known=known) == fold("بنعيسى")


# (word, expected variants, longest first)
VARIANTS = [
    ("بالرباط", ["بالرباط", "الرباط", "رباط"]),
    ("بمراكش", ["بمراكش", "مراكش"]),
    ("وللمدينة", ["وللمدينه", "للمدينه", "المدينه", "لمدينه", "مدينه"]),
    ("مدينة", ["مدينه"]),
]


@pytest.mark.parametrize(("word", "expected"), VARIANTS)
def test_stem_variants(word: str, expected: list[str]) -> None:
    assert stem_variants(word) == expected


GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


@pytest.mark.skipif(not GOLD.is_dir(), reason="gold annotations not available")
@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_gold_spans_start_and_end_on_token_boundaries(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (GOLD.parent / "seeds" / gold["file"]).read_bytes().decode("utf-8")
    found = tokens(text)
    starts = {t.start for t in found}
    ends = {t.end for t in found}
    for span in gold["entities"] + gold["social"]:
        if span.get("type") == "tweet_embed":
            continue
        assert span["start"] in starts and span["end"] in ends, span["text"]
