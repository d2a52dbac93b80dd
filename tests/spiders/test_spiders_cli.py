"""``opentid crawl`` exit statuses and ``opentid fixture record``, run as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from spider_helpers import ROOT, SNAPSHOT, warc_records
from spider_server import SpiderTestServer


def opentid(*args: str) -> subprocess.CompletedProcess:
    # not ``-m datasets.cli``: as __main__ the module's UserError would be a second class
    entry = "from datasets.cli import main; raise SystemExit(main())"
    return subprocess.run([sys.executable, "-c", entry, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, check=False)


def test_crawl_exit_status_clean_and_failed(tmp_path: Path) -> None:
    ok = opentid("--data", str(tmp_path), "crawl", "wikipedia", "--replay", str(SNAPSHOT), "-a", "years=1970")
    assert ok.returncode == 0, ok.stderr
    assert "wikipedia: clean" in ok.stderr and "2 archived" in ok.stderr
    # the snapshot holds GED 23.1, not 25.1: nothing usable -> failed
    missing = opentid("--data", str(tmp_path), "crawl", "ucdp-ged", "--replay", str(SNAPSHOT), "-a", "version=25.1")
    assert missing.returncode == 1 and "ucdp-ged: failed" in missing.stderr


def test_crawl_usage_errors(tmp_path: Path) -> None:
    unknown = opentid("--data", str(tmp_path), "crawl", "no-such-source")
    assert unknown.returncode == 2 and "unknown source 'no-such-source'" in unknown.stderr
    bad_arg = opentid("--data", str(tmp_path), "crawl", "wikipedia", "-a", "years")
    assert bad_arg.returncode == 2 and "KEY=VALUE" in bad_arg.stderr
    no_archive = opentid("--data", str(tmp_path), "crawl", "wikipedia", "--replay", str(tmp_path / "none.warc.gz"))
    assert no_archive.returncode == 2 and "does not exist" in no_archive.stderr


def test_spider_that_cannot_start_fails_the_run(tmp_path: Path) -> None:
    result = opentid("--data", str(tmp_path), "crawl", "local")  # the local spider needs -a path=...
    assert result.returncode == 1 and "local: failed" in result.stderr


def test_fixture_record_writes_warc_and_attribution_stub(tmp_path: Path) -> None:
    with SpiderTestServer() as server:
        result = opentid("fixture", "record", "wikipedia", "--out", str(tmp_path), "-a", "years=1970",
                         "-a", f"api_endpoint={server.base}/w/api.php")
    assert result.returncode == 0, result.stderr
    [warc] = list(tmp_path.glob("wikipedia-*.warc.gz"))
    responses = [uri for t, uri in warc_records(warc) if t == "response"]
    assert len(responses) == 2 and any("action=parse" in u for u in responses)
    [stub] = list(tmp_path.glob("ATTRIBUTION-wikipedia-*.md"))
    text = stub.read_text(encoding="utf-8")
    assert "CC-BY-SA-4.0" in text and "Wikipedia contributors" in text and "action=parse" in text
