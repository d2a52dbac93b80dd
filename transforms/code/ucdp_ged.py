"""UCDP GED event documents → mentions, for one-sided violence by non-state actors only.

Which GED events become mentions: ``type_of_violence`` 3 (one-sided violence: the deliberate use of armed
force by an organised actor against civilians) whose ``side_a`` is not a government ("Government of …").
State-based (1) and non-state (2) conflict events are fighting between armed actors; one-sided violence by
governments is state violence, which the GTD excludes (all three required criteria: intentional, violent,
non-state perpetrator).

GTD criteria for these events (documented defaults):
- required criteria: intentional (UCDP: *deliberate*), violent (deaths), non-state (the filter) — met.
- crit1 = 1: UCDP one-sided actors are formally organised groups, almost all with political aims
  (insurgents, militias); the few criminal organisations UCDP includes are not told apart by the record.
- crit2 = 0: nothing in the record shows intent to send a message to a wider audience (not evidenced).
- crit3 = 1: deliberately killing civilians is outside legitimate warfare (international humanitarian law).
- doubtterr = 0: with crit1 and crit3 met and civilians deliberately targeted, none of GTD's alternative
  categories (insurgency against combatants, crime, intra-group conflict, no intent) is indicated.

Field mapping: date from ``date_start`` (``date_prec`` 1 = exact; 2–3 = within a week → range; 4 = month;
5 = year or longer); extended = 1 when an exactly dated event spans more than a day (date_end − date_start
≥ 1 day), resolution = date_end; country by name as of the event date; provstate from ``adm_1``; city from
``where_coordinates`` when ``where_prec`` is 1 (or 2: within 25 km of that place → vicinity = 1);
latitude/longitude from GED unless the location is only the country (where_prec 6) or international
(7); nkill = ``best``; nkillter = ``deaths_a`` (side A is the perpetrator); gname = ``side_a``;
guncertain1 = 1 when ``event_clarity`` is 2 (low clarity); targtype1 = 14 (Private Citizens & Property);
attacktype1 = 9 and weaptype1 = 13 (GED records neither); scite1 = ``source_article`` (truncated).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from transforms.code.mention import MentionBuilder
from transforms.geo import country_code, region_of

EXTRACTOR = "ucdp-ged-coder/1"
CONFIDENCE = 0.9  # a curated, sourced event dataset
DBSOURCE = "UCDP GED"
SCITE_MAX = 300
#: where_prec → (specificity, vicinity, keep coordinates)
WHERE_PREC = {
    1: (1, 0, True),
    2: (1, 1, True),
    3: (3, None, True),
    4: (4, None, True),
    5: (4, None, True),
    6: (5, None, False),
    7: (5, None, False),
}
_FEATURE_SUFFIX = re.compile(
    r"\s+(town|village|city|hamlet|settlement|camp|area|suburb|neighbourhood|"
    r"neighborhood|locality|district|market)$"
)
_ADMIN_SUFFIX = re.compile(
    r"\s+(province|state|district|region|governorate|department|county|prefecture|"
    r"municipality|division|oblast|emirate|territory)$"
)


def is_terrorism_candidate(record: dict[str, Any]) -> bool:
    """One-sided violence (type 3) by a side A that is not a government."""
    side_a = (record.get("side_a") or "").strip()
    return (
        str(record.get("type_of_violence")) == "3" and bool(side_a) and not side_a.startswith("Government of")
    )


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _date_fields(b: MentionBuilder, rec: dict[str, Any]) -> date | None:
    start, end = _date(rec.get("date_start")), _date(rec.get("date_end"))
    if start is None:
        return None
    end = end or start
    prec = _int(rec.get("date_prec")) or 1
    text = rec.get("date_start")
    span = f"{start.isoformat()} to {end.isoformat()}"
    b.set("iyear", start.year, text, "date_start")
    if prec >= 5 and end.year == start.year:
        b.set("imonth", 0, text, "date_prec 5: only the year is known")
        b.set("iday", 0, text, "date_prec 5: only the year is known")
        b.set("date_precision", "year", rec.get("date_prec"), "date_prec 5")
        b.set("approxdate", str(start.year), text, "date_prec 5")
    elif prec == 4 and (end.year, end.month) == (start.year, start.month):
        b.set("imonth", start.month, text, "date_start")
        b.set("iday", 0, text, "date_prec 4: only the month is known")
        b.set("date_precision", "month", rec.get("date_prec"), "date_prec 4")
        b.set("approxdate", start.strftime("%B %Y"), text, "date_prec 4")
    else:
        b.set("imonth", start.month, text, "date_start")
        b.set("iday", start.day, text, "date_start")
        if prec == 1 or start == end:
            b.set("date_precision", "day", rec.get("date_prec"), "date_prec 1 (exact)")
        else:
            b.set(
                "date_precision", "range", rec.get("date_prec"), f"date_prec {prec}: the date lies in a span"
            )
            b.set("approxdate", span, span, "date_start to date_end")
    if prec == 1 and (end - start).days >= 1:
        b.set("extended", 1, span, "exactly dated event lasting more than a day")
        b.set("resolution", end, rec.get("date_end"), "date_end")
    else:
        b.default("extended", 0, "single day, or a span that is uncertainty rather than duration")
    return start


def _location_fields(b: MentionBuilder, rec: dict[str, Any], on: date) -> bool:
    name = rec.get("country")
    code = country_code(name, on)
    if code is None:
        return False
    b.set("country", code, name, "GED country name, as of the event date")
    region = region_of(code)
    if region:
        b.set("region", region[0], name, "codebook region of the country")
    b.set("natlty1", code, name, "civilian victims of the location country (GED does not say otherwise)")
    adm1 = (rec.get("adm_1") or "").strip()
    if adm1:
        b.set("provstate", _ADMIN_SUFFIX.sub("", adm1), adm1, "adm_1 without its feature word")
    prec = _int(rec.get("where_prec")) or 6
    specificity, vicinity, keep = WHERE_PREC.get(prec, (5, None, False))
    place = (rec.get("where_coordinates") or "").strip()
    if prec in (1, 2) and place:
        b.set("city", _FEATURE_SUFFIX.sub("", place), place, f"where_coordinates (where_prec {prec})")
    if vicinity is not None:
        b.set("vicinity", vicinity, rec.get("where_prec"), "where_prec 2 = within 25 km of the place")
    lat, lon = rec.get("latitude"), rec.get("longitude")
    if keep and lat not in (None, "") and lon not in (None, ""):
        b.set("latitude", float(lat), str(lat), "GED latitude")
        b.set("longitude", float(lon), str(lon), "GED longitude")
    b.set("specificity", specificity, rec.get("where_prec"), f"where_prec {prec} → specificity {specificity}")
    return True


def code_document(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One GED event document → one mention if it is one-sided violence by a non-state actor, else none."""
    rec = json.loads(doc["record"]) if doc.get("record") else {}
    if not is_terrorism_candidate(rec):
        return []
    b = MentionBuilder(doc["doc_id"], doc["source"], EXTRACTOR, CONFIDENCE, doc.get("text") or "")
    on = _date_fields(b, rec)
    if on is None or not _location_fields(b, rec, on):
        return []
    best, deaths_a = _int(rec.get("best")), _int(rec.get("deaths_a"))
    if best is not None:
        b.set("nkill", best, rec.get("best"), "GED best estimate of all deaths")
    if deaths_a is not None:
        b.set("nkillter", deaths_a, rec.get("deaths_a"), "deaths of side A (the perpetrator)")
    side_a = " ".join(rec["side_a"].split())
    b.set("gname", side_a, rec["side_a"], "side_a (UCDP actor name)")
    clarity = _int(rec.get("event_clarity"))
    b.set("guncertain1", 1 if clarity == 2 else 0, rec.get("event_clarity"), "event_clarity 2 = low clarity")
    b.default("targtype1", 14, "one-sided violence targets civilians")
    b.default("attacktype1", 9, "GED does not record the attack type")
    b.default("weaptype1", 13, "GED does not record the weapon")
    b.default("success", 1 if (best or 0) > 0 else 0, "deaths recorded → the attack took effect")
    b.default("suicide", 0, "not evidenced")
    b.default("crit1", 1, "organised actor with (mostly political) aims; see module docstring")
    b.default("crit2", 0, "intent to reach a wider audience not evidenced")
    b.default("crit3", 1, "deliberate killing of civilians is outside international humanitarian law")
    b.default("doubtterr", 0, "civilians deliberately targeted by a non-state actor; see module docstring")
    b.default("ishostkid", -9, "not recorded by GED")
    article = (rec.get("source_article") or "").strip()
    if article:
        b.set("scite1", article[:SCITE_MAX], article[:SCITE_MAX], "source_article (truncated)")
    b.default("dbsource", DBSOURCE, "source")
    return [b.build()]
