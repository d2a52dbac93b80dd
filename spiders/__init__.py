"""OpenTID spiders: fetch, follow and archive public sources (Scrapy). They never parse content into
documents; ``transforms/documents`` reads the archive.

How a crawl works
-----------------
``spiders.runner.crawl(sources, data_dir, replay=None, since=None, spider_args=None)`` (or
``opentid crawl SOURCE``) runs each source's spider with the shared settings of ``spiders.settings``:

- ``spiders.archiving.ArchiveExtension`` appends every exchange (request + response records, body as
  sent) to ``data/archive/<source>/<run_id>.warc.gz`` and indexes it in ``data/archive/index.sqlite``
  (``captures``), from a writer thread; unchanged bodies become 304s (conditional requests) or revisit
  records, never copies; a local ``file://`` capture is one ``resource`` record. ``spiders.warc`` writes
  the records, ``spiders.index`` the index.
- ``spiders.run.RunRecorder`` counts and writes ``data/runs/<source>/<run_id>.json`` (``spiders.manifest``:
  status clean/partial/failed = exit 0/3/1).
- ``spiders.faults`` records every failure (HTTP errors, timeouts, resets, truncation, size cap, bad
  JSON or charset) with its URL; the crawl goes on.
- ``spiders.retry`` retries with backoff honouring ``Retry-After``; ``spiders.conditional`` sends
  ``If-None-Match``/``If-Modified-Since``; ``spiders.paging.QuotaMiddleware`` enforces daily quotas;
  ``data/state/<source>.sqlite`` holds the seen index and quotas, ``data/state/<source>.job`` Scrapy's
  resumable queue while a ``--resumable`` crawl runs (kept when it is interrupted, removed when it
  finishes; tests/spiders/test_spiders_resume.py). A forced stop (a second Ctrl-C) still drains the
  archive and ends the manifest with finish reason ``killed``.
- ``spiders.replay.WarcReplayHandler`` serves responses (and local files' ``resource`` records) from WARC
  files (``--replay``), so the same spiders run offline through Scrapy's real downloader.

How to add a source
-------------------
1. A spider module ``spiders/sources/<name>.py`` with one class deriving from a base:
   ``spiders.base.OpenTIDSpider`` (anything), ``spiders.mediawiki.MediaWikiSpider`` (MediaWiki Action
   API: ``api_request``/``api_json``/``continuation``), ``spiders.paging.PagedJsonApiSpider`` (JSON pages
   + daily quota: implement ``next_page``). Set ``name``, ``robots_txt`` and ``robots_reason`` (the
   robots.txt policy and why, required), implement ``async def start()`` and callbacks that only yield
   further ``scrapy.Request``s. Read JSON/HTML only through ``self.load_json`` / ``self.text_of`` (they
   record charset/syntax faults); report other problems with ``self.fault(response, kind, message)``.
   Mark requests for pages that may be unchanged with ``meta={"conditional": True}`` (not index pages
   whose links must be re-read); a status that is an answer rather than a fault (e.g. a 404 for a
   release not out yet) goes in ``meta["expected_statuses"]`` (and ``handle_httpstatus_list`` if the
   callback must see it). Arguments arrive as strings (``-a key=value``) or YAML values.
   The module docstring states the domain, the arguments and the caveats.
2. A YAML file ``datasets/sources/<name>.yaml`` (validated by ``datasets.source_registry``): title,
   publisher, licence (id, url, attribution), homepage, frequency, kind, ``spider: module:Class``,
   ``spider_args``, ``start_urls``, ``robots`` (must agree with the class), document count bounds.
3. Recorded real responses as fixtures under ``tests/fixtures/spiders/`` with an ``ATTRIBUTION.md``
   entry (``opentid fixture record SOURCE`` writes a fixture WARC from a live crawl), and, if it should
   run offline in the demo, an entry in ``datasets/snapshot/build_snapshot.py``.
4. A test in ``tests/spiders/`` that runs the callbacks on the recorded responses; the parametrized
   test over all source YAMLs picks the new source up by itself.
"""
