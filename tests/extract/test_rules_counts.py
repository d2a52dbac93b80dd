"""GTD's counting rules for nkill / nwound on real sentences from the Wikipedia 2015-2017 incident lists (CC BY-SA).

Each case is a sentence the extractor once miscounted; the comment says which rule it exercises.
"""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.extract.model import Document

DAY = dt.date(2016, 1, 1)


def counts(extractor, text: str) -> tuple[int | None, int | None]:
    mentions = [m for m in extractor.extract(Document("t", text, DAY)) if m.included]
    assert len(mentions) == 1, [m.fields.get("summary") for m in mentions]
    return mentions[0].fields.get("nkill"), mentions[0].fields.get("nwound")


@pytest.mark.parametrize(("text", "expected"), [
    # a figure followed by an injured count is not added to the dead
    ("A gunman killed one and two others were wounded in Swat District.[51]", (1, 2)),
    ("A person detonated a bomb which killed one civilian and 25 others were injured.[43]", (1, 25)),
    ("A wave of attacks in Aleppo left at least 54 dead and 93 injured.", (54, 93)),
    # "killing a child": one victim
    ("A booby-trapped motorbike exploded in the northeastern Syrian city of Qamishli on Monday, killing a child and "
     "wounding six other people.[96]", (1, 6)),
    # another figure or a verb between a figure and "killed" ends the phrase
    ("Two explosions killed one and wounded 7 people in Luhansk, controlled by the LPR.", (1, 7)),
    ("Boko Haram militants burned 60 houses, shot four villagers dead, and abducted one child.[60]", (4, 0)),
    # "Four gunmen killed eight ...": the first figure counts the killers
    ("Four gunmen killed eight police officers dressed in plainclothes south of Cairo on Sunday, authorities said.",
     (8, 0)),
    # figures joined by "and" are added, before or after the counted one
    ("A police officer and four soldiers were killed after armed terrorist attacked a security patrol.[99]", (5, 0)),
    ("At least 16 Taliban fighters and nine security force members were killed and 21 militants wounded in separate "
     "attacks on security installations in Farah province on Monday night.[62]", (25, 21)),
    # a breakdown in brackets or after "including" is part of the total, not added to it
    ("At least 19 people, including eight police officers and ten civilians, were killed in a bomb explosion outside "
     "a restaurant in Kabul.", (19, 0)),
    ("At least seven people (2 guards, 2 hospital workers and 3 civilians) were killed and other twelve injurid in a "
     "shooting near a hospital.", (7, None)),
    # ranges take the lowest figure; ages are not counts
    ("Between 2 and 11 police were killed by insurgents in Farah.[161]", (2, 0)),
    ("Two people, aged 25 and 26, were shot dead by Mai-Mai militiamen in Rutshuru Territory in North Kivu.", (2, 0)),
    # "leaving nine ... injured" counts the injured; no deaths reported → 0
    ("A roadside bomb went off during  anti-government protests in the Venezuelan capital of Caracas, leaving nine "
     "members of the National Guard injured.[60][61]", (0, 9)),
    # the toll in the sentence after the attack belongs to it
    ("A suicide bomber detonated himself at a religious procession for a Shiite Muslim holiday. The blast killed 22 "
     "people, at least five kids among them. Over 40 were wounded. No group have claimed responsibility for the "
     "attack.[55][56]", (23, 40)),
    # "and wounding another", "another wounded", adverbs and "were left injured"
    ("Unidentified militants planted an explosive device on a police car in Aden, killing two and wounding another. "
     "Islamists such as Islamic State or Al-Qaeda are suspected.[45]", (2, 1)),
    ("One soldier was killed and another wounded in an ELN guerrilla attack on a military patrol in a rural area of the "
     "department of Cauca, southern Colombia, the army said in a statement on Friday.[73]", (1, 1)),
    ("Unknown militants detonated an improvised explosive device inside a passenger bus in Polomolok, southern "
     "Philippines. 18 people were left injured.[1][2]", (0, 18)),
    # further figures of "other" injured add to the first
    ("One woman was critically injured and two others were seriously injured when several knife-wielding men attacked "
     "Kurds arriving at the Turkish Consulate in Brussels to cast their vote.[110]", (0, 3)),
    # a suicide attack: the attacker is among the dead even when nobody else died (GTD)
    ("A soldier was slightly wounded in a suicide attack in Turkey’s southeastern province of Diyarbakır.[55]", (1, 1)),
    # attackers killed by security forces are among the dead (GTD: nkill includes perpetrators)
    ("A Palestinian man stabbed an Israeli soldier, leaving him with light wounds. The attacker was shot dead by the "
     "police.[63]", (1, 1)),
    # a toll of an earlier, similar attack is not this attack's
    ("Suspected militants on Friday gunned down three Pakistani workers building a Chinese-funded “Silk Road” highway "
     "in Balochistan, just days after a similar attack killed 10 Sindhi labourers in the south-western province.",
     (3, 0)),
    # "N deaths and M injuries" are two figures, not one sum
    ("Two bombings in and around Baghdad resulted in two deaths and 10 injuries. Several vehicles were also "
     "damaged.[155][156]", (None, 10)),
    # "the injury of N"; a range of injured takes the lowest figure
    ("Unidentified militants attacked a patrol belonging to the army in the area of Arab Jibor, south of Baghdad and "
     "opened their fire against its elements, resulting in the injury of two soldiers.[69]", (0, 2)),
    ("According to the latest figures, the attack killed three people and injured between 10 and 12. On 12 April the "
     "incident was classified as a terrorist attack by the Turkish Ministry of the Interior.[64]", (3, 10)),
    # "no injuries were reported" is no evidence of injuries: 0
    ("An IED exploded in Manama, inflicting serious damage on several vehicles and buildings. No injuries were "
     "reported.[18]", (0, 0)),
])
def test_counting_rules(extractor, text, expected):
    nkill, nwound = counts(extractor, text)
    if expected[0] is not None:  # None: the sentence's death figure is not a case of these rules
        assert nkill == expected[0]
    if expected[1] is not None:  # None: the sentence's injured figure is not a case of these rules
        assert nwound == expected[1]


