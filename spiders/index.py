"""The capture index ``data/archive/index.sqlite``: one row per archived response record with content.

Rows are buffered and inserted in batches (one transaction per batch) because a commit per page costs
more than the rest of the archiving. Each batch is one ``executemany`` inside one synchronous call,
so several crawlers in one process (one thread) never hold a write transaction across each other.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    url TEXT NOT NULL,
    source TEXT NOT NULL,
    run_id TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_sha256 TEXT,
    warc_file TEXT NOT NULL,
    warc_offset INTEGER NOT NULL,
    warc_length INTEGER NOT NULL,
    warc_record_id TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT
);
CREATE INDEX IF NOT EXISTS captures_url ON captures (url);
CREATE INDEX IF NOT EXISTS captures_source_run ON captures (source, run_id);
"""


@dataclass(frozen=True)
class Capture:
    url: str
    source: str
    run_id: str
    fetched_at: str  # ISO 8601 UTC
    status: int
    content_sha256: str | None
    warc_file: str  # relative to the data folder
    warc_offset: int
    warc_length: int
    warc_record_id: str
    etag: str | None
    last_modified: str | None
    content_type: str | None


COLUMNS = [f.name for f in fields(Capture)]
#: a row tuple without ``dataclasses.astuple``, which deep-copies every value
_row = attrgetter(*COLUMNS)


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=60, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.executescript(SCHEMA)
    return con


class CaptureIndex:
    def __init__(self, path: Path, batch_size: int = 500):
        self.path = path
        self.batch_size = batch_size
        self._con = connect(path)
        self._pending: list[tuple] = []
        self.rows_written = 0

    def add(self, capture: Capture) -> None:
        self._pending.append(_row(capture))
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        rows, self._pending = self._pending, []
        placeholders = ",".join("?" * len(COLUMNS))
        with self._con:  # one transaction
            self._con.execute("BEGIN")
            self._con.executemany(f"INSERT INTO captures ({','.join(COLUMNS)}) VALUES ({placeholders})", rows)
        self.rows_written += len(rows)

    def close(self) -> None:
        self.flush()
        self._con.close()


def read_captures(path: Path, **where: str) -> list[Capture]:
    """All captures matching the given column values (e.g. ``source="wikipedia"``), in insertion order."""
    con = sqlite3.connect(path)
    try:
        clause = " AND ".join(f"{k} = ?" for k in where) or "1"
        rows = con.execute(f"SELECT {','.join(COLUMNS)} FROM captures WHERE {clause} ORDER BY rowid",
                           tuple(where.values())).fetchall()
    finally:
        con.close()
    return [Capture(*row) for row in rows]
