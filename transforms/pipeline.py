"""The transform stage end to end: archive → documents → mentions → incidents (``data/build``).

``run_transform(data_dir, sources=None, previous_release="auto")``:
1. documents: every archived response of the sources → ``data/documents/<source>.parquet`` (parse faults
   recorded, never fatal);
2. mentions: each source's documents through its coder (``transforms/code/registry.py``) →
   ``data/mentions/<source>.parquet``; free-text sources wait for the extractor hook;
3. resolve: the mentions of *all* sources present in ``data/mentions`` (so a run over one source still
   resolves against the others) → ``data/build/incidents.parquet``, ``incident_sources.parquet``,
   ``eventid_aliases.parquet``, with eventids carried forward from the previous release.

``previous_release``: a release folder, None for none, or "auto": the ``latest`` release of every dataset
under ``data/releases`` (their incident_sources together).

``version``: the release version this transform is for; it is written as ``since_version`` of the eventid
aliases minted by this run (merged incidents). ``opentid build`` passes the version it is about to release;
``opentid transform --version V`` passes V; the default ``unreleased`` marks a transform made outside a release.

``source_hints``: per source name, parser defaults taken by the caller from the source definitions (a plain
dict such as ``{"news-bbc-world": {"language": "en"}}``; ``transforms`` never reads ``datasets/``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from schemas.layout import EVENTID_ALIASES_FILE, DataLayout
from schemas.parquet import write_parquet
from schemas.tables import DOCUMENTS_SCHEMA, EVENTID_ALIASES_SCHEMA, INCIDENT_SOURCES_SCHEMA, mentions_schema
from transforms.code.registry import code_documents
from transforms.documents import Fault, build_documents, write_documents
from transforms.frames import empty_frame
from transforms.resolve import PreviousRelease, load_previous, resolve

log = logging.getLogger(__name__)
INCIDENT_SORT = ["iyear", "imonth", "iday", "eventid"]


@dataclass
class TransformReport:
    documents: dict[str, int] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)
    awaiting_extraction: dict[str, int] = field(default_factory=dict)
    parse_faults: list[Fault] = field(default_factory=list)
    coding_faults: list[tuple[str, str]] = field(default_factory=list)
    incidents: int = 0
    incident_sources: int = 0
    carried: int = 0
    minted: int = 0
    merged: int = 0
    previous_release: str | None = None
    outputs: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        docs = ", ".join(f"{s} {n}" for s, n in sorted(self.documents.items())) or "none"
        ments = ", ".join(f"{s} {n}" for s, n in sorted(self.mentions.items())) or "none"
        text = (
            f"documents: {docs}; mentions: {ments}; incidents {self.incidents} "
            f"({self.carried} carried forward, {self.minted} new, {self.merged} merged into others); "
            f"parse faults {len(self.parse_faults)}, coding faults {len(self.coding_faults)}"
        )
        waiting = sum(self.awaiting_extraction.values())
        return text + (f"; {waiting} text documents await the extractor" if waiting else "")


def _auto_previous(layout: DataLayout) -> list[Path]:
    if not layout.releases_dir.is_dir():
        return []
    return sorted(p.resolve() for p in layout.releases_dir.glob("*/latest") if p.exists())


def _combine_previous(paths: list[Path]) -> PreviousRelease | None:
    loaded = [p for p in (load_previous(path) for path in paths) if p is not None]
    if not loaded:
        return None
    out = PreviousRelease()
    aliases = []
    for prev in loaded:
        for key, eids in prev.eventids_by_record_key.items():
            out.eventids_by_record_key[key] = sorted(set(out.eventids_by_record_key.get(key, [])) | set(eids))
        out.first_seen.update(prev.first_seen)
        out.eventids |= prev.eventids
        if prev.aliases is not None:
            aliases.append(prev.aliases)
    out.aliases = pl.concat(aliases).unique().sort("alias_eventid") if aliases else None
    return out


def _read_all(directory: Path, schema) -> pl.DataFrame:  # noqa: ANN001 - a pyarrow schema
    files = sorted(directory.glob("*.parquet")) if directory.is_dir() else []
    if not files:
        return empty_frame(schema)
    frames = [pl.read_parquet(f) for f in files]
    frames = [f.with_columns(pl.col(pl.Categorical).cast(pl.String)) for f in frames]
    return pl.concat(frames, how="diagonal_relaxed")


def run_transform(
    data_dir: Path,
    sources: list[str] | None = None,
    previous_release: Path | str | None = "auto",
    version: str = "unreleased",
    progress: Callable[[str], None] | None = None,
    source_hints: Mapping[str, Mapping[str, Any]] | None = None,
) -> TransformReport:
    data_dir = Path(data_dir)
    layout = DataLayout(data_dir)
    say = progress or (lambda msg: log.info("%s", msg))
    report = TransformReport()

    say("documents: reading the archive")
    docs = build_documents(data_dir, sources, source_hints)
    report.parse_faults = docs.faults
    report.outputs += list(write_documents(data_dir, docs).values())
    for source, frame in docs.frames.items():
        report.documents[source] = frame.height
        say(f"documents: {source}: {frame.height} documents")
    for fault in docs.faults:
        say(f"documents: fault: {fault.source} {fault.url}: {fault.reason}")

    for source, frame in sorted(docs.frames.items()):
        coded = code_documents(frame, source)
        report.mentions[source] = coded.frame.height
        report.coding_faults += coded.faults
        if coded.awaiting_extraction:
            # no coder for this source yet: leave any mentions file another tool wrote for it untouched
            report.awaiting_extraction[source] = coded.awaiting_extraction
            say(f"mentions: {source}: {frame.height} text documents await the extractor (TEXT_CODER)")
            continue
        gtd = [c for c in coded.frame.columns if c not in mentions_schema().names]
        path = write_parquet(coded.frame, layout.mentions(source), mentions_schema(gtd), ["mention_id"])
        report.outputs.append(path)
        say(f"mentions: {source}: {coded.frame.height} mentions from {frame.height} documents")

    all_mentions = _read_all(layout.mentions_dir, mentions_schema())
    all_docs = _read_all(layout.documents_dir, DOCUMENTS_SCHEMA)
    if previous_release == "auto":
        paths = _auto_previous(layout)
    else:
        paths = [Path(previous_release)] if previous_release else []
    previous = _combine_previous(paths)
    report.previous_release = ", ".join(map(str, paths)) or None
    say(f"resolve: {all_mentions.height} mentions" + (f" against {report.previous_release}" if paths else ""))
    resolved = resolve(all_mentions, all_docs, previous, version)
    from schemas.arrow import incidents_schema

    report.outputs.append(
        write_parquet(resolved.incidents, layout.build_incidents, incidents_schema(), INCIDENT_SORT)
    )
    report.outputs.append(
        write_parquet(
            resolved.incident_sources,
            layout.build_incident_sources,
            INCIDENT_SOURCES_SCHEMA,
            ["eventid", "role", "source", "doc_id"],
        )
    )
    report.outputs.append(
        write_parquet(
            resolved.eventid_aliases,
            layout.build_dir / EVENTID_ALIASES_FILE,
            EVENTID_ALIASES_SCHEMA,
            ["alias_eventid"],
        )
    )
    report.incidents = resolved.incidents.height
    report.incident_sources = resolved.incident_sources.height
    report.carried, report.minted, report.merged = resolved.carried, resolved.minted, resolved.merged
    say(f"resolve: {report.summary()}")
    return report
