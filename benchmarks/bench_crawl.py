"""Crawl throughput: a bare Scrapy spider vs. the OpenTID crawl (WARC archive + capture index + seen
index + manifest + fault/retry/conditional middlewares + JOBDIR) fetching the same pages.

    .venv/bin/python benchmarks/bench_crawl.py [--pages 3000] [--repeat 3] [--concurrency 16]

A loopback aiohttp server (its own process) serves ``--pages`` distinct pages of about 30 KB: the real
HTML of the recorded Wikipedia "List of terrorist incidents in 1970" page (tests/fixtures/spiders), cut
to 30 KB, with the page number added so no two bodies are equal. Each crawl runs in a fresh process
(the Twisted reactor cannot restart), bare and OpenTID alternately, ``--repeat`` times; the clock runs
from spider open to the end of the crawl process's work (for OpenTID: WARC closed, index flushed).
Prints pages/s for both, the median ratio of times (OpenTID / bare; the issue's floor is <= 1.5) and
a cProfile summary of one OpenTID run with ``--profile``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_SOURCE = ROOT / "tests" / "fixtures" / "spiders" / "wikipedia" / "parse_List_of_terrorist_incidents_in_1970.json"
PAGE_BYTES = 30_000


# -- server ------------------------------------------------------------------------------------------
def serve(port: int) -> None:
    from aiohttp import web

    html = json.loads(PAGE_SOURCE.read_text(encoding="utf-8"))["parse"]["text"]["*"].encode("utf-8")[:PAGE_BYTES]

    async def page(request: web.Request) -> web.Response:
        n = request.match_info["n"]
        body = html + f"\n<!-- page {n} -->\n".encode()
        return web.Response(body=body, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.router.add_get("/p/{n}", page)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("benchmark server did not start")


# -- crawls (child processes) ------------------------------------------------------------------------
VARIANTS = {
    "opentid": {},
    "opentid-inline": {"OPENTID_ARCHIVE_THREAD": False},
    "opentid-noarchive": {"EXTENSIONS": {"spiders.run.RunRecorder": 10},
                          "DOWNLOADER_MIDDLEWARES": {"scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
                                                     "spiders.faults.FaultMiddleware": 545,
                                                     "spiders.retry.BackoffRetryMiddleware": 550}},
}


def child(kind: str, port: int, pages: int, concurrency: int, data: Path, profile: Path | None,
          resumable: bool = False) -> dict:
    import scrapy
    from scrapy import signals
    from scrapy.crawler import AsyncCrawlerProcess, Crawler
    from scrapy.settings import Settings

    urls = [f"http://127.0.0.1:{port}/p/{i}" for i in range(pages)]
    speed = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
             "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
             "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, "REMOTE_CONTROL_ENABLED": False}

    if kind == "bare":
        class Bare(scrapy.Spider):
            name = "bare"

            async def start(self):  # noqa: ANN202
                for u in urls:
                    yield scrapy.Request(u, callback=self.parse)

            def parse(self, response):  # noqa: ANN001, ANN202
                return None

        spidercls: type = Bare
        settings = dict(speed)
        kwargs: dict = {}
    else:
        from spiders.base import OpenTIDSpider
        from spiders.settings import crawl_settings

        class Bench(OpenTIDSpider):
            name = "bench"
            robots_txt = False
            robots_reason = "benchmark against a loopback server that has no robots.txt"

            async def start(self):  # noqa: ANN202
                for u in urls:
                    yield scrapy.Request(u, callback=self.parse, meta={"conditional": True})

            def parse(self, response):  # noqa: ANN001, ANN202
                return None

        spidercls = Bench
        settings = crawl_settings(data_dir=data, contact="https://example.org/benchmark",
                                  job_dir=data / "state" / "bench.job" if resumable else None,
                                  extra={**speed, **VARIANTS[kind]})
        kwargs = {}

    process = AsyncCrawlerProcess(Settings({"LOG_LEVEL": "WARNING", "LOG_INSTALL_ROOT_HANDLER": False}))
    crawler = Crawler(spidercls, Settings(settings))
    t: dict[str, float] = {}
    crawler.signals.connect(lambda spider: t.setdefault("open", time.perf_counter()), signal=signals.spider_opened,
                            weak=False)
    process.crawl(crawler, **kwargs)
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    cpu0 = time.process_time()
    process.start()
    end = time.perf_counter()
    cpu = time.process_time() - cpu0
    if prof:
        prof.disable()
        prof.dump_stats(str(profile))
    n = crawler.stats.get_value("response_received_count", 0)
    writer_cpu = 0.0
    if kind in ("opentid", "opentid-inline"):
        from spiders.archiving import ArchiveExtension

        writer_cpu = ArchiveExtension.of(crawler).writer_cpu_seconds
    return {"kind": kind, "pages": n, "seconds": end - t["open"], "pages_per_s": n / (end - t["open"]),
            "cpu_seconds": cpu, "writer_cpu_seconds": writer_cpu}


def run_child(kind: str, port: int, pages: int, concurrency: int, profile: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="opentid-bench-") as tmp:
        cmd = [sys.executable, __file__, "--child", kind, "--port", str(port), "--pages", str(pages),
               "--concurrency", str(concurrency), "--data", tmp]
        if profile:
            cmd += ["--profile", str(profile)]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if kind == "opentid":
            warcs = list(Path(tmp, "archive").rglob("*.warc.gz"))
            result["warc_bytes"] = sum(p.stat().st_size for p in warcs)
        return result


def breakdown(pages: int) -> None:
    """Where the archive writer's time goes, per page, measured on the benchmark page in this process."""
    import io

    sys.path.insert(0, str(ROOT))
    from spiders.index import Capture, CaptureIndex
    from spiders.state import CrawlState
    from spiders.warc import Exchange, WarcFile, content_sha256, gzip_member, sha1_payload_digest, warc_date

    html = json.loads(PAGE_SOURCE.read_text(encoding="utf-8"))["parse"]["text"]["*"].encode("utf-8")[:PAGE_BYTES]
    ex = Exchange(url="http://127.0.0.1:1/p/1", method="GET", request_headers=[("Host", "127.0.0.1:1")],
                  request_body=b"", status=200, response_headers=[("Content-Type", "text/html; charset=utf-8")],
                  body=html, warc_date=warc_date())
    n = min(pages, 1000)

    def per_page(fn) -> float:  # noqa: ANN001
        t0 = time.process_time()
        for _ in range(n):
            fn()
        return (time.process_time() - t0) / n * 1000

    raw = WarcFile(io.BytesIO(), gzip_records=False)
    record = io.BytesIO()
    WarcFile(record, gzip_records=False).write_exchange(ex)
    with tempfile.TemporaryDirectory() as tmp:
        index = CaptureIndex(Path(tmp) / "index.sqlite")
        state = CrawlState(Path(tmp) / "state.sqlite")
        counter = iter(range(10**9))

        def rows() -> None:
            i = next(counter)
            index.add(Capture(f"u{i}", "s", "r", "d", 200, "x", "f", 0, 1, "id", None, None, None))
            state.mark(f"GET u{i}", f"u{i}", "d", 200, "r", content_sha256="x")

        parts = {
            "records (headers, block digest)": per_page(lambda: raw.write_exchange(ex)),
            "gzip level 1 (2 records)": per_page(lambda: gzip_member(record.getvalue(), 1)),
            "content sha256 + payload sha1": per_page(lambda: (content_sha256(html), sha1_payload_digest(html))),
            "index + seen rows": per_page(rows),
        }
        index.close()
        state.close()
    print("archive writer, CPU per page: " + ", ".join(f"{k} {v:.3f} ms" for k, v in parts.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--profile", type=Path, default=None, help="write a cProfile of one OpenTID run here")
    ap.add_argument("--child", choices=["bare", *VARIANTS], help=argparse.SUPPRESS)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.port)
        return 0
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.child, args.port, args.pages, args.concurrency, args.data, args.profile)))
        return 0

    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(port)], cwd=ROOT)
    try:
        wait_for(port)
        run_child("bare", port, 200, args.concurrency)  # warm-up (server, page cache)
        results: dict[str, list[dict]] = {"bare": [], "opentid": []}
        for _ in range(args.repeat):
            for kind in ("bare", "opentid"):
                r = run_child(kind, port, args.pages, args.concurrency)
                if r["pages"] != args.pages:
                    raise RuntimeError(f"{kind} crawl fetched {r['pages']} of {args.pages} pages")
                results[kind].append(r)
        bare = statistics.median(r["pages_per_s"] for r in results["bare"])
        ours = statistics.median(r["pages_per_s"] for r in results["opentid"])
        ratios = [o["seconds"] / b["seconds"] for b, o in zip(results["bare"], results["opentid"], strict=True)]
        print(f"pages: {args.pages} x ~{PAGE_BYTES // 1000} KB, concurrency {args.concurrency}, "
              f"{args.repeat} runs each, cpus {os.cpu_count()}")
        for label, kind, median in (("bare Scrapy", "bare", bare), ("OpenTID", "opentid", ours)):
            runs = ", ".join(f"{r['pages_per_s']:.0f}" for r in results[kind])
            print(f"{label:12}: {median:8.0f} pages/s  (runs: {runs})")
        print(f"time ratio OpenTID/bare: median {statistics.median(ratios):.2f} (runs: "
              f"{', '.join(f'{x:.2f}' for x in ratios)}; floor <= 1.50)")
        print(f"WARC size: {results['opentid'][-1]['warc_bytes'] / args.pages / 1000:.1f} KB/page")
        bare_cpu = statistics.median(r["cpu_seconds"] for r in results["bare"]) / args.pages * 1000
        ours_cpu = statistics.median(r["cpu_seconds"] for r in results["opentid"]) / args.pages * 1000
        writer = statistics.median(r["writer_cpu_seconds"] for r in results["opentid"]) / args.pages * 1000
        print(f"CPU per page: bare {bare_cpu:.2f} ms, OpenTID {ours_cpu:.2f} ms (ratio {ours_cpu / bare_cpu:.2f}), "
              f"of which the archive writer thread {writer:.2f} ms")
        breakdown(args.pages)
        if args.profile:
            run_child("opentid", port, args.pages, args.concurrency, profile=args.profile)
            import pstats

            pstats.Stats(str(args.profile)).sort_stats("tottime").print_stats(20)
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
