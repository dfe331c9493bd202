"""``newslab plugins [--plugins DIR ...]``: list extractors and where they came from."""

from __future__ import annotations

import argparse
import json

from newslab.cli.common import add_plugin_option, make_registry


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "plugins", help="list discovered extractors", description="List discovered extractors "
        "(built-in, installed packages, plugin folders) and where each came from."
    )
    add_plugin_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def run(args: argparse.Namespace) -> int:
    infos = make_registry(args).describe()
    if args.json:
        print(json.dumps([info.__dict__ for info in infos], ensure_ascii=False, indent=2))
        return 0
    rows = [("NAME", "KINDS", "ORIGIN", "DESCRIPTION")]
    rows += [(i.name, ",".join(i.kinds), i.origin, i.description) for i in infos]
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(widths[c]) for c, cell in enumerate(row[:3])) + "  " + row[3])
    return 0
