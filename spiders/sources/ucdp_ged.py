"""UCDP Georeferenced Event Dataset (GED): the bulk CSV download or the REST API.

Domain: ucdp.uu.se (downloads), ucdpapi.pcr.uu.se (API). Licence CC BY 4.0 (see the source YAML).

``mode=csv`` (default): one request for the GED CSV download of ``version`` (e.g. ``25.1`` ->
``https://ucdp.uu.se/downloads/ged/ged251-csv.zip``), or for ``url`` if given (plain CSV or zip). The
spider only archives the file; the documents transform unzips and reads it.

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

    def __init__(self, *args: Any, mode: str = "csv", version: str = "25.1", url: str | None = None,
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

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.mode == "csv":
            if self.since is not None:
                self.note("--since does not apply to the bulk CSV download: the whole file is fetched")
            yield scrapy.Request(self.url or download_url(self.version, self.download_base),
                                 callback=self.parse_download,
                                 meta={"conditional": True})
            return
        if not self.token:
            self.note(f"${TOKEN_ENV} is not set: the UCDP API answers 401 without an access token")
        yield self.page_request(api_url(self.version, self.first_page, self.pagesize, self.filters, self.api_base),
                                headers=self.request_headers())

    def request_headers(self) -> dict[str, str]:
        return {TOKEN_HEADER: self.token} if self.token else {}

    def parse_download(self, response: Response) -> Iterator[Any]:
        return iter(())  # archived by the archive extension; nothing to follow

    def next_page(self, response: Response, data: Any) -> str | None:
        if not isinstance(data, dict) or "Result" not in data:
            self.fault(response, "unexpected-shape", "gedevents answer without the Result envelope")
            return None
        nxt = data.get("NextPageUrl")
        return str(nxt) if nxt else None
