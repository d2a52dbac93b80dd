"""Sentence-level relevance cues: attack words that do not report one specific incident.

An attack cue in a sentence is not always a report of an incident. These cues recognise, from the sentence
alone, the common ways news copy uses attack words for something else (MUC-4 template doc §1.0 rules 5-7,
GTD's "specific incident" criterion):

- summaries and tolls: "in the last 3 years, 1,300 policemen have been killed", "so far 8 civilians have
  been killed", "raised to 36 the number of people killed";
- purposes and generalities: "a futile war ... buying weapons to kill one another", "to prevent judges from
  being murdered".

A sentence matched here is not an event sentence: it neither starts an incident nor joins one.
"""

from __future__ import annotations

import re

_ATTACK_VERB = (r"(?:killed|murdered|kidnapped|abducted|assassinated|massacred|slain|executed|attacked|wounded|"
                r"injured|shot|bombed|burned|destroyed)")
# aggregate figures over a period: a toll, not an incident
_SUMMARY = re.compile(
    rf"\b(?:so far|to date|as of (?:today|now|this)|since (?:the|it|its|their|his|then|\d)|"
    rf"(?:in|during|over) the (?:last|past|first) (?:\w+ ){{0,2}}(?:years?|months?|weeks?|days?|decades?)|"
    rf"this year|a total of|(?:raises|raised|rose|rises|brings|brought) (?:to|the)|the number of|death toll|"
    rf"(?:balance|toll) of)\b"
    rf".{{0,80}}?\b(?:have|has|had) (?:\w+ )?been (?:\w+ )?{_ATTACK_VERB}\b"
    rf"|\b(?:have|has|had) (?:\w+ )?been (?:\w+ )?{_ATTACK_VERB}\b.{{0,80}}?\b(?:so far|to date|since (?:the|it|its|"
    rf"their|then|\d)|(?:in|during|over) the (?:last|past) (?:\w+ ){{0,2}}(?:years?|months?|weeks?|decades?))\b"
    rf"|\bthe number of (?:\w+ ){{0,4}}?{_ATTACK_VERB}\b",
    re.IGNORECASE)
# an infinitive of purpose or a generality ("weapons to kill", "from being murdered"); not after try/attempt/
# threaten/plan verbs, which report attempts, and threats that the exclusion cues flag
_PURPOSE = re.compile(
    r"(?<!tried )(?<!attempted )(?<!attempting )(?<!trying )(?<!attempt )(?<!tries )(?<!sought )(?<!wanted )"
    r"(?<!threatened )(?<!threatens )(?<!threaten )(?<!vowed )(?<!plans )(?<!planned )(?<!plan )(?<!intends )"
    r"(?<!intended )(?<!preparing )(?<!going )"
    r"\bto (?:kill|murder|attack|assassinate|kidnap|abduct|destroy|bomb|burn)\b"
    r"|\b(?:from|of) (?:\w+ )?being (?:murdered|killed|kidnapped|attacked|assassinated|shot)\b"
    r"|\b(?:are|is) being (?:murdered|killed|kidnapped|massacred)\b",
    re.IGNORECASE)
# "no priest has ever been murdered", "never attacked": denied occurrence
_NEGATED = re.compile(rf"\bnever (?:been )?{_ATTACK_VERB}\b|\bno \w+ (?:has|have|had) ever been (?:\w+, )*{_ATTACK_VERB}\b",
                      re.IGNORECASE)
# a source that denies or discredits the report (MUC-4 template doc §1.0 rule 5); not "denied responsibility"
_DENIED = re.compile(r"\bden(?:ied|ies|y|ying)\b(?: [\w'-]+){0,8}? (?:that|reports?)\b|"
                     r"\b(?:lacking|lacks|lack) credibility\b|\b(?:is|are|was) (?:alive|unharmed) and\b", re.IGNORECASE)
# weapons named outside the infinitive report an act ("... suicide bombers to attack the city")
_WEAPON_NOUN = re.compile(r"\b(?:bombs?|bombers?|explosives?|grenades?|dynamite|gunmen|car bombs?)\b", re.IGNORECASE)
# "used explosives to attack", "proceeded to attack": the infinitive is the act itself
_MEANS = re.compile(r"\b(?:used|uses|using|use|proceeded|proceeding|went on|began|started|managed)\b", re.IGNORECASE)
_EVENT_VERB = re.compile(
    r"\b(?:exploded|detonated|killed|murdered|kidnapped|abducted|attacked|assassinated|shot|burned|set fire|"
    r"blew up|blown up|dynamited|ambushed|raided|hijacked|machinegunned|fired|stormed|slain|massacred|executed|"
    r"wounded|injured|destroyed|damaged)\b", re.IGNORECASE)


def non_event(sentence: str) -> str | None:
    """Why ``sentence`` (one sentence, any case) uses attack words without reporting an incident, or None.

    Only when nothing else in the sentence reports an act: "a roadside bomb killed two police, bringing to 11
    the number ... killed" still reports the bombing."""
    if _NEGATED.search(sentence):
        return "negated"
    m = _SUMMARY.search(sentence)
    if m and not _EVENT_VERB.search(sentence[:m.start()] + " " + sentence[m.end():]):
        return "summary"
    purposes = [p for p in _PURPOSE.finditer(sentence)
                if not (p.group().lower().startswith("to ") and _MEANS.search(sentence, max(0, p.start() - 60),
                                                                               p.start()))]
    if purposes:
        rest = sentence
        for p in reversed(purposes):
            rest = rest[:p.start()] + " " + rest[p.end():]
        if not _EVENT_VERB.search(rest) and not _WEAPON_NOUN.search(rest):
            return "purpose"
    return None


def discredited(sentence: str) -> bool:
    """A source in ``sentence`` denies or discredits the reported act ("the armed forces denied that their
    planes had bombed a refugee camp")."""
    return bool(_DENIED.search(sentence))
