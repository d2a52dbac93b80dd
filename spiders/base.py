"""The base spider every OpenTID source spider derives from.

A source spider fetches, follows and lets the archive store; it never turns content into documents.
What it may parse is only what it needs to find the next request (links, a paging cursor), and that
through ``load_json`` / ``text_of``, which record charset and syntax problems as faults.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterable
from datetime import date
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response, TextResponse

from spiders.run import RunRecorder

_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.I)


def declared_charset(response: Response) -> str | None:
    """The charset of the Content-Type header, lower-cased, or None."""
    ctype = response.headers.get("Content-Type") or b""
    m = _CHARSET.search(ctype)
    return m.group(1).decode("ascii").lower() if m else None


def _is_utf8(name: str | None) -> bool:
    return (name or "").replace("_", "-") in ("utf-8", "utf8")


def parse_list_arg(value: str | Iterable[str] | None) -> list[str]:
    """A spider argument given as ``a,b,c`` (command line) or a list (source YAML)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value]


class OpenTIDSpider(scrapy.Spider):
    """Base of all source spiders.

    Class attributes a subclass sets:
    - ``robots_txt`` (bool) and ``robots_reason`` (str): whether to obey robots.txt, and why. Required:
      the decision is made per spider, in code, with its reason.
    Instance attributes available to subclasses: ``source`` (the source YAML as a dict, from the
    ``OPENTID_SOURCE`` setting), ``since`` (a ``date`` or None), ``start_urls`` (from the YAML unless
    given). Spider arguments arrive as strings (``-a key=value``) or YAML values.
    """

    robots_txt: ClassVar[bool]
    robots_reason: ClassVar[str]

    def __init__(self, *args: Any, since: str | date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if isinstance(since, str):
            since = date.fromisoformat(since) if since else None
        self.since: date | None = since
        self.stopped_on_quota = False
        #: faults this spider recorded itself (also in the run manifest when a RunRecorder runs)
        self.recorded_faults: list[tuple[str, str, str]] = []

    @classmethod
    def update_settings(cls, settings) -> None:  # noqa: ANN001
        if not hasattr(cls, "robots_txt") or not getattr(cls, "robots_reason", ""):
            raise TypeError(f"{cls.__name__} must set robots_txt and robots_reason (the robots.txt policy and why)")
        super().update_settings(settings)
        settings.set("ROBOTSTXT_OBEY", cls.robots_txt, priority="spider")

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):  # noqa: ANN001, ANN206
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.source = dict(crawler.settings.getdict("OPENTID_SOURCE") or {})
        if not getattr(spider, "start_urls", None):
            spider.start_urls = list(spider.source.get("start_urls") or [])
        return spider

    source: dict[str, Any]

    async def start(self) -> AsyncIterator[Any]:
        """Default: one request per start URL, parsed by ``parse``."""
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)

    # -- faults -----------------------------------------------------------------------------------
    def fault(self, url: str | Response, kind: str, message: str) -> None:
        """Record a fault in the run manifest (the crawl goes on)."""
        status = None
        if isinstance(url, Response):
            status = url.status
            url = url.url
        self.recorded_faults.append((url, kind, message))
        recorder = self._recorder()
        if recorder is not None:
            recorder.fault(url, kind, message, status=status)

    def note(self, text: str) -> None:
        recorder = self._recorder()
        if recorder is not None:
            recorder.note(text)

    def _recorder(self) -> RunRecorder | None:
        try:
            return RunRecorder.of(self.crawler)
        except (LookupError, AttributeError):  # a spider outside a crawl (callback tests)
            return None

    # -- reading what is needed to follow links ---------------------------------------------------
    def load_json(self, response: Response) -> Any | None:
        """The JSON body, or None after recording a fault.

        JSON is UTF-8 (RFC 8259 section 8.1): a body that is valid UTF-8 is read as UTF-8 whatever the
        header says, and a header declaring another charset is recorded as a ``charset`` fault. A body
        that is not UTF-8 is decoded with the declared charset if there is one (fault recorded), else
        the page is given up (fault). Syntax errors are ``malformed-json`` faults.
        """
        body = response.body
        declared = declared_charset(response)
        try:
            text = body.decode("utf-8-sig")
            if declared and not _is_utf8(declared) and not body.isascii():
                self.fault(response, "charset", f"declared charset {declared}, body is UTF-8; read as UTF-8")
        except UnicodeDecodeError as exc:
            if declared and not _is_utf8(declared):
                try:
                    text = body.decode(declared)
                except (LookupError, UnicodeDecodeError):
                    self.fault(response, "charset", f"body is neither UTF-8 nor the declared {declared}")
                    return None
                self.fault(response, "charset", f"JSON body in {declared}, not UTF-8")
            else:
                self.fault(response, "charset", f"JSON body is not UTF-8 ({exc.reason} at byte {exc.start})")
                return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            self.fault(response, "malformed-json", f"{exc.msg} at line {exc.lineno} column {exc.colno}")
            return None

    def text_of(self, response: Response) -> str | None:
        """The text of an HTML/XML response, recording a ``charset`` fault when no charset is declared
        (header or meta) and the body is not UTF-8, or when the declared charset does not fit the body."""
        if not isinstance(response, TextResponse):
            self.fault(response, "not-text", f"expected a text response, got {response.headers.get('Content-Type')!r}")
            return None
        declared = declared_charset(response)
        body = response.body
        if declared:
            try:
                body.decode(declared)
            except (LookupError, UnicodeDecodeError):
                self.fault(response, "charset", f"body does not decode as the declared {declared}")
        elif not body.isascii():
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                meta = re.search(rb"<meta[^>]+charset", body[:4096], re.I)
                if not meta:
                    self.fault(response, "charset",
                               f"no charset declared and the body is not UTF-8; guessed {response.encoding}")
        return response.text
