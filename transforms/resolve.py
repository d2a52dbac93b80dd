"""Mentions (all sources) → incidents, incident_sources and eventid aliases. Pure and deterministic.

1. **Blocking**: mentions can only be the same incident when they share the incident date
   (iyear, imonth, iday, all known) and the country. Mentions with a partial date stay alone.
2. **Scoring** a pair in a block (mentions of *different sources* only: one list or dataset does not
   record the same incident twice under two keys):
   same city +0.35 · coordinates within 25 km +0.35 · same known attacktype1 +0.15 (a different known one
   −0.25) · close nkill (equal, or within 20 %) +0.25 (far apart −0.25) · same known perpetrator +0.2 (same words,
   one name's words within the other's, or one group in the extractor's group gazetteer: "Taleban" ~ "Taliban").
   Pairs scoring ≥ ``MATCH_THRESHOLD`` are linked, best pairs first; a link that would put two mentions of
   the same source into one cluster is refused. Mentions of the same ``record_key`` from different documents
   are always linked; the mentions of one document are never linked to each other: they are the several
   incidents a free-text coder found in it (an article on one attack that recalls an earlier one).
3. **IDs**: an incident keeps the eventid its record_keys had in the previous release's
   incident_sources. Where one record_key had several incidents, or its document's incidents are now
   several clusters, each old eventid goes to the cluster whose content matches it best (same date and
   country first, then the pair score above), so an article's incidents keep their own ids. If a cluster
   carries several old eventids (incidents now found to be one), it keeps the oldest (earliest first_seen,
   then the smallest id) and the others become aliases ("merged").
   New incidents get ``YYYYMMDD`` (00 for an unknown month/day) + the smallest 4-digit sequence not used
   for that date by any current, previous or aliased eventid, minted in order of the clusters' smallest
   record_key.
   A cluster with only new record_keys is first compared with the previous release's incidents that no
   record_key claimed (same date and country, the pair score above ≥ the threshold): a list row whose key
   changed (moved rows, shifted ordinals) keeps its incident's eventid.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from schemas.arrow import incidents_schema
from schemas.layout import EVENTID_ALIASES_FILE, INCIDENT_SOURCES_FILE, INCIDENTS_FILE
from schemas.tables import EVENTID_ALIASES_SCHEMA, INCIDENT_SOURCES_SCHEMA
from transforms.frames import empty_frame
from transforms.geo import normalise_name
from transforms.merge import DOC_COLUMNS, merge_mentions, order_mentions

MATCH_THRESHOLD = 0.5
MATCH_COLUMNS = (
    "iyear",
    "imonth",
    "iday",
    "country",
    "city",
    "latitude",
    "longitude",
    "attacktype1",
    "nkill",
    "gname",
)
NEAR_KM = 25.0


@dataclass
class PreviousRelease:
    """What resolve needs from the previous release: who had which ID, and which IDs exist."""

    #: every eventid a record_key had, smallest first (a free-text document can report several incidents)
    eventids_by_record_key: dict[str, list[int]] = field(default_factory=dict)
    first_seen: dict[int, Any] = field(default_factory=dict)
    eventids: set[int] = field(default_factory=set)
    aliases: pl.DataFrame | None = None
    #: the previous incidents' matching fields (date, country, place, type, counts, group)
    incident_rows: list[dict[str, Any]] = field(default_factory=list)


def load_previous(release_dir: Path | None) -> PreviousRelease | None:
    """Read a release folder (or None), with every eventid each record_key had."""
    if release_dir is None or not (Path(release_dir) / INCIDENT_SOURCES_FILE).exists():
        return None
    release_dir = Path(release_dir)
    sources = pl.read_parquet(release_dir / INCIDENT_SOURCES_FILE, columns=["eventid", "record_key"])
    keyed = sources.group_by("record_key").agg(pl.col("eventid").unique().sort()).sort("record_key")
    prev = PreviousRelease(
        eventids_by_record_key=dict(zip(keyed["record_key"], keyed["eventid"].to_list(), strict=True))
    )
    if (release_dir / INCIDENTS_FILE).exists():
        inc = pl.read_parquet(release_dir / INCIDENTS_FILE, columns=["eventid", "first_seen", *MATCH_COLUMNS])
        prev.first_seen = dict(zip(inc["eventid"], inc["first_seen"], strict=True))
        prev.eventids = set(inc["eventid"].to_list())
        prev.incident_rows = (
            inc.with_columns(pl.col(pl.Categorical).cast(pl.String)).sort("eventid").to_dicts()
        )
    prev.eventids |= set(sources["eventid"].to_list())
    if (release_dir / EVENTID_ALIASES_FILE).exists():
        prev.aliases = pl.read_parquet(release_dir / EVENTID_ALIASES_FILE)
        prev.eventids |= set(prev.aliases["alias_eventid"].to_list())
    return prev


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    if None in (a.get("latitude"), a.get("longitude"), b.get("latitude"), b.get("longitude")):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _norm(text: Any) -> str:
    """Case-, accent- and punctuation-insensitive ("Baghdād" = "Baghdad")."""
    return normalise_name(str(text)) if text else ""


@lru_cache(maxsize=4096)
def _canonical_group(name: str) -> str | None:
    """The group gazetteer's canonical name ("Taleban" → "Taliban"), when the extractor's gazetteer is
    installed (``transforms.extract.groups``); None otherwise or for unknown names."""
    try:
        from transforms.extract.groups import resolve as resolve_group
    except ImportError:
        return None
    try:
        group = resolve_group(name)
    except Exception:  # noqa: BLE001 - an optional helper must never break resolution
        return None
    return getattr(group, "name", None)


def _same_group(a: str, b: str) -> bool:
    ca = _canonical_group(a)
    return ca is not None and ca == _canonical_group(b)


def pair_score(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How likely two same-day, same-country mentions tell the same incident (see module docstring)."""
    score = 0.0
    if _norm(a.get("city")) and _norm(a.get("city")) == _norm(b.get("city")):
        score += 0.35
    km = _km(a, b)
    if km is not None and km <= NEAR_KM:
        score += 0.35
    ta, tb = a.get("attacktype1"), b.get("attacktype1")
    if ta not in (None, 9) and tb not in (None, 9):
        score += 0.15 if ta == tb else -0.25
    ka, kb = a.get("nkill"), b.get("nkill")
    if ka is not None and kb is not None:
        score += 0.25 if abs(ka - kb) <= max(0.2 * max(ka, kb), 0) else -0.25
    ga, gb = _norm(a.get("gname")), _norm(b.get("gname"))
    wa, wb = set(ga.split()), set(gb.split())
    if ga and gb and "unknown" not in (ga, gb) and (wa <= wb or wb <= wa or _same_group(ga, gb)):
        score += 0.2
    return score


