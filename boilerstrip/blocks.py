"""Stage 4: one walk of the tree into text blocks and their containers.

The walk is iterative (no recursion, so 100,000 nested elements are fine) and
visits each node once. It produces:

* :class:`Frame` objects, one per block-level element, in document (pre-)order,
  each with its parent, so the density scorer can aggregate bottom-up;
* :class:`TextBlock` objects: the runs of inline text between block-level
  boundaries, with their character and link-character counts.

Element rules are applied on the way: a ``drop`` rule skips the element's
subtree (its text is counted as boilerplate in the enclosing container), a
``caption`` rule skips it as a caption, a ``weight`` rule adds to the
container's weight. A drop rule is overruled when the element holds most of
the page's text (:data:`DROP_GUARD_SHARE`): a class name like
``has-sidebar`` on a page wrapper must not delete the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, Optional, Sequence, Union

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import collapse, no_controls
from .rules import ElementRule, Ruleset, Vocabulary

if TYPE_CHECKING:
    from .options import Options

__all__ = ["Frame", "TextBlock", "Segmentation", "segment", "collapse", "BOILERPLATE"]

#: Elements that end one block of text and start another.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav"
    " ol p pre section summary table tbody td tfoot th thead tr ul caption legend".split()
)
HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LIST_ITEM_TAGS = frozenset(("li", "dd", "dt"))
#: Elements whose ``<li>`` children are items of one list.
LIST_TAGS = frozenset(("ul", "ol", "menu", "dir"))
#: Elements never walked into (clean() removes most; these are cheap guards).
#: ``rt``/``rp`` are ruby annotations: pronunciation glosses printed above
#: the base text, which would otherwise be spliced into the sentence.
SKIP_TAGS = frozenset(
    "script style template noscript svg canvas iframe object embed video audio map"
    " input select option textarea button head title meta link img picture source rt rp".split()
)
#: Tags the element rules never drop: the document itself and the elements
#: HTML defines as the main content.
PROTECTED_TAGS = frozenset(("html", "body", "main"))
def _is_article_element(attrs: dict[str, Optional[str]], vocabulary: Vocabulary) -> bool:
    """True for ``itemprop=articleBody`` and for an ``itemtype`` of the
    ruleset's ``vocabulary.article_itemtypes`` (``…/NewsArticle``-like)."""
    prop = attrs.get("itemprop")
    if prop and "articlebody" in prop.lower():
        return True
    itype = attrs.get("itemtype")
    return itype is not None and itype != "" and vocabulary.is_article_itemtype(itype)


#: A drop rule is overruled when the element holds at least this share of
#: the page's text: boilerplate is never most of a page that has an article.
#: Tuned on the development datasets (0.5–0.7 behave alike).
DROP_GUARD_SHARE = 0.6
#: A drop rule is also overruled on an element that holds the article's
#: markers (the first ``<h1>``, ``itemprop=articleBody``) and at least this
#: share of the page's text: a class like ``sidebar_content`` on the column
#: that holds the story must not delete the story.
MARKER_GUARD_SHARE = 0.25
#: Kind of the block that stands for a subtree an element rule dropped: it is
#: never output, counts as boilerplate in its container, and keeps its place
#: in the block order for the selection's context rules.
BOILERPLATE = "boilerplate"
#: Elements kept by a guard hold most of the page (or the article's
#: markers), so they nest in each other: after this many, an element a drop
#: rule matches whose raw text is long enough for a guard is kept without
#: collapsing its text (which may only be shorter). Without the bound, boxes
#: a drop rule matches nested d deep around the article cost d passes over
#: its text. Real pages have one or two.
GUARD_EXACT_CHECKS = 16
#: Marks a ``<br>`` in the text buffer; two in a row end a paragraph.
BR = "\u2028"
#: Longest text kept in a dropped block's record (``explain=True``).
DROPPED_TEXT_CHARS = 200


#: The leading integer HTML's attribute parsing rules read ("3", " -2", "4th" -> 4).
_INTEGER = re.compile(r"\s*[-+]?[0-9]{1,9}")


