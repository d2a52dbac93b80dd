"""Local files archived as WARC ``resource`` records or as ``response`` records with an HTTP header block."""

from __future__ import annotations

from pathlib import Path

import pytest
from transforms_archive import Exchange, write_archive

from transforms.documents import build_documents, read_captures, read_response

LOCAL = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "local" / "collection"
FILES = (("paris-article.html", "text/html"), ("jolo-notes.txt", "text/plain"))


def _archive(data_dir: Path, record_type: str) -> None:
    write_archive(
        data_dir,
        [
            Exchange(
                "local",
                f"file:///collection/{name}",
                (LOCAL / name).read_bytes(),
                ctype,
                "2026-11-20T10:00:00Z",
                record_type=record_type,
                index_content_type=False,
            )
            for name, ctype in FILES
        ],
    )


@pytest.mark.parametrize("record_type", ["response", "resource"])
def test_reader_gives_the_file_bytes_and_content_type(tmp_path: Path, record_type: str) -> None:
    _archive(tmp_path, record_type)
    caps = read_captures(tmp_path / "archive" / "index.sqlite").sort("url")
    assert caps.height == 2
    for cap, (name, ctype) in zip(caps.to_dicts(), sorted(FILES), strict=True):
        body, got_type, rid = read_response(tmp_path, cap["warc_file"], cap["warc_offset"])
        assert body == (LOCAL / name).read_bytes()  # no HTTP header block left in front of the file
        assert got_type == ctype
        assert rid == cap["warc_record_id"]


def test_both_record_kinds_give_the_same_documents(tmp_path: Path) -> None:
    frames = {}
    for kind in ("response", "resource"):
        _archive(tmp_path / kind, kind)
        result = build_documents(tmp_path / kind)
        assert result.faults == []
        frames[kind] = result.frames["local"].drop("warc_offset", "warc_record_id", "warc_file")
    assert frames["response"].height >= 2
    assert frames["response"].equals(frames["resource"])
    texts = " ".join(frames["resource"]["text"].to_list())
    assert "HTTP/1.1" not in texts and "Jolo" in texts
