"""What the input text supports at all (transforms/evaluate/support.py), on real Wikipedia list rows of the
fixture sample (CC BY-SA 3.0; tests/fixtures/extract/ATTRIBUTION.md), by file line number."""

from __future__ import annotations

import pytest

from transforms.evaluate.names import split_gold
from transforms.evaluate.run import wikipedia_support
from transforms.evaluate.support import names_country, names_perpetrator, support_tally
from transforms.evaluate.wikipedia_gold import read_rows

AFGHANISTAN, SOMALIA, IRAQ = 4, 182, 95


@pytest.mark.parametrize(("text", "gold", "named"), [
    # line 150: the group's name; line 54: a spelling the gazetteer lists as an alias
    ("A militant from Al-Shabaab shot dead an intelligence officer. The shooting occurred in Mogadishu.[139]",
     ["Al-Shabaab"], True),
    ("Officials in Somalia say al-Shabab militants have attacked a Somali government military base, killing at "
     "least six soldiers.[67]", ["al-Shabaab"], True),
    # line 57: the cell names the group, the text does not
    ("Six people were killed when unidentified gunmen attacked a minibus carrying workers to a Turkish-run hospital "
     "in the Somali capital Mogadishu.", ["al-Shabaab"], False),
    # a part in parentheses is a name of its own (the row's cell "Ansar Bait al-Maqdis (ISIL)")
    ("Ansar Bait al-Maqdis detonated a bomb outside a police station in Al-Arish.", split_gold("Ansar Bait al-Maqdis (ISIL)"),
     True),
    # a word of a name is not the name
    ("Islamist militants opened fire on a group of aid workers, killing one.", ["Islamic State"], False),
])
def test_names_perpetrator(text, gold, named):
    assert names_perpetrator(text, gold) is named


@pytest.mark.parametrize(("text", "codes", "named"), [
    # line 277: a province of the country
    ("A dozen security personnel were killed after a car suicide bomb targeted the police department in Maroof "
     "district of the southern Kandahar province.[133]", {AFGHANISTAN}, True),
    # line 57: the nationality; line 107: nothing
    ("Six people were killed when unidentified gunmen attacked a minibus in the Somali capital.", {SOMALIA}, True),
    ("At least nine civilians were injured when a hand grenade was tossed into an open market.[46]", {SOMALIA},
     False),
    # a place of another country only
    ("A bomb exploded in Mogadishu.", {IRAQ}, False),
])
def test_names_country(text, codes, named):
    assert names_country(text, codes) is named


def test_tally_caps_f1():
    assert support_tally({"x": [1, 3], "y": [0, 2]}) == {
        "x": {"supported": 1, "gold": 3, "share": 0.3333, "max_f1": 0.5},
        "y": {"supported": 0, "gold": 2, "share": 0.0, "max_f1": 0.0}}


def test_fixture_support_is_counted_row_by_row(fixtures):
    pairs = list(read_rows(fixtures / "wikipedia_list_rows_2015-2017_sample.csv"))
    support = wikipedia_support(pairs)
    perps = [(d, g) for d, g in pairs if "perpetrator" in g.fields]
    assert support["perpetrator"]["gold"] == len(perps)
    assert support["perpetrator"]["supported"] == sum(names_perpetrator(d.text, g.fields["perpetrator"])
                                                      for d, g in perps)
    # most list rows name the place, far fewer the perpetrator
    assert 0.6 < support["country"]["share"] < 0.95
    assert 0.25 < support["perpetrator"]["share"] < 0.6
