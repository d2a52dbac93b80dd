"""The UCDP GED spider: download URLs, version fallback, API envelope paging (constructed fixture)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from spider_helpers import UCDP_ENVELOPE, load_json, make_spider, response_for, start_requests

from spiders.sources.ucdp_ged import TOKEN_HEADER, UcdpGedSpider, api_url, download_url


def test_download_url_of_a_release() -> None:
    assert download_url("23.1") == "https://ucdp.uu.se/downloads/ged/ged231-csv.zip"
    assert api_url("23.1", 0) == "https://ucdpapi.pcr.uu.se/api/gedevents/23.1?pagesize=1000&page=0"


def test_latest_tries_releases_newest_first(tmp_path: Path) -> None:
    spider = make_spider(UcdpGedSpider, tmp_path)
    assert spider.candidate_versions(date(2026, 11, 25)) == ["26.1", "25.1", "24.1", "23.1", "22.1", "21.1"]
    assert make_spider(UcdpGedSpider, tmp_path, version="23.1").candidate_versions() == ["23.1"]
    [first] = start_requests(spider)
    assert first.meta["handle_httpstatus_list"] == [404] and first.meta["conditional"]
    # a 404 moves to the previous release; the last candidate's 404 is left to the fault recorder
    request = first
    for _ in range(len(spider.candidate_versions()) - 1):
        [request] = list(request.callback(response_for(request, b"Not Found", status=404, content_type="text/html")))
    assert request.meta["versions_left"] == [] and "handle_httpstatus_list" not in request.meta
    assert list(request.callback(response_for(request, b"PK", content_type="application/zip"))) == []


def test_api_pages_follow_next_page_url_with_the_token(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("UCDP_ACCESS_TOKEN", "secret")
    spider = make_spider(UcdpGedSpider, tmp_path, mode="api", version="23.1", since="2020-01-01")
    [first] = start_requests(spider)
    assert first.headers[TOKEN_HEADER] == b"secret"
    assert "StartDate=2020-01-01" in first.url
    envelope = load_json(UCDP_ENVELOPE)
    envelope["NextPageUrl"] = "https://ucdpapi.pcr.uu.se/api/gedevents/23.1?pagesize=1000&page=1"
    [nxt] = list(first.callback(response_for(first, json.dumps(envelope).encode())))
    assert nxt.url == envelope["NextPageUrl"] and nxt.headers[TOKEN_HEADER] == b"secret"
    last = load_json(UCDP_ENVELOPE)  # NextPageUrl null: the end
    assert list(nxt.callback(response_for(nxt, json.dumps(last).encode()))) == []
    assert list(nxt.callback(response_for(nxt, b'{"message": "no envelope"}'))) == []
    assert [k for _, k, _ in spider.recorded_faults] == ["unexpected-shape"]
