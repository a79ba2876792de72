"""The rules stage for elements: one pass that records what every element rule decides.

:func:`annotate` walks a cleaned tree once, matches every element against the
element rules (tags, class/id tokens, ARIA roles and other attributes,
itemtypes), applies the small-box limits (``max_chars``), the page-kind
switches (``off_for``, ``on_for``) and the guards that overrule a drop rule, and records
a :class:`Verdict` for each element a rule decides, keyed by the element's
Lexbor ``mem_id``. The walk into blocks (:func:`boilerstrip.blocks.segment`)
then only reads the verdicts.

The guards, in the order they are tried on an element whose first rule
drops it:

* the tag is one of :data:`PROTECTED_TAGS` (the document and ``<main>``), or
  the element is the article itself (``itemprop=articleBody``, an
  ``itemtype`` of the ruleset's ``vocabulary.article_itemtypes``, a class
  name of its ``vocabulary.article_classes``), or it holds the page's first
  hAtom / h-entry post content (:data:`POST_CONTENT`): kept;
* the element holds at least ``Options.drop_guard_share`` of the page's text
  (rules with ``guard = "share"``, the default): kept;
* the element is an ancestor of the page's first ``<h1>`` or of its
  ``itemprop=articleBody`` element and holds at least
  ``Options.marker_guard_share`` of the page's text: kept;
* the element is inside one that a share or marker guard kept from the
  same rule (not a rule with ``guard = "marker"``), and holds at least
  ``Options.nested_guard_share`` of its text (:data:`NESTED_GUARD_SHARE`): kept.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..dom import HEADING_LEVEL, collapse, no_controls
from . import ElementRule, Ruleset

if TYPE_CHECKING:
    from ..options import Options

__all__ = [
    "annotate", "Verdict", "Verdicts", "DROP", "CAPTION", "WEIGHT", "KEPT", "SKIP_TAGS", "PROTECTED_TAGS", "POST_CONTENT",
    "DROP_GUARD_SHARE", "MARKER_GUARD_SHARE", "ARTICLE_MARKERS", "NESTED_GUARD_SHARE", "COLUMN_GUARD_CHARS", "MAX_LONG_BOXES",
    "SLUG_ID_MIN_WORDS", "CODE_TAGS",
]

#: Words of an id or a heading (:func:`_is_heading_slug`).
_WORDS = re.compile(r"[^\W_]+")

#: Verdict actions: the element's subtree is not content (its text counts as
#: boilerplate where it stands).
DROP = "drop"
#: The element is an image caption: never body text.
CAPTION = "caption"
#: Weight rules matched: their summed weight goes to the element's container score.
WEIGHT = "weight"
#: A drop rule matched and a guard overruled it (see :attr:`Verdict.guard`);
#: weight rules that matched too still add their weight.
KEPT = "kept"

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
#: A drop rule is overruled when the element holds at least this share of
#: the page's text: boilerplate is never most of a page that has an article.
#: Tuned on the development datasets (0.5–0.7 behave alike).
DROP_GUARD_SHARE = 0.6
#: A drop rule is also overruled on an element that holds the article's
#: markers (the first ``<h1>``, ``itemprop=articleBody``, the first
#: ``<article>``: :data:`ARTICLE_MARKERS`) and at least this share of the
#: page's text: a class like ``sidebar_content`` on the column that holds
#: the story, or ``<article class="newsletter-post">`` (a newsletter
#: platform's post), must not delete the story.
MARKER_GUARD_SHARE = 0.25
#: The elements whose first occurrence marks the article (see
#: :data:`MARKER_GUARD_SHARE`). The first ``<article>`` came last: on the
#: four shared sets it changed one page (a newsletter post in
#: ``article.newsletter-post``, dropped by ``class.subscribe``).
ARTICLE_MARKERS = ("h1", "[itemprop='articleBody' i]", "article")
#: Inside an element whose drop rule a share or marker guard overruled, the
#: same rule is overruled on a descendant that holds at least this share of
#: that element's text: the wrappers of one content column often repeat the
#: class token that named the page (a newsletter issue in
#: ``section.cc-newsletter > div.newsletter-wrapper > article.newsletter-content``,
#: a donation page's column), and the guard that kept the outer one speaks
#: for them. A box of the rule's own kind inside the column (a sign-up form
#: below the story) holds a small share of it and still drops. Not for the
#: rules with ``guard = "marker"`` (comment sections), whose own kind of box
#: can be most of the column. Measured on the four shared sets against 0.5:
#: 0.3, wcxb-dev -0.0005 F1 (forum -0.0039); 0.8, -0.0001.
NESTED_GUARD_SHARE = 0.5
#: A rule with ``guard = "column"`` is overruled on an element inside the
#: article column (``<article>``, ``<main>``, an article element) holding at
#: least this much text (whitespace collapsed): a section of prose. Shorter
#: boxes there are the article's own chrome (Jetpack's "Like this:" likes
#: widget, ~25 characters); the shortest page-builder text section seen on
#: wcxb-dev (a SiteOrigin editor panel) has 216.
COLUMN_GUARD_CHARS = 200
#: Elements whose content is code: no element rule applies inside them. A
#: syntax highlighter wraps each comment of the code in an element named
#: for it (highlight.js ``hljs-comment``, Prism ``token comment``,
#: CodeMirror ``cm-comment``), which the comment-section rule read as a
#: reader comment box and cut out of the code. On wcxb-dev, 250 such
#: elements held 1,150 words the gold text holds and 220 it does not (one
#: documentation site's golds leave its code comments out).
CODE_TAGS = frozenset(("pre", "code"))
#: An element's ``id`` that spells the text of its heading (the element
#: itself, or its first child element) in at least this many words is a slug
#: that documentation and CMS generators make from the author's heading
#: (Sphinx ``<section id="respond-to-review-comments">``, an FAQ entry's
#: anchor): it names the section's subject, not its role, and the element
#: rules read only its class. A boilerplate box's id is a short label
#: ("comments", "related-topics", "most-popular": one or two words, equal to
#: its heading "Comments", "Related topics" as often as not), so two words
#: are not enough. On the four shared sets, drops by such ids of three or
#: more words: 305 4-token shingles of gold text, 7 outside it; of one or
#: two words: 264 of gold, 13,160 outside it.
SLUG_ID_MIN_WORDS = 3
#: Nesting of elements too long for their small-box rule (``max_chars``)
#: inside which a nested match is no longer measured: keeps the pass linear.
MAX_LONG_BOXES = 4
#: Measured elements (small boxes, drop candidates under a guard) open
#: around an element, below which it is measured by reading its text in
#: Lexbor; deeper ones are measured from per-node text summaries, each node
#: read once (``_Pass.collapsed_chars``). Bounds the text reads of a pass
#: to this many + 1 per text node.
MAX_DIRECT_MEASURES = 3


class Verdict(NamedTuple):
    """What the element rules decided for one element.

    Attributes:
        action: :data:`DROP`, :data:`CAPTION`, :data:`WEIGHT` or :data:`KEPT`.
        rule: the id of the deciding rule: the drop or caption rule, the drop
            rule a guard overruled, or the first weight rule.
        weight: the summed ``weight`` of the weight rules that matched
            (0.0 for drop and caption verdicts); added to the container's score.
        text: for a :data:`DROP` verdict the element's text with whitespace
            collapsed (may be ``""``); else ``None``.
        guard: for :data:`KEPT`, what kept the element: ``"share"`` (most of
            the page's text), ``"marker"`` (the article's column),
            ``"protected"`` (a tag of :data:`PROTECTED_TAGS`), ``"article"``
            (``articleBody``, an article itemtype or hAtom / h-entry class),
            ``"post"`` (holds the page's first :data:`POST_CONTENT`),
            ``"column"`` (inside an ``<article>``/``<main>`` or article
            element, for a rule with ``guard = "column"``), ``"nested"``
            (most of the text of an element the same rule's share or marker
            guard kept, :data:`NESTED_GUARD_SHARE`) or
            ``"relaxed"`` (drop rules off); else ``None``.
    """

    action: str
    rule: str
    weight: float = 0.0
    text: Optional[str] = None
    guard: Optional[str] = None


class Verdicts:
    """The verdicts of one :func:`annotate` pass over one tree.

    Attributes:
        by_id: ``{mem_id: Verdict}`` for every element a rule decided (the
            elements no rule matches, or whose small-box rules their text
            overruled, have none).
        page_chars: characters of the page's text (whitespace collapsed),
            the measure of the share guards.
        use_drop_rules: ``False`` for the relaxed pass (no :data:`DROP`).
        cards_hit: a rule marked ``cards = "content"`` was among the rules
            matching some element (whether or not it decided the element's
            verdict): the listing pass, which leaves those rules out, may
            decide differently and annotates again; without such a match it
            reuses these verdicts.

    Build one by hand for a test with ``Verdicts({node.mem_id: Verdict(...)}, page_chars)``.
    """

    __slots__ = ("by_id", "page_chars", "use_drop_rules", "cards_hit")

    def __init__(self, by_id: Optional[dict[int, Verdict]] = None, page_chars: int = 0, use_drop_rules: bool = True,
                 cards_hit: bool = False) -> None:
        self.by_id: dict[int, Verdict] = by_id if by_id is not None else {}
        self.page_chars = page_chars
        self.use_drop_rules = use_drop_rules
        self.cards_hit = cards_hit

    def get(self, node: LexborNode) -> Optional[Verdict]:
        """The verdict of ``node``, or ``None``. O(1)."""
        return self.by_id.get(node.mem_id)

    def __len__(self) -> int:
        return len(self.by_id)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<Verdicts {len(self.by_id)} elements, page_chars={self.page_chars}>"


#: The content of a blog post in hAtom / microformats2 markup (the
#: microformats.org hAtom and h-entry specifications): a box an element
#: rule would drop that holds the page's first one is the post's own column
#: ("widget" on a blog engine's post widget), kept at any share of the page.
POST_CONTENT = ".hentry .entry-content, .h-entry .e-content"


def _article_marker_ancestors(tree: LexborHTMLParser, selectors: Sequence[str]) -> set[int]:
    """``mem_id`` of every ancestor of the page's first element matching
    each of ``selectors`` (:data:`ARTICLE_MARKERS`, or :data:`POST_CONTENT`):
    the elements that hold the article.
    O(n): one query per selector, and each ancestor is added once."""
    out: set[int] = set()
    for sel in selectors:
        node = tree.css_first(sel)
        while node is not None:
            mid = node.mem_id
            if mid in out:
                break
            out.add(mid)
            node = node.parent
    return out


def _text_summary(text: str) -> Optional[tuple[int, int, bool, bool]]:
    """(characters of the words, words, leading space, trailing space) of
    one text node, controls removed; ``None`` for no text at all."""
    text = no_controls(text)
    if not text:
        return None
    words = text.split()
    return sum(map(len, words)), len(words), text[0].isspace(), text[-1].isspace()


def _join(
    a: Optional[tuple[int, int, bool, bool]], b: Optional[tuple[int, int, bool, bool]]
) -> Optional[tuple[int, int, bool, bool]]:
    """The summary of text ``a`` followed by text ``b``: a word ending ``a``
    and one starting ``b`` with no space between them are one word."""
    if a is None:
        return b
    if b is None:
        return a
    touching = a[1] > 0 and b[1] > 0 and not a[3] and not b[2]
    return a[0] + b[0], a[1] + b[1] - touching, a[2], b[3]


class _Pass:
    """The state of one :func:`annotate` pass (see there)."""

    def __init__(self, tree: LexborHTMLParser, rules: Ruleset, page_chars: int, page_kind: str,
                 options: Options, use_drop_rules: bool, keep_unrelaxed: bool = False, cards: bool = False) -> None:
        self.rules = rules
        self.vocabulary = rules.vocabulary
        self.off_kinds = any(
            page_kind in r.off_for or (r.on_for and page_kind not in r.on_for) for r in rules.element_rules
        )
        self.page_kind = page_kind
        # the listing pass leaves out the rules marked cards = "content"; the
        # other passes note whether one matched (Verdicts.cards_hit)
        self.cards = cards
        self.cards_hit = False
        self.use_drop_rules = use_drop_rules
        self.keep_unrelaxed = keep_unrelaxed
        self.guard_chars = page_chars * options.drop_guard_share
        self.column_guard_chars = options.column_guard_chars
        self.marker_chars = page_chars * options.marker_guard_share
        self.nested_share = options.nested_guard_share
        # rules whose overruling carries to the column's inner wrappers: not those
        # only the markers overrule (comment sections: a thread inside the
        # guarded column may hold most of its text)
        self.nesting_rules = frozenset(r.id for r in rules.element_rules if r.guard != "marker")
        any_drops = use_drop_rules or keep_unrelaxed
        self.markers = _article_marker_ancestors(tree, ARTICLE_MARKERS) if any_drops else set()
        self.posts = _article_marker_ancestors(tree, (POST_CONTENT,)) if any_drops else set()
        # collapsed text (shallow) or text summary (deep) per measured element (collapsed_chars)
        self.texts: dict[int, str] = {}
        self.summaries: dict[int, Optional[tuple[int, int, bool, bool]]] = {}
        #: measured elements open around the walk's position (see collapsed_chars)
        self.measured_open = 0
        #: class attribute value -> whether it names an article element (see is_article)
        self.article_classes: dict[str, bool] = {}
        self.verdicts: dict[int, Verdict] = {}

    def decide(self, node: LexborNode, tag: str, hits: Sequence[ElementRule], long_boxes: int,
               in_column: bool = False, overruled: Optional[tuple[str, int]] = None) -> tuple[Optional[Verdict], bool]:
        """The verdict of one element the rules ``hits`` match (``None`` when
        none decides it), and whether it is a box too long for its small-box
        rule. ``overruled``: the rule id and the measure of the innermost
        element around ``node`` whose drop rule a share or marker guard
        overruled (see :data:`NESTED_GUARD_SHARE`)."""
        if self.off_kinds and any(h.off_for or h.on_for for h in hits):
            hits = tuple(
                h for h in hits if self.page_kind not in h.off_for and (not h.on_for or self.page_kind in h.on_for)
            )
        if any(h.cards_content for h in hits):
            if self.cards:
                hits = tuple(h for h in hits if not h.cards_content)
            else:
                self.cards_hit = True
        text = None
        long_box = False
        if hits and hits[0].max_chars and hits[0].action != WEIGHT and long_boxes < MAX_LONG_BOXES:
            # A rule for small boxes (bylines, share bars, captions) does not
            # apply to an element holding more text: a taxonomy class on the
            # post wrapper ("category-photo-captions", "entry-author-jane")
            # must not skip the article. Inside MAX_LONG_BOXES such elements,
            # nested matches are not measured again.
            n = self.collapsed_chars(node)
            hits = tuple(h for h in hits if not (h.max_chars and n > h.max_chars))
            long_box = len(hits) == 0 or hits[0].action == WEIGHT
        if not hits:
            return None, long_box
        first = hits[0]
        if first.action == CAPTION:
            return Verdict(CAPTION, first.id, 0.0, text), long_box
        guard = None
        if first.action == DROP:
            if in_column and first.guard == "column" and self.collapsed_chars(node) >= self.column_guard_chars:
                guard = "column"
            if guard is None:
                guard = self.guard(node, tag, first)
            if (
                guard is None and overruled is not None and overruled[0] == first.id
                and self.collapsed_chars(node) >= self.nested_share * overruled[1]
            ):
                guard = "nested"
            if guard is None:
                # read once: the walk does not enter a dropped element
                return Verdict(DROP, first.id, 0.0, self.dropped_text(node)), long_box
        weights = [h for h in hits if h.action == WEIGHT]
        weight = sum(h.weight for h in weights)
        if guard is not None:
            return Verdict(KEPT, first.id, weight, text, guard), long_box
        return Verdict(WEIGHT, weights[0].id if weights else first.id, weight, text), long_box

    def collapsed_chars(self, node: LexborNode) -> int:
        """``len(collapse(node.text(deep=True)))``.

        While fewer than :data:`MAX_DIRECT_MEASURES` measured elements are
        open around ``node`` (:attr:`measured_open`, kept by the walk), the
        text is read by Lexbor and collapsed (C speed; the text is kept in
        :attr:`texts` for the drop verdict, which needs it). Deeper, each
        text node is summarised once as (characters of its words, word
        count, leading whitespace, trailing whitespace) after control
        characters are removed, as :func:`~boilerstrip.dom.collapse` does;
        an element's summary joins its children's in order (two words that
        touch across a boundary make one) and is kept in :attr:`summaries`.
        So a text node is read at most :data:`MAX_DIRECT_MEASURES` + 1 times
        per pass however many measured boxes nest around it: O(n) in all.
        The collapsed length is the words' characters plus one space between
        each two words."""
        mid = node.mem_id
        text = self.texts.get(mid)
        if text is not None:
            return len(text)
        if self.measured_open < MAX_DIRECT_MEASURES:
            text = self.texts[mid] = collapse(node.text(deep=True))
            return len(text)
        summary = self._summary(node)
        return 0 if summary is None else summary[0] + max(summary[1] - 1, 0)

    def dropped_text(self, node: LexborNode) -> str:
        """The collapsed text of a dropped element: the one
        :meth:`collapsed_chars` read, or read now. O(subtree), once per
        dropped element (the walk does not enter it)."""
        text = self.texts.pop(node.mem_id, None)
        return text if text is not None else collapse(node.text(deep=True))

    def _summary(self, node: LexborNode) -> Optional[tuple[int, int, bool, bool]]:
        summaries = self.summaries
        if node.mem_id in summaries:
            return summaries[node.mem_id]
        # explicit stack of [element, its children iterator, summary so far]
        stack: list[list[Any]] = [[node, iter(node.iter(include_text=True)), None]]
        while True:
            frame = stack[-1]
            child = next(frame[1], None)
            if child is None:
                stack.pop()
                summaries[frame[0].mem_id] = frame[2]
                if not stack:
                    result: Optional[tuple[int, int, bool, bool]] = frame[2]
                    return result
                stack[-1][2] = _join(stack[-1][2], frame[2])
            elif child.tag == "-text":
                frame[2] = _join(frame[2], _text_summary(child.text_content or ""))
            elif child.tag is not None and child.tag[0] not in "-_!#":
                if child.mem_id in summaries:
                    frame[2] = _join(frame[2], summaries[child.mem_id])
                else:
                    stack.append([child, iter(child.iter(include_text=True)), None])

    def is_article(self, attrs: dict[str, Optional[str]]) -> bool:
        """True for ``itemprop=articleBody``, ``itemtype=…/NewsArticle``-like
        elements and the hAtom / h-entry post and its content (the
        vocabulary's ``article_classes``). The class test is cached per class
        value (a page repeats a few dozen class values over its elements):
        O(1) per element after the first of its class value."""
        prop = attrs.get("itemprop")
        if prop and "articlebody" in prop.lower():
            return True
        klass = attrs.get("class")
        if klass:
            hit = self.article_classes.get(klass)
            if hit is None:
                hit = self.article_classes[klass] = not self.vocabulary.article_classes.isdisjoint(klass.lower().split())
            if hit:
                return True
        itype = attrs.get("itemtype")
        return itype is not None and itype != "" and self.vocabulary.is_article_itemtype(itype)

    def guard(self, node: LexborNode, tag: str, rule: ElementRule) -> Optional[str]:
        """What overrules the drop ``rule`` on ``node``: a :attr:`Verdict.guard`
        value, or ``None`` when it is dropped."""
        if not self.use_drop_rules and not rule.never_relaxed and (rule.relax or not self.keep_unrelaxed):
            return "relaxed"
        if tag in PROTECTED_TAGS:
            return "protected"
        attrs = node.attributes
        if attrs and self.is_article(attrs):
            return "article"
        if node.mem_id in self.posts:
            return "post"
        marker = node.mem_id in self.markers
        share_guard = rule.guard != "marker"  # "marker": only the article's column overrules
        n = self.collapsed_chars(node)
        if not n or ((n < self.guard_chars or not share_guard) and not (marker and n >= self.marker_chars)):
            return None
        return "share" if share_guard and n >= self.guard_chars else "marker"


def annotate(
    tree: LexborHTMLParser,
    ruleset: Ruleset,
    *,
    page_kind: str = "article",
    options: Optional[Options] = None,
    use_drop_rules: bool = True,
    keep_unrelaxed: bool = False,
    page_chars: Optional[int] = None,
    cards: bool = False,
) -> Verdicts:
    """Apply every element rule and the guards to ``tree`` in one pass.

    Elements are visited in document order below the ``<body>`` (or the
    root when there is none), as the walk into blocks visits them: the
    subtrees of :data:`SKIP_TAGS`, of dropped elements and of captions are
    not entered, and an element's verdict depends only on the elements
    visited before it. A data table is entered (the walk reads it as one
    block and never looks at its elements' verdicts). No rule applies to
    an element inside code (:data:`CODE_TAGS`), and an element whose id is
    a slug of its heading (:data:`SLUG_ID_MIN_WORDS`) is matched on its
    class alone.

    Args:
        tree: a cleaned document (:func:`boilerstrip.clean.clean`).
        ruleset: the element rules and the vocabulary they read.
        page_kind: the kind the page declares (:mod:`boilerstrip.kind`);
            rules whose ``off_for`` names it, or whose ``on_for`` does not, are not applied.
        options: the guard thresholds (``drop_guard_share``,
            ``marker_guard_share``); ``None`` for ``Options()``.
        use_drop_rules: ``False`` for the relaxed pass: a drop rule gives a
            :data:`KEPT` verdict (guard ``"relaxed"``), no :data:`DROP`.
        keep_unrelaxed: with ``use_drop_rules=False``, the rules marked
            ``relax = false`` (comment sections, page footers) still drop,
            under their guards: the relaxed pass after a strict pass that
            found prose (:func:`boilerstrip.extract`).
        cards: for the listing pass (:mod:`boilerstrip.listing`): the rules
            marked ``cards = "content"`` are not applied (elsewhere a match of
            one sets :attr:`Verdicts.cards_hit`).
        page_chars: the length of the page's text, whitespace collapsed,
            when an earlier pass over ``tree`` measured it
            (:attr:`Verdicts.page_chars`); ``None``: measured here (one
            read of the page's text).

    Returns:
        The :class:`Verdicts`, keyed by ``mem_id``; empty for a page without
        a root.

    Bound: O(n) in the page's nodes and text. Every element is visited once
    and matched once (matches are cached per tag, class/id and attribute
    values by the ruleset). Elements are measured (for ``max_chars`` limits
    and the guards) by ``_Pass.collapsed_chars``: by reading their text
    while fewer than :data:`MAX_DIRECT_MEASURES` measured elements are open
    around them, from per-node summaries (each node summarised once) deeper
    in, so a text node is read at most ``MAX_DIRECT_MEASURES + 1`` times
    however deep the measured boxes nest; a dropped element's text is the
    one its measure read, or is read then (its subtree is skipped).
    Memory: one verdict per decided element, the texts of the open measured
    elements and of the one being measured (at most
    ``MAX_DIRECT_MEASURES + 1`` times the page's text) and one text summary
    per node below them.
    """
    if options is None:
        from ..options import DEFAULT_OPTIONS

        options = DEFAULT_OPTIONS
    root = tree.body if tree.body is not None else tree.root
    if root is None:
        return Verdicts({}, 0, use_drop_rules)
    if page_chars is None:
        page_chars = len(collapse(root.text(deep=True)))
    state = _Pass(tree, ruleset, page_chars, page_kind, options, use_drop_rules, keep_unrelaxed, cards)
    verdicts = state.verdicts
    match = ruleset.match_element
    attr_names = bool(ruleset.attr_names)
    long_boxes = 0  # open elements too long for their small-box rule
    columns = 0  # open <article>/<main> elements and article elements (guard "column")
    texts = state.texts
    slug_words = options.slug_id_min_words
    code = 0  # open <pre>/<code> elements: no rule applies inside (CODE_TAGS)
    # the rule id and measure of the innermost element whose drop rule a
    # share or marker guard overruled (NESTED_GUARD_SHARE), or None
    overruled: Optional[tuple[str, int]] = None
    # Explicit stack of (the element entered, whether the element left closes
    # a long box, whether it closes a column, whether it closes code, the
    # mem_id of a measured element it closes or -1, the ``overruled`` value
    # around the element left).
    stack: list[tuple[LexborNode, bool, bool, bool, int, Optional[tuple[str, int]]]] = []
    node: Optional[LexborNode] = root.child  # children through child/next, as segment's walk reads them
    while True:
        if node is None:
            if not stack:
                break
            entered, closes_long, closes_column, closes_code, closes_measured, overruled = stack.pop()
            long_boxes -= closes_long
            columns -= closes_column
            code -= closes_code
            if closes_measured >= 0:
                state.measured_open -= 1
                del texts[closes_measured]
            node = entered.next
            continue
        tag = node.tag
        if tag is None or tag[0] in "-_!#" or tag in SKIP_TAGS or tag == "br" or tag == "hr":
            node = node.next  # text, comments, skipped elements
            continue
        attrs = node.attributes
        if code:
            hits: Sequence[ElementRule] = ()
        elif attrs:
            klass = attrs.get("class")
            ident = attrs.get("id")
            if klass and ident:  # joined in the order they are written
                cid = f"{klass} {ident}" if next(k for k in attrs if k == "class" or k == "id") == "class" else f"{ident} {klass}"
            else:
                cid = klass or ident or ""
            hits = match(tag, cid, attrs if attr_names else None)
            if hits and _is_heading_slug(node, ident, slug_words):
                hits = match(tag, klass or "", attrs if attr_names else None)
        else:
            hits = match(tag, "", None)
        long_box = False
        measured = -1
        outer = overruled
        if hits:
            verdict, long_box = state.decide(node, tag, hits, long_boxes, columns > 0, overruled)
            if verdict is not None:
                verdicts[node.mem_id] = verdict
                if verdict.action == DROP or verdict.action == CAPTION:
                    texts.pop(node.mem_id, None)
                    node = node.next  # its subtree is not entered
                    continue
                if (verdict.guard == "share" or verdict.guard == "marker") and verdict.rule in state.nesting_rules:
                    overruled = (verdict.rule, state.collapsed_chars(node))
            if node.mem_id in texts:
                measured = node.mem_id
                state.measured_open += 1
        long_boxes += long_box
        column = tag == "article" or tag == "main" or bool(attrs and state.is_article(attrs))
        columns += column
        in_code = tag in CODE_TAGS
        code += in_code
        stack.append((node, long_box, column, in_code, measured, outer))
        node = node.child
    return Verdicts(verdicts, page_chars, use_drop_rules, state.cards_hit)


def _is_heading_slug(node: LexborNode, element_id: Optional[str], min_words: int) -> bool:
    """True when ``element_id`` spells, in at least ``min_words`` words, the
    text of the heading ``node`` is or opens with (its first child element):
    a slug made from the author's heading (see :data:`SLUG_ID_MIN_WORDS`).
    Words are runs of letters and digits, compared case-insensitively; a
    trailing number the generator added to make the id unique
    ("-1") is ignored. ``min_words`` 0 turns the test off. O(the heading's text)."""
    if not element_id or not min_words:
        return False
    words = _WORDS.findall(element_id.casefold())
    if len(words) < min_words:
        return False
    heading: Optional[LexborNode] = node if node.tag in HEADING_LEVEL else None
    if heading is None:
        child = node.child
        while child is not None and (child.tag is None or child.tag[0] in "-_!#"):
            child = child.next  # text, comments
        if child is None or child.tag not in HEADING_LEVEL:
            return False
        heading = child
    text = _WORDS.findall((heading.text(deep=True) or "").casefold())
    if words[-1].isdigit() and len(words) == len(text) + 1:
        words = words[:-1]
    return len(text) >= min_words and words == text
