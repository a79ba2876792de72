"""Stage 3: remove what is never text a reader sees.

Scripts (JSON-LD excepted: metadata reads it later), styles, templates,
embedded objects, form controls and hidden elements are removed from the
tree with one CSS query each, run inside Lexbor. Everything else stays in the
tree: boilerplate is decided later, by rules and scores, so that metadata can
still read bylines and dates in page chrome.
"""

from __future__ import annotations

import re
from typing import NamedTuple, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .dom import attr, tokens, unique_nodes
from .lexicon import STRINGS, Schema, load

__all__ = ["clean", "REMOVED_SELECTOR", "COLLAPSIBLE_TOKENS"]

#: What ``clean.toml`` must hold (see :mod:`boilerstrip.lexicon`).
SCHEMA: Schema = {"tokens": {"collapsible": STRINGS}}
#: The parsed ``clean.toml``, read once and checked against :data:`SCHEMA`.
DATA = load(__package__, "clean.toml", SCHEMA)
#: Class/id tokens of collapsed widgets whose hidden text is the page's
#: (``clean.toml``, where the list's source is given): see :func:`_is_collapsible`.
COLLAPSIBLE_TOKENS = frozenset(DATA["tokens"]["collapsible"])

#: Elements whose content is never visible text.
_NEVER_TEXT = (
    "script:not([type*='ld+json' i]), style, template, svg, canvas,"
    " iframe, object, embed, video, audio, map, input, select, option, textarea, button"
)

#: Hidden elements: the ``hidden`` attribute, inline ``display:none`` /
#: ``visibility:hidden`` styles, and ``aria-hidden`` subtrees (decorative
#: duplicates that screen readers and, in practice, readers skip).
_HIDDEN = (
    "[hidden], [style*='display:none' i], [style*='display: none' i],"
    " [style*='visibility:hidden' i], [style*='visibility: hidden' i], [aria-hidden='true' i]"
)

REMOVED_SELECTOR = _NEVER_TEXT + ", " + _HIDDEN
#: The document's own elements are never removed, hidden or not.
_NEVER_REMOVED = frozenset(("html", "head", "body"))
#: A hidden element holding at least this share of the page's text is the page
#: itself, hidden until scripts reveal it (``<main hidden>``, ``<div id=app
#: aria-hidden=true>``): it is kept.
HIDDEN_PAGE_SHARE = 0.5

#: ``<noscript>`` is what a reader without scripts sees (boilerstrip runs no
#: script). Most hold a tracking pixel, a lazy-load ``<img>`` copy or an
#: "enable JavaScript" notice, and are removed; one holding at least this many
#: characters of text is the page itself, served to script-less readers, and
#: is unwrapped into the document.
NOSCRIPT_PAGE_CHARS = 500
#: A hidden element that holds every ``<h1>`` of the page and at least this
#: many characters of text is the page's content hidden until a script
#: reveals it (shop themes wrap the product's name, description and
#: specifications in a ``display:none`` box that a deferred script or a
#: lockdown app shows), even when menus larger than it make it a small share
#: of the page: it is kept. On wcxb-dev, 15 pages hide all their ``<h1>``;
#: those whose box holds the content have 11,000–23,000 characters, the
#: others (an empty slide, a vote counter, a cart drawer) at most 1,000.
HIDDEN_TITLE_CHARS = 2000
#: Hidden boxes that are pop-ups, not the page: a dialog copies the title
#: into its own ``<h1>`` (a "republish this article" form).
_DIALOG_ROLES = frozenset(("dialog", "alertdialog"))
#: A page with more ``<h1>`` than this uses them as item titles, not as its
#: title: no hidden box is kept for holding them.
MAX_TITLE_HEADINGS = 8
#: Ids read from one ``aria-controls`` value (it lists the ids of the
#: elements the control shows and hides).
MAX_CONTROLLED_IDS = 4
#: How far above a hidden panel and above its control (an accordion's
#: button, a tab) their nearest common ancestor may be: an accordion item
#: holds its question's heading and its answer, a tab widget its tab list
#: and its panels, each a few wrappers deep (:func:`_is_open_panel`).
PANEL_MAX_LEVELS = 3
CONTROL_MAX_LEVELS = 6
#: A disclosure control without ``aria-controls`` opens the element after
#: it, or after its parent or grandparent (a button in a heading in a
#: question's header): :func:`_element_after`.
FOLLOWING_MAX_LEVELS = 2