def _integer(value: Optional[str]) -> Optional[int]:
    """An HTML integer attribute (``start``, ``value``), or ``None`` when absent or malformed."""
    if value is None:
        return None
    m = _INTEGER.match(value)
    return int(m.group(0)) if m else None


class Frame:
    """A block-level element: a container of blocks and other frames.

    Attributes set by the walk: ``tag``, ``node`` (the Lexbor node), ``parent``,
    ``index`` (pre-order position), ``end`` (index of its last descendant frame),
    ``kind``/``level`` (block kind inherited by text inside it), ``list_depth``,
    ``number`` (the item number, inherited by text inside an ``<ol>`` item,
    else ``None``), ``next_number`` (on an ``<ol>``: the number its next item
    gets; ``None`` on other elements), ``list_frame`` (the innermost
    ``<ul>``/``<ol>``/``<menu>``/``<dir>`` frame around it, or ``None``),
    ``weight`` (sum of rule weights). The scorer fills the aggregate fields.
    """

    __slots__ = (
        "tag", "node", "parent", "index", "end", "kind", "level", "list_depth", "weight",
        "number", "next_number", "step", "list_frame", "children",
        # aggregates, filled by score.aggregate()
        "chars", "link_chars", "good_chars", "bad_chars", "score", "content_score",
    )

    def __init__(self, tag: str, node: LexborNode, parent: Optional["Frame"], index: int) -> None:
        self.tag = tag
        self.node = node
        self.parent = parent
        self.index = index
        self.end = index
        self.weight = 0.0
        self.children: list[Frame] = []
        self.chars = self.link_chars = self.good_chars = self.bad_chars = 0
        self.score = self.content_score = 0.0
        self.number: Optional[int] = None
        self.next_number: Optional[int] = None
        self.step = 1
        self.list_frame: Optional[Frame] = None
        if parent is None:
            self.kind, self.level, self.list_depth = "paragraph", None, 0
            return
        parent.children.append(self)
        self.list_depth = parent.list_depth + (tag in ("ul", "ol"))
        self.list_frame = self if tag in LIST_TAGS else parent.list_frame
        if tag == "ol":
            self._start_numbering()
        if tag in HEADING_LEVEL:
            self.kind, self.level = "heading", HEADING_LEVEL[tag]
        elif tag in LIST_ITEM_TAGS:
            self.kind, self.level = "list_item", max(self.list_depth, 1)
            if tag == "li":
                self._take_number()
        elif tag == "pre":
            self.kind, self.level = "code", None
        elif tag == "blockquote":
            self.kind, self.level = "quote", None
        elif parent.kind in ("heading", "list_item", "code", "quote"):
            self.kind, self.level = parent.kind, parent.level
            self.number = parent.number if tag not in LIST_TAGS else None
        else:
            self.kind, self.level = "paragraph", None

    def _start_numbering(self) -> None:
        """An ``<ol>``: its first item's number (``start``, default 1, or the
        item count when ``reversed``) and the step (-1 when ``reversed``)."""
        attrs = self.node.attributes
        self.step = -1 if "reversed" in attrs else 1
        start = _integer(attrs.get("start"))
        if start is None:
            start = sum(1 for c in self.node.iter() if c.tag == "li") if self.step < 0 else 1
        self.next_number = start

    def _take_number(self) -> None:
        """An ``<li>`` of an ``<ol>`` takes its number (its own ``value``
        attribute first) and moves the list's counter on."""
        lst = self.list_frame
        if lst is None or lst.next_number is None:
            return
        value = _integer(self.node.attributes.get("value"))
        self.number = value if value is not None else lst.next_number
        lst.next_number = self.number + lst.step

    def contains(self, other: "Frame") -> bool:
        """True if ``other`` is this frame or one of its descendants."""
        return self.index <= other.index <= self.end

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Frame {self.tag}#{self.index} chars={self.chars} score={self.score:.1f}>"


