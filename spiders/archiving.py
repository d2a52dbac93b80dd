"""Storage as an extension: every HTTP exchange the downloader completes is appended to the run's WARC
file and indexed. Hooked on ``response_downloaded``, which the downloader sends for each response as it
comes off the wire (before retries, redirects and decompression), so retried 500s, redirects, 304s and
robots.txt are archived as they happened, with the body exactly as sent.

The work per response (serialising the records, gzip, digests, file writes, index and seen-index rows) runs
in one background thread fed by a bounded queue, in arrival order: zlib and hashlib release the GIL, so on a
machine with a second core the archiving overlaps with Scrapy's own work instead of adding to it. The
reactor thread only copies headers out of the Scrapy objects. ``close()`` drains the queue before the
manifest is written.

Per response:
- 304 Not Modified: request + response records; counted as unchanged; not indexed (no content).
- 200 whose content hash equals the last archived body of the same request (a server that ignored the
  conditional request): a ``revisit`` record (identical-payload-digest) instead of the body again;
  counted as unchanged; not indexed, so a re-run never duplicates a capture.
- anything else: request + response records, one row in ``captures``, the seen index updated (an
  error response never replaces the validators of the last good body).

A ``file://`` capture (the local-files spider) is not an HTTP exchange: it is archived as one ``resource``
record (the file's bytes, Content-Type guessed from its name), indexed with status 200; an unchanged file
gets a ``revisit`` record without HTTP headers. No request record.
"""

from __future__ import annotations

import logging
import mimetypes
import platform
import queue
import threading
import time
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from w3lib.url import file_uri_to_path

from schemas.layout import DataLayout
from spiders.index import Capture, CaptureIndex
from spiders.layout import relative_to_data
from spiders.run import RunRecorder, enabled_extension, is_not_in_archive, recorded_at, recorded_id
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


def _replay_ids(response: Response) -> dict:
    """Record ids for a replayed exchange: derived from the record it was served from, so that replaying
    the same archive always gives the same ids (and byte-identical releases); plus a header naming it."""
    original = recorded_id(response)
    if not original:
        return {}
    return {
        "response_record_id": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'replay:' + original)}>",
        "request_record_id": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'replay-request:' + original)}>",
        "extra_warc_headers": (("OpenTID-Replayed-From", original),),
    }


def _first(h, name: str) -> str | None:  # noqa: ANN001
    v = h.get(name)
    return v.decode("latin-1") if v is not None else None


@dataclass(frozen=True)
class _Job:
    exchange: Exchange
    key: str
    content_encoding: str | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    #: a ``file://`` capture: archived as a ``resource`` record
    resource: bool = False


def guess_file_type(url: str) -> str:
    """The Content-Type of a ``file://`` URI from its name (``application/octet-stream`` if unknown)."""
    ctype, encoding = mimetypes.guess_type(file_uri_to_path(url), strict=False)
    if ctype is None or encoding is not None:  # e.g. .tar.gz: the bytes are the compressed file
        return {"gzip": "application/gzip", "bzip2": "application/x-bzip2", "xz": "application/x-xz"}.get(
            encoding or "", "application/octet-stream")
    return ctype


_STOP = object()


