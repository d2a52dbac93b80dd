"""Build the bundled offline snapshot ``datasets/snapshot/opentid-snapshot.warc.gz`` (maintainer tool).

    python datasets/snapshot/build_snapshot.py /path/to/shared/sources

Each entry of ``ENTRIES`` puts one recorded real response at the LIVE URL the spiders request, as a
request + response record pair, so ``opentid crawl SOURCE --replay datasets/snapshot/opentid-snapshot.warc.gz``
runs the real spiders offline. Record ids and WARC-Dates are fixed and gzip members carry no timestamp,
so the build is byte-for-byte reproducible. Also writes ``MANIFEST.json`` (records, URLs, sha256).
Provenance and licence of each record: ``ATTRIBUTION.md`` (kept by hand, facts from SOURCES.md).

To add a record: append a ``SnapshotEntry`` (another helper may add Wikinews/GDELT/Wikidata records).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from spiders.mediawiki import api_url as mediawiki_url  # noqa: E402
from spiders.sources import ucdp_ged, wikinews_corpus  # noqa: E402
from spiders.warc import Exchange, WarcFile  # noqa: E402

SNAPSHOT = HERE / "opentid-snapshot.warc.gz"
MANIFEST = HERE / "MANIFEST.json"
SNAPSHOT_DATE = "2026-11-25T00:00:00.000000Z"
USER_AGENT = "OpenTID snapshot builder (recorded response re-filed at the live URL; see ATTRIBUTION.md)"
WIKI_API = "https://en.wikipedia.org/w/api.php"


def zip_single(member: str, date_time: tuple[int, int, int, int, int, int]) -> Callable[[bytes], bytes]:
    """A deterministic zip holding one file (the shape of the live GED download)."""

    def build(data: bytes) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            info = zipfile.ZipInfo(member, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        return buf.getvalue()

    return build


@dataclass(frozen=True)
class SnapshotEntry:
    source: str  # OpenTID source name
    url: str  # the live URL the spider requests
    file: str  # recorded file, relative to the SOURCES_DIR argument
    content_type: str
    warc_date: str  # when the content was recorded (best known)
    licence: str
    note: str  # provenance, written into the response record's WARC headers
    transform: Callable[[bytes], bytes] | None = None
    transform_note: str = ""
    extra_headers: tuple[tuple[str, str], ...] = field(default=())

    def record_ids(self) -> tuple[str, str]:
        base = f"opentid-snapshot:{self.url}"
        return (f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, base + '#response')}>",
                f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, base + '#request')}>")


ENTRIES: list[SnapshotEntry] = [
    SnapshotEntry(
        source="wikipedia",
        url=mediawiki_url(WIKI_API, {"action": "query", "prop": "links",
                                     "titles": "Template:Lists_of_Terrorist_Incidents", "pllimit": "max"}),
        file="wikipedia/enwiki_action-query_prop-links_Template_Lists_of_Terrorist_Incidents_2017-01.json",
        content_type="application/json; charset=utf-8",
        warc_date="2017-01-01T00:00:00.000000Z",
        licence="CC-BY-SA-3.0",
        note=("Real English Wikipedia API response (action=query&prop=links&titles=Template:Lists of Terrorist "
              "Incidents, pageid 17584796, about January 2017; 78 links, no continue), recorded in GitHub "
              "The-Catsby/Requiem@93e77fa06b1987c80c9c9c18c3c4930e8bdcfdaa src/jsonObj/PageList.js, JavaScript "
              "wrapper removed. Re-filed at the URL the OpenTID spider requests (maxlag, pllimit, format)."),
    ),
    SnapshotEntry(
        source="wikipedia",
        url=mediawiki_url(WIKI_API, {"action": "parse", "page": "List of terrorist incidents in 1970",
                                     "prop": "text|revid", "redirects": "1"}),
        file="wikipedia/enwiki_action-parse_List_of_terrorist_incidents_in_1970_rev739338921.json",
        content_type="application/json; charset=utf-8",
        warc_date="2017-01-01T00:36:50.000000Z",
        licence="CC-BY-SA-3.0",
        note=("Real English Wikipedia API response (action=parse, legacy formatversion=1: HTML in parse.text['*']; "
              "pageid 15293262, revision 739338921, parser cache 20170101003650; keys title/pageid/text only, the "
              "recorded call did not ask for revid), recorded in GitHub The-Catsby/Requiem@"
              "93e77fa06b1987c80c9c9c18c3c4930e8bdcfdaa src/jsonObj/PageContent.js, JavaScript wrapper removed. "
              "Re-filed at the URL the OpenTID spider requests."),
    ),
    SnapshotEntry(
        source="ucdp-ged",
        url=ucdp_ged.download_url("23.1"),
        file="ucdp/ucdp_ged_23_1_sample1000.csv",
        content_type="application/zip",
        warc_date="2026-01-23T00:00:00.000000Z",
        licence="CC-BY-4.0",
        note=("SAMPLE, not the full release: 1,000 real UCDP GED 23.1 events (49 GED columns) from the R package "
              "uncertainUCDP 0.7.6 (GitHub cran/uncertainUCDP@5307652184fcb979f544d8821b337575dfd86688 "
              "data/ucdpged.rda), converted from the R data file to CSV in the GED CSV layout (rdata 1.1.0; "
              "dates as 'YYYY-MM-DD 00:00:00.000'; sorted by date_start, id)."),
        transform=zip_single("GEDEvent_v23_1.csv", (2023, 6, 1, 0, 0, 0)),
        transform_note="zipped as GEDEvent_v23_1.csv (deterministic zip) to match the shape of the live download",
    ),
    *(
        SnapshotEntry(
            source="wikinews-corpus",
            url=wikinews_corpus.corpus_url(year),
            file=f"wikinews/wikinews_{year}.csv",
            content_type="text/plain; charset=utf-8",
            warc_date="2021-03-19T00:00:00.000000Z",
            licence="CC-BY-2.5",
            note=(f"Real file data/wikinews_{year}.csv of GitHub vanatteveldt/wikinews@{wikinews_corpus.COMMIT} "
                  "(English Wikinews articles of the year's date categories, url,date,title,text), byte for byte, "
                  "filed at its raw.githubusercontent.com URL for that commit."),
        )
        for year in (2019, 2020)
    ),
]


def build(sources_dir: Path, out: Path = SNAPSHOT, manifest_path: Path = MANIFEST,
          entries: list[SnapshotEntry] | None = None) -> dict:
    entries = ENTRIES if entries is None else entries
    records = []
    buf = io.BytesIO()
    warc = WarcFile(buf, compresslevel=9)
    warc.write_warcinfo({
        "software": "OpenTID datasets/snapshot/build_snapshot.py",
        "format": "WARC File Format 1.1",
        "isPartOf": "opentid-snapshot",
        "description": ("Bundled offline snapshot of openly licensed sources for OpenTID: recorded real responses "
                        "re-filed at the live URLs the spiders request. The UCDP record is a 1,000-event sample "
                        "converted from the uncertainUCDP package's R data file, not a full GED release. "
                        "Provenance and licences: datasets/snapshot/ATTRIBUTION.md."),
    }, date=SNAPSHOT_DATE, record_id=f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'opentid-snapshot:warcinfo')}>",
        filename=out.name)
    for entry in entries:
        raw = (sources_dir / entry.file).read_bytes()
        body = entry.transform(raw) if entry.transform else raw
        rid, qid = entry.record_ids()
        from urllib.parse import urlsplit

        extra = [("X-OpenTID-Source", entry.source), ("X-OpenTID-Licence", entry.licence),
                 ("X-OpenTID-Provenance", entry.note), ("X-OpenTID-Recorded-File-SHA256", hashlib.sha256(raw).hexdigest())]
        if entry.transform_note:
            extra.append(("X-OpenTID-Transform", entry.transform_note))
        ex = Exchange(
            url=entry.url, method="GET",
            request_headers=[("Host", urlsplit(entry.url).netloc), ("User-Agent", USER_AGENT),
                             ("Accept-Encoding", "identity")],
            request_body=b"", status=200,
            response_headers=[("Content-Type", entry.content_type), ("Content-Length", str(len(body))),
                              *entry.extra_headers],
            body=body, warc_date=entry.warc_date, response_record_id=rid, request_record_id=qid,
            extra_warc_headers=tuple(extra),
        )
        written, _ = warc.write_exchange(ex)
        records.append({
            "source": entry.source, "url": entry.url, "record_id": rid, "warc_date": entry.warc_date,
            "offset": written.offset, "length": written.length, "content_type": entry.content_type,
            "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest(), "recorded_file": entry.file,
            "recorded_file_sha256": hashlib.sha256(raw).hexdigest(), "licence": entry.licence,
        })
    data = buf.getvalue()
    out.write_bytes(data)
    manifest = {"file": out.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                "records": records}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources_dir", type=Path, help="folder of recorded sources (SOURCES.md beside it)")
    parser.add_argument("--out", type=Path, default=SNAPSHOT)
    args = parser.parse_args(argv)
    manifest = build(args.sources_dir, args.out, args.out.parent / MANIFEST.name)
    print(f"wrote {args.out} ({manifest['bytes']:,} bytes, {len(manifest['records'])} records, "
          f"sha256 {manifest['sha256'][:16]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