#: React's streaming server rendering (``renderToPipeableStream``, as
#: Next.js serves it) sends a page's slow parts after the page: each as a
#: hidden segment ``<div hidden id="S:1">`` at the end of the body, with a
#: script call that moves it into place -- ``$RC("B:0","S:1")`` replaces
#: the fallback ("Loading paragraph...") after ``<template id="B:0">`` up
#: to the boundary's closing ``<!--/$-->`` comment, ``$RS("S:1","P:2")``
#: puts the segment where ``<template id="P:2">`` stands (``$RR``, React
#: 19's ``$RC``, takes the same first two arguments). A reader's browser
#: runs those calls; :func:`_place_streamed` does what they do.
_STREAM_CALL = re.compile(r"""\$R([CSR])\(\s*["']([A-Z]:[0-9a-fA-F]+)["']\s*,\s*["']([A-Z]:[0-9a-fA-F]+)["']""")
#: Siblings after a boundary's ``<template>`` looked at for its closing
#: comment: a fallback is a placeholder element or two. A boundary whose end
#: is not found within them keeps its fallback and gets the segment after it.
STREAM_FALLBACK_MAX_SIBLINGS = 50
#: How deep segments are placed inside segments (React nests a suspense
#: boundary in another's content a few levels at most); deeper chains stay
#: hidden, which bounds the depth the placing adds to the tree.
STREAM_MAX_NESTING = 8
#: Elements whose content a reader never sees as text: a place inside one
#: is not filled (see :func:`_top`).
_NO_TEXT_TAGS = frozenset((
    "head", "svg", "math", "select", "option", "button", "textarea", "template", "object", "iframe", "noscript",
    "script", "style", "canvas", "video", "audio", "map",
))


def clean(tree: LexborHTMLParser) -> None:
    """Remove never-visible elements from ``tree`` in place.

    Args:
        tree: a parsed document (see :func:`boilerstrip.parse.parse_html`).

    A hidden panel that a disclosure control or a tab beside it opens
    (:func:`_read_controls`, :func:`_opened`), or that is a
    collapsed widget by its class (:func:`_is_collapsible`), is kept.

    Content that React's streaming rendering sent after the page is first
    moved to where the page shows it (:func:`_place_streamed`).

    Bound: O(n) in the size of the tree: at most nine CSS queries run by Lexbor, and
    the text of each candidate read once, in reverse document order, so an
    element's removed descendants are gone before its own text is measured.
    Hidden elements kept because they hold half the page nest in each other;
    each costs one read of its text at C speed (about 0.4 ms per MB), and
    the parser's nesting cap (:data:`boilerstrip.parse.MAX_DEPTH`) bounds
    how many there can be.
    """
    _place_streamed(tree)  # before the templates that mark the places go
    controls = _read_controls(tree)  # before the buttons go
    # Reverse document order: a descendant is removed before its ancestor,
    # so no node is touched after an ancestor's removal freed it.
    for node in reversed(tree.css(_NEVER_TEXT)):
        node.decompose()
    # The page's text is measured without its scripts and styles (a
    # framework's serialized state can be most of the bytes), JSON-LD too.
    body = tree.body
    page_chars = len(body.text(deep=True)) if body is not None else 0
    page_chars -= sum(len(n.text(deep=True)) for n in tree.css("body script"))
    titled = _title_holders(tree)
    for node in reversed(tree.css(_HIDDEN)):
        if node.tag in _NEVER_REMOVED:
            continue
        if controls and _opened(node, controls):
            continue  # a collapsed accordion or tab panel: text the reader opens
        if _is_collapsible(node):
            continue  # a collapsed widget that names no control: an FAQ's answer, a "read more" box
        chars = len(node.text(deep=True))
        if page_chars > 0 and chars >= HIDDEN_PAGE_SHARE * page_chars:
            # the page hidden until its scripts run (or streamed into a
            # hidden boundary for a script to move into place, as React's
            # streaming rendering does): a reader without scripts still gets it
            continue
        if node.mem_id in titled and chars >= HIDDEN_TITLE_CHARS and not _is_dialog(node):
            continue  # the page's title and content, shown by a script
        node.decompose()
    for node in reversed(tree.css("noscript")):
        if len(node.text(deep=True)) >= NOSCRIPT_PAGE_CHARS:
            node.unwrap()
        else:
            node.decompose()


