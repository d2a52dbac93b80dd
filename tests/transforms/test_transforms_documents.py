"""Archive → documents on the recorded 1970 list page and UCDP GED sample (WARC replay)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from transforms_archive import WIKI_1970_FILE, WIKI_1970_URL, Exchange, write_archive

from transforms.documents import build_documents, doc_id, write_documents


def test_documents_from_archive(data_dir: Path) -> None:
    result = build_documents(data_dir)
    assert result.faults == []
    wiki = result.frames["wikipedia"]
    # the page's one incident table has 12 rows (its other <tr> belong to navigation boxes)
    assert wiki.height == 12
    assert wiki["doc_id"].is_sorted()
    first = wiki.filter(pl.col("record_key") == "wikipedia:List_of_terrorist_incidents_in_1970#1970-02-21#1")
    assert first.height == 1
    record = json.loads(first["record"][0])
    assert record["revid"] == 739338921
    assert record["cells"]["type"]["text"] == "Bombing"
    assert record["cells"]["dead"]["text"] == "47"
    assert record["cells"]["location"]["text"] == "Switzerland"
    assert record["cells"]["perpetrator"]["text"] == "PFLP-GC"
    assert {"text": "Bombing", "title": "Swissair Flight 330"} in record["cells"]["type"]["links"]
    assert (record["date"]["year"], record["date"]["month"], record["date"]["day"]) == (1970, 2, 21)
    url = first["url"][0]
    assert url.endswith("oldid=739338921")
    assert first["doc_id"][0] == doc_id(url, first["content_sha256"][0], first["record_key"][0])
    # adjacent links are kept apart; a date span keeps its end
    bronx = json.loads(wiki.filter(pl.col("record_key").str.contains("1970-05-01"))["record"][0])
    assert bronx["cells"]["location"]["text"] == "United States Bronx, New York"
    october = json.loads(wiki.filter(pl.col("record_key").str.contains("1970-10-05"))["record"][0])
    assert (october["date"]["end_month"], october["date"]["end_day"]) == (10, 17)

    ucdp = result.frames["ucdp-ged"]
    assert ucdp.height == 200
    assert ucdp["record_key"].str.starts_with("ucdp-ged:").all()
    rec = json.loads(ucdp.filter(pl.col("record_key") == "ucdp-ged:95683")["record"][0])
    assert rec["side_a"] == "Kashmir insurgents" and rec["best"] == "1"


def test_documents_written_deterministically(data_dir: Path) -> None:
    paths = write_documents(data_dir, build_documents(data_dir))
    first = {s: p.read_bytes() for s, p in paths.items()}
    paths = write_documents(data_dir, build_documents(data_dir))
    assert {s: p.read_bytes() for s, p in paths.items()} == first
    assert pl.read_parquet(paths["wikipedia"]).height == 12


def test_malformed_response_is_a_fault_and_keeps_earlier_documents(data_dir: Path) -> None:
    body = WIKI_1970_FILE.read_bytes()
    truncated = body[: len(body) // 2]
    write_archive(
        data_dir,
        [
            # a later, broken re-fetch of the same page: the earlier capture's rows must survive
            Exchange(
                "wikipedia",
                WIKI_1970_URL,
                truncated,
                "application/json",
                "2026-11-21T10:00:00Z",
                run_id="run2",
            ),
            # an API error page for another list page
            Exchange(
                "wikipedia",
                WIKI_1970_URL.replace("1970", "1971"),
                b'{"error": {"code": "missingtitle"}}',
                "application/json",
                "2026-11-21T10:01:00Z",
                run_id="run2",
            ),
        ],
    )
    result = build_documents(data_dir)
    reasons = {f.url: f.reason for f in result.faults}
    assert len(result.faults) == 2
    assert "not valid JSON" in reasons[WIKI_1970_URL]
    assert "missingtitle" in reasons[WIKI_1970_URL.replace("1970", "1971")]
    assert result.frames["wikipedia"].height == 12


def test_formatversion_2_and_date_cells(tmp_path: Path) -> None:
    """The same recorded page in the formatversion=2 shape (parse.text a string, revid given)."""
    from transforms.parsers.wikipedia_list import parse_row_date

    legacy = json.loads(WIKI_1970_FILE.read_bytes())["parse"]
    fv2 = {
        "parse": {
            "title": legacy["title"],
            "pageid": legacy["pageid"],
            "revid": 739338921,
            "text": legacy["text"]["*"],
        }
    }
    write_archive(
        tmp_path,
        [
            Exchange(
                "wikipedia",
                WIKI_1970_URL + "&formatversion=2",
                json.dumps(fv2).encode(),
                "application/json",
                "2026-11-22T10:00:00Z",
            )
        ],
    )
    result = build_documents(tmp_path)
    assert result.faults == [] and result.frames["wikipedia"].height == 12

    assert parse_row_date("January 3–7 2015", None, 0).__dict__ == {
        "year": 2015,
        "month": 1,
        "day": 3,
        "end_year": 2015,
        "end_month": 1,
        "end_day": 7,
        "alternative": False,
    }
    assert parse_row_date("January 6 or 7 2017", None, 0).alternative
    assert (parse_row_date("5", 2016, 3).month, parse_row_date("5", 2016, 3).day) == (3, 5)
    assert parse_row_date("Unknown", 2016, 3) is None


def test_ucdp_zip_and_api_page_give_the_same_records() -> None:
    import io
    import zipfile
    from datetime import UTC, datetime

    from transforms_archive import UCDP_FILE

    from transforms.parsers import ArchivedResponse, ParseError, ucdp_ged

    def response(body: bytes) -> ArchivedResponse:
        return ArchivedResponse(
            "https://ucdp.uu.se/x",
            "ucdp-ged",
            datetime(2026, 1, 1, tzinfo=UTC),
            200,
            None,
            body,
            "0" * 64,
            "f.warc.gz",
            "<urn:x>",
            0,
        )

    csv_docs = ucdp_ged.parse(response(UCDP_FILE.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("GEDEvent_v23_1.csv", UCDP_FILE.read_bytes())
    zip_docs = ucdp_ged.parse(response(buf.getvalue()))
    rows = pl.read_csv(UCDP_FILE, infer_schema_length=0).to_dicts()
    for r in rows:  # the API sends numbers as JSON numbers
        for k in ("id", "best", "deaths_a", "type_of_violence", "where_prec"):
            r[k] = int(r[k])
    api_docs = ucdp_ged.parse(
        response(json.dumps({"TotalCount": len(rows), "NextPageUrl": None, "Result": rows}).encode())
    )
    assert (
        [d["record_key"] for d in csv_docs]
        == [d["record_key"] for d in zip_docs]
        == [d["record_key"] for d in api_docs]
    )
    assert [json.loads(d["record"])["best"] for d in api_docs] == [
        json.loads(d["record"])["best"] for d in csv_docs
    ]
    try:
        ucdp_ged.parse(response(b"<html>Service unavailable</html>"))
    except ParseError as exc:
        assert "GED" in str(exc) or "CSV" in str(exc)
    else:
        raise AssertionError("an HTML error page must be a parse fault")


def test_index_pointing_nowhere_is_a_fault(data_dir: Path) -> None:
    import sqlite3

    con = sqlite3.connect(data_dir / "archive" / "index.sqlite")
    con.execute(
        "INSERT INTO captures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            "https://ucdp.uu.se/gone.csv",
            "ucdp-ged",
            "run9",
            "2026-11-23T00:00:00Z",
            200,
            None,
            "archive/ucdp-ged/run9.warc.gz",
            0,
            10,
            "<urn:uuid:gone>",
            None,
            None,
            "text/csv",
        ),
    )
    con.commit()
    con.close()
    result = build_documents(data_dir)
    assert [(f.url, f.reason.split(":")[0]) for f in result.faults] == [
        ("https://ucdp.uu.se/gone.csv", "FileNotFoundError")
    ]
    assert result.frames["ucdp-ged"].height == 200 and result.frames["wikipedia"].height == 12
