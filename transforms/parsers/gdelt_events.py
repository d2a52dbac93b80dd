"""GDELT 2.0 Events export (15-minute ``*.export.CSV.zip``) → one weak structured document per attack event.

The export is tab-separated, has no header and 61 columns (:data:`COLUMNS`, GDELT 2.0 Event codebook).
GDELT codes events machine-read from news with CAMEO; most rows are statements, meetings and protests.
We keep the rows whose ``EventCode`` starts with one of :data:`ATTACK_EVENT_CODES`:

- **18x Assault**, all of it except 184 (*use as human shield*): 180 unconventional violence, 181 abduct /
  hijack / take hostage, 182 physically assault (1821-1823), 183 non-military bombing (1831 suicide,
  1832 vehicular, 1833 roadside, 1834 location bombing), 185 attempted and 186 assassination —
  the acts GTD's attack types describe;
- **19x Fight**, only 190 (*use conventional military force*, GDELT's catch-all for armed attacks),
  193 (*small arms and light weapons*), 194 (*artillery and tanks*) and 195 (*aerial weapons*, including
  drones); 191 blockade, 192 occupation and 196 cease-fire violation describe no attack of their own;
- **20x Unconventional mass violence**: 200, 202 (*mass killings*) and 204 (*weapons of mass destruction*);
  201 expulsion and 203 ethnic cleansing are state policies, not attacks.

GDELT cannot tell terrorism from war: a kept row is a *weak* document (a lead), and the article at its
``SOURCEURL`` — fetched by the GDELT spider as discovery — is where the incident is read. Only the URL of
that article is stored here: the articles are third-party and copyrighted.

The document's ``url`` is the row's ``SOURCEURL`` (what the row codes), ``record_key`` is
``<source>:<GLOBALEVENTID>``, ``published_at`` is ``DATEADDED`` (when GDELT first saw the report) and
``record`` holds all 61 native fields as GDELT wrote them plus ``export_url``.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from transforms.parsers import news_article

#: The GDELT 2.0 Events columns, in file order.
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(
        f"{a}{c}"
        for a in ("Actor1", "Actor2")
        for c in (
            "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
            "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
        )
    ),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(
        f"{g}_{c}"
        for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

LICENCE = "LicenseRef-GDELT"

#: EventCode prefixes kept as attack-related (see module docstring for the choice).
ATTACK_EVENT_CODES: tuple[str, ...] = (
    "180", "181", "182", "183", "185", "186",
    "190", "193", "194", "195",
    "200", "202", "204",
)  # fmt: skip

#: CAMEO labels of the kept codes (CAMEO 1.1b3 codebook), for the document's text.
CAMEO_LABELS: dict[str, str] = {
    "180": "use unconventional violence",
    "181": "abduct, hijack, or take hostage",
    "182": "physically assault",
    "1821": "sexually assault",
    "1822": "torture",
    "1823": "kill by physical assault",
    "183": "conduct suicide, car, or other non-military bombing",
    "1831": "carry out suicide bombing",
    "1832": "carry out vehicular bombing",
    "1833": "carry out roadside bombing",
    "1834": "carry out location bombing",
    "185": "attempt to assassinate",
    "186": "assassinate",
    "190": "use conventional military force",
    "193": "fight with small arms and light weapons",
    "194": "fight with artillery and tanks",
    "195": "employ aerial weapons",
    "1951": "employ precision-guided aerial munitions",
    "1952": "employ remotely piloted aerial munitions",
    "200": "use unconventional mass violence",
    "202": "engage in mass killings",
    "204": "use weapons of mass destruction",
    "2041": "use chemical, biological, or radiological weapons",
    "2042": "detonate nuclear weapons",
}


def read_export(body: bytes) -> pl.DataFrame:
    """An export body (the zip GDELT publishes, or the CSV inside it) → all rows, every column a string.

    Raises ``ValueError`` naming the problem when the zip is truncated or holds no CSV.
    """
    if body[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith(".csv")]
                if not names:
                    raise ValueError("GDELT export zip holds no .CSV member")
                body = zf.read(names[0])
        except (zipfile.BadZipFile, EOFError) as exc:
            raise ValueError(f"GDELT export zip is damaged or truncated: {exc}") from exc
    if not body.strip():
        return pl.DataFrame(schema={c: pl.String for c in COLUMNS})
    return pl.read_csv(
        body,
        separator="\t",
        has_header=False,
        new_columns=list(COLUMNS),
        schema_overrides={c: pl.String for c in COLUMNS},
        quote_char=None,
        truncate_ragged_lines=True,
        encoding="utf8-lossy",
        infer_schema=False,
    )


def attack_events(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows whose EventCode is attack-related and that name a source article."""
    return frame.filter(
        pl.any_horizontal(pl.col("EventCode").str.starts_with(code) for code in ATTACK_EVENT_CODES)
        & pl.col("SOURCEURL").str.starts_with("http")
    )


def source_urls(body: bytes) -> list[str]:
    """The distinct SOURCEURLs of the kept events, in file order (the article spider's discovery list)."""
    return attack_events(read_export(body)).get_column("SOURCEURL").unique(maintain_order=True).to_list()


def _label(code: str) -> str:
    for n in (4, 3):
        if code[:n] in CAMEO_LABELS:
            return CAMEO_LABELS[code[:n]]
    return f"CAMEO {code}"


def _describe(row: dict[str, str | None]) -> str:
    """A one-sentence rendering of the coded row (actor, action, target, place, date)."""
    actor1 = row["Actor1Name"] or "unnamed actor"
    actor2 = row["Actor2Name"]
    place = row["ActionGeo_FullName"]
    sql = row["SQLDATE"] or ""
    date = f"{sql[:4]}-{sql[4:6]}-{sql[6:8]}" if len(sql) == 8 else "unknown date"
    parts = [f"{actor1} ({row['Actor1Code'] or '-'}): {_label(row['EventCode'] or '')}"]
    if actor2:
        parts.append(f" against {actor2} ({row['Actor2Code'] or '-'})")
    if place:
        parts.append(f" in {place}")
    parts.append(f", event date {date}; CAMEO {row['EventCode']}, {row['NumArticles']} article(s).")
    return "".join(parts)


def _dateadded(value: str | None) -> datetime | None:
    try:
        return datetime.strptime(value or "", "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def parse(
    body: bytes,
    *,
    url: str,
    source: str,
    content_type: str | None = None,
    hints: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One archived response of the gdelt source → documents.

    An export file gives its attack-related events (see module docstring); an article page fetched as
    discovery is read like any news article; the file lists and robots.txt give none.
    """
    path = urlsplit(url).path.lower()
    if not path.endswith((".export.csv.zip", ".export.csv")):
        return news_article.parse(body, url=url, source=source, content_type=content_type, hints=hints)
    kept = attack_events(read_export(body))
    docs: list[dict[str, Any]] = []
    for row in kept.iter_rows(named=True):
        source_url = row["SOURCEURL"]
        docs.append(
            {
                "record_key": f"{source}:{row['GLOBALEVENTID']}",
                "url": source_url,
                "title": f"{_label(row['EventCode'] or '').capitalize()}"
                + (f" in {row['ActionGeo_FullName']}" if row["ActionGeo_FullName"] else ""),
                "publisher": urlsplit(source_url).hostname,
                "published_at": _dateadded(row["DATEADDED"]),
                "language": "en",
                "text": _describe(row),
                "licence": LICENCE,
                "record": json.dumps({**row, "export_url": url}, ensure_ascii=False, sort_keys=True),
            }
        )
    return docs
