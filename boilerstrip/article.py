"""The result types: :class:`Article`, :class:`Block`, :class:`Caption`, :class:`Dropped`, :class:`Fault`.

All are frozen dataclasses; sequences are tuples so that a result can be
shared, hashed and cached without copies. ``to_dict`` turns tuples into lists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

__all__ = ["Article", "Block", "Caption", "Dropped", "Fault", "BLOCK_KINDS"]

#: The kinds a :class:`Block` can have, in the field's usual terms.
BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "table", "code", "caption")


@dataclass(frozen=True)
class Block:
    """One block of the main content, in reading order.

    Attributes:
        kind: one of :data:`BLOCK_KINDS`. ``caption`` appears only when
            ``extract(..., include_captions=True)``.
        text: the block's plain text, whitespace collapsed. A table is one
            block whose rows are lines and whose cells are separated by `` | ``.
        level: heading level 1-6 for ``heading`` blocks, list nesting depth
            (1 = top level) for ``list_item`` blocks, else ``None``.
        number: for a ``list_item`` block of an ordered list (``<ol>``), the
            item's number as the page shows it (``start``, ``reversed`` and
            ``<li value>`` honoured); ``None`` for unordered lists and other
            blocks. An item of several paragraphs gives several blocks with
            the same number.
    """

    kind: str
    text: str
    level: Optional[int] = None
    number: Optional[int] = None

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": str, "text": str, "level": int | None, "number": int | None}``."""
        return {"kind": self.kind, "text": self.text, "level": self.level, "number": self.number}


@dataclass(frozen=True)
class Caption:
    """An image caption.

    Attributes:
        text: the caption proper, without its credit.
        credit: the photo credit split off the caption ("AP", "Reuters",
            "Photo: Jane Doe", "Getty Images"), or ``None`` if the page gives
            none or it cannot be separated.
        image_url: the absolute URL of the captioned image when it can be
            resolved (relative ``src`` is joined to the page URL), else ``None``.
    """

    text: str
    credit: Optional[str] = None
    image_url: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """``{"text": str, "credit": str | None, "image_url": str | None}``."""
        return {"text": self.text, "credit": self.credit, "image_url": self.image_url}


@dataclass(frozen=True)
class Dropped:
    """A block left out of the main content, with the reason (``explain=True``).

    Attributes:
        text: the block's text (cut to 200 characters).
        reason: the id of the rule that dropped it (e.g. ``"cue.ad-label"``,
            ``"class.share"``) or ``"score:<value>"`` when the density scorer
            placed it outside the main content.
        pattern: for a block dropped by a text cue, the cue's pattern that
            matched, as written in the rules file (``"advertisements?"``);
            else ``None``.
        matched: for a block dropped by a text cue, the text the pattern
            matched: the block trimmed of punctuation at its ends (a
            ``block`` cue), or its start (a ``prefix`` cue: ``"Read more:
            ..."`` gives ``"Read more"``); else ``None``.
    """

    text: str
    reason: str
    pattern: Optional[str] = None
    matched: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        """``{"text": str, "reason": str, "pattern": str | None, "matched": str | None}``."""
        return {"text": self.text, "reason": self.reason, "pattern": self.pattern, "matched": self.matched}


@dataclass(frozen=True)
class Fault:
    """A field (or a source of fields) that could not be read (``explain=True``).

    A fault empties only its own field: the other fields keep their values.
    A fault of a source (``"jsonld"``, ``"meta"``) leaves the fields it feeds
    to the other sources.

    Attributes:
        field: what failed: an :class:`Article` field (``"title"``,
            ``"authors"``, ``"dates"``, ``"language"``, ``"sitename"``,
            ``"description"``, ``"url"``, ``"image"``, ``"captions"``) or a
            source (``"jsonld"``, ``"meta"``, ``"index"``, ``"scope"``).
        error: the exception's type and message, e.g.
            ``"ValueError: Invalid IPv6 URL"``.
    """

    field: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        """``{"field": str, "error": str}``."""
        return {"field": self.field, "error": self.error}


