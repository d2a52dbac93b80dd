"""News article HTML → one document: main text, canonical URL, title, publisher, published date, language.

Metadata is read in a fixed order of trust, the first value found wins:

- canonical URL: ``<link rel="canonical">``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``, the fetched URL;
- title: JSON-LD ``headline``, ``og:title``, ``<title>``, the first ``<h1>``, then the feed entry;
- publisher: JSON-LD ``publisher.name``, ``og:site_name``, the outlet's configured name, the host name;
- published date: JSON-LD ``datePublished``, Open Graph ``article:published_time`` (and the common
  ``<meta name="date"|"pubdate"|...">`` variants), a ``<time datetime>`` element, then the feed entry;
- language: ``<html lang>``, JSON-LD ``inLanguage``, ``og:locale``, ``Content-Language``, the outlet's
  configured language.

Main text comes from trafilatura (precision settings: no comments, no tables); when it finds nothing the
paragraphs of the page are joined, so a short page still yields its text.

``hints`` carries what the transform knows from elsewhere (the feed entry that linked the article, the
outlet's YAML): keys ``title``, ``published_at``, ``publisher``, ``language``.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from lxml import etree

#: JSON-LD @type values that describe an article.
ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle", "BlogPosting", "WebPage", "Report"}
)
#: ``<meta>`` names/properties carrying a publication date, in order of trust.
DATE_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
)
#: Main text shorter than this is not an article (an error, maintenance, cookie-wall or paywall page).
MIN_TEXT_CHARS = 100
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_HEADER_CHARSET_RE = re.compile(r"charset=[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_TRACKING_PARAM_RE = re.compile(r"^(utm_[a-z]+|fbclid|gclid|ocid|cmpid)=", re.IGNORECASE)
_LANG_RE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_].*)?$")


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML body: a BOM, strict UTF-8, the header's charset, the page's ``<meta charset>``, cp1252.

    Bytes that decode as strict UTF-8 are UTF-8 whatever the page declares: a wrong charset (a server
    saying ISO-8859-1 for a UTF-8 page) is common on news sites, while text in a legacy charset is almost
    never valid UTF-8 by chance. cp1252 (a superset of latin-1 for text) is the last resort.
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if body.startswith(bom):
            return body.decode(enc, errors="replace")
    candidates: list[str] = ["utf-8"]
    if content_type and (m := _HEADER_CHARSET_RE.search(content_type)):
        candidates.append(m.group(1))
    if m := _CHARSET_RE.search(body[:4096]):
        candidates.append(m.group(1).decode("ascii", "ignore"))
    for enc in candidates:
        try:
            return body.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp1252", errors="replace")


def parse_date(value: str | None) -> datetime | None:
    """ISO 8601 (with or without time/zone), RFC 822 (feeds) or a leading ``YYYY-MM-DD`` → UTC datetime."""
    if not value:
        return None
    value = value.strip()
    if not value:
        return None
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
            if m:
                try:
                    dt = datetime(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def normalise_language(value: str | None) -> str | None:
    """``en-GB`` / ``en_US`` / ``EN`` → ``en``; anything not shaped like a language tag → None."""
    if not value:
        return None
    m = _LANG_RE.match(value.strip())
    if not m:
        return None
    code = m.group(1).lower()
    return code if len(code) == 2 else None


def canonical_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment, repeated slashes in the path or common tracking parameters."""
    absolute = urljoin(base, url) if base else url
    parts = urlsplit(absolute.strip())
    path = re.sub(r"/{2,}", "/", parts.path) or "/"
    query = "&".join(p for p in parts.query.split("&") if p and not _TRACKING_PARAM_RE.match(p))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _jsonld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = script.text or ""
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # malformed JSON-LD is common; the other metadata sources still apply
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _is_article(obj: Mapping[str, Any]) -> bool:
    types = obj.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t in ARTICLE_TYPES for t in types)


