"""Attack-type cells ("Suicide bombing, shooting") → GTD attack and weapon types.

Stable API (imported by ``transforms/extract``):

- ``code_attack_type(text) -> list[TypeCode]``: one ``TypeCode`` per recognised part of the cell, in the
  cell's order, each with attacktype, weaptype, weapsubtype, suicide and attempted flags and the rule
  (the YAML pattern) that matched.
- ``attack_fields(type_codes) -> dict``: the GTD columns ``attacktype1..3``, ``weaptype1..4``,
  ``weapsubtype1..4``, ``suicide`` (and ``success`` 0 when every part was "attempted"), ordered by GTD's
  hierarchy. No recognised part → attacktype1 = 9 (Unknown), weaptype1 = 13 (Unknown).

The lookups live in ``wikipedia_types.yaml`` beside this module; the judgement calls are documented there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from transforms.code.gtd_codes import attacktype_rank

_YAML = Path(__file__).resolve().parent / "wikipedia_types.yaml"
_SPLIT = re.compile(r",|;|/|\band\b|\s&\s", re.IGNORECASE)
_HEDGES = re.compile(r"\b(attempted|attempt|possibly|possible|suspected|failed|foiled)\b", re.IGNORECASE)
_ATTEMPT = re.compile(r"\b(attempted|attempt|failed|foiled)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TypeCode:
    part: str
    attacktype: int
    weaptype: int
    weapsubtype: int | None
    suicide: int
    attempted: bool
    rule: str


@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    attacktype: int
    weaptype: int
    weapsubtype: int | None
    suicide: int


@lru_cache(maxsize=1)
def _lookups() -> tuple[list[_Term], list[re.Pattern[str]]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
    data = yaml.load(_YAML.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    terms = [
        _Term(
            re.compile(t["match"], re.IGNORECASE),
            int(t["attacktype"]),
            int(t["weaptype"]),
            None if t.get("weapsubtype") is None else int(t["weapsubtype"]),
            int(t.get("suicide", 0)),
        )
        for t in data["terms"]
    ]
    ignore = [re.compile(p, re.IGNORECASE) for p in data.get("ignore", [])]
    return terms, ignore


def _normalise(part: str) -> str:
    part = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", part)
    return re.sub(r"\s+", " ", part.replace("\xa0", " ")).strip(" .-").casefold()


def code_attack_type(text: str | None) -> list[TypeCode]:
    """Code each part of a Type cell; parts that match no term are left out (see ``unmatched_parts``)."""
    terms, ignore = _lookups()
    out: list[TypeCode] = []
    for raw in _SPLIT.split(text or ""):
        part = _normalise(raw)
        attempted = bool(_ATTEMPT.search(part))
        bare = re.sub(r"\s+", " ", _HEDGES.sub(" ", part)).strip()
        if any(p.search(bare) for p in ignore):
            continue
        for term in terms:
            if term.pattern.search(bare):
                out.append(
                    TypeCode(
                        raw.strip(),
                        term.attacktype,
                        term.weaptype,
                        term.weapsubtype,
                        term.suicide,
                        attempted,
                        f"wikipedia_types.yaml:{term.pattern.pattern}",
                    )
                )
                break
    return out


def unmatched_parts(text: str | None) -> list[str]:
    """Parts of a Type cell that no term (and no ignore pattern) recognises: what to add to the YAML next."""
    terms, ignore = _lookups()
    missing = []
    for raw in _SPLIT.split(text or ""):
        bare = re.sub(r"\s+", " ", _HEDGES.sub(" ", _normalise(raw))).strip()
        if any(p.search(bare) for p in ignore) or any(t.pattern.search(bare) for t in terms):
            continue
        missing.append(raw.strip())
    return missing


def attack_fields(type_codes: list[TypeCode]) -> dict[str, int | None]:
    """GTD attack/weapon columns from coded parts (hierarchy order, de-duplicated, 3 attacks / 4 weapons)."""
    fields: dict[str, int | None] = {}
    if not type_codes:
        fields.update(attacktype1=9, weaptype1=13, suicide=0)
        return fields
    ranked = sorted(enumerate(type_codes), key=lambda it: (attacktype_rank(it[1].attacktype), it[0]))
    attacks: list[int] = []
    weapons: list[tuple[int, int | None]] = []
    for _, tc in ranked:
        if tc.attacktype not in attacks:
            attacks.append(tc.attacktype)
        weapon = (tc.weaptype, tc.weapsubtype)
        # an unknown weapon (13) adds nothing when a known weapon is already listed
        if weapon not in weapons and not (tc.weaptype == 13 and weapons):
            weapons.append(weapon)
    if len(weapons) > 1:
        weapons = [w for w in weapons if w[0] != 13] or weapons
    for i, code in enumerate(attacks[:3], start=1):
        fields[f"attacktype{i}"] = code
    for i, (wtype, wsub) in enumerate(weapons[:4], start=1):
        fields[f"weaptype{i}"] = wtype
        fields[f"weapsubtype{i}"] = wsub
    fields["suicide"] = int(any(tc.suicide for tc in type_codes))
    if all(tc.attempted for tc in type_codes):
        fields["success"] = 0
    return fields
