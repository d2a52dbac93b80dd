"""Article-level precision/recall of incident detection on general news (Wikinews).

    .venv/bin/python benchmarks/eval_news_relevance.py /work/shared/sources/wikinews/wikinews_2019.csv \
        /work/shared/sources/wikinews/wikinews_2020.csv --labels tests/fixtures/wikinews/labels.csv [--list]

An article counts as predicted positive when the extractor includes at least one incident in it; the labels
(``url,label,reason``, label yes/no) say whether the article reports a GTD incident. The labels are the
OpenTID team's own reading (tests/fixtures/wikinews/README.md), not an independent gold corpus. ``--list``
prints every false positive and false negative with the included incidents' summaries and the flags of the
excluded candidates.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transforms.extract.model import Document  # noqa: E402
from transforms.extract.rules import RuleExtractor  # noqa: E402


def read_articles(paths: list[Path]) -> list[Document]:
    csv.field_size_limit(1 << 30)
    docs = []
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    date = dt.date.fromisoformat(row["date"][:10])
                except ValueError:
                    date = None
                docs.append(Document(doc_id=row["title"], text=row["text"], published_at=date, url=row["url"],
                                     title=row["title"]))
    return docs


def read_labels(path: Path) -> dict[str, bool]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["url"]: row["label"].strip().lower() == "yes" for row in csv.DictReader(fh)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", nargs="+", type=Path, help="Wikinews CSV files (url,date,title,text)")
    ap.add_argument("--labels", type=Path, required=True, help="labels CSV (url,label,reason)")
    ap.add_argument("--list", action="store_true", help="print false positives and false negatives")
    args = ap.parse_args(argv)
    labels = read_labels(args.labels)
    ex = RuleExtractor()
    tp = fp = fn = tn = 0
    missing = 0
    for doc in read_articles(args.csv):
        gold = labels.get(doc.url or "")
        if gold is None:
            missing += 1
            continue
        mentions = ex.extract(doc)
        pred = any(m.included for m in mentions)
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
        if args.list and pred != gold:
            kind = "FP" if pred else "FN"
            print(f"{kind} {doc.published_at} {doc.title}")
            for m in mentions:
                state = "+" if m.included else "-"
                print(f"    {state} {m.fields.get('summary')} flags={','.join(m.flags)}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles={tp + fp + fn + tn} unlabelled={missing} tp={tp} fp={fp} fn={fn} tn={tn}")
    print(f"precision={p:.3f} recall={r:.3f} f1={f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
