"""Stage 5 and 6: the DOM-density scorer, and where it meets the text rules.

Every block gets a class, in the manner of jusText's paragraph classes:

* ``bad``: dropped by a text cue rule, or link-dense (more than
  :data:`MAX_LINK_DENSITY` of its characters inside links);
* ``good``: at least :data:`GOOD_MIN_CHARS` characters with at most
  :data:`GOOD_MAX_LINK_DENSITY` link density (prose);
* ``short``: everything else (headings, captions, short lines), decided by
  its neighbours during selection.

Then every container (:class:`~boilerstrip.blocks.Frame`) aggregates, bottom-up,
its characters, link characters, good and bad characters, and a content score
in the manner of Mozilla Readability: each prose block adds
``1 + commas + min(chars / 100, 3)`` to its container, half of that to the
container's parent, and a third, a sixth... further up; the container's
score is then ``(content + tag bonus + class weight) × (1 − link density)``,
the class weight bounded by the content score.

:func:`classify` is the one place where rules and density meet: a rule's
verdict is final (a hard drop never reaches the scorer), density decides the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .blocks import BOILERPLATE, Frame, Segmentation, TextBlock
from .rules import Ruleset

if TYPE_CHECKING:
    from .options import Options

__all__ = ["classify", "aggregate", "GOOD_MIN_CHARS", "MAX_LINK_DENSITY"]

#: Characters from which a block with few links counts as prose. jusText's
#: ``length_low`` is 70; 80 separates sentences from menu labels and headlines
#: on the development sets.
GOOD_MIN_CHARS = 80
#: Link density at or below which a long block is prose (jusText: 0.2;
#: a news paragraph with two inline links sits around 0.2–0.3).
GOOD_MAX_LINK_DENSITY = 0.3
#: Link density above which a block is a link list, menu or teaser line
#: (Readability removes containers above 0.5).
MAX_LINK_DENSITY = 0.5
#: Blocks shorter than this add nothing to a container's content score (Readability: 25).
MIN_SCORED_CHARS = 25
#: Readability's tag bonuses for a candidate container.
TAG_BONUS = {
    "div": 5.0, "article": 5.0, "section": 3.0, "main": 5.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0,
    "address": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0, "dd": -3.0, "dt": -3.0, "li": -3.0, "form": -3.0,
    "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "h5": -5.0, "h6": -5.0, "th": -5.0,
}
#: Elements that hold one paragraph: their score goes to the element around them.
LEAF_TAGS = frozenset(("p", "li", "dd", "dt", "pre", "blockquote", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6"))
#: How far up a block's score travels, and the share each level gets.
SCORE_SHARES = (1.0, 0.5, 1 / 6, 1 / 9, 1 / 12)
_COMMAS = (",", "，", "、", "،")
_PROSE_KINDS = frozenset(("paragraph", "quote", "list_item", "code", "table"))


def classify(
    block: TextBlock, rules: Ruleset, options: Optional[Options] = None, linked_items_ok: bool = False,
    languages: frozenset[str] = frozenset(),
) -> str:
    """Set and return ``block.klass`` (``good``/``bad``/``short``), and
    ``block.reason`` when a rule or the link density makes it ``bad``.

    ``options`` gives ``max_link_density``, ``good_min_chars`` and
    ``good_max_link_density``; ``None`` for ``Options()``. With
    ``linked_items_ok`` a list item (``li``, ``dt``, ``dd``) is never
    dropped for its link density: a reference index's linked names.
    ``languages``: the page's declared languages (primary subtags, see
    :func:`boilerstrip.language.page_languages`); the text cues tried are
    those of :meth:`Ruleset.match_text` for them (all cues when empty).
    """
    if options is None:
        options = _defaults()
    if block.reason is None:
        cue = rules.match_text(block.text, languages)
        if cue is not None:
            block.reason = cue.id
        elif (block.link_chars and block.link_density > options.max_link_density
              and not (linked_items_ok and block.kind == "list_item")):
            block.reason = "density.links"
    if block.reason is not None:
        block.klass = "bad"
    elif block.chars >= options.good_min_chars and block.link_density <= options.good_max_link_density:
        block.klass = "good"
    else:
        block.klass = "short"
    return block.klass


def _content_score(block: TextBlock) -> float:
    text = block.text
    commas = sum(text.count(c) for c in _COMMAS)
    return 1.0 + commas + min(block.chars / 100.0, 3.0)


def _defaults() -> Options:
    from .options import DEFAULT_OPTIONS  # options.py reads this module's constants

    return DEFAULT_OPTIONS


#: A block of a card that holds a link and ends in one of these is a linked
#: headline run together with its cut summary ("<li><a>Headline</a>
#: <span>NEW DELHI: Their savings wasted, nearly 150...</span></li>", a
#: "Breaking News" ticker above the article): the card opens with a link
#: though its link density is low. A summary cut short is a teaser's, not a
#: list item's of the article (on the shared sets: scrapinghub +0.0017,
#: dragnet-dev +0.0000 (one page +0.03), the others unchanged).
TRUNCATION_MARKS = ("...", "\u2026")


def _mark_teaser_lists(
    seg: Segmentation, options: Options, cards_are_content: bool = False
) -> tuple[frozenset[int], frozenset[int]]:
    """Mark the blocks of teaser lists ``bad`` (reason ``structure.teasers``);
    with ``cards_are_content`` (the listing pass, :mod:`boilerstrip.listing`)
    keep them instead, and take back the link-density drop of their linked
    card titles. Returns the indexes of the frames inside card lists with
    ``cards_are_content`` (the selection does not read them as link boxes),
    else an empty set; and the indexes of the frames inside the card lists
    whose cards are items with a summary (:func:`_summary_cards`), whose
    links do not lower their containers' scores (empty without
    ``cards_are_content``).

    A *card* is a small container (under ``options.card_max_chars`` characters,
    at most ``options.card_max_blocks`` blocks) whose first block is a link
    (or holds a link and ends cut short, :data:`TRUNCATION_MARKS`): a linked
    headline with its summary, the unit of "related", "top stories" and
    "more from" boxes. A container with at least ``options.teaser_min_cards``
    card children of one tag (``li``, ``article``, ``div``...), those cards
    holding at least ``options.teaser_card_share`` of its text, is a teaser
    list: its summaries read like prose, but a reader sees them as links to
    other pages. Cards are repeated units: a single post whose linked
    headline (``h2``) and content box (``div``, opening with a linked
    "via source" line) both start with a link is not a list of two.
    O(blocks + frames), whatever the number of teaser lists.
    """
    first: dict[int, TextBlock] = {}  # frame index -> first block in its subtree
    linked: dict[int, bool] = {}  # frame index -> a link-dense block in its subtree
    count: dict[int, int] = {}
    chars: dict[int, int] = {}
    for b in seg.blocks:
        if b.kind == BOILERPLATE:
            continue
        up: Optional[Frame] = b.frame
        while up is not None and up.index not in first:
            first[up.index] = b
            up = up.parent
        if b.link_chars and b.link_chars >= options.max_link_density * b.chars:
            up = b.frame
            while up is not None and up.index not in linked:
                linked[up.index] = True
                up = up.parent
        f = b.frame
        count[f.index] = count.get(f.index, 0) + 1
        chars[f.index] = chars.get(f.index, 0) + b.chars
    for f in reversed(seg.frames):
        p = f.parent
        if p is not None:
            count[p.index] = count.get(p.index, 0) + count.get(f.index, 0)
            chars[p.index] = chars.get(p.index, 0) + chars.get(f.index, 0)
    max_blocks = options.listing_card_max_blocks if cards_are_content else options.card_max_blocks
    max_chars = options.listing_card_max_chars if cards_are_content else options.card_max_chars
    teaser_lists = []
    summarized = []
    for f in seg.frames:
        if len(f.children) < options.teaser_min_cards:
            continue
        by_tag: dict[str, list[int]] = {}
        classes: dict[str, list[frozenset[str]]] = {}
        for c in f.children:
            n = count.get(c.index, 0)
            fb = first.get(c.index)
            if fb is None or n > max_blocks or chars.get(c.index, 0) > max_chars:
                continue
            if (
                (fb.link_chars and fb.link_chars >= options.max_link_density * fb.chars)
                or (fb.link_chars and fb.text.endswith(TRUNCATION_MARKS))
                or (cards_are_content and linked.get(c.index))
            ):
                group = by_tag.setdefault(c.tag, [0, 0, 0])
                group[0] += 1
                group[1] += chars.get(c.index, 0)
                group[2] += n
                classes.setdefault(c.tag, []).append(frozenset((c.node.attributes.get("class") or "").split()))
        groups = [
            (n, n_chars, n_blocks) for tag, (n, n_chars, n_blocks) in by_tag.items()
            if n >= options.teaser_min_cards and n_chars >= options.teaser_card_share * chars.get(f.index, 1)
            and not _unlike_pair(classes[tag])
        ]
        if groups:
            teaser_lists.append(f)
            if cards_are_content:
                _score_cards(f, groups, options.card_min_blocks)
                if _summary_cards(groups, options.listing_card_min_chars, options.card_min_blocks):
                    summarized.append(f)
    if not teaser_lists:
        return frozenset(), frozenset()
    inside = _inside(seg, teaser_lists)
    for b in seg.blocks:
        if b.kind == "caption" or not inside[b.frame.index]:
            continue
        if not cards_are_content:
            if b.reason is None:
                b.reason = "structure.teasers"
                b.klass = "bad"
        elif b.reason == "density.links":
            b.reason = None
            b.klass = "short"
    if not cards_are_content:
        return frozenset(), frozenset()
    with_summary = _inside(seg, summarized) if summarized else []
    return (
        frozenset(i for i, flag in enumerate(inside) if flag),
        frozenset(i for i, flag in enumerate(with_summary) if flag),
    )


def _inside(seg: Segmentation, lists: list[Frame]) -> list[bool]:
    """Per frame index, whether the frame is inside one of ``lists``: one
    pass over the frames (pre-order, so a list's subtree is the index range
    [index, end]), not one per list. O(frames + lists)."""
    starts = [0] * (len(seg.frames) + 1)
    for t in lists:
        starts[t.index] += 1
        starts[t.end + 1] -= 1
    inside = []
    open_lists = 0
    for delta in starts:
        open_lists += delta
        inside.append(open_lists > 0)
    return inside


def _summary_cards(groups: list[tuple[int, int, int]], min_chars: int, min_blocks: int) -> bool:
    """True when a card list's cards are items with a summary: some tag's
    cards hold at least ``min_blocks`` blocks (``Options.card_min_blocks``) and ``min_chars``
    characters on average (``Options.listing_card_min_chars``), a linked
    title with a line or two of its own. A list of bare linked titles (a
    blogroll, a site menu, "most read") is no such list. O(groups)."""
    return any(n_blocks >= min_blocks * n and n_chars >= min_chars * n for n, n_chars, n_blocks in groups)


def _score_cards(f: Frame, groups: list[tuple[int, int, int]], min_blocks: int) -> None:
    """Credit a card list ``f`` (the listing pass) with a content score as if
    each of its cards were a paragraph: ``1 + min(chars / 100, 3)`` per card
    (Readability's paragraph score without commas: product cards have none),
    to ``f`` and, in :data:`SCORE_SHARES`, to its ancestors. A grid of
    product cards holds no prose for the density scorer to find otherwise.
    ``groups``: ``(cards, characters, blocks)`` of each tag of cards in
    ``f``; cards of fewer than ``min_blocks`` blocks on average
    (``Options.card_min_blocks``; a linked headline alone: a "most read" or
    "latest" box beside a short article, dragnet-dev) get no credit: an
    item of a listing shows more than its link."""
    s = sum(
        n + n * min(n_chars / n / 100.0, 3.0) for n, n_chars, n_blocks in groups
        if n_blocks >= min_blocks * n
    )
    if not s:
        return
    target: Optional[Frame] = f
    for share in SCORE_SHARES:
        if target is None:
            break
        target.content_score += s * share
        target = target.parent


def _unlike_pair(classes: list[frozenset[str]]) -> bool:
    """Two "cards" that share no class name (one has some) are two parts of
    one post, not a list: a blog post's ``div.metadata`` (a linked byline
    and categories) and ``div.postcontent`` (opening with a linked ad
    banner), where a teaser list repeats one unit (``li``, ``div.teaser``,
    WordPress's ``post-12 post type-post``). Three or more cards are a list
    whatever their classes."""
    return len(classes) == 2 and classes[0].isdisjoint(classes[1]) and bool(classes[0] | classes[1])


#: A card: at most this many characters and blocks (headline, summary, date, section).
CARD_MAX_CHARS = 500
CARD_MAX_BLOCKS = 4
#: A card of a listing page (the listing pass, :mod:`boilerstrip.listing`):
#: a product or search-result card holds a title, a line of facts, a few
#: feature bullets, a price; it has a link anywhere, not only first.
LISTING_CARD_MAX_CHARS = 1500
LISTING_CARD_MAX_BLOCKS = 16
#: A card list earns a content score in the listing pass when its cards hold
#: at least this many blocks on average (see :func:`_score_cards`).
CARD_MIN_BLOCKS = 2
#: In the listing pass the links of a card list do not lower its score when
#: its cards hold at least this many characters on average (and
#: :data:`CARD_MIN_BLOCKS` blocks): a linked title with a summary (see
#: ``Options.listing_card_min_chars``).
LISTING_CARD_MIN_CHARS = 150
#: A teaser list: at least this many cards among its children, holding at least this share of its text.
TEASER_MIN_CARDS = 2
TEASER_CARD_SHARE = 0.6


#: Page kinds on which linked-title-plus-summary lists are content, not
#: teasers, and a list item's linked name is kept: documentation indexes and
#: API references ("``send()`` — Enqueues data to be transmitted"). On
#: them a container inside the selected region is a link box only when
#: nearly all its text is links (:data:`boilerstrip.select.DOCS_BOX_LINK_DENSITY`):
#: a "next steps" list of linked topics is part of the page.
TEASERS_ARE_CONTENT = frozenset(("documentation",))
#: Page kinds whose reader comments are the content: no heading opens a
#: comment section there (the ``comments`` text rules, see :func:`aggregate`).
COMMENTS_ARE_CONTENT = frozenset(("forum",))


def aggregate(
    seg: Segmentation, rules: Ruleset, options: Optional[Options] = None, page_kind: str = "article",
    languages: frozenset[str] = frozenset(), cards_are_content: bool = False, thread: bool = False,
) -> frozenset[int]:
    """Classify every block and fill every frame's aggregate fields in place.

    ``options`` gives the block-class, teaser-list and ``min_scored_chars``
    thresholds; ``None`` for ``Options()``. ``page_kind`` is the kind the
    page declares (:mod:`boilerstrip.kind`): on the kinds in
    :data:`TEASERS_ARE_CONTENT` no teaser list is marked and no list item is
    dropped for its link density. ``thread``: the page is one discussion
    (:attr:`boilerstrip.kind.Evidence.thread`): no teaser list is marked
    outside the listing pass, since a thread's posts are small repeated
    containers that open with a link (the poster's linked name) and read
    like teaser cards (on wcxb-dev's pages with forum evidence, the blocks
    marked as teasers held 683 4-token shingles of the gold and 122 outside
    it; a path word alone, "/topic/software", is as often a news topic
    page, whose teasers are not content). ``languages``: the page's declared
    languages, which choose its text cues (:func:`classify`; empty: all
    cues). ``cards_are_content``: the listing pass (:mod:`boilerstrip.listing`):
    teaser lists are kept, their linked titles too. Returns the indexes of
    the frames inside those card lists (empty without ``cards_are_content``),
    for :func:`boilerstrip.select.select`. O(blocks + frames).

    A heading (kept, or an ``<h1>``-``<h6>`` an element rule dropped) that a
    ``comments`` text rule matches gets ``opens_comments`` (not on the kinds
    of :data:`COMMENTS_ARE_CONTENT`): the selection drops what follows it.
    """
    if options is None:
        options = _defaults()
    comment_heads = page_kind not in COMMENTS_ARE_CONTENT
    for block in seg.blocks:
        if block.kind == BOILERPLATE:
            block.klass = "bad"
        elif block.kind != "caption":
            classify(block, rules, options, page_kind in TEASERS_ARE_CONTENT, languages)
        if comment_heads and block.level is not None and block.kind in (BOILERPLATE, "heading"):
            # a kept heading's text was matched by classify(): its cue, if any, is its reason
            cue = rules.text_rule(block.reason) if block.kind == "heading" else rules.match_text(block.text, languages)
            block.opens_comments = cue is not None and cue.action == "comments"
    cards: frozenset[int] = frozenset()
    summarized: frozenset[int] = frozenset()
    if page_kind not in TEASERS_ARE_CONTENT and (cards_are_content or not thread):
        cards, summarized = _mark_teaser_lists(seg, options, cards_are_content)
    for block in seg.blocks:
        if block.kind == "caption":
            continue
        f = block.frame
        if block.kind == BOILERPLATE:
            f.bad_chars += block.chars  # a dropped subtree: boilerplate, outside the density figures
            continue
        klass = block.klass
        f.chars += block.chars
        f.link_chars += block.link_chars
        if klass == "good":
            f.good_chars += block.chars
        elif klass == "bad":
            f.bad_chars += block.chars
        if klass != "bad" and block.chars >= options.min_scored_chars and block.kind in _PROSE_KINDS:
            s = _content_score(block)
            target: Optional[Frame] = f.parent if f.tag in LEAF_TAGS and f.parent is not None else f
            for share in SCORE_SHARES:
                if target is None:
                    break
                target.content_score += s * share
                target = target.parent
    # Links inside card lists of items with a summary (the listing pass): a
    # card's linked title and summary are the item itself, so they do not
    # lower its container's score.
    card_links = [0] * len(seg.frames) if summarized else []
    if summarized:
        for block in seg.blocks:
            if block.kind not in (BOILERPLATE, "caption") and block.frame.index in summarized:
                card_links[block.frame.index] += block.link_chars
    # Frames are in pre-order: walking backwards visits children before parents.
    for f in reversed(seg.frames):
        p = f.parent
        if p is not None:
            p.chars += f.chars
            p.link_chars += f.link_chars
            p.good_chars += f.good_chars
            p.bad_chars += f.bad_chars
            if summarized:
                card_links[p.index] += card_links[f.index]
    for f in seg.frames:
        own_links = f.link_chars - card_links[f.index] if summarized else f.link_chars
        ld = own_links / f.chars if f.chars else 0.0
        # A class weight can at most double a container's content score, so a
        # class name never outweighs the text (Readability adds it unbounded,
        # which lets a "content"-named box with two lines win on short pages).
        weight = max(-f.content_score, min(f.weight, f.content_score))
        f.score = (f.content_score + TAG_BONUS.get(f.tag, 0.0) + weight) * (1.0 - ld) if f.content_score else 0.0
    return cards


def link_density(frame: Frame) -> float:
    """A container's share of characters inside links, 0.0–1.0."""
    return frame.link_chars / frame.chars if frame.chars else 0.0
