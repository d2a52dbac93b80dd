"""``opentid release``: stage, validate and promote a release from the transform's output."""

from __future__ import annotations

import argparse
import sys

from datasets.cli import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "release",
        help="build, validate and promote a release from data/build",
        description=(
            "Write a release of DATASET into a staging folder, run the gate on it, and promote it to "
            "releases/<dataset>/<version>/ (moving `latest` last) only if every rule passes. "
            "A failing release is set aside under releases/<dataset>/.failed/ and the exit status is 1."
        ),
    )
    p.add_argument("--dataset", default="opentid-core", help="dataset definition (datasets/definitions/*.yaml)")
    p.add_argument("--version", help="release version (default: today's date, YYYY.MM.DD[.N])")
    p.add_argument(
        "--previous",
        default="latest",
        help="previous release folder to compare with, 'latest' (default) or 'none'",
    )
    p.set_defaults(func=run)


def previous_arg(value: str):
    from pathlib import Path

    if value == "latest":
        return "latest"
    if value == "none":
        return None
    path = Path(value)
    if not (path / "incidents.parquet").exists():
        raise UserError(f"--previous {value}: no incidents.parquet there; give a release folder, 'latest' or 'none'")
    return path


def run(args: argparse.Namespace) -> int:
    from datasets.release.builder import build_release

    try:
        result = build_release(args.data, args.dataset, args.version, previous_arg(args.previous))
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from exc
    except (FileExistsError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    return report_result(result)


def report_result(result) -> int:
    if result.passed:
        s = result.summary
        print(
            f"release {result.version}: added {s['added']}, changed {s['changed']}, removed {s['removed']}, "
            f"merged {s['aliased']}",
            file=sys.stderr,
        )
        print(result.path.resolve())
        return 0
    print(
        f"release {result.version} FAILED the gate: {', '.join(result.failed_rules)}\n"
        f"nothing was published; the report is {result.report_path}",
        file=sys.stderr,
    )
    return 1
