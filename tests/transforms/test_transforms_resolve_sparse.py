"""Resolve with sources whose mentions carry no GTD columns (or no mentions at all)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from transforms_archive import Exchange, write_archive

from schemas.tables import mentions_schema
from transforms.code.registry import code_documents
from transforms.documents import build_documents
from transforms.pipeline import run_transform
from transforms.resolve import resolve

LOCAL = Path(__file__).resolve().parents[1] / "fixtures" / "sources" / "local" / "collection"


def test_no_mentions_at_all_resolve_to_no_incidents(data_dir: Path) -> None:
    docs = build_documents(data_dir).frames["wikipedia"]
    empty = pl.from_arrow(mentions_schema().empty_table())
    result = resolve(empty, docs)
    assert result.incidents.height == 0
    assert result.incident_sources.height == 0
    assert "eventid" in result.incidents.columns


def test_mentions_without_gtd_columns_do_not_break_the_others(data_dir: Path) -> None:
    frames = build_documents(data_dir).frames
    wiki = code_documents(frames["wikipedia"], "wikipedia").frame
    alone = resolve(wiki, frames["wikipedia"])
    # a source whose coder gives only the base columns (no date, no place)
    bare = wiki.select(mentions_schema().names).with_columns(
        pl.lit("local").alias("source"), (pl.col("mention_id") + "-bare").alias("mention_id")
    )
    assert "iyear" not in bare.columns
    only_bare = resolve(bare, frames["wikipedia"])
    assert only_bare.incidents.height == 0
    both = resolve(pl.concat([wiki, bare], how="diagonal_relaxed"), frames["wikipedia"])
    assert both.incidents.height == alone.incidents.height > 0


def test_transform_of_a_local_only_archive(tmp_path: Path) -> None:
    """`opentid crawl local` then `opentid transform`: text documents, no GTD mentions, no crash."""
    exchanges = [
        Exchange(
            "local", f"file:///collection/{name}", (LOCAL / name).read_bytes(), ctype, "2026-11-20T10:00:00Z"
        )
        for name, ctype in (("paris-article.html", "text/html"), ("jolo-notes.txt", "text/plain"))
    ]
    write_archive(tmp_path, exchanges)
    report = run_transform(tmp_path, previous_release=None)
    assert report.documents.get("local", 0) >= 1
    assert (tmp_path / "build" / "incidents.parquet").exists()
    assert report.incidents == pl.read_parquet(tmp_path / "build" / "incidents.parquet").height
