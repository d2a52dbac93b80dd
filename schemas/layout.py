"""Paths inside the data folder (docs/ARCHITECTURE.md, "The data folder"). Pure path arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: File names inside a release folder.
INCIDENTS_FILE = "incidents.parquet"
INCIDENT_SOURCES_FILE = "incident_sources.parquet"
EVENTID_ALIASES_FILE = "eventid_aliases.parquet"
CHECKSUMS_FILE = "SHA256SUMS"


@dataclass(frozen=True)
class DataLayout:
    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    # archive: WARC files + capture index
    @property
    def archive_dir(self) -> Path:
        return self.root / "archive"

    def archive_file(self, source: str, run_id: str) -> Path:
        return self.archive_dir / source / f"{run_id}.warc.gz"

    @property
    def index_db(self) -> Path:
        return self.archive_dir / "index.sqlite"

    # crawl runs and state
    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    def run_manifest(self, source: str, run_id: str) -> Path:
        return self.runs_dir / source / f"{run_id}.json"

    @property
    def state_dir(self) -> Path:
        return self.root / "state"

    def state_db(self, source: str) -> Path:
        return self.state_dir / f"{source}.sqlite"

    # tables
    @property
    def documents_dir(self) -> Path:
        return self.root / "documents"

    def documents(self, source: str) -> Path:
        return self.documents_dir / f"{source}.parquet"

    @property
    def mentions_dir(self) -> Path:
        return self.root / "mentions"

    def mentions(self, source: str) -> Path:
        return self.mentions_dir / f"{source}.parquet"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def build_incidents(self) -> Path:
        return self.build_dir / INCIDENTS_FILE

    @property
    def build_incident_sources(self) -> Path:
        return self.build_dir / INCIDENT_SOURCES_FILE

    # releases
    @property
    def releases_dir(self) -> Path:
        return self.root / "releases"

    def dataset_dir(self, dataset: str) -> Path:
        return self.releases_dir / dataset

    def release_dir(self, dataset: str, version: str) -> Path:
        return self.dataset_dir(dataset) / version

    def latest(self, dataset: str) -> Path:
        """The ``latest`` symlink (points at a version folder name)."""
        return self.dataset_dir(dataset) / "latest"

    def staging_dir(self, dataset: str, token: str) -> Path:
        return self.dataset_dir(dataset) / f".staging-{token}"

    def staging_dirs(self, dataset: str) -> list[Path]:
        d = self.dataset_dir(dataset)
        return sorted(d.glob(".staging-*")) if d.is_dir() else []
