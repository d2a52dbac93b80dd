"""Where the crawl machinery writes inside the data folder (``schemas.layout.DataLayout`` + crawl-only paths)."""

from __future__ import annotations

from pathlib import Path

from schemas.layout import DataLayout


def job_dir(layout: DataLayout, source: str) -> Path:
    """Scrapy JOBDIR of a source: the resumable request queue of an interrupted crawl."""
    return layout.state_dir / f"{source}.job"


def relative_to_data(layout: DataLayout, path: Path) -> str:
    """A path as stored in the index and manifests: relative to the data folder, POSIX separators."""
    try:
        return path.resolve().relative_to(layout.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
