"""The release gate passes a good release and blocks each kind of corruption, naming the rule."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest
from schemas_helpers import N_ROWS, set_value

from schemas.definition import code_list, region_of_country, subtype_parents
from schemas.gate import Bounds, GateInputError, GateReport, run_gate
from schemas.layout import EVENTID_ALIASES_FILE, INCIDENT_SOURCES_FILE, INCIDENTS_FILE
from schemas.parquet import write_parquet
from schemas.tables import EVENTID_ALIASES_SCHEMA


def failed_ids(report: GateReport) -> set[str]:
    return {r.rule_id for r in report.failed}


def assert_blocked(report: GateReport, rule_id: str) -> list[dict]:
    assert not report.passed
    result = report.result(rule_id)
    assert not result.passed, f"{rule_id} passed; failed: {sorted(failed_ids(report))}"
    assert result.n_failed >= 1
    assert result.examples, f"{rule_id} has no example rows"
    return result.examples


def first_eventid(release: Path) -> int:
    return pl.read_parquet(release / INCIDENTS_FILE, columns=["eventid"])["eventid"][0]


def test_good_release_passes(good_release: Path, tmp_path: Path) -> None:
    report = run_gate(good_release)
    assert report.passed, report.summary()
    assert report.n_incidents == N_ROWS
    assert len(report.results) > 150
    assert report.result("checksums.match").passed  # no SHA256SUMS: nothing to check
    json_path, md_path, html_path = report.write(tmp_path)
    data = json.loads(json_path.read_text())
    assert data["passed"] is True and data["n_failed_rules"] == 0
    assert "PASSED" in md_path.read_text() and "PASSED" in html_path.read_text()


def test_duplicate_eventid(make_release) -> None:
    def dup(df: pl.DataFrame) -> pl.DataFrame:
        return set_value(df, "eventid", 1, df["eventid"][0])

    report = run_gate(make_release(incidents=dup))
    examples = assert_blocked(report, "eventid.unique")
    assert len({e["eventid"] for e in examples}) == 1


def test_unknown_code(make_release) -> None:
    report = run_gate(make_release(incidents=lambda df: set_value(df, "attacktype1", 4, 42)))
    examples = assert_blocked(report, "attacktype1.in_codebook")
    assert examples[0]["attacktype1"] == 42
    assert "country.in_codebook" not in failed_ids(report)


def test_negative_nkill(make_release) -> None:
    report = run_gate(make_release(incidents=lambda df: set_value(df, "nkill", 7, -5)))
    assert assert_blocked(report, "nkill.range")[0]["nkill"] == -5
    assert failed_ids(report) == {"nkill.range"}


def test_latitude_out_of_range(make_release) -> None:
    def lat(df: pl.DataFrame) -> pl.DataFrame:
        row = df.with_row_index().filter(pl.col("latitude").is_not_null())["index"][0]
        return set_value(df, "latitude", row, 200.0)

    report = run_gate(make_release(incidents=lat))
    assert assert_blocked(report, "latitude.range")[0]["latitude"] == 200.0
    assert failed_ids(report) == {"latitude.range"}


def test_region_country_mismatch(make_release) -> None:
    regions = code_list("region")

    def wrong_region(df: pl.DataFrame) -> pl.DataFrame:
        right = region_of_country()[df["country"][0]]
        wrong = 1 if right != 1 else 2
        return set_value(set_value(df, "region", 0, wrong), "region_txt", 0, regions[wrong])

    report = run_gate(make_release(incidents=wrong_region))
    example = assert_blocked(report, "region.matches_country")[0]
    assert region_of_country()[example["country"]] != example["region"]
    assert failed_ids(report) == {"region.matches_country"}


def test_incident_without_source(make_release, good_release: Path) -> None:
    orphan = first_eventid(good_release)
    report = run_gate(make_release(sources=lambda s: s.filter(pl.col("eventid") != orphan)))
    assert assert_blocked(report, "incident.has_source")[0]["eventid"] == orphan
    assert_blocked(report, "n_sources.matches_sources")


def test_source_for_unknown_incident(make_release) -> None:
    report = run_gate(make_release(sources=lambda s: set_value(s, "eventid", 0, 199901019999)))
    assert assert_blocked(report, "incident_sources.eventid.known")[0]["eventid"] == 199901019999


def test_dropped_column(make_release) -> None:
    report = run_gate(make_release(arrow_incidents=lambda t: t.drop_columns(["nkill"])))
    examples = assert_blocked(report, "incidents.schema")
    assert {"column": "nkill", "problem": "missing", "expected": "int32"} in examples
    assert report.result("nkill.range").skipped


def _retype(table: pa.Table, column: str, type_: pa.DataType) -> pa.Table:
    i = table.column_names.index(column)
    return table.set_column(i, pa.field(column, type_), table.column(i).cast(type_))


def test_wrong_type(make_release) -> None:
    report = run_gate(make_release(arrow_incidents=lambda t: _retype(t, "nkill", pa.float64())))
    examples = assert_blocked(report, "incidents.schema")
    assert examples == [{"column": "nkill", "problem": "wrong type", "expected": "int32", "actual": "double"}]
    assert report.result("nkill.range").skipped
    assert report.result("nkill.range").note.startswith("not checked")


def test_extra_and_reordered_columns(make_release) -> None:
    def change(t: pa.Table) -> pa.Table:
        names = t.column_names
        t = t.select([names[1], names[0], *names[2:]])
        return t.append_column("extra", pa.array([1] * t.num_rows, pa.int8()))

    report = run_gate(make_release(arrow_incidents=change))
    problems = {(e["column"], e["problem"]) for e in assert_blocked(report, "incidents.schema")}
    assert problems == {("extra", "extra"), ("iyear", "wrong order")}


def test_txt_label_mismatch(make_release) -> None:
    report = run_gate(make_release(incidents=lambda df: set_value(df, "country_txt", 2, "Atlantis")))
    example = assert_blocked(report, "country_txt.label")[0]
    assert example["country_txt"] == "Atlantis"
    assert failed_ids(report) == {"country_txt.label"}


def test_subtype_type_mismatch(make_release) -> None:
    parents = subtype_parents("targsubtype")
    labels = code_list("targsubtype")

    def mismatch(df: pl.DataFrame) -> pl.DataFrame:
        row = df.with_row_index().filter(pl.col("targsubtype1").is_not_null())["index"][0]
        typ = df["targtype1"][row]
        other = next(s for s, p in parents.items() if p != typ)
        return set_value(set_value(df, "targsubtype1", row, other), "targsubtype1_txt", row, labels[other])

    report = run_gate(make_release(incidents=mismatch))
    example = assert_blocked(report, "targsubtype1.matches_type")[0]
    assert parents[example["targsubtype1"]] != example["targtype1"]
    assert failed_ids(report) == {"targsubtype1.matches_type"}


def test_weapon_subtype_mismatch(make_release) -> None:
    def mismatch(df: pl.DataFrame) -> pl.DataFrame:
        row = df.with_row_index().filter(pl.col("weapsubtype1").is_not_null())["index"][0]
        typ = df["weaptype1"][row]
        other = next(s for s, p in subtype_parents("weapsubtype").items() if p != typ)
        label = code_list("weapsubtype")[other]
        return set_value(set_value(df, "weapsubtype1", row, other), "weapsubtype1_txt", row, label)

    report = run_gate(make_release(incidents=mismatch))
    assert failed_ids(report) == {"weapsubtype1.matches_type"}


def test_invalid_date(make_release) -> None:
    def feb30(df: pl.DataFrame) -> pl.DataFrame:
        row = df.with_row_index().filter(pl.col("date_precision").cast(pl.String) == "day")["index"][0]
        return set_value(set_value(df, "imonth", row, 2), "iday", row, 30)

    report = run_gate(make_release(incidents=feb30))
    example = assert_blocked(report, "date.valid")[0]
    assert (example["imonth"], example["iday"]) == (2, 30)


def test_eventid_pattern(make_release, good_release: Path) -> None:
    target = first_eventid(good_release)

    def short(df: pl.DataFrame) -> pl.DataFrame:
        return df.with_columns(
            eventid=pl.when(pl.col("eventid") == target).then(12345).otherwise(pl.col("eventid"))
        )

    def short_sources(s: pl.DataFrame) -> pl.DataFrame:
        return s.with_columns(
            eventid=pl.when(pl.col("eventid") == target).then(12345).otherwise(pl.col("eventid"))
        )

    report = run_gate(make_release(incidents=short, sources=short_sources))
    assert assert_blocked(report, "eventid.pattern")[0]["eventid"] == 12345
    assert failed_ids(report) == {"eventid.pattern"}


def test_not_null_rule(make_release) -> None:
    def null_success(t: pa.Table) -> pa.Table:
        i = t.column_names.index("success")
        values = t.column(i).to_pylist()
        values[3] = None
        return t.set_column(i, pa.field("success", pa.int16()), pa.array(values, pa.int16()))

    # success is not nullable: write_parquet(schema=...) refuses such a table, so this file bypasses it
    report = run_gate(make_release(arrow_incidents=null_success))
    assert assert_blocked(report, "success.not_null")[0]["success"] is None
    assert failed_ids(report) == {"success.not_null"}


def test_row_count_drop_against_previous(make_release, good_release: Path) -> None:
    keep = pl.read_parquet(good_release / INCIDENTS_FILE, columns=["eventid"])["eventid"].head(
        int(N_ROWS * 0.8)
    )
    release = make_release(
        incidents=lambda df: df.filter(pl.col("eventid").is_in(keep.implode())),
        sources=lambda s: s.filter(pl.col("eventid").is_in(keep.implode())),
    )
    report = run_gate(release, good_release)
    example = assert_blocked(report, "rows.min_previous")[0]
    assert example == {"incidents": len(keep), "previous": N_ROWS, "minimum": int(N_ROWS * 0.9)}
    assert run_gate(release, good_release, Bounds(min_ratio=0.5)).result("rows.min_previous").passed


def test_previous_eventid_missing_unless_aliased(make_release, good_release: Path) -> None:
    ids = pl.read_parquet(good_release / INCIDENTS_FILE, columns=["eventid"])["eventid"]
    gone, survivor = ids[5], ids[6]
    release = make_release(
        incidents=lambda df: df.filter(pl.col("eventid") != gone),
        sources=lambda s: s.filter(pl.col("eventid") != gone),
    )
    report = run_gate(release, good_release)
    assert assert_blocked(report, "previous.eventids_kept") == [{"eventid": gone}]
    assert failed_ids(report) == {"previous.eventids_kept"}

    aliases = pl.DataFrame(
        {"alias_eventid": [gone], "eventid": [survivor], "reason": ["merged"], "since_version": ["2"]}
    )
    write_parquet(aliases, release / EVENTID_ALIASES_FILE, schema=EVENTID_ALIASES_SCHEMA)
    assert run_gate(release, good_release).passed


def _write_sums(folder: Path) -> None:
    lines = [
        f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}"
        for n in (INCIDENTS_FILE, INCIDENT_SOURCES_FILE, EVENTID_ALIASES_FILE)
    ]
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n")


def test_checksums(make_release) -> None:
    release = make_release()
    _write_sums(release)
    assert run_gate(release).result("checksums.match").passed
    aliases = release / EVENTID_ALIASES_FILE
    aliases.write_bytes(aliases.read_bytes() + b"\0")
    report = run_gate(release)
    example = assert_blocked(report, "checksums.match")[0]
    assert example["file"] == EVENTID_ALIASES_FILE and example["problem"] == "checksum mismatch"
    aliases.unlink()
    assert run_gate(release).result("checksums.match").examples[0]["problem"] == "missing"


def test_failed_report_names_rule_and_examples(make_release, tmp_path: Path) -> None:
    report = run_gate(make_release(incidents=lambda df: set_value(df, "nkill", 3, -7)))
    out = tmp_path / "report"
    json_path, md_path, html_path = report.write(out)
    data = json.loads(json_path.read_text())
    assert data["passed"] is False and data["failed_rules"] == ["nkill.range"]
    failed = [r for r in data["results"] if r["rule_id"] == "nkill.range"][0]
    assert failed["examples"][0]["nkill"] == -7
    assert "nkill.range" in md_path.read_text() and '"nkill": -7' in md_path.read_text()
    assert "nkill.range" in html_path.read_text()
    assert "FAIL nkill.range" in report.summary()


def test_unusable_input(tmp_path: Path) -> None:
    with pytest.raises(GateInputError, match="no such folder"):
        run_gate(tmp_path / "nope")
    with pytest.raises(GateInputError, match="incidents.parquet is missing"):
        run_gate(tmp_path)


def test_missing_incident_sources(make_release) -> None:
    release = make_release()
    (release / INCIDENT_SOURCES_FILE).unlink()
    report = run_gate(release)
    assert not report.passed
    assert report.result("incident_sources.schema").note == "incident_sources.parquet is missing"
    assert report.result("incident.has_source").skipped
