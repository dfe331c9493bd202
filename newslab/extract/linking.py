"""Variant linking: one canonical value per referent across articles and outlets.

Outlets spell the same person differently: letters transposed (كوخافي / خوكافي), a
spurious article (الوديي / لوديي), hamza dropped (افيف / أفيف), Persian letters
(أفیف), Latin transliterations (Kohavi), first and family name swapped (بلخير الفاروق
/ الفاروق بلخير). :func:`link_people` clusters person mentions with token-level
comparisons on keyed forms (rapidfuzz ratio, anagrams, consonant skeletons that also
cover Latin script) and picks one canonical name per cluster. Different first names
keep people apart even when they share a family name (بشار الأسد / حافظ الأسد).

:func:`link_names` does the lighter job for other labels: names differing only in
spelling noise get the best-spelled form.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, compress

import numpy as np
from rapidfuzz.distance import Indel, Levenshtein
from rapidfuzz.fuzz import ratio
from rapidfuzz.process import cdist

from newslab.extract.entity_text import TOKEN, key
from newslab.extract.gazetteer import given_names

__all__ = [
    "Mention",
    "latin_similarity",
    "latin_skeleton",
    "latin_to_arabic",
    "link_name_counts",
    "link_names",
    "link_people",
    "link_person_names",
    "same_person",
    "skeleton",
    "tokens_match",
]

# Consonant classes shared by Arabic and Latin script. Vowel letters are dropped; the
# gutturals (ح خ ه and Latin h / kh / ch) share a class, as do emphatic/plain pairs.
_AR_CLASSES = {
    "ب": "B",
    "پ": "B",
    "ت": "T",
    "ط": "T",
    "ث": "S",
    "س": "S",
    "ص": "S",
    "ج": "J",
    "چ": "J",
    "ح": "H",
    "خ": "H",
    "ه": "H",
    "ة": "",
    "د": "D",
    "ض": "D",
    "ذ": "Z",
    "ز": "Z",
    "ظ": "Z",
    "ژ": "Z",
    "ر": "R",
    "ش": "X",
    "ع": "",
    "غ": "G",
    "ف": "F",
    "ڤ": "F",
    "ق": "K",
    "ك": "K",
    "گ": "G",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ا": "",
    "و": "",
    "ي": "",
    "ء": "",
    "ئ": "",
    "ؤ": "",
    "أ": "",
    "إ": "",
    "آ": "",
    "ى": "",
}
_LATIN_DIGRAPHS = (
    ("kh", "H"),
    ("ch", "H"),
    ("sh", "X"),
    ("gh", "G"),
    ("ph", "F"),
    ("th", "T"),
    ("dh", "Z"),
    ("ck", "K"),
    ("tz", "TS"),
    ("ts", "TS"),
)
_LATIN_CLASSES = {
    "b": "B",
    "p": "B",
    "t": "T",
    "s": "S",
    "c": "K",
    "j": "J",
    "h": "H",
    "d": "D",
    "z": "Z",
    "r": "R",
    "f": "F",
    "v": "F",
    "w": "",
    "g": "G",
    "q": "K",
    "k": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "x": "KS",
    "a": "",
    "e": "",
    "i": "",
    "o": "",
    "u": "",
    "y": "",
}


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonant skeleton of one Arabic or Latin token (script-independent)."""
    if token.isascii():
        return latin_skeleton(token)
    out = []
    for ch in token:
        cls = _AR_CLASSES.get(ch, ch)
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


def latin_skeleton(token: str) -> str:
    """Consonant skeleton of a Latin transliteration: ``Kohavi`` -> ``KHF``."""
    t = token.lower()
    for digraph, cls in _LATIN_DIGRAPHS:
        t = t.replace(digraph, cls)
    out = []
    for ch in t:
        cls = ch if ch.isupper() else _LATIN_CLASSES.get(ch, "")
        for c in cls:
            if not out or out[-1] != c:
                out.append(c)
    return "".join(out)


