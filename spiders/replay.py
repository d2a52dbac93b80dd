"""Replay: a Scrapy download handler that answers requests from WARC archives instead of the network.

Configured for ``http``, ``https`` and ``file`` by ``spiders.settings.crawl_settings(replay=[...])`` (setting
``OPENTID_REPLAY``: WARC files or folders of them), so the very same spiders, middlewares, retries and
archiving run offline through Scrapy's real downloader. At open, an in-memory index maps
(method, canonical URL, sha256 of the request body for non-GET) to the response record's file and
offset; a response is read from disk only when requested.

- Several captures of one request: the last one wins, except that a capture with status < 500 beats a
  later server error (a retried 500 followed by a 200 replays as the 200).
- ``revisit`` records resolve to the record they refer to.
- ``resource`` records (local files) answer ``file://`` requests: status 200, the record's Content-Type,
  its bytes (``file`` is a replay scheme too, so a local crawl replays from its archive).
- Conditional requests are answered like a server would: 304 when ``If-None-Match`` matches the
  archived ETag or ``If-Modified-Since`` equals the archived Last-Modified.
- A request the archives do not hold gets a 404 with ``X-OpenTID-Replay: not-in-archive``; the run
  recorder lists those URLs apart from real faults and the archive extension does not store them.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeadersParser

from spiders.run import NOT_IN_ARCHIVE, NOT_IN_ARCHIVE_HEADER, RECORDED_AT_FLAG, RECORDED_ID_FLAG

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

ReplayKey = tuple[str, str, str]

#: warcio parses a record's HTTP header block only for http(s) URIs; a ``response`` record of a
#: ``file://`` URI (local files before they were archived as ``resource`` records) is parsed here.
_HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)


def _is_http_block(record) -> bool:  # noqa: ANN001 - a warcio ArcWarcRecord
    return (record.content_type or "").startswith("application/http")


def replay_key(method: str, url: str, body: bytes = b"") -> ReplayKey:
    method = method.upper()
    digest = "" if method in ("GET", "HEAD") or not body else hashlib.sha256(body).hexdigest()
    return method, canonicalize_url(url, keep_fragments=False), digest


@dataclass(frozen=True)
class Location:
    path: Path
    offset: int
    status: int


def warc_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.name.endswith((".warc", ".warc.gz"))))
        elif p.exists():
            out.append(p)
        else:
            raise FileNotFoundError(f"replay archive {p} does not exist")
    return out


class ReplayIndex:
    def __init__(self, paths: list[Path]):
        self.files = warc_files(paths)
        self.entries: dict[ReplayKey, Location] = {}
        for path in self.files:
            self._index(path)

    def _index(self, path: Path) -> None:
        responses: dict[str, tuple[str, Location]] = {}  # record id -> (url, location)
        revisits: list[tuple[str, str]] = []  # (url, refers-to id)
        requests: dict[str, ReplayKey] = {}  # response id -> key
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                rtype = record.rec_type
                rid = record.rec_headers.get_header("WARC-Record-ID")
                url = record.rec_headers.get_header("WARC-Target-URI")
                if rtype == "response" and record.http_headers is None and _is_http_block(record):
                    record.http_headers = _HTTP_PARSER.parse(record.raw_stream)  # a file:// URI (older archives)
                if rtype == "response" and record.http_headers is not None:
                    status = int(record.http_headers.get_statuscode() or 0)
                    responses[rid] = (url, Location(path, it.get_record_offset(), status))
                elif rtype == "resource":
                    responses[rid] = (url, Location(path, it.get_record_offset(), 200))
                elif rtype == "revisit":
                    ref = record.rec_headers.get_header("WARC-Refers-To")
                    if ref:
                        revisits.append((url, ref))
                elif rtype == "request" and record.http_headers is not None:
                    to = record.rec_headers.get_header("WARC-Concurrent-To")
                    method = (record.http_headers.protocol or "GET").upper()
                    body = record.content_stream().read() if method not in ("GET", "HEAD") else b""
                    if to:
                        requests[to] = replay_key(method, url, body)
        for rid, (url, loc) in responses.items():
            self._put(requests.get(rid) or replay_key("GET", url), loc)
        for url, ref in revisits:
            if ref in responses:
                self._put(replay_key("GET", url), responses[ref][1])

    def _put(self, key: ReplayKey, loc: Location) -> None:
        old = self.entries.get(key)
        if old is None or loc.status < 500 or old.status >= 500:
            self.entries[key] = loc

    def get(self, method: str, url: str, body: bytes = b"") -> Location | None:
        return self.entries.get(replay_key(method, url, body))

    def __len__(self) -> int:
        return len(self.entries)


_INDEX_CACHE: dict[tuple[tuple[str, int, int], ...], ReplayIndex] = {}


def replay_index(paths: list[Path]) -> ReplayIndex:
    """A ReplayIndex shared by the http and https handlers (and crawlers) of one process."""
    files = warc_files(paths)
    key = tuple((str(f.resolve()), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    if key not in _INDEX_CACHE:
        _INDEX_CACHE[key] = ReplayIndex(files)
    return _INDEX_CACHE[key]


class WarcReplayHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        paths = [Path(p) for p in crawler.settings.getlist("OPENTID_REPLAY")]
        self.index = replay_index(paths)
        self._handles: dict[Path, BinaryIO] = {}
        logger.debug("replaying %d requests from %d WARC file(s)", len(self.index), len(self.index.files))

    def _handle(self, path: Path) -> BinaryIO:
        fh = self._handles.get(path)
        if fh is None:
            fh = self._handles[path] = open(path, "rb")  # noqa: SIM115 - closed in close()
        return fh

    async def download_request(self, request: Request) -> Response:
        loc = self.index.get(request.method, request.url, request.body)
        if loc is None:
            return Response(request.url, status=404, request=request, body=b"not in archive\n",
                            headers={NOT_IN_ARCHIVE_HEADER: NOT_IN_ARCHIVE, "Content-Type": "text/plain"})
        fh = self._handle(loc.path)
        fh.seek(loc.offset)
        record = next(iter(ArchiveIterator(fh)))
        flags = [
            f"{RECORDED_AT_FLAG}{record.rec_headers.get_header('WARC-Date')}",
            f"{RECORDED_ID_FLAG}{record.rec_headers.get_header('WARC-Record-ID')}",
        ]
        if record.rec_type == "resource":  # a local file: its bytes, no HTTP exchange
            body = record.raw_stream.read()
            headers = Headers({"Content-Type": record.content_type or "application/octet-stream"})
            cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
            return cls(url=request.url, status=200, headers=headers, body=body, request=request, flags=flags)
        if record.http_headers is None and _is_http_block(record):
            record.http_headers = _HTTP_PARSER.parse(record.raw_stream)
        http = record.http_headers
        headers = Headers([(k, v) for k, v in http.headers])
        body = record.raw_stream.read()
        status = int(http.get_statuscode())
        if status == 200 and self._not_modified(request, headers):
            return Response(request.url, status=304, headers=headers, request=request, protocol=http.protocol,
                            flags=flags)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return cls(url=request.url, status=status, headers=headers, body=body, request=request,
                   protocol=http.protocol or "HTTP/1.1", flags=flags)

    @staticmethod
    def _not_modified(request: Request, headers: Headers) -> bool:
        inm = request.headers.get("If-None-Match")
        etag = headers.get("ETag")
        if inm and etag and inm == etag:
            return True
        ims = request.headers.get("If-Modified-Since")
        lm = headers.get("Last-Modified")
        return bool(ims and lm and ims == lm)

    async def close(self) -> None:
        for fh in self._handles.values():
            fh.close()
        self._handles.clear()
