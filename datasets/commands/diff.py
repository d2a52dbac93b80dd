"""``opentid diff OLD NEW``: what changed between two release folders."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from datasets.cli import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="compare two releases (added / changed / removed / merged eventids)",
        description="Compare two release folders by eventid and print the changes as Markdown or JSON.",
    )
    p.add_argument("old", type=Path, help="the older release folder")
    p.add_argument("new", type=Path, help="the newer release folder")
    p.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datasets.release.changes import diff_incidents, read_release_tables, render_changes

    for folder in (args.old, args.new):
        if not (folder / "incidents.parquet").exists():
            raise UserError(f"{folder}: no incidents.parquet; give two release folders")
    old, _ = read_release_tables(args.old)
    new, aliases = read_release_tables(args.new)
    diff = diff_incidents(old, new, aliases, old_version=args.old.name, new_version=args.new.name)
    if args.json:
        print(
            json.dumps(
                {
                    "old": args.old.name,
                    "new": args.new.name,
                    "summary": diff.summary(),
                    "added": diff.added,
                    "removed": diff.removed,
                    "aliased": diff.aliased,
                    "changed": {str(k): v for k, v in diff.changed.items()},
                    "column_counts": diff.column_counts,
                },
                indent=2,
            )
        )
    else:
        print(render_changes(diff, limit=None), end="")
    return 0
