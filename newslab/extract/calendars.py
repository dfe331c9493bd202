"""Month, weekday, Hijri-month and decade names as they appear in Arabic news.

Gregorian month names come from CLDR (through Babel) for every Arabic locale, so the
Egyptian/Gulf (يناير), Levantine/Iraqi (كانون الثاني), Moroccan (يوليوز، غشت) and
Algerian/Tunisian (جانفي، جويلية) systems are all covered; a short list adds the
spellings newsrooms use that CLDR lacks (يوليه، إبريل، سپتمبر، كانون ثاني …). Every
name is stored *normalised* with :func:`newslab.arabic.normalize` (alef forms folded,
ى -> ي), because the date grammar matches on the normalised text.

Hijri month names come from ``hijridate``; Latin (English and French) month names from
CLDR as well, for dates quoted in tweets and agency credits.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, localedata

from newslab.arabic.normalize import normalize

__all__ = [
    "AMBIGUOUS_MONTH_NAMES",
    "DECADE_TENS",
    "EXTRA_MONTH_NAMES",
    "MONTH_SYSTEMS",
    "WEEKDAYS",
    "arabic_locales",
    "hijri_month_names",
    "latin_month_names",
    "month_names",
    "month_system",
    "norm",
]

#: Spellings found in Arabic news that CLDR does not list -> the CLDR name they spell.
EXTRA_MONTH_NAMES: dict[str, str] = {
    "جانفييه": "جانفي",
    "فبرير": "فبراير",
    "فيفرييه": "فيفري",
    "ابريل": "أبريل",
    "مايّو": "مايو",
    "يونيه": "يونيو",
    "يوليه": "يوليو",
    "جويليه": "جويلية",
    "اغسطس": "أغسطس",
    "أغشت": "غشت",
    "أوغسطس": "أغسطس",
    "سپتمبر": "سبتمبر",
    "سيبتمبر": "سبتمبر",
    "شتمبر": "شتنبر",
    "أوكتوبر": "أكتوبر",
    "نوڤمبر": "نوفمبر",
    "نوفمبير": "نوفمبر",
    "ديسيمبر": "ديسمبر",
    "دجمبر": "دجنبر",
}

#: Month names that are also ordinary words or proper names (مارس "he practised",
#: أب "father", نيسان the car maker, شباط a surname, ماي, جوان a first name): a bare
#: mention needs stronger context than a year or a day number.
AMBIGUOUS_MONTH_NAMES: frozenset[str] = frozenset({"مارس", "اب", "نيسان", "شباط", "ماي", "جوان"})

#: Territories that define a month-name system (for the ``month_system`` attribute).
MONTH_SYSTEMS: dict[str, frozenset[str]] = {
    "levantine": frozenset({"SY", "LB", "JO", "PS", "IQ"}),
    "moroccan": frozenset({"MA", "MR", "EH"}),
    "algerian_tunisian": frozenset({"DZ", "TN"}),
}

#: Weekday number (Monday = 0, as in :mod:`datetime`) -> normalised names with ال.
WEEKDAYS: dict[int, tuple[str, ...]] = {}

#: Tens words of the decades (عشرينيات … تسعينيات) -> decade offset within a century.
DECADE_TENS: dict[str, int] = {
    "عشرين": 20,
    "ثلاثين": 30,
    "اربعين": 40,
    "خمسين": 50,
    "ستين": 60,
    "سبعين": 70,
    "ثمانين": 80,
    "تسعين": 90,
}

#: Hijri spellings beyond ``hijridate``'s own (genitive ذي, ربيع الآخر, …).
EXTRA_HIJRI_NAMES: dict[int, tuple[str, ...]] = {
    3: ("ربيع أول",),
    4: ("ربيع الآخر", "ربيع آخر", "ربيع ثاني"),
    5: ("جمادى الأول", "جمادى أولى"),
    6: ("جمادى الثانية", "جمادى الآخر", "جمادى ثانية"),
    11: ("ذي القعدة",),
    12: ("ذي الحجة",),
}


def norm(text: str) -> str:
    """Normalise a name the way the date grammar sees article text."""
    return " ".join(normalize(text).text.split())


def arabic_locales() -> list[str]:
    """CLDR locale identifiers of the Arabic language (``ar``, ``ar_MA`` …), sorted."""
    return sorted(x for x in localedata.locale_identifiers() if x == "ar" or x.startswith("ar_"))


def _cldr_months(locales: Iterable[str]) -> dict[str, tuple[int, set[str]]]:
    found: dict[str, tuple[int, set[str]]] = {}
    for ident in locales:
        locale = Locale.parse(ident)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    key = norm(name)
                    if not key or key.isascii():
                        continue
                    found.setdefault(key, (number, set()))[1].add(ident)
    return found


@lru_cache(maxsize=1)
def _month_table() -> dict[str, tuple[int, str]]:
    table: dict[str, tuple[int, str]] = {}
    for name, (number, locales) in _cldr_months(arabic_locales()).items():
        table[name] = (number, _system_of(locales))
    for variant, spelled in EXTRA_MONTH_NAMES.items():
        table.setdefault(norm(variant), table[norm(spelled)])
    for key, (number, _) in list(table.items()):
        if " " in key and key.split()[1].startswith("ال"):  # كانون الثاني -> كانون ثاني
            head, tail = key.split(" ", 1)
            table.setdefault(f"{head} {tail[2:]}", table[key])
        if key.endswith("ة"):
            table.setdefault(key[:-1] + "ه", (number, table[key][1]))
    return table


def _system_of(locales: Iterable[str]) -> str:
    territories = {ident.split("_", 1)[1] for ident in locales if "_" in ident}
    for system, members in MONTH_SYSTEMS.items():
        if territories and territories <= members:
            return system
    if (
        territories
        and territories <= MONTH_SYSTEMS["moroccan"] | MONTH_SYSTEMS["algerian_tunisian"]
    ):
        return "maghrebi"
    return "standard"


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Every normalised Arabic Gregorian month name -> month number (1-12).

    The dict is shared (cached): do not modify it."""
    return {name: number for name, (number, _) in _month_table().items()}