class ArchiveExtension:
    """Settings read: ``OPENTID_DATA``, ``OPENTID_WARC_COMPRESSLEVEL`` (default 1),
    ``OPENTID_INDEX_BATCH`` (default 500), ``OPENTID_REDACT_HEADERS`` (more headers to redact),
    ``OPENTID_ARCHIVE_QUEUE`` (responses waiting for the writer thread before the crawl waits; default 256),
    ``OPENTID_ARCHIVE_THREAD`` (default True; False archives in the crawl's own thread)."""

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
        self._queue: queue.Queue[_Job | object] = queue.Queue(maxsize=settings.getint("OPENTID_ARCHIVE_QUEUE", 256))
        self._worker: threading.Thread | None = None
        self.threaded = settings.getbool("OPENTID_ARCHIVE_THREAD", True)
        self._opened = False
        self._ready = threading.Event()
        self._open_error: BaseException | None = None
        #: CPU seconds the writer thread used (for benchmarks/bench_crawl.py)
        self.writer_cpu_seconds = 0.0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveExtension:
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> ArchiveExtension:
        return enabled_extension(crawler, cls)

    def spider_opened(self, spider: Spider) -> None:
        self.open(spider.name)

    # -- lifecycle (reactor thread) -----------------------------------------------------------------
    def open(self, source: str) -> None:
        """Start the writer thread, which opens the run's WARC, the index and the state; wait until it has
        (idempotent: middlewares may ask before ``spider_opened``)."""
        if self._opened:
            return
        self._opened = True
        self.recorder = RunRecorder.of(self.crawler)
        self.source = source
        self.recorder._ensure_manifest(source)
        path = self.layout.archive_file(source, self.recorder.run_id)
        self.warc_rel = relative_to_data(self.layout, path)
        self.recorder.set_warc_file(path)
        if not self.threaded:
            self._open_resources(path)
            return
        self._worker = threading.Thread(target=self._run, args=(path,), name=f"opentid-archive-{source}",
                                        daemon=True)
        self._worker.start()
        self._ready.wait()
        if self._open_error is not None:
            raise self._open_error

    def close(self) -> None:
        """Drain the queue, then close WARC, index and state (idempotent)."""
        if not self.threaded:
            if self.warc is not None:
                self._close_resources()
            return
        if self._worker is None or not self._worker.is_alive():
            return
        self._queue.put(_STOP)
        self._worker.join()

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        if is_not_in_archive(response):
            return
        if not self._opened:
            self.open(spider.name)
        if urlsplit(request.url).scheme == "file":
            ex = Exchange(url=request.url, method="GET", request_headers=[], request_body=b"",
                          status=response.status, response_headers=[], body=response.body,
                          warc_date=recorded_at(response) or warc_date(), **_replay_ids(response))
            job = _Job(ex, request_key("GET", request.url), None, None, None, guess_file_type(request.url),
                       resource=True)
            if self.threaded:
                self._queue.put(job)
            else:
                self._store(job)
            return
        req_headers = _headers(request.headers, self.redact)
        if not any(k.lower() == "host" for k, _ in req_headers):
            req_headers.insert(0, ("Host", urlsplit(request.url).netloc))
        ex = Exchange(
            url=request.url, method=request.method, request_headers=req_headers, request_body=request.body,
            status=response.status, response_headers=_headers(response.headers), body=response.body,
            warc_date=recorded_at(response) or warc_date(), protocol=getattr(response, "protocol", None) or "HTTP/1.1",
            **_replay_ids(response),
        )
        h = response.headers
        job = _Job(ex, request_key(request.method, request.url, request.body), _first(h, "Content-Encoding"),
                   _first(h, "ETag"), _first(h, "Last-Modified"), _first(h, "Content-Type"))
        if self.threaded:
            self._queue.put(job)
        else:
            self._store(job)

    # -- the writer thread --------------------------------------------------------------------------
    def _open_resources(self, path: Path) -> None:
        self.warc = WarcFile(path, compresslevel=self.compresslevel)
        self.index = CaptureIndex(self.layout.index_db, batch_size=self.batch)
        self.state = CrawlState(self.layout.state_db(self.source))
        self._write_warcinfo(path)

    def _close_resources(self) -> None:
        assert self.warc is not None and self.index is not None and self.state is not None
        self.index.close()
        self.state.close()
        self.warc.close()
        self.writer_cpu_seconds = time.thread_time() if self.threaded else 0.0

    def _run(self, path: Path) -> None:
        try:
            self._open_resources(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the reactor thread by open()
            self._open_error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            while True:
                job = self._queue.get()
                if job is _STOP:
                    break
                try:
                    self._store(job)  # type: ignore[arg-type]
                except Exception as exc:  # noqa: BLE001 - one bad record must not stop the archive
                    logger.exception("archiving %s failed", job.exchange.url)  # type: ignore[union-attr]
                    assert self.recorder is not None
                    self.recorder.fault(job.exchange.url, "archive-error", f"{type(exc).__name__}: {exc}")  # type: ignore[union-attr]
        finally:
            self._close_resources()

    def _write_warcinfo(self, path: Path) -> None:
        assert self.warc is not None and self.recorder is not None
        settings = self.crawler.settings
        self.warc.write_warcinfo({
            "software": f"OpenTID (Scrapy {scrapy.__version__}, Python {platform.python_version()})",
            "format": "WARC File Format 1.1",
            "isPartOf": f"opentid:{self.source}",
            "operator-run": self.recorder.run_id,
            "http-header-user-agent": settings.get("USER_AGENT", ""),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "replay-of": " ".join(settings.getlist("OPENTID_REPLAY")),
        }, filename=path.name)

    def _store(self, job: _Job) -> None:
        assert self.warc is not None and self.index is not None and self.state is not None
        assert self.recorder is not None
        ex, key = job.exchange, job.key
        run_id = self.recorder.run_id
        if ex.status == 304:
            self.warc.write_exchange(ex)
            self.state.mark(key, ex.url, ex.warc_date, 304, run_id)
            self.recorder.unchanged()
            return
        sha = content_sha256(ex.body, job.content_encoding)
        payload_digest = sha1_payload_digest(ex.body)
        prev = self.state.get(key)
        if job.resource:
            self._store_resource(job, sha, payload_digest)
            return
        if (ex.status == 200 and prev is not None and prev.content_sha256 == sha
                and prev.warc_record_id and prev.warc_date):
            self.warc.write_revisit(ex, refers_to_id=prev.warc_record_id, refers_to_date=prev.warc_date,
                                    payload_digest=prev.payload_digest or payload_digest)
            self.state.mark(key, ex.url, ex.warc_date, 200, run_id)
            self.recorder.unchanged()
            return
        written, _ = self.warc.write_exchange(replace(ex, payload_digest=payload_digest))
        self.index.add(Capture(
            url=ex.url, source=self.source, run_id=run_id, fetched_at=ex.warc_date, status=ex.status,
            content_sha256=sha, warc_file=self.warc_rel, warc_offset=written.offset,
            warc_length=written.length, warc_record_id=written.record_id, etag=job.etag,
            last_modified=job.last_modified, content_type=job.content_type,
        ))
        good = 200 <= ex.status < 300
        self.state.mark(
            key, ex.url, ex.warc_date, ex.status, run_id,
            content_sha256=sha if good else None, etag=job.etag, last_modified=job.last_modified,
            warc_record_id=written.record_id, warc_date=ex.warc_date,
            payload_digest=payload_digest if good else None,
        )
        self.recorder.archived()

    def _store_resource(self, job: _Job, sha: str, payload_digest: str) -> None:
        """A ``file://`` capture: a ``resource`` record (or a revisit of the last one if the bytes are
        unchanged), indexed like a 200 response."""
        assert self.warc is not None and self.index is not None and self.state is not None
        assert self.recorder is not None
        ex, key, run_id = job.exchange, job.key, self.recorder.run_id
        prev = self.state.get(key)
        if prev is not None and prev.content_sha256 == sha and prev.warc_record_id and prev.warc_date:
            self.warc.write_resource_revisit(ex.url, date=ex.warc_date, refers_to_id=prev.warc_record_id,
                                             record_id=ex.response_record_id,
                                             refers_to_date=prev.warc_date,
                                             payload_digest=prev.payload_digest or payload_digest)
            self.state.mark(key, ex.url, ex.warc_date, 200, run_id)
            self.recorder.unchanged()
            return
        content_type = job.content_type or "application/octet-stream"
        written = self.warc.write_resource(ex.url, ex.body, content_type=content_type, date=ex.warc_date,
                                           record_id=ex.response_record_id, payload_digest=payload_digest,
                                           extra_warc_headers=ex.extra_warc_headers)
        self.index.add(Capture(
            url=ex.url, source=self.source, run_id=run_id, fetched_at=ex.warc_date, status=200,
            content_sha256=sha, warc_file=self.warc_rel, warc_offset=written.offset,
            warc_length=written.length, warc_record_id=written.record_id, etag=None, last_modified=None,
            content_type=content_type,
        ))
        self.state.mark(key, ex.url, ex.warc_date, 200, run_id, content_sha256=sha,
                        warc_record_id=written.record_id, warc_date=ex.warc_date, payload_digest=payload_digest)
        self.recorder.archived()
