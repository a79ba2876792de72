"""Visible bylines and datelines: elements the page shows to the reader.

Two CSS queries (run by Lexbor) index the page once: one for the tags and
attributes every stage reads (``<meta>``, ``<link>``, JSON-LD, ``<title>``,
``<h1>``, ``[itemprop]``, ``a[rel=author]``, ``<time>``), one for elements
whose class/id holds a byline or dateline word (``classes.byline_tokens`` /
``classes.date_tokens`` in ``data.toml``; the query asks only for the
shortest substrings, the exact token test is done on the few matches). Each
candidate is then placed with :func:`.dom.locate`: candidates in comments,
teasers and related lists are dropped; those near the article's ``<h1>`` (or
in the main content) come first, then those near it but in a layout box (an
article's ``<footer>`` meta line), then the rest of the page outside layout
boxes, each group in page order.

The last-resort dateline search (:func:`opening_texts`) reads a bounded
number of text nodes just after the headline (and a few just before it), never
the whole page's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dom import unique_nodes
from .data import DATA
from .dom import FAR, ancestor_levels, attr, collapse, is_excluded, locate, text_of, tokens, too_nested
from .title import first_h1

__all__ = [
    "Scope", "labelled_texts", "byline_dates", "byline_texts", "date_texts", "modified_texts", "header_texts",
    "header_bylines", "opening_texts",
]

_CLS = DATA["classes"]
BYLINE_TOKENS = frozenset(_CLS["byline_tokens"])
BYLINE_TOKEN_PREFIXES = tuple(_CLS["byline_token_prefixes"])
DATE_TOKENS = frozenset(_CLS["date_tokens"])
DATE_TOKEN_PARTS = tuple(_CLS["date_token_parts"])
MAX_BYLINE_CHARS: int = _CLS["max_byline_chars"]
MAX_DATELINE_CHARS: int = _CLS["max_dateline_chars"]
#: How many element siblings of the ``<h1>`` (and of its parent) on each
#: side are read as header text: a kicker, a dateline and a byline.
HEADER_SIBLINGS = 3
_OPEN = DATA["opening"]
#: Budgets of the last-resort dateline search around the headline (see
#: ``[opening]`` in ``data.toml``).
OPEN_NODES_AFTER: int = _OPEN["nodes_after"]
OPEN_TEXTS_AFTER: int = _OPEN["texts_after"]
OPEN_CHARS_AFTER: int = _OPEN["chars_after"]
OPEN_NODES_BEFORE: int = _OPEN["nodes_before"]
OPEN_TEXTS_BEFORE: int = _OPEN["texts_before"]
#: Only the first characters of a text node are read for a date: a dateline
#: stands alone or opens its paragraph ("29.11.2022 – Mehrfach ...").
OPEN_LEAD_CHARS: int = _OPEN["lead_chars"]
LABELS = tuple(_OPEN["labels"])
UPDATE_LABELS = tuple(_OPEN["update_labels"])
LABEL_CHARS: int = _OPEN["label_chars"]
LABEL_TAIL_CHARS: int = _OPEN["label_tail_chars"]
#: Of each kind of candidate (class/id query matches, ``itemprop``
#: elements, author links, ...), only the first this many in page order are
#: placed and read: a page of tens of thousands of byline or ``<time>``
#: elements costs no more than one of this many. The shared dataset pages
#: have at most 1,543 of one kind (datelines) and 600 ``itemprop`` elements.
MAX_CANDIDATES = 4_096


def _cover(words: frozenset[str] | set[str], parts: list[str]) -> list[str]:
    """``parts`` when every word of ``words`` contains one of them (else the
    words themselves): a substring query for the parts then matches
    everything a query for all the words would."""
    if all(any(p in w for p in parts) for w in words):
        return sorted(parts)
    return sorted(w for w in words if not any(o != w and o in w for o in words))


#: The tags the metadata stage reads, in one query; the ``<h1>``, the
#: elements with an ``itemprop`` and the author links in one more each, so
#: that a page of many ``<h1>`` costs one list of them.
_INDEX_QUERY = 'meta[content], link[rel][href], script[type="application/ld+json" i], title'
_ITEMPROP_QUERY = "[itemprop]"
_REL_AUTHOR_QUERY = 'a[rel~="author"]'
#: Lexbor walks the page once per selector of a list, so the class queries
#: ask for a few short substrings (``classes.*_query_parts``) and the exact
#: token test is done on the matches.
_BYLINE_PARTS = _cover(BYLINE_TOKENS, _CLS["byline_query_parts"])
_DATE_PARTS = _cover(DATE_TOKENS | set(DATE_TOKEN_PARTS), _CLS["date_query_parts"])
#: Byline boxes by class (and by id for the common words); datelines (and
#: ``<time>``) by class. Two queries: the byline one runs only on pages that
#: declare no author (or give no better date).
_BYLINE_QUERY = ", ".join(
    [f'[class*="{t}" i]' for t in _BYLINE_PARTS] + [f'[id*="{t}" i]' for t in _BYLINE_PARTS if t in _CLS["byline_id_parts"]]
)
_DATE_QUERY = ", ".join(f'[class*="{t}" i]' for t in _DATE_PARTS) + ", time"
#: Inside a byline box, the elements that hold just a name.
_NAME_QUERY = '[itemprop="name"], a[rel~="author"], a[href*="author" i], a[href*="autor" i], a[href*="auteur" i]'
_SKIP_TAGS = frozenset({"body", "html", "head", "meta", "link", "img", "script", "title"})
#: itemprop values of the byline and the dates (``[itemprops]`` in ``data.toml``).
_ITEMPROP_AUTHOR = frozenset(DATA["itemprops"]["author"])
_ITEMPROP_PUBLISHED = frozenset(DATA["itemprops"]["published"])
_ITEMPROP_MODIFIED = frozenset(DATA["itemprops"]["modified"])
#: Elements whose text never holds the article's dateline.
_OPEN_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "select", "option", "button", "form"})


@dataclass
class PageIndex:
    """The page's nodes the metadata stage reads, found by one CSS query."""

    metas: list[LexborNode] = field(default_factory=list)
    links: list[LexborNode] = field(default_factory=list)
    jsonld: list[LexborNode] = field(default_factory=list)
    title: Optional[LexborNode] = None
    h1s: list[LexborNode] = field(default_factory=list)
    itemprops: list[tuple[frozenset[str], LexborNode]] = field(default_factory=list)
    rel_authors: list[LexborNode] = field(default_factory=list)

    @classmethod
    def of(cls, tree: LexborHTMLParser) -> "PageIndex":
        """Four queries (Lexbor walks the page once per selector), then a
        pass over the matches: O(n) in the page's elements; the attributes
        read are those of the ``itemprop`` and author-link matches only."""
        out = cls()
        for node in tree.css(_INDEX_QUERY):
            tag = node.tag
            if tag == "meta":
                out.metas.append(node)
            elif tag == "link":
                out.links.append(node)
            elif tag == "script":
                out.jsonld.append(node)
            elif tag == "title":
                out.title = out.title or node
        out.h1s = tree.css("h1")
        for node in tree.css(_ITEMPROP_QUERY):
            if node.tag == "meta":
                continue
            props = attr(node, "itemprop")
            if props:
                out.itemprops.append((frozenset(props.lower().split()), node))
        for node in tree.css(_REL_AUTHOR_QUERY):
            if "author" in attr(node, "rel").lower().split():
                out.rel_authors.append(node)
        return out


