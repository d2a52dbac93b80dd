"""One module per source format: turning ONE archived response into document rows.

A parser is a function ``parse(response: ArchivedResponse) -> list[dict]``; each dict holds the
document columns the format knows (``record_key`` always; ``title``, ``text``, ``published_at``,
``publisher``, ``language``, ``licence``, ``record`` as available). ``transforms/documents.py`` adds
the columns every document shares (doc_id, url, fetched_at, WARC location ...). A response a parser
cannot read raises ``ParseError`` with the reason; the caller records it as a fault.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class ParseError(ValueError):
    """The archived response is not what its parser expects (the message says what was wrong)."""


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    source: str
    fetched_at: datetime
    status: int
    content_type: str | None
    body: bytes
    content_sha256: str
    warc_file: str
    warc_record_id: str
    warc_offset: int


#: A parser as the documents transform calls it: ``parser(response, hints)``; ``hints`` is what the
#: transform knows from elsewhere (the feed entry listing the URL, the source definition's language) and
#: is ``None`` or a mapping with keys ``title``, ``published_at``, ``publisher``, ``language``.
Parser = Callable[..., list[dict]]

#: Source-name prefix → parser module (first match wins). Modules either define
#: ``parse(response: ArchivedResponse)`` or ``parse(body, *, url, source, content_type=None, hints=None)``.
PARSER_MODULES: list[tuple[str, str]] = [
    ("ucdp", "ucdp_ged"),
    ("wikipedia", "wikipedia_list"),
    ("wikinews-corpus", "wikinews_corpus"),
    ("wikinews", "wikinews"),
    ("wikidata", "wikidata"),
    ("gdelt", "gdelt_events"),
    ("local", "local_files"),
    ("files", "local_files"),
    ("news", "news_article"),
    ("feed", "news_article"),
    ("rss", "news_article"),
    ("page", "news_article"),  # ad-hoc page crawls (`opentid crawl page URL`): news-like pages
]


def _keyword_adapter(module_parse: Callable[..., list[dict]], takes_hints: bool) -> Parser:
    def parse(response: ArchivedResponse, hints: Mapping[str, Any] | None = None) -> list[dict]:
        extra = {"hints": hints} if takes_hints and hints else {}
        return module_parse(
            response.body,
            url=response.url,
            source=response.source,
            content_type=response.content_type,
            **extra,
        )

    return parse


def _response_adapter(module_parse: Callable[[ArchivedResponse], list[dict]]) -> Parser:
    def parse(response: ArchivedResponse, hints: Mapping[str, Any] | None = None) -> list[dict]:
        return module_parse(response)

    return parse


def parser_module(source: str) -> str | None:
    """The parser module name (``transforms.parsers.<name>``) for a source name, None when there is none."""
    for prefix, module_name in PARSER_MODULES:
        if source.startswith(prefix):
            return module_name
    return None


@functools.cache
def parser_for_source(source: str) -> Parser | None:
    """The parser of a source, called as ``parser(response, hints=None)`` (None = no parser)."""
    module_name = parser_module(source)
    if module_name is None:
        return None
    module = importlib.import_module(f"transforms.parsers.{module_name}")
    params = list(inspect.signature(module.parse).parameters)
    if params == ["response"]:
        return _response_adapter(module.parse)
    return _keyword_adapter(module.parse, "hints" in params)


def select_parser(response: ArchivedResponse) -> Parser | None:
    """The parser for a response, chosen by source name (None = no parser for that source)."""
    return parser_for_source(response.source)
