"""Mentions → incidents: determinism, eventid format, carry-forward, merged duplicates and aliases."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from schemas.layout import DataLayout
from transforms.code.registry import code_documents
from transforms.documents import build_documents
from transforms.pipeline import run_transform
from transforms.resolve import PreviousRelease, load_previous, resolve

SWISSAIR = "wikipedia:List_of_terrorist_incidents_in_1970#1970-02-21#1"


def _inputs(data_dir: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    frames = build_documents(data_dir).frames
    docs = pl.concat(list(frames.values()))
    mentions = pl.concat([code_documents(f, s).frame for s, f in frames.items()], how="diagonal_relaxed")
    return mentions, docs


def _mirror(mentions: pl.DataFrame, docs: pl.DataFrame, nkill: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A second source telling the Swissair row (as another list would), with its own document."""
    doc = docs.filter(pl.col("record_key") == SWISSAIR).with_columns(
        pl.lit("mirror-list").alias("source"),
        pl.lit("mirror:swissair-330").alias("record_key"),
        pl.lit("f" * 64).alias("doc_id"),
    )
    swiss_doc = docs.filter(pl.col("record_key") == SWISSAIR)["doc_id"][0]
    mention = mentions.filter(pl.col("doc_id") == swiss_doc).with_columns(
        pl.lit("mirror-list").alias("source"),
        pl.lit("f" * 64).alias("doc_id"),
        pl.lit("e" * 64).alias("mention_id"),
        pl.lit(nkill).cast(pl.Int32).alias("nkill"),
    )
    return pl.concat([mentions, mention], how="diagonal_relaxed"), pl.concat([docs, doc])


def test_resolve_is_deterministic_and_ids_are_well_formed(data_dir: Path) -> None:
    mentions, docs = _inputs(data_dir)
    first = resolve(mentions, docs)
    again = resolve(mentions.sample(fraction=1.0, shuffle=True, seed=7), docs.reverse())
    assert first.incidents.equals(again.incidents)
    assert first.incident_sources.equals(again.incident_sources)
    ids = first.incidents["eventid"].cast(pl.String)
    assert ids.str.contains(r"^\d{12}$").all() and ids.n_unique() == first.incidents.height == 111
    assert "197002210001" in ids.to_list()
    # the date part: YYYYMMDD, 00 for an unknown month/day (UCDP date_prec 5 → year only)
    year_only = first.incidents.filter((pl.col("imonth") == 0) & (pl.col("iday") == 0))
    assert year_only.height > 0
    assert all(str(e)[4:8] == "0000" for e in year_only["eventid"])
    assert (first.incidents["n_sources"] == 1).all()
    assert set(first.incident_sources["role"]) == {"primary"}


def test_same_incident_from_two_sources_is_merged(data_dir: Path) -> None:
    mentions, docs = _mirror(*_inputs(data_dir), nkill=47)
    out = resolve(mentions, docs)
    assert out.incidents.height == 111
    swiss = out.incidents.filter(pl.col("eventid") == 197002210001)
    assert swiss["n_sources"][0] == 2 and swiss["nkill"][0] == 47
    rows = out.incident_sources.filter(pl.col("eventid") == 197002210001)
    assert sorted(rows["role"].to_list()) == ["corroborating", "primary"]
    # a figure far apart keeps them apart: two incidents the same day
    apart = resolve(*_mirror(*_inputs(data_dir), nkill=300))
    assert apart.incidents.height == 112
    assert {197002210001, 197002210002} <= set(apart.incidents["eventid"].to_list())


