"""MediaWiki "List of terrorist incidents …" pages → one document per incident-table row.

Accepts the Action API ``action=parse`` JSON (legacy ``formatversion=1``: HTML in ``parse.text["*"]``;
``formatversion=2``: ``parse.text`` is the HTML string) and plain article HTML (``/wiki/<Title>``).

Per row the document keeps the cell texts (date, type, dead, injured, location, details, perpetrator,
part of, article — whatever columns the table has) and the links in each cell, the page title and
revision, and the date context: the year (and month) from the page title ("…in 1970", "…in January
2016", "…, 2015") and the month from the nearest preceding section heading ("January").

``record_key`` = ``wikipedia:<Page_title>#<YYYY-MM-DD>#<n>``: rows have no native ID, so the key is the
page, the row's date (00 for an unknown month/day; the raw cell text if the date cannot be read) and
the row's ordinal among the rows of the same page with the same date (1, 2, ... in page order). It is
stable while editors do not insert rows before it on the same date; a row moved to another page or
date gets a new key (resolve then matches it to the old incident by content).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from urllib.parse import quote, unquote

import lxml.html

from transforms.parsers import ArchivedResponse, ParseError

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

#: Header text (lower-case, starts with) → canonical cell name.
HEADER_KEYS = [
    ("date", "date"),
    ("type", "type"),
    ("dead", "dead"),
    ("deaths", "dead"),
    ("killed", "dead"),
    ("fatalities", "dead"),
    ("injur", "injured"),
    ("wounded", "injured"),
    ("location", "location"),
    ("place", "location"),
    ("details", "details"),
    ("description", "details"),
    ("article", "article"),
    ("perpetrator", "perpetrator"),
    ("part of", "part_of"),
]
LICENCE = "CC BY-SA (Wikipedia text; 3.0 for revisions before 2023-06, 4.0 after)"


@dataclass(frozen=True)
class RowDate:
    year: int | None
    month: int  # 0 = unknown
    day: int  # 0 = unknown
    end_year: int | None = None
    end_month: int = 0
    end_day: int = 0
    #: "6 or 7": the date is one of the two (uncertainty), not a span of days
    alternative: bool = False

    def iso(self) -> str | None:
        if self.year is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def title_context(title: str) -> tuple[int | None, int]:
    """(year, month) a list page's title implies: "…in January 2016" → (2016, 1); "…in 1970" → (1970, 0)."""
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", title)
    # "January–June 2011" names a half-year: no single month
    month = re.search(rf"\b({_MONTH_RE})\b(?!\s*[–-])", title, re.IGNORECASE)
    half_year = re.search(rf"\b({_MONTH_RE})\s*[–-]\s*({_MONTH_RE})\b", title, re.IGNORECASE)
    return (
        int(year.group(1)) if year else None,
        MONTHS[month.group(1).lower()] if month and not half_year else 0,
    )


def _one_date(text: str, year: int | None, month: int) -> tuple[int | None, int, int] | None:
    text = text.strip(" ,.")
    y = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    if y:
        year = int(y.group(1))
        text = (text[: y.start()] + text[y.end() :]).strip(" ,")
    m = re.search(rf"\b({_MONTH_RE})\.?\b", text, re.IGNORECASE)
    if m:
        month = MONTHS[m.group(1).lower()]
        text = (text[: m.start()] + text[m.end() :]).strip(" ,")
    d = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)?", text.strip())
    if d and 1 <= int(d.group(1)) <= 31 and month:
        return year, month, int(d.group(1))
    if not text.strip():
        return year, month, 0
    return None


