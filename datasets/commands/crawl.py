"""``opentid crawl SOURCE [SOURCE ...] [--replay ARCHIVE] [--since DATE] [-a key=value]``.

Several sources run in one process, concurrently. Each run writes data/archive/SOURCE/RUN_ID.warc.gz,
rows in data/archive/index.sqlite and the manifest data/runs/SOURCE/RUN_ID.json; progress goes to stderr.

Exit status (for schedulers): 0 clean, 3 partial (some URLs failed, or a quota stopped the crawl; see
the run manifest's ``faults``), 1 failed (nothing usable fetched, or the spider could not run),
2 usage error. With several sources, the worst status wins. In a replay, URLs the archive does not
hold are listed in the manifest's ``not_in_archive`` and do not change the status.

Ad-hoc, without writing YAML:
  opentid crawl feed URL [URL ...]      a news feed (RSS/Atom) and its articles
  opentid crawl page URL [URL ...]      article pages, each fetched once
  opentid crawl local PATH              a folder or archive of documents you hold (no network)

Offline demo from the bundled snapshot:
  opentid crawl wikipedia ucdp-ged --replay datasets/snapshot/opentid-snapshot.warc.gz
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from datasets.source_registry import SourceError, load_source


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "crawl", help="crawl sources into the archive (WARC + index) and write run manifests",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="source name(s), see `opentid sources`")
    p.add_argument("--replay", action="append", type=Path, metavar="ARCHIVE",
                   help="serve responses from this WARC file or folder instead of the network (repeatable)")
    p.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                   help="only material changed or published on/after DATE (YYYY-MM-DD), as each spider supports")
    p.add_argument("-a", dest="spider_args", action="append", default=[], metavar="KEY=VALUE",
                   help="spider argument (repeatable), e.g. -a years=1970; given to every SOURCE of the command")
    p.add_argument("--resumable", action="store_true",
                   help="keep Scrapy's request queue on disk (data/state/SOURCE.job) so an interrupted crawl "
                        "resumes on the next run; costs a few ms per request")
    p.set_defaults(func=run)


def parse_spider_args(pairs: list[str]) -> dict[str, str]:
    from datasets.cli import UserError

    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UserError(f"spider argument {pair!r} is not KEY=VALUE")
        out[key.strip()] = value
    return out


#: ad-hoc sources: ``opentid crawl NAME ARG...`` passes the ARGs to this spider argument (comma-joined)
AD_HOC = {"feed": "feed_urls", "page": "urls", "local": "path"}


def ad_hoc_args(sources: list[str]) -> tuple[list[str], dict[str, str]]:
    """``feed URL...`` / ``page URL...`` / ``local PATH`` → (source names, spider arguments)."""
    from datasets.cli import UserError

    head, rest = sources[0], sources[1:]
    if head not in AD_HOC or not rest:
        return sources, {}
    if head in ("feed", "page"):
        bad = [u for u in rest if not u.startswith(("http://", "https://"))]
        if bad:
            raise UserError(f"`opentid crawl {head}` takes http(s) URLs; not URLs: {', '.join(bad)}")
    elif len(rest) != 1:
        raise UserError("`opentid crawl local` takes one PATH (a folder, file or archive)")
    return [head], {AD_HOC[head]: ",".join(rest)}


def run(args: argparse.Namespace) -> int:
    from datasets.cli import UserError
    from spiders.manifest import worst_exit_code
    from spiders.runner import crawl

    args.sources, ad_hoc = ad_hoc_args(args.sources)

    for name in args.sources:
        try:
            load_source(name)
        except SourceError as exc:
            raise UserError(str(exc)) from exc
    for path in args.replay or []:
        if not path.exists():
            raise UserError(f"replay archive {path} does not exist")
    manifests = crawl(args.sources, args.data, replay=args.replay, since=args.since,
                      spider_args={**parse_spider_args(args.spider_args), **ad_hoc}, progress_every=100,
                      resumable=args.resumable,
                      scrapy_log_level="DEBUG" if args.verbose else "WARNING")
    for m in manifests:
        c = m.counts
        print(f"{m.source}: {m.status} - {c.requests} requests, {c.archived} archived, "
              f"{c.skipped_unchanged} unchanged, {len(m.faults)} faults, {c.not_in_archive} not in archive; "
              f"manifest {Path(args.data) / 'runs' / m.source / (m.run_id + '.json')}", file=sys.stderr)
    return worst_exit_code(manifests)
