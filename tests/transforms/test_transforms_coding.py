"""Row/record documents → mentions: the 1970 Wikipedia list page and the UCDP GED sample."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from transforms.code import ucdp_ged, wikipedia
from transforms.code.registry import code_documents, document_kind
from transforms.documents import build_documents


@pytest.fixture
def documents(data_dir: Path) -> dict[str, pl.DataFrame]:
    return build_documents(data_dir).frames


def _mention(frame: pl.DataFrame, record_key: str, coder) -> dict:  # noqa: ANN001
    doc = frame.filter(pl.col("record_key") == record_key).to_dicts()[0]
    mentions = coder(doc)
    assert len(mentions) == 1
    return mentions[0]


def test_swissair_flight_330_row(documents: dict[str, pl.DataFrame]) -> None:
    m = _mention(
        documents["wikipedia"],
        "wikipedia:List_of_terrorist_incidents_in_1970#1970-02-21#1",
        wikipedia.code_document,
    )
    assert (m["iyear"], m["imonth"], m["iday"], m["date_precision"]) == (1970, 2, 21, "day")
    assert (m["country"], m["country_txt"]) == (199, "Switzerland")
    assert (m["region"], m["region_txt"]) == (8, "Western Europe")
    assert (m["attacktype1"], m["weaptype1"]) == (3, 6)
    assert (m["nkill"], m["nwound"], m["nkillter"]) == (47, 0, 0)
    assert m["gname"] == "PFLP-GC" and m["guncertain1"] == 0
    assert (m["crit1"], m["crit2"], m["crit3"], m["doubtterr"]) == (1, 1, 1, 0)
    assert m["scite1"] == "Wikipedia, List of terrorist incidents in 1970 (revision 739338921), CC BY-SA"
    assert m.get("summary") is None  # the Details cell is not copied
    evidence = {e["field"]: e for e in json.loads(m["evidence"])}
    assert evidence["nkill"]["text"] == "47"
    doc_text = documents["wikipedia"].filter(pl.col("doc_id") == m["doc_id"])["text"][0]
    ev = evidence["gname"]
    assert doc_text[ev["start"] : ev["end"]] == "PFLP-GC"


def test_other_1970_rows(documents: dict[str, pl.DataFrame]) -> None:
    frame = documents["wikipedia"]
    key = "wikipedia:List_of_terrorist_incidents_in_1970#1970-{}#1".format
    nyc = _mention(frame, key("03-06"), wikipedia.code_document)
    assert (nyc["country"], nyc["city"], nyc["specificity"]) == (217, "New York City", 1)
    assert nyc["latitude"] == pytest.approx(40.71, abs=0.05)
    # a hijacking's cell names Japan, South Korea and North Korea (route): the first country is where it began
    route = _mention(frame, key("03-31"), wikipedia.code_document)
    assert (route["country"], route.get("city"), route["attacktype1"]) == (101, None, 4)
    bronx = _mention(frame, key("05-01"), wikipedia.code_document)  # "United States Bronx, New York"
    assert (bronx["country"], bronx["city"], bronx["provstate"]) == (217, "Bronx", "New York")
    hijack = _mention(frame, key("09-06"), wikipedia.code_document)  # "1 (perpetrator)" dead
    assert (hijack["attacktype1"], hijack["ishostkid"], hijack["nkill"], hijack["nkillter"]) == (4, 1, 1, 1)
    soviet = _mention(frame, key("10-15"), wikipedia.code_document)  # "USSR" in 1970
    assert soviet["country"] == 359 and soviet["region"] == 9
    quebec = _mention(frame, key("10-05"), wikipedia.code_document)  # October 5 – October 17, kidnapping
    assert (quebec["extended"], quebec["attacktype1"], quebec["attacktype2"]) == (1, 6, 2)
    assert str(quebec["resolution"]) == "1970-10-17" and quebec["nwound"] is None  # "1 (kidnapped)"
    bla = _mention(frame, key("10-22"), wikipedia.code_document)
    assert (bla["gname"], bla["guncertain1"]) == ("Black Liberation Army", 1)
    unknown = _mention(frame, key("07-22"), wikipedia.code_document)
    assert unknown["gname"] == "Unknown"


def test_ucdp_filter_counts(documents: dict[str, pl.DataFrame]) -> None:
    frame = documents["ucdp-ged"]
    records = [json.loads(r) for r in frame["record"]]
    one_sided = [r for r in records if r["type_of_violence"] == "3"]
    assert len(one_sided) == 160
    non_state = [r for r in one_sided if ucdp_ged.is_terrorism_candidate(r)]
    assert len(non_state) == 99
    coded = code_documents(frame, "ucdp-ged")
    assert coded.frame.height == 99 and not coded.faults
    assert coded.frame["gname"].cast(pl.String).str.starts_with("Government of").sum() == 0
    assert coded.frame["country"].null_count() == 0


def test_ucdp_records_field_by_field(documents: dict[str, pl.DataFrame]) -> None:
    frame = documents["ucdp-ged"]
    kashmir = _mention(frame, "ucdp-ged:95683", ucdp_ged.code_document)
    assert (kashmir["iyear"], kashmir["imonth"], kashmir["iday"]) == (1990, 3, 23)
    assert (kashmir["date_precision"], kashmir["approxdate"], kashmir["extended"]) == (
        "range",
        "1990-03-23 to 1990-03-25",
        0,
    )
    assert (kashmir["country"], kashmir["provstate"], kashmir["city"]) == (
        92,
        "Jammu and Kashmir",
        "Srinagar",
    )
    assert (kashmir["specificity"], kashmir["vicinity"]) == (1, 0)
    assert kashmir["latitude"] == pytest.approx(34.080399)
    assert (kashmir["nkill"], kashmir["nkillter"], kashmir["gname"]) == (1, 0, "Kashmir insurgents")
    assert (kashmir["targtype1"], kashmir["attacktype1"], kashmir["weaptype1"]) == (14, 9, 13)
    assert (kashmir["crit1"], kashmir["crit2"], kashmir["crit3"], kashmir["doubtterr"]) == (1, 0, 1, 0)
    assert kashmir["scite1"] == "Reuters 3/25/1990" and kashmir["dbsource"] == "UCDP GED"
    # a state actor's one-sided violence is not coded
    government = frame.filter(pl.col("record_key") == "ucdp-ged:14863").to_dicts()[0]
    assert ucdp_ged.code_document(government) == []
    # "DR Congo (Zaire)" after 1997 is the Democratic Republic of the Congo (229), not Zaire (604)
    congo = _mention(frame, "ucdp-ged:39434", ucdp_ged.code_document)
    assert (congo["country"], congo["country_txt"], congo["region"]) == (
        229,
        "Democratic Republic of the Congo",
        11,
    )
    # where_prec 2: within 25 km of the named town → the town, in its vicinity
    near = _mention(frame, "ucdp-ged:391199", ucdp_ged.code_document)
    assert (near["city"], near["provstate"], near["vicinity"], near["specificity"]) == (
        "Uramita",
        "Antioquia",
        1,
        1,
    )
    # where_prec 7 (international/unknown place): no coordinates, specificity 5
    frpi = _mention(frame, "ucdp-ged:23893", ucdp_ged.code_document)
    assert (frpi["specificity"], frpi.get("latitude"), frpi["date_precision"]) == (5, None, "month")


def test_document_kinds() -> None:
    assert document_kind("wikipedia") == "wikipedia-list-row"
    assert document_kind("ucdp-ged") == "ucdp-ged-event"
    assert document_kind("wikinews") == "text"


def _row_document(i: int, row: dict) -> dict:
    """A list-row document from the cell texts of the 2015–2017 pages (as the parser would build it)."""
    from dataclasses import asdict

    from transforms.parsers.wikipedia_list import parse_row_date

    cells = {
        k: {"text": row[k] or "", "links": []}
        for k in ("date", "type", "dead", "injured", "location", "perpetrator")
    }
    parsed = parse_row_date(row["date"] or "", None, 0)
    record = {
        "page_title": "List of terrorist incidents",
        "revid": None,
        "cells": cells,
        "date": asdict(parsed) if parsed else None,
        "context_year": None,
        "context_month": 0,
    }
    text = "\n".join(f"{k}: {c['text']}" for k, c in cells.items())
    return {"doc_id": f"row{i}", "source": "wikipedia", "record": json.dumps(record), "text": text}


def test_rows_of_the_2015_2017_pages() -> None:
    rows = pl.read_csv(
        Path(__file__).resolve().parents[1]
        / "fixtures"
        / "transforms"
        / "wikipedia_list_rows_2015-2017_sample.csv",
        infer_schema=False,
    ).to_dicts()
    mentions = [m for i, r in enumerate(rows) for m in wikipedia.code_document(_row_document(i, r))]
    assert len(mentions) >= 0.99 * len(rows)
    assert sum(m.get("country") is not None for m in mentions) >= 0.97 * len(rows)
    assert sum(m["date_precision"] == "day" for m in mentions) >= 0.97 * len(rows)
    # coordinates: 292 of 481 rows (60.7 %; 284 before alternate names, "and"-lists and sites in a city);
    # the rest name villages under GeoNames' 5,000-inhabitant cut or provinces (no centroids, see geo.py)
    assert sum(m.get("latitude") is not None for m in mentions) >= 0.60 * len(rows)
    # provinces written where the city goes ("Diyala, Iraq") are provstate, specificity 4
    assert sum(m["specificity"] == 4 for m in mentions) >= 75
    first = mentions[
        0
    ]  # January 1 2015 | Shooting | 15–25+ | 10+ | Waza Region, Cameroon | Boko Haram (suspected)
    assert (first["iyear"], first["imonth"], first["iday"]) == (2015, 1, 1)
    assert (first["country"], first["provstate"], first["region"]) == (37, "Waza Region", 11)
    assert (first["nkill"], first["nwound"], first["attacktype1"], first["weaptype1"]) == (15, 10, 2, 5)
    assert (first["gname"], first["guncertain1"]) == ("Boko Haram", 1)
