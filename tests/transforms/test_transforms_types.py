"""Type cells of the Wikipedia list pages → GTD attack/weapon types."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from transforms.code.types import attack_fields, code_attack_type

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transforms"


def test_type_cells_coverage_at_least_98_percent() -> None:
    types = pl.read_csv(FIXTURES / "wikipedia_list_types_2015-2017.csv", infer_schema=False)["type"]
    assert types.len() == 3848
    known = sum(attack_fields(code_attack_type(t))["attacktype1"] != 9 for t in types.to_list())
    assert known / types.len() >= 0.98


@pytest.mark.parametrize(
    ("cell", "attacks", "weapon1", "suicide"),
    [
        ("Bombing", [3], (6, 16), 0),
        ("Car bombing", [3], (6, 15), 0),
        ("Suicide bombing", [3], (6, 13), 1),
        ("Suicide car bombing", [3], (6, 15), 1),
        ("Shooting", [2], (5, 5), 0),
        ("Mass shooting", [2], (5, 5), 0),
        ("Stabbing", [2], (9, 23), 0),
        ("Plane hijacking", [4], (13, None), 0),
        ("Kidnapping", [6], (13, None), 0),
        ("Hostage taking, Shooting", [5, 2], (5, 5), 0),
        ("Arson", [7], (8, 18), 0),
        ("Assassination, Kidnapping", [1, 6], (13, None), 0),
        ("Vehicular attack, stabbing, and shooting", [2, 8], (9, 23), 0),
        ("Rocket attack", [3], (6, 11), 0),
        ("Mortar attack", [3], (6, 11), 0),
        ("Grenade attack", [3], (6, 7), 0),
        ("Land mine", [3], (6, 8), 0),
        # hierarchy: the bombing ranks above the shooting whatever the order in the cell
        ("Shooting, suicide bombing", [3, 2], (6, 13), 1),
    ],
)
def test_type_cells(cell: str, attacks: list[int], weapon1: tuple[int, int | None], suicide: int) -> None:
    fields = attack_fields(code_attack_type(cell))
    assert [fields.get(f"attacktype{i}") for i in range(1, len(attacks) + 1)] == attacks
    assert fields.get("attacktype4") is None
    assert (fields["weaptype1"], fields.get("weapsubtype1")) == weapon1
    assert fields["suicide"] == suicide


def test_unknown_and_attempted() -> None:
    assert attack_fields(code_attack_type("Unknown"))["attacktype1"] == 9
    assert attack_fields(code_attack_type("Attempted bombing"))["success"] == 0
    assert "success" not in attack_fields(code_attack_type("Bombing"))
