"""`opentid transform --version V`: the version is written as since_version of the aliases it mints."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
from test_transforms_resolve import _inputs, _mirror

from datasets.cli import main
from schemas.layout import DataLayout


def _write_mirror(data_dir: Path, nkill: int) -> None:
    mentions, docs = _mirror(*_inputs(data_dir), nkill=nkill)
    layout = DataLayout(data_dir)
    layout.mentions_dir.mkdir(parents=True, exist_ok=True)
    layout.documents_dir.mkdir(parents=True, exist_ok=True)
    mentions.filter(pl.col("source") == "mirror-list").write_parquet(layout.mentions("mirror-list"))
    docs.filter(pl.col("source") == "mirror-list").write_parquet(layout.documents("mirror-list"))


def test_transform_version_option_sets_since_version(data_dir: Path, tmp_path: Path) -> None:
    layout = DataLayout(data_dir)
    _write_mirror(data_dir, nkill=300)  # a second list tells the Swissair row with a far-off count
    assert main(["--data", str(data_dir), "transform", "--previous", "none"]) == 0
    first = pl.read_parquet(layout.build_incidents)
    release = tmp_path / "release-1"
    release.mkdir()
    for f in ("incidents.parquet", "incident_sources.parquet", "eventid_aliases.parquet"):
        shutil.copy(layout.build_dir / f, release / f)

    _write_mirror(data_dir, nkill=47)  # corrected: now the same incident, two old eventids → one alias
    args = ["--data", str(data_dir), "transform", "--previous", str(release)]
    assert main([*args, "--version", "2026.12"]) == 0
    aliases = pl.read_parquet(layout.build_dir / "eventid_aliases.parquet")
    assert aliases["since_version"].to_list() == ["2026.12"]
    assert pl.read_parquet(layout.build_incidents).height == first.height - 1

    assert main(args) == 0  # without --version: a transform made outside a release
    aliases = pl.read_parquet(layout.build_dir / "eventid_aliases.parquet")
    assert aliases["since_version"].to_list() == ["unreleased"]
