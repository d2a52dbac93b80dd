"""Building one mention row: GTD values, each with the evidence behind it.

Every coder (Wikipedia rows, UCDP records, and the free-text extractor) produces mentions through
``MentionBuilder`` so that the ``evidence`` column is uniform: a list of
``{"field", "text", "start", "end", "rule"}`` where ``text`` is the original text behind the value,
``start``/``end`` its offsets in the document's ``text`` (null when the value comes from a structured
field not in the text, e.g. a UCDP column), and ``rule`` what turned the text into the value.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from transforms.code.gtd_codes import label

#: *_txt label columns and the code column each one labels (codebook vocabulary in brackets).
LABELS: dict[str, tuple[str, str]] = {
    "country_txt": ("country", "country"),
    "region_txt": ("region", "region"),
    "alternative_txt": ("alternative", "alternative"),
    **{f"attacktype{i}_txt": (f"attacktype{i}", "attacktype") for i in (1, 2, 3)},
    **{f"targtype{i}_txt": (f"targtype{i}", "targtype") for i in (1, 2, 3)},
    **{f"targsubtype{i}_txt": (f"targsubtype{i}", "targsubtype") for i in (1, 2, 3)},
    **{f"natlty{i}_txt": (f"natlty{i}", "country") for i in (1, 2, 3)},
    **{f"weaptype{i}_txt": (f"weaptype{i}", "weaptype") for i in (1, 2, 3, 4)},
    **{f"weapsubtype{i}_txt": (f"weapsubtype{i}", "weapsubtype") for i in (1, 2, 3, 4)},
    **{f"claimmode{i}_txt": (f"claimmode{i}", "claimmode") for i in ("", "2", "3")},
    "propextent_txt": ("propextent", "propextent"),
    "hostkidoutcome_txt": ("hostkidoutcome", "hostkidoutcome"),
}


def mention_id(doc_id: str, extractor: str, ordinal: int = 1) -> str:
    return hashlib.sha256(f"{doc_id}\n{extractor}\n{ordinal}".encode()).hexdigest()


def with_labels(values: dict[str, Any]) -> dict[str, Any]:
    """Fill the ``*_txt`` columns from their code columns (codebook labels)."""
    out = dict(values)
    for txt, (code_col, vocabulary) in LABELS.items():
        if code_col in out and out[code_col] is not None:
            out[txt] = label(vocabulary, out[code_col])
    return out


@dataclass
class MentionBuilder:
    doc_id: str
    source: str
    extractor: str
    confidence: float
    doc_text: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def set(self, name: str, value: Any, text: str | None, rule: str) -> None:
        """Set a GTD value with the original text behind it (located in the document text if possible)."""
        self.values[name] = value
        start = end = None
        if text and self.doc_text:
            pos = self.doc_text.find(text)
            if pos >= 0:
                start, end = pos, pos + len(text)
        self.evidence.append({"field": name, "text": text, "start": start, "end": end, "rule": rule})

    def default(self, name: str, value: Any, rule: str) -> None:
        """Set a value that no text supports (a documented default for the source)."""
        self.values[name] = value
        self.evidence.append({"field": name, "text": None, "start": None, "end": None, "rule": rule})

    def build(self, ordinal: int = 1) -> dict[str, Any]:
        row = {
            "mention_id": mention_id(self.doc_id, self.extractor, ordinal),
            "doc_id": self.doc_id,
            "source": self.source,
            "extractor": self.extractor,
            "confidence": self.confidence,
        }
        row.update(with_labels(self.values))
        row["evidence"] = json.dumps(self.evidence, ensure_ascii=False)
        return row
