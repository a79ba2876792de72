"""The caption stage: image captions, their photo credits and image URLs.

One CSS query (run by Lexbor) finds the candidates in page order: caption
elements (``<figcaption>``, ``[itemprop=caption]``, class/id tokens of the
``class.caption`` element rule, see :data:`CAPTION_TOKENS`), credit elements (``tokens.credit``) and elements with a
lightbox caption attribute (``elements.caption_attrs``). Every word list and
pattern lives in ``captions.toml`` beside this module. For each candidate:

1. **Which element is read.** A caption element holding an inner caption
   element with most of its text is a wrapper (``<figcaption>`` around
   ``<p class=gallery-caption>`` and a credit line); the inner one is read.
   An element inside a caption element that was read whole is part of it.
2. **Is it the article's.** It is skipped when hidden by its class
   (``tokens.hidden_classes``), inside a teaser, related list, ad, author box,
   sidebar or menu (``_Page.excluded``), or when no image is near it
   (:func:`_figure_of`): a "caption" class on a heading, a quote attribution
   in a ``<figure>``, or a subscribe box is not an image caption. Player
   labels ("Video 01:30 Min.") are rejected by ``text.reject``.
3. **The credit** (:func:`_split_credit`): a credit element inside the
   caption, or beside it in the same figure; else a credit marker ("Photo:",
   "(Foto Prensa Libre: X)", "© X", "Courtesy of X"), a trailing agency
   ("... in Kyiv. Reuters", "... | AFP/Getty Images") or a trailing
   "Name / Agency" line. Gallery counters ("Bild 1 von 4") are removed.
4. **Credit-only captions.** A figure whose only caption is a credit
   ("(Image credit: Tom's Hardware)", ``<footer class=credit>APA/X</footer>``,
   "CC") gives a caption whose ``text`` is the printed credit and whose
   ``credit`` is the credit without its brackets.
5. **Lightbox captions.** An image whose figure has no caption element but
   whose link or ``<img>`` carries ``data-caption`` gets that text.
6. **The image** is the ``<img>`` of the figure (lazy-loading placeholders
   replaced by ``data-src``-like attributes, the largest ``srcset`` candidate,
   a ``<picture>`` source, or the ``<img>`` of a ``<noscript>`` beside it);
   only ``http``/``https`` URLs are returned.
7. Each caption text is kept once (case- and whitespace-insensitive).

Cost: every per-candidate step reads the candidate, at most
:data:`MAX_FIGURE_LEVELS` ancestors (memoised per ancestor, so many sibling
captions under one parent do not re-scan it) and the ancestors up to the
main-content root; nothing walks the whole page per candidate. A candidate
wrapping more than :data:`~boilerstrip.dom.MAX_NESTED_CANDIDATES` levels of
others is not read (:func:`~boilerstrip.dom.too_nested`), so each element
lies in the subtrees of a bounded number of the candidates read.
"""

from __future__ import annotations

import html as _html
import re
from typing import Any, Iterable, Optional
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .article import Caption, Fault
from .dom import NODE_ERRORS, ancestor_ids, attr, text_of, tokens, too_nested, unique_nodes
from .lexicon import COUNT, NUMBER, PATTERNS, STRINGS, Schema, load
from .rules import default_rules
from .urls import http_url

__all__ = ["collect_captions", "noscript_images"]

#: What ``captions.toml`` must hold (see :mod:`boilerstrip.lexicon`).
SCHEMA: Schema = {
    "tokens": {
        name: STRINGS
        for name in ("credit", "exclude", "exclude_tags", "caption_query_parts", "credit_query_parts",
                     "exclude_outside_main", "hidden_classes")
    },
    "elements": {name: STRINGS for name in ("image_selectors", "caption_attrs", "lazy_src_attrs", "srcset_attrs",
                                            "placeholder_words")},
    "text": {
        **{name: STRINGS for name in ("credit_markers", "credit_phrases", "agencies")},
        **{name: PATTERNS for name in ("whole_credit", "counters", "reject", "labels", "credit_labels")},
    },
    "limits": {"max_caption_chars": COUNT, "max_credit_chars": COUNT, "max_name_words": COUNT, "wrapper_share": NUMBER},
}
#: The parsed ``captions.toml``, read once and checked against :data:`SCHEMA`
#: (a malformed file raises :class:`~boilerstrip.errors.DataError` at import).
DATA: dict[str, Any] = load(__package__, "captions.toml", SCHEMA)

