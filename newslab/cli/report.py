"""``newslab report INPUT [-o report.html] [--title T] [--plugins DIR ...] [--code]``."""

from __future__ import annotations

import argparse
import sys
import time

from newslab.cli.common import add_input_options, add_plugin_option


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "report",
        help="write a self-contained HTML report of a corpus",
        description="Annotate INPUT, run the report notebook on it (papermill) and export "
        "one self-contained HTML file (nbconvert): outlets, extracted spans, entities, "
        "name variants, text reuse, quotes, timeline and framing. "
        "INPUT 'sample' is the bundled sample corpus.",
    )
    add_input_options(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default="report.html",
        help="HTML file (default: report.html)",
    )
    parser.add_argument("--title", metavar="T", help="report title (default: from INPUT)")
    add_plugin_option(parser)
    parser.add_argument(
        "--only", metavar="NAME", action="append", help="run only this extractor (repeatable)"
    )
    parser.add_argument(
        "--code",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="show the notebook's code cells (default: hidden)",
    )
    parser.add_argument(
        "--notebook", metavar="IPYNB", help="also save the executed notebook to this file"
    )
    parser.add_argument(
        "--top-n", type=int, default=15, metavar="N", help="outlets/entities/terms in rankings (15)"
    )
    parser.add_argument(
        "--max-rows", type=int, default=50, metavar="N", help="rows per table, at most (50)"
    )
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bars")
    return parser


def run(args: argparse.Namespace) -> int:
    from newslab.report import build_report

    began = time.perf_counter()
    path = build_report(
        args.input,
        args.output,
        title=args.title,
        plugins=args.plugins,
        only=args.only,
        code=args.code,
        skip_errors=args.skip_errors,
        encoding=args.encoding,
        top_n=args.top_n,
        max_rows=args.max_rows,
        progress=not args.no_progress,
        notebook_out=args.notebook,
    )
    size = path.stat().st_size
    print(
        f"newslab: wrote {path} ({size / 1024:,.0f} KB) in {time.perf_counter() - began:.1f} s",
        file=sys.stderr,
    )
    return 0