def test_killed_only_report_codes_no_injuries_with_evidence(extractor):
    text = "Five border policemen including a commander were killed after Taliban militants stormed their check-posts."
    (m,) = [m for m in extractor.extract(Document("t", text, DAY)) if m.included]
    assert m.fields["nwound"] == 0
    ev = next(e for e in m.evidence if e.field == "nwound")
    assert ev.rule == "count:killed-only:no-injuries-reported"


def blank_or_value(extractor, text: str) -> tuple[int | None, int | None]:
    mentions = [m for m in extractor.extract(Document("t", text, DAY)) if m.included]
    assert len(mentions) == 1, [m.fields.get("summary") for m in mentions]
    return mentions[0].fields.get("nkill"), mentions[0].fields.get("nwound")


@pytest.mark.parametrize(("text", "expected"), [
    # a suicide blast that kills evidences injuries even when only the dead are reported: nwound blank, not 0
    # (Wikipedia 2015-2017 list, data row 2902)
    ("A soldier was killed when a female suicide bomber detonated her explosive vest in a military base.[53]",
     (2, None)),
    # suicide attackers among the dead: "N suicide bombings" is N bombers, plural "suicide bombers" without a
    # figure at least 2, words between the figure and "suicide bombers", "another suicide attacker" after a first
    # (data rows 2179, 2995, 2861, 389)
    ("Three suicide car bombings kills at least 23 people in Mosul.[118]", (26, None)),
    ("Suicide bombers killed two people and wounded ten others in two blasts in a refugee camp near the city of "
     "Diffa, in Niger.[160]", (4, 10)),
    ("11 people were killed after two girl suicide bombers attacked a camp for people fleeing Boko Haram extremist "
     "violence in the region.[8]", (13, None)),
    ("Suicide bomber detonated himself in the Cameroonian town of Klofata, killing seven people and wounding another "
     "30. Another suicide attacker detonated himself without hurting anyone.", (9, 30)),
    # "causing N deaths", "burned N people to death", "kidnapped and executed", "the beheading of two"
    # (data rows 141, 1528, 1197, 2014)
    ("Monguno bombing: A large sack containing homemade bombs exploded in Monguno, Nigeria, causing 63 deaths.[11]",
     (63, 0)),
    ("ISIS burned 20 people to death for refusing to join them.[61]", (20, 0)),
    ("3 escaping civilians were kidnapped and executed by firing squads after attempting to flee ISIS.[138]", (3, 0)),
    ("Islamic State (IS)-affiliated militant group “Sinai Province” published photos that allegedly depict the "
     "beheading of two elderly men.[112]", (2, 0)),
    # "burned N people alive" (data row 1513); a place name ends before a toll verb (data row 759); the attacker
    # who is killed "before being shot dead" is among the dead (data row 656)
    ("Islamic State burned eight people alive in western Kirkuk province, allegedly for trying to escape.[45]",
     (8, 0)),
    ("A car bomb attack on a Turkish gendarmerie in the town of Hani killing at least two people and injuring "
     "50.[46]", (2, 50)),
    ("A Palestinian teenager stabbed and wounded an Israeli border guard in the West Bank city of Hebron before "
     "being shot dead.[60]", (1, 1)),
    # dead who were "also killed", or "a further" N, add to the first figure (data rows 3745, 1884)
    ("2017 Semuliki attack: At least 14 UN peacekeepers were killed and 53 wounded in an attack in the east of the "
     "Democratic Republic of Congo. Five soldiers were also killed during the attack.", (19, 53)),
    ("Part of Battle of Mosul (2016): Islamic State executed 190 former members of the Iraqi security forces for "
     "refusing to join them. A further 42 people were executed in a village south of Mosul.[150]", (232, 0)),
    # a figure is read whole ("left 33 wounded" is not "left 3"); "N, including ..., were injured"
    # (data rows 334, 3475)
    ("Attacks targeting Shiites in Baghdad, including a suicide bombing. The blasts killed 19 and left 33 wounded. "
     "Islamic State claimed responsibility for the attacks.[19]", (20, 33)),
    ("At least one person was killed and 22, including security personnel, were injured in a blast near the "
     "Pak-Afghan border in Chaman.[93]", (1, 22)),
    # the stabbed who did not die are injured (data rows 413, 3166, 347)
    ("Palestinian man stabbed an Israeli soldier in the back near Jerusalem Central Bus Station before being "
     "neutralized by another guard and being apprehended by Israeli security forces.[40]", (0, 1)),
    ('A man yelling "Allahu Akbar" stabbed a policeman. The incident is being investigated as a terror '
     "attack.[174]", (0, 1)),
    ("Palestinian illegal worker stabs four civilians, including a 13-year-old teen, in the southern Israeli city of "
     "Kiryat Gat and caught hours later.[33]", (0, 4)),
    # "N X, two of them children, were killed": a breakdown, not the count (data row 3499)
    ("Four civilians, two of them children, were killed in a rocket attack by ISIS terrorists on Salamiyeh city, "
     "Syria.[121]", (4, 0)),
    # "killing himself and two guards": the attacker and his victims (data row 119); up to ten words between
    # a figure and its verb (data row 580)
    ("A suicide bomber detonated his explosives at a military checkpoint outside of Misrata killing himself and two "
     "guards.[17]", (3, None)),
    ("Five members of loyal forces of the Council of Deputies  were killed in a suicide attack in Al-Hawari near "
     "Benghazi. This attack was claimed by Islamic State.[50]", (6, None)),
    # attackers killed by the security forces are among the dead: "killed 109 Boko Haram militants", "shot and
    # killed the would-be terrorist" (data rows 42, 3133)
    ("Boko Haram militants attacked Niger's border towns, Bosso and Diffa, early in the morning. The security forces "
     "of Niger fought back and killed 109 Boko Haram militants. Four soldiers and one civilian were killed during "
     "the attack, and 17 members of the security forces were injured[4]", (114, 17)),
    ("A Palestinian assailant tried to stab an IDF soldier stationed near the West Bank settlement of Tekoa. "
     "Security forces shot and killed the would-be terrorist in response to the attempted attack.[141]", (1, 0)),
    # "No one was killed", "tried to kill the policeman": no deaths; a toll dated to an earlier month is another
    # attack's (data rows 2474, 1610, 2240)
    ("A bomb exploded under a car outside of a police officer's home in Derry. The bomb went off as Army technical "
     "officers were trying to defuse the device. No one was killed or injured in the incident, which is being "
     "blamed on dissident republicans.[98]", (0, 0)),
    ("A policeman was wounded in a melee attack in a police station. The assailant was arrested by other policemen. "
     'He tried to kill the policeman because "It represents France".[138]', (0, 1)),
    ("Three female suicide bombers were killed while attempting to detonate their vests at a market in the "
     "northeastern Nigerian city of Madagali. Local officials blamed Boko Haram for the attempted attack. A double "
     "suicide bombing in Madagali killed 57 people in December 2016.[19]", (3, None)),
    # abbreviations between a figure and its verb; a hyphenated range takes the lowest figure (data rows 1782, 306)
    ("Two U.S. servicemembers were wounded when the vehicle they were traveling in hit a roadside bomb.[40]",
     (0, 2)),
    ("Islamic State detonated three bombs at a building full with Shias who were preparing for the Mourning of "
     "Muharram in Bangladesh's capital, Dhaka. One fourteen-years-old teen was killed and around 50-80 were "
     "wounded. Official said that there were some 20,000 people in and outside the building at that time. The attack "
     "is the considered to be the first attack against Bangladesh's tiny Shia community.[57]", (1, 50)),
])
def test_counting_rules_exact(extractor, text, expected):
    """Both figures checked exactly; None means the field must be left blank."""
    assert blank_or_value(extractor, text) == expected


