"""``opentid fixture record SOURCE [--out DIR] [-a key=value]``: for a maintainer with internet access.

Crawls SOURCE live into a scratch data folder and copies the run's WARC to
``DIR/<source>-<YYYYMMDD>.warc.gz`` with an ``ATTRIBUTION-<source>-<YYYYMMDD>.md`` stub (source,
licence, attribution, URLs, date). Keep fixtures small: limit the crawl with spider arguments
(e.g. ``-a years=1970``). Review the stub before committing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from datasets.source_registry import SourceError, load_source


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fixture", help="record live responses as a test fixture WARC",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    fsub = p.add_subparsers(dest="fixture_command", metavar="ACTION", required=True)
    rec = fsub.add_parser("record", help="crawl a source live and save its exchanges as a fixture WARC")
    rec.add_argument("source")
    rec.add_argument("--out", type=Path, default=Path("tests/fixtures/spiders"), help="output folder")
    rec.add_argument("-a", dest="spider_args", action="append", default=[], metavar="KEY=VALUE")
    rec.set_defaults(func=run)


def attribution_stub(source_name: str, warc_name: str, urls: list[str], when: str) -> str:
    s = load_source(source_name)
    lines = [
        f"# {warc_name}",
        "",
        f"- **Source:** {s.title} ({s.publisher}), {s.homepage}",
        f"- **Recorded:** {when} by `opentid fixture record {source_name}` (live crawl, responses unmodified).",
        f"- **Licence:** {s.licence.id} ({s.licence.url})",
        f"- **Attribution:** {s.licence.attribution.strip()}",
        "- **URLs:**",
        *[f"  - {u}" for u in urls],
        "",
        "TODO (maintainer): check the licence applies to every record and trim the fixture if it is large.",
        "",
    ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from datasets.cli import UserError
    from datasets.commands.crawl import parse_spider_args
    from spiders.index import read_captures
    from spiders.runner import crawl

    try:
        load_source(args.source)
    except SourceError as exc:
        raise UserError(str(exc)) from exc
    when = datetime.now(UTC)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="opentid-fixture-") as tmp:
        data = Path(tmp)
        [manifest] = crawl([args.source], data, spider_args=parse_spider_args(args.spider_args), resumable=False)
        if manifest.warc_file is None:
            raise UserError(f"the crawl of {args.source} wrote no archive (status {manifest.status})")
        name = f"{args.source}-{when:%Y%m%d}.warc.gz"
        shutil.copyfile(data / manifest.warc_file, args.out / name)
        urls = [c.url for c in read_captures(data / "archive" / "index.sqlite", run_id=manifest.run_id)]
    stub = args.out / f"ATTRIBUTION-{args.source}-{when:%Y%m%d}.md"
    stub.write_text(attribution_stub(args.source, name, urls, when.isoformat(timespec="seconds")), encoding="utf-8")
    print(f"wrote {args.out / name} ({len(urls)} captures, status {manifest.status}) and {stub}", file=sys.stderr)
    return manifest.exit_code
