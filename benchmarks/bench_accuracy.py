"""Accuracy of every built-in extractor on the seed articles, scored against the gold.

Runs ``newslab.annotate`` with all built-in extractors on ``../shared/seeds``, scores
the spans with ``newslab.evaluate`` against ``../shared/gold`` and prints the table
(precision, recall, F1 per kind and label), value accuracies, entity linking, and the
quote figures. For comparison it runs dateparser's ``search_dates`` on the same
articles (relative dates anchored at the articles' time, July 2022) and prints its
date precision, recall, F1 and value accuracy, scored the same way.

    python benchmarks/bench_accuracy.py [--shared DIR] [--errors KIND]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import warnings
from pathlib import Path

import newslab
from newslab.evaluation import Evaluation, evaluate
from newslab.spans import Span, to_frame

SHARED = Path(__file__).resolve().parents[2] / "shared"
#: The seeds' publication time (their gold resolves relative dates against it).
ARTICLE_TIME = dt.datetime(2022, 7, 19, 12, 0)


def dateparser_spans(corpus: newslab.Corpus) -> tuple[list[Span], float]:
    """Dates found by dateparser, located in the text in order; and the time it took."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": ARTICLE_TIME}
    spans: list[Span] = []
    started = time.perf_counter()
    for article in corpus:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(article.text, languages=["ar"], settings=settings) or []
        cursor = 0
        for surface, moment in found:
            start = article.text.find(surface, cursor)
            if start == -1:
                start = article.text.find(surface)
            if start == -1:
                continue
            end = start + len(surface)
            cursor = end
            spans.append(
                Span(
                    start,
                    end,
                    "date",
                    "",
                    moment.date().isoformat(),
                    text=surface,
                    article=article.id,
                    extractor="dateparser",
                )
            )
    return spans, time.perf_counter() - started


def granular_accuracy(result: Evaluation) -> float:
    """Value accuracy when a full date counts as right if it starts with the gold value
    (dateparser cannot say "March 2022", only a day in it)."""
    errors = result.errors("date", "value")
    scored = result.attributes.query("kind == 'date' and attribute == 'value'")
    if not len(scored):
        return float("nan")
    total = int(scored["scored"].iloc[0])
    wrong = sum(
        1
        for row in errors.itertuples()
        if not str(row.pred_value).startswith(str(row.gold_value).split()[0])
    )
    return (total - wrong) / total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="folder with seeds/ and gold/")
    parser.add_argument("--errors", metavar="KIND", help="also list the errors of this kind")
    args = parser.parse_args()
    seeds, gold = args.shared / "seeds", args.shared / "gold"
    if not seeds.is_dir() or not gold.is_dir():
        print(f"bench_accuracy: need {seeds} and {gold}", file=sys.stderr)
        return 2

    corpus = newslab.load(seeds)
    mb = sum(len(a.text.encode("utf-8")) for a in corpus) / 1e6
    started = time.perf_counter()
    spans = newslab.annotate(corpus, progress=False)
    took = time.perf_counter() - started
    failures = newslab.failures(spans)
    print(
        f"newslab: {len(corpus)} articles, {mb * 1000:.1f} KB, {len(spans)} spans in {took:.2f}s "
        f"(extractors: {', '.join(sorted(set(spans['extractor']))) or 'none'})"
    )
    for row in failures.itertuples(index=False):
        print(f"  failure: {row.extractor} on {row.article}: {row.error}")

    result = evaluate(gold, spans, corpus)
    print()
    print(result)
    summary = result.summary
    if "quote_f1" in summary:
        print(
            f"\nquotes: P {summary['quote_precision']:.3f}  R {summary['quote_recall']:.3f}  "
            f"F1 {summary['quote_f1']:.3f}  speaker accuracy "
            f"{summary.get('quote_speaker_accuracy', float('nan')):.3f}"
        )
    if args.errors:
        errors = result.errors(args.errors)
        columns = ["error", "article", "start", "text", "gold_value", "pred_value", "note"]
        print(f"\nerrors of kind {args.errors!r}: {len(errors)}")
        if len(errors):
            print(errors[columns].to_string(index=False, max_colwidth=50))

    try:
        found, dp_took = dateparser_spans(corpus)
    except ImportError:
        print("\ndateparser is not installed: comparison skipped")
        return 0
    baseline = evaluate(gold, to_frame(found), corpus, kinds=["date"])
    row = baseline.score("date")
    ours = result.score("date") if "date" in set(result.table["kind"]) else None
    print(f"\ndate extraction on the same {len(corpus)} articles")
    print(f"{'':12}{'P':>7}{'R':>7}{'F1':>7}{'value':>8}{'value*':>8}{'seconds':>9}")
    print(
        f"{'dateparser':12}{row['precision']:7.3f}{row['recall']:7.3f}{row['f1']:7.3f}"
        f"{baseline.accuracy('date', 'value'):8.3f}{granular_accuracy(baseline):8.3f}{dp_took:9.2f}"
    )
    if ours is not None:
        print(
            f"{'newslab':12}{ours['precision']:7.3f}{ours['recall']:7.3f}{ours['f1']:7.3f}"
            f"{result.accuracy('date', 'value'):8.3f}{'':>8}{took:9.2f}"
        )
    print("value*: a full date counts as right when it falls in the gold month or year")
    return 0


if __name__ == "__main__":
    sys.exit(main())
