"""Not-an-intentional-attack cues: a coded incident of general news that reports a death, not an attack.

GTD's inclusion criteria (gtd-codebook.md) ask for an intentional act of violence or threat by a non-state
actor. In general news the extractor's weak death verbs ("a fire killed five", "the typhoon killed twenty",
"the virus killed three", "killed by his lions", "an engineer was killed while working") fire without any
attacker. Read over an incident's own sentences (``text[m.start:m.end]``) and the article's opening lines:

- the incident must name a human attacker, an attack or an attack weapon ("gunman", "bomb", "stabbed", "an
  attack", "opened fire", a group of the gazetteer; not an anaphoric "the attack", which refers to an act
  named elsewhere or not at all: "condemned the attack" after "was poisoned"), or an explosion with no
  cause named, or else the opening lines must (when the incident names no cause); otherwise it is flagged
  with the cause it names (``accident`` for fires, crashes, collapses; ``natural`` for storms and
  earthquakes; ``disease``; ``animal``), else ``no_attacker``; an animal in the first attack sentence with
  no human attacker named there is ``animal`` too ("a jackal died trying to eat a bomb embedded in meat");
- state forces named as the shooter in its first attack sentence ("shot with live ammunition", "shot by
  police"), or a state operation as the only act ("killed in a US counter-terrorism operation"):
  ``state_actor``;
- surmised ("refrain from speculating that it had been hijacked"): ``speculative``; its first attack
  sentence a statement about a kind of act or a habit ("arson has been used as a weapon to evict ...",
  "Houthis have attacked journalists previously"): ``general``;
- its first attack sentence dates the act, right after an attack cue, "last <month>" more than two months
  before the article, "last year" or "years ago" (not after "since"): ``historical``;
- the article opens on a trial, a sentence, a plea, an arrest warrant or a bail release before any attack: the
  judicial event is the news and its incidents are ``judicial``, unless an attack cue is dated to the news
  window right after it ("a mass shooting in Christchurch on Friday", "was stabbed last night");
- a feature or roundup (over 6,000 characters) whose opening lines name no attack: ``background``.

Short notes (under 700 characters: list rows, briefs) are telegraphic and come from incident lists; they are
not screened. RuleExtractor screens only included candidates of mixed-case documents without a wire
dateline: wire and telex copy (MUC-4) is the relevance model's domain. The cues are the ``accident`` section
of data/patterns.yaml, matched in one regex pass over the incident's span and the opening lines.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from transforms.extract.model import Mention

_PATTERNS = Path(__file__).resolve().parent / "data" / "patterns.yaml"
_BRIEF = 700
_LEDE = 400
_FEATURE = 6000  # a feature or a roundup: incidents it mentions without opening on one are background
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_BACK_REFERENCE = re.compile(r"\bthe $")
_RECENT_GAP = 60  # characters between an attack cue and the time word that dates it
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\xa0": " "})
# a Wikinews-style dateline line: "Friday, January 4, 2019"
_WEEKDAY_DATELINE = re.compile(r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}\s*")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_LAST_MONTH = re.compile(r"\b(?:last|in) (" + "|".join(_MONTHS) + r")\b")
_LONG_AGO = re.compile(r"\b(?:last year|(?:\w+|\d+) years ago|a year ago)\b")


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], dict[str, dict[str, Any]]]:
    raw = yaml.safe_load(_PATTERNS.read_text(encoding="utf-8")).get("accident") or {}
    entries: dict[str, dict[str, Any]] = {}
    for phrases, attrs in raw.items():
        for p in str(phrases).split("|"):
            entries.setdefault(p.strip().lower(), dict(attrs))
    alts = sorted(entries, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in alts) + r")(?![\w-])"), entries


def _scan(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    regex, entries = _cues()
    return [(m.start(), m.end(), entries[m.group()]) for m in regex.finditer(text)]


def _lede(text: str) -> str:
    dl = _WEEKDAY_DATELINE.match(text)
    return text[dl.end() if dl else 0:][:_LEDE].translate(_FLATTEN).lower()


def _recent(text: str, cues: list[tuple[int, int, dict[str, Any]]]) -> bool:
    """An attack cue followed closely by a time word of the news window ("stabbed last night")."""
    for a, (_, a_end, attrs) in enumerate(cues):
        if attrs["cue"] != "attacker":
            continue
        for b_start, _, battrs in cues[a + 1:]:
            if b_start - a_end > _RECENT_GAP:
                break
            if battrs["cue"] == "recent" and "." not in text[a_end:b_start]:
                return True
    return False


def _months_back(month: int, anchor: dt.date) -> int:
    return (anchor.month - month) % 12 or 12


def not_intentional(text: str, m: Mention, anchor: dt.date | None) -> str | None:
    """The flag that excludes the coded incident ``m`` of ``text``, or None when it stands.

    See the module docstring for the rules; ``anchor`` is the document date."""
    if len(text) < _BRIEF:
        return None
    span = text[m.start:m.end].translate(_FLATTEN).lower()
    cues = _scan(span)
    kinds = {attrs["cue"] for _, _, attrs in cues}
    if "speculative" in kinds:
        return "speculative"
    lede = _lede(text)
    lede_cues = _scan(lede)
    lede_kinds = {attrs["cue"] for _, _, attrs in lede_cues}
    if "state" in kinds and _state_opening(span, cues):
        return "state_actor"
    causes = [attrs["flag"] for _, _, attrs in cues if attrs["cue"] == "cause"]
    # an explosion is an attack unless a cause is named for it ("a suspected gas leak led to an explosion")
    blast = "blast" in kinds and not causes and "cause" not in lede_kinds
    # the opening lines name the attacker of an incident that is told without one ("Two bombs exploded ...
    # between the two blasts, at least 20 were killed")
    opened = not causes and ("attacker" in lede_kinds or ("blast" in lede_kinds and "cause" not in lede_kinds))
    group = any(e.field == "gname" and e.rule.startswith("gazetteer:group:incident") for e in m.evidence)
    if "attacker" not in kinds and not blast and not opened and not group:
        if causes:
            return causes[0]
        return "no_attacker"
    first = _first_attack_sentence(span, cues)
    if first is not None:
        # an animal in the sentence that reports the act, and no human attacker: the victim or the killer is the
        # animal ("a jackal died trying to eat a bomb embedded in meat"); GTD counts attacks by and on people
        sent = [attrs for a, _, attrs in cues if first[0] <= a < first[1]]
        if any(x.get("flag") == "animal" for x in sent) and not any(x.get("actor") for x in sent):
            return "animal"
    if anchor is not None and first is not None and _dated_long_ago(span, cues, first, anchor):
        return "historical"
    # a statement about a kind of act or a habit, read in the sentence that reports the act
    lo, hi = first if first is not None else (0, len(span))
    if any(a >= lo and b <= hi and attrs["cue"] == "generic" for a, b, attrs in cues) and not _recent(span, cues):
        return "general"
    if _judicial_opening(lede_cues) and not _recent(lede, lede_cues) \
            and not _recent(span, cues):
        return "judicial"
    if len(text) > _FEATURE and not lede_kinds & {"attacker", "blast"}:
        return "background"
    return None


def _dated_long_ago(span: str, cues: list[tuple[int, int, dict[str, Any]]], first: tuple[int, int],
                    anchor: dt.date) -> bool:
    """The first attack sentence dates its act long before the article: a "last <month>" or "in <month>" more
    than two months back ("a mass shooting near the border in August", told in November), "last year" or "years
    ago" right after an attack cue ("Khashoggi was murdered last October"), not after "since" ("the car bomb
    attack on 6 December ... had been planned since last September")."""
    lo, hi = first
    acts = [b for a, b, attrs in cues if lo <= a < hi and attrs["cue"] in ("attacker", "blast")]
    for when in [*_LAST_MONTH.finditer(span, lo, hi), *_LONG_AGO.finditer(span, lo, hi)]:
        if when.re is _LAST_MONTH and _months_back(_MONTHS.index(when.group(1)) + 1, anchor) <= 2:
            continue
        if any(0 <= when.start() - b <= _RECENT_GAP and "since" not in span[b:when.start()] for b in acts):
            return True
    return False


