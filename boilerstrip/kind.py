"""Stage between score and select: what kind of page is this?

A news or blog article has one main block of prose; a forum thread, a
product page, a listing, a collection or a service page has a main region
made of many short parts (posts, specifications, cards, sections) that the
article selection, built to find one block of prose, keeps only a piece of.
This stage reads what the page declares about itself and decides which
selection serves it.

Evidence, in order (the lexicons are data: ``boilerstrip/kinds.toml``):

1. a JSON-LD ``@type`` or microdata ``itemtype`` of the article family
   (``NewsArticle``, ``BlogPosting``...): an article;
2. the URL of one discussion (``/threads/...``, ``/topic/18427/...``,
   ``/thread-222085.html``): a forum, even with ``og:type=article``, which
   forum software emits on every page;
3. ``og:type=article``: an article, unless the URL is a documentation
   site's (``/docs/``, ``/manual/``: ``docs_urls`` in ``kinds.toml``),
   whose generators emit it on every page;
4. another declared type (``Product``, ``DiscussionForumPosting``,
   ``ItemList``, ``CollectionPage``, ``FAQPage``...): that kind;
5. an ``og:type`` of another kind (``product``);
6. a URL path segment naming a kind (``/forum/``, ``/docs/``, ``/category/``,
   ``/collections/``, ``/pricing``);
7. ``og:type=website`` alone: a page that does not call itself an article.

Decision (:func:`decide`): a page with evidence 2 or 4–7 whose article selection
keeps less than :data:`WHOLE_REGION_SHARE` of the text of its whole main
region is given the whole region (:func:`boilerstrip.select.select_whole`);
every other page keeps the article selection. A page without evidence is an
article: its kind is never guessed from the selection alone, because on news
pages a short article beside a long comment thread or sidebar looks the same
(on ``dragnet-dev``, switching on the share alone cost 0.03 F1).

Work: one CSS query for the JSON-LD scripts, ``og:type`` and ``itemtype``
nodes, and a bounded scan of each script's text (at most
:data:`MAX_SCRIPT_CHARS` characters each) — O(n) in the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

import regex
from selectolax.lexbor import LexborHTMLParser

from .errors import DataError
from .lexicon import COUNT, STRINGS, Schema, TableOf, load
from .urls import split_url

if TYPE_CHECKING:
    from .options import Options

__all__ = ["PAGE_KINDS", "PageKind", "Evidence", "read_evidence", "decide", "WHOLE_REGION_SHARE", "hub_url"]

#: The kinds of page, in WCXB's terms.
PAGE_KINDS = ("article", "forum", "product", "documentation", "listing", "collection", "service")

#: The article selection is replaced by the whole main region when it keeps
#: less than this share of the region's text on a page that declares another
#: kind. Chosen on the four shared sets, with the switch simulated per page
#: from the two selections' outputs: 0.25, 1/3 and 0.5 lifted wcxb-dev alike
#: (+0.018 to +0.021 F1), and above 1/3 scrapinghub articles began to switch
#: (-0.002). The change as built: see the commit that added it.
WHOLE_REGION_SHARE = 1 / 3

#: A page whose only evidence is ``og:type=website`` (the default of most
#: CMSs, articles included) is an article when its article selection keeps
#: at least this many prose blocks.
ARTICLE_PROSE_BLOCKS = 5

#: A landing page of sibling sections (a service or product page whose
#: sections each hold a heading and a few lines of prose) is given its whole
#: region whatever it declares (WordPress and Yoast give every page
#: ``og:type=article``) when the article selection, one of its sections,
#: keeps less than :data:`SECTIONS_SHARE` of the region's text while the
#: region holds at least :data:`SECTIONS_MIN_PROSE` more prose blocks than
#: the selection and :data:`SECTIONS_PROSE_RATIO` times as many. On a news
#: page the region's other blocks are teaser titles, link lists and short
#: labels, few of them prose. Chosen on the four shared sets with the switch
#: simulated per page from the two selections: share 0.5–0.6, 10–12 more
#: prose blocks and twice as many lift wcxb-dev by +0.003 to +0.004 F1
#: (service pages +0.02) with no set losing more than 0.0002; at 8 or fewer
#: more prose blocks dragnet-dev's articles with teaser summaries begin to
#: switch (-0.002).
SECTIONS_SHARE = 0.5
SECTIONS_MIN_PROSE = 10
SECTIONS_PROSE_RATIO = 2

#: Characters of one JSON-LD script scanned for ``@type`` values.
MAX_SCRIPT_CHARS = 200_000
#: ``@type`` values read per page.
MAX_TYPES = 64
#: URL path segments read for evidence.
MAX_URL_SEGMENTS = 12

_TYPE = regex.compile(r'"@type"\s*:\s*(\[[^\]]{0,500}\]|"[^"]{1,100}")')
_QUOTED = regex.compile(r'"([^"]{1,100})"')


@dataclass(frozen=True)
class PageKind:
    """The kind of a page and how it was decided.

    Attributes:
        kind: one of :data:`PAGE_KINDS`.
        reason: the evidence, e.g. ``"jsonld:Product"``, ``"url:/forum/"``,
            ``"og:website"`` or ``"default"``, and when the whole region was
            chosen, the share the article selection kept
            (``"jsonld:ItemList; article selection kept 0.12 of the region"``).
        whole_region: True when the selection is the whole main region.
    """

    kind: str
    reason: str
    whole_region: bool


@dataclass(frozen=True)
class Evidence:
    """What a page declares about its kind: ``kind`` (one of
    :data:`PAGE_KINDS`, or ``None`` when it declares nothing but
    ``og:type=website``, or nothing at all), ``source`` (the reason text),
    ``thread``: the page is one discussion, by the URL of one thread
    (``thread_urls`` in ``kinds.toml``) or a declared forum type
    (``DiscussionForumPosting``, ``QAPage``, ...), not by a path word alone
    ("/topic/software" is as often a news site's topic page); and ``hub``:
    the URL has the shape of a hub of cards or sections (:func:`hub_url`),
    whatever the page declares."""

    kind: Optional[str]
    source: str
    thread: bool = False
    hub: bool = False


#: What ``kinds.toml`` must hold (see :mod:`boilerstrip.lexicon`).
SCHEMA: Schema = {
    "version": COUNT, "article_types": STRINGS, "types": TableOf(STRINGS), "og_types": TableOf(STRINGS),
    "url_segments": TableOf(STRINGS), "thread_urls": {"segments": STRINGS}, "docs_urls": {"segments": STRINGS},
}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, dict[str, str]]:
    """``kinds.toml`` as lookups (read once; :class:`~boilerstrip.errors.DataError`
    when malformed, also when a table names a kind not in :data:`PAGE_KINDS`)."""
    data = load("boilerstrip", "kinds.toml", SCHEMA)
    for table in ("types", "og_types", "url_segments"):
        for kind in data[table]:
            if kind not in PAGE_KINDS:
                raise DataError("kinds.toml", f"{table}.{kind}", f"unknown page kind; the kinds are {', '.join(PAGE_KINDS)}")
    types: dict[str, str] = {t.casefold(): "article" for t in data["article_types"]}
    for kind, names in data["types"].items():
        for name in names:
            types.setdefault(name.casefold(), kind)
    og = {v.casefold(): kind for kind, values in data["og_types"].items() for v in values}
    segments = {s.casefold(): kind for kind, values in data["url_segments"].items() for s in values}
    threads = {s.casefold(): "forum" for s in data["thread_urls"]["segments"]}
    docs = {s.casefold(): "documentation" for s in data["docs_urls"]["segments"]}
    return {"types": types, "og": og, "segments": segments, "threads": threads, "docs": docs}


def _declared_types(tree: LexborHTMLParser) -> tuple[list[str], Optional[str]]:
    """JSON-LD ``@type`` and microdata ``itemtype`` names, and ``og:type``."""
    names: list[str] = []
    og: Optional[str] = None
    for node in tree.css("script[type*='ld+json' i], meta[property='og:type' i], [itemtype]"):
        if node.tag == "script":
            text = (node.text() or "")[:MAX_SCRIPT_CHARS]
            for m in _TYPE.finditer(text):
                names.extend(_QUOTED.findall(m.group(1)))
                if len(names) >= MAX_TYPES:
                    break
        elif node.tag == "meta":
            og = og or (node.attributes.get("content") or "").strip().casefold() or None
        else:
            for t in (node.attributes.get("itemtype") or "").split()[:4]:
                names.append(t)
        if len(names) >= MAX_TYPES:
            break
    return [n.rstrip("/").rsplit("/", 1)[-1] for n in names[:MAX_TYPES]], og


def _path_segments(url: Optional[str]) -> Optional[list[str]]:
    """The first :data:`MAX_URL_SEGMENTS` segments of ``url``'s path,
    case-folded (``[""]`` for a home page); ``None`` without a URL or for a
    malformed or over-long one (:func:`boilerstrip.urls.split_url`), which
    says nothing of the page."""
    parts = split_url(url)
    return None if parts is None else parts.path.strip("/").casefold().split("/")[:MAX_URL_SEGMENTS]


def _thread_segment(segments: Optional[list[str]], lex: dict[str, dict[str, str]]) -> Optional[str]:
    """The segment that makes the path one discussion's URL (``thread_urls``
    in ``kinds.toml``), or ``None``."""
    if not segments:
        return None
    forum = lex["segments"]
    for i, seg in enumerate(segments):
        if seg in lex["threads"]:
            return seg
        head, _, rest = seg.partition("-")
        following = rest or (segments[i + 1] if i + 1 < len(segments) else "")
        if forum.get(head) == "forum" and following[:1].isdigit():
            return seg
    return None


#: The kinds whose URL segments (``kinds.toml``) make a URL a hub's: pages
#: of cards or sections, whatever the page declares.
HUB_KINDS = ("listing", "collection", "service")
#: A path of one segment of letters alone (``/news``, ``/blog``, ``/electrical``):
#: a section front; an article's path carries a slug or an id.
_SECTION_SEGMENT = re.compile(r"[^\W\d_]+")


def hub_url(url: Optional[str]) -> bool:
    """True when ``url`` has the shape of a hub of cards or sections, whatever
    the page declares: a home page, a path with a segment naming a listing,
    a collection or a service page (``/category/``, ``/collections/``,
    ``/services/``; ``kinds.toml``), or a path of one segment of letters
    alone (``/news``). ``False`` without a URL. O(length of the URL)."""
    return _is_hub(_path_segments(url))


def _is_hub(segments: Optional[list[str]]) -> bool:
    """:func:`hub_url` on the URL's path segments (:func:`_path_segments`)."""
    if segments is None:
        return False
    if not any(segments):
        return True
    lex = _lexicon()["segments"]
    if any(lex.get(seg) in HUB_KINDS for seg in segments):
        return True
    return len(segments) == 1 and _SECTION_SEGMENT.fullmatch(segments[0]) is not None


