"""English Wikinews articles on attacks, through the MediaWiki Action API (https://en.wikinews.org/w/api.php).

Robots policy and etiquette: ``spiders.mediawiki`` (robots.txt disallows /w/; API:Etiquette applies).

1. Discovery: ``list=categorymembers`` of the topic categories (``categories``, default
   ``Category:Terrorism``) and of the date categories of the days asked for (``dates``: ``2019-01-28``,
   a month ``2019-01`` or a range ``2019-01-01..2019-01-31``; each day's category is
   ``Category:January 28, 2019``), following ``continue``. Articles only (namespace 0); subcategories are
   not descended. With ``--since DATE``, topic categories are listed newest first and stop at DATE
   (``cmsort=timestamp``, ``cmend``: the time the article was filed in the category).
2. One ``action=parse&page=<title>&prop=text|revid|categories&formatversion=2`` per article, conditional
   (an unchanged article costs a 304). The documents transform reads it
   (``transforms/parsers/wikinews.py``); published Wikinews articles are CC BY 2.5.

When both are given, an article is fetched if it is in any topic category or any date category
asked for (a date range alone gives every article of those days: a relevance filter downstream decides).
"""

from __future__ import annotations

import calendar
from collections.abc import AsyncIterator, Iterator
from datetime import date, timedelta
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import parse_list_arg
from spiders.mediawiki import MediaWikiSpider

DEFAULT_CATEGORIES = ["Category:Terrorism"]


def date_category(day: date) -> str:
    """Wikinews's category of a day: ``Category:January 28, 2019``."""
    return f"Category:{day.strftime('%B')} {day.day}, {day.year}"


def parse_dates(spec: str | list[str] | None) -> list[date]:
    """``2019-01-28`` / ``2019-01`` / ``2019-01-01..2019-01-31`` (or a list of those) → the days."""
    days: list[date] = []
    for item in parse_list_arg(spec):
        lo, sep, hi = item.partition("..")
        if sep:
            start, end = date.fromisoformat(lo), date.fromisoformat(hi)
        elif len(item) == 7:  # a month
            y, m = int(item[:4]), int(item[5:7])
            start, end = date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        else:
            start = end = date.fromisoformat(item)
        if end < start:
            raise ValueError(f"dates: {item!r} ends before it starts")
        days.extend(start + timedelta(n) for n in range((end - start).days + 1))
    return days


class WikinewsSpider(MediaWikiSpider):
    name = "wikinews"
    api_endpoint = "https://en.wikinews.org/w/api.php"

    def __init__(self, *args: Any, categories: str | list[str] | None = None, dates: str | list[str] | None = None,
                 titles: str | list[str] | None = None, api_endpoint: str | None = None, **kwargs: Any):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.categories = parse_list_arg(categories) if categories is not None else list(DEFAULT_CATEGORIES)
        self.dates = parse_dates(dates)
        self.titles = parse_list_arg(titles)
        if api_endpoint:
            self.api_endpoint = api_endpoint
        self.queued: set[str] = set()

    def members_params(self, category: str, *, newest_first: bool) -> dict[str, str]:
        params = {"action": "query", "list": "categorymembers", "cmtitle": category, "cmtype": "page",
                  "cmprop": "title|timestamp", "cmlimit": "max"}  # fmt: skip
        if newest_first:
            params.update({"cmsort": "timestamp", "cmdir": "desc"})
            if self.since is not None:
                params["cmend"] = f"{self.since.isoformat()}T00:00:00Z"
        return params

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for title in self.titles:
            yield self.article_request(title)
        for category in self.categories:
            # not conditional: the listing must be read on every run
            yield self.api_request(self.members_params(category, newest_first=True), self.parse_members)
        for day in self.dates:
            if self.since is not None and day < self.since:
                continue
            params = self.members_params(date_category(day), newest_first=False)
            yield self.api_request(params, self.parse_members)

    def article_request(self, title: str) -> scrapy.Request:
        self.queued.add(title)
        params = {"action": "parse", "page": title, "prop": "text|revid|categories", "formatversion": "2"}
        return self.api_request(params, self.parse_article, conditional=True)

    def parse_members(self, response: Response) -> Iterator[scrapy.Request]:
        data, retry = self.api_json(response)
        if retry is not None:
            yield retry
        if data is None:
            return
        for member in (data.get("query") or {}).get("categorymembers") or []:
            title = str(member.get("title", ""))
            if member.get("ns") != 0 or not title or title in self.queued:
                continue
            yield self.article_request(title)
        yield from self.continuation(response, data, self.parse_members)

    def parse_article(self, response: Response) -> Iterator[scrapy.Request]:
        """Checks the answer (API errors and retries are handled and recorded); the archive stores it."""
        _, retry = self.api_json(response)
        if retry is not None:
            yield retry
