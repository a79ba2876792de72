"""The caption stage: image captions, their photo credits and image URLs.

One CSS query (run by Lexbor) finds the caption elements: ``<figcaption>``,
``.wp-caption-text``, ``[itemprop=caption]`` and elements whose class/id
tokens name a caption (:data:`CAPTION_TOKENS`). For each:

1. a ``<figcaption>``/``[itemprop=caption]`` is read whole (with the
   ``span.caption`` and ``span.credit`` inside it); other containers that
   hold a caption element (``div.wp-caption`` around its
   ``p.wp-caption-text``) are skipped and the inner one is read instead;
2. captions inside comments, teasers, related lists, sidebars, footers and
   navigation are skipped (:func:`boilerstrip.metadata.dom.is_excluded`,
   stopping at the main-content root) -- thumbnails of other articles;
3. the credit is split off: first a child element whose class names a
   credit (``.credit``, ``.copyright``, ``.source``...), else a credit marker
   ("Photo:", "Foto:", "Image credit:", "©", "(Foto: ...)") or a trailing
   agency ("... in Kyiv. Reuters", "KCNA via Reuters", "AFP/Getty Images");
4. the image is the ``<img>`` of the nearest ancestor holding one (at most
   :data:`MAX_FIGURE_LEVELS` up); a placeholder ``src`` (``data:`` URI, empty,
   "blank"/"placeholder"/"lazy" names) is replaced by ``data-src``-like
   attributes or the largest ``srcset`` candidate; the URL is made absolute
   with the page URL;
5. each caption text is kept once (case- and whitespace-insensitive), so a
   gallery repeating an inline figure does not duplicate it.

Nothing here walks the whole page in Python or runs a regex over its text:
the per-caption work reads only the caption, its few ancestors and its figure.
"""

from __future__ import annotations

import re
from typing import Optional
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .article import Caption, Fault
from .metadata.dom import ancestor_ids, attr, is_excluded, text_of, tokens, too_nested
from .urls import http_url

__all__ = ["collect_captions"]

#: Class/id tokens of caption elements (en, de, fr, es, it, nl, pt templates).
CAPTION_TOKENS = frozenset({
    "caption", "captions", "figcaption", "legend", "legende", "légende", "bildunterschrift", "bildtext",
    "didascalia", "pie", "piefoto", "onderschrift", "bijschrift", "legenda", "imagecaption", "photocaption",
})
#: Class/id tokens of a credit element inside a caption.
CREDIT_TOKENS = frozenset({
    "credit", "credits", "copyright", "source", "photographer", "byline", "author", "quelle", "fotograf",
    "bildquelle", "crédit", "credito", "fuente", "fonte", "attribution", "courtesy",
})
#: Markers that start a credit inside the caption text (case-insensitive).
CREDIT_MARKERS = (
    "image credit", "photo credit", "picture credit", "credit", "credits", "photo", "photos", "photograph",
    "picture", "image", "foto", "fotos", "bild", "bildquelle", "quelle", "source", "crédit photo", "crédit",
    "photo de", "crédito", "fuente", "fonte", "foto di", "beeld", "zdjęcie", "fot", "copyright",
)
#: Photo agencies and picture desks whose name alone, at the end of a
#: caption, is its credit ("... in Kyiv. Reuters").
AGENCIES = (
    "AP", "AP Photo", "Associated Press", "Reuters", "AFP", "Getty Images", "Getty", "EPA", "EPA-EFE", "EFE",
    "dpa", "picture alliance", "picture-alliance", "imago", "IMAGO", "Keystone", "ANP", "ANSA", "PA", "PA Wire",
    "PA Images", "Bloomberg", "Shutterstock", "Alamy", "Xinhua", "KCNA", "Yonhap", "Sipa", "SIPA", "TASS",
    "NurPhoto", "Anadolu", "Anadolu Agency", "AAP", "Kyodo", "Belga", "APA", "ddp", "Unsplash", "Pixabay",
    "iStock", "Wikimedia Commons", "NASA", "ESA", "handout", "Handout",
)
#: Tags whose captions are not the article's (side boxes, page footer, menus).
EXCLUDE_TAGS = frozenset({"aside", "footer", "nav", "form"})
#: Longest caption read (characters); longer elements are body text.
MAX_CAPTION_CHARS = 1000
#: Longest credit accepted when split off by a marker or an agency (characters).
MAX_CREDIT_CHARS = 120
#: How many ancestors up a caption's image is looked for (figure > div > img).
MAX_FIGURE_LEVELS = 3
#: Image ``src`` values that are lazy-loading placeholders.
_PLACEHOLDER = re.compile(r"^(?:data:|about:|javascript:)|(?:blank|placeholder|spacer|pixel|lazy|transparent|grey|loading)\.(?:gif|png|jpe?g|svg|webp)", re.I)
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "data-full-src")
_SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")

