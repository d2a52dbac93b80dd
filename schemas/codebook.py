"""``codebook.json``: every incidents column with its type, meaning, unknown conventions and full
code list (code -> label), generated from the definition and the GTD reference code lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schemas.arrow import arrow_type
from schemas.definition import (
    IncidentsDefinition,
    code_list,
    load_definition,
    load_reference,
    region_of_country,
    subtype_parents,
)

CODEBOOK_SOURCE = "START, Global Terrorism Database Codebook: Inclusion Criteria and Variables, June 2017"


def _labels(codes: dict[int, str]) -> dict[str, str]:
    return {str(k): v for k, v in codes.items()}


def build_codebook(definition: IncidentsDefinition | None = None) -> dict[str, Any]:
    d = definition or load_definition()
    ref = load_reference()
    variables = []
    for position, f in enumerate(d.fields, start=1):
        entry: dict[str, Any] = {
            "position": position,
            "name": f.name,
            "origin": "gtd" if f.is_gtd else "opentid",
            "gtd_type": f.gtd_type,
            "arrow_type": str(arrow_type(f.type)),
            "nullable": f.nullable,
            "description": f.description,
        }
        if f.blank:
            entry["blank_means"] = f.blank
        if f.unknown:
            entry["unknown_values"] = f.unknown
        if f.range:
            entry["range"] = {"min": f.range.min, "max": f.range.max}
        if f.pattern:
            entry["pattern"] = f.pattern
        if f.unique:
            entry["unique"] = True
        if f.post1997:
            entry["post1997_only"] = True
        if f.codes:
            entry["code_list"] = f.codes
            entry["codes"] = _labels(code_list(f.codes))
        if f.values:
            entry["values"] = list(f.values)
        if f.label_of:
            entry["label_of"] = f.label_of
        if f.vocabulary_note:
            entry["gtd_vocabulary"] = f.vocabulary_note
        variables.append(entry)
    return {
        "table": d.table,
        "schema_version": d.schema_version,
        "source": CODEBOOK_SOURCE,
        "unknown_conventions": ref["unknown_conventions"],
        "variables": variables,
        "relations": {
            "region_of_country": {str(k): v for k, v in sorted(region_of_country().items())},
            "targtype_of_targsubtype": {str(k): v for k, v in sorted(subtype_parents("targsubtype").items())},
            "weaptype_of_weapsubtype": {str(k): v for k, v in sorted(subtype_parents("weapsubtype").items())},
        },
    }


def codebook_json(definition: IncidentsDefinition | None = None) -> str:
    return json.dumps(build_codebook(definition), indent=2, ensure_ascii=False) + "\n"


def write_codebook(path: str | Path, definition: IncidentsDefinition | None = None) -> Path:
    path = Path(path)
    path.write_text(codebook_json(definition), encoding="utf-8")
    return path
