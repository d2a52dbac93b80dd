"""Merging the mentions of one incident into one GTD row, by a documented precedence.

Precedence of sources (``source_rank``): structured event datasets (UCDP GED) first, then curated list
rows (Wikipedia lists), then free text (news, Wikinews, ...); within a rank, the higher mention
confidence, then the later-fetched document, then doc_id (so the order is total and deterministic).
The first mention in that order is the incident's *primary* source.

Per field group:
- date (iyear/imonth/iday/approxdate/extended/resolution/date_precision) — from the most precise mention
  (day > month > range > year), ties by precedence;
- location (country … vicinity) — from the mention with the best (lowest) specificity, ties by precedence;
- attack types, weapons, targets, perpetrators — each group from the first mention, in precedence order,
  whose group is *known* (attacktype1 ≠ 9, weaptype1 ≠ 13, targtype1 ≠ 20, gname ≠ "Unknown");
- counts (nkill, nkillter, nwound, nwoundte, ...) — GTD's counting rules (``counts.reconcile``): the most
  recent dated source, else the majority figure, else the lowest;
- any other field — the first non-null value in precedence order;
- scite1–3 — the citations of the top three sources; summary — written from the merged coded fields.
Fields no mention supports get the codebook's unknown values (``DEFAULTS``).
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Any

from transforms.code.counts import Figure, reconcile
from transforms.code.mention import with_labels

SOURCE_RANKS: list[tuple[str, int]] = [("ucdp", 0), ("wikipedia", 1)]
TEXT_RANK = 2

DATE_FIELDS = ("iyear", "imonth", "iday", "approxdate", "extended", "resolution", "date_precision")
LOCATION_FIELDS = (
    "country",
    "region",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "vicinity",
    "location",
)
GROUPS: dict[str, tuple[str, ...]] = {
    "attacktype1": ("attacktype1", "attacktype2", "attacktype3", "suicide", "success"),
    "weaptype1": tuple(f"{p}{i}" for i in (1, 2, 3, 4) for p in ("weaptype", "weapsubtype"))
    + ("weapdetail",),
    "targtype1": tuple(
        f"{p}{i}" for i in (1, 2, 3) for p in ("targtype", "targsubtype", "corp", "target", "natlty")
    ),
    "gname": (
        "gname",
        "gsubname",
        "gname2",
        "gsubname2",
        "gname3",
        "gsubname3",
        "guncertain1",
        "guncertain2",
        "guncertain3",
        "individual",
        "claimed",
        "claimmode",
        "claim2",
        "claimmode2",
        "claim3",
        "claimmode3",
        "compclaim",
    ),
}
UNKNOWN_GROUP_VALUES = {"attacktype1": 9, "weaptype1": 13, "targtype1": 20, "gname": "Unknown"}
COUNT_FIELDS = (
    "nkill",
    "nkillus",
    "nkillter",
    "nwound",
    "nwoundus",
    "nwoundte",
    "nperps",
    "nperpcap",
    "nhostkid",
    "nhostkidus",
)
PRECISION_ORDER = {"day": 0, "month": 1, "range": 2, "year": 3}

#: Codebook unknown / not-applicable values for the incidents table's non-nullable columns.
DEFAULTS: dict[str, Any] = {
    "extended": 0,
    "specificity": 5,
    "crit1": 0,
    "crit2": 0,
    "crit3": 0,
    "doubtterr": -9,
    "success": 1,
    "suicide": 0,
    "attacktype1": 9,
    "targtype1": 20,
    "weaptype1": 13,
    "property": -9,
    "ishostkid": -9,
    "INT_LOG": -9,
    "INT_IDEO": -9,
    "INT_MISC": -9,
    "INT_ANY": -9,
    "dbsource": "OpenTID",
    "gname": "Unknown",
}
#: Provenance columns a mention carries from its document (not incident fields).
DOC_COLUMNS = (
    "doc_id",
    "record_key",
    "url",
    "title",
    "publisher",
    "published_at",
    "fetched_at",
    "content_sha256",
    "warc_record_id",
)
MONTHS = list(calendar.month_name)  # "", "January", ... (English, C locale)


def source_rank(source: str) -> int:
    return next((rank for prefix, rank in SOURCE_RANKS if source.startswith(prefix)), TEXT_RANK)


def precedence_key(m: dict[str, Any]) -> tuple:
    fetched = m.get("fetched_at")
    stamp = fetched.timestamp() if isinstance(fetched, datetime) else 0.0
    return (source_rank(m["source"]), -(m.get("confidence") or 0.0), -stamp, m["doc_id"])


def order_mentions(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(mentions, key=precedence_key)


def _date_fields(ordered: list[dict[str, Any]]) -> dict[str, Any]:
    dated = [m for m in ordered if m.get("iyear") is not None]
    best = min(
        dated, key=lambda m: (PRECISION_ORDER.get(m.get("date_precision") or "year", 3), dated.index(m))
    )
    return {f: best.get(f) for f in DATE_FIELDS}


def _location_fields(ordered: list[dict[str, Any]]) -> dict[str, Any]:
    located = [m for m in ordered if m.get("country") is not None] or ordered
    best = min(located, key=lambda m: (m.get("specificity") or 5, located.index(m)))
    return {f: best.get(f) for f in LOCATION_FIELDS}


def _group(ordered: list[dict[str, Any]], lead: str, fields: tuple[str, ...]) -> dict[str, Any]:
    unknown = UNKNOWN_GROUP_VALUES[lead]
    known = [m for m in ordered if m.get(lead) is not None and m.get(lead) != unknown]
    having = known or [m for m in ordered if m.get(lead) is not None]
    if not having:  # no mention codes the lead field: take each field's first value (e.g. natlty1 alone)
        return {f: next((m[f] for m in ordered if m.get(f) is not None), None) for f in fields}
    return {f: having[0].get(f) for f in fields}


def _count(ordered: list[dict[str, Any]], name: str) -> int | None:
    figures = [Figure(m[name], m.get("published_at")) for m in ordered if m.get(name) is not None]
    value, _rule = reconcile(figures)
    return value


def summary(row: dict[str, Any]) -> str:
    """A short factual summary from coded fields (no source wording copied)."""
    y, mo, d = row.get("iyear"), row.get("imonth") or 0, row.get("iday") or 0
    when = f"{MONTHS[mo]} {d}, {y}" if mo and d else (f"{MONTHS[mo]} {y}" if mo else str(y))
    what = row.get("attacktype1_txt") or "Attack"
    if row.get("attacktype1") == 9:
        what = "Attack"
    where = ", ".join(p for p in (row.get("city"), row.get("provstate"), row.get("country_txt")) if p)
    text = f"{when}: {what.split(' (')[0]}" + (f" in {where}" if where else "")
    parts = []
    if row.get("nkill") is not None:
        parts.append(f"{row['nkill']} killed")
    if row.get("nwound") is not None:
        parts.append(f"{row['nwound']} wounded")
    if parts:
        text += " (" + ", ".join(parts) + ")"
    if row.get("gname") and row["gname"] != "Unknown":
        text += f"; attributed to {row['gname']}" + (" (unconfirmed)" if row.get("guncertain1") == 1 else "")
    return text + "."


def _scite(m: dict[str, Any]) -> str | None:
    return m.get("scite1") or m.get("title") or m.get("url")


def merge_mentions(mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The incident row (GTD columns + n_sources/first_seen/last_seen/confidence) of one cluster."""
    ordered = order_mentions(mentions)
    row: dict[str, Any] = {}
    skip = set(DATE_FIELDS) | set(LOCATION_FIELDS) | set(COUNT_FIELDS)
    for fields in GROUPS.values():
        skip |= set(fields)
    skip |= {
        "scite1",
        "scite2",
        "scite3",
        "summary",
        "mention_id",
        "doc_id",
        "source",
        "extractor",
        "confidence",
        "evidence",
        *DOC_COLUMNS,
    }
    for m in ordered:
        for name, value in m.items():
            if name in skip or name.endswith("_txt") or value is None:
                continue
            row.setdefault(name, value)
    row.update(_date_fields(ordered))
    row.update(_location_fields(ordered))
    for lead, fields in GROUPS.items():
        row.update(_group(ordered, lead, fields))
    for name in COUNT_FIELDS:
        value = _count(ordered, name)
        if value is not None:
            row[name] = value
    for i, m in enumerate(ordered[:3], start=1):
        row[f"scite{i}"] = _scite(m)
    row["dbsource"] = ordered[0].get("dbsource") or DEFAULTS["dbsource"]
    for name, value in DEFAULTS.items():
        if row.get(name) is None:
            row[name] = value
    if row.get("date_precision") is None:
        row["date_precision"] = "day" if row.get("iday") else ("month" if row.get("imonth") else "year")
    row = with_labels(row)
    row["summary"] = summary(row)
    fetched = [m["fetched_at"] for m in ordered if m.get("fetched_at") is not None]
    row["first_seen"] = min(fetched) if fetched else None
    row["last_seen"] = max(fetched) if fetched else None
    row["n_sources"] = len(ordered)
    miss = 1.0
    for m in ordered:
        miss *= 1.0 - float(m.get("confidence") or 0.0)
    row["confidence"] = round(1.0 - miss, 6)
    return row


def incident_date(row: dict[str, Any]) -> date | None:
    try:
        return date(int(row["iyear"]), int(row.get("imonth") or 1), int(row.get("iday") or 1))
    except (TypeError, ValueError, KeyError):
        return None
