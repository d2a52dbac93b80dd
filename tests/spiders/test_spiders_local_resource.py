"""Local files (``file://``) are archived as WARC ``resource`` records, not as HTTP responses: one record per
file, its bytes as the payload, the Content-Type guessed from the name, both digests; indexed with status
200 and the sha256 of the bytes. An unchanged file is a revisit on the next run. Replay serves resource
records (and the ``response`` records older archives hold for ``file://`` URIs), so a local crawl
replays from its archive. Crawls run in subprocesses over the local-collection fixtures."""

from __future__ import annotations

import hashlib
import io
import shutil
import sqlite3
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from spiders.archiving import guess_file_type
from spiders.runner import crawl_in_subprocess
from spiders.warc import Exchange, WarcFile, sha1_payload_digest, warc_date
from transforms.documents import build_documents

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "tests" / "fixtures" / "sources" / "local"
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}


def _collection(tmp: Path) -> Path:
    folder = tmp / "mine"
    shutil.copytree(LOCAL / "collection", folder)
    shutil.copy(LOCAL / "collection.zip", folder / "collection.zip")
    return folder


def _captures(data: Path) -> list[dict]:
    con = sqlite3.connect(data / "archive" / "index.sqlite")
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM captures ORDER BY url")]
    finally:
        con.close()


def _records(path: Path) -> list:
    """(type, headers, payload) of every record; warcio checks both digests of every record."""
    out = []
    with open(path, "rb") as fh:
        for r in ArchiveIterator(fh, check_digests="raise"):
            out.append((r.rec_type, r.rec_headers, r.content_stream().read()))
    return out