#: Class/id tokens of caption elements: those of the shipped element rules
#: whose action is ``caption`` (``class.caption`` in ``rules/data/structure.toml``),
#: so that the walk and this stage agree on what a caption is. A token that is
#: also a credit token (:data:`CREDIT_TOKENS`) marks a credit element here.
CAPTION_TOKENS = frozenset(t for r in default_rules().element_rules if r.action == "caption" for t in r.tokens)
CREDIT_TOKENS = frozenset(DATA["tokens"]["credit"])
EXCLUDE_TOKENS = frozenset(DATA["tokens"]["exclude"])
EXCLUDE_OUTSIDE_MAIN = EXCLUDE_TOKENS | frozenset(DATA["tokens"]["exclude_outside_main"])
HIDDEN_CLASSES = frozenset(c.lower() for c in DATA["tokens"]["hidden_classes"])
IMAGE_SELECTORS = tuple(DATA["elements"]["image_selectors"])
IMAGE_TAGS = frozenset(sel for sel in IMAGE_SELECTORS if not sel.startswith("["))
CAPTION_ATTRS = tuple(DATA["elements"]["caption_attrs"])
MAX_CAPTION_CHARS: int = DATA["limits"]["max_caption_chars"]
MAX_CREDIT_CHARS: int = DATA["limits"]["max_credit_chars"]
MAX_NAME_WORDS: int = DATA["limits"]["max_name_words"]
WRAPPER_SHARE: float = DATA["limits"]["wrapper_share"]
#: Tags whose captions are not the article's (side boxes, page footer, menus).
EXCLUDE_TAGS = frozenset(DATA["tokens"]["exclude_tags"])
#: How many ancestors up a caption's image is looked for (figure > div > img).
MAX_FIGURE_LEVELS = 3
#: A credit beside the caption is looked for only in figures with at most this
#: many caption elements (a caption and its mobile copy, a wrapper and its
#: parts); in a bigger one it is not clear whose credit it is.
MAX_FIGURE_CAPTIONS = 8
#: Only the first this many caption candidates (caption, credit and
#: caption-attribute elements, in page order) are read: each costs a few
#: ancestor walks and subtree reads, so a page of tens of thousands of
#: ``<figcaption>`` costs no more than one of this many. The shared dataset
#: pages have at most 289. With ``explain``, one entry
#: ``caption.over-budget`` says how many were not read.
MAX_CAPTION_CANDIDATES = 4_096
_STOP_TAGS = frozenset({"body", "html", "article", "main", "-document", "#document"})
_SKIP_TAGS = frozenset({"img", "body", "html", "meta", "script", "style", "svg", "head", "title", "link"})

#: Image ``src`` values that are lazy-loading placeholders.
_PLACEHOLDER = re.compile(
    r"^(?:data:|about:|javascript:|//:0)|(?:" + "|".join(map(re.escape, DATA["elements"]["placeholder_words"])) + ")"
    r"[\w-]*\.(?:gif|png|jpe?g|svg|webp)",
    re.I,
)
#: Attributes that hold a lazy-loaded image's real source, and its source sets.
_LAZY_ATTRS = tuple(DATA["elements"]["lazy_src_attrs"])
_SRCSET_ATTRS = tuple(DATA["elements"]["srcset_attrs"])


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _substring_query(words: Iterable[str]) -> str:
    return ", ".join(f'[class*="{w}" i]' for w in sorted(words))


_MARKER_ALT = _alt(DATA["text"]["credit_markers"])
_PHRASE_ALT = _alt(DATA["text"]["credit_phrases"])
_AGENCY_ALT = _alt(DATA["text"]["agencies"])
_CAPTION_QUERY = (
    'figcaption, [itemprop~="caption"], ' + _substring_query(DATA["tokens"]["caption_query_parts"]) + ', [id*="caption" i]'
)
_CREDIT_QUERY = _substring_query(DATA["tokens"]["credit_query_parts"]) + ', [itemprop~="copyrightHolder"]'
_ATTR_QUERY = ", ".join(f"[{a}]" for a in CAPTION_ATTRS)
_QUERY = f"{_CAPTION_QUERY}, {_CREDIT_QUERY}, {_ATTR_QUERY}"
_IMAGE_QUERY = ", ".join(IMAGE_SELECTORS)
#: Link targets that are image files (a lightbox link), not another page.
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#].*)?$", re.I)

