"""Helpers on Lexbor nodes for the metadata stage: where a candidate sits.

The key one is :func:`is_excluded`: names and dates inside comments, teasers,
related-article lists, sidebars, footers and navigation are not the
article's. It looks only at a candidate's ancestors (bounded by
``classes.max_ancestor_depth``), so its cost is per candidate, never per page.

The text and node helpers the caption stage shares (:func:`collapse`,
:func:`tokens`, :func:`attr`, :func:`text_of`, :func:`ancestor_ids`,
:func:`nearest_in`, :func:`too_nested`) live in :mod:`boilerstrip.dom`;
they are imported here for the metadata modules.
"""

from __future__ import annotations

import html
import re
from typing import Mapping, Optional, Sequence, TypeVar

from selectolax.lexbor import LexborNode

from ..dom import MAX_NESTED_CANDIDATES, NODE_ERRORS, ancestor_ids, attr, collapse, nearest_in, text_of, tokens, too_nested
from .data import DATA

_V = TypeVar("_V")

__all__ = [
    "tokens", "is_excluded", "locate", "ancestor_levels", "ancestor_ids", "text_of", "attr", "collapse", "cap_text",
    "nearest_in", "too_nested", "unescape_refs", "MAX_NESTED_CANDIDATES", "MAX_SOURCE_CHARS", "NODE_ERRORS",
]

_CLASSES = DATA["classes"]
EXCLUDE_TOKENS = frozenset(_CLASSES["exclude_tokens"])
EXCLUDE_TAGS = frozenset(_CLASSES["exclude_tags"])
MAX_ANCESTOR_DEPTH: int = _CLASSES["max_ancestor_depth"]
WEAK_TOKENS = frozenset(_CLASSES["weak_exclude_tokens"])
#: Compound tokens starting with an exclusion word count too.
EXCLUDE_PREFIXES = tuple(t for t in _CLASSES["exclude_tokens"] if len(t) >= 5)
#: Words that start with an exclusion word but name no such box (Drupal's
#: "node-promoted": an article promoted to the front page).
PREFIX_EXCEPTIONS = frozenset(_CLASSES["exclude_prefix_exceptions"])
WEAK_TAGS = frozenset(_CLASSES["weak_exclude_tags"])
NEAR_LEVELS: int = _CLASSES["near_levels"]



#: Every metadata source value (a meta tag's content, a JSON-LD string) is
#: cut to this many characters when read, so that no field's size grows with
#: the page; the normalising steps cut their input shorter still (titles to
#: :data:`.title.MAX_TITLE_CHARS`, credits to
#: :data:`.authors.MAX_CREDIT_CHARS`, dates to ``dates.max_input_chars``).
#: Real descriptions reach 15,000 characters.
MAX_SOURCE_CHARS = 100_000

def cap_text(text: Optional[str], limit: int = MAX_SOURCE_CHARS) -> str:
    """``text`` cut to its first ``limit`` characters; ``""`` for None. O(limit)."""
    if not text:
        return ""
    return text if len(text) <= limit else text[:limit]


#: A character reference left in text (``&amp;``, ``&#8217;``, ``&#x27;``).
_CHAR_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_refs(text: str) -> str:
    """``text`` with HTML character references replaced by their characters.

    JSON-LD is not HTML, so the parser decodes nothing in it, yet CMSs write
    their headlines and names into it HTML-escaped (``"Actuary&#8217;s"``,
    ``"Rates &amp; Fees"``; 14 titles of the shared sets came out so), a
    few twice (``"finally&amp;#8230;"``): a second round is taken when the
    first left a reference that was escaped itself. Text without ``&`` is
    returned as it is. O(n): at most two linear passes (:func:`html.unescape`)."""
    if "&" not in text or _CHAR_REF.search(text) is None:
        return text
    once = html.unescape(text)
    if "&amp;" in text and _CHAR_REF.search(once) is not None:
        return html.unescape(once)
    return once


def _strong(toks: set[str]) -> bool:
    """A token is, or starts with, an ``exclude_tokens`` word ("relatedposts", "commentlist")."""
    return not toks.isdisjoint(EXCLUDE_TOKENS) or any(t.startswith(EXCLUDE_PREFIXES) and t not in PREFIX_EXCEPTIONS for t in toks)


def ancestor_levels(node: Optional[LexborNode]) -> dict[int, int]:
    """``{mem_id: levels above node}`` for ``node`` (0) and all its ancestors."""
    out: dict[int, int] = {}
    level = 0
    while node is not None:
        out[node.mem_id] = level
        node = node.parent
        level += 1
    return out


def _kind(node: LexborNode, cache: Optional[dict[int, Optional[int]]]) -> Optional[int]:
    """0 for a plain element, 1 for a layout box (``weak_exclude_*``), None for
    an excluded box (``exclude_*``); memoised in ``cache`` by ``mem_id``."""
    key = node.mem_id
    if cache is not None and key in cache:
        return cache[key]
    tag = node.tag
    toks = tokens(node)
    if tag in EXCLUDE_TAGS or _strong(toks):
        kind = None
    else:
        kind = 1 if tag in WEAK_TAGS or not toks.isdisjoint(WEAK_TOKENS) else 0
    if cache is not None:
        cache[key] = kind
    return kind


