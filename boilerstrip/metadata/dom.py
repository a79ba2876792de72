"""Small helpers on Lexbor nodes shared by the metadata and caption stages.

The key one is :func:`is_excluded`: names and dates inside comments, teasers,
related-article lists, sidebars, footers and navigation are not the
article's. It looks only at a candidate's ancestors (bounded by
``classes.max_ancestor_depth``), so its cost is per candidate, never per page.
"""

from __future__ import annotations

import re
from typing import Optional

from selectolax.lexbor import LexborNode

from .data import DATA

__all__ = ["tokens", "is_excluded", "text_of", "attr", "collapse"]

_CLASSES = DATA["classes"]
EXCLUDE_TOKENS = frozenset(_CLASSES["exclude_tokens"])
EXCLUDE_TAGS = frozenset(_CLASSES["exclude_tags"])
MAX_ANCESTOR_DEPTH: int = _CLASSES["max_ancestor_depth"]

# Same split as boilerstrip.rules.class_tokens: non-alphanumerics and
# camelCase boundaries ("relatedPosts" -> related, posts).
_TOKEN_SPLIT = re.compile(r"[\W_]+|(?<=[a-z])(?=[A-Z])")
_WS = re.compile(r"\s+")


def collapse(text: Optional[str]) -> str:
    """``text`` with every whitespace run made one space, stripped; ``""`` for None."""
    return _WS.sub(" ", text).strip() if text else ""


def attr(node: LexborNode, name: str) -> str:
    """The attribute ``name`` of ``node``, whitespace-collapsed, ``""`` when absent."""
    try:
        return collapse(node.attributes.get(name))
    except Exception:  # selectolax raises on some malformed attribute values
        return ""


def tokens(node: LexborNode) -> set[str]:
    """Lower-case class and id tokens of ``node`` (``"post-author"`` -> {post, author})."""
    value = f"{attr(node, 'class')} {attr(node, 'id')}"
    return {t.lower() for t in _TOKEN_SPLIT.split(value) if t}


def text_of(node: LexborNode) -> str:
    """The visible text of ``node``, whitespace-collapsed."""
    try:
        return collapse(node.text(deep=True, separator=" "))
    except Exception:
        return ""


def is_excluded(node: LexborNode, *, extra_tags: frozenset[str] = frozenset(), stop: Optional[LexborNode] = None) -> bool:
    """True when ``node`` or one of its nearest ancestors is a comment, teaser,
    related list, sidebar, footer or navigation box.

    Args:
        node: the candidate element.
        extra_tags: more tag names that exclude (callers add e.g. ``"a"``).
        stop: an ancestor at which to stop looking (the main-content root:
            what is inside it was already judged to be the article).

    Tags come from ``classes.exclude_tags``, class/id tokens from
    ``classes.exclude_tokens`` in ``data.toml``.
    """
    tags = EXCLUDE_TAGS | extra_tags
    cur: Optional[LexborNode] = node
    depth = 0
    while cur is not None and depth < MAX_ANCESTOR_DEPTH:
        tag = cur.tag
        if tag in ("body", "html", "#document") or (stop is not None and cur.mem_id == stop.mem_id):
            return False
        if tag in tags or not tokens(cur).isdisjoint(EXCLUDE_TOKENS):
            return True
        cur = cur.parent
        depth += 1
    return False
