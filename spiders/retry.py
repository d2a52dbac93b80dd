"""Retries with backoff that honour ``Retry-After``.

Scrapy's RetryMiddleware re-schedules a failed request at once. Ours computes a delay for the retry:
the server's ``Retry-After`` (seconds or an HTTP date) when it sent one, else exponential backoff
(``OPENTID_BACKOFF_BASE`` * 2^(n-1), capped at ``OPENTID_BACKOFF_MAX``). The retry waits in
``process_request`` until its time has come; after a 429 or 503 the whole download slot (host) waits,
so a serial crawler (CONCURRENT_REQUESTS_PER_DOMAIN=1) really pauses instead of hammering on with the
next URL. A ``Retry-After`` above ``OPENTID_RETRY_AFTER_MAX`` is not waited for: the request gives up
and the fault is recorded.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

NOT_BEFORE = "opentid_not_before"
SLOT_PAUSING_STATUSES = {429, 503}


def parse_retry_after(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header value, or None if absent/unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _slot(request: Request) -> str:
    return request.meta.get("download_slot") or urlparse_cached(request).hostname or ""


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings) -> None:  # noqa: ANN001
        super().__init__(settings)
        self.backoff_base = settings.getfloat("OPENTID_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("OPENTID_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("OPENTID_RETRY_AFTER_MAX", 600.0)
        self.paused_until: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        o = cls(crawler.settings)
        o.crawler = crawler
        return o

    def backoff(self, retry_times: int) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** max(0, retry_times - 1))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        until = max(float(request.meta.get(NOT_BEFORE, 0.0)), self.paused_until.get(_slot(request), 0.0))
        wait = min(until - time.time(), self.retry_after_max)
        if wait > 0:
            await asyncio.sleep(wait)
        return None

    def _schedule(self, new: Request, delay: float, pause_slot: bool) -> Request:
        not_before = time.time() + delay
        new.meta[NOT_BEFORE] = not_before
        if pause_slot:
            slot = _slot(new)
            self.paused_until[slot] = max(self.paused_until.get(slot, 0.0), not_before)
        return new

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            return response  # not waited for: FaultMiddleware records it with the Retry-After value
        new = self._retry(request, response_status_message(response.status))
        if new is None:
            return response
        delay = retry_after if retry_after is not None else self.backoff(new.meta["retry_times"])
        return self._schedule(new, delay, response.status in SLOT_PAUSING_STATUSES)

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        new = self._retry(request, exception)
        if new is None:
            return None
        return self._schedule(new, self.backoff(new.meta["retry_times"]), False)


def retry_later(request: Request, spider: Spider, reason: str, retry_after: float | None = None) -> Request | None:
    """For callbacks that see an error inside a 200 (e.g. MediaWiki ``maxlag``): a retry of ``request``
    that waits ``retry_after`` seconds (or the backoff), or None when retries are used up."""
    new = get_retry_request(request, spider=spider, reason=reason)
    if new is None:
        return None
    settings = spider.crawler.settings
    base = settings.getfloat("OPENTID_BACKOFF_BASE", 1.0)
    delay = retry_after if retry_after is not None else base * 2 ** (new.meta["retry_times"] - 1)
    new.meta[NOT_BEFORE] = time.time() + min(delay, settings.getfloat("OPENTID_RETRY_AFTER_MAX", 600.0))
    return new
