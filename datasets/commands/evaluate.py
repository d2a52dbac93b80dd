"""``opentid evaluate``: score extraction against a gold corpus (MUC-3/4 keys or Wikipedia list rows)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="score extraction against gold corpora (per-field precision / recall / F1)",
        description="MUC-4: give folders or files holding the message files and their answer keys (key*). "
        "Wikipedia: give the list-table CSV (date,type,dead,injured,location,details,perpetrator). "
        "Writes evaluation.json and evaluation.md to --out.",
    )
    p.add_argument("--gold", required=True, choices=["muc4", "wikipedia"], help="gold format")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--out", type=Path, default=Path("evaluation"), help="report folder (default: ./evaluation)")
    p.add_argument("--workers", type=int, default=None, help="processes (default: up to 2)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datasets.cli import UserError
    from transforms.evaluate.report import to_markdown, write_reports
    from transforms.evaluate.run import evaluate_muc, evaluate_wikipedia
    from transforms.extract.rules import RuleExtractor

    extractor = RuleExtractor()
    try:
        if args.gold == "muc4":
            scores = evaluate_muc(extractor, args.paths, args.workers)
            name = "MUC-4 " + "+".join(p.name for p in args.paths)
        else:
            if len(args.paths) != 1:
                raise UserError("--gold wikipedia takes exactly one CSV file")
            scores = evaluate_wikipedia(extractor, args.paths[0], args.workers)
            name = f"Wikipedia {args.paths[0].name}"
    except (ValueError, FileNotFoundError) as exc:
        raise UserError(str(exc)) from exc
    result = scores.as_dict()
    result["extractor"] = f"{extractor.name}/{extractor.version}"
    jpath, mpath = write_reports({name: result}, args.out)
    print(to_markdown(name, result))
    print(f"reports: {jpath} {mpath}")
    return 0
