"""The release gate: nothing is published unless every rule passes.

In order:
  (a) schema: incidents.parquet and incident_sources.parquet have exactly the generated schemas
      (names, types, order; dropped / extra / wrong-type columns are reported);
  (b) expectations: the great-expectations suite from :mod:`schemas.rules` (cross-field rules first
      computed as boolean polars columns), each group of rules validated on only its columns;
  (c) previous release: row count within bounds, every previous eventid present or aliased;
  (d) checksums: if SHA256SUMS is present, every listed file matches.

``run_gate(release_dir, previous_dir=None, bounds=Bounds()) -> GateReport``; ``GateReport.write(dir)``
writes ``validation.json``, ``validation.md`` and ``validation.html``.
"""

from __future__ import annotations

import hashlib
import html
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.arrow import incidents_schema
from schemas.definition import load_definition
from schemas.layout import CHECKSUMS_FILE, EVENTID_ALIASES_FILE, INCIDENT_SOURCES_FILE, INCIDENTS_FILE
from schemas.rules import Rule, incident_rules, source_rules
from schemas.tables import INCIDENT_SOURCES_SCHEMA

EXAMPLES = 5
#: columns per pandas frame handed to great-expectations
COLUMNS_PER_FRAME = 12


class GateInputError(Exception):
    """The folder cannot be validated at all (missing folder or incidents.parquet)."""


@dataclass
class Bounds:
    """Row-count bounds against the previous release."""

    #: the new release must have at least this fraction of the previous release's incidents
    min_ratio: float = 0.9
    #: ... and at most this multiple (None: no upper bound)
    max_ratio: float | None = None


@dataclass
class RuleResult:
    rule_id: str
    description: str
    step: str
    passed: bool
    n_failed: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)
    skipped: bool = False
    note: str | None = None