def read_evidence(tree: LexborHTMLParser, url: Optional[str]) -> Evidence:
    """The page's own word on its kind (see the module docstring for the
    order), and whether its URL is a hub's. The URL is split once."""
    segments = _path_segments(url)
    return replace(_declared(tree, segments), hub=_is_hub(segments))


def _declared(tree: LexborHTMLParser, segments: Optional[list[str]]) -> Evidence:
    """:func:`read_evidence` but ``hub``."""
    lex = _lexicon()
    names, og = _declared_types(tree)
    kinds = [(lex["types"].get(n.casefold()), n) for n in names]
    for kind, name in kinds:
        if kind == "article":
            return Evidence("article", f"jsonld:{name}")
    thread = _thread_segment(segments, lex)
    if thread is not None:
        return Evidence("forum", f"url:/{thread}/", thread=True)
    if og == "article" and segments is not None:
        for seg in segments:
            if seg in lex["docs"]:
                return Evidence("documentation", f"url:/{seg}/")
    if og == "article":
        return Evidence("article", "og:article")
    for kind, name in kinds:
        if kind is not None:
            return Evidence(kind, f"jsonld:{name}", thread=kind == "forum")
    if og and og in lex["og"]:
        return Evidence(lex["og"][og], f"og:{og}")
    if segments is not None:
        if not any(segments):
            return Evidence("listing", "url:homepage")
        for seg in segments:
            if seg in lex["segments"]:
                return Evidence(lex["segments"][seg], f"url:/{seg}/")
    if og == "website":
        return Evidence(None, "og:website")
    return Evidence("article", "default")


