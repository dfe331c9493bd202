"""Oracles for the entity extractor's per-article preparation and its corpus step.

* :meth:`EntityExtractor._prepare` (gazetteer candidates read once per entry, person
  names respelled once per name, the article's full names gathered in the same pass)
  equals the previous ``_base_candidates`` with ``_from_gazetteer`` per hit, and the
  passes that gathered the people in ``fit`` and ``extract``;
* :meth:`EntityExtractor.finalize` (rows grouped by label with numpy) equals the
  previous row-by-row loops;
* spans built without ``Span``'s Python ``__new__`` are plain ``Span`` tuples.

Texts are built from the real vocabulary (gazetteer names, given names, trigger words,
layout words, Latin names) with clitics, spelling variants, separators and noise.
"""

from __future__ import annotations

import pickle
from functools import lru_cache

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text

from newslab.arabic.normalize import normalize
from newslab.corpus import Article, Corpus
from newslab.extract.entities import (
    EntityExtractor,
    _extend_event_prefixes,
    _lexicon,
    _respell,
)
from newslab.extract.entity_context import find_layout
from newslab.extract.entity_rules import (
    Candidate,
    Spans,
    find_latin,
    find_triggered,
    locative_before,
)
from newslab.extract.entity_text import TOKEN
from newslab.extract.gazetteer import GazetteerMatch, default_gazetteer, given_names
from newslab.extract.linking import link_names, link_person_names
from newslab.spans import Span

PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@lru_cache(maxsize=1)
def _extractor() -> EntityExtractor:
    return EntityExtractor()


# ---------------------------------------------------------------- the previous code


def _old_from_gazetteer(text: str, hit: GazetteerMatch) -> Candidate:
    entry = hit.entry
    label = entry.label
    if entry.subtype == "city":
        label = (
            "LOC"
            if locative_before(text, hit.start, text[hit.start : hit.start + hit.prefix])
            else "GPE"
        )
    name = tuple(entry.canonical.split(" ")) if label == "PER" else ()
    priority = 7 if len(TOKEN.findall(entry.name)) > 1 else 6
    return Candidate(hit.start, hit.end, label, entry.canonical, "gazetteer", priority, name)


def _old_base_candidates(extractor: EntityExtractor, text: str) -> list[Candidate]:
    hits = extractor.gaz.find(text)
    spans = Spans(hits)
    cands = [_old_from_gazetteer(text, h) for h in hits]
    cands.extend(find_triggered(text, _lexicon(), spans, extractor.spell))
    cands.extend(find_latin(text))
    cands.extend(find_layout(text, hits, extractor.spell))
    given = given_names()
    for c in cands:
        if c.label == "PER" and c.source in ("title", "given"):
            c.value = " ".join(_respell(t, given, extractor.spell) for t in c.name)
            c.name = tuple(c.value.split(" "))
    return cands


def _old_people(cands: list[Candidate]) -> dict[tuple[str, ...], str]:
    """What ``fit`` added to the corpus's people from one article."""
    people: dict[tuple[str, ...], str] = {}
    for c in cands:
        if c.label == "PER" and len(c.name) >= 2 and c.source != "gazetteer":
            people.setdefault(tuple(c.name), c.value)
    return people


def _old_finalize(spans: pd.DataFrame) -> pd.DataFrame:
    if not len(spans):
        return spans
    out = spans.copy()
    values = out["value"].astype(str).tolist()
    labels = out["label"].astype(str).tolist()
    rows_of: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        rows_of.setdefault(label, []).append(i)
    people = rows_of.get("PER", [])
    if people:
        articles = out["article"].astype(str).tolist()
        names = {v: tuple(TOKEN.findall(v)) or (v,) for v in {values[i] for i in people}}
        canonicals = link_person_names(
            [names[values[i]] for i in people], [articles[i] for i in people]
        )
        for i, canonical in zip(people, canonicals, strict=True):
            values[i] = canonical
    for group in (("ORG",), ("GPE", "LOC"), ("EVENT",), ("MISC",)):
        rows = [i for label in group for i in rows_of.get(label, ())]
        mapping = link_names(values[i] for i in rows)
        if group == ("EVENT",):
            mapping = _extend_event_prefixes(mapping)
        changed = {form: best for form, best in mapping.items() if form != best}
        if changed:
            for i in rows:
                values[i] = changed.get(values[i], values[i])
    out["value"] = values
    return out


# ---------------------------------------------------------------- texts


def _vocabulary() -> list[str]:
    entries = list(default_gazetteer().by_key.values())
    cities = [e.name for e in entries if e.subtype == "city"][:60]
    people = [e.name for e in entries if e.label == "PER"][:60]
    others = [e.name for e in entries if e.subtype != "city" and e.label != "PER"][::40]
    given = sorted(given_names())[::15]
    triggers = sorted(_lexicon().category)[::8]
    layout = ["كتب:", "المصدر:", "+ وكالات", 'لـ"الدستور"', 'مشروع "طريق التنمية"', "خط أنابيب"]
    latin = ["Khalifa Haftar", "Reuters", "Ran Kochav", "(Aviv Kochavi)"]
    glue = ["في", "إلى", "قال", "وقال", "الرئيس", "الوزير", "العميد", "السيد", "عبدالعزيز"]
    return [*cities, *people, *others, *given, *triggers, *layout, *latin, *glue]


_VOCABULARY = _vocabulary()
_CLITICS = ["", "", "", "و", "ب", "ل", "في ", "وب", "لل", "من "]
_NOISE = [" ", "\n", "،", ".", "-", '"', "(", ")", "@", ":", "2025", "Ali"]
_LETTERS = list("ابتثجحخدرسعفقكلمنهويةىءأإ")