@dataclass
class GateReport:
    release_dir: str
    previous_dir: str | None
    n_incidents: int | None
    results: list[RuleResult]
    timings: dict[str, float] = field(default_factory=dict)
    schema_version: str = field(default_factory=lambda: load_definition().schema_version)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> list[RuleResult]:
        return [r for r in self.results if not r.passed]

    def result(self, rule_id: str) -> RuleResult:
        for r in self.results:
            if r.rule_id == rule_id:
                return r
        raise KeyError(rule_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "release_dir": self.release_dir,
            "previous_dir": self.previous_dir,
            "schema_version": self.schema_version,
            "n_incidents": self.n_incidents,
            "n_rules": len(self.results),
            "n_failed_rules": len(self.failed),
            "failed_rules": [r.rule_id for r in self.failed],
            "timings_s": {k: round(v, 3) for k, v in self.timings.items()},
            "results": [asdict(r) for r in self.results],
        }

    def summary(self) -> str:
        """Failed rules with their examples, one block per rule (what the CLI prints)."""
        status = "PASSED" if self.passed else "FAILED"
        lines = [f"gate {status}: {len(self.results) - len(self.failed)}/{len(self.results)} rules passed"]
        for r in self.failed:
            what = "skipped" if r.skipped else f"{r.n_failed} failing"
            lines.append(f"  FAIL {r.rule_id} ({what}): {r.description}")
            if r.note:
                lines.append(f"       {r.note}")
            for ex in r.examples:
                lines.append(f"       {json.dumps(ex, default=str, ensure_ascii=False)}")
        return "\n".join(lines)

    def write(self, folder: str | Path) -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        out = [folder / "validation.json", folder / "validation.md", folder / "validation.html"]
        out[0].write_text(
            json.dumps(self.to_dict(), indent=2, default=str, ensure_ascii=False) + "\n", "utf-8"
        )
        out[1].write_text(self._markdown(), "utf-8")
        out[2].write_text(self._html(), "utf-8")
        return out

    def _markdown(self) -> str:
        status = "PASSED" if self.passed else "FAILED"
        md = [
            f"# Validation report: {status}",
            "",
            f"- release: `{self.release_dir}`",
            f"- previous release: `{self.previous_dir or '-'}`",
            f"- incidents: {self.n_incidents}",
            f"- schema version: {self.schema_version}",
            f"- rules: {len(self.results)}, failed: {len(self.failed)}",
            "",
        ]
        if self.failed:
            md += ["## Failed rules", ""]
            for r in self.failed:
                md.append(f"### `{r.rule_id}` ({r.step})")
                md.append("")
                md.append(f"{r.description}. Failing rows: {'skipped' if r.skipped else r.n_failed}.")
                if r.note:
                    md.append(f"\n{r.note}")
                if r.examples:
                    md.append("")
                    md.append("Examples:")
                    md.append("")
                    for ex in r.examples:
                        md.append(f"- `{json.dumps(ex, default=str, ensure_ascii=False)}`")
                md.append("")
        md += [
            "## All rules",
            "",
            "| rule | step | result | failing | description |",
            "|---|---|---|---|---|",
        ]
        for r in self.results:
            res = "skipped" if r.skipped else ("pass" if r.passed else "FAIL")
            md.append(
                f"| `{r.rule_id}` | {r.step} | {res} | {r.n_failed} | {r.description.replace('|', '/')} |"
            )
        return "\n".join(md) + "\n"

    def _html(self) -> str:
        status = "PASSED" if self.passed else "FAILED"
        e = html.escape
        rows = []
        for r in self.results:
            res = "skipped" if r.skipped else ("pass" if r.passed else "FAIL")
            ex = "<br>".join(e(json.dumps(x, default=str, ensure_ascii=False)) for x in r.examples)
            note = f"<br><em>{e(r.note)}</em>" if r.note else ""
            rows.append(
                f'<tr class="{res.lower()}"><td><code>{e(r.rule_id)}</code></td><td>{e(r.step)}</td>'
                f"<td>{res}</td><td>{r.n_failed}</td><td>{e(r.description)}{note}</td><td>{ex}</td></tr>"
            )
        return (
            "<!doctype html>\n<html><head><meta charset='utf-8'><title>OpenTID validation: "
            f"{status}</title><style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}"
            "td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;font-size:90%}"
            "tr.fail{background:#fdd}tr.skipped{background:#ffd}</style></head><body>\n"
            f"<h1>Validation report: {status}</h1>\n<p>Release <code>{e(self.release_dir)}</code>; previous "
            f"<code>{e(self.previous_dir or '-')}</code>; {self.n_incidents} incidents; schema version "
            f"{e(self.schema_version)}; {len(self.failed)} of {len(self.results)} rules failed.</p>\n"
            "<table><tr><th>rule</th><th>step</th><th>result</th><th>failing</th><th>description</th>"
            "<th>examples</th></tr>\n" + "\n".join(rows) + "\n</table></body></html>\n"
        )


# -- (a) schema ----------------------------------------------------------------------------------


def compare_schema(actual: pa.Schema, expected: pa.Schema) -> list[dict[str, Any]]:
    """Differences between two schemas: missing, extra, wrong type, wrong position."""
    problems: list[dict[str, Any]] = []
    for f in expected:
        if f.name not in actual.names:
            problems.append({"column": f.name, "problem": "missing", "expected": str(f.type)})
        elif actual.field(f.name).type != f.type:
            problems.append(
                {
                    "column": f.name,
                    "problem": "wrong type",
                    "expected": str(f.type),
                    "actual": str(actual.field(f.name).type),
                }
            )
    for f in actual:
        if f.name not in expected.names:
            problems.append({"column": f.name, "problem": "extra", "actual": str(f.type)})
    common_expected = [n for n in expected.names if n in actual.names]
    common_actual = [n for n in actual.names if n in expected.names]
    if common_expected != common_actual:
        first = next(i for i, (a, b) in enumerate(zip(common_actual, common_expected, strict=True)) if a != b)
        problems.append(
            {"column": common_actual[first], "problem": "wrong order", "expected": common_expected[first]}
        )
    return problems