def test_day_of_month_is_no_casualty_figure(extractor):
    # MUC-4 DEV-MUC3-1079 (verbatim opening of the sentence, the victims' names left out): "26 JANUARY" is a date
    text = "THE NATIONAL POLICE HAVE ALSO REPORTED THAT ON 26 JANUARY SHINING PATH TERRORISTS MURDERED BROTHERS"
    (m,) = [m for m in extractor.extract(Document("t", text, dt.date(1989, 1, 30))) if m.included]
    assert m.fields.get("nkill") != 26


@pytest.mark.parametrize(("text", "expected"), [
    # a victim (or attacker) who later died of the wounds counts among the dead (Wikipedia 2015-2017 row 634)
    ("A Turkish soldier succumbed to his wounds on March 10 after sustaining injuries in an outlawed Kurdistan "
     "Workers’ Party (PKK) attack in southeastern Diyarbakır's Sur district last month.[39]", 1),
    # row 3190: the attacker who later died is counted too (GTD counts perpetrator deaths in nkill)
    ("A Palestinian attempted to carry out a stabbing attack at the Gush Etzion junction in the West Bank. The "
     "assailant was shot and later died from his wounds. No civilians were reported to be wounded in the "
     "attack.[201]", 1),
    # row 2274: a later death adds to the first toll
    ("10 January 2017 Afghanistan bombings: 11 people, including five diplomats from the United Arab Emirates, were "
     "killed in a bomb attack.[58] On the 15 February 2017, the UAE ambassador succumbed to his wounds.[59]", 12),
    # row 1042: a later death already counted by a figure of the same sentence is not added again
    ("A tricycle taxi triggered an old IED, killing 4 civilians and one soldier who died of his injuries. Two were "
     "wounded.[187]", 5),
    # row 1003: "more than a dozen" reads as its lowest value, 12
    ("A \"suicide operation\" killed more than a dozen Kurdish security personnel but issued no claim.[148]", 12),
    # row 469: "killing them both" is two dead
    ("Unidentified militants opened fire on two civilians in the al-Fahama area in northern Baghdad, killing them "
     "both. No group claimed responsibility.[51]", 2),
])
def test_later_deaths_and_vague_figures(extractor, text, expected):
    assert counts(extractor, text)[0] == expected


