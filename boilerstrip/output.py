"""Stage 10: the selected blocks and metadata → :class:`~boilerstrip.Article`, and Markdown."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Sequence

from .article import Article, Block, Caption, Dropped, Fault
from .blocks import DROPPED_TEXT_CHARS
from .metadata import Metadata

if TYPE_CHECKING:  # pragma: no cover
    from .select import Selection

__all__ = ["build_article", "to_markdown"]


#: C0 and C1 control characters (tab, newline and carriage return aside):
#: removed from every text field (the blocks' text loses them in
#: :mod:`boilerstrip.blocks`).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_field(value: Optional[str]) -> Optional[str]:
    """``value`` without control characters (and stripped when it had
    some); None stays None, and a value left empty becomes None. O(n)."""
    if value is None or not _CONTROLS.search(value):
        return value
    return " ".join(_CONTROLS.sub("", value).split()) or None


def build_article(
    meta: Metadata,
    sel: "Selection",
    captions: Sequence[Caption],
    *,
    explain: bool,
    url: Optional[str],
    faults: Sequence[Fault] = (),
) -> Article:
    """Assemble the result. O(n) in the size of the blocks and fields.

    Args:
        meta: a :class:`boilerstrip.metadata.Metadata`.
        sel: the selection; its kept blocks become ``blocks`` and ``body``.
        captions: the :class:`~boilerstrip.Caption` s.
        explain: fill ``dropped`` and ``faults``.
        url: the caller's URL; the page's canonical URL is used when ``None``.
        faults: the fields that failed (:class:`~boilerstrip.Fault`).

    Control characters are removed from every text field (:func:`clean_field`).
    """
    blocks = tuple(Block(b.kind, b.text, b.level) for b in sel.kept)
    body = "\n\n".join(b.text for b in blocks if b.kind != "caption")
    dropped = None
    if explain:
        dropped = tuple(Dropped(b.text[:DROPPED_TEXT_CHARS], reason) for b, reason in sel.dropped)
    authors = tuple(a for a in (clean_field(a) for a in meta.authors) if a)
    kept_captions = []
    for c in captions:
        text = clean_field(c.text)
        if text:
            kept_captions.append(Caption(text, clean_field(c.credit), clean_field(c.image_url)))
    return Article(
        url=clean_field(url or meta.url),
        title=clean_field(meta.title),
        authors=authors,
        date_published=meta.date_published,
        date_modified=meta.date_modified,
        language=clean_field(meta.language),
        sitename=clean_field(meta.sitename),
        description=clean_field(meta.description),
        body=body,
        blocks=blocks,
        captions=tuple(kept_captions),
        dropped=dropped,
        faults=tuple(faults) if explain else None,
    )


def _table_markdown(text: str) -> str:
    rows = [line.split(" | ") for line in text.split("\n")]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def to_markdown(article: Article) -> str:
    """Render an article as Markdown (see :meth:`Article.to_markdown`)."""
    parts = []
    if article.title:
        parts.append(f"# {article.title}")
    top = min((b.level for b in article.blocks if b.kind == "heading" and b.level), default=2)
    shift = max(0, 2 - top)
    for b in article.blocks:
        if b.kind == "heading":
            parts.append("#" * min(6, (b.level or 2) + shift) + " " + b.text)
        elif b.kind == "list_item":
            parts.append("  " * max(0, (b.level or 1) - 1) + "- " + b.text)
        elif b.kind == "quote":
            parts.append("> " + b.text)
        elif b.kind == "code":
            parts.append("```\n" + b.text + "\n```")
        elif b.kind == "table":
            parts.append(_table_markdown(b.text))
        elif b.kind == "caption":
            parts.append("*" + b.text + "*")
        else:
            parts.append(b.text)
    # consecutive list items form one list: single newline between them
    out = []
    for i, p in enumerate(parts):
        if i and article.blocks and p.lstrip().startswith("- ") and out and out[-1].lstrip().startswith("- "):
            out[-1] += "\n" + p
        else:
            out.append(p)
    return "\n\n".join(out) + ("\n" if out else "")
