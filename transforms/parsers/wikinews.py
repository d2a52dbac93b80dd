"""Wikinews → documents, from MediaWiki API responses or article pages.

- ``action=parse`` JSON (``formatversion=1`` with ``{"*": html}`` or ``formatversion=2`` with a string):
  one document per article. The text is the article body: paragraphs and list items of the parser
  output, without tables/infoboxes/navigation, and without the trailing "Sources", "Related news",
  "External links" sections (they cite other outlets; their URLs stay in the page, not in the text).
- ``list=categorymembers`` JSON (discovery) and API error responses: no documents.
- ``/wiki/<Title>`` HTML pages: read like any news article (``news_article``), publisher "Wikinews".

The published date is the article's dateline ("Monday, January 28, 2019", the first line of a published
Wikinews article), else its date category ("January 28, 2019"), else the hint from discovery.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import lxml.html

from transforms.parsers import news_article

PUBLISHER = "Wikinews"
LICENCE = "CC-BY-2.5"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATELINE_RE = re.compile(
    rf"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+)?({_MONTHS})\s+(\d{{1,2}}),\s+(\d{{4}})"
)
_DATE_CATEGORY_RE = re.compile(rf"^({_MONTHS})[ _](\d{{1,2}}),[ _](\d{{4}})$")
_BLOCKS = ("p", "li", "blockquote", "dd")
_END_SECTIONS = {"sources", "related news", "external links", "references", "see also", "sister links"}
_DROP_XPATH = (
    "//table | //style | //script | //*[contains(@class, 'infobox')] | //*[contains(@class, 'navbox')]"
    " | //*[contains(@class, 'noprint')] | //*[@id='toc'] | //*[contains(@class, 'mw-editsection')]"
    " | //sup[contains(@class, 'reference')]"
)


def _month_date(month: str, day: str, year: str) -> datetime | None:
    try:
        return datetime.strptime(f"{month} {day} {year}", "%B %d %Y").replace(tzinfo=UTC)
    except ValueError:
        return None


def dateline_date(text: str) -> datetime | None:
    """The date of a Wikinews dateline at the start of ``text`` ("Friday, January 4, 2019")."""
    m = _DATELINE_RE.match(text)
    return _month_date(*m.groups()) if m else None


def category_date(categories: list[str]) -> datetime | None:
    """The first date category ("January_28,_2019") among ``categories``."""
    for cat in categories:
        m = _DATE_CATEGORY_RE.match(cat.removeprefix("Category:").strip())
        if m:
            return _month_date(*m.groups())
    return None


def article_url(api_url: str, title: str) -> str:
    """``https://<wiki host>/wiki/<Title>`` for a title, on the host the API call went to."""
    host = urlsplit(api_url).netloc or "en.wikinews.org"
    return f"https://{host}/wiki/" + quote(title.replace(" ", "_"), safe=",()!:;@$*/-_.~")


def body_text(html: str) -> str:
    """Article body text of parser-output HTML (see module docstring)."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in root.xpath(_DROP_XPATH):
        el.drop_tree()
    blocks: list[str] = []
    for el in root.iter("p", "li", "h2", "h3", "blockquote", "dd"):
        if el.tag in ("h2", "h3"):
            if el.text_content().strip().lower() in _END_SECTIONS:
                break
            continue
        if any(a.tag in _BLOCKS for a in el.iterancestors()):
            continue  # nested in a block already collected: its text is part of that block
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", el.text_content()).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def _parse_payload(
    payload: Mapping[str, Any], url: str, source: str, hints: Mapping[str, Any]
) -> dict[str, Any]:
    title = payload.get("title") or payload.get("displaytitle") or ""
    text_field = payload.get("text", "")
    html = text_field.get("*", "") if isinstance(text_field, dict) else str(text_field or "")
    cats_raw = payload.get("categories") or []
    categories = [c.get("category") or c.get("*") or "" for c in cats_raw if isinstance(c, dict)]
    text = body_text(html)
    published = dateline_date(text) or category_date(categories)
    if published is None and hints.get("published_at") is not None:
        hint = hints["published_at"]
        published = hint if isinstance(hint, datetime) else news_article.parse_date(str(hint))
    host = urlsplit(url).netloc
    language = news_article.normalise_language(host.split(".")[0]) if host else None
    return {
        "record_key": f"{source}:{title}",
        "url": article_url(url, title),
        "title": title or None,
        "publisher": PUBLISHER,
        "published_at": published,
        "language": language or hints.get("language"),
        "text": text,
        "licence": LICENCE,
        "record": json.dumps(
            {"pageid": payload.get("pageid"), "revid": payload.get("revid"), "categories": categories},
            ensure_ascii=False,
        ),
    }


def parse(
    body: bytes,
    *,
    url: str,
    source: str,
    content_type: str | None = None,
    hints: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One archived Wikinews response → documents (see module docstring).

    Raises ``ValueError`` for an API response that is not JSON (a truncated or HTML error body).
    """
    hints = hints or {}
    parts = urlsplit(url)
    if parts.path.endswith("api.php"):
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ValueError(f"{url}: API response is not JSON ({exc})") from exc
        if not isinstance(data, dict) or "parse" not in data:
            return []  # discovery (categorymembers), or an API error reported in the JSON
        action = parse_qs(parts.query).get("action", ["parse"])[0]
        if action != "parse":
            return []
        doc = _parse_payload(data["parse"], url, source, hints)
        return [doc] if doc["text"] else []
    docs = news_article.parse(
        body, url=url, source=source, content_type=content_type, hints={"publisher": PUBLISHER, **hints}
    )
    for doc in docs:
        doc["publisher"] = PUBLISHER
        doc["licence"] = LICENCE
        title = doc["title"] or ""
        doc["title"] = title.removesuffix(" - Wikinews, the free news source") or None
        if doc["text"] and (dl := dateline_date(doc["text"])):
            doc["published_at"] = dl
    return docs
