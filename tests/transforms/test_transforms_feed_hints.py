"""Parser registry coverage and feed-date fallback in the documents transform."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from transforms_archive import Exchange, write_archive

from transforms.documents import build_documents, is_feed_capture
from transforms.parsers import PARSER_MODULES, parser_for_source, parser_module
from transforms.pipeline import run_transform

REPO = Path(__file__).resolve().parents[2]
NEWS = REPO / "tests" / "fixtures" / "sources" / "news"
PARIS = "https://en.wikinews.org/wiki/Four_stabbed_to_death_at_Paris_police_headquarters"
PELOSI = "https://en.wikinews.org/wiki/Nancy_Pelosi_again_elected_Speaker_as_116th_U.S._Congress_sworn_in"
MOKHA = "https://en.wikinews.org/wiki/Mokha,_Yemen_bomb_kills_photojournalist,_at_least_five_others"


@pytest.mark.parametrize("path", sorted((REPO / "datasets" / "sources").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_source_definition_has_a_parser(path: Path) -> None:
    name = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
    assert parser_module(name) is not None, f"no parser prefix in PARSER_MODULES matches source {name!r}"
    assert callable(parser_for_source(name))


def test_every_registered_parser_module_imports() -> None:
    for prefix, _ in PARSER_MODULES:
        assert callable(parser_for_source(prefix)), prefix


def test_page_crawls_are_news_articles() -> None:
    assert parser_module("page") == "news_article"


def _news_archive(data_dir: Path, source: str, with_feed: bool = True) -> None:
    exchanges = []
    if with_feed:
        exchanges.append(
            Exchange(
                source,
                "https://en.wikinews.org/feed.rss",
                (NEWS / "feed.rss").read_bytes(),
                "application/rss+xml; charset=utf-8",
                "2026-11-20T09:00:00Z",
            )
        )
    for url, name in (
        (PARIS, "article_3_bare.html"),
        (PELOSI, "article_7_bare.html"),
        (MOKHA, "article_2_time.html"),
    ):
        exchanges.append(
            Exchange(
                source, url, (NEWS / name).read_bytes(), "text/html; charset=utf-8", "2026-11-20T10:00:00Z"
            )
        )
    write_archive(data_dir, exchanges)


def _dates(frame) -> dict[str, str | None]:  # noqa: ANN001
    return {
        row["url"]: (str(row["published_at"])[:10] if row["published_at"] is not None else None)
        for row in frame.iter_rows(named=True)
    }


@pytest.mark.parametrize("source", ["news-test", "page"])
def test_article_without_a_date_gets_the_feed_date(tmp_path: Path, source: str) -> None:
    _news_archive(tmp_path, source)
    frame = build_documents(tmp_path).frames[source]
    dates = _dates(frame)
    assert dates[PARIS] == "2019-10-05"  # the page states no date; the RSS item's pubDate does
    assert dates[PELOSI] == "2019-01-04"
    assert dates[MOKHA] == "2019-01-30"  # from the page's own <time datetime>
    assert frame.height == 3  # the feed itself is discovery, not a document


def test_without_the_feed_the_bare_pages_have_no_date(tmp_path: Path) -> None:
    _news_archive(tmp_path, "news-test", with_feed=False)
    dates = _dates(build_documents(tmp_path).frames["news-test"])
    assert dates[PARIS] is None and dates[PELOSI] is None
    assert dates[MOKHA] == "2019-01-30"


def test_source_hints_give_defaults_that_the_feed_overrides(tmp_path: Path) -> None:
    _news_archive(tmp_path, "news-test", with_feed=False)
    hints = {"news-test": {"language": "en", "publisher": "Wikinews"}}
    frame = build_documents(tmp_path, source_hints=hints).frames["news-test"]
    assert set(frame["publisher"].to_list()) == {"Wikinews"}
    assert set(frame["language"].to_list()) == {"en"}
    report = run_transform(tmp_path, previous_release=None, source_hints=hints)
    assert report.documents["news-test"] == 3


def test_feed_capture_detection() -> None:
    assert is_feed_capture({"url": "https://x.org/a", "content_type": "application/rss+xml"})
    assert is_feed_capture({"url": "https://x.org/a", "content_type": "text/xml; charset=utf-8"})
    assert not is_feed_capture({"url": "https://x.org/a.xml", "content_type": "application/xhtml+xml"})
    assert not is_feed_capture({"url": "https://x.org/a", "content_type": "text/html"})
    assert is_feed_capture({"url": "https://x.org/news/rss.xml", "content_type": None})
    assert not is_feed_capture({"url": "https://x.org/news/story", "content_type": None})


def test_transform_command_takes_outlet_defaults_from_the_source_yamls() -> None:
    from datasets.commands.transform import source_hints

    hints = source_hints(None)
    assert hints["news-bbc-world"] == {"language": "en", "publisher": "BBC"}
    assert "wikipedia" not in hints and "ucdp-ged" not in hints  # structured sources need no defaults
    assert set(source_hints(["wikinews"])) <= {"wikinews"}