def test_attacker_dying_later_does_not_reduce_the_stabbed(extractor):
    # Wikipedia 2015-2017 row 1395: the two stabbed soldiers stay injured though the attacker died of his injuries
    text = ("An assailant stabbed and injured two soldiers. Responding to the threat, the soldiers shot at the "
            "attacker and detained him. He died of his injuries a day later.[127]")
    assert counts(extractor, text) == (1, 2)


def test_running_tally_is_not_this_attacks_toll(extractor):
    # Wikipedia 2015-2017 row 2842: "bringing to 11 the number of ..." tallies several attacks; this one killed two
    text = ("A roadside bomb planted by Somali Islamists killed two Kenyan police near the Somali border on Thursday, "
            "police said, bringing to 11 the number of Kenyan security officials that have been killed by roadside "
            "bombs over the past two days.[161]")
    assert counts(extractor, text)[0] == 2


@pytest.mark.parametrize(("text", "expected"), [
    # "killed a colonel", "shot dead a constable": a person noun after "a" is one victim (Wikipedia 2015-2017 rows
    # 2031, 3182, 2433, 3497)
    ("A member of Islamic State killed a colonel.[131]", 1),
    ("Suspected militants shot dead a constable in Kulgam district of south Kashmir.[192]", 1),
    ("Boko Haram invaded Mifa community in Chibok Local Government Area of Borno State, killing an Islamic scholar "
     "and breaking the hands of a boy.[54]", 1),
    ("ISIS mortar attack killed a Russian lieutenant general and two colonels who were commanding local Syrian and "
     "Russian forces. Russian authorities blamed the USA's hypocrisy for their deaths.[118][119]", 3),
    # row 2278: "was subsequently shot dead" — the attacker died
    ("A Palestinian man attacked Israeli soldiers with a knife and was subsequently shot dead.[63]", 1),
])
def test_single_victims_and_attackers_shot_later(extractor, text, expected):
    assert counts(extractor, text)[0] == expected


def test_muc_running_tally_is_not_this_attacks_toll(extractor):
    # MUC-4 DEV-MUC3-0324 (abridged from the message; names left out): 384 is a tally since 1985
    text = ("THE UP LEADER IN CORDOBA WAS MURDERED AT APPROXIMATELY 1500 (2000 GMT)\nTODAY, AT THE SAME TIME THAT THE "
            "GOVERNMENT DESIGNATED IN BOGOTA A GOVERNMENT DELEGATE.\n\n   HIS\nDEATH RAISES TO 384 THE NUMBER OF THE "
            "ORGANIZATION'S MEMBERS AND LEADERS\nMURDERED SINCE IT WAS FOUNDED IN 1985.")
    (m,) = [m for m in extractor.extract(Document("t", text, dt.date(1989, 1, 30))) if m.included]
    assert m.fields.get("nkill") != 384


