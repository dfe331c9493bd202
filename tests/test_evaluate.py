"""newslab.evaluate on small hand-made gold/prediction pairs with exact expected numbers."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from newslab.evaluate import GoldError, evaluate
from newslab.evaluation.matching import greedy_match, iou
from newslab.evaluation.values import date_value, names_agree
from newslab.spans import Span, to_frame, write_spans


def pred(article, kind, start, end, label="", value="", **attrs):
    return Span(
        start,
        end,
        kind,
        label,
        value,
        attrs,
        text="x" * (end - start),
        article=article,
        extractor="test",
    )


def row(table, kind, label="(all)"):
    found = table[(table["kind"] == kind) & (table["label"] == label)]
    assert len(found) == 1, f"no single row for {kind}/{label}"
    return found.iloc[0]


def counts(result, kind, label="(all)"):
    r = row(result.table, kind, label)
    return int(r.tp), int(r.fp), int(r.fn)


# ---------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ((0, 10), (0, 10), 1.0),
        ((0, 10), (0, 5), 0.5),
        ((0, 10), (5, 15), 5 / 15),
        ((0, 10), (10, 20), 0.0),
        ((3, 3), (3, 3), 0.0),
    ],
)
def test_iou(gold, pred, expected):
    assert iou(gold, pred) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pred_range", "matched"),
    [
        ((0, 5), True),  # IoU exactly 0.5: a match
        ((0, 4), False),  # 0.4
        ((0, 20), True),  # 10/20 = 0.5
        ((0, 21), False),  # 10/21
        ((2, 12), True),  # 8/12
        ((6, 16), False),  # 4/16
    ],
)
def test_threshold_edges(pred_range, matched):
    gold = {"file": "a.txt", "dates": [{"start": 0, "end": 10, "text": "", "value": "2020"}]}
    result = evaluate([gold], [pred("a", "date", *pred_range, value="2020")])
    assert counts(result, "date") == ((1, 0, 0) if matched else (0, 1, 1))


def test_greedy_one_to_one_prefers_best_overlap():
    gold = [(0, 10), (8, 20)]
    pred = [(0, 9), (9, 20)]
    pairs = greedy_match(gold, pred)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (1, 1)]
    # one prediction cannot satisfy two gold spans
    assert len(greedy_match([(0, 10), (0, 10)], [(0, 10)])) == 1


def test_duplicate_predictions_count_once():
    gold = {
        "file": "a.txt",
        "quotes": [{"start": 0, "end": 10, "text": ""}, {"start": 30, "end": 40, "text": ""}],
    }
    result = evaluate([gold], [pred("a", "quote", 0, 10), pred("a", "quote", 0, 10)])
    assert counts(result, "quote") == (1, 1, 1)
    r = row(result.table, "quote")
    assert r.precision == pytest.approx(0.5) and r.recall == pytest.approx(0.5)


# ---------------------------------------------------------------- entities


def entity(start, end, type_, canonical):
    return {"start": start, "end": end, "text": "", "type": type_, "canonical": canonical}


def test_gpe_and_loc_are_merged_and_typed_errors_are_labels():
    gold = {
        "file": "a.txt",
        "entities": [
            entity(0, 5, "LOC", "مراكش"),
            entity(10, 15, "PER", "سعاد"),
            entity(20, 25, "ORG", "الأمم المتحدة"),
        ],
    }
    spans = [
        pred("a", "entity", 0, 5, "GPE", "مراكش"),  # GPE vs LOC: same class
        pred("a", "entity", 10, 15, "ORG", "سعاد"),  # right span, wrong type
        pred("a", "entity", 40, 45, "PER", "سمير"),  # spurious
    ]
    result = evaluate([gold], spans)
    assert counts(result, "entity") == (1, 2, 2)
    assert counts(result, "entity", "(untyped)") == (2, 1, 1)
    assert counts(result, "entity", "GPE/LOC") == (1, 0, 0)
    assert counts(result, "entity", "PER") == (0, 1, 1)
    assert counts(result, "entity", "ORG") == (0, 1, 1)
    errors = result.errors("entity")
    assert sorted(errors["error"]) == ["fn", "fp", "label"]
    label = errors[errors["error"] == "label"].iloc[0]
    assert (label.gold_label, label.pred_label) == ("PER", "ORG")


def test_linking_pairs_within_article_and_corpus():
    gold_a = {
        "file": "a.txt",
        "entities": [
            entity(0, 5, "PER", "أ"),
            entity(10, 15, "PER", "أ"),
            entity(20, 25, "PER", "ب"),
        ],
    }
    gold_b = {"file": "b.txt", "entities": [entity(0, 5, "PER", "أ")]}
    spans = [
        pred("a", "entity", 0, 5, "PER", "X"),
        pred("a", "entity", 10, 15, "PER", "X"),
        pred("a", "entity", 20, 25, "PER", "X"),
        pred("b", "entity", 0, 5, "PER", "Y"),
    ]
    result = evaluate([gold_a, gold_b], spans)
    link = result.linking.set_index("scope")
    # within articles: gold pairs {0-1}; predicted pairs {0-1, 0-2, 1-2}
    assert tuple(link.loc["article", ["tp", "fp", "fn"]]) == (1, 2, 0)
    # corpus: gold pairs among the three أ mentions = 3; predicted X-pairs 3; shared 1
    assert tuple(link.loc["corpus", ["tp", "fp", "fn"]]) == (1, 2, 2)
    assert result.summary["entity_linking_f1_article"] == pytest.approx(0.5)
    assert result.summary["entity_linking_f1_corpus"] == pytest.approx(1 / 3)


# ---------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("gold_value", "pred_value", "expected"),
    [
        ("199X (the 1990s)", "1990s", True),
        ("199X (the 1990s)", "199X", True),
        ("2022-06 (resolved from الشهر الماضي)", "2022-06", True),
        ("2022-06 (resolved)", "2022-07", False),
        ("2022-W29 (week)", "2022-w29", True),
        ("PRESENT_REF (generic today)", "2022-07-19", None),
    ],
)
def test_date_values(gold_value, pred_value, expected):
    gold = {"file": "a.txt", "dates": [{"start": 0, "end": 6, "text": "", "value": gold_value}]}
    result = evaluate([gold], [pred("a", "date", 0, 6, value=pred_value)])
    attrs = result.attributes.set_index(["kind", "attribute"])
    if expected is None:
        assert ("date", "value") not in attrs.index
    else:
        assert attrs.loc[("date", "value"), "correct"] == int(expected)
        assert attrs.loc[("date", "value"), "scored"] == 1


def test_money_needs_amount_and_currency():
    gold = {
        "file": "a.txt",
        "money": [
            {"start": 0, "end": 5, "text": "", "amount": 500000000, "currency": "USD"},
            {"start": 10, "end": 15, "text": "", "amount": 20, "currency": "EUR"},
            {"start": 20, "end": 25, "text": "", "amount": 7.5, "currency": "MAD"},
        ],
    }
    spans = [
        pred("a", "money", 0, 5, value="500000000", currency="USD"),
        pred("a", "money", 10, 15, value="20", currency="USD"),
        pred("a", "money", 20, 25, value="7.50", currency="mad"),
    ]
    result = evaluate([gold], spans)
    assert result.accuracy("money", "value") == pytest.approx(2 / 3)
    assert list(result.errors("money", "value")["start"]) == [10]


def test_quote_speaker_and_cue():
    gold = {
        "file": "a.txt",
        "quotes": [
            {
                "start": 0,
                "end": 30,
                "text": "",
                "speaker": "الوزيرة",
                "speaker_canonical": "ليلى بنعلي",
                "cue": "وقالت",
            },
            {
                "start": 40,
                "end": 70,
                "text": "",
                "speaker": "البيان",
                "speaker_canonical": "وزارة الصحة",
                "cue": "وأضاف",
            },
            {
                "start": 80,
                "end": 99,
                "text": "",
                "speaker": "سمير",
                "speaker_canonical": "سمير الحداد",
                "cue": "قال",
            },
        ],
    }
    spans = [
        pred(
            "a",
            "quote",
            0,
            30,
            "direct",
            speaker="الوزيرة",
            speaker_canonical="ليلى بنعلى",
            cue="قالت",
        ),
        pred("a", "quote", 40, 70, "direct", speaker="البيان", speaker_canonical="", cue="أضاف"),
        pred(
            "a",
            "quote",
            80,
            99,
            "direct",
            speaker="الحكومة",
            speaker_canonical="الحكومة",
            cue="قال",
        ),
    ]
    result = evaluate([gold], spans)
    assert counts(result, "quote") == (3, 0, 0)
    assert result.accuracy("quote", "speaker") == pytest.approx(2 / 3)
    assert result.accuracy("quote", "cue") == pytest.approx(1.0)
    assert result.summary["quote_speaker_accuracy"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("gold", "pred_names", "agree"),
    [
        (["أفيف كوخافي"], ["افيف كوخافي"], True),  # hamza folded
        (["الجيش الإسرائيلي"], ["والجيش الإسرائيلي"], True),  # clitic
        (["الجيش الإسرائيلي"], ["رئيس أركان الجيش الإسرائيلي"], False),
        (["سمير"], [""], False),
    ],
)
def test_names_agree(gold, pred_names, agree):
    assert names_agree(gold, pred_names) is agree


def test_date_value_forms():
    assert date_value("1990s") == date_value("199X (decade)") == "199X"
    assert date_value(" 2020 (late 2020; mod=END)") == "2020"


# ---------------------------------------------------------------- boilerplate


def test_boilerplate_is_scored_on_characters():
    gold = {
        "file": "a.txt",
        "boilerplate": [
            {"start": 0, "end": 10, "text": "", "why": "credit"},
            {"start": 5, "end": 12, "text": "", "why": "overlapping gold"},
        ],
    }
    spans = [pred("a", "boilerplate", 6, 20, "credit")]
    result = evaluate([gold], spans)
    # gold covers 0..12 (12 chars), prediction 6..20 (14 chars), shared 6..12 (6 chars)
    assert counts(result, "boilerplate", "(chars)") == (6, 8, 6)
    assert result.summary["boilerplate_char_f1"] == pytest.approx(2 * 6 / (2 * 6 + 8 + 6))


# ---------------------------------------------------------------- scope


def test_unannotated_kinds_and_articles_are_not_scored():
    gold_a = {
        "file": "a.txt",
        "quotes": [],
        "dates": [{"start": 0, "end": 4, "text": "", "value": "2020"}],
    }
    gold_b = {"file": "b.txt", "dates": []}  # b's annotator did not do quotes
    spans = [
        pred("a", "date", 0, 4, value="2020"),
        pred("a", "quote", 10, 30, "direct"),  # a has quotes: none -> false positive
        pred("b", "quote", 10, 30, "direct"),  # b has no quote gold: not scored
        pred("c", "date", 0, 4, value="2020"),  # no gold for c at all
        pred("a", "lexicon", 0, 4, "naming"),  # kind absent from gold: not evaluated
    ]
    result = evaluate([gold_a, gold_b], spans)
    assert set(result.table["kind"]) == {"date", "quote"}
    assert counts(result, "quote") == (0, 1, 0)
    assert counts(result, "date") == (1, 0, 0)
    assert math.isnan(row(result.table, "quote").recall)
    assert result.unpredicted == []


def test_explicit_kinds_score_missing_predictions_as_misses():
    gold = {"file": "a.txt", "quotes": [{"start": 0, "end": 9, "text": ""}]}
    result = evaluate([gold], [pred("a", "date", 0, 4)], kinds=["quote"])
    assert counts(result, "quote") == (0, 0, 1)
    assert result.unpredicted == []


# ---------------------------------------------------------------- inputs


def test_gold_folder_and_spans_file(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    doc = {
        "file": "007_story.txt",
        "dates": [{"start": 3, "end": 9, "text": "", "value": "2021-07"}],
    }
    (folder / "007_story.json").write_text(json.dumps(doc), encoding="utf-8")
    spans = to_frame([pred("007_story", "date", 3, 9, value="2021-07")])
    for suffix in (".jsonl", ".csv", ".parquet"):
        path = write_spans(spans, tmp_path / f"pred{suffix}")
        result = evaluate(folder, path)
        assert counts(result, "date") == (1, 0, 0), suffix
        assert result.summary["date_value_accuracy"] == 1.0


def test_gold_as_spans_table_is_general():
    gold = to_frame([Span(0, 4, "stance", "pro", "", text="abcd", article="a", extractor="me")])
    spans = pd.concat(
        [to_frame([pred("a", "stance", 0, 4, "pro"), pred("a", "stance", 8, 9, "anti")])]
    )
    result = evaluate(gold, spans)
    assert counts(result, "stance") == (1, 1, 0)
    assert counts(result, "stance", "pro") == (1, 0, 0)
    assert counts(result, "stance", "anti") == (0, 1, 0)


def test_bad_gold_json_names_file_and_line(tmp_path):
    (tmp_path / "x.json").write_text('{"file": "x.txt",\n "dates": [}', encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.json:2"):
        evaluate(tmp_path, to_frame([]))


def test_bad_gold_item_names_the_item():
    with pytest.raises(GoldError, match=r"dates\[1\]"):
        evaluate([{"file": "a.txt", "dates": [{"start": 0, "end": 2}, {"start": 5}]}], to_frame([]))


def test_errors_show_context_when_texts_given():
    text = "قال الوزير إن الاجتماع عقد في الرباط أمس"
    start = text.index("الرباط")
    gold = {"file": "a.txt", "entities": [entity(start, start + 6, "GPE", "الرباط")]}
    result = evaluate([gold], [pred("a", "entity", 0, 3, "PER", "قال")], texts={"a": text})
    missed = result.errors("entity", "fn").iloc[0]
    assert "[الرباط]" in missed.context
    assert "entity" in str(result) and "<table>" in result._repr_html_()
