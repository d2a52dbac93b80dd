"""The dataset card (``README.md``) shipped inside every release folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass
class SourceCard:
    name: str
    title: str
    publisher: str
    licence: str
    licence_url: str
    attribution: str
    coding: str  # how this source's documents become incidents
    documents: int
    incidents: int


def coverage(incidents: pl.DataFrame) -> dict:
    """Coverage figures for the card: counts, year range, countries, regions."""
    if incidents.height == 0:
        return {"incidents": 0}
    years = incidents["iyear"].drop_nulls()
    by_region = (
        incidents.group_by("region_txt").len().sort(["len", "region_txt"], descending=[True, False])
        if "region_txt" in incidents.columns
        else pl.DataFrame()
    )
    return {
        "incidents": incidents.height,
        "first_year": int(years.min()) if years.len() else None,
        "last_year": int(years.max()) if years.len() else None,
        "countries": incidents["country"].n_unique() if "country" in incidents.columns else 0,
        "by_region": [(str(r), int(n)) for r, n in by_region.iter_rows()] if by_region.height else [],
        "nkill_total": int(incidents["nkill"].fill_null(0).sum()) if "nkill" in incidents.columns else 0,
    }


def render_card(
    *,
    title: str,
    dataset: str,
    version: str,
    description: str,
    licence_title: str,
    licence_url: str,
    licence_why: str,
    cover: dict,
    sources: list[SourceCard],
    gate_summary: str,
    files: list[tuple[str, str]],
    limits: list[str],
) -> str:
    lines = [
        f"# {title}",
        "",
        f"Dataset `{dataset}`, version **{version}**. {description}",
        "",
        f"Licence: [{licence_title}]({licence_url}). {licence_why}",
        "",
        "## Coverage",
        "",
        f"- Incidents: {cover.get('incidents', 0)}",
    ]
    if cover.get("incidents"):
        lines += [
            f"- Years: {cover['first_year']}–{cover['last_year']}",
            f"- Countries: {cover['countries']}",
            f"- Deaths recorded (sum of `nkill`): {cover['nkill_total']}",
            "",
            "| region | incidents |",
            "|---|---:|",
            *(f"| {r} | {n} |" for r, n in cover["by_region"]),
        ]
    lines += [
        "",
        "## Sources",
        "",
        "| source | publisher | licence | documents | incidents |",
        "|---|---|---|---:|---:|",
        *(
            f"| {s.title} (`{s.name}`) | {s.publisher} | [{s.licence}]({s.licence_url}) | {s.documents} | {s.incidents} |"
            for s in sources
        ),
        "",
        "Attribution:",
        "",
        *(f"- **{s.title}**: {s.attribution}" for s in sources),
        "",
        "## How incidents are coded",
        "",
        "Every incident follows the variable set and code lists of the Global Terrorism Database codebook "
        "(see `codebook.json` and `DATA_DICTIONARY.md`), with GTD's unknown conventions (-9, -99, blank, "
        "0 for an unknown month or day). Each incident lists the documents behind it in "
        "`incident_sources.parquet` (URL, fetch time, content hash, WARC record) with the original text of "
        "every coded value in its `evidence` column. `eventid` follows GTD's `YYYYMMDDNNNN` form, is minted once "
        "and kept across releases; merged incidents keep the oldest ID and the others are listed in "
        "`eventid_aliases.parquet`.",
        "",
        *(line for s in sources for line in (f"### {s.title}", "", s.coding, "")),
        "## Validation",
        "",
        gate_summary,
        "",
        "## Files",
        "",
        "| file | what it holds |",
        "|---|---|",
        *(f"| `{name}` | {what} |" for name, what in files),
        "",
        "## Reading the data",
        "",
        "```python",
        "import polars as pl",
        'incidents = pl.read_parquet("incidents.parquet")',
        "import pandas as pd",
        'incidents = pd.read_parquet("incidents.parquet")',
        "import duckdb",
        "duckdb.sql(\"SELECT country_txt, count(*) FROM 'incidents.parquet' GROUP BY 1 ORDER BY 2 DESC\")",
        "```",
        "",
        "```r",
        'incidents <- arrow::read_parquet("incidents.parquet")',
        "```",
        "",
        "Stata 16+: read the Parquet file through Python (`python: import pandas as pd; "
        "pd.read_parquet('incidents.parquet').to_stata('incidents.dta')`).",
        "",
        "## Known limits",
        "",
        *(f"- {item}" for item in limits),
        "",
        "## Citation",
        "",
        "See `CITATION.cff`; cite the sources above as their licences ask.",
        "",
    ]
    return "\n".join(lines)


def write_card(folder: Path, text: str) -> Path:
    out = folder / "README.md"
    out.write_text(text, encoding="utf-8")
    return out
