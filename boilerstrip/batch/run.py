"""One batch run on this machine: readers → pool → sink, with progress and a summary."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import BinaryIO, Iterator, Optional, Sequence

from ..errors import InputError
from ..options import Options
from ..pagefile import MAX_BYTES
from .pool import DEFAULT_PAGE_TIMEOUT, extract_many
from .records import PageResult, Record
from .sinks import Sink, open_sink
from .sources import iter_records

__all__ = ["Summary", "run_batch"]


@dataclass
class Summary:
    """Counts of a batch run.

    Attributes:
        pages: pages processed in this run (skipped ones not included).
        extracted: pages with a non-empty body.
        empty: pages without an article (empty body).
        failed: pages that raised an error or could not be read.
        timed_out: pages past the time limit.
        skipped: pages already in the output, not processed again.
        seconds: wall time of the run, in seconds.
    """

    pages: int = 0
    extracted: int = 0
    empty: int = 0
    failed: int = 0
    timed_out: int = 0
    skipped: int = 0
    seconds: float = 0.0

    def add(self, result: PageResult) -> None:
        """Count one result."""
        self.pages += 1
        status = result.status
        if status == "extracted":
            self.extracted += 1
        elif status == "empty":
            self.empty += 1
        elif status == "timeout":
            self.timed_out += 1
        else:
            self.failed += 1

    @property
    def pages_per_s(self) -> float:
        """Pages processed per second of wall time (0 for an empty run)."""
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """One line for a person: ``pages 500, extracted 480, ...``."""
        return (
            f"pages {self.pages}, extracted {self.extracted}, empty {self.empty}, failed {self.failed}, "
            f"timed out {self.timed_out}, skipped (already done) {self.skipped}; "
            f"{self.seconds:.1f} s, {self.pages_per_s:.1f} pages/s"
        )


def run_batch(
    inputs: Sequence[str],
    output: str,
    *,
    workers: Optional[int] = None,
    page_timeout: Optional[float] = DEFAULT_PAGE_TIMEOUT,
    globs: Optional[Sequence[str]] = None,
    max_bytes: int = MAX_BYTES,
    progress: bool = False,
    stdin: Optional[BinaryIO] = None,
    options: Optional[Options] = None,
) -> Summary:
    """Extract every page of ``inputs`` into ``output``, resuming a partial output.

    Args:
        inputs: files, folders, WARC and JSONL files, ``-`` (see
            :func:`~boilerstrip.batch.iter_records`).
        output: a ``.jsonl`` path (resumable), a ``.parquet`` path, or ``-``
            for JSONL on standard output.
        workers: worker processes (default: every core).
        page_timeout: seconds per page (``None``: no limit).
        globs: file-name patterns for folders.
        max_bytes: cap on one page's bytes.
        progress: show a progress bar with pages per second on standard error.
        stdin: the stream ``-`` reads.
        options: the extraction thresholds (an :class:`~boilerstrip.Options`;
            ``None``: ``Options()``), passed to every worker.

    Returns:
        The run's :class:`Summary`.

    Raises:
        OSError: the output cannot be written.
        InputError: the output exists and is not a boilerstrip output;
            ``options`` is not an :class:`~boilerstrip.Options`.
    """
    from tqdm import tqdm

    if options is not None and not isinstance(options, Options):
        raise InputError(f"options must be a boilerstrip.Options, not {type(options).__name__}")
    sink: Sink = open_sink(output)
    summary = Summary()
    start = time.perf_counter()

    def todo() -> Iterator[Record]:
        for rec in iter_records(inputs, globs=globs, max_bytes=max_bytes, stdin=stdin):
            if rec.source in sink.done:
                summary.skipped += 1
            else:
                yield rec

    try:
        with tqdm(unit="page", desc="boilerstrip", disable=not progress, file=sys.stderr, smoothing=0.1) as bar:
            for result in extract_many(todo(), workers=workers, page_timeout=page_timeout, options=options):
                sink.write(result.to_dict())
                summary.add(result)
                bar.update(1)
    finally:
        summary.seconds = time.perf_counter() - start
        sink.close()
    return summary
