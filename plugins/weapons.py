"""Example plugin: weapons systems and military aircraft named in Arabic news.

Copy this file, edit the table, and run it with ``newslab annotate INPUT --plugins
plugins/`` (or ``newslab.load_plugins("plugins/")`` in a notebook). It is meant to be
read top to bottom as a tutorial; ``docs/plugins.md`` tells the whole story.

1. The hook
   newslab finds extractors through one hook, ``newslab_extractors``. A plugin is any
   module with a function of that name decorated by ``@newslab.hookimpl`` that returns
   a list of extractor *instances*. The built-in extractors are registered exactly the
   same way, so a plugin is a first-class citizen: its spans land in the same table.

2. The Extractor class
   Subclass :class:`newslab.Extractor` and set class attributes: ``name`` (unique,
   shown in the ``extractor`` column and by ``newslab plugins``), ``kinds`` (the span
   kinds you emit — here our own kind ``weapon``) and ``labels`` (the labels allowed
   per kind). The constructor only stores parameters; the work happens in
   ``extract(article, context)``, which yields :class:`newslab.Span` objects.

3. Span offsets index ``article.text``
   ``Span(start, end, kind, label, value, attrs)``: ``article.text[start:end]`` must be
   the words you found, exactly as written (CRLF, diacritics and all). The runner
   checks it and fills in the ``text``, ``article`` and ``extractor`` columns.
   ``value`` is the normalised value (here the canonical system name) and ``attrs`` a
   JSON-able dict of anything else (here the category).

4. Match on ``context.normalized``, report original offsets
   Arabic spellings vary: إف-35 / اف 35, hamza and alef forms, Persian letters,
   diacritics and tatweel. ``context.normalized`` is the article folded once for all
   extractors (``newslab.normalize``); ``.text`` is what you match on, and
   ``.to_original_span(start, end)`` maps a match back to ``article.text``. Normalise
   your own table with the same function so both sides are folded alike.

5. Test it
   ``newslab.check_extractor(WeaponsExtractor())`` runs the conformance suite (hostile
   texts, determinism, offsets); ``tests/test_example_plugins.py`` shows table tests
   of the form (sentence, expected spans).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import regex

import newslab
from newslab import Extractor, Span, normalize

#: Canonical name -> (category, spellings). Arabic and Latin spellings as outlets write
#: them; separators (space, hyphen, none) between a name and its number are all matched.
WEAPONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "F-35": ("aircraft", ("إف-35", "اف-35", "F-35")),
    "F-16": ("aircraft", ("إف-16", "اف-16", "F-16")),
    "F-15": ("aircraft", ("إف-15", "اف-15", "F-15")),
    "Rafale": ("aircraft", ("رافال", "Rafale")),
    "Su-35": ("aircraft", ("سوخوي-35", "سو-35", "Su-35")),
    "Apache": ("helicopter", ("أباتشي", "Apache")),
    "Black Hawk": ("helicopter", ("بلاك هوك", "Black Hawk")),
    "Bayraktar TB2": (
        "drone",
        ("بيرقدار تي بي 2", "بيرقدار", "بيرقطار", "Bayraktar TB2", "Bayraktar", "TB2"),
    ),
    "Shahed-136": ("drone", ("شاهد-136", "Shahed-136")),
    "MQ-9 Reaper": ("drone", ("إم كيو-9", "ريبر", "MQ-9", "Reaper")),
    "drone": (
        "drone",
        (
            "طائرة مسيرة",
            "طائرات مسيرة",
            "الطائرة المسيرة",
            "الطائرات المسيرة",
            "طائرة دون طيار",
            "طائرات دون طيار",
            "طائرة بدون طيار",
            "طائرات بدون طيار",
            "درون",
            "درونز",
        ),
    ),
    "Patriot": ("air_defence", ("باتريوت", "Patriot")),
    "Iron Dome": ("air_defence", ("القبة الحديدية", "Iron Dome")),
    "S-400": ("air_defence", ("إس-400", "اس-400", "S-400")),
    "THAAD": ("air_defence", ("ثاد", "THAAD")),
    "HIMARS": ("artillery", ("هيمارس", "HIMARS")),
    "Tomahawk": ("missile", ("توماهوك", "Tomahawk")),
    "Kornet": ("anti_tank", ("كورنيت", "Kornet")),
    "Javelin": ("anti_tank", ("جافلين", "Javelin")),
    "Merkava": ("tank", ("ميركافا", "Merkava")),
    "Leopard 2": ("tank", ("ليوبارد 2", "ليوبارد", "Leopard 2", "Leopard")),
    "Abrams": ("tank", ("أبرامز", "Abrams")),
}

CATEGORIES = tuple(sorted({category for category, _ in WEAPONS.values()}))

# Clitics written before a name — و/ف (and, so), ب/ل/ك (with, for, like) and لل (for
# the) — stay outside the span; the article ال is part of the name ("القبة الحديدية").
_PREFIX = r"[وف]?(?:لل|[بلك])?"
_NOT_WORD_BEFORE = r"(?<![\p{L}\p{N}_])"
_NOT_WORD_AFTER = r"(?![\p{L}\p{N}])"
_SEPARATORS = regex.compile(r"[\s\-]+")


def _key(name: str) -> str:
    """Lookup key of a name: folded, casefolded, no article, no separators."""
    folded = normalize(name).text.casefold()
    if folded.startswith("ال"):
        folded = folded[2:]
    return _SEPARATORS.sub("", folded)


def _pattern_for(spelling: str) -> str:
    """Regex for one spelling without its article; a hyphen or space is optional."""
    folded = normalize(spelling).text
    if folded.startswith("ال"):
        folded = folded[2:]
    return r"[\s\-]?".join(regex.escape(part) for part in _SEPARATORS.split(folded))


def _compile(table: dict[str, tuple[str, tuple[str, ...]]]) -> tuple[regex.Pattern, dict[str, str]]:
    """One alternation for the whole table (longest spellings first) and a reverse map."""
    canonical_of: dict[str, str] = {}
    spellings_seen: set[str] = set()
    for canonical, (_, spellings) in table.items():
        for spelling in spellings:
            canonical_of[_key(spelling)] = canonical
            spellings_seen.add(_pattern_for(spelling))
    body = "|".join(sorted(spellings_seen, key=len, reverse=True))
    pattern = regex.compile(
        f"{_NOT_WORD_BEFORE}{_PREFIX}(?P<name>(?:ال)?(?:{body})){_NOT_WORD_AFTER}",
        regex.IGNORECASE,
    )
    return pattern, canonical_of


class WeaponsExtractor(Extractor):
    """Weapons systems and military aircraft (gazetteer, clitics allowed)."""

    name = "weapons"
    kinds = ("weapon",)
    labels: ClassVar[dict[str, tuple[str, ...]]] = {"weapon": CATEGORIES}
    description = "weapons systems and aircraft (example plugin)"

    def __init__(self, table: dict[str, tuple[str, tuple[str, ...]]] | None = None) -> None:
        self.table = table if table is not None else WEAPONS
        self._pattern, self._canonical = _compile(self.table)

    def extract(self, article: newslab.Article, context: newslab.Context) -> Iterator[Span]:
        normalized = context.normalized  # shared by every extractor, computed once
        for match in self._pattern.finditer(normalized.text):
            canonical = self._canonical.get(_key(match.group("name")))
            if canonical is None:  # cannot happen with a consistent table; never guess
                continue
            start, end = normalized.to_original_span(*match.span("name"))
            category = self.table[canonical][0]
            yield Span(start, end, "weapon", category, canonical, {"category": category})


@newslab.hookimpl
def newslab_extractors() -> list[Extractor]:
    """The hook newslab calls: return extractor instances."""
    return [WeaponsExtractor()]