_LATIN_TO_ARABIC = (
    ("kh", "خ"),
    ("ch", "خ"),
    ("sh", "ش"),
    ("gh", "غ"),
    ("th", "ث"),
    ("ph", "ف"),
    ("ou", "و"),
    ("oo", "و"),
    ("ee", "ي"),
    ("ck", "ك"),
    ("a", "ا"),
    ("b", "ب"),
    ("c", "ك"),
    ("d", "د"),
    ("e", "ي"),
    ("f", "ف"),
    ("g", "غ"),
    ("h", "ه"),
    ("i", "ي"),
    ("j", "ج"),
    ("k", "ك"),
    ("l", "ل"),
    ("m", "م"),
    ("n", "ن"),
    ("o", "و"),
    ("p", "ب"),
    ("q", "ق"),
    ("r", "ر"),
    ("s", "س"),
    ("t", "ت"),
    ("u", "و"),
    ("v", "ف"),
    ("w", "و"),
    ("x", "كس"),
    ("y", "ي"),
    ("z", "ز"),
)
_LOOSE = str.maketrans(
    {
        "خ": "ه",
        "ح": "ه",
        "ق": "ك",
        "ط": "ت",
        "ص": "س",
        "ض": "د",
        "ظ": "ز",
        "ذ": "ز",
        "ث": "س",
        "ع": None,
        "ء": None,
        "غ": "ك",
        "ة": "ه",
    }
)


@lru_cache(maxsize=65536)
def latin_to_arabic(word: str) -> str:
    """A rough Arabic spelling of a Latin transliteration (``Kochav`` -> ``كوخاف``)."""
    t = word.lower()
    out = []
    i = 0
    while i < len(t):
        for latin, arabic in _LATIN_TO_ARABIC:
            if t.startswith(latin, i):
                out.append(arabic)
                i += len(latin)
                break
        else:
            i += 1
    return "".join(out)


def latin_similarity(latin: str, arabic: str) -> float:
    """0-100 similarity of a Latin word and an Arabic one, through :func:`latin_to_arabic`.

    Articles on either side (``al-Burhan`` / ``البرهان``) are ignored.
    """
    latin = latin.split("-", 1)[1] if latin[:3].lower() in ("al-", "el-") else latin
    arabic = key(arabic)
    arabic = arabic[2:] if arabic.startswith("ال") and len(arabic) > 4 else arabic
    a = latin_to_arabic(latin).translate(_LOOSE)
    b = arabic.translate(_LOOSE)
    return ratio(a, b) if a and b else 0.0


def _article_free(k: str) -> str:
    """Drop a leading article or its alef: الوديي / لوديي both -> لوديي-like forms."""
    if k.startswith("ال") and len(k) > 4:
        return k[1:]
    return k


def _without_article(k: str) -> str:
    return k[2:] if k.startswith("ال") and len(k) > 4 else k


