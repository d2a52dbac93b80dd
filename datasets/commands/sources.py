"""``opentid sources``: the table of all source definitions (datasets/sources/*.yaml)."""

from __future__ import annotations

import argparse

from datasets.source_registry import SourceError, load_sources

COLUMNS = ("name", "title", "licence", "frequency", "kind", "robots")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sources", help="list the sources OpenTID can crawl",
                       description="List the source definitions (datasets/sources/*.yaml).")
    p.set_defaults(func=run)


def rows() -> list[tuple[str, ...]]:
    return [(s.name, s.title, s.licence.id, s.frequency, s.kind, s.robots) for s in load_sources()]


def run(args: argparse.Namespace) -> int:
    from datasets.cli import UserError

    try:
        table = [COLUMNS, *rows()]
    except SourceError as exc:
        raise UserError(str(exc)) from exc
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    return 0
