"""The pyarrow schema of the incidents table, generated from ``schemas/incidents.yaml``.

Each field carries its description (and code list / label / unknown convention, where it has one)
as field metadata, so a reader of ``incidents.parquet`` sees the documentation without the codebook.
"""

from __future__ import annotations

import json
from functools import cache

import pyarrow as pa

from schemas.definition import FieldDef, IncidentsDefinition, load_definition

#: Vocabulary columns (``*_txt``, dbsource, group names, date_precision): dictionary-encoded strings.
DICTIONARY_TYPE = pa.dictionary(pa.int32(), pa.string())
TIMESTAMP_TYPE = pa.timestamp("us", tz="UTC")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "int16": pa.int16(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "string": pa.string(),
    "dictionary": DICTIONARY_TYPE,
    "date32": pa.date32(),
    "timestamp": TIMESTAMP_TYPE,
}


def arrow_type(name: str) -> pa.DataType:
    return _ARROW_TYPES[name]


def field_metadata(f: FieldDef) -> dict[str, str]:
    meta = {"description": f.description}
    if f.codes:
        meta["codes"] = f.codes
    if f.label_of:
        meta["label_of"] = f.label_of
    if f.unknown:
        meta["unknown"] = json.dumps(f.unknown)
    if f.blank:
        meta["blank"] = f.blank
    return meta


def arrow_field(f: FieldDef) -> pa.Field:
    return pa.field(f.name, arrow_type(f.type), nullable=f.nullable, metadata=field_metadata(f))


def schema_from_definition(definition: IncidentsDefinition) -> pa.Schema:
    return pa.schema([arrow_field(f) for f in definition.fields])


@cache
def incidents_schema() -> pa.Schema:
    """The pyarrow schema of ``incidents.parquet`` (135 GTD columns, then OpenTID's five)."""
    return schema_from_definition(load_definition())
