"""Shared fixtures for tests/schemas: one good synthetic release folder, and a way to corrupt copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from schemas_helpers import N_ROWS, Change

from schemas.arrow import incidents_schema
from schemas.layout import EVENTID_ALIASES_FILE, INCIDENT_SOURCES_FILE, INCIDENTS_FILE
from schemas.parquet import write_parquet
from schemas.synth import RELEASE_SORT, write_synthetic_release
from schemas.tables import INCIDENT_SOURCES_SCHEMA


@pytest.fixture(scope="session")
def good_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_release(tmp_path_factory.mktemp("good") / "release", n=N_ROWS, seed=3)


@pytest.fixture
def make_release(good_release: Path, tmp_path: Path) -> Callable[..., Path]:
    """Copy the good release into tmp_path with changed incidents and/or incident_sources.

    ``arrow_incidents`` changes the incidents table as a pyarrow Table (exact file types) and writes
    it without conforming it to the schema (to test dropped / extra / retyped columns).
    """

    def make(
        incidents: Change | None = None,
        sources: Change | None = None,
        arrow_incidents: Callable[[pa.Table], pa.Table] | None = None,
        name: str = "release",
    ) -> Path:
        folder = tmp_path / name
        src = pl.read_parquet(good_release / INCIDENT_SOURCES_FILE)
        if sources is not None:
            src = sources(src)
        if arrow_incidents is not None:
            write_parquet(
                arrow_incidents(pq.read_table(good_release / INCIDENTS_FILE)), folder / INCIDENTS_FILE
            )
        else:
            inc = pl.read_parquet(good_release / INCIDENTS_FILE)
            if incidents is not None:
                inc = incidents(inc)
            write_parquet(inc, folder / INCIDENTS_FILE, schema=incidents_schema(), sort_by=RELEASE_SORT)
        write_parquet(src, folder / INCIDENT_SOURCES_FILE, schema=INCIDENT_SOURCES_SCHEMA)
        (folder / EVENTID_ALIASES_FILE).write_bytes((good_release / EVENTID_ALIASES_FILE).read_bytes())
        return folder

    return make
