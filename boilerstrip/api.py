"""The public entry point: :func:`extract`, the pipeline read top to bottom."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Optional, Union

from selectolax.lexbor import LexborHTMLParser

from .article import Article, Dropped
from .blocks import DROPPED_TEXT_CHARS, Segmentation, collapse, segment
from .captions import collect_captions, noscript_images
from .clean import clean
from .decode import decode_html
from .errors import BoilerstripError, InputError
from .metadata import Metadata, collect_metadata
from .options import DEFAULT_OPTIONS, Options
from .output import build_article
from .pagefile import MAX_BYTES as PAGE_MAX_BYTES
from .parse import parse_html
from .rules import Ruleset, Verdicts, annotate, default_rules
from .score import TEASERS_ARE_CONTENT, aggregate
from .kind import PageKind, decide, read_evidence
from .language import page_languages
from .learned import rescore
from .listing import prefers_listing, worth_trying
from .select import Selection, drop_repeats, section_run, select, select_whole

if TYPE_CHECKING:  # pragma: no cover
    from selectolax.lexbor import LexborNode

__all__ = ["extract", "MAX_BYTES"]


#: Default cap on the input size, in bytes (characters for ``str`` input):
#: 32 MiB, about 15 times the largest page of the shared datasets and far
#: past any article. Extraction takes 0.1-1 s per MB of page, and memory of
#: a few times the page for text-heavy pages, up to about 150 times for
#: pages that are all markup (a DOM node and a few Python objects per
#: element of 8-15 bytes), so the cap bounds one call at some seconds and a
#: few GB at worst. Pass ``max_bytes=None`` to lift it. The command line and
#: the batch readers read at most this many bytes of a page too
#: (:data:`boilerstrip.pagefile.MAX_BYTES`, the one definition).
MAX_BYTES = PAGE_MAX_BYTES

#: What :func:`extract` does with input over ``max_bytes``.
OVERSIZE_CHOICES = ("error", "truncate")


def extract(
    html: Union[bytes, bytearray, memoryview, str],
    url: Optional[str] = None,
    *,
    explain: bool = False,
    include_captions: bool = False,
    rules: Optional[Ruleset] = None,
    options: Optional[Options] = None,
    max_bytes: Optional[int] = MAX_BYTES,
    oversize: str = "error",
    metadata: bool = True,
    captions: bool = True,
) -> Article:
    """Extract the main content and metadata of one HTML page.

    The pipeline, one module per stage:

    1. ``decode``   bytes → text (BOM, then ``<meta charset>``, then detection).
    2. ``parse``    text → Lexbor DOM (selectolax), once.
    3. ``clean``    drop scripts, styles, hidden elements and form controls.
    4. ``rules``    element rules (tags, class/id tokens, ARIA roles, itemtypes)
       and their guards, one pass: a verdict per element (:func:`~boilerstrip.rules.annotate`).
       ``blocks``   one walk of the tree: text blocks with link counts; the
       verdicts drop subtrees and set aside captions on the way.
    5. ``score``    DOM-density scorer: per-block text and link density,
       aggregated per container.
    6. ``rules``    text cue rules drop single blocks ("Advertisement", ...):
       the cues of the languages the page declares (``<html lang>``,
       ``og:locale``, ``content-language``) and the language-neutral ones;
       every cue when it declares none.
    7. ``select``   the main-content region and the blocks kept in it.
       ``learned`` (with ``Options.learned_scorer``) then re-decides the
       blocks the hand-set scorer is least sure of with a fitted model.
    8. ``metadata`` title, authors, dates, language, site name, description,
       lead image, categories, tags.
    9. ``captions`` image captions with credits and image URLs.
    10. ``output``  the :class:`Article`; a heading repeating the title is dropped.

    Args:
        html: the page, as raw ``bytes`` (decoded here) or ``str``.
        url: the page URL, used to resolve image URLs and as a date source.
        explain: also fill :attr:`Article.dropped` with every dropped block and
            the rule id or score that dropped it, in page order (for a text
            cue also its pattern and the text it matched), then every caption
            candidate left out and why (``caption.no-image``,
            ``caption.excluded-box``, ...).
        include_captions: also put captions into :attr:`Article.blocks` (kind
            ``"caption"``, in page order). They never enter :attr:`Article.body`.
        rules: a :class:`~boilerstrip.Ruleset` to use instead of the shipped
            one (see :func:`~boilerstrip.load_rules` and ``Ruleset.extended``).
        options: the extraction thresholds, an :class:`~boilerstrip.Options`
            (``None``: ``Options()``, the shipped behaviour; see also the
            presets ``Options.precision()`` and ``Options.recall()``).
        max_bytes: the largest input read, in bytes (in characters for a
            ``str``); default :data:`MAX_BYTES` (32 MiB); ``None`` for no cap.
        oversize: what to do with a larger input: ``"error"`` (the default)
            raises :class:`InputError`; ``"truncate"`` extracts from its
            first ``max_bytes`` bytes (a UTF-8 character that would be cut in
            two is left out; markup cut open is closed as a browser would).
        metadata: ``False`` skips the metadata stage: ``title``, ``authors``,
            the dates, ``language``, ``sitename``, ``description``, ``image``,
            ``categories`` and ``tags`` stay empty (``None`` or ``()``) and
            ``url`` is the ``url`` given. The heading repeating the title is
            still dropped, against a cheap title: the text of the first
            ``<h1>`` in the main content, else of the page's first ``<h1>``
            (see :func:`_cheap_title`). ``body`` therefore equals the full
            mode's ``body`` except where the full mode's title is not that
            ``<h1>`` (it comes from JSON-LD, ``og:title`` or ``<title>``) and
            a heading repeats one of the two: 237 of the 2,797 shared dataset
            pages.
        captions: ``False`` skips the captions stage: ``captions`` is ``()``
            (and ``explain`` lists no caption candidates). ``body`` never holds
            captions, so it is unchanged.

    Returns:
        An :class:`Article`. A page without an article gives an ``Article`` with
        an empty ``body``. With ``explain=True``, ``dropped`` lists the
        blocks left out and ``faults`` the fields that could not be read
        (each such field is empty; the others keep their values).

    Raises:
        InputError: ``html`` is neither ``bytes`` nor ``str``, is over
            ``max_bytes`` with ``oversize="error"``, or is clearly not HTML
            (a PDF, an image, an archive); or ``url``, ``rules``,
            ``options``, ``max_bytes`` or ``oversize`` has a wrong type or
            value; or ``include_captions=True`` with ``captions=False``.
        BoilerstripError: any other failure, with the cause attached.

    Bound: time and memory O(n) in the size of the input (at most
    ``max_bytes``), whatever its shape: every stage states its bound in its
    docstring. See :data:`MAX_BYTES` for the constants.
    """
    if not isinstance(html, (bytes, bytearray, memoryview, str)):
        raise InputError(f"html must be bytes or str, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise InputError(f"url must be a str or None, not {type(url).__name__}")
    if rules is not None and not isinstance(rules, Ruleset):
        raise InputError(f"rules must be a boilerstrip.Ruleset, not {type(rules).__name__}")
    if options is not None and not isinstance(options, Options):
        raise InputError(f"options must be a boilerstrip.Options, not {type(options).__name__}")
    if oversize not in OVERSIZE_CHOICES:
        raise InputError(f"oversize must be one of {', '.join(map(repr, OVERSIZE_CHOICES))}, not {oversize!r}")
    if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 0):
        raise InputError(f"max_bytes must be a non-negative int or None, not {max_bytes!r}")
    if include_captions and not captions:
        raise InputError("include_captions=True needs captions=True")
    html = _within_cap(html, max_bytes, oversize)
    try:
        return _pipeline(
            html, url, explain, include_captions, rules or default_rules(), options or DEFAULT_OPTIONS, metadata, captions
        )
    except BoilerstripError:
        raise
    except RecursionError as exc:  # pragma: no cover - the walk is iterative
        raise BoilerstripError("document nesting too deep") from exc
    except Exception as exc:
        raise BoilerstripError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _within_cap(
    html: Union[bytes, bytearray, memoryview, str], max_bytes: Optional[int], oversize: str
) -> Union[bytes, bytearray, memoryview, str]:
    """``html``, or its first ``max_bytes`` bytes (characters) with
    ``oversize="truncate"``; raises :class:`InputError` with ``"error"``. O(1)
    unless truncating (one copy of the first ``max_bytes``)."""
    if max_bytes is None:
        return html
    size = html.nbytes if isinstance(html, memoryview) else len(html)
    if size <= max_bytes:
        return html
    if oversize == "truncate":
        if isinstance(html, str):
            return html[:max_bytes]
        data = html.cast("B") if isinstance(html, memoryview) else html
        return bytes(data[: _utf8_boundary(data, max_bytes)])
    unit = "characters" if isinstance(html, str) else "bytes"
    raise InputError(
        f"input is {size:,} {unit}, over the cap of {max_bytes:,}: pass a larger max_bytes "
        "(None for no cap), or oversize='truncate' to extract from the first part"
    )


def _utf8_boundary(data: Union[bytes, bytearray, memoryview], end: int) -> int:
    """``end``, moved back to the lead byte of a UTF-8 character that would
    be cut in two there (at most 3 bytes back). In a legacy encoding the
    bytes checked are characters of their own, and at most 3 are lost. O(1)."""
    if end >= len(data) or not 0x80 <= data[end] <= 0xBF:
        return end  # the cut is before an ASCII byte or a lead byte
    for back in range(1, 4):
        i = end - back
        if i < 0:
            break
        if data[i] >= 0xC0:
            return i
        if data[i] < 0x80:
            break
    return end


def _pipeline(
    html: Union[bytes, bytearray, memoryview, str],
    url: Optional[str],
    explain: bool,
    include_captions: bool,
    rules: Ruleset,
    options: Options,
    with_metadata: bool = True,
    with_captions: bool = True,
) -> Article:
    text = decode_html(html)
    if not text.strip():
        return Article(url=url, dropped=() if explain else None)
    tree = parse_html(text)
    # before clean() removes <noscript>: lazy images' real sources
    noscript = noscript_images(tree) if with_captions else {}
    clean(tree)
    evidence = read_evidence(tree, url)
    kind = evidence.kind or "article"
    languages = page_languages(tree)
    # verdicts of each annotate() pass, reused by the listing pass (see _select)
    annotated: dict[tuple[bool, bool, bool], Verdicts] = {}
    thread = evidence.thread
    seg, sel = _select(
        tree, rules, include_captions, options, True, kind, languages, annotated=annotated, thread=thread,
    )
    pass_used = "strict"
    relax = options.relax_below_chars
    found_prose = False
    if sel.kept_chars < relax and seg.dropped_boxes:
        # (without a box dropped by an element rule the relaxed pass is the same walk)
        # Once the strict pass found prose, the rules marked ``relax = false``
        # (comment sections, page footers) stay on: a short article must not
        # lose to the comments under it (dragnet-dev: 7 blog posts of 25
        # relaxed pages, a few lines each, replaced by their comment threads).
        found_prose = any(b.klass == "good" for b in sel.kept)
        seg2, sel2 = _select(
            tree, rules, include_captions, options, False, kind, languages, keep_unrelaxed=found_prose,
            annotated=annotated, thread=thread,
        )
        if sel2.kept_chars > max(2 * sel.kept_chars, sel.kept_chars + relax):
            seg, sel, pass_used = seg2, sel2, "relaxed"
    whole = select_whole(seg, options)
    prose = sum(1 for b in sel.kept if b.klass == "good")
    region_prose = sum(1 for b in whole.kept if b.klass == "good")
    page = decide(evidence, sel.kept_chars, whole.kept_chars, prose, options, region_prose)
    # Bylines and datelines are looked for around the article selection's
    # region even when the whole region is output: it is where the page's
    # own header and dateline sit, and a whole body would let any date in.
    article_root = sel.root.node if sel.root is not None else None
    # the URL of a hub (a home page, a section front) tries the listing pass whatever the article kept
    hub = options.listing_max_article_chars > 0 and options.listing_url_min_gain > 0 and evidence.hub
    if page.whole_region:
        sel, pass_used = whole, "whole"
    elif worth_trying(sel.kept_chars, options) or hub:
        # Little kept, or the URL of a hub: the page may be a list of cards
        # (see boilerstrip/listing.py).
        # (It annotates as the pass whose ``seg`` it follows did, so a walk
        # would give that segmentation again: it scores a copy of it.)
        seg3, sel3 = _select(
            tree, rules, include_captions, options, pass_used != "relaxed", kind, languages, True, found_prose,
            annotated, thread, like=seg,
        )
        if prefers_listing(sel.kept_chars, sel3.kept_chars, options, hub):
            reason = f"{page.reason}; card lists kept {sel3.kept_chars} characters, the article {sel.kept_chars}"
            if hub:
                reason += "; hub URL"
            page = PageKind("listing" if page.kind == "article" else page.kind, reason, False)
            seg, sel, pass_used = seg3, sel3, "listing"
    run = (
        section_run(sel.root, options)
        if pass_used in ("strict", "relaxed") and options.family_min_members and sel.root is not None else []
    )
    if run:
        # The article selection won: its region also takes the run of like
        # sections its top candidate is part of.
        sel = select(seg, options, lists_are_content=kind in TEASERS_ARE_CONTENT, run=run)
    main = sel.root.node if sel.root is not None else None
    if with_metadata:
        meta = collect_metadata(tree, url, article_root)
        title = meta.title
    else:
        meta = Metadata()
        title = _cheap_title(tree, main)
    if title:
        sel = _drop_title(sel, title, keep_lone=page.kind == "forum")
    sel = drop_repeats(sel, options)
    sel = rescore(seg, sel, page.kind, page.whole_region, options.learned_scorer)
    faults = list(meta.faults)
    rejected: Optional[list[tuple[str, str]]] = [] if explain else None
    captions = collect_captions(tree, url or meta.url, main, noscript, rejected, faults) if with_captions else ()
    article = build_article(
        meta, sel, captions, explain=explain, url=url, page=page, pass_used=pass_used, faults=faults,
        rules=rules, page_blocks=seg.blocks,
    )
    if rejected:  # explain=True: caption candidates left out, and why
        extra = tuple(Dropped(text[:DROPPED_TEXT_CHARS], reason) for text, reason in rejected)
        article = dataclasses.replace(article, dropped=(article.dropped or ()) + extra)
    return article


def _select(
    tree: LexborHTMLParser, rules: Ruleset, include_captions: bool, options: Options, use_drop_rules: bool,
    page_kind: str, languages: frozenset[str], cards: bool = False, keep_unrelaxed: bool = False,
    annotated: Optional[dict[tuple[bool, bool, bool], Verdicts]] = None, thread: bool = False,
    like: Optional[Segmentation] = None,
) -> tuple[Segmentation, Selection]:
    """One selection: annotate, segment, score (``cards``: card lists are
    content, the listing pass of :mod:`boilerstrip.listing`; ``keep_unrelaxed``:
    the relaxed pass keeps the rules marked ``relax = false``; ``thread``:
    the page is one discussion, :attr:`~boilerstrip.kind.Evidence.thread`), select.

    ``annotated``: the verdicts of the passes already made over ``tree``,
    keyed by what :func:`~boilerstrip.rules.annotate` reads of
    ``use_drop_rules`` and ``keep_unrelaxed`` (the latter only without drop
    rules, and for the listing pass whether the rules marked
    ``cards = "content"`` are left out: only when the pass it follows had a
    match of one, :attr:`~boilerstrip.rules.Verdicts.cards_hit`); a pass
    whose key is there reuses them (the listing pass annotates as the pass
    it follows did unless such a rule matched, and nothing writes to the
    tree or to the verdicts after :func:`~boilerstrip.clean.clean`), else its
    verdicts are added, the page's text length taken from the passes
    before (one read of the page's text a page, not one a pass).

    ``like``: the segmentation of an earlier pass made with the verdicts
    this pass uses (same ``include_captions`` and ``options``), which the
    walk would give again: its :meth:`~boilerstrip.blocks.Segmentation.unscored_copy`
    is scored instead of walking the tree (O(frames + blocks), not O(n))."""
    key = (use_drop_rules, keep_unrelaxed and not use_drop_rules, False)
    verdicts = annotated.get(key) if annotated is not None else None
    if cards and (verdicts is None or verdicts.cards_hit):
        # a rule marked cards = "content" matched elements in the pass this one
        # follows: the listing pass annotates and walks without those rules
        key = key[:2] + (True,)
        verdicts = annotated.get(key) if annotated is not None else None
        like = None
    if verdicts is None:
        like = None  # (``like`` was made with verdicts of this key, so there are some)
        known = next(iter(annotated.values())).page_chars if annotated else None
        verdicts = annotate(
            tree, rules, page_kind=page_kind, options=options, use_drop_rules=use_drop_rules,
            keep_unrelaxed=keep_unrelaxed, page_chars=known, cards=key[2],
        )
        if annotated is not None:
            annotated[key] = verdicts
    if like is not None:
        seg = like.unscored_copy()
    else:
        seg = segment(tree, rules, include_captions=include_captions, options=options, verdicts=verdicts)
    card_frames = aggregate(seg, rules, options, page_kind, languages, cards_are_content=cards, thread=thread)
    return seg, select(seg, options, card_frames, page_kind in TEASERS_ARE_CONTENT)


def _cheap_title(tree: "LexborHTMLParser", main: "Optional[LexborNode]") -> Optional[str]:
    """The title for dropping a repeated heading when metadata is off: the
    collapsed text of the first non-empty ``<h1>`` inside ``main``, else of
    the page's first non-empty ``<h1>``; ``None`` when there is none. (The
    metadata stage's choice between ``<h1>``, JSON-LD, ``og:title`` and
    ``<title>`` is not made.)"""
    groups = (main.css("h1") if main is not None else [], tree.css("h1"))  # one subtree query each: O(n)
    for nodes in groups:
        for node in nodes:
            text = collapse(node.text(deep=True, separator=" ") or "")
            if text:
                return text
    return None


def _drop_title(sel: Selection, title: str, keep_lone: bool = False) -> Selection:
    """Drop kept headings and paragraphs whose text is the title. With
    ``keep_lone`` (a forum page), when nothing but captions would be left the
    headline is all the thread there is (a link post) and the selection is
    returned as it was; elsewhere a page whose only text is its headline (a
    404 page, a paywall, an app's shell) has no article. O(kept blocks)."""
    key = collapse(title).casefold()
    kept, dropped = [], list(sel.dropped)
    for b in sel.kept:
        if b.kind in ("heading", "paragraph") and b.text.casefold() == key:
            dropped.append((b, "dup.title"))
        else:
            kept.append(b)
    if keep_lone and len(dropped) > len(sel.dropped) and all(b.kind == "caption" for b in kept):
        return sel
    return Selection(sel.root, sel.region, kept, dropped)