#: "(Foto: X)" / "(Foto Prensa Libre: X)" / "(© X)" / "(Teresa Canino Rivera)" /
#: "(REUTERS/Denis Balibouse)" / "(Ministerio de Defensa de Rusia vía AP)" at the end.
#: 2-5 capitalised words ("[^\W\d_a-zß-ÿ]": a letter that is not lower-case Latin).
_UPPER_NAME = r"[^\W\d_a-zß-ÿ][\w.'’-]+(?:\s+[^\W\d_a-zß-ÿ][\w.'’-]+){1,4}"
_PAREN_CREDIT = re.compile(
    rf"\s*[(\[]\s*((?:(?:{_MARKER_ALT})(?:\s+[\w.'’-]+){{0,3}}\s*:|©|\(c\)|(?:{_PHRASE_ALT})\s)[^()\[\]]*"
    rf"|[^()\[\]\s][^()\[\]]{{0,60}}/[^()\[\]]+"
    rf"|(?:{_AGENCY_ALT})\b[^()\[\]]*|[^()\[\]]*\s(?:{_AGENCY_ALT})"
    rf"|(?-i:{_UPPER_NAME}))[)\]]\s*\.?$",
    re.I,
)
#: "Photo: X" / "© X" / "Image credit: X" / "Courtesy of X" starting a trailing credit.
_MARKER_CREDIT = re.compile(
    rf"(?:^|(?<=[.!?…»”\"')])\s+|\s+[|/–—-]\s+|\s+)((?:(?:{_MARKER_ALT})\s*:|©|\(c\)|copyright\b)\s*\S.*)$"
    rf"|(?:^|(?<=[.!?…»”\"')])\s+|\s+[|–—-]\s+)((?:{_PHRASE_ALT})\s+\S.*)$",
    re.I,
)
#: A credit marker with nothing after it.
_BARE_MARKER = re.compile(rf"^(?:{_MARKER_ALT})\s*:?$|^©$", re.I)
#: A leading "Photo: X" credit element text.
_LEADING_MARKER = re.compile(rf"^(?:(?:{_MARKER_ALT})\s*:|©)", re.I)
#: A trailing agency credit: "... Kyiv. Reuters", "... | AFP/Getty Images",
#: "... KCNA via Reuters", "... Nathan Alliard / Photononstop / AFP".
_AGENCY_CREDIT = re.compile(
    rf"(?:(?<=[.!?…»”\"')])\s+|\s+[|/–—-]\s+)((?:[\w.'’ -]{{1,40}}\s?/\s?){{0,3}}(?:[\w.'’-]+(?: [\w.'’-]+){{0,2}} (?:via|vía) )?"
    rf"(?i:{_AGENCY_ALT})(?:/[\w.' -]{{1,40}})?(?: (?:Photo|Photos|Images|via [\w ]{{1,30}}))?)\.?$"
)
#: "... Ministra del Micitt. Archivo/La República": a short "X/Y" line after the last sentence.
_SLASH_CREDIT = re.compile(r"(?<=[.!?…»”\"])\s+([\w.'’-]+(?: [\w.'’-]+){0,3}\s?/\s?[\w.'’-]+(?: [\w.'’-]+){0,3})$")
#: "... | LÍBERO": an upper-case source after a bar.
_BAR_CREDIT = re.compile(r"\s+\|\s+([^\W\d_a-zß-ÿ][^\W\d_a-zß-ÿ&.' -]{1,40})$")
#: A whole caption that is a credit: ``text.whole_credit``, an agency alone ("Reuters"), or one
#: "name/Agency" word ("imaginima/Getty Images").
_WHOLE_CREDIT = re.compile("^(?:" + "|".join(DATA["text"]["whole_credit"]) + rf"|(?:[\w.'’-]+/)?(?:{_AGENCY_ALT})(?: (?:Photo|Photos|Images))?)$", re.I)
_CREDIT_LABELS = re.compile("|".join(DATA["text"]["credit_labels"]), re.I)
_COUNTERS = re.compile("|".join(DATA["text"]["counters"]), re.I)
_REJECT = re.compile("|".join(DATA["text"]["reject"]), re.I)
_LABELS = re.compile("|".join(DATA["text"]["labels"]), re.I)
_SENTENCE_END = re.compile(r"[.!?…»”\"]\s+((?:[^\W\d_][\w.'’-]*\s+){0,%d}[^\W\d_][\w.'’-]*)$" % (MAX_NAME_WORDS - 1))
_TAGS = re.compile(r"<[^>]*>")
#: A sentence end inside a matched credit (two letters, so "J. Smith" is not one).
_SENTENCE_IN_CREDIT = re.compile(r"\w\w[.!?…]\s+(?=\S)")
#: A full sentence: a caption, not a photographer's name.
_HAS_SENTENCE = re.compile(r"\w[.!?…](?:\s|$)")
#: "Text / Źródło:" left before a credit element: the marker is the credit's label.
_TRAILING_MARKER = re.compile(rf"(?:^|\s+[|/–—-]?\s*)((?:{_MARKER_ALT})\s*:)$", re.I)