def _judicial_opening(lede_cues: list[tuple[int, int, dict[str, Any]]]) -> bool:
    """The opening lines report a judicial event before any attack ("X was sentenced for her murder")."""
    for _, _, attrs in lede_cues:
        if attrs["cue"] in ("attacker", "blast"):
            return False
        if attrs["cue"] == "judicial":
            return True
    return False


def _first_attack_sentence(span: str, cues: list[tuple[int, int, dict[str, Any]]]) -> tuple[int, int] | None:
    """Where the incident's first sentence with an attack cue starts and ends in ``span``. A cue after "the"
    refers back to an act told before ("The shooting took place in the Tsuen Wan district") and does not count."""
    for a, _, attrs in cues:
        if attrs["cue"] in ("attacker", "blast") and not _BACK_REFERENCE.search(span, max(0, a - 5), a):
            stop = _SENTENCE_END.search(span, a)
            start = max((e.end() for e in _SENTENCE_END.finditer(span, 0, a)), default=0)
            return start, stop.start() if stop else len(span)
    return None


def _state_opening(span: str, cues: list[tuple[int, int, dict[str, Any]]]) -> bool:
    """The incident's first attack sentence names state forces as the shooter and no other attacker."""
    first = _first_attack_sentence(span, cues)
    if first is None:
        return True  # no attack cue at all: the state operation is the only act named
    sent = [x for x in cues if first[0] <= x[0] < first[1]]
    return any(x[2]["cue"] == "state" for x in sent) and not any(x[2].get("actor") for x in sent)