@pytest.mark.parametrize(("text", "expected"), [
    # a victim who "was stabbed" / "was shot" and is not said to have died is injured: no evidence of a death
    # (Wikipedia 2015-2017 rows 1564, 1181, 1711, 3666)
    ("A rabbi was stabbed in Strasbourg by a man reportedly shouting Allahu Akbar.[96]", (0, 1)),
    ("A transgender man was stabbed by people who were described as Islamic state members.[120]", (0, 1)),
    ("A man tried to attack the Israeli embassy in Ankara with a knife while shouting 'Allahu akbar'. He was shot in "
     "the leg by a security guard and arrested.[108]", (0, None)),
    ("A French man originary from Morocco was shot and seriously wounded in a police control in La Jonquera, next to "
     "the border with France and Spain, while he tried to attack a group of police officers with a white weapon and "
     "his car. The attacker shouted \"Allahu Akbar\" during the incident.[79][80]", (0, 1)),
])
def test_stabbed_or_shot_without_death_is_injury(extractor, text, expected):
    assert blank_or_value(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # dead joined by "along with" / "as well as" add up (Wikipedia 2015-2017 rows 1964, 1176, 2564)
    ("A Togolese peacekeeper was killed along with two civilians when the convoy was attacked in Gourma[53]", 3),
    ("An employee of the Iraqi Justice Ministry was killed along with her son when unknown gunmen stormed her "
     "house.[115]", 2),
    ("A group of 8 jihadists attacked a military base of the National Guard of Russia near Grozny in Chechnya. "
     "During the assault, six soldiers were killed, as well as 6 terrorists.[83]", 12),
    # row 76 (its first three sentences): an injured figure after "along with" is not added to the dead
    ("Makka al-Mukarama hotel attack: Six gunmen associated with the Al-Shabaab stormed an upscale hotel for "
     "diplomats and government officials in Mogadishu. Seventeen hotel guests, one soldier, and six militants were "
     "killed along with twenty-eight wounded.", None),
])
def test_dead_joined_by_along_with(extractor, text, expected):
    n = counts(extractor, text)[0]
    if expected is None:
        assert n is not None and n < 28
    else:
        assert n == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the subject of a plural "were killed" with no figure: as many dead as it names persons (Wikipedia 2015-2017
    # rows 2958, 2176)
    ("A sugar planter and his driver were killed in an ambush staged allegedly by communist rebels.[115]", 2),
    ("A Canadian and a Briton were killed by Islamic State of Iraq and the Levant near Raqqa.[113][114]", 2),
    # "and her daughter", "and their driver" join the counted dead (rows 1510, 2148)
    ("A woman and her daughter were killed in a drive-by shooting in the Upper Dir region of Khyber Pakhtunkhwa.", 2),
    ("Five female security staff and their driver were killed by unknown gunmen near Kandahar Airport.[78]", 6),
])
def test_conjoined_persons_were_killed(extractor, text, expected):
    assert counts(extractor, text)[0] == expected


def test_unknown_number_of_assailants_is_no_count(extractor):
    # Wikipedia 2015-2017 row 1162: a clause and "an unknown number" are no list of persons
    text = ("A terrorist attack by ISIS was stopped by policeman, and an unknown number of assailants were "
            "killed.[100]")
    assert counts(extractor, text)[0] is None


def muc_nkill(extractor, text: str, day: dt.date = dt.date(1989, 11, 20)) -> int | None:
    """nkill of the first included incident of a MUC-style text (there must be one)."""
    ms = [m for m in extractor.extract(Document("t", text, day)) if m.included]
    assert ms, "no incident"
    return ms[0].fields.get("nkill")


def test_muc_conjoined_victims(extractor):
    # MUC-4 DEV-MUC3-0838 (verbatim clause): four priests, an employee and her child
    text = ("IN A DECLARATION ISSUED IN HAVANA, THE UNIVERSITY GROUP ALSO CONDEMNS THE ASSASSINATION OF FOUR OTHER "
            "PRIESTS AND ONE OF THEIR EMPLOYEES AND HER CHILD, WHO WERE KILLED AS THE GUNMEN ENTERED THE RECTOR'S HOME "
            "ON UNIVERSITY GROUNDS.")
    assert muc_nkill(extractor, text) == 6