class TextBlock:
    """A run of text between block boundaries.

    Attributes: ``text`` (whitespace collapsed), ``kind``/``level`` (see
    :class:`boilerstrip.Block`), ``frame`` (the innermost block-level element
    holding it), ``chars`` (length of ``text``), ``link_chars`` (characters
    inside ``<a>``), ``reason`` (why it is dropped, or ``None``), ``klass``
    (the scorer's class: ``good``, ``bad`` or ``short``), ``number`` (the
    item number of a block in an ``<ol>`` item, else ``None``).
    """

    __slots__ = ("text", "kind", "level", "frame", "chars", "link_chars", "reason", "klass", "number")

    def __init__(
        self,
        text: str,
        kind: str,
        level: Optional[int],
        frame: Frame,
        link_chars: int,
        reason: Optional[str] = None,
        number: Optional[int] = None,
    ) -> None:
        self.text = text
        self.kind = kind
        self.level = level
        self.number = number
        self.frame = frame
        self.chars = len(text)
        self.link_chars = min(link_chars, self.chars)
        self.reason = reason
        self.klass = "short"

    @property
    def link_density(self) -> float:
        """Share of the block's characters inside links, 0.0–1.0."""
        return self.link_chars / self.chars if self.chars else 0.0

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<TextBlock {self.kind} {self.klass} {self.reason} {self.text[:50]!r}>"


class Segmentation:
    """What :func:`segment` returns: ``frames`` (pre-order), ``blocks``
    (document order; subtrees dropped by element rules appear as blocks of
    kind :data:`BOILERPLATE`), ``page_chars`` (text characters of the page),
    ``dropped_boxes`` (subtrees an element rule dropped, with text or without)."""

    __slots__ = ("frames", "blocks", "page_chars", "dropped_boxes")

    def __init__(self, frames: list[Frame], blocks: list[TextBlock], page_chars: int, dropped_boxes: int = 0) -> None:
        self.frames = frames
        self.blocks = blocks
        self.page_chars = page_chars
        self.dropped_boxes = dropped_boxes


def _article_marker_ancestors(tree: LexborHTMLParser) -> set[int]:
    """``mem_id`` of every ancestor of the page's first ``<h1>`` and of its
    ``itemprop=articleBody`` element: the elements that hold the article."""
    out: set[int] = set()
    for sel in ("h1", "[itemprop='articleBody' i]"):
        node = tree.css_first(sel)
        while node is not None:
            mid = node.mem_id
            if mid in out:
                break
            out.add(mid)
            node = node.parent
    return out


def _table_block(node: LexborNode, frame: Frame, max_cell_chars: int) -> Optional[TextBlock]:
    """A data table as one ``table`` block (rows as lines, cells joined by `` | ``).

    Returns ``None`` for layout tables (nested tables, or cells holding long
    prose: more than ``max_cell_chars`` per cell on average,
    ``Options.data_table_max_cell_chars``),
    which are walked like any other container.
    """
    if len(node.css("table")) > 1:
        return None
    rows = node.css("tr")
    cells = sum(len(r.css("td, th")) for r in rows)
    if cells < 2:
        return None
    lines = []
    total = 0
    for row in rows:
        texts = [collapse(c.text(deep=True)) for c in row.css("td, th")]
        line = " | ".join(t for t in texts if t)
        if line:
            lines.append(line)
            total += len(line)
    if not lines or total / cells > max_cell_chars:
        return None
    cap = node.css_first("caption")
    if cap is not None:
        cap_text = collapse(cap.text(deep=True))
        if cap_text:
            lines.insert(0, cap_text)
    links = sum(len(collapse(a.text(deep=True))) for a in node.css("a"))
    return TextBlock("\n".join(lines), "table", None, frame, links)


#: Nesting of elements too long for their small-box rule (``max_chars``)
#: inside which a nested match is no longer measured: keeps the walk linear.
MAX_LONG_BOXES = 4
#: Average characters per cell above which a table is layout, not data.
DATA_TABLE_MAX_CELL_CHARS = 200
#: Inside this many layout tables, a table is not examined as a data table:
#: each examination reads the table's whole subtree, and nested layout tables
#: would make that quadratic.
DATA_TABLE_MAX_NESTING = 8