@dataclass(frozen=True)
class Article:
    """What :func:`boilerstrip.extract` returns: the main content and metadata of a page.

    A page without an article is a normal result: ``body == ""`` and
    ``blocks == ()``; metadata fields may still be filled.

    Attributes:
        url: the page URL passed by the caller, or the canonical URL the page
            declares, else ``None``.
        title: the article headline, site-name suffix removed, or ``None``.
        authors: names of the persons or organisations credited, in page
            order, without "By" or job titles.
        date_published: ISO 8601 date (``YYYY-MM-DD``) or datetime (with the
            offset when the page gives one), or ``None``.
        date_modified: same format, the last-update date, or ``None``.
        language: BCP 47 language tag the page declares (``"en"``,
            ``"de-DE"``) or ``None``.
        sitename: the publication's name, or ``None``.
        description: the page's summary (meta/OpenGraph description), or ``None``.
        image: the lead image as an absolute ``http``/``https`` URL: the
            declared one (``og:image``, JSON-LD ``image``), else the first
            figure image of the article; ``None`` when there is none.
        categories: the sections the page declares for the article
            (JSON-LD ``articleSection``, else ``article:section``), in page
            order, each once; ``()`` when none.
        tags: the tags it declares (``article:tag``, else JSON-LD
            ``keywords``, else ``<meta name="keywords">``), split at commas,
            each once; ``()`` when none.
        body: plain text of the main content, one block per paragraph, a
            blank line between blocks; captions never appear here.
        blocks: the same content as typed :class:`Block` objects, in order.
        captions: the image captions of the article, each once.
        page_kind: what kind of page this is: ``article``, ``forum``,
            ``product``, ``documentation``, ``listing``, ``collection`` or
            ``service`` (see :mod:`boilerstrip.kind`). An article unless the
            page declares another kind (JSON-LD, ``og:type``) or its URL has
            the shape of one.
        pass_used: which selection produced ``blocks``: ``"strict"`` (the
            article selection), ``"relaxed"`` (the same with element drop
            rules off, for pages where the strict one kept almost nothing),
            ``"whole"`` (the whole main region, for pages of another kind) or
            ``"listing"`` (card lists counted as content, for pages whose
            article selection kept little beside a list of cards: see
            :mod:`boilerstrip.listing`).
        dropped: with ``explain=True``, the blocks left out and why, in page
            order, then the caption candidates left out, in page order (see
            :class:`Dropped`; a text cue's record names its pattern); else ``None``.
        page_kind_reason: with ``explain=True``, the evidence behind
            ``page_kind`` (``"jsonld:Product"``, ``"url:/forum/"``...); else ``None``.
        faults: with ``explain=True``, the fields that could not be read and
            why (:class:`Fault`; empty when none failed); else ``None``. A
            failed field is empty; the others keep their values.
    """

    url: Optional[str] = None
    title: Optional[str] = None
    authors: tuple[str, ...] = ()
    date_published: Optional[str] = None
    date_modified: Optional[str] = None
    language: Optional[str] = None
    sitename: Optional[str] = None
    description: Optional[str] = None
    image: Optional[str] = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: str = ""
    blocks: tuple[Block, ...] = ()
    captions: tuple[Caption, ...] = ()
    page_kind: str = "article"
    pass_used: str = "strict"
    dropped: Optional[tuple[Dropped, ...]] = field(default=None, compare=False)
    page_kind_reason: Optional[str] = field(default=None, compare=False)
    faults: Optional[tuple[Fault, ...]] = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field; tuples become lists.

        ``dropped`` and ``faults`` are included only when they were asked for
        (``explain=True``).
        """
        out: dict[str, Any] = {
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "date_published": self.date_published,
            "date_modified": self.date_modified,
            "language": self.language,
            "sitename": self.sitename,
            "description": self.description,
            "image": self.image,
            "categories": list(self.categories),
            "tags": list(self.tags),
            "body": self.body,
            "blocks": [b.to_dict() for b in self.blocks],
            "captions": [c.to_dict() for c in self.captions],
            "page_kind": self.page_kind,
            "pass_used": self.pass_used,
        }
        if self.dropped is not None:
            out["dropped"] = [d.to_dict() for d in self.dropped]
        if self.page_kind_reason is not None:
            out["page_kind_reason"] = self.page_kind_reason
        if self.faults is not None:
            out["faults"] = [f.to_dict() for f in self.faults]
        return out

    def to_json(self, indent: Optional[int] = 2) -> str:
        """:meth:`to_dict` serialised as JSON (UTF-8 text, non-ASCII kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self, *, front_matter: bool = False) -> str:
        """The article as Markdown: ``# title``, then the blocks.

        Headings keep their level (shifted so none is above the title);
        items of unordered lists become ``- item``, items of ordered lists
        keep their number (``3. item``); nested items are indented under
        their parent item's text; quotes become ``> quote``, code fenced
        blocks, tables pipe tables, caption blocks ``*caption*``.

        Args:
            front_matter: start with YAML front matter between ``---`` lines:
                ``title``, ``authors`` (a list), ``date_published``,
                ``date_modified`` and ``url``, strings double-quoted, ``null``
                when missing.

        Returns:
            The Markdown text ending with a newline, or ``""`` for an empty
            article without front matter. Never raises.
        """
        from .output import to_markdown

        return to_markdown(self, front_matter=front_matter)

    def to_html(self, *, document: bool = True) -> str:
        """The kept blocks as HTML: an ``<article>`` with the ``<h1>`` title,
        ``<p>``, ``<h2>``-``<h6>`` (levels shifted as in Markdown), ``<ul>`` and
        ``<ol>`` lists (numbers kept, nested lists inside their item),
        ``<blockquote>``, ``<pre><code>``, ``<table>`` rows and, for caption
        blocks, ``<figure><figcaption>``. All text is escaped.

        Args:
            document: ``True`` for a whole document (``<!DOCTYPE html>``,
                ``<html lang>`` from :attr:`language`, ``<title>``);
                ``False`` for the ``<article>`` element alone.

        Returns:
            Well-formed HTML ending with a newline. Never raises.
        """
        from .output import to_html

        return to_html(self, document=document)
