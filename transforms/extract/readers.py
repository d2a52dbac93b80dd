"""Readers that turn input files into a stream of ``Document`` objects.

Formats: plain text (one document per file), HTML (main text via trafilatura), JSON lines
(``doc_id``, ``text``, optional ``published_at``, ``url``, ``title``), MUC-3/4 message files (one file holds
many messages; ``doc_id`` is the message id and the dateline gives the document date) and WARC (each HTML
response's main text). Everything is a generator so that memory stays flat however large the input.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from transforms.extract.model import Document

FORMATS = ("auto", "text", "html", "jsonl", "muc", "warc")

_MUC_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.MULTILINE)
_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}
_DATELINE = re.compile(r"\b(\d{1,2})\s+(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?\s+(\d{2,4})\b",
                       re.IGNORECASE)


def dateline_date(text: str, window: int = 200) -> dt.date | None:
    """The date in a wire-style dateline (``SAN SALVADOR, 3 JAN 90 --``) near the start of ``text``."""
    m = _DATELINE.search(text[:window])
    if not m:
        return None
    year = int(m.group(3))
    if year < 100:
        year += 1900 if year > 30 else 2000
    try:
        return dt.date(year, _MONTHS[m.group(2).upper()[:3]], int(m.group(1)))
    except ValueError:
        return None


def iter_muc(text: str) -> Iterator[Document]:
    """Split a MUC-3/4 message file into documents."""
    heads = list(_MUC_ID.finditer(text))
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[m.end():end].strip("\n")
        yield Document(doc_id=m.group(1), text=body, published_at=dateline_date(body))


def _parse_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    s = str(value)
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def iter_jsonl(lines: Iterable[str], origin: str = "") -> Iterator[Document]:
    for n, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{origin}:{n}: not a JSON object ({exc.msg}); expected one JSON object per line") from exc
        if "text" not in rec:
            raise ValueError(f"{origin}:{n}: no 'text' key; each line needs doc_id and text")
        doc_id = str(rec.get("doc_id") or hashlib.sha256(rec["text"].encode()).hexdigest())
        yield Document(doc_id=doc_id, text=rec["text"] or "", published_at=_parse_date(rec.get("published_at")),
                       url=rec.get("url"), title=rec.get("title"))


def html_main_text(html: str | bytes) -> str:
    """Main text of an HTML page (boilerplate removed) via trafilatura; empty if nothing is found."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=True) or ""


def _html_date(html: str | bytes) -> dt.date | None:
    try:
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(html)
    except Exception:  # metadata is a best effort; a page without it is still a document
        return None
    return _parse_date(getattr(meta, "date", None)) if meta else None


def iter_warc(path: Path) -> Iterator[Document]:
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype.lower():
                continue
            body = record.content_stream().read()
            text = html_main_text(body)
            if not text:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            rid = record.rec_headers.get_header("WARC-Record-ID") or url
            yield Document(doc_id=hashlib.sha256(rid.encode()).hexdigest(), text=text,
                           published_at=_html_date(body) or _parse_date(record.rec_headers.get_header("WARC-Date")),
                           url=url)


def sniff_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".html", ".htm")):
        return "html"
    head = _open_text(path).read(4096)
    if _MUC_ID.search(head):
        return "muc"
    if head.lstrip().startswith("{"):
        return "jsonl"
    if head.lstrip().lower().startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def _open_text(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")


def iter_documents(paths: Iterable[Path], fmt: str = "auto") -> Iterator[Document]:
    """Documents from files (directories are walked in sorted order), one at a time."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    for path in _expand(paths):
        kind = sniff_format(path) if fmt == "auto" else fmt
        if kind == "warc":
            yield from iter_warc(path)
        elif kind == "jsonl":
            with _open_text(path) as fh:
                yield from iter_jsonl(fh, str(path))
        elif kind == "muc":
            with _open_text(path) as fh:
                yield from iter_muc(fh.read())
        elif kind == "html":
            raw = path.read_bytes()
            yield Document(doc_id=path.stem, text=html_main_text(raw), published_at=_html_date(raw))
        else:
            with _open_text(path) as fh:
                yield Document(doc_id=path.stem, text=fh.read())


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or directory")
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and not q.name.startswith("."))
        else:
            yield p
