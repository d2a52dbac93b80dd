"""The default extractor: deterministic rules over one pass of gazetteer and cue matching.

Per document: (1) one trie-regex pass finds every cue phrase, group, country and city, and one structural
regex pass finds casualty figures, dates and place phrases; (2) sentences with an attack cue become event
sentences (unless relevance.py reads them as a toll, a purpose or a negation), flagged when the sentence reads
as a threat, a foiled plot, a trial, an anniversary, a battle, a denied report or an act of state forces;
(3) neighbouring event sentences that do not disagree on place or date are grouped into one incident; (4) each
incident's GTD fields are coded from the cues inside it (document-level context for country, date and
perpetrator when the incident itself is silent), each value with its evidence; (5) in wire messages, the
relevance model trained on MUC-4 DEV (train_relevance.py) drops incidents the message does not report.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import string
from functools import lru_cache
from typing import Any

from transforms import geo
from transforms.code.gtd_codes import attacktype_rank, label
from transforms.extract import dates
from transforms.extract import groups as group_gazetteer
from transforms.extract.accident import not_intentional
from transforms.extract.actors import code_perpetrator, code_targets, regional_branch
from transforms.extract.attribution import mentions_victims, state_victims
from transforms.extract.casualties import code_casualties
from transforms.extract.lexicon import Lexicon, get_lexicon
from transforms.extract.model import Document, Evidence, Mention
from transforms.extract.numbers import QUANTITY_BEFORE, parse_number
from transforms.extract.places import place_index, place_key, subdivision_index
from transforms.extract.relevance import discredited, load_model, mention_features, non_event
from transforms.extract.spans import Cluster, Hit, Struct
from transforms.extract.summary import summarize

VERSION = "0.8.13"

#: "a fake suicide vest", "pretend suicide vests": a fake weapon (GTD weaptype 7), no attack
_FAKE_BEFORE = re.compile(r"\b(?:fake|pretend|hoax|imitation|replica|dummy|mock)\s+$")
_DEFINITE_ACT = re.compile(r"\bthe (?:attack|bombing|blast|explosion|assault|shooting|massacre|ambush|raid)\b",
                           re.IGNORECASE)
_INDEFINITE = re.compile(r"\b(?:a|an|another|two|three|four|five|several|new)\s+(?:[\w-]+\s+){0,3}?(?:bombs?|car bombs?|"
                         r"explosive devices?|explosives?|dynamite charges?|grenades?|attacks?|bombings?|explosions?|"
                         r"ambush|massacre|kidnapping|murder|assassination)\b", re.IGNORECASE)

_SENT_SPLIT = re.compile(r"[.!?](?:\[[^\]\n]{1,20}\])*[\"']?\s+(?=[\"'\[(]?[A-Z0-9])|\n\s*\n")
_NEW_INCIDENT = re.compile(r"^\W*(?:meanwhile|in another|in a separate|separately|in other|elsewhere|also,|"
                           r"on the other hand|in addition|in a similar|another)", re.IGNORECASE)
# an act placed on another day relative to the one just told (GTD and MUC-4: another date, another incident)
_OTHER_DAY = re.compile(r"\b(?:(?:\d{1,2}|two|three|four|five|six|seven|several|a few)\s+(?:days|weeks)\s+"
                        r"(?:later|earlier|before)|(?:the|on the)\s+(?:next|following|previous)\s+(?:day|night|"
                        r"morning|week)|the day (?:before|after)|next day)\b", re.IGNORECASE)
# a sentence opening with its own place: "In Tirapata village (Puno department), ...", "In the town of X, ..."
_SCENE = re.compile(r"^\W*(?:(?:yesterday|today|tonight|last night|last week|on \d{1,2} [a-z]+|on [a-z]+day),?\s+)?in\s+(?:the\s+(?P<kind>town|village|city|municipality|hamlet|district)\s+of\s+)?"
                    r"(?P<name>[^\W\d_][\w'-]*(?: (?:de |del |la |las |los |el )?[^\W\d_][\w'-]*){0,2}?)"
                    r"(?:\s+(?P<kind2>village|town|city|municipality|hamlet|district|department|province))?"
                    r"(?:\s*\([^)]{0,40}\))?,", re.IGNORECASE)
_NOT_NAME = {"the", "a", "an", "addition", "another", "other", "this", "that", "these", "those", "its", "his", "her",
             "their", "our", "my", "general", "short", "fact", "turn", "response", "view", "spite", "any", "all",
             "some", "most", "many", "each", "every", "conclusion", "summary", "particular", "contrast", "order",
             "recent", "early", "late", "mid", "january", "february", "march", "april", "may", "june", "july",
             "august", "september", "october", "november", "december", "both", "one", "two", "three", "effect",
             "reply", "return", "brief", "sum", "light", "case", "part", "principle", "practice", "theory"}
_FLATTEN = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\xa0": " "})
_STATE_FORCE = (r"(?:army|air force|armed forces|soldiers|troops|military|government forces|security forces|"
                r"police|policemen|national guard|treasury police|navy|marines|paratroopers|battalion|"
                r"uniformed men|men (?:wearing|in|dressed in) (?:military )?uniforms?|warplanes|planes|helicopters?|"
                r"helicopter gunships)")
# "killed by a car bomb that targeted security forces", "by a car bomb near a police station": the words between
# "by" and the force name another agent, and the force is its target; "by a mentally ill Army veteran": a person
_STATE_BY = re.compile(rf"\bby (?:the |a |an )?(?:(?!that\b|which\b|who\b|targeting\b|targeted\b|against\b|near\b|"
                       rf"outside\b|at\b|on\b)[\w-]+ ){{0,4}}?{_STATE_FORCE}\b(?! veterans?\b| deserters?\b| defectors?\b)")
_STATE_SUBJECT = re.compile(
    rf"\b{_STATE_FORCE}(?: (?!were|was|been|being|have|has|had|are|is)[\w-]+){{0,2}} (?:killed|kills|bombed|murdered|"
    rf"massacred|strafed|shelled|executed|fired on|fired at|opened fire|tortured|shot)\b"
    rf"(?! (?:in|during|when|by|as|after|while)\b)"  # "two soldiers killed in an attack by ...": a passive
    rf"|\b{_STATE_FORCE} (?:was|were|is|are|began|begun|started|continued|continues|has been|have been) "
    rf"(?:killing|bombing|murdering|massacring|shelling|strafing|firing)\b")
#: an attack stopped under way, its attackers killed or arrested at the scene, is an attempted attack (GTD counts
#: an attack once the perpetrators are "out the door"), not a plot foiled before it (Wikipedia 2016-2017 rows:
#: "An ISIS sneak-attack was foiled, with 6 of them killed", "Al-Hashd al-Shaabi foiled an attack by Islamic
#: State suicide bombers, killing an unknown number of them", "... female suicide bombers were killed ... when
#: civilian JTF foiled an attack")
_ASSAILANTS = r"(?:attackers?|assailants?|(?:suicide )?bombers?|terrorists?|militants?|gunmen|them|fighters)"
_FOILED_UNDER_WAY = re.compile(
    rf"\b(?:attacks?|sneak-attacks?|bombings?|assaults?)\b[^.;]{{0,60}}?\bfoiled\b[^.;]{{0,80}}?\b{_ASSAILANTS}\b"
    rf"[^.;]{{0,30}}?\b(?:killed|arrested|captured|shot dead)\b"
    rf"|\bfoiled an? (?:[\w-]+ ){{0,2}}?(?:attack|bombing|assault)\b[^.;]{{0,60}}?\b(?:killing|arresting|capturing)\b"
    rf"|\b{_ASSAILANTS} (?:were|was) (?:\w+ )?(?:killed|arrested|shot dead)\b[^.;]{{0,80}}?\bwhen\b[^.;]{{0,40}}?"
    rf"\bfoiled an? (?:[\w-]+ ){{0,2}}?(?:attack|bombing|assault)\b", re.IGNORECASE)
_NOMINAL_TOLL = re.compile(r"(?:murder|assassination) of\b", re.IGNORECASE)
# "Crown Prince Mohammad bin Salman of Saudi Arabia accepted responsibility for the murder of journalist ...": a
# state that owns an act names its own agents as the perpetrators (Wikinews 2019-09-29)
_STATE_ADMITS = re.compile(r"\b(?:crown prince|prince|king|government|president|ministry|regime|kingdom)\b"
                           r"(?: [\w-]+){0,6}? (?:accepted|accepts|admitted|admits|acknowledged|acknowledges) "
                           r"(?:full |its |his |the )?responsibility for\b")
# "a bomb targeting a police cortege killed one": the force is the target, not the subject
_TARGET_BEFORE = re.compile(r"\b(?:targeting|targeted|against|attacked|attacking|at|on|near|outside|into|hit|struck)"
                            r"\s+(?:the |a |an )?(?:[\w'-]+ ){0,2}$")
# "apprehended by civilians and police", "while being searched by policemen": the force acts after the attack
_CAUGHT_BEFORE = re.compile(r"\b(?:apprehended|arrested|detained|captured|searched|searcher|stopped|caught|"
                            r"neutralized|neutralised|overpowered|subdued|chased|intercepted)\s+(?:[\w'-]+\s+){0,3}$"
                            # "stabbed four people ... before being shot and killed by a campus police officer"
                            r"|\b(?:before|after|until) being\s+(?:[\w'-]+\s+){0,3}$")
# "Three women dressed in burkas were killed by security forces after attacking a police station": the force
# killed the attackers during their attack
_ATTACKERS_AFTER = re.compile(r"[\w\s-]{0,20}?\b(?:after|while|when|as) (?:attacking|storming|trying to attack|"
                              r"they attacked|they stormed)\b")
_BOMBARD = re.compile(r"\b(?:bombed|bombing|shelled|shelling|strafed|strafing)\b")
_ALSO_ACTIVE = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )\balso $")
_PERFECT = re.compile(r"\b(?:have|has)(?: \w+)? $")
_ASCII_LOWER = string.ascii_lowercase.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()


def _upper_case_copy(sample: str) -> bool:
    """All-capitals copy (MUC-era wire text): under 40% of the ASCII letters are lower case. Counted on bytes,
    which deletes letters in C (a regular expression's ``findall`` built a list of every letter)."""
    b = sample.encode("ascii", "ignore")
    lower = len(b) - len(b.translate(None, _ASCII_LOWER))
    upper = len(b) - len(b.translate(None, _ASCII_UPPER))
    return lower < 0.4 * max(1, lower + upper)


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?! ?UTC)")
_PLURAL_NOUNS = {"attacks", "bombings", "murders", "kidnappings", "killings", "massacres", "shootings",
                 "explosions", "assassinations", "abductions", "hijackings", "bomb attacks", "terrorist attacks",
                 "stabbings", "ambushes", "raids", "blasts"}
