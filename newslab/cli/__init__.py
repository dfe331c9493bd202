"""The ``newslab`` command: one module per subcommand, each with ``add_parser`` and ``run``.

Errors newslab raises on purpose (:class:`~newslab.errors.NewslabError`) become one
line on standard error and exit status 2; anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from newslab.errors import NewslabError

__all__ = ["main"]

#: Subcommand name -> module implementing it.
COMMANDS = {
    "annotate": "newslab.cli.annotate",
    "report": "newslab.cli.report",
    "plugins": "newslab.cli.plugins",
    "evaluate": "newslab.cli.evaluate",
}


def build_parser() -> argparse.ArgumentParser:
    from newslab import __version__

    parser = argparse.ArgumentParser(
        prog="newslab",
        description="Analyse corpora of Arabic news: annotate, evaluate, report.",
    )
    parser.add_argument("--version", action="version", version=f"newslab {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in COMMANDS.values():
        module = importlib.import_module(module_name)
        command = module.add_parser(sub)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except NewslabError as exc:
        print(f"newslab: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newslab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
