"""GDELT 2.0 Events: the 15-minute export files, and (as discovery) the articles their attack events cite.

1. Which export files: ``files=lastupdate`` (the newest, from ``lastupdate.txt``), ``files=master``
   (``masterfilelist.txt``: every file since 2015-02-18, with sizes and MD5s; large, ≈100 MB) or
   ``files=computed`` (the 15-minute stamps from ``--since`` up to ``until`` or now, named directly:
   a daily run's 96 files without downloading the master list; a stamp GDELT skipped answers 404, which is
   expected and not a fault). Default: ``lastupdate`` without ``--since``; ``computed`` when ``--since`` is
   within :data:`COMPUTED_MAX_DAYS` days; ``master`` for older backfills. Base URL ``base_url`` (default
   ``http://data.gdeltproject.org/gdeltv2/``). Lists have ``<size> <md5> <url>`` lines; only the Events
   exports (``*.export.CSV.zip``) are kept, those stamped on or after ``--since`` (and before ``until``),
   at most ``max_files`` of the newest. An export already archived is not fetched again.
2. Each export zip is downloaded and archived; its size and MD5 are checked against the list when the
   list gives them (a mismatch is a ``checksum`` fault: a truncated or changed file). The documents transform
   (``transforms/parsers/gdelt_events.py``) turns its attack events into weak documents.
3. Discovery: the ``SOURCEURL`` of each event whose CAMEO ``EventCode`` starts with one of
   ``event_codes`` (default :data:`ATTACK_EVENT_CODES`, the same choice as the parser's, explained there)
   is queued as an article page (``follow_articles``, default on; ``max_articles`` per run, default 500).

Robots policy: **obey**, for the article pages — they are third-party news sites. The GDELT file
requests carry ``dont_obey_robotstxt``: data.gdeltproject.org publishes these files for programmatic
download (GDELT's data page documents exactly these URLs), which is an invitation robots.txt is not
needed to grant. Exports are small (≈ 0.1–1 MB zipped); the master list is large, so its request
raises the size cap.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import OpenTIDSpider, parse_list_arg
from spiders.sources.feeds import ArticleSpiderMixin

DEFAULT_BASE_URL = "http://data.gdeltproject.org/gdeltv2/"
#: Must equal ``transforms.parsers.gdelt_events.ATTACK_EVENT_CODES`` (a test checks): the spider may not
#: import the transforms, and both must keep the same events.
ATTACK_EVENT_CODES: tuple[str, ...] = (
    "180", "181", "182", "183", "185", "186",
    "190", "193", "194", "195",
    "200", "202", "204",
)  # fmt: skip
EVENT_CODE_COLUMN = 26
SOURCEURL_COLUMN = 60
N_COLUMNS = 61
_STAMP_RE = re.compile(r"/(\d{14})\.export\.CSV\.zip$")
MASTERLIST_MAXSIZE = 1024 * 1024 * 1024
#: ``--since`` at most this many days back names the files directly instead of reading the master list.
COMPUTED_MAX_DAYS = 31
STEP = timedelta(minutes=15)


def export_files(
    text: str, since: date | None = None, until: date | None = None
) -> list[tuple[int, str, str]]:
    """``(size, md5, url)`` of the Events exports in a file list, oldest first, within [since, until)."""
    out = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 3 or not (m := _STAMP_RE.search(parts[2])):
            continue
        day = datetime.strptime(m.group(1), "%Y%m%d%H%M%S").date()
        if (since is not None and day < since) or (until is not None and day >= until):
            continue
        try:
            size = int(parts[0])
        except ValueError:
            continue
        out.append((size, parts[1].lower(), parts[2]))
    return sorted(out, key=lambda f: f[2])


def computed_exports(base_url: str, since: date, until: datetime) -> list[str]:
    """URLs of the 15-minute exports stamped from ``since`` (00:00 UTC) up to, not including, ``until``."""
    stamp = datetime.combine(since, time(0), UTC)
    out = []
    while stamp < until:
        out.append(f"{base_url}{stamp:%Y%m%d%H%M%S}.export.CSV.zip")
        stamp += STEP
    return out


def attack_source_urls(csv_bytes: bytes, codes: tuple[str, ...]) -> list[str]:
    """Distinct SOURCEURLs of the rows whose EventCode starts with one of ``codes``, in file order."""
    seen: dict[str, None] = {}
    for line in csv_bytes.decode("utf-8", errors="replace").splitlines():
        cols = line.split("\t")
        if len(cols) != N_COLUMNS:
            continue  # a ragged line (truncated file): skip it, keep the others
        url = cols[SOURCEURL_COLUMN].strip()
        if cols[EVENT_CODE_COLUMN].startswith(codes) and url.startswith(("http://", "https://")):
            seen.setdefault(url, None)
    return list(seen)


class GdeltEventsSpider(ArticleSpiderMixin, OpenTIDSpider):
    name = "gdelt"
    robots_txt = True
    robots_reason = ("article pages are third-party news sites (obeyed); GDELT's own file feed is published "
                     "for programmatic download and is fetched with dont_obey_robotstxt")  # fmt: skip

    def __init__(self, *args: Any, base_url: str = DEFAULT_BASE_URL, files: str = "", until: str | None = None,
                 max_files: int | str = 96, follow_articles: bool | str = True, max_articles: int | str = 500,
                 event_codes: str | list[str] | None = None, **kwargs: Any):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.until = date.fromisoformat(until) if until else None
        if not files:
            if self.since is None:
                files = "lastupdate"
            else:
                recent = (self.until or datetime.now(UTC).date()) - self.since <= timedelta(COMPUTED_MAX_DAYS)
                files = "computed" if recent else "master"
        if files not in ("lastupdate", "master", "computed"):
            raise ValueError(f"gdelt: files={files!r}; expected lastupdate, master or computed")
        if files == "computed" and self.since is None:
            raise ValueError("gdelt: files=computed needs --since")
        self.files = files
        self.max_files = int(max_files or 0)
        self.follow_articles = str(follow_articles).lower() not in ("false", "0", "no", "off")
        self.max_articles = int(max_articles or 0)
        self.event_codes = tuple(parse_list_arg(event_codes)) or ATTACK_EVENT_CODES

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.files == "computed":
            assert self.since is not None
            end = (
                datetime.combine(self.until, time(0), UTC)
                if self.until
                else datetime.now(UTC) - STEP  # the current quarter-hour may not be published yet
            )
            urls = computed_exports(self.base_url, self.since, end)
            for url in urls[-self.max_files :] if self.max_files else urls:
                if not self.already_archived(url):
                    yield self.export_request(url, expected_statuses=[404])
            return
        name = "masterfilelist.txt" if self.files == "master" else "lastupdate.txt"
        meta: dict[str, Any] = {"dont_obey_robotstxt": True}
        if self.files == "master":
            meta["download_maxsize"] = MASTERLIST_MAXSIZE
        yield scrapy.Request(self.base_url + name, callback=self.parse_list, meta=meta)

    def export_request(self, url: str, size: int | None = None, md5: str | None = None,
                       expected_statuses: list[int] | None = None) -> scrapy.Request:  # fmt: skip
        meta: dict[str, Any] = {"dont_obey_robotstxt": True}
        if expected_statuses:
            # a 15-minute stamp GDELT skipped: expected, reaches the callback, not a fault
            meta.update({"expected_statuses": expected_statuses, "handle_httpstatus_list": expected_statuses})
        return scrapy.Request(
            url, callback=self.parse_export, cb_kwargs={"size": size, "md5": md5}, meta=meta
        )

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        text = response.body.decode("ascii", errors="replace")
        files = export_files(text, self.since, self.until)
        if not files and text.strip():
            self.fault(
                response,
                "unexpected-shape",
                "file list names no *.export.CSV.zip in '<size> <md5> <url>' lines",
            )
        if self.max_files:
            files = files[-self.max_files :]
        for size, md5, url in files:
            if not self.already_archived(url):
                yield self.export_request(url, size, md5)

    def parse_export(self, response: Response, size: int | None, md5: str | None) -> Iterator[scrapy.Request]:
        if response.status == 404:
            self.note(f"no export at {response.url} (GDELT skipped that quarter-hour)")
            return
        body = response.body
        if (
            size is not None
            and md5 is not None
            and (len(body) != size or hashlib.md5(body).hexdigest() != md5)
        ):
            self.fault(response, "checksum", f"got {len(body)} bytes md5 {hashlib.md5(body).hexdigest()}, "
                       f"the list says {size} bytes md5 {md5}")  # fmt: skip
        if not self.follow_articles:
            return
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                csv_bytes = zf.read(zf.namelist()[0])
        except (zipfile.BadZipFile, EOFError, IndexError) as exc:
            self.fault(response, "malformed-zip", f"export zip unreadable: {exc}")
            return
        yield from self.article_requests(attack_source_urls(csv_bytes, self.event_codes))
