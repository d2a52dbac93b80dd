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
        Group(g["name"], tuple(g.get("aliases", [])), tuple(g.get("also", [])), g.get("source", ""),
              bool(g.get("generic", False)), g.get("country"))
        for g in raw["groups"]
    )
    return str(raw["version"]), groups


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


def version() -> str:
    return gazetteer()[0]
