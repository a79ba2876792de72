"""What goes into and comes out of a batch run: :class:`Record`, :class:`PageResult`.

A :class:`Record` is one page to extract: raw bytes (as read from a file,
a WARC record or a JSONL line), where it came from, its URL and the charset
its HTTP header declared. :func:`extract_record` is the one function the
worker processes run: it hands the record to :func:`boilerstrip.extract`
and nothing else. A :class:`PageResult` is the outcome, an
:class:`~boilerstrip.Article` or a :class:`PageError`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Any, Literal, Optional, Union

from ..api import extract
from ..article import Article
from ..options import Options

__all__ = ["Record", "PageError", "PageResult", "Status", "extract_record", "with_http_charset"]

#: What happened to a page: ``extracted`` (non-empty body), ``empty`` (no
#: article found), ``failed`` (an error), ``timeout`` (no result within the
#: page time limit).
Status = Literal["extracted", "empty", "failed", "timeout"]


@dataclass(frozen=True)
class PageError:
    """Why a page gave no article.

    Attributes:
        type: the exception's class name (``"InputError"``,
            ``"BoilerstripError"``, ``"PageTimeout"``, ``"WorkerDied"``,
            ``"OSError"``, ``"JSONDecodeError"``, ...).
        message: the exception's message.
    """

    type: str
    message: str

    @classmethod
    def of(cls, exc: BaseException) -> "PageError":
        """The error of an exception: its class name and message."""
        return cls(type(exc).__name__, str(exc))

    def to_dict(self) -> dict[str, str]:
        """``{"type": str, "message": str}``."""
        return {"type": self.type, "message": self.message}


@dataclass(frozen=True)
class Record:
    """One page to extract.

    Attributes:
        source: the key of the page in the output, unique within a run: the
            file path, the WARC record id (``<urn:uuid:...>``), or
            ``<path>:<line>`` for a JSONL record. Resuming skips the sources
            already written.
        html: the page's raw bytes (or text, from a JSONL record).
        url: the page URL (a WARC record's target URI), or ``None``.
        charset: the charset of the HTTP ``Content-Type`` header, or ``None``.
        error: set when the page could not even be read (unreadable file,
            over the byte cap, bad JSON line): it is then recorded as
            failed without being extracted.
    """

    source: str
    html: Union[bytes, str] = b""
    url: Optional[str] = None
    charset: Optional[str] = None
    error: Optional[PageError] = None


@dataclass(frozen=True)
class PageResult:
    """The outcome of one page: an article, or an error.

    Attributes:
        source: :attr:`Record.source`.
        url: :attr:`Record.url`.
        article: the extracted :class:`~boilerstrip.Article`, or ``None`` on
            failure.
        error: why there is no article, or ``None``.
        timed_out: the page hit the time limit (then ``error.type`` is
            ``"PageTimeout"``).
    """

    source: str
    url: Optional[str]
    article: Optional[Article] = None
    error: Optional[PageError] = None
    timed_out: bool = False

    @property
    def status(self) -> Status:
        """``extracted``, ``empty``, ``failed`` or ``timeout``."""
        if self.timed_out:
            return "timeout"
        if self.article is None:
            return "failed"
        return "extracted" if self.article.body else "empty"

    def to_dict(self) -> dict[str, Any]:
        """The output row: ``source``, then every :class:`Article` field
        (``Article.to_dict()``), or ``source``, ``url`` and ``error``
        (``{"type", "message"}``) for a page that failed or timed out."""
        if self.article is not None:
            return {"source": self.source, **self.article.to_dict()}
        err = self.error or PageError("BoilerstripError", "no result")
        return {"source": self.source, "url": self.url, "error": err.to_dict()}


#: Codecs never used for a header charset without a byte order mark: a
#: mislabelled ASCII page would decode "successfully" into nonsense.
_BOM_ONLY = ("utf-16", "utf-32", "utf-7")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Labels a browser decodes as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = ("latin_1", "ascii", "iso8859-1")


def with_http_charset(html: Union[bytes, str], charset: Optional[str]) -> Union[bytes, str]:
    """The page to hand to :func:`boilerstrip.extract`, given the HTTP charset.

    Browsers rank a byte order mark first, then the HTTP ``Content-Type``
    charset, then ``<meta charset>``. So: with a BOM, an unknown or
    non-text charset, or no charset, the bytes are returned as they are and
    boilerstrip decodes them. Otherwise the bytes are decoded strictly with
    the header's charset and the text is returned; if that fails, or the
    header names a legacy charset but the bytes are valid UTF-8 with
    non-ASCII characters (the most common mislabelling), the bytes are
    returned unchanged.

    Args:
        html: the raw page (``str`` is returned as it is).
        charset: the header's ``charset`` parameter, or ``None``.

    Returns:
        ``bytes`` or ``str``, as :func:`boilerstrip.extract` accepts.
    """
    if not charset or isinstance(html, str) or html.startswith(_BOMS):
        return html
    try:
        info = codecs.lookup(charset.strip().strip("\"'"))
    except (LookupError, ValueError):
        return html
    name = info.name
    if not getattr(info, "_is_text_encoding", True) or name.startswith(_BOM_ONLY):
        return html
    if name in _AS_CP1252:
        name = "cp1252"
    if name != "utf-8" and not html.isascii():
        try:
            html.decode("utf-8")
            return html
        except UnicodeDecodeError:
            pass
    try:
        return html.decode(name)
    except UnicodeDecodeError:
        return html


def extract_record(
    html: Union[bytes, str], url: Optional[str], charset: Optional[str], options: Optional[Options] = None
) -> Article:
    """Extract one page: :func:`boilerstrip.extract` on
    :func:`with_http_charset` ``(html, charset)`` with ``url``.

    This is the function batch workers run; it takes plain values so that
    only bytes, strings and the (frozen, picklable) ``options`` cross process
    boundaries; ``options=None`` is ``Options()``. The byte cap is the
    batch layer's own (``--max-bytes``, applied when a page is read), so
    ``extract`` is called without one.

    Raises:
        BoilerstripError: whatever :func:`boilerstrip.extract` raises.
    """
    return extract(with_http_charset(html, charset), url=url, max_bytes=None, options=options)
