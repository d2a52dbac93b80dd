"""``opentid build``: crawl every source of a dataset, transform, and release — the whole job.

``--offline`` replays the bundled snapshot (``datasets/snapshot/opentid-snapshot.warc.gz``: real,
openly licensed recorded responses) through the same spiders, so the build needs no network and
gives the same release on every machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from datasets.cli import UserError

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshot" / "opentid-snapshot.warc.gz"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="crawl, transform and release a dataset (all stages)",
        description=(
            "Run every stage for DATASET: crawl its sources (or, with --offline, replay the bundled "
            "snapshot through the same spiders), transform archived responses into coded incidents, then "
            "stage, validate and promote a release. Prints the promoted release's path."
        ),
    )
    p.add_argument("--dataset", default="opentid-core", help="dataset definition (datasets/definitions/*.yaml)")
    p.add_argument("--offline", action="store_true", help="replay the bundled snapshot instead of the live web")
    p.add_argument("--replay", type=Path, help="replay this WARC archive instead of the bundled snapshot")
    p.add_argument("--version", help="release version (default: today's date, YYYY.MM.DD[.N])")
    p.add_argument("--since", help="incremental crawl: only what is new since DATE (YYYY-MM-DD)")
    p.set_defaults(func=run)


def _step(n: int, total: int, what: str) -> float:
    print(f"[{n}/{total}] {what}", file=sys.stderr, flush=True)
    return time.perf_counter()


def _done(t0: float, detail: str = "") -> None:
    print(f"      done in {time.perf_counter() - t0:.1f} s{': ' + detail if detail else ''}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    import datetime as dt

    from datasets.commands.release import report_result
    from datasets.dataset_registry import load_dataset
    from datasets.release.builder import build_release, next_version
    from schemas.layout import DataLayout
    from spiders.runner import crawl
    from transforms.pipeline import run_transform

    try:
        definition = load_dataset(args.dataset)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from exc
    replay = args.replay or (SNAPSHOT if args.offline else None)
    if replay is not None and not replay.exists():
        raise UserError(f"replay archive {replay} not found")
    since = dt.date.fromisoformat(args.since) if args.since else None
    dataset_dir = DataLayout(args.data).dataset_dir(definition.name)
    version = args.version or next_version(dataset_dir, dt.datetime.now(dt.UTC).date())
    if (dataset_dir / version).exists():
        raise UserError(f"release {dataset_dir / version} already exists; choose another --version")

    t0 = _step(1, 3, f"crawl {', '.join(definition.sources)}" + (f" (replaying {replay.name})" if replay else ""))
    manifests = crawl(definition.sources, args.data, replay=replay, since=since)
    for m in manifests:
        c = m.counts
        print(
            f"      {m.source}: {m.status}: {c.responses} responses, {c.archived} archived, "
            f"{c.faults} faults, {c.not_in_archive} not in the replayed archive",
            file=sys.stderr,
        )
    if all(m.status == "failed" for m in manifests):
        print("build: every crawl failed; nothing to transform (see the run manifests above)", file=sys.stderr)
        return 1
    _done(t0)

    t0 = _step(2, 3, "transform archived responses into documents, mentions and incidents")
    report = run_transform(args.data, definition.sources, version=version)
    _done(t0, report.summary())

    t0 = _step(3, 3, f"release {definition.name}")
    try:
        result = build_release(args.data, definition.name, version)
    except (FileNotFoundError, FileExistsError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    _done(t0)
    return report_result(result)