@dataclass
class Scope:
    """Where the article is on the page.

    Attributes:
        tree: the page.
        main: the main-content root from the pipeline, or None.
        h1: the article's ``<h1>`` (see :func:`.title.first_h1`), or None.
        anchors: :func:`.dom.ancestor_levels` of ``main`` and ``h1``, merged.
        index: the page's :class:`PageIndex`.
        cache: :func:`.dom.locate` verdicts per ancestor ``mem_id``.
        levels: :func:`.dom.anchor_level` memo per element ``mem_id``.
    """

    tree: LexborHTMLParser
    main: Optional[LexborNode]
    h1: Optional[LexborNode]
    anchors: dict[int, int]
    index: PageIndex = field(default_factory=PageIndex)
    cache: dict[int, Optional[int]] = field(default_factory=dict)
    levels: dict[int, Optional[int]] = field(default_factory=dict)
    _classed: dict[str, list[tuple[set[str], LexborNode]]] = field(default_factory=dict)
    _ranks: dict[int, Optional[int]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, tree: LexborHTMLParser, main: Optional[LexborNode], index: Optional[PageIndex] = None, cache: Optional[dict[int, Optional[int]]] = None
    ) -> "Scope":
        index = index if index is not None else PageIndex.of(tree)
        cache = cache if cache is not None else {}
        h1 = first_h1(tree, main, index.h1s, cache)
        anchors = ancestor_levels(main)
        for key, level in ancestor_levels(h1).items():
            anchors[key] = min(level, anchors.get(key, level))
        return cls(tree, main, h1, anchors, index, cache)

    def rank(self, node: LexborNode) -> Optional[int]:
        """:func:`.dom.locate` of ``node``: None (excluded) or a rank, lower
        is better; memoised per element (bylines are ranked as authors and
        again as date sources)."""
        key = node.mem_id
        if key in self._ranks:
            return self._ranks[key]
        rank = self._ranks[key] = locate(node, self.anchors, self.cache, self.levels)
        return rank

    def classed(self, query: str) -> list[tuple[set[str], LexborNode]]:
        """Matches of ``query`` (:data:`_BYLINE_QUERY` or :data:`_DATE_QUERY`)
        with their class/id tokens, in page order; each query runs once.
        Only the first :data:`MAX_CANDIDATES` matches are kept."""
        found = self._classed.get(query)
        if found is None:
            nodes = [n for n in unique_nodes(self.tree.css(query)) if n.tag not in _SKIP_TAGS][:MAX_CANDIDATES]
            found = self._classed[query] = [(tokens(n), n) for n in nodes]
        return found


