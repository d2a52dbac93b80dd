"""Spider callbacks of the news, Wikinews, GDELT, Wikidata and local sources on the fixtures, outside a
crawl (no network, no reactor): which requests each response leads to."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scrapy import Request
from scrapy.http import TextResponse, XmlResponse
from scrapy.utils.test import get_crawler

from spiders.settings import crawl_settings
from spiders.sources.feeds import FeedSpider, feed_links
from spiders.sources.gdelt import GdeltEventsSpider
from spiders.sources.local_files import LocalFilesSpider, collection_files
from spiders.sources.wikidata import ATTACK_CLASSES, WikidataAttacksSpider
from spiders.sources.wikinews import WikinewsSpider

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def spider(cls: type, tmp: Path, **kwargs: Any) -> Any:
    crawler = get_crawler(cls, crawl_settings(data_dir=tmp))
    return cls.from_crawler(crawler, **kwargs)


def first_requests(sp: Any) -> list[Request]:
    async def collect() -> list[Request]:
        return [r async for r in sp.start()]

    return asyncio.run(collect())


def test_feed_spider_follows_allowed_entries_since(tmp_path: Path) -> None:
    sp = spider(FeedSpider, tmp_path, feed_urls="https://en.wikinews.org/feed.rss", max_articles="0")
    [req] = first_requests(sp)
    assert req.url == "https://en.wikinews.org/feed.rss" and req.callback == sp.parse_feed
    body = (FIX / "news" / "feed.rss").read_bytes()
    out = list(sp.parse_feed(XmlResponse(req.url, body=body, request=req)))
    assert len(out) == 8 and all(r.callback == sp.parse_article for r in out)

    sp = spider(FeedSpider, tmp_path, feed_urls=req.url, since="2019-10-01")
    assert len(list(sp.parse_feed(XmlResponse(req.url, body=body, request=req)))) == 3
    sp = spider(FeedSpider, tmp_path, feed_urls=req.url, allowed_domains="bbc.co.uk")
    assert list(sp.parse_feed(XmlResponse(req.url, body=body, request=req))) == []
    sp = spider(FeedSpider, tmp_path, feed_urls=req.url, max_articles="2")
    assert len(list(sp.parse_feed(XmlResponse(req.url, body=body, request=req)))) == 2


def test_feed_links_rss_and_atom_agree() -> None:
    rss = feed_links((FIX / "news" / "feed.rss").read_bytes(), "https://en.wikinews.org/")
    atom = feed_links((FIX / "news" / "feed.atom").read_bytes(), "https://en.wikinews.org/")
    assert rss == atom and rss[0] and rss[1][3][1] == date(2019, 10, 5)
    assert feed_links(b"<html><body>maintenance</body></html>", "https://h/") == (False, [])


def test_wikinews_members_lead_to_articles_and_the_next_page(tmp_path: Path) -> None:
    sp = spider(WikinewsSpider, tmp_path, since="2019-01-01")
    [listing] = first_requests(sp)
    q = parse_qs(urlsplit(listing.url).query)
    assert q["list"] == ["categorymembers"] and q["cmtitle"] == ["Category:Terrorism"]
    assert q["cmend"] == ["2019-01-01T00:00:00Z"] and q["maxlag"] == ["5"]
    body = (FIX / "wikinews" / "api" / "categorymembers_1.json").read_bytes()
    resp = TextResponse(listing.url, body=body, request=listing, headers={"Content-Type": "application/json"})
    out = list(sp.parse_members(resp))
    pages = [parse_qs(urlsplit(r.url).query) for r in out]
    assert [p["action"][0] for p in pages] == ["parse", "parse", "parse", "query"]
    assert pages[0]["page"] == [
        "Car bomb ramming attack kills dozens at military base in Maidan Wardak, Afghanistan"
    ]
    assert pages[3]["cmcontinue"] == ["page|fixture-next"]  # continue followed; the subcategory skipped
    assert all(r.meta["conditional"] for r in out[:3]) and not out[3].meta["conditional"]


def test_wikinews_date_categories_are_listed(tmp_path: Path) -> None:
    sp = spider(WikinewsSpider, tmp_path, categories="", dates="2019-01-27..2019-01-28")
    titles = [parse_qs(urlsplit(r.url).query)["cmtitle"][0] for r in first_requests(sp)]
    assert titles == ["Category:January 27, 2019", "Category:January 28, 2019"]


def test_gdelt_list_leads_to_the_exports(tmp_path: Path) -> None:
    sp = spider(GdeltEventsSpider, tmp_path)
    [req] = first_requests(sp)
    assert req.url.endswith("/gdeltv2/lastupdate.txt") and req.meta["dont_obey_robotstxt"]
    body = (FIX / "gdelt" / "lastupdate.txt").read_bytes()
    [export] = list(sp.parse_list(TextResponse(req.url, body=body, request=req)))
    assert export.url.endswith("20191024143000.export.CSV.zip")
    assert export.cb_kwargs["size"] == (FIX / "gdelt" / "20191024143000.export.CSV.zip").stat().st_size
    sp = spider(GdeltEventsSpider, tmp_path, since="2019-10-24")
    [req] = first_requests(sp)
    assert req.url.endswith("/masterfilelist.txt") and req.meta["download_maxsize"] > 64 * 1024 * 1024


def test_wikidata_queries_one_year_at_a_time(tmp_path: Path) -> None:
    sp = spider(WikidataAttacksSpider, tmp_path, start_year="2018", end_year="2020")
    reqs = first_requests(sp)
    assert len(reqs) == 3
    assert all(r.headers[b"Accept"] == b"application/sparql-results+json" for r in reqs)
    query = parse_qs(urlsplit(reqs[1].url).query)["query"][0]
    assert "YEAR(?when) = 2019" in query and all(f"wd:{c}" in query for c in ATTACK_CLASSES)
    assert sp.custom_settings["CONCURRENT_REQUESTS"] == 1


def test_local_spider_lists_the_collection(tmp_path: Path) -> None:
    folder = FIX / "local"
    sp = spider(LocalFilesSpider, tmp_path, path=str(folder))
    urls = [r.url for r in first_requests(sp)]
    assert urls == [p.as_uri() for p in collection_files(folder)]
    assert len(urls) == 6 and all(u.startswith("file:///") for u in urls)
    assert [p.name for p in collection_files(folder, ["zip"])] == ["collection.zip"]


def test_gdelt_export_leads_to_its_attack_articles(tmp_path: Path) -> None:
    zpath = FIX / "gdelt" / "20191024143000.export.CSV.zip"
    body = zpath.read_bytes()
    md5 = hashlib.md5(body).hexdigest()
    sp = spider(GdeltEventsSpider, tmp_path, max_articles="0")
    req = Request("http://data.gdeltproject.org/gdeltv2/20191024143000.export.CSV.zip")
    out = list(sp.parse_export(TextResponse(req.url, body=body, request=req), size=len(body), md5=md5))
    assert len(out) == 60 and len({r.url for r in out}) == 60
    assert not any(r.meta.get("dont_obey_robotstxt") for r in out)  # third-party sites: robots.txt obeyed
    sp = spider(GdeltEventsSpider, tmp_path, max_articles="5")
    assert (
        len(list(sp.parse_export(TextResponse(req.url, body=body, request=req), size=len(body), md5=md5)))
        == 5
    )
    sp = spider(GdeltEventsSpider, tmp_path, follow_articles="false")
    assert list(sp.parse_export(TextResponse(req.url, body=body, request=req), size=len(body), md5=md5)) == []


def test_gdelt_daily_run_names_the_quarter_hours(tmp_path: Path) -> None:
    sp = spider(GdeltEventsSpider, tmp_path, since="2019-10-24", until="2019-10-25", max_files="0")
    reqs = first_requests(sp)
    assert sp.files == "computed" and len(reqs) == 96
    assert reqs[0].url.endswith("/20191024000000.export.CSV.zip") and reqs[-1].url.endswith(
        "/20191024234500.export.CSV.zip"
    )
    assert all(r.meta["expected_statuses"] == [404] for r in reqs)
    assert spider(GdeltEventsSpider, tmp_path, since="2019-10-01", until="2019-12-31").files == "master"
