"""A researcher's own files (archived by the ``local`` spider as WARC ``resource`` records) → documents.

The format is chosen from the file name in the record's ``file://`` URI (for a member of a zip/tar the
URI is ``file:///…/collection.zip#member/path``), then from the content:

- ``.html``/``.htm``/``.xhtml``: an article page (``news_article``);
- ``.warc``/``.warc.gz``: every HTML ``response``/``resource`` record as an article page, every
  ``text/plain`` one as plain text (a WARC a colleague crawled becomes documents like our own crawls);
- ``.jsonl``/``.jsonlines``/``.ndjson``: one document per line, text from ``text``/``content``/``body``,
  plus ``title``/``headline``, ``url``, ``date``/``published``/``published_at``, ``language``/``lang``
  and ``id``/``doc_id`` when present; the other scalar fields go to ``record``;
- MUC-3/MUC-4 message files (recognised by ``DEV-MUC3-0001 (NOSC)``-style header lines, whatever the
  file name): one document per message, date and source read from its dateline;
- ``.zip``/``.tar``/``.tar.gz``/``.tgz``: every member (hidden ones skipped) as if it were a file,
  with URI ``<archive URI>#<member path>``;
- anything else that decodes as text: one plain-text document, titled by its first line.

Nothing here touches the network. ``record_key`` is ``<source>:<file URI>`` (plus ``#<id>`` for formats
holding several documents).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from transforms.parsers import news_article

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonlines", ".ndjson")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
#: Members read from one zip/tar at most, and the largest member read (a zip bomb must not exhaust memory).
MAX_MEMBERS = 100_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
_MUC_HEADER_RE = re.compile(r"^((?:DEV|TST\d+)-MUC\d-\d{4})(?:\s+\(([^)]*)\))?\s*$", re.MULTILINE)
_MUC_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_TOKEN = r"(?P<mon>" + "|".join(_MUC_MONTHS) + r")[A-Z]*\.?"
_MUC_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[^,\n]+(?:,[^,\n0-9]+)*),\s+"
    r"(?:(?P<day>\d{1,2})\s+"
    + _MONTH_TOKEN
    + r"|"
    + _MONTH_TOKEN.replace("mon", "mon2")
    + r"\s+(?P<day2>\d{1,2}))"
    r",?\s+(?P<year>\d{2,4})\s*(?:[(\[](?P<src>[^)\]]*)[)\]])?\s*--",
)


def file_name(uri: str) -> str:
    """The file (or archive member) name of a ``file://`` URI, lower-cased."""
    parts = urlsplit(uri)
    name = parts.fragment or parts.path
    return unquote(name).rsplit("/", 1)[-1].lower()


def _decode_text(body: bytes) -> str | None:
    if b"\x00" in body[:4096]:
        return None  # binary (PDF, image, office file): not a text document
    for enc in ("utf-8", "cp1252"):
        try:
            return body.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def muc_messages(text: str) -> list[tuple[str, str | None, str]]:
    """MUC message file → ``[(message id, collection tag, message text)]``."""
    heads = list(_MUC_HEADER_RE.finditer(text))
    out = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out.append((m.group(1), m.group(2), text[m.end() : end].strip()))
    return out


def muc_dateline(message: str) -> dict[str, Any]:
    """``SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- …`` → place, published_at, publisher.

    Also ``18 APRIL 89`` and ``JUNE 11 89``; a dateline without a year (``7 FEB (REUTER)``) or with
    ``NO DATE`` gives no date."""
    m = _MUC_DATELINE_RE.match(message)
    if not m:
        return {"place": None, "published_at": None, "publisher": None}
    year = int(m["year"])
    year = year + 1900 if year < 100 else year
    month = _MUC_MONTHS.index(m["mon"] or m["mon2"]) + 1
    try:
        published = datetime(year, month, int(m["day"] or m["day2"]), tzinfo=UTC)
    except ValueError:
        published = None
    return {"place": m["place"].strip(), "published_at": published, "publisher": m["src"]}


def _muc_docs(text: str, uri: str, source: str) -> list[dict[str, Any]]:
    docs = []
    for msg_id, tag, body in muc_messages(text):
        dl = muc_dateline(body)
        docs.append(
            {
                "record_key": f"{source}:{uri}#{msg_id}",
                "url": f"{uri}#{msg_id}",
                "title": msg_id,
                "publisher": dl["publisher"],
                "published_at": dl["published_at"],
                "language": "en",
                "text": body,
                "record": json.dumps({"message_id": msg_id, "collection": tag, "place": dl["place"]}),
            }
        )
    return docs


def _plain_doc(text: str, uri: str, source: str, hints: Mapping[str, Any]) -> list[dict[str, Any]]:
    text = text.strip()
    if not text:
        return []
    first = text.splitlines()[0].strip()
    return [
        {
            "record_key": f"{source}:{uri}",
            "url": uri,
            "title": first[:200] or None,
            "publisher": hints.get("publisher"),
            "published_at": None,
            "language": news_article.normalise_language(hints.get("language")),
            "text": text,
            "record": None,
        }
    ]


def _first(obj: Mapping[str, Any], *keys: str) -> Any:
    for k in keys:
        v = obj.get(k)
        if v not in (None, ""):
            return v
    return None


