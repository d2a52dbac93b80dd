"""Country names, regions, location cells and the offline gazetteer."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.geo import country_code, country_label, geocode, region_of, split_location


@pytest.mark.parametrize(
    ("name", "on", "code"),
    [
        ("Switzerland", None, 199),
        ("USA", None, 217),
        ("U.S.", None, 217),
        ("UK", None, 603),
        ("Britain", None, 603),
        ("Ivory Coast", None, 99),
        ("Côte d'Ivoire", None, 99),
        ("DR Congo", date(2010, 1, 1), 229),
        ("DR Congo (Zaire)", date(1990, 1, 1), 604),
        ("Kingdom of eSwatini (Swaziland)", None, 197),
        ("Germany", date(1985, 5, 1), 362),
        ("Germany", date(1995, 5, 1), 75),
        ("Russia (Soviet Union)", date(1990, 1, 1), 359),
        ("Russia (Soviet Union)", date(2000, 1, 1), 167),
        ("Serbia (Yugoslavia)", date(1995, 1, 1), 235),
        ("Serbia (Yugoslavia)", date(2004, 1, 1), 175),
        ("Yemen (North Yemen)", date(2015, 1, 1), 228),
        ("Macedonia, FYR", date(2001, 1, 1), 118),
        ("Atlantis", None, None),
        ("", None, None),
    ],
)
def test_country_code(name: str, on: date | None, code: int | None) -> None:
    assert country_code(name, on) == code


def test_labels_and_regions() -> None:
    assert country_label(199) == "Switzerland"
    assert region_of(199) == (8, "Western Europe")
    assert region_of(217) == (1, "North America")
    assert region_of(359) == (9, "Eastern Europe")
    assert region_of(None) is None


def test_split_location() -> None:
    assert split_location("New York City, United States") == ("New York City", None, "United States")
    assert split_location("Maiduguri, Borno State, Nigeria") == ("Maiduguri", "Borno State", "Nigeria")
    assert split_location("Basra Governorate, Iraq") == (None, "Basra Governorate", "Iraq")
    assert split_location("Switzerland") == (None, None, "Switzerland")
    assert split_location(None) == (None, None, None)


def test_geocode_specificity() -> None:
    hit = geocode("Kabul", None, 4)
    assert hit.specificity == 1 and hit.latitude == pytest.approx(34.5, abs=0.1)
    # same name, wrong country: not found there
    assert geocode("Kabul", None, 217).specificity == 5
    assert geocode("New York City", None, 217).longitude == pytest.approx(-74.0, abs=0.1)
    region_only = geocode(None, "Basra Governorate", 95)
    assert (region_only.specificity, region_only.latitude) == (4, None)
    assert geocode(None, None, 95).specificity == 5


@pytest.mark.parametrize(
    ("city", "provstate", "country", "found", "latitude"),
    [
        ("Be'er Sheva", None, "Israel", "Be'er Sheva", 31.25),  # an alternate name with an apostrophe
        ("Al-Awamiyah", None, "Saudi Arabia", "Al-Awamiyah", 26.6),  # article + hyphen
        ("Jableh and Tartus", None, "Syria", "Jableh and Tartus", 35.36),  # two places: the first
        ("Cave of the Patriarchs", "Hebron", "West Bank and Gaza Strip", "Hebron", 31.53),  # a site in a city
        ("Near Mabini", None, "Philippines", "Near Mabini", 15.6),
    ],
)
def test_geocode_variants(
    city: str, provstate: str | None, country: str, found: str, latitude: float
) -> None:
    hit = geocode(city, provstate, country_code(country))
    assert (hit.city, hit.specificity) == (found, 1)
    assert hit.latitude == pytest.approx(latitude, abs=0.05)


def test_geocode_first_order_region_in_the_city_slot() -> None:
    diyala = geocode("Diyala", None, country_code("Iraq"))
    assert (diyala.city, diyala.provstate, diyala.specificity, diyala.latitude) == (None, "Diyala", 4, None)
    # a compass word is part of the name: North Cotabato is a province, not Cotabato City
    assert geocode("North Cotabato", None, country_code("Philippines")).latitude is None
    assert geocode("Zzzyzx", None, country_code("Iraq")).specificity == 5
