"""The Wikipedia spider's discovery and callbacks on the real recorded API responses."""

from __future__ import annotations

import copy
import json
import time
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from spider_helpers import LINKS, PARSE_1970, load_json, make_spider, response_for, start_requests

from spiders.retry import NOT_BEFORE
from spiders.sources.wikipedia import WikipediaListsSpider, classify_title, parse_years

LINK_TITLES = [link["title"] for page in load_json(LINKS)["query"]["pages"].values() for link in page["links"]]


def params(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_title_schemes_of_the_recorded_template() -> None:
    pages = [p for p in map(classify_title, LINK_TITLES) if p]
    schemes = Counter(p.scheme for p in pages)
    assert schemes == {"yearly": 41, "half-year": 8, "overview": 2, "monthly": 24}
    assert classify_title("List of non-state terrorist incidents") is None
    assert classify_title("Template talk:Lists of Terrorist Incidents") is None
    half = classify_title("List of terrorist incidents in July–December 2014")
    assert half and (half.start, half.end) == (date(2014, 7, 1), date(2014, 12, 31))
    feb = classify_title("List of terrorist incidents in February 2016")
    assert feb and feb.end == date(2016, 2, 29)
    assert classify_title("List of terrorist incidents in 2024").scheme == "yearly"  # the modern yearly pages
    assert classify_title("List of terrorist incidents, 2015").scheme == "overview"


def test_parse_years() -> None:
    assert parse_years("1970-1972,2015") == {1970, 1971, 1972, 2015}
    assert parse_years(None) is None and parse_years("") is None


def _discover(tmp_path: Path, body: bytes | None = None, **kwargs) -> tuple[WikipediaListsSpider, list]:
    spider = make_spider(WikipediaListsSpider, tmp_path, **kwargs)
    [first] = start_requests(spider)
    assert params(first.url) == {"action": "query", "prop": "links", "titles": "Template:Lists_of_Terrorist_Incidents",
                                 "pllimit": "max", "format": "json", "maxlag": "5"}
    out = list(first.callback(response_for(first, body or LINKS.read_bytes())))
    return spider, out


def test_discovery_follows_every_list_page(tmp_path: Path) -> None:
    spider, requests = _discover(tmp_path)
    titles = [params(r.url)["page"] for r in requests]
    assert len(titles) == 75 == len(set(titles))
    assert "List of non-state terrorist incidents" not in titles
    assert all(params(r.url)["action"] == "parse" and params(r.url)["prop"] == "text|revid" for r in requests)
    assert all(r.meta["conditional"] for r in requests)  # list pages may be unchanged: ask conditionally
    assert spider.recorded_faults == []


def test_discovery_limits_years_and_since(tmp_path: Path) -> None:
    _, one = _discover(tmp_path, years="1970")
    assert [params(r.url)["page"] for r in one] == ["List of terrorist incidents in 1970"]
    _, y2011 = _discover(tmp_path, years="2011")
    assert sorted(params(r.url)["page"] for r in y2011) == [
        "List of terrorist incidents in January–June 2011", "List of terrorist incidents in July–December 2011"]
    _, y2015 = _discover(tmp_path, years="2015")
    assert len(y2015) == 13  # the overview page + 12 monthly pages
    _, since = _discover(tmp_path, since="2016-06-15")
    pages = [classify_title(params(r.url)["page"]) for r in since]
    assert pages and all(p.end >= date(2016, 6, 15) for p in pages)
    assert len(pages) == 8  # overview 2016 + June..December 2016


def test_discovery_follows_continue(tmp_path: Path) -> None:
    data = copy.deepcopy(load_json(LINKS))
    data["continue"] = {"plcontinue": "17584796|0|List_of_terrorist_incidents_in_September_2016", "continue": "||"}
    _, out = _discover(tmp_path, body=json.dumps(data).encode(), years="1970")
    assert len(out) == 2
    nxt = params(out[-1].url)
    assert nxt["plcontinue"] == "17584796|0|List_of_terrorist_incidents_in_September_2016"
    assert nxt["titles"] == "Template:Lists_of_Terrorist_Incidents" and nxt["action"] == "query"


def test_parse_page_accepts_the_real_legacy_response(tmp_path: Path) -> None:
    spider = make_spider(WikipediaListsSpider, tmp_path)
    request = spider.parse_request("List of terrorist incidents in 1970")
    assert list(request.callback(response_for(request, PARSE_1970.read_bytes()))) == []
    assert spider.recorded_faults == []


def test_maxlag_error_is_retried_after_retry_after(tmp_path: Path) -> None:
    spider = make_spider(WikipediaListsSpider, tmp_path)
    request = spider.parse_request("List of terrorist incidents in 1970")
    body = json.dumps({"error": {"code": "maxlag", "info": "Waiting for a database server: 7 seconds lagged."}})
    before = time.time()
    [retry] = list(request.callback(response_for(request, body.encode(), **{"Retry-After": "5"})))
    assert retry.url == request.url and retry.meta["retry_times"] == 1
    assert before + 4.5 <= retry.meta[NOT_BEFORE] <= time.time() + 5.5
    assert spider.recorded_faults == []


def test_other_api_errors_and_bad_bodies_are_faults(tmp_path: Path) -> None:
    spider = make_spider(WikipediaListsSpider, tmp_path)
    request = spider.parse_request("List of terrorist incidents in 1970")
    body = json.dumps({"error": {"code": "missingtitle", "info": "The page you specified doesn't exist."}})
    assert list(request.callback(response_for(request, body.encode()))) == []
    real = PARSE_1970.read_bytes()
    list(request.callback(response_for(request, real[: len(real) // 2])))  # cut short
    list(request.callback(response_for(request, real.decode("utf-8").encode("cp1252", errors="replace"),
                                       content_type="application/json")))  # not UTF-8, no charset
    list(request.callback(response_for(request, real, content_type="application/json; charset=iso-8859-1")))
    kinds = [k for _, k, _ in spider.recorded_faults]
    assert kinds == ["api-error:missingtitle", "malformed-json", "charset", "charset"]
