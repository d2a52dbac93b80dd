"""Writing WARC files: one gzip member per record, so any record can be read alone from its offset.

``request``/``response`` records (one pair per exchange, the hot path) and ``resource`` records (local
files: content without a protocol exchange) are formatted here: warcio's
HTTP header blocks (``StatusAndHeaders``), our WARC header block, sha1 block and payload digests in one
pass of C code. ``warcinfo`` and ``revisit`` records are built by warcio's record builder. Everything is
read back with warcio (replay, the documents transform, the tests, which also check both digests).
Each record is gzipped alone at a fast level (``compresslevel``, default 1) with ``mtime=0``: warcio's
own gzip wrapper always uses level 9, several times the CPU; level 1 still shrinks HTML/JSON 4-5x.
With the optional ``isal`` package, levels 1-3 use ISA-L (about 4x faster than zlib, same format).
With fixed dates and record ids (the snapshot builder passes them) the output is byte-for-byte
reproducible.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

try:  # ISA-L's gzip: the same format, about 4x less CPU than zlib at levels 0-3 (optional dependency)
    from isal import igzip as _isal_gzip
except ImportError:  # pragma: no cover - depends on the environment
    _isal_gzip = None


def gzip_member(data: bytes, level: int) -> bytes:
    """One gzip member with no timestamp. Levels 1-3 use ISA-L when the ``isal`` package is installed
    (crawl archives: speed); higher levels always use zlib (the snapshot: the same bytes everywhere)."""
    if _isal_gzip is not None and level <= 3:
        return _isal_gzip.compress(data, compresslevel=level, mtime=0)
    return gzip.compress(data, compresslevel=level, mtime=0)


#: HTTP headers renamed when archived because the archived body no longer has that framing
#: (Scrapy hands us the de-chunked body). Readers must not try to de-chunk it again.
RENAMED_HEADERS = {"transfer-encoding": "X-Archive-Orig-Transfer-Encoding"}

Headers = list[tuple[str, str]]


def warc_date(moment: datetime | None = None) -> str:
    """WARC-Date in WARC/1.1 style (UTC, microseconds)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def decoded_body(body: bytes, content_encoding: str | None) -> bytes:
    """The body with its Content-Encoding removed (what warcio's ``content_stream()`` yields).

    Unknown or broken encodings give the body unchanged: the hash is then over the bytes as sent.
    """
    enc = (content_encoding or "").strip().lower()
    if not enc or enc == "identity":
        return body
    try:
        if enc in ("gzip", "x-gzip", "deflate"):
            # wbits=47 auto-detects gzip and zlib headers; raw deflate needs -15.
            try:
                return zlib.decompress(body, 47)
            except zlib.error:
                return zlib.decompress(body, -15)
        if enc == "br":
            import brotli  # type: ignore[import-not-found]

            return brotli.decompress(body)
    except Exception:  # noqa: BLE001 - a broken encoding is archived as-is, hashed as sent
        return body
    return body


def content_sha256(body: bytes, content_encoding: str | None = None) -> str:
    return hashlib.sha256(decoded_body(body, content_encoding)).hexdigest()


