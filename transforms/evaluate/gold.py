"""A gold incident, in the comparable form both gold readers produce and the scorer consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: GTD attacktype → the coarse attack class both corpora are scored on (MUC's incident types).
ATTACK_CLASS = {1: "ATTACK", 2: "ATTACK", 8: "ATTACK", 3: "BOMBING", 5: "KIDNAPPING", 6: "KIDNAPPING",
                7: "ARSON", 4: "HIJACKING"}


@dataclass
class GoldIncident:
    """One gold incident. ``fields`` maps a scored field to its gold value (absent = no gold filler).

    Values: ``attack`` set of classes; ``date`` (first, last) dates, either may be None for open ends;
    ``country`` GTD code; ``place`` set of normalized sub-country names; ``weapon`` / ``target`` sets of GTD
    codes; ``perpetrator`` list of name strings; ``nkill`` / ``nwound`` ints.
    """

    doc_id: str
    key: str
    optional: bool = False
    fields: dict[str, Any] = field(default_factory=dict)


def date_in(value: dt.date, span: tuple[dt.date | None, dt.date | None]) -> bool:
    lo, hi = span
    return (lo is None or value >= lo) and (hi is None or value <= hi)
