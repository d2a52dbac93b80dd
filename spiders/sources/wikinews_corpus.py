"""Wikinews article corpora published as CSV files (``url,date,title,text``, one article per row).

The first such corpus is Wouter van Atteveldt's English Wikinews collection on GitHub
(``vanatteveldt/wikinews``: ``data/wikinews_<year>.csv``, articles of the date categories of that year,
CC BY 2.5 like Wikinews itself). Fetching the CSV gives whole years of plain-text articles in one
request, where the ``wikinews`` spider needs two API calls per article; the article URLs inside the file
stay the documents' URLs, so provenance points at Wikinews, not at the mirror.

Arguments: ``years`` (comma-separated or a list; default the years the source YAML names), ``commit``
(the repository commit to read; pinned so a rebuild reads the same files), ``base`` (the raw-file base
URL, for a mirror or a local test server). The spider only archives the files; the documents transform
(``transforms/parsers/wikinews_corpus.py``) splits them into articles. ``--since DATE`` skips the years
before DATE's year (a year file is fetched whole).

Robots policy: obey. raw.githubusercontent.com serves files for download; we ask its robots.txt like
any host and respect it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from spiders.base import OpenTIDSpider, parse_list_arg

RAW_BASE = "https://raw.githubusercontent.com/vanatteveldt/wikinews/"
#: the commit the bundled snapshot was recorded from (2021-03-19)
COMMIT = "347254178bf343f3801aac1d03c41cc09c35decb"
#: the CSV header every corpus file starts with
HEADER = ("url", "date", "title", "text")


def corpus_url(year: int | str, commit: str = COMMIT, base: str = RAW_BASE) -> str:
    """The raw CSV of one year: ``.../<commit>/data/wikinews_<year>.csv``."""
    return f"{base}{commit}/data/wikinews_{int(year)}.csv"


class WikinewsCorpusSpider(OpenTIDSpider):
    name = "wikinews-corpus"
    robots_txt = True
    robots_reason = "raw.githubusercontent.com is an ordinary public host: its robots.txt says what we may fetch"

    def __init__(self, *args: Any, years: str | list[str] | None = None, commit: str = COMMIT,
                 base: str = RAW_BASE, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.years_arg = parse_list_arg(years)
        self.commit = commit
        self.base = base

    def years(self) -> list[int]:
        """The years to fetch: the argument, else the source YAML's ``spider_args.years``; ``--since`` trims."""
        raw = self.years_arg or parse_list_arg((self.source.get("spider_args") or {}).get("years"))
        try:
            years = sorted({int(y) for y in raw})
        except ValueError as exc:
            raise ValueError(f"wikinews-corpus: years must be four-digit years, got {raw!r}") from exc
        if self.since is not None:
            years = [y for y in years if y >= self.since.year]
        return years

    async def start(self) -> AsyncIterator[scrapy.Request]:
        years = self.years()
        if not years:
            self.note("wikinews-corpus: no years to fetch (give -a years=2019,2020)")
        for year in years:
            yield scrapy.Request(corpus_url(year, self.commit, self.base), callback=self.parse,
                                 meta={"conditional": True, "corpus_year": year})

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """The archive keeps the file; here only check that it is the corpus CSV and not an error page."""
        first_line = response.body[:200].split(b"\n", 1)[0].strip().decode("utf-8-sig", "replace")
        if tuple(c.strip().strip('"') for c in first_line.split(",")) != HEADER:
            self.fault(response, "unexpected-shape",
                       f"expected a CSV with header {','.join(HEADER)}, got {first_line[:80]!r}")
        yield from ()
