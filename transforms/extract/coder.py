"""Free-text documents (news and Wikinews articles, local collections) → mentions, by the rule-based extractor.

The extractor (``transforms/extract/rules.py``; rules in ``docs/extraction.md``) reads each document's text
and codes every incident it reports that meets GTD's inclusion criteria: an intentional act of violence
(or its attempt) by a non-state actor, with crit1–crit3 and doubtterr set from what the text says. Threats,
foiled plots, trials, anniversaries, battles between armed forces, acts of state forces, accidents and
disasters are not coded. Relative dates ("yesterday", "on Monday") are resolved against the article's
dateline or published date; places come from an offline gazetteer (GeoNames-derived cities, ISO 3166-2
subdivisions); casualty figures follow GTD's counting rules; group names come from a versioned gazetteer.

These are machine readings, not a coder's judgement: every value keeps its evidence (the text span and the
rule that produced it) in the ``evidence`` column of ``incident_sources.parquet``, ``confidence`` says how
many core fields the text supported, and ``QUALITY.md`` gives the extractor's measured precision and recall
per field on gold-standard corpora. The article text itself is not part of the release.

(For developers: this module is the ``TEXT_CODER`` hook of ``opentid transform``,
``transforms/code/registry.py``. ``code_document(doc)`` takes one documents-table row and returns mention
rows in the mentions-table contract, one per included incident; evidence offsets point into ``doc["text"]``.)
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
