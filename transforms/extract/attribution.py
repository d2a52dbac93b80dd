"""Acts a document attributes to state forces, told apart from the sentences that report them.

A report often tells an act in one sentence ("six Jesuit priests were murdered at the university") and whom
it blames in another, often only by a noun ("the archbishop blamed the Salvadoran army for the murder of six
Jesuits", "the arrest of 45 soldiers and 2 officers for killing 6 clergymen", "colonel X and two soldiers of
the armed forces are implicated in the murder"). GTD excludes acts of state forces (its non-state criterion)
and MUC-4 files them as STATE-SPONSORED VIOLENCE, so every incident of the document about the same victims is
excluded too, not only the sentence that names the forces. The victims are matched by their head nouns
("jesuits", "priests", "clergymen"), which is how a document refers back to the same people.
"""

from __future__ import annotations

import re

_FORCE = (r"(?:army|armed forces|military|soldiers|troops|officers|lieutenants|sergeants|colonels?|"
          r"security forces|government forces|national guard|treasury police|police(?:men)?|battalion|"
          r"(?:army|military|armed forces) (?:elements|members|officers|men|personnel|unit))")
_ACT = r"(?:murders?|killings?|massacres?|assassinations?|deaths?|executions?|kidnappings?|disappearances?)"
_VERB_ACT = r"(?:killing|murdering|massacring|assassinating|executing|kidnapping)"
#: the victims: up to six words, to the first preposition, conjunction or punctuation
_VICTIMS = (r"(?P<victims>[\w'-]+(?: (?!(?:from|in|at|on|who|which|that|by|during|when|and|as|after|before|last|"
            r"this|was|were|is|are)\b)[\w'-]+){0,5})")

#: "[the archbishop] blamed the Salvadoran army for the murder of six Jesuits", "accused the armed forces of
#: the killing of ..."; "the soldiers accused of committing the massacre [of six Jesuit priests]"; "armed forces
#: elements are responsible for the killing of six UCA priests"; "the arrest of 45 soldiers ... for killing 6
#: clergymen"; "soldiers ... are implicated in the murder of ..."
#: a word between the force and its act, unless it names a non-state actor or a report ("police said the
#: guerrillas were responsible for ...")
_GAP = (r"(?: (?!(?:guerrillas?|rebels?|terrorists?|subversives?|insurgents?|militants?|gunmen|said|says|stated|"
        r"reported|claimed)\b)[\w,-]+)")
_ATTRIBUTIONS = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|charg(?:e|ed|es|ing)|held|holds?) (?:the )?(?:[\w-]+ ){{0,2}}?"
    rf"{_FORCE} (?:responsible )?(?:for|of|with) (?:committing |having committed )?(?:the )?(?:[\w-]+ )?{_ACT} of "
    rf"{_VICTIMS}",
    rf"\b{_FORCE}{_GAP}{{0,8}}? (?:were|was|are|is|had been|have been|has been) (?:\w+ )?"
    rf"(?:responsible for|implicated in|involved in|guilty of|behind|charged with|accused of) "
    rf"(?:committing |having committed )?(?:the )?(?:[\w-]+ )?(?:{_ACT} of|{_VERB_ACT}) {_VICTIMS}",
    rf"\b(?:arrest|arrests|arrested|detention|detained|trial|indictment|indicted|prosecution)(?: of)?{_GAP}{{0,10}}? "
    rf"{_FORCE}{_GAP}{{0,6}}? (?:for|in connection with|over) (?:the )?(?:[\w-]+ )?(?:{_ACT} of|{_VERB_ACT}) "
    rf"{_VICTIMS}",
    rf"\b{_FORCE} (?:accused|suspected|charged) of (?:committing |having committed )?(?:the )?{_ACT}(?: \[?of)? "
    rf"{_VICTIMS}",
))

#: read in the lower-cased text (an IGNORECASE scan of every message cost more than the patterns themselves)
_CUES = re.compile(r"\b(?:blam|accus|charg|held|hold|responsib|implicat|involv|guilty|behind|arrest|detent|detain|"
                   r"trial|indict|prosecut|suspect)")
_ACT_WORD = re.compile(rf"\b(?:{_ACT}|{_VERB_ACT})\b")
_SENTENCE_END = re.compile(r"[.;]\s")

#: words of a victims phrase (of four letters or more, as ``_WORD`` reads them) that do not identify the victims
_NOT_HEAD = {"three", "four", "five", "seven", "eight", "nine", "their", "from", "with", "which", "that", "were",
             "other", "several", "many", "some", "these", "those", "people", "persons", "members", "including",
             "well", "november", "december", "january", "university", "central", "american", "daughter", "maid"}
_WORD = re.compile(r"[a-z][a-z'-]{3,}")


def state_victims(text: str, low: str | None = None) -> frozenset[str]:
    """Head nouns of the victims of acts the text attributes to state forces (lower case, singular and plural):
    "blamed the Salvadoran army for the murder of six Jesuits" → {"jesuit", "jesuits"}. ``low`` is
    ``text.lower()`` where the caller has it."""
    low = text.lower() if low is None else low
    # the patterns run only on the sentences that name an act and a responsibility, a few per message (over
    # whole messages they cost 17% of extraction time)
    sentences: dict[int, str] = {}
    for act in _ACT_WORD.finditer(low):
        ends = _SENTENCE_END.search(low, act.end())
        ends_at = len(low) if ends is None else ends.start() + 1
        starts = [m.end() for m in _SENTENCE_END.finditer(low, max(0, act.start() - 600), act.start())]
        a = starts[-1] if starts else max(0, act.start() - 600)
        if a not in sentences:
            # wire copy breaks lines anywhere: the patterns read the sentence with single spaces
            sentences[a] = " ".join(text[a:ends_at].split()) if _CUES.search(low, a, ends_at) else ""
    words: set[str] = set()
    for pattern in _ATTRIBUTIONS:
        for m in (m for x in sentences.values() if x for m in pattern.finditer(x)):
            for w in _WORD.findall(m.group("victims").lower()):
                if w in _NOT_HEAD:
                    continue
                stem = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
                words |= {stem} if stem.endswith("men") else {stem, stem + "s"}
    return frozenset(words)


def mentions_victims(sentence: str, victims: frozenset[str]) -> bool:
    """Does a sentence (any case) name any of the victims ``state_victims`` found?"""
    return bool(victims) and any(w in victims for w in _WORD.findall(sentence.lower()))