_QUERY = (
    'figcaption, [itemprop~="caption"], [class*="caption" i], [class*="legend" i], '
    '[class*="bildunterschrift" i], [class*="bildtext" i], [class*="didascalia" i], [class*="onderschrift" i], '
    '[class*="bijschrift" i], [id*="caption" i]'
)
_INNER = 'figcaption, [itemprop~="caption"], [class*="caption" i], [class*="legend" i]'
_CREDIT_QUERY = ", ".join(f'[class*="{t}" i]' for t in sorted(CREDIT_TOKENS)) + ', [itemprop~="copyrightHolder"], [itemprop~="author"]'
_MARKER_ALT = "|".join(re.escape(m) for m in sorted(CREDIT_MARKERS, key=len, reverse=True))
_AGENCY_ALT = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
#: "(Foto: X)" / "(© X)" at the end.
_PAREN_CREDIT = re.compile(rf"\s*[(\[]\s*((?:(?:{_MARKER_ALT})\s*:|©|\(c\))[^()\[\]]*)[)\]]\s*$", re.I)
#: "Photo: X" / "© X" / "Image credit: X" starting a trailing credit.
_MARKER_CREDIT = re.compile(rf"(?:^|(?<=[.!?…»”\"')])\s+|\s+[|/–—-]\s+|\s+)((?:(?:{_MARKER_ALT})\s*:|©|\(c\)|copyright\b)\s*\S.*)$", re.I)
#: A trailing agency credit: "... Kyiv. Reuters", "... | AFP/Getty Images", "... KCNA via Reuters".
_AGENCY_CREDIT = re.compile(
    rf"(?:(?<=[.!?…»”\"')])\s+|\s+[|/–—-]\s+)((?:[\w.'’ -]{{1,40}}/)?(?:[\w.'’-]+(?: [\w.'’-]+){{0,2}} via )?(?:{_AGENCY_ALT})(?:/[\w.' -]{{1,40}})?(?: (?:Photo|Photos|Images|via [\w ]{{1,30}}))?)\.?$"
)


def _is_caption(node) -> bool:
    if node.tag == "figcaption" or attr(node, "itemprop").lower() == "caption":
        return True
    toks = tokens(node)
    return not toks.isdisjoint(CAPTION_TOKENS) or any(t.endswith("caption") for t in toks)


def _is_proper(node) -> bool:
    return node.tag == "figcaption" or attr(node, "itemprop").lower() == "caption"


def _inside_proper(node) -> bool:
    cur = node.parent
    for _ in range(MAX_FIGURE_LEVELS):
        if cur is None:
            return False
        if _is_proper(cur):
            return True
        cur = cur.parent
    return False


def _split_credit(node, text: str) -> tuple[str, Optional[str]]:
    """``(caption text, credit)`` of a caption element with text ``text``."""
    for sub in node.css(_CREDIT_QUERY):
        credit = text_of(sub)
        if credit and credit != text and text.endswith(credit) or (credit and credit in text and len(credit) < len(text)):
            rest = text.replace(credit, " ", 1)
            rest = " ".join(rest.split()).strip(" |/-–—,")
            if rest:
                return rest, credit
    for pattern in (_PAREN_CREDIT, _MARKER_CREDIT, _AGENCY_CREDIT):
        m = pattern.search(text)
        if m and len(m.group(1)) <= MAX_CREDIT_CHARS:
            rest = text[: m.start()].strip(" |/-–—,")
            if rest:
                return rest, m.group(1).strip()
            if pattern is not _AGENCY_CREDIT:  # the caption is only a credit
                return "", m.group(1).strip()
    return text, None


def _best_srcset(value: str) -> str:
    """The largest candidate of a ``srcset`` (by ``w``, else ``x``, else the last)."""
    best, best_size = "", -1.0
    for part in value.split(","):
        bits = part.split()
        if not bits:
            continue
        size = -0.5
        if len(bits) > 1:
            try:
                size = float(bits[1][:-1]) if bits[1][-1:] in ("w", "x") else -0.5
            except ValueError:
                size = -0.5
        if size >= best_size:
            best, best_size = bits[0], size
    return best


def _image_src(img) -> str:
    src = attr(img, "src")
    if src and not _PLACEHOLDER.search(src):
        return src
    for name in _LAZY_ATTRS:
        value = attr(img, name)
        if value and not _PLACEHOLDER.search(value):
            return value
    for name in _SRCSET_ATTRS:
        value = attr(img, name)
        if value:
            best = _best_srcset(value)
            if best and not _PLACEHOLDER.search(best):
                return best
    parent = img.parent
    if parent is not None and parent.tag == "picture":
        for source in parent.css("source"):
            best = _best_srcset(attr(source, "srcset") or attr(source, "data-srcset"))
            if best:
                return best
    return ""


