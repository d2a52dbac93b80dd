"""Incident dates on real MUC-4 messages (DEV corpus, quoted verbatim; the message ids are in each test).

Wire reports are dated by their dateline, and say when things happened relative to it. The rules: a date
other than the report's wins ("yesterday", "on 10 March"); "today" right after a reporting verb dates the
report, not the incident; the GMT side of an FBIS time conversion is not the local date; an undated
follow-up shares the narrative date of the sentences just before it.
"""

from __future__ import annotations

import datetime as dt

from transforms.extract.model import Document
from transforms.extract.readers import iter_muc


def _incidents(extractor, doc_id: str, body: str) -> list[dict]:
    doc = next(iter_muc(f"{doc_id} (NOSC)\n\n   {body}\n"))
    return [m.fields for m in extractor.extract(doc) if m.included]


def _day(f: dict) -> dt.date:
    return dt.date(f["iyear"], f["imonth"], f["iday"])


def test_reported_today_that_yesterday_is_yesterday(extractor):
    # DEV-MUC3-0060, second paragraph (the dateline is the message's)
    fs = _incidents(extractor, "DEV-MUC3-0060", (
        "LIMA, 25 JAN 89 (TELAM-ANSA) -- [TEXT] POLICE AUTHORITIES REPORTED TODAY IN LIMA THAT YESTERDAY "
        "HEAVILY-ARMED SHINING PATH TERRORISTS OVERPOWERED ANDAHUA RESIDENTS AND BURNED THE OFFICES OF THE "
        "TELECOMMUNICATIONS ENTERPRISE, THE AGRARIAN BANK, THE NATIONAL BANK, AND HEALTH MINISTRY OFFICES.  "
        "ALTHOUGH THE BUILDINGS WERE BURNED TO THE GROUND, NO ONE WAS INJURED."))
    assert fs and {_day(f) for f in fs} == {dt.date(1989, 1, 24)}


def test_undated_follow_up_shares_the_date_reported_before_it(extractor):
    # DEV-MUC3-0112: "reported today that on 10 March ..." then three undated follow-ups
    fs = _incidents(extractor, "DEV-MUC3-0112", (
        "LIMA, 11 MAR 89 (EFE) -- [TEXT] IT WAS OFFICIALLY REPORTED TODAY THAT ON 10 MARCH ALLEGED SHINING PATH "
        "MEMBERS MURDERED FOUR MEMBERS OF A FAMILY IN SANTA MARIA DEL VALLE, HUANUCO DEPARTMENT.\n\n"
        "   AFTER KILLING THE PEASANT FAMILY, THE TERRORISTS USED EXPLOSIVES AGAINST THE TOWN HALL AND OTHER PUBLIC "
        "FACILITIES.\n\n"
        "   EL COMERCIO REPORTED THAT ALLEGED SHINING PATH MEMBERS ALSO ATTACKED PUBLIC FACILITIES IN HUARPACHA, "
        "AMBO, TOMAYQUICHUA, AND KICHKI, IN HUANUCO DEPARTMENT.\n\n"
        "   MUNICIPAL OFFICIAL SERGIO HORNA WAS SERIOUSLY WOUNDED IN AN EXPLOSION IN AMBO."))
    assert len(fs) >= 3
    assert {_day(f) for f in fs} == {dt.date(1989, 3, 10)}


def test_gmt_conversion_is_not_the_local_date(extractor):
    # DEV-MUC3-0024, paragraphs 1 and 4: bombs "last night" (11 Jan); "[0230 GMT ON 12 JANUARY]" is GMT
    fs = _incidents(extractor, "DEV-MUC3-0024", (
        "LA PAZ, 12 JAN 90 (EFE) -- [EXCERPT] TWO BOMB ATTACKS WERE CARRIED OUT IN LA PAZ LAST NIGHT, ONE IN FRONT "
        "OF GOVERNMENT HOUSE FOLLOWING THE MESSAGE TO THE NATION OVER A RADIO AND TELEVISION NETWORK BY PRESIDENT "
        "JAIME PAZ ZAMORA.\n\n"
        "   THE FIRST BOMB ATTACK OCCURRED AT 2230 [0230 GMT ON 12 JANUARY] IN FRONT OF THE PLANNING AND ECONOMIC "
        "COORDINATION MINISTRY, JUST BEFORE PRESIDENT PAZ ZAMORA CONCLUDED HIS MESSAGE TO THE NATION IN WHICH HE "
        "EXPLAINED THE GUIDELINES OF THE GENERAL ECONOMIC PROGRAM THAT THE GOVERNMENT WILL IMPLEMENT BETWEEN 1990 "
        "AND 1993."))
    assert fs and {_day(f) for f in fs} == {dt.date(1990, 1, 11)}


