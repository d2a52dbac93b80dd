"""What the input text can support at all: for each gold value, does the text name it?

A corpus whose gold cells were coded from more than the text the extractor reads (Wikipedia's incident lists:
the perpetrator and location cells come from the editors' sources, the ``details`` cell is a one-line summary)
caps every text-only extractor below 1.0 recall. This module counts, per field, the gold values the text names,
which gives that cap: recall cannot exceed the supported share ``s``, so F1 cannot exceed ``2s / (1 + s)`` even
at perfect precision. The definitions follow what the extractor may take as evidence (GTD codes a perpetrator
only when a source attributes the act, and a place only when a source names it):

- perpetrator: a gold name (``split_gold``: "Ansar Bait al-Maqdis (Islamic State)" gives both names), or a name
  or alias of the group gazetteer entry it resolves to, appears in the text as a whole phrase;
- country: the text names the gold country or its nationality, a GeoNames city or an ISO 3166-2 subdivision
  of it (by any of their names), or a group that operates in that country only (the gazetteer's home
  country, which the extractor uses as a last resort).

Both are generous (a name anywhere in the text counts, whatever it refers to), so the cap is an upper bound.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from transforms.extract.groups import gazetteer, home_country, norm_name, resolve
from transforms.extract.places import country_code, place_index, place_key, subdivision_index

_WORD = re.compile(r"[\w-]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
MAX_WORDS = 4


def _capitalised_phrases(text: str) -> Iterable[str]:
    words = _WORD.findall(_POSSESSIVE.sub("", text))
    for i, w in enumerate(words):
        if not w[:1].isupper():
            continue
        for n in range(1, MAX_WORDS + 1):
            if i + n <= len(words):
                yield " ".join(words[i:i + n])


def _names(gold: list[str]) -> set[str]:
    out: set[str] = set()
    for g in gold:
        out.add(norm_name(g))
        group = resolve(g)
        if group is not None:
            out |= {norm_name(a) for a in (group.name, *group.aliases, *group.also)}
    return {n for n in out if len(n) >= 2}


def names_perpetrator(text: str, gold: list[str]) -> bool:
    """Does ``text`` name one of the gold perpetrators (``split_gold`` strings)?"""
    padded = f" {norm_name(text)} "
    return any(f" {n} " in padded for n in _names(gold))


@lru_cache(maxsize=1)
def _group_homes() -> dict[str, int]:
    out: dict[str, int] = {}
    for g in gazetteer()[1]:
        home = home_country(g.name)
        if home is not None:
            for a in (g.name, *g.aliases):
                out.setdefault(norm_name(a), home)
    return out


def names_country(text: str, codes: set[int], on_date: dt.date | None = None) -> bool:
    """Does ``text`` name the gold country (GTD codes) or a place, nationality or single-country group of it?"""
    cities, subdivisions, homes = place_index(), subdivision_index(), _group_homes()
    for phrase in _capitalised_phrases(text):
        if country_code(phrase, on_date) in codes or homes.get(norm_name(phrase)) in codes:
            return True
        key = place_key(phrase)
        if any(c in codes for c, _ in cities.get(key, ())) or any(c in codes for c in subdivisions.get(key, ())):
            return True
    return False


def support_tally(counts: dict[str, list[int]]) -> dict[str, dict[str, float | int]]:
    """{field: [supported, gold]} → the report's figures: the supported share and the F1 cap it sets."""
    out: dict[str, dict[str, float | int]] = {}
    for name, (supported, gold) in counts.items():
        share = supported / gold if gold else 0.0
        out[name] = {"supported": supported, "gold": gold, "share": round(share, 4),
                     "max_f1": round(2 * share / (1 + share), 4) if share else 0.0}
    return out
