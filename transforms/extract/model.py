"""The extractor interface: documents in, incident mentions out.

An extractor is anything with a ``name``, a ``version`` and ``extract(doc) -> list[Mention]``.
The default one (``transforms.extract.rules.RuleExtractor``) is rule- and gazetteer-based; statistical
or model-based extractors can be added beside it and compared with ``opentid evaluate``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Document:
    """One document to extract from (an article, a Wikipedia row's details cell, a MUC message)."""

    doc_id: str
    text: str
    published_at: dt.date | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The text behind one coded value: ``text[start:end]`` of the document, and the rule that coded it."""

    field: str
    text: str
    start: int
    end: int
    rule: str

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "text": self.text, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(slots=True)
class Mention:
    """One incident told by one document: GTD columns (GTD names and codes) plus evidence.

    ``included`` says whether the candidate meets GTD's inclusion criteria as coded; ``flags`` say why
    not (e.g. ``threat``, ``foiled``, ``state_actor``) so ``--all`` output can show the other candidates.
    """

    doc_id: str
    fields: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    included: bool = True
    flags: list[str] = field(default_factory=list)
    confidence: float = 0.5
    start: int = 0
    end: int = 0

    def set(self, name: str, value: Any, ev: Evidence | None = None) -> None:
        self.fields[name] = value
        if ev is not None:
            self.evidence.append(ev)

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@runtime_checkable
class Extractor(Protocol):
    """What every extractor provides. ``extract`` must be deterministic and side-effect free."""

    name: str
    version: str

    def extract(self, doc: Document) -> list[Mention]: ...
