"""The follow pattern with ISO codes as a trie equals the one with a flat alternation.

:func:`newslab.extract.number_grammar._follow` reads the currency codes after an amount
(``500 USD``) with a trie-factored alternation; the flat ``AED|AUD|...`` alternation it
replaced is rebuilt here as the oracle, and both are run at every position of texts
built from the codes (any case), other currency words and Latin/Arabic glue.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslab.extract import number_grammar as grammar
from newslab.extract.calendars import latin_month_names, month_names
from newslab.extract.number_words import SCALES, trie_pattern

_CODES = sorted({r.code for r in grammar.currency_table().rows})


def _oracle_follow() -> re.Pattern[str]:
    """The follow pattern as it was built, with ``"|".join(codes)``."""
    months = set(month_names()) | set(latin_month_names())
    months |= {name.split()[0] for name in month_names() if " " in name}
    return re.compile(
        r"[ \t]{0,3}(?:"
        r"(?P<pct>%|(?:في[ \t]{1,2}ال|بال)(?:"
        + trie_pattern(grammar._PERCENT_WORDS)
        + r")(?!\w)|percent(?!\w))"
        r"|(?P<scale>" + trie_pattern(SCALES) + r")(?!\w)"
        r"|(?P<cur>(?:من[ \t]{1,3})?(?P<noun>" + trie_pattern(grammar._FAMILY_OF) + r"))(?!\w)"
        r"|(?P<sym>US\$|[$€£])"
        r"|(?P<code>" + "|".join(_CODES) + r")(?![A-Za-z])"
        r"|(?P<unit>" + trie_pattern(grammar._UNIT_OF) + r")(?!\w)"
        r"|(?P<month>" + trie_pattern(months) + r")(?!\w)"
        r"|(?P<word>\w{2,14})(?!\w)"
        r")",
        re.IGNORECASE,
    )


_ORACLE = _oracle_follow()

_TOKENS = [
    *_CODES,
    *(code.lower() for code in _CODES),
    *(code.title() for code in _CODES),
    *(code[:2] for code in _CODES),
    *("USDX", "EURO", "US$", "$", "دولار", "مليون", "شخص", "%", "يناير"),
]
_GLUE = st.sampled_from(["", " ", "  ", "   ", "\t", "x", "1", ".", "،", "-", "ي"])
follow_text = st.lists(
    st.tuples(_GLUE, st.one_of(st.sampled_from(_TOKENS), st.text(max_size=3))), max_size=8
).map(lambda pairs: "".join(glue + token for glue, token in pairs))


def _reading(pattern: re.Pattern[str], text: str, pos: int) -> tuple | None:
    found = pattern.match(text, pos)
    if found is None:
        return None
    return found.lastgroup, found.span(), found.groupdict()


@settings(max_examples=400, deadline=None)
@given(follow_text)
def test_code_trie_reads_what_the_flat_alternation_read(text: str) -> None:
    follow = grammar._follow()
    for pos in range(len(text) + 1):
        assert _reading(follow, text, pos) == _reading(_ORACLE, text, pos)


def test_every_code_is_read_in_any_case() -> None:
    follow = grammar._follow()
    for code in _CODES:
        for written in (code, code.lower(), code.title()):
            found = follow.match(f" {written} ")
            assert found is not None and found.lastgroup == "code", written
            assert found.group("code") == written
