"""Sentences that use attack words without reporting an incident (relevance cues), on real MUC-4 sentences
(DEV set, NIST/FBIS), each against a control that must still be read as an incident."""

from __future__ import annotations

import datetime as dt

from transforms.extract.model import Document
from transforms.extract.relevance import non_event

DAY = dt.date(1989, 11, 18)


def included(extractor, text: str, date: dt.date | None = DAY) -> list:
    return [m for m in extractor.extract(Document("t", text, date)) if m.included]


def test_toll_over_a_period_is_not_an_incident(extractor):
    s = ("IN THE LAST 3 YEARS, 1,300 POLICEMEN HAVE BEEN KILLED WHILE WORKING ON CASES RELATED TO NARCOTICS "
         "TRAFFICKING, GOMEZ PADILLA REPORTED.")
    assert non_event(s) == "summary"
    assert included(extractor, s) == []
    assert non_event("SINCE THE UP WAS FOUNDED, NEARLY 1,000 OF ITS MEMBERS AND LEADERS HAVE BEEN MURDERED.") == "summary"


def test_purpose_and_generality_are_not_incidents(extractor):
    s = ("THIS IS PART OF THE PROTECTIVE MEASURES THE AUTHORITIES ARE IMPLEMENTING TO PREVENT COLOMBIAN JUDGES "
         "FROM BEING MURDERED.")
    assert non_event(s) == "purpose"
    assert included(extractor, s) == []
    # an attempt is still an incident (MUC stage ATTEMPTED)
    assert non_event("THE GUERRILLAS TRIED TO KILL THE MAYOR OF THE TOWN.") is None


def test_toll_after_a_reported_attack_stays(extractor):
    # Wikipedia list row: the toll closes a sentence that reports the bombing itself
    s = ("A roadside bomb planted by Somali Islamists killed two Kenyan police near the Somali border on Thursday, "
         "police said, bringing to 11 the number of Kenyan security officials that have been killed by roadside "
         "bombs in a month.")
    assert non_event(s) is None
    assert len(included(extractor, s, dt.date(2017, 6, 1))) == 1


def test_means_infinitive_is_the_act(extractor):
    s = "PKK used a car laden with explosives to attack a gendarmerie station in Turkey's Mardin."
    assert non_event(s) is None
    assert len(included(extractor, s, dt.date(2016, 8, 1))) == 1


def test_message_header_labels_are_not_prose(extractor):
    # "[COMMUNIQUE]" in the header is the genre of the message, not a policy statement about the bombing
    text = ("   SAN SALVADOR, 22 JUL 89 (RADIO CADENA YSKL) -- [COMMUNIQUE]\n[SALVADORAN ARMED FORCES PRESS "
            "COMMITTEE, COPREFA] [TEXT] THE\nSALVADORAN NATIONAL POLICE REPORTED THIS MORNING THAT UNIDENTIFIED "
            "MEN\nSET OFF BOMBS AT THE CENTRAL AMERICAN JOSE SIMEON CANAS UNIVERSITY,\nUCA, LOCATED IN "
            "SOUTHWESTERN SAN SALVADOR.\n")
    ms = included(extractor, text, dt.date(1989, 7, 22))
    assert len(ms) == 1 and ms[0].fields["attacktype1"] == 3


def test_another_bomb_in_a_later_paragraph_is_another_incident(extractor):
    # MUC-4 DEV-MUC3-0194: the night's bombings, then "another dynamite charge ... today", defused (attempted)
    text = ("   BOGOTA, 1 MAY 89 (INRAVISION TELEVISION CADENA 1) -- [EXCERPTS]\nGRUPO RADIAL COLOMBIANO NETWORK "
            "RADIO STATIONS AND LA REBAJA\nDRUGSTORES WERE DYNAMITED LAST NIGHT IN BOGOTA, RESULTING IN THE\nINJURY "
            "OF SIX PEOPLE AND MILLIONS IN LOSSES.\n\n   AT THE SAME TIME, BOMBS EXPLODED IN THE SAN VICTORINO "
            "NEIGHBORHOOD,\nDESTROYING 2 LA REBAJA DRUGSTORES, 6 OTHER DRUG STORES, 7 HARDWARE STORES,\n30 OFFICES "
            "IN NEARBY BUILDINGS, AND 22 VENDOR STANDS.\n\n   ANOTHER DYNAMITE CHARGE WAS PLACED TODAY AT AN "
            "ESTABLISHMENT THAT\nEVERYBODY KNOWS AS LA REBAJA, BUT WHICH IS NOT CONNECTED TO THE LA REBAJA\nCHAIN "
            "OF DRUGSTORES.  THAT BOMB WAS DEFUSED.\n")
    ms = included(extractor, text, dt.date(1989, 5, 1))
    assert len(ms) >= 2, [m.fields.get("summary") for m in ms]
    assert all(m.fields["attacktype1"] == 3 for m in ms)