def test_carry_forward_and_aliases(data_dir: Path, tmp_path: Path) -> None:
    mentions, docs = _mirror(*_inputs(data_dir), nkill=300)
    release = tmp_path / "release-1"
    release.mkdir()
    first = resolve(mentions, docs)
    first.incidents.write_parquet(release / "incidents.parquet")
    first.incident_sources.write_parquet(release / "incident_sources.parquet")
    first.eventid_aliases.write_parquet(release / "eventid_aliases.parquet")
    prev = load_previous(release)
    assert isinstance(prev, PreviousRelease)
    ids = dict(zip(first.incident_sources["record_key"], first.incident_sources["eventid"], strict=True))
    # minted in order of record_key: "mirror:…" sorts before "wikipedia:…"
    assert (ids["mirror:swissair-330"], ids[SWISSAIR]) == (197002210001, 197002210002)

    # the mirror's figure is corrected: the two incidents are now one; the older id survives
    merged_mentions, merged_docs = _mirror(*_inputs(data_dir), nkill=47)
    second = resolve(merged_mentions, merged_docs, prev, version="2")
    assert second.incidents.height == 111 and second.carried == 111 and second.minted == 0
    assert set(second.incidents["eventid"]) <= set(first.incidents["eventid"])
    assert second.eventid_aliases.to_dicts() == [
        {"alias_eventid": 197002210002, "eventid": 197002210001, "reason": "merged", "since_version": "2"}
    ]
    after = dict(zip(second.incident_sources["record_key"], second.incident_sources["eventid"], strict=True))
    assert after[SWISSAIR] == after["mirror:swissair-330"] == 197002210001
    # every other record keeps the id it had
    assert {k: v for k, v in after.items() if k != SWISSAIR} == {
        k: v for k, v in ids.items() if k != SWISSAIR
    }

    # a third run against the second release keeps the merged id and the alias
    release2 = tmp_path / "release-2"
    release2.mkdir()
    second.incidents.write_parquet(release2 / "incidents.parquet")
    second.incident_sources.write_parquet(release2 / "incident_sources.parquet")
    second.eventid_aliases.write_parquet(release2 / "eventid_aliases.parquet")
    third = resolve(merged_mentions, merged_docs, load_previous(release2), version="3")
    assert third.incidents["eventid"].to_list() == second.incidents["eventid"].to_list()
    assert third.eventid_aliases["alias_eventid"].to_list() == [197002210002]
    # a new incident on that date never re-uses the aliased sequence number
    split = resolve(*_mirror(*_inputs(data_dir), nkill=300), load_previous(release2), version="4")
    assert 197002210003 in split.incidents["eventid"].to_list()


def test_pipeline_end_to_end(data_dir: Path) -> None:
    report = run_transform(data_dir, previous_release=None)
    assert report.documents == {"ucdp-ged": 200, "wikipedia": 12}
    assert report.mentions == {"ucdp-ged": 99, "wikipedia": 12}
    assert report.incidents == 111 and report.parse_faults == []
    layout = DataLayout(data_dir)
    incidents = pl.read_parquet(layout.build_incidents)
    assert incidents.width == 140
    assert (
        incidents["eventid"].is_sorted()
        or incidents.select("iyear", "imonth", "iday").to_series().is_sorted()
    )
    first_bytes = layout.build_incidents.read_bytes()

    # a release of this build; the next run carries every eventid forward (found automatically)
    latest = layout.release_dir("opentid-core", "v1")
    latest.mkdir(parents=True)
    for f in ("incidents.parquet", "incident_sources.parquet", "eventid_aliases.parquet"):
        shutil.copy(layout.build_dir / f, latest / f)
    layout.latest("opentid-core").symlink_to("v1")
    again = run_transform(data_dir)
    assert again.carried == 111 and again.minted == 0
    assert (
        pl.read_parquet(layout.build_incidents)
        .drop("first_seen", "last_seen")
        .equals(incidents.drop("first_seen", "last_seen"))
    )
    assert len(first_bytes) > 0


def test_a_row_whose_key_changed_keeps_its_eventid(data_dir: Path, tmp_path: Path) -> None:
    mentions, docs = _inputs(data_dir)
    first = resolve(mentions, docs)
    release = tmp_path / "release-1"
    release.mkdir()
    first.incidents.write_parquet(release / "incidents.parquet")
    # in the previous release the Swissair row had another key (say, before a row above it was removed)
    first.incident_sources.with_columns(
        pl.col("record_key").str.replace("#1970-02-21#1", "#1970-02-21#2", literal=True)
    ).write_parquet(release / "incident_sources.parquet")
    second = resolve(mentions, docs, load_previous(release))
    assert second.minted == 0 and second.carried == 111
    assert second.incidents["eventid"].to_list() == first.incidents["eventid"].to_list()
    # without a content match (a different day) the row would be new: an unrelated old id is not reused
    moved = mentions.with_columns(
        pl.when(pl.col("nkill") == 47)
        .then(pl.lit(22, dtype=pl.Int16))
        .otherwise(pl.col("iday"))
        .alias("iday")
    )
    third = resolve(moved, docs, load_previous(release))
    assert third.minted == 1 and 197002220001 in third.incidents["eventid"].to_list()


