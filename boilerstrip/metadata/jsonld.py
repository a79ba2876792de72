"""Read the page's JSON-LD (``<script type="application/ld+json">``).

Blocks may be one object, an array, or hold a ``@graph``; authors and
publishers may be ``@id`` references into the graph. Invalid JSON common in
the wild (trailing commas, raw control characters, HTML comment or CDATA
wrappers, several objects in one block) is repaired where it can be; a block
that still does not parse is skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .data import DATA
from .dom import cap_text, unescape_refs

__all__ = ["JsonLd", "read_jsonld", "parse_blocks"]

_CFG = DATA["jsonld"]
ARTICLE_TYPES = frozenset(_CFG["article_types"])
PAGE_TYPES = frozenset(_CFG["page_types"])
ORG_TYPES = frozenset(_CFG["organization_types"])
MAX_ARTICLE_DEPTH: int = _CFG["max_article_depth"]

_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Author:
    """One credited author: its name and whether it is an organisation."""

    name: str
    organization: bool = False


@dataclass
class JsonLd:
    """The article facts the page's JSON-LD states (``""``/empty when absent)."""

    headline: str = ""
    authors: list[Author] = field(default_factory=list)
    date_published: str = ""
    date_created: str = ""
    date_modified: str = ""
    publisher: str = ""
    site_name: str = ""
    description: str = ""
    image: str = ""
    url: str = ""
    language: str = ""
    sections: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


def _loads(text: str) -> list[Any]:
    """Parse one block's text; repair the usual breakages; ``[]`` if hopeless."""
    text = _WRAPPERS.sub("", text.strip())
    if not text:
        return []
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return [json.loads(attempt, strict=False)]
        except RecursionError:
            return []  # nested deeper than Python's stack: not an article's facts
        except ValueError:
            pass
    # several values back to back: decode them one by one
    dec, pos, out = json.JSONDecoder(strict=False), 0, []
    attempt = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))
    while pos < len(attempt):
        while pos < len(attempt) and attempt[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(attempt):
            break
        try:
            value, pos = dec.raw_decode(attempt, pos)
        except (ValueError, RecursionError):
            break
        out.append(value)
    return out


def parse_blocks(texts: list[str]) -> list[Any]:
    """Parse JSON-LD block texts into Python values, skipping the unparseable."""
    return [v for t in texts for v in _loads(t)]


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {x.lower().rsplit("/", 1)[-1] for x in t if isinstance(x, str)}
    return set()


def _walk(value: Any, depth: int = 0) -> Iterator[tuple[dict[str, Any], int]]:
    """Every object in ``value`` with its nesting depth (``@graph`` items are
    depth 0), in document order. Iterative: O(n) in the number of values,
    whatever their nesting."""
    stack: list[tuple[Any, int]] = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, list):
            stack.extend((sub, level) for sub in reversed(item))
        elif isinstance(item, dict):
            yield item, level
            children = [
                (sub, level if key == "@graph" else level + 1)
                for key, sub in item.items()
                if key == "@graph" or isinstance(sub, (dict, list))
            ]
            stack.extend(reversed(children))


def _text(value: str) -> str:
    """A JSON-LD string as text: capped (:func:`~boilerstrip.metadata.dom.cap_text`),
    HTML character references decoded (:func:`~boilerstrip.metadata.dom.unescape_refs`:
    CMSs escape their JSON-LD as HTML), whitespace collapsed. O(n)."""
    return " ".join(unescape_refs(cap_text(value)).split())


def _str(value: Any) -> str:
    """A plain string from a JSON-LD value (string, ``{"@value"}``, first of a list)."""
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _str(value.get("@value") or value.get("name") or value.get("url") or value.get("@id") or "")
    if isinstance(value, list):
        for item in value:
            s = _str(item)
            if s:
                return s
    return ""


