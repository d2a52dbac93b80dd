"""Build a release: stage every file, run the gate, then promote atomically.

Order matters: the data files are written first, the gate reads them back from the staging folder
exactly as a user would, and only a passing release gets its descriptive files, its checksums and the
rename into ``releases/<dataset>/<version>/``. A failing release is set aside under ``.failed/`` with
its validation report; the previous release and the ``latest`` pointer are never touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from datasets.dataset_registry import DatasetDefinition, load_dataset
from datasets.release import card as card_mod
from datasets.release.changes import diff_incidents, read_release_tables, render_changes
from datasets.release.checksums import verify_sums, write_sums
from datasets.release.citation import write_citation
from datasets.release.datapackage import Resource, write_datapackage
from datasets.release.promote import latest_release, promote, set_aside_failed, staging_dir
from datasets.release.quality import write_quality
from datasets.release.sources_info import source_cards, source_references
from schemas import SCHEMA_VERSION
from schemas.arrow import incidents_schema
from schemas.layout import (
    EVENTID_ALIASES_FILE,
    INCIDENT_SOURCES_FILE,
    INCIDENTS_FILE,
    DataLayout,
)
from schemas.parquet import write_parquet
from schemas.tables import EVENTID_ALIASES_SCHEMA, INCIDENT_SOURCES_SCHEMA

log = logging.getLogger(__name__)

INCIDENT_SORT = ["iyear", "imonth", "iday", "eventid"]
SOURCES_SORT = ["eventid", "role", "source", "doc_id"]


@dataclass
class ReleaseResult:
    passed: bool
    version: str
    path: Path  # the promoted release, or the set-aside failed staging folder
    report_path: Path
    summary: dict[str, int]
    failed_rules: list[str]


def git_commit(repo: Path | None = None) -> str:
    """The commit the code was built from (``unknown`` outside a git checkout)."""
    repo = repo or Path(__file__).resolve().parents[2]
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 else "unknown"


def source_hashes(incident_sources: pl.DataFrame) -> dict[str, str]:
    """Per source, a hash over the sorted content hashes of the documents the release uses.

    Stable across re-crawls and replays of identical content (unlike WARC file hashes, whose
    record dates and ids differ per run), so it identifies the inputs of a release.
    """
    out = {}
    for source in sorted(incident_sources["source"].unique().to_list()):
        hashes = sorted(
            set(incident_sources.filter(pl.col("source") == source)["content_sha256"].to_list())
        )
        out[source] = hashlib.sha256("\n".join(hashes).encode()).hexdigest()
    return out


def next_version(dataset_dir: Path, today: dt.date) -> str:
    base = today.strftime("%Y.%m.%d")
    if not (dataset_dir / base).exists():
        return base
    n = 2
    while (dataset_dir / f"{base}.{n}").exists():
        n += 1
    return f"{base}.{n}"


def _read_build(layout: DataLayout) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    missing = [p for p in (layout.build_incidents, layout.build_incident_sources) if not p.exists()]
    if missing:
        raise FileNotFoundError(
            f"{', '.join(map(str, missing))} not found: run `opentid transform` (or `opentid build`) first"
        )
    incidents = pl.read_parquet(layout.build_incidents)
    sources = pl.read_parquet(layout.build_incident_sources)
    aliases_path = layout.build_dir / EVENTID_ALIASES_FILE
    aliases = (
        pl.read_parquet(aliases_path)
        if aliases_path.exists()
        else pl.from_arrow(EVENTID_ALIASES_SCHEMA.empty_table())
    )
    return incidents, sources, aliases


def build_release(
    data_dir: Path,
    dataset: str = "opentid-core",
    version: str | None = None,
    previous: Path | None | str = "latest",
    today: dt.date | None = None,
) -> ReleaseResult:
    """Stage, validate and (if valid) promote a release of ``dataset`` from ``data_dir/build``."""
    from schemas.codebook import write_codebook
    from schemas.dictionary import write_data_dictionary
    from schemas.gate import Bounds, run_gate
    from schemas.suite import preload_gx

    preload_gx()  # overlaps the slow great-expectations import with the Parquet writes

    layout = DataLayout(data_dir)
    definition = load_dataset(dataset)
    incidents, inc_sources, aliases = _read_build(layout)
    if incidents.height < definition.bounds.min_rows:
        raise ValueError(
            f"{layout.build_incidents} holds {incidents.height} incidents, below the dataset's minimum of "
            f"{definition.bounds.min_rows}: check the crawl manifests and transform faults before releasing"
        )
    dataset_dir = layout.dataset_dir(dataset)
    prev_dir = latest_release(dataset_dir) if previous == "latest" else previous
    today = today or dt.datetime.now(dt.UTC).date()
    version = version or next_version(dataset_dir, today)
    if (dataset_dir / version).exists():
        raise FileExistsError(f"release {dataset_dir / version} already exists; choose another --version")

    metadata = {
        "dataset": definition.name,
        "version": version,
        "schema_version": SCHEMA_VERSION,
        "git_commit": git_commit(),
        "licence": definition.licence.id,
        "source_hashes": source_hashes(inc_sources),
    }
    staging = staging_dir(dataset_dir, version)
    log.info("staging release %s in %s", version, staging)
    try:
        write_parquet(incidents, staging / INCIDENTS_FILE, incidents_schema(), INCIDENT_SORT, metadata)
        write_parquet(inc_sources, staging / INCIDENT_SOURCES_FILE, INCIDENT_SOURCES_SCHEMA, SOURCES_SORT, metadata)
        write_parquet(aliases, staging / EVENTID_ALIASES_FILE, EVENTID_ALIASES_SCHEMA, ["alias_eventid"], metadata)
        write_codebook(staging / "codebook.json")
        _add_source_coding(staging / "codebook.json", definition.sources)
        write_data_dictionary(staging / "DATA_DICTIONARY.md")

        b = definition.bounds
        report = run_gate(
            staging,
            prev_dir,
            Bounds(min_ratio=b.min_ratio_to_previous, max_ratio=b.max_ratio_to_previous),
        )
        report.write(staging)
        failed = [r.rule_id for r in report.failed]
        if not report.passed:
            kept = set_aside_failed(staging, dataset_dir, version)
            log.error("release %s failed the gate (%s); set aside in %s", version, ", ".join(failed), kept)
            return ReleaseResult(False, version, kept, kept / "validation.md", {}, failed)

        old = read_release_tables(prev_dir) if prev_dir else (None, None)
        written = pl.read_parquet(staging / INCIDENTS_FILE)
        diff = diff_incidents(
            old[0], written, aliases, old_version=prev_dir.name if prev_dir else None, new_version=version
        )
        (staging / "CHANGES.md").write_text(render_changes(diff), encoding="utf-8")
        write_quality(staging, definition.sources)
        _describe(staging, definition, version, today, written, inc_sources, report)
        write_sums(staging)
        problems = verify_sums(staging)
        if problems:
            raise RuntimeError(f"checksums of staged release do not verify: {problems}")
        final = promote(staging, dataset_dir, version)
    except BaseException:
        if staging.exists():
            set_aside_failed(staging, dataset_dir, version)
        raise
    log.info("promoted release %s", final)
    return ReleaseResult(True, version, final, final / "validation.md", diff.summary(), [])


def _add_source_coding(codebook: Path, sources: list[str]) -> None:
    """Add to the release's codebook how each source's records are coded (GTD criteria, doubtterr)."""
    from datasets.release.sources_info import coding_text

    book = json.loads(codebook.read_text(encoding="utf-8"))
    book["source_coding"] = {name: coding_text(name) for name in sources}
    codebook.write_text(json.dumps(book, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _describe(
    folder: Path,
    definition: DatasetDefinition,
    version: str,
    today: dt.date,
    incidents: pl.DataFrame,
    inc_sources: pl.DataFrame,
    report,
) -> None:
    """Write the descriptive files: datapackage.json, CITATION.cff, README.md."""
    cards = source_cards(definition.sources, inc_sources)
    write_datapackage(
        folder,
        name=definition.name,
        title=definition.title,
        description=definition.description,
        version=version,
        licence=definition.licence.model_dump(),
        sources=[{"title": c.title, "path": c.licence_url} for c in cards],
        resources=[
            Resource("incidents", INCIDENTS_FILE, "Incidents", "One row per incident, GTD variable set."),
            Resource(
                "incident_sources",
                INCIDENT_SOURCES_FILE,
                "Incident sources",
                "The source documents behind every incident, with provenance and evidence.",
            ),
            Resource(
                "eventid_aliases",
                EVENTID_ALIASES_FILE,
                "Event ID aliases",
                "eventids retired by merging, and the eventid they now refer to.",
            ),
        ],
        primary_keys={"incidents": ["eventid"], "eventid_aliases": ["alias_eventid"]},
    )
    write_citation(
        folder,
        title=definition.title,
        version=version,
        date_released=today.isoformat(),
        licence_id=definition.licence.id,
        authors=[a.model_dump(by_alias=True, exclude_none=True) for a in definition.authors],
        abstract=definition.description,
        keywords=definition.keywords,
        references=source_references(definition.sources),
        url=definition.homepage,
    )
    failed = [r for r in report.results if not r.passed]
    gate_summary = (
        f"This release passed all {len(report.results)} rules of the OpenTID gate "
        "(schema equality, great-expectations suite, cross-field rules, row-count bounds): "
        "see `validation.md` and `validation.json`."
        if not failed
        else "FAILED"
    )
    text = card_mod.render_card(
        title=definition.title,
        dataset=definition.name,
        version=version,
        description=definition.description,
        licence_title=definition.licence.title,
        licence_url=definition.licence.url,
        licence_why=definition.licence.why,
        cover=card_mod.coverage(incidents),
        sources=cards,
        gate_summary=gate_summary,
        files=RELEASE_FILES,
        limits=KNOWN_LIMITS,
    )
    card_mod.write_card(folder, text)
    (folder / "release.json").write_text(
        json.dumps({"dataset": definition.name, "version": version, "released": today.isoformat()}, indent=2)
        + "\n",
        encoding="utf-8",
    )


RELEASE_FILES = [
    ("incidents.parquet", "the incidents: 135 GTD variables + date_precision, n_sources, first_seen, last_seen, confidence"),
    ("incident_sources.parquet", "eventid ↔ source document: URL, title, publisher, dates, content hash, WARC record, evidence"),
    ("eventid_aliases.parquet", "retired eventids and the eventid each now refers to"),
    ("codebook.json", "every variable with type, meaning, unknown conventions and full code lists"),
    ("DATA_DICTIONARY.md", "the codebook as a readable table"),
    ("validation.json / validation.md / validation.html", "the gate's result, rule by rule"),
    ("QUALITY.md / quality.json", "how far to trust machine-coded values: the extractor's scores on gold corpora"),
    ("CHANGES.md", "added / changed / removed / merged eventids against the previous release"),
    ("datapackage.json", "Frictionless Data Package descriptor"),
    ("CITATION.cff", "how to cite this release"),
    ("release.json", "dataset, version and release date"),
    ("SHA256SUMS", "checksums of every file (`sha256sum -c SHA256SUMS`)"),
]

KNOWN_LIMITS = [
    "Coverage is only as wide as the openly licensed sources included; it is not a census of terrorism.",
    "Machine-coded values carry their evidence; values a source does not state stay unknown (GTD conventions), "
    "they are never guessed.",
    "UCDP GED records are one-sided violence by organised non-state actors; UCDP does not apply GTD's "
    "criteria, so these incidents carry doubtterr = 1 where terrorism proper is in doubt (see the codebook).",
    "Wikipedia list rows reflect the list page at the recorded revision; list pages are edited over time.",
]