_FOOTNOTE = re.compile(r"\[(?:\d{1,4}|citation needed|[a-z]|note \d+)\]")
_DATELINE_FULL = re.compile(r"^\s*[A-Z][A-Za-z .'-]{2,40}?,\s+\d{1,2}\s+[A-Za-z]{3}\w*\s+\d{2,4}[^\n]{0,40}?--")
_HEADER_TAGS = re.compile(r"(?:\s*\[[^\]\n]{1,80}\])+")
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .'-]{2,40}?),\s+(?:\d{1,2}\s+[A-Za-z]{3}|NO DATE\b)")
_PLACE_STOP = {
    "THE", "A", "AN", "IN", "ON", "AT", "OF", "AND", "OR", "TO", "BY", "WHERE", "WHICH", "THAT", "THIS", "SAME",
    "ITS", "HIS", "HER", "THEIR", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "NORTH", "SOUTH",
    "EAST", "WEST", "WHEN", "WHILE", "AFTER", "BEFORE", "DURING", "HAS", "HAVE", "WAS", "WERE", "IS", "ARE",
    "ONE", "TWO", "THREE", "SOME", "SEVERAL", "EACH", "OTHER", "ANOTHER", "GOVERNMENT", "POLICE", "ARMY",
    "MILITARY", "NATIONAL", "FROM", "WITH", "NEAR", "TODAY", "YESTERDAY", "SAID", "REPORTED", "GUERRILLAS",
    "TERRORISTS", "FMLN", "ISLAMIC", "STATE", "LOCAL", "PROVINCIAL", "REGIONAL", "CAPITAL", "BORDER",
    "NEIGHBORING", "NEIGHBOURING", "RURAL", "URBAN", "UNITED", "ALSO", "BUT", "ALL", "NEW",
    # a unit word or a function word ends a name: "RIO BLANCO MUNICIPALITY, TOLIMA DEPARTMENT", "THE TOWN OF
    # CHINAMECA FOR 1 HOUR", "IN MEDELLIN EARLY TODAY"
    "MUNICIPALITY", "DEPARTMENT", "PROVINCE", "JURISDICTION", "CANTON", "FOR", "AS", "WHO", "EARLY", "LATE",
}
_KIDNAP_COUNT = re.compile(
    r"(?P<a>\b\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|dozens))\s+(?:[\w-]+\s+){0,3}(?:were|was|have been|had been)?\s?"
    r"(?:kidnapped|abducted|taken hostage|held hostage|hostages)|(?:kidnapped|abducted|kidnapping of|abduction of)\s+"
    r"(?P<b>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty)\b",
    re.IGNORECASE)


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


_CLASS = {1: "attack", 2: "attack", 8: "attack", 3: "bombing", 5: "kidnapping", 6: "kidnapping", 7: "arson",
          4: "hijacking"}


