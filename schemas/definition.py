"""Load and check the one declarative definition of the incidents table (``schemas/incidents.yaml``).

Everything else in ``schemas/`` (the pyarrow schema, ``codebook.json``, the data dictionary, the
great-expectations suite, the gate's cross-field rules) is generated from :func:`load_definition`.
Code lists are resolved against ``schemas/reference/gtd-codes.json`` (START GTD Codebook, June 2017).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

HERE = Path(__file__).resolve().parent
DEFINITION_PATH = HERE / "incidents.yaml"
REFERENCE_PATH = HERE / "reference" / "gtd-codes.json"

ArrowTypeName = Literal["int16", "int32", "int64", "float64", "string", "dictionary", "date32", "timestamp"]
Scalar = int | float | str


class Range(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min: float | int
    max: float | int

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"range min {self.min} > max {self.max}")
        return self


class FieldDef(BaseModel):
    """One column of the incidents table."""

    model_config = ConfigDict(extra="forbid")
    name: str
    type: ArrowTypeName
    nullable: bool
    description: str
    gtd_type: Literal["numeric", "text", "categorical", "date"] | None = None
    codes: str | None = None
    values: list[str] | None = None
    unknown: list[Scalar] = Field(default_factory=list)
    blank: str | None = None
    label_of: str | None = None
    range: Range | None = None
    pattern: str | None = None
    unique: bool = False
    post1997: bool = False
    vocabulary_note: str | None = None

    @property
    def is_gtd(self) -> bool:
        """True for the 135 GTD variables, False for OpenTID's own columns."""
        return self.gtd_type is not None

    @property
    def is_dictionary(self) -> bool:
        return self.type == "dictionary"


class IncidentsDefinition(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: str
    table: Literal["incidents"]
    fields: list[FieldDef]

    @model_validator(mode="after")
    def _consistent(self) -> IncidentsDefinition:
        names = [f.name for f in self.fields]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate field names: {dupes}")
        by_name = {f.name: f for f in self.fields}
        for f in self.fields:
            if f.label_of is not None:
                base = by_name.get(f.label_of)
                if base is None or base.codes is None:
                    raise ValueError(f"{f.name}: label_of {f.label_of!r} is not a coded field")
                if f.nullable != base.nullable:
                    raise ValueError(f"{f.name}: nullability must match {f.label_of}")
            if f.codes is not None and f.type not in ("int16", "int32", "int64"):
                raise ValueError(f"{f.name}: coded fields must have an integer type")
        return self

    # -- lookups ---------------------------------------------------------------------------------
    def field(self, name: str) -> FieldDef:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def gtd_fields(self) -> list[FieldDef]:
        return [f for f in self.fields if f.is_gtd]


@cache
def load_reference() -> dict:
    """The GTD code lists and variable list (``schemas/reference/gtd-codes.json``)."""
    return json.loads(REFERENCE_PATH.read_text(encoding="utf-8"))


@cache
def load_definition(path: Path = DEFINITION_PATH) -> IncidentsDefinition:
    """Parse and validate ``incidents.yaml``; every code list it names must exist in the reference."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    definition = IncidentsDefinition.model_validate(raw)
    ref = load_reference()
    for f in definition.fields:
        if f.codes is not None and f.codes not in ref:
            raise ValueError(f"{path}: field {f.name}: code list {f.codes!r} not in {REFERENCE_PATH.name}")
    return definition


def code_list(name: str) -> dict[int, str]:
    """Code -> label for a named GTD code list, as integers.

    Handles the reference's shapes: plain ``{"1": "label"}`` dicts, the shared lists
    (``binary_yes_no``, ``yes_no_unknown``) that nest their codes under ``codes``, and the
    ``""`` key some lists use to say "NULL = not applicable" (that is nullability, not a code).
    For ``targsubtype`` the two codes observed after June 2017 (112, 113) are included.
    """
    ref = load_reference()
    raw = ref[name]
    if isinstance(raw.get("codes"), dict):
        raw = raw["codes"]
    codes = {int(k): v for k, v in raw.items() if k != "" and not k.startswith("_")}
    if name == "targsubtype":
        for k, v in ref.get("targsubtype_post_june2017", {}).items():
            codes.setdefault(int(k), v["label"])
    return dict(sorted(codes.items()))


def allowed_codes(field: FieldDef) -> list[int]:
    """Values a coded field may hold: its code list plus its unknown sentinels."""
    if field.codes is None:
        raise ValueError(f"{field.name} has no code list")
    return sorted(set(code_list(field.codes)) | {int(u) for u in field.unknown})


def region_of_country() -> dict[int, int]:
    """Location country code -> region code, from the codebook's region table (matched by name)."""
    ref = load_reference()
    code_by_name = {label: int(code) for code, label in ref["country"].items()}
    return {
        code_by_name[name]: int(region) for region, names in ref["region_countries"].items() for name in names
    }


def subtype_parents(kind: Literal["targsubtype", "weapsubtype"]) -> dict[int, int]:
    """Subtype code -> parent type code (targsubtype -> targtype, weapsubtype -> weaptype)."""
    ref = load_reference()
    key = "targsubtype_parent_targtype" if kind == "targsubtype" else "weapsubtype_parent_weaptype"
    parents = {int(k): int(v) for k, v in ref[key].items()}
    if kind == "targsubtype":
        for k, v in ref.get("targsubtype_post_june2017", {}).items():
            parents.setdefault(int(k), int(v["parent_targtype"]))
    return parents
