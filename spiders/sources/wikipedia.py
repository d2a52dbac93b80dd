"""English Wikipedia "List of terrorist incidents" pages, through the MediaWiki Action API.

Domain: en.wikipedia.org, ``/w/api.php`` (robots policy and etiquette: ``spiders.mediawiki``).

1. Discovery: ``action=query&prop=links&titles=<template>`` (default
   ``Template:Lists_of_Terrorist_Incidents``), following ``continue``. Article links (namespace 0)
   whose title matches one of the list-page schemes are kept (see ``classify_title``):
   yearly pages before 2011 ("… in 1970"), half-year pages 2011–2014 ("… in January–June 2011"),
   the 2015/2016 overview pages ("List of terrorist incidents, 2015") and monthly pages 2015–2019
   ("… in January 2016"), yearly pages again since about 2020.
2. One ``action=parse&page=<title>&prop=text|revid&redirects=1`` call per kept page. The spider does not
   read the HTML: the documents transform does, from the archive.

The parse call leaves ``formatversion`` at its default (1): the HTML is in ``parse.text["*"]``. The
recorded 1970 response in the bundled snapshot has that legacy shape, and so does every live answer
to this URL, so offline and online runs store the same shape.

Arguments: ``years`` ("1970", "1970-1975", "2015,2016"; default all), ``titles`` (explicit page titles,
comma-separated, skipping discovery), ``template`` (discovery page title), ``api_endpoint`` (another
MediaWiki, or a local test server). ``--since DATE`` keeps the
pages whose period ends on or after DATE.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import parse_list_arg
from spiders.mediawiki import MediaWikiSpider

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_MONTH = "|".join(MONTHS)
_PREFIX = r"List of terrorist incidents"
_YEARLY = re.compile(rf"^{_PREFIX} in (\d{{4}})$")
_OVERVIEW = re.compile(rf"^{_PREFIX}, (\d{{4}})$")
_HALF = re.compile(rf"^{_PREFIX} in (January|July)[–-](June|December),? (\d{{4}})$")
_MONTHLY = re.compile(rf"^{_PREFIX} in ({_MONTH}),? (\d{{4}})$")


@dataclass(frozen=True)
class ListPage:
    title: str
    scheme: str  # yearly | overview | half-year | monthly
    start: date
    end: date

    @property
    def year(self) -> int:
        return self.start.year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def classify_title(title: str) -> ListPage | None:
    """The period a list-page title covers, or None for any other title."""
    t = title.replace("_", " ").strip()
    if m := _YEARLY.match(t):
        y = int(m.group(1))
        return ListPage(t, "yearly", date(y, 1, 1), date(y, 12, 31))
    if m := _OVERVIEW.match(t):
        y = int(m.group(1))
        return ListPage(t, "overview", date(y, 1, 1), date(y, 12, 31))
    if m := _HALF.match(t):
        y = int(m.group(3))
        first = m.group(1) == "January"
        if first != (m.group(2) == "June"):
            return None
        return ListPage(t, "half-year", date(y, 1 if first else 7, 1), date(y, 6, 30) if first else date(y, 12, 31))
    if m := _MONTHLY.match(t):
        y, mo = int(m.group(2)), MONTHS.index(m.group(1)) + 1
        return ListPage(t, "monthly", date(y, mo, 1), _month_end(y, mo))
    return None


def parse_years(spec: str | list[str] | None) -> set[int] | None:
    """``"1970"``, ``"1970-1975"``, ``"2015,2016"`` (or a list of those) -> a set of years; None = all."""
    items = parse_list_arg(spec)
    if not items:
        return None
    years: set[int] = set()
    for item in items:
        lo, _, hi = item.partition("-")
        years.update(range(int(lo), int(hi or lo) + 1))
    return years


class WikipediaListsSpider(MediaWikiSpider):
    name = "wikipedia"
    default_template = "Template:Lists_of_Terrorist_Incidents"

    def __init__(self, *args: Any, years: str | list[str] | None = None, titles: str | list[str] | None = None,
                 template: str | None = None, api_endpoint: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if api_endpoint:
            self.api_endpoint = api_endpoint
        self.years = parse_years(years)
        self.titles = parse_list_arg(titles)
        self.template = template or self.default_template
        self.queued: set[str] = set()

    def wanted(self, page: ListPage) -> bool:
        if self.years is not None and not any(y in self.years for y in range(page.start.year, page.end.year + 1)):
            return False
        return not (self.since is not None and page.end < self.since)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.titles:
            for title in self.titles:
                yield self.parse_request(title)
            return
        yield self.links_request({"action": "query", "prop": "links", "titles": self.template, "pllimit": "max"})

    def links_request(self, params: dict[str, str]) -> scrapy.Request:
        # Not conditional: the links must be read on every run.
        return self.api_request(params, self.parse_links)

    def parse_request(self, title: str) -> scrapy.Request:
        return self.api_request({"action": "parse", "page": title, "prop": "text|revid", "redirects": "1"},
                                self.parse_page, conditional=True)

    def parse_links(self, response: Response) -> Iterator[scrapy.Request]:
        data, retry = self.api_json(response)
        if retry is not None:
            yield retry
        if data is None:
            return
        pages = (data.get("query") or {}).get("pages") or {}
        if isinstance(pages, dict):
            pages = list(pages.values())
        for page in pages:
            if "missing" in page:
                self.fault(response, "missing-page", f"discovery page {page.get('title')!r} does not exist")
            for link in page.get("links") or []:
                if link.get("ns") != 0:
                    continue
                listed = classify_title(str(link.get("title", "")))
                if listed is None or not self.wanted(listed) or listed.title in self.queued:
                    continue
                self.queued.add(listed.title)
                yield self.parse_request(listed.title)
        yield from self.continuation(response, data, self.parse_links)

    def parse_page(self, response: Response) -> Iterator[scrapy.Request]:
        data, retry = self.api_json(response)
        if retry is not None:
            yield retry
        if data is None:
            return
        parsed = data.get("parse")
        if not isinstance(parsed, dict) or "text" not in parsed:
            self.fault(response, "unexpected-shape", "action=parse answer without parse.text")