@pytest.mark.parametrize(("text", "expected"), [
    # other killing verbs with the figure after them, and "a family of N" (Wikipedia 2015-2017 rows 2426, 3354, 176)
    ("Islamic State militants burned to death 15 civilians, including children, for attempted to escape territory "
     "they control.[46]", 15),
    ("Islamic State militants burned to death a family of eight, including an infant, for attempting to flee the "
     "group’s stronghold in southwestern Kirkuk.[155]", 8),
    ("Boko Haram militants slit the throats of five civilians in Dagaya, a village near Bosso, Niger.[11]", 5),
])
def test_killing_verbs_before_the_figure(extractor, text, expected):
    assert counts(extractor, text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a single victim named by a noun MUC messages use ("a peasant"), by a title before a name without an article
    # ("Salvadoran Attorney General ..."), in "the murder of", or "was shot to death": one dead. Verbatim clauses of
    # MUC-4 TST1-MUC3-0001, DEV-MUC3-0179, DEV-MUC3-0347 and DEV-MUC3-0976 (names left out)
    ("HE ALSO REPORTED THAT GUERRILLAS KILLED A PEASANT IN THE CITY OF FLORES, IN THE NORTHERN EL PETEN DEPARTMENT, "
     "AND BURNED A TANK TRUCK.", 1),
    ("A SELF-NAMED ULTRA-RIGHT-WING COMMANDO UNIT TONIGHT CLAIMED RESPONSIBILITY FOR THE DYNAMITE ATTACK THAT KILLED "
     "SALVADORAN ATTORNEY GENERAL ROBERTO GARCIA TODAY.", 1),
    ("THE COUNTRY'S MAGISTRATES RESIGNED TODAY TO PROTEST THE MURDER OF COLOMBIAN JUSTICE CARLOS VALENCIA.", 1),
    ("ALSO TODAY IN BUENAVENTURA, THE MAJOR COLOMBIAN PORT ON THE PACIFIC COAST, JUDGE SOFIA DE ROLDAN WAS SHOT TO "
     "DEATH BY HIRED ASSASSINS.", 1),
])
def test_muc_single_victims(extractor, text, expected):
    assert muc_nkill(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # no death is evidenced, so nkill is 0: a kidnapping's "victim" is its hostage (MUC-4 DEV-MUC3-1109), and a
    # vehicle "shot at" is no one shot (DEV-MUC3-0675); verbatim clauses, victim's name left out
    ("AS OF TODAY, THE ONLY INFORMATION AVAILABLE IS ON KIDNAPPING VICTIM U.S. PROFESSOR. THE PROFESSOR WAS KIDNAPPED "
     "ON 13 FEBRUARY IN MEDELLIN, 250 KM NORTHWEST OF BOGOTA.", 0),
    ("TWO RED CROSS AMBULANCES WERE DESTROYED AFTER BEING SHOT AT. HELICOPTERS WERE HEARD FLYING OVER THE CAPITAL.", 0),
    # the killers are not the killed (DEV-MUC3-0836, abridged)
    ("THE HOSTAGES WERE U.S. CITIZENS WHO WERE TAKEN HOSTAGE WHEN THE COWARDLY FMLN KILLERS ATTACKED THE HOTEL.", 0),
])
def test_words_that_evidence_no_death(extractor, text, expected):
    assert muc_nkill(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a possessive "X's murder" and a title after two adjectives ("former defense minister") name one dead
    # (MUC-4 DEV-MUC3-0369 and DEV-MUC3-0023, verbatim sentences)
    ("JUDGES AND JUDICIAL EMPLOYEES TODAY LIFTED THE STRIKE THEY BEGAN ON 17 AUGUST FOLLOWING MAGISTRATE CARLOS "
     "VALENCIA GARCIA'S MURDER.", 1),
    ("THE MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT] TODAY DISTRIBUTED LEAFLETS CLAIMING RESPONSIBILITY FOR THE MURDER "
     "OF FORMER DEFENSE MINISTER ENRIQUE LOPEZ ALBUJAR.", 1),
])
def test_possessive_murder_and_titled_victim(extractor, text, expected):
    assert muc_nkill(extractor, text, dt.date(1989, 8, 23)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a year after "in" is no figure of dead (MUC-4 DEV-MUC3-0489, verbatim but for the victim's name)
    ("IN 1986 THE DIRECTOR OF THE PROGRESSIVE NEWSPAPER EL ESPECTADOR WAS MURDERED, AND IT WAS BASICALLY AFTER THIS "
     "MUDER THAT THE HUNT FOR LEHDER BEGAN.", (1, 0)),
    # a time of day is no figure of injured: "at 1533 GMT reports that ... was seriously wounded" is one wounded
    # (DEV-MUC3-1232, verbatim but for the victim's name)
    ("THE CONTROL TOWER AT ELDORADO INTERNATIONAL AIRPORT HERE RECEIVED A MESSAGE FROM AN AVIANCA PILOT SAYING THE "
     "CANDIDATE HAD BEEN SHOT BY ONE OR SEVERAL PEOPLE ABOARD THE AVIANCA AIRLINE PLANE, WHICH HAD BEEN EN ROUTE TO "
     "BARRANQUILLA, ON THE CARIBBEAN COAST.\n\n   MADRID EFE IN SPANISH AT 1533 GMT REPORTS THAT THE CANDIDATE WAS "
     "SERIOUSLY WOUNDED AND THAT HIS ASSAILANT WAS KILLED.", (1, 1)),
    # what a bomb "would have killed" is no toll (DEV-MUC3-1214, verbatim)
    ("YESTERDAY, A CAR-BOMB WITH 800 KG OF DYNAMITE WAS LEFT BY DRUG TRAFFICKERS IN AN EXCLUSIVE SECTOR OF THE "
     "CAPITAL.  HAD IT NOT BEEN FOR A DEFECT IN THE DETONATOR, IT WOULD HAVE KILLED AT LEAST 5,000 [NUMBER AS "
     "RECEIVED] PEOPLE.", (None, 0)),
    # an offensive's or a war's toll "so far" is not one attack's (DEV-MUC3-0816, DEV-MUC3-0594, verbatim)
    ("THE RELIGIOUS LEADERS SAID THAT THE PERSECUTION WAS STEPPED UP AFTER THE START OF THE GUERRILLA OFFENSIVE IN "
     "THE CAPITAL, WHICH BEGAN ON 11 NOVEMBER AND SO FAR HAS LEFT SOME 1,000 DEAD, INCLUDING 6 JESUIT PRIESTS WHO "
     "WERE ASSASSINATED.", (None, 0)),
    ("ARGENTINA HOPES FOR THE LIFTING OF THE PROTECTION ZONE AROUND THE MALVINAS ISLANDS IMPOSED BY BRITAIN AFTER THE "
     "10-WEEK WAR, WHICH KILLED MORE THAN 1,000 PEOPLE.", (None, 0)),
])
def test_muc_years_clocks_and_aggregate_tolls_are_no_counts(extractor, text, expected):
    ms = [m for m in extractor.extract(Document("t", text, dt.date(1989, 11, 20)))]
    assert ms, "no incident"
    assert (ms[0].fields.get("nkill"), ms[0].fields.get("nwound")) == expected


