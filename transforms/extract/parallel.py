"""Streaming extraction over many documents, on several processes for large inputs.

The lexicon is built in the parent before the pool forks, so workers share it instead of rebuilding it.
Documents are sent in chunks and results come back in input order (``imap``), so output is deterministic
and memory stays flat however many documents stream through.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from transforms.extract.model import Document, Extractor, Mention

_WORKER: Extractor | None = None


def _init(extractor: Extractor) -> None:
    global _WORKER
    _WORKER = extractor


def _run(batch: list[Document]) -> list[list[Mention]]:
    assert _WORKER is not None
    return [_WORKER.extract(d) for d in batch]


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def extract_stream(
    extractor: Extractor, docs: Iterable[Document], workers: int | None = None, batch_size: int = 64
) -> Iterator[tuple[Document, list[Mention]]]:
    """(document, mentions) pairs in input order; ``workers`` > 1 uses a forked process pool."""
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        for d in docs:
            yield d, extractor.extract(d)
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(workers, initializer=_init, initargs=(extractor,)) as pool:
        batches = _batches(docs, batch_size)
        # keep the documents of in-flight batches only: imap consumes the generator lazily
        pending: list[list[Document]] = []

        def feed() -> Iterator[list[Document]]:
            for b in batches:
                pending.append(b)
                yield b

        for results in pool.imap(_run, feed(), chunksize=1):
            batch = pending.pop(0)
            yield from zip(batch, results, strict=True)