def _schema_result(rule_id: str, what: str, path: Path, expected: pa.Schema) -> tuple[RuleResult, set[str]]:
    """Result of the schema rule and the set of columns usable for the other rules."""
    if not path.exists():
        return RuleResult(
            rule_id, f"{what} exists", "schema", False, 1, note=f"{path.name} is missing"
        ), set()
    actual = pq.read_schema(path)
    problems = compare_schema(actual, expected)
    usable = {f.name for f in expected if f.name in actual.names and actual.field(f.name).type == f.type}
    desc = f"{path.name} has exactly the generated {what} schema (names, types, order)"
    return RuleResult(rule_id, desc, "schema", not problems, len(problems), problems[:20]), usable


# -- (b) expectations ----------------------------------------------------------------------------


def _examples(frame: pl.DataFrame, rows: Sequence[int], show: Iterable[str]) -> list[dict[str, Any]]:
    cols = ["eventid", *[c for c in show if c != "eventid"]]
    cols = [c for c in dict.fromkeys(cols) if c in frame.columns]
    if not rows or not cols:
        return []
    picked = frame.select(cols)[list(rows)[:EXAMPLES]]
    return [_jsonable(r) for r in picked.iter_rows(named=True)]


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        out[k] = v if v is None or isinstance(v, (int, float, str, bool)) else str(v)
    return out


def _prep_frame(frame: pl.DataFrame, rules: Sequence[Rule], prep: str) -> pl.DataFrame:
    # great-expectations compares ranges vectorised only for int64/float64 pandas columns (int16/int32
    # fall back to a Python call per value), so range-checked integer columns go over as float64
    ranged = {r.column for r in rules if r.expectation == "ExpectColumnValuesToBeBetween"}
    exprs = []
    for column in dict.fromkeys(r.column for r in rules):
        c = pl.col(column)
        if column in ranged and frame.schema[column].is_integer():
            c = c.cast(pl.Float64)
        if prep == "presence":
            c = pl.when(c.is_null()).then(None).otherwise(pl.lit(1, pl.Int8))
        elif prep == "text":
            c = c.cast(pl.String)
        elif prep == "mask_unknown":
            unknown = next(r.unknown for r in rules if r.column == column)
            c = pl.when(pl.any_horizontal([c == u for u in unknown])).then(None).otherwise(c)
        elif isinstance(frame.schema[column], pl.Categorical):
            c = c.cast(pl.String)
        exprs.append(c.alias(column))
    return frame.select(exprs)


def _chunks(rules: list[Rule], size: int) -> list[list[Rule]]:
    """Group rules so that each group reads at most ``size`` distinct columns."""
    groups: list[list[Rule]] = []
    columns: list[set[str]] = []
    for rule in rules:
        for g, cols in zip(groups, columns, strict=True):
            if rule.column in cols or len(cols) < size:
                g.append(rule)
                cols.add(rule.column)
                break
        else:
            groups.append([rule])
            columns.append({rule.column})
    return groups


def run_expectations(
    frame: pl.DataFrame, rules: Sequence[Rule], validator: Any, step: str = "expectations"
) -> tuple[list[RuleResult], float]:
    """Validate ``rules`` over ``frame`` (which already holds any ``check__`` columns)."""
    results: dict[str, RuleResult] = {}
    t0 = time.perf_counter()
    for prep in ("presence", "none", "text", "mask_unknown"):
        selected = [r for r in rules if r.prep == prep]
        for group in _chunks(selected, COLUMNS_PER_FRAME):
            pdf = _prep_frame(frame, group, prep).to_pandas()
            by_id = {r.id: r for r in group}
            for outcome in validator.validate(pdf, group):
                rule = by_id[outcome.rule_id]
                results[rule.id] = RuleResult(
                    rule.id,
                    rule.description,
                    step,
                    outcome.success,
                    outcome.n_failed,
                    _examples(frame, outcome.example_rows, rule.show) if not outcome.success else [],
                    note=outcome.error,
                )
    return [results[r.id] for r in rules], time.perf_counter() - t0


# -- (c) previous release, (d) checksums ---------------------------------------------------------


