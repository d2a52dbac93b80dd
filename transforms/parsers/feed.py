"""RSS 2.0 / RSS 1.0 (RDF) / Atom feed → its entries.

A feed is discovery, not reporting: its entries produce no documents of their own. They give the
article parser a fallback for what an article page does not state (title, published date, language):
see :func:`hints_by_url` and ``transforms.parsers.news_article``. Element names are matched by local name,
so namespaced variants (``dc:date``, ``atom:link``, RDF's ``rss:item``) need no special cases; malformed XML
is parsed in recovery mode so a truncated feed still yields the entries before the break.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lxml import etree

from transforms.parsers.news_article import canonical_url, normalise_language, parse_date

_ENTRY_TAGS = {"item", "entry"}
_DATE_TAGS = ("pubDate", "published", "date", "issued", "created", "updated", "modified")


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None = None
    published_at: datetime | None = None
    guid: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    language: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: etree._Element, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None


def _entry_link(el: etree._Element) -> str | None:
    """RSS ``<link>text</link>``; Atom ``<link href rel="alternate">`` (rel absent means alternate)."""
    atom_links = []
    for child in el:
        if _local(child.tag) != "link":
            continue
        href = child.get("href")
        if href:
            atom_links.append((child.get("rel") or "alternate", href))
        elif child.text and child.text.strip():
            return child.text.strip()
    for rel, href in atom_links:
        if rel == "alternate":
            return href
    guid = _child_text(el, "guid")
    if guid and guid.startswith(("http://", "https://")):
        return guid
    return atom_links[0][1] if atom_links else None


def parse_feed(body: bytes, url: str | None = None) -> Feed:
    """Parse a feed body. Raises ``ValueError`` when the body is not XML or not a feed at all."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"feed {url or ''}: not XML ({exc})") from exc
    if root is None or _local(root.tag) not in {"rss", "feed", "RDF"}:
        raise ValueError(f"feed {url or ''}: root element is not rss, feed or rdf:RDF")
    channel = next((c for c in root if _local(c.tag) == "channel"), root)
    feed_lang = normalise_language(
        _child_text(channel, "language") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    feed_link = _entry_link(channel)
    entries: list[FeedEntry] = []
    for el in root.iter():
        if _local(el.tag) not in _ENTRY_TAGS:
            continue
        link = _entry_link(el)
        if not link:
            continue  # an entry without a link cannot lead to an article
        published = None
        for tag in _DATE_TAGS:
            if published := parse_date(_child_text(el, tag)):
                break
        entries.append(
            FeedEntry(
                link=canonical_url(link, base=url) if url else canonical_url(link),
                title=_child_text(el, "title"),
                published_at=published,
                guid=_child_text(el, "guid") or _child_text(el, "id"),
                summary=_child_text(el, "description") or _child_text(el, "summary"),
            )
        )
    return Feed(title=_child_text(channel, "title"), link=feed_link, language=feed_lang, entries=entries)


def hints_by_url(feeds: Iterable[Feed]) -> dict[str, dict[str, Any]]:
    """Canonical article URL → ``{"title", "published_at", "language"}`` from the feeds that list it.

    The first feed listing a URL wins (pass feeds oldest first to keep the earliest date).
    """
    hints: dict[str, dict[str, Any]] = {}
    for feed in feeds:
        for entry in feed.entries:
            hints.setdefault(
                entry.link,
                {"title": entry.title, "published_at": entry.published_at, "language": feed.language},
            )
    return hints


def hints_from_responses(responses: Iterable[tuple[str, bytes]]) -> dict[str, dict[str, Any]]:
    """Article hints from the archived responses of a source, ``(url, body)`` oldest first: the bodies
    that are feeds are parsed, the others (article pages, robots.txt) ignored. The documents transform
    passes ``hints.get(canonical_url(url))`` to ``news_article.parse`` so the feed's date is the last resort."""
    feeds = []
    for url, body in responses:
        if b"<rss" not in body[:2048] and b"<feed" not in body[:2048] and b"<rdf:RDF" not in body[:2048]:
            continue
        try:
            feeds.append(parse_feed(body, url))
        except ValueError:
            continue  # a broken feed is already a fault of the crawl; its entries are simply missing here
    return hints_by_url(feeds)
