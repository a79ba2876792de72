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

#: What the scanner stops at: a comment, a start tag or an end tag. The
#: pattern never backtracks over more than a tag name; where a tag ends is
#: found with ``str.find``.
_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][A-Za-z0-9:-]*))")
#: Elements whose content is text up to their own end tag (HTML's raw text
#: and escapable raw text elements; ``<noscript>`` is markup, as Lexbor
#: parses it with scripting off).
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
_RAW_END = {name: re.compile(r"</%s[\s/>]" % name, re.I) for name in _RAW_TEXT}
#: Tags that never hold content, or that close themselves implicitly, and so
#: do not add to the depth of what follows.
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr"
    " p li dt dd option optgroup tr td th thead tbody tfoot rb rt rp colgroup".split()
)


def _needs_cap(text: str) -> bool:
    """Whether :func:`cap_nesting` can change ``text``: it has many tags, or
    a run of more than :data:`MAX_TAG_CHARS` characters without a ``>``.
    O(n) in the length of ``text``, at C speed."""
    if text.count("<") >= CAP_CHECK_MIN_TAGS:
        return True
    if len(text) <= MAX_TAG_CHARS:
        return False
    pos = 0
    while True:
        end = text.find(">", pos)
        if end < 0:
            return len(text) - pos > MAX_TAG_CHARS
        if end - pos > MAX_TAG_CHARS:
            return True
        pos = end + 1


def cap_nesting(text: str) -> str:
    """Flatten elements nested deeper than :data:`MAX_DEPTH` and strip the
    attributes of start tags longer than :data:`MAX_TAG_CHARS`.

    One forward pass over the document, O(n) in its length on any input:
    each character is read a bounded number of times (a start tag's end is
    found with one ``str.find``; script, style and other raw-text contents
    and comments are skipped to their end in one search), and the stack of
    open elements is popped at most once per push (an end tag that matches
    no open element is looked up in a per-name count, not searched for).
    Raw-text contents are never read as tags, so the end of a ``<script>``
    is never removed. Text is never removed. A tag or comment left open at
    the end of the document ends the pass: the parser reads the rest as
    the HTML standard says.

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
    search = _MARKUP.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        start = m.start()
        if m.group(1):  # a comment: skip to its end
            end = text.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        closing, name = m.group(2), m.group(3).lower()
        gt = text.find(">", m.end())
        if gt < 0:
            break
        end = gt + 1
        pos = end
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
            if name not in _NO_DEPTH and text[gt - 1] != "/":
                keep = depth < MAX_DEPTH
                names.append(name)
                kept.append(keep)
                open_count[name] = open_count.get(name, 0) + 1
                depth += keep
            if keep and end - start > MAX_TAG_CHARS:
                replacement = f"<{m.group(3)}>"
            if name in _RAW_TEXT:
                raw_end = _RAW_END[name].search(text, end)
                if raw_end is None:
                    pos = len(text)
                else:
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
