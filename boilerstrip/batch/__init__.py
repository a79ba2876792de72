"""Batch extraction: many pages, every core, resumable outputs.

    >>> from boilerstrip.batch import extract_many, iter_records
    >>> for result in extract_many(iter_records(["crawl.warc.gz"]), workers=2):
    ...     result.source, result.status, result.article

- :func:`iter_records` reads HTML files (plain or gzip), folders, WARC
  archives and JSONL files lazily (:mod:`.sources`);
- :func:`extract_many` extracts them in a process pool with a per-page time
  limit, yielding :class:`PageResult` objects in input order (:mod:`.pool`);
- :func:`run_batch` writes them to a resumable JSONL file or to Parquet and
  returns a :class:`Summary` (:mod:`.run`, :mod:`.sinks`); the command line
  is ``boilerstrip batch`` (:mod:`.cli`).

The batch layer only calls :func:`boilerstrip.extract`, one page at a time.
"""

from .pool import DEFAULT_PAGE_TIMEOUT, extract_many
from .records import PageError, PageResult, Record, extract_record
from .run import Summary, run_batch
from .sources import iter_records

__all__ = [
    "extract_many",
    "iter_records",
    "run_batch",
    "extract_record",
    "Record",
    "PageResult",
    "PageError",
    "Summary",
    "DEFAULT_PAGE_TIMEOUT",
]
