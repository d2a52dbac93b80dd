"""``opentid extract`` and ``opentid evaluate`` on the fixtures, and the regression floor of the extractor."""

from __future__ import annotations

import json

import pyarrow.parquet as pq

from datasets.cli import main

#: Measured on the fixture samples (see docs/extraction.md) minus a small margin: a broken extractor fails here.
#: Measured 2026-12-04 (extractor 0.8.9 and 0.8.10, with the DEV-trained relevance model): MUC sample (TST1 0001-0040, held
#: out) detection F1 0.585, micro F1 0.477 (0.600 / 0.492 with 0.8.7-0.8.8, 0.585 / 0.477 with 0.8.3-0.8.6, 0.585 / 0.470 with 0.8.2, 0.585 / 0.449 with 0.8.1, 0.558 / 0.431 with 0.8.0, 0.571 / 0.444 with 0.7.0, 0.558 / 0.428
#: with 0.6.0, 0.591 / 0.448 with 0.5.0: the 40 messages swing by an incident or two, so the floor stays below all of them); Wikipedia sample
#: detection 0.953, attack 0.908, weapon 0.810, country 0.796, nkill 0.776, nwound 0.749, perpetrator 0.538.
MUC_FIXTURE_FLOOR = {"detection_f1": 0.55, "micro_f1": 0.41}
WIKIPEDIA_FIXTURE_FLOOR = {"detection_f1": 0.93, "attack": 0.88, "weapon": 0.78, "country": 0.77, "nkill": 0.74,
                           "nwound": 0.72, "perpetrator": 0.50}


def test_extract_muc_to_parquet(fixtures, tmp_path, capsys):
    out = tmp_path / "out.parquet"
    assert main(["extract", str(fixtures / "muc4" / "tst1-muc3-0001-0040"), "-o", str(out), "--workers", "1"]) == 0
    table = pq.read_table(out)
    rows = table.to_pylist()
    assert rows and all(r["included"] for r in rows)
    assert {"doc_id", "iyear", "country", "attacktype1", "gname", "nkill", "summary", "evidence"} <= set(table.column_names)
    assert all(r["doc_id"].startswith("TST1-MUC3-") for r in rows)
    ev = json.loads(rows[0]["evidence"])
    assert ev and {"field", "text", "start", "end", "rule"} <= set(ev[0])
    assert "40 documents" in capsys.readouterr().out


def test_extract_all_adds_flagged_candidates_and_parallel_matches_serial(fixtures, tmp_path):
    src = str(fixtures / "muc4" / "tst1-muc3-0001-0040")
    a, b = tmp_path / "a.parquet", tmp_path / "b.parquet"
    assert main(["extract", src, "-o", str(a), "--all", "--workers", "1"]) == 0
    assert main(["extract", src, "-o", str(b), "--all", "--workers", "2"]) == 0
    ra, rb = pq.read_table(a).to_pylist(), pq.read_table(b).to_pylist()
    assert ra == rb
    assert any(not r["included"] and r["flags"] for r in ra)


def test_extract_jsonl(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({
        "doc_id": "w1", "published_at": "2015-01-04",
        "text": "A suicide car bomber detonated his explosives as a military convoy passed by, killing four "
                "soldiers.[10]"}) + "\n", encoding="utf-8")
    out = tmp_path / "o.parquet"
    assert main(["extract", str(src), "-o", str(out), "--workers", "1"]) == 0
    (row,) = pq.read_table(out).to_pylist()
    assert row["doc_id"] == "w1" and row["attacktype1"] == 3 and row["suicide"] == 1
    assert row["targtype1"] == 4 and (row["iyear"], row["imonth"], row["iday"]) == (2015, 1, 4)


def test_extract_missing_input_is_a_user_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.parquet")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_evaluate_muc_fixture_stays_above_floor(fixtures, tmp_path):
    assert main(["evaluate", "--gold", "muc4", str(fixtures / "muc4"), "--out", str(tmp_path), "--workers", "1"]) == 0
    (result,) = json.loads((tmp_path / "evaluation.json").read_text()).values()
    assert result["documents"] == 40
    assert result["incidents"]["f1"] >= MUC_FIXTURE_FLOOR["detection_f1"]
    assert result["micro"]["f1"] >= MUC_FIXTURE_FLOOR["micro_f1"]
    assert "| attack |" in (tmp_path / "evaluation.md").read_text()


def test_evaluate_wikipedia_fixture_stays_above_floor(fixtures, tmp_path):
    csv = fixtures / "wikipedia_list_rows_2015-2017_sample.csv"
    assert main(["evaluate", "--gold", "wikipedia", str(csv), "--out", str(tmp_path), "--workers", "1"]) == 0
    (result,) = json.loads((tmp_path / "evaluation.json").read_text()).values()
    assert result["incidents"]["f1"] >= WIKIPEDIA_FIXTURE_FLOOR["detection_f1"]
    for name, floor in WIKIPEDIA_FIXTURE_FLOOR.items():
        if name != "detection_f1":
            assert result["fields"][name]["f1"] >= floor, name
    # the extractor codes only what the text names, so its recall stays within the share the text supports
    # (the scorer's lenient name match may credit a little more)
    for name, cap in result["text_support"].items():
        assert result["fields"][name]["recall"] <= cap["share"] + 0.02, name
    assert "| perpetrator |" in (tmp_path / "evaluation.md").read_text().split("F1 cap")[1]


def test_extract_warc_main_text_and_relative_dates(fixtures, tmp_path):
    # a real recorded crawl (Wikinews articles, CC BY 2.5; see tests/fixtures/sources/ATTRIBUTION.md)
    warc = fixtures.parent / "sources" / "local" / "collection" / "crawled.warc.gz"
    out = tmp_path / "w.parquet"
    assert main(["extract", str(warc), "-o", str(out), "--format", "warc", "--workers", "1"]) == 0
    rows = pq.read_table(out).to_pylist()
    wardak = [r for r in rows if r["provstate"] == "Maidan Wardak"]
    assert wardak and wardak[0]["country"] == 4 and wardak[0]["attacktype1"] == 3
    # "A car bomb was on Monday rammed into ..." in an article published on Thursday 24 January 2019
    assert (wardak[0]["iyear"], wardak[0]["imonth"], wardak[0]["iday"]) == (2019, 1, 21)
    mokha = [r for r in rows if r["country"] == 228]  # Yemen: "A bombing was yesterday reported ..."
    assert mokha and (mokha[0]["imonth"], mokha[0]["iday"]) == (1, 29)
