"""``newslab annotate INPUT [-o OUT] [--plugins DIR ...] [--only NAME ...]``."""

from __future__ import annotations

import argparse
import sys
import warnings

from newslab.annotate import annotate, failures
from newslab.cli.common import (
    add_input_options,
    add_plugin_option,
    load_input,
    make_registry,
    report_load_errors,
)
from newslab.spans import write_jsonl_rows, write_spans


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "annotate",
        help="extract spans from a corpus",
        description="Run the extractors over INPUT and write the spans table. "
        "The format follows OUT's extension (.jsonl, .csv, .parquet); "
        "without -o, JSON Lines go to standard output. Exit status: 0 on success, "
        "1 if an extractor failed on some article (the other spans are still written), "
        "2 on bad input.",
    )
    add_input_options(parser)
    parser.add_argument("-o", "--output", metavar="OUT", help="spans file (.jsonl, .csv, .parquet)")
    add_plugin_option(parser)
    parser.add_argument(
        "--only", metavar="NAME", action="append", help="run only this extractor (repeatable)"
    )
    parser.add_argument("--strict", action="store_true", help="stop at the first extractor failure")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    return parser


def run(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        # failures and broken installed plugins are reported below, one line each
        warnings.simplefilter("ignore", RuntimeWarning)
        registry = make_registry(args)
        report_load_errors(registry)
        corpus = load_input(args)
        spans = annotate(
            corpus,
            registry=registry,
            only=args.only,
            strict=args.strict,
            progress=False if args.no_progress else None,
        )
    if args.output:
        write_spans(spans, args.output)
        print(
            f"newslab: wrote {len(spans)} spans from {len(corpus)} articles to {args.output}",
            file=sys.stderr,
        )
    else:
        write_jsonl_rows(spans, sys.stdout)
    failed = failures(spans)
    for row in failed.itertuples(index=False):
        where = "the corpus" if row.article == "*" else f"article {row.article!r}"
        print(f"newslab: extractor {row.extractor!r} failed on {where}: {row.error}", file=sys.stderr)
    return 1 if len(failed) else 0
