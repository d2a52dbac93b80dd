"""The data dictionary (Markdown) of the incidents table, generated from the definition."""

from __future__ import annotations

from pathlib import Path

from schemas.arrow import arrow_type
from schemas.definition import IncidentsDefinition, code_list, load_definition


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def data_dictionary(definition: IncidentsDefinition | None = None) -> str:
    d = definition or load_definition()
    out = [
        f"# Data dictionary: {d.table} (schema version {d.schema_version})",
        "",
        "Generated from `schemas/incidents.yaml`; do not edit by hand. Columns 1-135 are the GTD variables in",
        "GTD order, with GTD's names, codes and unknown conventions (START GTD Codebook, June 2017);",
        "the last columns are OpenTID's own. Code lists are given in full at the end.",
        "",
        "| # | column | type | null | description | codes / values | unknown & blank | range |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, f in enumerate(d.fields, start=1):
        codes = f"`{f.codes}`" if f.codes else (", ".join(f.values) if f.values else "")
        if f.label_of:
            codes = f"label of `{f.label_of}`"
        unknown = ", ".join(str(u) for u in f.unknown)
        if f.blank:
            unknown = f"{unknown}; blank: {f.blank}" if unknown else f"blank: {f.blank}"
        rng = f"{f.range.min} to {f.range.max}" if f.range else ""
        origin = "" if f.is_gtd else " (OpenTID)"
        out.append(
            f"| {i} | `{f.name}`{origin} | {arrow_type(f.type)} | {'yes' if f.nullable else 'no'} | "
            f"{_cell(f.description)} | {codes} | {_cell(unknown)} | {rng} |"
        )
    out += ["", "## Code lists", ""]
    for name in dict.fromkeys(f.codes for f in d.fields if f.codes):
        users = ", ".join(f"`{f.name}`" for f in d.fields if f.codes == name)
        out += [f"### `{name}`", "", f"Used by {users}.", "", "| code | label |", "|---|---|"]
        out += [f"| {code} | {_cell(label)} |" for code, label in code_list(name).items()]
        out.append("")
    return "\n".join(out)


def write_data_dictionary(path: str | Path, definition: IncidentsDefinition | None = None) -> Path:
    path = Path(path)
    path.write_text(data_dictionary(definition), encoding="utf-8")
    return path
