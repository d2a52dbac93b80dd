"""The quality report every release carries: how far to trust machine-coded values.

The figures are the latest ``opentid evaluate`` runs of the free-text extractor over the gold corpora,
kept in ``datasets/quality/<corpus>/evaluation.{json,md}`` (regenerate them with the commands in
``datasets/quality/README.md`` whenever the extractor changes). The report also says which of the
release's sources are machine-coded from free text and which are coded from structured fields.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

QUALITY_DIR = Path(__file__).resolve().parent.parent / "quality"


def write_quality(folder: Path, sources: list[str], quality_dir: Path = QUALITY_DIR) -> list[Path]:
    """Write ``QUALITY.md`` and ``quality.json`` into the release folder."""
    from transforms.code.registry import document_kind

    kinds = {name: document_kind(name) for name in sources}
    free_text = sorted(n for n, k in kinds.items() if k == "text")
    structured = sorted(n for n, k in kinds.items() if k != "text")
    corpora = {}
    sections = []
    for report in sorted(quality_dir.glob("*/evaluation.json")):
        corpora[report.parent.name] = json.loads(report.read_text(encoding="utf-8"))
        md = report.with_suffix(".md")
        if md.exists():
            body = md.read_text(encoding="utf-8").split("\n", 1)[1]  # drop its own top heading
            sections.append(re.sub(r"^(#+) ", r"#\1 ", body.lstrip("\n"), flags=re.M))  # one level down
    lines = [
        "# Quality of machine-coded values",
        "",
        "Sources coded from structured fields (table cells, dataset records), where each value is copied "
        "from a field the source publishes: " + (", ".join(f"`{s}`" for s in structured) or "none") + ".",
        "",
        "Sources coded from free text by the rule-based extractor (`transforms/extract`), whose values "
        "are machine readings of the text: " + (", ".join(f"`{s}`" for s in free_text) or "none") + ".",
        "",
        "The extractor's latest scores against gold-standard corpora follow (per-field precision, recall and "
        "F1; see `docs/extraction.md` in the OpenTID repository for the matching rules). Every coded value "
        "in `incident_sources.parquet` keeps its evidence: the text span and the rule behind it.",
        "",
        *sections,
    ]
    md_path = folder / "QUALITY.md"
    md_path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    json_path = folder / "quality.json"
    json_path.write_text(
        json.dumps({"structured_sources": structured, "free_text_sources": free_text, "evaluations": corpora},
                   indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return [md_path, json_path]
