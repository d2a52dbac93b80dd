"""Per-source crawl state ``data/state/<source>.sqlite``: the seen-URL index and request quotas.

``seen`` keeps, per request key (method + URL, plus a body digest for non-GET requests), when it was
first and last fetched, its last status, and what a conditional re-request needs: the validators
(ETag, Last-Modified) and the content hash + record id of the last archived body (for revisit records
when a server ignores conditional requests). It is loaded into memory when a crawl opens and written
back in batches; the database is the truth between runs.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_status INTEGER,
    content_sha256 TEXT,
    etag TEXT,
    last_modified TEXT,
    warc_record_id TEXT,
    warc_date TEXT,
    payload_digest TEXT,
    run_id TEXT
);
CREATE TABLE IF NOT EXISTS quota (
    name TEXT NOT NULL,
    day TEXT NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (name, day)
);
"""


def request_key(method: str, url: str, body: bytes = b"") -> str:
    method = method.upper()
    if method in ("GET", "HEAD") or not body:
        return f"{method} {url}"
    return f"{method} {url} sha256:{hashlib.sha256(body).hexdigest()}"


@dataclass
class Seen:
    key: str
    url: str
    first_seen: str
    last_seen: str
    last_status: int | None
    content_sha256: str | None
    etag: str | None
    last_modified: str | None
    warc_record_id: str | None
    warc_date: str | None
    payload_digest: str | None
    run_id: str | None


_COLUMNS = [f.name for f in fields(Seen)]
_row = attrgetter(*_COLUMNS)  # not dataclasses.astuple, which deep-copies every value


class CrawlState:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.executescript(SCHEMA)
        self.seen: dict[str, Seen] = {
            row[0]: Seen(*row) for row in self._con.execute(f"SELECT {','.join(_COLUMNS)} FROM seen")
        }
        self._dirty: dict[str, Seen] = {}

    def get(self, key: str) -> Seen | None:
        return self.seen.get(key)

    def mark(self, key: str, url: str, when: str, status: int, run_id: str, *,
             content_sha256: str | None = None, etag: str | None = None, last_modified: str | None = None,
             warc_record_id: str | None = None, warc_date: str | None = None,
             payload_digest: str | None = None) -> Seen:
        """Record a fetch. Validators and content fields are only replaced by a response that has content
        (not by a 304 or an error), so a failed re-fetch never loses what the archive already holds."""
        old = self.seen.get(key)
        entry = old or Seen(key, url, when, when, None, None, None, None, None, None, None, None)
        entry.last_seen = when
        entry.last_status = status
        entry.run_id = run_id
        if content_sha256 is not None:
            entry.content_sha256 = content_sha256
            entry.etag = etag
            entry.last_modified = last_modified
            entry.warc_record_id = warc_record_id
            entry.warc_date = warc_date
            entry.payload_digest = payload_digest
        self.seen[key] = entry
        self._dirty[key] = entry
        if len(self._dirty) >= 500:
            self.flush()
        return entry

    def flush(self) -> None:
        if not self._dirty:
            return
        rows = [_row(s) for s in self._dirty.values()]
        self._dirty = {}
        with self._con:
            self._con.execute("BEGIN")
            self._con.executemany(
                f"INSERT OR REPLACE INTO seen ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
                rows,
            )

    def close(self) -> None:
        self.flush()
        self._con.close()


class QuotaCounter:
    """Requests counted against a daily quota (e.g. UCDP: 5,000 per token per day, errors included), in
    the ``quota`` table of the state database. Its own connection: it is used from the crawl's thread,
    while ``CrawlState`` lives in the archive's writer thread. Committed per request, so a crash never
    under-counts."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.executescript(SCHEMA)

    def used(self, name: str, day: str) -> int:
        row = self._con.execute("SELECT used FROM quota WHERE name = ? AND day = ?", (name, day)).fetchone()
        return int(row[0]) if row else 0

    def add(self, name: str, day: str, n: int = 1) -> int:
        self._con.execute(
            "INSERT INTO quota (name, day, used) VALUES (?, ?, ?) "
            "ON CONFLICT (name, day) DO UPDATE SET used = used + excluded.used",
            (name, day, n),
        )
        return self.used(name, day)

    def close(self) -> None:
        self._con.close()
