"""Batch outputs: a resumable JSONL file, Parquet, or standard output.

Every sink has ``done`` (the sources already in the output, which a rerun
skips), ``write(row)`` and ``close()``.

JSONL (:class:`JsonlSink`): each row is one line, written with a single
``write`` system call on a file opened in append mode, so a run killed at
any moment (even SIGKILL) leaves whole lines plus at most one partial last
line, and only if the kill lands inside that one system call. On reopening,
the sink reads the file, collects the sources of its complete lines and
cuts off a partial last line: the rerun then goes on where the killed run
stopped, and every line of the file parses.

Parquet (:class:`ParquetSink`, the ``parquet`` extra): rows go to a JSONL
journal ``OUT.partial.jsonl`` (with the same guarantees); :meth:`close`
converts the journal, after the rows of an earlier complete ``OUT`` if
there is one, into ``OUT`` (written to a temporary file, then renamed) and
deletes the journal. A killed run therefore resumes from its journal.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from typing import Any, Iterator, Optional, Protocol, TextIO

from ..errors import InputError

__all__ = ["Sink", "JsonlSink", "ParquetSink", "StdoutSink", "open_sink", "parquet_schema"]


class Sink(Protocol):
    """Where result rows go."""

    done: set[str]

    def write(self, row: dict[str, Any]) -> None:
        """Write one row (a :meth:`PageResult.to_dict` dict)."""

    def close(self) -> None:
        """Finish the output."""


def _line(row: dict[str, Any]) -> bytes:
    return (json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


class StdoutSink:
    """JSONL on standard output (``-o -``): nothing is skipped."""

    def __init__(self, stream: Optional[TextIO] = None) -> None:
        self.done: set[str] = set()
        self._out = stream or sys.stdout

    def write(self, row: dict[str, Any]) -> None:
        """Print the row as one JSON line and flush."""
        self._out.write(_line(row).decode("utf-8"))
        self._out.flush()

    def close(self) -> None:
        """Flush standard output."""
        self._out.flush()


class JsonlSink:
    """A JSONL file that a rerun resumes (see the module docstring).

    Args:
        path: the output file; created if missing.

    The file is locked (``flock``) while the sink is open: a second run on
    the same output is refused instead of interleaving lines.

    Raises:
        OSError: the file cannot be read or written, or another run holds it.
        InputError: the file has a complete line that is not an output row
            (it is not a boilerstrip output; nothing is cut).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.done: set[str] = set()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise OSError(f"{path}: another boilerstrip run is writing to it") from None
        try:
            self._repair_and_scan()
        except BaseException:
            os.close(self._fd)
            raise

    def _repair_and_scan(self) -> None:
        try:
            fh = open(self.path, "rb")
        except FileNotFoundError:
            return
        good = 0
        with fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.endswith(b"\n"):
                    break  # the partial last line of a killed run: cut below
                try:
                    row = json.loads(line)
                except ValueError:
                    row = None
                if not (isinstance(row, dict) and isinstance(row.get("source"), str)):
                    raise InputError(f"{self.path}:{lineno}: not a boilerstrip JSONL output line; not resuming into it")
                self.done.add(row["source"])
                good += len(line)
        if good < os.fstat(self._fd).st_size:
            os.ftruncate(self._fd, good)

    def write(self, row: dict[str, Any]) -> None:
        """Append one row as one line, with one ``write`` call."""
        data = memoryview(_line(row))
        while data:
            data = data[os.write(self._fd, data):]

    def close(self) -> None:
        """Close the file."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def parquet_schema() -> Any:
    """The Parquet schema of the output rows (a ``pyarrow.Schema``): one
    column per row key; ``error`` is a struct, null for extracted pages."""
    import pyarrow as pa

    s = pa.string()
    return pa.schema([
        ("source", s), ("url", s), ("title", s), ("authors", pa.list_(s)),
        ("date_published", s), ("date_modified", s), ("language", s),
        ("sitename", s), ("description", s), ("image", s), ("categories", pa.list_(s)), ("tags", pa.list_(s)),
        ("body", s),
        ("blocks", pa.list_(pa.struct([("kind", s), ("text", s), ("level", pa.int32()), ("number", pa.int32())]))),
        ("captions", pa.list_(pa.struct([("text", s), ("credit", s), ("image_url", s)]))),
        ("page_kind", s), ("pass_used", s),
        ("error", pa.struct([("type", s), ("message", s)])),
    ])


class ParquetSink:
    """Rows journaled as JSONL, converted to one Parquet file at :meth:`close`.

    Args:
        path: the ``.parquet`` file to produce.
        batch_rows: rows per Parquet row group.

    Raises:
        ModuleNotFoundError: pyarrow is not installed (``pip install
            'boilerstrip[parquet]'``).
    """

    def __init__(self, path: str, batch_rows: int = 1000) -> None:
        import pyarrow.parquet as pq

        self.path = path
        self.batch_rows = batch_rows
        self._journal = JsonlSink(path + ".partial.jsonl")
        self.done = set(self._journal.done)
        if os.path.exists(path):
            col = pq.read_table(path, columns=["source"]).column("source")
            self.done.update(str(s) for s in col.to_pylist())

    def write(self, row: dict[str, Any]) -> None:
        """Journal one row."""
        self._journal.write(row)

    def close(self) -> None:
        """Write ``OUT``: earlier rows, then the journal's; remove the journal."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._journal.close()
        schema = parquet_schema()
        tmp = self.path + ".tmp"
        with pq.ParquetWriter(tmp, schema) as writer:
            if os.path.exists(self.path):
                for batch in pq.ParquetFile(self.path).iter_batches(batch_size=self.batch_rows):
                    writer.write_batch(batch)
            for rows in _chunks(self._journal.path, self.batch_rows):
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        os.replace(tmp, self.path)
        os.remove(self._journal.path)


def _chunks(path: str, n: int) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    with open(path, "rb") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == n:
                yield rows
                rows = []
    if rows:
        yield rows


def open_sink(output: str) -> Sink:
    """The sink for ``-o OUTPUT``: ``-`` is standard output, a name ending in
    ``.parquet`` is Parquet, anything else a resumable JSONL file."""
    if output == "-":
        return StdoutSink()
    if output.lower().endswith(".parquet"):
        return ParquetSink(output)
    return JsonlSink(output)
