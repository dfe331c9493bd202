"""``newslab evaluate GOLD SPANS [--json]``: score a spans file against gold annotations."""

from __future__ import annotations

import argparse
import json
import sys

from newslab.errors import NewslabError
from newslab.evaluation import evaluate


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser(
        "evaluate",
        help="score spans against gold annotations",
        description="Compare SPANS (a file written by `newslab annotate`) with GOLD (a folder "
        "of gold .json files, or a spans file) and print precision, recall and F1 per kind "
        "and label, value accuracies and entity-linking scores. A prediction matches a gold "
        "span of the same kind when overlap/union >= 0.5.",
    )
    parser.add_argument("gold", metavar="GOLD", help="folder of gold .json files, or a spans file")
    parser.add_argument("spans", metavar="SPANS", help="predicted spans (.jsonl, .csv, .parquet)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="evaluate only this kind (repeatable; default: kinds in both gold and spans)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        help="minimum overlap/union for a match (default 0.5)",
    )
    parser.add_argument(
        "--errors",
        metavar="KIND",
        help="also list the errors of this kind (false positives and negatives)",
    )
    parser.add_argument(
        "--texts", metavar="INPUT", help="the articles (folder or file), to show errors in context"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    if not 0 < args.threshold <= 1:
        raise NewslabError(f"--threshold must be in (0, 1], got {args.threshold}")
    result = evaluate(args.gold, args.spans, args.texts, kinds=args.kind, threshold=args.threshold)
    if args.json:
        payload = result.to_dict()
        if args.errors:
            payload["errors"] = result.errors(args.errors).to_dict("records")
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(result)
    if args.errors:
        errors = result.errors(args.errors)
        print(f"\nErrors of kind {args.errors!r}: {len(errors)}")
        if len(errors):
            columns = [
                "error",
                "article",
                "start",
                "end",
                "text",
                "gold_value",
                "pred_value",
                "note",
            ]
            print(errors[columns].to_string(index=False, max_colwidth=60))
    return 0
