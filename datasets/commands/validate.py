"""``opentid validate DIR [--previous DIR]``: run the release gate on any release folder.

Exit status: 0 passed, 1 failed (the failed rules and example rows are printed), 2 unusable input.
The report is written only where ``--report DIR`` says: writing it into the release folder would
change a published folder (and its SHA256SUMS).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from datasets.cli import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="run the release gate on a release folder",
        description=(
            "Check a release folder (incidents.parquet, incident_sources.parquet, eventid_aliases.parquet, "
            "SHA256SUMS) against the schema and the great-expectations suite, and against a previous "
            "release. Exit 0 if every rule passes, 1 if any fails, 2 if the folder cannot be validated."
        ),
    )
    p.add_argument(
        "dir", type=Path, metavar="DIR", help="release folder (e.g. data/releases/opentid-core/latest)"
    )
    p.add_argument(
        "--previous",
        type=Path,
        metavar="DIR",
        help="previous release folder, for row-count bounds and eventid carry-over",
    )
    p.add_argument(
        "--min-ratio",
        type=float,
        default=0.9,
        help="fail if the release has fewer than this fraction of the previous release's incidents "
        "(default 0.9)",
    )
    p.add_argument(
        "--max-ratio",
        type=float,
        default=None,
        help="fail if the release has more than this multiple of the previous release's incidents",
    )
    p.add_argument(
        "--report",
        type=Path,
        metavar="DIR",
        help="also write validation.json, validation.md and validation.html into DIR",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from schemas.gate import Bounds, GateInputError, run_gate
    from schemas.layout import INCIDENTS_FILE

    if args.previous is not None and not (args.previous / INCIDENTS_FILE).is_file():
        raise UserError(
            f"--previous {args.previous}: {INCIDENTS_FILE} not found there; give the folder of the previous "
            "release, or leave --previous out to skip the comparison"
        )
    try:
        report = run_gate(args.dir, args.previous, Bounds(min_ratio=args.min_ratio, max_ratio=args.max_ratio))
    except GateInputError as exc:
        raise UserError(str(exc)) from exc
    if args.report is not None:
        for path in report.write(args.report):
            print(f"wrote {path}", file=sys.stderr)
    print(report.summary())
    return 0 if report.passed else 1
