"""Which coder turns which documents into mentions: the single place where a document kind meets its coder.

- ``wikipedia-list-row`` → ``transforms.code.wikipedia.code_document``
- ``ucdp-ged-event``     → ``transforms.code.ucdp_ged.code_document``
- ``text`` (news articles, Wikinews, local files, ...) → the free-text extractor. **Hook:** the function
  named by ``TEXT_CODER`` (``module:function``, default ``transforms.extract.coder:code_document``), with
  the same signature as the others: ``code_document(doc: dict) -> list[dict]`` (a documents-table row →
  mention rows built with ``transforms.code.mention.MentionBuilder``). Until that module exists, text
  documents give no mentions and are counted as ``awaiting_extraction``.

Every coder is a pure function of one document, so the per-document map can run on a cluster engine.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from schemas.tables import mentions_schema
from transforms.code import ucdp_ged, wikipedia
from transforms.frames import empty_frame

log = logging.getLogger(__name__)

Coder = Callable[[dict[str, Any]], list[dict[str, Any]]]

#: source-name prefix → document kind (first match wins; anything else is free text)
SOURCE_KINDS: list[tuple[str, str]] = [
    ("wikipedia", "wikipedia-list-row"),
    ("ucdp", "ucdp-ged-event"),
]
STRUCTURED_CODERS: dict[str, Coder] = {
    "wikipedia-list-row": wikipedia.code_document,
    "ucdp-ged-event": ucdp_ged.code_document,
}
TEXT_CODER = os.environ.get("OPENTID_TEXT_CODER", "transforms.extract.coder:code_document")


def document_kind(source: str) -> str:
    return next((kind for prefix, kind in SOURCE_KINDS if source.startswith(prefix)), "text")


def text_coder() -> Coder | None:
    """The free-text extractor's coder, or None while it is not installed."""
    module_name, _, func = TEXT_CODER.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    return getattr(module, func, None)


def coder_for(source: str) -> Coder | None:
    kind = document_kind(source)
    return STRUCTURED_CODERS[kind] if kind in STRUCTURED_CODERS else text_coder()


@dataclass
class MentionsResult:
    frame: pl.DataFrame
    faults: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, reason)
    documents: int = 0
    awaiting_extraction: int = 0


def code_documents(documents: pl.DataFrame, source: str) -> MentionsResult:
    """All documents of one source → its mentions frame (sorted by mention_id), with coding faults."""
    coder = coder_for(source)
    rows: list[dict[str, Any]] = []
    result = MentionsResult(frame=pl.DataFrame(), documents=documents.height)
    if coder is None:
        result.awaiting_extraction = documents.height
    else:
        for doc in documents.iter_rows(named=True):
            try:
                rows.extend(coder(doc))
            except Exception as exc:  # noqa: BLE001 - one bad document never stops the source
                log.warning("coding fault: %s %s: %s", source, doc.get("doc_id"), exc)
                result.faults.append((doc.get("doc_id") or "", f"{type(exc).__name__}: {exc}"))
    result.frame = mentions_frame(rows)
    return result


def mentions_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Mention rows → a frame typed by the mentions schema (GTD columns present in any row)."""
    columns = {k for row in rows for k in row}
    schema = mentions_schema(
        columns - {"mention_id", "doc_id", "source", "extractor", "confidence", "evidence"}
    )
    empty = empty_frame(schema)
    if not rows:
        return empty  # type: ignore[return-value]
    frame = pl.DataFrame(
        [{name: row.get(name) for name in schema.names} for row in rows],
        schema={
            n: (pl.String if empty.schema[n] == pl.Categorical else empty.schema[n]) for n in schema.names
        },
        strict=False,
    )
    return frame.sort("mention_id")
