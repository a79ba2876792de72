"""Read the page's ``<meta>`` and ``<link>`` declarations into one lookup.

The ``meta[content]`` and ``link[rel][href]`` elements (found by the caller's
one page query, else by two CSS queries); keys are
the lower-cased ``name``, ``property``, ``itemprop`` or ``http-equiv`` value,
values are the non-empty contents in page order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import NODE_ERRORS, attr, cap_text, collapse, is_excluded

__all__ = ["PageMeta", "read_meta"]

_KEY_ATTRS = ("property", "name", "itemprop", "http-equiv")


@dataclass
class PageMeta:
    """What the page declares about itself.

    Attributes:
        tags: ``{key: [content, ...]}`` from ``<meta>``; keys lower-case
            (``"og:title"``, ``"article:published_time"``, ``"author"``).
        links: ``{rel: [href, ...]}`` from ``<link>``; rel tokens lower-case.
        lang: the ``<html lang>`` value, or ``""``.
    """

    tags: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    lang: str = ""

    def first(self, *keys: str) -> str:
        """The first non-empty content among ``keys`` (in the order given), or ``""``."""
        for key in keys:
            for value in self.tags.get(key, ()):
                if value:
                    return value
        return ""

    def all(self, *keys: str) -> list[str]:
        """Every content of every key in ``keys``, in key order."""
        return [v for key in keys for v in self.tags.get(key, ()) if v]


def read_meta(
    tree: LexborHTMLParser,
    metas: Optional[list[LexborNode]] = None,
    links: Optional[list[LexborNode]] = None,
    cache: Optional[dict[int, Optional[int]]] = None,
) -> PageMeta:
    """Collect ``<meta>``/``<link>`` declarations and ``<html lang>``.

    ``<meta itemprop>`` inside excluded boxes (comments, teasers) is skipped:
    microdata of related articles must not pass for the page's own.
    ``metas``/``links``: the page's ``meta[content]`` and ``link[rel][href]``
    elements when already found; ``cache``: a per-page memo for
    :func:`.dom.is_excluded`. Contents are cut to
    :data:`.dom.MAX_SOURCE_CHARS` characters. A tree without a head gives
    an empty :class:`PageMeta`. O(n) in the number and size of the tags.
    """
    out = PageMeta()
    try:
        for node in tree.css("meta[content]") if metas is None else metas:
            attrs = node.attrs
            content = collapse(cap_text(attrs.get("content")))
            if not content:
                continue
            for key_attr in _KEY_ATTRS:
                key = attrs.get(key_attr)
                if not key or not key.strip():
                    continue
                if key_attr == "itemprop" and is_excluded(node, cache=cache):
                    break
                for k in key.lower().split():
                    out.tags.setdefault(k, []).append(content)
                break
        for node in tree.css("link[rel][href]") if links is None else links:
            href = attr(node, "href")
            for rel in attr(node, "rel").lower().split():
                out.links.setdefault(rel, []).append(href)
        root = tree.root
        if root is not None and root.tag == "html":
            out.lang = attr(root, "lang") or attr(root, "xml:lang")
    except NODE_ERRORS:  # an attribute that is not UTF-8: keep what was read
        pass
    return out
