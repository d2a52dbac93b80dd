"""UCDP Georeferenced Event Dataset (GED): the bulk CSV download or the REST API.

Domain: ucdp.uu.se (downloads), ucdpapi.pcr.uu.se (API). Licence CC BY 4.0 (see the source YAML).

``mode=csv`` (default): one request for the GED CSV download of ``version`` (e.g. ``25.1`` ->
``https://ucdp.uu.se/downloads/ged/ged251-csv.zip``), or for ``url`` if given (plain CSV or zip). The
spider only archives the file; the documents transform unzips and reads it.

``version=latest`` (the default) tries the yearly releases newest first, from this year's ``YY.1`` back
``versions_back`` years (default 5): a 404 (a release not out yet; in a replay, a version the archive
does not hold) moves on to the previous one and is not a fault; only the last candidate's 404 is. The
bundled snapshot holds a GED 23.1 sample, which ``latest`` therefore finds offline.

``mode=api``: ``https://ucdpapi.pcr.uu.se/api/gedevents/<version>?pagesize=1000&page=<first_page>``,
following ``NextPageUrl`` until it is empty. Since February 2026 the API needs an access token: read
from ``$UCDP_ACCESS_TOKEN`` and sent in ``x-ucdp-access-token`` (never archived: the archive redacts
it). The quota is 5,000 requests per token per day, errors included: every request that reaches the
downloader is counted in the crawl state and the crawl stops with a ``quota`` fault when it is used up
(``daily_quota`` argument to lower it). ``api_base`` / ``download_base`` point the spider elsewhere
(a mirror, or a local test server). ``--since DATE`` becomes the API's ``StartDate`` filter; other
filters: ``country`` (Gleditsch-Ward codes), ``start_date``, ``end_date``, ``type_of_violence``.
The first page index is ``first_page`` (default 0; public clients use 0 and 1, check on the first live
call; afterwards only ``NextPageUrl`` is followed).

Robots policy: obey. ucdp.uu.se serves human-facing pages and downloads; nothing suggests API clients
are exempt, so we ask robots.txt and respect it (a missing robots.txt allows everything).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from spiders.paging import PagedJsonApiSpider

API_BASE = "https://ucdpapi.pcr.uu.se/api/gedevents/"
DOWNLOAD_BASE = "https://ucdp.uu.se/downloads/ged/"
TOKEN_ENV = "UCDP_ACCESS_TOKEN"
TOKEN_HEADER = "x-ucdp-access-token"


def download_url(version: str, base: str = DOWNLOAD_BASE) -> str:
    """GED CSV download of a release: ``23.1`` -> ``.../ged231-csv.zip``."""
    return f"{base}ged{version.replace('.', '')}-csv.zip"


def api_url(version: str, page: int, pagesize: int = 1000, filters: dict[str, str] | None = None,
            base: str = API_BASE) -> str:
    params = {"pagesize": str(pagesize), "page": str(page), **(filters or {})}
    return f"{base}{version}?{urlencode(params)}"


class UcdpGedSpider(PagedJsonApiSpider):
    name = "ucdp-ged"
    robots_txt = True
    robots_reason = "ucdp.uu.se publishes its downloads for everyone; no exemption is documented, so obey"
    custom_settings: ClassVar[dict[str, Any]] = {
        # The full GED CSV zip is tens of MB; keep a cap, but one that fits the real file.
        "DOWNLOAD_MAXSIZE": 1024 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 512 * 1024 * 1024,
        "DOWNLOAD_TIMEOUT": 600,
    }
    quota_per_day = 5000

    def __init__(self, *args: Any, mode: str = "csv", version: str = "latest", url: str | None = None,
                 versions_back: str | int = 5,
                 pagesize: str | int = 1000, first_page: str | int = 0, daily_quota: str | int | None = None,
                 country: str | None = None, start_date: str | None = None, end_date: str | None = None,
                 type_of_violence: str | None = None, api_base: str = API_BASE, download_base: str = DOWNLOAD_BASE,
                 **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.api_base = api_base
        self.download_base = download_base
        if mode not in ("csv", "api"):
            raise ValueError(f"ucdp-ged: mode must be 'csv' or 'api', not {mode!r}")
        self.mode = mode
        self.version = str(version)
        self.versions_back = int(versions_back)
        self.url = url
        self.pagesize = int(pagesize)
        self.first_page = int(first_page)
        if daily_quota is not None:
            self.quota_per_day = int(daily_quota)
        self.filters = {k: str(v) for k, v in {
            "Country": country, "StartDate": start_date or (self.since.isoformat() if self.since else None),
            "EndDate": end_date, "TypeOfViolence": type_of_violence}.items() if v}
        self.token = os.environ.get(TOKEN_ENV, "")
        # The quota belongs to the token: count per token (hashed, the token itself is never stored).
        self.quota_key = ("ucdp-api:" + hashlib.sha256(self.token.encode()).hexdigest()[:12]) if mode == "api" else None

    def candidate_versions(self, today: date | None = None) -> list[str]:
        """The versions to try, in order: the given one, or for ``latest`` the yearly releases newest first."""
        if self.version != "latest":
            return [self.version]
        yy = (today or date.today()).year % 100
        return [f"{y}.1" for y in range(yy, yy - self.versions_back - 1, -1)]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.mode == "csv":
            if self.since is not None:
                self.note("--since does not apply to the bulk CSV download: the whole file is fetched")
            if self.url:
                yield scrapy.Request(self.url, callback=self.parse_download, meta={"conditional": True})
            else:
                yield self.download_request(self.candidate_versions())
            return
        if not self.token:
            self.note(f"${TOKEN_ENV} is not set: the UCDP API answers 401 without an access token")
        yield self.first_page_request(self.candidate_versions())

    @staticmethod
    def _fallback_meta(versions: list[str]) -> dict[str, Any]:
        """While older versions remain, a 404 goes to the callback (next version), not to the faults."""
        rest = versions[1:]
        meta: dict[str, Any] = {"ged_version": versions[0], "versions_left": rest}
        if rest:
            meta.update({"handle_httpstatus_list": [404], "expected_statuses": [404]})
        return meta

    def download_request(self, versions: list[str]) -> scrapy.Request:
        return scrapy.Request(download_url(versions[0], self.download_base), callback=self.parse_download,
                              meta={"conditional": True, **self._fallback_meta(versions)})

    def first_page_request(self, versions: list[str]) -> scrapy.Request:
        url = api_url(versions[0], self.first_page, self.pagesize, self.filters, self.api_base)
        return scrapy.Request(url, callback=self.parse_first_page, headers=self.request_headers(),
                              meta=self._fallback_meta(versions))

    def parse_first_page(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status == 404:
            self.note(f"GED {response.meta['ged_version']} is not available from the API; trying an older one")
            yield self.first_page_request(response.meta["versions_left"])
            return
        yield from self.parse_page(response)

    def request_headers(self) -> dict[str, str]:
        return {TOKEN_HEADER: self.token} if self.token else {}

    def parse_download(self, response: Response) -> Iterator[Any]:
        """The file is archived by the archive extension; only a missing release needs a follow-up."""
        if response.status == 404:
            self.note(f"GED {response.meta['ged_version']} is not available; trying an older release")
            yield self.download_request(response.meta["versions_left"])

    def next_page(self, response: Response, data: Any) -> str | None:
        if not isinstance(data, dict) or "Result" not in data:
            self.fault(response, "unexpected-shape", "gedevents answer without the Result envelope")
            return None
        nxt = data.get("NextPageUrl")
        return str(nxt) if nxt else None
