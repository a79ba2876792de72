"""Batch readers: HTML files (plain or gzip), folders, WARC archives, JSONL.

:func:`iter_records` turns command-line style inputs into a lazy stream of
:class:`~boilerstrip.batch.records.Record`: one file is open at a time and
one page is in memory at a time, so a run over millions of pages reads them
in constant memory. An input that cannot be read becomes a record with an
``error`` (recorded as failed in the output); the stream goes on.

Kinds, by name:

- ``*.warc``, ``*.warc.gz``: WARC archives, read with FastWARC (the
  ``warc`` extra). Only ``response`` records with an HTTP ``Content-Type``
  of ``text/html`` or ``application/xhtml+xml`` are pages; the header's
  charset goes with the record, the ``WARC-Target-URI`` is the ``url`` and
  the ``WARC-Record-ID`` the ``source``.
- ``*.jsonl``, ``*.jsonl.gz``, ``*.ndjson``: one JSON object per line with
  ``html`` (text) and optionally ``url``; the source is ``<path>:<line>``.
- a folder: every file below it whose name matches one of the globs
  (default :data:`DEFAULT_GLOBS`), in sorted order, each by its own kind.
- ``-``: one page from standard input.
- anything else: one HTML page, plain or gzip (by its magic bytes).
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import os
import sys
from typing import IO, BinaryIO, Callable, Iterable, Iterator, Optional, Sequence

from ..errors import InputError
from ..pagefile import MAX_BYTES, read_capped, read_page
from .records import PageError, Record

__all__ = ["DEFAULT_GLOBS", "HTML_TYPES", "iter_records", "read_warc", "warc_splits", "read_jsonl", "walk_folder", "kind_of"]

#: File names a folder is searched for when no ``--glob`` is given.
DEFAULT_GLOBS: tuple[str, ...] = ("*.html", "*.htm", "*.xhtml", "*.html.gz", "*.htm.gz")

#: A function that reads one page.
_Reader = Callable[[], bytes]

#: HTTP content types that are pages, in WARC archives.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def kind_of(path: str) -> str:
    """``"warc"``, ``"jsonl"`` or ``"html"``, from the file name."""
    name = path.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return "jsonl"
    return "html"


def iter_records(
    inputs: Sequence[str],
    *,
    globs: Optional[Sequence[str]] = None,
    max_bytes: int = MAX_BYTES,
    stdin: Optional[BinaryIO] = None,
) -> Iterator[Record]:
    """All pages of the inputs, lazily, in input order.

    Args:
        inputs: paths of files and folders, or ``-`` for standard input.
        globs: file-name patterns for folders (default :data:`DEFAULT_GLOBS`).
        max_bytes: cap on one page's bytes; a larger page becomes a failed
            record (``InputError``).
        stdin: the stream ``-`` reads (default ``sys.stdin.buffer``).

    Yields:
        :class:`Record` objects; unreadable inputs as records with ``error``.
    """
    for item in inputs:
        if item == "-":
            yield _page_record("-", lambda: read_capped(stdin or sys.stdin.buffer, max_bytes, name="standard input"))
        elif os.path.isdir(item):
            for path in walk_folder(item, globs or DEFAULT_GLOBS):
                yield from _file_records(path, max_bytes)
        else:
            yield from _file_records(item, max_bytes)


def walk_folder(folder: str, globs: Iterable[str]) -> Iterator[str]:
    """Paths of the files below ``folder`` (recursive, sorted, symlinked
    folders not followed) whose name matches one of ``globs``."""
    patterns = tuple(globs)
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, p) for p in patterns):
                yield os.path.join(root, name)


def _file_records(path: str, max_bytes: int) -> Iterator[Record]:
    kind = kind_of(path)
    if kind == "warc":
        yield from read_warc(path, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(path, max_bytes)
    else:
        yield _page_record(path, lambda: read_page(path, max_bytes))


def _page_record(source: str, read: _Reader) -> Record:
    try:
        return Record(source, read())
    except (OSError, InputError) as exc:
        return Record(source, error=_error(exc))


def _error(exc: BaseException) -> PageError:
    if isinstance(exc, OSError) and exc.strerror:
        return PageError(type(exc).__name__, f"{exc.filename or ''}: {exc.strerror}".lstrip(": "))
    return PageError.of(exc)


def read_warc(path: str, max_bytes: int = MAX_BYTES, start: int = 0, end: Optional[int] = None) -> Iterator[Record]:
    """The HTML responses of a WARC or WARC.gz file, with FastWARC.

    ``start`` and ``end`` (byte offsets of record starts, from
    :func:`warc_splits`) restrict reading to the records that start in
    ``[start, end)``, so that several processes can share one archive.

    Records that are not HTTP responses, or whose ``Content-Type`` is not
    HTML, are skipped. HTTP content and transfer encodings (gzip, chunked,
    ...) are decoded. A page over ``max_bytes`` (after decoding) becomes a
    failed record.
    FastWARC reads in quirks mode: a record with a malformed header is
    skipped and reading goes on. Data it cannot read at all (corrupt gzip)
    ends the archive with one failed record, ``<path>@after:<offset>``;
    the pages before it are kept and the run goes on with the next input.
    A file that cannot be opened is one failed record with the path as source.

    Raises:
        ModuleNotFoundError: FastWARC is not installed (``pip install
            'boilerstrip[warc]'``).
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        stream = open(path, "rb")  # FastWARC detects gzip and decompresses
        stream.seek(start)
    except OSError as exc:
        yield Record(path, error=_error(exc))
        return
    pos = 0
    try:
        records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True, quirks_mode=True, auto_decode="all")
        for rec in records:
            pos = rec.stream_pos
            if end is not None and pos >= end:
                break
            ctype = (rec.http_content_type or "").strip().lower()
            if ctype not in HTML_TYPES:
                continue
            rid = rec.record_id or f"{path}@{pos}"
            url = rec.headers.get("WARC-Target-URI") or None
            data = b"" if rec.content_length > max_bytes else rec.reader.read(max_bytes + 1)
            if rec.content_length > max_bytes or len(data) > max_bytes:
                yield Record(rid, url=url, error=PageError(
                    "InputError", f"page is larger than the cap of {max_bytes} bytes (see --max-bytes)"))
                continue
            yield Record(rid, data, url=url, charset=rec.http_charset or None)
    except OSError as exc:
        yield Record(f"{path}@after:{pos}", error=PageError(
            type(exc).__name__, f"{path}: unreadable after the record at byte {pos}, rest of the archive skipped: {exc}"))
    finally:
        stream.close()


