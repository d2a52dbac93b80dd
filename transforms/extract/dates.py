"""Resolving date expressions against the document date (dateline or published date)."""

from __future__ import annotations

import datetime as dt

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower()[:3])


def resolve_day_month(day: int, month: int, year: int | None, anchor: dt.date | None) -> dt.date | None:
    """``30 DECEMBER`` in a document dated 3 JAN 90 → 30 DEC 89 (a date after the document is last year)."""
    if year is not None and year < 100:
        year += 1900 if year > 30 else 2000
    if year is None:
        if anchor is None:
            return None
        year = anchor.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate > anchor + dt.timedelta(days=7):
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_weekday(name: str, anchor: dt.date | None) -> dt.date | None:
    """"on Wednesday" → the latest Wednesday on or before the document date."""
    if anchor is None:
        return None
    target = WEEKDAYS.index(name.lower())
    delta = (anchor.weekday() - target) % 7
    return anchor - dt.timedelta(days=delta)


def resolve_relative(phrase: str, anchor: dt.date | None) -> tuple[dt.date | None, bool]:
    """(date, approximate) for "yesterday", "today", "last night", "last week", ..."""
    if anchor is None:
        return None, True
    p = phrase.lower()
    if p == "the day before yesterday":
        return anchor - dt.timedelta(days=2), False
    if p in ("yesterday", "last night", "overnight"):
        return anchor - dt.timedelta(days=1), False
    if p == "last week":
        return anchor - dt.timedelta(days=7), True
    return anchor, False
