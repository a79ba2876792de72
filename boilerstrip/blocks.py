"""Stage 4: one walk of the tree into text blocks and their containers.

The walk is iterative (no recursion, so 100,000 nested elements are fine) and
visits each node once. It produces:

* :class:`Frame` objects, one per block-level element, in document (pre-)order,
  each with its parent, so the density scorer can aggregate bottom-up;
* :class:`TextBlock` objects: the runs of inline text between block-level
  boundaries, with their character and link-character counts.

The walk reads what the element rules decided from the verdicts of
:func:`boilerstrip.rules.annotate` (one pass before it): a ``drop`` verdict
skips the element's subtree (its text is counted as boilerplate in the
enclosing container), a ``caption`` verdict skips it as a caption, and the
weight of a ``weight`` or ``kept`` verdict is added to the container's weight.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Union

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import HEADING_LEVEL, collapse, no_controls
from .rules import Ruleset
from .rules.annotation import (  # re-exported: the guard thresholds are Options defaults
    CAPTION,
    DROP,
    DROP_GUARD_SHARE,
    MARKER_GUARD_SHARE,
    SKIP_TAGS,
    SLUG_ID_MIN_WORDS,
    Verdict,
    Verdicts,
    annotate,
)

if TYPE_CHECKING:
    from .options import Options

__all__ = ["Frame", "TextBlock", "Segmentation", "SegmentationBuilder", "segment", "collapse", "BOILERPLATE", "DROP_GUARD_SHARE", "MARKER_GUARD_SHARE", "SLUG_ID_MIN_WORDS"]

#: Elements that end one block of text and start another.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset"
    " figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav"
    " ol p pre section summary table tbody td tfoot th thead tr ul caption legend".split()
)
LIST_ITEM_TAGS = frozenset(("li", "dd", "dt"))
#: Elements whose ``<li>`` children are items of one list.
LIST_TAGS = frozenset(("ul", "ol", "menu", "dir"))
#: Kind of the block that stands for a subtree an element rule dropped: it is
#: never output, counts as boilerplate in its container, and keeps its place
#: in the block order for the selection's context rules.
BOILERPLATE = "boilerplate"
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
    item number of a block in an ``<ol>`` item, else ``None``),
    ``opens_comments`` (a heading matched by a ``comments`` text rule, set
    by :func:`boilerstrip.score.aggregate`). A :data:`BOILERPLATE` block of
    a dropped ``<h1>``-``<h6>`` has that heading's ``level``.
    """

    __slots__ = ("text", "kind", "level", "frame", "chars", "link_chars", "reason", "klass", "number", "opens_comments")

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
        self.opens_comments = False

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
    ``dropped_boxes`` (subtrees an element rule dropped, with text or without).
    It also keeps each block's ``reason`` as it was when made, for
    :meth:`unscored_copy`."""

    __slots__ = ("frames", "blocks", "page_chars", "dropped_boxes", "_reasons")

    def __init__(self, frames: list[Frame], blocks: list[TextBlock], page_chars: int, dropped_boxes: int = 0) -> None:
        self.frames = frames
        self.blocks = blocks
        self.page_chars = page_chars
        self.dropped_boxes = dropped_boxes
        self._reasons = [b.reason for b in blocks]  # before the scorer sets any

    def unscored_copy(self) -> "Segmentation":
        """A copy of this segmentation as it was made, before
        :func:`boilerstrip.score.aggregate` filled it: new frames and blocks
        with the walk's fields (the same ``node``, text, kinds, numbers,
        weights, tree shape), the scorer's fields as a new walk leaves them
        (each frame's aggregates 0, each block's class ``short``, no
        ``opens_comments``, its ``reason`` the one it was made with). It is
        what :func:`segment` gives again with the same verdicts, without
        walking the tree: the listing pass scores a copy of the segmentation
        of the pass it follows (:func:`boilerstrip.extract`).
        O(frames + blocks)."""
        frames: list[Frame] = []
        for f in self.frames:  # pre-order: a frame's parent and list are copied before it
            c = Frame.__new__(Frame)
            c.tag, c.node, c.index, c.end = f.tag, f.node, f.index, f.end
            c.kind, c.level, c.list_depth, c.weight = f.kind, f.level, f.list_depth, f.weight
            c.number, c.next_number, c.step = f.number, f.next_number, f.step
            c.children = []
            c.chars = c.link_chars = c.good_chars = c.bad_chars = 0
            c.score = c.content_score = 0.0
            frames.append(c)  # (before list_frame: a list frame is its own)
            c.parent = frames[f.parent.index] if f.parent is not None else None
            if c.parent is not None:
                c.parent.children.append(c)
            c.list_frame = frames[f.list_frame.index] if f.list_frame is not None else None
        blocks: list[TextBlock] = []
        for b, reason in zip(self.blocks, self._reasons):
            n = TextBlock.__new__(TextBlock)
            n.text, n.kind, n.level, n.number = b.text, b.kind, b.level, b.number
            n.frame = frames[b.frame.index]
            n.chars, n.link_chars, n.reason = b.chars, b.link_chars, reason
            n.klass, n.opens_comments = "short", False
            blocks.append(n)
        return Segmentation(frames, blocks, self.page_chars, self.dropped_boxes)


_DETACHED: list[LexborNode] = []


def _detached_node() -> LexborNode:
    """An empty ``<div>`` outside any page: the ``node`` of frames built by hand."""
    if not _DETACHED:
        node = LexborHTMLParser("<div></div>").css_first("div")
        assert node is not None
        _DETACHED.append(node)
    return _DETACHED[0]


class SegmentationBuilder:
    """Frames and blocks built by hand, without a page: the scorer's and the
    selection's input in a unit test, as jusText's tests build paragraphs.

    Add frames and blocks in document order::

        b = SegmentationBuilder()             # the <body> frame: b.root
        div = b.frame("div", weight=25)       # a child of the last frame opened ...
        p = b.frame("p", div)                 # ... or of the one given
        b.block("The council voted ...", p)   # a block in p (kind, level from p)
        b.block("Home", b.frame("nav"), reason="tag.navigation", kind=BOILERPLATE)
        seg = b.build()

    A frame's ``node`` is an empty detached ``<div>``: code that reads the
    DOM (the selection's ``itemtype`` and ``role`` checks) sees none there.

    Raises:
        ValueError: a frame's parent is not the last frame opened or one of
            its ancestors (frames must come in document order).
    """

    def __init__(self, root_tag: str = "body") -> None:
        self.root = Frame(root_tag, _detached_node(), None, 0)
        self.frames: list[Frame] = [self.root]
        self.blocks: list[TextBlock] = []

    def frame(self, tag: str, parent: Optional[Frame] = None, *, weight: float = 0.0) -> Frame:
        """A new frame ``tag`` under ``parent`` (default: the last frame
        opened), with the class weight ``weight``. O(depth)."""
        last: Optional[Frame] = self.frames[-1]
        parent = parent if parent is not None else last
        assert parent is not None
        while last is not None and last is not parent:
            last = last.parent
        if last is None:
            raise ValueError(f"{parent!r} is not the last frame opened or one of its ancestors")
        child = Frame(tag, _detached_node(), parent, len(self.frames))
        child.weight = weight
        self.frames.append(child)
        return child

    def block(self, text: str, frame: Optional[Frame] = None, *, link_chars: int = 0, kind: Optional[str] = None,
              reason: Optional[str] = None) -> TextBlock:
        """A block of ``text`` in ``frame`` (default: the last frame opened),
        ``link_chars`` of its characters inside links; ``kind`` defaults to
        the frame's (its level and item number follow the frame); ``reason``
        as set by the walk (a drop rule's id for a :data:`BOILERPLATE` block,
        ``"caption"`` for a caption). O(1)."""
        frame = frame if frame is not None else self.frames[-1]
        kind = kind if kind is not None else frame.kind
        level = frame.level if kind == frame.kind else None
        block = TextBlock(text, kind, level, frame, link_chars, reason=reason, number=frame.number)
        self.blocks.append(block)
        return block

    def build(self) -> Segmentation:
        """The :class:`Segmentation`: each frame's ``end`` set, ``page_chars``
        the characters of all blocks, ``dropped_boxes`` the number of
        :data:`BOILERPLATE` blocks. O(frames + blocks)."""
        for f in reversed(self.frames):  # pre-order backwards: children before parents
            f.end = max(f.end, f.index)
            if f.parent is not None:
                f.parent.end = max(f.parent.end, f.end)
        page_chars = sum(b.chars for b in self.blocks)
        dropped = sum(1 for b in self.blocks if b.kind == BOILERPLATE)
        return Segmentation(self.frames, self.blocks, page_chars, dropped)


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


#: Average characters per cell above which a table is layout, not data.
DATA_TABLE_MAX_CELL_CHARS = 200
#: Inside this many layout tables, a table is not examined as a data table:
#: each examination reads the table's whole subtree, and nested layout tables
#: would make that quadratic.
DATA_TABLE_MAX_NESTING = 8


#: Characters that print nothing and are no whitespace to ``str.split``:
#: zero-width space, non-joiner and joiner, word joiner, byte order mark,
#: soft hyphen. A block of these alone (a page builder's ``<p>&zwj;</p>``
#: spacer; on 17 pages of the shared sets) is an empty block.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_BLANK = INVISIBLE + " "


def _paragraphs(raw: str) -> list[str]:
    """The paragraphs of a text buffer: runs split at two or more ``<br>``
    marks (:data:`BR`), each with whitespace collapsed; no empty ones (nor
    ones of :data:`INVISIBLE` characters alone)."""
    if BR not in raw:
        text = collapse(raw)
        return [text] if text.strip(_BLANK) else []
    paras, cur = [], []
    for line in raw.split(BR):
        line = collapse(line)
        if line.strip(_BLANK):
            cur.append(line)
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    return paras


#: What :meth:`_Walk.enter` returns for an element whose subtree is not walked.
_SKIP = "skip"


class _Walk:
    """The state of one :func:`segment` walk: the frames and blocks so far,
    the current frame, its text buffer and link characters, and the depths
    of the links, ``<pre>`` and layout tables open around the current node."""

    def __init__(self, root: LexborNode, verdicts: Verdicts, include_captions: bool, max_cell_chars: int) -> None:
        self.verdicts = verdicts
        self.by_id = verdicts.by_id
        self.include_captions = include_captions
        self.max_cell_chars = max_cell_chars
        self.frame = Frame(root.tag or "body", root, None, 0)
        self.frames: list[Frame] = [self.frame]
        self.blocks: list[TextBlock] = []
        self.parts: list[str] = []  # text buffer of the current frame
        self.link_chars = self.link_depth = self.pre_depth = 0
        self.table_depth = 0  # layout tables open around the current node
        self.dropped_boxes = 0

    def text(self, s: Optional[str]) -> None:
        """A text node: into the buffer (line breaks kept inside ``<pre>``)."""
        if s:
            self.parts.append(s.replace("\n", BR) if self.pre_depth else s)
            if self.link_depth:
                self.link_chars += len(s.strip())

    def flush(self) -> None:
        """End the current block(s): the buffer becomes text blocks of the current frame."""
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        lk, self.link_chars, frame = self.link_chars, 0, self.frame
        if frame.kind == "code":
            text = no_controls(raw.replace(BR, "\n")).strip("\n")
            if text.strip():
                self.blocks.append(TextBlock(text, "code", None, frame, lk))
            return
        paras = _paragraphs(raw)
        total = sum(len(p) for p in paras) or 1
        for p in paras:
            self.blocks.append(TextBlock(p, frame.kind, frame.level, frame, round(lk * len(p) / total), number=frame.number))

    def separate(self, tag: str) -> None:
        """A skipped element still separates the text around it: a block
        element ends the current block, an inline one leaves a space."""
        if tag in BLOCK_TAGS:
            self.flush()
        else:
            self.parts.append(" ")

    def enter(self, node: LexborNode, tag: str) -> Union[Frame, str, None]:
        """Open an element: returns what closes it (its :class:`Frame`, ``"a"``
        or ``None``), or :data:`_SKIP` when its subtree is not walked."""
        verdict = self.by_id.get(node.mem_id)
        weight = 0.0
        if verdict is not None:
            if verdict.action == CAPTION or verdict.action == DROP:
                self.skip(node, tag, verdict)
                return _SKIP
            weight = verdict.weight
        if tag in BLOCK_TAGS:
            if tag == "table" and self.table_depth < DATA_TABLE_MAX_NESTING:
                tb = _table_block(node, self.frame, self.max_cell_chars)
                if tb is not None:
                    self.flush()
                    self.blocks.append(tb)
                    return _SKIP
            self.flush()
            self.frame = Frame(tag, node, self.frame, len(self.frames))
            self.frame.weight = weight
            self.frames.append(self.frame)
            self.pre_depth += tag == "pre"
            self.table_depth += tag == "table"
            return self.frame
        if tag == "a":
            self.link_depth += 1
            return "a"
        return None

    def skip(self, node: LexborNode, tag: str, verdict: Verdict) -> None:
        """A dropped element (a :data:`BOILERPLATE` block of its text, when it
        has any) or a caption (a ``caption`` block with ``include_captions``)."""
        self.separate(tag)
        if verdict.action == DROP:
            self.dropped_boxes += 1
            if verdict.text:
                # kept as a dropped block: it counts as boilerplate in its
                # container and separates what is around it
                # (a dropped heading keeps its level: the selection reads a
                # comment section's heading even when a rule dropped it)
                self.blocks.append(
                    TextBlock(verdict.text, BOILERPLATE, HEADING_LEVEL.get(tag), self.frame, 0, reason=verdict.rule)
                )
        elif self.include_captions:
            text = verdict.text if verdict.text is not None else collapse(node.text(deep=True))
            if text:
                self.flush()
                self.blocks.append(TextBlock(text, "caption", None, self.frame, 0, reason="caption"))

    def run(self, root: LexborNode) -> "Segmentation":
        """Walk ``root``'s subtree once, in document order, with an explicit
        stack of (element entered, what closes when it ends): no recursion
        whatever the nesting. A node's children are read through
        ``child``/``next`` (the nodes ``iter(include_text=True)`` gives, in
        its order, for about 0.6 of its cost). Returns :meth:`finish`."""
        stack: list[tuple[LexborNode, Union[Frame, str, None]]] = []
        node = root.child
        while True:
            if node is None:
                if not stack:
                    return self.finish()
                entered, action = stack.pop()
                self.leave(action)
                node = entered.next
                continue
            tag = node.tag
            if tag == "-text":
                self.text(node.text_content)
            elif tag == "br":
                self.parts.append(BR)
            elif not (tag is None or tag[0] in "-_!#" or tag in SKIP_TAGS or tag == "hr"):
                action = self.enter(node, tag)
                if action is not _SKIP:
                    stack.append((node, action))
                    node = node.child
                    continue
            node = node.next

    def leave(self, action: Union[Frame, str, None]) -> None:
        """Close what :meth:`enter` opened."""
        if isinstance(action, Frame):
            self.flush()
            action.end = len(self.frames) - 1
            self.pre_depth -= action.tag == "pre"
            self.table_depth -= action.tag == "table"
            assert action.parent is not None  # the root frame is never entered
            self.frame = action.parent
        elif action == "a":
            self.link_depth -= 1

    def finish(self) -> Segmentation:
        """The last block and the :class:`Segmentation`."""
        self.flush()
        self.frame.end = len(self.frames) - 1
        return Segmentation(self.frames, self.blocks, self.verdicts.page_chars, self.dropped_boxes)


def segment(
    tree: LexborHTMLParser,
    rules: Ruleset,
    *,
    use_drop_rules: bool = True,
    include_captions: bool = False,
    page_kind: str = "article",
    options: Optional[Options] = None,
    verdicts: Optional[Verdicts] = None,
) -> Segmentation:
    """Walk ``tree`` once into frames and text blocks.

    Args:
        tree: a cleaned document.
        rules: the element rules, annotated here when ``verdicts`` is ``None``.
        use_drop_rules: ``False`` for the relaxed pass: element drop rules
            do not skip subtrees (passed to :func:`~boilerstrip.rules.annotate`).
        include_captions: emit caption elements as ``caption`` blocks
            (kept out of the density figures).
        page_kind: the kind the page declares (:mod:`boilerstrip.kind`);
            rules whose ``off_for`` names it, or whose ``on_for`` does not, are not applied.
        options: the thresholds (``drop_guard_share``, ``marker_guard_share``,
            ``data_table_max_cell_chars``); ``None`` for ``Options()``.
        verdicts: the element rules' verdicts on ``tree``
            (:func:`~boilerstrip.rules.annotate`), when already made; then
            ``rules``, ``use_drop_rules`` and ``page_kind`` are not read.
    Returns:
        A :class:`Segmentation`; empty lists for a page without a body.

    Bound: O(n) in the page's nodes and text: every node is visited once,
    a verdict is one dict lookup, and the subtree of a dropped element or a
    caption is skipped (its text was read by the annotation pass, whose
    bound is in :func:`~boilerstrip.rules.annotate`); a data table's subtree
    is read once, inside at most :data:`DATA_TABLE_MAX_NESTING` layout tables.
    """
    if options is None:
        from .options import DEFAULT_OPTIONS

        options = DEFAULT_OPTIONS
    root = tree.body if tree.body is not None else tree.root
    if root is None:
        return Segmentation([], [], 0)
    if verdicts is None:
        verdicts = annotate(tree, rules, page_kind=page_kind, options=options, use_drop_rules=use_drop_rules)
    return _Walk(root, verdicts, include_captions, options.data_table_max_cell_chars).run(root)