class RuleExtractor:
    """Deterministic rule/gazetteer extractor (CPU only, no model weights)."""

    name = "opentid-rules"

    def __init__(self, lexicon: Lexicon | None = None, relevance_model: bool = True) -> None:
        self.lex = lexicon or get_lexicon()
        # wire news messages only: the model was trained on MUC-4 DEV wire copy (train_relevance.py)
        self.relevance = load_model() if relevance_model else None
        self.version = f"{VERSION}+{self.lex.version}"
        geo.warm()  # build the geocoder's indexes now, before worker processes fork
        place_index()
        subdivision_index()

    # ------------------------------------------------------------------ matching
    def _scan(self, text: str) -> tuple[list[Hit], list[Struct], list[int]]:
        # line breaks inside sentences (wire copy, MUC messages) must not break multi-word phrases
        low = _lower_same_length(text).translate(_FLATTEN)
        entries = self.lex.entries
        hits = [Hit(a, b, low[a:b], entries[low[a:b]]) for a, b in self.lex.matcher.spans(low)]
        for h in hits:
            if ("attack" in h.cats or "weapon" in h.cats) and _FAKE_BEFORE.search(low, max(0, h.start - 14), h.start):
                # "a man wearing a fake suicide vest ... began to stab people": a fake weapon (GTD weaptype 7)
                # is no bombing and no suicide attack
                h.cats = {**{k: v for k, v in h.cats.items() if k != "attack"}, "weapon": {"wt": 7}}
                h.has = h.cats.get
        starts = [0] + [m.end() for m in _SENT_SPLIT.finditer(text)]
        for h in hits:
            h.sent = bisect.bisect_right(starts, h.start) - 1
        # figures, dates and place phrases are only read in sentences that report an attack: scan just those
        event_sents = {h.sent for h in hits if "attack" in h.cats}
        # the sentences right after an event sentence often carry its toll ("Over 40 were wounded.")
        # and the three before it may carry its narrative date ("... a terrorist wave that hit Pereira last night.
        # Three bombs exploded ...": see _context_date); only dates are kept from those
        before = {si - d for si in event_sents for d in (1, 2, 3) if si - d >= 0}
        event_sents = event_sents | {si + d for si in event_sents for d in (1, 2) if si + d < len(starts)}
        before -= event_sents
        structs = []
        for si in sorted(event_sents | before):
            end = starts[si + 1] if si + 1 < len(starts) else len(low)
            for m in (self.lex.dates if si in before else self.lex.structure).finditer(low, starts[si], end):
                kind = m.lastgroup or ""  # each piece is one named group around its own named parts
                st = Struct(kind, m.start(), m.end(), m)
                st.sent = si
                structs.append(st)
        return hits, structs, starts

    # ------------------------------------------------------------------ extraction
    def extract(self, doc: Document) -> list[Mention]:
        text = doc.text or ""
        if not text.strip():
            return []
        scan_text = _FOOTNOTE.sub(lambda f: " " * len(f.group()), text)
        dl = _DATELINE_FULL.match(text)
        tags = _HEADER_TAGS.match(text, dl.end()) if dl else None
        if tags:  # "[COMMUNIQUE] [ARMED FORCES PRESS COMMITTEE] [TEXT]": labels, not prose
            scan_text = scan_text[:tags.start()] + " " * (tags.end() - tags.start()) + scan_text[tags.end():]
        hits, structs, starts = self._scan(scan_text)
        if dl:  # the dateline's date is the document date, not an incident date
            structs = [s for s in structs if s.start >= dl.end() or s.kind not in ("dmd", "mdd", "wd", "rel")]
        upper = _upper_case_copy(text[:2000])
        anchor = doc.published_at
        brief = len(text) < 700
        low_text = text.lower()
        by_sent: dict[int, list[Hit]] = {}
        for h in hits:
            by_sent.setdefault(h.sent, []).append(h)
        st_by_sent: dict[int, list[Struct]] = {}
        for s in structs:
            st_by_sent.setdefault(s.sent, []).append(s)
        doc_country, doc_country_ev = self._doc_country(text, hits, anchor, upper)

        clusters: list[Cluster] = []
        para_starts = [m.end() for m in re.finditer(r"\n\s*\n", text)]
        for si in sorted(by_sent):
            sh = by_sent[si]
            attacks = [h for h in sh if h.has("attack")]
            if not attacks:
                continue
            sent_end = starts[si + 1] if si + 1 < len(starts) else len(text)
            if non_event(text[starts[si]:sent_end].translate(_FLATTEN)):
                continue
            strong = [h for h in attacks if h.has("attack").get("strong") and h.phrase not in _PLURAL_NOUNS]
            sst = st_by_sent.get(si, [])
            # "the murder of", "the assassination of" count the dead of an incident told elsewhere; alone they are
            # mostly references back to it ("condemned the murder of ...") and make no incident of their own
            concrete = any(s.kind in ("k1", "k2", "k3", "w1", "w2", "w3") and not _NOMINAL_TOLL.match(s.m.group(0))
                           for s in sst)
            detail = concrete or any(s.kind in ("dmd", "mdd", "wd", "rel", "pl") for s in sst)
            actor = any(h.has("group") or (h.has("perp") or {}).get("kind") == "nonstate" for h in sh)
            # present perfect without a date ("the FMLN has attacked officials") reads as a general statement
            verbs = [h for h in strong if _is_verb(h.phrase) and not _PERFECT.search(low_text, max(0, h.start - 22), h.start)]
            # short notes (list rows, briefs) are telegraphic: a strong noun cue is enough there
            weak_verbs = [h for h in attacks if _is_verb(h.phrase)]
            places = None
            if not (verbs or brief or (concrete and actor)):
                # otherwise a cue needs an actor or a concrete detail, and a place named is one: "a telephone
                # booth in southern Bogota was destroyed by a bomb" (the places are read only when needed)
                if not detail and not actor and (strong or weak_verbs):
                    places = self._sentence_places(si, sh, sst, text, upper, doc_country)
                    detail = bool(places)
                if not ((strong or weak_verbs) and (detail or actor)):
                    continue
            if places is None:
                places = self._sentence_places(si, sh, sst, text, upper, doc_country)
            flags = set()
            verbish = bool(verbs or weak_verbs)
            for h in sh:
                ex = h.has("exclusion")
                if ex and (ex.get("strong") or not (verbish or concrete)):
                    flags.add(ex["flag"])
            # an attack stopped under way is an attempt (GTD: "out the door"), not a foiled plot
            interrupted = "foiled" in flags and bool(
                _FOILED_UNDER_WAY.search(text[starts[si]:sent_end].translate(_FLATTEN)))
            if interrupted:
                flags.discard("foiled")
            if self._state_actor(sh, low_text[starts[si]:sent_end], starts[si]):
                flags.add("state_actor")
            if discredited(text[starts[si]:sent_end].translate(_FLATTEN)):
                flags.add("discredited")
            if anchor is not None:
                sent_full = text[starts[si]:starts[si + 1] if si + 1 < len(starts) else len(text)]
                years = [int(y) for y in _YEAR.findall(sent_full)]
                if years and max(years) < anchor.year:
                    flags.add("historical")
            date, date_struct, _ = self._sentence_date(st_by_sent.get(si, []), anchor, text)
            if date is not None and date_struct is not None and _date_rank(date, date_struct, anchor, text) == 2:
                date = None  # the day of the report ("..., the UN said on Sunday"), not of the act
            sent_text = text[starts[si]:starts[si] + 80]
            cur = clusters[-1] if clusters else None
            # "Only 4 days later, ... was killed": an act told on another day; "In Canalete, also in Cordoba,
            # ...": a sentence set in a place of its own. GTD and MUC-4 both make another date or another
            # location another incident, and the document-wide merge below must not unite them again.
            other_day = not brief and bool(_OTHER_DAY.search(text, starts[si], sent_end))
            scene = None if brief else self._scene(text[starts[si]:sent_end].translate(_FLATTEN), upper)
            para = bisect.bisect_right(para_starts, starts[si])
            new_para = cur is not None and para != cur.para
            cls_here = _CLASS.get(min((h.has("attack")["at"] for h in (strong or attacks)), key=attacktype_rank))
            acts = {_CLASS.get(h.has("attack")["at"]) for h in verbs if _specific_act(h)} - {None}
            # "The rebels also blew up two high tension posts": "also" before an active verb adds another act
            # ("were also killed" adds victims to the same one)
            also_act = not brief and any(_ALSO_ACTIVE.search(low_text, max(0, h.start - 16), h.start) for h in verbs)
            new = (
                also_act
                or
                # within a message, "... blew up a power substation. The guerrillas also burned three vehicles":
                # another kind of act reported by its own verb is another incident (MUC-4 fills one template per
                # act); a short list row is one incident, with as many attack types as it names (GTD)
                (not brief and cur is not None and bool(acts) and bool(cur.acts) and not (acts & cur.acts))
                or
                # a new paragraph reporting another kind of attack starts another incident
                (new_para and cls_here is not None and cls_here != cur.cls)
                or
                cur is None
                or si - cur.sents[-1] > 3
                or bool(_NEW_INCIDENT.match(sent_text))
                or other_day
                or (scene is not None and scene not in {p.upper() for p in cur.places})
                or bool(places and cur.places and not (places & cur.places))
                or bool(date and cur.date and date != cur.date)
            )
            if not new and "historical" in flags and cur.clean and "historical" not in cur.flags:
                # "In 2019 he survived a drone attack that left six soldiers dead", told after this year's attack:
                # a background act of its own, not more of the news incident's types and tolls
                new = True
            if not new and not flags and not cur.clean and len(clusters) > 1 \
                    and _DEFINITE_ACT.search(text, starts[si], sent_end) \
                    and not _INDEFINITE.search(text[starts[si]:sent_end].translate(_FLATTEN)):
                # "... the deadliest since an assault in Ghazni in August 2018. ... said the attack had killed
                # twelve": a sentence that only refers back to "the attack" after a background sentence belongs to
                # the last incident the document reports as news, not to the background one
                cur = next((c for c in reversed(clusters) if c.clean), cur)
            if new:
                cur = Cluster()
                clusters.append(cur)
                cur.cls = cls_here
                        # "a bomb exploded", "another attack" opening a paragraph: an indefinite noun phrase introduces a new incident
                cur.opener = new_para and bool(_INDEFINITE.search(text[starts[si]:sent_end].translate(_FLATTEN)))
                cur.opener = cur.opener or other_day or scene is not None or also_act
            if scene is not None:
                places = places | {scene}
            cur.para = para
            cur.acts |= acts
            cur.sents.append(si)
            cur.flags |= flags
            cur.clean = cur.clean or not flags
            cur.interrupted = cur.interrupted or interrupted
            cur.places |= places
            cur.date = cur.date or date

        mentions = []
        classes = [_CLASS.get(_attack_class_code(
            [h for si in cl.sents for h in by_sent.get(si, [])])) for cl in clusters]
        merged: list[Cluster] = []
        merged_classes: list[str | None] = []
        for cl, cls in zip(clusters, classes, strict=True):
            for prev, pcls in zip(merged, merged_classes, strict=True):
                # a later mention of the same incident reads "the attack"; "a bomb", "another attack" is new
                if (pcls == cls and cl.clean == prev.clean and not cl.opener
                        and not (cl.places and prev.places and not (cl.places & prev.places))
                        # a kidnapping lasts: "kidnapped last Tuesday" and "confirmation yesterday of the kidnapping"
                        # are one incident (GTD codes the kidnapping, not each report of it)
                        and not (cl.date and prev.date and cl.date != prev.date
                                 and cls != "kidnapping")):
                    prev.sents = sorted(set(prev.sents) | set(cl.sents))
                    prev.flags |= cl.flags
                    prev.interrupted = prev.interrupted or cl.interrupted
                    prev.places |= cl.places
                    prev.date = prev.date or cl.date
                    break
            else:
                merged.append(cl)
                merged_classes.append(cls)
        clusters = merged
        # "blamed the army for the murder of six Jesuits": every incident about those victims is the state's act
        victims = state_victims(text, low_text) if clusters else frozenset()
        for cl in clusters if victims else ():
            if any(mentions_victims(text[starts[si]:starts[si + 1] if si + 1 < len(starts) else len(text)], victims)
                   for si in cl.sents):
                cl.flags.add("state_actor")
                cl.clean = False
        for ci, cl in enumerate(clusters):
            m = self._code(doc, text, cl, by_sent, st_by_sent, starts, hits, doc_country, doc_country_ev, upper)
            m.included = cl.clean and m.fields.get("attacktype1") is not None
            if m.included and dl and self.relevance is not None \
                    and not self.relevance.keep(mention_features(text, m.start, m.end, m.fields)):
                m.included = False
                cl.flags.add("low_relevance")
            # general news, not wire/telex copy (the relevance model's domain): no attacker, a trial... (accident.py)
            if m.included and not (dl or upper) and (why := not_intentional(text, m, anchor)):
                m.included = False
                cl.flags.add(why)
            m.flags = sorted(cl.flags)
            self._dateline_place(m, text)  # after the relevance model, which reads a city named in the text
            m.fields["_n"] = ci
            mentions.append(m)
            if m.included:
                mentions.extend(self._split_places(m, text, cl, by_sent, upper))
        included = [m for m in mentions if m.included]
        for m in mentions:
            m.fields["multiple"] = int(len(included) > 1 and m.included)
            m.fields.pop("_n", None)
            m.fields["summary"] = summarize(m.fields)
        return mentions

    # ------------------------------------------------------------------ helpers
    def _scene(self, sent: str, upper: bool) -> str | None:
        """The place a sentence opens with: "In Tirapata village (Puno department), ...", "In La Oroya, Junin
        department, ..." → the place name, when the gazetteer knows it or a place noun says it is one."""
        m = _SCENE.match(sent)
        if not m:
            return None
        name = _clean_place(m.group("name"), upper)
        if not name or name.lower().split()[0] in _NOT_NAME:
            return None
        if m.group("kind") or m.group("kind2") or self._known_place(name):
            return name.upper()
        return None

    @staticmethod
    def _state_actor(sh: list[Hit], sentence: str, offset: int = 0) -> bool:
        """Acts of state forces (GTD's non-state criterion): "bombed by the air force", "soldiers killed ...",
        "men wearing military uniforms". Not when a non-state actor is named in the same sentence, except as the
        object of the state force's act. ``offset`` is the sentence's start in the text (hit positions)."""
        nonstate = [h.start - offset for h in sh if h.has("group") or (h.has("perp") or {}).get("kind") == "nonstate"]
        subject = next((m for m in _STATE_SUBJECT.finditer(sentence)
                        if not _TARGET_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
                        # "twelve soldiers killed": a figure before the force counts its dead
                        and not QUANTITY_BEFORE.search(sentence, max(0, m.start() - 25), m.start())), None)
        by = any(not _CAUGHT_BEFORE.search(sentence, max(0, m.start() - 50), m.start())
                 and not _ATTACKERS_AFTER.match(sentence, m.end())
                 for m in _STATE_BY.finditer(sentence))
        # "the air force bombed guerrilla positions": a non-state actor after a bombardment verb is its target
        # (after "killed" it may be an attacker shot by the police, which list corpora count as an incident)
        if subject and _BOMBARD.search(subject.group()) and not any(p < subject.end() for p in nonstate):
            return True
        return not nonstate and bool(subject or by or _STATE_ADMITS.search(sentence))

    def _doc_country(self, text: str, hits: list[Hit], anchor: dt.date | None,
                     upper: bool | None = None) -> tuple[int | None, Evidence | None]:
        """The document's country: its dateline, a named country, the vote of its places (nationalities among
        them, weighed), else its first nationality word that is not someone's origin.
        ``upper``: is it all-capitals copy (``extract`` has counted it already; counted here when not given)."""
        m = _DATELINE.match(text)
        if m:
            name = m.group(1).strip().lower()
            for h in hits:
                if h.start >= m.start(1) and h.end <= m.end(1) + 1:
                    c = h.has("country")
                    if c:
                        return c["code"], Evidence("country", text[h.start:h.end], h.start, h.end, "dateline:country")
            for h in hits:
                if h.phrase == name and h.has("city"):
                    code = h.has("city")["hits"][0][0]
                    return code, Evidence("country", text[h.start:h.end], h.start, h.end, "dateline:city")
        counts: dict[int, list[Hit]] = {}
        for h in hits:
            c = h.has("country")
            if c and not h.has("group") and not (_FOREIGN_BEFORE.search(text[max(0, h.start - 45):h.start])
                                                 or _FOREIGN_AFTER.match(text[h.end:h.end + 40])):
                counts.setdefault(c["code"], []).append(h)  # not "near the border with Mali"
        if counts:
            code, hs = max(counts.items(), key=lambda kv: (len(kv[1]), -kv[1][0].start))
            h = hs[0]
            return code, Evidence("country", text[h.start:h.end], h.start, h.end, "document:most-mentioned-country")
        # no country named: the places of the whole document ("... struck a military convoy in Kabul."), where
        # a nationality weighs less than a town in a place context ("A German woman ... killed ... in Kabul")
        if upper is None:
            upper = _upper_case_copy(text[:2000])
        vote = self._country_vote(text, hits, upper, None, 0, len(text))
        if vote is not None:
            code, a, b, _ = vote
            return code, Evidence("country", text[a:b], a, b, "document:place-vote")
        for h in hits:
            c = h.has("demonym")
            after = text[h.end:h.end + 40]
            if c and not (_FOREIGN_AFTER.match(after) or _VISITOR_AFTER.match(after)):
                # not "a Chadian peacekeeper", "the Nigerian border": someone's origin, not the place
                return c["code"], Evidence("country", text[h.start:h.end], h.start, h.end, "document:demonym")
        return None, None

    def _known_place(self, name: str) -> bool:
        """A province, district or town name of the gazetteer (lexicon, ISO 3166-2 or GeoNames)."""
        cats = self.lex.entries.get(name.lower())
        if cats is not None:
            return bool(set(cats) & {"city", "admin1"})
        key = place_key(name)
        return key in subdivision_index() or key in place_index()

    def _dateline_place(self, m: Mention, text: str) -> None:
        """Wire copy whose incident sentences name no place ("wounded in this capital", "fighting in the
        streets"): the dateline's city, when it lies in the incident's country, is where the story was filed and
        mostly where it happened ("SAN SALVADOR, 12 NOV 89 (AFP) -- ...")."""
        country = m.fields.get("country")
        if country is None or m.fields.get("city") or m.fields.get("provstate"):
            return
        found = self._dateline_city(text, country)
        if found is None:
            return
        city, a, b = found
        if not _HERE.search(text, m.start, m.end) and text.find(city, b) < 0:
            return  # neither "here" nor the city named again in the story
        if city.isupper():
            city = city.title()
        m.evidence.append(Evidence("city", text[a:b], a, b, "dateline:city"))
        g = geo.geocode(city, None, country)
        m.fields.update(city=city, latitude=g.latitude, longitude=g.longitude, specificity=g.specificity, vicinity=0,
                        location=f"{city}, {label('country', country)}")

    def _split_places(self, m: Mention, text: str, cl: Cluster, by_sent: dict[int, list[Hit]],
                      upper: bool) -> list[Mention]:
        """One incident per place of a list in the incident's first attack sentence ("in the Iraqi cities of
        Tikrit and Samarra", "kidnapping 30 peasants in Cuscatlan and Santa Ana departments"): GTD
        (and MUC-4) record attacks in different places as separate incidents, linked by ``multiple``. ``m``
        takes the first place; a copy is returned for each further one. Only places of ``m``'s country."""
        country = m.fields.get("country")
        first = next((si for si in cl.sents if any(h.has("attack") for h in by_sent.get(si, []))), None)
        if country is None or first is None:
            return []
        places = [h for h in by_sent.get(first, []) if self._listed_place(h, text, upper, country)]
        runs: list[list[Hit]] = []
        for h in places:
            if runs and _LIST_GLUE.fullmatch(text, runs[-1][-1].end, h.start):
                runs[-1].append(h)
            else:
                runs.append([h])
        # a list ends with "and" / "or" before its last place; "in Soyapango, San Salvador" is a town and its province
        run = next((r for r in runs if len(r) > 1 and _LIST_OPENER.search(text, max(0, r[0].start - 40), r[0].start)
                    and re.search(r"\b(?:and|or)\b", text[r[-2].end:r[-1].start], re.IGNORECASE)
                    and not _STREETS_AFTER.match(text, r[-1].end)), None)
        if run is None:
            return []
        names: list[tuple[Hit, str]] = []
        for h in run:
            name = text[h.start:h.end]
            if name.upper() not in {n.upper() for _, n in names}:
                names.append((h, name.title() if upper else name))
        if len(names) < 2:
            return []
        unplaced = [e for e in m.evidence if e.field not in ("city", "provstate")]
        copies = [Mention(m.doc_id, dict(m.fields), [], m.included, list(m.flags), m.confidence, m.start, m.end)
                  for _ in names[1:]]
        for target, (h, name) in zip([m, *copies], names, strict=True):
            province = bool(h.has("admin1")) and not h.has("city")
            city, provstate = (None, name) if province else (name, None)
            g = geo.geocode(city, provstate, country)
            target.fields.update(city=city, provstate=provstate, latitude=g.latitude, longitude=g.longitude,
                                 specificity=g.specificity, vicinity=0,
                                 location=f"{name}, {label('country', country)}")
            target.evidence = [*unplaced, Evidence("provstate" if province else "city", text[h.start:h.end],
                                                   h.start, h.end, "gazetteer:place-list")]
        return copies

    def _listed_place(self, h: Hit, text: str, upper: bool, country: int) -> bool:
        """A lexicon hit that names a town or province of ``country`` (capitalised in mixed-case text)."""
        if set(h.cats) - {"city", "admin1"} or not (upper or text[h.start].isupper()):
            return False
        return any(c[0] == country for c in (h.has("city") or {}).get("hits", ())) \
            or any(u[0] == country for u in (h.has("admin1") or {}).get("units", ()))

    def _dateline_city(self, text: str, country: int) -> tuple[str, int, int] | None:
        """The dateline's place name when it is a known city (or province) of ``country``: (name, start, end)."""
        m = _DATELINE.match(text)
        if not m:
            return None
        a, b = m.span(1)
        name = text[a:b].strip()
        cats = self.lex.entries.get(name.lower()) or {}
        if any(c[0] == country for c in (cats.get("city") or {}).get("hits", ())) \
                or any(u[0] == country for u in (cats.get("admin1") or {}).get("units", ())):
            a = text.index(name, a)
            return name, a, a + len(name)
        return None

    def _sentence_places(self, si: int, sh: list[Hit], st: list[Struct], text: str, upper: bool,
                         doc_country: int | None) -> set[str]:
        out = set()
        for s in st:
            if s.kind == "pl":
                name = _clean_place(text[s.m.start("pln"):s.m.end("pln")], upper)
                if name:
                    out.add(name)
        for h in sh:
            c = h.has("city")
            if c and self._city_ok(h, c, text, upper, doc_country):
                out.add(h.phrase.upper())
        return out

    @staticmethod
    def _city_ok(h: Hit, c: dict[str, Any], text: str, upper: bool, country: int | None) -> bool:
        if len(h.cats) > 1:  # also a cue word, a group or a country: not read as a place
            return False
        if not upper and not text[h.start].isupper():
            return False
        if text[h.end:h.end + 1] == "-":  # part of a compound ("Post-war", "Kabul-based"), not a place named
            return False
        if country is not None and not any(x[0] == country for x in c["hits"]):
            return False
        return not (country is None and c["hits"][0][1] < (100000 if upper else 15000))

    def _sentence_date(self, st: list[Struct], anchor: dt.date | None, text: str = "",
                       ) -> tuple[dt.date | None, Struct | None, bool]:
        """The incident's date: its first date expression, resolved against the document date, ranked:

        1. a date other than the document date ("yesterday", "last night", "on 10 March");
        2. the document date ("today", "tonight", or written out away from the top);
        3. a date of the report rather than the incident: the page's dateline near the top ("Thursday,
           January 24, 2019" under a headline), or any date right after a reporting verb ("police reported
           today that yesterday ...", "the UN said on Sunday").

        A date in an FBIS time conversion ("at 2230 [0230 GMT on 12 January]") is the GMT date, not the local
        one, and is skipped."""
        found = [r for r in (self._resolve(s, anchor) for s in st if not _gmt_conversion(text, s.start))
                 if r[0] is not None]

        return min(found, key=lambda r: (_date_rank(r[0], r[1], anchor, text), r[1].start)) if found else (None, None, False)

    def _context_date(self, st_by_sent: dict[int, list[Struct]], cl: Cluster, anchor: dt.date | None,
                      text: str) -> tuple[dt.date | None, Struct | None, bool]:
        """A date for an incident whose own sentences give none but the report's: the nearest one in the three
        sentences before it, the narrative date an undated follow-up ("the terrorists also attacked ...") shares
        with the incident reported before it. Only dates other than the document date count. (Dates after the
        incident were tried too: they are mostly background, "since 1 June", and did worse on MUC.)"""
        for si in range(cl.sents[0] - 1, max(-1, cl.sents[0] - 4), -1):
            d, s, approx = self._sentence_date(st_by_sent.get(si, []), anchor, text)
            if d is not None and s is not None and _date_rank(d, s, anchor, text) == 0 \
                    and (anchor is None or 0 <= (anchor - d).days <= _CONTEXT_DAYS):
                return d, s, approx
        return None, None, False

    def _resolve(self, s: Struct, anchor: dt.date | None) -> tuple[dt.date | None, Struct, bool]:
        m = s.m
        if s.kind in ("dmd", "mdd"):
            return self._explicit(s, anchor), s, False
        if s.kind == "wd":
            return dates.resolve_weekday(m.group("wdn"), anchor), s, False
        if s.kind == "rel" and m.group("agon"):
            n = parse_number(m.group("agon"))
            return (anchor - dt.timedelta(days=n) if n and anchor else None), s, False
        if s.kind == "rel":
            d, approx = dates.resolve_relative(m.group("rel"), anchor)
            return d, s, approx
        return None, s, False

    @staticmethod
    def _explicit(s: Struct, anchor: dt.date | None) -> dt.date | None:
        m = s.m
        if s.kind == "dmd":
            mo = dates.month_number(m.group("dm"))
            return dates.resolve_day_month(int(m.group("dd")), mo, int(m.group("dy")) if m.group("dy") else None,
                                           anchor) if mo else None
        mo = dates.month_number(m.group("mm"))
        return dates.resolve_day_month(int(m.group("md")), mo, int(m.group("my")) if m.group("my") else None,
                                       anchor) if mo else None

    # ------------------------------------------------------------------ coding one incident
    def _code(self, doc: Document, text: str, cl: Cluster, by_sent: dict[int, list[Hit]],
              st_by_sent: dict[int, list[Struct]], starts: list[int], all_hits: list[Hit],
              doc_country: int | None, doc_country_ev: Evidence | None, upper: bool) -> Mention:
        sh = [h for si in cl.sents for h in by_sent.get(si, [])]
        st = [s for si in cl.sents for s in st_by_sent.get(si, [])]
        first, last = cl.sents[0], cl.sents[-1]
        # casualty figures of the (up to two) following sentences that report no attack of their own
        follow = []
        for si in range(first + 1, last + 3):
            if si in cl.sents:
                continue
            if any(h.has("attack") for h in by_sent.get(si, [])):
                if si > last:
                    break
                continue
            follow += [s for s in st_by_sent.get(si, []) if s.kind[0] in "kw" and s.kind[1:].isdigit()]
        start = starts[first]
        end = starts[last + 1] if last + 1 < len(starts) else len(text)
        m = Mention(doc_id=doc.doc_id, start=start, end=end)

        def ev(fname: str, a: int, b: int, rule: str) -> Evidence:
            return Evidence(fname, text[a:b], a, b, rule)

        # attack types, weapons, suicide
        attacks = [(h, h.has("attack")) for h in sh if h.has("attack")]
        ranked = _ranked_attacks(sh)
        for i, (code, h) in enumerate(ranked[:3], start=1):
            m.set(f"attacktype{i}", code, ev(f"attacktype{i}", h.start, h.end, f"patterns:attack:{h.phrase}"))
            m.fields[f"attacktype{i}_txt"] = label("attacktype", code)
        weapons: list[tuple[int, int | None, Hit]] = []
        for h in sorted(sh, key=lambda x: x.start):
            a = h.has("attack") or h.has("weapon")
            if not a or a.get("wt") in (None, 13):
                continue
            if a["wt"] not in [w[0] for w in weapons]:
                weapons.append((a["wt"], a.get("ws"), h))
        if not weapons:
            m.fields["weaptype1"] = 13
            m.fields["weaptype1_txt"] = label("weaptype", 13)
        for i, (wt, ws, h) in enumerate(weapons[:4], start=1):
            m.set(f"weaptype{i}", wt, ev(f"weaptype{i}", h.start, h.end, f"patterns:weapon:{h.phrase}"))
            m.fields[f"weaptype{i}_txt"] = label("weaptype", wt)
            if ws is not None:
                m.fields[f"weapsubtype{i}"] = ws
                m.fields[f"weapsubtype{i}_txt"] = label("weapsubtype", ws)
        suicide = next((h for h, a in attacks if a.get("suicide")), None)
        m.set("suicide", int(suicide is not None),
              ev("suicide", suicide.start, suicide.end, "patterns:suicide") if suicide else None)

        # casualties
        code_casualties(m, text, st + follow, sh, ev)

        # success
        attempt = next((h for h in sh if h.has("attempt")), None)
        nk = m.fields.get("nkill") or 0
        nw = m.fields.get("nwound") or 0
        at1 = m.fields.get("attacktype1")
        if attempt is None and cl.interrupted:  # "the attack was foiled, with 6 of them killed"
            attempt = next((h for h in sh if (h.has("exclusion") or {}).get("flag") == "foiled"), None)
        success = 0 if (attempt is not None and nk == 0 and (at1 in (1, 2, 8) or nw == 0)) or cl.interrupted else 1
        m.set("success", success, ev("success", attempt.start, attempt.end, "patterns:attempt") if attempt and not success else None)

        # targets
        code_targets(m, text, sh, ev, doc_country)

        # perpetrator
        code_perpetrator(m, text, cl, sh, all_hits, ev)

        # date: the incident's own, else the narrative date of the sentences before it, else the document's
        d, s, approx = self._sentence_date(st, doc.published_at, text)
        rule = f"date:{s.kind}" if s is not None else ""
        if d is None or (s is not None and _date_rank(d, s, doc.published_at, text) == 2):
            pd, ps, papprox = self._context_date(st_by_sent, cl, doc.published_at, text)
            if pd is not None and ps is not None:
                d, s, approx, rule = pd, ps, papprox, f"date:context-{ps.kind}"
        if d is not None and s is not None:
            m.set("iyear", d.year, ev("iyear", s.start, s.end, rule))
            m.fields.update(imonth=d.month, iday=d.day)
            if approx:
                m.fields["approxdate"] = f"around {d.isoformat()}"
        elif doc.published_at is not None:
            d = doc.published_at
            m.fields.update(iyear=d.year, imonth=d.month, iday=d.day,
                            approxdate=f"on or before {d.isoformat()} (document date)")
            m.evidence.append(Evidence("iyear", "", 0, 0, "date:document-date"))
        else:
            m.fields.update(iyear=0, imonth=0, iday=0)
        m.fields["extended"] = int(bool(re.search(r"\b(?:still (?:held|holding|missing)|held for \w+ (?:days|weeks|months)|"
                                                  r"siege (?:lasted|continued)|for (?:\w+ )?(?:days|weeks|months))\b",
                                                  text[start:end], re.IGNORECASE)))

        # place
        self._place(m, text, sh, st, upper, doc_country, doc_country_ev, ev)
        regional_branch(m)

        # property, hostages
        prop = next((h for h in sh if h.has("property")), None)
        if prop is not None or at1 in (3, 7):
            m.set("property", 1, ev("property", prop.start, prop.end, "patterns:property") if prop else None)
            m.fields["propextent"] = 4
            m.fields["propextent_txt"] = label("propextent", 4)
        else:
            m.fields["property"] = -9
        kid = any(a in (5, 6) for a in (m.fields.get(f"attacktype{i}") for i in range(1, 4)))
        m.fields["ishostkid"] = int(kid)
        if kid:
            km = _KIDNAP_COUNT.search(text, start, end)
            n = parse_number(km.group("a") or km.group("b")) if km else None
            m.fields["nhostkid"] = n if n is not None else -99
            if km and n is not None:
                m.evidence.append(Evidence("nhostkid", km.group(0), km.start(), km.end(), "regex:kidnap-count"))

        # criteria (GTD: all three met unless the text suggests an insurgency or military target)
        m.fields.update(crit1=1, crit2=1, crit3=1, doubtterr=0, alternative=None)
        if m.fields.get("targtype1") in (3, 4) and m.fields.get("gname") in ("Unknown", None):
            m.fields.update(doubtterr=1, alternative=1, alternative_txt="Insurgency/Guerilla Action")
        if "battle" in cl.flags:
            m.fields.update(doubtterr=1, alternative=1, alternative_txt="Insurgency/Guerilla Action")
        m.confidence = round(min(0.95, 0.3 + 0.1 * len([k for k in ("gname", "city", "nkill", "targtype1")
                                                          if m.fields.get(k) not in (None, "Unknown")])
                                 + (0.2 if cl.clean else 0.0)), 2)
        return m





    def _country_vote(self, text: str, sh: list[Hit], upper: bool, doc_country: int | None,
                      start: int, end: int, dateline: bool = False) -> tuple[int, int, int, str] | None:
        """The incident's country from every place clue in its sentences, each weighted by its context:
        country names, demonyms ("the Somali capital"), GeoNames cities (lexicon hits and capitalised names
        after "in", "near", "the town of" looked up in the full name index), provinces and regions. A clue in
        a place context ("in Mali", "Kenya's town of", "in Fallujah") outweighs a bare mention; a clue that
        reads as someone's origin ("from Libya", "the Syrian border", "Myanmar's embassy") counts little.
        A place name found in several countries goes to the one other clues (or the document) support, else
        to its most populous namesake. (country, evidence start, evidence end, rule) of the best total."""
        votes: list[tuple[float, int, int, int, str]] = []  # (weight, code, start, end, rule)
        ambiguous: list[tuple[float, tuple[tuple[int, int], ...], int, int, str]] = []
        backing: list[tuple[float, tuple[tuple[int, int], ...], int, int, str]] = []  # count only if supported
        spans: list[tuple[int, int]] = []
        if dateline and doc_country is not None:
            votes.append((2.5, doc_country, 0, 0, "dateline:country"))

        def place(weight: float, options: tuple[tuple[int, int], ...], a: int, b: int, rule: str) -> None:
            spans.append((a, b))
            if len({c for c, _ in options}) == 1:
                votes.append((weight, options[0][0], a, b, rule))
            else:
                ambiguous.append((weight, options, a, b, rule))

        group_support: set[int] = set()
        for h in sh:
            if h.has("group"):
                spans.append((h.start, h.end))
                home = _group_home(h.has("group")["name"])
                if home is not None:
                    group_support.add(home)  # decides between namesakes only ("Santander" with the ELN)
                continue
            before = text[max(0, h.start - 45):h.start]
            after = text[h.end:h.end + 40]
            c = h.has("country")
            if c:
                spans.append((h.start, h.end))
                if _FOREIGN_BEFORE.search(before) or _FOREIGN_AFTER.match(after) or _NAME_OF.search(before) \
                        or _FIRED_FROM.search(text[max(0, h.start - 60):h.start]) or _CONTINGENT_AFTER.match(after):
                    w = 0.3  # "from Libya", "the border with Mali", "rockets fired from an area in Syria"
                elif _OWN_BORDER_AFTER.match(after):
                    w = 1.0
                elif _LOC_BEFORE.search(before) or _POSS_PLACE_AFTER.match(after) or _APPOSITION.search(before):
                    w = 4.0  # "in Mali", "Somalia's city of", "Mokha, Yemen"
                else:
                    w = 2.0
                votes.append((w, c["code"], h.start, h.end, "gazetteer:country:incident"))
                continue
            d = h.has("demonym")
            if d and not (set(h.cats) - {"demonym", "admin1", "city"}):
                if _DEMONYM_PLACE_AFTER.match(after):
                    w = 4.0
                elif _FOREIGN_AFTER.match(after) or _VISITOR_AFTER.match(after):
                    w = 0.2  # "the Nigerian border", "a Chadian peacekeeper", "a German tourist": someone's origin
                else:
                    w = 0.3 if h.phrase.endswith("s") and h.phrase != "swiss" else 1.0
                votes.append((w, d["code"], h.start, h.end, "gazetteer:demonym:incident"))
                continue
            force = h.has("force")
            if force and any(ch.isupper() for ch in text[h.start:h.end]):  # not "levies on imports"
                votes.append((0.3 if _FROM_BEFORE.search(before) else 1.0, force["code"], h.start, h.end,
                              "forces:country"))
                continue
            city = h.has("city")
            if city and (h.has("admin1") or {}).get("curated"):
                city = None  # a curated region or place name: its country is decided (data/regions.yaml)
            if city and not (set(h.cats) - {"city", "admin1"}) and (upper or text[h.start].isupper()):
                if not upper and _word_part(text, h.start, h.end):
                    continue  # "Sana" of "Sana'a", "Reda" of "Abdul-Reda"
                spans.append((h.start, h.end))
                pop = city["hits"][0][1]
                named = not upper and (_in_name(text, h.start, h.end, pop)
                                       or (_THE_NAME.search(before) is not None and after.startswith(" of ")))
                if _FROM_BEFORE.search(before):
                    w = 0.5
                elif _LOC_BEFORE.search(before):
                    w = 0.5 if named else 3.0
                elif named or (not upper and _SENTENCE_START.search(before) and _FUNCTION_WORD.match(after)):
                    continue  # "Along with a killed soldier": a capitalised first word is not a place by itself
                elif pop >= (100000 if upper else 15000):
                    w = 1.0 if not upper and _in_name(text, h.start, h.end) else 1.5
                else:
                    continue
                w += 0.5 if pop >= 100000 else 0.0
                if upper and not _LOC_BEFORE.search(before):
                    # upper-case wire copy: a bare name is as often a person's ("RODRIGUEZ", "BUSH"): it may
                    # confirm a country other clues name, not bring one
                    backing.append((w, _dedupe(tuple((x[0], x[1]) for x in city["hits"])), h.start, h.end,
                                    "gazetteer:city-country"))
                    continue
                key = place_key(h.phrase)
                if key.startswith("ST "):
                    key = "SAINT " + key[3:]  # "St. Petersburg"
                extra = () if _ARTICLE_START.match(h.phrase) else place_index().get(key, ())  # key drops "al-"
                options = _dedupe(tuple((x[0], x[1]) for x in city["hits"]) + extra)
                adm = h.has("admin1")
                if adm and len({u[0] for u in adm["units"]}) == 1:
                    if adm["units"][0][0] in {c for c, _ in options}:
                        # also a province or curated region of one of the namesakes' countries ("Bethlehem")
                        options = tuple(o for o in options if o[0] == adm["units"][0][0])
                    else:  # a town here, a province there ("Santander"): the province is a namesake too
                        options = options + ((adm["units"][0][0], 0),)
                place(w, options, h.start, h.end, "gazetteer:city-country")
                continue
            adm = h.has("admin1")
            if adm and (len(h.cats) == 1 or (adm.get("curated") and not (set(h.cats) - {"city", "admin1"}))) \
                    and (upper or any(ch.isupper() for ch in text[h.start:h.end])):
                spans.append((h.start, h.end))
                # "in Helmand", and "Kiunga, Lamu County": a province after a town's name says where the town is
                w = 0.5 if _FROM_BEFORE.search(before) else \
                    2.5 + (1.0 if _LOC_BEFORE.search(before) or _APPOSITION.search(before) else 0.0)
                place(w, _dedupe(tuple((u[0], 0) for u in adm["units"])), h.start, h.end,
                      "gazetteer:province-country")
        if not upper:
            index = place_index()
            for lm in _LOC_NAME.finditer(text, start, end):
                a = lm.start("name")
                if any(x <= a < y for x, y in spans):
                    continue
                words = lm.group("name").split()
                for k in range(len(words), 0, -1):
                    if k < len(words) and words[k].lower() not in _PLACE_WORDS:
                        continue  # "Abu Dsheir": a known first word alone is not the place
                    name = " ".join(words[:k])
                    if name.lower() in _COMPASS:
                        break  # "the Northern town of Garoowe"
                    cats = self.lex.entries.get(name.lower())
                    if cats is not None and not (set(cats) <= {"city", "admin1"}):
                        break  # a cue word, group, country or demonym: already weighed (or not a place)
                    options = index.get(place_key(name))
                    if not options and (units := subdivision_index().get(place_key(name))):
                        options = tuple((c, 0) for c in units)  # a province or district: no population
                    if options:
                        prep = lm.group("prep").lower()
                        if prep == "of" and not lm.group("kind") and 0 < options[0][1] < 50000:
                            break  # "the first day of Ramadan": a bare "of" needs a sizeable town
                        if name[0].islower() and options[0][1] < 20000:
                            break  # "el-Barth" is not Barth (Germany): a small namesake found without its article
                        w = 0.5 if prep == "from" else (1.5 if prep == "of" and not lm.group("kind") else 3.0)
                        w += 0.5 if options[0][1] >= 100000 else 0.0
                        place(w, options, a, a + len(name), "geonames:place-name")
                        break
        if not votes and not ambiguous:
            return None
        support: dict[int, float] = {}
        for w, code, *_ in votes:
            support[code] = support.get(code, 0.0) + w
        for c in group_support:
            support.setdefault(c, 0.0)
        for w, options, a, b, rule in backing:
            backed = [c for c, _ in options if support.get(c) or c == doc_country]
            if backed:
                votes.append((w, backed[0], a, b, rule))
        # a clue in a place context (a country or town after "in", a province: weight >= 2) backs a namesake;
        # a bare demonym or a weak mention ("the Indian consulate", "Parsons Green") backs one only when no
        # namesake is far bigger: "consulates in Jalalabad" is the Afghan city, not its Indian namesake
        strong = {code for w, code, *_ in votes if w >= 2.0}
        for w, options, a, b, rule in ambiguous:
            dominant = options[0][1] >= 1_000_000 or (not upper and options[0][1] > 0
                                                      and options[0][1] >= 3 * options[1][1])
            backed = [c for c, _ in options if c in strong or c == doc_country] \
                or [c for c, _ in options if c in group_support]
            if not backed and not dominant:
                backed = [c for c, _ in options if support.get(c)]
            if backed:
                code = max(backed, key=lambda c: (support.get(c, 0.0) + (0.5 if c == doc_country else 0.0)))
            elif dominant:
                code = options[0][0]
            else:
                continue
            votes.append((w, code, a, b, rule))
        totals: dict[int, float] = {}
        for w, code, *_ in votes:
            totals[code] = totals.get(code, 0.0) + w
        best = max(totals, key=lambda c: (totals[c], -min(v[2] for v in votes if v[1] == c)), default=None)
        if best is None or totals[best] < 0.5:
            return None  # only someone's origin ("from Libya", "two Kenyans"): no place named
        w, code, a, b, rule = max((v for v in votes if v[1] == best), key=lambda v: (v[0], -v[2]))
        return code, a, b, rule

    def _place(self, m: Mention, text: str, sh: list[Hit], st: list[Struct], upper: bool,
               doc_country: int | None, doc_country_ev: Evidence | None, ev) -> None:
        country = None
        dateline = doc_country_ev is not None and doc_country_ev.rule.startswith("dateline")
        vote = self._country_vote(text, sh, upper, doc_country, m.start, m.end, dateline)
        if vote is not None:
            country, a, b, rule = vote
            m.set("country", country, ev("country", a, b, rule))
        elif doc_country is not None:
            m.set("country", doc_country, doc_country_ev)
            country = doc_country
        city = None
        provstate = None
        vicinity = 0
        for s in st:
            if s.kind == "pl" and city is None:
                name = _clean_place(text[s.m.start("pln"):s.m.end("pln")], upper)
                kind = s.m.group("plk").lower()
                if name and kind in ("department", "province", "region", "district"):
                    provstate = provstate or name
                elif name:
                    city = name
                    m.evidence.append(Evidence("city", text[s.m.start("pln"):s.m.end("pln")], s.m.start("pln"), s.m.end("pln"),
                                               f"regex:place-phrase:{kind}"))
                    vicinity = int(bool(re.match(r"\s*(?:near|outside)", s.m.group(0), re.I)))
            elif s.kind == "ps" and provstate is None:
                found = _words_before(text, s.start, upper)
                if found and upper and not self._known_place(found[0]):
                    found = None  # upper-case copy: "THE STRIFE-TORN BANANA-GROWING REGION", "EMERGENCY ZONE"
                if found:
                    name, a, b = found
                    provstate = name
                    m.evidence.append(Evidence("provstate", text[a:b], a, b, "regex:place-phrase:admin-unit"))
        city_hit = None
        for h in sh:
            c = h.has("city")
            if c and self._city_ok(h, c, text, upper, country or doc_country):
                city_hit = (h, c)
                break
        if city_hit is not None:
            h, c = city_hit
            if city is None:
                city = text[h.start:h.end]
                m.evidence.append(Evidence("city", city, h.start, h.end, "gazetteer:geonames-city"))
                vicinity = int(bool(re.search(r"\b(?:near|outside|outskirts of|close to|vicinity of)\s+(?:the\s+)?$",
                                              text[max(0, h.start - 25):h.start], re.I)))
        if country is None or provstate is None:
            for h in sh:
                a = h.has("admin1")
                if not a or (not upper and not text[h.start].isupper()) or h.has("group"):
                    continue
                want = country if country is not None else (doc_country if upper else None)
                units = [u for u in a["units"] if want is None or u[0] == want]
                if not units or (country is None and len({u[0] for u in units}) > 1):
                    continue
                if country is None:
                    continue  # the country vote found no country: a province name alone does not decide it
                provstate = provstate or (text[h.start:h.end] if not upper else units[0][1])
                m.evidence.append(Evidence("provstate", text[h.start:h.end], h.start, h.end, "gazetteer:iso3166-2"))
                break
        if country is None and m.fields.get("gname") not in (None, "Unknown"):
            home = group_gazetteer.home_country(m.fields["gname"])
            if home is not None:
                country = home
                m.fields["country"] = home
                m.evidence.append(Evidence("country", "", 0, 0, "gazetteer:group-home-country"))
        if country is None:
            return
        m.fields["country_txt"] = label("country", country)
        reg = geo.region_of(country)
        if reg:
            m.fields["region"], m.fields["region_txt"] = reg
        if city and upper:
            city = city.title()
        if provstate and upper:
            provstate = provstate.title()
        g = geo.geocode(city, provstate, country)
        m.fields.update(city=city, provstate=provstate, latitude=g.latitude, longitude=g.longitude,
                        specificity=g.specificity, vicinity=vicinity)
        parts = [p for p in (city, provstate, label("country", country)) if p]
        m.fields["location"] = None if len(parts) < 2 else ", ".join(parts)


