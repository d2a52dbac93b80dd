"""Document parsers of the news, Wikinews, GDELT, Wikidata and local sources, on the fixtures in
tests/fixtures/sources (real records; constructed shapes are described in its ATTRIBUTION.md)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from transforms.parsers import (
    ParseError,
    feed,
    gdelt_events,
    local_files,
    news_article,
    wikidata,
    wikinews,
    wikinews_corpus,
)

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
GDELT_ZIP = FIX / "gdelt" / "20191024143000.export.CSV.zip"


def _rows() -> list[dict[str, str]]:
    with open(FIX / "wikinews" / "articles.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _day(iso: str) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=UTC)


# -- news articles --------------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted((FIX / "news").glob("article_*.html")), ids=lambda p: p.stem)
def test_article_text_and_metadata(path: Path) -> None:
    idx, variant = int(path.stem.split("_")[1]), path.stem.split("_")[2]
    row = _rows()[idx]
    fetched_url = f"http://127.0.0.1:8080/{path.name}?utm_source=rss#top"
    [doc] = news_article.parse(path.read_bytes(), url=fetched_url, source="news-test")
    # main text: the article's paragraphs, not the navigation or the licence footer
    first_para = row["text"].split("\n\n")[1 if row["text"].startswith(("Monday", "Tuesday", "Wednesday",
                 "Thursday", "Friday", "Saturday", "Sunday")) else 0].strip()[:80]  # fmt: skip
    assert first_para in doc["text"]
    assert "Crime and law" not in doc["text"] and "CC BY 2.5" not in doc["text"]
    assert doc["title"].startswith(row["title"])
    if variant == "bare":  # nothing on the page: fetched URL (cleaned), host as publisher, no date
        assert doc["url"] == "http://127.0.0.1:8080/" + path.name
        assert doc["published_at"] is None and doc["language"] is None
        assert doc["publisher"] == "127.0.0.1"
    else:
        assert doc["url"] == row["url"].replace("//wiki/", "/wiki/")
        assert doc["published_at"] == _day(row["date"])
        assert doc["language"] == "en"
        assert doc["publisher"] == ("en.wikinews.org" if variant == "time" else "Wikinews")
    assert doc["record_key"] == f"news-test:{doc['url']}"


def test_feed_hint_is_the_last_resort_for_the_date() -> None:
    body = (FIX / "news" / "article_3_bare.html").read_bytes()
    hints = {"published_at": _day("2019-10-05"), "language": "en", "publisher": "Outlet"}
    [doc] = news_article.parse(body, url="http://127.0.0.1/a", source="n", hints=hints)
    assert (doc["published_at"], doc["language"], doc["publisher"]) == (_day("2019-10-05"), "en", "Outlet")
    # the page's own metadata beats the hint
    body = (FIX / "news" / "article_0_jsonld.html").read_bytes()
    [doc] = news_article.parse(
        body, url="http://127.0.0.1/a", source="n", hints={"published_at": _day("2000-01-01")}
    )
    assert doc["published_at"] == _day(_rows()[0]["date"])


def test_metadata_order_jsonld_over_opengraph_over_time() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type": ["NewsArticle"], "datePublished": '
        '"2019-01-27T08:45:00+08:00"}</script><meta property="article:published_time" content="2019-01-28">'
        '</head><body><time datetime="2019-01-29">x</time><p>Twin bombings struck the cathedral.</p></body></html>'
    )
    meta = news_article.extract_metadata(news_article.parse_tree(html.encode()), "http://h/x")
    assert meta["published_at"] == datetime(2019, 1, 27, 0, 45, tzinfo=UTC)
    meta = news_article.extract_metadata(
        news_article.parse_tree(html.replace("ld+json", "x").encode()), "http://h/x"
    )
    assert meta["published_at"] == _day("2019-01-28")


def test_charset_faults_and_empty_pages() -> None:
    text = (
        "<html><body><p>"
        + "Gdańsk mayor stabbed on stage during a charity event. " * 3
        + "</p></body></html>"
    )
    # the header says latin-1 but the body is UTF-8: the wrong charset is not trusted blindly
    [doc] = news_article.parse(
        text.encode("utf-8"), url="http://h/a", source="n", content_type="text/html; charset=iso-8859-1"
    )
    assert "Gdańsk" in doc["text"]
    # a legacy charset, declared in the header, or missing (cp1252 fallback keeps the text readable)
    [doc] = news_article.parse(
        text.encode("cp1250"), url="http://h/a", source="n", content_type="text/html; charset=windows-1250"
    )
    assert "Gdańsk" in doc["text"]
    [doc] = news_article.parse(text.replace("ń", "é").encode("cp1252"), url="http://h/a", source="n")
    assert "Gdaésk" in doc["text"]
    # a declared charset that cannot decode the bytes falls back instead of failing
    assert news_article.decode_html("café".encode("cp1252"), "text/html; charset=utf-8") == "café"
    assert news_article.parse(b"", url="http://h/a", source="n") == []
    assert news_article.parse(b"<html><body></body></html>", url="http://h/a", source="n") == []
    maintenance = b"<html><body><p>Down for maintenance</p></body></html>"
    assert news_article.parse(maintenance, url="http://h/a", source="n") == []


def test_canonical_url_and_language_tags() -> None:
    assert (
        news_article.canonical_url("HTTPS://Example.ORG//a//b?utm_source=x&id=3#frag")
        == "https://example.org/a/b?id=3"
    )
    assert news_article.canonical_url("/x", base="http://h/y/z") == "http://h/x"
    assert [news_article.normalise_language(v) for v in ("en-GB", "fr_FR", "EN", "english", None)] == [
        "en", "fr", "en", None, None,
    ]  # fmt: skip


# -- feeds ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["feed.rss", "feed.atom"])
def test_feed_entries(name: str) -> None:
    rows = _rows()
    parsed = feed.parse_feed((FIX / "news" / name).read_bytes(), url="https://en.wikinews.org/")
    assert parsed.language == "en" and parsed.title == "Wikinews"
    assert [e.link for e in parsed.entries] == [r["url"].replace("//wiki/", "/wiki/") for r in rows]
    assert [e.published_at for e in parsed.entries] == [_day(r["date"]) for r in rows]
    assert [e.title for e in parsed.entries] == [r["title"] for r in rows]
    hints = feed.hints_by_url([parsed])
    assert hints[parsed.entries[3].link]["published_at"] == _day(rows[3]["date"])


def test_truncated_feed_keeps_the_entries_before_the_break_and_rejects_non_feeds() -> None:
    body = (FIX / "news" / "feed.rss").read_bytes()
    cut = body[: body.index(b"<item>", body.index(b"<item>", body.index(b"<item>") + 1) + 1) + 20]
    parsed = feed.parse_feed(cut)
    assert len(parsed.entries) == 2
    with pytest.raises(ValueError, match="not rss"):
        feed.parse_feed(b"<html><body>Service unavailable</body></html>")
    with pytest.raises(ValueError):
        feed.parse_feed(b"")


# -- Wikinews -------------------------------------------------------------------------------------
API = "https://en.wikinews.org/w/api.php?action=parse&format=json&formatversion=2&page=X"


@pytest.mark.parametrize("idx", range(8))
def test_wikinews_parse_response(idx: int) -> None:
    row = _rows()[idx]
    [doc] = wikinews.parse(
        (FIX / "wikinews" / "api" / f"parse_{idx}.json").read_bytes(), url=API, source="wikinews"
    )
    assert doc["url"] == row["url"].replace("//wiki/", "/wiki/")
    assert doc["title"] == row["title"]
    assert doc["published_at"] == _day(row["date"])
    assert doc["publisher"] == "Wikinews" and doc["language"] == "en"
    assert " ".join(doc["text"].split()) == " ".join(row["text"].split())
    assert json.loads(doc["record"])["categories"]


def test_wikinews_dates_dateline_then_category() -> None:
    assert wikinews.dateline_date("Monday, January 28, 2019 \n\nTwin bombings") == _day("2019-01-28")
    assert wikinews.dateline_date("Twin bombings yesterday") is None
    assert wikinews.category_date(["Crime and law", "June_23,_2020"]) == _day("2020-06-23")


def test_wikinews_sources_section_is_not_text_and_discovery_gives_no_documents() -> None:
    html = (
        "<div class='mw-parser-output'><p>Friday, January 4, 2019</p><p>An apartment building collapsed.</p>"
        "<table class='infobox'><tr><td>Related</td></tr></table><h2><span class='mw-headline'>Sources</span>"
        "</h2><ul><li>Outlet article</li></ul></div>"
    )
    assert wikinews.body_text(html) == "Friday, January 4, 2019\n\nAn apartment building collapsed."
    members = (FIX / "wikinews" / "api" / "categorymembers_1.json").read_bytes()
    assert wikinews.parse(members, url=API.replace("action=parse", "action=query"), source="wikinews") == []
    with pytest.raises(ValueError, match="not JSON"):
        wikinews.parse(b'{"parse": {"title": "Tru', url=API, source="wikinews")


def test_wikinews_article_page_html() -> None:
    [doc] = wikinews.parse((FIX / "news" / "article_2_time.html").read_bytes(),
                           url="https://en.wikinews.org/wiki/X", source="wikinews")  # fmt: skip
    assert doc["publisher"] == "Wikinews"
    assert doc["title"] == _rows()[2]["title"]


# -- GDELT ----------------------------------------------------------------------------------------
CORPUS_URL = "https://raw.githubusercontent.com/vanatteveldt/wikinews/347254178bf3/data/wikinews_2019.csv"


def test_wikinews_corpus_file_gives_one_document_per_article() -> None:
    body = (FIX / "wikinews" / "articles.csv").read_bytes()
    docs = wikinews_corpus.parse(body, url=CORPUS_URL, source="wikinews-corpus")
    rows = _rows()
    assert len(docs) == len(rows) == 8
    for doc, row in zip(docs, rows, strict=True):
        assert doc["url"] == row["url"].replace("//wiki/", "/wiki/")  # the article, not the corpus file
        assert doc["record_key"] == f"wikinews-corpus:{row['title']}"
        assert doc["published_at"] == _day(row["date"])  # the dateline agrees with the date column here
        assert doc["text"] == row["text"].strip() and doc["licence"] == "CC-BY-2.5"
        record = json.loads(doc["record"])
        assert record["corpus_file"] == CORPUS_URL and record["row"] >= 2 and len(record["text_sha256"]) == 64


def test_wikinews_corpus_dateline_wins_over_the_date_column_and_bad_rows_are_counted() -> None:
    rows = _rows()[:2]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["url", "date", "title", "text"], lineterminator="\n")
    writer.writeheader()
    writer.writerow({**rows[0], "date": "2019-02-01"})
    writer.writerow({**rows[1], "text": ""})  # a row without text is skipped, and counted
    docs = wikinews_corpus.parse(out.getvalue().encode(), url=CORPUS_URL, source="wikinews-corpus")
    assert [d["published_at"] for d in docs] == [_day(rows[0]["date"])]
    assert json.loads(docs[0]["record"])["skipped_rows_after"] == 1


@pytest.mark.parametrize(("body", "message"), [
    (b"404: Not Found", "expected a CSV with columns url,date,title,text"),
    (b"<html><body>rate limited</body></html>", "expected a CSV"),
    (b"url,date,title,text\n", "no article"),
    (b"url,date,title,text\n\xff\xfe", "not UTF-8"),
])
def test_wikinews_corpus_faults(body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        wikinews_corpus.parse(body, url=CORPUS_URL, source="wikinews-corpus")


def test_wikinews_corpus_truncated_download_keeps_the_complete_articles() -> None:
    body = (FIX / "wikinews" / "articles.csv").read_bytes()
    docs = wikinews_corpus.parse(body[: len(body) // 2], url=CORPUS_URL, source="wikinews-corpus")
    complete = _rows()
    assert 1 <= len(docs) <= len(complete)
    assert [d["text"] for d in docs[:-1]] == [r["text"].strip() for r in complete[: len(docs) - 1]]


def test_gdelt_export_columns_and_filter() -> None:
    frame = gdelt_events.read_export(GDELT_ZIP.read_bytes())
    assert frame.shape == (2111, 61)
    kept = gdelt_events.attack_events(frame)
    codes = set(kept.get_column("EventCode").to_list())
    assert kept.height == 203
    assert all(c.startswith(gdelt_events.ATTACK_EVENT_CODES) for c in codes)
    assert not any(c.startswith(("184", "191", "192", "196", "201", "203")) for c in codes)
    assert set(frame.get_column("EventCode").to_list()) - codes  # most rows are dropped


def test_gdelt_documents() -> None:
    url = "http://data.gdeltproject.org/gdeltv2/20191024143000.export.CSV.zip"
    docs = gdelt_events.parse(GDELT_ZIP.read_bytes(), url=url, source="gdelt")
    assert len(docs) == 203 and len({d["record_key"] for d in docs}) == 203
    doc = docs[0]
    record = json.loads(doc["record"])
    assert doc["record_key"] == f"gdelt:{record['GLOBALEVENTID']}"
    assert doc["url"] == record["SOURCEURL"] and record["export_url"] == url
    assert doc["published_at"] == datetime(2019, 10, 24, 14, 30, tzinfo=UTC)
    assert len(record) == 62
    assert record["EventCode"] in doc["text"]
    urls = gdelt_events.source_urls(GDELT_ZIP.read_bytes())
    assert len(urls) == len(set(urls)) == len({d["url"] for d in docs})


def test_gdelt_faults() -> None:
    body = GDELT_ZIP.read_bytes()
    with pytest.raises(ValueError, match="damaged or truncated"):
        gdelt_events.read_export(body[: len(body) // 2])
    # the plain CSV works too, and a ragged last line does not lose the others
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        csv_bytes = zf.read(zf.namelist()[0])
    assert gdelt_events.read_export(csv_bytes + b"123\t2019").height == 2112


# -- Wikidata -------------------------------------------------------------------------------------
def test_wikidata_groups_rows_per_item() -> None:
    body = (FIX / "wikidata" / "sparql_attacks.json").read_bytes()
    docs = wikidata.parse(body, url="https://query.wikidata.org/sparql", source="wikidata")
    assert [d["title"] for d in docs] == ["Jolo Cathedral bombings", "Reading stabbing attack"]
    jolo = json.loads(docs[0]["record"])
    assert jolo["types"] == ["bomb attack", "terrorist attack"]
    assert jolo["deaths"] == [20] and jolo["injured"] == [111] and jolo["perpetrators"] == ["Abu Sayyaf"]
    assert "Date: 2019-01-27" in docs[0]["text"] and "Place: Jolo, Philippines" in docs[0]["text"]
    assert docs[0]["publisher"] == "Wikidata"


def test_wikidata_keys_and_points() -> None:
    assert (
        wikidata.item_key({"type": "uri", "value": "http://www.wikidata.org/entity/Q2223653"}) == "Q2223653"
    )
    assert wikidata.point("Point(121.0044 6.0535)") == [6.0535, 121.0044]
    assert wikidata.point("not a point") is None
    with pytest.raises(ValueError, match="not SPARQL"):
        wikidata.parse(b'{"error": "timeout"}', url="https://query.wikidata.org/sparql", source="wikidata")


# -- local collections ----------------------------------------------------------------------------
LOCAL = FIX / "local" / "collection"


def _local(name: str) -> list[dict]:
    path = LOCAL / name
    return local_files.parse(path.read_bytes(), url=path.as_uri(), source="local")


def test_local_plain_text_and_html() -> None:
    [txt] = _local("jolo-notes.txt")
    assert txt["title"] == _rows()[1]["title"] and "Jolo Cathedral" in txt["text"]
    [page] = _local("paris-article.html")
    assert page["published_at"] == _day(_rows()[3]["date"])


def test_local_jsonl_skips_broken_lines() -> None:
    docs = _local("articles.jsonl")
    rows = _rows()
    assert [d["url"] for d in docs] == [rows[4]["url"], rows[5]["url"]]
    assert docs[1]["published_at"] == _day(rows[5]["date"]) and docs[1]["language"] == "en"


def test_local_muc_messages() -> None:
    docs = _local("dev-muc3-0001-0002")
    assert [d["title"] for d in docs] == ["DEV-MUC3-0001", "DEV-MUC3-0002"]
    assert docs[0]["published_at"] == datetime(1990, 1, 3, tzinfo=UTC)
    assert docs[0]["text"].startswith("SAN SALVADOR, 3 JAN 90")
    assert json.loads(docs[0]["record"])["place"] == "SAN SALVADOR"
    dl = local_files.muc_dateline("LIMA, 12 APR 89 (EFE) -- [TEXT] THE POLICE")
    assert dl["publisher"] == "EFE" and dl["published_at"] == datetime(1989, 4, 12, tzinfo=UTC)
    # datelines as the MUC-3 DEV messages write them (one per variant)
    dl = local_files.muc_dateline("PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] DEPORTED")
    assert (dl["place"], dl["published_at"]) == ("PERTH (AUSTRALIA)", datetime(1989, 6, 11, tzinfo=UTC))
    assert local_files.muc_dateline("BOGOTA, 18 APRIL 89 (AFP) -- [TEXT] X")["published_at"] == datetime(
        1989, 4, 18, tzinfo=UTC
    )
    assert local_files.muc_dateline("BOGOTA, 27 APR 90 [INRAVISION TELEVISION CADENA 1) -- [SPEECH]")[
        "publisher"
    ] == ("INRAVISION TELEVISION CADENA 1")
    assert local_files.muc_dateline("TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] A BOMB")["published_at"] is None
    assert local_files.muc_dateline("SAN SALVADOR, NO DATE -- [SPEECH]")["published_at"] is None


def test_local_warc_records() -> None:
    docs = _local("crawled.warc.gz")
    rows = _rows()
    assert [d["url"] for d in docs] == [
        rows[0]["url"].replace("//wiki/", "/wiki/"), rows[2]["url"].replace("//wiki/", "/wiki/"), "file:///notes/pelosi.txt",
    ]  # fmt: skip
    assert docs[2]["text"].startswith("Friday, January 4, 2019")


def test_local_binary_files_give_nothing() -> None:
    assert local_files.parse(b"%PDF-1.4\x00\x01binary", url="file:///x/report.pdf", source="local") == []


def test_local_zip_members_and_damaged_archive() -> None:
    path = FIX / "local" / "collection.zip"
    docs = local_files.parse(path.read_bytes(), url=path.as_uri(), source="local")
    members = {d["url"].split("#", 1)[1] for d in docs if d["url"].startswith("file:")}
    assert members == {
        "collection/jolo-notes.txt",
        "collection/dev-muc3-0001-0002#DEV-MUC3-0001",
        "collection/dev-muc3-0001-0002#DEV-MUC3-0002",
    }
    # the HTML member names its canonical URL, as a crawled page would
    assert _rows()[3]["url"].replace("//wiki/", "/wiki/") in {d["url"] for d in docs}
    with pytest.raises(ValueError, match="unreadable archive"):
        local_files.parse(path.read_bytes()[:300], url=path.as_uri(), source="local")


def test_non_pages_give_no_documents() -> None:
    robots = b"User-agent: *\nDisallow: /private/\n"
    assert news_article.parse(robots, url="https://h/robots.txt", source="n", content_type="text/plain") == []
    rss = (FIX / "news" / "feed.rss").read_bytes()
    assert news_article.parse(rss, url="https://h/feed", source="n", content_type="application/rss+xml") == []
    assert gdelt_events.parse(b"1 2 http://x/20191024143000.export.CSV.zip\n", url="http://h/gdeltv2/lastupdate.txt",
                              source="gdelt", content_type="text/plain") == []  # fmt: skip
    page = (FIX / "news" / "article_0_jsonld.html").read_bytes()
    [doc] = gdelt_events.parse(page, url="https://outlet.example/a", source="gdelt", content_type="text/html")
    assert doc["record_key"].startswith("gdelt:https://")


def test_http_block_of_a_file_response_record_is_stripped() -> None:
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    assert local_files.strip_http_block(raw, "file:///x/a.txt") == b"hello"
    assert local_files.strip_http_block(raw, "https://h/a.txt") == raw


def test_hints_from_the_archived_responses_of_a_source() -> None:
    rss = (FIX / "news" / "feed.rss").read_bytes()
    page = (FIX / "news" / "article_3_bare.html").read_bytes()
    hints = feed.hints_from_responses(
        [("https://h/feed", rss), ("https://h/a", page), ("https://h/x", b"<rss")]
    )
    row = _rows()[3]
    hint = hints[news_article.canonical_url(row["url"])]
    [doc] = news_article.parse(page, url=row["url"], source="n", hints=hint)
    assert doc["published_at"] == _day(row["date"]) and doc["language"] == "en"
