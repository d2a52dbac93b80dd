"""Test helpers: spiders outside a crawl, responses from fixtures, WARC/index consistency checks."""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from spiders.index import read_captures
from spiders.settings import crawl_settings

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "spiders"
SNAPSHOT = ROOT / "datasets" / "snapshot" / "opentid-snapshot.warc.gz"
PARSE_1970 = FIXTURES / "wikipedia" / "parse_List_of_terrorist_incidents_in_1970.json"
LINKS = FIXTURES / "wikipedia" / "links_Template_Lists_of_Terrorist_Incidents.json"
UCDP_ENVELOPE = FIXTURES / "ucdp" / "gedevents_23.1_constructed_envelope.json"


def make_spider(spidercls: type, tmp: Path, source: dict[str, Any] | None = None, **kwargs: Any):  # noqa: ANN201
    """A spider bound to a crawler with OpenTID settings, not running (no network, no reactor)."""
    settings = crawl_settings(data_dir=tmp, extra={"OPENTID_SOURCE": source or {}})
    crawler = get_crawler(spidercls, settings)
    return spidercls.from_crawler(crawler, **kwargs)


def start_requests(spider) -> list[Request]:  # noqa: ANN001
    async def collect() -> list[Request]:
        return [r async for r in spider.start()]

    return asyncio.run(collect())


def response_for(request: Request, body: bytes, status: int = 200,
                 content_type: str = "application/json; charset=utf-8", **headers: str) -> TextResponse:
    return TextResponse(request.url, status=status, body=body, request=request,
                        headers={"Content-Type": content_type, **headers})


def check_index_against_warc(data: Path) -> list[dict]:
    """Every capture row points at a response record with its id, URL and content hash. Returns the rows."""
    rows = read_captures(data / "archive" / "index.sqlite")
    for row in rows:
        path = data / row.warc_file
        with open(path, "rb") as fh:
            fh.seek(row.warc_offset)
            raw = fh.read(row.warc_length)
        record = next(iter(ArchiveIterator(__import__("io").BytesIO(raw))))
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Record-ID") == row.warc_record_id
        assert record.rec_headers.get_header("WARC-Target-URI") == row.url
        body = record.content_stream().read()
        assert hashlib.sha256(body).hexdigest() == row.content_sha256, row.url
        assert record.http_headers.get_statuscode() == str(row.status)
    return [r.__dict__ for r in rows]


def warc_records(path: Path) -> list[tuple[str, str | None]]:
    """(type, URI) of every record; fails on a record whose block or payload digest is wrong."""
    out = []
    with open(path, "rb") as fh:
        for r in ArchiveIterator(fh, check_digests=True):
            r.content_stream().read()
            assert not r.digest_checker.problems, (path, r.digest_checker.problems)
            out.append((r.rec_type, r.rec_headers.get_header("WARC-Target-URI")))
    return out


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