def month_system(name: str) -> str:
    """The naming system of a normalised month name: ``standard`` (يناير …),
    ``levantine`` (كانون الثاني …), ``moroccan`` (يوليوز …), ``algerian_tunisian``
    (جانفي …) or ``maghrebi`` (shared by both, e.g. ماي)."""
    entry = _month_table().get(name)
    return entry[1] if entry else "standard"


@lru_cache(maxsize=1)
def latin_month_names() -> dict[str, int]:
    """Lower-cased English and French month names and abbreviations -> month number."""
    names: dict[str, int] = {}
    for ident in ("en", "fr"):
        locale = Locale.parse(ident)
        for width in ("wide", "abbreviated"):
            for number, name in locale.months["format"][width].items():
                names[name.lower().rstrip(".")] = number
    names["sept"] = 9
    return names


@lru_cache(maxsize=1)
def hijri_month_names() -> dict[str, int]:
    """Every normalised Hijri month name (محرم … ذو الحجة, with variants) -> number."""
    from hijridate import Hijri

    names: dict[str, int] = {}
    for number in range(1, 13):
        variants = [Hijri(1443, number, 1).month_name("ar"), *EXTRA_HIJRI_NAMES.get(number, ())]
        for name in variants:
            key = norm(name)
            names[key] = number
            if key.endswith("ة"):
                names[key[:-1] + "ه"] = number
    return names


def _load_weekdays() -> None:
    locale = Locale.parse("ar")
    for context in ("format", "stand-alone"):
        for number, name in locale.days[context]["wide"].items():
            key = norm(name)
            names = set(WEEKDAYS.get(number, ()))
            names.add(key)
            if key.endswith("ة"):
                names.add(key[:-1] + "ه")
            WEEKDAYS[number] = tuple(sorted(names))


_load_weekdays()
