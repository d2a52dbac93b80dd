"""Casualty cells as written on Wikipedia list pages (real values from the 2015–2017 pages)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from transforms.code.counts import Figure, parse_casualties, reconcile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "transforms"


@pytest.mark.parametrize(
    ("cell", "total", "perps", "approx"),
    [
        ("47", 47, None, False),
        ("2 (+2)", 4, 2, False),
        ("0 (+1)", 1, 1, False),
        ("10+", 10, None, True),
        ("1+", 1, None, True),
        ("Unknown", None, None, False),
        ("?", None, None, False),
        ("", None, None, False),
        ("18+ (+1)[7]", 19, 1, True),
        ("10[53]", 10, None, False),
        ("3–5", 3, None, True),
        ("15–25+", 15, None, True),
        ("Unknown (+6)", 6, 6, True),
        ("1 (perpetrator)", 1, 1, False),
        ("1 kidnapped", None, None, True),
        ("1 (kidnapped)", None, None, True),
        ("9 or 66 (+70)", 79, 70, True),
        ("4\n(+3)", 7, 3, False),
        ("Dozens", None, None, True),
        ("1,200", 1200, None, False),
    ],
)
def test_parse_casualties(cell: str, total: int | None, perps: int | None, approx: bool) -> None:
    got = parse_casualties(cell)
    assert (got.total, got.perpetrators, got.approximate) == (total, perps, approx)
    assert got.text == cell


def test_real_cells_parse_consistently() -> None:
    rows = pl.read_csv(FIXTURES / "wikipedia_list_rows_2015-2017_sample.csv", infer_schema=False)
    parsed = 0
    for cell in rows["dead"].fill_null("").to_list():
        got = parse_casualties(cell)
        if got.total is not None:
            parsed += 1
            assert got.total >= (got.perpetrators or 0) >= 0
            if cell.strip().isdigit():
                assert got.total == int(cell) and not got.approximate
    # nearly every real Dead cell yields a figure
    assert parsed / rows.height > 0.95


def test_reconcile_follows_gtd_counting_rules() -> None:
    from datetime import datetime

    old, new = datetime(2020, 1, 1), datetime(2020, 1, 5)
    assert reconcile([Figure(10, old), Figure(12, new)]) == (12, "most recent source")
    assert reconcile([Figure(10, new, questionable=True), Figure(8, old)]) == (8, "most recent source")
    assert reconcile([Figure(5), Figure(5), Figure(7)]) == (5, "majority figure")
    assert reconcile([Figure(9), Figure(7)]) == (7, "lowest figure")
    assert reconcile([Figure(None)]) == (None, "no figure")
