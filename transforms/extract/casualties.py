"""Casualty counting for one incident: nkill / nwound (and nkillter / nwoundte) with GTD's counting rules.

``code_casualties`` reads the casualty figures the one-pass structure regex found in the incident's sentences
(``transforms/extract/lexicon.py``: k* for the dead, w* for the injured) and sets the counts on the mention,
each with its evidence. The rules, with examples, are in ``docs/extraction.md`` (nkill / nwound); the cases are
tested on real sentences in ``tests/extract/test_rules_counts.py``.
"""

from __future__ import annotations

import re

from transforms.extract.lexicon import TITLE
from transforms.extract.model import Evidence, Mention
from transforms.extract.numbers import QUANTITY_BEFORE, parse_number
from transforms.extract.spans import EvidenceMaker, Hit, Struct


def code_casualties(m: Mention, text: str, st: list[Struct], sh: list[Hit], ev: EvidenceMaker) -> None:
    kills: list[tuple[int, Struct, bool]] = []
    wounds: list[tuple[int, Struct]] = []
    stabbed: list[tuple[int, Struct]] = []
    for s in st:
        g = s.m
        if s.kind[0] in "kw" and _CUMULATIVE.search(text, max(m.start, s.start - 80), s.end + 60):
            continue  # "the war has claimed the lives of at least 17,700 people since 1980": not this attack's toll
        if s.kind == "k1" and _RUNNING_TOTAL.search(text, max(0, s.start - 14), s.end):
            continue  # "bringing to 11 the number of Kenyan security officials that have been killed": a tally
        if s.kind in ("k2", "k4") and _INTENT_BEFORE.search(text, max(0, s.start - 25), s.start):
            continue  # "He tried to kill the policeman": an intent, not a death
        if s.kind in ("k1", "k2", "k4"):
            # "killing a child", "killed the mayor", "police shot and killed him": one victim
            one_by = next((k for k in ("k2a", "k2p", "k2t") if g.group(k) is not None), None) if s.kind == "k2" else None
            one = one_by is not None
            fig = "k4m" if s.kind == "k4" else s.kind + "n"
            n = 1 if one else parse_number(g.group(fig))
            num_end = g.end(one_by) if one_by else g.end(fig)
            if n is not None and (n > _MAX_TOLL or _COUNTERFACTUAL.search(text, max(0, s.start - 20), s.start)):
                continue  # "the killing of over 70,000 Salvadorans"; "it would have killed at least 5,000 people"
            if s.kind == "k2" and _LEFT_HURT.match(g.group(0)):
                if _HURT_FIRST.match(text, s.end):
                    wounds.append((n or 0, s))  # "leaving nine members of the National Guard injured"
                    continue
                if not _DEAD_AFTER.match(text, s.end):
                    continue  # "leaving five policemen." says nothing of their fate
            if one and g.group("k2t") is not None and not text.isupper() and not _TITLE_NAME.match(text, num_end):
                continue  # mixed case: a title names a victim only before a capitalised name
            if n is not None and not _ANIMALS.match(text, num_end):
                joined = 0
                low = _RANGE_LOW.search(text, max(0, s.start - 25), s.start)
                if low and s.kind in ("k1", "k4"):  # "between 2 and 11 police were killed": the lowest
                    n = min(n, parse_number(low.group("n") or low.group("m")) or n)
                elif s.kind == "k4":
                    pass  # "causing 63 deaths", "burned 20 people to death": the figure alone
                elif s.kind == "k1":
                    n += _and_more(g.group(0), text[s.end:s.end + 40]) + _and_before(text, s.start) \
                        + _along_with(text, s.end)
                else:
                    tail = _object_tail(text, s.end)
                    if not _BETWEEN.search(g.group(0)):
                        joined = _and_more(tail, text[s.end + len(tail):s.end + len(tail) + 40])
                        n += joined
                # "police shot and killed both assailants": the killed are the attackers (not when other dead
                # are joined to them, "leaving at least 10 militants and two soldiers dead")
                perp_object = s.kind == "k2" and not joined and not g.group(0).startswith("death toll") \
                    and bool(_PERP_OBJECT.match(text, num_end))
                perp = bool(_NONSTATE_WORDS.search(g.group(0))) or bool(re.search(r"\bsuicide bomber\b", g.group(0), re.I)) \
                    or (s.kind == "k1" and bool(_BY_FORCES.match(text, s.end))) or perp_object
                kills.append((n, s, perp))
                if s.kind == "k2" and g.group("k2self"):
                    # "detonated his explosives ... killing himself and two guards": the attacker died too
                    own = _suicide_attackers(text, m.start, m.end) if g.group("k2self") == "themselves" else 1
                    kills.append((own, s, True))
        elif s.kind == "k3":
            subject = text[max(0, s.start - 30):s.start]
            if re.search(r"\b(?:no one|nobody|none)\s*$", subject, re.IGNORECASE):
                continue  # "No one was killed or injured"
            if g.group("k3p") is not None:
                # "A sugar planter and his driver were killed": as many dead as the subject names persons
                n = _conjoined_subject(text, m.start, s.start)
                if n:
                    kills.append((n, s, bool(_NONSTATE_WORDS.search(text, max(m.start, s.start - 100), s.start))))
                continue
            # "A Palestinian teenager stabbed and wounded a border guard before being shot dead": the one
            # who attacked died
            perp = bool(_NONSTATE_WORDS.search(subject.split(".")[-1])) or bool(_BY_FORCES.match(text, s.end)) \
                or g.group("k3b") is not None
            kills.append((1 + (0 if perp else _along_with(text, s.end)), s, perp))
        elif s.kind == "k6":
            kills.append((1, s, False))  # "Archbishop Romero's murder"
        elif s.kind == "k5":
            # "The driver succumbed to his wounds", "the attacker ... later died from his wounds": one more
            # dead (GTD counts those who die of their injuries among the killed), unless a figure of the
            # same sentence already counts them ("killing 4 civilians and one soldier who died of his injuries")
            if not any(o.kind in ("k1", "k2", "k3", "k4") and o.sent == s.sent and o.start < s.start for o in st):
                subject = text[max(m.start, s.start - 80):s.start].split(".")[-1]
                kills.append((1, s, bool(_NONSTATE_WORDS.search(subject))))
        elif s.kind == "k7":
            if any(o.kind in ("k1", "k2", "k3", "k4", "k5") and o.sent == s.sent and o is not s for o in st):
                continue  # "Two people were shot and both died": the figure counts them
            subject = text[max(m.start, s.start - 80):s.start].split(".")[-1]
            word = _LAST_WORD.search(subject)
            if word is None or _NOT_ONE_SUBJECT.fullmatch(word.group(1)) \
                    or QUANTITY_BEFORE.search(subject[max(0, word.start() - 30):word.start()]):
                continue  # "who died in 1980", "many died", "Several policemen died": no count of one
            # "The driver of a vehicle died when he blew himself up": the attacker
            own = _SELF_AFTER.match(text, s.end)
            kills.append((1, s, bool(_NONSTATE_WORDS.search(subject)) or own is not None))
        elif s.kind in ("w1", "w2"):
            n = 1 if s.kind == "w2" and g.group("w2a") else parse_number(g.group(s.kind + "n"))
            if n is not None and not _ANIMALS.match(text, g.end("w2a" if s.kind == "w2" and g.group("w2a") else s.kind + "n")):
                if s.kind == "w1":
                    n += _and_more(g.group(0), "", injured=True) + _and_before(text, s.start)
                else:
                    if not _BETWEEN.search(g.group(0)):  # "injured between 10 and 12": the lowest
                        n += _and_more(_object_tail(text, s.end), "", injured=True)
                wounds.append((n, s))
        elif s.kind == "w4":
            n = 1 if g.group("w4a") else parse_number(g.group("w4n"))
            if n is not None:
                n += _and_more(_object_tail(text, s.end), "", injured=True)
                stabbed.append((n, s))
        elif s.kind == "w3":
            subject = text[max(0, s.start - 30):s.start].split(".")[-1]
            if not re.search(r"\bno one\b|\bnobody\b", subject, re.I):
                wounds.append((1, s))
    victims = [k for k in kills if not k[2]]
    perps = [k for k in kills if k[2]]
    if stabbed and not wounds:
        # "stabbed four people ... Two men died": those stabbed who did not die are the injured
        n, s = max(stabbed, key=lambda w: (w[0], -w[1].start))
        dead = max((k[0] for k in victims if k[1].kind != "k5"), default=0)  # a later death may be the attacker
        if n > dead:
            wounds.append((n - dead, s))
    if not perps and m.fields.get("suicide") == 1:
        # GTD counts the suicide attacker(s) among the dead (nkill) and in nkillter
        n = _suicide_attackers(text, m.start, m.end)
        included_already = re.search(r"including (?:the|two|three)? ?(?:suicide )?(?:bomber|attacker)",
                                     text[m.start:m.end], re.I)
        caught = _BOMBER_CAUGHT.search(text, m.start, m.end)
        if not included_already and not caught:
            perps = [(n or 1, victims[0][1] if victims else None, True)]
    nocas = next((h for h in sh if h.has("nocas")), None)
    if victims or perps:
        # figures of "more" / "another" dead add to the others ("Four more people were killed"); of the
        # rest, the largest is taken (several figures for the same dead)
        # ("Five soldiers were also killed", "A further 42 people were executed" count other dead too)
        extra = [k for k in victims if k[1].kind == "k5" or _MORE.search(k[1].m.group(0))
                 or (k[1].kind == "k2" and re.match(r"\s+(?:more|others)\b", text[k[1].end:k[1].end + 8]))
                 or (k[1].kind == "k3" and _ANOTHER_SUBJECT.search(text, max(m.start, k[1].start - 60), k[1].start))
                 or (k[1].kind in ("k1", "k4") and (_ALSO.search(k[1].m.group(0))
                                                    or _MORE_BEFORE.search(text, max(0, k[1].start - 16),
                                                                           k[1].start)))]
        base = [k for k in victims if k not in extra] or extra[:1]
        extra = [k for k in extra if k not in base]
        best = max(base, key=lambda k: (k[0], -k[1].start)) if base else None
        pk = max(perps, key=lambda k: k[0]) if perps else None
        total = (best[0] if best else 0) + sum(k[0] for k in extra) + (pk[0] if pk else 0)
        src = best[1] if best else pk[1]
        if src is None:  # only the suicide attacker(s) died
            h = next(h for h in sh if (h.has("attack") or {}).get("suicide"))
            m.set("nkill", total, ev("nkill", h.start, h.end, "count:suicide-attacker"))
        else:
            m.set("nkill", total, ev("nkill", src.start, src.end, f"count:{src.kind}:largest-figure"))
        m.fields["nkillter"] = pk[0] if pk else 0
    elif nocas is not None:
        m.set("nkill", 0, ev("nkill", nocas.start, nocas.end, "patterns:no-casualties"))
        m.fields["nkillter"] = 0
    if wounds and not (victims or perps) and nocas is None:
        n, s = wounds[0]
        m.set("nkill", 0, ev("nkill", s.start, s.end, "count:wounded-only:no-deaths-reported"))
        m.fields["nkillter"] = 0
    if wounds:
        n, s = max(wounds, key=lambda w: (w[0], -w[1].start))
        # "One woman was critically injured and two others were seriously injured": figures of other /
        # more injured after a first one add to it
        first = min(wounds, key=lambda w: w[1].start)
        others = [w for w in wounds if w is not first and _OTHERS.search(w[1].m.group(0))]
        if others:
            n = max(n, first[0] + sum(w[0] for w in others))
        m.set("nwound", n, ev("nwound", s.start, s.end, f"count:{s.kind}:largest-figure"))
        m.fields["nwoundte"] = 0
    elif nocas is not None and "kill" not in nocas.phrase:
        m.set("nwound", 0, ev("nwound", nocas.start, nocas.end, "patterns:no-casualties"))
    # GTD leaves nkill / nwound blank only when deaths / injuries are evidenced without a usable figure;
    # a report that evidences none records 0 ("killed-only" reports have 0 injured, and so on)
    para_end = text.find("\n\n", m.end)
    window = text[m.start:min(len(text) if para_end < 0 else para_end, m.end + 400)]
    window = _NEGATED_HARM.sub(" ", window)  # "no injuries were reported" evidences none
    if m.fields.get("attacktype1") in (5, 6):
        window = _HOSTAGE_VICTIM.sub(" ", window)
    if m.fields.get("nkill") is None and not _DEATH_WORDS.search(_NOT_DEATH.sub(" ", window)):
        m.set("nkill", 0, Evidence("nkill", "", m.start, m.start, "count:no-deaths-reported"))
        m.fields["nkillter"] = 0
    if m.fields.get("nwound") is None and not _INJURY_WORDS.search(window):
        if (victims or perps) and m.fields.get("suicide") == 1:
            # a suicide blast that kills evidences injuries among the bystanders, even when the report gives
            # only the dead: GTD leaves nwound blank (injuries evidenced, no usable figure), not 0
            return
        rule = "count:killed-only:no-injuries-reported" if victims or perps else "count:no-injuries-reported"
        m.set("nwound", 0, Evidence("nwound", "", m.start, m.start, rule))
        m.fields["nwoundte"] = 0