class _Clusters:
    """Union-find over mention indices that refuses to join two mentions of the same source."""

    def __init__(self, sources: list[str]):
        self.parent = list(range(len(sources)))
        self.members: dict[int, set[int]] = {i: {i} for i in range(len(sources))}
        self.sources = sources

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, force: bool = False) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not force:
            si = {self.sources[k] for k in self.members[ri]}
            if si & {self.sources[k] for k in self.members[rj]}:
                return False
        ri, rj = min(ri, rj), max(ri, rj)
        self.parent[rj] = ri
        self.members[ri] |= self.members.pop(rj)
        return True


def cluster(mentions: list[dict[str, Any]]) -> list[list[int]]:
    """Indices of mentions grouped into incidents (each group sorted; groups in order of first index)."""
    uf = _Clusters([m["source"] for m in mentions])
    by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        key = m.get("record_key")
        if key in by_key:
            if mentions[by_key[key]].get("doc_id") != m.get("doc_id"):
                uf.union(by_key[key], i, force=True)
        elif key:
            by_key[key] = i
    blocks: dict[tuple, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.get("imonth") and m.get("iday") and m.get("iyear") and m.get("country") is not None:
            blocks.setdefault((m["iyear"], m["imonth"], m["iday"], m["country"]), []).append(i)
    pairs: list[tuple[float, int, int]] = []
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if mentions[i]["source"] == mentions[j]["source"]:
                    continue
                s = pair_score(mentions[i], mentions[j])
                if s >= MATCH_THRESHOLD:
                    pairs.append((-s, i, j))
    for _, i, j in sorted(pairs):
        uf.union(i, j)
    groups: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def _block(row: dict[str, Any]) -> tuple | None:
    """The blocking key (full date + country), or None when the date is partial."""
    if row.get("imonth") and row.get("iday") and row.get("iyear") and row.get("country") is not None:
        return (int(row["iyear"]), int(row["imonth"]), int(row["iday"]), int(row["country"]))
    return None


def date_prefix(row: dict[str, Any]) -> int:
    return int(f"{int(row['iyear']):04d}{int(row.get('imonth') or 0):02d}{int(row.get('iday') or 0):02d}")


def _carry_forward(
    groups: list[list[int]], rows: list[dict[str, Any]], merged_rows: list[dict[str, Any]],
    previous: PreviousRelease,
) -> tuple[list[tuple[list[int], int | None, list[int]]], set[int]]:
    """Each cluster's eventid from the previous release by record_key: (cluster, kept id, merged ids), claimed.

    A record_key of one cluster with one old eventid is the common case (a list row, a dataset record): the
    cluster keeps the oldest of its keys' ids and the others become aliases (incidents found to be one). A
    record_key shared by several clusters or holding several old ids is a document that reports several
    incidents: its old ids are shared out by content, best match first, and none is merged."""
    keys = [{k for k in (rows[i].get("record_key") for i in g) if k} for g in groups]
    old_ids = previous.eventids_by_record_key
    clusters_of: dict[str, list[int]] = {}
    for n, ks in enumerate(keys):
        for k in ks:
            clusters_of.setdefault(k, []).append(n)
    contested = {k for k, ns in clusters_of.items() if len(ns) > 1 or len(old_ids.get(k, [])) > 1}
    old_rows = {r["eventid"]: r for r in previous.incident_rows}
    plan: list[tuple[list[int], int | None, list[int]]] = [(g, None, []) for g in groups]
    claimed: set[int] = set()
    for n, g in enumerate(groups):
        if keys[n] & contested:
            continue
        old = sorted({e for k in keys[n] for e in old_ids.get(k, [])} - claimed)
        old.sort(key=lambda e: (str(previous.first_seen.get(e) or ""), e))
        claimed |= set(old)
        plan[n] = (g, old[0] if old else None, old[1:])
    offers = []
    for n in sorted({n for k in contested for n in clusters_of[k]}):
        for e in sorted({e for k in keys[n] for e in old_ids.get(k, [])}):
            o = old_rows.get(e)
            fit = (0, 0.0) if o is None else (int(_block(o) == _block(merged_rows[n])), pair_score(merged_rows[n], o))
            offers.append(((-fit[0], -fit[1], n, e), n, e))
    for _, n, e in sorted(offers):
        if e not in claimed and plan[n][1] is None:
            claimed.add(e)
            plan[n] = (groups[n], e, [])
    return plan, claimed


@dataclass
class ResolveResult:
    incidents: pl.DataFrame
    incident_sources: pl.DataFrame
    eventid_aliases: pl.DataFrame
    carried: int = 0
    minted: int = 0
    merged: int = 0


def _frame(rows: list[dict[str, Any]], schema) -> pl.DataFrame:  # noqa: ANN001 - a pyarrow schema
    empty = empty_frame(schema)
    types = {n: (pl.String if dt == pl.Categorical else dt) for n, dt in empty.schema.items()}
    return pl.DataFrame([{n: r.get(n) for n in types} for r in rows], schema=types, strict=False)


def resolve(
    mentions: pl.DataFrame,
    documents: pl.DataFrame,
    previous: PreviousRelease | None = None,
    version: str = "unreleased",
) -> ResolveResult:
    """Cluster mentions into incidents, merge their fields, and give them stable eventids."""
    if "included" in mentions.columns:  # extractor output may keep candidates that fail GTD's criteria
        mentions = mentions.filter(pl.col("included").fill_null(True))
    docs = documents.select([c for c in DOC_COLUMNS if c in documents.columns])
    joined = mentions.join(docs, on="doc_id", how="inner")
    if "record_key" in mentions.columns:  # mentions carrying their own key (tests, extractors)
        joined = joined.drop("record_key_right", strict=False)
    # a source whose mentions carry no GTD columns (no mentions at all, or a coder that found no date)
    # contributes nothing, but must not break the others: the matching columns are null then
    missing = [c for c in MATCH_COLUMNS if c not in joined.columns]
    joined = joined.with_columns(pl.lit(None).alias(c) for c in missing)
    rows = joined.filter(pl.col("iyear").is_not_null()).sort("mention_id").to_dicts()
    rows.sort(key=lambda m: (m.get("record_key") or "", m["mention_id"]))
    groups = cluster(rows)
    previous = previous or PreviousRelease()

    # eventids: carried forward, merged (aliases), minted
    used = set(previous.eventids)
    merged_rows = [merge_mentions([rows[i] for i in g]) for g in groups]
    plan, claimed = _carry_forward(groups, rows, merged_rows, previous)
    # second chance: a cluster whose record_keys are all new may still be an old incident whose key changed
    # (a list row moved, or its ordinal shifted): match it by content against the unclaimed old incidents
    by_block: dict[tuple, list[dict[str, Any]]] = {}
    for old_row in previous.incident_rows:
        if old_row["eventid"] not in claimed:
            by_block.setdefault(_block(old_row), []).append(old_row)
    for n, (g, keep, merged_ids) in enumerate(plan):
        if keep is not None or _block(merged_rows[n]) is None:
            continue
        candidates = [
            (-pair_score(merged_rows[n], o), o["eventid"])
            for o in by_block.get(_block(merged_rows[n]), [])
            if o["eventid"] not in claimed
        ]
        best = min(candidates, default=None)
        if best is not None and -best[0] >= MATCH_THRESHOLD:
            claimed.add(best[1])
            plan[n] = (g, best[1], merged_ids)
    incidents, sources, aliases = [], [], []
    result = ResolveResult(pl.DataFrame(), pl.DataFrame(), pl.DataFrame())
    for (g, keep, merged_ids), row in zip(plan, merged_rows, strict=True):
        members = [rows[i] for i in g]
        if keep is None:
            prefix = date_prefix(row)
            seq = 1
            while prefix * 10000 + seq in used:
                seq += 1
            if seq > 9999:
                raise ValueError(f"more than 9999 incidents on date {prefix}: eventid sequence exhausted")
            keep = prefix * 10000 + seq
            result.minted += 1
        else:
            result.carried += 1
            if keep in previous.first_seen and previous.first_seen[keep] is not None:
                row["first_seen"] = min(row["first_seen"], previous.first_seen[keep])
        used.add(keep)
        row["eventid"] = keep
        incidents.append(row)
        for alias in merged_ids:
            aliases.append(
                {"alias_eventid": alias, "eventid": keep, "reason": "merged", "since_version": version}
            )
            result.merged += 1
        for rank, m in enumerate(order_mentions(members)):
            sources.append(
                {
                    **{c: m.get(c) for c in DOC_COLUMNS},
                    "source": m["source"],
                    "eventid": keep,
                    "role": "primary" if rank == 0 else "corroborating",
                    "evidence": m.get("evidence"),
                }
            )
    if previous.aliases is not None and previous.aliases.height:
        old_aliases = previous.aliases.to_dicts()
        # an alias of an eventid that is itself now an alias points at the surviving id
        remap = {a["alias_eventid"]: a["eventid"] for a in aliases}
        for a in old_aliases:
            a["eventid"] = remap.get(a["eventid"], a["eventid"])
        aliases = old_aliases + aliases
    result.incidents = _frame(incidents, incidents_schema()).sort("eventid")
    result.incident_sources = _frame(sources, INCIDENT_SOURCES_SCHEMA).sort(
        ["eventid", "role", "source", "doc_id"]
    )
    result.eventid_aliases = _frame(aliases, EVENTID_ALIASES_SCHEMA).sort("alias_eventid")
    return result


def evidence_fields(evidence: str | None) -> list[str]:
    """Field names an evidence JSON string covers (for reports and tests)."""
    return [e["field"] for e in json.loads(evidence)] if evidence else []
