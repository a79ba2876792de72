"""Stage 10: the selected blocks and metadata → :class:`~boilerstrip.Article`, and Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .article import Article, Block, Dropped
from .blocks import DROPPED_TEXT_CHARS

if TYPE_CHECKING:  # pragma: no cover
    from .kind import PageKind
    from .select import Selection

__all__ = ["build_article", "to_markdown"]


def build_article(
    meta, sel: "Selection", captions, *, explain: bool, url: Optional[str],
    page: Optional["PageKind"] = None, pass_used: str = "strict",
) -> Article:
    """Assemble the result.

    Args:
        meta: a :class:`boilerstrip.metadata.Metadata`.
        sel: the selection; its kept blocks become ``blocks`` and ``body``.
        captions: tuple of :class:`~boilerstrip.Caption`.
        explain: fill ``dropped``.
        url: the caller's URL; the page's canonical URL is used when ``None``.
        page: the page kind decision (:mod:`boilerstrip.kind`); its reason is
            kept only with ``explain``.
        pass_used: which selection won: ``"strict"``, ``"relaxed"`` or ``"whole"``.
    """
    blocks = tuple(Block(b.kind, b.text, b.level) for b in sel.kept)
    body = "\n\n".join(b.text for b in blocks if b.kind != "caption")
    dropped = None
    if explain:
        dropped = tuple(Dropped(b.text[:DROPPED_TEXT_CHARS], reason) for b, reason in sel.dropped)
    return Article(
        url=url or meta.url,
        title=meta.title,
        authors=tuple(meta.authors),
        date_published=meta.date_published,
        date_modified=meta.date_modified,
        language=meta.language,
        sitename=meta.sitename,
        description=meta.description,
        image=meta.image,
        categories=tuple(meta.categories),
        tags=tuple(meta.tags),
        body=body,
        blocks=blocks,
        captions=tuple(captions),
        dropped=dropped,
        page_kind=page.kind if page is not None else "article",
        pass_used=pass_used,
        page_kind_reason=page.reason if (explain and page is not None) else None,
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
