"""Benchmark: release write (incidents.parquet via schemas.parquet) + the release gate, GTD scale.

    .venv/bin/python benchmarks/bench_gate.py [--rows 200000] [--runs 3] [--seed 0]

Synthesizes ``--rows`` incidents once (schemas.synth), then times ``--runs`` fresh processes, each
doing what a release does: write incidents.parquet + incident_sources.parquet with the deterministic
writer, then run_gate() on the folder. A fresh process per run, so every run pays the
great-expectations import like a real ``opentid release`` does; as a release build should, the run
starts that import in the background first (schemas.suite.preload_gx; --no-preload to not). Prints the median of each step and
the peak resident memory (getrusage ru_maxrss of the run's process; with --heap, tracemalloc's
Python-heap peak from one extra untimed run). Floor (2-core machine, 200k rows): write + gate <= 20 s and <= 2.5 GB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR_SECONDS = 20.0
FLOOR_BYTES = 2.5 * 1024**3


def one_run(build: Path, release: Path, trace: bool = False, preload: bool = True) -> dict[str, float]:
    """Runs in a child process: release write + gate; returns step timings and memory.

    ``trace``: also record tracemalloc's Python-heap peak. tracemalloc slows allocation-heavy code
    (great-expectations) several-fold, so traced runs are reported for memory only, never timed.
    """
    import resource
    import tracemalloc

    if trace:
        tracemalloc.start()
    t_start = time.perf_counter()
    import polars as pl

    from schemas.arrow import incidents_schema
    from schemas.gate import run_gate
    from schemas.suite import preload_gx

    if preload:
        preload_gx()  # what a release build does: the GE import overlaps with the Parquet writes
    from schemas.parquet import write_parquet
    from schemas.synth import RELEASE_SORT
    from schemas.tables import INCIDENT_SOURCES_SCHEMA

    t0 = time.perf_counter()
    incidents = pl.read_parquet(build / "incidents.parquet")
    sources = pl.read_parquet(build / "incident_sources.parquet")
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    meta = {"version": "bench", "schema_version": "bench"}
    write_parquet(
        incidents,
        release / "incidents.parquet",
        schema=incidents_schema(),
        sort_by=RELEASE_SORT,
        metadata=meta,
    )
    t_write = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_parquet(
        sources,
        release / "incident_sources.parquet",
        schema=INCIDENT_SOURCES_SCHEMA,
        sort_by=["eventid", "doc_id"],
        metadata=meta,
    )
    t_write_sources = time.perf_counter() - t0
    del incidents, sources
    t0 = time.perf_counter()
    report = run_gate(release)
    t_gate = time.perf_counter() - t0
    heap_peak = tracemalloc.get_traced_memory()[1] if trace else 0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "passed": float(report.passed),
        "read_build_input": t_read,
        "write_incidents": t_write,
        "write_incident_sources": t_write_sources,
        "gate_total": t_gate,
        **{f"gate.{k}": v for k, v in report.timings.items()},
        "incidents_write_plus_gate": t_write + t_gate,
        "all_writes_plus_gate": t_write + t_write_sources + t_gate,
        "process_total": time.perf_counter() - t_start,
        "peak_rss_bytes": rss_kb * 1024.0,
        "peak_python_heap_bytes": float(heap_peak),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--heap", action="store_true", help="one extra (untimed) run under tracemalloc")
    parser.add_argument(
        "--no-preload",
        action="store_true",
        help="do not start the great-expectations import before the writes",
    )
    parser.add_argument("--child", nargs=2, metavar=("BUILD", "RELEASE"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(one_run(Path(args.child[0]), Path(args.child[1]), args.trace, not args.no_preload)))
        return 0

    from schemas.parquet import write_parquet
    from schemas.synth import synth_incidents, synth_sources

    with tempfile.TemporaryDirectory(prefix="opentid-bench-") as tmp:
        build = Path(tmp) / "build"
        t0 = time.perf_counter()
        incidents = synth_incidents(args.rows, args.seed)
        sources = synth_sources(incidents, args.seed)
        write_parquet(incidents, build / "incidents.parquet")
        write_parquet(sources, build / "incident_sources.parquet")
        print(
            f"synthesized {incidents.height} incidents, {sources.height} sources in "
            f"{time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        del incidents, sources

        def child(i: int, trace: bool = False) -> dict[str, float]:
            cmd = [sys.executable, __file__, "--child", str(build), str(Path(tmp) / f"release-{i}")]
            cmd += ["--no-preload"] if args.no_preload else []
            out = subprocess.run(
                cmd + (["--trace"] if trace else []), capture_output=True, text=True, check=True
            )
            return json.loads(out.stdout.strip().splitlines()[-1])

        runs = []
        for i in range(args.runs):
            runs.append(child(i))
            r = runs[-1]
            print(
                f"run {i + 1}: incidents write + gate {r['incidents_write_plus_gate']:.2f} s, peak RSS "
                f"{r['peak_rss_bytes'] / 1024**2:.0f} MiB, passed={bool(r['passed'])}",
                flush=True,
            )

        heap = child(args.runs, trace=True)["peak_python_heap_bytes"] if args.heap else None

    keys = [k for k in runs[0] if k not in ("passed", "peak_python_heap_bytes")]
    med = {k: statistics.median(r[k] for r in runs) for k in keys}
    print(f"\nmedian of {len(runs)} runs, {args.rows} rows:")
    for k in keys:
        if k.endswith("_bytes"):
            print(f"  {k:28s} {med[k] / 1024**2:10.0f} MiB")
        else:
            print(f"  {k:28s} {med[k]:10.2f} s")
    ok = all(r["passed"] for r in runs)
    worst_rss = max(r["peak_rss_bytes"] for r in runs)
    within = med["incidents_write_plus_gate"] <= FLOOR_SECONDS and worst_rss <= FLOOR_BYTES
    if heap is not None:
        print(f"  {'python heap peak (tracemalloc)':28s} {heap / 1024**2:10.0f} MiB")
    print(f"\ngate passed on every run: {ok}")
    print(
        f"floor (<= {FLOOR_SECONDS:.0f} s, <= {FLOOR_BYTES / 1024**3:.1f} GB): "
        f"{'met' if within else 'NOT met'} (median incidents write + gate {med['incidents_write_plus_gate']:.2f} s, "
        f"worst peak RSS {worst_rss / 1024**3:.2f} GB)"
    )
    return 0 if ok and within else 1


if __name__ == "__main__":
    raise SystemExit(main())