def _ranked(scope: Scope, nodes: list[LexborNode]) -> list[tuple[int, LexborNode]]:
    """``nodes`` (in page order) not excluded, with their rank, sorted by
    rank (page order within a rank). Candidates wrapping more than
    :data:`.dom.MAX_NESTED_CANDIDATES` levels of others are left out
    (:func:`.dom.too_nested`), so that the callers, which read each
    candidate's subtree, do O(n) work in all. Only the first
    :data:`MAX_CANDIDATES` are ranked. O(n) in the page's elements."""
    out = []
    nodes = [n for n in nodes if n.tag not in _SKIP_TAGS][:MAX_CANDIDATES]
    skip = too_nested(nodes)
    for node in nodes:
        if skip and node.mem_id in skip:
            continue
        rank = scope.rank(node)
        if rank is not None:
            out.append((rank, node))
    out.sort(key=lambda item: item[0])
    return out


def _is_byline(toks: set[str]) -> bool:
    """Class/id tokens of a byline box: a ``byline_tokens`` word, or a compound
    starting with one of ``byline_token_prefixes`` ("authorbox", "authorname")."""
    return not toks.isdisjoint(BYLINE_TOKENS) or any(t.startswith(BYLINE_TOKEN_PREFIXES) for t in toks)


def _with_itemprop(scope: Scope, props: frozenset[str]) -> list[LexborNode]:
    return [node for found, node in scope.index.itemprops if not found.isdisjoint(props)]


def byline_texts(scope: Scope) -> Iterator[tuple[int, str, str]]:
    """``(rank, source, text)`` of visible credit candidates.

    Sources: ``"microdata"`` (``[itemprop=author]``, its ``[itemprop=name]``
    when nested), ``"rel"`` (``a[rel=author]``), ``"byline"`` (elements whose
    class/id tokens are byline tokens; their name links when they hold any).
    """
    for rank, node in _ranked(scope, _with_itemprop(scope, _ITEMPROP_AUTHOR)):
        name = node.css_first('[itemprop="name"]')
        value = (attr(name, "content") or text_of(name)) if name is not None else ""
        value = value or attr(node, "content") or text_of(node)
        if value and len(value) <= MAX_BYLINE_CHARS:
            yield rank, "microdata", value
    for rank, node in _ranked(scope, scope.index.rel_authors):
        yield rank, "rel", text_of(node)
    for rank, node in _ranked(scope, [n for toks, n in scope.classed(_BYLINE_QUERY) if _is_byline(toks)]):
        text = text_of(node)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        names = [n for n in (text_of(x) for x in unique_nodes(node.css(_NAME_QUERY))) if n]
        yield rank, "byline", " and ".join(names) if names else text


