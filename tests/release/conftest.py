"""Fixtures for the release builder: a data folder whose ``build/`` holds a synthetic transform output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from schemas.layout import DataLayout
from schemas.synth import write_synthetic_release


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with a valid synthetic ``build/`` (300 incidents)."""
    root = tmp_path / "data"
    write_synthetic_release(DataLayout(root).build_dir, n=300, seed=7)
    return root


@pytest.fixture
def edit_build() -> Callable[[Path, Callable[[pl.DataFrame], pl.DataFrame]], None]:
    """Rewrite ``build/incidents.parquet`` through a function of the frame (keeping its schema)."""
    from schemas.arrow import incidents_schema
    from schemas.parquet import write_parquet

    def edit(root: Path, fn: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
        path = DataLayout(root).build_incidents
        write_parquet(fn(pl.read_parquet(path)), path, schema=incidents_schema())

    return edit
