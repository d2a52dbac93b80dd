"""Every source YAML validates, agrees with its spider, and its spider yields first requests offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from spider_helpers import FIXTURES, ROOT, make_spider, start_requests

from datasets.source_registry import SourceError, _load_file, load_sources, source_files

SOURCES = load_sources()

#: Arguments a spider needs that its YAML cannot hold (the user gives them on the command line).
COMMAND_LINE_ARGS = {
    "local": {"path": str(FIXTURES)},
    "feed": {"feed_urls": "https://en.wikinews.org/w/index.php?title=Special:NewsFeed&feed=atom"},
    "page": {"urls": "https://en.wikinews.org/wiki/Four_stabbed_to_death_at_Paris_police_headquarters"},
}


def test_there_are_sources() -> None:
    names = {s.name for s in SOURCES}
    assert {"wikipedia", "ucdp-ged"} <= names
    assert len(SOURCES) == len(source_files())


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_source_spider_yields_first_requests_offline(source, tmp_path: Path) -> None:
    cls = source.spider_class()
    assert cls.robots_txt == (source.robots == "obey"), "YAML robots policy must match the spider's"
    assert cls.robots_reason
    assert source.licence.attribution.strip() and source.licence.url.strip()
    args = {**source.spider_args, **COMMAND_LINE_ARGS.get(source.name, {})}
    spider = make_spider(cls, tmp_path, source=source.model_dump(mode="json"), name=source.name, **args)
    requests = start_requests(spider)
    assert requests, f"{source.name}: no first request"
    for r in requests:
        assert r.url.startswith(("http://", "https://", "file://"))
        assert r.callback is not None


def test_invalid_yaml_is_reported_with_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("name: broken\ntitle: x\nkind: video\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        _load_file(bad)
    assert "broken.yaml" in str(err.value) and "kind" in str(err.value)


def test_name_must_match_file(tmp_path: Path) -> None:
    src = (ROOT / "datasets" / "sources" / "wikipedia.yaml").read_text(encoding="utf-8")
    other = tmp_path / "wiki.yaml"
    other.write_text(src, encoding="utf-8")
    with pytest.raises(SourceError, match="must equal the file name"):
        _load_file(other)


def test_sources_command_lists_every_source() -> None:
    out = subprocess.run([sys.executable, "-m", "datasets.cli", "sources"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    for s in SOURCES:
        line = next(ln for ln in out.splitlines() if ln.startswith(s.name + " "))
        assert s.licence.id in line and s.frequency in line and s.kind in line
