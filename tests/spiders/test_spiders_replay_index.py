"""The replay index and handler on WARC files written by our own writer (POST bodies, retries, 304s)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from scrapy import Request
from scrapy.utils.test import get_crawler
from spider_helpers import PARSE_1970

from spiders.replay import ReplayIndex, WarcReplayHandler
from spiders.run import NOT_IN_ARCHIVE, NOT_IN_ARCHIVE_HEADER
from spiders.warc import Exchange, WarcFile, warc_date

SPARQL = "https://query.wikidata.org/sparql"


def exchange(url: str, body: bytes, status: int = 200, method: str = "GET", request_body: bytes = b"",
             **headers: str) -> Exchange:
    return Exchange(url=url, method=method, request_headers=[("Host", "x")], request_body=request_body,
                    status=status, response_headers=[("Content-Type", "application/json"), *headers.items()],
                    body=body, warc_date=warc_date())


def write(path: Path, *exchanges: Exchange) -> Path:
    warc = WarcFile(path)
    for ex in exchanges:
        warc.write_exchange(ex)
    warc.close()
    return path


def test_post_requests_match_on_their_body(tmp_path: Path) -> None:
    q1, q2 = b"query=SELECT+1", b"query=SELECT+2"
    path = write(tmp_path / "a.warc.gz",
                 exchange(SPARQL, b'{"n": 1}', method="POST", request_body=q1),
                 exchange(SPARQL, b'{"n": 2}', method="POST", request_body=q2))
    index = ReplayIndex([path])
    assert index.get("POST", SPARQL, q1) != index.get("POST", SPARQL, q2)
    assert index.get("POST", SPARQL, b"query=SELECT+3") is None
    assert index.get("GET", SPARQL) is None


def test_a_retried_server_error_replays_as_the_later_success(tmp_path: Path) -> None:
    url = "https://en.wikipedia.org/w/api.php?action=parse&page=X"
    path = write(tmp_path / "b.warc.gz", exchange(url, b"oops", 500), exchange(url, b"{}", 200),
                 exchange(url, b"late error", 503))
    assert ReplayIndex([path]).get("GET", url).status == 200


def _handler(tmp_path: Path, *archives: Path) -> WarcReplayHandler:
    crawler = get_crawler(settings_dict={"OPENTID_REPLAY": [str(a) for a in archives]})
    return WarcReplayHandler(crawler)


def test_handler_serves_bodies_304s_and_not_in_archive(tmp_path: Path) -> None:
    url = "https://en.wikipedia.org/w/api.php?action=parse&page=List+of+terrorist+incidents+in+1970"
    body = PARSE_1970.read_bytes()
    path = write(tmp_path / "c.warc.gz", exchange(url, body, ETag='"r1"'))
    handler = _handler(tmp_path, path)

    async def fetch(req: Request):  # noqa: ANN202
        return await handler.download_request(req)

    ok = asyncio.run(fetch(Request(url)))
    assert ok.status == 200 and ok.body == body and json.loads(ok.text)["parse"]["pageid"] == 15293262
    again = asyncio.run(fetch(Request(url, headers={"If-None-Match": '"r1"'})))
    assert again.status == 304 and again.body == b""
    miss = asyncio.run(fetch(Request(url + "&x=1")))
    assert miss.status == 404 and miss.headers[NOT_IN_ARCHIVE_HEADER].decode() == NOT_IN_ARCHIVE
    asyncio.run(handler.close())
