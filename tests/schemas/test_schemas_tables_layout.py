"""Schemas of the other tables (docs/ARCHITECTURE.md) and the data-folder layout."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from schemas.layout import DataLayout
from schemas.tables import (
    DOCUMENTS_SCHEMA,
    EVENTID_ALIASES_SCHEMA,
    INCIDENT_SOURCES_SCHEMA,
    MENTIONS_SCHEMA,
    mentions_schema,
)


def test_table_columns_follow_the_architecture_contract() -> None:
    assert DOCUMENTS_SCHEMA.names == [
        "doc_id",
        "record_key",
        "source",
        "url",
        "fetched_at",
        "published_at",
        "title",
        "publisher",
        "language",
        "text",
        "content_sha256",
        "warc_file",
        "warc_record_id",
        "warc_offset",
        "http_status",
        "licence",
        "record",
    ]
    assert DOCUMENTS_SCHEMA.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert MENTIONS_SCHEMA.names == ["mention_id", "doc_id", "source", "extractor", "confidence", "evidence"]
    assert INCIDENT_SOURCES_SCHEMA.names == [
        "eventid",
        "doc_id",
        "record_key",
        "source",
        "url",
        "title",
        "publisher",
        "published_at",
        "fetched_at",
        "content_sha256",
        "warc_record_id",
        "role",
        "evidence",
    ]
    assert EVENTID_ALIASES_SCHEMA.names == ["alias_eventid", "eventid", "reason", "since_version"]
    assert INCIDENT_SOURCES_SCHEMA.field("eventid").type == pa.int64()


def test_mentions_take_gtd_columns_in_gtd_order_and_nullable() -> None:
    s = mentions_schema(["nkill", "country", "iyear"])
    assert s.names == [
        "mention_id",
        "doc_id",
        "source",
        "extractor",
        "confidence",
        "iyear",
        "country",
        "nkill",
        "evidence",
    ]
    assert s.field("country").type == pa.int16() and s.field("country").nullable
    with pytest.raises(ValueError, match="not_a_column"):
        mentions_schema(["not_a_column"])


def test_layout_paths(tmp_path: Path) -> None:
    lay = DataLayout(tmp_path)
    assert lay.archive_file("ucdp-ged", "r1") == tmp_path / "archive" / "ucdp-ged" / "r1.warc.gz"
    assert lay.index_db == tmp_path / "archive" / "index.sqlite"
    assert lay.run_manifest("ucdp-ged", "r1") == tmp_path / "runs" / "ucdp-ged" / "r1.json"
    assert lay.state_db("wikinews") == tmp_path / "state" / "wikinews.sqlite"
    assert lay.documents("wikinews") == tmp_path / "documents" / "wikinews.parquet"
    assert lay.mentions("wikinews") == tmp_path / "mentions" / "wikinews.parquet"
    assert lay.build_incidents == tmp_path / "build" / "incidents.parquet"
    assert lay.release_dir("core", "1.0") == tmp_path / "releases" / "core" / "1.0"
    assert lay.latest("core") == tmp_path / "releases" / "core" / "latest"
    assert lay.staging_dir("core", "x") == tmp_path / "releases" / "core" / ".staging-x"
    assert lay.staging_dirs("core") == []
    lay.staging_dir("core", "b").mkdir(parents=True)
    lay.staging_dir("core", "a").mkdir(parents=True)
    assert [p.name for p in lay.staging_dirs("core")] == [".staging-a", ".staging-b"]
    assert DataLayout(str(tmp_path)).root == tmp_path
