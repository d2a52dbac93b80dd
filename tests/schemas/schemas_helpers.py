"""Helpers shared by tests/schemas (a uniquely named module: other test folders have a conftest too)."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

N_ROWS = 600


def set_value(frame: pl.DataFrame, column: str, row: int, value: object) -> pl.DataFrame:
    """``frame`` with ``column`` at position ``row`` replaced by ``value`` (dtype kept where possible)."""
    dtype = frame.schema[column]
    if isinstance(dtype, pl.Categorical):
        frame = frame.with_columns(pl.col(column).cast(pl.String))
        dtype = pl.String()
    lit = pl.lit(value, dtype=dtype) if value is not None else pl.lit(None, dtype=dtype)
    return frame.with_columns(
        pl.when(pl.int_range(pl.len()) == row).then(lit).otherwise(pl.col(column)).alias(column)
    )


Change = Callable[[pl.DataFrame], pl.DataFrame]
