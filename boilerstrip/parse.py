"""Stage 2: text → DOM, parsed once with Lexbor (selectolax).

Lexbor's tree builder, like the HTML standard's algorithm, does work per
start tag that grows with the number of open elements and with the number of
attributes already on the tag, so a document of 100,000 nested elements or
one tag with 100,000 attributes takes minutes, not milliseconds. Browsers cap
both (Chromium stops nesting at 512 levels). Before parsing, a document with
many tags gets one linear pass (:func:`cap_nesting`) that applies the same
kind of caps, so parse time stays linear in the document's size.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

__all__ = ["parse_html", "cap_nesting", "MAX_DEPTH", "MAX_TAG_CHARS"]

#: Open elements beyond this depth are flattened into their parent: their
#: start and end tags are left out, their content is kept. Chromium's parser
#: limit is 512; real pages stay far below either.
MAX_DEPTH = 1024
#: A start tag longer than this keeps its name and loses its attributes.
MAX_TAG_CHARS = 65_536
#: Documents with fewer ``<`` than this are parsed as they are: they cannot
#: nest deeply enough to matter.
CAP_CHECK_MIN_TAGS = 20_000

#: A start tag longer than :data:`MAX_TAG_CHARS`. Searching for it is linear:
#: at each ``<`` the match fails at the tag's first ``>``.
_LONG_TAG = re.compile(r"<[A-Za-z][^>]{%d}" % MAX_TAG_CHARS)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")
#: Tags that never hold content, or that close themselves implicitly, and so
#: do not add to the depth of what follows.
_NO_DEPTH = frozenset(
    "area base br col embed hr img input link meta param source track wbr"
    " p li dt dd option optgroup tr td th thead tbody tfoot rb rt rp colgroup".split()
)


def cap_nesting(text: str) -> str:
    """Flatten elements nested deeper than :data:`MAX_DEPTH` and strip the
    attributes of start tags longer than :data:`MAX_TAG_CHARS`.

    One pass over the tags (a tokenising regex, not a parser: it is only
    applied to documents with at least :data:`CAP_CHECK_MIN_TAGS` tags or a
    start tag past :data:`MAX_TAG_CHARS`, and only changes documents that
    exceed a cap). Text is never removed.

    Args:
        text: the decoded document.
    Returns:
        ``text`` itself when no cap is exceeded, else the capped document.
    """
    if text.count("<") < CAP_CHECK_MIN_TAGS and _LONG_TAG.search(text) is None:
        return text
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, bool]] = []  # (tag name, start tag kept)
    depth = 0  # kept open elements
    changed = False
    for m in _TAG.finditer(text):
        closing, name = m.group(1), m.group(2).lower()
        start, end = m.span()
        keep, replacement = True, None
        if closing:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    kept = stack[i][1]
                    depth -= sum(1 for _, k in stack[i:] if k)
                    del stack[i:]
                    keep = kept
                    break
        elif name not in _NO_DEPTH and not text.startswith("/>", end - 2):
            keep = depth < MAX_DEPTH
            stack.append((name, keep))
            depth += keep
        if keep and not closing and end - start > MAX_TAG_CHARS:
            replacement = f"<{m.group(2)}>"
        if not keep or replacement is not None:
            changed = True
            out.append(text[pos:start])
            if replacement is not None:
                out.append(replacement)
            pos = end
    if not changed:
        return text
    out.append(text[pos:])
    return "".join(out)


def parse_html(text: str) -> LexborHTMLParser:
    """Parse an HTML document with the Lexbor HTML5 parser.

    Lexbor follows the WHATWG tree-construction algorithm, so malformed
    markup (unclosed tags, stray end tags, ``<plaintext>``) gives the same
    tree a browser builds. The parser never fetches anything and runs no
    script. Documents past the nesting or tag-size caps are first capped
    (:func:`cap_nesting`).

    Args:
        text: the decoded document (see :func:`boilerstrip.decode.decode_html`).
    Returns:
        The parsed document; ``.body`` is always present for non-empty text.
    """
    return LexborHTMLParser(cap_nesting(text))