def test_the_attack_in_a_later_paragraph_is_the_same_incident(extractor):
    # MUC-4 DEV-MUC3-0310: "the attack", "the explosion" refer back to the bombing of the lead
    text = ("   SAN SALVADOR, 22 JUL 89 (RADIO CADENA YSKL) -- [COMMUNIQUE]\n[SALVADORAN ARMED FORCES PRESS "
            "COMMITTEE, COPREFA] [TEXT] THE\nSALVADORAN NATIONAL POLICE REPORTED THIS MORNING THAT UNIDENTIFIED "
            "MEN\nSET OFF BOMBS AT THE CENTRAL AMERICAN JOSE SIMEON CANAS UNIVERSITY,\nUCA, LOCATED IN "
            "SOUTHWESTERN SAN SALVADOR.\n\n   ACCORDING TO THE REPORT, THE ATTACK TOOK PLACE AT 0200.  ONE\n"
            "ADMINISTRATIVE OFFICE, ONE BUS, AND ONE ELECTRICAL TRANSFORMER WERE DAMAGED\nAS A RESULT OF THE "
            "EXPLOSION OF AT LEAST FOUR BOMBS THAT WENT OFF INSIDE THE\nUCA CAMPUS.\n")
    assert len(included(extractor, text, dt.date(1989, 7, 22))) == 1


def test_air_force_bombing_guerrilla_positions_is_state_violence(extractor):
    # MUC-4 DEV-MUC3-1117: a state bombardment of guerrillas (battle / state act), though "guerrilla" is named
    text = ("A MILITARY SOURCE HAS REPORTED THAT THE SALVADORAN AIR FORCE BOMBED GUERRILLA POSITIONS ALONG THE SIDE "
            "OF SAN SALVADOR VOLCANO, APPROXIMATELY FOUR KM FROM SAN SALVADOR, THIS AFTERNOON.")
    ms = extractor.extract(Document("t", text, dt.date(1990, 2, 16)))
    assert not [m for m in ms if m.included]
    assert any("state_actor" in m.flags for m in ms)


def test_attackers_shot_by_troops_stay_an_incident(extractor):
    # Wikipedia list row: after "killed"/"shot" the non-state actor may be the attacker; the row is an incident
    s = ("Israeli troops shot dead two Palestinians after they attacked a soldier in the West Bank and one soldier "
         "was detained after being shown on video firing a round into the head of one of the assailants as he lay "
         "on the ground.")
    assert len(included(extractor, s, dt.date(2016, 3, 1))) == 1


def test_denied_report_is_not_an_incident(extractor):
    # MUC-4 DEV-MUC3-0968 (template doc §1.0 rule 5: a discredited story is not an incident)
    text = ("NICARAGUAN INFORMATION MINISTER MANUEL ESPINOZA TODAY EMPHATICALLY DENIED A HONDURAN RADIO STATION'S "
            "REPORT THAT A HONDURAN FISHING BOAT WAS ATTACKED BY A SANDINIST ARMY HELICOPTER.")
    ms = extractor.extract(Document("t", text, dt.date(1989, 12, 11)))
    assert not [m for m in ms if m.included]
    assert any("discredited" in m.flags for m in ms)


def test_negated_occurrence_is_not_an_incident():
    s = ("NOTE THAT IN NICARAGUA NO PRIEST HAS EVER BEEN IMPRISONED, MURDERED, OR EXILED, EXCEPT ON ONE OCCASION "
         "BECAUSE OF VERY SPECIAL CIRCUMSTANCES.")
    assert non_event(s) == "negated"
    # "no one was injured" reports an attack without casualties, not a negated attack
    assert non_event("A BOMB EXPLODED AT THE BANK LAST NIGHT, BUT NO ONE WAS INJURED.") is None


def test_thousands_killed_in_the_present_perfect_is_a_toll(extractor):
    # DEV-MUC3-0562 and DEV-MUC3-0499: tolls of a war, with more of the toll after them
    s = ("IT WAS REPORTED RECENTLY THAT 2,000 PEOPLE HAVE BEEN KILLED, 2,500 WOUNDED -- MANY OF THEM CRIPPLED -- "
         "AND HUNDREDS -- OVER 800 ARE MISSING.")
    assert non_event(s) == "summary"
    assert included(extractor, s) == []
    assert non_event("THANKS TO THIS ASSISTANCE, 70,000 SALVADORANS HAVE BEEN KILLED AND OVER 1 MILLION PEOPLE HAVE "
                     "HAD TO LEAVE THE COUNTRY TO SAVE THEIR LIVES.") == "summary"
    # DEV-MUC3-0163
    assert non_event("HE SAID THAT ALMOST 1,000 ACTIVISTS AND MEMBERS OF THE COLOMBIAN COMMUNIST PARTY AND THE "
                     "PATRIOTIC UNION HAVE DIED DURING THE RECENT YEARS KILLED BY ASSASSINS HIRED BY THE "
                     "REACTION.") == "summary"
    # control: an attack reported before a toll of thousands is still an incident
    assert non_event("A CAR BOMB KILLED 12 PEOPLE IN THE MARKET, WHERE THOUSANDS HAVE BEEN KILLED THIS YEAR.") is None


def test_no_shot_fired_is_no_shooting(extractor):
    # DEV-MUC3-0170 and DEV-MUC3-0332
    s = "IN NICARAGUA, THE HUMANITARIAN AID ENSURES THAT NOT A SINGLE SHOT WILL BE FIRED."
    assert non_event(s) == "negated"
    assert included(extractor, s) == []
    assert non_event("PRESIDENT MANUEL SOLIS PALMA HAS SAID IN LA PAZ, BOLIVIA THAT PANAMA IS LIKE A COUNTRY BEING "
                     "INVADED WITHOUT A SHOT BEING FIRED.") == "negated"
