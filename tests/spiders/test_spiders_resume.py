"""An interrupted crawl resumes where it stopped (``--resumable``: Scrapy's JOBDIR under
``data/state/<source>.job``).

A loopback server serves a feed of 40 article pages (the recorded Wikinews pages of the news fixtures,
each under several paths); after the first few, articles are slow. The first crawl runs in a subprocess
and is stopped with a signal (SIGINT or SIGTERM: Scrapy's graceful stop, which persists the queue; or two
SIGINTs: a forced stop) once some articles have been served; the second run resumes. Checked: the second run fetches only the
articles the first did not archive, every article is archived exactly once, the first run's WARC reads
back whole, and the first run's manifest says it was interrupted.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from spiders.manifest import RunManifest
from spiders.runner import crawl_in_subprocess

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests" / "fixtures" / "sources" / "news"
ARTICLES = 40
FAST_ARTICLES = 8
SLOW_SECONDS = 0.3
SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 1, "OPENTID_BACKOFF_BASE": 0.0,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "DOWNLOAD_TIMEOUT": 10}  # fmt: skip

sys.path.insert(0, str(ROOT / "tests" / "sources"))
from sources_loopback import Reply, Routes, serve  # noqa: E402


def _feed(base: str, articles: int = ARTICLES) -> bytes:
    items = "".join(f"<item><title>Article {i}</title><link>{base}/article/{i}</link></item>"
                    for i in range(articles))  # fmt: skip
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>loopback</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


class SlowRoutes(Routes):
    """Articles after the first ``FAST_ARTICLES`` served take ``SLOW_SECONDS``; the log records a path
    once its response has been sent (so a logged article was delivered whole)."""

    def __init__(self) -> None:
        super().__init__()
        self.slow = False
        self.served = 0
        self.lock = threading.Lock()

    def lookup(self, raw_path: str) -> Reply:
        if raw_path.startswith("/article/"):
            with self.lock:
                self.served += 1
                slow = self.slow and self.served > FAST_ARTICLES
            if slow:
                time.sleep(SLOW_SECONDS)
        return super().lookup(raw_path)


def _routes(routes: Routes) -> None:
    pages = sorted(NEWS.glob("article_*.html"))
    routes.add("/robots.txt", Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"}))
    routes.add("/feed.rss", Reply(200, _feed(routes.base), {"Content-Type": "application/rss+xml"}))
    for i in range(ARTICLES):
        routes.add(f"/article/{i}", Reply(200, pages[i % len(pages)].read_bytes(),
                                          {"Content-Type": "text/html; charset=utf-8"}))


def _article_captures(data: Path) -> list[tuple[str, str, int]]:
    con = sqlite3.connect(data / "archive" / "index.sqlite")
    try:
        return con.execute("SELECT url, run_id, status FROM captures WHERE url LIKE '%/article/%'").fetchall()
    finally:
        con.close()


#: (signals sent, 0.05 s apart; is it Scrapy's graceful stop)
STOPS = {
    "sigint": ([signal.SIGINT], True),
    "sigterm": ([signal.SIGTERM], True),
    # a second signal forces Scrapy to stop the reactor without closing the spider: in-flight requests
    # are lost and the queue may not be saved; the runner still drains the archive and closes the manifest
    "sigint-twice": ([signal.SIGINT, signal.SIGINT], False),
}


@pytest.mark.parametrize("stop", list(STOPS))
def test_interrupted_crawl_resumes_where_it_stopped(tmp_path: Path, stop: str) -> None:
    signals, graceful = STOPS[stop]
    routes = SlowRoutes()
    with serve(routes):
        _routes(routes)
        routes.slow = True
        args = {"feed_urls": f"{routes.base}/feed.rss", "allowed_domains": "127.0.0.1", "max_articles": "0"}
        request = {"sources": ["feed"], "data_dir": str(tmp_path), "replay": [], "since": None,
                   "spider_args": args, "settings": SETTINGS, "resumable": True}  # fmt: skip
        (tmp_path / "request.json").write_text(json.dumps(request), encoding="utf-8")
        with open(tmp_path / "request.json", "rb") as stdin:
            proc = subprocess.Popen([sys.executable, "-m", "spiders.runner"], stdin=stdin, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                    env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
        deadline = time.monotonic() + 20
        while routes.served < FAST_ARTICLES + 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert proc.poll() is None, "the first run ended before it could be interrupted"
        for n, sig in enumerate(signals):
            if n:
                time.sleep(0.05)
            proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err[-3000:]
        [first] = [RunManifest.model_validate(m) for m in json.loads(out.splitlines()[-1])["manifests"]]
        first_log = [p for p in routes.log if p.startswith("/article/")]

        # the interruption is on record, and the job folder is kept for the next run
        assert first.status in ("partial", "failed"), first
        assert first.finish_reason == ("shutdown" if graceful else "killed"), first
        assert (tmp_path / "state" / "feed.job").is_dir()
        archived_first = {u.rsplit("/", 1)[1] for u, run, s in _article_captures(tmp_path) if run == first.run_id}
        requested_first = {p.rsplit("/", 1)[1] for p in first_log}
        assert first.counts.archived >= len(archived_first) >= FAST_ARTICLES
        assert archived_first < {str(i) for i in range(ARTICLES)}
        if graceful:  # requests in flight at the signal are completed and archived
            assert archived_first == requested_first
        else:
            assert archived_first <= requested_first

        # the first run's WARC is whole: every record reads, digests check, and it holds exactly the
        # article responses the index lists
        assert first.warc_file
        with open(tmp_path / first.warc_file, "rb") as fh:
            records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
                       for r in ArchiveIterator(fh, check_digests="raise")]  # fmt: skip
        assert records[0][0] == "warcinfo"
        responses = [u.rsplit("/", 1)[1] for t, u in records if t == "response" and "/article/" in u]
        assert sorted(responses) == sorted(archived_first)

        # resume: only what the first run did not archive is fetched, each once
        routes.log.clear()
        routes.slow = False
        if graceful:  # the feed has meanwhile rotated: the rest can only come from the persisted queue
            routes.add("/feed.rss", Reply(200, _feed(routes.base, 0), {"Content-Type": "application/rss+xml"}))
        [second] = crawl_in_subprocess("feed", tmp_path, spider_args=args, settings=SETTINGS, resumable=True,
                                       timeout=60)  # fmt: skip
        second_log = [p for p in routes.log if p.startswith("/article/")]
        assert second.status == "clean", second.faults
        assert len(second_log) == len(set(second_log))
        assert {p.rsplit("/", 1)[1] for p in second_log} == {str(i) for i in range(ARTICLES)} - archived_first
        assert not (tmp_path / "state" / "feed.job").exists()  # a finished crawl drops its job folder

        captures = _article_captures(tmp_path)
        assert sorted(u for u, _, _ in captures) == sorted(f"{routes.base}/article/{i}" for i in range(ARTICLES))
        assert all(s == 200 for _, _, s in captures)
