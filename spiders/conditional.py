"""Conditional requests from the seen index: a request marked ``meta["conditional"] = True`` gets
``If-None-Match`` / ``If-Modified-Since`` from the validators of its last archived body, so an unchanged
page costs a 304 and no storage. Index-like pages whose links must be followed every run (a table of
contents, an API page listing) are not marked: a 304 there would hide the links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spiders.archiving import ArchiveExtension
from spiders.state import request_key

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class ConditionalRequestMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("conditional"):
            return None
        archive = ArchiveExtension.of(self.crawler)
        if archive.state is None:
            return None
        seen = archive.state.get(request_key(request.method, request.url, request.body))
        if seen is None or seen.content_sha256 is None:
            return None
        if seen.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = seen.etag
        if seen.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = seen.last_modified
        return None
