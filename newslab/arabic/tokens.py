"""Word tokens of Arabic news text, with offsets into the original.

:func:`tokens` returns :class:`Token` ``(start, end, text)`` tuples for words only
(punctuation and symbols are skipped). The choice for social-media and web items is to
keep them whole, as one token each, and to flag them through ``Token.kind``:

=========== ==================================================================
``arabic``  Arabic-script word; its diacritics, tatweel and ZWNJ stay inside
``word``    word in another script (``O'Brien``, ``al-Aqsa``, ``G20``); an English
            possessive ``'s`` is left out (``Kohavi's`` -> ``Kohavi``)
``number``  digits, Arabic-Indic or not, with decimal/thousands separators
``hashtag`` ``#وسم_عربي`` (needs a letter: ``#1`` is not a hashtag)
``mention`` ``@handle``
``url``     ``https://…``, ``www.…``, ``pic.twitter.com/…``, bare known domains
``email``   ``name@example.org``
=========== ==================================================================

Arabic letters and digits written together (``كوفيد19``) are two tokens; so are Arabic
and Latin letters, and a conjunction glued to a hashtag (``و#المغرب`` -> ``و``,
``#المغرب``). Trailing punctuation is never part of a URL (``…/page).`` ends at
``page``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newslab.arabic.normalize import DIACRITICS

__all__ = ["Token", "tokens"]

_AR_LETTER = (
    "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc"
    "\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufd3d\ufd50-\ufdfb\ufe70-\ufefc"
)
_AR_INNER = _AR_LETTER + re.escape(DIACRITICS) + "\u0640\u200c\u200d"
_AR_BLOCKS = "\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# Letters (and, inside a word, digits and Latin combining accents) of any script but Arabic.
_OTHER_FIRST = rf"[^\W\d_{_AR_BLOCKS}]"
_OTHER_INNER = rf"(?:[^\W_{_AR_BLOCKS}]|[\u0300-\u036f])"
_OTHER_WORD = rf"{_OTHER_FIRST}{_OTHER_INNER}*(?:['’\-]{_OTHER_INNER}+){{0,10}}"
_URL_STOP = r"\s<>\"'«»“”„‹›\[\]{}|\\^`"
_TLD_WORDS = """
com net org info biz gov edu mil int io co me tv fm ly news online media press site ma dz
tn eg sa ae qa kw bh om ye jo lb sy iq ps il sd mr ir tr fr uk de es it be nl ch us ca ru
cn eu
"""
#: Top-level domains that make a bare ``name.tld`` a URL even without a path.
_TLDS = frozenset(_TLD_WORDS.split())

# Arabic words come first: they are most tokens, and no other alternative can start
# with an Arabic letter, so trying them first changes nothing but the speed. The
# standard ``re`` engine is used: on this pattern it is about three times faster than
# ``regex``.
_TOKEN = re.compile(
    rf"(?P<arabic>[{_AR_LETTER}][{_AR_INNER}]*)"
    rf"|(?P<url>(?:https?://|www\.)[^{_URL_STOP}]+)"
    rf"|(?P<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{{1,64}}@[A-Za-z0-9-]{{1,63}}"
    rf"(?:\.[A-Za-z0-9-]{{1,63}}){{1,8}})"
    rf"|(?P<domain>(?<![\w.@/-])(?:[A-Za-z0-9-]{{1,63}}\.){{1,8}}[A-Za-z]{{2,24}}"
    rf"(?:/[^{_URL_STOP}]*)?)"
    r"|(?P<mention>(?<![\w@])@\w{1,50}(?:\.\w{1,50}){0,3})"
    rf"|(?P<hashtag>(?<![A-Za-z0-9_#&])#[\d_]{{0,50}}[^\W\d_][\w\u0640{re.escape(DIACRITICS)}]{{0,139}})"
    r"|(?P<number>\d+(?:[.,\u066b\u066c]\d+){0,20})"
    rf"|(?P<word>{_OTHER_WORD})"
)
_AR_FIRST = re.compile(f"[{_AR_LETTER}]")
_URL_TRAIL = ".,;:!?)]}'\"،؛؟…"


class Token(NamedTuple):
    """One word: ``text == original[start:end]``; ``kind`` tells what it is."""

    start: int
    end: int
    text: str

    @property
    def kind(self) -> str:
        """``arabic``, ``word``, ``number``, ``hashtag``, ``mention``, ``url`` or ``email``."""
        return token_kind(self.text)


def token_kind(text: str) -> str:
    """The kind of a token's text (see the module docstring)."""
    first = text[:1]
    if first == "#":
        return "hashtag"
    if first == "@":
        return "mention"
    if "@" in text:
        return "email"
    if first.isdigit():
        return "number"
    if "/" in text or "." in text or ":" in text:
        return "url"
    if _AR_FIRST.match(first):
        return "arabic"
    return "word"


def tokens(text: str) -> list[Token]:
    """The word tokens of ``text`` in order, never overlapping (see the module docstring)."""
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # Token(...) without the Python-level __new__ frame
    for match in _TOKEN.finditer(text):
        group = match.lastgroup
        if group == "arabic" or group == "number":
            append(make(Token, (match.start(), match.end(), match.group())))
            continue
        start, end = match.span()
        if group == "url" or group == "domain":
            end = start + len(match.group().rstrip(_URL_TRAIL))
            if group == "domain" and not _is_domain(text[start:end]):
                out.extend(_plain_tokens(text, start, end))
                continue
        elif (
            group == "word" and end - start > 2 and text[end - 2] in "'’" and text[end - 1] in "sS"
        ):
            end -= 2  # English possessive: "Kohavi's" -> "Kohavi"
        append(make(Token, (start, end, text[start:end])))
    return out


def _is_domain(candidate: str) -> bool:
    """A bare ``name.tld`` is a URL when it has a path or a well-known top-level domain."""
    host, slash, _ = candidate.partition("/")
    return bool(slash) or host.rsplit(".", 1)[-1].lower() in _TLDS


_PLAIN = re.compile(rf"(?P<number>\d+)|(?P<word>{_OTHER_WORD})")


def _plain_tokens(text: str, start: int, end: int) -> list[Token]:
    """Words and numbers of a dotted run that turned out not to be a domain (``U.S.A``)."""
    return [Token(*m.span(), m.group()) for m in _PLAIN.finditer(text, start, end)]
