"""Stage 2: text → DOM, parsed once with Lexbor (selectolax).

Lexbor's tree builder, like the HTML standard's algorithm, does work per
start tag that grows with the number of open elements and with the number of
attributes already on the tag, so a document of 100,000 nested elements or
one tag with 100,000 attributes takes minutes, not milliseconds. Browsers cap
both (Chromium stops nesting at 512 levels). Before parsing, a document with
many tags (or a very long tag) gets one linear pass (:func:`cap_nesting`)
that applies the same kind of caps, so parse time stays linear in the
document's size.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from typing import Iterator, Optional

from selectolax.lexbor import LexborHTMLParser

__all__ = ["parse_html", "cap_nesting", "MAX_DEPTH", "MAX_TAG_CHARS"]

#: Open elements beyond this depth are flattened into their parent: their
#: start and end tags are left out, their content is kept. Chromium's parser
#: limit is also 512; no page of the shared datasets nests past 128. Lexbor
#: walks the open elements on many start tags (scope checks), so this is
#: also the constant factor of its parse time on deep pages.
MAX_DEPTH = 512
#: A start tag longer than this keeps its name and loses its attributes.
MAX_TAG_CHARS = 65_536
#: Documents with fewer ``<`` than this (and no run of :data:`MAX_TAG_CHARS`
#: characters without a ``>``) are parsed as they are: they cannot nest
#: deeper than this, where Lexbor's O(depth²) and the later stages' reads of
#: nested boxes still cost little (a few ms). Pages of more tags pay the
#: scan, about 0.7 µs per tag (see :func:`cap_nesting`).
CAP_CHECK_MIN_TAGS = 4_096

#: What the scanner stops at: a comment's start, or a whole start or end tag
#: (its name, then anything up to the first ``>``). The scan never goes past
#: the document's last ``>``, so a tag always finds its end and no match is
#: tried twice: a tag or comment left open at the end is not read. Groups:
#: ``!--`` for a comment, else the tag as written with its ``/`` (``"/div"``).
_MARKUP = re.compile(r"<(?:(!--)|(/?[A-Za-z][A-Za-z0-9:-]*)[^>]*>)")
#: Elements whose content is text up to their own end tag (HTML's raw text
#: and escapable raw text elements; ``<noscript>`` is markup, as Lexbor
#: parses it with scripting off).
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_RAW_END = {name: re.compile(r"</%s[\s/>]" % name, re.I) for name in _RAW_TEXT}
#: Tags that never hold content, and so do not add to the depth.
_VOID = frozenset("area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split())
#: How many open elements (from the innermost) an implied end tag is looked
#: for among; past this the element is taken as still open, which only
#: over-counts the depth. Keeps every start tag O(1).
_CLOSE_WINDOW = 8
#: Elements that stop the search for an open ``<li>`` (HTML's special
#: elements, less ``address``, ``div`` and ``p``).
_LIST_STOP = frozenset(
    "applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details"
    " dir dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr"
    " html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript object ol"
    " param plaintext pre script search section select source style summary table tbody td template textarea tfoot"
    " th thead title tr track ul wbr xmp".split()
)
#: Elements that stop the search for an open ``<p>`` (HTML's button scope).
_BUTTON_SCOPE = frozenset("applet caption html table td th marquee object template button svg math".split())
#: Elements that stop the search for an open table part (HTML's table scope).
_TABLE_SCOPE = frozenset("html table template".split())
#: Start tags that close an open ``<p>``.
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form header"
    " hgroup h1 h2 h3 h4 h5 h6 listing main menu nav ol p pre search section summary table ul xmp li dd dt".split()
)
#: Start tag -> (open elements it closes, elements that stop the search,
#: how many open elements are looked at), as the HTML tree builder closes
#: them implicitly: ``<li>`` ends an open ``<li>``, a cell ends the open
#: cell, a row the open row. (A heading that ends the heading before it,
#: and an ``<a>`` that ends the one before, are left counted: unclosed
#: headings or links nested past the depth are flattened, where the parser
#: would make tens of thousands of siblings of them, each a block for
#: every later stage.)
_IMPLIED_CLOSE: dict[str, tuple[frozenset[str], frozenset[str], int]] = {}
for _names, _targets, _stops, _window in (
    ("li", "li", _LIST_STOP, _CLOSE_WINDOW),
    ("dd dt", "dd dt", _LIST_STOP, _CLOSE_WINDOW),
    ("td th", "td th", _TABLE_SCOPE, _CLOSE_WINDOW),
    ("tr", "tr", _TABLE_SCOPE, _CLOSE_WINDOW),
    ("tbody thead tfoot", "tbody thead tfoot", _TABLE_SCOPE, _CLOSE_WINDOW),
    ("option", "option", frozenset(["select", "html"]), _CLOSE_WINDOW),
    ("optgroup", "option optgroup", frozenset(["select", "html"]), _CLOSE_WINDOW),
):
    for _name in _names.split():
        _IMPLIED_CLOSE[_name] = (frozenset(_targets.split()), _stops, _window)
_P = (frozenset(["p"]), _BUTTON_SCOPE, _CLOSE_WINDOW)
#: A ``<p>`` is still kept up to this many levels past :data:`MAX_DEPTH`,
#: so that the paragraph inside a flattened subtree stays one; they cannot
#: pile up, since each ends the one before. Other elements past the depth
#: (list items and table cells too) are left out, so a flattened subtree
#: is text in one element, whatever its shape.
_LEAF_SLACK = 8
_LEAF = frozenset(["p"])


def _needs_cap(text: str) -> bool:
    """Whether :func:`cap_nesting` can change ``text``: it has many tags, or
    a run of more than :data:`MAX_TAG_CHARS` characters without a ``>``.
    O(n) in the length of ``text``, at C speed (one search per
    :data:`MAX_TAG_CHARS` characters)."""
    if text.count("<") >= CAP_CHECK_MIN_TAGS:
        return True
    # Each window of MAX_TAG_CHARS + 1 characters must hold a ``>``; the
    # next window starts after the last one found, so two windows advance
    # past MAX_TAG_CHARS characters: O(n / MAX_TAG_CHARS) searches, not one per tag.
    pos = 0
    while len(text) - pos > MAX_TAG_CHARS:
        last = text.rfind(">", pos, pos + MAX_TAG_CHARS + 1)
        if last < 0:
            return True
        pos = last + 1
    return False


def cap_nesting(text: str) -> str:
    """Flatten elements nested deeper than :data:`MAX_DEPTH` and strip the
    attributes of start tags longer than :data:`MAX_TAG_CHARS`.

    The depth is the parser's: every element but a void one counts, and an
    element the HTML tree builder closes implicitly (an ``<li>`` by the next
    ``<li>``, a cell by the next cell, a ``<p>`` by a block, ...) is taken
    off when it is found among the
    :data:`_CLOSE_WINDOW` innermost open elements; one it does not find
    stays counted, so the depth is never under-counted by these. Nested
    lists and tables count their items and cells, and are flattened at the
    same depth as nested ``<div>``.

    One forward pass over the document, O(n) in its length on any input:
    each character is read a bounded number of times (one regex match per
    tag, up to its first ``>``; script, style and other raw-text contents
    and comments are skipped to their end in one search), each start tag
    looks at no more than :data:`_CLOSE_WINDOW` open elements, and the
    stack of open elements is popped at most once per push (an end tag that
    matches no open element is looked up in a per-name count, not searched
    for). Raw-text contents are never read as tags, so the end of a
    ``<script>`` is never removed. Text is never removed. A tag or comment
    left open at the end of the document ends the pass: the parser reads
    the rest as the HTML standard says.

    The pass runs in two gears that give the same result: while every
    start tag so far was kept (the depth never reached :data:`MAX_DEPTH`,
    as on every page of the shared datasets) :func:`_shallow_pass` tracks
    only the open elements' names, each tag's kind looked up once per
    spelling (:func:`_token_kind`); at the first start tag met at that depth
    it hands its state to :func:`_exact_pass`, which also tracks which start
    tags were left out. (On wcxb-dev's collection and product pages that
    pay the scan, 5,000-20,000 tags each, the shallow gear takes 14-17% off
    it: 8.7 ms to 7.2 ms a collection page, from about 0.9 µs a tag.)

    Args:
        text: the decoded document.
    Returns:
        ``text`` itself when no cap is exceeded, else the capped document.
    """
    if not _needs_cap(text):
        return text
    return _capped(text)


class _Scan:
    """The state of one :func:`cap_nesting` pass: what is copied to the
    output so far (``out``, ``copied``: ``text[:copied]`` is in ``out``),
    the open elements' names and whether their start tag was kept
    (``names``, ``kept``; ``kept`` is filled only by the exact gear), how
    many of each name are open (``open_count``), the kept open elements
    (``depth``) and the end of the last comment or raw text skipped (``pos``)."""

    __slots__ = ("out", "copied", "names", "kept", "open_count", "depth", "pos")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.copied = 0
        self.names: list[str] = []
        self.kept: list[bool] = []
        self.open_count: dict[str, int] = defaultdict(int)
        self.depth = 0
        self.pos = 0


def _capped(text: str, shallow: bool = True) -> str:
    """The pass of :func:`cap_nesting` without its quick check:
    ``shallow=False`` runs the exact gear from the first tag (the
    reference the tests hold the two gears against)."""
    scan = _Scan()
    matches: Iterator[re.Match[str]] = _MARKUP.finditer(text, 0, text.rfind(">") + 1)  # no tag ends past the last ">"
    if shallow:
        pending = _shallow_pass(text, matches, scan)
        if pending is not None:
            _exact_pass(text, itertools.chain((pending,), matches), scan)
    else:
        _exact_pass(text, matches, scan)
    if not scan.out:
        return text
    scan.out.append(text[scan.copied:])
    return "".join(scan.out)


#: Kinds of a tag for :func:`_shallow_pass` (:func:`_token_kind`).
_END, _VOID_TAG, _PLAIN, _SPECIAL, _PLAINTEXT = range(5)
#: Distinct tag spellings whose kind is kept (:func:`_token_kind`); the
#: cache starts again when full, so a page of random tag names costs no memory past this.
TOKEN_CACHE_SIZE = 4_096
_TOKEN_KINDS: dict[str, tuple[int, str]] = {}


def _token_kind(token: str) -> tuple[int, str]:
    """``(kind, lower-case name)`` of a tag as :data:`_MARKUP` reads it
    (``"/div"``, ``"LI"``): an end tag, a void element, a start tag that
    only opens its element, one that may also close others, open a
    ``<tbody>`` or start raw text, or ``<plaintext>``. Cached per spelling. O(1)."""
    kind = _TOKEN_KINDS.get(token)
    if kind is not None:
        return kind
    if token[0] == "/":
        kind = (_END, token[1:].lower())
    else:
        name = token.lower()
        if name == "plaintext":
            kind = (_PLAINTEXT, name)
        elif name in _VOID:
            kind = (_VOID_TAG, name)
        elif name in _CLOSES_P or name in _IMPLIED_CLOSE or name in _RAW_TEXT or name == "tr":
            kind = (_SPECIAL, name)
        else:
            kind = (_PLAIN, name)
    if len(_TOKEN_KINDS) >= TOKEN_CACHE_SIZE:
        _TOKEN_KINDS.clear()
    _TOKEN_KINDS[token] = kind
    return kind


def _shallow_pass(text: str, matches: Iterator[re.Match[str]], scan: _Scan) -> Optional[re.Match[str]]:
    """The fast gear of :func:`cap_nesting`: reads ``matches`` while every
    start tag is kept, so the depth is the number of open elements and no
    end tag is left out (only over-long start tags are rewritten). Returns
    the first start tag met at :data:`MAX_DEPTH` open elements, with its
    state in ``scan``, for :func:`_exact_pass` to go on from; ``None`` when
    the pass ended first. O(1) per tag, plus the bounded implied closes."""
    out, copied, names, open_count, pos = scan.out, 0, scan.names, scan.open_count, 0
    kinds = _TOKEN_KINDS
    for m in matches:
        start = m.start()
        if start < pos:
            continue  # inside a comment or raw text
        comment, token = m.groups()
        if comment:  # skip to its end
            end = text.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        kind, name = kinds.get(token) or _token_kind(token)
        if kind == _END:
            if open_count.get(name):
                while True:
                    top = names.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            continue
        if kind == _PLAINTEXT:
            break  # the rest of the document is text
        end = m.end()
        if kind != _VOID_TAG and text[end - 2] != "/":
            if len(names) >= MAX_DEPTH:  # the exact gear decides whether it is kept
                scan.copied, scan.pos, scan.depth = copied, pos, len(names)
                scan.kept = [True] * len(names)
                return m
            if kind == _SPECIAL:
                if names:
                    if name in _CLOSES_P and open_count.get("p"):
                        _close_implied_shallow(names, open_count, _P)
                    rule = _IMPLIED_CLOSE.get(name)
                    if rule is not None:
                        if names and names[-1] in rule[0]:  # the common case, inline
                            open_count[names.pop()] -= 1
                        else:
                            _close_implied_shallow(names, open_count, rule)
                if name == "tr" and names and names[-1] == "table":  # the parser adds a <tbody>
                    names.append("tbody")
                    open_count["tbody"] += 1
            names.append(name)
            open_count[name] += 1
        if end - start > MAX_TAG_CHARS:
            out.append(text[copied:start])
            out.append(f"<{token}>")
            copied = end
        if kind == _SPECIAL and name in _RAW_TEXT:
            raw_end = _RAW_END[name].search(text, end)
            if raw_end is None:
                break
            pos = raw_end.start()
    scan.copied = copied
    return None


def _close_implied_shallow(
    names: list[str], open_count: dict[str, int], rule: tuple[frozenset[str], frozenset[str], int],
) -> None:
    """:func:`_close_implied` while every open element was kept."""
    targets, stops, window = rule
    i = len(names) - 1
    low = max(i - window, -1)
    while i > low:
        n = names[i]
        if n in targets:
            break
        if n in stops:
            return
        i -= 1
    else:
        return
    for _ in range(len(names) - i):
        open_count[names.pop()] -= 1


def _exact_pass(text: str, matches: Iterator[re.Match[str]], scan: _Scan) -> None:
    """The exact gear of :func:`cap_nesting`: reads ``matches`` from the
    state in ``scan`` to the end, leaving out the start tags past the depth
    and their end tags. O(1) per tag, plus the bounded implied closes."""
    out, copied, names, kept, open_count = scan.out, scan.copied, scan.names, scan.kept, scan.open_count
    depth, pos = scan.depth, scan.pos
    implied = _IMPLIED_CLOSE
    closes_p = _CLOSES_P
    for m in matches:
        start = m.start()
        if start < pos:
            continue  # inside a comment or raw text
        comment, token = m.groups()
        if comment:  # skip to its end
            end = text.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        kind, name = _token_kind(token)
        end = m.end()
        keep, replacement = True, None
        if kind == _END:
            if open_count.get(name):
                while True:
                    top = names.pop()
                    top_kept = kept.pop()
                    open_count[top] -= 1
                    depth -= top_kept
                    if top == name:
                        keep = top_kept
                        break
        elif kind == _PLAINTEXT:
            break  # the rest of the document is text
        else:
            if kind != _VOID_TAG and text[end - 2] != "/":
                # past the depth a start tag is left out, and the parser,
                # never seeing it, closes nothing for it
                keep = depth < MAX_DEPTH or (depth < MAX_DEPTH + _LEAF_SLACK and name in _LEAF)
                if keep and names:
                    if name in closes_p and open_count.get("p"):
                        depth -= _close_implied(names, kept, open_count, _P)
                    rule = implied.get(name)
                    if rule is not None:
                        if names and kept[-1] and names[-1] in rule[0]:  # the common case, inline
                            open_count[names.pop()] -= 1
                            kept.pop()
                            depth -= 1
                        else:
                            depth -= _close_implied(names, kept, open_count, rule)
                if keep and name == "tr" and names and names[-1] == "table":  # the parser adds a <tbody>
                    names.append("tbody")
                    kept.append(True)
                    open_count["tbody"] += 1
                    depth += 1
                names.append(name)
                kept.append(keep)
                open_count[name] += 1
                depth += keep
            if keep and end - start > MAX_TAG_CHARS:
                replacement = f"<{token}>"
            if name in _RAW_TEXT:
                raw_end = _RAW_END[name].search(text, end)
                if raw_end is None:
                    break
                pos = raw_end.start()
        if not keep or replacement is not None:
            out.append(text[copied:start])
            if replacement is not None:
                out.append(replacement)
            copied = end
    scan.copied = copied


def _close_implied(
    names: list[str], kept: list[bool], open_count: dict[str, int],
    rule: tuple[frozenset[str], frozenset[str], int],
) -> int:
    """Pop the innermost open element named in ``targets`` (``rule[0]``)
    and everything inside it, if it is among the ``window`` (``rule[2]``)
    innermost open elements and no element of ``stops`` (``rule[1]``) is in
    between. Elements whose start tag was left out are passed over (the
    parser never saw them) but count towards the window. Returns how many
    kept elements were popped. O(window) plus the pops."""
    targets, stops, window = rule
    i = len(names) - 1
    low = max(i - window, -1)
    while i > low:
        if kept[i]:
            n = names[i]
            if n in targets:
                break
            if n in stops:
                return 0
        i -= 1
    else:
        return 0
    popped = 0
    for _ in range(len(names) - i):
        top = names.pop()
        open_count[top] -= 1
        popped += kept.pop()
    return popped


def parse_html(text: str) -> LexborHTMLParser:
    """Parse an HTML document with the Lexbor HTML5 parser.

    Lexbor follows the WHATWG tree-construction algorithm, so malformed
    markup (unclosed tags, stray end tags, ``<plaintext>``) gives the same
    tree a browser builds. The parser never fetches anything and runs no
    script. Documents past the nesting or tag-size caps are first capped
    (:func:`cap_nesting`). O(n) in the length of ``text``.

    Args:
        text: the decoded document (see :func:`boilerstrip.decode.decode_html`).
    Returns:
        The parsed document; ``.body`` is always present for non-empty text.
    """
    return LexborHTMLParser(cap_nesting(text))
