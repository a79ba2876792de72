"""Thin adapters: each extractor's documented API, default settings, one common record.

Every adapter is a :class:`Peer` whose ``setup()`` imports the package (so a
missing or broken install is reported, not fatal) and returns a function::

    run(html: bytes, url: str | None, english: bool) -> Record

``Record`` is a dict ``{"body", "title", "authors", "date"}``; a field the
extractor does not supply at all is ``None`` (not scored), a field it supplies
but did not find is ``""`` / ``[]`` (scored as wrong).

Decoding is part of the job and is timed: an adapter passes the raw bytes when
the peer's API accepts bytes (boilerstrip, trafilatura, readability-lxml,
jusText, goose3, htmldate, Lexbor), and otherwise decodes inside the adapter
with :func:`decode_html` (BOM, then ``<meta charset>``, then
charset-normalizer; resiliparse uses its own ``detect_encoding``).

``english`` is True for a dataset known to be English only (scrapinghub); it
only changes jusText's stoplist, which is otherwise picked from the page's
declared language, falling back to English.

No adapter touches the network: HTML is always passed in, newspaper4k's image
fetching is turned off, and :func:`block_network` makes any socket connect
fail in the worker processes that run the adapters.
"""

from __future__ import annotations

import codecs
import re
import socket
from dataclasses import dataclass
from typing import Any, Callable, Optional

__all__ = ["Peer", "PEERS", "DEFAULT_ORDER", "QUICK", "decode_html", "block_network"]

Record = dict[str, Any]
RunFn = Callable[[bytes, Optional[str], bool], Record]

#: How many leading bytes are searched for a ``<meta charset>`` (the HTML
#: standard's prescan looks at 1024; real pages often put it later).
META_SCAN_BYTES = 4096

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)
_HTML_LANG = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?\s*([a-zA-Z]{2,3})""", re.I)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
    "th", "table", "blockquote", "pre", "section", "article", "header", "footer",
    "figcaption", "figure", "dd", "dt", "dl",
}  # fmt: skip

#: jusText stoplist per ISO 639-1 code, for the languages the datasets contain.
_JUSTEXT_LANGS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
    "cs": "Czech", "sk": "Slovak", "sv": "Swedish", "da": "Danish", "fi": "Finnish",
    "nb": "Norwegian_Bokmal", "no": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk",
    "hu": "Hungarian", "tr": "Turkish", "el": "Greek", "ro": "Romanian", "bg": "Bulgarian",
    "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian", "et": "Estonian", "lv": "Latvian",
    "lt": "Lithuanian", "ca": "Catalan", "eu": "Basque", "gl": "Galician", "id": "Indonesian",
    "vi": "Vietnamese", "ar": "Arabic", "fa": "Persian", "he": "Hebrew", "hi": "Hindi",
    "ko": "Korean", "is": "Icelandic", "ga": "Irish", "cy": "Welsh", "af": "Afrikaans",
}  # fmt: skip


def decode_html(data: bytes) -> str:
    """Bytes → text for peers whose API wants ``str``: BOM, meta charset, detection."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    match = _META_CHARSET.search(data[:META_SCAN_BYTES])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment with a line break around each block element.

    ``lxml``'s ``text_content()`` alone glues ``</p><p>`` neighbours into one
    word, which would unfairly cost readability-lxml shingles.
    """
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _record(body=None, title=None, authors=None, date=None) -> Record:
    return {"body": body, "title": title, "authors": authors, "date": date}


def _as_date(value: Any) -> str:
    """A peer's date (str, datetime or None) as ISO text, ``""`` when absent."""
    if value is None or value == "":
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# --- adapters: each setup() imports the peer and returns its run function ---


def _boilerstrip(preset: str = "") -> Callable[[], RunFn]:
    """boilerstrip with the default options, or with ``Options.<preset>()``."""

    def setup() -> RunFn:
        import boilerstrip

        options = getattr(boilerstrip.Options, preset)() if preset else None

        def run(html: bytes, url: Optional[str], english: bool) -> Record:
            art = boilerstrip.extract(html, url=url, options=options)
            return _record(art.body, art.title or "", list(art.authors), art.date_published or "")

        return run

    return setup


def _trafilatura(**options: Any) -> Callable[[], RunFn]:
    def setup() -> RunFn:
        import trafilatura

        def run(html: bytes, url: Optional[str], english: bool) -> Record:
            # bare_extraction is extract() without serialisation. Its main text
            # is the body; the comments it finds are a separate field (extract()'s
            # plain text would append them: scrapinghub F1 0.952 instead of 0.958).
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **options)
            if doc is None:
                return _record("", "", [], "")
            body = doc.text or ""
            authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
            return _record(body, doc.title or "", authors, doc.date or "")

        return run

    return setup


def _readability() -> RunFn:
    from readability import Document

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        doc = Document(html, url=url)
        return _record(html_fragment_text(doc.summary()), doc.short_title() or "")

    return run


