"""An ad-hoc list of article pages (``opentid crawl page URL...``): each URL fetched once and archived.

Arguments: ``urls`` (comma-separated or a list). No discovery and no following: the page list is the
crawl. A URL already archived with a 200 is not fetched again.

Robots policy: **obey**, for the same reason as the feed spider: these are ordinary web pages, and
the sites' robots.txt says what crawlers may fetch.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy

from spiders.base import OpenTIDSpider, parse_list_arg
from spiders.sources.feeds import ArticleSpiderMixin


class PageListSpider(ArticleSpiderMixin, OpenTIDSpider):
    name = "pages"
    robots_txt = True
    robots_reason = "ordinary web pages: their sites' robots.txt says what crawlers may fetch"

    def __init__(self, *args: Any, urls: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.urls = parse_list_arg(urls)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for req in self.article_requests(self.urls or self.start_urls):
            yield req
