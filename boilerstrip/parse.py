"""Stage 2: text → DOM, parsed once with Lexbor (selectolax)."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

__all__ = ["parse_html"]


def parse_html(text: str) -> LexborHTMLParser:
    """Parse an HTML document with the Lexbor HTML5 parser.

    Lexbor follows the WHATWG tree-construction algorithm, so malformed
    markup (unclosed tags, stray end tags, ``<plaintext>``) gives the same
    tree a browser builds. The parser never fetches anything and runs no script.

    Args:
        text: the decoded document (see :func:`boilerstrip.decode.decode_html`).
    Returns:
        The parsed document; ``.body`` is always present for non-empty text.
    """
    return LexborHTMLParser(text)