def _previous_results(
    incidents: pl.DataFrame, release_dir: Path, previous_dir: Path, bounds: Bounds
) -> list[RuleResult]:
    prev_path = previous_dir / INCIDENTS_FILE
    if not prev_path.exists():
        return [
            RuleResult(
                "previous.readable",
                "the previous release has incidents.parquet",
                "previous",
                False,
                1,
                note=f"{prev_path} is missing",
            )
        ]
    prev_ids = pl.read_parquet(prev_path, columns=["eventid"])["eventid"]
    n_prev, n_now = prev_ids.len(), incidents.height
    out = []
    lo = bounds.min_ratio * n_prev
    ok = n_now >= lo
    out.append(
        RuleResult(
            "rows.min_previous",
            f"at least {bounds.min_ratio:.0%} of the previous release's incidents",
            "previous",
            ok,
            0 if ok else n_prev - n_now,
            [] if ok else [{"incidents": n_now, "previous": n_prev, "minimum": int(-(-lo // 1))}],
        )
    )
    if bounds.max_ratio is not None:
        hi = bounds.max_ratio * n_prev
        ok = n_now <= hi
        out.append(
            RuleResult(
                "rows.max_previous",
                f"at most {bounds.max_ratio}x the previous release's incidents",
                "previous",
                ok,
                0 if ok else n_now - n_prev,
                [] if ok else [{"incidents": n_now, "previous": n_prev, "maximum": int(hi)}],
            )
        )
    aliases_path = release_dir / EVENTID_ALIASES_FILE
    aliased = (
        pl.read_parquet(aliases_path, columns=["alias_eventid", "eventid"])
        if aliases_path.exists()
        else pl.DataFrame(schema={"alias_eventid": pl.Int64, "eventid": pl.Int64})
    )
    current = incidents.select("eventid")
    kept = aliased.join(current, on="eventid", how="semi")["alias_eventid"]
    missing = (
        prev_ids.to_frame()
        .join(current, on="eventid", how="anti")
        .filter(~pl.col("eventid").is_in(kept.implode()))
    )
    out.append(
        RuleResult(
            "previous.eventids_kept",
            "every eventid of the previous release is present, or aliased (eventid_aliases.parquet) to a present one",
            "previous",
            missing.height == 0,
            missing.height,
            [{"eventid": e} for e in missing["eventid"].head(EXAMPLES).to_list()],
        )
    )
    return out


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _checksum_result(release_dir: Path) -> RuleResult:
    sums = release_dir / CHECKSUMS_FILE
    desc = f"every file listed in {CHECKSUMS_FILE} matches its SHA-256"
    if not sums.exists():
        return RuleResult(
            "checksums.match", desc, "checksums", True, note=f"no {CHECKSUMS_FILE}: not checked"
        )
    bad = []
    for line in sums.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition(" ")
        name = name.strip().lstrip("*")
        target = release_dir / name
        if not target.is_file():
            bad.append({"file": name, "problem": "missing", "expected": digest})
        elif (actual := sha256_file(target)) != digest.lower():
            bad.append({"file": name, "problem": "checksum mismatch", "expected": digest, "actual": actual})
    return RuleResult("checksums.match", desc, "checksums", not bad, len(bad), bad[:EXAMPLES])


# -- the gate ------------------------------------------------------------------------------------


def _skipped(rule: Rule, missing: Iterable[str], step: str = "expectations") -> RuleResult:
    return RuleResult(
        rule.id,
        rule.description,
        step,
        False,
        0,
        skipped=True,
        note=f"not checked: column(s) {sorted(missing)} missing or of the wrong type (see schema rules)",
    )


def run_gate(
    release_dir: str | Path, previous_dir: str | Path | None = None, bounds: Bounds | None = None
) -> GateReport:
    """Validate a release folder. Raises :class:`GateInputError` if there is nothing to validate."""
    release_dir = Path(release_dir)
    bounds = bounds or Bounds()
    if not release_dir.is_dir():
        raise GateInputError(
            f"{release_dir}: no such folder; give the path of a release folder (one holding {INCIDENTS_FILE})"
        )
    incidents_path = release_dir / INCIDENTS_FILE
    if not incidents_path.is_file():
        raise GateInputError(
            f"{release_dir}: {INCIDENTS_FILE} is missing; a release folder must hold "
            f"{INCIDENTS_FILE} (build one with `opentid release`)"
        )
    timings: dict[str, float] = {}
    results: list[RuleResult] = []
    from schemas.suite import Validator, import_gx, preload_gx

    preload_gx()  # overlaps the great-expectations import with reading and the polars rule columns

    # (a) schema
    t0 = time.perf_counter()
    inc_schema, usable = _schema_result("incidents.schema", "incidents", incidents_path, incidents_schema())
    src_path = release_dir / INCIDENT_SOURCES_FILE
    src_schema, src_usable = _schema_result(
        "incident_sources.schema", "incident_sources", src_path, INCIDENT_SOURCES_SCHEMA
    )
    results += [inc_schema, src_schema]
    timings["schema"] = time.perf_counter() - t0

    # read only what the rules need
    t0 = time.perf_counter()
    incidents = pl.read_parquet(incidents_path, columns=[c for c in incidents_schema().names if c in usable])
    sources = (
        pl.read_parquet(src_path, columns=[c for c in INCIDENT_SOURCES_SCHEMA.names if c in src_usable])
        if src_usable
        else None
    )
    timings["read"] = time.perf_counter() - t0

    # (b) cross-field rule columns in polars, then great-expectations
    t0 = time.perf_counter()
    inc_rules, src_rules = incident_rules(), source_rules()
    have_sources = sources is not None and "eventid" in sources.columns
    if have_sources and "eventid" in incidents.columns:
        counts = sources.group_by("eventid").agg(pl.len().cast(pl.Int64).alias("_sources_n"))
        incidents = incidents.join(counts, on="eventid", how="left", maintain_order="left")
        sources = sources.with_columns(
            _incident_known=pl.col("eventid").is_in(incidents["eventid"].implode())
        )
    runnable: list[Rule] = []
    for rule in inc_rules:
        missing = [c for c in rule.needs if c not in incidents.columns]
        if rule.uses_sources and not have_sources:
            missing.append("incident_sources.eventid")
        if missing:
            results.append(_skipped(rule, missing))
        else:
            runnable.append(rule)
    src_runnable: list[Rule] = []
    for rule in src_rules:
        missing = [c for c in rule.needs if sources is None or c not in sources.columns]
        if rule.uses_sources and "eventid" not in incidents.columns:
            missing.append("incidents.eventid")
        if missing:
            if sources is not None:
                results.append(_skipped(rule, missing))
        else:
            src_runnable.append(rule)
    # null = rule not applicable to the row: counts as a pass (and keeps the column a cheap numpy bool)
    checks = [r.check.fill_null(True).alias(r.column) for r in runnable if r.check is not None]
    incidents = incidents.with_columns(checks)
    if sources is not None:
        sources = sources.with_columns(
            [r.check.fill_null(True).alias(r.column) for r in src_runnable if r.check is not None]
        )
    timings["rule_columns"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    import_gx()
    timings["ge_import_wait"] = time.perf_counter() - t0
    validator = Validator()
    ge_results, timings["ge_validation_incidents"] = run_expectations(incidents, runnable, validator)
    results += ge_results
    if sources is not None and src_runnable:
        src_results, timings["ge_validation_sources"] = run_expectations(sources, src_runnable, validator)
        results += src_results

    # (c) previous release
    if previous_dir is not None and "eventid" in incidents.columns:
        t0 = time.perf_counter()
        results += _previous_results(incidents, release_dir, Path(previous_dir), bounds)
        timings["previous"] = time.perf_counter() - t0

    # (d) checksums
    t0 = time.perf_counter()
    results.append(_checksum_result(release_dir))
    timings["checksums"] = time.perf_counter() - t0

    return GateReport(
        release_dir=str(release_dir),
        previous_dir=str(previous_dir) if previous_dir is not None else None,
        n_incidents=incidents.height,
        results=results,
        timings=timings,
    )
