"""Running crawls from Python: ``crawl(sources, data_dir, ...) -> list[RunManifest]``.

Several sources run in ONE Scrapy process, concurrently (they are different hosts, and each crawler
keeps its own politeness slots). Twisted's reactor cannot be restarted, so ``crawl`` can be called only
once per Python process: callers that need repeated runs (tests, benchmarks) call ``crawl_in_subprocess``.

Source names are resolved through ``datasets.source_registry`` (imported lazily: the source YAMLs are
the one thing the crawl machinery reads from the floor above; the registry holds only data).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings

from schemas.layout import DataLayout
from spiders.layout import job_dir
from spiders.manifest import RunManifest
from spiders.run import RunRecorder, new_run_id, utc_now
from spiders.settings import crawl_settings

logger = logging.getLogger(__name__)


class _MinLevel(logging.Filter):
    def __init__(self, level: str | int):
        super().__init__()
        self.level = logging.getLevelName(level) if isinstance(level, str) else level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


@dataclass
class CrawlPlan:
    """What one crawler needs: the source definition as plain data plus the resolved spider class."""

    name: str
    spider_cls: type
    source: dict[str, Any]
    spider_kwargs: dict[str, Any]


def load_spider_class(path: str) -> type:
    module, _, cls = path.partition(":")
    if not cls:
        raise ValueError(f"spider {path!r}: expected 'package.module:ClassName'")
    return getattr(importlib.import_module(module), cls)


def plan(name: str, spider_args: dict[str, Any] | None = None, since: date | None = None) -> CrawlPlan:
    from datasets.source_registry import load_source  # lazy: see module docstring

    definition = load_source(name)
    source = definition.model_dump(mode="json")
    kwargs: dict[str, Any] = {k: v for k, v in (definition.spider_args or {}).items() if v is not None}
    kwargs.update(spider_args or {})
    if since is not None:
        kwargs["since"] = since.isoformat()
    return CrawlPlan(name=definition.name, spider_cls=load_spider_class(definition.spider), source=source,
                     spider_kwargs=kwargs)


def _arg_text(v: Any) -> str:
    return ",".join(map(str, v)) if isinstance(v, list) else str(v)


def crawl(sources: list[str] | str, data_dir: Path, replay: Path | list[Path] | None = None,
          since: date | None = None, spider_args: dict[str, Any] | None = None, *,
          settings: dict[str, Any] | None = None, resumable: bool = False,
          progress_every: int = 0, scrapy_log_level: str = "WARNING") -> list[RunManifest]:
    """Crawl the named sources into ``data_dir``; return one manifest per source (also written to
    ``data/runs/<source>/<run_id>.json``). ``replay`` serves responses from WARC archives instead of the
    network. ``settings`` overrides Scrapy/OpenTID settings (tests, benchmarks). ``resumable`` keeps a
    Scrapy JOBDIR under ``data/state/<source>.job`` while a crawl runs, so an interrupted crawl (Ctrl-C,
    kill) resumes its queue on the next run; it is removed when the crawl finishes. Off by default:
    Scrapy's disk queues create and delete a folder whenever a priority queue empties, which costs a
    few ms per request (more than all the archiving; see benchmarks/bench_crawl.py) and is only worth
    it for long crawls. A crawl that finds a JOBDIR left by an interrupted run resumes it."""
    names = [sources] if isinstance(sources, str) else list(sources)
    replay_paths = [] if replay is None else ([replay] if isinstance(replay, (str, Path)) else list(replay))
    layout = DataLayout(Path(data_dir))
    plans = [plan(n, spider_args, since) for n in names]
    # Scrapy logs its version banner while it configures logging, before "scrapy" can be quietened;
    # a filter survives that configuration (a level would be reset).
    for name in ("scrapy.utils.log", "scrapy.crawler"):
        logger_ = logging.getLogger(name)
        if not any(isinstance(f, _MinLevel) for f in logger_.filters):
            logger_.addFilter(_MinLevel(scrapy_log_level))
    process = AsyncCrawlerProcess(Settings({"LOG_LEVEL": "INFO", "LOG_INSTALL_ROOT_HANDLER": False}))
    logging.getLogger("scrapy").setLevel(scrapy_log_level)  # Scrapy's dictConfig just set it to DEBUG
    crawlers: list[tuple[CrawlPlan, Crawler, str]] = []
    for p in plans:
        run_id = new_run_id()
        jd = job_dir(layout, p.name) if resumable or job_dir(layout, p.name).exists() else None
        s = crawl_settings(
            data_dir=layout.root, run_id=run_id, contact=p.source.get("contact"), replay=replay_paths,
            since=since.isoformat() if since else None,
            run_args={k: _arg_text(v) for k, v in p.spider_kwargs.items()}, job_dir=jd,
            extra={"OPENTID_SOURCE": p.source, "OPENTID_PROGRESS_EVERY": progress_every, **(settings or {})},
        )
        crawler = Crawler(p.spider_cls, Settings(s))
        process.crawl(crawler, name=p.name, **p.spider_kwargs)
        crawlers.append((p, crawler, run_id))
    process.start()

    manifests: list[RunManifest] = []
    for p, crawler, run_id in crawlers:
        manifest = None
        with contextlib.suppress(LookupError, AttributeError):
            manifest = _close_unfinished(crawler)
        if manifest is None or manifest.finished_at is None:
            manifest = _failed_manifest(layout, p, run_id, replay_paths, since)
        elif manifest.finish_reason in ("finished", "quota"):
            shutil.rmtree(job_dir(layout, p.name), ignore_errors=True)
        manifests.append(manifest)
    return manifests


def _close_unfinished(crawler: Crawler) -> RunManifest | None:
    """The crawler's manifest; a crawl that started but never closed (a second Ctrl-C forces Scrapy to
    stop the reactor without closing its spiders) is closed here as ``killed``: the archive's writer
    queue is drained and the index and seen rows flushed, so the index agrees with the WARC, and the
    manifest says the run was cut short. Its JOBDIR is kept (Scrapy may not have saved the queue; the
    seen index still skips what was archived)."""
    recorder = RunRecorder.of(crawler)
    manifest = recorder.manifest
    if manifest is not None and manifest.finished_at is None and crawler.spider is not None:
        recorder.spider_closed(crawler.spider, "killed")
    return recorder.manifest


def _failed_manifest(layout: DataLayout, p: CrawlPlan, run_id: str, replay: list[Path],
                     since: date | None) -> RunManifest:
    """The manifest of a crawl that did not get to run (spider failed to open/start)."""
    from spiders.manifest import Fault

    now = utc_now()
    m = RunManifest(source=p.name, run_id=run_id, arguments={k: _arg_text(v) for k, v in p.spider_kwargs.items()},
                    since=since.isoformat() if since else None, replay=[str(r) for r in replay],
                    started_at=now, finished_at=now, duration_s=0.0, finish_reason="not-started",
                    faults=[Fault(url="", kind="not-started", message="the spider failed to start; see the log",
                                  at=now)], status="failed")
    path = layout.run_manifest(p.name, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(m.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
    return m


def crawl_in_subprocess(sources: list[str] | str, data_dir: Path, replay: Path | list[Path] | None = None,
                        since: date | None = None, spider_args: dict[str, Any] | None = None, *,
                        settings: dict[str, Any] | None = None, timeout: float = 600,
                        env: dict[str, str] | None = None, resumable: bool = False) -> list[RunManifest]:
    """``crawl`` in a fresh Python process (the reactor cannot restart), manifests returned as objects."""
    request = {
        "sources": [sources] if isinstance(sources, str) else list(sources),
        "data_dir": str(data_dir),
        "replay": [str(r) for r in ([replay] if isinstance(replay, (str, Path)) else (replay or []))],
        "since": since.isoformat() if since else None,
        "spider_args": spider_args or {},
        "settings": settings or {},
        "resumable": resumable,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "spiders.runner"], input=json.dumps(request), capture_output=True, text=True,
        timeout=timeout, env={**os.environ, **(env or {})},
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"crawl subprocess failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return [RunManifest.model_validate(m) for m in json.loads(lines[-1])["manifests"]]


def _main() -> int:
    request = json.loads(sys.stdin.read())
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    manifests = crawl(
        request["sources"], Path(request["data_dir"]),
        replay=[Path(r) for r in request["replay"]] or None,
        since=date.fromisoformat(request["since"]) if request.get("since") else None,
        spider_args=request.get("spider_args") or None, settings=request.get("settings") or None,
        resumable=bool(request.get("resumable")),
    )
    print(json.dumps({"manifests": [m.model_dump(mode="json") for m in manifests]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
