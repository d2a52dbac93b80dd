"""Ad-hoc crawls without YAML, through the real CLI: ``opentid crawl page URL...`` and ``crawl feed URL``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sources_loopback import Reply, Routes, serve

from datasets.cli import main
from transforms.documents import build_documents

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "news"
HTML = {"Content-Type": "text/html; charset=utf-8"}
ALLOW_ALL = Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "datasets.cli", "--data", str(data), "crawl", *args],
        capture_output=True, text=True, timeout=180, env={**os.environ},
    )  # fmt: skip


def test_crawl_page_urls_without_yaml(tmp_path: Path) -> None:
    routes = Routes()
    pages = sorted(FIX.glob("article_*_jsonld.html"))
    with serve(routes):
        routes.add("/robots.txt", ALLOW_ALL)
        for i, page in enumerate(pages):
            routes.add(f"/a{i}", Reply(200, page.read_bytes(), HTML))
        urls = [f"{routes.base}/a{i}" for i in range(len(pages))]
        proc = _cli(tmp_path, "page", *urls)
    assert proc.returncode == 0, proc.stderr[-3000:]
    docs = build_documents(tmp_path, ["page"]).frames["page"]
    assert sorted(docs["url"].to_list()) == sorted(urls) or docs.height == len(pages)
    assert docs["text"].str.len_chars().min() > 100 and docs["published_at"].null_count() == 0


def test_crawl_feed_url_without_yaml(tmp_path: Path) -> None:
    routes = Routes()
    feed_text = (FIX / "feed.rss").read_text(encoding="utf-8")
    with serve(routes):
        feed = feed_text.replace("https://en.wikinews.org", routes.base)
        routes.add("/robots.txt", ALLOW_ALL)
        routes.add("/feed.rss", Reply(200, feed.encode(), {"Content-Type": "application/rss+xml"}))
        links = [chunk.split("</link>")[0] for chunk in feed.split("<link>")[2:]]
        pages = sorted(FIX.glob("article_*.html"), key=lambda p: int(p.stem.split("_")[1]))
        for link, page in zip(links[:-1], pages, strict=False):
            routes.add(link.removeprefix(routes.base), Reply(200, page.read_bytes(), HTML))
        # the last article is not routed: its 404 is a fault and the crawl goes on
        proc = _cli(tmp_path, "feed", f"{routes.base}/feed.rss")
    assert proc.returncode == 3, proc.stderr[-3000:]  # partial: one article answered 404
    assert "feed: partial" in proc.stderr
    docs = build_documents(tmp_path, ["feed"]).frames["feed"]
    assert docs.height == len(links) - 1
    assert docs["published_at"].null_count() == 0  # pages without a date take the feed's


def test_ad_hoc_usage_errors(tmp_path: Path, capsys) -> None:
    assert main(["--data", str(tmp_path), "crawl", "page", "not-a-url"]) == 2
    assert "takes http(s) URLs" in capsys.readouterr().err
    assert main(["--data", str(tmp_path), "crawl", "local", "a", "b"]) == 2
    assert "one PATH" in capsys.readouterr().err
