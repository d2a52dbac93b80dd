"""Whole crawls of the news, Wikinews, GDELT, Wikidata and local sources through Scrapy's real downloader
against a loopback server (tests/sources/sources_loopback.py) serving the fixtures, then the documents transform
over the archive they wrote. Each crawl runs in a subprocess (the Twisted reactor cannot restart)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from sources_loopback import Reply, Routes, serve

from spiders.runner import crawl_in_subprocess
from spiders.sources import gdelt as gdelt_spider
from spiders.sources.wikinews import date_category, parse_dates
from transforms.documents import build_documents
from transforms.parsers import gdelt_events

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
ROOT = Path(__file__).resolve().parents[2]
#: Politeness off for loopback (one host, our own server): no delay, no throttle, one quick retry.
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 1, "OPENTID_BACKOFF_BASE": 0.0,
        "OPENTID_RETRY_AFTER_MAX": 2.0, "CONCURRENT_REQUESTS_PER_DOMAIN": 4, "DOWNLOAD_TIMEOUT": 10}  # fmt: skip
HTML = {"Content-Type": "text/html; charset=utf-8"}
ALLOW_ALL = Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})


def _wiki_path(url: str) -> str:
    return "/wiki/" + url.rsplit("/wiki/", 1)[1]


def _articles() -> list[tuple[str, Path]]:
    """(article path on the server, page fixture) for the 8 rendered Wikinews pages."""
    feed = (FIX / "news" / "feed.rss").read_text(encoding="utf-8")
    pages = sorted((FIX / "news").glob("article_*.html"), key=lambda p: int(p.stem.split("_")[1]))
    links = [chunk.split("</link>")[0] for chunk in feed.split("<link>")[2:]]
    return [(_wiki_path(link), page) for link, page in zip(links, pages, strict=True)]


def test_feed_crawl_with_faults_then_incremental_rerun(tmp_path: Path) -> None:
    routes = Routes()
    articles = _articles()
    with serve(routes):
        feed = (
            (FIX / "news" / "feed.rss")
            .read_text(encoding="utf-8")
            .replace("https://en.wikinews.org", routes.base)
        )
        # a link to another host must not be followed
        feed = feed.replace(
            "</channel>", "<item><title>x</title><link>https://elsewhere.example/a</link></item></channel>"
        )
        routes.add("/robots.txt", ALLOW_ALL)
        routes.add("/feed.rss", Reply(200, feed.encode(), {"Content-Type": "application/rss+xml"}))
        for path, page in articles[:6]:
            routes.add(path, Reply(200, page.read_bytes(), HTML))
        routes.add(articles[6][0], Reply(500, b"oops", HTML))  # fails twice (retry): a fault
        # articles[7] is not routed: 404
        # a second "feed" that is an HTML maintenance page: a malformed-xml fault, the crawl goes on
        routes.add("/broken.rss", Reply(200, b"<html><body>Down for maintenance</body></html>", HTML))
        feeds = f"{routes.base}/feed.rss,{routes.base}/broken.rss"
        args = {"feed_urls": feeds, "allowed_domains": "127.0.0.1", "max_articles": "0"}
        [m] = crawl_in_subprocess("news-bbc-world", tmp_path, spider_args=args, settings=FAST, timeout=120)
        assert not any("elsewhere" in p for p in routes.log)
        assert m.status == "partial" and m.exit_code == 3
        kinds = {(f.kind, f.url.rsplit("/", 1)[-1][:20]) for f in m.faults}
        assert {k for k, _ in kinds} >= {"http-500", "http-404", "malformed-xml"}, m.faults
        assert m.counts.archived >= 8  # robots.txt, feed, 6 articles (+ error responses)

        result = build_documents(tmp_path, ["news-bbc-world"])
        docs = result.frames["news-bbc-world"]
        assert docs.height == 6
        titles = set(docs.get_column("title").to_list())
        rows = json.loads(json.dumps([a[1].read_text(encoding="utf-8") for a in articles[:6]]))
        assert all(any(t in page for page in rows) for t in titles)
        # the 'bare' page states no date: the feed entry that listed it gives it (feed-date fallback)
        assert docs.filter(docs["published_at"].is_not_null()).height == 6

        # a second run fetches the feed again but not the articles already archived
        routes.log.clear()
        [m2] = crawl_in_subprocess("news-bbc-world", tmp_path, spider_args=args, settings=FAST, timeout=120)
        fetched = [p for p in routes.log if p.startswith("/wiki/")]
        assert sorted(set(fetched)) == sorted({articles[6][0], articles[7][0]})
        assert m2.status == "partial"
        assert build_documents(tmp_path, ["news-bbc-world"]).frames["news-bbc-world"].height == 6


def test_wikinews_crawl_follows_continue(tmp_path: Path) -> None:
    routes = Routes()
    api = FIX / "wikinews" / "api"
    with serve(routes):
        p1 = (api / "categorymembers_1.json").read_bytes()
        p2 = (api / "categorymembers_2.json").read_bytes()
        common = "/w/api.php?action=query&cmlimit=max&cmprop=title|timestamp&cmsort=timestamp&cmdir=desc"
        base = common + "&cmtitle=Category:Terrorism&cmtype=page&format=json&list=categorymembers&maxlag=5"
        routes.add(_sorted(base), Reply(200, p1, {"Content-Type": "application/json"}))
        routes.add(_sorted(base + "&cmcontinue=page|fixture-next&continue=-||"),
                   Reply(200, p2, {"Content-Type": "application/json"}))  # fmt: skip
        for i in range(6):
            data = json.loads((api / f"parse_{i}.json").read_text(encoding="utf-8"))
            q = (f"/w/api.php?action=parse&format=json&formatversion=2&maxlag=5&page={data['parse']['title']}"
                 "&prop=text|revid|categories")  # fmt: skip
            routes.add(
                _sorted(q),
                Reply(200, (api / f"parse_{i}.json").read_bytes(), {"Content-Type": "application/json"}),
            )
        args = {"api_endpoint": routes.base + "/w/api.php"}
        [m] = crawl_in_subprocess("wikinews", tmp_path, spider_args=args, settings=FAST, timeout=120)
        assert m.status == "clean", (m.faults, routes.log)
        assert not any(p.startswith("/robots.txt") for p in routes.log)  # API etiquette, not robots.txt
        docs = build_documents(tmp_path, ["wikinews"]).frames["wikinews"]
        assert docs.height == 6
        assert set(docs.get_column("licence").to_list()) == {"CC-BY-2.5"}
        assert docs.get_column("url").str.contains("//127.0.0.1:[0-9]+/wiki/").all()
    # the server is gone: the same spider replays the archive with no network, and gets the same documents
    replayed = tmp_path / "replayed"
    [r] = crawl_in_subprocess("wikinews", replayed, replay=tmp_path / "archive" / "wikinews", spider_args=args,
                              settings=FAST, timeout=120)  # fmt: skip
    assert r.status == "clean" and r.counts.not_in_archive == 0, r
    again = build_documents(replayed, ["wikinews"]).frames["wikinews"]
    assert sorted(again.get_column("text").to_list()) == sorted(docs.get_column("text").to_list())


def _sorted(path: str) -> str:
    """The route key the server computes for a URL: query parameters sorted, unencoded."""
    head, _, query = path.partition("?")
    pairs = sorted(tuple(p.split("=", 1)) for p in query.split("&"))
    return head + "?" + "&".join(f"{k}={v}" for k, v in pairs)


def test_wikinews_date_categories() -> None:
    assert [date_category(d) for d in parse_dates("2019-01-27..2019-01-28")] == [
        "Category:January 27, 2019", "Category:January 28, 2019",
    ]  # fmt: skip
    assert len(parse_dates("2020-02")) == 29
    with pytest.raises(ValueError):
        parse_dates("2019-02-01..2019-01-01")


def test_gdelt_crawl_checks_the_list_and_archives_the_export(tmp_path: Path) -> None:
    routes = Routes()
    zbytes = (FIX / "gdelt" / "20191024143000.export.CSV.zip").read_bytes()
    size, md5 = len(zbytes), hashlib.md5(zbytes).hexdigest()
    with serve(routes):
        base = routes.base + "/gdeltv2/"
        listing = (
            f"{size} {md5} {base}20191024143000.export.CSV.zip\n"
            f"10 0123456789abcdef0123456789abcdef {base}20191024143000.mentions.CSV.zip\n"
            f"{size} {'0' * 32} {base}20191024144500.export.CSV.zip\n"  # wrong MD5: a checksum fault
        )
        routes.add("/gdeltv2/lastupdate.txt", Reply(200, listing.encode(), {"Content-Type": "text/plain"}))
        routes.add(
            "/gdeltv2/20191024143000.export.CSV.zip", Reply(200, zbytes, {"Content-Type": "application/zip"})
        )
        routes.add(
            "/gdeltv2/20191024144500.export.CSV.zip", Reply(200, zbytes, {"Content-Type": "application/zip"})
        )
        routes.add("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /\n", {"Content-Type": "text/plain"}))
        args = {"base_url": base, "follow_articles": "false"}
        [m] = crawl_in_subprocess("gdelt", tmp_path, spider_args=args, settings=FAST, timeout=120)
        assert not any("mentions" in p for p in routes.log)
        # robots.txt disallows everything, yet GDELT's published files are fetched (dont_obey_robotstxt)
        assert "/gdeltv2/20191024143000.export.CSV.zip" in routes.log
        assert [f.kind for f in m.faults] == ["checksum"] and m.status == "partial"
        docs = build_documents(tmp_path, ["gdelt"]).frames["gdelt"]
        assert docs.height == 203  # the same events in both files: one document per record_key
    _replays_the_same(tmp_path, "gdelt", args, docs.height)


def test_gdelt_daily_run_fetches_the_published_quarter_hours(tmp_path: Path) -> None:
    routes = Routes()
    zbytes = (FIX / "gdelt" / "20191024143000.export.CSV.zip").read_bytes()
    with serve(routes):
        routes.add(
            "/gdeltv2/20191024143000.export.CSV.zip", Reply(200, zbytes, {"Content-Type": "application/zip"})
        )
        args = {"base_url": routes.base + "/gdeltv2/", "follow_articles": "false", "until": "2019-10-25"}
        settings = {**FAST, "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "CONCURRENT_REQUESTS": 16}
        [m] = crawl_in_subprocess("gdelt", tmp_path, since=date(2019, 10, 24), spider_args=args, settings=settings,
                                  timeout=120)  # fmt: skip
        assert len([p for p in routes.log if p.endswith(".export.CSV.zip")]) == 96
        assert m.status == "clean" and m.faults == [], m.faults  # the 95 missing stamps are expected 404s
        assert build_documents(tmp_path, ["gdelt"]).frames["gdelt"].height == 203
        # the next day's run does not fetch the archived file again, but retries the missing ones
        routes.log.clear()
        crawl_in_subprocess("gdelt", tmp_path, since=date(2019, 10, 24), spider_args=args, settings=settings,
                            timeout=120)  # fmt: skip
        assert "/gdeltv2/20191024143000.export.CSV.zip" not in routes.log and len(routes.log) == 95


def test_gdelt_spider_and_parser_keep_the_same_events() -> None:
    assert gdelt_spider.ATTACK_EVENT_CODES == gdelt_events.ATTACK_EVENT_CODES
    yaml_codes = yaml.safe_load((ROOT / "datasets" / "sources" / "gdelt.yaml").read_text())["spider_args"][
        "event_codes"
    ]
    assert tuple(yaml_codes) == gdelt_events.ATTACK_EVENT_CODES
    zbytes = (FIX / "gdelt" / "20191024143000.export.CSV.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(zbytes)) as zf:
        csv_bytes = zf.read(zf.namelist()[0])
    urls = gdelt_spider.attack_source_urls(csv_bytes, gdelt_spider.ATTACK_EVENT_CODES)
    assert urls == gdelt_events.source_urls(zbytes) and len(urls) == 60
    listing = "1 a http://h/gdeltv2/20191023000000.export.CSV.zip\n2 b http://h/gdeltv2/20191024143000.export.CSV.zip\n"
    assert [f[0] for f in gdelt_spider.export_files(listing, since=date(2019, 10, 24))] == [2]


def test_wikidata_crawl_honours_retry_after(tmp_path: Path) -> None:
    routes = Routes()
    body = (FIX / "wikidata" / "sparql_attacks.json").read_bytes()
    with serve(routes):
        routes.add("/sparql", Reply(429, b"Too Many Requests", {"Retry-After": "1", "Content-Type": "text/plain"}),
                   Reply(200, body, {"Content-Type": "application/sparql-results+json"}))  # fmt: skip
        args = {"endpoint": routes.base + "/sparql", "years": "2019"}
        [m] = crawl_in_subprocess("wikidata", tmp_path, spider_args=args, settings=FAST, timeout=120)
        assert [p.split("?")[0] for p in routes.log] == ["/sparql", "/sparql"]  # serial, no robots.txt
        assert m.counts.retries == 1 and m.status == "clean", m
        docs = build_documents(tmp_path, ["wikidata"]).frames["wikidata"]
        assert sorted(docs.get_column("title").to_list()) == [
            "Jolo Cathedral bombings",
            "Reading stabbing attack",
        ]
    _replays_the_same(tmp_path, "wikidata", args, 2)


def _replays_the_same(data: Path, source: str, args: dict[str, str], n_docs: int) -> None:
    """With the server gone, the spider replays its archive offline and the archive yields the same documents."""
    replayed = data / "replayed"
    [r] = crawl_in_subprocess(source, replayed, replay=data / "archive" / source, spider_args=args, settings=FAST,
                              timeout=120)  # fmt: skip
    assert r.counts.archived >= 1 and r.status in ("clean", "partial") and r.counts.not_in_archive == 0, r
    assert build_documents(replayed, [source]).frames[source].height == n_docs


def test_local_collection_crawl_uses_no_network(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    shutil.copytree(FIX / "local" / "collection", folder)
    shutil.copy(FIX / "local" / "collection.zip", folder / "collection.zip")
    (folder / ".hidden").write_text("skip me")
    data = tmp_path / "data"
    [m] = crawl_in_subprocess("local", data, spider_args={"path": str(folder)}, settings=FAST, timeout=120)
    assert m.status == "clean" and m.counts.archived == 6, m  # 5 files + the zip; not .hidden
    docs = build_documents(data, ["local"]).frames["local"]
    keys = docs.get_column("record_key").to_list()
    assert not any(".hidden" in k for k in keys)
    assert sum("DEV-MUC3-0001" in k for k in keys) == 2  # the MUC file and its copy in the zip
    assert docs.get_column("text").str.len_chars().min() > 100