@lru_cache(maxsize=262144)
def tokens_match(a: str, b: str) -> bool:
    """True when two name tokens are spelling variants of each other (keyed or Latin)."""
    if a == b:
        return True
    a_latin, b_latin = a.isascii(), b.isascii()
    if a_latin or b_latin:
        if a_latin and b_latin:
            return a.lower() == b.lower()
        latin, arabic = (a, b) if a_latin else (b, a)
        if latin_similarity(latin, arabic) >= 75:
            return True
        sa, sb = skeleton(a), skeleton(b)
        return len(sa) >= 3 and sa == sb
    ka, kb = key(a), key(b)
    if ka == kb or _article_free(ka) == _article_free(kb):
        return True
    given = given_names()
    if ka in given and kb in given:
        return False  # محمد / محمود, سعد / سعيد: distinct given names
    if _without_article(ka) == _without_article(kb) and len(_without_article(ka)) >= 3:
        return True  # الحداد / حداد
    short = min(len(ka), len(kb))
    if short < 4:
        return False
    if sorted(ka) == sorted(kb):
        return True  # transposed letters: كوخافي / خوكافي
    if short >= 5 and Levenshtein.distance(ka, kb) <= 1:
        return True
    sa, sb = skeleton(ka), skeleton(kb)
    if len(sa) >= 3 and sa == sb and abs(len(ka) - len(kb)) <= 2:
        return True  # vowel letters added or dropped: نتنياهو / نتانياهو
    return short >= 6 and ratio(_article_free(ka), _article_free(kb)) >= 85


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Do two multi-token names refer to the same person?

    Family names must match; when both names give a first name, first names must match
    too (so two people sharing a family name stay apart). Order may be swapped.
    """
    if not a or not b:
        return False
    if a[0].isascii() != b[0].isascii():
        a, b = _compound(a), _compound(b)  # Abdulhamid / عبد الحميد
    if len(a) == 1 or len(b) == 1:
        single, other = (a, b) if len(a) == 1 else (b, a)
        return (
            any(tokens_match(single[0], t) for t in other[-2:])
            if len(other) > 1
            else (tokens_match(single[0], other[0]))
        )
    if not (tokens_match(a[0], b[0]) or _loose_first(a, b)):
        # swapped order: بلخير الفاروق / الفاروق بلخير
        return len(a) == len(b) == 2 and tokens_match(a[0], b[1]) and tokens_match(a[1], b[0])
    if tokens_match(a[-1], b[-1]):
        return True
    # one name continues the other with a stray word: أفيف كوخافي / أفيف كوخافي القذر
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) < len(long_) and tokens_match(short[-1], long_[len(short) - 1])


_LINKS = frozenset({"عبد", "ابو", "أبو"})


def _compound(name: Sequence[str]) -> tuple[str, ...]:
    """Join ``عبد`` / ``أبو`` to the next word, as Latin spellings do."""
    out: list[str] = []
    for tok in name:
        if out and out[-1] in _LINKS:
            out[-1] += tok
        else:
            out.append(tok)
    return tuple(out)


def _loose_first(a: Sequence[str], b: Sequence[str]) -> bool:
    """Across scripts first names transliterate loosely (Herzi / هرتسي): a laxer test,
    used only when the family names agree."""
    if a[0].isascii() == b[0].isascii() or not tokens_match(a[-1], b[-1]):
        return False
    latin, arabic = (a[0], b[0]) if a[0].isascii() else (b[0], a[0])
    return latin_similarity(latin, arabic) >= 55


@dataclass(frozen=True)
class Mention:
    """One person mention: ``article`` it is in, ``name`` tokens as written (no clitics)."""

    article: str
    name: tuple[str, ...]


def _name_key(name: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key(t) if not t.isascii() else t.lower() for t in name)


def _hamzas(text: str) -> int:
    return sum(text.count(c) for c in "أإآؤئء")


def _blocks(name: tuple[str, ...]) -> list[str]:
    """The blocks of a name, sorted: their order sets the order of the joins, which must
    not depend on the interpreter's string hash seed (workers may have another)."""
    out = set()
    for tok in {name[0], name[-1]}:
        k = key(tok) if not tok.isascii() else tok
        out.add("s:" + skeleton(k)[:4])
        if not tok.isascii():
            out.add("a:" + "".join(sorted(k)))
            out.add("f:" + _article_free(k))
    return sorted(out)


def link_people(mentions: Sequence[Mention]) -> list[str]:
    """Canonical name for every mention (same order): one value per person.

    Distinct names sharing a block (the skeleton, letters or article-free form of their
    first or last token) are compared pair by pair, a large block only for the pairs
    its screen lets through (:func:`_maybe_same_pairs`); mentions are only counted.
    """
    return link_person_names([m.name for m in mentions], [m.article for m in mentions])