def decide(
    evidence: Evidence, article_chars: int, region_chars: int, prose_blocks: int, options: Optional[Options] = None,
    region_prose: int = 0,
) -> PageKind:
    """Which selection serves the page.

    Args:
        evidence: from :func:`read_evidence`.
        article_chars: characters the article selection keeps.
        region_chars: characters of the whole main region
            (:func:`boilerstrip.select.select_whole`).
        prose_blocks: blocks of prose (the scorer's ``good`` class) the
            article selection keeps.
        options: ``whole_region_share`` and ``article_prose_blocks``; ``None``
            for ``Options()``.
        region_prose: blocks of prose the whole region keeps (0: unknown).
    Returns:
        A :class:`PageKind`; ``whole_region`` for a page with evidence of
        another kind whose article selection keeps less than
        ``options.whole_region_share`` of the region, and for a landing page
        of sibling sections (:func:`_is_sectioned`) whatever it declares
        (never when ``whole_region_share`` is 0).
    """
    if options is None:
        from .options import DEFAULT_OPTIONS  # options.py reads this module's constants

        options = DEFAULT_OPTIONS
    if region_chars <= 0:
        return PageKind(evidence.kind or "article", evidence.source, False)
    if article_chars == 0:
        # Nothing article-like at all (a home page, a grid of cards): the
        # page's content is its whole region, whatever it declares.
        kind = evidence.kind if evidence.kind not in (None, "article") else "listing"
        return PageKind(kind, f"{evidence.source}; the article selection is empty", True)
    if options.whole_region_share > 0 and _is_sectioned(article_chars, region_chars, prose_blocks, region_prose, options):
        kind = evidence.kind if evidence.kind not in (None, "article") else "service"
        return PageKind(
            kind, f"{evidence.source}; sections: {region_prose} prose blocks in the region, {prose_blocks} selected", True
        )
    if evidence.kind == "article":
        return PageKind("article", evidence.source, False)
    if evidence.kind is None and prose_blocks >= options.article_prose_blocks:
        return PageKind("article", f"{evidence.source}; {prose_blocks} prose blocks", False)
    share = article_chars / region_chars
    if share < options.whole_region_share:
        kind = evidence.kind or "service"
        return PageKind(kind, f"{evidence.source}; article selection kept {share:.2f} of the region", True)
    return PageKind(evidence.kind or "article", evidence.source, False)


def _is_sectioned(article_chars: int, region_chars: int, prose_blocks: int, region_prose: int, options: Options) -> bool:
    """A landing page of sibling sections: the article selection keeps less
    than ``options.sections_share`` of the region's text, and the region
    holds at least ``options.sections_min_prose`` more prose blocks than the
    selection and ``options.sections_prose_ratio`` times as many (defaults:
    :data:`SECTIONS_SHARE`, :data:`SECTIONS_MIN_PROSE`,
    :data:`SECTIONS_PROSE_RATIO`)."""
    return (
        article_chars < options.sections_share * region_chars
        and region_prose - prose_blocks >= options.sections_min_prose
        and region_prose >= options.sections_prose_ratio * prose_blocks
    )
