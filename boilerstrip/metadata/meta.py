"""Read the page's ``<meta>`` and ``<link>`` declarations into one lookup.

One CSS query for ``meta[content]`` and one for ``link[rel][href]``; keys are
the lower-cased ``name``, ``property``, ``itemprop`` or ``http-equiv`` value,
values are the non-empty contents in page order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .dom import attr, is_excluded

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


def read_meta(tree: LexborHTMLParser) -> PageMeta:
    """Collect ``<meta>``/``<link>`` declarations and ``<html lang>``.

    ``<meta itemprop>`` inside excluded boxes (comments, teasers) is skipped:
    microdata of related articles must not pass for the page's own.
    Never raises; a tree without a head gives an empty :class:`PageMeta`.
    """
    out = PageMeta()
    try:
        for node in tree.css("meta[content]"):
            content = attr(node, "content")
            if not content:
                continue
            for key_attr in _KEY_ATTRS:
                key = attr(node, key_attr).lower()
                if not key:
                    continue
                if key_attr == "itemprop" and is_excluded(node):
                    break
                for k in key.split():
                    out.tags.setdefault(k, []).append(content)
                break
        for node in tree.css("link[rel][href]"):
            href = attr(node, "href")
            for rel in attr(node, "rel").lower().split():
                out.links.setdefault(rel, []).append(href)
        root = tree.css_first("html")
        if root is not None:
            out.lang = attr(root, "lang") or attr(root, "xml:lang")
    except Exception:  # a damaged tree: keep what was read
        pass
    return out
