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


def select_parser(response: ArchivedResponse) -> Parser | None:
    """The parser for a response, chosen by source name, then by content (None = no parser)."""
    from transforms.parsers import ucdp_ged, wikipedia_list

    if response.source.startswith("ucdp"):
        return ucdp_ged.parse
    if response.source.startswith("wikipedia"):
        return wikipedia_list.parse
    return None
