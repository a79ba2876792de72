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

import re

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
#: scan, about 3 µs per tag.
CAP_CHECK_MIN_TAGS = 4_096

#: What the scanner stops at: a comment's start, or a whole start or end tag
#: (its name, then anything up to the first ``>``). The scan never goes past
#: the document's last ``>``, so a tag always finds its end and no match is
#: tried twice: a tag or comment left open at the end is not read.
_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>)")
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

    Args:
        text: the decoded document.
    Returns:
        ``text`` itself when no cap is exceeded, else the capped document.
    """
    if not _needs_cap(text):
        return text
    out: list[str] = []
    copied = 0  # text[:copied] is in ``out``
    names: list[str] = []  # the open elements' names ...
    kept: list[bool] = []  # ... and whether their start tag was kept
    open_count: dict[str, int] = {}
    depth = 0  # kept open elements
    pos = 0
    stop = text.rfind(">") + 1  # no tag ends past this
    implied = _IMPLIED_CLOSE
    lowered: dict[str, str] = {}
    closes_p = _CLOSES_P
    for m in _MARKUP.finditer(text, 0, stop):
        start = m.start()
        if start < pos:
            continue  # inside a comment or raw text
        comment, closing, tag = m.group(1, 2, 3)
        if comment:  # skip to its end
            end = text.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        name = lowered.get(tag)
        if name is None:  # one string per distinct tag spelling, not one per tag
            name = lowered[tag] = tag.lower()
        end = m.end()
        keep, replacement = True, None
        if closing:
            if open_count.get(name):
                while True:
                    top = names.pop()
                    top_kept = kept.pop()
                    open_count[top] -= 1
                    depth -= top_kept
                    if top == name:
                        keep = top_kept
                        break
        elif name == "plaintext":
            break  # the rest of the document is text
        else:
            if name not in _VOID and text[end - 2] != "/":
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
                    open_count["tbody"] = open_count.get("tbody", 0) + 1
                    depth += 1
                names.append(name)
                kept.append(keep)
                open_count[name] = open_count.get(name, 0) + 1
                depth += keep
            if keep and end - start > MAX_TAG_CHARS:
                replacement = f"<{tag}>"
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
    if not out:
        return text
    out.append(text[copied:])
    return "".join(out)


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
