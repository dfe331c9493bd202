"""Oracle for the word split ``fit`` keeps for ``extract``.

``extract`` used to split the article into :class:`Words` itself; it now takes the
split the gazetteer's :class:`WordRuns` made of the same normalised text during ``fit``
(:func:`newslab.extract.entities._kept_split`). Parts, offsets, vocabulary, positions and
the name matches built on them must equal those of ``Words(text)``, on normalised texts
made of every letter the folds touch, real names, clitics, digits and noise.
"""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from name_texts import mixed_text

from newslab.arabic.normalize import normalize
from newslab.corpus import Article, Corpus
from newslab.extract.entities import _SPLIT_KEEP_LIMIT, EntityExtractor, _kept_split
from newslab.extract.entity_rules import NameMatcher, Words
from newslab.extract.gazetteer import default_gazetteer, given_names

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NAMES = sorted({e.name for e in default_gazetteer().by_key.values()})[::25]
_GIVEN = sorted(given_names())[::20]
_LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + list("ةىئؤءأإآٱیکہ") + list("aZ09_")
_NOISE = [" ", "  ", "\n", "\t", "،", ".", "-", "@", "#", '"', "«", "»", "ـ", "\u064e", "٢٣"]


def _text(data: st.DataObject) -> str:
    raw = mixed_text(
        data,
        [*_NAMES, *_GIVEN, "المسؤول", "جاءت", "شيء", "سؤال", "مئة"],
        spell=lambda word, _: word,
        clitics=["", "و", "ب", "لل", "وال", "ف"],
        letters=_LETTERS,
        noise=_NOISE,
        blanks=[" ", " ", "", "\n", "، ", "  "],
        most=30,
    )
    return normalize(raw).text


@PROPERTY
@given(st.data())
def test_kept_split_makes_the_same_words(data: st.DataObject) -> None:
    text = _text(data)
    default_gazetteer().find(text)  # as in fit: the gazetteer splits the text first
    split = _kept_split(text)
    assert split is not None
    kept, own = Words(text, split), Words(text)
    assert kept.parts == own.parts
    assert list(kept.offsets) == list(own.offsets)
    assert kept.vocabulary == own.vocabulary
    forms = sorted(own.vocabulary)[::3]
    assert kept.positions(forms) == own.positions(forms)
    matcher = NameMatcher(data.draw(st.lists(st.sampled_from(sorted(own.vocabulary) or ["x"]))))
    assert matcher.find(kept) == matcher.find(own)


def test_kept_split_without_the_gazetteer_pass() -> None:
    """The split is made afresh when the gazetteer holds another text's runs."""
    text = normalize("قالت الرئيسة إن سؤال المسؤول جاء متأخرا").text
    default_gazetteer().find(normalize("نص آخر").text)
    split = _kept_split(text)
    assert split is not None and split[0] == Words(text).parts


def test_long_texts_keep_no_split() -> None:
    assert _kept_split("ا" * (_SPLIT_KEEP_LIMIT + 1)) is None


def test_fit_keeps_the_split_for_extract() -> None:
    texts = ["قال وزير الخارجية ناصر بوريطة إن الوفد وصل.", "وأكد بوريطة أن القمة ستعقد."]
    corpus = Corpus([Article(id=f"a{i}", text=t) for i, t in enumerate(texts)])
    fitted = EntityExtractor().fit(corpus)
    assert all(p.split is not None for p in fitted._prepared._items.values())
    cold = pickle.loads(pickle.dumps(fitted))  # the kept candidates do not travel
    assert len(cold._prepared) == 0
    for article in corpus:
        assert list(fitted.extract(article)) == list(cold.extract(article))
