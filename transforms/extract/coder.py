"""The free-text coder hook of ``opentid transform`` (``transforms/code/registry.py``: ``TEXT_CODER``).

``code_document(doc)`` takes one documents-table row (a dict) and returns mention rows in the mentions
table contract (``mention_id``, ``doc_id``, ``source``, ``extractor``, ``confidence``, GTD columns with
their ``*_txt`` labels, ``evidence``), one per incident the default extractor finds that meets GTD's
inclusion criteria. Evidence offsets point into the document's ``text``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from transforms.code.gtd_codes import variable_names
from transforms.code.mention import mention_id, with_labels
from transforms.extract.model import Document
from transforms.extract.rules import RuleExtractor


@lru_cache(maxsize=1)
def _extractor() -> RuleExtractor:
    return RuleExtractor()


@lru_cache(maxsize=1)
def _gtd_columns() -> frozenset[str]:
    return frozenset(variable_names()) - {"eventid"}


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def code_document(doc: dict[str, Any]) -> list[dict[str, Any]]:
    extractor = _extractor()
    name = f"{extractor.name}/{extractor.version}"
    document = Document(doc_id=doc["doc_id"], text=doc.get("text") or "", published_at=_date(doc.get("published_at")),
                        url=doc.get("url"), title=doc.get("title"))
    gtd = _gtd_columns()
    rows = []
    included = [m for m in extractor.extract(document) if m.included]
    for ordinal, m in enumerate(included, start=1):
        row: dict[str, Any] = {
            "mention_id": mention_id(document.doc_id, name, ordinal),
            "doc_id": document.doc_id,
            "source": doc.get("source") or "",
            "extractor": name,
            "confidence": m.confidence,
        }
        row.update(with_labels({k: v for k, v in m.fields.items() if k in gtd and not k.endswith("_txt")}))
        row["evidence"] = json.dumps([e.as_dict() for e in m.evidence], ensure_ascii=False)
        rows.append(row)
    return rows
