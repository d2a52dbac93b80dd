"""The gate's rules for the incidents table, generated from the definition.

A rule is one great-expectations expectation on one column. Single-column rules (not null, in
codebook set, in range, unique, pattern) check a column of the table directly. Cross-field rules
(label equals the code's label, region matches country, subtype matches type, date is valid, every
incident has a source ...) are computed first as boolean polars columns named ``check__<id>``
(True = row passes, null = not applicable) and then checked by great-expectations.

This module does not import great-expectations (``schemas/suite.py`` turns rules into a suite).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

from schemas.definition import (
    FieldDef,
    IncidentsDefinition,
    allowed_codes,
    code_list,
    load_definition,
    region_of_country,
    subtype_parents,
)

Prep = Literal["none", "text", "mask_unknown", "presence"]


@dataclass(eq=False)
class Rule:
    """One check; ``column`` is what the expectation reads (a table column or a ``check__`` column)."""

    id: str
    description: str
    expectation: str
    column: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    #: columns shown in failure examples (besides eventid)
    show: tuple[str, ...] = ()
    #: table columns the rule needs (for skipping rules whose columns are missing)
    needs: tuple[str, ...] = ()
    #: cross-field rules: boolean expression, True where the row passes (null = not applicable)
    check: pl.Expr | None = None
    #: how to prepare the column before handing it to great-expectations: as is, as text, with the
    #: unknown markers masked (range rules), or as a 1/null presence flag (not-null rules: same
    #: nulls, but great-expectations need not hash 300k distinct strings to count them)
    prep: Prep = "none"
    unknown: tuple[Any, ...] = ()
    #: "sources" rules need incident_sources joined in
    uses_sources: bool = False

    def __post_init__(self) -> None:
        if not self.needs:
            self.needs = self.show or (self.column,)


def check_column(rule_id: str) -> str:
    return "check__" + rule_id.replace(".", "__")


def _cross(rule_id: str, description: str, expr: pl.Expr, show: tuple[str, ...], **kw: Any) -> Rule:
    return Rule(
        id=rule_id,
        description=description,
        expectation="ExpectColumnValuesToBeInSet",
        column=check_column(rule_id),
        kwargs={"value_set": [True]},
        show=show,
        check=expr,
        **kw,
    )


def _field_rules(f: FieldDef) -> list[Rule]:
    out: list[Rule] = []
    show = (f.name,)
    if not f.nullable and not f.label_of:  # a label's presence is part of its `.label` rule
        out.append(
            Rule(
                f"{f.name}.not_null",
                f"{f.name} is never null",
                "ExpectColumnValuesToNotBeNull",
                f.name,
                show=show,
                prep="presence",
            )
        )
    if f.unique:
        out.append(
            Rule(
                f"{f.name}.unique",
                f"{f.name} values are unique",
                "ExpectColumnValuesToBeUnique",
                f.name,
                show=show,
            )
        )
    if f.pattern:
        out.append(
            Rule(
                f"{f.name}.pattern",
                f"{f.name} matches {f.pattern}",
                "ExpectColumnValuesToMatchRegex",
                f.name,
                {"regex": f.pattern},
                show=show,
                prep="text",
            )
        )
    if f.codes:
        codes = allowed_codes(f)
        out.append(
            Rule(
                f"{f.name}.in_codebook",
                f"{f.name} is a code of the codebook list '{f.codes}'"
                + (f" or an unknown marker {f.unknown}" if f.unknown else ""),
                "ExpectColumnValuesToBeInSet",
                f.name,
                {"value_set": codes},
                show=show,
            )
        )
    if f.values:
        out.append(
            Rule(
                f"{f.name}.in_vocabulary",
                f"{f.name} is one of {f.values}",
                "ExpectColumnValuesToBeInSet",
                f.name,
                {"value_set": list(f.values)},
                show=show,
                prep="text",
            )
        )
    if f.range and not f.codes:
        lo, hi = f.range.min, f.range.max
        out.append(
            Rule(
                f"{f.name}.range",
                f"{f.name} is between {lo} and {hi}"
                + (f" (or unknown marker {f.unknown})" if f.unknown else ""),
                "ExpectColumnValuesToBeBetween",
                f.name,
                {"min_value": lo, "max_value": hi},
                show=show,
                prep="mask_unknown" if f.unknown else "none",
                unknown=tuple(f.unknown),
            )
        )
    return out


def _label_rule(f: FieldDef) -> Rule:
    base = f.label_of
    assert base is not None
    labels = {k: v for k, v in code_list_for(base).items()}
    expected = pl.col(base).replace_strict(labels, default=None, return_dtype=pl.String)
    ok = expected.eq_missing(pl.col(f.name).cast(pl.String))
    return _cross(
        f"{f.name}.label",
        f"{f.name} equals the codebook label of {base}",
        ok,
        show=(base, f.name),
    )


def code_list_for(name: str, definition: IncidentsDefinition | None = None) -> dict[int, str]:
    d = definition or load_definition()
    codes = d.field(name).codes
    assert codes is not None
    return code_list(codes)


def _days_in_month(year: pl.Expr, month: pl.Expr) -> pl.Expr:
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    lengths = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
    base = month.replace_strict(lengths, default=31, return_dtype=pl.Int16)
    return pl.when((month == 2) & leap).then(29).otherwise(base)


def _cross_rules(d: IncidentsDefinition) -> list[Rule]:
    names = set(d.names)
    out: list[Rule] = []
    region_map = region_of_country()
    out.append(
        _cross(
            "region.matches_country",
            "region is the codebook region of country (for countries the codebook assigns a region)",
            pl.when(pl.col("country").is_in(list(region_map)))
            .then(
                pl.col("country").replace_strict(region_map, default=None, return_dtype=pl.Int64)
                == pl.col("region")
            )
            .otherwise(None),
            show=("country", "region"),
        )
    )
    for kind, parent in (("targsubtype", "targtype"), ("weapsubtype", "weaptype")):
        parents = subtype_parents(kind)  # type: ignore[arg-type]
        for slot in range(1, 5):
            sub, typ = f"{kind}{slot}", f"{parent}{slot}"
            if sub not in names:
                continue
            expr = (
                pl.when(pl.col(sub).is_null())
                .then(None)
                .otherwise(
                    pl.col(sub)
                    .replace_strict(parents, default=None, return_dtype=pl.Int64)
                    .eq_missing(pl.col(typ))
                )
            )
            out.append(_cross(f"{sub}.matches_type", f"{sub} is a subtype of {typ}", expr, show=(typ, sub)))
    y, m, dd = pl.col("iyear"), pl.col("imonth"), pl.col("iday")
    valid = (m >= 0) & (m <= 12) & (dd >= 0) & (dd <= 31)
    valid = valid & pl.when((m > 0) & (dd > 0)).then(dd <= _days_in_month(y, m)).otherwise(True)
    valid = valid & ~((m == 0) & (dd > 0))
    out.append(
        _cross(
            "date.valid",
            "iyear/imonth/iday form a valid date (0 = unknown; a known day needs a known month)",
            valid,
            show=("iyear", "imonth", "iday"),
        )
    )
    dp = pl.col("date_precision").cast(pl.String)
    precise = (
        pl.when(dp == "day")
        .then((m > 0) & (dd > 0))
        .when(dp == "month")
        .then((m > 0) & (dd == 0))
        .when(dp == "year")
        .then((m == 0) & (dd == 0))
        .otherwise(None)
    )
    out.append(
        _cross(
            "date_precision.matches_date",
            "date_precision agrees with imonth/iday (day: both known; month: iday = 0; year: both 0)",
            precise,
            show=("date_precision", "imonth", "iday"),
        )
    )
    out.append(
        _cross(
            "resolution.requires_extended",
            "resolution is only set for extended incidents (extended = 1)",
            pl.when(pl.col("resolution").is_null()).then(None).otherwise(pl.col("extended") == 1),
            show=("extended", "resolution"),
        )
    )
    out.append(
        _cross(
            "last_seen.after_first_seen",
            "last_seen is not before first_seen",
            pl.col("last_seen") >= pl.col("first_seen"),
            show=("first_seen", "last_seen"),
        )
    )
    out.append(
        _cross(
            "incident.has_source",
            "every incident has at least one row in incident_sources",
            pl.col("_sources_n").fill_null(0) >= 1,
            show=("n_sources",),
            needs=("eventid",),
            uses_sources=True,
        )
    )
    out.append(
        _cross(
            "n_sources.matches_sources",
            "n_sources equals the number of incident_sources rows for the eventid",
            pl.col("n_sources") == pl.col("_sources_n").fill_null(0),
            show=("n_sources",),
            needs=("n_sources",),
            uses_sources=True,
        )
    )
    return out


def incident_rules(definition: IncidentsDefinition | None = None) -> list[Rule]:
    """All rules for incidents.parquet, in definition order (single-column first, then cross-field)."""
    d = definition or load_definition()
    rules: list[Rule] = []
    for f in d.fields:
        rules.extend(_field_rules(f))
    for f in d.fields:
        if f.label_of:
            rules.append(_label_rule(f))
    rules.extend(_cross_rules(d))
    return rules


def source_rules() -> list[Rule]:
    """Rules for incident_sources.parquet (checked on its own narrow columns)."""
    from schemas.tables import INCIDENT_SOURCES_SCHEMA, SOURCE_ROLES

    out = [
        Rule(
            f"incident_sources.{f.name}.not_null",
            f"incident_sources.{f.name} is never null",
            "ExpectColumnValuesToNotBeNull",
            f.name,
            show=(f.name,),
            prep="presence",
        )
        for f in INCIDENT_SOURCES_SCHEMA
        if not f.nullable
    ]
    out.append(
        Rule(
            "incident_sources.role.in_vocabulary",
            f"incident_sources.role is one of {list(SOURCE_ROLES)}",
            "ExpectColumnValuesToBeInSet",
            "role",
            {"value_set": list(SOURCE_ROLES)},
            show=("role",),
        )
    )
    out.append(
        _cross(
            "incident_sources.eventid.known",
            "every incident_sources.eventid is an eventid of incidents",
            pl.col("_incident_known"),
            show=("doc_id",),
            needs=("eventid",),
            uses_sources=True,
        )
    )
    return out
