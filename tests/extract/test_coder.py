"""The transform hook: a documents-table row of free text → mention rows (mentions table contract)."""

from __future__ import annotations

import datetime as dt
import json

from transforms.code.registry import text_coder
from transforms.extract.coder import code_document


def test_registry_finds_the_text_coder():
    assert text_coder() is code_document


def test_code_document_gives_mention_rows():
    text = ("Four police officers were injured when a bomb detonated at the entrance to an apartment complex in "
            "the Sinai peninsula capital of Al-Arish.[11]")
    rows = code_document({"doc_id": "abc", "source": "wikinews", "text": text,
                          "published_at": dt.datetime(2015, 1, 5, 12, 0, tzinfo=dt.UTC)})
    (row,) = rows
    assert row["doc_id"] == "abc" and row["source"] == "wikinews" and row["extractor"].startswith("opentid-rules/")
    assert row["attacktype1"] == 3 and row["attacktype1_txt"] == "Bombing/Explosion"
    assert row["nwound"] == 4 and row["targtype1"] == 3 and row["country"] == 60
    assert (row["iyear"], row["imonth"], row["iday"]) == (2015, 1, 5)
    ev = json.loads(row["evidence"])
    assert all(text[e["start"]:e["end"]] == e["text"] for e in ev if e["end"])
    assert "eventid" not in row


def test_code_document_without_incident_gives_nothing():
    assert code_document({"doc_id": "x", "source": "s", "text": "The council met on Tuesday to discuss the budget."}) == []
