"""Extraction speed: documents/s on the MUC-4 DEV corpus and on N replicated real documents, both cores.

    .venv/bin/python benchmarks/bench_extract.py --muc /work/shared/eval/muc4/dev/raw/dev [--n 100000]

Prints the median of ``--repeat`` runs for each corpus and the peak resident memory of the parent and of the
worker processes. The N-document run streams documents from a generator (real MUC texts, cycled, with new
ids), so memory must stay flat however large N is. The lexicon is built once before timing (it is built once
per process in real use too, and forked workers share it).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transforms.extract.model import Document  # noqa: E402
from transforms.extract.parallel import extract_stream  # noqa: E402
from transforms.extract.readers import iter_muc  # noqa: E402
from transforms.extract.rules import RuleExtractor  # noqa: E402


def load_muc(path: Path) -> list[Document]:
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.lower().startswith("key"))
    docs: list[Document] = []
    for f in files:
        text = f.read_text(encoding="latin-1")
        if text.lstrip()[:3] in ("DEV", "TST"):
            docs.extend(iter_muc(text))
    return docs


def replicated(docs: list[Document], n: int):
    for i, d in enumerate(itertools.islice(itertools.cycle(docs), n)):
        yield Document(f"{d.doc_id}#{i}", d.text, d.published_at)


def run(extractor: RuleExtractor, docs, workers: int) -> tuple[int, int, float]:
    t = time.perf_counter()
    n_docs = n_mentions = 0
    for _, mentions in extract_stream(extractor, docs, workers=workers):
        n_docs += 1
        n_mentions += len(mentions)
    return n_docs, n_mentions, time.perf_counter() - t


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--muc", type=Path, default=Path("/work/shared/eval/muc4/dev/raw/dev"),
                    help="folder of MUC-3/4 message files (default: the DEV corpus)")
    ap.add_argument("--n", type=int, default=100_000, help="documents in the replicated run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3, help="runs per corpus (median reported)")
    args = ap.parse_args()
    if not args.muc.exists():
        print(f"{args.muc}: not found; give --muc a folder of MUC-3/4 message files", file=sys.stderr)
        return 2
    t = time.perf_counter()
    extractor = RuleExtractor()
    print(f"lexicon + geocoder built in {time.perf_counter() - t:.1f} s ({extractor.version})")
    docs = load_muc(args.muc)
    chars = sum(len(d.text) for d in docs)
    print(f"MUC corpus: {len(docs)} documents, {chars / max(1, len(docs)):.0f} characters each on average")
    rates = []
    for _ in range(args.repeat):
        n, m, secs = run(extractor, docs, args.workers)
        rates.append(n / secs)
    print(f"MUC ({len(docs)} docs, {args.workers} workers): median {statistics.median(rates):.0f} docs/s "
          f"(runs: {', '.join(f'{r:.0f}' for r in rates)}); {m} candidate incidents")
    own, children = peak_mb()
    print(f"  peak RSS: parent {own:.0f} MB, largest worker {children:.0f} MB")
    rates = []
    for _ in range(max(1, args.repeat if args.n <= 20000 else 1)):
        n, m, secs = run(extractor, replicated(docs, args.n), args.workers)
        rates.append(n / secs)
    own2, children2 = peak_mb()
    print(f"replicated ({n} docs, {args.workers} workers): median {statistics.median(rates):.0f} docs/s "
          f"({secs:.0f} s); {m} candidate incidents")
    print(f"  peak RSS: parent {own2:.0f} MB, largest worker {children2:.0f} MB "
          f"(after the {len(docs)}-doc run: parent {own:.0f} MB, worker {children:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
