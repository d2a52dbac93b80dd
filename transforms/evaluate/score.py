"""Matching predicted incidents to gold incidents and per-field precision / recall / F1.

Rules (issue 4): within a document, a predicted and a gold incident may be paired when they agree on the
attack class or on two other fields; pairs are chosen greedily, most agreeing fields first. A field's
precision is correct / predicted fillers and its recall correct / gold fillers, where predicted fillers
include those of unmatched predictions and gold fillers those of unmatched gold incidents (so missed and
spurious incidents count against both). Gold incidents marked optional count only when matched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from transforms.evaluate.gold import ATTACK_CLASS, GoldIncident, date_in
from transforms.evaluate.names import perpetrator_matches
from transforms.extract.places import norm_place

UNKNOWN_GNAME = {"unknown", ""}


def predicted_value(name: str, row: Mapping[str, Any]) -> Any:
    """The comparable value of scored field ``name`` in one predicted incident row (None = no filler)."""
    if name == "attack":
        cls = ATTACK_CLASS.get(row.get("attacktype1"))
        return {cls} if cls else None
    if name == "date":
        y, m, d = row.get("iyear"), row.get("imonth"), row.get("iday")
        if not (y and m and d):
            return None
        try:
            return dt.date(y, m, d)
        except ValueError:
            return None
    if name == "country":
        return row.get("country")
    if name == "place":
        places = {norm_place(row.get(k) or "") for k in ("city", "provstate")} - {""}
        return places or None
    if name == "weapon":
        codes = {row.get(f"weaptype{i}") for i in range(1, 5)} - {None, 13}
        return codes or None
    if name == "target":
        codes = {row.get(f"targtype{i}") for i in range(1, 4)} - {None, 20}
        return codes or None
    if name == "perpetrator":
        g = row.get("gname")
        return None if g is None or g.strip().lower() in UNKNOWN_GNAME else g
    if name in ("nkill", "nwound"):
        v = row.get(name)
        return None if v is None else int(v)
    raise KeyError(name)


def agrees(name: str, pred: Any, gold: Any) -> bool:
    if pred is None or gold is None:
        return False
    if name in ("attack", "place", "weapon", "target"):
        return bool(pred & gold)
    if name == "date":
        return date_in(pred, gold)
    if name == "country":
        return pred in gold if isinstance(gold, set) else pred == gold
    if name == "perpetrator":
        return perpetrator_matches(pred, gold)
    return pred == gold


@dataclass
class FieldTally:
    correct: int = 0
    predicted: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float | int]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"correct": self.correct, "predicted": self.predicted, "gold": self.gold,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Scores:
    fields: list[str]
    tallies: dict[str, FieldTally] = field(default_factory=dict)
    detection: FieldTally = field(default_factory=FieldTally)
    matched: int = 0
    attack_agree: int = 0
    n_docs: int = 0
    pairs: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    #: per field, how many gold values the input text names at all (``support.py``), where measured
    support: dict[str, dict[str, float | int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        micro = FieldTally()
        for t in self.tallies.values():
            micro.correct += t.correct
            micro.predicted += t.predicted
            micro.gold += t.gold
        out = {
            "documents": self.n_docs,
            "incidents": self.detection.scores(),
            "attack_class_accuracy_matched": round(self.attack_agree / self.matched, 4) if self.matched else 0.0,
            "matched": self.matched,
            "fields": {k: self.tallies[k].scores() for k in self.fields},
            "micro": micro.scores(),
        }
        if self.support:
            out["text_support"] = self.support
        return out


def score(
    predictions: Iterable[Mapping[str, Any]], gold: Iterable[GoldIncident], fields: list[str],
    doc_ids: Iterable[str] | None = None,
) -> Scores:
    """Score predicted incident rows (dicts with ``doc_id`` and GTD columns) against gold incidents.

    ``doc_ids`` restricts scoring to those documents (predictions for other documents are ignored).
    """
    wanted = set(doc_ids) if doc_ids is not None else None
    preds_by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in predictions:
        if wanted is None or row["doc_id"] in wanted:
            preds_by_doc[row["doc_id"]].append({k: predicted_value(k, row) for k in fields})
    gold_by_doc: dict[str, list[GoldIncident]] = defaultdict(list)
    for g in gold:
        if wanted is None or g.doc_id in wanted:
            gold_by_doc[g.doc_id].append(g)
    s = Scores(fields=fields, tallies={k: FieldTally() for k in fields})
    docs = sorted(set(preds_by_doc) | set(gold_by_doc) | (wanted or set()))
    s.n_docs = len(docs)
    for doc in docs:
        _score_doc(s, preds_by_doc.get(doc, []), gold_by_doc.get(doc, []))
    return s


def _score_doc(s: Scores, preds: list[dict[str, Any]], golds: list[GoldIncident]) -> None:
    others = [k for k in s.fields if k != "attack"]
    candidates = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            agree = {k for k in s.fields if agrees(k, p[k], g.fields.get(k))}
            if "attack" in agree or len(agree & set(others)) >= 2:
                candidates.append((-len(agree), g.optional, i, j, agree))
    candidates.sort(key=lambda c: (c[0], c[1], c[2], c[3]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int, set[str]]] = []
    for _, _, i, j, agree in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j, agree))
    for p in preds:
        s.detection.predicted += 1
        for k in s.fields:
            if p[k] is not None:
                s.tallies[k].predicted += 1
    for j, g in enumerate(golds):
        if g.optional and j not in used_g:
            continue
        s.detection.gold += 1
        for k in s.fields:
            if g.fields.get(k) is not None:
                s.tallies[k].gold += 1
    for i, j, agree in pairs:
        s.detection.correct += 1
        s.matched += 1
        if "attack" in agree:
            s.attack_agree += 1
        for k in agree:
            s.tallies[k].correct += 1
        s.pairs.append((golds[j].doc_id, golds[j].key, str(i)))