def _justext() -> RunFn:
    import justext

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        language = "English"
        if not english:
            match = _HTML_LANG.search(html[:META_SCAN_BYTES * 4])
            if match:
                language = _JUSTEXT_LANGS.get(match.group(1).decode("ascii").lower(), "English")
        paragraphs = justext.justext(html, justext.get_stoplist(language))
        return _record("\n".join(p.text for p in paragraphs if not p.is_boilerplate))

    return run


def _goose() -> RunFn:
    from goose3 import Goose

    goose = Goose()  # image fetching is off by default

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        art = goose.extract(url=url, raw_html=html)  # raw_html given: nothing is fetched
        return _record(
            art.cleaned_text or "", art.title or "", list(art.authors or []), _as_date(art.publish_date)
        )

    return run


def _newspaper() -> RunFn:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed": only .nlp() needs it
        import newspaper

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        art = newspaper.Article(url or "https://example.com/", fetch_images=False)
        art.download(input_html=decode_html(html))
        art.parse()
        return _record(art.text or "", art.title or "", list(art.authors or []), _as_date(art.publish_date))

    return run


def _resiliparse() -> RunFn:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        text = bytes_to_str(html, detect_encoding(html))
        return _record(extract_plain_text(text, main_content=True))

    return run


def _boilerpy3() -> RunFn:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        doc = extractor.get_doc(decode_html(html))
        return _record(doc.content or "", doc.title or "")

    return run


def _inscriptis() -> RunFn:
    from inscriptis import get_text

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        return _record(get_text(decode_html(html)))

    return run


def _htmldate() -> RunFn:
    from htmldate import find_date

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        return _record(date=find_date(html, url=url) or "")

    return run


def _lexbor() -> RunFn:
    from selectolax.lexbor import LexborHTMLParser

    def run(html: bytes, url: Optional[str], english: bool) -> Record:
        LexborHTMLParser(html)
        return _record()

    return run


@dataclass(frozen=True)
class Peer:
    """One benchmark row: a name, the distributions whose versions to report, a setup."""

    name: str
    distributions: tuple[str, ...]
    setup: Callable[[], RunFn]
    note: str = ""
    #: The record fields this extractor supplies; the others are not scored.
    fields: frozenset[str] = frozenset(("body", "title", "authors", "date"))


_BODY = frozenset(("body",))
_BODY_TITLE = frozenset(("body", "title"))

PEERS: dict[str, Peer] = {
    p.name: p
    for p in (
        Peer("boilerstrip", ("boilerstrip",), _boilerstrip()),
        Peer("boilerstrip-precision", ("boilerstrip",), _boilerstrip("precision"), "Options.precision()"),
        Peer("boilerstrip-recall", ("boilerstrip",), _boilerstrip("recall"), "Options.recall()"),
        Peer("trafilatura", ("trafilatura",), _trafilatura()),
        Peer("trafilatura-precision", ("trafilatura",), _trafilatura(favor_precision=True), "favor_precision=True"),
        Peer("trafilatura-recall", ("trafilatura",), _trafilatura(favor_recall=True), "favor_recall=True"),
        Peer("readability-lxml", ("readability-lxml",), _readability, "summary(), short_title()", _BODY_TITLE),
        Peer("justext", ("jusText",), _justext, "stoplist of <html lang>, else English", _BODY),
        Peer("goose3", ("goose3",), _goose),
        Peer("newspaper4k", ("newspaper4k",), _newspaper, "fetch_images=False"),
        Peer("resiliparse", ("Resiliparse",), _resiliparse, "main_content=True", _BODY),
        Peer("boilerpy3", ("boilerpy3",), _boilerpy3, "ArticleExtractor", _BODY_TITLE),
        Peer("inscriptis", ("inscriptis",), _inscriptis, "whole page: a baseline", _BODY),
        Peer("htmldate", ("htmldate",), _htmldate, "date only", frozenset(("date",))),
        Peer("lexbor-parse", ("selectolax",), _lexbor, "bare parse: speed reference", frozenset()),
    )  # fmt: skip
}

#: Every row, in table order, for a full run.
DEFAULT_ORDER = tuple(PEERS)
#: The rows of ``--quick``.
QUICK = ("boilerstrip", "trafilatura")

#: Sent to each adapter once before timing starts, so lazy imports and caches
#: (stoplists, compiled patterns) are not charged to the first page that needs
#: them. The unparseable date makes htmldate hand a string to dateparser, which
#: then compiles its ~200 locales once (5 s, seen on trafilatura-dev).
WARMUP_HTML = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Warm-up page</title>"
    b"</head><body><nav><a href='/'>Home</a></nav><article><h1>Warm-up page</h1>"
    b"<p>By Jane Doe, 1 March 2021</p><div class='date'>zzz 12 qqq 2021</div>"
    + b"<p>This paragraph exists only to exercise the extractor once before the clock starts, "
    b"with enough words to look like an article to every heuristic in the comparison.</p>" * 6
    + b"</article><footer>Copyright 2021</footer></body></html>"
)


def block_network() -> None:
    """Make every socket connection and name lookup in this process fail at once."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access is disabled in the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
