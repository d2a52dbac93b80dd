"""Who and what an incident involves: the perpetrator group (gname, claims, uncertainty, lone actors, nperps)
and the targets (targtype/targsubtype 1-3 with a generic target1, never a victim's name).

``code_perpetrator`` and ``code_targets`` read the incident's lexicon hits (groups from the versioned gazetteer
``transforms/extract/data/groups.yaml``, target cues from ``patterns.yaml``) and set the fields on the mention
with their evidence; ``regional_branch`` turns a parent group named where exactly one of its branches operates
into that branch. The rules are in ``docs/extraction.md``; the cases in ``tests/extract/test_rules_actors.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from transforms.code.gtd_codes import label
from transforms.extract import groups as group_gazetteer
from transforms.extract.model import Evidence, Mention
from transforms.extract.numbers import parse_number
from transforms.extract.spans import Cluster, EvidenceMaker, Hit

_COUNTED_BEFORE = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|\d{1,3}|"
                             r"(?:killed|kidnapped|abducted|murdered|wounded|injured|shot|seized|held)(?: the)?)\s+$",
                             re.IGNORECASE)


def code_targets(m: Mention, text: str, sh: list[Hit], ev: EvidenceMaker, country: int | None) -> None:
    first_attack = min((h.start for h in sh if h.has("attack")), default=0)
    cands: list[tuple[int, int, Hit, dict[str, Any]]] = []
    for h in sh:
        t = h.has("target")
        if not t:
            continue
        before = text[max(0, h.start - 40):h.start]
        after = text[h.end:h.end + 40]
        if _SOURCE_AFTER.match(after) or _BY_BEFORE.search(before):
            continue
        objecty = bool(_OBJECT_CONTEXT.search(before)) or _victim_position(text, h)
        if (h.has("perp") or t["tt"] == 17) and not objecty:
            continue
        generic = t["tt"] == 14 and h.phrase in ("people", "persons", "person", "man", "men", "woman", "women", "family",
                                                  "families", "town", "village", "villages", "home", "homes")
        score = (0 if objecty else 1) + (2 if generic else 0) + (0 if h.start >= first_attack else 1)
        cands.append((score, h.start, h, t))
    cands.sort(key=lambda c: (c[0], c[1]))
    seen: list[int] = []
    i = 0
    for _, _, h, t in cands:
        if t["tt"] in seen:
            continue
        seen.append(t["tt"])
        i += 1
        m.set(f"targtype{i}", t["tt"], ev(f"targtype{i}", h.start, h.end, f"patterns:target:{h.phrase}"))
        m.fields[f"targtype{i}_txt"] = label("targtype", t["tt"])
        m.fields[f"targsubtype{i}"] = t.get("ts")
        m.fields[f"targsubtype{i}_txt"] = label("targsubtype", t.get("ts"))
        m.fields[f"target{i}"] = h.phrase.capitalize()
        nat = None
        pre = text[max(0, h.start - 25):h.start].lower()
        for hh in sh:
            d = hh.has("demonym") or hh.has("country")
            if d and hh.end <= h.start and hh.start >= h.start - 25 and hh.phrase in pre:
                nat = d["code"]
        nat = nat if nat is not None else country
        if nat is not None:
            m.fields[f"natlty{i}"] = nat
            m.fields[f"natlty{i}_txt"] = label("country", nat)
        if i == 3:
            break
    if not seen:
        # "kidnapped three Europeans", "killed two Mexicans": people named only by their nationality are private
        # citizens of that nationality (GTD: Private Citizens & Property, natlty from the demonym)
        for h in sh:
            d = h.has("demonym")
            if d and h.phrase.endswith("s") and _COUNTED_BEFORE.search(text, max(0, h.start - 30), h.start):
                m.set("targtype1", 14, ev("targtype1", h.start, h.end, "patterns:target:nationals"))
                m.fields.update({"targtype1_txt": label("targtype", 14), "targsubtype1": 67,
                                 "targsubtype1_txt": label("targsubtype", 67), "target1": "Civilians",
                                 "natlty1": d["code"], "natlty1_txt": label("country", d["code"])})
                return
        m.fields["targtype1"] = 20
        m.fields["targtype1_txt"] = label("targtype", 20)


def code_perpetrator(m: Mention, text: str, cl: Cluster, sh: list[Hit], all_hits: list[Hit], ev: EvidenceMaker) -> None:
    """gname (up to three groups), claims, uncertainty and lone actors. A group named in the incident's own
    sentences is its perpetrator; otherwise one named nearby (two sentences either side) when that naming
    attributes an act (a claim, "suspected", "blamed") or the incident refers back to a collective actor
    ("the guerrillas", "terrorists"). The claimant (the group named just before a claim) comes first, a
    branch or affiliate wins over its parent group named with it ("Islamic State-affiliated Wilayat
    Sayna"), and a specific group over a generic label."""
    first, last = cl.sents[0], cl.sents[-1]
    lo, hi = first - 2, last + 2
    claims = [h for h in all_hits if h.has("claim") and lo <= h.sent <= last + 3
              and not _CLAIM_NEGATED.search(text, max(0, h.start - 30), h.start)]
    claim_sents = {h.sent for h in claims}
    near = [h for h in all_hits if h.has("group") and (lo <= h.sent <= hi or h.sent in claim_sents)
            and _perp_role(text, h)]
    inside = [h for h in near if first <= h.sent <= last and h.sent in cl.sents]
    rule = "gazetteer:group:incident"
    groups = [h for h in inside if not h.has("group")["generic"]]
    if not groups:
        # "unidentified men", "unknown individuals": the incident itself says its authors are unknown
        unknown = any(h.phrase.startswith(("unidentified", "unknown")) for h in sh)
        attributing = claim_sents | {h.sent for h in all_hits if h.has("uncertain") and lo <= h.sent <= hi}
        nearby = [h for h in near if h not in inside and (not unknown or h.sent in attributing)]
        groups = [h for h in nearby if not h.has("group")["generic"]]
        if groups:
            rule = "gazetteer:group:nearby"
        elif not inside and any(h.phrase in _COLLECTIVE for h in sh):
            # "the rebels blew up a store": the one group the whole report names is who "the rebels" are
            named = {h.has("group")["name"]: h for h in all_hits if h.has("group") and not h.has("group")["generic"]
                     and _perp_role(text, h)}
            groups = list(named.values()) if len(named) == 1 else []
            rule = "gazetteer:group:document"
        if not groups:
            groups = inside or nearby
            rule = "gazetteer:group:incident" if inside else "gazetteer:group:nearby"
    claim_hit = claims[0] if claims else None
    if claim_hit is not None:
        # the group named closest before the claim is the claimant ("Al-Qaeda linked Al-Shabaab claimed ...")
        groups = sorted(groups, key=lambda h: (h.sent != claim_hit.sent, h.start > claim_hit.start,
                                               abs(claim_hit.start - h.end)))
    names: list[tuple[str, Hit]] = []
    for h in groups:
        n = h.has("group")["name"]
        if n not in [x[0] for x in names]:
            names.append((n, h))
    # "Jamaat-ul-Ahrar, a breakaway faction of the Tehrik-i-Taliban Pakistan": the specific group
    children_of = {group_gazetteer.parent(n) for n, _ in names}
    names = [(n, h) for n, h in names if n not in children_of] or names
    if names:
        for i, (n, h) in enumerate(names[:3], start=1):
            key = "gname" if i == 1 else f"gname{i}"
            m.set(key, n, ev(key, h.start, h.end, f"{rule}:{h.phrase}"))
            sent_hits = [x for x in all_hits if x.sent == h.sent]
            unc = any(x.has("uncertain") for x in sent_hits)
            claimed = h.sent in claim_sents
            m.fields[f"guncertain{i}"] = int(unc and not claimed)
            if i == 1:
                m.fields["claimed"] = int(claimed or claim_hit is not None)
                sub = group_gazetteer.front(h.phrase)
                if sub:
                    m.fields["gsubname"] = sub
            else:
                m.fields[f"claim{i}"] = int(claimed)
    elif (by_nationality := _attacker_by_nationality(text, m.start, m.end)) is not None:
        name, a, b = by_nationality
        m.set("gname", name, ev("gname", a, b, "gazetteer:group:attacker-nationality"))
        m.fields["guncertain1"] = 0
        m.fields["claimed"] = 0
    else:
        m.fields["gname"] = "Unknown"
        m.fields["guncertain1"] = 0
        m.fields["claimed"] = 0
    if m.fields.get("claimed"):
        window = text[m.start:m.end].lower()
        mode = 10
        for pat, code in ((r"telephone|phone call|called", 2), (r"communiqu|letter|statement sent", 1),
                          (r"video", 6), (r"amaq|telegram|website|twitter|online|social media|internet", 7),
                          (r"e-mail|email", 4), (r"note", 5)):
            if re.search(pat, window):
                mode = code
                break
        m.fields["claimmode"] = mode
        m.fields["claimmode_txt"] = label("claimmode", mode)
        if claim_hit is not None:
            m.evidence.append(Evidence("claimed", text[claim_hit.start:claim_hit.end], claim_hit.start,
                                       claim_hit.end, "patterns:claim"))
    # GTD: individual = 1 for an attacker not affiliated with any group; the text says so ("lone wolf")
    lone = _LONE.search(text, m.start, m.end)
    m.fields["individual"] = int(lone is not None)
    if lone is not None:
        m.evidence.append(Evidence("individual", lone.group(), lone.start(), lone.end(), "regex:lone-actor"))
    np = _NPERPS.search(text, m.start, m.end)
    n = parse_number(np.group("n")) if np else None
    if lone is not None and n is None:
        n = 1
    m.fields["nperps"] = n if n is not None else -99
    m.fields["nperpcap"] = -99


def regional_branch(m: Mention) -> None:
    """A parent group named where exactly one of its branches operates is that branch (GTD codes the
    regional affiliate): "an Al-Qaeda attack on a checkpoint in Yemen" is AQAP."""
    name, country = m.fields.get("gname"), m.fields.get("country")
    if not name or name == "Unknown" or country is None:
        return
    b = group_gazetteer.branch(name, country)
    if b is None:
        return
    m.fields["gname"] = b
    src = next((e for e in m.evidence if e.field == "gname"), None)
    if src is not None:
        m.evidence.append(Evidence("gname", src.text, src.start, src.end, "gazetteer:group:regional-branch"))

_OBJECT_CONTEXT = re.compile(
    r"(?:killing|killed|kill|against|on|at|targeting|targeted|attacked|attack on|ambushed|kidnapped|abducted|"
    r"wounding|injuring|murdered|assassinated|shot|of|near|outside|inside|bombed|burned|hit|struck)\s+"
    r"(?:\w+\s+){0,3}$", re.IGNORECASE)

_SOURCE_AFTER = re.compile(r"^\W{0,3}(?:\w+\s+){0,2}(?:said|say|says|reported|reports|announced|sources|spokesman|"
                           r"spokesperson|stated|confirmed|officials said)\b", re.IGNORECASE)

_BY_BEFORE = re.compile(r"\b(?:by|according to|from)\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)

_NPERPS = re.compile(r"\b(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
                     r"hundred|a|an|one)\s+(?:heavily\s+|armed\s+|unidentified\s+|masked\s+|hooded\s+|suspected\s+)*"
                     r"(?:gunm[ae]n|attackers?|assailants?|militants?|terrorists?|guerrillas?|men|suicide bombers?|"
                     r"bombers?|hijackers?|kidnappers?)\b", re.IGNORECASE)

# "No group claimed responsibility", "has not claimed": a negated claim attaches no group
_CLAIM_NEGATED = re.compile(r"\b(?:no|not|nobody|none|never|yet to|without)\b(?:[\s,]+[\w'-]+){0,3}[\s,]*$", re.IGNORECASE)

# a group named as the affiliation of a person or a place, not as an actor: "the M-19 presidential candidate",
# "former leader of the 19 April Movement", "bombing FMLN positions"
_GROUP_ROLE_AFTER = re.compile(
    r"[\])]?(?:\s*[\[(][^\])\n]{1,80}[\])])?(?:['\u2019]s)?\s+(?:top\s+|former\s+|main\s+)?(?:presidential\s+|mayoral\s+)?"
    r"(?:candidates?|leaders?|leader's|leadership|delegates?|delegation|spokesm[ae]n|representatives?|negotiators?|"
    r"deserters?|positions|founders?|sympathizers?)\b", re.IGNORECASE)

_GROUP_ROLE_BEFORE = re.compile(
    r"(?:\b(?:candidate|candidates|leader|leaders|founder|spokesman|delegates?|representatives?|deserters?)\s+(?:of|for|from)"
    r"|\b(?:talks|dialogue|negotiations|agreement|accord|process|truce|ceasefire|cease-fire)\s+(?:with|between))"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,3}\(?$", re.IGNORECASE)

# collective non-state actors an incident refers back to ("the guerrillas"); not "unidentified men"
_COLLECTIVE = {"guerrillas", "guerrilla", "guerrilla column", "subversives", "subversive", "terrorists", "terrorist",
               "rebels", "rebel", "insurgents", "insurgent", "militants", "militant", "extremists", "extremist",
               "urban commandos", "commandos", "jihadists"}


@lru_cache(maxsize=1)
def _nationality_subject() -> re.Pattern[str] | None:
    words = group_gazetteer.attacker_nationalities()
    if not words:
        return None
    names = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    # "A 19-year-old Palestinian stabbed", "A Palestinian driver rammed", "Palestinian illegal worker stabs",
    # "A Palestinian from Tulkarm stabbed"; not a victim: "a Palestinian was shot dead by troops" (a passive, which
    # also leaves out "a knife-wielding Palestinian was shot dead after attempting to stab"), "killed a
    # Palestinian" (an object)
    return re.compile(
        rf"(?<![\w-])(?P<who>{names})(?: (?:man|woman|men|women|teens?|teenagers?|girl|boy|driver|youths?|"
        rf"assailants?|assail[ae]nt|attackers?|illegal worker|worker|gunman|gunmen|resident))?"
        rf"(?: from [A-Z][\w'-]+)?(?:,? (?:identified as |named )?[A-Z][\w'-]+(?: [A-Z][\w'-]+){{0,3}},?)?"
        rf" (?:(?!was\b|were\b|is\b|are\b|been\b|being\b)[a-z-]+ ){{0,2}}?"
        rf"(?:stabbed|stabs|rammed|rams|opened fire|shot and|shot at|fired at|fired on|attacked|attacks|"
        rf"attempted to|tried to|infiltrated|threw|hurled)\b", re.IGNORECASE)


def _attacker_by_nationality(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The generic label of an attacker named only by nationality in the incident's sentences (``attackers:``
    in the group gazetteer), with the span of the nationality word: GTD's "Palestinian Extremists"."""
    pattern = _nationality_subject()
    if pattern is None:
        return None
    for mt in pattern.finditer(text, start, end):
        word = mt.group("who")
        if word[0].isupper() and not _OBJECT_BEFORE.search(text, max(0, mt.start() - 25), mt.start()):
            return group_gazetteer.attacker_nationalities()[word.lower()], mt.start("who"), mt.end("who")
    return None


#: a nationality word right after a verb or preposition is the object ("killed a Palestinian", "shot at two")
_OBJECT_BEFORE = re.compile(r"\b(?:killed|shot|wounded|injured|arrested|by|against|on|at|of|to)\s+(?:an?\s+|the\s+|two\s+)?"
                            r"(?:[\w-]+\s+)?$", re.IGNORECASE)


_LONE = re.compile(r"\blone[- ](?:wolf|wolves|attacker|gunman|assailant|actor|perpetrator|stabber|bomber)\b",
                   re.IGNORECASE)


def _perp_role(text: str, h: Hit) -> bool:
    """A group hit that can name an actor: spelled as the gazetteer writes a mixed-case abbreviation ("LeT",
    not the word "let"), and not the affiliation of a candidate, leader or delegate."""
    wf = group_gazetteer.written_form(h.phrase)
    if wf is not None and text[h.start:h.end] != wf:
        return False
    if _GROUP_ROLE_AFTER.match(text, h.end, min(len(text), h.end + 110)):
        return False
    return not _GROUP_ROLE_BEFORE.search(text, max(0, h.start - 45), h.start)

# a target word in the victim's place: counted ("three policemen", "15 soldiers") or the subject of a passive
# act ("a former mayor of Medellin, was murdered", "soldiers ... were attacked")
_COUNTED_BEFORE = re.compile(r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                             r"twenty|thirty|forty|fifty|several|dozens of|hundreds of)\s+(?:[\w.'-]+\s+){0,2}$",
                             re.IGNORECASE)

_PASSIVE_AFTER = re.compile(
    r"(?:(?!\b(?:and|who|which|that|said|says|reported)\b)[^.;:!?\[]){0,45}?\b(?:was|were|has been|have been|"
    r"had been)\s+(?:\w+\s+)?(?:killed|murdered|assassinated|kidnapped|abducted|shot|wounded|injured|hurt|"
    r"attacked|ambushed|executed|massacred|machinegunned|machine-gunned|burned|destroyed|damaged|hit|blown up|"
    r"bombed|dynamited|riddled|stabbed|beheaded|taken hostage|held hostage|gunned down)\b", re.IGNORECASE)


def _victim_position(text: str, h: Hit) -> bool:
    if _COUNTED_BEFORE.search(text, max(0, h.start - 40), h.start):
        return True
    return bool(_PASSIVE_AFTER.match(text, h.end, min(len(text), h.end + 90)))