def test_local_files_are_resource_records(tmp_path: Path) -> None:
    folder = _collection(tmp_path)
    files = {p.as_uri(): p for p in sorted(folder.rglob("*")) if p.is_file()}
    data = tmp_path / "data"
    [m] = crawl_in_subprocess("local", data, spider_args={"path": str(folder)}, settings=FAST, timeout=120)
    assert m.status == "clean" and m.counts.archived == len(files) == 6, m

    records = _records(data / m.warc_file)
    assert [t for t, _, _ in records] == ["warcinfo"] + ["resource"] * len(files)  # no request/response
    by_uri = {h.get_header("WARC-Target-URI"): (h, payload) for t, h, payload in records if t == "resource"}
    assert set(by_uri) == set(files)
    for uri, (h, payload) in by_uri.items():
        assert payload == files[uri].read_bytes()
        assert h.get_header("Content-Type") == guess_file_type(uri)
        assert h.get_header("WARC-Payload-Digest") == sha1_payload_digest(payload)
        assert h.get_header("WARC-Block-Digest") == sha1_payload_digest(payload)
    assert by_uri[(folder / "paris-article.html").as_uri()][0].get_header("Content-Type") == "text/html"
    assert by_uri[(folder / "collection.zip").as_uri()][0].get_header("Content-Type") == "application/zip"

    captures = _captures(data)
    assert [c["url"] for c in captures] == sorted(files)
    for c in captures:
        assert c["status"] == 200 and c["run_id"] == m.run_id
        assert c["content_sha256"] == hashlib.sha256(files[c["url"]].read_bytes()).hexdigest()
        assert c["content_type"] == guess_file_type(c["url"])
        with open(data / c["warc_file"], "rb") as fh:  # the index points at the record itself
            fh.seek(c["warc_offset"])
            raw = fh.read(c["warc_length"])
        [record] = list(ArchiveIterator(io.BytesIO(raw)))
        assert record.rec_type == "resource"
        assert record.rec_headers.get_header("WARC-Record-ID") == c["warc_record_id"]

    # the documents transform reads resource records: the same documents as the fixture crawl test expects
    docs = build_documents(data, ["local"]).frames["local"]
    keys = docs.get_column("record_key").to_list()
    assert sum("DEV-MUC3-0001" in k for k in keys) == 2  # the MUC file and its copy in the zip
    assert docs.get_column("text").str.len_chars().min() > 100
    assert set(docs.get_column("http_status").to_list()) == {200}

    # a re-run: one file changed, the others unchanged -> revisits, one new capture
    changed = folder / "jolo-notes.txt"
    changed.write_bytes(changed.read_bytes() + b"\nA note added later.\n")
    [m2] = crawl_in_subprocess("local", data, spider_args={"path": str(folder)}, settings=FAST, timeout=120)
    assert m2.status == "clean" and m2.counts.archived == 1 and m2.counts.skipped_unchanged == 5, m2
    records2 = _records(data / m2.warc_file)
    revisits = [h for t, h, _ in records2 if t == "revisit"]
    assert len(revisits) == 5 and all(h.get_header("WARC-Refers-To") for h in revisits)
    refers = {h.get_header("WARC-Target-URI"): h.get_header("WARC-Refers-To") for h in revisits}
    first_ids = {c["url"]: c["warc_record_id"] for c in captures}
    assert all(refers[u] == first_ids[u] for u in refers)
    new = [c for c in _captures(data) if c["run_id"] == m2.run_id]
    assert [c["url"] for c in new] == [changed.as_uri()]
    assert new[0]["content_sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()


def test_replay_serves_resource_records(tmp_path: Path) -> None:
    folder = _collection(tmp_path)
    live = tmp_path / "live"
    [m] = crawl_in_subprocess("local", live, spider_args={"path": str(folder)}, settings=FAST, timeout=120)
    originals = {c["url"]: c for c in _captures(live)}
    # the files change after the crawl: a replay must give the archived bytes, not the disk's
    for p in folder.rglob("*.txt"):
        p.write_text("rewritten since the crawl\n", encoding="utf-8")

    replayed = tmp_path / "replayed"
    [r] = crawl_in_subprocess("local", replayed, replay=live / "archive", spider_args={"path": str(folder)},
                              timeout=120)  # fmt: skip
    assert r.status == "clean" and r.counts.archived == len(originals) and r.counts.not_in_archive == 0, r
    again = {c["url"]: c for c in _captures(replayed)}
    assert set(again) == set(originals)
    for url, c in again.items():
        assert c["content_sha256"] == originals[url]["content_sha256"]
        assert c["fetched_at"] == originals[url]["fetched_at"]  # the capture time travels with the record
        assert c["content_type"] == originals[url]["content_type"]
    kinds = [(t, h.get_header("OpenTID-Replayed-From")) for t, h, _ in _records(replayed / r.warc_file)]
    assert all(t == "resource" and src for t, src in kinds[1:])
    assert {src for _, src in kinds[1:]} == {c["warc_record_id"] for c in originals.values()}


def test_replay_reads_older_file_response_records(tmp_path: Path) -> None:
    """Archives written before local files became resource records hold ``response`` records with an
    HTTP header block for ``file://`` URIs; replay still serves them (as a resource record now)."""
    page = LOCAL / "collection" / "paris-article.html"
    body = page.read_bytes()
    old = tmp_path / "old" / "archive" / "local" / "old.warc.gz"
    old.parent.mkdir(parents=True)
    warc = WarcFile(old)
    warc.write_exchange(Exchange(url=page.as_uri(), method="GET", request_headers=[], request_body=b"", status=200,
                                 response_headers=[("Content-Type", "text/html")], body=body,
                                 warc_date=warc_date()))  # fmt: skip
    warc.close()
    data = tmp_path / "data"
    [r] = crawl_in_subprocess("local", data, replay=old, spider_args={"path": str(page)}, timeout=120)
    assert r.status == "clean" and r.counts.archived == 1, r
    [c] = _captures(data)
    assert c["url"] == page.as_uri() and c["content_sha256"] == hashlib.sha256(body).hexdigest()
    [(_, _, payload)] = [rec for rec in _records(data / r.warc_file) if rec[0] == "resource"]
    assert payload == body
