"""The README's main job, end to end: ``opentid build --offline`` from the bundled snapshot.

Runs the real CLI in a subprocess (Scrapy's reactor cannot restart in one process), then checks the
promoted release the way a user would: the gate, checksums, Frictionless, DuckDB, a corrupted copy
refused by ``opentid validate``, and stable eventids on a rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from datasets.release.checksums import verify_sums
from schemas.arrow import incidents_schema
from schemas.parquet import write_parquet

OPENTID = [sys.executable, "-m", "datasets.cli"]


def _opentid(data: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENTID_DATA": str(data)}
    return subprocess.run([*OPENTID, *args], capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp("offline") / "data"
    proc = _opentid(data, "build", "--offline", "--version", "1.0.0")
    assert proc.returncode == 0, proc.stderr[-4000:]
    release = Path(proc.stdout.strip().splitlines()[-1])
    return data, release


def test_offline_build_promotes_a_valid_release(offline_build: tuple[Path, Path]) -> None:
    data, release = offline_build
    assert release == data / "releases" / "opentid-core" / "1.0.0"
    assert (data / "releases" / "opentid-core" / "latest").resolve() == release.resolve()
    assert json.loads((release / "validation.json").read_text())["passed"] is True
    assert verify_sums(release) == []
    incidents = pl.read_parquet(release / "incidents.parquet")
    sources = pl.read_parquet(release / "incident_sources.parquet")
    by_source = sources.group_by("source").agg(pl.col("eventid").n_unique()).to_dict(as_series=False)
    counts = dict(zip(by_source["source"], by_source["eventid"], strict=True))
    # the 1970 Wikipedia list's incident table (12 rows), the UCDP sample's one-sided events by non-state
    # actors (99 of its 160 one-sided events), and the attacks the bundled Wikinews articles report
    assert counts.get("wikipedia", 0) >= 12, counts
    assert counts.get("ucdp-ged", 0) >= 90, counts
    assert incidents["eventid"].is_unique().all()
    assert set(incidents["eventid"]) <= set(sources["eventid"])
    assert sources["url"].str.starts_with("https://").all()


def test_free_text_articles_are_coded_with_their_evidence(offline_build: tuple[Path, Path]) -> None:
    """The Wikinews articles in the snapshot (2019-2020, mostly not about attacks) go through the extractor:
    the attacks they report become incidents, the disasters and politics do not."""
    _, release = offline_build
    sources = pl.read_parquet(release / "incident_sources.parquet").filter(pl.col("source") == "wikinews-corpus")
    titles = set(sources["title"])
    for attack in ("Car bomb ramming attack kills dozens at military base in Maidan Wardak, Afghanistan",
                   "Bombs kill at least 20 at cathedral in Mindanao, Philippines",
                   "Four stabbed to death at Paris police headquarters"):
        assert attack in titles, sorted(titles)
    for not_an_attack in ("Typhoon Phanfone strikes Philippines", "Escape room fire kills five teen girls in Koszalin, "
                          "Poland", "First foreigners die from coronavirus in Wuhan, China"):
        assert not_an_attack not in titles
    assert 8 <= sources["eventid"].n_unique() <= 40
    # an article that reports one attack and recalls earlier ones gives one incident per attack coded, not one
    # incident for the whole article
    maidan = sources.filter(pl.col("title").str.starts_with("Car bomb ramming attack kills dozens"))
    assert maidan["eventid"].n_unique() == maidan.height >= 2, maidan.select("eventid", "evidence")
    assert sources["url"].str.starts_with("https://en.wikinews.org/wiki/").all()
    for row in sources.iter_rows(named=True):
        evidence = json.loads(row["evidence"])
        assert any(e["field"] == "attacktype1" and e["text"] for e in evidence), row["title"]


def test_release_opens_in_duckdb_and_frictionless(offline_build: tuple[Path, Path]) -> None:
    duckdb = pytest.importorskip("duckdb")
    frictionless = pytest.importorskip("frictionless")
    _, release = offline_build
    path = (release / "incidents.parquet").as_posix()
    rows = duckdb.connect().execute(
        f"SELECT country_txt, count(*) AS n FROM '{path}' GROUP BY 1 ORDER BY n DESC"
    ).fetchall()
    assert sum(n for _, n in rows) == pl.read_parquet(release / "incidents.parquet").height
    report = frictionless.validate(release / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_validate_rejects_a_corrupted_copy(offline_build: tuple[Path, Path], tmp_path: Path) -> None:
    data, release = offline_build
    assert _opentid(data, "validate", str(release)).returncode == 0
    bad = tmp_path / "bad"
    shutil.copytree(release, bad)
    frame = pl.read_parquet(bad / "incidents.parquet")
    frame = pl.concat([frame, frame.head(1)])  # a duplicate eventid
    write_parquet(frame, bad / "incidents.parquet", schema=incidents_schema())
    proc = _opentid(data, "validate", str(bad))
    assert proc.returncode == 1
    assert "eventid" in proc.stdout + proc.stderr


def test_rebuild_keeps_eventids(offline_build: tuple[Path, Path]) -> None:
    data, first = offline_build
    proc = _opentid(data, "build", "--offline", "--version", "1.0.1")
    assert proc.returncode == 0, proc.stderr[-4000:]
    second = Path(proc.stdout.strip().splitlines()[-1])
    a = pl.read_parquet(first / "incidents.parquet")
    b = pl.read_parquet(second / "incidents.parquet")
    assert sorted(a["eventid"]) == sorted(b["eventid"])
    assert "| added | 0 |" in (second / "CHANGES.md").read_text()
    assert (first / "incidents.parquet").exists() and verify_sums(first) == []


def test_offline_build_is_byte_reproducible(offline_build: tuple[Path, Path], tmp_path: Path) -> None:
    """The same snapshot gives byte-identical Parquet; replayed documents keep their recorded fetch time."""
    _, first = offline_build
    proc = _opentid(tmp_path / "data", "build", "--offline", "--version", "1.0.0")
    assert proc.returncode == 0, proc.stderr[-4000:]
    again = Path(proc.stdout.strip().splitlines()[-1])
    for name in ("incidents.parquet", "incident_sources.parquet", "eventid_aliases.parquet"):
        assert (first / name).read_bytes() == (again / name).read_bytes(), name
    sources = pl.read_parquet(first / "incident_sources.parquet")
    fetched = dict(sources.group_by("source").agg(pl.col("fetched_at").max()).iter_rows())
    assert fetched["wikipedia"].year == 2017  # the recorded capture, not the time of the replay
