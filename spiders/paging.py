"""Base spider for JSON APIs with paging and a daily request quota (e.g. the UCDP API).

``PagedJsonApiSpider.next_page(response, data)`` returns the URL of the next page (None at the end).
A quota (``quota_per_day`` requests, errors and retries included, counted in the crawl state per quota
key) is enforced by ``QuotaMiddleware`` where requests reach the downloader: when it is used up, the
request is dropped with a ``quota`` fault and the run ends as ``partial`` (finish reason ``quota``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import signals
from scrapy.http import Response

from schemas.layout import DataLayout
from spiders.base import OpenTIDSpider
from spiders.faults import QuotaExceeded
from spiders.run import RunRecorder
from spiders.state import QuotaCounter

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class PagedJsonApiSpider(OpenTIDSpider):
    #: quota key (None: no quota) and requests allowed per UTC day
    quota_key: str | None = None
    quota_per_day: int = 0

    def page_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_page, **kwargs)

    def parse_page(self, response: Response) -> Iterator[scrapy.Request]:
        data = self.load_json(response)
        if data is None:
            return
        url = self.next_page(response, data)
        if url:
            yield self.page_request(response.urljoin(url), headers=self.request_headers())

    def next_page(self, response: Response, data: Any) -> str | None:
        raise NotImplementedError

    def request_headers(self) -> dict[str, str]:
        return {}


class QuotaMiddleware:
    """Counts requests against the spider's daily quota (live crawls only: replay costs no quota)."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.replay = bool(crawler.settings.getlist("OPENTID_REPLAY"))
        self.layout = DataLayout(Path(crawler.settings.get("OPENTID_DATA") or "data"))
        self.counter: QuotaCounter | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_closed(self, spider: Spider) -> None:
        if self.counter is not None:
            self.counter.close()
            self.counter = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuotaMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        key = getattr(spider, "quota_key", None)
        limit = int(getattr(spider, "quota_per_day", 0) or 0)
        if self.replay or not key or limit <= 0 or request.url.endswith("/robots.txt"):
            return None
        if self.counter is None:
            self.counter = QuotaCounter(self.layout.state_db(spider.name))
        day = datetime.now(UTC).date().isoformat()
        used = self.counter.used(key, day)
        if used >= limit:
            if not spider.stopped_on_quota:
                spider.stopped_on_quota = True
                RunRecorder.of(self.crawler).note(f"daily quota of {limit} requests for {key} used up on {day}")
            raise QuotaExceeded(f"daily request quota ({limit}) used up")
        self.counter.add(key, day)
        return None
