"""``opentid transform``: archived responses → documents → mentions → resolved incidents (data/build)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from datasets.cli import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "transform",
        help="turn archived responses into documents, mentions and resolved incidents",
        description=(
            "Read the archive (WARC + capture index) of the sources, parse every archived response into "
            "documents (data/documents/<source>.parquet), code them into GTD mentions "
            "(data/mentions/<source>.parquet), and resolve all mentions into incidents with stable eventids "
            "(data/build/incidents.parquet, incident_sources.parquet, eventid_aliases.parquet). Responses "
            "that cannot be parsed are reported as faults, not errors."
        ),
    )
    p.add_argument(
        "--source",
        action="append",
        dest="sources",
        metavar="S",
        help="only this source (repeatable; default: every archived source)",
    )
    p.add_argument(
        "--previous",
        metavar="DIR",
        help="previous release folder whose eventids are carried forward "
        "(default: the `latest` release of each dataset under data/releases; 'none' for none)",
    )
    p.add_argument(
        "--version",
        metavar="V",
        default="unreleased",
        help="release version this transform is for, written as since_version of new eventid aliases "
        "(default: unreleased; `opentid build` passes its release version)",
    )
    p.set_defaults(func=run)


def source_hints(names: list[str] | None) -> dict[str, dict[str, str]]:
    """Parser defaults from the source definitions: the outlet's ``language`` (spider argument) and
    ``publisher`` for free-text sources. Sources without a definition (ad-hoc ``page`` crawls) get none."""
    from datasets.source_registry import SourceError, load_sources

    try:
        definitions = load_sources()
    except SourceError:
        return {}
    hints: dict[str, dict[str, str]] = {}
    for d in definitions:
        if names and d.name not in names:
            continue
        entry = {}
        if isinstance(d.spider_args.get("language"), str):
            entry["language"] = d.spider_args["language"]
        if d.kind == "text" and d.name.startswith(("news", "feed", "rss")):
            entry["publisher"] = d.publisher
        if entry:
            hints[d.name] = entry
    return hints


def run(args: argparse.Namespace) -> int:
    from transforms.pipeline import run_transform

    data: Path = args.data
    if not (data / "archive" / "index.sqlite").exists():
        raise UserError(
            f"{data}/archive/index.sqlite not found: run `opentid crawl SOURCE` first (or pass --data)"
        )
    previous: Path | str | None = "auto"
    if args.previous == "none":
        previous = None
    elif args.previous:
        previous = Path(args.previous)
        if not (previous / "incident_sources.parquet").exists():
            raise UserError(
                f"--previous {args.previous}: no incident_sources.parquet there; give a release folder"
            )

    def progress(message: str) -> None:
        print(f"transform: {message}", file=sys.stderr, flush=True)

    report = run_transform(
        data,
        args.sources,
        previous,
        version=args.version,
        progress=progress,
        source_hints=source_hints(args.sources),
    )
    for fault in report.parse_faults[:20]:
        print(f"  fault: {fault.source} {fault.url}: {fault.reason}", file=sys.stderr)
    if len(report.parse_faults) > 20:
        print(f"  ... and {len(report.parse_faults) - 20} more parse faults", file=sys.stderr)
    print(report.summary())
    return 0