#: a narrative date borrowed from the sentences before an undated incident lies in the week before the report
#: (not "tomorrow, 23 March", not a background date months back)
_CONTEXT_DAYS = 7
#: what joins the places of a list: "Cuscatlan and Santa Ana", "Usulutan, San Miguel, and La Union"
_LIST_GLUE = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?", re.IGNORECASE)
#: "the corner of Sarmiento and San Martin streets": streets named after towns are no list of places
_STREETS_AFTER = re.compile(r"\s+(?:streets?|avenues?|roads?|highways?)\b", re.IGNORECASE)
#: a list of places opens with a place preposition: "in", "in the towns of", "in Cuscatlan and Santa Ana departments"
_LIST_OPENER = re.compile(r"\b(?:in|at|near|on|of)\s+(?:the\s+)?(?:(?:towns?|cities|villages|departments|provinces|"
                          r"municipalities|regions|areas)\s+of\s+)?$", re.IGNORECASE)
#: the place a story was filed from, referred to without its name: "in this capital", "here", "downtown"
_HERE = re.compile(r"\b(?:(?:this|the) (?:capital|city)|capital city|here|downtown|metropolitan area|"
                   r"(?:this|the capital's|the city's) (?:outskirts|suburbs?|neighbou?rhoods?))\b", re.IGNORECASE)
