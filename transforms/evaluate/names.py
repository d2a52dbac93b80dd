"""Does a predicted group name match a gold perpetrator string (allowing aliases and abbreviations)?"""

from __future__ import annotations

import re

from transforms.extract.groups import norm_name, parent, resolve

_GENERIC_WORDS = {"GROUP", "GROUPS", "ARMY", "FRONT", "MOVEMENT", "PARTY", "FORCES", "ARMED", "NATIONAL",
                  "LIBERATION", "PEOPLE", "PEOPLES", "REVOLUTIONARY", "MILITANTS", "GUERRILLAS", "OF", "THE",
                  "AND", "SUSPECTED", "UNKNOWN"}


def split_gold(cell: str) -> list[str]:
    """A perpetrator cell may name several groups: "Pakistani Taliban or al-Qaeda linked groups"."""
    cell = re.sub(r"\[[^\]]*\]", "", cell)
    cell = re.sub(r"\((suspected|alleged|claimed|disputed)\)", "", cell, flags=re.IGNORECASE)
    parts = re.split(r"\s+(?:or|and|/)\s+|;|,|\n", cell)
    out: list[str] = []
    for p in parts:
        # "Ansar Bait al-Maqdis (Islamic State)", "Abu-Amsha al-Atrash (Palestinian Islamic Jihad)": the name and
        # the group it belongs to are both names of the perpetrator
        for name in (re.sub(r"\([^)]*\)", "", p), *re.findall(r"\(([^)]*)\)", p)):
            name = name.strip()
            if name and norm_name(name) not in ("UNKNOWN", "") and name not in out:
                out.append(name)
    return out


def _lineage(name: str) -> tuple[str, ...]:
    """The group and the wider groups it is a branch of, innermost first."""
    out = [name]
    while (up := parent(out[-1])) is not None and up not in out:
        out.append(up)
    return tuple(out)


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("OF", "THE", "AND", "FOR", "IN", "DE", "LA", "DEL"))


def perpetrator_matches(pred: str, gold: list[str] | str) -> bool:
    golds = [gold] if isinstance(gold, str) else gold
    pg = resolve(pred)
    pn = norm_name(pred)
    pn_words = pn.split()
    abbrev = re.search(r"\(([^)]+)\)\s*$", pred)
    p_abbrev = norm_name(abbrev.group(1)) if abbrev else None
    lineage = _lineage(pg.name) if pg is not None else ()
    for g in golds:
        gn = norm_name(g)
        if not gn:
            continue
        gg = resolve(g)
        # a branch is part of the group it belongs to: GTD codes "Tripoli Province of the Islamic State" where the
        # list cell says "ISIL"
        if gg is not None and gg.name in lineage:
            return True
        if gn in (pn, p_abbrev) or gn.replace(" ", "") == _acronym(pn_words):
            return True
        g_words = set(gn.split())
        p_words = set(pn_words)
        significant = (g_words & p_words) - _GENERIC_WORDS
        if significant and (g_words <= p_words or p_words <= g_words):
            return True
        if pg is not None and any(norm_name(a) in gn.split() or norm_name(a) == gn for a in pg.aliases
                                  if len(norm_name(a)) >= 3):
            return True
    return False