def noscript_images(tree: LexborHTMLParser) -> dict[int, str]:
    """``{mem_id of a <noscript>'s parent: src of the <img> inside it}``.

    Lazy-loading templates put the real ``<img>`` in a ``<noscript>`` beside
    a placeholder; the clean stage removes ``<noscript>``, so call this before
    cleaning. One query per page; never raises.
    """
    out: dict[int, str] = {}
    try:
        for ns in tree.css("noscript"):
            parent = ns.parent
            if parent is None or parent.mem_id in out:
                continue
            img = ns.css_first("img")
            if img is None:  # Lexbor may keep <noscript> content as text
                m = re.search(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)""", ns.text(deep=True) or "", re.I)
                src = m.group(1) if m else ""
            else:
                src = attr(img, "src") or attr(img, "data-src")
            if src and not _PLACEHOLDER.search(src):
                out[parent.mem_id] = src
    except NODE_ERRORS:  # a node Lexbor cannot read gives no noscript images, not no article
        return {}
    return out


def _classes(node: LexborNode) -> set[str]:
    return set(attr(node, "class").lower().split())


def _is_hidden(node: LexborNode) -> bool:
    return not _classes(node).isdisjoint(HIDDEN_CLASSES)


def _is_proper(node: LexborNode) -> bool:
    return node.tag == "figcaption" or attr(node, "itemprop").lower() == "caption"


def _role(node: LexborNode) -> Optional[str]:
    """``"caption"``, ``"credit"``, ``"attr"`` (a lightbox caption attribute) or None."""
    toks = tokens(node)
    credit = not toks.isdisjoint(CREDIT_TOKENS) or any(t.endswith(("credit", "copyright")) for t in toks)
    if credit or attr(node, "itemprop").lower() == "copyrightholder":
        return "credit"
    if _is_proper(node) or not toks.isdisjoint(CAPTION_TOKENS) or any(t.endswith("caption") for t in toks):
        return "caption"
    if any(attr(node, a) for a in CAPTION_ATTRS):
        return "attr"
    return None


class _Page:
    """Per-page memo: which ancestors hold an image, which captions they hold."""

    def __init__(self, main: Optional[LexborNode], noscript: dict[int, str]) -> None:
        self.safe = ancestor_ids(main) if main is not None else frozenset()
        self.main_id = main.mem_id if main is not None else None
        self.noscript = noscript
        self._image: dict[int, Optional[LexborNode]] = {}
        self._parts: dict[int, tuple[list[LexborNode], list[LexborNode]]] = {}
        self._excluded: dict[int, tuple[bool, bool]] = {}

    def image_of(self, node: LexborNode) -> Optional[LexborNode]:
        """The first image element in ``node`` (memoised), None if it has none."""
        key = node.mem_id
        if key not in self._image:
            self._image[key] = node.css_first(_IMAGE_QUERY) if node.tag not in IMAGE_TAGS else node
        return self._image[key]

    def has_image(self, node: LexborNode) -> bool:
        return self.image_of(node) is not None or node.mem_id in self.noscript

    def parts(self, figure: LexborNode) -> tuple[list[LexborNode], list[LexborNode]]:
        """``(caption elements, credit elements)`` inside ``figure`` (memoised)."""
        key = figure.mem_id
        if key not in self._parts:
            captions, credits = [], []
            for sub in figure.css(f"{_CAPTION_QUERY}, {_CREDIT_QUERY}"):
                role = _role(sub)
                if role == "caption":
                    captions.append(sub)
                elif role == "credit":
                    credits.append(sub)
            self._parts[key] = (captions, credits)
        return self._parts[key]

    def excluded(self, node: LexborNode) -> bool:
        """True when ``node`` sits in a teaser, related list, ad, author box,
        sidebar or menu: an element between it and the main-content root has
        an ``EXCLUDE_TAGS`` tag, a hidden class or a ``tokens.exclude`` class/id token; outside
        the main content, ``tokens.exclude_outside_main`` too (carousels of
        other articles). The main-content root's own ancestors never exclude
        (page layouts are named "layout-with-sidebar"), nor do those of a
        ``<main>`` landmark, which counts as main content too.

        Memoised per element as ``(excluded, inside main)``, so every element
        of the page is classified at most once however many captions share it.
        """
        memo = self._excluded
        path: list[LexborNode] = []
        cur: Optional[LexborNode] = node
        base = (False, False)
        while cur is not None:
            key = cur.mem_id
            if key in memo:
                base = memo[key]
                break
            if key in self.safe:
                base = memo[key] = (False, key == self.main_id)
                break
            if cur.tag == "main" or attr(cur, "role") == "main":  # the page's main landmark: as the main content
                base = memo[key] = (False, True)
                break
            if cur.tag in ("html", "-document", "#document"):
                break
            path.append(cur)
            cur = cur.parent
        for el in reversed(path):
            excluded, inside = base
            if not excluded:
                words = EXCLUDE_TOKENS if inside else EXCLUDE_OUTSIDE_MAIN
                excluded = el.tag in EXCLUDE_TAGS or not tokens(el).isdisjoint(words) or _is_hidden(el)
            base = memo[el.mem_id] = (excluded, inside)
        return base[0]


def _figure_of(page: _Page, node: LexborNode) -> Optional[LexborNode]:
    """The nearest ancestor (at most :data:`MAX_FIGURE_LEVELS` up, below any
    ``<article>``/``<main>``) that holds an image (``elements.image_selectors``
    or a ``<noscript>`` image); None when no image is near."""
    cur = node.parent
    for _ in range(MAX_FIGURE_LEVELS):
        if cur is None or cur.tag in _STOP_TAGS:
            return None
        if page.has_image(cur):
            return cur
        cur = cur.parent
    return None


def _clean(text: str) -> str:
    text = _COUNTERS.sub(" ", text)
    return " ".join(text.split()).strip(" |/-–—,;")


def _split_text(text: str) -> tuple[str, Optional[str]]:
    """``(caption, credit)`` of a caption text by its credit patterns; caption
    ``""`` when the whole text is a credit."""
    if _WHOLE_CREDIT.match(text):
        return "", text
    for pattern in (_PAREN_CREDIT, _MARKER_CREDIT, _AGENCY_CREDIT, _SLASH_CREDIT, _BAR_CREDIT):
        m = pattern.search(text)
        if not m:
            continue
        credit = next(g for g in m.groups() if g)
        if len(credit) > MAX_CREDIT_CHARS:
            continue
        start = m.start()
        last = None
        for last in _SENTENCE_IN_CREDIT.finditer(credit):
            pass
        if last is not None:  # "... false. Nathan Alliard / AFP": the credit starts after the last sentence
            start = m.start(m.lastindex or 1) + last.end()
            credit = credit[last.end():]
        rest = text[:start].strip(" |/-–—,")
        return rest, credit.strip()
    return text, None


def _credit_form(credit: str) -> Optional[str]:
    """A credit as returned: no surrounding brackets, no "Credit:" label before
    another marker; None when nothing is left."""
    credit = credit.strip()
    if credit[:1] in "([" and credit[-1:] in ")]":
        credit = credit[1:-1].strip()
    credit = _CREDIT_LABELS.sub("", credit).strip()
    if _BARE_MARKER.match(credit):  # "(Bild: )": a label left without a name
        return None
    return credit or None


def _element_credit(node: LexborNode, text: str, credits: list[LexborNode]) -> tuple[str, Optional[str]]:
    """Split the text of a credit element (``credits``) off ``text``; else a
    leading child element "Photo: X". ``(text, None)`` when none applies.

    A photographer's name printed between the last sentence and a trailing
    credit element (at most ``limits.max_name_words`` capitalised words) is
    part of the credit.
    """
    for sub in credits:
        credit = _clean(text_of(sub))
        if not credit or len(credit) > MAX_CREDIT_CHARS:
            continue
        if credit == text:
            return "", credit
        if credit in text:
            head, _, tail = text.partition(credit)
            rest = _clean(f"{head} {tail}")
            if not tail.strip(" .|/-–—,"):
                marker = _TRAILING_MARKER.search(head.strip())
                m = _SENTENCE_END.search(rest)
                if marker:
                    rest, credit = _clean(head.strip()[: marker.start()]), f"{marker.group(1)} {credit}"
                elif m and m.group(1)[:1].isupper():
                    rest, credit = rest[: m.start(1)].rstrip(), f"{m.group(1)} {credit}"
            return rest, credit
    for child in node.iter(include_text=False):
        child_text = _clean(text_of(child))
        if child_text and child_text != text and len(child_text) <= MAX_CREDIT_CHARS and _LEADING_MARKER.match(child_text):
            if text.startswith(child_text):
                return _clean(text[len(child_text):]), child_text
    return text, None


def _split_credit(node: LexborNode, text: str, credits: list[LexborNode]) -> tuple[str, Optional[str]]:
    """``(caption text, credit)`` of a caption element with text ``text``;
    caption text ``""`` when the element is a credit alone.

    Order: a credit element (:func:`_element_credit`), else the text
    patterns (:func:`_split_text`).
    """
    rest, credit = _element_credit(node, text, credits)
    if credit is None:
        rest, credit = _split_text(text)
    return rest, (_credit_form(credit) if credit is not None else None)


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


def _image_src(img: LexborNode) -> str:
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


def _absolute(src: str, base: Optional[str]) -> Optional[str]:
    """``src`` as an absolute http(s) URL with a host (:func:`boilerstrip.urls.http_url`), else None."""
    return http_url(src, base) if src else None


def _image_url(page: _Page, figure: Optional[LexborNode], base: Optional[str]) -> Optional[str]:
    """The absolute http(s) URL of the image of ``figure``, else None."""
    if figure is None:
        return None
    img = page.image_of(figure)
    src = ""
    if img is not None and img.tag == "picture":
        inner = img.css_first("img")
        src = _image_src(inner) if inner is not None else ""
    elif img is not None:
        src = _image_src(img)
    if not src:
        cur: Optional[LexborNode] = img.parent if img is not None else None
        for _ in range(MAX_FIGURE_LEVELS):  # the real <img> in a <noscript> beside the placeholder
            if cur is None:
                break
            if cur.mem_id in page.noscript:
                src = page.noscript[cur.mem_id]
                break
            if cur.mem_id == figure.mem_id:
                break
            cur = cur.parent
        if not src:
            src = page.noscript.get(figure.mem_id, "")
    return _absolute(src, base)


def collect_captions(
    tree: LexborHTMLParser,
    url: Optional[str],
    main: Optional[LexborNode],
    noscript: Optional[dict[int, str]] = None,
    rejected: Optional[list[tuple[str, str]]] = None,
    faults: Optional[list[Fault]] = None,
) -> tuple[Caption, ...]:
    """The article's image captions, in page order, each once.

    Args:
        tree: the cleaned page (a ``selectolax.lexbor.LexborHTMLParser``).
        url: the page URL, to make image URLs absolute (None: relative image
            URLs give ``image_url=None``).
        main: the main-content root, or None. Inside it, galleries and
            carousels are the article's; outside it, they are not (see
            ``captions.toml``).
        noscript: :func:`noscript_images` of the page before cleaning, for
            images whose only real ``<img>`` sat in a ``<noscript>``.
        rejected: when a list, ``(text, reason)`` is appended for every
            candidate left out: ``caption.hidden``, ``caption.no-image``,
            ``caption.excluded-box`` (teaser, ad, author box, sidebar...),
            ``caption.teaser-link``, ``caption.label`` (player or rating
            label), ``caption.notice`` (a copyright notice),
            ``caption.too-long``; and once ``caption.over-budget`` with
            the number of candidates past :data:`MAX_CAPTION_CANDIDATES`
            that were not read.

    Returns:
        A tuple of :class:`~boilerstrip.Caption` (``text`` without the credit,
        or the printed credit for a credit-only caption; ``credit`` or None;
        absolute ``http``/``https`` ``image_url`` or None). Empty when the page
        has no captions. A candidate that cannot be read (one of
        :data:`CAPTION_ERRORS`) is left out and, when ``faults`` is a list,
        listed there as a ``Fault("captions", ...)``; the others are kept.

    Bound: one CSS query over the page, then the first
    :data:`MAX_CAPTION_CANDIDATES` candidates are read, so a page's caption
    work stops growing past that many candidates.
    """
    return _collect(tree, url, main, noscript or {}, rejected, faults)


def _wrapped_inner(node: LexborNode, text: str) -> bool:
    """True when ``node`` is a wrapper around an inner caption element, which
    is read instead: any inner one for a class-named container, one holding
    at least ``limits.wrapper_share`` of the text for a ``<figcaption>``. An
    inner element that is only a credit ("<span class=subcaption>AP</span>")
    does not count."""
    proper = _is_proper(node)
    for inner in node.css(_CAPTION_QUERY):
        if inner.mem_id == node.mem_id or _role(inner) != "caption" or _is_hidden(inner):
            continue
        inner_text = _clean(text_of(inner))
        if not inner_text or not _split_text(inner_text)[0]:
            continue
        if not proper or len(inner_text) >= WRAPPER_SHARE * len(text):
            return True
    return False


def _near_caption(page: _Page, node: LexborNode) -> bool:
    """True when an ancestor of ``node`` (at most :data:`MAX_FIGURE_LEVELS`
    up) holds a caption element: the shown caption wins over the attribute."""
    cur = node.parent
    for _ in range(MAX_FIGURE_LEVELS):
        if cur is None or cur.tag in _STOP_TAGS:
            return False
        if page.parts(cur)[0]:
            return True
        cur = cur.parent
    return False


def _in_page_link(node: LexborNode) -> bool:
    """True when ``node`` or one of its two nearest ancestors is a link to
    another page (a teaser), not to an image file (a lightbox)."""
    cur: Optional[LexborNode] = node
    for _ in range(3):
        if cur is None:
            return False
        if cur.tag == "a":
            href = attr(cur, "href")
            return bool(href) and not href.startswith("#") and not _IMAGE_FILE.search(href)
        cur = cur.parent
    return False


def _ancestors_up_to(node: LexborNode, top: LexborNode) -> set[int]:
    """``mem_id`` of the ancestors of ``node`` up to ``top`` (at most :data:`MAX_FIGURE_LEVELS` + 1)."""
    out: set[int] = set()
    cur = node.parent
    for _ in range(MAX_FIGURE_LEVELS + 1):
        if cur is None:
            break
        out.add(cur.mem_id)
        if cur.mem_id == top.mem_id:
            break
        cur = cur.parent
    return out


def _inside(node: LexborNode, ids: set[int]) -> bool:
    cur = node.parent
    for _ in range(MAX_FIGURE_LEVELS + 1):
        if cur is None:
            return False
        if cur.mem_id in ids:
            return True
        cur = cur.parent
    return False


#: What reading one malformed caption candidate may raise (a value the page
#: gives that a step cannot take): the candidate is left out and listed as a
#: fault; any other exception is a bug and propagates.
CAPTION_ERRORS: tuple[type[BaseException], ...] = (ValueError, TypeError, LookupError, ArithmeticError, RecursionError)


def _collect(
    tree: LexborHTMLParser, url: Optional[str], main: Optional[LexborNode], noscript: dict[int, str],
    rejected: Optional[list[tuple[str, str]]] = None, faults: Optional[list[Fault]] = None,
) -> tuple[Caption, ...]:
    page = _Page(main, noscript)

    def reject(text: str, reason: str) -> None:
        if rejected is not None and text:
            rejected.append((text, f"caption.{reason}"))

    out: list[Caption] = []
    seen: dict[str, int] = {}  # caption key -> index in out
    read: set[int] = set()  # elements whose text was read whole (their parts are not read again)
    done_figures: set[int] = set()  # figures that gave a caption

    def emit(text: str, credit: Optional[str], figure: Optional[LexborNode]) -> None:
        key = " ".join(text.casefold().split())
        if not key:
            return
        if key in seen:  # a repeat (gallery, lightbox, mobile copy) may carry the credit the first lacked
            i = seen[key]
            if out[i].credit is None and credit is not None:
                out[i] = Caption(text=out[i].text, credit=credit, image_url=out[i].image_url)
            return
        seen[key] = len(out)
        if figure is not None:
            done_figures.add(figure.mem_id)
        out.append(Caption(text=text, credit=credit, image_url=_image_url(page, figure, url)))

    def one(node: LexborNode) -> None:
        if node.tag in _SKIP_TAGS and node.tag != "img":
            return
        if _is_hidden(node):
            if rejected is not None:
                reject(_clean(text_of(node)), "hidden")
            return
        role = _role(node)
        if role is None or _inside(node, read):
            return
        if role == "attr":
            figure = _figure_of(page, node) or (node.parent if node.tag == "img" else None)
            if figure is None or figure.mem_id in done_figures or _near_caption(page, node):
                return
            value = next((attr(node, a) for a in CAPTION_ATTRS if attr(node, a)), "")
            text = _clean(_html.unescape(_TAGS.sub(" ", _html.unescape(value))))
            if _in_page_link(node):
                reject(text, "teaser-link")
                return
            if not tokens(node).isdisjoint(EXCLUDE_TOKENS) or page.excluded(node.parent or node):
                reject(text, "excluded-box")
                return
            if text and len(text) <= MAX_CAPTION_CHARS:
                caption, credit = _split_credit(node, text, [])
                emit(caption or text, credit, figure)
            return
        if node.tag in ("img", "a"):
            return  # a link styled "caption" (a typography class) is a link, not a caption
        text = _LABELS.sub("", _clean(text_of(node)))
        if not text:
            return
        if len(text) > MAX_CAPTION_CHARS:
            reject(text, "too-long")
            return
        if role == "credit":
            rest, split = _split_text(text)
            if rest and split and _HAS_SENTENCE.search(rest):
                role = "caption"  # a credit element holding a caption and its credit
            elif len(text) > MAX_CREDIT_CHARS:
                reject(text, "notice")  # a copyright notice, not a photo credit
                return
        if role == "caption" and _wrapped_inner(node, text):
            return
        figure = _figure_of(page, node)
        if figure is None:
            reject(text, "no-image")
            return
        if _REJECT.search(text):
            reject(text, "label")
            return
        if role == "caption" and page.excluded(node):
            reject(text, "excluded-box")
            return
        # a credit element may be a <footer>: its own tag does not exclude it, its class tokens do
        if role == "credit" and (not tokens(node).isdisjoint(EXCLUDE_TOKENS) or page.excluded(node.parent or node)):
            reject(text, "excluded-box")
            return
        captions_in_figure, fig_credits = page.parts(figure)
        n_caps = len(captions_in_figure)
        if role == "credit":
            if n_caps or figure.mem_id in done_figures:
                return  # read with the figure's caption
            read.add(node.mem_id)
            emit(text, _credit_form(text), figure)
            return
        read.add(node.mem_id)
        inner = [c for c in node.css(_CREDIT_QUERY) if c.mem_id != node.mem_id and _role(c) == "credit"]
        # credits beside the caption in its figure, when the figure holds no other caption
        beside: list[LexborNode] = []
        if not inner and fig_credits and n_caps <= MAX_FIGURE_CAPTIONS:
            own = _ancestors_up_to(node, figure)
            if all(c.mem_id in own or c.mem_id == node.mem_id or text in _clean(text_of(c)) for c in captions_in_figure):
                beside = [c for c in fig_credits if c.mem_id not in own and not _inside(c, {node.mem_id}) and text_of(c)]
        caption, credit = _split_credit(node, text, inner)
        if credit is None and beside:
            caption, credit = text, _credit_form(_clean(text_of(beside[0])))
            if credit and len(credit) > MAX_CREDIT_CHARS:
                credit = None
        emit(caption or text, credit, figure)

    nodes = unique_nodes(tree.css(_QUERY))
    if len(nodes) > MAX_CAPTION_CANDIDATES:
        if rejected is not None:
            rejected.append((f"{len(nodes) - MAX_CAPTION_CANDIDATES:,} more caption candidates", "caption.over-budget"))
        nodes = nodes[:MAX_CAPTION_CANDIDATES]
    # a wrapper of more than MAX_NESTED_CANDIDATES levels of caption boxes is
    # not read: each level would query and read the subtree below it
    wrappers = too_nested(nodes)
    for node in nodes:
        if wrappers and node.mem_id in wrappers:
            continue
        try:
            one(node)
        except CAPTION_ERRORS as exc:  # a malformed candidate: left out on its own, and listed
            if faults is not None:
                faults.append(Fault("captions", f"{type(exc).__name__}: {exc}"))
    return tuple(out)
