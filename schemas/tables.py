"""pyarrow schemas of the tables other than incidents (see docs/ARCHITECTURE.md, "Table contracts").

``mentions`` has fixed base columns plus any of the incidents table's GTD columns that the
document supports; :func:`mentions_schema` builds the schema for a given set of GTD columns.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from schemas.arrow import TIMESTAMP_TYPE, incidents_schema

_S = pa.string()


def _f(name: str, type_: pa.DataType, nullable: bool = True, description: str = "") -> pa.Field:
    meta = {"description": description} if description else None
    return pa.field(name, type_, nullable=nullable, metadata=meta)


DOCUMENTS_SCHEMA = pa.schema(
    [
        _f("doc_id", _S, False, "sha256 hex of canonical URL + '\\n' + content_sha256 + '\\n' + record_key"),
        _f("record_key", _S, False, "source + native key, raw and uncleaned, e.g. 'ucdp-ged:15321'"),
        _f("source", _S, False, "source name (datasets/sources/<source>.yaml)"),
        _f("url", _S, False, "canonical URL"),
        _f("fetched_at", TIMESTAMP_TYPE, False, "when the response was fetched (UTC)"),
        _f("published_at", TIMESTAMP_TYPE, True, "publication date/time (UTC; dates as midnight)"),
        _f("title", _S),
        _f("publisher", _S),
        _f("language", _S, True, "ISO 639-1 code"),
        _f("text", _S, True, "main text; for table rows the cell texts"),
        _f("content_sha256", _S, False, "sha256 hex of the archived response body"),
        _f("warc_file", _S, False, "WARC file, relative to the data folder"),
        _f("warc_record_id", _S, False),
        _f("warc_offset", pa.int64(), False),
        _f("http_status", pa.int16()),
        _f("licence", _S),
        _f("record", _S, True, "JSON of native fields for structured sources, null otherwise"),
    ]
)

MENTIONS_BASE_FIELDS = [
    _f("mention_id", _S, False),
    _f("doc_id", _S, False),
    _f("source", _S, False),
    _f("extractor", _S, False, "extractor name + version"),
    _f("confidence", pa.float64(), False, "0-1"),
]
MENTIONS_EVIDENCE_FIELD = _f(
    "evidence", _S, True, 'JSON list of {"field", "text", "start", "end", "rule"}: the text behind each value'
)


def mentions_schema(gtd_columns: Iterable[str] = ()) -> pa.Schema:
    """Base mention columns, the requested GTD columns (in GTD order, incidents types), then ``evidence``.

    GTD columns are nullable in mentions whatever the incidents table says: a document rarely
    supports every value.
    """
    wanted = set(gtd_columns)
    inc = incidents_schema()
    unknown = wanted - set(inc.names)
    if unknown:
        raise ValueError(f"not incidents columns: {sorted(unknown)}")
    gtd = [inc.field(n).with_nullable(True) for n in inc.names if n in wanted]
    return pa.schema([*MENTIONS_BASE_FIELDS, *gtd, MENTIONS_EVIDENCE_FIELD])


#: mentions with no GTD columns (the minimum every mentions file has).
MENTIONS_SCHEMA = mentions_schema()

INCIDENT_SOURCES_SCHEMA = pa.schema(
    [
        _f("eventid", pa.int64(), False),
        _f("doc_id", _S, False),
        _f("record_key", _S, False),
        _f("source", _S, False),
        _f("url", _S, False),
        _f("title", _S),
        _f("publisher", _S),
        _f("published_at", TIMESTAMP_TYPE),
        _f("fetched_at", TIMESTAMP_TYPE, False),
        _f("content_sha256", _S, False),
        _f("warc_record_id", _S),
        _f("role", _S, False, "primary | corroborating"),
        _f("evidence", _S, True, "JSON, as in mentions"),
    ]
)

#: Allowed values of incident_sources.role.
SOURCE_ROLES = ("primary", "corroborating")

EVENTID_ALIASES_SCHEMA = pa.schema(
    [
        _f("alias_eventid", pa.int64(), False, "eventid no longer used (merged into `eventid`)"),
        _f("eventid", pa.int64(), False, "eventid it now refers to"),
        _f("reason", _S, False, "why, e.g. 'merged'"),
        _f("since_version", _S, False, "release version in which the alias first appears"),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS_SCHEMA,
    "mentions": MENTIONS_SCHEMA,
    "incident_sources": INCIDENT_SOURCES_SCHEMA,
    "eventid_aliases": EVENTID_ALIASES_SCHEMA,
}
