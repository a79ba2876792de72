"""Reading one page from a file or a stream, with a byte cap and gzip.

Used by the command line (``boilerstrip PAGE``) and by the batch readers
(:mod:`boilerstrip.batch.sources`), so that both refuse the same inputs the
same way: no read ever takes more than ``max_bytes + 1`` bytes into memory.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO, cast

from .errors import InputError

__all__ = ["MAX_BYTES", "GZIP_MAGIC", "read_capped", "read_page"]

#: Default cap on the bytes of one page (32 MiB), after gzip decompression:
#: :data:`boilerstrip.api.MAX_BYTES`, the cap of :func:`boilerstrip.extract`,
#: so a page the command line or a batch run reads is one ``extract`` takes.
#: Real pages are well under 5 MiB; past the cap a page is refused with
#: :class:`~boilerstrip.InputError` instead of filling memory
#: (``boilerstrip /dev/zero``). The CLI's ``--max-bytes`` changes it.
MAX_BYTES = 32 * 1024 * 1024

#: The first two bytes of a gzip member (RFC 1952).
GZIP_MAGIC = b"\x1f\x8b"


def read_capped(stream: BinaryIO, max_bytes: int = MAX_BYTES, *, name: str = "input") -> bytes:
    """Read a whole binary stream, but at most ``max_bytes`` bytes.

    A gzip stream (recognised by its magic bytes, not its name) is
    decompressed, and the cap applies to the decompressed size.

    Args:
        stream: a binary file object, read from its current position.
        max_bytes: the cap in bytes (>= 0).
        name: how to call the input in error messages.

    Returns:
        The bytes of the page (decompressed when the stream was gzip).

    Raises:
        InputError: the page is larger than ``max_bytes``, or its gzip data
            is corrupt.
        OSError: the stream cannot be read.
    """
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, stream))
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        try:
            with gzip.GzipFile(fileobj=buffered, mode="rb") as gz:
                data = gz.read(max_bytes + 1)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise InputError(f"{name}: corrupt gzip data: {exc}") from exc
    else:
        data = buffered.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: page is larger than the cap of {max_bytes} bytes (see --max-bytes)")
    return data


def read_page(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read one page file (plain or gzip) with :func:`read_capped`.

    Raises:
        OSError: the file cannot be opened or read.
        InputError: too large, or corrupt gzip data.
    """
    with open(path, "rb") as fh:
        return read_capped(fh, max_bytes, name=path)

