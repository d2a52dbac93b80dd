"""The release builder: staged, validated, promoted atomically; reproducible; failures publish nothing."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest
import yaml

from datasets.cli import main
from datasets.release.builder import build_release
from datasets.release.checksums import verify_sums
from schemas.layout import DataLayout
from schemas.parquet import read_opentid_metadata

DAY = dt.date(2026, 1, 2)
EXPECTED_FILES = {
    "incidents.parquet",
    "incident_sources.parquet",
    "eventid_aliases.parquet",
    "codebook.json",
    "DATA_DICTIONARY.md",
    "validation.json",
    "validation.md",
    "validation.html",
    "CHANGES.md",
    "QUALITY.md",
    "quality.json",
    "datapackage.json",
    "CITATION.cff",
    "README.md",
    "release.json",
    "SHA256SUMS",
}


def test_first_release_is_promoted_with_every_file(data_dir: Path) -> None:
    result = build_release(data_dir, version="1.0.0", today=DAY)
    assert result.passed, result.failed_rules
    folder = DataLayout(data_dir).release_dir("opentid-core", "1.0.0")
    assert result.path == folder
    assert {p.name for p in folder.iterdir()} == EXPECTED_FILES
    latest = DataLayout(data_dir).latest("opentid-core")
    assert latest.is_symlink() and latest.resolve() == folder.resolve()
    assert not list(folder.parent.glob(".staging-*"))
    assert verify_sums(folder) == []
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=folder, check=True)

    incidents = pl.read_parquet(folder / "incidents.parquet")
    assert incidents.height == 300
    keys = incidents.select("iyear", "imonth", "iday", "eventid")
    assert keys.equals(keys.sort("iyear", "imonth", "iday", "eventid")), "rows sorted by date, then eventid"
    meta = read_opentid_metadata(folder / "incidents.parquet")
    assert meta["version"] == "1.0.0" and meta["dataset"] == "opentid-core"
    assert meta["licence"] == "CC-BY-SA-4.0" and meta["schema_version"]
    assert set(meta["source_hashes"]) == set(pl.read_parquet(folder / "incident_sources.parquet")["source"])

    assert json.loads((folder / "validation.json").read_text())["passed"] is True
    changes = (folder / "CHANGES.md").read_text()
    assert "first release" in changes and "| added | 300 |" in changes
    cff = yaml.safe_load((folder / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["version"] == "1.0.0" and cff["date-released"] == "2026-01-02"
    assert {r["title"] for r in cff["references"]} >= {"UCDP Georeferenced Event Dataset (GED)"}
    quality = json.loads((folder / "quality.json").read_text())
    assert quality["structured_sources"] == ["ucdp-ged", "wikipedia"]
    muc = quality["evaluations"]["muc4"]["MUC-4 dev+tst1+tst2"]
    assert muc and "Incident detection" in (folder / "QUALITY.md").read_text()
    card = (folder / "README.md").read_text()
    assert "## Coverage" in card and "Incidents: 300" in card and "CC BY 4.0" in card


def test_datapackage_passes_frictionless(data_dir: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    result = build_release(data_dir, version="1.0.0", today=DAY)
    report = frictionless.validate(result.path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((result.path / "datapackage.json").read_text())
    incidents = next(r for r in package["resources"] if r["name"] == "incidents")
    assert len(incidents["schema"]["fields"]) == 140
    assert incidents["opentid:rows"] == 300


def test_duckdb_reads_the_release(data_dir: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    result = build_release(data_dir, version="1.0.0", today=DAY)
    inc = (result.path / "incidents.parquet").as_posix()
    src = (result.path / "incident_sources.parquet").as_posix()
    n, with_source = duckdb.connect().execute(
        f"SELECT count(*), count(DISTINCT s.eventid) FROM '{inc}' i JOIN '{src}' s USING (eventid)"
    ).fetchone()
    assert with_source == 300 and n >= 300


def test_same_inputs_give_byte_identical_parquet(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(DataLayout(data_dir).build_dir, DataLayout(other).build_dir)
    a = build_release(data_dir, version="1.0.0", today=DAY).path
    b = build_release(other, version="1.0.0", today=DAY).path
    for name in ("incidents.parquet", "incident_sources.parquet", "eventid_aliases.parquet", "codebook.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_second_release_records_changes_and_keeps_the_first(data_dir: Path, edit_build) -> None:
    first = build_release(data_dir, version="1.0.0", today=DAY).path
    first_sums = (first / "SHA256SUMS").read_text()
    ids = pl.read_parquet(first / "incidents.parquet")["eventid"].sort().to_list()
    changed_id = ids[0]
    edit_build(
        data_dir,
        lambda f: f.with_columns(
            nkill=pl.when(pl.col("eventid") == changed_id).then(pl.lit(999)).otherwise(pl.col("nkill"))
        ),
    )
    second = build_release(data_dir, version="1.1.0", today=DAY)
    assert second.passed
    assert second.summary["changed"] == 1 and second.summary["added"] == 0
    changes = (second.path / "CHANGES.md").read_text()
    assert "Compared with release 1.0.0" in changes and f"{changed_id} (nkill)" in changes
    assert (first / "SHA256SUMS").read_text() == first_sums and verify_sums(first) == []
    assert DataLayout(data_dir).latest("opentid-core").resolve() == second.path.resolve()


def test_failed_gate_publishes_nothing(data_dir: Path, edit_build) -> None:
    first = build_release(data_dir, version="1.0.0", today=DAY).path
    edit_build(data_dir, lambda f: f.with_columns(nkill=pl.lit(-5, pl.Int32)))
    result = build_release(data_dir, version="1.1.0", today=DAY)
    assert not result.passed
    assert any("nkill" in rule for rule in result.failed_rules), result.failed_rules
    layout = DataLayout(data_dir)
    assert not layout.release_dir("opentid-core", "1.1.0").exists()
    assert layout.latest("opentid-core").resolve() == first.resolve()
    assert result.path.parent.name == ".failed" and "nkill" in result.report_path.read_text()
    assert not list(layout.dataset_dir("opentid-core").glob(".staging-*"))


def test_release_command_exit_codes(data_dir: Path, edit_build, capsys) -> None:
    assert main(["--data", str(data_dir), "release", "--version", "1.0.0"]) == 0
    assert capsys.readouterr().out.strip().endswith("1.0.0")
    # an existing version is refused, naming what to do
    assert main(["--data", str(data_dir), "release", "--version", "1.0.0"]) == 2
    assert "choose another --version" in capsys.readouterr().err
    # a release whose rows are mostly gone fails the row-count bound against the previous one
    edit_build(data_dir, lambda f: f.head(100))
    assert main(["--data", str(data_dir), "release", "--version", "2.0.0"]) == 1
    assert "FAILED" in capsys.readouterr().err


def test_release_without_build_says_what_to_run(tmp_path: Path, capsys) -> None:
    assert main(["--data", str(tmp_path), "release"]) == 2
    assert "opentid transform" in capsys.readouterr().err


def test_diff_command(data_dir: Path, edit_build, capsys) -> None:
    a = build_release(data_dir, version="1.0.0", today=DAY).path
    layout = DataLayout(data_dir)
    gone = pl.read_parquet(layout.build_incidents)["eventid"].max()
    edit_build(data_dir, lambda f: f.filter(pl.col("eventid") != gone))
    sources = pl.read_parquet(layout.build_incident_sources).filter(pl.col("eventid") != gone)
    sources.write_parquet(layout.build_incident_sources)
    # removing an eventid without an alias is refused against the previous release ...
    refused = build_release(data_dir, version="1.0.1", today=DAY)
    assert not refused.passed and refused.failed_rules
    # ... but the diff between two folders still shows it
    result = build_release(data_dir, version="1.0.2", today=DAY, previous=None)
    assert result.passed, result.failed_rules
    b = result.path
    assert main(["diff", str(a), str(b), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["removed"] == 1 and out["summary"]["added"] == 0
    assert layout.latest("opentid-core").resolve() == b.resolve()
