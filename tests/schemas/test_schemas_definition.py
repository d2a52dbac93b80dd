"""The one definition covers GTD's 135 variables in GTD order, with the codebook's code lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import schemas
from schemas.definition import DEFINITION_PATH, IncidentsDefinition, code_list, load_definition

REPO = Path(__file__).resolve().parents[2]
REFERENCE = json.loads((REPO / "schemas" / "reference" / "gtd-codes.json").read_text("utf-8"))
OPENTID_COLUMNS = ["date_precision", "n_sources", "first_seen", "last_seen", "confidence"]


def test_all_135_gtd_variables_in_gtd_order_then_opentid_columns() -> None:
    d = load_definition()
    gtd_names = [v["name"] for v in sorted(REFERENCE["variables"], key=lambda v: v["pos"])]
    assert len(gtd_names) == 135
    assert d.names[:135] == gtd_names
    assert d.names[135:] == OPENTID_COLUMNS
    assert all(f.is_gtd for f in d.fields[:135]) and not any(f.is_gtd for f in d.fields[135:])


def test_code_list_names_and_gtd_types_follow_the_reference() -> None:
    d = load_definition()
    for var in REFERENCE["variables"]:
        f = d.field(var["name"])
        assert f.gtd_type == var["type"], var["name"]
        if var["name"] == "dbsource":
            # GTD's Appendix I list names the collection efforts of GTD itself; OpenTID records its own sources
            assert f.codes is None and f.vocabulary_note == var["codes"]
        elif var["codes"] in (None, "eventid"):
            assert f.codes is None, var["name"]
        else:
            assert f.codes == var["codes"], var["name"]
        if var.get("post1997_only"):
            assert f.post1997, var["name"]


def test_every_txt_column_labels_the_code_column_before_it() -> None:
    d = load_definition()
    txt = [f for f in d.fields if f.name.endswith("_txt")]
    assert len(txt) == 28
    for f in txt:
        assert f.label_of == f.name[: -len("_txt")]
        assert d.names.index(f.label_of) == d.names.index(f.name) - 1
        assert f.type == "dictionary"


def test_unknown_conventions_match_the_codebook() -> None:
    d = load_definition()
    conventions = REFERENCE["unknown_conventions"]
    listed = conventions["-99"].split(";")[0].split(":")[1].split(",")
    minus99 = [re.match(r"\s*([a-z]+)", item).group(1) for item in listed]
    assert "nperps" in minus99 and "nreleased" in minus99
    for name in minus99:
        assert -99 in d.field(name).unknown, name
    for name in ("imonth", "iday"):
        assert d.field(name).unknown == [0]
    for name in ("claimed", "claim2"):
        assert -9 in d.field(name).unknown
    for name in ("nkill", "nwound"):
        f = d.field(name)
        assert f.nullable and f.blank and not f.unknown
    # -9 variables with their own -9 code in the code list
    for name in ("doubtterr", "property", "ishostkid", "ransom", "compclaim", "INT_LOG", "INT_ANY"):
        assert -9 in code_list(d.field(name).codes or ""), name


def test_types() -> None:
    d = load_definition()
    assert d.field("eventid").type == "int64"
    assert d.field("latitude").type == d.field("longitude").type == "float64"
    assert {d.field(n).type for n in ("first_seen", "last_seen")} == {"timestamp"}
    assert all(f.type == "int16" for f in d.fields if f.codes)
    assert d.field("date_precision").values == ["day", "month", "year", "range"]
    assert d.field("confidence").range.min == 0 and d.field("confidence").range.max == 1
    assert d.field("n_sources").range.min == 1


def test_schema_version_is_semver() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", schemas.SCHEMA_VERSION)
    assert load_definition().schema_version == schemas.SCHEMA_VERSION


def test_definition_rejects_inconsistent_input() -> None:
    import yaml

    raw = yaml.safe_load(DEFINITION_PATH.read_text("utf-8"))
    raw["fields"].append(dict(raw["fields"][0]))
    with pytest.raises(ValueError, match="duplicate"):
        IncidentsDefinition.model_validate(raw)
    raw = yaml.safe_load(DEFINITION_PATH.read_text("utf-8"))
    raw["fields"][8]["label_of"] = "approxdate"  # country_txt -> a field without codes
    with pytest.raises(ValueError, match="label_of"):
        IncidentsDefinition.model_validate(raw)
