"""Stage 7: choose the main-content region and the blocks kept in it.

1. The top candidate is the container with the highest density score
   (:mod:`boilerstrip.score`).
2. The region is the top candidate plus those of its siblings that hold
   content too — an article split into several containers by ads keeps all
   its parts, in order (Readability's sibling rule: a sibling joins when its
   score reaches :data:`SIBLING_SHARE` of the top's, or it is a prose
   paragraph itself). Once the article selection has won over the whole
   region and the card lists (:func:`boilerstrip.extract`), the region also
   takes the other parts of a run of like sections the top candidate is one
   of (:func:`section_run`).
3. Inside the region, a block is dropped when it is ``bad`` (a cue rule or
   link density), or when it sits in a link box (a container inside the
   region whose link density exceeds :data:`BOX_LINK_DENSITY`: teaser boxes,
   "more from" lists), or when it comes after the heading of the page's
   comment section ("Comments", "25 Responses to ..."); then headings that
   introduce boilerplate and short non-sentences cut off below the article
   are dropped (context revision).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Sequence

from .blocks import BOILERPLATE, Frame, Segmentation, TextBlock
from .score import LEAF_TAGS, link_density

if TYPE_CHECKING:
    from .options import Options

__all__ = ["Selection", "select", "select_whole", "drop_repeats", "section_run"]

#: A sibling of the top candidate joins the region when its score reaches this
#: share of the top's (Readability: 0.2, with a floor of 10).
SIBLING_SHARE = 0.2
SIBLING_MIN_SCORE = 10.0
#: A sibling paragraph (a leaf container of prose) joins when it is this long
#: with links below this density (Readability: ``<p>`` siblings, 80 characters, 0.25).
SIBLING_PARA_CHARS = 80
SIBLING_PARA_LINK_DENSITY = 0.25
#: The region also takes the parts of a run of like sections around the top
#: candidate (:func:`section_run`): at least this many siblings sharing a
#: signature, looked for on the top and its nearest FAMILY_MAX_LEVELS ancestors.
#: Measured against these values on the four shared sets
#: (``benchmarks.compare``): 3 levels, macro F1 +0.0000 (scrapinghub
#: -0.0002); runs of 2, macro -0.0001 (trafilatura-dev -0.0008).
FAMILY_MIN_MEMBERS = 3
FAMILY_MAX_LEVELS = 2
#: A container inside the region with more than this link density is a link box.
BOX_LINK_DENSITY = 0.5
#: On documentation pages (:data:`boilerstrip.score.TEASERS_ARE_CONTENT`)
#: a container inside the region is a link box only above this link
#: density: a "next steps" list of linked topics, each with a word or two of
#: its own, is part of the page, while a list of nothing but links ("Related
#: guides and tutorials") stays a box. Measured on wcxb-dev's 31 pages that
#: declare documentation: 0.9, 0.95 and 0.99 lift its documentation kind
#: alike (+0.0015 to +0.0018 F1); no box at all, +0.0058 (its golds keep
#: pure link lists too), against the hand-written expectation that a list of
#: nothing but links is a box.
DOCS_BOX_LINK_DENSITY = 0.9
#: How far above the region an enclosing ``<article>`` is looked for; its prose
#: paragraphs before the region (a standfirst in the article header) join the
#: main content.
ARTICLE_MAX_LEVELS = 4
#: Cost of one character of boilerplate against one of prose when the region
#: grows from the top candidate to one of its ancestors.
BAD_TEXT_COST = 1.5


#: Dropped blocks shorter than this (bylines, share lines) between a heading
#: and its text do not count against the heading.
HEADING_SKIP_CHARS = 50
#: Longer "headings" are standfirsts set in a heading tag: prose, kept on their own.
HEADING_MAX_CHARS = 100


#: A paragraph or list item inside the region dropped only for its link
#: density is kept when it is at least this long, below this link density,
#: and its container is not a link box: a sentence of the article whose
#: words are mostly one link ("Read the agency's full report on the
#: flooding"), a link-roundup post's annotated links. Measured on the
#: development sets (such blocks inside the region, 4-token shingles in /
#: out of the gold): dragnet-dev 1,120 / 73, wcxb-dev 1,956 / 392,
#: scrapinghub 332 / 178. Shorter lines ("See the report for details.",
#: 40-60 characters: 117 / 26 on dragnet-dev) stay with max_link_density;
#: above 0.8 the shares even out (link lists, "Next post" lines).
LINKED_PROSE_MIN_CHARS = 60
LINKED_PROSE_MAX_DENSITY = 0.8


#: A short block after the article's last prose block survives when it is a
#: sentence: this many words, ending in one of these marks.
SENTENCE_MIN_WORDS = 5
_SENTENCE_END = (".", "!", "?", "…", "\"", "”", "»", "。", "！", "？")


class Selection:
    """The outcome of :func:`select`: ``root`` (top candidate or ``None``),
    ``region`` (frames whose blocks may be kept), ``kept`` (blocks, in order)
    and ``dropped`` (``(block, reason)`` pairs)."""

    __slots__ = ("root", "region", "kept", "dropped")

    def __init__(
        self,
        root: Optional[Frame],
        region: Sequence[Frame],
        kept: list[TextBlock],
        dropped: list[tuple[TextBlock, str]],
    ) -> None:
        self.root = root
        self.region = region
        self.kept = kept
        self.dropped = dropped

    @property
    def kept_chars(self) -> int:
        """Characters of kept non-caption blocks."""
        return sum(b.chars for b in self.kept if b.kind != "caption")


def _top_candidate(seg: Segmentation) -> Optional[Frame]:
    best, best_score = None, 0.0
    for f in seg.frames:
        if f.score > best_score:
            best, best_score = f, f.score
    return best


def _defaults() -> Options:
    from .options import DEFAULT_OPTIONS  # options.py reads this module's constants

    return DEFAULT_OPTIONS


def _climb(top: Frame, bad_text_cost: float) -> Frame:
    """The ancestor of ``top`` (or ``top`` itself) with the best prose balance.

    Balance = good characters − ``bad_text_cost`` × bad characters: moving
    up pays when the parent adds article text (paragraphs in sibling wrappers,
    a standfirst, a second body part) and costs when it adds boilerplate
    (menus, link lists, dropped boxes).
    """
    best, best_gain = top, top.good_chars - bad_text_cost * top.bad_chars
    f = top.parent
    while f is not None:
        gain = f.good_chars - bad_text_cost * f.bad_chars
        if gain > best_gain:
            best, best_gain = f, gain
        f = f.parent
    return best


def _region(top: Frame, options: Options) -> list[Frame]:
    parent = top.parent
    if parent is None:
        return [top]
    threshold = max(options.sibling_min_score, top.score * options.sibling_share)
    picked = [
        sib is top
        or sib.score >= threshold
        or (  # a lone paragraph: a standfirst, a last line
            not sib.children and sib.good_chars >= options.sibling_para_chars
            and link_density(sib) < options.sibling_para_link_density
        )
        for sib in parent.children
    ]
    first = picked.index(True)
    last = len(picked) - 1 - picked[::-1].index(True)
    # A figure between two parts of the region, with no text but its caption
    # (captions are outside the density figures), is the article's figure.
    return [
        sib for i, sib in enumerate(parent.children)
        if picked[i] or (first < i < last and sib.tag == "figure" and not sib.chars)
    ]


def _signature(f: Frame) -> Optional[tuple[str, str]]:
    """``(tag, class attribute)`` of a container whose class names a kind of
    part (``div.sect1``, ``section.feature-row``), or of a bare ``<section>``
    or ``<article>``; ``None`` for other elements (a bare ``<div>`` says
    nothing of what it holds)."""
    if f.tag in LEAF_TAGS:
        return None
    klass = " ".join((f.node.attributes.get("class") or "").split()) if f.tag != "body" else ""
    if klass or f.tag in ("section", "article"):
        return f.tag, klass
    return None


def section_run(top: Frame, options: Options) -> list[Frame]:
    """The parts of the page's content that ``top`` is one of: the siblings
    sharing the :func:`_signature` of ``top`` or of one of its nearest
    ``options.family_max_levels`` ancestors, when there are at least
    ``options.family_min_members`` of them (itself included), and which
    hold more prose (good characters) than boilerplate: a page's header and
    footer wrappers share a layout class (``div.container``) with the
    story's, and hold link lists. The part holding ``top`` comes first,
    whole (its section heading with it); empty when no other part
    qualifies. An article or a service page
    written as a run of like sections (AsciiDoc's ``div.sect1``, a page
    builder's ``section.row``) scores each section on its own, and sections
    shorter than the sibling floor never joined. Empty when there is no
    such run. O(levels × siblings)."""
    f: Optional[Frame] = top
    for _ in range(options.family_max_levels + 1):
        if f is None or f.parent is None:
            return []
        sig = _signature(f)
        if sig is not None:
            members = [s for s in f.parent.children if _signature(s) == sig]
            if len(members) >= options.family_min_members:
                others = [m for m in members if m is not f and m.good_chars > m.bad_chars]
                return [f, *others] if others else []
        f = f.parent
    return []


def select(
    seg: Segmentation, options: Optional[Options] = None, cards: frozenset[int] = frozenset(),
    lists_are_content: bool = False, run: Sequence[Frame] = (),
) -> Selection:
    """Choose the main content of a segmented, scored page.

    Args:
        seg: the output of :func:`~boilerstrip.blocks.segment` after
            :func:`~boilerstrip.score.aggregate`.
        options: the region, link-box and context thresholds; ``None`` for
            ``Options()``.
        cards: indexes of frames inside card lists, which are never link
            boxes (what :func:`~boilerstrip.score.aggregate` returns in the
            listing pass, :mod:`boilerstrip.listing`; empty otherwise).
        lists_are_content: ``True`` on the page kinds whose lists of links
            are content (:data:`boilerstrip.score.TEASERS_ARE_CONTENT`:
            documentation): a container inside the region is a link box only
            above ``options.docs_box_link_density`` (nearly all links), not
            ``options.box_link_density``.
        run: frames the region also takes: the run of like sections the
            top candidate is part of (:func:`section_run` of a previous
            selection's ``root``, which this selection's top is too); the
            pipeline passes it once the article selection has won over the
            whole region and the card lists, which it would otherwise outweigh.
    Returns:
        A :class:`Selection`; ``kept`` is empty when no container holds prose.

    Bound: O(blocks + frames): one pass over the frames (the region is a
    set), one over the blocks, one over the region's verdicts each for the
    heading and tail revisions; the climb walks the top frame's ancestors once.
    """
    if options is None:
        options = _defaults()
    top = _top_candidate(seg)
    if top is None:
        if not seg.frames:
            return Selection(None, [], [], [])
        # No prose anywhere (a page of a few short lines): the whole page is
        # the region, and only rules and link density decide.
        top = seg.frames[0]
        region = [top]
    else:
        top = _climb(top, options.bad_text_cost)
        region = _region(top, options)
        if run:
            ids = {r.index for r in region}
            region = region + [m for m in run if m.index not in ids]
    # Frames in the region that are link boxes (pre-order: parents come first).
    boxed: dict[int, bool] = {}
    in_region: dict[int, bool] = {}
    region_ids = {r.index for r in region}  # (a set: the region may hold thousands of siblings)
    terms = _defined_terms(seg, options.box_link_density)
    box_density = options.docs_box_link_density if lists_are_content else options.box_link_density
    for f in seg.frames:
        p = f.parent
        if f.index in region_ids:
            in_region[f.index] = True
            boxed[f.index] = False
            continue
        if p is not None and in_region.get(p.index):
            in_region[f.index] = True
            boxed[f.index] = boxed[p.index] or (
                f.link_chars > 0 and link_density(f) > box_density and f.index not in cards
                and f.index not in terms
            )
    article = _enclosing_article(top, options.article_max_levels)
    verdicts: list[tuple[TextBlock, Optional[str]]] = []  # (block, reason or None), region blocks in order
    dropped: list[tuple[TextBlock, str]] = []
    comments_from = _comment_section(seg.blocks)
    for pos, b in enumerate(seg.blocks):
        idx = b.frame.index
        if pos > comments_from and in_region.get(idx):
            verdicts.append((b, b.reason or "section.comments"))
        elif not in_region.get(idx):
            if (
                article is not None and idx < top.index and article.contains(b.frame)
                and (b.kind == "caption" or _is_lead_prose(b, options))
            ):
                # a standfirst, or the lead image's caption, before the region in the same article
                verdicts.append((b, None))
            else:
                dropped.append((b, b.reason or f"score:{b.frame.score:.1f}"))
        elif b.kind == "caption":
            verdicts.append((b, None))
        elif b.klass == "bad" and _is_linked_prose(b, boxed, region_ids, options.region_max_link_density):
            verdicts.append((b, None))
        elif b.klass == "bad":
            verdicts.append((b, b.reason))
        elif boxed.get(idx):
            verdicts.append((b, "density.linkbox"))
        else:
            verdicts.append((b, None))
    _revise_headings(verdicts, options)
    _trim_tail(verdicts, options)
    kept = [b for b, reason in verdicts if reason is None]
    dropped += [(b, reason) for b, reason in verdicts if reason is not None]
    return Selection(top, region, kept, dropped)


def _defined_terms(seg: Segmentation, box_link_density: float) -> frozenset[int]:
    """Indexes of the terms of definition lists whose definition, the next
    sibling ``<dd>``, is mostly text of its own: the linked name of an API
    member, option or sub-page with its description ("``bufferedAmount``
    Read only — The number of bytes of queued data"), which is no box of
    links. O(frames)."""
    out: set[int] = set()
    for f in seg.frames:
        if f.tag != "dl":
            continue
        kids = f.children
        for term, nxt in zip(kids, kids[1:]):
            if term.tag == "dt" and nxt.tag == "dd" and nxt.chars > 0 and link_density(nxt) <= box_link_density:
                out.add(term.index)
    return frozenset(out)


def _enclosing_article(top: Frame, max_levels: int) -> Optional[Frame]:
    """The ``<article>`` element (or schema.org Article) holding the region, if
    it is at most ``max_levels`` levels above it."""
    f = top.parent
    for _ in range(max_levels):
        if f is None:
            return None
        if f.tag == "article":
            return f
        itype = f.node.attributes.get("itemtype") if f.tag != "body" else None
        if itype and "article" in itype.lower():
            return f
        f = f.parent
    return None


def _is_linked_prose(b: TextBlock, boxed: dict[int, bool], region_ids: set[int], max_density: float) -> bool:
    """A region block dropped for its link density alone that reads as the
    article's own text (see :data:`LINKED_PROSE_MIN_CHARS`): a paragraph or
    list item, long enough, with some unlinked words, whose container (the
    element around its own ``<p>``/``<li>``) is not a link box, below
    ``max_density`` (``Options.region_max_link_density``)."""
    if b.reason != "density.links" or b.kind not in ("paragraph", "list_item"):
        return False
    if b.chars < LINKED_PROSE_MIN_CHARS or b.link_density >= max_density:
        return False
    f = b.frame
    if f.tag in LEAF_TAGS and f.index not in region_ids and f.parent is not None:
        f = f.parent  # the paragraph itself is as link-dense as its text
    return not boxed.get(f.index, False)


def _is_lead_prose(b: TextBlock, options: Options) -> bool:
    """A prose block that belongs to the article even outside the region:
    long, few links, in a container that is not a link box."""
    return (
        b.klass == "good"
        and b.link_density < options.sibling_para_link_density
        and not b.frame.children
        and link_density(b.frame.parent or b.frame) <= options.box_link_density
    )


def _comment_section(blocks: Sequence[TextBlock]) -> int:
    """The position in ``blocks`` (document order) of the heading that opens
    the page's comment section, or ``len(blocks)`` when there is none.

    It is the first heading with ``opens_comments`` (a ``comments`` text
    rule matched it: "Comments", "25 Responses to ...", "Leave a Reply"; see
    :func:`boilerstrip.score.aggregate`) that comes after a prose block of
    the page: the blocks after it are reader comments, whichever selection
    holds them (``section.comments``). Templates that put each comment in a
    plain ``<div>`` or ``<p>`` under that heading, with no comment-named
    wrapper for the element rules, give comments that read as prose
    (dragnet-dev: Movable Type and TypePad blogs, 6 pages whose comment
    threads outweighed the post); a thread the relaxed pass freed from its
    comment-named wrapper is still below its heading. A heading before any
    prose (a comment count beside the headline) opens nothing. O(blocks).
    """
    prose = False
    for pos, b in enumerate(blocks):
        if prose and b.opens_comments:
            return pos
        prose = prose or (b.klass == "good" and b.kind not in (BOILERPLATE, "caption"))
    return len(blocks)


def _trim_tail(verdicts: list[tuple[TextBlock, Optional[str]]], options: Options) -> None:
    """Drop short blocks cut off from the article's end by boilerplate.

    After the last prose block, a short kept block that is not a sentence (a
    label, a heading, a link-free teaser title) and comes after a dropped block of at least
    ``options.heading_skip_chars`` characters belongs to the chrome below the
    article (jusText's context revision, at the region's end; at its start
    the same rule cost more recall than it gained). The items of a
    numbered list (:func:`_numbered_run`) are not cut.
    """
    last_good = max((i for i, (b, reason) in enumerate(verdicts) if reason is None and b.klass == "good"), default=None)
    if last_good is None:
        return
    numbered = _numbered_run(verdicts, last_good + 1)
    cut = False
    for i in range(last_good + 1, len(verdicts)):
        b, reason = verdicts[i]
        if reason is not None:
            cut = cut or b.chars >= options.heading_skip_chars
        elif cut and b.kind != "caption" and i not in numbered and not _is_sentence(b.text, options.sentence_min_words):
            verdicts[i] = (b, "context.tail")


#: A kept block that opens with an item number ("1.", "12)").
_ITEM_NUMBER = re.compile(r"(\d{1,3})[.)]\s")
#: Numbered items in a row (1, 2, 3, ...) that make one list for
#: :func:`_trim_tail`.
NUMBERED_RUN_MIN = 3


def _numbered_run(verdicts: list[tuple[TextBlock, Optional[str]]], start: int) -> set[int]:
    """Positions (from ``start``) of the kept blocks that are items of a
    numbered list: at least :data:`NUMBERED_RUN_MIN` items in a row
    numbered 1, 2, 3, ... (an ``<ol>``'s items, whose blocks share the
    item's number, or paragraphs written "1. ...", "2. ...", up to 999),
    with the heading just before an item (an entry's title): a playlist, a
    top-ten or a recipe's steps under an embed are the article's, however
    short their lines. Dropped blocks and captions between the items do not
    break the run; any other kept block does. O(blocks)."""
    found: set[int] = set()
    run: list[int] = []
    items = 0
    heading: Optional[int] = None  # a heading that opens the next item, if one follows
    for i in range(start, len(verdicts)):
        b, reason = verdicts[i]
        if reason is not None or b.kind == "caption":
            continue
        n = b.number
        if n is None and b.kind == "heading" and heading is None:
            heading = i
            continue
        if n is not None and items and n == items and heading is None:
            run.append(i)  # another block of the same <ol> item
            continue
        if n is None:
            m = _ITEM_NUMBER.match(b.text)
            n = int(m.group(1)) if m else None
        if n != items + 1:
            if items >= NUMBERED_RUN_MIN:
                found.update(run)
            run, items = [], 0
            if n != 1:
                heading = None
                continue
        if heading is not None:
            run.append(heading)
            heading = None
        run.append(i)
        items += 1
    if items >= NUMBERED_RUN_MIN:
        found.update(run)
    return found


def _is_sentence(text: str, min_words: int) -> bool:
    """At least ``min_words`` words ending in sentence punctuation."""
    return text.rstrip().endswith(_SENTENCE_END) and len(text.split()) >= min_words


def _revise_headings(verdicts: list[tuple[TextBlock, Optional[str]]], options: Options) -> None:
    """Drop a kept heading whose next block is dropped or missing.

    A heading introduces what follows it: one followed by a link list, a
    teaser box or nothing ("Related articles", "Comments") is the title of
    boilerplate (jusText's context revision, applied to headings).
    """
    nxt_kept = False  # is the next substantial block after this one kept?
    for i in range(len(verdicts) - 1, -1, -1):
        b, reason = verdicts[i]
        if b.kind == "caption":
            continue
        if reason is not None and b.chars < options.heading_skip_chars:
            continue  # a byline or share line between a heading and its text
        if b.kind == "heading" and reason is None and not nxt_kept and b.chars < options.heading_max_chars:
            verdicts[i] = (b, "context.heading")
            reason = "context.heading"
        nxt_kept = reason is None


#: A ``<main>`` landmark (or ``role=main``) is the whole region of a page when
#: it holds at least this share of the page's text outside dropped subtrees;
#: a smaller one is a widget named ``main``, and the whole page is used.
MAIN_LANDMARK_SHARE = 0.25
#: Reasons that drop a block from the whole region too: text cue rules
#: ("Advertisement", share prompts, cookie notices). Link density and teaser
#: lists do not: a listing's items are links by nature.
_WHOLE_REGION_DROPS = ("cue.",)


def select_whole(seg: Segmentation, options: Optional[Options] = None) -> Selection:
    """The whole main region of a page: for forums, products, listings,
    collections and service pages (see :mod:`boilerstrip.kind`).

    The region is the largest ``<main>``/``role=main`` landmark holding at
    least ``options.main_landmark_share`` of the page's text, else the whole
    body. Every block in it is kept except subtrees the element rules
    dropped (menus, footers, sidebars, comment forms), blocks a text cue
    rule dropped and a comment section below the region's prose
    (:func:`_comment_section`); link-dense blocks stay, since a listing's items are links.

    Args:
        seg: the output of :func:`~boilerstrip.blocks.segment` after
            :func:`~boilerstrip.score.aggregate`.
        options: ``main_landmark_share``; ``None`` for ``Options()``.
    Returns:
        A :class:`Selection` whose ``root`` is the region's frame. O(blocks + frames).
    """
    if options is None:
        options = _defaults()
    if not seg.frames:
        return Selection(None, [], [], [])
    root = seg.frames[0]
    best = None
    for f in seg.frames:
        if f.tag == "main" or (f.node.attributes.get("role") or "").strip().lower() == "main":
            if best is None or f.chars > best.chars:
                best = f
    if best is not None and best.chars >= options.main_landmark_share * root.chars:
        root = best
    kept, dropped = [], []
    comments_from = _comment_section(seg.blocks)
    for pos, b in enumerate(seg.blocks):
        if not root.contains(b.frame):
            dropped.append((b, b.reason or "whole.outside-main"))
        elif b.kind == BOILERPLATE:
            dropped.append((b, b.reason or "rule"))
        elif b.kind != "caption" and b.reason is not None and b.reason.startswith(_WHOLE_REGION_DROPS):
            dropped.append((b, b.reason))
        elif pos > comments_from:
            dropped.append((b, b.reason or "section.comments"))
        else:
            kept.append(b)
    return Selection(root, [root], kept, dropped)


#: A run of at least this many kept blocks that repeats, in the same order,
#: a run of kept blocks before it is a second copy of the article (a hidden
#: preview, a print or tab copy, a mobile and a desktop layout of one
#: text): it is dropped. Blocks shorter than :data:`REPEAT_MIN_CHARS`
#: (labels, "Read more", a credit line, a subheading) do not count toward
#: the run's length, but go with a run they are part of: a page builder's
#: responsive copies repeat every subheading between the paragraphs
#: (wcxb-dev +0.0015 F1 against runs of long blocks alone, 41 pages
#: changed, 6 fell, on golds that keep both copies of tabbed code
#: samples or of a mobile layout; the other sets unchanged). One
#: repeated block alone stays: a forum reply quoting a post, a meal plan
#: that serves one recipe on two days, an interview's recurring question
#: are the page's own text twice (scrapinghub and wcxb-dev golds keep
#: them). Measured on the base pipeline's bodies: a run of two or more
#: gains on dragnet-dev (3 pages of an article printed twice) and wcxb-dev
#: (54 pages), loses nothing on scrapinghub; single blocks lose there.
REPEAT_MIN_RUN = 2
REPEAT_MIN_CHARS = 80


def drop_repeats(sel: Selection, options: Optional[Options] = None) -> Selection:
    """``sel`` without the second copy of a run of its kept blocks
    (a run holding ``options.repeat_min_run`` blocks of
    ``options.repeat_min_chars`` characters or more, and the shorter blocks
    between them that repeat in the same order; defaults
    :data:`REPEAT_MIN_RUN`, :data:`REPEAT_MIN_CHARS`), reason
    ``dup.repeat``. ``None`` for ``Options()``; ``repeat_min_run`` 0 turns it off.

    Captions are left out of the runs and never dropped. O(kept blocks).
    """
    if options is None:
        options = _defaults()
    min_run, min_chars = options.repeat_min_run, options.repeat_min_chars
    if not min_run:
        return sel
    texts = [(i, b.text) for i, b in enumerate(sel.kept) if b.kind != "caption"]
    first: dict[str, int] = {}  # text -> position in ``texts`` of its first copy
    for pos, (_, text) in enumerate(texts):
        first.setdefault(text, pos)
    repeats = [first[text] < pos for pos, (_, text) in enumerate(texts)]
    drop: set[int] = set()
    pos = 0
    while pos < len(texts):
        if not repeats[pos]:
            pos += 1
            continue
        end = pos  # the run: each block repeats the block after the previous one's first copy
        while (
            end + 1 < len(texts) and repeats[end + 1]
            and first[texts[end + 1][1]] == first[texts[end][1]] + 1
        ):
            end += 1
        if sum(len(texts[k][1]) >= min_chars for k in range(pos, end + 1)) >= min_run:
            drop.update(texts[k][0] for k in range(pos, end + 1))
        pos = end + 1
    if not drop:
        return sel
    kept = [b for i, b in enumerate(sel.kept) if i not in drop]
    dropped = list(sel.dropped) + [(sel.kept[i], "dup.repeat") for i in sorted(drop)]
    return Selection(sel.root, sel.region, kept, dropped)