_TITLE_NAME = re.compile(rf"(?i:(?:[\w-]+ )?{TITLE}) (?-i:[A-Z])")

_NONSTATE_WORDS = re.compile(r"attacker|gunm[ae]n|militant|bomber|terrorist|guerrilla|perpetrator|assailant|fighters|"
                             r"insurgent|rebel|subversive|extremist|hijacker|kidnapper|jihadist", re.IGNORECASE)

# "Four suspected Boko Haram suicide bombers", "two girl suicide bombers", "Three suicide car bombings", "a second
# suicide bomber": how many suicide attackers the report evidences
_SUICIDE_N = re.compile(r"\b(?:(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                        r"(?:(?:(?-i:[A-Z])[\w-]*|suspected|alleged|female|male|girl|boy|women|child|teenage|young|"
                        r"teen|militant|jihadist|islamist)\s+){0,4}|"
                        r"(?P<ord>second|third|fourth|another)\s+(?:(?:female|male|girl|boy|child|teenage|young)\s+)?)?"
                        r"(?:female\s+|male\s+|teenage\s+|young\s+|girl\s+|child\s+)*suicide\s+"
                        r"(?:(?P<car>car|truck|vehicle)\s+)?(?:(?P<who>bombers?|attackers?)|(?P<ev>bombings|attacks|blasts|"
                        r"explosions|bomb attacks))\b", re.IGNORECASE)

_ORDINAL = {"second": 2, "third": 3, "fourth": 4, "another": 2}

_AND_NUM = re.compile(r"\band (?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b(?![\w-]*year)|"
                      r"\band (?:his|her|their) (?:[\w-]+ )?(?:son|daughter|wife|husband|brother|sister|father|mother|"
                      r"child|baby|driver|guard|bodyguard|cousin|grandson|granddaughter|nephew|niece|friend|"
                      r"colleague|interpreter|companion|relative|uncle|aunt|assistant|aide)\b",
                      re.IGNORECASE)

_BREAKDOWN = re.compile(r"\([^()]*\)|,? including [^,;]*(?:,|$)|, [\w-]+ of (?:them|whom) [^,;]*(?:,|$)", re.IGNORECASE)

_RANGE_BEFORE = re.compile(r"\b(?:between|aged|ages|age|from)\s+\S+\s*$", re.IGNORECASE)

_HURT_NEXT = re.compile(r"(?:\s+[\w-]+){0,4}?\s+(?:were |was |are |have been |had been )?(?:wounded|injured|hurt|injuries|"
                        r"missing|kidnapped|abducted|captured|arrested|rescued|taken hostage)\b",
                        re.IGNORECASE)

_NUM_WORD = (r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
             r"fifty|\d{1,3}")

_NOT_NOUN = (r"(?:killed|killing|kills|wounded|wounding|injured|injuring|hurt|dead|died|die|dies|deaths?|injuries|"
             r"fatalities|casualties|shot|attacked|left|leaving|"
             r"and|or|were|was|" + _NUM_WORD + r")\b")

_NUM_AND_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(]))(?P<n>{_NUM_WORD})\s+(?:(?!{_NOT_NOUN})[\w-]+\s+){{1,4}}?and\s+$", re.IGNORECASE)

