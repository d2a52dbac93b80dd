"""The Wikinews corpus spider: pinned raw-file URLs, years from the YAML and ``--since``, the header check,
and a whole crawl replayed from the bundled snapshot (the real CSV files re-filed at their raw URLs)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from spider_helpers import SNAPSHOT, check_index_against_warc, make_spider, response_for, start_requests

from spiders.runner import crawl_in_subprocess
from spiders.sources.wikinews_corpus import COMMIT, WikinewsCorpusSpider, corpus_url

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "fixtures" / "sources" / "wikinews" / "articles.csv"


def test_corpus_url_is_pinned_to_a_commit() -> None:
    assert corpus_url(2019) == (
        f"https://raw.githubusercontent.com/vanatteveldt/wikinews/{COMMIT}/data/wikinews_2019.csv")
    assert corpus_url("2020", commit="abc", base="http://127.0.0.1:8000/") == (
        "http://127.0.0.1:8000/abc/data/wikinews_2020.csv")


def test_years_come_from_the_source_yaml_and_since_trims_them(tmp_path: Path) -> None:
    spider = make_spider(WikinewsCorpusSpider, tmp_path, source={"spider_args": {"years": [2020, 2019]}})
    assert [r.meta["corpus_year"] for r in start_requests(spider)] == [2019, 2020]
    assert all(r.meta["conditional"] for r in start_requests(spider))
    later = make_spider(WikinewsCorpusSpider, tmp_path, years="2019,2020,2021", since=date(2020, 6, 1))
    assert later.years() == [2020, 2021]


def test_a_body_that_is_not_the_corpus_csv_is_a_fault(tmp_path: Path) -> None:
    spider = make_spider(WikinewsCorpusSpider, tmp_path, years="2019")
    [request] = start_requests(spider)
    assert list(request.callback(response_for(request, ARTICLES.read_bytes(), content_type="text/plain"))) == []
    assert spider.recorded_faults == []
    error_page = b"404: Not Found"  # what raw.githubusercontent.com answers for a missing path
    list(request.callback(response_for(request, error_page, content_type="text/plain")))
    [(url, kind, message)] = spider.recorded_faults
    assert url == request.url and kind == "unexpected-shape" and "url,date,title,text" in message


def test_replay_of_the_snapshot_archives_both_years(tmp_path: Path) -> None:
    [run] = crawl_in_subprocess(["wikinews-corpus"], tmp_path, replay=SNAPSHOT)
    assert run.status == "clean" and run.counts.archived == 2 and run.faults == []
    rows = check_index_against_warc(tmp_path)
    manifest = json.loads((SNAPSHOT.parent / "MANIFEST.json").read_text(encoding="utf-8"))
    recorded = {r["url"]: r["sha256"] for r in manifest["records"] if r["source"] == "wikinews-corpus"}
    assert {r["url"]: r["content_sha256"] for r in rows} == recorded
    assert sorted(recorded) == [corpus_url(2019), corpus_url(2020)]
