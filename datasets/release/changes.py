"""Release-to-release changes: added, changed, removed and aliased eventids.

Used for ``CHANGES.md`` in every release and by ``opentid diff OLD NEW``. Bookkeeping columns that
move on every build (``last_seen``) are not counted as a change of the incident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

#: Columns whose change alone does not make an incident "changed".
IGNORED_COLUMNS = frozenset({"last_seen"})
#: How many eventids CHANGES.md lists per section before it says "and N more".
LIST_LIMIT = 500


@dataclass
class ReleaseDiff:
    old_version: str | None
    new_version: str
    old_rows: int
    new_rows: int
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    aliased: list[tuple[int, int]] = field(default_factory=list)  # (old eventid, eventid it merged into)
    changed: dict[int, list[str]] = field(default_factory=dict)  # eventid -> changed columns
    column_counts: dict[str, int] = field(default_factory=dict)  # column -> incidents changed in it

    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "aliased": len(self.aliased),
            "unchanged": self.new_rows - len(self.added) - len(self.changed),
        }


def diff_incidents(
    old: pl.DataFrame | None,
    new: pl.DataFrame,
    aliases: pl.DataFrame | None = None,
    old_version: str | None = None,
    new_version: str = "",
) -> ReleaseDiff:
    """Compare two incidents tables keyed by ``eventid``."""
    result = ReleaseDiff(old_version, new_version, 0 if old is None else old.height, new.height)
    if old is None:
        result.added = sorted(new["eventid"].to_list())
        return result
    old_ids = set(old["eventid"].to_list())
    new_ids = set(new["eventid"].to_list())
    alias_map: dict[int, int] = {}
    if aliases is not None and aliases.height:
        alias_map = dict(zip(aliases["alias_eventid"].to_list(), aliases["eventid"].to_list(), strict=True))
    result.added = sorted(new_ids - old_ids)
    gone = sorted(old_ids - new_ids)
    result.aliased = [(e, alias_map[e]) for e in gone if e in alias_map]
    result.removed = [e for e in gone if e not in alias_map]

    shared = [c for c in new.columns if c in old.columns and c not in IGNORED_COLUMNS and c != "eventid"]
    joined = new.select(["eventid", *shared]).join(
        old.select(["eventid", *shared]), on="eventid", how="inner", suffix="__old"
    )
    if joined.height == 0 or not shared:
        return result
    flags = joined.select(
        "eventid",
        *[
            pl.col(c).cast(pl.String).ne_missing(pl.col(f"{c}__old").cast(pl.String)).alias(c)
            for c in shared
        ],
    )
    result.column_counts = {c: n for c, n in flags.select(pl.col(shared).sum()).row(0, named=True).items() if n}
    changed = flags.select(
        "eventid",
        pl.concat_list([pl.when(pl.col(c)).then(pl.lit(c)).otherwise(None) for c in shared])
        .list.drop_nulls()
        .alias("cols"),
    ).filter(pl.col("cols").list.len() > 0)
    result.changed = dict(zip(changed["eventid"].to_list(), changed["cols"].to_list(), strict=True))
    return result


def read_release_tables(folder: Path) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    incidents = pl.read_parquet(folder / "incidents.parquet")
    aliases_path = folder / "eventid_aliases.parquet"
    aliases = pl.read_parquet(aliases_path) if aliases_path.exists() else None
    return incidents, aliases


def render_changes(diff: ReleaseDiff, limit: int | None = LIST_LIMIT) -> str:
    """The ``CHANGES.md`` text of a release."""
    s = diff.summary()
    against = f"release {diff.old_version}" if diff.old_version else "nothing (first release)"
    lines = [
        f"# Changes in {diff.new_version}",
        "",
        f"Compared with {against}: {diff.old_rows} → {diff.new_rows} incidents.",
        "",
        "| change | incidents |",
        "|---|---:|",
        *(f"| {k} | {v} |" for k, v in s.items()),
        "",
    ]
    if diff.column_counts:
        lines += ["## Changed columns", "", "| column | incidents changed |", "|---|---:|"]
        lines += [f"| {c} | {n} |" for c, n in sorted(diff.column_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines.append("")
    lines += _id_section("Added", diff.added, limit)
    lines += _id_section(
        "Changed", [f"{e} ({', '.join(cols)})" for e, cols in sorted(diff.changed.items())], limit
    )
    lines += _id_section("Removed", diff.removed, limit)
    lines += _id_section("Merged into another incident (see eventid_aliases.parquet)",
                         [f"{a} → {b}" for a, b in diff.aliased], limit)
    return "\n".join(lines).rstrip() + "\n"


def _id_section(title: str, items: list, limit: int | None) -> list[str]:
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    out = [f"## {title} ({len(items)})", ""]
    out += [f"- {item}" for item in shown]
    if len(items) > len(shown):
        out.append(f"- … and {len(items) - len(shown)} more (run `opentid diff OLD NEW` for the full list)")
    out.append("")
    return out
