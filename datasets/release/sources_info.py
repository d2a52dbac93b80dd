"""What a release says about its sources: cards for the dataset README and CFF references.

Metadata comes from the source YAMLs (``datasets/source_registry.py``); the "how coded" text is the
coder module's docstring, so the documentation lives beside the rules it
describes and cannot drift into a second copy.
"""

from __future__ import annotations

import inspect
import sys

import polars as pl

from datasets.release.card import SourceCard
from datasets.source_registry import load_source


def coding_text(source: str) -> str:
    from transforms.code.registry import coder_for

    coder = coder_for(source)
    if coder is None:
        return "Free-text documents; no extractor is installed, so they yield no incidents yet."
    return inspect.getdoc(sys.modules[coder.__module__]) or ""


def source_cards(sources: list[str], incident_sources: pl.DataFrame) -> list[SourceCard]:
    cards = []
    for name in sources:
        definition = load_source(name)
        rows = incident_sources.filter(pl.col("source") == name)
        cards.append(
            SourceCard(
                name=name,
                title=definition.title,
                publisher=definition.publisher,
                licence=definition.licence.id,
                licence_url=definition.licence.url,
                attribution=" ".join(definition.licence.attribution.split()),
                coding=coding_text(name),
                documents=rows["doc_id"].n_unique(),
                incidents=rows["eventid"].n_unique(),
            )
        )
    return cards


def source_references(sources: list[str]) -> list[dict]:
    """CFF ``references`` entries, one per source."""
    refs = []
    for name in sources:
        d = load_source(name)
        refs.append(
            {
                "type": "database",
                "title": d.title,
                "authors": [{"name": d.publisher}],
                "url": d.homepage,
                "license": d.licence.id if d.licence.id.startswith("CC") else None,
                "notes": " ".join(d.licence.attribution.split()),
            }
        )
        refs[-1] = {k: v for k, v in refs[-1].items() if v is not None}
    return refs