def _place_streamed(tree: LexborHTMLParser) -> None:
    """Move each hidden segment of React's streaming rendering to its place
    (see :data:`_STREAM_CALL`): the places come from the page's ``$RC`` /
    ``$RS`` / ``$RR`` script calls, or, without them (scripts stripped by an
    archive), from the ids (segment ``S:1`` to ``B:1`` or ``P:1``). A
    boundary's fallback, the siblings after its ``<template>`` up to the
    matching ``<!--/$-->``, is removed.

    Segments are children of ``<body>``, as React writes them. A segment
    whose place lies in another segment (nested suspense) is placed after
    that one, at most :data:`STREAM_MAX_NESTING` levels deep; a segment
    whose place is missing, outside the body, inside an element that shows
    no text (``<svg>``, ``<select>``, ``<button>``...), inside the segment
    itself or in a cycle of segments stays where it is (hidden, so removed
    later, or kept as most of the page: :data:`HIDDEN_PAGE_SHARE`).

    Bound: one query (two more on a page that has segments); each script's
    text read once; every place's segment found on the tree as parsed,
    with the ancestor walks memoised (:func:`_top`); segments placed
    outermost first, so each node is moved at most once; at most
    :data:`STREAM_FALLBACK_MAX_SIBLINGS` siblings looked at per boundary:
    O(n).
    """
    segments = {attr(n, "id"): n for n in tree.css("body > div[hidden][id^='S:']")}
    if not segments:
        return
    places = {attr(n, "id"): n for n in tree.css("template[id^='B:'], template[id^='P:']")}
    pairs: list[tuple[str, str]] = []
    for script in tree.css("script"):
        text = script.text(deep=True)
        if "$R" in text:
            for fn, first, second in _STREAM_CALL.findall(text):
                pairs.append((second, first) if fn == "S" else (first, second))
    if not pairs:
        pairs = [(p + key[1:], key) for key in segments for p in ("B", "P") if p + key[1:] in places]
    # Where each segment goes, read on the tree as parsed: (place, the segment
    # holding that place or "" for the page itself).
    by_node = {node.mem_id: key for key, node in segments.items()}
    tops: dict[int, Optional[int]] = {}
    target: dict[str, tuple[str, LexborNode]] = {}
    for place_id, segment_id in pairs:
        place = places.pop(place_id, None)
        if place is None or segment_id not in segments or segment_id in target:
            continue
        top = _top(place, tops)
        if top is None:
            continue  # outside the body, or where no text shows
        owner = by_node.get(top, "")
        if owner != segment_id:
            target[segment_id] = (owner, place)
    levels: dict[str, Optional[int]] = {}
    for segment_id in target:
        _nesting(segment_id, target, levels)
    order = sorted((lv, k) for k, lv in levels.items() if lv is not None)
    for _, segment_id in order:
        place = target[segment_id][1]
        segment = segments[segment_id]
        children = list(segment.iter(include_text=True))
        if attr(place, "id").startswith("P"):
            for child in children:
                place.insert_before(child, move=True)
        else:
            end = _boundary_end(place)
            for child in children if end is not None else reversed(children):
                if end is not None:
                    end.insert_before(child, move=True)
                else:
                    place.insert_after(child, move=True)
        segment.decompose()


def _nesting(segment_id: str, target: dict[str, tuple[str, LexborNode]], levels: dict[str, Optional[int]]) -> Optional[int]:
    """How many segments deep ``segment_id``'s place lies (0: in the page),
    or None when the chain of segments holding it breaks (a segment with no
    place), loops, or is deeper than :data:`STREAM_MAX_NESTING`. Memoised
    in ``levels``; O(STREAM_MAX_NESTING) per call."""
    chain: list[str] = []
    key: str = segment_id
    found: Optional[int] = None
    while True:
        if key in levels:
            found = levels[key]
            break
        if key not in target or len(chain) > STREAM_MAX_NESTING:
            found = None
            break
        chain.append(key)
        owner = target[key][0]
        if owner == "":
            found = -1
            break
        if owner in chain:
            found = None
            break
        key = owner
    for key in reversed(chain):
        found = None if found is None or found + 1 > STREAM_MAX_NESTING else found + 1
        levels[key] = found
    return levels.get(segment_id)


def _top(node: LexborNode, memo: dict[int, Optional[int]]) -> Optional[int]:
    """``mem_id`` of the child of ``<body>`` that holds ``node`` (``<body>``'s
    own for a child of it); None when ``node`` is outside the body or inside
    an element of :data:`_NO_TEXT_TAGS`. ``memo`` keeps the answer for every
    element walked through, so the walks of all a page's places visit each
    element once: O(n) in all."""
    path: list[LexborNode] = []
    found: Optional[int] = None
    cur: Optional[LexborNode] = node.parent
    while cur is not None:
        key = cur.mem_id
        if key in memo:
            found = memo[key]
            break
        if cur.tag == "body":
            found = memo[key] = key
            break
        parent = cur.parent
        if parent is None:
            break  # the document's root, without passing <body>
        path.append(cur)
        if parent.tag == "body":
            found = key
            break
        cur = parent
    for el in reversed(path):
        if el.tag in _NO_TEXT_TAGS:
            found = None
        memo[el.mem_id] = found
    return found