def warc_splits(path: str, pages_per_split: int) -> list[tuple[int, Optional[int]]]:
    """Cut a WARC file into byte ranges of about ``pages_per_split`` HTML
    responses each, for :func:`read_warc` ``(path, start=, end=)``.

    The archive is read once, without its payloads being parsed. Ranges
    start at record boundaries (in a WARC.gz, each record is its own gzip
    member, as the WARC standard recommends, so reading can start there);
    the last range is open-ended (``end=None``) so that nothing after the
    last counted record is lost.

    Raises:
        OSError: the file cannot be opened.
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    starts = [0]
    count = 0
    with open(path, "rb") as stream:
        try:
            for rec in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True, quirks_mode=True):
                if (rec.http_content_type or "").strip().lower() not in HTML_TYPES:
                    continue
                if count == pages_per_split:
                    starts.append(rec.stream_pos)
                    count = 0
                count += 1
        except OSError:
            pass  # read_warc reports the damage of the last range
    ends: list[Optional[int]] = [*starts[1:], None]
    return list(zip(starts, ends))


def read_jsonl(path: str, max_bytes: int = MAX_BYTES) -> Iterator[Record]:
    """The ``{"url", "html"}`` records of a JSONL file (plain or ``.gz``).

    A line that is not a JSON object with a string ``html`` becomes a failed
    record (``<path>:<line>``); blank lines are skipped.
    """
    try:
        fh: IO[bytes] = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")  # type: ignore[assignment]
    except OSError as exc:
        yield Record(path, error=_error(exc))
        return
    with fh:
        for lineno, line in enumerate(iter(lambda: fh.readline(max_bytes + 1), b""), start=1):
            source = f"{path}:{lineno}"
            if len(line) > max_bytes:
                yield Record(source, error=PageError("InputError", f"line is longer than the cap of {max_bytes} bytes"))
                while line and not line.endswith(b"\n"):
                    line = fh.readline(max_bytes + 1)
                continue
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as exc:
                yield Record(source, error=PageError.of(exc))
                continue
            html = obj.get("html") if isinstance(obj, dict) else None
            url = obj.get("url") if isinstance(obj, dict) else None
            if not isinstance(html, str) or not (url is None or isinstance(url, str)):
                yield Record(source, error=PageError(
                    "InputError", 'a JSONL record must be an object with "html" (a string) and optionally "url" (a string)'))
                continue
            yield Record(source, html, url=url)