_LOC_BEFORE = re.compile(
    r"\b(?:in|inside|across|throughout|within|near|at|outside|into|of|around|towards?)\s+(?:the\s+)?"
    r"(?:(?:[a-z]+ern|(?:north|south)-?(?:east|west)|north|south|east|west|central|rural|remote|restive|troubled|war-torn|[a-z]+-(?:hit|stricken|"
    r"plagued|torn|held|controlled))\s+){0,2}$", re.IGNORECASE)
_APPOSITION = re.compile(r"[A-Z][\w'\u2019-]+,\s+$")
#: a country inside an organisation's or a lake's name: "Democratic Forces for the Liberation of Rwanda",
#: "People's Mojahedin Organization of Iran", "Lake Chad"
_NAME_OF = re.compile(r"(?:\b(?:Organi[sz]ation|Liberation|Front|Movement|Party|Council|Union|Association|League|"
                      r"Brotherhood|Congress|Alliance|Bank|Airways|Airlines|Federation|Committee|Church)"
                      r"(?: [A-Z][\w'-]*){0,2} (?:of|for) (?:the )?|\b(?:Lake|River) )$")
#: a country's name used for its contingent abroad: "a United Nations convoy of Niger troops"
_CONTINGENT_AFTER = re.compile(r"^\s+(?:troops|soldiers|contingent|peacekeepers|battalion)\b", re.IGNORECASE)
_ARTICLE_START = re.compile(r"(?:al|an|as|ash|ad|ar|az|at|el|et)[\s-]")
_FIRED_FROM = re.compile(r"\b(?:fired|launched|shelling|shelled|shot) from\b[^.;]{0,40}$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_FOREIGN_BEFORE = re.compile(
    r"\b(?:from|citizens? of|nationals? of|natives? of|born in|borders? (?:town |area |region )?with|borders? of|"
    r"embassy of|consulate of|"
    r"ambassador of|nationality|returned from|travell?ed to|fled to)\s+(?:the\s+)?$", re.IGNORECASE)
