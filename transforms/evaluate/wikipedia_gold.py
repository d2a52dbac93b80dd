"""Gold incidents from Wikipedia incident-list rows (``date,type,dead,injured,location,details,perpetrator``).

The ``details`` text is the extractor's input; the other cells are the gold: Type → attack class and weapon
types (through ``transforms.code.types``), Dead / Injured → nkill / nwound (``x (+y)`` → x + y, through
``transforms.code.counts``), the location's last part → country, Perpetrator → perpetrator names.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from transforms import geo
from transforms.code.counts import parse_casualties
from transforms.code.types import attack_fields, code_attack_type
from transforms.evaluate.gold import ATTACK_CLASS, GoldIncident
from transforms.evaluate.names import split_gold
from transforms.extract.model import Document

_DATE = re.compile(r"^([A-Z][a-z]+)\s+(\d{1,2})\D.*?(\d{4})\s*$|^([A-Z][a-z]+)\s+(\d{1,2})\s+(\d{4})")
_MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}


def row_date(cell: str) -> dt.date | None:
    """"January 3 2015" / "January 3–7 2015" → the first day."""
    m = re.match(r"^\s*([A-Za-z]+)\s+(\d{1,2})\b.*?(\d{4})\s*$", cell or "")
    if not m or m.group(1).capitalize() not in _MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(1).capitalize()], int(m.group(2)))
    except ValueError:
        return None


def read_rows(path: Path) -> Iterator[tuple[Document, GoldIncident]]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=1):
            missing = {"type", "dead", "injured", "location", "details", "perpetrator"} - set(row)
            if missing:
                raise ValueError(f"{path}: missing columns {sorted(missing)}; expected date,type,dead,injured,"
                                 "location,details,perpetrator")
            doc_id = f"{Path(path).stem}:{n}"
            doc = Document(doc_id=doc_id, text=row["details"] or "", published_at=row_date(row.get("date", "")))
            yield doc, gold_from_row(doc_id, row, doc.published_at)


def gold_from_row(doc_id: str, row: dict[str, str], on_date: dt.date | None = None) -> GoldIncident:
    g = GoldIncident(doc_id=doc_id, key=doc_id)
    codes = code_attack_type(row.get("type") or "")
    if codes:
        f = attack_fields(codes)
        classes = {ATTACK_CLASS[f[k]] for k in ("attacktype1", "attacktype2", "attacktype3")
                   if f.get(k) in ATTACK_CLASS}
        if classes:
            g.fields["attack"] = classes
        weapons = {f[k] for k in ("weaptype1", "weaptype2", "weaptype3", "weaptype4") if f.get(k)} - {13}
        if weapons:
            g.fields["weapon"] = weapons
    for cell, name in (("dead", "nkill"), ("injured", "nwound")):
        total = parse_casualties(row.get(cell)).total
        if total is not None:
            g.fields[name] = total
    _, _, country = geo.split_location(row.get("location"))
    code = geo.country_code(country, on_date) if country else None
    if code is None and row.get("location"):
        code = geo.country_code(row["location"].split(",")[-1].strip(), on_date)
    if code is not None:
        g.fields["country"] = {code}
    perps = split_gold(row.get("perpetrator") or "")
    if perps:
        g.fields["perpetrator"] = perps
    return g
