"""The incident's country from the place clues of its text (real Wikipedia list rows, 2015–2017, CC BY-SA)."""

from __future__ import annotations

import datetime as dt

from transforms.extract.model import Document


def country(extractor, text: str, date: dt.date = dt.date(2017, 1, 1)) -> int | None:
    mentions = [m for m in extractor.extract(Document("t", text, date)) if m.included]
    assert len(mentions) == 1, [m.fields.get("summary") for m in mentions]
    return mentions[0].fields.get("country")


def test_region_phrase_in_lower_case_keeps_its_country(extractor):
    # "northern Mali" is a regions.yaml entry written in lower case in the text
    assert country(extractor, "At least 9 UN peacekeepers have been wounded when their convoy was hit by a roadside "
                   "bomb in northern Mali.[12]") == 123


def test_city_known_only_by_an_alternate_geonames_name(extractor):
    # GeoNames calls it "Al Fallūjah": the text's "Fallujah" is an alternate name, found after "in"
    assert country(extractor, "Two car bombing kills at least 8 people in Fallujah.[45]") == 95


def test_city_of_name_is_looked_up(extractor):
    # Wau: South Sudan's (127,000) rather than Papua New Guinea's (15,000)
    assert country(extractor, "Insurgents kills 10 people in the city of Wau.[3]") == 1004


def test_demonym_before_capital_names_the_country(extractor):
    # "Somali" is also an Ethiopian region in ISO 3166-2: as a demonym before "capital" it is Somalia
    assert country(extractor, "A car bombing killed 7 people and injured dozens outside a restaurant in the Somali "
                   "capital.[24]") == 182


def test_origin_of_victims_does_not_outweigh_the_place(extractor):
    # "from Mauritania" is the officer's origin; Bria is in the Central African Republic
    assert country(extractor, "A UN police officer from Mauritania was killed and three others injured in a shooting "
                   "attack in Bria by Anti-balaka militants.[16]") == 41


def test_city_inside_a_longer_name_is_not_a_place(extractor):
    # "Martin" (Slovakia) is part of the church's name; Dresden is the place
    assert country(extractor, "Unknown people threw Molotov cocktails on Martin Luther Church, Dresden.[197]") == 75


def test_compass_word_is_not_a_province(extractor):
    # "North" is a Cameroonian region's ISO 3166-2 name; "Manchester" is also a Jamaican parish
    assert country(extractor, "2017 Manchester Arena bombing: A suicide bomber named Salman Abedi blew himself up at an "
                   "Ariana Grande concert in Manchester killing at least 22 concertgoers and injuring more than 800 "
                   "others.[140]") == 603
