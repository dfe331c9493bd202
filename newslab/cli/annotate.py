"""``newslab annotate INPUT [-o OUT] [--plugins DIR ...] [--only NAME ...] [--jobs N]``.

Streams INPUT through the extractors chunk by chunk (memory stays flat) on all cores,
or on Dask with ``--backend dask``, and writes OUT atomically.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from newslab.cli.common import (
    add_input_options,
    add_plugin_option,
    make_registry,
    report_load_errors,
)
from newslab.corpus.article import SkippedItem
from newslab.engine import BACKENDS, DEFAULT_CHUNK_SIZE, annotate_path
from newslab.errors import CorpusError, NewslabError


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
    scale = parser.add_argument_group("scale")
    scale.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)"
    )
    scale.add_argument(
        "--backend",
        choices=BACKENDS,
        default="local",
        help="local processes, or dask (writes a partitioned Parquet dataset: -o OUT.parquet)",
    )
    scale.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://host:8786"
    )
    scale.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help="articles per chunk; corpus-level linking sees one chunk "
        f"(default {DEFAULT_CHUNK_SIZE})",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise NewslabError(f"--jobs must be >= 1, got {args.jobs}")
    if args.chunk_size < 1:
        raise NewslabError(f"--chunk-size must be >= 1, got {args.chunk_size}")
    if args.backend == "dask" and not (args.output or "").lower().endswith(".parquet"):
        raise NewslabError(
            "--backend dask writes a partitioned Parquet dataset: give -o OUT.parquet"
        )
    skipped: list[SkippedItem] = []

    def on_skip(item: SkippedItem) -> None:
        skipped.append(item)
        print(f"newslab: skipped {item}", file=sys.stderr)

    with warnings.catch_warnings():
        # failures and broken installed plugins are reported below, one line each
        warnings.simplefilter("ignore", RuntimeWarning)
        registry = make_registry(args)
        report_load_errors(registry)
        summary = annotate_path(
            args.input,
            args.output,
            plugins=args.plugins,
            only=args.only,
            jobs=args.jobs,
            backend=args.backend,
            chunk_size=args.chunk_size,
            strict=args.strict,
            skip_errors=args.skip_errors,
            encoding=args.encoding,
            progress=not args.no_progress and sys.stderr.isatty(),
            scheduler=args.scheduler,
            on_skip=on_skip,
            registry=registry,
        )
    if skipped:
        print(
            f"newslab: skipped {len(skipped)} item(s) in {args.input}; "
            f"read {summary.articles} article(s)",
            file=sys.stderr,
        )
        if not summary.articles:
            raise CorpusError(f"{args.input}: no article could be read")
    if args.output:
        print(
            f"newslab: wrote {summary.rows} spans from {summary.articles} articles to {args.output}",
            file=sys.stderr,
        )
    for failure in summary.failures:
        where = "the corpus" if failure["article"] == "*" else f"article {failure['article']!r}"
        print(
            f"newslab: extractor {failure['extractor']!r} failed on {where}: {failure['error']}",
            file=sys.stderr,
        )
    return 1 if summary.failures else 0
