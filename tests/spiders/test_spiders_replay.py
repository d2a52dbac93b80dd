"""Whole crawls replayed from the bundled snapshot WARC through Scrapy's real downloader."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest
from spider_helpers import PARSE_1970, SNAPSHOT, check_index_against_warc, sha256_file, warc_records

from spiders.replay import ReplayIndex
from spiders.runner import crawl_in_subprocess

SNAPSHOT_MANIFEST = SNAPSHOT.parent / "MANIFEST.json"


def test_snapshot_manifest_matches_the_file() -> None:
    manifest = json.loads(SNAPSHOT_MANIFEST.read_text(encoding="utf-8"))
    assert manifest["sha256"] == sha256_file(SNAPSHOT)
    index = ReplayIndex([SNAPSHOT])
    for rec in manifest["records"]:
        assert index.get("GET", rec["url"]) is not None, rec["url"]
    assert index.get("GET", "https://en.wikipedia.org/w/api.php?action=parse&page=Nothing") is None


@pytest.fixture(scope="module")
def replayed(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("replay")
    args = {"years": "1970", "version": "23.1"}
    first = crawl_in_subprocess(["wikipedia", "ucdp-ged"], data, replay=SNAPSHOT, spider_args=args)
    first_rows = check_index_against_warc(data)
    first_shas = {m.source: sha256_file(data / m.warc_file) for m in first}
    second = crawl_in_subprocess(["wikipedia", "ucdp-ged"], data, replay=SNAPSHOT, spider_args=args)
    return {"data": data, "first": {m.source: m for m in first}, "second": {m.source: m for m in second},
            "first_rows": first_rows, "first_shas": first_shas}


def test_replay_runs_the_real_spiders_offline(replayed) -> None:
    wiki, ucdp = replayed["first"]["wikipedia"], replayed["first"]["ucdp-ged"]
    assert wiki.status == ucdp.status == "clean"
    assert wiki.counts.archived == 2 and ucdp.counts.archived == 1
    assert wiki.not_in_archive == [] and ucdp.not_in_archive == []  # robots.txt misses are not listed
    rows = replayed["first_rows"]
    by_source = Counter(r["source"] for r in rows)
    assert by_source == {"wikipedia": 2, "ucdp-ged": 1}
    parse_row = next(r for r in rows if "action=parse" in r["url"])
    assert parse_row["content_sha256"] == hashlib.sha256(PARSE_1970.read_bytes()).hexdigest()
    snapshot = json.loads(SNAPSHOT_MANIFEST.read_text(encoding="utf-8"))
    zip_row = next(r for r in rows if r["source"] == "ucdp-ged")
    assert zip_row["content_sha256"] == next(r["sha256"] for r in snapshot["records"] if r["source"] == "ucdp-ged")
    types = Counter(t for t, _ in warc_records(replayed["data"] / wiki.warc_file))
    assert types == {"warcinfo": 1, "response": 2, "request": 2}


def test_replay_again_is_unchanged_and_keeps_earlier_archives(replayed) -> None:
    data = replayed["data"]
    for source, m in replayed["second"].items():
        assert m.status == "clean" and m.counts.archived == 0
        assert m.counts.skipped_unchanged == replayed["first"][source].counts.archived
        assert sha256_file(data / replayed["first"][source].warc_file) == replayed["first_shas"][source]
    assert check_index_against_warc(data) == replayed["first_rows"]


def test_pages_missing_from_the_archive_are_listed_apart_from_faults(tmp_path) -> None:
    [m] = crawl_in_subprocess("wikipedia", tmp_path, replay=SNAPSHOT)
    assert m.status == "clean" and m.faults == []
    assert m.counts.not_in_archive == len(m.not_in_archive) == 74
    assert all("action=parse" in u for u in m.not_in_archive)


def test_resumable_crawl_removes_its_job_dir_when_finished(tmp_path) -> None:
    [m] = crawl_in_subprocess("wikipedia", tmp_path, replay=SNAPSHOT, spider_args={"years": "1970"}, resumable=True)
    assert m.status == "clean" and m.counts.archived == 2
    assert not (tmp_path / "state" / "wikipedia.job").exists()


def test_latest_ged_release_falls_back_to_the_snapshot_sample(tmp_path) -> None:
    [m] = crawl_in_subprocess("ucdp-ged", tmp_path, replay=SNAPSHOT)  # version: latest (the YAML default)
    assert m.status == "clean" and m.counts.archived == 1 and m.faults == []
    assert m.not_in_archive and all("/downloads/ged/ged" in u for u in m.not_in_archive)
    assert not any("ged231" in u for u in m.not_in_archive)