def parse_row_date(cell: str, year: int | None, month: int) -> RowDate | None:
    """The date of a row from its Date cell and the page context; None if the cell cannot be read.

    "February 21", "21 February", "January 1 2015", "5" (month from context), "October 5 – October 17"
    (a span: start and end), "5–7" (days of the context month).
    """
    text = re.sub(r"\[[^\]]*\]", "", cell or "").replace("\xa0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    if not text or text.lower() in {"unknown", "?"}:
        return None
    span = re.split(r"\s*(–|—|-|\bto\b|\buntil\b|\bor\b)\s*", text, maxsplit=1)
    start = _one_date(span[0], year, month)
    if start is None:
        return None
    if len(span) == 3:
        end = _one_date(span[2], start[0], start[1])
        if end is not None and end[2]:
            # "January 3–7 2015": the year is written once, after the span
            start_year = start[0] if re.search(r"\b(1[89]\d\d|20\d\d)\b", span[0]) else end[0]
            return RowDate(
                start_year, start[1], start[2], end[0], end[1], end[2], alternative=span[1] == "or"
            )
    return RowDate(*start)


def _classes(el: lxml.html.HtmlElement) -> set[str]:
    return set((el.get("class") or "").split())


def _hidden(el: lxml.html.HtmlElement) -> bool:
    if el.tag in ("sup", "style", "script") or {
        "flagicon",
        "reference",
        "sortkey",
        "mw-editsection",
    } & _classes(el):
        return True
    return "display:none" in (el.get("style") or "").replace(" ", "")


def cell_text(td: lxml.html.HtmlElement) -> str:
    """Visible text of a cell: footnotes, flag icons and sort keys dropped; <br> → newline;
    adjacent links separated ("United States" + "Bronx" → "United States Bronx")."""
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        if el.tag == "br":
            parts.append("\n")
        elif not _hidden(el):
            if el.tag in ("li", "p", "div", "dd"):
                parts.append("\n")  # list items and paragraphs inside a cell are lines
            if el.tag == "a" and parts and parts[-1] and parts[-1] == "\x00":
                parts.append(" ")
            if el.text:
                parts.append(el.text)
            for child in el:
                walk(child)
                if child.tail:
                    parts.append(child.tail)
            if el.tag == "a" and not el.tail:
                parts.append("\x00")  # marks "a link just ended"

    walk(td)
    text = "".join(parts).replace("\x00", "").replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def cell_links(td: lxml.html.HtmlElement) -> list[dict[str, str]]:
    """Wiki links of a cell (flag-icon links included: they name the country): text and target title."""
    out = []
    for a in td.iter("a"):
        href = a.get("href") or ""
        if not href.startswith("/wiki/") or "reference" in _classes(a.getparent()):
            continue
        target = a.get("title") or unquote(href[len("/wiki/") :]).replace("_", " ")
        if target.startswith(("File:", "Help:", "Wikipedia:", "Template:", "Category:")):
            continue
        out.append({"text": " ".join(a.text_content().split()), "title": target})
    return out


def _header_keys(tr: lxml.html.HtmlElement) -> list[str] | None:
    heads = tr.xpath("./th")
    if not heads:
        return None
    keys = []
    for th in heads:
        text = " ".join(th.text_content().split()).lower()
        key = next((k for prefix, k in HEADER_KEYS if text.startswith(prefix)), text or "column")
        for _ in range(int(th.get("colspan") or 1)):
            keys.append(key)
    return keys


def _expand_rows(table: lxml.html.HtmlElement) -> tuple[list[str], list[list[lxml.html.HtmlElement]]]:
    """Header keys and the body rows as cell lists, with rowspan/colspan cells repeated."""
    rows = table.xpath("./tr|./tbody/tr|./thead/tr")
    if not rows:
        return [], []
    header = _header_keys(rows[0]) or []
    pending: dict[int, tuple[int, lxml.html.HtmlElement]] = {}  # column → (rows left, cell)
    out = []
    for tr in rows[1:]:
        cells = tr.xpath("./td|./th")
        if not tr.xpath("./td"):
            continue  # a repeated header row
        row: list[lxml.html.HtmlElement] = []
        it = iter(cells)
        col = 0
        while True:
            if col in pending:
                left, cell = pending[col]
                row.append(cell)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (left - 1, cell)
                col += 1
                continue
            cell = next(it, None)
            if cell is None:
                break
            span = int(cell.get("rowspan") or 1) if (cell.get("rowspan") or "1").isdigit() else 1
            for _ in range(int(cell.get("colspan") or 1) if (cell.get("colspan") or "1").isdigit() else 1):
                row.append(cell)
                if span > 1:
                    pending[col] = (span - 1, cell)
                col += 1
        out.append(row)
    return header, out


def _is_incident_table(header: list[str]) -> bool:
    return "date" in header and ("type" in header or "dead" in header) and "location" in header


def _page(response: ArchivedResponse) -> tuple[str, int | None, int | None, str]:
    """(title, revid, pageid, html) from an API parse response or article HTML."""
    body = response.body
    ctype = (response.content_type or "").lower()
    if "json" in ctype or body.lstrip()[:1] == b"{":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParseError(f"response is not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ParseError("JSON response is not an object")
        if "error" in data:
            raise ParseError(f"MediaWiki API error: {json.dumps(data['error'])[:200]}")
        if "parse" not in data and ("query" in data or "batchcomplete" in data):
            return "", None, None, ""  # a discovery response (list of pages): no rows, not a fault
        parse = data.get("parse")
        if not isinstance(parse, dict) or "text" not in parse or "title" not in parse:
            raise ParseError("JSON has no parse.title / parse.text (expected action=parse output)")
        text = parse["text"]
        html = text.get("*") if isinstance(text, dict) else text
        if not isinstance(html, str):
            raise ParseError("parse.text is neither a string nor {'*': string}")
        revid = parse.get("revid")
        if revid is None:
            m = re.search(r"revision id (\d+)", html)
            revid = int(m.group(1)) if m else None
        return str(parse["title"]), revid, parse.get("pageid"), html
    try:
        html = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(f"HTML response is not UTF-8: {exc}") from exc
    title_m = re.search(r'"wgPageName"\s*:\s*"([^"]+)"', html) or re.search(
        r"<title>(.*?) - Wikipedia</title>", html
    )
    if not title_m:
        raise ParseError("HTML page without a recognisable Wikipedia page title")
    rev_m = re.search(r'"wgRevisionId"\s*:\s*(\d+)', html)
    page_m = re.search(r'"wgArticleId"\s*:\s*(\d+)', html)
    return (
        title_m.group(1).replace("_", " "),
        int(rev_m.group(1)) if rev_m else None,
        int(page_m.group(1)) if page_m else None,
        html,
    )


def page_url(title: str, revid: int | None) -> str:
    slug = quote(title.replace(" ", "_"), safe="(),_:'!-")
    if revid:
        return f"https://en.wikipedia.org/w/index.php?title={slug}&oldid={revid}"
    return f"https://en.wikipedia.org/wiki/{slug}"


def parse(response: ArchivedResponse) -> list[dict]:
    title, revid, pageid, html = _page(response)
    if not title:
        return []
    if not html.strip():
        raise ParseError("page HTML is empty")
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError(f"page HTML cannot be parsed: {exc}") from exc
    year, month = title_context(title)
    slug = title.replace(" ", "_")
    url = page_url(title, revid)
    docs: list[dict] = []
    ordinals: dict[str, int] = {}
    heading = ""
    for el in root.iter("h2", "h3", "h4", "table"):
        if el.tag != "table":
            heading = " ".join(el.text_content().replace("[edit]", "").split())
            continue
        if "wikitable" not in _classes(el):
            continue
        header, rows = _expand_rows(el)
        if not _is_incident_table(header):
            continue
        head_month = re.fullmatch(rf"({_MONTH_RE})(\s+\d{{4}})?", heading, re.IGNORECASE)
        ctx_month = MONTHS[head_month.group(1).lower()] if head_month else month
        for row in rows:
            cells: dict[str, dict] = {}
            for key, td in zip(header, row, strict=False):
                if key in cells:
                    continue
                cells[key] = {"text": cell_text(td), "links": cell_links(td)}
            if not any(c["text"] for c in cells.values()):
                continue
            date_text = cells.get("date", {}).get("text", "")
            row_date = parse_row_date(date_text, year, ctx_month)
            date_key = (
                row_date.iso() if row_date and row_date.iso() else " ".join(date_text.split()) or "undated"
            )
            ordinals[date_key] = ordinals.get(date_key, 0) + 1
            record = {
                "page_title": title,
                "revid": revid,
                "pageid": pageid,
                "section": heading or None,
                "context_year": year,
                "context_month": ctx_month,
                "date": asdict(row_date) if row_date else None,
                "ordinal": ordinals[date_key],
                "cells": cells,
            }
            docs.append(
                {
                    "record_key": f"wikipedia:{slug}#{date_key}#{ordinals[date_key]}",
                    "url": url,
                    "title": title,
                    "publisher": "Wikipedia",
                    "language": "en",
                    "licence": LICENCE,
                    "text": "\n".join(f"{k}: {c['text']}" for k, c in cells.items() if c["text"]),
                    "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
                }
            )
    return docs
