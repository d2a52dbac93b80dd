"""A researcher's own collection: a folder, a single file, or an archive (zip, tar) of documents.

Every file is fetched through Scrapy's ``file://`` handler, so it passes through the same machinery as a
web page (archive, index, run manifest, faults, seen index): the rest of the pipeline cannot tell a local
file from a crawled page. Zip and tar files are archived whole; the documents transform
(``transforms/parsers/local_files.py``) reads their members. No network is used.

Arguments: ``path`` (a folder, walked recursively in name order, or one file), ``include`` (suffixes to
keep, default every file; hidden files and folders are always skipped). ``--since DATE`` keeps the files
modified on or after DATE. A file whose content is unchanged since its last archiving is recorded as a
``revisit`` by the archive, not stored twice.

Robots policy: not applicable — ``file://`` has no host and no robots.txt (``robots_txt = False``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import OpenTIDSpider, parse_list_arg


def collection_files(root: Path, include: list[str] | None = None) -> list[Path]:
    """The files of a collection (one file, or a folder's files recursively), sorted, hidden ones skipped."""
    root = root.expanduser().resolve()
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"local collection {root}: no such file or folder")
    suffixes = tuple(s.lower() if s.startswith(".") else "." + s.lower() for s in include or [])
    files = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        if suffixes and not p.name.lower().endswith(suffixes):
            continue
        files.append(p)
    return files


class LocalFilesSpider(OpenTIDSpider):
    name = "local"
    robots_txt = False
    robots_reason = "file:// only: there is no host and no robots.txt"

    def __init__(self, *args: Any, path: str | None = None, include: str | list[str] | None = None,
                 **kwargs: Any):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.path = Path(path) if path else None
        self.include = parse_list_arg(include)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.path is None:
            raise ValueError("local: no path (opentid crawl local PATH)")
        since = datetime.combine(self.since, datetime.min.time(), UTC).timestamp() if self.since else None
        for file in collection_files(self.path, self.include):
            if since is not None and file.stat().st_mtime < since:
                continue
            yield scrapy.Request(file.as_uri(), callback=self.parse_file)

    def parse_file(self, response: Response) -> Iterator[Any]:
        """Nothing to follow: the archive extension has stored the file; the transform reads it."""
        return iter(())
