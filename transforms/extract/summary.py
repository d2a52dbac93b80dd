"""A short factual summary in GTD's style, generated from the coded fields (never copied text)."""

from __future__ import annotations

from typing import Any


def summarize(f: dict[str, Any]) -> str:
    y, mo, d = f.get("iyear") or 0, f.get("imonth") or 0, f.get("iday") or 0
    when = f"{y:04d}-{mo:02d}-{d:02d}" if y else "Date unknown"
    where = ", ".join(p for p in (f.get("city"), f.get("provstate"), f.get("country_txt")) if p) or "an unknown place"
    what = (f.get("attacktype1_txt") or "Attack").lower()
    parts = [f"{when}: {what} in {where}"]
    if f.get("target1"):
        parts[0] += f" targeting {f['target1'].lower()} ({f.get('targtype1_txt', 'unknown')})"
    parts[0] += "."
    nk, nw = f.get("nkill"), f.get("nwound")
    if nk is not None or nw is not None:
        parts.append(f"{nk if nk is not None else 'Unknown'} killed, {nw if nw is not None else 'unknown'} wounded.")
    g = f.get("gname")
    if g and g != "Unknown":
        how = "claimed responsibility" if f.get("claimed") else (
            "suspected" if f.get("guncertain1") else "named as perpetrator")
        parts.append(f"{g} {how}.")
    else:
        parts.append("No group named.")
    if f.get("success") == 0:
        parts.append("The attack was unsuccessful.")
    return " ".join(parts)