def byline_dates(scope: Scope) -> Iterator[str]:
    """Texts of byline boxes outside layout boxes, for the date they often
    carry ("Author: am 29.12.2010, 13:36 Uhr"); read only when no better
    date source gave one."""
    for rank, node in _ranked(scope, [n for toks, n in scope.classed(_BYLINE_QUERY) if _is_byline(toks)]):
        if rank > FAR:
            break
        text = text_of(node)
        if text and len(text) <= MAX_DATELINE_CHARS:
            yield text


def _is_dateline(toks: set[str]) -> bool:
    return not toks.isdisjoint(DATE_TOKENS) or any(p in t for t in toks for p in DATE_TOKEN_PARTS)


#: How many ancestors of a dateline are checked for being another dateline
#: (the "outer" box holding the title and the date).
_OUTER_LEVELS = 6


def date_texts(scope: Scope) -> Iterator[tuple[int, str, str]]:
    """``(rank, source, text)`` of visible publication-date candidates, by
    rank; within a rank, innermost elements first (a meta box holding the
    title and the date comes after the date element inside it), then page order.

    Sources: ``"microdata"`` (``[itemprop=datePublished]``), ``"time"``
    (``<time datetime>``, else its text), ``"dateline"`` (short elements
    whose class tokens are date tokens). Modification dates
    (``itemprop=dateModified``, class tokens with "update"/"modified") are skipped.
    """
    for rank, node in _ranked(scope, _with_itemprop(scope, _ITEMPROP_PUBLISHED)):
        yield rank, "microdata", attr(node, "content") or attr(node, "datetime") or text_of(node)
    cands: dict[int, tuple[set[str], LexborNode]] = {}  # page order
    for toks, node in scope.classed(_DATE_QUERY):
        if node.tag == "time" or _is_dateline(toks):
            cands[node.mem_id] = (toks, node)
    # a candidate holding another one is an "outer" box: read after the inner one
    outer: set[int] = set()
    for _, node in cands.values():
        cur = node.parent
        for _ in range(_OUTER_LEVELS):
            if cur is None:
                break
            if cur.mem_id in cands:
                outer.add(cur.mem_id)
            cur = cur.parent
    found = []
    for rank, node in _ranked(scope, [n for _, n in cands.values()]):
        toks = cands[node.mem_id][0]
        is_time = node.tag == "time"
        if any("update" in t or "modified" in t for t in toks) or attr(node, "itemprop").lower() == "datemodified":
            continue
        text = (attr(node, "datetime") if is_time else "") or text_of(node)
        if text and len(text) <= MAX_DATELINE_CHARS:
            found.append((rank, (not is_time) and node.mem_id in outer, "time" if is_time else "dateline", text))
    found.sort(key=lambda item: (item[0], item[1]))
    for rank, _, source, text in found:
        yield rank, source, text


def modified_texts(scope: Scope) -> Iterator[str]:
    """Texts of visible modification-date candidates (``itemprop=dateModified``)."""
    for _, node in _ranked(scope, _with_itemprop(scope, _ITEMPROP_MODIFIED)):
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




def _after(node: LexborNode) -> Optional[LexborNode]:
    """The node following ``node``'s subtree in page order."""
    cur: Optional[LexborNode] = node
    while cur is not None:
        if cur.next is not None:
            return cur.next
        cur = cur.parent
    return None


def _forward(start: Optional[LexborNode], budget: int) -> Iterator[LexborNode]:
    """Nodes in page order from ``start`` on (``start`` included), at most
    ``budget`` of them; skipped subtrees (scripts, forms) cost one step."""
    cur = start
    while cur is not None and budget > 0:
        budget -= 1
        yield cur
        tag = cur.tag
        child = cur.child if tag not in _OPEN_SKIP_TAGS else None
        cur = child if child is not None else _after(cur)


