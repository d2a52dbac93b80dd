"""``datapackage.json``: a Frictionless Data Package descriptor for a release folder.

Field lists are read back from the written Parquet files, so the descriptor can never disagree with
the data it describes; descriptions come from the Parquet field metadata the schema writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from datasets.release.checksums import sha256_file

#: How a missing value looks once frictionless has read a Parquet file through pandas.
MISSING_VALUES = ["", "nan", "NaN", "None", "NaT", "<NA>"]


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    title: str
    description: str


def frictionless_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_dictionary(arrow_type):
        return frictionless_type(arrow_type.value_type)
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type) or pa.types.is_decimal(arrow_type):
        return "number"
    if pa.types.is_timestamp(arrow_type):
        return "datetime"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type) or pa.types.is_struct(arrow_type):
        return "array" if not pa.types.is_struct(arrow_type) else "object"
    return "any"


def _fields(schema: pa.Schema) -> list[dict]:
    fields = []
    for f in schema:
        entry: dict = {"name": f.name, "type": frictionless_type(f.type)}
        meta = f.metadata or {}
        desc = meta.get(b"description")
        if desc:
            entry["description"] = desc.decode("utf-8")
        if not f.nullable:
            entry["constraints"] = {"required": True}
        fields.append(entry)
    return fields


def write_datapackage(
    folder: Path,
    *,
    name: str,
    title: str,
    description: str,
    version: str,
    licence: dict,
    sources: list[dict],
    resources: list[Resource],
    primary_keys: dict[str, list[str]] | None = None,
    created: str | None = None,
) -> Path:
    """Write ``folder/datapackage.json`` describing ``resources`` (Parquet files inside ``folder``)."""
    res = []
    for r in resources:
        path = folder / r.path
        meta = pq.read_metadata(path)
        schema = meta.schema.to_arrow_schema()
        entry = {
            "name": r.name,
            "title": r.title,
            "description": r.description,
            "path": r.path,
            "type": "table",
            "scheme": "file",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            # Frictionless reads Parquet through pandas, where a null integer becomes NaN.
            "schema": {"fields": _fields(schema), "missingValues": MISSING_VALUES},
        }
        # frictionless cannot count the bytes of a Parquet file (it reads rows, not bytes), so its
        # standard `bytes`/`hash` checks fail on any Parquet resource; size and checksum go in our own
        # properties (and SHA256SUMS).
        entry["opentid:bytes"] = path.stat().st_size
        entry["opentid:sha256"] = sha256_file(path)
        entry["opentid:rows"] = meta.num_rows
        if primary_keys and r.name in primary_keys:
            entry["schema"]["primaryKey"] = primary_keys[r.name]
        res.append(entry)
    descriptor = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": name,
        "title": title,
        "description": description,
        "version": version,
        "licenses": [{"name": licence["id"], "path": licence["url"], "title": licence["title"]}],
        "sources": sources,
        "resources": res,
    }
    if created:
        descriptor["created"] = created
    out = folder / "datapackage.json"
    out.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
