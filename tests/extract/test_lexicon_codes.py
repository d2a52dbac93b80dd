"""Every code the pattern lexicon assigns is a valid GTD code, and every subtype belongs to its type.

The release gate checks ``targsubtype1`` against ``targtype1`` on released rows; this checks the source of
those codes, the pattern table, so a bad pair is caught before a build rather than by a failed release.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from schemas.definition import subtype_parents
from transforms.code.gtd_codes import codes

PATTERNS = Path(__file__).resolve().parents[2] / "transforms" / "extract" / "data" / "patterns.yaml"


def _entries(category: str) -> list[tuple[str, dict]]:
    raw = yaml.safe_load(PATTERNS.read_text(encoding="utf-8"))
    return list((raw.get(category) or {}).items())


@pytest.mark.parametrize(("phrases", "attrs"), _entries("target"), ids=lambda v: str(v)[:30])
def test_target_subtype_belongs_to_its_type(phrases: str, attrs: dict) -> None:
    assert str(attrs["tt"]) in codes()["targtype"], phrases
    if "ts" in attrs:
        assert subtype_parents("targsubtype")[attrs["ts"]] == attrs["tt"], (
            f"{phrases!r}: targsubtype {attrs['ts']} is not a subtype of targtype {attrs['tt']}")


@pytest.mark.parametrize(("phrases", "attrs"), [e for c in ("attack", "weapon") for e in _entries(c) if "wt" in e[1]],
                         ids=lambda v: str(v)[:30])
def test_weapon_subtype_belongs_to_its_type(phrases: str, attrs: dict) -> None:
    assert str(attrs["wt"]) in codes()["weaptype"], phrases
    if "ws" in attrs:
        assert subtype_parents("weapsubtype")[attrs["ws"]] == attrs["wt"], (
            f"{phrases!r}: weapsubtype {attrs['ws']} is not a subtype of weaptype {attrs['wt']}")