@dataclass(frozen=True)
class WrittenRecord:
    """Where one record landed: offset and length of its gzip member in the file."""

    record_id: str
    offset: int
    length: int


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, as archived."""

    url: str
    method: str
    request_headers: Headers
    request_body: bytes
    status: int
    response_headers: Headers
    body: bytes
    warc_date: str
    protocol: str = "HTTP/1.1"
    reason: str = ""
    response_record_id: str = ""
    request_record_id: str = ""
    #: extra WARC headers for the response record (e.g. provenance notes in the snapshot)
    extra_warc_headers: tuple[tuple[str, str], ...] = ()
    #: WARC-Payload-Digest if the caller already computed it (``sha1_payload_digest(body)``)
    payload_digest: str = ""


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def _clean_headers(headers: Headers) -> Headers:
    return [(RENAMED_HEADERS.get(k.lower(), k), v) for k, v in headers]


class WarcFile:
    """Append-only WARC writer with per-record gzip members.

    ``tell()`` after each record gives the offset of the next one, so the capture index can point at
    single records. The file is opened in append mode: a crashed run's file is never truncated.
    """

    def __init__(self, path: Path | str | BinaryIO, *, compresslevel: int = 1, gzip_records: bool = True):
        if isinstance(path, (str, Path)):
            self.path: Path | None = Path(path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh: BinaryIO = open(self.path, "ab")  # noqa: SIM115 - closed in close()
        else:
            self.path = None
            self._fh = path
        self.compresslevel = compresslevel
        self.gzip_records = gzip_records
        self._builder = WARCWriter(io.BytesIO(), gzip=False, warc_version="1.1")
        self.records_written = 0

    # -- low level -------------------------------------------------------------------------
    def _serialise(self, record) -> bytes:  # noqa: ANN001 - a warcio ArcWarcRecord
        buf = io.BytesIO()
        WARCWriter(buf, gzip=False, warc_version="1.1").write_record(record)
        data = buf.getvalue()
        if self.gzip_records:
            data = gzip_member(data, self.compresslevel)
        return data

    def _append(self, data: bytes, record_id: str) -> WrittenRecord:
        offset = self._fh.tell()
        self._fh.write(data)
        self.records_written += 1
        return WrittenRecord(record_id=record_id, offset=offset, length=len(data))

    def tell(self) -> int:
        return self._fh.tell()

    def flush(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            if self.path is not None:
                self._fh.close()

    # -- records ---------------------------------------------------------------------------
    def write_warcinfo(self, info: dict[str, str], *, date: str | None = None, record_id: str | None = None,
                       filename: str | None = None) -> WrittenRecord:
        payload = "".join(f"{k}: {v}\r\n" for k, v in info.items() if v).encode("utf-8")
        rid = record_id or new_record_id()
        headers = {"WARC-Record-ID": rid, "WARC-Date": date or warc_date()}
        if filename:
            headers["WARC-Filename"] = filename
        record = self._builder.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type="application/warc-fields", warc_headers_dict=headers,
        )
        return self._append(self._serialise(record), rid)

    def _http_record(self, rec_type: str, url: str, warc_headers: list[tuple[str, str]],
                     http_headers: StatusAndHeaders, body: bytes, payload_digest: str) -> bytes:
        """A ``request``/``response`` record as bytes. The WARC header block is formatted here (warcio's
        record builder re-reads the body in Python to compute digests, which was most of the archive's
        CPU per page); the HTTP header block is warcio's. Readers (and the tests) parse these records with
        warcio and check both digests."""
        http_headers.compute_headers_buffer()
        head = http_headers.headers_buff
        block = hashlib.sha1(head)
        block.update(body)
        lines = [
            "WARC/1.1", f"WARC-Type: {rec_type}", *(f"{k}: {v}" for k, v in warc_headers),
            f"WARC-Target-URI: {url}", f"WARC-Payload-Digest: {payload_digest}",
            "WARC-Block-Digest: sha1:" + base64.b32encode(block.digest()).decode("ascii"),
            f"Content-Type: application/http; msgtype={rec_type}", f"Content-Length: {len(head) + len(body)}",
        ]
        data = b"".join(["\r\n".join(lines).encode("utf-8"), b"\r\n\r\n", head, body, b"\r\n\r\n"])
        if self.gzip_records:
            data = gzip_member(data, self.compresslevel)
        return data

    def _response_bytes(self, ex: Exchange, record_id: str) -> bytes:
        reason = ex.reason or _reason(ex.status)
        http_headers = StatusAndHeaders(f"{ex.status} {reason}".strip(), _clean_headers(ex.response_headers),
                                        protocol=ex.protocol)
        warc_headers = [("WARC-Record-ID", record_id), ("WARC-Date", ex.warc_date), *ex.extra_warc_headers]
        return self._http_record("response", ex.url, warc_headers, http_headers, ex.body,
                                 ex.payload_digest or sha1_payload_digest(ex.body))

    def _request_bytes(self, ex: Exchange, record_id: str, concurrent_to: str) -> bytes:
        http_headers = StatusAndHeaders(f"{ex.method} {_request_target(ex.url)} {ex.protocol}",
                                        list(ex.request_headers), is_http_request=True)
        warc_headers = [("WARC-Record-ID", record_id), ("WARC-Date", ex.warc_date),
                        ("WARC-Concurrent-To", concurrent_to)]
        return self._http_record("request", ex.url, warc_headers, http_headers, ex.request_body,
                                 sha1_payload_digest(ex.request_body))

    def write_exchange(self, ex: Exchange) -> tuple[WrittenRecord, WrittenRecord]:
        """Write the response record, then its request record. Returns (response, request)."""
        rid = ex.response_record_id or new_record_id()
        qid = ex.request_record_id or new_record_id()
        response = self._append(self._response_bytes(ex, rid), rid)
        request = self._append(self._request_bytes(ex, qid, rid), qid)
        return response, request

    def write_resource(self, url: str, body: bytes, *, content_type: str, date: str, record_id: str = "",
                       payload_digest: str = "",
                       extra_warc_headers: tuple[tuple[str, str], ...] = ()) -> WrittenRecord:
        """A ``resource`` record: content captured without a protocol exchange (a local ``file://`` file).
        The block is the payload, so both digests are the sha1 of the bytes."""
        rid = record_id or new_record_id()
        digest = payload_digest or sha1_payload_digest(body)
        lines = [
            "WARC/1.1", "WARC-Type: resource", f"WARC-Record-ID: {rid}", f"WARC-Date: {date}",
            *(f"{k}: {v}" for k, v in extra_warc_headers), f"WARC-Target-URI: {url}", f"WARC-Payload-Digest: {digest}", f"WARC-Block-Digest: {digest}",
            f"Content-Type: {content_type}", f"Content-Length: {len(body)}",
        ]
        data = b"".join(["\r\n".join(lines).encode("utf-8"), b"\r\n\r\n", body, b"\r\n\r\n"])
        if self.gzip_records:
            data = gzip_member(data, self.compresslevel)
        return self._append(data, rid)

    def write_resource_revisit(self, url: str, *, date: str, refers_to_id: str, refers_to_date: str,
                               payload_digest: str, record_id: str = "") -> WrittenRecord:
        """An identical-payload ``revisit`` of a ``resource`` record (no HTTP header block, no body). A
        replay's derived id equal to the record referred to is replaced by a fresh one (as in
        ``write_revisit``)."""
        rid = record_id if record_id and record_id != refers_to_id else new_record_id()
        record = self._builder.create_revisit_record(
            url, payload_digest, url, refers_to_date,
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": date, "WARC-Refers-To": refers_to_id},
        )
        return self._append(self._serialise(record), rid)

    def write_revisit(self, ex: Exchange, *, refers_to_id: str, refers_to_date: str,
                      payload_digest: str) -> tuple[WrittenRecord, WrittenRecord]:
        """An identical-payload revisit (the body is not stored again) and its request record.

        A replay derives its record ids from the replayed record, so replaying the same archive into the
        same data folder again would give the revisit the id of the record it refers to: fresh ids then.
        """
        again = ex.response_record_id == refers_to_id
        rid = ex.response_record_id if ex.response_record_id and not again else new_record_id()
        qid = ex.request_record_id if ex.request_record_id and not again else new_record_id()
        http_headers = StatusAndHeaders(f"{ex.status} {ex.reason or _reason(ex.status)}".strip(),
                                        _clean_headers(ex.response_headers), protocol=ex.protocol)
        record = self._builder.create_revisit_record(
            ex.url, payload_digest, ex.url, refers_to_date, http_headers=http_headers,
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": ex.warc_date,
                               "WARC-Refers-To": refers_to_id},
        )
        response = self._append(self._serialise(record), rid)
        request = self._append(self._request_bytes(ex, qid, rid), qid)
        return response, request


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


_EMPTY_SHA1 = "sha1:" + base64.b32encode(hashlib.sha1(b"").digest()).decode("ascii")


def sha1_payload_digest(body: bytes) -> str:
    """A WARC-Payload-Digest as warcio writes it (sha1, base32)."""
    if not body:
        return _EMPTY_SHA1  # every GET request record
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")