def _boundary_end(template: LexborNode) -> Optional[LexborNode]:
    """The ``<!--/$-->`` comment that closes the boundary ``template``
    opens, with the fallback between them removed; None (nothing removed)
    when it is not among the next :data:`STREAM_FALLBACK_MAX_SIBLINGS`
    siblings. Nested boundaries' comments (``$``, ``$?``, ``$!``) are counted."""
    node, depth = template.next, 0
    fallback: list[LexborNode] = []
    while node is not None and len(fallback) < STREAM_FALLBACK_MAX_SIBLINGS:
        if node.tag == "-comment":
            mark = node.comment_content
            if mark == "/$":
                if depth == 0:
                    for old in fallback:
                        old.decompose()
                    return node
                depth -= 1
            elif mark in ("$", "$?", "$!"):
                depth += 1
        fallback.append(node)
        node = node.next
    return None


#: The controls that open a panel they name with ``aria-controls``: a
#: disclosure (``aria-expanded``), a tab, or a button (``<button>``,
#: ``role=button``: accordions that state no ``aria-expanded``).
_CONTROLS = (
    "[aria-controls][aria-expanded], [aria-controls][role='tab' i],"
    " button[aria-controls], [aria-controls][role='button' i]"
)
#: Every element :func:`_read_controls` reads, in one query: the controls
#: above, the tabs with an id and the collapsed disclosures.
_CONTROL_QUERY = _CONTROLS + ", [role='tab' i][id], [aria-expanded='false' i]"


class _Control(NamedTuple):
    """A control, as read before clean removes the buttons: its ``mem_id``
    and the ``mem_id`` of its ancestors up to :data:`CONTROL_MAX_LEVELS`."""

    mem_id: int
    around: frozenset[int]


class _Controls(NamedTuple):
    """The page's panel controls (:func:`_read_controls`):

    * ``panels``: by panel id, the first control naming it with
      ``aria-controls`` (an element of :data:`_CONTROLS`): WAI-ARIA's
      accordion, disclosure and tabs patterns, in which the hidden panel is
      content the reader opens (the answers of an FAQ, a product's
      specifications tab, a code sample's other languages);
    * ``following``: by ``mem_id`` of the element right after a collapsed
      disclosure control (``aria-expanded=false``) that names no panel --
      after the control, or after its parent or grandparent when the control
      is wrapped (``<h3><button aria-expanded=false>Question</button></h3>
      <div hidden>answer</div>``: the disclosure pattern, whose
      ``aria-controls`` is optional) -- that control;
    * ``tabs``: the tabs (``role=tab``) by id: a tab panel names its tab
      with ``aria-labelledby``, the only link between them when the tabs
      carry no ``aria-controls``.
    """

    panels: dict[str, _Control]
    following: dict[int, _Control]
    tabs: dict[str, _Control]

    def __bool__(self) -> bool:
        return bool(self.panels or self.following or self.tabs)


def _read_controls(tree: LexborHTMLParser) -> _Controls:
    """The page's panel controls, read while they are still in the tree
    (clean removes ``<button>``). O(n): one query, at most
    :data:`MAX_CONTROLLED_IDS` ids per control, :data:`CONTROL_MAX_LEVELS`
    ancestors per control and :data:`FOLLOWING_MAX_LEVELS` + 1 steps up per
    collapsed disclosure."""
    out = _Controls({}, {}, {})
    seen: dict[int, _Control] = {}

    def read(node: LexborNode) -> _Control:
        control = seen.get(node.mem_id)
        if control is None:
            around: set[int] = set()
            up: Optional[LexborNode] = node.parent
            for _ in range(CONTROL_MAX_LEVELS):
                if up is None:
                    break
                around.add(up.mem_id)
                up = up.parent
            control = seen[node.mem_id] = _Control(node.mem_id, frozenset(around))
        return control

    for node in unique_nodes(tree.css(_CONTROL_QUERY)):
        attrs = node.attributes
        role = (attrs.get("role") or "").lower()
        if "aria-controls" in attrs:
            if "aria-expanded" in attrs or role in ("tab", "button") or node.tag == "button":
                value = attrs.get("aria-controls") or ""
                for pid in value.split(None, MAX_CONTROLLED_IDS)[:MAX_CONTROLLED_IDS]:
                    if pid not in out.panels:
                        out.panels[pid] = read(node)
        elif (attrs.get("aria-expanded") or "").lower() == "false":
            after = _element_after(node)
            if after is not None and after.mem_id not in out.following:
                out.following[after.mem_id] = read(node)
        if role == "tab" and "id" in attrs:
            out.tabs[attrs.get("id") or ""] = read(node)
    return out


