"""Reader for MUC-3/MUC-4 answer-key files (``key-dev-0001.muc4``, ``key-tst1.v7``, ...).

Gold incidents, as the issue defines them: templates of TYPE ATTACK, BOMBING, KIDNAPPING, ARSON or
HIJACKING, STAGE OF EXECUTION ACCOMPLISHED or ATTEMPTED, and PERP: INCIDENT CATEGORY not solely
STATE-SPONSORED VIOLENCE. Templates marked OPTIONAL are kept with ``optional=True`` (they count only when
matched). Slot definitions: ``taskdoc/template-doc-part1`` of the MUC-4 distribution.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from transforms.evaluate.gold import GoldIncident
from transforms.extract.places import country_code, norm_place

_SLOT = re.compile(r"^(\d+)\.\s+([A-Z][A-Z .]*?:\s[A-Z][A-Z .]*?)(?:\s{2,}(.*))?$")
_QUOTED = re.compile(r'"((?:\\"|[^"])*)"')
_DATE = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")
_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1)}

INCIDENT_TYPES = {"ATTACK", "BOMBING", "KIDNAPPING", "ARSON", "HIJACKING"}

#: MUC instrument types → GTD weaptype (5 firearms, 6 explosives, 8 incendiary, 9 melee).
INSTRUMENT_WEAPTYPE = {
    "GUN": 5, "MACHINE GUN": 5, "RIFLE": 5, "HANDGUN": 5, "SHOTGUN": 5,
    "BOMB": 6, "DYNAMITE": 6, "EXPLOSIVE": 6, "VEHICLE BOMB": 6, "GRENADE": 6, "MORTAR": 6, "AERIAL BOMB": 6,
    "ROCKET": 6, "MINE": 6, "MISSILE": 6, "PROJECTILE": 6,
    "MOLOTOV COCKTAIL": 8, "FIRE": 8, "INCENDIARY": 8,
    "CUTTING DEVICE": 9, "STONE": 9, "TORTURE": 9, "KNIFE": 9, "BLUNT OBJECT": 9,
}

#: MUC human / physical target types → GTD targtype.
TARGET_TARGTYPE = {
    "CIVILIAN": 14, "CIVILIAN RESIDENCE": 14, "ORGANIZATION OFFICE": 14,
    "GOVERNMENT OFFICIAL": 2, "FORMER GOVERNMENT OFFICIAL": 2, "POLITICAL FIGURE": 2, "LEGAL OR JUDICIAL": 2,
    "GOVERNMENT OFFICE OR RESIDENCE": 2, "POLITICAL FIGURE OFFICE OR RESIDENCE": 2,
    "ACTIVE MILITARY": 4, "FORMER ACTIVE MILITARY": 4, "MILITARY": 4,
    "LAW ENFORCEMENT": 3, "LAW ENFORCEMENT FACILITY": 3,
    "SECURITY GUARD": 1, "COMMERCIAL": 1, "FINANCIAL": 1,
    "DIPLOMAT": 7, "DIPLOMAT OFFICE OR RESIDENCE": 7,
    "CLERGY": 15, "ENERGY": 21, "COMMUNICATIONS": 16, "WATER": 9,
    "TRANSPORT VEHICLE": 19, "TRANSPORTATION ROUTE": 19, "TRANSPORTATION FACILITY": 19,
    "OTHER": 13,
}


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m or m.group(2) not in _MONTHS:
        return None
    try:
        return dt.date(1900 + int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def parse_date_fill(fill: str) -> tuple[dt.date | None, dt.date | None] | None:
    """``21 JAN 89`` → (d, d); ``15 JAN 89 - 21 JAN 89`` → (a, b); ``- 21 JAN 89`` → (None, d)."""
    fill = fill.strip()
    if fill in ("", "-", "*"):
        return None
    if fill.startswith("-"):
        d = _date(fill)
        return (None, d) if d else None
    parts = fill.split(" - ")
    first = _date(parts[0])
    last = _date(parts[-1]) if len(parts) > 1 else first
    if first is None:
        return None
    return (first, last or first)


def _alternatives(value: str) -> set[str]:
    return {v.strip().lstrip("?").strip() for v in value.split("/") if v.strip().lstrip("?").strip()}


def _typed_lines(lines: list[str]) -> list[tuple[str, list[str]]]:
    """``TYPE: "string" / "string"`` lines → [(TYPE, [strings])]."""
    out = []
    for line in lines:
        head, _, rest = line.partition(":")
        if not rest or '"' in head:
            continue
        out.append((head.strip().lstrip("?").strip(), _QUOTED.findall(rest)))
    return out


def _count(value: str) -> int | None:
    value = value.strip().lstrip("?").strip()
    m = re.match(r"^(\d+)(?:\s*-\s*\d+)?$", value)  # a range "7 - 9" counts as its lowest value
    return int(m.group(1)) if m else None


def parse_templates(text: str) -> Iterator[dict[int, list[str]]]:
    """Raw templates: slot number → value lines (comments dropped)."""
    current: dict[int, list[str]] | None = None
    slot = None
    for raw in text.splitlines():
        if raw.startswith(";;;"):
            continue
        m = _SLOT.match(raw)
        if m:
            slot = int(m.group(1))
            if slot == 0:
                if current:
                    yield current
                current = {}
            if current is not None:
                current[slot] = [(m.group(3) or "").strip()]
            continue
        if current is not None and slot is not None and raw.startswith(" ") and raw.strip():
            current[slot].append(raw.strip())
    if current:
        yield current


def gold_from_template(tpl: dict[int, list[str]]) -> GoldIncident | None:
    """A gold incident from one raw template, or None when the template is not a gold incident."""
    doc_id = tpl[0][0].split()[0]
    number = tpl.get(1, ["*"])[0]
    if number.startswith("*"):
        return None
    types = _alternatives(tpl.get(4, [""])[0]) & INCIDENT_TYPES
    stages = _alternatives(tpl.get(5, [""])[0])
    categories = _alternatives(tpl.get(8, [""])[0]) - {"-"}
    if not types or not stages & {"ACCOMPLISHED", "ATTEMPTED"}:
        return None
    if categories == {"STATE-SPONSORED VIOLENCE"}:
        return None
    g = GoldIncident(doc_id=doc_id, key=f"{doc_id}#{number.split()[0]}", optional="OPTIONAL" in number)
    g.fields["attack"] = types
    date = parse_date_fill(tpl.get(2, ["-"])[0])
    if date:
        g.fields["date"] = date
    location = " ".join(tpl.get(3, ["-"])).strip()
    if location not in ("-", "*", ""):
        country_part, _, rest = location.partition(":")
        codes = {c for c in (country_code(n.strip()) for n in country_part.split("/")) if c}
        if codes:
            g.fields["country"] = codes
        places = {norm_place(re.sub(r"\([^)]*\)", "", p)) for p in re.split(r"[:/]| - ", rest)}
        places.discard("")
        if places:
            g.fields["place"] = places
    weapons = set()
    for kind, _ in _typed_lines(tpl.get(7, [])):
        for k in _alternatives(kind):
            if k in INSTRUMENT_WEAPTYPE:
                weapons.add(INSTRUMENT_WEAPTYPE[k])
    if weapons:
        g.fields["weapon"] = weapons
    perps = [s.replace('\\"', '"') for s in _QUOTED.findall(" ".join(tpl.get(10, [])))]
    if perps:
        g.fields["perpetrator"] = perps
    targets = set()
    for slot in (13, 20):
        for kind, _ in _typed_lines(tpl.get(slot, [])):
            for k in _alternatives(kind):
                if k in TARGET_TARGTYPE:
                    targets.add(TARGET_TARGTYPE[k])
    if targets:
        g.fields["target"] = targets
    counts: dict[str, int | None] = {}
    for value, strings in _typed_lines(tpl.get(21, [])):
        for s in strings:
            counts[s] = _count(value)
    # strings on one line ("JESUITS" / "PRIESTS") are alternative names of one target: count it once
    dead = [strings for effect, strings in _typed_lines(tpl.get(23, [])) if "DEATH" in _alternatives(effect)
            and strings]
    numbers = [next((counts[s] for s in alts if counts.get(s) is not None), None) for alts in dead]
    if dead and all(n is not None for n in numbers):
        g.fields["nkill"] = sum(n or 0 for n in numbers)
    elif not any("DEATH" in _alternatives(effect) for effect, _ in _typed_lines(tpl.get(23, []))):
        # no human target died (the key lists none with effect DEATH, or says "NO DEATH" / "NO INJURY OR
        # DEATH"): the sum of its DEATH counts is 0. GTD codes that as nkill = 0 and leaves nkill blank only
        # when deaths are evidenced without a usable figure, which is the case above with an unknown count.
        g.fields["nkill"] = 0
    return g


def read_keys(paths: Iterable[Path]) -> tuple[list[str], list[GoldIncident]]:
    """All message ids seen in the keys (documents, including those without incidents) and gold incidents."""
    doc_ids: list[str] = []
    gold: list[GoldIncident] = []
    for path in paths:
        text = Path(path).read_text(encoding="latin-1")
        for tpl in parse_templates(text):
            doc_id = tpl[0][0].split()[0]
            if (not doc_ids or doc_ids[-1] != doc_id) and doc_id not in doc_ids[-5:]:
                doc_ids.append(doc_id)
            g = gold_from_template(tpl)
            if g is not None:
                gold.append(g)
    return list(dict.fromkeys(doc_ids)), gold
