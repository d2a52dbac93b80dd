"""Wikidata SPARQL results (``application/sparql-results+json``) → one document per attack item.

The query (``spiders/wikidata.py``) returns one row per combination of an item's multi-valued properties
(two perpetrators × two locations = four rows), so rows are grouped by item (``?e``) and each property keeps
its distinct values in first-seen order. Variables read, all optional except ``e``: ``eLabel``, ``type``/
``typeLabel``, ``date`` (P585), ``start`` (P580), ``end`` (P582), ``coord`` (P625), ``deaths`` (P1120),
``injured`` (P1339), ``countryLabel`` (P17), ``locLabel`` (P276), ``perpLabel`` (P8031), ``article``
(English Wikipedia page). Other variables are kept in ``record`` under their own names.

Wikidata is CC0. A document's ``url`` is the item page, ``record_key`` ``<source>:<QID>``, ``text`` a short
statement of the item's facts (so the extractors can read it like any other text) and ``record`` the
grouped values (dates as Wikidata wrote them, coordinates as ``[lat, lon]``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

#: Variables whose values become lists in ``record`` (renamed for readers).
FIELDS: dict[str, str] = {
    "typeLabel": "types",
    "type": "type_iris",
    "date": "point_in_time",
    "start": "start_time",
    "end": "end_time",
    "coord": "coordinates",
    "deaths": "deaths",
    "injured": "injured",
    "countryLabel": "countries",
    "locLabel": "locations",
    "perpLabel": "perpetrators",
    "article": "wikipedia_articles",
}
_QID_RE = re.compile(r"/entity/(Q\d+)$")
_POINT_RE = re.compile(r"^\s*Point\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)\s*$")


def item_key(binding: Mapping[str, str]) -> str:
    """``Q123`` for an entity IRI; ``_:<label>`` for a blank node; the IRI itself otherwise."""
    value = binding.get("value", "")
    if binding.get("type") == "bnode":
        return f"_:{value}"
    m = _QID_RE.search(value)
    return m.group(1) if m else value


def point(wkt: str) -> list[float] | None:
    """WKT ``Point(lon lat)`` (Wikidata's order) → ``[lat, lon]``; None when not a point."""
    m = _POINT_RE.match(wkt)
    if not m:
        return None
    lon, lat = float(m.group(1)), float(m.group(2))
    return [lat, lon]


def _value(var: str, binding: Mapping[str, str]) -> Any:
    raw = binding.get("value")
    if raw is None:
        return None
    if var == "coord":
        return point(raw)
    if var in ("deaths", "injured"):
        try:
            number = float(raw)
        except ValueError:
            return raw
        return int(number) if number.is_integer() else number
    return raw


def group_items(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """SPARQL JSON → {item key: {"label", <FIELDS values as lists>, <other vars as lists>}}."""
    try:
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError) as exc:
        raise ValueError("not SPARQL JSON results: no results.bindings") from exc
    items: dict[str, dict[str, Any]] = {}
    for row in bindings:
        if "e" not in row:
            continue
        key = item_key(row["e"])
        item = items.setdefault(key, {"iri": row["e"].get("value"), "label": None})
        for var, binding in row.items():
            if var == "e":
                continue
            if var == "eLabel":
                item["label"] = item["label"] or binding.get("value")
                continue
            name = FIELDS.get(var, var)
            value = _value(var, binding)
            values = item.setdefault(name, [])
            if value is not None and value not in values:
                values.append(value)
    return items


def _date_part(value: str) -> str:
    return value[:10] if re.match(r"^-?\d{4}-\d{2}-\d{2}", value) else value


def describe(label: str, item: Mapping[str, Any]) -> str:
    """One paragraph stating the item's facts, in the order an incident is told."""
    sentences = [label + (f" ({', '.join(item['types'])})" if item.get("types") else "") + "."]
    dates = item.get("point_in_time") or item.get("start_time") or []
    if dates:
        sentences.append("Date: " + ", ".join(_date_part(d) for d in dates) + ".")
    places = [*item.get("locations", []), *item.get("countries", [])]
    if places:
        sentences.append("Place: " + ", ".join(places) + ".")
    if item.get("deaths"):
        sentences.append("Deaths: " + ", ".join(str(v) for v in item["deaths"]) + ".")
    if item.get("injured"):
        sentences.append("Injured: " + ", ".join(str(v) for v in item["injured"]) + ".")
    if item.get("perpetrators"):
        sentences.append("Perpetrator: " + ", ".join(item["perpetrators"]) + ".")
    return " ".join(sentences)


def parse(
    body: bytes,
    *,
    url: str,
    source: str,
    content_type: str | None = None,
    hints: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One archived SPARQL response → one document per item (see module docstring)."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ValueError(f"{url}: SPARQL response is not JSON ({exc})") from exc
    docs = []
    for key, item in group_items(data).items():
        label = item.pop("label") or key
        iri = item.pop("iri")
        if key.startswith("Q"):
            page = f"https://www.wikidata.org/wiki/{key}"
        else:  # a blank node has no page: the query response itself is the reference
            page = iri if iri and iri.startswith("http") else f"{url}#{key}"
        docs.append(
            {
                "record_key": f"{source}:{key}",
                "url": page,
                "title": label,
                "publisher": "Wikidata",
                "published_at": None,
                "language": "en",
                "text": describe(label, item),
                "record": json.dumps(
                    {"item": key, "label": label, **item}, ensure_ascii=False, sort_keys=True
                ),
            }
        )
    return docs
