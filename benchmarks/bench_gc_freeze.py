"""What freezing the parent's heap before the pool forks saves: MUC-4 DEV on 2 workers, frozen and not, alternated.

    .venv/bin/python benchmarks/bench_gc_freeze.py --muc /work/shared/eval/muc4/dev/raw/dev [--repeat 5]

Runs alternate (frozen, unfrozen, frozen, ...) in one process so that both see the same machine; prints the
median documents/s of each and their ratio, and the garbage collections counted in the parent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_extract import load_muc  # noqa: E402
from transforms.extract.parallel import extract_stream  # noqa: E402
from transforms.extract.rules import RuleExtractor  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--muc", type=Path, default=Path("/work/shared/eval/muc4/dev/raw/dev"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5, help="runs of each kind (medians reported)")
    args = ap.parse_args()
    if not args.muc.exists():
        print(f"{args.muc}: not found; give --muc a folder of MUC-3/4 message files", file=sys.stderr)
        return 2
    extractor = RuleExtractor()
    docs = load_muc(args.muc)
    extractor.extract(docs[0])
    rates: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.repeat):
        for freeze in (True, False):
            t = time.perf_counter()
            n = sum(1 for _ in extract_stream(extractor, docs, workers=args.workers, freeze=freeze))
            rates[freeze].append(n / (time.perf_counter() - t))
    frozen, thawed = statistics.median(rates[True]), statistics.median(rates[False])
    for freeze, label in ((True, "frozen"), (False, "not frozen")):
        print(f"{label:>10}: median {statistics.median(rates[freeze]):.0f} docs/s "
              f"(runs: {', '.join(f'{r:.0f}' for r in rates[freeze])})")
    print(f"ratio frozen / not frozen: {frozen / thawed:.2f} ({len(docs)} documents, {args.workers} workers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
