"""Storage as an extension: every HTTP exchange the downloader completes is appended to the run's WARC
file and indexed. Hooked on ``response_downloaded``, which the downloader sends for each response as it
comes off the wire (before retries, redirects and decompression), so retried 500s, redirects, 304s and
robots.txt are archived as they happened, with the body exactly as sent.

Per response:
- 304 Not Modified: request + response records; counted as unchanged; not indexed (no content).
- 200 whose content hash equals the last archived body of the same request (a server that ignored the
  conditional request): a ``revisit`` record (identical-payload-digest) instead of the body again;
  counted as unchanged; not indexed, so a re-run never duplicates a capture.
- anything else: request + response records, one row in ``captures``, the seen index updated (an
  error response never replaces the validators of the last good body).
"""

from __future__ import annotations

import logging
import platform
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from scrapy import signals

from schemas.layout import DataLayout
from spiders.index import Capture, CaptureIndex
from spiders.layout import relative_to_data
from spiders.run import RunRecorder, is_not_in_archive
from spiders.state import CrawlState, request_key
from spiders.warc import Exchange, WarcFile, content_sha256, sha1_payload_digest, warc_date

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


#: Request headers whose values never go into an archive (credentials).
REDACTED_HEADERS = {"authorization", "proxy-authorization", "cookie", "x-ucdp-access-token"}


def _headers(h, redact: set[str] | frozenset[str] = frozenset()) -> list[tuple[str, str]]:  # noqa: ANN001
    out: list[tuple[str, str]] = []
    for key, values in h.items():
        k = key.decode("latin-1")
        secret = k.lower() in redact
        for v in values:
            out.append((k, "[redacted]" if secret else v.decode("latin-1")))
    return out


def _first(h, name: str) -> str | None:  # noqa: ANN001
    v = h.get(name)
    return v.decode("latin-1") if v is not None else None


class ArchiveExtension:
    """Settings read: ``OPENTID_DATA``, ``OPENTID_WARC_COMPRESSLEVEL`` (default 1),
    ``OPENTID_INDEX_BATCH`` (default 500), ``OPENTID_REDACT_HEADERS`` (more headers to redact)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.layout = DataLayout(Path(settings.get("OPENTID_DATA") or "data"))
        self.compresslevel = settings.getint("OPENTID_WARC_COMPRESSLEVEL", 1)
        self.batch = settings.getint("OPENTID_INDEX_BATCH", 500)
        self.redact = REDACTED_HEADERS | {h.lower() for h in settings.getlist("OPENTID_REDACT_HEADERS")}
        self.warc: WarcFile | None = None
        self.index: CaptureIndex | None = None
        self.state: CrawlState | None = None
        self.recorder: RunRecorder | None = None
        self.source = ""
        self.warc_rel = ""
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveExtension:
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> ArchiveExtension:
        for ext in crawler.extensions.middlewares:
            if isinstance(ext, cls):
                return ext
        raise LookupError("ArchiveExtension is not enabled in EXTENSIONS")

    def spider_opened(self, spider: Spider) -> None:
        self.open(spider.name)

    def open(self, source: str) -> None:
        """Open the run's WARC, the index and the state (idempotent: middlewares may ask first)."""
        if self.warc is not None:
            return
        self.recorder = RunRecorder.of(self.crawler)
        self.source = source
        self.recorder._ensure_manifest(source)
        path = self.layout.archive_file(source, self.recorder.run_id)
        self.warc = WarcFile(path, compresslevel=self.compresslevel)
        self.warc_rel = relative_to_data(self.layout, path)
        self.index = CaptureIndex(self.layout.index_db, batch_size=self.batch)
        self.state = CrawlState(self.layout.state_db(source))
        self.recorder.set_warc_file(path)
        settings = self.crawler.settings
        self.warc.write_warcinfo({
            "software": f"OpenTID (Scrapy {scrapy.__version__}, Python {platform.python_version()})",
            "format": "WARC File Format 1.1",
            "isPartOf": f"opentid:{source}",
            "operator-run": self.recorder.run_id,
            "http-header-user-agent": settings.get("USER_AGENT", ""),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "replay-of": " ".join(settings.getlist("OPENTID_REPLAY")),
        }, filename=path.name)

    def close(self) -> None:
        if self.index is not None:
            self.index.close()
            self.index = None
        if self.state is not None:
            self.state.close()
            self.state = None
        if self.warc is not None:
            self.warc.close()

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        if is_not_in_archive(response):
            return
        if self.warc is None:
            self.open(spider.name)
        assert self.warc is not None and self.index is not None and self.state is not None
        assert self.recorder is not None
        date = warc_date()
        req_headers = _headers(request.headers, self.redact)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", urlsplit(request.url).netloc))
        payload_digest = sha1_payload_digest(response.body)
        ex = Exchange(
            url=request.url, method=request.method, request_headers=req_headers, request_body=request.body,
            status=response.status, response_headers=_headers(response.headers), body=response.body,
            warc_date=date, protocol=getattr(response, "protocol", None) or "HTTP/1.1",
            payload_digest=payload_digest,
        )
        key = request_key(request.method, request.url, request.body)
        run_id = self.recorder.run_id
        if response.status == 304:
            self.warc.write_exchange(ex)
            self.state.mark(key, request.url, date, 304, run_id)
            self.recorder.unchanged()
            return
        encoding = _first(response.headers, "Content-Encoding")
        sha = content_sha256(response.body, encoding)
        prev = self.state.get(key)
        if (response.status == 200 and prev is not None and prev.content_sha256 == sha
                and prev.warc_record_id and prev.warc_date):
            self.warc.write_revisit(ex, refers_to_id=prev.warc_record_id, refers_to_date=prev.warc_date,
                                    payload_digest=prev.payload_digest or payload_digest)
            self.state.mark(key, request.url, date, 200, run_id)
            self.recorder.unchanged()
            return
        written, _ = self.warc.write_exchange(ex)
        etag = _first(response.headers, "ETag")
        last_modified = _first(response.headers, "Last-Modified")
        self.index.add(Capture(
            url=request.url, source=self.source, run_id=run_id, fetched_at=date, status=response.status,
            content_sha256=sha, warc_file=self.warc_rel, warc_offset=written.offset,
            warc_length=written.length, warc_record_id=written.record_id, etag=etag,
            last_modified=last_modified, content_type=_first(response.headers, "Content-Type"),
        ))
        good = 200 <= response.status < 300
        self.state.mark(
            key, request.url, date, response.status, run_id,
            content_sha256=sha if good else None, etag=etag, last_modified=last_modified,
            warc_record_id=written.record_id, warc_date=date,
            payload_digest=payload_digest if good else None,
        )
        self.recorder.archived()