# ("killers", "murderers", "death squads", "an executive", "to save their lives", "shot at the tires" are not deaths)
_DEATH_WORDS = re.compile(r"\b(?:kill(?!ers?\b)\w*|dead|deaths?(?! squads?\b)|died|dies|fatal\w*|casualt\w+|massacr\w+|"
                          r"execut(?:e|ed|es|ing|ions?|ioners?)|behead\w+|assassinat\w+|murder(?!ers?\b)\w*|slain|"
                          r"slaughter\w*|(?:lost|losing|claimed|claiming|cost|costing|took|taking) (?:\w+ )?lives|bodies|"
                          r"body|corpses?|lynch\w*|perish\w*|death toll|toll|victims?|shot(?! at\b)|stabbed|to death|"
                          r"siege|slit|throats?)\b",
                          re.IGNORECASE)
# a kidnapping's "victim" is its hostage
_HOSTAGE_VICTIM = re.compile(r"\b(?:kidnap(?:ping)? )?victims?\b", re.IGNORECASE)

_INJURY_WORDS = re.compile(r"\b(?:wound\w*|injur\w*|hurt|casualt\w+|hospitali[sz]ed|to (?:a |the )?hospital|maimed|"
                           r"(?:was|were|been) (?:shot|stabbed)(?! dead| to death| and killed))\b", re.IGNORECASE)

