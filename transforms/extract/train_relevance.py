"""Train the incident relevance model (transforms/extract/data/relevance_model.json) on MUC-4 DEV.

    python -m transforms.extract.train_relevance /path/to/muc4/dev/raw/dev [--out PATH]

The rule extractor (without the model) codes every incident of every DEV message; each incident that the
MUC scorer pairs with a key template is a positive example, every other one a negative. Features are
``relevance.mention_features``; features seen fewer than ``MIN_COUNT`` times are dropped. The model is an
L2-regularised logistic regression fitted by full-batch gradient descent (fixed steps, no randomness: the
same data gives the same weights). The threshold comes from 5-fold cross-validation on DEV, folds by message
order (so that one message's incidents stay in one fold), repeated with the folds shifted by a third of a fold
and averaged. The criterion is the MUC scorer's micro F1 over all fields of the incidents kept (the issue's
measure, which weighs a spurious incident by every value it brings, not just by one detection): each
threshold's kept incidents are scored again, pairing included. The curve is flat over a wide range of
thresholds, and its single best point moves with every small change of the rules; of the thresholds whose
averaged F1 is within ``TOLERANCE`` of the best, the highest is taken: where recall and precision trade
evenly, a release is better off with fewer machine-coded incidents that are not incidents. Train on DEV only: TST1-TST4 are the
held-out sets.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from transforms.evaluate.gold import GoldIncident
from transforms.evaluate.muc_keys import read_keys
from transforms.evaluate.run import MUC_FIELDS, muc_relevant, split_muc_files
from transforms.evaluate.score import score
from transforms.extract.readers import iter_muc
from transforms.extract.relevance import _MODEL_PATH, RelevanceModel, mention_features
from transforms.extract.rules import RuleExtractor

MIN_COUNT = 20
L2 = 0.003
STEPS = 500
RATE = 0.5
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(19))  # 0.05 ... 0.5
SHIFTS = 3  # fold partitions averaged
TOLERANCE = 0.005  # F1 within this of the best counts as equally good


@dataclass
class Examples:
    """Every incident the rules include on the training messages, with what scoring them again needs."""

    feats: list[set[str]]
    labels: list[int]  # 1 where the scorer pairs the incident with a key template
    n_gold: int  # gold incidents (detection F1's denominator)
    rows: list[dict[str, Any]]  # the incidents' coded fields, for the scorer
    gold: list[GoldIncident]
    doc_ids: list[str]

    def micro_f1(self, kept: np.ndarray) -> float:
        """The MUC scorer's micro F1 over all fields when only the ``kept`` incidents are predicted."""
        s = score([r for r, k in zip(self.rows, kept, strict=True) if k], self.gold, MUC_FIELDS,
                  doc_ids=self.doc_ids)
        micro = s.as_dict()["micro"]
        total = micro["predicted"] + micro["gold"]
        return 2 * micro["correct"] / total if total else 0.0


def examples(paths: Sequence[Path]) -> Examples:
    """Features, labels and scoring data for every incident the extractor includes."""
    messages, keys = split_muc_files(paths)
    doc_ids, gold = read_keys(keys)
    extractor = RuleExtractor(relevance_model=False)
    rows: list[dict[str, Any]] = []
    feats: list[set[str]] = []
    for f in messages:
        for doc in iter_muc(f.read_text(encoding="latin-1")):
            for m in extractor.extract(doc):
                if m.included and muc_relevant(m.fields):
                    rows.append({"doc_id": doc.doc_id, **m.fields})
                    feats.append(mention_features(doc.text, m.start, m.end, m.fields))
    s = score(rows, gold, MUC_FIELDS, doc_ids=doc_ids)
    # the scorer numbers each document's predictions in input order
    index: dict[tuple[str, int], int] = {}
    seen: Counter[str] = Counter()
    for n, r in enumerate(rows):
        index[(r["doc_id"], seen[r["doc_id"]])] = n
        seen[r["doc_id"]] += 1
    labels = [0] * len(rows)
    for doc_id, _key, i in s.pairs:
        labels[index[(doc_id, int(i))]] = 1
    return Examples(feats, labels, s.detection.gold, rows, gold, doc_ids)


def fit(feats: list[set[str]], labels: Sequence[int]) -> RelevanceModel:
    counts = Counter(f for x in feats for f in x)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    x = _matrix(feats, vocab)
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        w -= RATE * (x.T @ (p - y) / len(y) + L2 * w)
        b -= RATE * float(np.mean(p - y))
    return RelevanceModel({f: float(w[i]) for f, i in vocab.items()}, b, 0.5)


def _matrix(feats: list[set[str]], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(feats), len(vocab)))
    for r, fs in enumerate(feats):
        for f in fs:
            j = vocab.get(f)
            if j is not None:
                x[r, j] = 1.0
    return x


def _f1(kept: np.ndarray, y: np.ndarray, n_gold: int) -> float:
    tp, n = float(y[kept].sum()), int(kept.sum())
    if not tp:
        return 0.0
    p, r = tp / n, tp / n_gold
    return 2 * p * r / (p + r)


def choose_threshold(feats: list[set[str]], labels: Sequence[int], n_gold: int, folds: int = 5,
                     objective: Callable[[np.ndarray], float] | None = None) -> tuple[float, float, float]:
    """(threshold, its averaged out-of-fold F1, F1 keeping everything); see the module docstring.

    ``objective(kept)`` scores a boolean mask of kept incidents; by default detection F1 from ``labels``."""
    y = np.asarray(labels, dtype=float)
    if objective is None:
        def objective(kept: np.ndarray) -> float:
            return _f1(kept, y, n_gold)
    n = max(1, len(y))
    totals = np.zeros(len(THRESHOLDS))
    for shift in range(SHIFTS):
        fold = ((np.arange(len(y)) + shift * n // (folds * SHIFTS)) % n) * folds // n
        scores = np.zeros(len(y))
        for k in range(folds):
            train = [i for i in range(len(y)) if fold[i] != k]
            model = fit([feats[i] for i in train], [labels[i] for i in train])
            for i in np.flatnonzero(fold == k):
                scores[i] = model.score(feats[i])
        totals += [objective(scores >= t) for t in THRESHOLDS]
    mean = totals / SHIFTS
    best = float(mean.max())
    i = max(j for j in range(len(THRESHOLDS)) if mean[j] >= best - TOLERANCE)
    return THRESHOLDS[i], float(mean[i]), objective(np.ones(len(y), dtype=bool))


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", type=Path, help="MUC-4 DEV message and key files or folders")
    ap.add_argument("--out", type=Path, default=_MODEL_PATH)
    args = ap.parse_args(argv)
    ex = examples(args.paths)
    threshold, cv_f1, all_f1 = choose_threshold(ex.feats, ex.labels, ex.n_gold, objective=ex.micro_f1)
    model = fit(ex.feats, ex.labels)
    model.threshold = threshold
    meta = {"trained_on": "MUC-4 DEV", "examples": len(ex.labels), "positives": int(sum(ex.labels)),
            "min_count": MIN_COUNT, "l2": L2, "steps": STEPS}
    args.out.write_text(model.to_json(meta), encoding="utf-8")
    print(f"{len(ex.labels)} incidents ({sum(ex.labels)} matched), {len(model.weights)} features, "
          f"threshold {threshold} (cross-validated micro F1 {all_f1:.3f} -> {cv_f1:.3f}) -> {args.out}")


if __name__ == "__main__":
    main()
