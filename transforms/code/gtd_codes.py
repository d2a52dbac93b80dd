"""The GTD code lists (labels, hierarchy, region membership), loaded once.

The lists come from ``schemas/reference/gtd-codes.json``, the contract (one copy in the repository).
"""

from __future__ import annotations

from typing import Any

from schemas.definition import load_reference


def codes() -> dict[str, Any]:
    """The whole code-list document (cached by ``schemas.definition.load_reference``)."""
    return load_reference()


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