_NEGATED_HARM = re.compile(r"\b(?:no|not|without|nobody|no one|none)\b(?: \w+){0,3}? (?:casualt\w+|injur\w*|wound\w*|hurt|"
                           r"deaths?|killed|fatalit\w+|victims?)\b(?:\s+(?:or|and|nor)\s+(?:injured|wounded|hurt|killed)\b)?",
                           re.IGNORECASE)

# no evidence of a death: the passive "was stabbed", "was shot in the leg", "were shot and wounded" (a victim
# who was shot or stabbed and is not said to have died is injured) and intents ("attempted to assassinate")
_NOT_DEATH = re.compile(r"\b(?:was|were|is|are|has been|have been|had been)\s+(?:[\w-]+\s+)?(?:shot|stabbed)\b"
                        r"(?!(?:\s+[\w-]+){0,6}?\s+(?:dead|to death|killed|died|dies|fatally|succumbed)\b)|"
                        r"\b(?:tried|attempted|attempting|attempts|plotted|plotting|planned|planning) to "
                        r"(?:kill|assassinate|murder)\b", re.IGNORECASE)

_BOMBER_CAUGHT = re.compile(r"\b(?:arrested|captured|detained|caught|apprehended|overpowered|defused|foiled|"
                            r"failed to detonate|before (?:he|she|they) could)\b", re.IGNORECASE)