def test_incident_row_of_swissair_flight_330(data_dir: Path) -> None:
    out = resolve(*_inputs(data_dir))
    row = out.incidents.filter(pl.col("eventid") == 197002210001).to_dicts()[0]
    expected = {
        "iyear": 1970,
        "imonth": 2,
        "iday": 21,
        "extended": 0,
        "country": 199,
        "country_txt": "Switzerland",
        "region": 8,
        "region_txt": "Western Europe",
        "attacktype1": 3,
        "attacktype1_txt": "Bombing/Explosion",
        "weaptype1": 6,
        "nkill": 47,
        "nwound": 0,
        "gname": "PFLP-GC",
        "natlty1": 199,
        "targtype1": 20,
        "targtype1_txt": "Unknown",
        "crit1": 1,
        "crit2": 1,
        "crit3": 1,
        "doubtterr": 0,
        "success": 1,
        "property": -9,
        "INT_ANY": -9,
        "specificity": 5,
        "date_precision": "day",
        "n_sources": 1,
        "dbsource": "Wikipedia incident lists",
        "scite1": "Wikipedia, List of terrorist incidents in 1970 (revision 739338921), CC BY-SA",
    }
    assert {k: row[k] for k in expected} == expected
    assert (
        row["summary"]
        == "February 21, 1970: Bombing/Explosion in Switzerland (47 killed, 0 wounded); attributed to PFLP-GC."
    )
    src = out.incident_sources.filter(pl.col("eventid") == 197002210001).to_dicts()[0]
    assert (src["record_key"], src["role"], src["source"]) == (SWISSAIR, "primary", "wikipedia")
    assert src["url"].endswith("oldid=739338921") and "nkill" in src["evidence"]


ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "wikinews" / "articles.jsonl"
MAIDAN_WARDAK = "Car bomb ramming attack kills dozens at military base in Maidan Wardak, Afghanistan"


def _article_inputs() -> tuple[pl.DataFrame, pl.DataFrame]:
    """The mentions the extractor codes from a real Wikinews article (CC BY 2.5) that reports the Maidan Wardak
    bombing of 21 January 2019 and recalls a Kabul car bombing "last week" and the Ghazni assault of 2018."""
    import datetime as dt
    import hashlib
    import json

    row = next(json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()
               if json.loads(line)["doc_id"] == MAIDAN_WARDAK)
    doc = {"doc_id": hashlib.sha256(row["url"].encode()).hexdigest(), "source": "wikinews-corpus",
           "record_key": f"wikinews-corpus:{MAIDAN_WARDAK}", "url": row["url"], "title": MAIDAN_WARDAK,
           "publisher": "Wikinews", "text": row["text"],
           "published_at": dt.datetime.fromisoformat(row["published_at"]).replace(tzinfo=dt.UTC),
           "content_sha256": hashlib.sha256(row["text"].encode()).hexdigest()}
    docs = pl.DataFrame([doc])
    return code_documents(docs, "wikinews-corpus").frame, docs


def test_an_article_reporting_several_incidents_gives_several(tmp_path: Path) -> None:
    mentions, docs = _article_inputs()
    assert mentions.height >= 2, mentions["summary"].to_list()
    first = resolve(mentions, docs)
    # one incident per coded mention: a document's incidents are never merged into one for sharing its key
    assert first.incidents.height == mentions.height
    assert first.incident_sources["eventid"].n_unique() == mentions.height
    assert (201901210001 in first.incidents["eventid"].to_list())

    # a new extractor version renames every mention and codes them in another order: each incident keeps
    # its own eventid (matched by content among the ids its document had), none is merged or minted anew
    release = tmp_path / "release-1"
    release.mkdir()
    first.incidents.write_parquet(release / "incidents.parquet")
    first.incident_sources.write_parquet(release / "incident_sources.parquet")
    first.eventid_aliases.write_parquet(release / "eventid_aliases.parquet")
    renamed = mentions.reverse().with_columns(
        pl.col("mention_id").str.reverse().alias("mention_id"), pl.lit("opentid-rules/9.9").alias("extractor"))
    second = resolve(renamed, docs, load_previous(release), version="2")
    assert second.minted == 0 and second.merged == 0 and second.carried == mentions.height
    key = ["iyear", "imonth", "iday", "city", "nkill"]
    assert second.incidents.select(["eventid", *key]).sort("eventid").equals(
        first.incidents.select(["eventid", *key]).sort("eventid"))