_FOREIGN_AFTER = re.compile(
    r"^(?:(?:'s|\u2019s)?[\s-]+(?:\w+\s+)?(?:embassy|consulate|ambassador|citizens?|nationals?|born|backed|-led|led|"
    r"citizenship|passport)|\s+border)\b(?!\s+(?:security|police|army|guard|forces?|defen[cs]e))",
    re.IGNORECASE)
#: "Pakistan-Iran border", "Kenya's border with Somalia": the first country is where the place is
_OWN_BORDER_AFTER = re.compile(r"^(?:'s|\u2019s|\s*-\s*\w+)\s+border", re.IGNORECASE)
_POSS_PLACE_AFTER = re.compile(
    r"^(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,3}?(?:city|town|village|capital|province|region|district|state|county|"
    r"south|north|east|west|\w+ern|countryside|border town|port)\b", re.IGNORECASE)
_DEMONYM_PLACE_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:capital|city|town|village|province|region|district|county|state|countryside|"
    r"territory|soil|port|border town|island|north|south|east|west|\w+ern (?:city|town|village|region|province))\b",
    re.IGNORECASE)
_LOC_NAME = re.compile(
    r"\b(?P<prep>[Ii]n|[Nn]ear|at|outside|into|of|from|around|(?:outskirts|outside|cent(?:er|re)|heart|edge|suburbs?|"
    r"(?:north|south)(?:east|west)?|east|west) of)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|(?:north|south)-?(?:east|west))(?:ern)?\s+)?"
    r"(?:(?P<kind>town|city|village|district|province|region|area|outskirts|suburbs?|neighbou?rhood)\s+of\s+)?"
    r"(?P<name>(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z][\w'\u2019-]+|de|del|al|el)){0,3})")

