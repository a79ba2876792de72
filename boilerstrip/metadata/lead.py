"""The article's lead image, and the categories and tags the page declares.

* :func:`lead_image`: the declared image (``og:image`` and the other keys of
  ``sources.image`` in ``data.toml``, then JSON-LD ``image``), else the
  first image of a ``<figure>`` in the main content; as an absolute
  http(s) URL or None.
* :func:`categories`: JSON-LD ``articleSection``, else the meta keys of
  ``sources.categories`` (``article:section``), as trafilatura reads them.
* :func:`tags`: the meta keys of ``sources.tags`` (``article:tag``), else
  JSON-LD ``keywords``, else ``sources.keywords`` (``<meta name=keywords>``).

Values listing several terms ("Politik, Europa") are split at
``lead.term_separators``; each term is kept once (case-insensitively), in
page order.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from .data import DATA
from .dom import attr, collapse
from .jsonld import JsonLd
from .meta import PageMeta

__all__ = ["lead_image", "categories", "tags", "absolute_url"]

_SOURCES = DATA["sources"]
_LEAD = DATA["lead"]
IMAGE_ATTRS: tuple[str, ...] = tuple(_LEAD["image_attrs"])
MAX_TERM_CHARS: int = _LEAD["max_term_chars"]
MAX_TERMS: int = _LEAD["max_terms"]
_TERM_SPLIT = re.compile("|".join(re.escape(s) for s in _LEAD["term_separators"]))


def absolute_url(value: str, base: Optional[str]) -> Optional[str]:
    """``value`` as an absolute http(s) URL: kept when it is one, ``//host``
    given https, a relative one joined to ``base`` (an http(s) URL); None
    otherwise (``data:`` URIs, ``http:/path`` without a host, relative
    without a base, empty)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if value.startswith("//"):
            return "https:" + value
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            return value if parts.netloc else None  # "http:/host/a.jpg" names no host
        if scheme or not base or urlsplit(base).scheme.lower() not in ("http", "https"):
            return None
        return urljoin(base, value)
    except ValueError:  # a malformed URL (bad IPv6 literal, ...)
        return None


def _img_url(img: LexborNode) -> str:
    for name in IMAGE_ATTRS:
        value = attr(img, name)
        if value and not value.startswith("data:"):
            return value.split(",")[0].split(" ")[0] if "srcset" in name else value
    return ""


def lead_image(meta: PageMeta, ld: JsonLd, main: Optional[LexborNode], base: Optional[str]) -> Optional[str]:
    """The article's lead image URL (absolute, http or https), or None.

    Args:
        meta: the page's meta declarations; ``ld``: its JSON-LD facts.
        main: the main-content root, or None; searched (one CSS query on
            its subtree, never the whole page) only when no image is declared.
        base: the page URL, to resolve relative URLs.
    """
    for declared in (*meta.all(*_SOURCES["image"]), ld.image):
        url = absolute_url(declared, base)
        if url:
            return url
    if main is None:
        return None
    for img in main.css("figure img"):
        url = absolute_url(_img_url(img), base)
        if url:
            return url
    return None


def _terms(values: Iterable[str]) -> tuple[str, ...]:
    out: dict[str, str] = {}
    for value in values:
        for part in _TERM_SPLIT.split(value):
            term = collapse(part).strip(" #")
            if term and len(term) <= MAX_TERM_CHARS and term.casefold() not in out:
                out[term.casefold()] = term
                if len(out) >= MAX_TERMS:
                    return tuple(out.values())
    return tuple(out.values())


def categories(meta: PageMeta, ld: JsonLd) -> tuple[str, ...]:
    """The page's declared sections: JSON-LD ``articleSection``, else
    ``article:section`` (``sources.categories``); ``()`` when none."""
    return _terms(ld.sections) or _terms(meta.all(*_SOURCES["categories"]))


def tags(meta: PageMeta, ld: JsonLd) -> tuple[str, ...]:
    """The article's declared tags: ``article:tag`` (``sources.tags``), else
    JSON-LD ``keywords``, else the page's keywords (``sources.keywords``);
    ``()`` when none."""
    return _terms(meta.all(*_SOURCES["tags"])) or _terms(ld.keywords) or _terms(meta.all(*_SOURCES["keywords"]))
