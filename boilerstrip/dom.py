"""Small helpers on text and Lexbor nodes shared by the stages.

:func:`collapse` (whitespace and control characters), :func:`class_tokens`
(the one way a class or id attribute is split into words, used by the element
rules, the metadata stage and the caption stage), and the node helpers
:func:`tokens`, :func:`attr`, :func:`text_of`, :func:`ancestor_ids`,
:func:`unique_nodes`, and the memoised ancestor lookups :func:`nearest_in`
and :func:`too_nested` (candidates nested in candidates).
"""

from __future__ import annotations

import re
from typing import Mapping, Optional, Sequence, TypeVar

import regex
from selectolax.lexbor import LexborNode

_V = TypeVar("_V")

__all__ = [
    "collapse", "no_controls", "class_tokens", "tokens", "attr", "text_of", "ancestor_ids", "unique_nodes",
    "HEADING_LEVEL", "NODE_ERRORS", "nearest_in", "too_nested", "MAX_NESTED_CANDIDATES",
]

#: Heading tags and their levels (``<h1>`` is 1): the rules stage reads which
#: elements are headings, the walk into blocks their levels.
HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

#: What selectolax raises on a node it cannot read: an attribute or text
#: that is not valid UTF-8 (``UnicodeDecodeError``), or a node that is not
#: an element (``TypeError``).
NODE_ERRORS: tuple[type[BaseException], ...] = (ValueError, TypeError)

#: C0 and C1 control characters (tab, newline and carriage return aside) and
#: DEL: never text a reader sees, and terminal escapes in CLI output.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def no_controls(text: str) -> str:
    """``text`` without control characters (see :data:`_CONTROLS`)."""
    # search first: a scan in C, and almost no page has any
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def collapse(text: Optional[str], *, keep_controls: bool = False) -> str:
    """``text`` with every whitespace run made one space and the ends stripped.

    Args:
        text: any text, or ``None``.
        keep_controls: keep control characters; by default they are removed
            (:func:`no_controls`).

    Returns:
        The collapsed text; ``""`` for ``None`` or ``""``. Never raises.
    """
    if not text:
        return ""
    return " ".join((text if keep_controls else no_controls(text)).split())


#: Splits a class/id value at every run of characters that are neither
#: letters nor digits, and at camelCase boundaries ("shareBar" -> share, bar).
_TOKEN_SPLIT = regex.compile(r"[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})")
#: The same split for a value without capitals (most class names), where no
#: camelCase boundary can occur; ``[\W_]`` is "neither letter nor digit" in
#: ``re``, and ``re`` is the faster engine.
_LOWER_SPLIT = re.compile(r"[\W_]+")


def class_tokens(value: str) -> list[str]:
    """Split a class or id attribute into lower-case tokens, in order.

    ``"article-body shareBar js_ad"`` → ``["article", "body", "share", "bar", "js", "ad"]``.
    Never raises; ``""`` gives ``[]``.
    """
    if value == value.lower():
        return [t for t in _LOWER_SPLIT.split(value) if t]
    return [t.lower() for t in _TOKEN_SPLIT.split(value) if t]


def tokens(node: LexborNode) -> set[str]:
    """Lower-case class and id tokens of ``node`` (``"post-author"`` -> {post, author}),
    split by :func:`class_tokens`; an empty set when it has none or its
    attributes cannot be read."""
    try:
        attrs = node.attrs
        value = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    except NODE_ERRORS:  # selectolax raises on attribute values that are not UTF-8
        return set()
    if value == " ":
        return set()
    return set(class_tokens(value))


def attr(node: LexborNode, name: str) -> str:
    """The attribute ``name`` of ``node``, whitespace-collapsed, ``""`` when absent."""
    try:
        value = node.attrs.get(name)
    except NODE_ERRORS:  # selectolax raises on attribute values that are not UTF-8
        return ""
    return " ".join(value.split()) if value else ""


def text_of(node: LexborNode) -> str:
    """The visible text of ``node``, whitespace-collapsed (control characters
    kept, see :func:`collapse`); ``""`` if it cannot be read."""
    try:
        return collapse(node.text(deep=True, separator=" "), keep_controls=True)
    except NODE_ERRORS:
        return ""


def ancestor_ids(node: Optional[LexborNode]) -> frozenset[int]:
    """``mem_id`` of ``node`` and of all its ancestors (empty for None)."""
    out: set[int] = set()
    while node is not None:
        out.add(node.mem_id)
        node = node.parent
    return frozenset(out)


def unique_nodes(nodes: list[LexborNode]) -> list[LexborNode]:
    """``nodes`` with each element once, in their order: Lexbor's ``css()``
    returns an element once for every selector of a selector list that it
    matches (``.caption, .credit`` gives an element of both classes twice).
    O(len(nodes))."""
    seen: set[int] = set()
    out: list[LexborNode] = []
    for node in nodes:
        mid = node.mem_id
        if mid not in seen:
            seen.add(mid)
            out.append(node)
    return out


def nearest_in(node: Optional[LexborNode], targets: Mapping[int, _V], memo: Optional[dict[int, Optional[_V]]] = None) -> Optional[_V]:
    """``targets[k]`` for the nearest ancestor-or-self of ``node`` whose
    ``mem_id`` k is in ``targets``, or None when there is none.

    ``memo`` (per page and per ``targets``) keeps the answer for every
    element walked through, so that the walks of all a page's candidates
    visit each element once in all: O(n) in the number of elements over
    all calls, whatever the nesting (without it: O(depth) per call).
    """
    path: list[int] = []
    cur = node
    found: Optional[_V] = None
    while cur is not None:
        key = cur.mem_id
        if key in targets:
            found = targets[key]
            break
        if memo is not None and key in memo:
            found = memo[key]
            break
        path.append(key)
        cur = cur.parent
    if memo is not None:
        for key in path:
            memo[key] = found
    return found


#: Of candidates nested in each other (byline, dateline or caption boxes
#: wrapped in boxes of the same kind), only those with at most this many
#: levels of candidates inside them are read: a wrapper's text holds all of
#: theirs, and reading every level of a deep chain would cost O(depth²).
MAX_NESTED_CANDIDATES = 8


#: Of candidates nested in each other (byline, dateline or caption boxes
#: wrapped in boxes of the same kind), only those with at most this many
#: levels of candidates inside them are read: a wrapper's text holds all of
#: theirs, and reading every level of a deep chain would cost O(depth²).
MAX_NESTED_CANDIDATES = 8


def too_nested(nodes: Sequence[LexborNode], limit: int = MAX_NESTED_CANDIDATES) -> set[int]:
    """``mem_id`` s of the ``nodes`` (in page order) that hold more than
    ``limit`` levels of other ``nodes`` nested in them.

    Reading only the others bounds the work of reading candidates' subtrees:
    each element is inside at most ``limit + 1`` of the candidates read, so
    reading them all is O(limit × n). This pass is O(n) (:func:`nearest_in`).
    """
    if len(nodes) <= limit:
        return set()
    ids = {n.mem_id: n.mem_id for n in nodes}
    memo: dict[int, Optional[int]] = {}
    below: dict[int, int] = {}
    for node in reversed(nodes):  # inner candidates come after their wrappers
        outer = nearest_in(node.parent, ids, memo)
        if outer is not None:
            level = below.get(node.mem_id, 0) + 1
            if level > below.get(outer, 0):
                below[outer] = level
    return {key for key, level in below.items() if level > limit}