def _backward(start: LexborNode, budget: int) -> Iterator[LexborNode]:
    """Nodes in reverse page order before ``start`` (its ancestors left out),
    at most ``budget`` of them."""
    cur: Optional[LexborNode] = start
    while cur is not None and budget > 0:
        prev = cur.prev
        if prev is None:
            cur = cur.parent  # an ancestor: not before, its text holds the headline
            budget -= 1
            continue
        cur = prev
        while cur.tag not in _OPEN_SKIP_TAGS and cur.last_child is not None and budget > 0:
            budget -= 1
            cur = cur.last_child
        budget -= 1
        yield cur


def _text_nodes(nodes: Iterator[LexborNode], scope: Scope, texts: int, chars: int) -> Iterator[tuple[int, str]]:
    for node in nodes:
        if texts <= 0 or chars <= 0:
            return
        if not node.is_text_node:
            continue
        text = collapse(node.text_content)
        if not text:
            continue
        texts -= 1
        chars -= len(text)
        parent = node.parent
        rank = scope.rank(parent) if parent is not None and parent.tag not in _OPEN_SKIP_TAGS else None
        if rank is not None:
            yield rank, text[:OPEN_LEAD_CHARS]


def opening_texts(scope: Scope) -> Iterator[tuple[int, str]]:
    """The opening words of the text nodes from the headline on (its own
    text, then what follows: the first ``opening.texts_after`` non-empty ones
    within ``opening.chars_after`` characters), then of a few right before it; without
    an ``<h1>``, those at the start of the main content. Texts inside
    comments, teasers and related lists are left out; each text comes with
    its :func:`.dom.locate` rank (a text in a layout box beside the headline
    may be a most-read rail).

    A dateline without telling markup sits there: "<small>02.02.2022</small>"
    inside the ``<h1>``, "1. Februar 2022, Daniel
    Dillenburg" under the headline, "Pressemitteilung vom 25. Januar 2022 |
    Berlin – ..." opening the lead, "17/02/2022" in the category bar above it.
    The walk is bounded (``opening.nodes_after``/``nodes_before`` nodes), so
    its cost does not grow with the page.
    """
    anchor = scope.h1
    if anchor is not None:
        # from the headline's own text on: "<h1><small>02.02.2022</small> Title</h1>"
        yield from _text_nodes(_forward(anchor, OPEN_NODES_AFTER), scope, OPEN_TEXTS_AFTER, OPEN_CHARS_AFTER)
        yield from _text_nodes(_backward(anchor, OPEN_NODES_BEFORE), scope, OPEN_TEXTS_BEFORE, OPEN_CHARS_AFTER)
    elif scope.main is not None:
        yield from _text_nodes(_forward(scope.main, OPEN_NODES_AFTER), scope, OPEN_TEXTS_AFTER, OPEN_CHARS_AFTER)


_AUTH = DATA["authors"]
_PREFIX_ALT = "|".join(re.escape(p) for p in sorted(_AUTH["header_prefixes"], key=len, reverse=True))
#: "By" / "Von" / "Text von" ... opening a text, then a letter.
_HEADER_PREFIX = re.compile(r"^(?:%s)(?:\s*:)?\s+(?=[^\W\d_])" % _PREFIX_ALT, re.IGNORECASE)
#: A text that is only the byline word ("By", "Von:"): the name follows in the next elements.
_PREFIX_ONLY = re.compile(r"^(?:%s)\s*:?$" % _PREFIX_ALT, re.IGNORECASE)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title"})
#: Elements whose text may continue a byline word ("By <a>Jane Doe</a>").
_INLINE_TAGS = frozenset({"a", "span", "strong", "b", "em", "i", "address", "cite", "font", "small", "u"})
#: How many following siblings complete a byline word with the name.
_BYLINE_SIBLINGS = 4


#: How many ancestors of a byline candidate are checked for being a heading.
_HEADING_LEVELS = 3


def _in_heading(node: LexborNode) -> bool:
    cur: Optional[LexborNode] = node
    for _ in range(_HEADING_LEVELS):
        if cur is None:
            return False
        if cur.tag in _HEADING_TAGS:
            return True
        cur = cur.parent
    return False


