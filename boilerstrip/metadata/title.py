"""Title: the article headline, with the site name cut off.

Candidates are the JSON-LD ``headline``, ``og:title``/``twitter:title``, the
``<h1>`` (in the main content when known, else the first one outside
excluded boxes) and ``<title>``. A title that holds a known site name (from
``og:site_name``, the JSON-LD publisher or website, ``application-name`` or
the URL's host) as a part separated by " | ", " - ", ": " ... (the list
``title.separators`` in ``data.toml``) loses that part. The ``<h1>`` wins
when another source confirms it (equal to, or a part of, a declared title);
otherwise the declared headline does; the bare ``<h1>`` is the last resort.
One case goes before all: when the ``<h1>`` lies outside the main content,
names the site (a known site name, or a link to the front page) and a
title holds it and the main content's first ``<h2>`` as two parts, the
``<h2>`` is the headline.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .data import DATA
from .dom import cap_text, collapse, is_excluded, nearest_in, text_of, too_nested

__all__ = ["main_heading", "pick_title", "strip_site_name"]

SEPARATORS: tuple[str, ...] = tuple(DATA["title"]["separators"])
#: Title candidates are cut to this many characters before site names are
#: stripped (real titles have a few hundred at most).
MAX_TITLE_CHARS = 10_000
_FOLD = re.compile(r"[\W_]+")


def _fold(s: str) -> str:
    return _FOLD.sub("", s.casefold())


def _split(title: str) -> list[str]:
    for sep in SEPARATORS:
        if sep in title:
            return [p.strip() for p in title.split(sep) if p.strip()]
    return [title]


def _is_site(part: str, sites: list[str]) -> bool:
    p = _fold(part)
    return bool(p) and any(p == s or (len(p) >= 4 and (p in s or s in p)) for s in sites)


def strip_site_name(title: str, sitenames: Iterable[str]) -> str:
    """``title`` without the parts equal to (or contained in) a site name.

    ``"Headline | Site"`` -> ``"Headline"``; ``"Site: Headline"`` ->
    ``"Headline"``. Parts are split at the first separator of
    ``title.separators`` that occurs; after a part is cut, the rest is
    looked at again from the first separator on. A title made only of the
    site name is returned unchanged, and so is one whose cut would leave
    no letter or digit (``".:: Site ::. Headline"`` cut at ``":"``).

    Bound: ``title`` is cut to :data:`MAX_TITLE_CHARS` characters
    first; each round removes a part and costs O(n), so the work is at most
    O(MAX_TITLE_CHARS²) character steps (at C speed) whatever the page,
    and memory O(n): one round at a time, no recursion.
    """
    sites = [f for f in (_fold(s) for s in sitenames if s) if f]
    title = whole = collapse(cap_text(title, MAX_TITLE_CHARS))
    if not sites or not title:
        return title
    cut = True
    while cut:
        cut = False
        for sep in SEPARATORS:
            if sep not in title:
                continue
            parts = title.split(sep)
            # cut from the end or from the start, keeping the rest intact
            if _is_site(parts[-1], sites) and len(parts) > 1:
                title, cut = collapse(sep.join(parts[:-1])), True
                break
            if _is_site(parts[0], sites) and len(parts) > 1:
                title, cut = collapse(sep.join(parts[1:])), True
                break
        if cut and not title:
            break
    # what is left of ".:: Site ::. Headline" cut at ":" may be punctuation alone
    return title if _fold(title) or not _fold(whole) else whole


def _confirmed(text: str, candidates: list[str]) -> bool:
    """``text`` equals a candidate, or a part of one split at a separator
    (compared without case, punctuation or spaces)."""
    folded = _fold(text)
    return bool(folded) and any(
        cand and (_fold(cand) == folded or any(_fold(p) == folded for p in _split(cand))) for cand in candidates
    )


def _split_in_one_title(h1: str, heading: str, candidates: list[str]) -> bool:
    """``heading`` and ``h1`` are two parts of one title: a candidate split
    at a separator has one part equal to ``heading`` and another equal to
    ``h1`` (with :func:`main_heading`'s test that the ``<h1>`` names the
    site, the heading is then the headline) ("Headline « Jane's Blog" beside
    ``<h1>Jane's Blog</h1>`` and ``<h2>Headline</h2>``)."""
    fh, fs = _fold(heading), _fold(h1)
    if not fh or not fs or fh == fs:
        return False
    for cand in candidates:
        folded = {_fold(p) for p in _split(cand)} if cand else set()
        if fh in folded and fs in folded:
            return True
    return False


def _inside(node: LexborNode, root: LexborNode, memo: dict[int, Optional[bool]]) -> bool:
    """``root`` is ``node`` or one of its ancestors; ``memo``: per page and
    ``root``, so that the walks of many ``<h1>`` visit each element once."""
    return nearest_in(node, {root.mem_id: True}, memo) is not None


def first_h1(
    tree: LexborHTMLParser, main: Optional[LexborNode], h1s: Optional[list[LexborNode]] = None, cache: Optional[dict[int, Optional[int]]] = None
) -> Optional[LexborNode]:
    """The first non-empty ``<h1>`` in ``main``, else the page's first
    ``<h1>`` outside excluded boxes, else its first ``<h1>`` (layout
    containers far up are often named "navigation-container"); None when the
    page has no non-empty ``<h1>``. ``h1s``: the page's ``<h1>`` elements in
    page order, when already found.

    Bound: O(n) in the page's elements for the ancestor walks
    (:func:`.dom.nearest_in`); outside ``main``, ``<h1>`` wrapping more
    than :data:`.dom.MAX_NESTED_CANDIDATES` levels of others are passed
    over (:func:`.dom.too_nested`), so the texts read are O(n) in all."""
    if h1s is None:
        h1s = tree.css("h1")
    if main is not None:
        memo: dict[int, Optional[bool]] = {}
        for node in h1s:
            if _inside(node, main, memo) and text_of(node):
                return node
    fallback = None
    skip = too_nested(h1s)
    for node in h1s:
        if skip and node.mem_id in skip:
            continue
        if text_of(node):
            if not is_excluded(node, cache=cache):
                return node
            fallback = fallback or node
    return fallback


def main_heading(main: Optional[LexborNode], h1: Optional[LexborNode], sitenames: Iterable[str] = ()) -> str:
    """The text of the first ``<h2>`` of the main content when the page's
    ``<h1>`` lies outside it and names the site (old blog themes put the
    site's name in an ``<h1>`` in the header and each post's headline in an
    ``<h2>``), else ``""``. The ``<h1>`` names the site when its text is one
    of ``sitenames`` or it links to the site's front (:func:`_links_home`):
    a profile's ``<h1>Marie Curie</h1>`` above ``<h2>Biography</h2>`` is
    the headline, not the site. Bound: one query over ``main``'s subtree,
    one over ``h1``'s and one ancestor walk from ``h1``: O(n)."""
    if main is None or h1 is None:
        return ""
    memo: dict[int, Optional[bool]] = {}
    if _inside(h1, main, memo):
        return ""
    sites = {_fold(s) for s in sitenames if s}
    if _fold(text_of(h1)) not in sites and not _links_home(h1):
        return ""
    node = main.css_first("h2")
    return text_of(node) if node is not None else ""


def _links_home(h1: LexborNode) -> bool:
    """``h1`` holds a link to a site's front page: an ``href`` whose path has
    at most one part and no query (``/``, ``/blog``, ``https://example.org``,
    ``index.php``). O(size of h1)."""
    link = h1.css_first("a[href]")
    href = link.attributes.get("href") if link is not None else None
    if not href:
        return False
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return not parts.query and len([p for p in parts.path.split("/") if p]) <= 1


def pick_title(declared: list[str], doc_title: str, h1: str, sitenames: list[str], heading: str = "") -> Optional[str]:
    """Choose the headline.

    Args:
        declared: headline candidates the page states, best first (JSON-LD
            headline, og:title, twitter:title).
        doc_title: the ``<title>`` text.
        h1: the main ``<h1>`` text (``""`` if none).
        sitenames: known names of the site, for suffix removal.
        heading: the main content's own heading when the ``<h1>`` is
            outside it (:func:`main_heading`), or ``""``; it wins when a
            candidate holds it and the ``<h1>`` as separate parts (the
            ``<h1>`` is then the site's name).

    Returns:
        The headline, or None when the page has no title at all.

    Every candidate is cut to :data:`MAX_TITLE_CHARS` characters
    first; the work is bounded as in :func:`strip_site_name`.
    """
    doc_title, h1 = cap_text(doc_title, MAX_TITLE_CHARS), cap_text(h1, MAX_TITLE_CHARS)
    declared = [strip_site_name(t, sitenames) for t in declared if t]
    doc = strip_site_name(doc_title, sitenames) if doc_title else ""
    heading = cap_text(heading, MAX_TITLE_CHARS)
    if heading and _split_in_one_title(h1, heading, declared + [doc_title]):
        return heading
    if h1 and _confirmed(h1, declared + [doc]):
        return h1
    if declared:
        return declared[0]
    if doc:
        parts = _split(doc)
        if h1:
            return h1
        return doc if len(parts) == 1 else max(parts, key=len)
    return h1 or None
