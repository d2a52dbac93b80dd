"""UCDP Georeferenced Event Dataset (GED) responses → one document per GED event.

Accepts the GED CSV (the bulk download's layout, 49 columns; also inside a .zip), and the UCDP API's
JSON page (``{"TotalCount", ..., "Result": [GED rows]}``). Every native field is kept, raw, in the
document's ``record`` JSON (strings as written; the coder casts them); ``record_key`` is
``ucdp-ged:<id>`` (GED's own event id). All events are kept here; choosing which ones are terrorism
(one-sided violence by non-state actors) is the coder's job (``transforms/code/ucdp_ged.py``).
"""

from __future__ import annotations

import io
import json
import zipfile

import polars as pl

from transforms.parsers import ArchivedResponse, ParseError

#: Columns a GED record must have for the coder to work with it.
REQUIRED = ("id", "type_of_violence", "side_a", "date_start", "country", "best")
LICENCE = "CC BY 4.0 (UCDP)"
CITATION = "Sundberg & Melander (2013), Introducing the UCDP Georeferenced Event Dataset, JPR 50(4)"


def _csv_rows(data: bytes) -> list[dict[str, str | None]]:
    try:
        frame = pl.read_csv(io.BytesIO(data), infer_schema=False, raise_if_empty=True)
    except Exception as exc:  # noqa: BLE001 - polars raises several error types for bad CSV
        raise ParseError(f"response is not a readable CSV: {exc}") from exc
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ParseError(f"CSV lacks the GED columns {missing}; is this a GED file (or an error page)?")
    return frame.to_dicts()


def _rows(response: ArchivedResponse) -> list[dict]:
    body = response.body
    if body[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith(".csv")]
                if not names:
                    raise ParseError("zip archive contains no .csv file")
                return _csv_rows(zf.read(sorted(names)[0]))
        except zipfile.BadZipFile as exc:
            raise ParseError(f"response looks like a zip file but is not one: {exc}") from exc
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParseError(f"response is not valid JSON: {exc}") from exc
        result = data.get("Result") if isinstance(data, dict) else data
        if not isinstance(result, list):
            raise ParseError("JSON has no 'Result' list (expected a UCDP API page)")
        return [r for r in result if isinstance(r, dict)]
    return _csv_rows(body)


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse(response: ArchivedResponse) -> list[dict]:
    rows = _rows(response)
    if rows:
        missing = [c for c in REQUIRED if c not in rows[0]]
        if missing:
            raise ParseError(f"GED records lack columns {missing}; is this a GED file?")
    docs = []
    for row in rows:
        record = {k: _as_text(v) for k, v in row.items()}
        if not record.get("id"):
            continue
        headline = record.get("source_headline") or record.get("dyad_name") or ""
        docs.append(
            {
                "record_key": f"ucdp-ged:{record['id']}",
                "title": f"UCDP GED event {record['id']}: {record.get('dyad_name') or ''}".strip(),
                "publisher": "Uppsala Conflict Data Program (UCDP)",
                "language": "en",
                "licence": LICENCE,
                "text": " | ".join(
                    t for t in (headline, record.get("where_description"), record.get("source_article")) if t
                ),
                "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
            }
        )
    return docs