def link_person_names(
    mention_names: Sequence[tuple[str, ...]], mention_articles: Sequence[str]
) -> list[str]:
    """:func:`link_people` of mentions given as two parallel lists (name tokens, article),
    for callers holding columns: no :class:`Mention` object per row."""
    articles_of: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, article in zip(mention_names, mention_articles, strict=True):
        articles_of[name].add(article)
    keyed = {name: _name_key(name) for name in articles_of}
    by_article: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, articles in articles_of.items():
        by_article[keyed[name]] |= articles
    counts: Counter[tuple[str, ...]] = Counter()
    for name, n in Counter(mention_names).items():
        counts[keyed[name]] += n
    names = sorted(by_article)  # the distinct keyed names
    index = {k: i for i, k in enumerate(names)}
    parent = list(range(len(names)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    multi = [i for i, k in enumerate(names) if len(k) > 1]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i in multi:
        for b in _blocks(names[i]):
            blocks[b].append(i)
    # a pair sharing several blocks is tested in the first one only: the test is pure, so
    # a later block could only repeat a refusal or meet an already joined pair
    member_of: dict[int, list[int]] = defaultdict(list)
    for order, members in enumerate(blocks.values()):
        for i in members:
            member_of[i].append(order)
    shared = {i: frozenset(orders) for i, orders in member_of.items()}
    for order, members in enumerate(blocks.values()):
        earlier: list[int] = []
        last_x = -1
        for x, y in _maybe_same_pairs([names[i] for i in members]):
            i, j = members[x], members[y]
            if x != last_x:
                earlier, last_x = [b for b in member_of[i] if b < order], x
            if earlier and not shared[j].isdisjoint(earlier):
                continue  # tested in an earlier block (a set test: cheaper than two finds)
            if find(i) == find(j):
                continue
            if same_person(names[i], names[j]):
                parent[find(i)] = find(j)

    # single tokens join the person whose family (or first) name they match;
    # several candidate people: the one mentioned in the same article, else the most cited
    root_articles: dict[int, set[str]] = defaultdict(set)
    root_counts: Counter[int] = Counter()
    for i in multi:
        root_articles[find(i)] |= by_article[names[i]]
        root_counts[find(i)] += counts[names[i]]
    single_target: dict[tuple[tuple[str, ...], str], int] = {}
    singles = [i for i, k in enumerate(names) if len(k) == 1]
    for i in singles:
        k = names[i]
        near = {j for b in _blocks(k) for j in blocks.get(b, ())}
        options = sorted({find(j) for j in near if same_person(k, names[j])})
        if not options:
            continue
        for article in by_article[k]:
            local = [r for r in options if article in root_articles[r]]
            pool = local or options
            best = max(pool, key=lambda r: (root_counts[r], -r))
            single_target[(k, article)] = best
    # single tokens with no full name: merge spelling variants among themselves
    targeted = {key_ for key_, _ in single_target}
    loose = [i for i in singles if names[i] not in targeted]
    for x, y in _maybe_same_pairs([names[i] for i in loose]):
        i, j = loose[x], loose[y]
        if find(i) != find(j) and tokens_match(names[i][0], names[j][0]):
            parent[find(i)] = find(j)

    # a mention's person: its name's, or for a single token the one chosen per article
    root_of = {name: find(index[k]) for name, k in keyed.items()}
    per_article = {name for name, k in keyed.items() if k in targeted}
    roots = list(map(root_of.__getitem__, mention_names))
    for i in compress(range(len(roots)), map(per_article.__contains__, mention_names)):
        target = single_target.get((keyed[mention_names[i]], mention_articles[i]))
        if target is not None:
            roots[i] = target
    written = {name: " ".join(name) for name in keyed}
    surfaces: dict[int, Counter[str]] = defaultdict(Counter)
    # Counter keeps first-seen order, which breaks ties between equally cited forms
    for (root, text), n in Counter(
        zip(roots, map(written.__getitem__, mention_names), strict=True)
    ).items():
        surfaces[root][text] += n
    canonical = {r: _best_name(c) for r, c in surfaces.items()}
    return [canonical[r] for r in roots]


#: Blocks at least this large are screened for possible pairs; smaller ones are
#: compared pair by pair (the screen's setup costs more than it saves there).
_SCREEN_MIN = 32
#: Rows of a block screened at once (bounds the memory of the pair matrices).
_SCREEN_ROWS = 256


def _maybe_same_pairs(block: Sequence[tuple[str, ...]]) -> Iterator[tuple[int, int]]:
    """Positions ``(x, y)``, ``x < y``, of the names in ``block`` that may be one person,
    in the order of a double loop over the block.

    Every pair that :func:`same_person` (or, for single tokens, :func:`tokens_match`)
    accepts is among them: the screen is a superset of those tests, computed for all
    pairs at once from :func:`_similar_tokens`, so a large block (one common first
    name before hundreds of family names) costs one matrix instead of a Python call
    per pair. Small blocks yield every pair.
    """
    size = len(block)
    if size < _SCREEN_MIN:
        yield from combinations(range(size), 2)
        return
    tokens = sorted({t for name in block for t in name})
    column = {t: n for n, t in enumerate(tokens)}
    similar = np.zeros((len(tokens) + 1, len(tokens) + 1), dtype=bool)  # last: no token
    similar[:-1, :-1] = _similar_tokens(tokens)
    width = max(len(name) for name in block)
    at = np.full((width, size), len(tokens))  # at[p, y]: token p of name y
    for y, name in enumerate(block):
        at[: len(name), y] = [column[t] for t in name]
    # a name with Latin letters is compared across scripts (compounds, loose first
    # names): the screen does not model that, so such names pass with every other
    wild = np.array([any(t.isascii() for t in name) for name in block])

    def match(p: int, q: int, rows: slice) -> np.ndarray:
        """Token p of the names in ``rows`` against token q of every name."""
        return similar[at[p, rows, None], at[q, None, :]]

    for top in range(0, size, _SCREEN_ROWS):
        rows = slice(top, min(size, top + _SCREEN_ROWS))
        if width == 1:
            maybe = match(0, 0, rows)  # single tokens: tokens_match of the one token
        else:
            # same_person: first names match and a later token of each matches
            # (family names, or the stray-word case); or two-word names swapped
            later = np.zeros((rows.stop - rows.start, size), dtype=bool)
            for p in range(1, width):
                for q in range(1, width):
                    later |= match(p, q, rows)
            maybe = (match(0, 0, rows) & later) | (match(0, 1, rows) & match(1, 0, rows))
        maybe[wild[rows], :] = True
        maybe[:, wild] = True
        xs, ys = np.nonzero(maybe)
        keep = ys > xs + rows.start
        yield from zip((xs[keep] + rows.start).tolist(), ys[keep].tolist(), strict=True)


def _similar_tokens(tokens: Sequence[str]) -> np.ndarray:
    """Boolean matrix, True where :func:`tokens_match` may accept the two tokens.

    On keyed Arabic tokens ``tokens_match`` accepts only: equal forms up to a leading
    article or its alef (Indel distance <= 2), one edit (distance <= 2), anagrams,
    equal consonant skeletons, or article-free forms of 6+ letters with rapidfuzz
    ``ratio >= 85`` (distance d' <= 0.15 x their lengths, where d' >= d - 2). Each of
    those is tested here, so the matrix is a superset of ``tokens_match``. Latin
    tokens match everything (the cross-script tests are not modelled).
    """
    keys = [key(t) for t in tokens]
    lengths = np.array([len(k) for k in keys])
    distance = cdist(keys, keys, scorer=Indel.distance, dtype=np.int32, workers=1)
    total = lengths[:, None] + lengths[None, :]
    shortest = np.minimum(lengths[:, None], lengths[None, :])
    similar = (distance <= 2) | ((shortest >= 6) & (20 * (distance - 2) <= 3 * total))
    similar |= _equal(["".join(sorted(k)) for k in keys])
    similar |= _equal([skeleton(k) for k in keys])
    latin = np.array([t.isascii() for t in tokens])
    similar[latin, :] = True
    similar[:, latin] = True
    return similar


def _equal(values: Sequence[str]) -> np.ndarray:
    """Boolean matrix, True where two values are equal."""
    ids: dict[str, int] = {}
    codes = np.array([ids.setdefault(v, len(ids)) for v in values])
    return codes[:, None] == codes[None, :]


def _best_name(surfaces: Counter[str]) -> str:
    """The fullest, most frequent, best-spelled Arabic-script form of a name."""

    def score(item: tuple[str, int]) -> tuple:
        text, count = item
        tokens = TOKEN.findall(text)
        arabic = not text.isascii()
        return (arabic, len(tokens) > 1, count, len(tokens), _hamzas(text), text)

    # forms with the same keyed spelling pool their counts
    pooled: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for text, count in surfaces.items():
        k = " ".join(key(t) for t in TOKEN.findall(text))
        pooled[k] += count
        spelled[k][text] += count
    best_key = max(
        pooled.items(),
        key=lambda kv: score((max(spelled[kv[0]], key=spelled[kv[0]].get), kv[1])),
    )[0]
    forms = spelled[best_key]
    return max(forms.items(), key=lambda kv: (_hamzas(kv[0]), kv[1], kv[0]))[0]


def link_names(values: Iterable[str]) -> dict[str, str]:
    """Map names that differ only in spelling noise to their best-spelled form."""
    return link_name_counts(Counter(values))


def link_name_counts(counts: Mapping[str, int]) -> dict[str, str]:
    """:func:`link_names` of the distinct names and how often each occurs (the result
    does not depend on their order: ties go to the best spelling, then the text)."""
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for v, count in counts.items():
        k = " ".join(
            _article_free(key(t)) if i == 0 else key(t) for i, t in enumerate(TOKEN.findall(v))
        )
        groups[k][v] += count
    out = {}
    for forms in groups.values():
        best = max(forms.items(), key=lambda kv: (_hamzas(kv[0]), kv[1], kv[0]))[0]
        for form in forms:
            out[form] = best
    return out
