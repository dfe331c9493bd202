"""``newslab plugins [--plugins DIR ...]``: list extractors and where they came from."""

from __future__ import annotations

import argparse
import json
import warnings
from dataclasses import asdict

from newslab.cli.common import add_plugin_option, make_registry, report_load_errors


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "plugins",
        help="list discovered extractors",
        description="List discovered extractors (built-in, installed packages, plugin "
        "folders) and where each came from.",
    )
    add_plugin_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def run(args: argparse.Namespace) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # reported below, once
        registry = make_registry(args)
    infos = registry.describe()
    report_load_errors(registry)
    if args.json:
        print(json.dumps([asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return 0
    rows = [("NAME", "KINDS", "ORIGIN", "DESCRIPTION")]
    rows += [(i.name, ",".join(i.kinds), i.origin, i.description) for i in infos]
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    for row in rows:
        cells = [cell.ljust(widths[c]) for c, cell in enumerate(row[:3])]
        print("  ".join([*cells, row[3]]).rstrip())
    if not infos:
        print("(no extractors found)")
    return 0
