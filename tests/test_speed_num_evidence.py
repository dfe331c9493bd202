"""Country evidence read in one scan equals the per-family scans it replaced.

:meth:`newslab.extract.number_currency.CurrencyTable.family_evidence` reads the cue
words of several currency families with one pattern, and
:func:`~newslab.extract.number_currency._words_with_stem` ends a word at a blank next to
the stem without a regex search (and now reads the stems with keyed passes instead of
one trie scan). The per-family ``country_evidence`` and the word widener that always
searched, both over the trie scan, are kept here as oracles (also used by
``tests/test_speed_numbers.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.arabic.normalize import normalize
from newslab.extract import number_currency as currency
from newslab.extract.number_words import trie_pattern

# ------------------------------------------------------------------------ oracles

_NON_WORD = regex.compile(r"\W")
_NON_WORD_BEFORE = regex.compile(r"(?r)\W")


def oracle_words_with_stem(text: str, stems: re.Pattern[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    word_end = 0
    for found in stems.finditer(text):
        if found.start() < word_end:
            continue
        before = _NON_WORD_BEFORE.search(text, word_end, found.start())
        start = before.end() if before is not None else word_end
        after = _NON_WORD.search(text, found.end())
        word_end = after.start() if after is not None else len(text)
        counts[text[start:word_end]] += 1
    return counts


def _oracle_stems(table: currency.CurrencyTable, family: str | None) -> re.Pattern[str]:
    rows = [r for r in table.rows if family is None or r.family == family]
    stems = {cue for r in rows for cue in r.cues if " " not in cue}
    return re.compile(trie_pattern(sorted(stems)) or "(?!)")


def oracle_country_evidence(
    table: currency.CurrencyTable, text: str, url: str = "", family: str | None = None
) -> dict[str, int]:
    codes = {r.code for r in table.rows if family is None or r.family == family}
    counts: dict[str, int] = {}
    for word, n in oracle_words_with_stem(text, _oracle_stems(table, family)).items():
        code = table._cue_words.get(word)
        if code in codes:
            counts[code] = counts.get(code, 0) + n
    for phrase, code in table._cue_phrases.items():
        n = text.count(phrase) if code in codes else 0
        if n:
            counts[code] = counts.get(code, 0) + n
    host = urlsplit(url).hostname or "" if url else ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if table._tld.get(tld) in codes:
        code = table._tld[tld]
        counts[code] = counts.get(code, 0) + 2
    return counts


# ------------------------------------------------------------------------- inputs

_TABLE = currency.currency_table()
_FAMILIES = sorted({r.family for r in _TABLE.rows})
_CUES = sorted({cue for r in _TABLE.rows for cue in r.cues})
_AFFIXES = ["", "", "و", "ب", "ال", "بال", "لل", "ة", "ية", "يين", "ات", "ا", "x", "_"]
#: Word and non-word characters that the two regex dialects or a blank test could mistake.
_GLUE = [" ", " ", " ", "  ", "\n", "\t", "،", ".", "(", "-", "_", "2", "²", "\u200d", "\u0651", ""]
_cue_word = st.tuples(
    st.sampled_from(_AFFIXES), st.sampled_from(_CUES), st.sampled_from(_AFFIXES)
).map("".join)
_token = st.one_of(
    _cue_word, _cue_word, st.sampled_from(["مصرف", "عماني", "في"]), st.text(max_size=4)
)
evidence_text = st.lists(st.tuples(_token, st.sampled_from(_GLUE)), max_size=25).map(
    lambda pairs: "".join(token + glue for token, glue in pairs)
)
_urls = st.sampled_from(["", "https://news.example.ma/a", "http://x.example.kw", "https://a.b.eg/"])
_family_sets = st.lists(st.sampled_from([*_FAMILIES, None]), min_size=1, max_size=4)


# -------------------------------------------------------------------------- tests


@settings(max_examples=300, deadline=None)
@given(evidence_text, _family_sets)
def test_words_with_stem_equals_the_searching_widener(text: str, families: list) -> None:
    for raw in (text, normalize(text).text):
        stems = _TABLE._stems(tuple(sorted(set(families), key=str)))
        trie = re.compile(trie_pattern(stems.literals) or "(?!)")
        assert currency._words_with_stem(raw, stems) == oracle_words_with_stem(raw, trie)


@settings(max_examples=300, deadline=None)
@given(evidence_text, _urls, _family_sets)
def test_one_scan_equals_the_scan_per_family(text: str, url: str, families: list) -> None:
    norm = normalize(text).text
    evidence = _TABLE.family_evidence(norm, url, families)
    assert set(evidence) == set(families)
    for family in families:
        assert evidence[family] == oracle_country_evidence(_TABLE, norm, url, family)
        assert _TABLE.country_evidence(norm, url, family) == evidence[family]


def test_one_scan_on_a_sentence_with_several_countries() -> None:
    text = normalize(
        "قال وزير المالية العراقي في بغداد إن الرياض والدوحة وعمّان والقاهرة "
        "وقّعت مع المغرب، ومع الجزائريين في وهران، اتفاقاً بقيمة 5 ملايين دينار."
    ).text
    evidence = _TABLE.family_evidence(text, "", ["dinar", "riyal", "dirham", "pound"])
    assert evidence["dinar"] == {"IQD": 2, "DZD": 2}
    assert evidence["riyal"] == {"SAR": 1, "QAR": 1}
    assert evidence["dirham"] == {"MAD": 1}
    assert evidence["pound"] == {"EGP": 1}
