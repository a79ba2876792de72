"""Visible bylines and datelines: elements the page shows to the reader.

A few CSS queries (run by Lexbor) find candidate elements by class/id
tokens (``classes.byline_tokens``/``classes.date_tokens`` in ``data.toml``),
microdata (``itemprop=author``/``datePublished``), ``rel=author`` and
``<time>``; each candidate is then placed with :func:`.dom.locate`:
candidates in comments, teasers and related lists are dropped; those near
the article's ``<h1>`` (or in the main content) come first, then those near
it but in a layout box (an article's ``<footer>`` meta line), then the rest
of the page outside layout boxes, each group in page order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .data import DATA
from .dom import FAR, ancestor_levels, attr, is_excluded, locate, text_of, tokens
from .title import first_h1

__all__ = ["Scope", "byline_texts", "date_texts", "modified_texts", "header_texts", "region_text"]

_CLS = DATA["classes"]
BYLINE_TOKENS = frozenset(_CLS["byline_tokens"])
DATE_TOKENS = frozenset(_CLS["date_tokens"])
DATE_TOKEN_PARTS = tuple(_CLS["date_token_parts"])
MAX_BYLINE_CHARS: int = _CLS["max_byline_chars"]
MAX_DATELINE_CHARS: int = _CLS["max_dateline_chars"]
#: How many element siblings of the ``<h1>`` (and of its parent) on each
#: side are read as header text: a kicker, a dateline and a byline.
HEADER_SIBLINGS = 3
REGION_CHARS: int = _CLS["region_chars"]
_BYLINE_QUERY = ", ".join(f'[class*="{t}" i], [id*="{t}" i]' for t in sorted({t[:6] for t in BYLINE_TOKENS}))
_DATE_QUERY = ", ".join(f'[class*="{t}" i]' for t in sorted(DATE_TOKENS | set(DATE_TOKEN_PARTS))) + ", time"
#: Inside a byline box, the elements that hold just a name.
_NAME_QUERY = '[itemprop="name"], a[rel~="author"], a[href*="author" i], a[href*="autor" i], a[href*="auteur" i]'
_SKIP_TAGS = frozenset({"body", "html", "head", "meta", "link", "img", "script", "title"})


@dataclass
class Scope:
    """Where the article is on the page.

    Attributes:
        tree: the page.
        main: the main-content root from the pipeline, or None.
        h1: the article's ``<h1>`` (see :func:`.title.first_h1`), or None.
        anchors: :func:`.dom.ancestor_levels` of ``main`` and ``h1``, merged.
    """

    tree: LexborHTMLParser
    main: Optional[LexborNode]
    h1: Optional[LexborNode]
    anchors: dict[int, int]
    cache: dict[int, Optional[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, tree: LexborHTMLParser, main: Optional[LexborNode]) -> "Scope":
        h1 = first_h1(tree, main)
        anchors = ancestor_levels(main)
        for key, level in ancestor_levels(h1).items():
            anchors[key] = min(level, anchors.get(key, level))
        return cls(tree, main, h1, anchors)

    def rank(self, node: LexborNode) -> Optional[int]:
        """:func:`.dom.locate` of ``node``: None (excluded) or a rank, lower is better."""
        return locate(node, self.anchors, self.cache)

    def excluded(self, node: LexborNode) -> bool:
        return is_excluded(node, safe=frozenset(self.anchors))


def _ranked(scope: Scope, query: str) -> list[tuple[int, LexborNode]]:
    """Matches of ``query``, not excluded, sorted by rank (page order within a rank)."""
    try:
        nodes = scope.tree.css(query)
    except Exception:
        return []
    out = []
    for node in nodes:
        if node.tag in _SKIP_TAGS:
            continue
        rank = scope.rank(node)
        if rank is not None:
            out.append((rank, node))
    out.sort(key=lambda item: item[0])
    return out


def byline_texts(scope: Scope) -> Iterator[tuple[int, str, str]]:
    """``(rank, source, text)`` of visible credit candidates.

    Sources: ``"microdata"`` (``[itemprop=author]``, its ``[itemprop=name]``
    when nested), ``"rel"`` (``a[rel=author]``), ``"byline"`` (elements whose
    class/id tokens are byline tokens; their name links when they hold any).
    """
    for rank, node in _ranked(scope, '[itemprop~="author"], [itemprop~="creator"]'):
        name = node.css_first('[itemprop="name"]')
        value = (attr(name, "content") or text_of(name)) if name is not None else ""
        value = value or attr(node, "content") or text_of(node)
        if value and len(value) <= MAX_BYLINE_CHARS:
            yield rank, "microdata", value
    for rank, node in _ranked(scope, 'a[rel~="author"]'):
        yield rank, "rel", text_of(node)
    for rank, node in _ranked(scope, _BYLINE_QUERY):
        if tokens(node).isdisjoint(BYLINE_TOKENS):
            continue
        text = text_of(node)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = [n for n in (text_of(x) for x in node.css(_NAME_QUERY)) if n]
        yield rank, "byline", " and ".join(names) if names else text


def _is_dateline(toks: set[str]) -> bool:
    return not toks.isdisjoint(DATE_TOKENS) or any(p in t for t in toks for p in DATE_TOKEN_PARTS)


def date_texts(scope: Scope) -> Iterator[tuple[int, str, str]]:
    """``(rank, source, text)`` of visible publication-date candidates, by
    rank; within a rank, innermost elements first (a meta box holding the
    title and the date comes after the date element inside it), then page order.

    Sources: ``"microdata"`` (``[itemprop=datePublished]``), ``"time"``
    (``<time datetime>``, else its text), ``"dateline"`` (short elements
    whose class tokens are date tokens). Modification dates
    (``itemprop=dateModified``, class tokens with "update"/"modified") are skipped.
    """
    for rank, node in _ranked(scope, '[itemprop~="datePublished"], [itemprop~="dateCreated"]'):
        yield rank, "microdata", attr(node, "content") or attr(node, "datetime") or text_of(node)
    found = []
    for rank, node in _ranked(scope, _DATE_QUERY):
        toks = tokens(node)
        is_time = node.tag == "time"
        if not is_time and not _is_dateline(toks):
            continue
        if any("update" in t or "modified" in t for t in toks) or attr(node, "itemprop").lower() == "datemodified":
            continue
        text = (attr(node, "datetime") if is_time else "") or text_of(node)
        if text and len(text) <= MAX_DATELINE_CHARS:
            outer = not is_time and node.css_first(_DATE_QUERY) is not None
            found.append((rank, outer, "time" if is_time else "dateline", text))
    found.sort(key=lambda item: (item[0], item[1]))
    for rank, _, source, text in found:
        yield rank, source, text


def modified_texts(scope: Scope) -> Iterator[str]:
    """Texts of visible modification-date candidates (``itemprop=dateModified``)."""
    for _, node in _ranked(scope, '[itemprop~="dateModified"]'):
        yield attr(node, "content") or attr(node, "datetime") or text_of(node)


def header_texts(scope: Scope) -> Iterator[str]:
    """Short texts around the ``<h1>``: its element siblings (nearest first,
    up to :data:`HEADER_SIBLINGS` on each side), then its parent's siblings.
    Datelines and bylines without telling class names sit there."""
    node = scope.h1
    for _ in range(2):
        if node is None:
            return
        for direction in ("next", "prev"):
            sib, count = getattr(node, direction), 0
            while sib is not None and count < HEADER_SIBLINGS:
                if sib.is_element_node:
                    count += 1
                    text = text_of(sib)
                    if text and len(text) <= MAX_DATELINE_CHARS and scope.rank(sib) is not None:
                        yield text
                sib = getattr(sib, direction)
        node = node.parent


def region_text(scope: Scope) -> str:
    """The first ``classes.region_chars`` characters of the article region's
    text, from the ``<h1>`` on (the main root, else the ``<h1>``'s grandparent)."""
    region = scope.main
    if region is None and scope.h1 is not None:
        region = scope.h1.parent.parent if scope.h1.parent is not None and scope.h1.parent.parent is not None else scope.h1.parent
    if region is None:
        return ""
    text = text_of(region)
    if scope.h1 is not None:
        head = text_of(scope.h1)
        at = text.find(head) if head else -1
        if at >= 0:
            text = text[at + len(head):]
    return text[:REGION_CHARS]