_VISITOR_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:peacekeepers?|volunteers?|citizens?|nationals?|tourists?|refugees?|engineers?|"
    r"aid workers?|businessm[ae]n|hostages?|priests?|nuns?|missionar\w+|expatriates?|migrants?|mosque|shop|embassy|"
    r"consulate|diplomats?)\b(?!\s+(?:security|police|army|guard|forces?|defen[cs]e))", re.IGNORECASE)
_LEADING_WORDS = {"in", "at", "near", "on", "from", "the", "outside", "inside", "across", "around", "since", "during",
                  "after", "before", "when", "while", "to", "into", "of", "for", "and", "but", "a", "an", "two", "three",
                  "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "some", "dozens"}
_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
            "lower", "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
            "south-east", "south-west", "north-eastern", "north-western", "south-eastern", "south-western"}
_NAME_PREFIXES = {"abdul", "abd", "abu", "bin", "ibn", "bint", "umm"}
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*)$")
_FUNCTION_WORD = re.compile(r" (?:with|of|to|for|from|by|and|or|the|a|an|is|was|were|are|has|had|have|that|this|"
                            r"these|those|after|before|during|since|while|when)\b")
_THE_NAME = re.compile(r"\bthe\s+$")
_MEDIA_WORDS = {"tv", "television", "radio", "media", "news", "press", "times", "post", "channel", "broadcasting",
                "herald", "tribune", "daily", "gazette"}
