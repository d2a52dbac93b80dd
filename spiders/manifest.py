"""The run manifest ``data/runs/<source>/<run_id>.json``: what one crawl did, for people and schedulers.

Status and exit code of ``opentid crawl``:

=========  ====  ===========================================================================
status     exit  meaning
=========  ====  ===========================================================================
clean      0     the crawl finished and recorded no fault
partial    3     the crawl finished (or stopped on a quota) but some URLs failed: see ``faults``
failed     1     the crawl could not run (spider failed to start) or got no usable response at all
=========  ====  ===========================================================================

URLs a replay archive did not hold are listed in ``not_in_archive``, apart from the faults: a replay
can only reproduce what was archived, so they do not make a run partial by themselves.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["clean", "partial", "failed"]

EXIT_CODES: dict[str, int] = {"clean": 0, "partial": 3, "failed": 1}


class Fault(BaseModel):
    url: str
    kind: str  # e.g. http-404, http-429, timeout, connection, truncated, too-large, malformed-json, charset
    message: str
    status: int | None = None
    at: str = ""


class RunCounts(BaseModel):
    requests: int = 0
    responses: int = 0
    responses_by_status: dict[str, int] = Field(default_factory=dict)
    bytes: int = 0
    archived: int = 0
    skipped_unchanged: int = 0
    not_in_archive: int = 0
    retries: int = 0
    faults: int = 0


class RunManifest(BaseModel):
    source: str
    run_id: str
    arguments: dict[str, str] = Field(default_factory=dict)
    since: str | None = None
    replay: list[str] = Field(default_factory=list)
    started_at: str
    finished_at: str | None = None
    duration_s: float | None = None
    finish_reason: str | None = None
    warc_file: str | None = None
    counts: RunCounts = Field(default_factory=RunCounts)
    faults: list[Fault] = Field(default_factory=list)
    not_in_archive: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    status: Status = "failed"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def decide_status(self) -> Status:
        good = sum(n for s, n in self.counts.responses_by_status.items() if s.startswith(("2", "3")))
        if self.finish_reason not in ("finished", "quota") or (self.counts.requests and not good):
            return "failed"
        if any(f.kind == "start-failed" for f in self.faults):
            return "failed"
        if self.faults or self.finish_reason == "quota":
            return "partial"
        return "clean"


def worst_exit_code(manifests: list[RunManifest]) -> int:
    """One exit status for several runs: failed beats partial beats clean."""
    order = {"clean": 0, "partial": 1, "failed": 2}
    if not manifests:
        return EXIT_CODES["failed"]
    return EXIT_CODES[max((m.status for m in manifests), key=order.__getitem__)]