def _text_of(value: Any) -> str | None:
    """JSON-LD values may be a string, an object with ``name``/``@id``/``url``, or a list of those."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("url") or value.get("@id")
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta property|name|itemprop=K content=V>`` → {k.lower(): v}; the first occurrence of a key wins."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content is not None:
            out.setdefault(key.strip().lower(), content.strip())
    return out


def extract_metadata(
    tree: lxml.html.HtmlElement, url: str, hints: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Canonical URL, title, publisher, published_at and language of a parsed page (see module doc)."""
    hints = hints or {}
    meta = _meta(tree)
    article: dict[str, Any] = next((o for o in _jsonld_objects(tree) if _is_article(o)), {})

    canonical = None
    for link in tree.xpath('//link[@href][contains(concat(" ", normalize-space(@rel), " "), " canonical ")]'):
        canonical = link.get("href")
        break
    canonical = (
        canonical
        or meta.get("og:url")
        or _text_of(article.get("url"))
        or _text_of(article.get("mainEntityOfPage"))
    )
    try:
        canon = canonical_url(canonical, base=url) if canonical else canonical_url(url)
    except ValueError:
        canon = canonical_url(url)

    title_el = tree.find(".//title")
    h1 = tree.find(".//h1")
    title = (
        _text_of(article.get("headline"))
        or meta.get("og:title")
        or (title_el.text_content().strip() if title_el is not None else None)
        or (h1.text_content().strip() if h1 is not None else None)
        or hints.get("title")
    )

    publisher = (
        _text_of(article.get("publisher"))
        or meta.get("og:site_name")
        or hints.get("publisher")
        or urlsplit(canon).hostname
    )

    published = parse_date(_text_of(article.get("datePublished")))
    if published is None:
        for key in DATE_META_KEYS:
            if published := parse_date(meta.get(key)):
                break
    if published is None:
        times = tree.xpath(
            "//time[@datetime][@pubdate or @itemprop='datePublished' or contains(@class, 'publish')]"
        ) or tree.xpath("//time[@datetime]")
        for el in times:
            if published := parse_date(el.get("datetime")):
                break
    if published is None:
        hint = hints.get("published_at")
        published = hint if isinstance(hint, datetime) else parse_date(hint)

    html_el = tree.getroottree().getroot()
    language = (
        normalise_language(html_el.get("lang") or html_el.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or normalise_language(_text_of(article.get("inLanguage")))
        or normalise_language(meta.get("og:locale"))
        or normalise_language(meta.get("content-language"))
        or normalise_language(hints.get("language"))
    )
    return {
        "url": canon,
        "title": title or None,
        "publisher": publisher,
        "published_at": published,
        "language": language,
    }


def article_container(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding the article body, when the page marks it: ``itemprop="articleBody"``, else the
    ``<article>`` (or ``<main>``) with the most paragraph text; None when none holds 200+ characters."""
    for xpath in ("//*[@itemprop='articleBody']", "//article", "//main"):
        candidates = tree.xpath(xpath)
        if not candidates:
            continue
        sized = [(sum(len(t) for t in el.xpath(".//p//text()")), el) for el in candidates]
        best_len, best = max(sized, key=lambda pair: pair[0])
        if best_len >= 200:
            return best
    return None


def _standalone(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    root = lxml.html.Element("html")
    body = etree.SubElement(root, "body")
    body.append(copy.deepcopy(el))
    return root


@functools.cache
def _extractor() -> Any:
    """trafilatura's settings, built once: building them per call reads its config anew (≈1 ms a page)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", fast=True, comments=False, tables=False, images=False, dedup=False)


def extract(tree: lxml.html.HtmlElement, options: Any) -> str | None:
    import trafilatura  # imported here: it is slow to import and only the main text needs it

    return trafilatura.extract(tree, options=options)


def main_text(tree: lxml.html.HtmlElement, url: str | None = None) -> str | None:
    """Main text by trafilatura; the page's ``<p>`` texts when trafilatura finds nothing.

    When the page marks its article body (:func:`article_container`), trafilatura reads only that
    element: the same result on a marked-up news page (navigation, sidebars and footers lie outside it)
    at a third of the cost, since trafilatura's time grows with the links and blocks it has to score.
    """
    options = _extractor()
    container = article_container(tree)
    text = extract(_standalone(container), options=options) if container is not None else None
    if not (text and text.strip()):
        text = extract(tree, options=options)
    if text and text.strip():
        return text.strip()
    paras = [p.text_content().strip() for p in tree.iter("p")]
    joined = "\n\n".join(p for p in paras if p)
    return joined or None


def parse_tree(body: bytes, content_type: str | None = None) -> lxml.html.HtmlElement | None:
    """Parse HTML bytes leniently; None when the body holds no HTML element at all."""
    if not body or not body.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(decode_html(body, content_type))
    except (etree.ParserError, ValueError):
        return None
    return tree


def looks_like_html(body: bytes, content_type: str | None) -> bool:
    """True for an HTML page; False for feeds, robots.txt, JSON, images and other non-pages.

    The Content-Type decides when it says text/html or XHTML; without one the first bytes decide.
    Feeds are discovery (``transforms.parsers.feed``), never documents of their own.
    """
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return True
    if ctype:
        return False
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def parse(
    body: bytes,
    *,
    url: str,
    source: str,
    content_type: str | None = None,
    hints: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One archived article page → ``[document fields]`` (empty when the page has no text).

    The fields returned are those the page itself supports: ``record_key``, ``url``, ``title``,
    ``publisher``, ``published_at``, ``language``, ``text``, ``record``; the documents transform adds the
    capture's provenance (fetched_at, content hash, WARC position, status, licence) and ``doc_id``.
    ``record_key`` is ``<source>:<canonical URL>``. Responses that are not HTML pages (feeds,
    robots.txt) and pages with under :data:`MIN_TEXT_CHARS` characters of main text give no documents.
    """
    if not looks_like_html(body, content_type):
        return []
    tree = parse_tree(body, content_type)
    if tree is None:
        return []
    meta = extract_metadata(tree, url, hints)
    text = main_text(tree, meta["url"])
    if not text or len(text) < MIN_TEXT_CHARS:
        return []
    return [
        {
            "record_key": f"{source}:{meta['url']}",
            **meta,
            "text": text,
            "record": None,
        }
    ]
