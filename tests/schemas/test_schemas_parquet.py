"""The deterministic Parquet writer: same input, same bytes; zstd, statistics, dictionaries, metadata."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from schemas.arrow import incidents_schema
from schemas.parquet import ROW_GROUP_SIZE, read_opentid_metadata, write_parquet
from schemas.synth import RELEASE_SORT, synth_incidents

META = {
    "version": "2026.11.25",
    "schema_version": "1.0.0",
    "git_commit": "abc123",
    "licence": "CC-BY-4.0",
    "source_snapshots": json.dumps({"ucdp-ged": "sha256:00"}),
}


def test_same_input_gives_byte_identical_files(tmp_path: Path) -> None:
    frame = synth_incidents(800, seed=5)
    a = write_parquet(
        frame, tmp_path / "a.parquet", schema=incidents_schema(), sort_by=RELEASE_SORT, metadata=META
    )
    # a second, independently generated frame (same seed) in a different row order
    again = synth_incidents(800, seed=5).sample(fraction=1.0, shuffle=True, seed=1)
    b = write_parquet(
        again, tmp_path / "b.parquet", schema=incidents_schema(), sort_by=RELEASE_SORT, metadata=META
    )
    assert a.read_bytes() == b.read_bytes()
    other = write_parquet(
        frame,
        tmp_path / "c.parquet",
        schema=incidents_schema(),
        sort_by=RELEASE_SORT,
        metadata={**META, "version": "other"},
    )
    assert other.read_bytes() != a.read_bytes()


def test_file_properties(tmp_path: Path) -> None:
    frame = synth_incidents(300, seed=2)
    path = write_parquet(
        frame, tmp_path / "i.parquet", schema=incidents_schema(), sort_by=RELEASE_SORT, metadata=META
    )
    md = pq.ParquetFile(path).metadata
    col = md.row_group(0).column(0)
    assert col.compression == "ZSTD"
    assert col.statistics is not None and col.statistics.has_min_max
    assert read_opentid_metadata(path) == META
    schema = pq.read_schema(path)
    assert schema.field("country_txt").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.names == incidents_schema().names
    assert schema.field("nkill").metadata[b"description"]
    # no wall clock / host name in the footer
    footer = json.dumps({k.decode(): v.decode(errors="replace") for k, v in (md.metadata or {}).items()})
    assert "created_at" not in footer and "hostname" not in footer
    back = pl.read_parquet(path)
    keys = back.select(RELEASE_SORT).rows()
    assert keys == sorted(keys)


def test_row_groups_have_fixed_size(tmp_path: Path) -> None:
    table = pa.table({"x": pa.array(range(ROW_GROUP_SIZE + 10), pa.int32())})
    md = pq.ParquetFile(write_parquet(table, tmp_path / "x.parquet")).metadata
    assert md.num_row_groups == 2 and md.row_group(0).num_rows == ROW_GROUP_SIZE


def test_schema_conformance_errors_name_the_column(tmp_path: Path) -> None:
    frame = synth_incidents(50, seed=1)
    with pytest.raises(ValueError, match="nkill"):
        write_parquet(frame.drop("nkill"), tmp_path / "x.parquet", schema=incidents_schema())
    with pytest.raises(ValueError, match="eventid"):
        bad = frame.with_columns(eventid=pl.lit(None, pl.Int64))
        write_parquet(bad, tmp_path / "x.parquet", schema=incidents_schema())
    assert not (tmp_path / "x.parquet").exists()
