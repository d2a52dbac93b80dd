"""The GTD code lists (labels, hierarchy, region membership), loaded once.

The lists come from ``schemas/reference/gtd-codes.json`` (the contract) when it exists, and otherwise
from the copy in ``transforms/geodata/gtd-codes.json`` (the same file, taken from the shared reference
folder), so that the transforms work before and after the schemas package lands.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_CANDIDATES = (
    _HERE.parent.parent / "schemas" / "reference" / "gtd-codes.json",
    _HERE.parent / "geodata" / "gtd-codes.json",
)


@lru_cache(maxsize=1)
def codes() -> dict[str, Any]:
    """The whole code-list document."""
    for path in _CANDIDATES:
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"GTD code lists not found at any of {[str(p) for p in _CANDIDATES]}")


def label(vocabulary: str, code: int | None) -> str | None:
    """The codebook label of ``code`` in ``vocabulary`` (e.g. ``label("attacktype", 3)``), or None."""
    if code is None:
        return None
    table = codes().get(vocabulary)
    if vocabulary in ("natlty", "country"):
        table = codes()["country"]
    if not isinstance(table, dict):
        raise KeyError(f"unknown GTD vocabulary {vocabulary!r}")
    return table.get(str(int(code)))


def attacktype_rank(code: int) -> int:
    """Position of an attack type in GTD's hierarchy (0 = highest; Assassination)."""
    order = codes()["attacktype_hierarchy_order"]
    return order.index(str(int(code)))


def variable_names() -> list[str]:
    """The 135 GTD variables in release-file order."""
    return [v["name"] for v in sorted(codes()["variables"], key=lambda v: v["pos"])]
