"""News outlets through their RSS/Atom feeds: the feeds, then the articles they list.

One generic spider, configured per outlet in its source YAML (``datasets/sources/news-<outlet>.yaml``):

- ``feed_urls``: the outlet's feeds (RSS 2.0, RSS 1.0/RDF or Atom);
- ``allowed_domains``: hosts whose articles are fetched (default: the feeds' hosts); a feed entry that
  links elsewhere (an aggregator, a partner site) is skipped;
- ``language``: the outlet's language, for the documents transform (pages rarely need it);
- ``max_articles``: articles queued per run at most (0 = no limit).

Ad-hoc use without YAML (``opentid crawl feed URL``) passes ``feed_urls`` only.

Robots policy: **obey**. News sites are ordinary web sites whose owners say in robots.txt which
crawlers may fetch what; nothing here is an API with its own etiquette, so their word applies.

Incremental: an article already archived with a 200 is not fetched again (articles rarely change and
the archive keeps the first capture); ``--since DATE`` skips entries the feed dates before DATE. Feeds are
fetched unconditionally on every run, because a 304 would hide their new links. The spider reads only
the links and dates of a feed; titles, dates and text are read from the archive by the documents
transform (``transforms/parsers/news_article.py`` and ``feed.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from scrapy.http import Response

from spiders.archiving import ArchiveExtension
from spiders.base import OpenTIDSpider, parse_list_arg
from spiders.state import request_key

_ENTRY = "//*[local-name()='item' or local-name()='entry']"
_DATE_TAGS = ("pubDate", "published", "date", "issued", "updated")


def entry_date(value: str | None) -> date | None:
    """The date of an ISO 8601 or RFC 822 timestamp (feed dates), None when unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def feed_links(body: bytes, base_url: str) -> tuple[bool, list[tuple[str, date | None]]]:
    """(is a feed, [(absolute article URL, entry date)]) of a feed body. Recovering parser: a truncated
    feed still gives the entries before the break."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return False, []
    if root is None or etree.QName(root).localname not in ("rss", "feed", "RDF"):
        return False, []
    out: list[tuple[str, date | None]] = []
    for entry in root.xpath(_ENTRY):
        link = None
        for el in entry:
            if not isinstance(el.tag, str) or etree.QName(el).localname != "link":
                continue
            href = el.get("href")
            if href and (el.get("rel") or "alternate") == "alternate":
                link = href
                break
            if not href and el.text and el.text.strip():
                link = el.text.strip()
                break
        if not link:
            continue
        when = None
        for el in entry:
            if isinstance(el.tag, str) and etree.QName(el).localname in _DATE_TAGS:
                when = entry_date(el.text)
                if when:
                    break
        out.append((urljoin(base_url, link), when))
    return True, out


def host_allowed(url: str, domains: Iterable[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


class ArticleSpiderMixin:
    """Queueing of article pages shared by the feed, page-list and GDELT spiders: each article once per
    run and once per archive (a URL already archived with a 200 is not fetched again: news articles are
    read once; a correction published later is a new capture only if the URL is asked for explicitly)."""

    crawler: Any
    max_articles: int = 0
    _queued: set[str]

    def already_archived(self, url: str) -> bool:
        try:
            state = ArchiveExtension.of(self.crawler).state
        except LookupError:
            return False
        seen = state.get(request_key("GET", url)) if state is not None else None
        return seen is not None and seen.content_sha256 is not None

    def article_requests(self, urls: Iterable[str], **meta: Any) -> Iterator[scrapy.Request]:
        if not hasattr(self, "_queued"):
            self._queued = set()
        for url in urls:
            if self.max_articles and len(self._queued) >= self.max_articles:
                return
            if url in self._queued or self.already_archived(url):
                continue
            self._queued.add(url)
            yield scrapy.Request(url, callback=self.parse_article, meta=meta)

    def parse_article(self, response: Response) -> Iterator[Any]:
        """Nothing to follow: the archive extension has stored the page; the transform reads it."""
        return iter(())


class FeedSpider(ArticleSpiderMixin, OpenTIDSpider):
    name = "feeds"
    robots_txt = True
    robots_reason = "news sites are ordinary web sites: their robots.txt says what crawlers may fetch"

    def __init__(self, *args: Any, feed_urls: str | list[str] | None = None,
                 allowed_domains: str | list[str] | None = None, language: str | None = None,
                 max_articles: int | str = 0, **kwargs: Any):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.feed_urls = parse_list_arg(feed_urls)
        domains = parse_list_arg(allowed_domains) or [urlsplit(u).hostname or "" for u in self.feed_urls]
        # not Scrapy's ``allowed_domains``: the offsite filter would also drop the feeds of a mirror
        self.article_domains = sorted({d.lower().lstrip(".") for d in domains if d})
        self.language = language
        self.max_articles = int(max_articles or 0)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.feed_urls:
            raise ValueError(
                f"{self.name}: no feed_urls (give them in the source YAML or on the command line)"
            )
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        is_feed, entries = feed_links(response.body, response.url)
        if not is_feed:
            self.fault(response, "malformed-xml", "not an RSS/Atom feed (no rss, feed or rdf:RDF root)")
            return
        wanted = []
        for url, when in entries:
            if not host_allowed(url, self.article_domains):
                continue
            if self.since is not None and when is not None and when < self.since:
                continue
            wanted.append(url)
        yield from self.article_requests(wanted)
