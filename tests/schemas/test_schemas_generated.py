"""Generated artefacts (pyarrow schema, codebook.json, data dictionary, GE suite) agree with the
definition, and every code list agrees with schemas/reference/gtd-codes.json."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from schemas.arrow import DICTIONARY_TYPE, incidents_schema
from schemas.codebook import build_codebook
from schemas.definition import load_definition
from schemas.dictionary import data_dictionary
from schemas.generate import GENERATED_DIR, generated_texts
from schemas.rules import incident_rules, source_rules
from schemas.suite import build_suite

REPO = Path(__file__).resolve().parents[2]
REFERENCE = json.loads((REPO / "schemas" / "reference" / "gtd-codes.json").read_text("utf-8"))
TYPES = {
    "int16": pa.int16(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "string": pa.string(),
    "dictionary": DICTIONARY_TYPE,
    "date32": pa.date32(),
    "timestamp": pa.timestamp("us", tz="UTC"),
}


def reference_codes(name: str) -> dict[str, str]:
    """The code list as the reference file writes it (read independently of schemas.definition)."""
    raw = REFERENCE[name]
    raw = raw.get("codes", raw)
    codes = {k: v for k, v in raw.items() if k != ""}
    if name == "targsubtype":
        codes |= {k: v["label"] for k, v in REFERENCE["targsubtype_post_june2017"].items()}
    return codes


def test_arrow_schema_matches_definition() -> None:
    d = load_definition()
    schema = incidents_schema()
    assert schema.names == d.names
    for f in d.fields:
        field = schema.field(f.name)
        assert field.type == TYPES[f.type], f.name
        assert field.nullable == f.nullable, f.name
        assert field.metadata[b"description"].decode() == f.description
        if f.codes:
            assert field.metadata[b"codes"].decode() == f.codes


def test_codebook_json_matches_definition_and_reference() -> None:
    d = load_definition()
    book = build_codebook()
    assert [v["name"] for v in book["variables"]] == d.names
    for entry, f in zip(book["variables"], d.fields, strict=True):
        assert entry["arrow_type"] == str(TYPES[f.type])
        assert entry["nullable"] == f.nullable
        assert entry["description"] == f.description
        assert entry.get("unknown_values", []) == f.unknown
        if f.codes:
            assert entry["code_list"] == f.codes
            assert entry["codes"] == dict(sorted(reference_codes(f.codes).items(), key=lambda kv: int(kv[0])))
        else:
            assert "codes" not in entry
    assert book["unknown_conventions"] == REFERENCE["unknown_conventions"]
    # relations: every targsubtype's parent is the reference's
    parents = REFERENCE["targsubtype_parent_targtype"]
    for sub, parent in parents.items():
        assert book["relations"]["targtype_of_targsubtype"][sub] == int(parent)
    assert book["relations"]["region_of_country"]["95"] == 10  # Iraq: Middle East & North Africa


def test_code_lists_cover_every_reference_code_list_used() -> None:
    book = build_codebook()
    used = {
        v["codes"]
        for v in REFERENCE["variables"]
        if v["codes"] not in (None, "eventid", "dbsource_values_appendix_I")
    }
    assert used == {v["code_list"] for v in book["variables"] if "code_list" in v}
    assert len(book["variables"][7]["codes"]) == len(REFERENCE["country"])  # country


def test_data_dictionary_lists_every_column_and_code() -> None:
    text = data_dictionary()
    d = load_definition()
    for i, f in enumerate(d.fields, start=1):
        assert f"| {i} | `{f.name}`" in text
    assert "| 14 | Private Citizens & Property |" in text  # targtype
    assert "| 603 | United Kingdom |" in text


def test_expectation_suite_has_one_expectation_per_rule() -> None:
    rules = [*incident_rules(), *source_rules()]
    suite = build_suite(rules)
    assert [e.meta["rule_id"] for e in suite.expectations] == [r.id for r in rules]
    names = set(load_definition().names)
    for exp, rule in zip(suite.expectations, rules, strict=True):
        assert exp.column == rule.column
        if rule.check is None and not rule.id.startswith("incident_sources."):
            assert rule.column in names
    ids = {r.id for r in rules}
    for rule_id in (
        "eventid.unique",
        "eventid.pattern",
        "country.in_codebook",
        "country_txt.label",
        "nkill.range",
        "latitude.range",
        "region.matches_country",
        "targsubtype1.matches_type",
        "weapsubtype4.matches_type",
        "date.valid",
        "incident.has_source",
        "n_sources.matches_sources",
    ):
        assert rule_id in ids
    in_set = {r.column: r.kwargs["value_set"] for r in rules if r.id.endswith(".in_codebook")}
    assert in_set["attacktype1"] == list(range(1, 10))
    assert in_set["claimed"] == [-9, 0, 1]


def test_committed_generated_files_are_up_to_date() -> None:
    for name, text in generated_texts().items():
        committed = (GENERATED_DIR / name).read_text("utf-8")
        assert committed == text, f"schemas/generated/{name} is stale: run `python -m schemas.generate`"
