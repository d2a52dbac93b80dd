"""One module per source format: turning ONE archived response into document rows.

A parser is a function ``parse(response: ArchivedResponse) -> list[dict]``; each dict holds the
document columns the format knows (``record_key`` always; ``title``, ``text``, ``published_at``,
``publisher``, ``language``, ``licence``, ``record`` as available). ``transforms/documents.py`` adds
the columns every document shares (doc_id, url, fetched_at, WARC location ...). A response a parser
cannot read raises ``ParseError`` with the reason; the caller records it as a fault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


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


Parser = Callable[[ArchivedResponse], list[dict]]

#: Source-name prefix → parser module (first match wins). Modules either define
#: ``parse(response: ArchivedResponse)`` or ``parse(body, *, url, source, content_type=None, hints=None)``.
PARSER_MODULES: list[tuple[str, str]] = [
    ("ucdp", "ucdp_ged"),
    ("wikipedia", "wikipedia_list"),
    ("wikinews", "wikinews"),
    ("wikidata", "wikidata"),
    ("gdelt", "gdelt_events"),
    ("local", "local_files"),
    ("files", "local_files"),
    ("news", "news_article"),
    ("feed", "news_article"),
    ("rss", "news_article"),
]


def _keyword_adapter(module_parse: Callable[..., list[dict]]) -> Parser:
    def parse(response: ArchivedResponse) -> list[dict]:
        return module_parse(
            response.body, url=response.url, source=response.source, content_type=response.content_type
        )

    return parse


def select_parser(response: ArchivedResponse) -> Parser | None:
    """The parser for a response, chosen by source name (None = no parser for that source)."""
    import importlib
    import inspect

    for prefix, module_name in PARSER_MODULES:
        if response.source.startswith(prefix):
            module = importlib.import_module(f"transforms.parsers.{module_name}")
            params = list(inspect.signature(module.parse).parameters)
            return module.parse if params == ["response"] else _keyword_adapter(module.parse)
    return None
