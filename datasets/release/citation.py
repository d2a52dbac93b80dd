"""``CITATION.cff`` (Citation File Format 1.2.0) for a release, citing the sources it builds on."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_citation(
    folder: Path,
    *,
    title: str,
    version: str,
    date_released: str,
    licence_id: str,
    authors: list[dict],
    abstract: str,
    keywords: list[str],
    references: list[dict],
    url: str | None = None,
) -> Path:
    doc: dict = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, and cite the sources it is built from.",
        "type": "dataset",
        "title": title,
        "version": version,
        "date-released": date_released,
        "license": licence_id,
        "authors": authors,
        "abstract": abstract,
        "keywords": keywords,
    }
    if url:
        doc["url"] = url
    if references:
        doc["references"] = references
    out = folder / "CITATION.cff"
    out.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return out