_OTHERS = re.compile(r"\b(?:others?|more|another|additional|further)\b", re.IGNORECASE)

# "he was shot dead by police officers": in an attack report, whoever security forces killed is an attacker
_BY_FORCES = re.compile(r"\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?(?:\w+\s+)?(?:police|policemen|police officers?|"
                        r"security forces|security guards?|soldiers|troops|army|guards?|forces|officers|idf|swat|"
                        r"commandos|gendarmes|gendarmerie|military|special forces|security personnel)\b",
                        re.IGNORECASE)

_CUMULATIVE = re.compile(r"\b(?:claim\w* (?:that )?(?:it|they|the group|the militants) (?:had |has |have )?killed|"
                         r"claimed to have killed|(?:a|an) (?:similar|previous|earlier|separate) attack|since (?:19|20)\d\d|since (?:the )?(?:beginning|start)|so far this (?:year|month|week)|to date|"
                         r"over the (?:past|last) (?:\w+ )?(?:years|decades?|months)|in the (?:past|last) \w+ (?:years|months)|"
                         r"in recent years|(?:war|conflict|violence|insurgency) (?:has|have) (?:claimed|left|killed|caused)|"
                         r"(?:so far|already) (?:has |have )?(?:claimed|left|killed|caused)|"
                         r"(?:has|have) (?:so far|already) (?:claimed|left|killed|caused)|"
                         r"(?:which|that|who) (?:has|have) (?:killed|claimed|left|caused)|"
                         r"(?:war|conflict|offensive|struggle|insurgency|uprising|violence|fighting)\b[^.;]{0,40}?\b"
                         r"(?:which|that) (?:killed|claimed|left|caused)|"
                         r"earlier (?:this|in the|that) (?:month|year|week)|"
                         r"in (?:january|february|march|april|may|june|july|august|september|october|november|december) "
                         r"(?:19|20)\d\d)\b",
                         re.IGNORECASE)

