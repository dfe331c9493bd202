"""``newslab report``: being written."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    return sub.add_parser("report", help="(not yet available)")


def run(args: argparse.Namespace) -> int:
    raise SystemExit("newslab report: not yet available")