def _text_upto(node: LexborNode, limit: int) -> str:
    """The text of ``node``, whitespace-collapsed, read only until ``limit``
    characters are collected: an unclosed inline element may hold the rest
    of the page."""
    parts: list[str] = []
    total = 0
    for sub in node.traverse(include_text=True):
        if sub.is_text_node:
            piece = collapse(sub.text_content)
            if piece:
                parts.append(piece)
                total += len(piece) + 1
                if total > limit:
                    break
    return " ".join(parts)


def _continued(node: LexborNode, text: str) -> str:
    """``text`` with the text of the inline siblings after ``node`` (up to
    :data:`_BYLINE_SIBLINGS`, while under ``max_byline_chars``)."""
    parts = [text]
    total = len(text)
    sib, count = node.next, 0
    while sib is not None and count < _BYLINE_SIBLINGS and total <= MAX_BYLINE_CHARS:
        if sib.is_text_node:
            piece = collapse(sib.text_content)
        elif sib.is_element_node and sib.tag in _INLINE_TAGS:
            piece = _text_upto(sib, MAX_BYLINE_CHARS - total)
            count += 1
        else:
            break
        if piece:
            parts.append(piece)
            total += len(piece) + 1
        sib = sib.next
    return " ".join(parts)


def header_bylines(scope: Scope) -> Iterator[str]:
    """Bylines without telling markup under (or just above) the headline.

    The text nodes that :func:`opening_texts` reads (a bounded walk from the
    ``<h1>``, else from the main content) which open with a byline word
    (``authors.header_prefixes``: "By", "Von", "Text von", "Par", ...)
    followed by a name, or are that word alone with the name in the inline
    elements after it ("By <a>Tim Anderson</a>", also after an unclosed
    tag). Texts in headings ("Von Sprachregeln und Gender-Politik" is a
    title) and in comments, teasers or related lists are skipped. Each text
    is cut at ``classes.max_byline_chars``; only a candidate's own siblings
    are read, never the page.
    """
    anchor = scope.h1 if scope.h1 is not None else scope.main
    if anchor is None:
        return
    walks = [(_forward(anchor, OPEN_NODES_AFTER), OPEN_TEXTS_AFTER)]
    if scope.h1 is not None:
        walks.append((_backward(anchor, OPEN_NODES_BEFORE), OPEN_TEXTS_BEFORE))
    for walk, budget in walks:
        for node in walk:
            if budget <= 0:
                break
            if not node.is_text_node:
                continue
            text = collapse(node.text_content)
            if not text:
                continue
            budget -= 1
            parent = node.parent
            if parent is None or parent.tag in _OPEN_SKIP_TAGS or _in_heading(parent):
                continue
            if _PREFIX_ONLY.match(text):
                # "<span>By</span> <a>Name</a>": the name follows the word's element
                line = _continued(node, text)
                if line == text and parent.tag in _INLINE_TAGS:
                    line = _continued(parent, text)
            elif _HEADER_PREFIX.match(text):
                line = _continued(node, text)
            else:
                continue
            if line != text or not _PREFIX_ONLY.match(text):
                if scope.rank(parent) is not None:
                    yield line[:MAX_BYLINE_CHARS]


def labelled_texts(scope: Scope) -> Iterator[str]:
    """What follows a publication label ("Veröffentlicht am", "Published on",
    ... ``opening.labels``) in the first ``opening.label_chars`` characters
    of the main content (and in its last ``opening.label_tail_chars``), each
    label's first occurrence, in text order; then the same for update labels
    (``opening.update_labels``)."""
    if scope.main is None:
        return
    whole = text_of(scope.main)
    text = whole if len(whole) <= LABEL_CHARS + LABEL_TAIL_CHARS else f"{whole[:LABEL_CHARS]} {whole[-LABEL_TAIL_CHARS:]}"
    low = text.lower()
    for labels in (LABELS, UPDATE_LABELS):
        found = sorted((at, label) for label in labels for at in [low.find(label)] if at >= 0)
        for at, label in found:
            yield text[at : at + len(label) + OPEN_LEAD_CHARS]
