"""Acts a message attributes to state forces in a sentence of their own (attribution.py), on real MUC-4 DEV and
TST1 messages (NIST/FBIS, quoted verbatim; origin in tests/fixtures/extract/ATTRIBUTION.md): every incident about the same victims
is the state's act, and a guerrilla act in a message that blames the army for another stays an incident."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract.attribution import mentions_victims, state_victims
from transforms.extract.model import Document

# DEV-MUC3-0931, first and fourth paragraphs (line breaks as in the message)
DEV_0931 = """   VATICAN CITY (VATICAN CITY), 5 DEC 89 (EFE) -- [TEXT] IN AN INTERVIEW
PUBLISHED IN THE RELIGIOUS MONTHLY MAGAZINE "30 GIORNI" (30 DAYS), SAN
SALVADOR ARCHBISHOP ARTURO RIVERA Y DAMAS HAS ONCE AGAIN BLAMED THE
SALVADORAN ARMY FOR THE MURDER OF SIX JESUITS FROM THE CENTRAL AMERICAN
UNIVERSITY (UCA).

   ARTURO RIVERA Y DAMAS ALSO UNDERSCORED THAT "THEY TOOK THE PRIESTS
OUT TO THE GARDEN, MURDERED THEM, EXPLODED DEVICES, BURNED THE HOUSE,
AND STAYED AT THE SITE FOR A LONG TIME," WHICH "MEANS THAT THEY FELT
SURE OF THEMSELVES."
"""


@pytest.mark.parametrize(("sentence", "victims"), [
    # DEV-MUC3-0931
    ("SAN SALVADOR ARCHBISHOP ARTURO RIVERA Y DAMAS HAS ONCE AGAIN BLAMED THE\nSALVADORAN ARMY FOR THE MURDER OF "
     "SIX JESUITS FROM THE CENTRAL AMERICAN\nUNIVERSITY (UCA).", {"jesuit", "jesuits"}),
    # TST1-MUC3-0069
    ("THE ANNOUNCEMENT MADE BY PRESIDENT ALFREDO CRISTIANI OF THE ARREST OF 45 SOLDIERS AND 2 OFFICERS FOR KILLING 6 "
     "CLERGYMEN, A MAID, AND HER DAUGHTER, ON 16 NOVEMBER IS IN ITSELF A SMALL AND PARTIAL MILESTONE.", {"clergymen"}),
    # TST2-MUC4-0054
    ("THE RECTOR OF THE CENTRAL AMERICAN UNIVERSITY [UCA], FATHER MIGUEL FRANCISCO ESTRADA, HAS DESCRIBED THE "
     "GOVERNMENT'S REPORT THAT ARMED FORCES ELEMENTS ARE RESPONSIBLE FOR THE KILLING OF SIX UCA PRIESTS AS MOST "
     "IMPORTANT", {"priest", "priests"}),
    # DEV-MUC3-0022
    ("THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] HAS DESCRIBED THE ARREST OF FIVE SOLDIERS ACCUSED OF "
     "COMMITTING THE MASSACRE [OF SIX JESUIT PRIESTS]", {"jesuit", "jesuits", "priest", "priests"}),
])
def test_victims_of_acts_blamed_on_state_forces(sentence, victims):
    assert state_victims(sentence) == victims


@pytest.mark.parametrize("sentence", [
    # controls: the state force is the victim, the one who reports, or it blames the guerrillas
    "POLICE SAID THE GUERRILLAS WERE RESPONSIBLE FOR THE KILLING OF TWO MAYORS.",
    "THE ARMED FORCES BLAMED THE FMLN FOR THE MURDER OF THE ATTORNEY GENERAL.",
    "URBAN COMMANDOS KILLED THREE SOLDIERS IN SAN SALVADOR.",
])
def test_no_state_attribution(sentence):
    assert state_victims(sentence) == frozenset()


# DEV-MUC3-1046, first and third paragraphs: the attribution, then the act told about the same victims
DEV_1046 = """   SAN SALVADOR, 13 JAN 90 (ACAN - EFE) -- [TEXT] SALVADORAN PRESIDENT
ALFREDO CRISTIANI TODAY CHARGED THAT COLONEL GUILLERMO BENAVIDES,
DIRECTOR OF THE MILITARY ACADEMY, TWO LIEUTENANTS, TWO SECOND
LIEUTENANTS, TWO SUBSERGEANTS, ONE CORPORAL, AND TWO SOLDIERS OF THE
SALVADORAN ARMED FORCES ARE IMPLICATED IN THE ASSASSINATION OF THE
JESUITS.

   THE MILITARY MEN ARE SUSPECTED OF INVOLVEMENT IN THE ASSASSINATION
OF CENTRAL AMERICA UNIVERSITY RECTOR IGNACIO ELLACURIA, FIVE OTHER
JESUITS, AND TWO WOMEN IN SAN SALVADOR ON 16 NOVEMBER, WHILE THE
CURFEW WAS IN FORCE.
"""
# DEV-MUC3-0018, second paragraph: a guerrilla bombing
DEV_0018_BOMBING = """
   ALLEGED GUERRILLA URBAN COMMANDOS LAUNCHED TWO HIGHPOWER BOMBS AGAINST A
CAR DEALERSHIP IN DOWNTOWN SAN SALVADOR THIS MORNING.  A POLICE REPORT SAID
THAT THE ATTACK SET THE BUILDING ON FIRE, BUT DID NOT RESULT IN ANY
CASUALTIES ALTHOUGH ECONOMIC LOSSES ARE HEAVY.
"""


def test_every_incident_about_the_blamed_act_is_excluded(extractor):
    assert state_victims(DEV_1046) == {"jesuit", "jesuits"}
    assert mentions_victims("OF CENTRAL AMERICA UNIVERSITY RECTOR IGNACIO ELLACURIA, FIVE OTHER\nJESUITS, AND",
                            state_victims(DEV_1046))
    ms = extractor.extract(Document("DEV-MUC3-1046", DEV_1046, dt.date(1990, 1, 13)))
    assert ms and not any(m.included for m in ms)
    assert all("state_actor" in m.flags for m in ms)


def test_guerrilla_act_beside_a_blamed_one_stays(extractor):
    # the same message with a guerrilla bombing in a paragraph of its own: other victims, not the army's act
    alone = [m for m in extractor.extract(Document("t", DEV_1046 + DEV_0018_BOMBING, dt.date(1990, 1, 13)))
             if m.included]
    assert len(alone) == 1 and alone[0].fields["attacktype1"] == 3