_ALONG = re.compile(r",?(?: as well,?)? (?:along with|together with|as well as) (?P<np>[^.;:()]{1,90}?)"
                    r"(?=\s+(?:when|while|in|at|on|near|after|during|who|whose|by)\b|[.;:(]|$)", re.IGNORECASE)

_ALONG_NOT = re.compile(r"\b(?:wounded|injured|hurt|injuries|wounds?|killed|dead|died|unknown|number|several|many|"
                        r"dozens|scores|hundreds|others|more)\b", re.IGNORECASE)

_LEAD_NUM = re.compile(r"(?:at least |some |about |around |nearly )?(\d{1,4}|a|an|one|two|three|four|five|six|seven|eight|"
                       r"nine|ten|eleven|twelve|another)\b", re.IGNORECASE)

_ANOTHER_SUBJECT = re.compile(r"(?:^|[.!?]\s+)(?:another|a further|one more)\b[^.!?]*$", re.IGNORECASE)

_RUNNING_TOTAL = re.compile(r"\b(?:bringing|brings|brought|bring|raising|raises|raised) to \S+ the (?:total )?number of\b",
                            re.IGNORECASE)

_INTENT_BEFORE = re.compile(r"\b(?:tried|trying|tries|attempted|attempting|attempts|wanted|wanting|planned|planning|"
                            r"plans|plotted|plotting|threatened|threatening|intended|intending|failed|vowed|sought) to\s+$",
                            re.IGNORECASE)

_BETWEEN = re.compile(r"\bbetween\b", re.IGNORECASE)

_PAIRED = re.compile(r"\b(?:twin|double)\s+suicide\b|\btwo suicide\b", re.IGNORECASE)

#: the word before "died" (past an adverb): the subject's last word
_LAST_WORD = re.compile(r"([\w'-]+)\s+(?:(?:later|reportedly|subsequently|then|eventually|also|instantly|immediately|"
                        r"allegedly|apparently|almost|nearly)\s+)?$")
#: subjects that are not one known person: relatives, plurals, negations, numbers
_NOT_ONE_SUBJECT = re.compile(r"(?i:who|which|that|never|not|nobody|none|one|many|several|both|all|they|we|you|"
                              r"people|persons|men|women|children|police|others|some|few|dozens|hundreds|thousands|"
                              r"and|or|had|have|has|almost|nearly|\d[\d,]*|[\w'-]*[^su\W]s|[\w'-]*men|children)")