#: :func:`locate` ranks: near the headline and in no layout box, near but in
#: one, far from it and in none, far and in one (a last resort: sidebars
#: hold other items' dates, but some templates name whole columns "widget").
#: Excluded candidates get None.
NEAR, NEAR_BOXED, FAR, FAR_BOXED = 0, 1, 2, 3


def locate(
    node: LexborNode,
    anchors: dict[int, int],
    cache: Optional[dict[int, Optional[int]]] = None,
    levels: Optional[dict[int, Optional[int]]] = None,
) -> Optional[int]:
    """Where a byline/dateline candidate sits relative to the article.

    Args:
        node: the candidate element.
        anchors: :func:`ancestor_levels` of the article's ``<h1>`` and/or of
            the main-content root (merged, smallest level kept).
        cache: ``{mem_id: 0 plain, 1 layout box, None excluded}``, saves
            re-reading the class tokens of ancestors shared by several
            candidates.
        levels: the per-page memo of :func:`anchor_level`.

    Returns:
        None when the candidate is inside a comment, teaser, related list or
        another box of ``classes.exclude_tokens``/``exclude_tags``; else
        :data:`NEAR` / :data:`NEAR_BOXED` / :data:`FAR` / :data:`FAR_BOXED`
        (boxed: inside a layout box of ``weak_exclude_*``). "Near" means the
        lowest common ancestor with an anchor is at most
        ``classes.near_levels`` above it.

    Bound: the class tokens of at most ``classes.max_ancestor_depth``
    ancestors are read; the walk further up to an anchor is memoised in
    ``levels``, so over all the candidates of a page it visits each element
    once: O(n) in the number of elements, whatever the nesting.
    """
    cur: Optional[LexborNode] = node
    boxed = False
    depth = 0
    level: Optional[int] = None
    while cur is not None and depth < MAX_ANCESTOR_DEPTH:
        if cur.mem_id in anchors:
            level = anchors[cur.mem_id]
            break
        kind = _kind(cur, cache)
        if kind is None:
            return None
        if kind == 1:
            boxed = True
        cur = cur.parent
        depth += 1
    else:
        if cur is not None:
            level = anchor_level(cur, anchors, levels)
    if level is not None and level <= NEAR_LEVELS:
        return NEAR_BOXED if boxed else NEAR
    return FAR_BOXED if boxed else FAR


def anchor_level(node: LexborNode, anchors: dict[int, int], levels: Optional[dict[int, Optional[int]]] = None) -> Optional[int]:
    """The anchor level of ``node``'s nearest ancestor-or-self in ``anchors``,
    or None when there is none (see :func:`nearest_in`)."""
    return nearest_in(node, anchors, levels)


def is_excluded(
    node: LexborNode,
    *,
    safe: frozenset[int] = frozenset(),
    tags: Optional[frozenset[str]] = None,
    cache: Optional[dict[int, Optional[int]]] = None,
) -> bool:
    """True when ``node`` or one of its nearest ancestors is a comment, teaser,
    related list, sidebar, footer or navigation box.

    Args:
        node: the candidate element.
        safe: ``mem_id`` s of elements at which to stop looking: the main
            content root and the ancestors of the article's ``<h1>`` (see
            :func:`ancestor_ids`). An element that holds the headline is the
            article's own container, whatever its class says (page layouts
            are named "layout-with-sidebar" too).
        tags: the tag names that exclude; default ``exclude_tags`` and
            ``weak_exclude_tags`` (the caption stage leaves out ``figure``).

    Tags come from ``classes.exclude_tags``, class/id tokens from
    ``classes.exclude_tokens`` in ``data.toml``. ``cache``: the per-page
    memo of :func:`locate`, used (and filled) for the default ``tags``.
    """
    cur: Optional[LexborNode]
    if tags is None and cache is not None:
        cur = node
        depth = 0
        while cur is not None and depth < MAX_ANCESTOR_DEPTH:
            if cur.tag in ("body", "html", "-document", "#document") or cur.mem_id in safe:
                return False
            if _kind(cur, cache) != 0:
                return True
            cur = cur.parent
            depth += 1
        return False
    tags = EXCLUDE_TAGS | WEAK_TAGS if tags is None else tags
    cur = node
    depth = 0
    while cur is not None and depth < MAX_ANCESTOR_DEPTH:
        tag = cur.tag
        if tag in ("body", "html", "-document", "#document") or cur.mem_id in safe:
            return False
        toks = tokens(cur)
        if tag in tags or _strong(toks) or not toks.isdisjoint(WEAK_TOKENS):
            return True
        cur = cur.parent
        depth += 1
    return False