def _resolve(value: Any, ids: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in ids:
        return ids[value["@id"]]
    return value


def _authors(value: Any, ids: dict[str, dict[str, Any]]) -> list[Author]:
    out: list[Author] = []
    for item in value if isinstance(value, list) else [value]:
        item = _resolve(item, ids)
        if isinstance(item, str):
            if item.strip():
                out.append(Author(_text(item)))
        elif isinstance(item, dict):
            name = _str(item.get("name"))
            if not name:
                name = " ".join(p for p in (_str(item.get("givenName")), _str(item.get("familyName"))) if p)
            if name:
                out.append(Author(name, bool(_types(item) & ORG_TYPES)))
        elif isinstance(item, list):
            out.extend(_authors(item, ids))
    return out


def _image(value: Any) -> str:
    if isinstance(value, str):
        return cap_text(value).strip()
    if isinstance(value, dict):
        return _image(value.get("url") or value.get("contentUrl") or "")
    if isinstance(value, list):
        for item in value:
            s = _image(item)
            if s:
                return s
    return ""


def _strs(value: Any) -> list[str]:
    """Every plain string of a JSON-LD value (a string, a list, ``{"name"}`` objects)."""
    if isinstance(value, list):
        return [s for item in value for s in _strs(item)]
    s = _str(value)
    return [s] if s else []


def _is_article(types: set[str]) -> bool:
    return any(t in ARTICLE_TYPES or t.endswith("article") for t in types)


def _pick(objects: list[tuple[dict[str, Any], int]]) -> Optional[dict[str, Any]]:
    """The article object: the shallowest article-typed one, the one with the
    most of headline/author/date when several; else a page object."""
    def richness(obj: dict[str, Any]) -> int:
        return sum(1 for k in ("headline", "author", "datePublished", "dateModified") if obj.get(k))

    arts = [(o, d) for o, d in objects if d <= MAX_ARTICLE_DEPTH and _is_article(_types(o))]
    if arts:
        top = min(d for _, d in arts)
        level = [o for o, d in arts if d == top]
        return max(level, key=richness)
    pages = [o for o, d in objects if d <= MAX_ARTICLE_DEPTH and _types(o) & PAGE_TYPES]
    return max(pages, key=richness) if pages else None


def extract(values: list[Any]) -> JsonLd:
    """The article facts of parsed JSON-LD ``values`` (see :func:`read_jsonld`)."""
    objects = list(_walk(values))
    ids: dict[str, dict[str, Any]] = {}
    for obj, _ in objects:
        key = obj.get("@id")
        if isinstance(key, str) and len(obj) > len(ids.get(key, {})):
            ids[key] = obj
    out = JsonLd()
    for obj, _ in objects:
        types = _types(obj)
        if "website" in types and not out.site_name:
            out.site_name = _str(obj.get("name"))
    art = _pick(objects)
    if art is None:
        return out
    out.headline = _str(art.get("headline")) or (_str(art.get("name")) if _is_article(_types(art)) else "")
    out.authors = _authors(art.get("author") or art.get("creator") or [], ids)
    out.date_published = _str(art.get("datePublished"))
    out.date_created = _str(art.get("dateCreated"))
    out.date_modified = _str(art.get("dateModified"))
    publisher = _resolve(art.get("publisher"), ids)
    out.publisher = _str(publisher.get("name")) if isinstance(publisher, dict) else _str(publisher)
    out.description = _str(art.get("description"))
    out.image = _image(_resolve(art.get("image"), ids) or _resolve(art.get("thumbnailUrl"), ids))
    out.url = _str(art.get("url")) or (art["@id"] if isinstance(art.get("@id"), str) and art["@id"].startswith("http") else "")
    out.language = _str(art.get("inLanguage"))
    out.sections = _strs(art.get("articleSection"))
    out.keywords = _strs(art.get("keywords"))
    return out


def read_jsonld(tree: LexborHTMLParser, scripts: Optional[list[LexborNode]] = None) -> JsonLd:
    """The article facts stated by the JSON-LD blocks of ``tree``.

    The article object is the shallowest one typed ``*Article``,
    ``BlogPosting`` or another type of ``jsonld.article_types`` in
    ``data.toml`` (a ``WebPage`` when there is none); author and publisher
    ``@id`` references are resolved through every object on the page.
    ``scripts``: the JSON-LD ``<script>`` elements when already found.
    Unreadable blocks (invalid JSON, nested past Python's stack) are
    skipped, and a page without JSON-LD gives an empty :class:`JsonLd`.
    String values are cut to :data:`.dom.MAX_SOURCE_CHARS` characters.
    O(n) in the size of the blocks.

    Raises:
        RecursionError: a value nested too deep to read its name or URL
            (the caller reports it as a fault of the JSON-LD source).
    """
    if scripts is None:
        scripts = tree.css('script[type="application/ld+json" i]')
    texts = [n.text(deep=True) or "" for n in scripts]
    return extract(parse_blocks(texts))