def _jsonl_docs(text: str, uri: str, source: str, hints: Mapping[str, Any]) -> list[dict[str, Any]]:
    docs = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            continue  # a broken line must not lose the others
        if not isinstance(obj, dict):
            continue
        body = _first(obj, "text", "content", "body")
        if not isinstance(body, str) or not body.strip():
            continue
        native_id = _first(obj, "id", "doc_id", "docid")
        key = str(native_id) if native_id is not None else f"line{lineno}"
        url = _first(obj, "url", "link")
        date = _first(obj, "published_at", "published", "date")
        scalars = {
            k: v
            for k, v in obj.items()
            if k not in ("text", "content", "body") and isinstance(v, str | int | float | bool)
        }
        docs.append(
            {
                "record_key": f"{source}:{uri}#{key}",
                "url": str(url) if url else f"{uri}#{key}",
                "title": _first(obj, "title", "headline"),
                "publisher": _first(obj, "publisher", "source_name") or hints.get("publisher"),
                "published_at": news_article.parse_date(str(date)) if date else None,
                "language": news_article.normalise_language(
                    _first(obj, "language", "lang") or hints.get("language")
                ),
                "text": body.strip(),
                "record": json.dumps(scalars, ensure_ascii=False, sort_keys=True) if scalars else None,
            }
        )
    return docs


def _warc_docs(body: bytes, source: str, hints: Mapping[str, Any]) -> list[dict[str, Any]]:
    from warcio.archiveiterator import ArchiveIterator

    docs: list[dict[str, Any]] = []
    for record in ArchiveIterator(io.BytesIO(body), arc2warc=True):
        if record.rec_type not in ("response", "resource"):
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        if record.rec_type == "response":
            if record.http_headers is None or record.http_headers.get_statuscode() != "200":
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
        else:
            ctype = record.rec_headers.get_header("Content-Type") or ""
        payload = record.content_stream().read()
        if "html" in ctype:
            docs.extend(news_article.parse(payload, url=uri, source=source, content_type=ctype, hints=hints))
        elif ctype.startswith("text/plain"):
            text = _decode_text(payload)
            if text:
                docs.extend(_plain_doc(text, uri, source, hints))
    return docs


def archive_members(body: bytes, name: str) -> list[tuple[str, bytes]]:
    """``[(member path, bytes)]`` of a zip or tar file (regular files only, hidden ones skipped)."""
    import tarfile
    import zipfile

    out: list[tuple[str, bytes]] = []

    def hidden(path: str) -> bool:
        return any(part.startswith(".") or part == "__MACOSX" for part in path.split("/"))

    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as zf:
            for info in zf.infolist()[:MAX_MEMBERS]:
                if info.is_dir() or hidden(info.filename) or info.file_size > MAX_MEMBER_BYTES:
                    continue
                out.append((info.filename, zf.read(info)))
        return out
    with tarfile.open(fileobj=io.BytesIO(body), mode="r:*") as tf:
        for member in tf.getmembers()[:MAX_MEMBERS]:
            if not member.isfile() or hidden(member.name) or member.size > MAX_MEMBER_BYTES:
                continue
            fh = tf.extractfile(member)
            if fh is not None:
                out.append((member.name, fh.read()))
    return out


def strip_http_block(body: bytes, url: str) -> bytes:
    """The file's bytes, when an archive stored a ``file://`` fetch as an HTTP-shaped ``response`` record.

    warcio parses the HTTP status line and headers of a response record only for http(s) target URIs,
    so for ``file://`` the reader hands over ``HTTP/1.1 200 OK\r\n…\r\n\r\n<file>``. WARC ``resource``
    records (the right record type for local files) do not have this block; this keeps both readable.
    """
    if url.startswith("file:") and body.startswith(b"HTTP/1.") and (end := body.find(b"\r\n\r\n")) != -1:
        return body[end + 4 :]
    return body


def parse(
    body: bytes,
    *,
    url: str,
    source: str,
    content_type: str | None = None,
    hints: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One archived local file → documents (see module docstring). Unknown binary files give none."""
    hints = hints or {}
    body = strip_http_block(body, url)
    name = file_name(url)
    if name.endswith(HTML_SUFFIXES) or (content_type or "").startswith("text/html"):
        return news_article.parse(body, url=url, source=source, content_type=content_type, hints=hints)
    if name.endswith(WARC_SUFFIXES):
        return _warc_docs(body, source, hints)
    if name.endswith(ARCHIVE_SUFFIXES):
        try:
            members = archive_members(body, name)
        except Exception as exc:  # zipfile/tarfile raise many types for a damaged archive
            raise ValueError(f"{url}: unreadable archive ({type(exc).__name__}: {exc})") from exc
        base = url.split("#", 1)[0]
        docs: list[dict[str, Any]] = []
        for member, data in members:
            docs.extend(parse(data, url=f"{base}#{member}", source=source, hints=hints))
        return docs
    text = _decode_text(body)
    if text is None:
        return []
    if name.endswith(JSONL_SUFFIXES):
        return _jsonl_docs(text, url, source, hints)
    if _MUC_HEADER_RE.search(text[:2000]):
        return _muc_docs(text, url, source)
    return _plain_doc(text, url, source, hints)
