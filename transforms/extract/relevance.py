"""Sentence-level relevance cues: attack words that do not report one specific incident.

An attack cue in a sentence is not always a report of an incident. These cues recognise, from the sentence
alone, the common ways news copy uses attack words for something else (MUC-4 template doc §1.0 rules 5-7,
GTD's "specific incident" criterion):

- summaries and tolls: "in the last 3 years, 1,300 policemen have been killed", "so far 8 civilians have
  been killed", "in this decade, 200 people ... have been killed", "raised to 36 the number of people killed",
  "2,000 people have been killed";
- purposes and generalities: "a futile war ... buying weapons to kill one another", "to prevent judges from
  being murdered".

A sentence matched here is not an event sentence: it neither starts an incident nor joins one.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from transforms.extract.prefilter import Guard, fold

_ATTACK_VERB = (r"(?:killed|murdered|kidnapped|abducted|assassinated|massacred|slain|executed|attacked|wounded|"
                r"injured|shot|bombed|burned|destroyed)")
# aggregate figures over a period: a toll, not an incident
_SUMMARY = re.compile(
    rf"\b(?:so far|to date|as of (?:today|now|this)|since (?:the|it|its|their|his|then|\d)|"
    rf"(?:in|during|over) the (?:last|past|first) (?:\w+ ){{0,2}}(?:years?|months?|weeks?|days?|decades?)|"
    rf"this year|this decade|in recent (?:years|months)|a total of|"
    rf"(?:raises|raised|rose|rises|brings|brought) (?:to|the)|the number of|death toll|"
    rf"(?:balance|toll) of)\b"
    rf".{{0,80}}?\b(?:have|has|had) (?:\w+ )?been (?:\w+ )?{_ATTACK_VERB}\b"
    rf"|\b(?:have|has|had) (?:\w+ )?been (?:\w+ )?{_ATTACK_VERB}\b.{{0,80}}?\b(?:so far|to date|since (?:the|it|its|"
    rf"their|then|\d)|(?:in|during|over) the (?:last|past) (?:\w+ ){{0,2}}(?:years?|months?|weeks?|decades?))\b"
    rf"|\bthe number of (?:\w+ ){{0,4}}?{_ATTACK_VERB}\b",
    re.IGNORECASE)
# thousands of victims in the present perfect: "2,000 people have been killed, 2,500 wounded", "70,000
# Salvadorans have been killed", "almost 1,000 activists ... have died during the recent years killed by ..."
_MASS_TOLL = re.compile(
    rf"\b(?:\d{{1,3}}(?:,\d{{3}})+|thousands|tens of thousands|hundreds of thousands|scores of thousands)"
    rf"(?: [\w,-]+){{0,12}}? (?:have|has) (?:\w+ )?(?:been (?:\w+ )?{_ATTACK_VERB}|died)\b", re.IGNORECASE)
# an infinitive of purpose or a generality ("weapons to kill", "from being murdered"); not after try/attempt/
# threaten/plan verbs, which report attempts, and threats that the exclusion cues flag
_NOT_PURPOSE_AFTER = ("tried", "attempted", "attempting", "trying", "attempt", "tries", "sought", "wanted",
                      "threatened", "threatens", "threaten", "vowed", "plans", "planned", "plan", "intends",
                      "intended", "preparing", "going")
# (the look-behinds sit after "to ", so that they are tried only where "to " is: before it, every position of
# every sentence paid for all nineteen)
_PURPOSE = re.compile(
    r"\bto " + "".join(f"(?<!{w} to )" for w in _NOT_PURPOSE_AFTER)
    + r"(?:kill|murder|attack|assassinate|kidnap|abduct|destroy|bomb|burn)\b"
    r"|\b(?:from|of) (?:\w+ )?being (?:murdered|killed|kidnapped|attacked|assassinated|shot)\b"
    r"|\b(?:are|is) being (?:murdered|killed|kidnapped|massacred)\b",
    re.IGNORECASE)
# "no priest has ever been murdered", "never attacked": denied occurrence
_NEGATED = re.compile(rf"\bnever (?:been )?{_ATTACK_VERB}\b|\bno \w+ (?:has|have|had) ever been (?:\w+, )*{_ATTACK_VERB}\b"
                      # "invaded without a shot being fired", "not a single shot will be fired"
                      r"|\b(?:without|not) (?:a |any )?(?:single )?shots? (?:\w+ )?(?:being |been |be )?fired\b",
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

_NEGATED_GUARD, _SUMMARY_GUARD, _MASS_TOLL_GUARD = Guard(_NEGATED), Guard(_SUMMARY), Guard(_MASS_TOLL)


def non_event(sentence: str) -> str | None:
    """Why ``sentence`` (one sentence, any case) uses attack words without reporting an incident, or None.

    Only when nothing else in the sentence reports an act: "a roadside bomb killed two police, bringing to 11
    the number ... killed" still reports the bombing.

    Each cue is searched only where the words every match of it holds occur (``prefilter.Guard``): most event
    sentences have no "been", "never" or "fired", and the searches cost more than the test."""
    folded = fold(sentence)
    if _NEGATED_GUARD.search(sentence, folded):
        return "negated"
    m = _SUMMARY_GUARD.search(sentence, folded)
    if m and not _EVENT_VERB.search(sentence[:m.start()] + " " + sentence[m.end():]):
        return "summary"
    m = _MASS_TOLL_GUARD.search(sentence, folded)
    if m and not _EVENT_VERB.search(sentence, 0, m.start()):  # what follows the toll is more of it
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


# ---------------------------------------------------------------------------------------------- relevance model
# A small logistic model that scores a coded incident of a wire news message: is it a specific, recent
# incident the message reports, or background, a speech's rhetoric, a battle report? Trained on MUC-4 DEV only
# by ``python -m transforms.extract.train_relevance`` (see there); weights in data/relevance_model.json.

_MODEL_PATH = Path(__file__).resolve().parent / "data" / "relevance_model.json"
_WORD = re.compile(r"[a-z]+")
_HEADER_TAG = re.compile(r"--\s*\[([^\]\n]{1,40})\]")


@lru_cache(maxsize=16)
def _document_features(head: str) -> frozenset[str]:
    """The message-level features (``d:`` words of its first 3,000 characters, genre label): computed once per
    message, not once per incident."""
    feats = {"d:" + w for w in _WORD.findall(head.lower())}
    tag = _HEADER_TAG.search(head[:400])
    feats.add("tag:" + (tag.group(1).lower() if tag else "-"))
    return frozenset(feats)


def mention_features(text: str, start: int, end: int, fields: dict[str, Any]) -> set[str]:
    """Binary features of one incident: the words of its sentences (``w:``), the words of the message's first
    3,000 characters (``d:``), the message's genre label, where the incident starts, and a few coded fields."""
    feats = {"w:" + w for w in _WORD.findall(text[start:end].lower())}
    feats |= _document_features(text[:3000])
    feats.add("pos:" + ("first" if start < 400 else "early" if start < 1200 else "late"))
    feats.add(f"city:{bool(fields.get('city'))}")
    feats.add(f"gname:{fields.get('gname') not in (None, 'Unknown')}")
    feats.add(f"targ:{fields.get('targtype1')}")
    feats.add(f"att:{fields.get('attacktype1')}")
    return feats


class RelevanceModel:
    """Logistic scorer over ``mention_features``; ``keep`` is score >= the threshold chosen on DEV."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights, self.bias, self.threshold = weights, bias, threshold

    def score(self, feats: set[str]) -> float:
        z = self.bias + sum(map(self.weights.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, feats: set[str]) -> bool:
        return self.score(feats) >= self.threshold

    def to_json(self, meta: dict[str, Any]) -> str:
        return json.dumps({**meta, "threshold": self.threshold, "bias": round(self.bias, 5),
                           "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if round(v, 5)}},
                          indent=0, sort_keys=True) + "\n"


def load_model(path: Path = _MODEL_PATH) -> RelevanceModel | None:
    """The stored model, or None when there is none (the extractor then keeps every incident)."""
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    return RelevanceModel(raw["weights"], raw["bias"], raw["threshold"])
