"""The public entry point: :func:`extract`, the pipeline read top to bottom."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Optional, Union

from .article import Article, Dropped
from .blocks import DROPPED_TEXT_CHARS, Segmentation, collapse, segment
from .captions import collect_captions, noscript_images
from .clean import clean
from .decode import decode_html
from .errors import BoilerstripError, InputError
from .metadata import Metadata, collect_metadata
from .output import build_article
from .parse import parse_html
from .rules import Ruleset, default_rules
from .score import aggregate
from .kind import decide, read_evidence
from .select import Selection, select, select_whole

if TYPE_CHECKING:  # pragma: no cover
    from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["extract"]


def extract(
    html: Union[bytes, str],
    url: Optional[str] = None,
    *,
    explain: bool = False,
    include_captions: bool = False,
    rules: Optional[Ruleset] = None,
    metadata: bool = True,
    captions: bool = True,
) -> Article:
    """Extract the main content and metadata of one HTML page.

    The pipeline, one module per stage:

    1. ``decode``   bytes → text (BOM, then ``<meta charset>``, then detection).
    2. ``parse``    text → Lexbor DOM (selectolax), once.
    3. ``clean``    drop scripts, styles, hidden elements and form controls.
    4. ``blocks``   one walk of the tree: text blocks with link counts; element
       rules (tags, class/id tokens, ARIA roles) drop subtrees on the way.
    5. ``score``    DOM-density scorer: per-block text and link density,
       aggregated per container.
    6. ``rules``    text cue rules drop single blocks ("Advertisement", ...).
    7. ``select``   the main-content region and the blocks kept in it.
    8. ``metadata`` title, authors, dates, language, site name, description,
       lead image, categories, tags.
    9. ``captions`` image captions with credits and image URLs.
    10. ``output``  the :class:`Article`; a heading repeating the title is dropped.

    Args:
        html: the page, as raw ``bytes`` (decoded here) or ``str``.
        url: the page URL, used to resolve image URLs and as a date source.
        explain: also fill :attr:`Article.dropped` with every dropped block and
            the rule id or score that dropped it, then every caption candidate
            left out and why (``caption.no-image``, ``caption.excluded-box``, ...).
        include_captions: also put captions into :attr:`Article.blocks` (kind
            ``"caption"``, in page order). They never enter :attr:`Article.body`.
        rules: a :class:`~boilerstrip.Ruleset` to use instead of the shipped
            one (see :func:`~boilerstrip.load_rules` and ``Ruleset.extended``).
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
        an empty ``body``.

    Raises:
        InputError: ``html`` is neither ``bytes`` nor ``str``, or is clearly not
            HTML (a PDF, an image, an archive); or ``include_captions=True``
            with ``captions=False``.
        BoilerstripError: any other failure, with the cause attached.
    """
    if not isinstance(html, (bytes, bytearray, memoryview, str)):
        raise InputError(f"html must be bytes or str, not {type(html).__name__}")
    if url is not None and not isinstance(url, str):
        raise InputError(f"url must be a str or None, not {type(url).__name__}")
    if rules is not None and not isinstance(rules, Ruleset):
        raise InputError(f"rules must be a boilerstrip.Ruleset, not {type(rules).__name__}")
    if include_captions and not captions:
        raise InputError("include_captions=True needs captions=True")
    try:
        return _pipeline(html, url, explain, include_captions, rules or default_rules(), metadata, captions)
    except BoilerstripError:
        raise
    except RecursionError as exc:  # pragma: no cover - the walk is iterative
        raise BoilerstripError("document nesting too deep") from exc
    except Exception as exc:
        raise BoilerstripError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


#: The relaxed pass (element drop rules off) runs when the strict one keeps
#: fewer characters than this, and wins only when it keeps at least twice as
#: much and this many characters more: a short article next to a dropped box
#: stays short.
RELAX_BELOW_CHARS = 250


def _pipeline(
    html: Union[bytes, str], url: Optional[str], explain: bool, include_captions: bool, rules: Ruleset,
    with_metadata: bool = True, with_captions: bool = True,
) -> Article:
    text = decode_html(html)
    if not text.strip():
        return Article(url=url, dropped=() if explain else None)
    tree = parse_html(text)
    # before clean() removes <noscript>: lazy images' real sources
    noscript = noscript_images(tree) if with_captions else {}
    clean(tree)
    seg, sel = _select(tree, rules, include_captions, use_drop_rules=True)
    pass_used = "strict"
    if sel.kept_chars < RELAX_BELOW_CHARS:
        seg2, sel2 = _select(tree, rules, include_captions, use_drop_rules=False)
        if sel2.kept_chars > max(2 * sel.kept_chars, sel.kept_chars + RELAX_BELOW_CHARS):
            seg, sel, pass_used = seg2, sel2, "relaxed"
    whole = select_whole(seg)
    prose = sum(1 for b in sel.kept if b.klass == "good")
    page = decide(read_evidence(tree, url), sel.kept_chars, whole.kept_chars, prose)
    if page.whole_region:
        sel, pass_used = whole, "whole"
    main = sel.root.node if sel.root is not None else None
    if with_metadata:
        meta = collect_metadata(tree, url, main)
        title = meta.title
    else:
        meta = Metadata()
        title = _cheap_title(tree, main)
    if title:
        sel = _drop_title(sel, title)
    rejected: Optional[list[tuple[str, str]]] = [] if explain else None
    captions = collect_captions(tree, url or meta.url, main, noscript, rejected) if with_captions else []
    article = build_article(meta, sel, captions, explain=explain, url=url, page=page, pass_used=pass_used)
    if rejected:  # explain=True: caption candidates left out, and why
        extra = tuple(Dropped(text[:DROPPED_TEXT_CHARS], reason) for text, reason in rejected)
        article = dataclasses.replace(article, dropped=(article.dropped or ()) + extra)
    return article


def _select(tree, rules, include_captions, use_drop_rules) -> tuple[Segmentation, Selection]:
    seg = segment(tree, rules, use_drop_rules=use_drop_rules, include_captions=include_captions)
    aggregate(seg, rules)
    return seg, select(seg)


def _cheap_title(tree: "LexborHTMLParser", main: "Optional[LexborNode]") -> Optional[str]:
    """The title for dropping a repeated heading when metadata is off: the
    collapsed text of the first non-empty ``<h1>`` inside ``main``, else of
    the page's first non-empty ``<h1>``; ``None`` when there is none. (The
    metadata stage's choice between ``<h1>``, JSON-LD, ``og:title`` and
    ``<title>`` is not made.)"""
    first = None
    for node in tree.css("h1"):
        text = collapse(node.text(deep=True, separator=" ") or "")
        if not text:
            continue
        if main is None:
            return text
        first = first or text
        cur = node
        while cur is not None:
            if cur.mem_id == main.mem_id:
                return text
            cur = cur.parent
    return first


def _drop_title(sel: Selection, title: str) -> Selection:
    """Drop kept headings and paragraphs whose text is the title."""
    key = collapse(title).casefold()
    kept, dropped = [], list(sel.dropped)
    for b in sel.kept:
        if b.kind in ("heading", "paragraph") and b.text.casefold() == key:
            dropped.append((b, "dup.title"))
        else:
            kept.append(b)
    return Selection(sel.root, sel.region, kept, dropped)
