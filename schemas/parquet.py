"""The one deterministic Parquet writer every stage uses.

Same input, same bytes: zstd, column statistics, dictionary encoding, a fixed row-group size, no
wall-clock time or host name anywhere (pyarrow writes neither; we add none). Release metadata goes
into the file's key-value metadata as one JSON document under the ``opentid`` key.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

if TYPE_CHECKING:
    import polars as pl

ZSTD_LEVEL = 3
ROW_GROUP_SIZE = 128 * 1024
METADATA_KEY = b"opentid"

SortKey = str | tuple[str, str]


def to_arrow(data: pa.Table | pl.DataFrame) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    to = getattr(data, "to_arrow", None)
    if to is None:
        raise TypeError(f"expected a pyarrow Table or polars DataFrame, got {type(data).__name__}")
    return to()


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Select ``schema``'s columns in its order and cast to its types (and its field metadata).

    Raises ValueError naming missing columns, or null values in non-nullable columns.
    """
    missing = [n for n in schema.names if n not in table.column_names]
    if missing:
        raise ValueError(f"missing columns: {missing}")
    columns = []
    for field in schema:
        col = table.column(field.name)
        if not field.nullable and col.null_count:
            raise ValueError(f"column {field.name!r} is not nullable but has {col.null_count} nulls")
        if col.type != field.type:
            col = col.cast(field.type)
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=schema)


def _normalise_dictionaries(table: pa.Table) -> pa.Table:
    """Re-encode dictionary columns so each dictionary holds the used values in order of first use.

    Otherwise the dictionary (and so the file) would depend on the input's row order and on values
    that were filtered out, not only on the rows written.
    """
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            plain = table.column(i).cast(field.type.value_type)
            encoded = pc.dictionary_encode(plain).cast(field.type)
            table = table.set_column(i, field, encoded)
    return table


def _sort_keys(sort_by: Sequence[SortKey]) -> list[tuple[str, str, str]]:
    return [(k, "ascending", "at_end") if isinstance(k, str) else (k[0], k[1], "at_end") for k in sort_by]


def write_parquet(
    data: pa.Table | pl.DataFrame,
    path: str | os.PathLike[str],
    schema: pa.Schema | None = None,
    sort_by: Sequence[SortKey] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Path:
    """Write ``data`` to ``path`` deterministically (atomically: temp file + rename).

    ``schema``: conform the columns (order, types, metadata) to it first. ``sort_by``: column names
    or ``(name, "ascending"|"descending")`` pairs; nulls sort last. With a unique sort key the bytes do
    not depend on the input's row order either. ``metadata``: release metadata
    (version, schema version, git commit, source hashes, licence ...), stored as sorted-key JSON
    under the ``opentid`` key of the file's key-value metadata.
    """
    if sort_by and not isinstance(data, pa.Table):
        # polars sorts in parallel and faster than pyarrow; same order (nulls last)
        keys = _sort_keys(sort_by)
        data = data.sort(
            [k[0] for k in keys], descending=[k[1] == "descending" for k in keys], nulls_last=True
        )
        sort_by = None
    table = to_arrow(data)
    if schema is not None:
        table = conform(table, schema)
    if sort_by:
        table = table.sort_by(_sort_keys(sort_by))
    table = _normalise_dictionaries(table.combine_chunks())
    schema_meta = dict(table.schema.metadata or {})
    schema_meta.pop(b"pandas", None)
    if metadata is not None:
        schema_meta[METADATA_KEY] = json.dumps(dict(metadata), sort_keys=True, ensure_ascii=False).encode()
    table = table.replace_schema_metadata(schema_meta or None)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(
        table,
        tmp,
        compression="zstd",
        compression_level=ZSTD_LEVEL,
        write_statistics=True,
        use_dictionary=True,
        row_group_size=ROW_GROUP_SIZE,
        store_schema=True,
    )
    os.replace(tmp, path)
    return path


def read_opentid_metadata(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The ``opentid`` JSON metadata of a Parquet file, or None if it has none."""
    meta = pq.read_schema(path).metadata or {}
    raw = meta.get(METADATA_KEY)
    return json.loads(raw) if raw is not None else None