_SELF_AFTER = re.compile(r"[^.;]{0,40}?\b(?:himself|herself|themselves)\b", re.IGNORECASE)

_MORE = re.compile(r"\b(?:more(?! than\b)|another|additional|further)\b", re.IGNORECASE)  # "more than 70,000": no

#: GTD's largest single incidents count fewer than 2,000 dead; a larger figure in a report is a war's or a
#: campaign's toll ("the armed struggle ... has claimed the lives of at least 17,700 people")
_MAX_TOLL = 3000

_COUNTERFACTUAL = re.compile(r"\b(?:would|could|might) (?:have |had )?(?:been )?\s*$", re.IGNORECASE)

_PERP_OBJECT = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:attackers?|assailants?|gunm[ae]n|militants?|bombers?|terrorists?|"
                          r"perpetrators?|insurgents?|jihadists?)\b", re.IGNORECASE)

_ALSO = re.compile(r"\b(?:also|too)\b", re.IGNORECASE)

_MORE_BEFORE = re.compile(r"\b(?:a further|another|an additional|additional)\s+$", re.IGNORECASE)

_COUNT_VERB_BEFORE = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|leaving|left|shot)"
                                r"\s+(?:at least |more than |over |about |around |nearly |some )?$", re.IGNORECASE)

_RANGE_LOW = re.compile(rf"\bbetween (?P<n>{_NUM_WORD}) and\s+$|\b(?P<m>{_NUM_WORD})\s*(?:to|-|–)\s*$", re.IGNORECASE)

_LEFT_HURT = re.compile(r"^(?:left|leaving)\b", re.IGNORECASE)

_DEAD_AFTER = re.compile(r"(?:\s+[\w-]+){0,6}?\s+(?:dead|killed|died)\b", re.IGNORECASE)

_HURT_FIRST = re.compile(r"(?:\s+(?!dead\b|killed\b)[\w-]+){0,6}?\s+(?:wounded|injured|hurt)\b", re.IGNORECASE)

_ANIMALS = re.compile(r"\s+(?:\w+\s+)?(?:cows|cattle|goats|sheep|camels|animals|livestock|dogs|horses|donkeys)\b",
                      re.IGNORECASE)


def _object_tail(text: str, end: int) -> str:
    """The rest of the object phrase after "killing three": up to the next punctuation or verb-ish word."""
    tail = re.split(r"[.,;:!?]|\b(?:and (?:wounding|injuring|wounded|injured|left|leaving|\w+ed|\w+ing)|while|after|when|"
                    r"before)\b",
                    text[end:end + 60], maxsplit=1)[0]
    return tail


def _suicide_attackers(text: str, start: int, end: int) -> int:
    """How many suicide attackers died, at least: the largest of the figures the report gives for them.

    "Three suicide bombers" → 3, "two suicide bombings" → 2 (each a bomber), "a second suicide bomber" → 2,
    "twin"/"double" → 2, plural "suicide bombers" without a figure → 2 (GTD: a vague number takes the lowest value
    it allows), else 1."""
    n, seen = 1, False
    for b in _SUICIDE_N.finditer(text, start, end):
        if b.group("n"):
            v = parse_number(b.group("n")) or 1
        elif b.group("ord"):  # "another" counts only after a first one in this report
            v = _ORDINAL[b.group("ord").lower()] if seen or b.group("ord").lower() != "another" else 1
        elif (b.group("who") or "").lower().endswith("s"):
            v = 2
        else:
            v = 1
        n, seen = max(n, v), True
    if _PAIRED.search(text, start, end):
        n = max(n, 2)  # "twin suicide bomb attacks", "a double suicide bombing"
    return n


