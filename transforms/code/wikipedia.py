"""Wikipedia list-page row documents → mentions (GTD fields with evidence).

Defaults for rows of the "List of terrorist incidents" pages (documented here, the one place they live):

- The page lists the row as terrorism, so crit1 = crit2 = crit3 = 1 and doubtterr = 0, unless the row
  hedges it: a perpetrator cell saying "suspected"/"alleged"/"possibly" sets guncertain1 = 1 (doubt about
  *who*, not about *whether*), and a Type cell saying "possibly" sets doubtterr = 1 (alternative left null).
- success = 1 (the page lists attacks that happened) unless every part of the Type cell is "attempted".
- targtype1, property, INT_*: the row does not say; left to the merge defaults (Unknown / -9).
- summary is not copied from the Details cell (its wording belongs to the page); the merge step writes a
  short factual summary from the coded fields.
- scite1 = "Wikipedia, <page title> (revision N), CC BY-SA".
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from typing import Any

from transforms.code.counts import parse_casualties
from transforms.code.mention import MentionBuilder
from transforms.code.types import attack_fields, code_attack_type
from transforms.geo import country_code, geocode, region_of, split_location

EXTRACTOR = "wikipedia-list-coder/1"
CONFIDENCE = 0.8  # a curated list row: structured, but written by volunteers with variable sourcing
DBSOURCE = "Wikipedia incident lists"
_UNKNOWN_PERP = re.compile(r"^\s*(unknown|unidentified|n/?a|none|\?|-|–)?\s*$", re.IGNORECASE)
_SUSPECTED = re.compile(
    r"\b(suspected|alleged|allegedly|possibly|possible|presumed|likely|suspect)\b\.?", re.IGNORECASE
)
MONTH_NAMES = list(calendar.month_name)  # "", "January", ... (English, C locale)


def _cell(record: dict, key: str) -> tuple[str, list[dict]]:
    cell = record.get("cells", {}).get(key) or {}
    return cell.get("text") or "", cell.get("links") or []


def _date_fields(b: MentionBuilder, record: dict, date_text: str) -> date | None:
    d = record.get("date")
    if d and d.get("year"):
        y, m, day = d["year"], d["month"] or 0, d["day"] or 0
        rule = "date cell + page context"
    elif record.get("context_year"):
        y, m, day = record["context_year"], record.get("context_month") or 0, 0
        rule = "page title/section context (date cell unreadable)"
    else:
        return None
    b.set("iyear", y, date_text or None, rule)
    b.set("imonth", m, date_text or None, rule)
    b.set("iday", day, date_text or None, rule)
    start = date(y, m or 1, day or 1)
    end_day = d.get("end_day") if d else 0
    if d and end_day and d.get("alternative"):
        b.default("extended", 0, "one of two dates")
        b.set("date_precision", "range", date_text, "'X or Y': the date is one of two")
        b.set("approxdate", " ".join(date_text.split()), date_text, "date cell")
        return start
    if d and end_day:
        end = date(d.get("end_year") or y, d.get("end_month") or m, end_day)
        if (end - start).days >= 1:
            b.set("extended", 1, date_text, "date cell gives a span of more than 24 hours")
            b.set("resolution", end, date_text, "end of the date span")
            b.set(
                "approxdate",
                f"{MONTH_NAMES[m]} {day} – {MONTH_NAMES[end.month]} {end.day}, {y}",
                date_text,
                "date span",
            )
            b.set("date_precision", "day", date_text, "start day known")
            return start
    b.default("extended", 0, "single date")
    precision = "day" if day else ("month" if m else "year")
    b.set("date_precision", precision, date_text or None, "known date parts")
    if precision != "day":
        b.set(
            "approxdate", f"{MONTH_NAMES[m]} {y}".strip() if m else str(y), date_text or None, "partial date"
        )
    return start


def _link_country(link: dict, on: date | None) -> int | None:
    """The country a location-cell link names (flag icons link to the country), if any.

    Titles with a parenthetical ("Georgia (U.S. state)") are not countries."""
    title = link.get("title") or ""
    if "(" in title:
        return None
    return country_code(title, on) or country_code(link.get("text") or "", on)


def _location_fields(b: MentionBuilder, text: str, links: list[dict], on: date | None) -> None:
    """Country: the first country the cell links to (the page's own marking, also for cells naming several
    countries, e.g. a hijacking's route: the first is where it began); otherwise the last part of the text.
    City/province: the text without the country names, split at commas."""
    first_line = text.split("\n")[0]
    link_countries = [(c, lk) for lk in links if (c := _link_country(lk, on)) is not None]
    if link_countries:
        code, link = link_countries[0]
        country_evidence = link["text"] or link["title"]
        rest = text.replace("\n", ", ")
        for _, lk in link_countries:
            if lk["text"]:
                rest = rest.replace(lk["text"], " ")
        rest = re.sub(r"\s+", " ", rest).strip(" ,")
        rest = re.sub(r"(\s*,\s*)+", ", ", rest).strip(" ,")
        city, provstate, _ = split_location(rest) if rest else (None, None, None)
    else:
        city, provstate, country_text = split_location(first_line)
        if country_text is None:  # "Nusaybin,\nTurkey": the country on the next line
            first_line = text
            city, provstate, country_text = split_location(text)
        code = country_code(country_text, on) if country_text else None
        country_evidence = country_text
    if code is None:
        b.default("country", None, "no country recognised in the location cell")
        b.default("specificity", 5, "no location")
        return
    b.set("country", code, country_evidence, "geo.country_code (names as of the event date)")
    region = region_of(code)
    if region:
        b.set("region", region[0], country_evidence, "codebook region of the country")
    b.set("natlty1", code, country_evidence, "target nationality assumed to be the location country")
    geo = geocode(city, provstate, code)
    if geo.provstate:
        b.set("provstate", geo.provstate, geo.provstate, "location cell part")
    if geo.city:
        b.set("city", geo.city, geo.city, "location cell part")
    if geo.latitude is not None:
        b.set("latitude", geo.latitude, geo.city, geo.rule)
        b.set("longitude", geo.longitude, geo.city, geo.rule)
    b.set("specificity", geo.specificity, first_line, f"GTD specificity: {geo.rule}")
    b.default("vicinity", 0, "list rows name the place itself")


def _perpetrator_fields(b: MentionBuilder, text: str) -> None:
    names = [n.strip(" .;") for n in re.split(r"\n|;|,", text) if n.strip(" .;")]
    if not names or _UNKNOWN_PERP.match(names[0]):
        b.set("gname", "Unknown", text or None, "perpetrator cell empty or 'Unknown'")
        return
    for slot, raw in enumerate(names[:3], start=1):
        suffix = "" if slot == 1 else str(slot)
        uncertain = bool(_SUSPECTED.search(raw))
        name = re.sub(r"\(\s*\)", "", _SUSPECTED.sub("", raw)).strip(" ()")
        if not name or _UNKNOWN_PERP.match(name):
            name = "Unknown"
        b.set(f"gname{suffix}", name, raw, "perpetrator cell")
        b.set(
            f"guncertain{slot}",
            int(uncertain),
            raw,
            "'suspected'/'alleged' in the cell" if uncertain else "no hedge in the cell",
        )


def code_document(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One row document (a documents-table row as a dict) → zero or one mention."""
    record = json.loads(doc["record"]) if doc.get("record") else {}
    b = MentionBuilder(doc["doc_id"], doc["source"], EXTRACTOR, CONFIDENCE, doc.get("text") or "")
    date_text, _ = _cell(record, "date")
    on = _date_fields(b, record, date_text)
    if on is None:
        return []  # an undated row cannot become an incident
    loc_text, loc_links = _cell(record, "location")
    _location_fields(b, loc_text, loc_links, on)

    type_text, _ = _cell(record, "type")
    codes = code_attack_type(type_text)
    for name, value in attack_fields(codes).items():
        rule = "; ".join(sorted({c.rule for c in codes})) or "no type recognised → Unknown"
        b.set(name, value, type_text or None, rule)
    b.values.setdefault("success", 1)
    if "success" not in {e["field"] for e in b.evidence}:
        b.default("success", 1, "listed attack took place")
    attacks = {v for k, v in b.values.items() if k.startswith("attacktype")}
    b.default(
        "ishostkid",
        1 if attacks & {4, 5, 6} else (-9 if attacks <= {9} else 0),
        "hijacking/hostage/kidnapping type → 1; other known types → 0",
    )

    for column, kill, ter in (("dead", "nkill", "nkillter"), ("injured", "nwound", "nwoundte")):
        text, _ = _cell(record, column)
        if not text:
            continue
        cas = parse_casualties(text)
        rule = "victims (+perpetrators); lowest figure" + (" (approximate)" if cas.approximate else "")
        b.set(kill, cas.total, text, rule)
        if cas.perpetrators is not None:
            b.set(ter, cas.perpetrators, text, "(+N) = perpetrators")
        elif cas.total is not None and "(+" not in text:
            b.set(ter, 0, text, "no (+N) part: no perpetrator casualties listed")

    perp_text, _ = _cell(record, "perpetrator")
    _perpetrator_fields(b, perp_text)

    b.default("crit1", 1, "listed as terrorism by the page")
    b.default("crit2", 1, "listed as terrorism by the page")
    b.default("crit3", 1, "listed as terrorism by the page")
    if re.search(r"\bpossibl[ey]\b", type_text, re.IGNORECASE):
        b.set("doubtterr", 1, type_text, "'possibly' in the Type cell")
    else:
        b.default("doubtterr", 0, "listed as terrorism by the page")
    title = record.get("page_title") or doc.get("title") or ""
    revid = record.get("revid")
    b.default(
        "scite1",
        f"Wikipedia, {title}" + (f" (revision {revid})" if revid else "") + ", CC BY-SA",
        "citation of the list page",
    )
    b.default("dbsource", DBSOURCE, "source")
    return [b.build()]