def test_more_than_is_no_further_dead():
    # "more than 70,000 dead" (MUC-4 DEV-MUC3-1260) is a figure, not "70,000 more" dead to add to another toll
    from transforms.extract.casualties import _MORE
    assert not _MORE.search("HAS LEFT MORE THAN 70,000 DEAD")
    assert _MORE.search("FOUR MORE PEOPLE WERE KILLED")


def test_no_single_attack_toll_above_gtds_largest(extractor):
    # the armed struggle's toll "of at least 17,700 people" is no incident's toll, nor is a month's "more than 200"
    # (MUC-4 DEV-MUC3-1079, verbatim but for the victims' family name)
    text = ("WITNESSES TOLD THE POLICE THAT THE VICTIMS WERE KILLED BECAUSE THEY\nREFUSED TO SUPPLY FOOD AND LODGING "
            "TO THE TERRORISTS.\n\n   MORE THAN 200 PEOPLE HAVE DIED SO FAR THIS MONTH OWING TO THE ARMED\nSTRUGGLE "
            "THAT THE SHINING PATH TERRORISTS BEGAN IN 1980 AND THAT HAS\nALREADY CLAIMED THE LIVES OF AT LEAST 17,700 "
            "PEOPLE AND CAUSED DAMAGE\nOF OVER $16 BILLION, WHICH IS THE EQUIVALENT TO THE 70 PERCENT OF THE\nPERUVIAN "
            "FOREIGN DEBT.")
    ms = extractor.extract(Document("t", text, dt.date(1990, 1, 28)))
    assert ms, "no incident"
    assert all((m.fields.get("nkill") or 0) < 200 for m in ms), [m.fields.get("nkill") for m in ms]


def test_toll_larger_than_any_single_attack_is_no_count(extractor):
    # MUC-4 TST1-MUC3-0084 (verbatim sentences of an FMLN statement): a war's toll, larger than any single
    # incident GTD records, is not a figure of dead for an attack
    text = ("WE DO NOT RECOGNIZE THE CONSTITUTION BECAUSE IT WAS MADE TO PROMOTE\nTHE WAR.  THE CONSTITUTION WAS "
            "DRAFTED BASED ON THE KILLING OF OVER\n70,000 SALVADORANS.")
    ms = extractor.extract(Document("t", text, dt.date(1989, 9, 13)))
    assert ms, "no candidate"
    assert all(m.fields.get("nkill") != 70000 for m in ms)


@pytest.mark.parametrize(("text", "day", "not_expected"), [
    # "shot six times" counts shots, not dead (MUC-4 DEV-MUC3-1020, verbatim but for the victim's name)
    ("GUATEMALA WHEN UNIDENTIFIED MEN IN A VEHICLE WITH DARKENED WINDOWS\nFIRED AT HIM WITH 9-MM WEAPONS.\n\n   THE "
     "SOURCE POINTED OUT THAT THE DIPLOMAT, 38, WAS SHOT SIX TIMES AND DIED\nON THE SPOT.", dt.date(1989, 12, 21), 6),
    # "seven blocks from where ... was killed" is a distance (TST1-MUC3-0006, verbatim but for the names and the
    # vehicles' makes and plates)
    ("THE COLONEL LEFT HIS RESIDENCE TO BEGIN HIS DAILY\nTASKS AT ANTIOQUIA POLICE HEADQUARTERS.  AS THE VEHICLE "
     "DROVE THROUGH\nTHE AMERICA NEIGHBORHOOD, SEVEN BLOCKS FROM WHERE THE ANTIOQUIA GOVERNOR\nWAS KILLED, THE "
     "VEHICLE THAT THE COLONEL WAS IN DREW TO A\nSTOP IN FRONT OF A RED LIGHT AT THE CARRERA 80 CROSSING.  SEVERAL\n"
     "INDIVIDUALS IN A GRAY VEHICLE TOOK ADVANTAGE OF THIS CIRCUMSTANCE TO FIRE VOLLEYS OF SUBMACHINEGUN\nFIRE "
     "AGAINST THE COLONEL, WHO DIED INSTANTLY.", dt.date(1989, 8, 18), 7),
    # an age is no count: "aged 19 and 21 -- were shot to death" (TST1-MUC3-0071, verbatim)
    ("TWO U.S. MORMON MISSIONARIES --\nAGED 19 AND 21 -- WERE SHOT TO DEATH LAST NIGHT BY A GROUP OF\nTERRORISTS "
     "FROM THE ZARATE WILKA ARMED FORCES OF LIBERATION [FAL].", dt.date(1989, 5, 25), 21),
])
def test_muc_shots_distances_and_ages_are_no_counts(extractor, text, day, not_expected):
    ms = [m for m in extractor.extract(Document("t", text, day)) if m.included]
    assert ms, "no incident"
    assert all(m.fields.get("nkill") != not_expected for m in ms)