def _variant(word: str, data: st.DataObject) -> str:
    swaps = {"ة": "ه", "ي": "ى", "ا": "أ", "أ": "ا", "إ": "ا"}
    return "".join(
        swaps[c] if c in swaps and data.draw(st.integers(0, 5)) == 0 else c for c in word
    )


def _text(data: st.DataObject) -> str:
    raw = mixed_text(
        data,
        _VOCABULARY,
        spell=_variant,
        clitics=_CLITICS,
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", " ", "\n", "، ", ". "],
        most=30,
    )
    return normalize(raw).text


def _rows(cands: list[Candidate]) -> list[tuple]:
    return [(c.start, c.end, c.label, c.value, c.source, c.priority, c.name) for c in cands]


# ---------------------------------------------------------------- tests


@PROPERTY
@given(st.data())
def test_prepare_equals_the_previous_candidate_pass(data: st.DataObject) -> None:
    extractor = _extractor()
    text = _text(data)
    old = _old_base_candidates(extractor, text)
    for _ in range(2):  # the second time from the memos
        prepared = extractor._prepare(text)
        assert _rows(prepared.cands) == _rows(old)
        local = {tuple(c.name): c.value for c in old if c.label == "PER" and len(c.name) >= 2}
        assert list(prepared.local.items()) == list(local.items())  # in the same order
        assert list(prepared.named.items()) == list(_old_people(old).items())
        assert prepared.latin == any(c.source == "latin" for c in old)


def test_prepare_reads_cities_by_their_context() -> None:
    extractor = EntityExtractor()
    city = next(e for e in extractor.gaz.by_key.values() if e.subtype == "city")
    text = normalize(f"وصل الوفد إلى {city.name} ثم قال إن {city.name} مدينة جميلة").text
    old = _old_base_candidates(extractor, text)
    new = extractor._prepare(text).cands
    assert _rows(new) == _rows(old)
    assert {c.label for c in new if c.value == city.canonical} == {"LOC", "GPE"}


def test_memos_pickle_empty() -> None:
    extractor = EntityExtractor()
    extractor._prepare(normalize("قال الرئيس محمد بن سلمان في الرياض").text)
    assert extractor._readings and extractor._respelled
    copy = pickle.loads(pickle.dumps(extractor))
    assert not copy._readings and not copy._respelled


def _frame(spans: list[Span]) -> pd.DataFrame:
    from newslab.spans import to_frame

    return to_frame(spans)


_PEOPLE = ["أفيف كوخافي", "افيف كوخافي", "كوخافي", "خوكافي", "Aviv Kochavi", "بشار الأسد"]
_PEOPLE += ["حافظ الأسد", "الأسد", "بلخير الفاروق", "الفاروق بلخير", "عبد الحميد", "Abdulhamid"]
_OTHERS = {
    "ORG": ["الأمم المتحدة", "الامم المتحدة", "أوبك", "اوبك+", "الجيش التشادي"],
    "GPE": ["مصر", "مَصر", "المغرب", "السعودية"],
    "LOC": ["مصر", "سيناء", "البحر المتوسط"],
    "EVENT": ["كأس العرب", "كأس العرب 2025", "القمة العربية", "القمة العربية الطارئة"],
    "MISC": ["طريق التنمية", "خط كركوك - جيهان"],
}


@st.composite
def _span_rows(draw: st.DrawFn) -> list[Span]:
    out = []
    for i in range(draw(st.integers(0, 40))):
        label = draw(st.sampled_from(["PER", "PER", *_OTHERS]))
        value = draw(st.sampled_from(_PEOPLE if label == "PER" else _OTHERS[label]))
        article = draw(st.sampled_from(["a1", "a2", "a3"]))
        out.append(Span(i, i + 1, "entity", label, value, {}, "x", article, "entities"))
    return out


@PROPERTY
@given(_span_rows())
def test_finalize_equals_the_row_by_row_loops(spans: list[Span]) -> None:
    frame = _frame(spans)
    pd.testing.assert_frame_equal(_extractor().finalize(frame), _old_finalize(frame))


def test_finalize_of_an_extracted_corpus_equals_the_row_by_row_loops() -> None:
    texts = [
        "قال رئيس الأركان الإسرائيلي أفيف كوخافي إن الجيش مستعد، وأضاف كوخافي أن القاهرة تعلم.",
        "وصل افيف كوخافي إلى القاهرة والتقى وزير الخارجية المصري سامح شكري في مصر.",
        "أكد سامح شكري أن الأمم المتحدة ستعقد القمة العربية الطارئة في القاهرة قبل كأس العرب.",
    ]
    corpus = Corpus([Article(id=f"a{i}", text=t) for i, t in enumerate(texts)])
    extractor = EntityExtractor().fit(corpus)
    spans = [
        s._replace(article=a.id, extractor="entities", text=a.text[s.start : s.end])
        for a in corpus
        for s in extractor.extract(a)
    ]
    frame = _frame(spans)
    assert {"PER", "GPE", "ORG"} <= set(frame["label"])
    pd.testing.assert_frame_equal(extractor.finalize(frame), _old_finalize(frame))


def test_extracted_spans_are_plain_spans() -> None:
    text = "قال الرئيس عبد المجيد تبون في الجزائر إن الأمم المتحدة تدعم المبادرة."
    extractor = EntityExtractor()
    article = Article(id="a", text=text)
    spans = list(extractor.extract(article))
    assert spans
    for s in spans:
        assert type(s) is Span
        assert s == Span(s.start, s.end, "entity", s.label, s.value, s.attrs)
