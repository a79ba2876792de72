"""The process pool: :func:`extract_many`, results in input order.

Workers are Pebble ``ProcessPool`` processes. Each task ships a page's
bytes, URL and charset to a worker, which runs
:func:`~boilerstrip.batch.records.extract_record` and sends the
:class:`~boilerstrip.Article` back: no parsed tree ever crosses a process
boundary. A task past the page time limit is cancelled and its worker
killed and replaced by Pebble; a worker that dies (out of memory, a crash
in native code) is replaced too. Either way the page is recorded and the
run goes on.

Memory stays flat: at most ``window`` pages are read ahead of the one
being returned, whatever the length of the input.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future
from typing import Iterable, Iterator, Mapping, Optional, Union

from ..article import Article
from ..errors import BoilerstripError, InputError
from ..options import Options
from .records import PageError, PageResult, Record, extract_record

__all__ = ["extract_many", "DEFAULT_PAGE_TIMEOUT", "as_record"]

#: Default time limit for one page, in seconds.
DEFAULT_PAGE_TIMEOUT = 10.0

#: Pages in flight per worker: enough to keep every worker busy while the
#: oldest page is awaited.
WINDOW_PER_WORKER = 4


def as_record(item: Union[Record, Mapping[str, object]], index: int) -> Record:
    """A :class:`Record` from a record or a ``{"html", "url", "source"}``
    mapping (``source`` defaults to ``"#<index>"``).

    Raises:
        InputError: a mapping without a ``str``/``bytes`` ``html``.
    """
    if isinstance(item, Record):
        return item
    from ..errors import InputError

    html = item.get("html")
    url = item.get("url")
    source = item.get("source", f"#{index}")
    if not isinstance(html, (bytes, str)):
        raise InputError(f"record {index}: 'html' must be bytes or str, not {type(html).__name__}")
    return Record(
        str(source),
        html,
        url=url if isinstance(url, str) else None,
        charset=str(item["charset"]) if item.get("charset") else None,
    )


def extract_many(
    records: Iterable[Union[Record, Mapping[str, object]]],
    *,
    workers: Optional[int] = None,
    page_timeout: Optional[float] = DEFAULT_PAGE_TIMEOUT,
    window: Optional[int] = None,
    options: Optional[Options] = None,
) -> Iterator[PageResult]:
    """Extract many pages on several cores; yield the results in input order.

    Usable from a notebook::

        from boilerstrip.batch import extract_many, iter_records
        for r in extract_many(iter_records(["pages/"]), workers=2):
            print(r.source, r.status, r.article.title if r.article else r.error)

    Args:
        records: :class:`Record` objects (e.g. from
            :func:`~boilerstrip.batch.iter_records`) or mappings with
            ``html`` (bytes or str) and optionally ``url``, ``source``,
            ``charset``. Consumed lazily.
        workers: worker processes (default: every core, ``os.cpu_count()``).
            ``0`` extracts in this process, without a time limit (for
            callers that are already one of many processes, e.g. a Dask
            worker).
        page_timeout: seconds one page may take, counted from when a worker
            starts it; past it the page is a ``PageTimeout`` failure and the
            worker is replaced. ``None``: no limit.
        window: pages in flight at once (default ``4 * workers``).
        options: the extraction thresholds every page is extracted with, an
            :class:`~boilerstrip.Options` (``None``: ``Options()``; e.g.
            ``Options.recall()``). It is sent to the workers with each page.

    Yields:
        One :class:`PageResult` per record, in the order of ``records``: for
        a page, the :class:`~boilerstrip.Article` that
        ``extract(html, url=url, options=options)`` gives.

    Raises:
        InputError: a mapping record without ``html``; ``options`` that is
            not an :class:`~boilerstrip.Options`.
        ValueError: ``workers`` below 0.
    """
    n = (os.cpu_count() or 1) if workers is None else workers
    if n < 0:
        raise ValueError("workers must be >= 0")
    if options is not None and not isinstance(options, Options):
        raise InputError(f"options must be a boilerstrip.Options, not {type(options).__name__}")
    items = (as_record(item, i) for i, item in enumerate(records))
    if n == 0:
        for rec in items:
            yield _in_process(rec, options)
        return
    yield from _pooled(items, n, page_timeout, window or WINDOW_PER_WORKER * n, options)


def _in_process(rec: Record, options: Optional[Options] = None) -> PageResult:
    if rec.error is not None:
        return PageResult(rec.source, rec.url, error=rec.error)
    try:
        return PageResult(rec.source, rec.url, extract_record(rec.html, rec.url, rec.charset, options))
    except BoilerstripError as exc:
        return PageResult(rec.source, rec.url, error=PageError.of(exc))


def _pooled(
    items: Iterator[Record], n: int, page_timeout: Optional[float], window: int, options: Optional[Options] = None
) -> Iterator[PageResult]:
    from pebble import ProcessExpired, ProcessPool

    pending: deque[tuple[Record, Optional[Future[Article]]]] = deque()
    pool = ProcessPool(max_workers=n)
    finished = False
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                rec = next(items, None)
                if rec is None:
                    exhausted = True
                    break
                fut: Optional[Future[Article]] = None if rec.error is not None else pool.schedule(
                    extract_record, args=(rec.html, rec.url, rec.charset, options), timeout=page_timeout)
                pending.append((rec, fut))
            if not pending:
                break
            rec, fut = pending.popleft()
            if fut is None:
                yield PageResult(rec.source, rec.url, error=rec.error)
                continue
            try:
                yield PageResult(rec.source, rec.url, fut.result())
            except TimeoutError:
                yield PageResult(rec.source, rec.url, error=PageError(
                    "PageTimeout", f"no result within {page_timeout:g} s; the worker was replaced"), timed_out=True)
            except ProcessExpired as exc:
                yield PageResult(rec.source, rec.url, error=PageError(
                    "WorkerDied", f"the worker process died (exit code {exc.exitcode}); it was replaced"))
            except (BoilerstripError, MemoryError) as exc:
                yield PageResult(rec.source, rec.url, error=PageError.of(exc))
        finished = True
    finally:
        if finished:
            pool.close()  # type: ignore[no-untyped-call]
        else:
            pool.stop()  # type: ignore[no-untyped-call]
        pool.join()
