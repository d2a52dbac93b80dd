"""What the one-pass scan of a document yields, shared by the extractor's coding steps."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from transforms.extract.model import Evidence

#: ``ev(field, start, end, rule)``: the evidence of a coded value, the text span ``text[start:end]``
EvidenceMaker = Callable[[str, int, int, str], Evidence]


class Hit:
    """One lexicon match: span, matched phrase (lower case) and its categories (category → attributes)."""

    __slots__ = ("start", "end", "phrase", "cats", "sent", "has")

    def __init__(self, start: int, end: int, phrase: str, cats: dict[str, dict[str, Any]]) -> None:
        self.start, self.end, self.phrase, self.cats, self.sent = start, end, phrase, cats, 0
        self.has = cats.get


@dataclass
class Struct:
    """One match of the structure regex (a casualty figure, a date, a place phrase): its kind is the name of
    the regex group that matched (``k1``, ``w2``, ``dmd``, ``pl`` …)."""

    kind: str
    start: int
    end: int
    m: re.Match[str]
    sent: int = 0


@dataclass
class Cluster:
    """Sentences the extractor groups into one incident, and what they say about it."""

    sents: list[int] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    clean: bool = False
    para: int = 0
    cls: str | None = None
    places: set[str] = field(default_factory=set)
    date: dt.date | None = None
    opener: bool = False  # it opens a paragraph by introducing an attack with an indefinite noun phrase
    acts: set[str] = field(default_factory=set)  # attack classes its sentences report with a specific verb
    interrupted: bool = False  # an attack stopped under way (an attempt, success = 0), not a foiled plot