def _and_more(phrase: str, after: str, injured: bool = False) -> int:
    """"Three police officers and a boy were killed" counts 3 + 1: the figures joined by "and".

    Not counted: figures in brackets or after "including" (a breakdown of the total, "at least seven people
    (2 guards, 2 hospital workers and 3 civilians)"), the second bound of a range or an age ("between 2 and
    11", "aged 25 and 26"), and a figure of the injured that follows ("killed one and two others were
    wounded"; ``after`` is the text after the phrase)."""
    phrase = _BREAKDOWN.sub(lambda m: " " * len(m.group()), phrase)
    total = 0
    for m in _AND_NUM.finditer(phrase):
        if _RANGE_BEFORE.search(phrase, 0, m.start()):
            continue
        rest = _BREAKDOWN.sub(" ", phrase[m.end():] + " " + after)
        if not injured and _HURT_NEXT.match(rest):
            continue
        word = m.group(0)[4:]
        n = parse_number(word) or (1 if word.split()[0].lower() in ("his", "her", "their") else 0)  # "and her son"
        total += n
    return total


def _along_with(text: str, end: int) -> int:
    """"... was killed along with her son", "were killed, along with three army soldiers, a gardener at the
    institute, and a civilian": the dead joined by "along with" / "together with" / "as well as" (each
    conjunct its figure, or one person). Not an injured figure ("killed along with twenty-eight wounded") nor
    other dead ("along with twelve more killed in ...")."""
    m = _ALONG.match(text, end)
    if not m or _ALONG_NOT.search(m.group("np")):
        return 0
    total = 0
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("np"), flags=re.IGNORECASE):
        if re.match(r"the (?:suicide )?(?:bomber|attacker|perpetrator|assailant)\b", part, re.IGNORECASE):
            continue  # the suicide attacker is counted by the attacker rule
        first = _LEAD_NUM.match(part)
        total += (parse_number(first.group(1)) or 1) if first else 1
    return total


def _conjoined_subject(text: str, lo: int, start: int) -> int:
    """The persons named by the subject of a plural "were killed" that gives no figure: "A Canadian and a Briton",
    "The governor of central Galgaduud region and his brother" → 2. 0 when the subject is not a short list of
    singular noun phrases opening the sentence (a plural noun, a figure, or a clause: no count)."""
    window = text[max(lo, start - 110):start]
    cut = max(window.rfind(". "), window.rfind(": "), window.rfind("\n"))
    if cut < 0 and start - 110 > lo:
        return 0
    subject = window[cut + 2:] if cut >= 0 else window
    if not subject.strip() or re.search(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|many|some|"
                                        r"dozens?|scores|hundreds|both|who|which|that|when|while|after|was|were|is|are|"
                                        r"has|have|had|unknown|number)\b",
                                        subject, re.IGNORECASE):
        return 0
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", subject.strip(), flags=re.IGNORECASE)
    if not 2 <= len(parts) <= 4:
        return 0
    for part in parts:
        if not re.match(r"(?:(?:a|an|the|his|her|their|one|another|other)\s|(?-i:[A-Z]))", part, re.IGNORECASE):
            return 0
        if re.search(r"(?<!s)s\s*$", re.split(r" of ", part, flags=re.IGNORECASE)[0], re.IGNORECASE) \
                and not re.match(r"(?:a|an|one)\s", part, re.IGNORECASE):
            return 0  # a plural noun ("their families"): no count
    return len(parts)


def _and_before(text: str, start: int) -> int:
    """"A police officer and four soldiers were killed": the figure joined by "and" before the counted one."""
    m = _NUM_AND_BEFORE.search(text, max(0, start - 60), start)
    if not m or _RANGE_BEFORE.search(text, max(0, m.start() - 15), m.start()):
        return 0
    if _COUNT_VERB_BEFORE.search(text, max(0, m.start() - 25), m.start()) or \
            re.search(r"\bincluding\s*$", text[max(0, m.start() - 12):m.start()], re.IGNORECASE):
        return 0  # "killed one civilian and 25 others were injured": that figure belongs to the verb before it
    return parse_number(m.group("n")) or 0
