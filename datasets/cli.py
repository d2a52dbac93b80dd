"""The ``opentid`` command line.

Each sub-command lives in its own module under ``datasets/commands/`` and exposes
``register(subparsers)``; this file only wires them together, so adding a command
never touches another command's code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

#: Command modules, in the order ``opentid --help`` lists them.
COMMAND_MODULES = [
    "sources",
    "crawl",
    "fixture",
    "transform",
    "extract",
    "evaluate",
    "release",
    "validate",
    "diff",
    "build",
]


class UserError(Exception):
    """An error the user can fix; printed without a traceback."""


def default_data_dir() -> Path:
    return Path(os.environ.get("OPENTID_DATA", "data"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opentid",
        description="OpenTID: build GTD-style terrorism-incident datasets from public reporting.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: $OPENTID_DATA or ./data)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"datasets.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"datasets.commands.{name}":
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.data is None:
        args.data = default_data_dir()
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"opentid {args.command}: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
