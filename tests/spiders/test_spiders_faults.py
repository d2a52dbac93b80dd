"""Whole crawls through Scrapy's real downloader against a loopback server that injects faults."""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from spider_helpers import check_index_against_warc, sha256_file, warc_records
from spider_server import EXPECTED_KINDS, FAULTS, SpiderTestServer

from spiders.runner import crawl_in_subprocess

# Timeouts leave room for a loaded CI machine (the timeout page sleeps 6 s); two retries, so one spurious
# slow answer cannot turn the 429-then-200 page into a fault.
FAST = {
    "DOWNLOAD_TIMEOUT": 2.5, "RETRY_TIMES": 2, "OPENTID_BACKOFF_BASE": 0.05, "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 4, "DOWNLOAD_MAXSIZE": 200_000,
}
TITLE = "List of terrorist incidents in {}"


def page_of(url: str) -> str:
    return parse_qs(urlsplit(url).query).get("page", ["(links)"])[0]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory):
    """The same crawl twice against the same server into the same data folder."""
    data = tmp_path_factory.mktemp("data")
    with SpiderTestServer() as server:
        args = {"years": "1970-1980", "api_endpoint": f"{server.base}/w/api.php"}
        [first] = crawl_in_subprocess("wikipedia", data, spider_args=args, settings=FAST)
        first_warc = data / first.warc_file
        first_sha = sha256_file(first_warc)
        first_rows = check_index_against_warc(data)
        hits_after_first = len(server.state.hits)
        [second] = crawl_in_subprocess("wikipedia", data, spider_args=args, settings=FAST)
        yield {"data": data, "server": server, "first": first, "second": second, "first_warc": first_warc,
               "first_sha": first_sha, "first_rows": first_rows, "hits_after_first": hits_after_first}


def test_every_fault_is_recorded_with_its_url_and_the_crawl_goes_on(two_runs) -> None:
    first = two_runs["first"]
    assert first.status == "partial" and first.exit_code == 3 and first.finish_reason == "finished"
    kinds = {page_of(f.url): f.kind for f in first.faults}
    assert kinds == {TITLE.format(y): k for y, k in EXPECTED_KINDS.items()}
    assert first.not_in_archive == []
    # the good pages were fetched despite the faults around them
    assert first.counts.responses_by_status["200"] >= 6
    manifest = json.loads((two_runs["data"] / "runs" / "wikipedia" / f"{first.run_id}.json").read_text())
    assert manifest["status"] == "partial" and len(manifest["faults"]) == len(EXPECTED_KINDS)


def test_retry_after_is_honoured(two_runs) -> None:
    hits = two_runs["server"].hits_for(TITLE.format(1973))[:2]
    assert len(hits) == 2
    assert hits[1].at - hits[0].at >= 0.95  # Retry-After: 1
    assert not any(page_of(f.url) == TITLE.format(1973) for f in two_runs["first"].faults)
    assert two_runs["first"].counts.retries >= 3  # 429, 500, timeout, ...


def test_index_and_warc_agree(two_runs) -> None:
    rows = two_runs["first_rows"]
    by_page = Counter((page_of(r["url"]), r["status"]) for r in rows)
    ok_pages = {p for (p, s) in by_page if s == 200}
    assert ok_pages == {"(links)", TITLE.format(1970), TITLE.format(1973), TITLE.format(1977),
                        TITLE.format(1978), TITLE.format(1979)}
    assert by_page[(TITLE.format(1972), 500)] == 3  # first try and two retries, all archived
    assert by_page[(TITLE.format(1973), 429)] == 1
    # failures without a complete response leave nothing in the index
    for year in (1974, 1975, 1976, 1980):
        assert not any(p == TITLE.format(year) for p, _ in by_page)
    records = warc_records(two_runs["first_warc"])
    assert records[0][0] == "warcinfo"
    n_resp = sum(1 for t, _ in records if t == "response")
    assert n_resp == len(rows) and sum(1 for t, _ in records if t == "request") == n_resp


def test_rerun_uses_conditional_requests_and_does_not_duplicate(two_runs) -> None:
    second, data, server = two_runs["second"], two_runs["data"], two_runs["server"]
    again_1970 = server.hits_for(TITLE.format(1970))[-1]
    assert again_1970.headers.get("if-none-match") == '"rev739338921"'
    assert second.counts.responses_by_status.get("304") == 1
    # 1970 answered 304; links, 1973, 1977, 1978, 1979 came back identical -> revisit records
    assert second.counts.skipped_unchanged == 6
    rows = check_index_against_warc(data)
    ok = [(r["url"], r["content_sha256"]) for r in rows if r["status"] == 200]
    assert len(ok) == len(set(ok)), "a re-run stored an unchanged body again"
    assert sha256_file(two_runs["first_warc"]) == two_runs["first_sha"], "the earlier archive changed"
    second_records = warc_records(data / second.warc_file)
    assert Counter(t for t, _ in second_records)["revisit"] == 5
    assert second.status == "partial"  # the faults are still there


def test_ucdp_api_paging_quota_and_token_redaction(tmp_path: Path) -> None:
    env = {"UCDP_ACCESS_TOKEN": "test-token"}
    with SpiderTestServer() as server:
        args = {"mode": "api", "version": "23.1", "pagesize": "2", "api_base": f"{server.base}/api/gedevents/"}
        [full] = crawl_in_subprocess("ucdp-ged", tmp_path / "full", spider_args=args, settings=FAST, env=env)
        assert full.status == "clean", full.faults
        rows = [r for r in check_index_against_warc(tmp_path / "full") if "/api/" in r["url"]]
        assert [parse_qs(urlsplit(r["url"]).query)["page"] for r in rows] == [["0"], ["1"], ["2"]]
        raw = gzip.decompress((tmp_path / "full" / full.warc_file).read_bytes())
        assert b"test-token" not in raw and b"x-ucdp-access-token: [redacted]" in raw.lower()
        assert all(h.headers.get("x-ucdp-access-token") == "test-token" for h in server.state.hits
                   if h.path.startswith("/api/"))

        limited = {**args, "daily_quota": "2"}
        [stopped] = crawl_in_subprocess("ucdp-ged", tmp_path / "quota", spider_args=limited, settings=FAST, env=env)
        assert stopped.status == "partial" and stopped.finish_reason == "quota"
        assert [f.kind for f in stopped.faults] == ["quota"] and "page=2" in stopped.faults[0].url
        assert any("quota" in n for n in stopped.notes)
        state = sqlite3.connect(tmp_path / "quota" / "state" / "ucdp-ged.sqlite")
        assert state.execute("SELECT sum(used) FROM quota").fetchone()[0] == 2
        # the quota is per day and persists: the next run stops at once
        [next_run] = crawl_in_subprocess("ucdp-ged", tmp_path / "quota", spider_args=limited, settings=FAST, env=env)
        assert next_run.finish_reason == "quota" and next_run.counts.responses_by_status.get("200", 0) == 0


def test_fault_table_covers_the_issue_list() -> None:
    assert set(FAULTS.values()) == {"404", "500", "429-once", "timeout", "reset", "truncated", "wrong-charset",
                                    "missing-charset", "malformed-json", "over-size"}