def segment(
    tree: LexborHTMLParser,
    rules: Ruleset,
    *,
    use_drop_rules: bool = True,
    include_captions: bool = False,
    page_kind: str = "article",
    options: Optional[Options] = None,
) -> Segmentation:
    """Walk ``tree`` once into frames and text blocks.

    Args:
        tree: a cleaned document.
        rules: element rules to apply on the way.
        use_drop_rules: ``False`` for the relaxed pass: element drop rules
            are recorded on frames but do not skip subtrees.
        include_captions: emit caption elements as ``caption`` blocks
            (kept out of the density figures).
        page_kind: the kind the page declares (:mod:`boilerstrip.kind`);
            rules whose ``off_for`` names it are not applied.
        options: the thresholds (``drop_guard_share``, ``marker_guard_share``,
            ``data_table_max_cell_chars``); ``None`` for ``Options()``.
    Returns:
        A :class:`Segmentation`; empty lists for a page without a body.

    Bound: O(n) in the page's nodes and text: every node is visited once;
    the text of an element a drop rule matches is read once when it is
    dropped (its subtree is then skipped), and collapsed at most
    :data:`GUARD_EXACT_CHECKS` times in all when a guard keeps it.
    """
    if options is None:
        from .options import DEFAULT_OPTIONS

        options = DEFAULT_OPTIONS
    root = tree.body if tree.body is not None else tree.root
    if root is None:
        return Segmentation([], [], 0)
    page_chars = len(collapse(root.text(deep=True)))
    guard_chars = page_chars * options.drop_guard_share
    marker_ancestors = _article_marker_ancestors(tree)
    marker_chars = page_chars * options.marker_guard_share
    max_cell_chars = options.data_table_max_cell_chars
    attr_names = rules.attr_names
    off_kinds = any(page_kind in r.off_for for r in rules.element_rules)

    frames: list[Frame] = []
    blocks: list[TextBlock] = []
    frame = Frame(root.tag or "body", root, None, 0)
    frames.append(frame)

    parts: list[str] = []  # text buffer of the current frame
    guarded = 0  # elements a drop rule matched that a guard kept
    dropped_boxes = 0
    link_chars = 0
    link_depth = 0
    pre_depth = 0
    table_depth = 0  # layout tables open around the current node
    long_boxes = 0  # open elements too long for their small-box rule

    def flush() -> None:
        nonlocal link_chars
        if not parts:
            return
        raw = "".join(parts)
        parts.clear()
        lk = link_chars
        link_chars = 0
        if frame.kind == "code":
            text = no_controls(raw.replace(BR, "\n")).strip("\n")
            if text.strip():
                blocks.append(TextBlock(text, "code", None, frame, lk))
            return
        if BR in raw:
            paras, cur = [], []
            for line in raw.split(BR):
                line = collapse(line)
                if line:
                    cur.append(line)
                elif cur:
                    paras.append(" ".join(cur))
                    cur = []
            if cur:
                paras.append(" ".join(cur))
        else:
            text = collapse(raw)
            paras = [text] if text else []
        total = sum(len(p) for p in paras) or 1
        for p in paras:
            blocks.append(TextBlock(p, frame.kind, frame.level, frame, round(lk * len(p) / total), number=frame.number))

    def _separate(tag: str) -> None:
        """A skipped element still separates the text around it: a block
        element ends the current block, an inline one leaves a space."""
        if tag in BLOCK_TAGS:
            flush()
        else:
            parts.append(" ")

    # Explicit stack of (children iterator, exit action); exit actions:
    # a Frame (block element closes), "a" (link closes), "pre" or "table"
    # (leaving one), or None.
    stack: list[tuple[Iterator[LexborNode], Union[Frame, str, None]]] = []
    it = iter(root.iter(include_text=True))
    while True:
        node = next(it, None)
        if node is None:
            if not stack:
                break
            it, action = stack.pop()
            if action is None:
                continue
            if isinstance(action, Frame):  # a Frame closes
                flush()
                frame.end = len(frames) - 1
                frame = action
            elif action == "a":
                link_depth -= 1
            elif action == "pre":
                pre_depth -= 1
            elif action == "table":
                table_depth -= 1
            elif action == "long":
                long_boxes -= 1
            continue
        tag = node.tag
        if tag == "-text":
            s = node.text_content
            if s:
                if pre_depth:
                    parts.append(s.replace("\n", BR))
                else:
                    parts.append(s)
                if link_depth:
                    link_chars += len(s.strip())
            continue
        if tag is None or tag[0] in "-_!#" or tag in SKIP_TAGS:
            continue
        if tag == "br":
            parts.append(BR)
            continue
        if tag == "hr":
            continue

        attrs = node.attributes
        hits: Sequence[ElementRule] = ()
        if attrs:
            cid = " ".join(v for k, v in attrs.items() if (k == "class" or k == "id") and v)
            hits = rules.match_element(tag, cid, attrs if attr_names else None)
        else:
            hits = rules.match_element(tag, "", None)
        if hits and off_kinds and any(h.off_for for h in hits):
            hits = tuple(h for h in hits if page_kind not in h.off_for)
        weight = 0.0
        text = None
        mark_long = False
        if hits and hits[0].max_chars and hits[0].action != "weight" and long_boxes < MAX_LONG_BOXES:
            # A rule for small boxes (bylines, share bars, captions) does not
            # apply to an element holding more text: a taxonomy class on the
            # post wrapper ("category-photo-captions", "entry-author-jane")
            # must not skip the article. Inside MAX_LONG_BOXES such elements,
            # nested matches are not measured again, so each node's text is
            # read at most MAX_LONG_BOXES + 1 times.
            text = collapse(node.text(deep=True))
            n = len(text)
            hits = tuple(h for h in hits if not (h.max_chars and n > h.max_chars))
            mark_long = len(hits) == 0 or hits[0].action == "weight"
        if hits:
            first = hits[0]
            if first.action == "caption":
                _separate(tag)
                if include_captions:
                    text = text if text is not None else collapse(node.text(deep=True))
                    if text:
                        flush()
                        blocks.append(TextBlock(text, "caption", None, frame, 0, reason="caption"))
                continue
            if use_drop_rules and first.action == "drop" and tag not in PROTECTED_TAGS and not (attrs and _is_article_element(attrs, rules.vocabulary)):
                # (the relaxed pass drops nothing: no text to read)
                marker = node.mem_id in marker_ancestors
                share_guard = first.guard != "marker"  # "marker": only the article's column overrules
                raw = node.text(deep=True) if text is None else text
                if text is None and guarded >= GUARD_EXACT_CHECKS and (
                    (share_guard and len(raw) >= guard_chars) or (marker and len(raw) >= marker_chars)
                ):
                    text = None  # kept by a guard, as the guarded boxes around it were
                else:
                    text = text if text is not None else collapse(raw)
                    if not text or (
                        (len(text) < guard_chars or not share_guard) and not (marker and len(text) >= marker_chars)
                    ):
                        dropped_boxes += 1
                        _separate(tag)
                        if text:
                            # kept as a dropped block: it counts as boilerplate
                            # in its container and separates what is around it
                            blocks.append(TextBlock(text, BOILERPLATE, None, frame, 0, reason=first.id))
                        continue
                guarded += 1
            weight = sum(h.weight for h in hits if h.action == "weight")

        if tag in BLOCK_TAGS:
            if tag == "table" and table_depth < DATA_TABLE_MAX_NESTING:
                tb = _table_block(node, frame, max_cell_chars)
                if tb is not None:
                    flush()
                    blocks.append(tb)
                    continue
            flush()
            child = Frame(tag, node, frame, len(frames))
            child.weight = weight
            frames.append(child)
            stack.append((it, frame))
            frame = child
            if tag == "pre" or tag == "table":
                # counted while inside; the marker pops before the frame closes
                if tag == "pre":
                    pre_depth += 1
                else:
                    table_depth += 1
                stack.append((iter(()), tag))
        elif tag == "a":
            link_depth += 1
            stack.append((it, "a"))
        else:
            stack.append((it, None))
        if mark_long:
            long_boxes += 1
            stack.append((iter(()), "long"))
        it = iter(node.iter(include_text=True))
    flush()
    frame.end = len(frames) - 1
    return Segmentation(frames, blocks, page_chars, dropped_boxes)
