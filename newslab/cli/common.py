"""Options shared by several subcommands."""

from __future__ import annotations

import argparse
import sys

from newslab.corpus.article import Corpus, SkippedItem
from newslab.corpus.loaders import load
from newslab.errors import CorpusError
from newslab.registry import Registry

__all__ = [
    "add_input_options",
    "add_plugin_option",
    "load_input",
    "make_registry",
    "report_load_errors",
]


def add_plugin_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plugins",
        metavar="DIR",
        action="append",
        default=[],
        help="folder of plugin .py files (repeatable)",
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", metavar="INPUT", help="folder of .txt files, or a .jsonl/.csv/.parquet file"
    )
    parser.add_argument(
        "--skip-errors",
        action="store_true",
        help="skip unreadable articles and report each one instead of stopping",
    )
    parser.add_argument("--encoding", help="force the encoding of input files")


def make_registry(args: argparse.Namespace) -> Registry:
    """Built-ins, installed plugins (unless switched off) and every ``--plugins DIR``."""
    registry = Registry()
    for directory in getattr(args, "plugins", []) or []:
        registry.load_dir(directory)
    return registry


def report_load_errors(registry: Registry) -> None:
    """One line on standard error per installed plugin that failed to load."""
    for message in registry.load_errors:
        print(f"newslab: warning: {message}", file=sys.stderr)


def load_input(args: argparse.Namespace) -> Corpus:
    def report(item: SkippedItem) -> None:
        print(f"newslab: skipped {item}", file=sys.stderr)

    corpus = load(args.input, skip_errors=args.skip_errors, encoding=args.encoding, on_skip=report)
    if corpus.skipped:
        print(
            f"newslab: skipped {len(corpus.skipped)} item(s) in {args.input}; "
            f"read {len(corpus)} article(s)",
            file=sys.stderr,
        )
        if not len(corpus):
            raise CorpusError(f"{args.input}: no article could be read")
    return corpus
