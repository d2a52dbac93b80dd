"""The perpetrator group gazetteer (``data/groups.yaml``): canonical names, aliases, abbreviations."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

_PATH = Path(__file__).resolve().parent / "data" / "groups.yaml"


@dataclass(frozen=True)
class Group:
    name: str
    aliases: tuple[str, ...]
    also: tuple[str, ...]
    source: str
    generic: bool
    country: str | None = None
    parent: str | None = None  # canonical name of the wider group it is a branch, affiliate or splinter of
    fronts: tuple[str, ...] = ()  # named fronts / cells of the group ("Domingo Lain front" of the ELN)
    attackers: tuple[str, ...] = ()  # nationality words naming an unaffiliated attacker of a generic label


def norm_name(text: str) -> str:
    """Upper-case ASCII, punctuation and a leading THE dropped: the form group names are compared in."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    text = text.replace("'", "").replace("\u2019", "")
    text = re.sub(r"[^A-Z0-9]+", " ", text).strip()
    return re.sub(r"^THE ", "", text)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[str, tuple[Group, ...]]:
    raw = yaml.safe_load(_PATH.read_text(encoding="utf-8"))
    groups = tuple(
        Group(g["name"], _with_typographic([*g.get("aliases", []), *g.get("fronts", [])]), tuple(g.get("also", [])),
              g.get("source", ""), bool(g.get("generic", False)), g.get("country"), g.get("parent"),
              tuple(g.get("fronts", [])), tuple(g.get("attackers", [])))
        for g in raw["groups"]
    )
    return str(raw["version"]), groups


def _with_typographic(aliases: list[str]) -> tuple[str, ...]:
    """Each alias, plus its typographic-apostrophe spelling ("New People’s Army") where it has one."""
    out: list[str] = []
    for a in aliases:
        out.append(a)
        if "'" in a:
            out.append(a.replace("'", "\u2019"))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _exact_case() -> dict[str, str]:
    out: dict[str, str] = {}
    for g in gazetteer()[1]:
        for a in g.aliases:
            if _MIXED_ABBREV.fullmatch(a):
                out[a.lower()] = a
    return out


_MIXED_ABBREV = re.compile(r"(?=[A-Za-z]{3,4}$)[A-Z][a-z]+[A-Z][A-Za-z]*")


def written_form(phrase: str) -> str | None:
    """The only spelling a short mixed-case abbreviation ("LeT", "JuA", "LeJ") is read in: matched
    case-insensitively it is an ordinary word ("let"), in upper-case wire copy too."""
    return _exact_case().get(phrase.lower())


@lru_cache(maxsize=1)
def _fronts() -> dict[str, str]:
    return {norm_name(f): g.fronts[0] for g in gazetteer()[1] for f in g.fronts}


def front(phrase: str) -> str | None:
    """The front's (first-listed) name when a matched group phrase names a front of a group ("Domingo Lain front")."""
    return _fronts().get(norm_name(phrase))


@cache
def parent(name: str) -> str | None:
    """The wider group a group is a branch, affiliate or splinter of (``parent:`` in the YAML)."""
    for g in gazetteer()[1]:
        if g.name == name:
            return g.parent
    return None


@lru_cache(maxsize=1)
def _index() -> dict[str, Group]:
    out: dict[str, Group] = {}
    for g in gazetteer()[1]:
        names = [g.name, *g.aliases, *g.also]
        m = re.search(r"\(([^)]+)\)$", g.name)
        if m:
            names += [m.group(1), g.name[: m.start()]]
        for n in names:
            out.setdefault(norm_name(n), g)
    return out


def resolve(name: str) -> Group | None:
    """The group a name (canonical, alias, abbreviation) refers to, or None."""
    return _index().get(norm_name(name))


@cache
def home_country(name: str) -> int | None:
    """GTD country code of the main country a group operates in (``country:`` in the YAML), if it has one."""
    from transforms import geo

    for g in gazetteer()[1]:
        if g.name == name and g.country:
            return geo.country_code(g.country)
    return None


@lru_cache(maxsize=1)
def attacker_nationalities() -> dict[str, str]:
    """Nationality word (lower case) → the generic label an unaffiliated attacker of that nationality gets
    (``attackers:`` in the YAML: "Palestinian" → Palestinian Extremists)."""
    return {w.lower(): g.name for g in gazetteer()[1] for w in g.attackers}


def version() -> str:
    return gazetteer()[0]


@cache
def branch(name: str, country: int) -> str | None:
    """The one branch of a group that operates in a country ("Al-Qaida" in Yemen is Al-Qaida in the Arabian
    Peninsula, the Islamic State in Egypt its Sinai Province): GTD codes the regional affiliate. None where the
    group itself operates in that country."""
    from transforms import geo

    if home_country(name) == country:  # the group itself operates there (the PKK in Turkey)
        return None
    found = [g.name for g in gazetteer()[1] if g.parent == name and g.country and geo.country_code(g.country) == country]
    return found[0] if len(found) == 1 else None