def _image_url(node: LexborNode, base: Optional[str], imgs: dict[int, Optional[LexborNode]]) -> Optional[str]:
    """The URL of the image of the nearest of ``node``'s :data:`MAX_FIGURE_LEVELS`
    ancestors that holds an ``<img>``: absolute, ``http``/``https`` only
    (:func:`boilerstrip.urls.http_url`), or None. ``imgs``: the per-page memo
    of each ancestor's first ``<img>``, so that captions sharing a figure
    search it once."""
    cur = node.parent
    for _ in range(MAX_FIGURE_LEVELS):
        if cur is None or cur.tag in ("body", "html", "article", "main"):
            break
        key = cur.mem_id
        if key not in imgs:
            imgs[key] = cur.css_first("img")
        img = imgs[key]
        if img is not None:
            return http_url(_image_src(img), base)
        cur = cur.parent
    return None


#: The errors one caption can raise on malformed page data (see
#: :data:`boilerstrip.metadata.collect.FIELD_ERRORS`): that caption is left
#: out and reported, the others are kept.
CAPTION_ERRORS: tuple[type[BaseException], ...] = (ValueError, TypeError, LookupError, ArithmeticError, RecursionError)


def collect_captions(
    tree: LexborHTMLParser, url: Optional[str], main: Optional[LexborNode], faults: Optional[list[Fault]] = None
) -> tuple[Caption, ...]:
    """The article's image captions, in page order, each once.

    Args:
        tree: the cleaned page.
        url: the page URL, to make image URLs absolute (None: relative image
            URLs give ``image_url=None``).
        main: the main-content root, or None. Captions inside it are never
            excluded; outside it, captions in teaser/related/sidebar/footer
            boxes are.
        faults: when given, a caption that raises one of
            :data:`CAPTION_ERRORS` is reported here (field ``"captions"``)
            and left out; the others are kept.

    Returns:
        A tuple of :class:`~boilerstrip.Caption` (``text`` without the credit;
        ``credit`` or None; absolute ``http``/``https`` ``image_url`` or None).
        Empty when the page has no captions.

    Bound: O(n) in the size of the page: one CSS query; candidates wrapping
    more than :data:`boilerstrip.metadata.dom.MAX_NESTED_CANDIDATES` levels
    of other candidates are not read
    (:func:`~boilerstrip.metadata.dom.too_nested`), so each element is read
    for at most that many captions plus one; whether a candidate wraps
    another caption is known from one upward pass over the candidates (each
    ancestor marked once); each
    caption's text and credit are read from its own subtree, its exclusion
    from at most ``classes.max_ancestor_depth`` ancestors, its image from at
    most :data:`MAX_FIGURE_LEVELS` ancestors, each searched once per page.
    """
    safe = ancestor_ids(main) if main is not None else frozenset()
    out: list[Caption] = []
    seen: set[str] = set()
    found = tree.css(_QUERY)
    wrappers = _wrappers(found)
    nodes = [n for n in found if n.tag not in _SKIP_TAGS]
    skip = too_nested(nodes)
    imgs: dict[int, Optional[LexborNode]] = {}
    for node in nodes:
        if skip and node.mem_id in skip:
            continue
        try:
            caption = _read(node, url, safe, wrappers, imgs)
        except CAPTION_ERRORS as exc:
            if faults is not None:
                faults.append(Fault("captions", f"{type(exc).__name__}: {exc}"))
            continue
        if caption is None:
            continue
        key = " ".join((caption.text or caption.credit or "").casefold().split())
        if key in seen:
            continue
        seen.add(key)
        out.append(caption)
    return tuple(out)


_SKIP_TAGS = frozenset(("img", "body", "html", "meta", "script", "style", "svg"))


def _is_inner(node: LexborNode) -> bool:
    """``node`` matches :data:`_INNER` (tested in Python, as Lexbor does)."""
    if node.tag == "figcaption" or "caption" in attr(node, "itemprop").split():
        return True
    cls = attr(node, "class").lower()
    return "caption" in cls or "legend" in cls


def _wrappers(nodes: list[LexborNode]) -> set[int]:
    """``mem_id`` of the elements that hold a caption element (an
    :data:`_INNER` match that is a caption) below them. Each candidate marks
    its ancestors up to the first one already marked: O(n) in all."""
    marked: set[int] = set()
    for node in nodes:
        if not (_is_inner(node) and _is_caption(node)):
            continue
        cur = node.parent
        while cur is not None and cur.mem_id not in marked:
            marked.add(cur.mem_id)
            cur = cur.parent
    return marked


def _read(
    node: LexborNode, url: Optional[str], safe: frozenset[int], wrappers: set[int], imgs: dict[int, Optional[LexborNode]]
) -> Optional[Caption]:
    """The caption of one candidate element, or None when it is not one."""
    if not _is_caption(node):
        return None
    if not _is_proper(node):
        if node.mem_id in wrappers:
            return None  # a wrapper around the caption proper
        if _inside_proper(node):
            return None  # a part of a <figcaption>, read with it
    text = text_of(node)
    if not text or len(text) > MAX_CAPTION_CHARS or is_excluded(node, safe=safe, tags=EXCLUDE_TAGS):
        return None
    caption, credit = _split_credit(node, text)
    if not caption:
        return None
    return Caption(text=caption, credit=credit, image_url=_image_url(node, url, imgs))