def _element_after(control: LexborNode) -> Optional[LexborNode]:
    """The next element sibling of ``control``, or of its parent or
    grandparent (:data:`FOLLOWING_MAX_LEVELS`), or None."""
    node: Optional[LexborNode] = control
    for _ in range(FOLLOWING_MAX_LEVELS + 1):
        if node is None or node.tag in _NEVER_REMOVED:
            return None
        after = node.next
        while after is not None and not (after.tag and after.tag[0] not in "-_!#"):
            after = after.next  # past text and comments
        if after is not None:
            return after
        node = node.parent
    return None


def _opened(node: LexborNode, controls: _Controls) -> bool:
    """A hidden ``node`` that one of the page's ``controls`` opens
    (:func:`_is_open_panel`): the control naming its id, the collapsed
    disclosure right before it, or, for a tab panel, the tab its
    ``aria-labelledby`` names. O(PANEL_MAX_LEVELS)."""
    attrs = node.attributes
    control = controls.panels.get(attrs.get("id") or "") or controls.following.get(node.mem_id)
    if control is None and controls.tabs and (attrs.get("role") or "").lower() == "tabpanel":
        labels = (attrs.get("aria-labelledby") or "").split(None, 1)
        control = controls.tabs.get(labels[0]) if labels else None
    return control is not None and _is_open_panel(node, control)


def _is_open_panel(node: LexborNode, control: _Control) -> bool:
    """A hidden ``node`` that its ``control`` opens as part of the page's
    content: no dialog (``role=dialog``, ``aria-modal``) and not ``inert``;
    not a direct child of ``<body>`` (where drawers, modals and overlays
    are mounted); and the two meet close by: their nearest common ancestor
    is at most :data:`PANEL_MAX_LEVELS` levels above the panel and
    :data:`CONTROL_MAX_LEVELS` above the control (an accordion item holding
    its question's button and its answer, a tab widget holding its tab list
    and its panels), and it is not the panel itself (a control inside its
    own panel). A menu button in the header is far from the drawer it
    opens. O(PANEL_MAX_LEVELS)."""
    parent = node.parent
    if parent is None or parent.tag in _NEVER_REMOVED or _is_dialog(node) or "inert" in node.attributes:
        return False
    around = control.around
    if node.mem_id in around or control.mem_id == node.mem_id:
        return False
    up: Optional[LexborNode] = parent
    for _ in range(PANEL_MAX_LEVELS):
        if up is None or up.tag in _NEVER_REMOVED:
            return False
        if up.mem_id in around:
            return True
        up = up.parent
    return False


def _is_collapsible(node: LexborNode) -> bool:
    """A hidden ``node`` that is a collapsed widget of the page's content:
    a class/id token of :data:`COLLAPSIBLE_TOKENS`, and neither a direct
    child of ``<body>`` (drawers, overlays) nor a dialog. ``inert`` does not
    disqualify it: accordions mark their collapsed content ``inert`` so that
    it takes no focus (on wcxb-dev one page's whole content). O(1)."""
    parent = node.parent
    if parent is None or parent.tag in _NEVER_REMOVED or _is_dialog(node):
        return False
    return not tokens(node).isdisjoint(COLLAPSIBLE_TOKENS)


def _title_holders(tree: LexborHTMLParser) -> set[int]:
    """``mem_id`` of the elements that hold every non-empty ``<h1>`` of the
    page (empty when it has none, or more than :data:`MAX_TITLE_HEADINGS`).
    O(n): one query, and the ancestors of at most :data:`MAX_TITLE_HEADINGS`
    headings walked."""
    headings = tree.css("h1")
    if len(headings) > MAX_TITLE_HEADINGS:
        return set()
    common: Optional[set[int]] = None
    for h1 in headings:
        if not (h1.text(deep=True) or "").strip():
            continue
        ancestors: set[int] = set()
        node = h1.parent
        while node is not None:
            ancestors.add(node.mem_id)
            node = node.parent
        common = ancestors if common is None else common & ancestors
    return common or set()


def _is_dialog(node: LexborNode) -> bool:
    """A pop-up: ``role=dialog`` / ``alertdialog`` or ``aria-modal=true``."""
    attrs = node.attributes
    role = (attrs.get("role") or "").strip().lower()
    return role in _DIALOG_ROLES or (attrs.get("aria-modal") or "").strip().lower() == "true"
