"""The great-expectations side: the expectation suite generated from the rules, and running it.

great-expectations takes ~2-4 s to import, so it is imported inside the functions that need it,
never at module level. :func:`validate_groups` hands each group of rules only the columns those
rules read (narrow pandas frames), never the whole 140-column table.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from schemas.rules import Rule, incident_rules, source_rules

if TYPE_CHECKING:
    import pandas as pd

SUITE_NAME = "opentid-incidents"
#: examples kept per failed expectation
EXAMPLES = 5


@cache
def import_gx() -> Any:
    """Import great-expectations quietly (no analytics, no progress bars, no info logging)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx

    # some great-expectations modules pin their own logger to INFO at import time
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)
    return gx


_preload: threading.Thread | None = None


def preload_gx() -> None:
    """Start importing great-expectations in a background thread (idempotent).

    The import costs seconds of mostly pure-Python work; a caller that will run the gate later (a
    release build: write Parquet, then validate) calls this first so the import overlaps with work
    that releases the GIL (polars, pyarrow). :func:`import_gx` then only waits for what is left.
    """
    global _preload
    if _preload is None and "great_expectations" not in sys.modules:
        _preload = threading.Thread(target=import_gx, name="opentid-preload-gx", daemon=True)
        _preload.start()


def expectation_for(rule: Rule) -> Any:
    gx = import_gx()
    cls = getattr(gx.expectations, rule.expectation)
    return cls(column=rule.column, meta={"rule_id": rule.id, "description": rule.description}, **rule.kwargs)


def build_suite(rules: Iterable[Rule] | None = None, name: str = SUITE_NAME) -> Any:
    """The expectation suite (a ``great_expectations.ExpectationSuite``) for the given rules.

    Default: every incidents rule and every incident_sources rule. Cross-field rules expect their
    ``check__*`` boolean column to be True; those columns are computed by :mod:`schemas.checks`.
    """
    gx = import_gx()
    chosen = rules if rules is not None else [*incident_rules(), *source_rules()]
    # built in one go: add_expectation() would need (and save into) an active data context
    return gx.ExpectationSuite(name=name, expectations=[expectation_for(r) for r in chosen])


def suite_json(rules: Iterable[Rule] | None = None) -> dict[str, Any]:
    """The suite as great-expectations' own JSON form (for publishing next to a release)."""
    data = build_suite(rules).to_json_dict()
    data.pop("id", None)
    for exp in data.get("expectations", []):
        exp.pop("id", None)
    return data


@dataclass
class ExpectationOutcome:
    rule_id: str
    success: bool
    n_failed: int
    #: positional row indices of (up to EXAMPLES) failing rows in the frame given
    example_rows: list[int] = field(default_factory=list)
    example_values: list[Any] = field(default_factory=list)
    error: str | None = None


def _exception_message(info: dict[str, Any]) -> str | None:
    """The error of an expectation that could not be computed (exception_info is flat or per metric)."""
    infos = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    messages = [str(i.get("exception_message")) for i in infos if i.get("raised_exception")]
    return "; ".join(messages) or None


class Validator:
    """An ephemeral great-expectations context that validates narrow pandas frames."""

    def __init__(self) -> None:
        gx = import_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        source = self.context.data_sources.add_pandas("opentid")
        asset = source.add_dataframe_asset("frame")
        self._batch_definition = asset.add_batch_definition_whole_dataframe("whole")
        self._n = 0

    def validate(self, frame: pd.DataFrame, rules: Sequence[Rule]) -> list[ExpectationOutcome]:
        """Validate ``rules`` on ``frame``; failing rows' positions are kept for up to EXAMPLES rows.

        A first pass uses the cheap BASIC result format (counts); only expectations that failed are
        re-run with SUMMARY to get the failing rows' index positions.
        """
        outcomes = self._run(frame, rules, "BASIC")
        failed = {o.rule_id for o in outcomes if not o.success and o.error is None}
        if failed:
            again = {o.rule_id: o for o in self._run(frame, [r for r in rules if r.id in failed], "SUMMARY")}
            outcomes = [again.get(o.rule_id, o) for o in outcomes]
        return outcomes

    def _run(
        self, frame: pd.DataFrame, rules: Sequence[Rule], result_format: str
    ) -> list[ExpectationOutcome]:
        self._n += 1
        suite = build_suite(rules, name=f"{SUITE_NAME}-{self._n}")
        batch = self._batch_definition.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(
            suite,
            result_format={"result_format": result_format, "partial_unexpected_count": EXAMPLES},
        )
        outcomes = []
        for r in result.results:
            rule_id = r.expectation_config.meta["rule_id"]
            error = _exception_message(r.exception_info or {})
            res = r.result or {}
            n_failed = int(res.get("unexpected_count") or 0)
            outcomes.append(
                ExpectationOutcome(
                    rule_id=rule_id,
                    success=bool(r.success) and error is None,
                    n_failed=n_failed if error is None else -1,
                    example_rows=[int(i) for i in res.get("partial_unexpected_index_list") or []][:EXAMPLES],
                    example_values=list(res.get("partial_unexpected_list") or [])[:EXAMPLES],
                    error=error,
                )
            )
        return outcomes
