"""Casualty figures: parsing list-page cells and GTD's rules for conflicting numbers.

Stable API (imported by ``transforms/extract``):

- ``parse_casualties(cell) -> Casualties``: a Wikipedia "Dead"/"Injured" cell → numbers.
  Wikipedia writes ``victims (+perpetrators)``: "2 (+2)" is 2 victims and 2 perpetrators, so GTD's total
  (``nkill``, which counts perpetrators too) is 4 and ``nkillter`` is 2.
  "10+", "at least 10", "15–25+", "3–5", "9 or 66", "37 / 38" are vague: GTD takes the *lowest* possible
  value and we flag ``approximate``. "Unknown", "?", "", "Dozens" → no figure (None).
  Footnote markers ("[12]") and notes in parentheses that are not "+N" ("(4 critical)") are ignored.
  A number followed by "kidnapped", "captured", "missing"... is not a casualty figure; "1 (perpetrator)"
  counts one perpetrator and no victim.
- ``lowest_number(text)``: the lowest figure a vague phrase allows (shared with free-text extraction).
- ``reconcile(figures)``: one number out of several sources' figures, by GTD's counting rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_FOOTNOTE = re.compile(r"\[[^\]]*\]")
_NUMBER = re.compile(r"\d[\d,]*")
#: Words after a number that mean the number does not count casualties.
_NOT_CASUALTIES = re.compile(
    r"^\s*\(?\s*(kidnapp?ed|kidnapping|abducted|captured|missing|arrested|disappeared|hostages?)\b",
    re.IGNORECASE,
)
_UNKNOWN = re.compile(r"^\s*(unknown|unknwon|unlnown|n/?a|\?|none reported|-|–|—)?\s*$", re.IGNORECASE)
_VAGUE = re.compile(
    r"(\+|at least|over|more than|around|about|approx|~|–|-|\bto\b|\bor\b|/|several|dozens|hundreds)",
    re.IGNORECASE,
)
#: "up to N" gives an upper bound only; its lowest possible value is unknown.
_UPPER_BOUND_ONLY = re.compile(r"^\s*(up to|fewer than|less than|under)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Casualties:
    """One casualty cell. ``total`` follows GTD (victims + perpetrators); None = no usable figure."""

    total: int | None
    perpetrators: int | None
    approximate: bool
    text: str
    victims: int | None = None


def _clean(cell: str) -> str:
    text = _FOOTNOTE.sub(" ", cell or "")
    text = text.replace("\xa0", " ").replace("\n", " ").replace('"', " ")
    return re.sub(r"\s+", " ", text).strip()


def lowest_number(text: str) -> tuple[int | None, bool]:
    """(lowest figure, approximate) of a phrase such as "47", "10+", "15–25+", "at least 3", "Unknown"."""
    text = _clean(text)
    if _UNKNOWN.match(text) or _UPPER_BOUND_ONLY.match(text):
        return None, bool(text) and not _UNKNOWN.match(text)
    match = _NUMBER.search(text)
    if not match:
        return None, bool(text)
    if _NOT_CASUALTIES.match(text[match.end() :]):
        return None, True
    value = int(match.group().replace(",", ""))
    approximate = bool(_VAGUE.search(text)) or not re.fullmatch(r"\d[\d,]*", text)
    return value, approximate


def _split_perpetrators(text: str) -> tuple[str, str | None]:
    """("main part", "perpetrator part" or None) of "2 (+2)" / "(+1)" / "+1" / "12+ (+1)"."""
    match = re.search(r"\(\s*\+([^)]*)\)?", text)
    if match:
        return (text[: match.start()] + " " + text[match.end() :]).strip(), match.group(1)
    match = re.match(r"^\+\s*(\d.*)$", text)
    if match:  # "+1" alone: perpetrators only
        return "", match.group(1)
    return text, None


_PERP_NOTE = re.compile(
    r"^\s*(\d+)\s*\(\s*(the )?(perpetrators?|attackers?|assailants?|bombers?|hijackers?|gunm[ae]n)\s*\)\s*$",
    re.IGNORECASE,
)


def parse_casualties(cell: str | None) -> Casualties:
    original = cell or ""
    text = _clean(original)
    note = _PERP_NOTE.match(text)
    if note:  # "1 (perpetrator)": the figure counts perpetrators only
        n = int(note.group(1))
        return Casualties(total=n, perpetrators=n, approximate=False, text=original, victims=0)
    main, perp_text = _split_perpetrators(text)
    # drop other parenthetical notes ("(4 critical)", "(attackers killed)", "(2)")
    main_clean = re.sub(r"\([^)]*\)?", " ", main).strip()
    victims, approx_v = lowest_number(main_clean) if main_clean else (None, False)
    first = _NUMBER.search(main)
    if first and _NOT_CASUALTIES.match(main[first.end() :]):  # "1 (kidnapped)" is not an injury count
        victims, approx_v = None, True
    perps: int | None = None
    approx_p = False
    if perp_text is not None:
        perps, approx_p = lowest_number(perp_text)
    approximate = approx_v or approx_p
    if victims is None and perps is None:
        total = None
    elif victims is None:
        # "Unknown (+6)": at least the 6 perpetrators died; the lowest possible total is 6
        total, approximate = perps, True
    else:
        total = victims + (perps or 0)
    return Casualties(
        total=total, perpetrators=perps, approximate=approximate, text=original, victims=victims
    )


@dataclass(frozen=True)
class Figure:
    """One source's figure for a count, for ``reconcile``."""

    value: int | None
    published_at: datetime | None = None
    questionable: bool = False  # e.g. relies on a perpetrator's claim
    approximate: bool = False


def reconcile(figures: list[Figure]) -> tuple[int | None, str]:
    """One figure from several sources, by GTD's counting rules (codebook §3); returns (value, rule).

    1. the most recent source's figure, unless it is questionable;
    2. otherwise the majority figure;
    3. otherwise the lowest figure.
    Sources without a figure are ignored; no figures at all → None.
    """
    usable = [f for f in figures if f.value is not None]
    if not usable:
        return None, "no figure"
    if len(usable) == 1:
        return usable[0].value, "single source"
    dated = [f for f in usable if f.published_at is not None and not f.questionable]
    if dated:
        newest = max(f.published_at for f in dated)
        at_newest = {f.value for f in dated if f.published_at == newest}
        if len(at_newest) == 1:
            return at_newest.pop(), "most recent source"
    counts: dict[int, int] = {}
    for f in usable:
        counts[f.value] = counts.get(f.value, 0) + 1  # type: ignore[index]
    best = max(counts.values())
    leaders = sorted(v for v, n in counts.items() if n == best)
    if best > 1 and len(leaders) == 1:
        return leaders[0], "majority figure"
    return min(counts), "lowest figure"
