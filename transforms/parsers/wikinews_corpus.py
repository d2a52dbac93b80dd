"""A Wikinews article corpus CSV (``url,date,title,text``; ``spiders/sources/wikinews_corpus.py``) → one
document per article.

Each document takes the article's own Wikinews URL (normalised: the corpus writes
``https://en.wikinews.org//wiki/Title``), title, text (plain text, dateline first) and published date:
the dateline ("Friday, January 4, 2019"), else the ``date`` column. ``record_key`` is
``<source>:<article title>``, the same form the ``wikinews`` API parser uses, so an article reached both
ways is recognisably one article. The CSV file's own URL, row number and the article's content hash go to
``record``; the WARC record of the whole file is the archive record behind every document.

A file that is not such a CSV (an HTML error page, a truncated download whose header is gone, a CSV with
other columns) raises ``ParseError``; a row without a URL or text is skipped and counted in the next
document's ``record`` (``skipped_rows_before``, or the last one's ``skipped_rows_after``), so nothing is silently lost.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from transforms.parsers import ParseError
from transforms.parsers.wikinews import LICENCE, PUBLISHER, article_url, dateline_date

COLUMNS = ("url", "date", "title", "text")


def _title_of(url: str, title: str | None) -> str:
    """The article title: the ``title`` column, else the last path part of the URL."""
    if title and title.strip():
        return title.strip()
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]).replace("_", " ")


def _date_column(value: str | None) -> datetime | None:
    try:
        return datetime.strptime((value or "").strip()[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse(body: bytes, *, url: str, source: str, content_type: str | None = None) -> list[dict[str, Any]]:
    """One archived corpus file → documents (see module docstring)."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"{url}: corpus file is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = tuple(reader.fieldnames or ())
    if header[: len(COLUMNS)] != COLUMNS:
        raise ParseError(f"{url}: expected a CSV with columns {','.join(COLUMNS)}, got {','.join(header)[:80]!r}")
    docs: list[dict[str, Any]] = []
    skipped = 0
    try:
        for row_number, row in enumerate(reader, start=2):
            article = (row.get("url") or "").strip()
            article_text = (row.get("text") or "").strip()
            if not article.startswith(("http://", "https://")) or not article_text:
                skipped += 1
                continue
            title = _title_of(article, row.get("title"))
            record = {"corpus_file": url, "row": row_number,
                      "text_sha256": hashlib.sha256(article_text.encode("utf-8")).hexdigest()}
            if skipped:
                record["skipped_rows_before"] = skipped
                skipped = 0
            docs.append({
                "record_key": f"{source}:{title}",
                "url": article_url(article, title),
                "title": title,
                "publisher": PUBLISHER,
                "published_at": dateline_date(article_text) or _date_column(row.get("date")),
                "language": "en",
                "text": article_text,
                "licence": LICENCE,
                "record": json.dumps(record, ensure_ascii=False),
            })
    except csv.Error as exc:
        raise ParseError(f"{url}: malformed CSV after {len(docs)} articles: {exc}") from exc
    if not docs:
        raise ParseError(f"{url}: the corpus file holds no article with a URL and text")
    if skipped:
        last = json.loads(docs[-1]["record"])
        last["skipped_rows_after"] = skipped
        docs[-1]["record"] = json.dumps(last, ensure_ascii=False)
    return docs
