"""Free text → GTD-coded incident mentions (issue 4). See docs/extraction.md.

- ``model``: ``Document``, ``Mention``, ``Evidence`` and the ``Extractor`` protocol;
- ``rules.RuleExtractor``: the default deterministic rule/gazetteer extractor (data in ``data/*.yaml``);
- ``readers.iter_documents``: text, HTML, JSON lines, MUC-3/4 message files, WARC;
- ``parallel.extract_stream``: streaming extraction on up to two processes;
- ``output``: Parquet rows with evidence; ``coder.code_document``: the ``opentid transform`` hook.
"""
