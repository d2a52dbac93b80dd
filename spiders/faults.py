"""Faults: what went wrong with which URL, recorded in the run manifest while the crawl goes on.

Two hooks see every failure once, after Scrapy's retries gave up:
- ``FaultMiddleware`` (downloader middleware, just outside the retry middleware): final HTTP errors
  (status >= 400) and download exceptions (timeout, connection reset/refused, truncated body,
  over the size cap, DNS);
- ``CallbackFaultMiddleware`` (spider middleware): exceptions raised by spider callbacks, e.g. a body
  that is not the JSON it claims to be. Spiders record softer faults themselves (``spider.fault``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_error

from spiders.run import RunRecorder, is_not_in_archive

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterable

    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class QuotaExceeded(IgnoreRequest):
    """A request dropped because the source's daily request quota is used up."""


def classify(exc: BaseException) -> str:
    """A short, stable fault kind for a download or callback exception."""
    if isinstance(exc, (DownloadTimeoutError, twisted_error.TimeoutError)):
        return "timeout"
    if isinstance(exc, ResponseDataLossError):
        return "truncated"
    if isinstance(exc, DownloadCancelledError):
        return "too-large"
    if isinstance(exc, (CannotResolveHostError, twisted_error.DNSLookupError)):
        return "dns"
    if isinstance(exc, (DownloadConnectionRefusedError, twisted_error.ConnectionRefusedError)):
        return "connection-refused"
    if isinstance(exc, (DownloadFailedError, twisted_error.ConnectionLost, twisted_error.ConnectionDone,
                        twisted_error.ConnectError)):
        return "connection"
    if isinstance(exc, QuotaExceeded):
        return "quota"
    if isinstance(exc, IgnoreRequest) and "robots.txt" in str(exc):
        return "forbidden-by-robots"
    if isinstance(exc, json.JSONDecodeError):
        return "malformed-json"
    if isinstance(exc, UnicodeDecodeError):
        return "charset"
    return "error:" + type(exc).__name__


class FaultMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FaultMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        if response.status >= 400 and not is_not_in_archive(response) and not request.url.endswith("/robots.txt"):
            if response.status in set(request.meta.get("expected_statuses", ())):
                return response
            message = f"HTTP {response.status}"
            retry_after = response.headers.get("Retry-After")
            if retry_after is not None:
                message += f" (Retry-After: {retry_after.decode('latin-1')})"
            if request.meta.get("retry_times"):
                message += f" after {request.meta['retry_times']} retries"
            RunRecorder.of(self.crawler).fault(request.url, f"http-{response.status}", message,
                                               status=response.status)
        return response

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> None:
        kind = classify(exception)
        message = f"{type(exception).__name__}: {exception}".strip()
        if request.meta.get("retry_times"):
            message += f" (after {request.meta['retry_times']} retries)"
        RunRecorder.of(self.crawler).fault(request.url, kind, message)
        return None


class CallbackFaultMiddleware:
    """Records a callback's exception as a fault and lets the crawl go on."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CallbackFaultMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """A spider whose ``start()`` raises (bad arguments, missing input) fails the run."""
        try:
            async for item_or_request in start:
                yield item_or_request
        except Exception as exc:
            RunRecorder.of(self.crawler).fault("", "start-failed", f"{type(exc).__name__}: {exc}")
            raise

    def process_spider_exception(self, response: Response, exception: Exception,
                                 spider: Spider | None = None) -> Iterable[Any] | None:
        if isinstance(exception, HttpError):
            return None  # already recorded by FaultMiddleware; HttpErrorMiddleware drops it
        RunRecorder.of(self.crawler).fault(response.url, classify(exception),
                                           f"{type(exception).__name__}: {exception}", status=response.status)
        return []
