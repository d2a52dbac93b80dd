"""``opentid extract``: documents in, one row per incident out (GTD columns + evidence), as Parquet."""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="extract GTD-coded incidents from free text",
        description="Read documents (text, HTML, JSON lines, MUC-3/4 message files, WARC) and write one row per "
        "incident with the GTD columns the text supports and the evidence behind each value.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT", help="files or folders")
    p.add_argument("-o", "--out", type=Path, required=True, help="output Parquet file")
    p.add_argument("--format", default="auto", choices=["auto", "text", "html", "jsonl", "muc", "warc"])
    p.add_argument("--all", action="store_true", help="also write candidates that fail GTD's inclusion criteria")
    p.add_argument("--workers", type=int, default=None, help="processes (default: up to 2)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datasets.cli import UserError
    from transforms.extract.output import mention_row, write_parquet
    from transforms.extract.parallel import extract_stream
    from transforms.extract.readers import iter_documents
    from transforms.extract.rules import RuleExtractor

    for p in args.inputs:
        if not p.exists():
            raise UserError(f"{p}: no such file or folder; give text, HTML, JSON-lines, MUC or WARC files")
    extractor = RuleExtractor()
    name = f"{extractor.name}/{extractor.version}"
    counts = {"documents": 0, "rows": 0}
    started = time.perf_counter()

    def rows():
        try:
            for _doc, mentions in extract_stream(extractor, iter_documents(args.inputs, args.format), args.workers):
                counts["documents"] += 1
                for i, m in enumerate(mentions):
                    if m.included or args.all:
                        counts["rows"] += 1
                        yield mention_row(m, name, i)
        except (ValueError, FileNotFoundError) as exc:
            raise UserError(str(exc)) from exc

    write_parquet(rows(), args.out)
    secs = time.perf_counter() - started
    print(f"{counts['documents']} documents, {counts['rows']} incident rows → {args.out} ({secs:.1f} s)")
    return 0
