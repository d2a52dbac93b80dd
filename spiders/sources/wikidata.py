"""Wikidata items for terrorist attacks, through the Wikidata Query Service (SPARQL).

One GET per year (``start_year``, or the year of ``--since``, up to ``end_year``, default this year) to
``https://query.wikidata.org/sparql`` with ``Accept: application/sparql-results+json``: splitting by year
keeps each query well under the service's 60-second deadline. The query (:func:`sparql_query`) takes
instances of terrorist attack (Q2223653) **and** of the classes attacks are often typed as instead —
suicide attack (Q217327), bomb attack (Q891854), massacre (Q3199915) — and their subclasses, dated by
point in time (P585) or start time (P580), with coordinates, deaths, injured, country, location,
perpetrator and the English Wikipedia article. Massacre widens the net to events that are not terrorism
(the coding step decides; the class is kept in the record).

Etiquette (WDQS user manual): serial requests (one at a time, ``CONCURRENT_REQUESTS=1``), a descriptive
User-Agent, and on 429 the ``Retry-After`` honoured with backoff (``spiders.retry``); a client that ignores
it is banned. Each year's query is conditional, so an unchanged answer costs little.

Robots policy: **ignore**. The query service is an API governed by its own usage policy (above), not a
site to crawl; its robots.txt rules are written for page crawlers.

The documents transform (``transforms/parsers/wikidata.py``) groups the rows into one document per item.
Wikidata is CC0.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from spiders.base import OpenTIDSpider, parse_list_arg

ENDPOINT = "https://query.wikidata.org/sparql"
#: terrorist attack, suicide attack, bomb attack, massacre (ENDPOINTS.md)
ATTACK_CLASSES = ("Q2223653", "Q217327", "Q891854", "Q3199915")


def sparql_query(year: int, classes: tuple[str, ...] = ATTACK_CLASSES) -> str:
    """The SPARQL query for one year's attack items (variables read by ``transforms/parsers/wikidata.py``)."""
    values = " ".join(f"wd:{c}" for c in classes)
    return f"""SELECT ?e ?eLabel ?type ?typeLabel ?date ?start ?end ?coord ?deaths ?injured
       ?countryLabel ?locLabel ?perpLabel ?article WHERE {{
  VALUES ?class {{ {values} }}
  ?e wdt:P31 ?type . ?type wdt:P279* ?class .
  OPTIONAL {{ ?e wdt:P585 ?date }}
  OPTIONAL {{ ?e wdt:P580 ?start }}
  OPTIONAL {{ ?e wdt:P582 ?end }}
  BIND(COALESCE(?date, ?start) AS ?when)
  FILTER(BOUND(?when) && YEAR(?when) = {year})
  OPTIONAL {{ ?e wdt:P625 ?coord }}
  OPTIONAL {{ ?e wdt:P1120 ?deaths }}
  OPTIONAL {{ ?e wdt:P1339 ?injured }}
  OPTIONAL {{ ?e wdt:P17 ?country }}
  OPTIONAL {{ ?e wdt:P276 ?loc }}
  OPTIONAL {{ ?e wdt:P8031 ?perp }}
  OPTIONAL {{ ?article schema:about ?e ; schema:isPartOf <https://en.wikipedia.org/> }}
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en". }}
}}"""


class WikidataAttacksSpider(OpenTIDSpider):
    name = "wikidata"
    robots_txt = False
    robots_reason = ("the query service is an API with its own usage policy (serial requests, User-Agent, "
                     "Retry-After on 429), which this spider follows; robots.txt addresses page crawlers")  # fmt: skip
    custom_settings: ClassVar[dict[str, Any]] = {
        # WDQS: one query at a time per client; the 60 s budget per minute is shared by all of ours.
        "CONCURRENT_REQUESTS": 1,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_TIMEOUT": 90,
    }

    def __init__(self, *args: Any, start_year: int | str = 1970, end_year: int | str | None = None,
                 years: str | list[str] | None = None, endpoint: str = ENDPOINT,
                 classes: str | list[str] | None = None, **kwargs: Any):  # fmt: skip
        super().__init__(*args, **kwargs)
        first = self.since.year if self.since is not None else int(start_year)
        last = int(end_year) if end_year else datetime.now(UTC).year
        self.years = [int(y) for y in parse_list_arg(years)] or list(range(first, last + 1))
        self.endpoint = endpoint
        self.classes = tuple(parse_list_arg(classes)) or ATTACK_CLASSES

    def query_request(self, year: int) -> scrapy.Request:
        url = self.endpoint + "?" + urlencode({"query": sparql_query(year, self.classes), "format": "json"})
        return scrapy.Request(url, callback=self.parse_results, cb_kwargs={"year": year},
                              headers={"Accept": "application/sparql-results+json"},
                              meta={"conditional": True})  # fmt: skip

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for year in self.years:
            yield self.query_request(year)

    def parse_results(self, response: Response, year: int) -> None:
        """Checks the answer is SPARQL JSON (faults recorded otherwise); the archive stores it."""
        data = self.load_json(response)
        if data is None:
            return
        if not isinstance(data, dict) or "results" not in data:
            self.fault(response, "unexpected-shape", f"year {year}: no 'results' in the SPARQL answer")
            return
        self.note(f"year {year}: {len(data['results'].get('bindings') or [])} rows")
