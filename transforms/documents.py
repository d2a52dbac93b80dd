"""Archive → documents: every archived response the spiders kept, parsed into document rows.

Reads the capture index (``data/archive/index.sqlite``), takes for every (source, URL) its captures
with HTTP status 200 newest first, reads the response record from its WARC file and hands it to the
source's parser (``transforms/parsers``). A response that cannot be read or parsed is a *fault*
(URL, reason) — never a crash — and the next older capture of the same URL is tried, so a broken
re-fetch never loses the documents an earlier capture gave. Output: ``data/documents/<source>.parquet``,
sorted by doc_id (deterministic: same archive, same bytes).

Hints: before a source's pages are parsed, the feeds among its captures (RSS/Atom, every capture oldest
first) are read into per-article hints (``transforms.parsers.feed.hints_from_responses``), so an article
page that states no date, title or language gets its feed entry's; ``source_hints`` (a plain dict per
source, e.g. ``{"news-bbc-world": {"language": "en"}}`` taken from the source definition by the caller)
gives the last-resort defaults. Parsers that take no hints ignore them.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeadersParser

from schemas.layout import DataLayout
from schemas.parquet import write_parquet
from schemas.tables import DOCUMENTS_SCHEMA
from transforms.frames import empty_frame
from transforms.parsers import ArchivedResponse, ParseError, parser_for_source

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Fault:
    source: str
    url: str
    reason: str
    warc_record_id: str | None = None


@dataclass
class DocumentsResult:
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    responses_read: int = 0


def doc_id(url: str, content_sha256: str, record_key: str) -> str:
    """sha256 hex of canonical URL + "\\n" + content_sha256 + "\\n" + record_key (ARCHITECTURE.md)."""
    return hashlib.sha256(f"{url}\n{content_sha256}\n{record_key}".encode()).hexdigest()


def read_captures(index_db: Path, sources: list[str] | None = None) -> pl.DataFrame:
    """Captures with status 200 (all columns of the index, plus ``seq`` = insertion order)."""
    con = sqlite3.connect(f"file:{index_db}?mode=ro", uri=True)
    try:
        cur = con.execute("SELECT rowid AS seq, * FROM captures WHERE status = 200")
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        con.close()
    frame = pl.DataFrame(rows, schema=names, orient="row", infer_schema_length=None)
    if sources:
        frame = frame.filter(pl.col("source").is_in(sources))
    return frame


def _parse_time(text: str | None) -> datetime:
    value = datetime.fromisoformat((text or "1970-01-01T00:00:00+00:00").replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


_HTTP_PARSER = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)


def read_response(data_dir: Path, warc_file: str, offset: int) -> tuple[bytes, str | None, str]:
    """(body without transfer/content encoding, Content-Type, WARC-Record-ID) of the record at ``offset``.

    Accepted records: ``response`` (an HTTP header block, then the body) and ``resource`` (the body
    alone, as local files may be archived: its content type is the record's ``Content-Type`` or
    ``WARC-Content-Type``). warcio parses the HTTP header block only for http(s) URIs, so a ``response``
    record of a ``file://`` URI has its header block parsed here.
    """
    with open(data_dir / warc_file, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            rid = record.rec_headers.get_header("WARC-Record-ID")
            if record.rec_type == "resource":
                ctype = record.rec_headers.get_header("WARC-Content-Type") or record.content_type
                return record.content_stream().read(), ctype, rid
            if record.rec_type != "response":
                raise ParseError(f"record at offset {offset} is a {record.rec_type!r} record, not a response")
            if record.http_headers is None and (record.content_type or "").startswith("application/http"):
                record.http_headers = _HTTP_PARSER.parse(record.raw_stream)
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
            return record.content_stream().read(), ctype, rid
    raise ParseError(f"no WARC record at offset {offset}")


def _documents_of(data_dir: Path, cap: dict, hints: Mapping[str, Any] | None = None) -> list[dict]:
    body, ctype, rid = read_response(data_dir, cap["warc_file"], int(cap["warc_offset"]))
    sha = cap.get("content_sha256") or hashlib.sha256(body).hexdigest()
    response = ArchivedResponse(
        url=cap["url"],
        source=cap["source"],
        fetched_at=_parse_time(cap["fetched_at"]),
        status=int(cap["status"]),
        content_type=cap.get("content_type") or ctype,
        body=body,
        content_sha256=sha,
        warc_file=cap["warc_file"],
        warc_record_id=cap.get("warc_record_id") or rid,
        warc_offset=int(cap["warc_offset"]),
    )
    parser = parser_for_source(response.source)
    if parser is None:
        raise ParseError(f"no parser for source {response.source!r}")
    rows = parser(response, hints)
    out = []
    for row in rows:
        url = row.pop("url", None) or response.url
        out.append(
            {
                "doc_id": doc_id(url, sha, row["record_key"]),
                "record_key": row["record_key"],
                "source": response.source,
                "url": url,
                "fetched_at": response.fetched_at,
                "published_at": row.get("published_at"),
                "title": row.get("title"),
                "publisher": row.get("publisher"),
                "language": row.get("language"),
                "text": row.get("text"),
                "content_sha256": sha,
                "warc_file": response.warc_file,
                "warc_record_id": response.warc_record_id,
                "warc_offset": response.warc_offset,
                "http_status": response.status,
                "licence": row.get("licence"),
                "record": row.get("record"),
            }
        )
    return out


_FEED_TYPE_WORDS = ("rss", "atom", "xml")
_FEED_URL_ENDINGS = (".xml", ".rss", ".atom", "/feed", "/rss", "/atom")


def is_feed_capture(cap: Mapping[str, Any]) -> bool:
    """A capture that may be an RSS/Atom feed: an XML content type (not XHTML), or, when the index has no
    content type, a feed-like URL. The body decides in the end (``hints_from_responses`` sniffs it)."""
    ctype = (cap.get("content_type") or "").split(";")[0].strip().lower()
    if ctype:
        return "html" not in ctype and any(word in ctype for word in _FEED_TYPE_WORDS)
    path = str(cap.get("url") or "").split("?")[0].rstrip("/").lower()
    return path.endswith(_FEED_URL_ENDINGS)


def feed_hints(data_dir: Path, captures: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """Canonical article URL → hints from the feeds among ``captures`` (one source's; read oldest first,
    so the earliest listing's date wins). An unreadable feed record is skipped: it gives no hints."""
    feeds = [c for c in captures.sort(["fetched_at", "seq"]).to_dicts() if is_feed_capture(c)]
    if not feeds:
        return {}
    from transforms.parsers.feed import hints_from_responses

    def bodies() -> Iterator[tuple[str, bytes]]:
        for cap in feeds:
            try:
                body, _, _ = read_response(data_dir, cap["warc_file"], int(cap["warc_offset"]))
            except Exception:  # noqa: BLE001 - the feed's own parse fault is reported when it is parsed
                continue
            yield str(cap["url"]), body

    return hints_from_responses(bodies())


def _merge_hints(default: Mapping[str, Any] | None, feed: Mapping[str, Any] | None) -> dict[str, Any] | None:
    merged = dict(default or {})
    merged.update({k: v for k, v in (feed or {}).items() if v is not None})
    return merged or None


def _canonicaliser():  # noqa: ANN202 - the news parser's canonical_url, imported only when needed
    from transforms.parsers.news_article import canonical_url

    return canonical_url


def empty_documents() -> pl.DataFrame:
    return empty_frame(DOCUMENTS_SCHEMA)


def build_documents(
    data_dir: Path,
    sources: list[str] | None = None,
    source_hints: Mapping[str, Mapping[str, Any]] | None = None,
) -> DocumentsResult:
    """Parse the archive into one documents frame per source (nothing written).

    ``source_hints``: per source name, default hints for its parser (``language``, ``publisher``), as
    the caller read them from the source definition; feed entries override them per article."""
    layout = DataLayout(data_dir)
    result = DocumentsResult()
    if not layout.index_db.exists():
        return result
    captures = read_captures(layout.index_db, sources)
    if captures.is_empty():
        return result
    source_hints = source_hints or {}
    hints_by_url: dict[str, dict[str, dict[str, Any]]] = {}
    for (source,), group in captures.group_by(["source"], maintain_order=True):
        hints_by_url[str(source)] = feed_hints(data_dir, group)
    canonical = _canonicaliser() if any(hints_by_url.values()) else None
    captures = captures.sort(["source", "url", "fetched_at", "seq"], descending=[False, False, True, True])
    by_source: dict[str, list[dict]] = {}
    for (source, url), group in captures.group_by(["source", "url"], maintain_order=True):
        feed_hint = hints_by_url[str(source)].get(canonical(str(url))) if canonical else None
        hints = _merge_hints(source_hints.get(str(source)), feed_hint)
        for cap in group.to_dicts():  # newest first; stop at the first capture that parses
            result.responses_read += 1
            try:
                rows = _documents_of(data_dir, cap, hints)
            except Exception as exc:  # noqa: BLE001 - any failure of one response is a fault, never a crash
                reason = f"{type(exc).__name__}: {exc}"
                log.warning("parse fault: %s %s: %s", source, url, reason)
                result.faults.append(Fault(str(source), str(url), reason, cap.get("warc_record_id")))
                continue
            by_source.setdefault(str(source), []).extend(rows)
            break
    for source, rows in sorted(by_source.items()):
        frame = pl.DataFrame(rows, schema=empty_documents().schema) if rows else empty_documents()
        # one document per record_key: the newest capture wins (a record seen in two responses)
        frame = (
            frame.sort(["fetched_at", "doc_id"], descending=[True, False])
            .unique(subset=["record_key"], keep="first", maintain_order=True)
            .sort("doc_id")
        )
        result.frames[source] = frame
    return result


def write_documents(data_dir: Path, result: DocumentsResult) -> dict[str, Path]:
    layout = DataLayout(data_dir)
    written = {}
    for source, frame in sorted(result.frames.items()):
        written[source] = write_parquet(frame, layout.documents(source), DOCUMENTS_SCHEMA, ["doc_id"])
    return written