_PLACE_WORDS = {"city", "town", "village", "province", "district", "governorate", "region", "county", "state",
                "department", "municipality", "area", "camp", "airport", "prefecture", "division", "sub-district",
                "countryside"}


_REPORT_VERB = re.compile(r"\b(?:reported|reports|said|says|announced|stated|confirmed|disclosed|revealed|indicated|"
                          r"learned|denounced|added|declared|told|explained|noted|charged)\s+(?:\w+\s+)?$", re.IGNORECASE)


#: "As of Sunday evening, all four are in stable condition": the day of a status report, not of an act
_AS_OF = re.compile(r"\bas of\s+$", re.IGNORECASE)


def _date_rank(d: dt.date, s: Struct, anchor: dt.date | None, text: str) -> int:
    """0: a date other than the document date; 1: the document date ("today", "tonight", a written date);
    2: a date of the report, not of the incident: any date right after a reporting verb ("police reported today
    that yesterday ...", "the UN said on Sunday", "Cristiani announced on Sunday") or "as of" ("As of Monday, the
    suspect was still in critical condition"), or the dateline near the top
    — see ``_sentence_date``. The extractor neither dates nor splits an incident by a rank-2 date."""
    if _REPORT_VERB.search(text[max(0, s.start - 40):s.start]) or _AS_OF.search(text[max(0, s.start - 8):s.start]):
        return 2
    if d != anchor:
        return 0
    if s.kind != "rel":
        return 1 if s.start >= 300 else 2
    return 1


def _gmt_conversion(text: str, start: int) -> bool:
    """Is the date at ``start`` the GMT side of a time conversion ("[0230 GMT on 12 January]")?"""
    return bool(re.search(r"\bGMT\s+(?:on\s+)?$", text[max(0, start - 12):start], re.IGNORECASE))










def _in_name(text: str, a: int, b: int, pop: int = 0) -> bool:
    """A capitalised word right before or after the match: part of a longer name ("Real Madrid", "Martin
    Luther Church", "Parsons Green"), unless that word is a place word ("Kabul Province"). A large city
    leading a name names where the thing is ("Jerusalem Light Rail", "Manchester Arena")."""
    prev = re.search(r"([A-Z][\w'-]*) $", text[max(0, a - 30):a])
    if prev and prev.group(1).lower() not in _LEADING_WORDS:
        return True
    nxt = re.match(r" ([A-Z][\w'-]*)", text[b:b + 30])
    if nxt and nxt.group(1).lower() in _MEDIA_WORDS:
        return True  # "Abu Dhabi TV photojournalist", "Abu Dhabi Media": a broadcaster, not the place of the attack
    return bool(nxt and nxt.group(1).lower() not in _PLACE_WORDS and pop < 100000)


def _word_part(text: str, a: int, b: int) -> bool:
    """The match is part of a longer written word: joined by a hyphen or an apostrophe that is not a
    possessive ("Sana'a", "al-Hassan", "Abdul-Reda")."""
    if a > 0 and text[a - 1] in "'\u2019":
        return True
    if a > 0 and text[a - 1] == "-":  # "al-Hassan", "Abdul-Reda"; not "Bor-Juba road"
        prev = re.search(r"(\w+)-$", text[max(0, a - 12):a])
        if prev and (prev.group(1)[0].islower() or prev.group(1).lower() in _NAME_PREFIXES):
            return True
    return bool(re.match(r"(?:-[a-z]|['\u2019](?!s\b)\w)", text[b:b + 3]))


@lru_cache(maxsize=4096)
def _group_home(name: str) -> int | None:
    return group_gazetteer.home_country(name)


def _dedupe(options: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """One (country, population) per country, most populous first."""
    best: dict[int, int] = {}
    for c, pop in options:
        best[c] = max(pop, best.get(c, -1))
    return tuple(sorted(best.items(), key=lambda cp: -cp[1]))


_VERB_FORMS = {"shot", "shoot", "shoots", "blew up", "blows up", "set fire", "set on fire", "burnt", "shot dead",
               "kill", "kills", "opened fire", "open fire", "fired on", "fired at", "slit the throat",
               "slit the throats", "ran over", "drove into", "plowed into", "ploughed into", "gunned down",
               "blew himself up", "blew herself up", "blew themselves up", "set ablaze", "hacked to death",
               "beaten to death", "stab", "stabs", "explodes", "detonates", "beheads", "abducts", "kidnaps",
               "executes", "burned down"}


def _specific_act(h: Hit) -> bool:
    """A cue that names the kind of act: not "killed"/"murdered" alone, which any attack's toll uses."""
    a = h.has("attack")
    return not (a["at"] == 2 and a.get("wt") == 13)


def _is_verb(phrase: str) -> bool:
    """Past-tense or present verb forms report an act; nouns ("bomb", "murder") need more context."""
    return phrase in _VERB_FORMS or (phrase.endswith("ed") and " " not in phrase) or phrase.startswith(
        ("detonated", "exploded", "killed", "kidnapped", "abducted", "murdered"))








def _ranked_attacks(sh: list[Hit]) -> list[tuple[int, Hit]]:
    """Attack types cued in an incident's sentences, in GTD's hierarchy order, each with its first cue."""
    attacks = [(h, h.has("attack")) for h in sh if h.has("attack")]
    chosen = [(h, a) for h, a in attacks if a.get("strong")] or attacks
    ranked: list[tuple[int, Hit]] = []
    for h, a in chosen:
        if a["at"] not in [x[0] for x in ranked]:
            ranked.append((a["at"], h))
    # "killed"/"murdered" alone is armed assault; with a more specific cue it adds nothing
    # (GTD's hierarchy puts armed assault above facility attacks, so with "burned" it stays)
    if any(r[0] in (1, 3, 4, 5, 6) for r in ranked):
        ranked = [r for r in ranked if not (r[0] == 2 and r[1].has("attack").get("wt") == 13)] or ranked
    ranked.sort(key=lambda r: (attacktype_rank(r[0]), r[1].start))
    return ranked


def _attack_class_code(sh: list[Hit]) -> int | None:
    ranked = _ranked_attacks(sh)
    return ranked[0][0] if ranked else None












def _words_before(text: str, pos: int, upper: bool) -> tuple[str, int, int] | None:
    """The capitalised name (1-3 words) right before an admin-unit word: "San Miguel Department" → SAN MIGUEL."""
    window = text[max(0, pos - 45):pos]
    words = list(re.finditer(r"[\w'-]+", window))
    picked: list[re.Match[str]] = []
    for w in reversed(words[-3:]):
        word = w.group()
        if word.upper() in _PLACE_STOP or (not upper and not word[0].isupper()) or word[0].isdigit() \
                or word.lower().endswith(("'s", "\u2019s")):
            break
        if picked and window[w.end():picked[0].start()].strip():
            break  # "SESORI MUNICIPALITY, SAN MIGUEL DEPARTMENT": a comma ends the name
        if window[w.end():].strip(" ") and not picked and window[w.end():].strip() != "":
            break
        picked.insert(0, w)
    if not picked:
        return None
    off = max(0, pos - 45)
    a, b = off + picked[0].start(), off + picked[-1].end()
    name = " ".join(p.group() for p in picked)
    return ((name.upper() if upper else name), a, b) if len(name) >= 3 else None


def _clean_place(raw: str | None, upper: bool) -> str | None:
    if not raw:
        return None
    words = raw.split()
    out = []
    for w in words:
        if w.upper() in _PLACE_STOP:
            if out:
                break
            continue
        if not upper and not w[0].isupper() and w.lower() not in ("de", "del", "la", "las", "los", "el"):
            break
        out.append(w)
    while out and out[-1].lower() in ("de", "del", "la", "las", "los", "el"):
        out.pop()
    name = " ".join(out).strip(" ,.'-")
    if out and out[-1].lower().strip(".,") in _STREET_WORDS:
        return None  # "the neighborhood of Strickland Street": a street, not a city
    return name.upper() if len(name) >= 3 else None


_STREET_WORDS = {"street", "st", "road", "rd", "avenue", "ave", "boulevard", "blvd", "lane", "square", "highway",
                 "drive", "way", "terrace", "crescent", "alley"}
