"""The run recorder: an extension that counts a crawl's exchanges, collects its faults and writes
the run manifest when the spider closes. Other components reach it with ``RunRecorder.of(crawler)``."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from scrapy import signals

from schemas.layout import DataLayout
from spiders.layout import relative_to_data
from spiders.manifest import Fault, RunManifest

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

#: Header the replay handler sets on its 404 for a URL the archive does not hold.
NOT_IN_ARCHIVE_HEADER = "X-OpenTID-Replay"
NOT_IN_ARCHIVE = "not-in-archive"


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def is_not_in_archive(response: Response) -> bool:
    return response.headers.get(NOT_IN_ARCHIVE_HEADER, b"").decode("latin-1") == NOT_IN_ARCHIVE


#: Response flag prefix by which the replay handler tells the archive when a replayed response was
#: really captured (its WARC-Date). A flag, not a header, so it never enters the archived headers.
RECORDED_AT_FLAG = "opentid-recorded-at="
#: ... and which WARC record it was replayed from.
RECORDED_ID_FLAG = "opentid-recorded-id="


def recorded_at(response: Response) -> str | None:
    """The original capture time of a replayed response (None for a live one).

    A replay re-archives the recorded exchange with its recorded date, so documents keep the time the
    content was really fetched (honest provenance) and replaying the same archive twice gives the same
    documents, incidents and byte-identical release files.
    """
    return _flag(response, RECORDED_AT_FLAG)


def recorded_id(response: Response) -> str | None:
    """The WARC-Record-ID a replayed response was served from (None for a live one)."""
    return _flag(response, RECORDED_ID_FLAG)


def _flag(response: Response, prefix: str) -> str | None:
    return next((f[len(prefix) :] for f in response.flags if f.startswith(prefix)), None)


T = TypeVar("T")


def enabled_extension(crawler: Crawler, cls: type[T]) -> T:
    """The crawler's instance of extension ``cls`` (how components reach a shared extension)."""
    for ext in crawler.extensions.middlewares:
        if isinstance(ext, cls):
            return ext
    raise LookupError(f"{cls.__name__} is not enabled in EXTENSIONS; use spiders.settings.crawl_settings()")


class RunRecorder:
    """Settings read: ``OPENTID_DATA`` (data folder), ``OPENTID_RUN_ID``, ``OPENTID_RUN_ARGS`` (dict),
    ``OPENTID_SINCE``, ``OPENTID_REPLAY`` (list of archive paths)."""

    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.layout = DataLayout(Path(settings.get("OPENTID_DATA") or "data"))
        self.run_id: str = settings.get("OPENTID_RUN_ID") or new_run_id()
        self.manifest: RunManifest | None = None
        self._args = {str(k): str(v) for k, v in (settings.getdict("OPENTID_RUN_ARGS") or {}).items()}
        self._since = settings.get("OPENTID_SINCE")
        self._replay = [str(p) for p in settings.getlist("OPENTID_REPLAY")]
        self._t0 = 0.0
        self.manifest_path: Path | None = None
        self.progress_every = settings.getint("OPENTID_PROGRESS_EVERY", 0)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_reached, signal=signals.request_reached_downloader)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecorder:
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> RunRecorder:
        return enabled_extension(crawler, cls)

    # -- lifecycle ------------------------------------------------------------------------------
    def _ensure_manifest(self, source: str) -> RunManifest:
        if self.manifest is None:
            self.manifest = RunManifest(source=source, run_id=self.run_id, arguments=self._args,
                                        since=self._since, replay=self._replay, started_at=utc_now())
            self._t0 = time.monotonic()
        return self.manifest

    def spider_opened(self, spider: Spider) -> None:
        self._ensure_manifest(spider.name)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        # The archive must be complete on disk before the manifest says so.
        from spiders.archiving import ArchiveExtension

        with contextlib.suppress(LookupError):
            ArchiveExtension.of(self.crawler).close()
        m = self._ensure_manifest(spider.name)
        if reason == "finished" and getattr(spider, "stopped_on_quota", False):
            reason = "quota"
        m.finish_reason = reason
        m.finished_at = utc_now()
        m.duration_s = round(time.monotonic() - self._t0, 3)
        m.counts.faults = len(m.faults)
        stats = self.crawler.stats
        if stats is not None:
            m.counts.retries = int(stats.get_value("retry/count", 0) or 0)
        m.status = m.decide_status()
        self.write_manifest()
        logger.info("run %s of %s: %s (%d requests, %d archived, %d faults, %d not in archive)",
                    m.run_id, m.source, m.status, m.counts.requests, m.counts.archived,
                    len(m.faults), m.counts.not_in_archive)

    def write_manifest(self) -> Path:
        assert self.manifest is not None
        path = self.layout.run_manifest(self.manifest.source, self.manifest.run_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.manifest.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        os.replace(tmp, path)
        self.manifest_path = path
        return path

    # -- counting ---------------------------------------------------------------------------------
    def request_reached(self, request: Request, spider: Spider) -> None:
        m = self._ensure_manifest(spider.name)
        m.counts.requests += 1

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        m = self._ensure_manifest(spider.name)
        if is_not_in_archive(response):
            m.counts.not_in_archive += 1
            if not request.url.endswith("/robots.txt"):
                m.not_in_archive.append(request.url)
            return
        m.counts.responses += 1
        key = str(response.status)
        m.counts.responses_by_status[key] = m.counts.responses_by_status.get(key, 0) + 1
        m.counts.bytes += len(response.body)
        if self.progress_every and m.counts.responses % self.progress_every == 0:
            logger.info("%s: %d responses, %d archived, %d faults", m.source, m.counts.responses,
                        m.counts.archived, len(m.faults))

    def archived(self, n: int = 1) -> None:
        if self.manifest is not None:
            self.manifest.counts.archived += n

    def unchanged(self, n: int = 1) -> None:
        if self.manifest is not None:
            self.manifest.counts.skipped_unchanged += n

    def set_warc_file(self, path: Path) -> None:
        if self.manifest is not None:
            self.manifest.warc_file = relative_to_data(self.layout, path)

    def note(self, text: str) -> None:
        if self.manifest is not None:
            self.manifest.notes.append(text)

    def fault(self, url: str, kind: str, message: str, status: int | None = None) -> None:
        m = self.manifest
        if m is None:
            return
        m.faults.append(Fault(url=url, kind=kind, message=message[:500], status=status, at=utc_now()))
        logger.warning("fault %s at %s: %s", kind, url, message[:200])