@pytest.mark.parametrize(("text", "expected"), [
    # "killed him", "killing him": one dead (Wikipedia 2015-2017 rows 4 and 2150)
    ("A Tunisian policeman was ambushed by a group of Islamist militants and abducted. They then killed him by "
     "cutting his throat and stabbing his heart. Nine people have been arrested in connection with the attack.[4]",
     (1, 0)),
    ("Four militants attacked a policeman, seized his car, and ran over another policeman who tried to stop the "
     "vehicle, killing him.[80][81]", (1, 0)),
    # but "leaving him with light wounds" is one injured (row 279)
    ("A Palestinian man stabbed a forty-seven-year-old Israeli police officer during a security check, leaving him "
     "with light wounds. The attacker fled the scene and soldiers are searching for him.[26]", (0, 1)),
])
def test_a_pronoun_object_of_a_killing_is_one_dead(extractor, text, expected):
    assert counts(extractor, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # one person who "died" is one dead (Wikipedia 2015-2017 row 223: the attacker, shot by soldiers; and the
    # road number "Highway 443" is no figure of injured)
    ("A Palestinian man approached a 26-year-old Israeli civilian who was fueling his car on a Gas Station on Highway "
     "443 and stabbed him, leaving him with light stabbing wounds on his upper body. IDF then opened fire at the "
     "terrorist and he died at the scene.[15]", 1),
    # the suicide bomber who "died when he blew himself up" is counted once (row 999)
    ("The driver of a vehicle died when he blew himself up at an al-Hashd al-Shaabi checkpoint in Suliman Bek. Two "
     "men working at the checkpoint were injured.[144]", 1),
    # "Several policemen died" gives no figure (row 1864)
    ("Forces of so-called Islamic State launched an attack in Rutba. Several policemen died as security forces "
     "sought to regain control.[127]", None),
])
def test_one_person_who_died(extractor, text, expected):
    nkill, nwound = counts(extractor, text)
    assert nkill == expected and nwound != 443


def test_muc_a_former_minister_who_died_is_one_dead(extractor):
    # MUC-4 DEV-MUC3-0011 (verbatim but for the victim's name)
    text = ("LIMA, 9 JAN 90 (EFE) -- [TEXT] AUTHORITIES HAVE REPORTED THAT FORMER\nPERUVIAN DEFENSE MINISTER GENERAL "
            "DIED TODAY IN LIMA\nAS A CONSEQUENCE OF A TERRORIST ATTACK.\n\n   THE FORMER ARMY COMMANDER GENERAL AND "
            "DEFENSE MINISTER UNTIL\nMAY 1989 WAS RIDDLED WITH BULLETS BY THREE YOUNG INDIVIDUALS AS HE WAS\nGETTING "
            "OUT OF HIS CAR IN AN OPEN PARKING LOT IN A COMMERCIAL CENTER IN THE\nRESIDENTIAL NEIGHBORHOOD OF SAN "
            "ISIDRO.")
    assert muc_nkill(extractor, text, dt.date(1990, 1, 9)) == 1


# Wikipedia rows (CSV line numbers; victims' names left out) the 0.8.12 casualty phrases count: one injured
# person named by a noun after "and another" / "injuring an" / "injured his", and a death "resulting in his
# immediate death" or "causing the driver's immediate death"
@pytest.mark.parametrize(("text", "expected"), [
    # line 801, 17 April 2016
    ("A cleaning lady working for the UNHCR HQ in Mogadishu was killed and another woman wounded by "
     "pistol-wielding men on a motorbike.[74]", (1, 1)),
    # line 182, 11 July 2015
    ("A tricycle exploded near the office of the department of state security in Maiduguri, killing four "
     "passengers and injuring an onlooker.[14]", (4, 1)),
    # line 1800, 7 October 2016
    ("A gunman shot dead an imambargah trustee and critically injured his son.[34]", (1, 1)),
    # line 480, 16 January 2016
    ("Unidentified militants driving a motorcycle opened their fire at man in the city of al-Sadr in eastern "
     "Baghdad, resulting in his immediate death. No group claimed responsibility.[60]", (1, 0)),
    # line 3150, 19 July 2017
    ("A bomb placed under a civilian's car exploded at Sabaa al-Bour region in north of Baghdad, causing the "
     "driver's immediate death.[128]", (1, 0)),
])
def test_one_victim_named_by_a_noun_or_a_death_phrase(extractor, text, expected):
    assert counts(extractor, text) == expected


def test_suicide_attackers_who_detonated_themselves(extractor):
    # line 344, 18 November 2015: "detonated themselves" is a suicide bombing, so GTD counts the attacker dead too
    text = ("Two girls, aged 11 and 18, detonated themselves in a busy mobile phone market in Kano, Nigeria, killing "
            "at least 15 and injuring at least 123. Boko Haram is suspected.")
    (m,) = [m for m in extractor.extract(Document("t", text, DAY)) if m.included]
    assert m.fields["suicide"] == 1 and m.fields["nkill"] > 15 and m.fields["nkillter"] >= 1
