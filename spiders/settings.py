"""Scrapy settings shared by every OpenTID crawl: politeness, retries, size cap, archiving, faults.

Spiders change these only through class attributes of ``spiders.base.OpenTIDSpider`` (robots policy)
or ``custom_settings`` with a comment saying why. ``crawl_settings()`` adds the per-run values.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import scrapy

OPENTID_VERSION = "0.1.0"

BASE_SETTINGS: dict[str, Any] = {
    "BOT_NAME": "opentid",
    "SPIDER_MODULES": [],
    # Each spider states its robots.txt policy and the reason (OpenTIDSpider.robots_txt); obey by default.
    "ROBOTSTXT_OBEY": True,
    # Politeness: one request at a time per host, AutoThrottle adapts the delay to the server's latency.
    "CONCURRENT_REQUESTS": 8,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": 0.5,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 60.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_TIMEOUT": 60,
    # Size cap: a page above it is a fault ("too-large"), not a crash; bulk-file spiders raise it.
    "DOWNLOAD_MAXSIZE": 64 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 16 * 1024 * 1024,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "OPENTID_BACKOFF_BASE": 2.0,
    "OPENTID_BACKOFF_MAX": 120.0,
    "OPENTID_RETRY_AFTER_MAX": 600.0,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    # Scrapy 2.19's remote-control HTTP server (code execution over HTTP): never in a data crawler.
    "REMOTE_CONTROL_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "spiders.faults.FaultMiddleware": 545,
        "spiders.retry.BackoffRetryMiddleware": 550,
        "spiders.conditional.ConditionalRequestMiddleware": 560,
        "spiders.paging.QuotaMiddleware": 570,
    },
    "SPIDER_MIDDLEWARES": {
        "spiders.faults.CallbackFaultMiddleware": 40,
    },
    "EXTENSIONS": {
        "spiders.run.RunRecorder": 10,
        "spiders.archiving.ArchiveExtension": 20,
    },
}

#: Download handlers that serve responses from WARC archives instead of the network.
REPLAY_HANDLERS = {
    "http": "spiders.replay.WarcReplayHandler",
    "https": "spiders.replay.WarcReplayHandler",
    "file": "spiders.replay.WarcReplayHandler",
}


def user_agent(contact: str | None) -> str:
    """``OpenTID/<version> (+<contact>) Scrapy/<version>``, the form the Wikimedia User-Agent policy asks for."""
    contact = contact or "contact not configured: set OPENTID_CONTACT"
    return f"OpenTID/{OPENTID_VERSION} (+{contact}) Scrapy/{scrapy.__version__}"


def crawl_settings(*, data_dir: Path, run_id: str | None = None, contact: str | None = None,
                   replay: list[Path] | None = None, since: str | None = None,
                   run_args: dict[str, str] | None = None, job_dir: Path | None = None,
                   extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings of one crawl. ``contact`` falls back to ``$OPENTID_CONTACT``."""
    settings = dict(BASE_SETTINGS)
    settings["OPENTID_DATA"] = str(data_dir)
    settings["USER_AGENT"] = user_agent(os.environ.get("OPENTID_CONTACT") or contact)
    if run_id:
        settings["OPENTID_RUN_ID"] = run_id
    if since:
        settings["OPENTID_SINCE"] = since
    settings["OPENTID_RUN_ARGS"] = dict(run_args or {})
    if replay:
        settings["OPENTID_REPLAY"] = [str(p) for p in replay]
        settings["DOWNLOAD_HANDLERS"] = dict(REPLAY_HANDLERS)
        # Replay reads local files: no reason to be slow, and no host to be polite to.
        settings.update({"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
                         "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "OPENTID_BACKOFF_BASE": 0.0})
    if job_dir is not None:
        settings["JOBDIR"] = str(job_dir)
    settings.update(extra or {})
    return settings