def test_today_in_the_event_clause_is_the_incident_date(extractor):
    # DEV-MUC3-0459, first paragraph: "today" is when the farm was broken into (no reporting verb before it)
    fs = _incidents(extractor, "DEV-MUC3-0459", (
        "BOGOTA, 10 SEP 89 (DPA) -- [TEXT] UNIDENTIFIED INDIVIDUALS TODAY BROKE INTO A FARM OWNED BY CARLOS OSSA, "
        "MANAGER OF THE COLOMBIAN INSTITUTE OF AGRARIAN REFORM (INCORA), KILLED A WATCHMAN, AND SET FIRE TO THE "
        "FARM.  AUTHORITIES VIEW THIS ACTION AS A CONTINUATION OF TERRORISM BY THE DRUG TRAFFICKERS IN THE "
        "COUNTRY."))
    assert fs and _day(fs[0]) == dt.date(1989, 9, 10)


def test_narrative_date_from_a_sentence_that_reports_no_attack(extractor):
    # MUC-4 DEV-MUC3-0667 (verbatim opening): "last night" sits in a sentence with no attack cue of its own; the
    # bombs of the next sentence took place then (10 November), not on the report's date
    text = ("   BOGOTA, 11 NOV 89 (RADIO CADENA NACIONAL) -- [TEXT] PEREIRA --\nTHREE PERSONS WERE INJURED AND HEAVY "
            "MATERIAL DAMAGE WAS REPORTED\nDURING A NEW TERRORIST WAVE THAT HIT PEREIRA LAST NIGHT.  THREE BOMBS\n"
            "EXPLODED AT THE FRONT DOORS OF A POLITICAL PARTY HEADQUARTERS AND TWO\nBANKS.  THE ALMOST SIMULTANEOUS "
            "BLASTS WERE HEARD AT APPROXIMATELY\nMIDNIGHT.")
    (m,) = [m for m in extractor.extract(Document("t", text, dt.date(1989, 11, 11))) if m.included]
    assert (m.fields["imonth"], m.fields["iday"]) == (11, 10)
    assert any(e.rule == "date:context-rel" for e in m.evidence)


def test_a_date_right_after_a_reporting_verb_is_the_reports(extractor):
    # DEV-MUC3-0014 (dev-muc3-0001-0100), published 10 JAN 90: Sunday is when the president spoke, not when the
    # murder he spoke of took place (16 November); such a date neither dates the incident nor splits it
    from transforms.extract.rules import _date_rank

    text = ('A GOVERNMENT SPOKESMAN HAS\nANNOUNCED THAT WITHIN THE NEXT 72 HOURS THE SALVADORAN GOVERNMENT WILL\n'
            'DISCLOSE THE NAMES OF THE INDIVIDUALS IMPLICATED IN THE MURDER OF SIX\nJESUITS, IF THE INVESTIGATIONS ARE '
            'NOT "HINDERED."\n\n   IN A BRIEF STATEMENT TO THE PRESS, MAURICIO SANDOVAL SAID THAT SALVADORAN\n'
            'PRESIDENT ALFREDO CRISTIANI WILL, WITHIN THE PERIOD STATED, ANNOUNCE "THE\nNAMES OF THE INDIVIDUALS" WHO '
            'PARTICIPATED IN THE MULTIPLE CRIME PERPETRATED\nON 16 NOVEMBER AT THE CENTRAL AMERICAN UNIVERSITY IN SAN '
            'SALVADOR.\n\n   CRISTIANI ANNOUNCED ON SUNDAY THAT "MEMBERS OF THE ARMED FORCES"\nPARTICIPATED IN THE '
            'CRIME, AND THAT HIS GOVERNMENT WILL BRING THOSE\nINDIVIDUALS TO JUSTICE IN EL SALVADOR, "REGARDLESS OF '
            'WHOM THEY MAY BE."\n\n')
    anchor = dt.date(1990, 1, 10)
    _, structs, _ = extractor._scan(text)
    ranks = {s.m.group(0): _date_rank(d, s, anchor, text)
             for s in structs if (d := extractor._resolve(s, anchor)[0]) is not None}
    assert ranks == {"16 november": 0, "on sunday": 2}
