"""Visible bylines and datelines: elements the page shows to the reader.

A few CSS queries (run by Lexbor) find candidate elements by class/id
tokens (``classes.byline_tokens``/``classes.date_tokens`` in ``data.toml``),
microdata (``itemprop=author``/``datePublished``), ``rel=author`` and
``<time>``; each candidate is then checked with
:func:`~boilerstrip.metadata.dom.is_excluded` (comments, teasers, sidebars,
footers are not the article's). Candidates in or just before the main
content come first, then the rest in page order.
"""

from __future__ import annotations

from typing import Iterator, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .data import DATA
from .dom import attr, is_excluded, text_of, tokens

__all__ = ["byline_texts", "date_texts"]

_CLS = DATA["classes"]
BYLINE_TOKENS = frozenset(_CLS["byline_tokens"])
DATE_TOKENS = frozenset(_CLS["date_tokens"])
MAX_BYLINE_CHARS: int = _CLS["max_byline_chars"]
MAX_DATELINE_CHARS: int = _CLS["max_dateline_chars"]
_ATTR_QUERY = ", ".join(
    f'[class*="{t}" i], [id*="{t}" i]' for t in sorted({t[:6] for t in BYLINE_TOKENS})
)
_DATE_QUERY = ", ".join(f'[class*="{t}" i]' for t in sorted(DATE_TOKENS)) + ", time"
#: Inside a byline box, the elements that hold just a name.
_NAME_QUERY = '[itemprop="name"], a[rel~="author"], a[href*="author" i], a[href*="autor" i], a[href*="auteur" i]'


def _scoped(tree: LexborHTMLParser, main: Optional[LexborNode], query: str) -> Iterator[LexborNode]:
    """Matches of ``query`` inside ``main``'s parent (the article header sits
    just before the body) first, then the whole page; each node once."""
    seen: set[int] = set()
    scopes = [main.parent or main] if main is not None else []
    for scope in scopes + [tree]:
        try:
            nodes = scope.css(query)
        except Exception:
            continue
        for node in nodes:
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                yield node


def byline_texts(tree: LexborHTMLParser, main: Optional[LexborNode]) -> Iterator[tuple[str, str]]:
    """``(source, text)`` of visible credit candidates, best first.

    Sources: ``"microdata"`` (``[itemprop=author]``, its ``[itemprop=name]``
    when nested), ``"rel"`` (``a[rel=author]``), ``"byline"`` (elements whose
    class/id tokens are byline tokens; their name links when they hold any).
    """
    for node in _scoped(tree, main, '[itemprop~="author"], [itemprop~="creator"]'):
        if is_excluded(node):
            continue
        name = node.css_first('[itemprop="name"]')
        value = attr(name, "content") or text_of(name) if name is not None else ""
        value = value or attr(node, "content") or text_of(node)
        if value and len(value) <= MAX_BYLINE_CHARS:
            yield "microdata", value
    for node in _scoped(tree, main, 'a[rel~="author"]'):
        if not is_excluded(node):
            yield "rel", text_of(node)
    for node in _scoped(tree, main, _ATTR_QUERY):
        if tokens(node).isdisjoint(BYLINE_TOKENS) or node.tag in ("body", "html", "meta", "link", "img"):
            continue
        text = text_of(node)
        if not text or len(text) > MAX_BYLINE_CHARS or is_excluded(node):
            continue
        names = [text_of(n) for n in node.css(_NAME_QUERY)]
        names = [n for n in names if n]
        yield "byline", " and ".join(names) if names else text


def date_texts(tree: LexborHTMLParser, main: Optional[LexborNode]) -> Iterator[tuple[str, str]]:
    """``(source, text)`` of visible publication-date candidates, best first.

    Sources: ``"microdata"`` (``[itemprop=datePublished]``), ``"time"``
    (``<time datetime>``, then its text), ``"dateline"`` (short elements
    whose class tokens are date tokens). Modification dates
    (``itemprop=dateModified``, class tokens "updated"/"modified") are skipped.
    """
    for node in _scoped(tree, main, '[itemprop~="datePublished"], [itemprop~="dateCreated"]'):
        if not is_excluded(node):
            yield "microdata", attr(node, "content") or attr(node, "datetime") or text_of(node)
    for node in _scoped(tree, main, _DATE_QUERY):
        toks = tokens(node)
        is_time = node.tag == "time"
        if not is_time and toks.isdisjoint(DATE_TOKENS):
            continue
        if "updated" in toks or "modified" in toks or attr(node, "itemprop").lower() == "datemodified":
            continue
        text = attr(node, "datetime") if is_time else ""
        text = text or text_of(node)
        if not text or len(text) > MAX_DATELINE_CHARS or is_excluded(node):
            continue
        yield ("time" if is_time else "dateline"), text


def modified_texts(tree: LexborHTMLParser, main: Optional[LexborNode]) -> Iterator[str]:
    """Texts of visible modification-date candidates (``itemprop=dateModified``)."""
    for node in _scoped(tree, main, '[itemprop~="dateModified"]'):
        if not is_excluded(node):
            yield attr(node, "content") or attr(node, "datetime") or text_of(node)
