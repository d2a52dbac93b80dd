"""Mentions → rows (GTD column names + evidence) → Parquet."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from transforms.extract.model import Mention

#: Columns every output has, in this order; other GTD columns follow in GTD order when present.
LEAD = ["mention_id", "doc_id", "extractor", "included", "flags", "confidence"]


def gtd_columns() -> list[str]:
    from transforms.code.gtd_codes import variable_names

    return variable_names()


def mention_row(m: Mention, extractor: str, index: int) -> dict[str, Any]:
    mid = hashlib.sha256(f"{m.doc_id}\n{extractor}\n{index}".encode()).hexdigest()[:32]
    row: dict[str, Any] = {"mention_id": mid, "doc_id": m.doc_id, "extractor": extractor, "included": m.included,
                           "flags": ",".join(m.flags), "confidence": m.confidence}
    row.update(m.fields)
    row["evidence"] = json.dumps([e.as_dict() for e in m.evidence], ensure_ascii=False)
    row["text_start"], row["text_end"] = m.start, m.end
    return row


def write_parquet(rows: Iterable[dict[str, Any]], path: Path, batch_rows: int = 5000) -> int:
    """Write rows in batches (memory stays flat); columns: LEAD, GTD columns present, evidence."""
    order = LEAD + [c for c in gtd_columns() if c not in ("eventid",)] + ["evidence", "text_start", "text_end"]
    schema = _schema(order)
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(rows, batch_rows):
            cols = {name: [r.get(name) for r in chunk] for name in order}
            writer.write_table(pa.Table.from_pydict(cols, schema=schema))
            n += len(chunk)
    return n


def _chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    buf: list[dict[str, Any]] = []
    for r in rows:
        buf.append(r)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


_STRING_GTD = {"approxdate", "resolution", "country_txt", "region_txt", "provstate", "city", "location", "summary",
               "alternative_txt", "corp1", "target1", "corp2", "target2", "corp3", "target3", "gname", "gsubname",
               "gname2", "gsubname2", "gname3", "gsubname3", "motive", "weapdetail", "propcomment",
               "divert", "kidhijcountry", "ransomnote", "addnotes", "scite1", "scite2", "scite3", "dbsource",
               "related"}


def _schema(order: list[str]) -> pa.Schema:
    fields = []
    for name in order:
        if name in ("mention_id", "doc_id", "extractor", "flags", "evidence") or name in _STRING_GTD \
                or name.endswith("_txt"):
            t = pa.string()
        elif name == "included":
            t = pa.bool_()
        elif name in ("confidence", "latitude", "longitude", "propvalue", "ransomamt", "ransomamtus",
                      "ransompaid", "ransompaidus", "nhours", "ndays"):
            t = pa.float64()
        else:
            t = pa.int64()
        fields.append(pa.field(name, t))
    return pa.schema(fields)
