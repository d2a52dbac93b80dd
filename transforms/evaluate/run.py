"""Run an extractor over a gold corpus and score it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from transforms.evaluate.gold import GoldIncident
from transforms.evaluate.muc_keys import read_keys
from transforms.evaluate.score import Scores, score
from transforms.evaluate.support import names_country, names_perpetrator, support_tally
from transforms.evaluate.wikipedia_gold import read_rows
from transforms.extract.model import Document, Extractor
from transforms.extract.parallel import extract_stream
from transforms.extract.readers import iter_muc

MUC_FIELDS = ["attack", "date", "country", "place", "weapon", "perpetrator", "target", "nkill"]
WIKIPEDIA_FIELDS = ["attack", "weapon", "country", "nkill", "nwound", "perpetrator"]


def _files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or directory")
        out.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    return out


def split_muc_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(message files, key files) among the given files and folders; keys are named ``key*``."""
    files = _files(paths)
    keys = [f for f in files if f.name.lower().startswith("key")]
    messages = [f for f in files if f not in keys and f.read_text(encoding="latin-1")[:200].lstrip()[:3] in
                ("DEV", "TST")]
    return messages, keys


def rows_of(extractor: Extractor, docs, workers: int | None = None) -> list[dict[str, Any]]:
    rows = []
    for doc, mentions in extract_stream(extractor, docs, workers=workers):
        for m in mentions:
            if m.included:
                rows.append({"doc_id": doc.doc_id, **m.fields})
    return rows


def evaluate_muc(extractor: Extractor, paths: Iterable[Path], workers: int | None = None) -> Scores:
    messages, keys = split_muc_files(paths)
    if not keys:
        raise ValueError("no MUC answer-key files (named key*) among the given paths")
    doc_ids, gold = read_keys(keys)

    def docs():
        for f in messages:
            yield from iter_muc(f.read_text(encoding="latin-1"))

    rows = [r for r in rows_of(extractor, docs(), workers) if muc_relevant(r)]
    return score(rows, gold, MUC_FIELDS, doc_ids=doc_ids)


def muc_relevant(row: dict[str, Any]) -> bool:
    """MUC's relevance definition differs from GTD's on one point: an attack on a military or police force or
    installation is "a purely guerrilla act" and not in the MUC database (MUC-4 template-doc §1.0, exception b),
    while GTD includes it (usually with ``doubtterr`` = 1). So GTD-coded incidents whose every known target is
    military or police (targtype 4 / 3) are not counted as MUC incidents."""
    targets = {row.get(f"targtype{i}") for i in range(1, 4)} - {None, 20}
    return not targets or not targets <= {3, 4}


def evaluate_wikipedia(extractor: Extractor, path: Path, workers: int | None = None) -> Scores:
    pairs = list(read_rows(path))
    docs = [d for d, _ in pairs]
    gold = [g for _, g in pairs]
    scores = score(rows_of(extractor, docs, workers), gold, WIKIPEDIA_FIELDS, doc_ids=[d.doc_id for d in docs])
    scores.support = wikipedia_support(pairs)
    return scores


def wikipedia_support(pairs: Iterable[tuple[Document, GoldIncident]]) -> dict[str, dict[str, float | int]]:
    """How many gold perpetrators and countries the ``details`` text names at all (``support.py``): the cap on
    recall for any extractor that reads only that text."""
    counts = {"country": [0, 0], "perpetrator": [0, 0]}
    for doc, g in pairs:
        if "country" in g.fields:
            counts["country"][1] += 1
            counts["country"][0] += names_country(doc.text, g.fields["country"], doc.published_at)
        if "perpetrator" in g.fields:
            counts["perpetrator"][1] += 1
            counts["perpetrator"][0] += names_perpetrator(doc.text, g.fields["perpetrator"])
    return support_tally(counts)
