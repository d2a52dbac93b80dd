"""Build a small data folder (WARC + capture index) from the recorded real responses, for the tests.

Follows the archive contract of docs/ARCHITECTURE.md: ``archive/<source>/<run_id>.warc.gz`` (one gzip
member per record: request + response) and ``archive/index.sqlite`` table ``captures``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transforms"
WIKI_1970_URL = (
    "https://en.wikipedia.org/w/api.php?action=parse&page=List_of_terrorist_incidents_in_1970"
    "&prop=text%7Crevid&format=json"
)
WIKI_1970_FILE = FIXTURES / "enwiki_action-parse_List_of_terrorist_incidents_in_1970_rev739338921.json"
UCDP_URL = "https://ucdp.uu.se/downloads/ged/ged231-sample.csv"
UCDP_FILE = FIXTURES / "ucdp_ged_23_1_sample_onesided.csv"

_INDEX_SQL = """
CREATE TABLE IF NOT EXISTS captures (
    url TEXT NOT NULL, source TEXT NOT NULL, run_id TEXT NOT NULL, fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL, content_sha256 TEXT, warc_file TEXT NOT NULL, warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL, warc_record_id TEXT NOT NULL, etag TEXT, last_modified TEXT,
    content_type TEXT
);
"""


@dataclass(frozen=True)
class Exchange:
    source: str
    url: str
    body: bytes
    content_type: str
    fetched_at: str
    status: int = 200
    run_id: str = "run1"
    #: "response" (HTTP header block + body) or "resource" (the body alone, as local files may be archived)
    record_type: str = "response"
    #: False: the capture index leaves content_type empty (the reader must take it from the record)
    index_content_type: bool = True


def _record_bytes(writer_record) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    WARCWriter(buf, gzip=False, warc_version="1.1").write_record(writer_record)
    return gzip.compress(buf.getvalue(), mtime=0)


def write_archive(data_dir: Path, exchanges: list[Exchange]) -> None:
    """Append the exchanges to per-run WARC files and index their response records."""
    builder = WARCWriter(io.BytesIO(), gzip=False, warc_version="1.1")
    con = sqlite3.connect(data_dir / "archive" / "index.sqlite") if (data_dir / "archive").exists() else None
    if con is None:
        (data_dir / "archive").mkdir(parents=True)
        con = sqlite3.connect(data_dir / "archive" / "index.sqlite")
    con.executescript(_INDEX_SQL)
    for n, ex in enumerate(exchanges):
        rel = f"archive/{ex.source}/{ex.run_id}.warc.gz"
        path = data_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        rid = f"<urn:uuid:00000000-0000-0000-0000-{hashlib.sha256(ex.url.encode() + ex.fetched_at.encode()).hexdigest()[:12]}>"
        http = StatusAndHeaders(f"{ex.status} OK", [("Content-Type", ex.content_type)], protocol="HTTP/1.1")
        if ex.record_type == "resource":
            response = builder.create_warc_record(
                ex.url,
                "resource",
                payload=io.BytesIO(ex.body),
                length=len(ex.body),
                warc_content_type=ex.content_type,
                warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": ex.fetched_at},
            )
        else:
            response = builder.create_warc_record(
                ex.url,
                "response",
                payload=io.BytesIO(ex.body),
                length=len(ex.body),
                http_headers=http,
                warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": ex.fetched_at},
            )
        req_http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
        request = builder.create_warc_record(
            ex.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=req_http,
            warc_headers_dict={
                "WARC-Record-ID": f"<urn:uuid:req-{n}>",
                "WARC-Date": ex.fetched_at,
                "WARC-Concurrent-To": rid,
            },
        )
        data = _record_bytes(response)
        with open(path, "ab") as fh:
            offset = fh.tell()
            fh.write(data)
            fh.write(_record_bytes(request))
        con.execute(
            "INSERT INTO captures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ex.url,
                ex.source,
                ex.run_id,
                ex.fetched_at,
                ex.status,
                hashlib.sha256(ex.body).hexdigest(),
                rel,
                offset,
                len(data),
                rid,
                None,
                None,
                ex.content_type if ex.index_content_type else None,
            ),
        )
    con.commit()
    con.close()


def recorded_exchanges() -> list[Exchange]:
    """The 1970 Wikipedia list page (API JSON) and the UCDP GED sample (CSV), as fetched responses."""
    return [
        Exchange(
            "wikipedia",
            WIKI_1970_URL,
            WIKI_1970_FILE.read_bytes(),
            "application/json; charset=utf-8",
            "2026-11-20T10:00:00Z",
        ),
        Exchange("ucdp-ged", UCDP_URL, UCDP_FILE.read_bytes(), "text/csv", "2026-11-20T10:05:00Z"),
    ]
