"""Streaming extraction over many documents, on several processes for large inputs.

The lexicon is built in the parent before the pool forks, so workers share it instead of rebuilding it.
Documents are sent in chunks and results come back in input order (``imap``), so output is deterministic
and memory stays flat however many documents stream through.

The parent freezes its objects (``gc.freeze``) while the pool forks: a worker's garbage collector then never
walks the lexicon and gazetteers it inherited. Walking them wrote to every object's header, so each worker
copied most of the parent's heap page by page and spent its time in collections of objects that live for the
whole run (about a quarter of the workers' time on MUC-4 DEV, measured by ``benchmarks/bench_gc_freeze.py``).
"""

from __future__ import annotations

import gc
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
    extractor: Extractor, docs: Iterable[Document], workers: int | None = None, batch_size: int = 64,
    freeze: bool = True,
) -> Iterator[tuple[Document, list[Mention]]]:
    """(document, mentions) pairs in input order; ``workers`` > 1 uses a forked process pool.

    ``freeze=False`` forks without freezing (only for the benchmark that measures what freezing saves).
    """
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if workers <= 1 or "fork" not in mp.get_all_start_methods():
        for d in docs:
            yield d, extractor.extract(d)
        return
    ctx = mp.get_context("fork")
    if freeze:
        gc.freeze()
    try:
        pool = ctx.Pool(workers, initializer=_init, initargs=(extractor,))
    finally:
        if freeze:
            gc.unfreeze()  # the parent's own objects are collected as before; the workers keep theirs frozen
    with pool:
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
