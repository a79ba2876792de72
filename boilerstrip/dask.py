"""Batch extraction on a Dask cluster (the ``dask`` extra).

Extraction is mapped over a ``dask.bag``: of WARC byte ranges
(:func:`warc_bag`, each task reads its own range of the archive, so only
paths and offsets travel), of HTML and JSONL files (:func:`files_bag`,
paths travel) or of HTML records (:func:`records_bag`, the records' bytes
travel). Both give a bag of output rows, the dicts of
:meth:`boilerstrip.batch.PageResult.to_dict`, which :func:`write_jsonl` and
:func:`write_parquet` store as one file per partition.

Runnable on a laptop, the same on a cluster::

    from dask.distributed import Client, LocalCluster
    from boilerstrip.dask import warc_bag, write_jsonl

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster):
        write_jsonl(warc_bag(["crawl.warc.gz"]), "out/")   # out/part-00000.jsonl, ...

On a real cluster, connect the ``Client`` to the scheduler's address instead
(``Client("tcp://scheduler:8786")``); the WARC paths must then be readable
by every worker (a shared file system).

Each task extracts its pages through :func:`boilerstrip.batch.extract_many`.
The per-page time limit needs a child process; Dask worker processes are
daemons by default and may not have children, so the limit applies only
when the workers are started with ``distributed.worker.daemon: False`` (as
:func:`run_dask` does for its ``LocalCluster``); otherwise pages are
extracted in the worker process itself, without a limit.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from .batch.pool import DEFAULT_PAGE_TIMEOUT, extract_many
from .batch.records import Record
from .batch.run import Summary
from .batch.sources import iter_records, kind_of, read_warc, walk_folder, warc_splits, DEFAULT_GLOBS
from .errors import InputError
from .options import Options
from .pagefile import MAX_BYTES

__all__ = ["warc_bag", "files_bag", "records_bag", "write_jsonl", "write_parquet", "run_dask", "PAGES_PER_PARTITION"]

#: Pages per bag partition: one Dask task extracts this many pages.
PAGES_PER_PARTITION = 100

Row = dict[str, Any]


def _extract_rows(records: Iterable[Record], page_timeout: Optional[float], options: Optional[Options] = None) -> list[Row]:
    """Rows of one partition, in order (see the module docstring on time limits)."""
    can_fork = page_timeout is not None and not multiprocessing.current_process().daemon
    return [
        r.to_dict()
        for r in extract_many(records, workers=1 if can_fork else 0, page_timeout=page_timeout, options=options)
    ]


def _warc_range(
    task: tuple[str, int, Optional[int]], max_bytes: int, page_timeout: Optional[float], options: Optional[Options] = None
) -> list[Row]:
    path, start, end = task
    return _extract_rows(read_warc(path, max_bytes, start=start, end=end), page_timeout, options)


def warc_bag(
    paths: Sequence[str],
    *,
    pages_per_partition: int = PAGES_PER_PARTITION,
    max_bytes: int = MAX_BYTES,
    page_timeout: Optional[float] = DEFAULT_PAGE_TIMEOUT,
    options: Optional[Options] = None,
) -> Any:
    """A bag of output rows: the HTML responses of WARC files, extracted.

    Each archive is cut into byte ranges of about ``pages_per_partition``
    pages (:func:`~boilerstrip.batch.sources.warc_splits`, read here, once);
    each range is one partition, read and extracted by a worker.

    Args:
        paths: WARC / WARC.gz paths, readable by the workers.
        pages_per_partition: pages per partition.
        max_bytes: cap on one page's bytes.
        page_timeout: seconds per page (see the module docstring).
        options: the extraction thresholds (an :class:`~boilerstrip.Options`,
            pickled into the tasks; ``None``: ``Options()``).

    Returns:
        A ``dask.bag.Bag`` of row dicts, in archive order.

    Raises:
        InputError: ``options`` is not an :class:`~boilerstrip.Options`.
    """
    import dask.bag as db

    _check_options(options)
    tasks = [(p, start, end) for p in paths for start, end in warc_splits(p, pages_per_partition)]
    bag = db.from_sequence(tasks, npartitions=max(len(tasks), 1))
    return bag.map_partitions(_warc_partition, max_bytes=max_bytes, page_timeout=page_timeout, options=options)


def _warc_partition(
    tasks: list[tuple[str, int, Optional[int]]], max_bytes: int, page_timeout: Optional[float],
    options: Optional[Options] = None,
) -> list[Row]:
    return [row for task in tasks for row in _warc_range(task, max_bytes, page_timeout, options)]


def _check_options(options: Optional[Options]) -> None:
    """Refuse ``options`` that is not an :class:`~boilerstrip.Options`, here,
    before any task is sent (:class:`~boilerstrip.InputError`)."""
    if options is not None and not isinstance(options, Options):
        raise InputError(f"options must be a boilerstrip.Options, not {type(options).__name__}")


def files_bag(
    paths: Sequence[str],
    *,
    files_per_partition: int = PAGES_PER_PARTITION,
    max_bytes: int = MAX_BYTES,
    page_timeout: Optional[float] = DEFAULT_PAGE_TIMEOUT,
    options: Optional[Options] = None,
) -> Any:
    """A bag of output rows: HTML files (plain or gzip) and JSONL files,
    read and extracted by the workers (only the paths travel).

    Args:
        paths: file paths readable by the workers (folders expanded by the
            caller, e.g. with :func:`boilerstrip.batch.sources.walk_folder`).
        files_per_partition: files per partition.
        max_bytes, page_timeout, options: as for :func:`warc_bag`.

    Returns:
        A ``dask.bag.Bag`` of row dicts, in path order.

    Raises:
        InputError: ``options`` is not an :class:`~boilerstrip.Options`.
    """
    import dask.bag as db

    _check_options(options)
    bag = db.from_sequence(list(paths), partition_size=files_per_partition)
    return bag.map_partitions(_files_partition, max_bytes=max_bytes, page_timeout=page_timeout, options=options)


def _files_partition(
    paths: list[str], max_bytes: int, page_timeout: Optional[float], options: Optional[Options] = None
) -> list[Row]:
    return _extract_rows(iter_records(paths, max_bytes=max_bytes), page_timeout, options)


def records_bag(
    records: Union[Iterable[Union[Record, dict[str, Any]]], Any],
    *,
    pages_per_partition: int = PAGES_PER_PARTITION,
    page_timeout: Optional[float] = DEFAULT_PAGE_TIMEOUT,
    options: Optional[Options] = None,
) -> Any:
    """A bag of output rows: HTML records, extracted.

    Args:
        records: a ``dask.bag.Bag`` or an iterable of
            :class:`~boilerstrip.batch.Record` objects or ``{"html", "url",
            "source"}`` dicts (an iterable is materialised here and sent
            to the cluster: for large inputs pass a bag built where the data
            is, e.g. ``dask.bag.read_text(...).map(json.loads)``).
        pages_per_partition: pages per partition (for an iterable).
        page_timeout: seconds per page (see the module docstring).
        options: as for :func:`warc_bag`.

    Returns:
        A ``dask.bag.Bag`` of row dicts, in input order.

    Raises:
        InputError: ``options`` is not an :class:`~boilerstrip.Options`.
    """
    import dask.bag as db

    _check_options(options)
    if not isinstance(records, db.Bag):
        items = list(records)
        records = db.from_sequence(items, partition_size=pages_per_partition) if items else db.from_sequence([], npartitions=1)
    return records.map_partitions(_records_partition, page_timeout=page_timeout, options=options)


def _records_partition(
    records: list[Union[Record, dict[str, Any]]], page_timeout: Optional[float], options: Optional[Options] = None
) -> list[Row]:
    return _extract_rows((_as_record(r) for r in records), page_timeout, options)


def _as_record(item: Union[Record, dict[str, Any]]) -> Record:
    from .batch.pool import as_record

    return as_record(item, 0)


def write_jsonl(rows: Any, folder: str) -> list[str]:
    """Write a bag of rows as JSONL, one file per partition.

    Args:
        rows: a bag of row dicts (:func:`warc_bag`, :func:`records_bag`).
        folder: created if missing; files are ``part-00000.jsonl``, ...

    Returns:
        The paths written, in partition order.
    """
    return [path for path, _ in _write_parts(rows, folder, "jsonl")]


def write_parquet(rows: Any, folder: str) -> list[str]:
    """Write a bag of rows as Parquet, one file per partition (the schema of
    :func:`boilerstrip.batch.sinks.parquet_schema`).

    Args:
        rows: a bag of row dicts.
        folder: created if missing; files are ``part-00000.parquet``, ...

    Returns:
        The paths written, in partition order.
    """
    return [path for path, _ in _write_parts(rows, folder, "parquet")]


def _write_parts(rows: Any, folder: str, fmt: str) -> list[tuple[str, dict[str, int]]]:
    """Each partition written by the worker that computed it; returns the
    paths and the status counts of each partition."""
    import dask

    os.makedirs(folder, exist_ok=True)
    tasks = [dask.delayed(_write_part)(part, os.path.join(folder, f"part-{i:05d}.{fmt}"), fmt)
             for i, part in enumerate(rows.to_delayed())]
    (done,) = dask.compute(tasks)
    return list(done)


def _write_part(rows: list[Row], path: str, fmt: str) -> tuple[str, dict[str, int]]:
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .batch.sinks import parquet_schema

        pq.write_table(pa.Table.from_pylist(rows, schema=parquet_schema()), path + ".tmp")
    else:
        with open(path + ".tmp", "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    os.replace(path + ".tmp", path)
    counts: dict[str, int] = {}
    for row in rows:
        status = _status(row)
        counts[status] = counts.get(status, 0) + 1
    return path, counts


def run_dask(
    inputs: Sequence[str],
    output: str,
    *,
    workers: Optional[int] = None,
    scheduler: Optional[str] = None,
    globs: Optional[Sequence[str]] = None,
    max_bytes: int = MAX_BYTES,
    page_timeout: Optional[float] = DEFAULT_PAGE_TIMEOUT,
    options: Optional[Options] = None,
) -> Summary:
    """``boilerstrip batch ... --engine dask``: extract ``inputs`` on a cluster
    and write partitions into the folder ``output``.

    WARC files become :func:`warc_bag` partitions, other files
    :func:`files_bag` partitions (both read by the workers: the paths must
    be readable there); standard input is read here and shipped. Without
    ``scheduler`` a ``LocalCluster`` of ``workers`` processes (default:
    every core; non-daemonic, so the page time limit applies) is started
    and stopped.

    Args:
        inputs: as for :func:`boilerstrip.batch.iter_records`.
        output: a folder; Parquet partitions if its name ends in
            ``.parquet``, else JSONL partitions. Its earlier ``part-*``
            files are replaced (no resume on this engine).
        workers: processes of the local cluster.
        scheduler: the address of a running scheduler (``tcp://host:8786``).
        globs, max_bytes, page_timeout: as for the local engine.
        options: the extraction thresholds, sent to the workers with the
            tasks (``None``: ``Options()``).

    Returns:
        The run's :class:`~boilerstrip.batch.Summary` (``skipped`` is 0).

    Raises:
        ModuleNotFoundError: the ``dask`` extra is not installed.
        OSError: the output folder cannot be written.
        InputError: ``options`` is not an :class:`~boilerstrip.Options`.
    """
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    if output == "-":
        raise OSError("--engine dask writes partitions into a folder: give -o FOLDER")
    _check_options(options)
    start = time.perf_counter()
    warcs, others = _split_inputs(inputs, globs or DEFAULT_GLOBS)
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = None if scheduler else LocalCluster(
            n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            with Client(scheduler if scheduler else cluster):  # the default scheduler while open
                bags = []
                if warcs:
                    bags.append(warc_bag(warcs, max_bytes=max_bytes, page_timeout=page_timeout, options=options))
                files = [p for p in others if p != "-"]
                if files:
                    bags.append(files_bag(files, max_bytes=max_bytes, page_timeout=page_timeout, options=options))
                if "-" in others:
                    bags.append(records_bag(
                        iter_records(["-"], max_bytes=max_bytes), page_timeout=page_timeout, options=options))
                rows = db.concat(bags) if len(bags) > 1 else (bags[0] if bags else db.from_sequence([], npartitions=1))
                _clear_parts(output)
                fmt = "parquet" if output.rstrip("/").lower().endswith(".parquet") else "jsonl"
                parts = _write_parts(rows, output, fmt)
        finally:
            if cluster is not None:
                cluster.close()
    summary = Summary()
    counts: dict[str, int] = {}
    for _, part_counts in parts:
        for key, n in part_counts.items():
            counts[key] = counts.get(key, 0) + n
    summary.extracted, summary.empty = counts.get("extracted", 0), counts.get("empty", 0)
    summary.failed, summary.timed_out = counts.get("failed", 0), counts.get("timeout", 0)
    summary.pages = sum(counts.values())
    summary.seconds = time.perf_counter() - start
    return summary


def _status(row: Row) -> str:
    err = row.get("error")
    if err:
        return "timeout" if err.get("type") == "PageTimeout" else "failed"
    return "extracted" if row.get("body") else "empty"


def _split_inputs(inputs: Sequence[str], globs: Sequence[str]) -> tuple[list[str], list[str]]:
    warcs: list[str] = []
    others: list[str] = []
    for item in inputs:
        paths: Iterator[str] = walk_folder(item, globs) if item != "-" and os.path.isdir(item) else iter([item])
        for path in paths:
            (warcs if path != "-" and kind_of(path) == "warc" and os.path.isfile(path) else others).append(path)
    return warcs, others


def _clear_parts(folder: str) -> None:
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.startswith("part-") and name.endswith((".jsonl", ".parquet")):
                os.remove(os.path.join(folder, name))
