"""Stage 10: the selected blocks and metadata → :class:`~boilerstrip.Article`; Markdown and HTML."""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from .article import Article, Block, Caption, Dropped, Fault
from .blocks import DROPPED_TEXT_CHARS
from .dom import no_controls

if TYPE_CHECKING:  # pragma: no cover
    from .blocks import TextBlock
    from .kind import PageKind
    from .rules import Ruleset
    from .metadata import Metadata
    from .select import Selection

__all__ = ["build_article", "to_markdown", "to_html", "yaml_front_matter"]


def clean_field(value: Optional[str]) -> Optional[str]:
    """``value`` without control characters (:func:`boilerstrip.dom.no_controls`,
    the blocks' own rule), stripped when it had some; None stays None, and a
    value left empty becomes None. O(n)."""
    if value is None:
        return value
    cleaned = no_controls(value)
    if cleaned is value:  # no control character: the common case, no copy
        return value
    return " ".join(cleaned.split()) or None


def build_article(
    meta: "Metadata", sel: "Selection", captions: Iterable[Caption], *, explain: bool, url: Optional[str],
    page: Optional["PageKind"] = None, pass_used: str = "strict", faults: Sequence[Fault] = (),
    rules: Optional["Ruleset"] = None, page_blocks: Sequence["TextBlock"] = (),
) -> Article:
    """Assemble the result. O(n) in the size of the blocks and fields.

    Args:
        meta: a :class:`boilerstrip.metadata.Metadata`.
        sel: the selection; its kept blocks become ``blocks`` and ``body``.
        captions: the :class:`~boilerstrip.Caption` objects, in page order.
        explain: fill ``dropped`` and ``faults``.
        url: the caller's URL; the page's canonical URL is used when ``None``.
        page: the page kind decision (:mod:`boilerstrip.kind`); its reason is
            kept only with ``explain``.
        pass_used: which selection won: ``"strict"``, ``"relaxed"``, ``"whole"`` or ``"listing"``.
        faults: the fields that failed (:class:`~boilerstrip.Fault`).
        rules: with ``explain``, the ruleset whose text cues dropped blocks:
            each such record gets the cue's pattern and the text it matched
            (:meth:`~boilerstrip.Ruleset.cue_match`).
        page_blocks: with ``explain``, every block of the page in page order
            (the segmentation's): the dropped records follow it (a dropped
            block not among them goes last).

    Control characters are removed from every text field (:func:`clean_field`).

    Returns:
        The :class:`~boilerstrip.Article`; ``body`` is the kept blocks' text
        (captions left out) with a blank line between blocks.
    """
    blocks = tuple(Block(b.kind, b.text, b.level, b.number) for b in sel.kept)
    body = "\n\n".join(b.text for b in blocks if b.kind != "caption")
    dropped = None
    if explain:
        dropped = _dropped_records(sel.dropped, rules, page_blocks)
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
        image=meta.image,
        categories=tuple(c for c in (clean_field(x) for x in meta.categories) if c),
        tags=tuple(t for t in (clean_field(x) for x in meta.tags) if t),
        body=body,
        blocks=blocks,
        captions=tuple(kept_captions),
        dropped=dropped,
        page_kind=page.kind if page is not None else "article",
        pass_used=pass_used,
        page_kind_reason=page.reason if (explain and page is not None) else None,
        faults=tuple(faults) if explain else None,
    )


def _dropped_records(
    dropped: Sequence[tuple["TextBlock", str]], rules: Optional["Ruleset"], page_blocks: Sequence["TextBlock"]
) -> tuple[Dropped, ...]:
    """The :class:`Dropped` records of ``dropped`` in page order, text cues
    with their pattern. O(blocks), plus one pattern search per block a text
    cue dropped."""
    position = {id(b): i for i, b in enumerate(page_blocks)}
    last = len(position)
    out = []
    for _, block, reason in sorted(
        ((position.get(id(b), last), b, reason) for b, reason in dropped), key=lambda item: item[0]
    ):
        hit = rules.cue_match(reason, block.text) if rules is not None else None
        pattern, matched = hit if hit is not None else (None, None)
        out.append(Dropped(block.text[:DROPPED_TEXT_CHARS], reason, pattern, matched))
    return tuple(out)


def _table_rows(text: str) -> list[list[str]]:
    """A ``table`` block's rows, each padded to the widest row's cell count."""
    rows = [line.split(" | ") for line in text.split("\n")]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _table_markdown(text: str) -> str:
    rows = [[cell.replace("|", "\\|") for cell in row] for row in _table_rows(text)]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _heading_shift(article: Article) -> int:
    """Levels to add to every heading so that none is above level 2 (the title is level 1)."""
    top = min((b.level for b in article.blocks if b.kind == "heading" and b.level), default=2)
    return max(0, 2 - top)


def _continues(prev: Optional[Block], b: Block) -> bool:
    """True when ``b`` is a further paragraph of the ordered-list item ``prev`` ends."""
    return (
        prev is not None
        and prev.kind == "list_item"
        and b.number is not None
        and prev.number == b.number
        and prev.level == b.level
    )


#: Characters YAML does not allow raw in a document, or reads as line breaks
#: (NEL, LS, PS), or that are invisible (BOM): written as ``\uXXXX`` escapes.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def _yaml_str(value: Optional[str]) -> str:
    """``value`` as a YAML double-quoted scalar (``null`` for ``None``)."""
    if value is None:
        return "null"
    quoted = json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def yaml_front_matter(article: Article) -> str:
    """The YAML front matter block of :meth:`Article.to_markdown` (``front_matter=True``).

    Args:
        article: the article whose metadata to write.

    Returns:
        ``---`` lines around ``title``, ``authors`` (a list), ``date_published``,
        ``date_modified`` and ``url``; every string double-quoted (so dates stay
        strings), ``null`` for a missing value, ``[]`` for no authors. Ends with
        a newline. Never raises.
    """
    lines = ["---", f"title: {_yaml_str(article.title)}"]
    if article.authors:
        lines.append("authors:")
        lines += [f"  - {_yaml_str(a)}" for a in article.authors]
    else:
        lines.append("authors: []")
    lines += [
        f"date_published: {_yaml_str(article.date_published)}",
        f"date_modified: {_yaml_str(article.date_modified)}",
        f"url: {_yaml_str(article.url)}",
        "---",
    ]
    return "\n".join(lines) + "\n"


def to_markdown(article: Article, *, front_matter: bool = False) -> str:
    """Render an article as Markdown (see :meth:`Article.to_markdown`).

    Args:
        article: the article to render.
        front_matter: start with a YAML front matter block (:func:`yaml_front_matter`).

    Returns:
        The Markdown text, ending with a newline; ``""`` for an empty article
        without front matter. Never raises.
    """
    parts: list[tuple[str, str]] = []  # (separator before, text)
    if article.title:
        parts.append(("\n\n", f"# {article.title}"))
    shift = _heading_shift(article)
    # content column of the last item at each open list level: a nested item
    # is indented to its parent item's text ("1. " is three wide, "- " two)
    columns: list[int] = []
    prev: Optional[Block] = None
    for b in article.blocks:
        if b.kind == "list_item":
            level = b.level or 1
            if _continues(prev, b):
                parts.append(("\n\n", " " * columns[-1] + b.text))
                prev = b
                continue
            del columns[level - 1 :]
            indent = columns[-1] if columns else 2 * (level - 1)
            marker = f"{b.number}. " if b.number is not None else "- "
            columns += [indent] * (level - 1 - len(columns))  # skipped levels
            columns.append(indent + len(marker))
            sep = "\n" if prev is not None and prev.kind == "list_item" else "\n\n"
            parts.append((sep, " " * indent + marker + b.text))
            prev = b
            continue
        columns.clear()
        prev = b
        if b.kind == "heading":
            parts.append(("\n\n", "#" * min(6, (b.level or 2) + shift) + " " + b.text))
        elif b.kind == "quote":
            parts.append(("\n\n", "> " + b.text))
        elif b.kind == "code":
            fence = "```"
            while fence in b.text:
                fence += "`"
            parts.append(("\n\n", fence + "\n" + b.text + "\n" + fence))
        elif b.kind == "table":
            parts.append(("\n\n", _table_markdown(b.text)))
        elif b.kind == "caption":
            parts.append(("\n\n", "*" + b.text + "*"))
        else:
            parts.append(("\n\n", b.text))
    body = "".join(sep + text for sep, text in parts)[2:] + ("\n" if parts else "")
    if front_matter:
        return yaml_front_matter(article) + ("\n" + body if body else "")
    return body


def _esc(text: str) -> str:
    """``text`` escaped for an HTML text node (``&``, ``<``, ``>``)."""
    return html.escape(text, quote=False)


def to_html(article: Article, *, document: bool = True) -> str:
    """Render the kept blocks as HTML (see :meth:`Article.to_html`).

    Args:
        article: the article to render.
        document: a whole document (``<!DOCTYPE html>``, ``<head>`` with the
            title); ``False`` for the ``<article>`` element alone.

    Returns:
        Well-formed HTML, every text escaped, ending with a newline. Never raises.
    """
    out: list[str] = ["<article>"]
    if article.title:
        out.append(f"<h1>{_esc(article.title)}</h1>")
    shift = _heading_shift(article)
    # open lists, innermost last: (tag, number the next item gets without a value attribute)
    lists: list[tuple[str, int]] = []
    prev: Optional[Block] = None

    def close_lists(depth: int) -> None:
        while len(lists) > depth:
            out[-1] += "</li>"
            out.append(f"</{lists.pop()[0]}>")

    for b in article.blocks:
        if b.kind == "list_item":
            level = b.level or 1
            if _continues(prev, b) and len(lists) == level:
                out.append(f"<p>{_esc(b.text)}</p>")
                prev = b
                continue
            prev = b
            tag = "ol" if b.number is not None else "ul"
            close_lists(level)
            if len(lists) == level:
                if lists[-1][0] == tag:
                    out[-1] += "</li>"
                else:
                    close_lists(level - 1)
            while len(lists) < level:
                new_tag = tag if len(lists) == level - 1 else "ul"
                start = b.number if new_tag == "ol" and b.number is not None else 1
                out.append("<ol" + (f' start="{start}"' if start != 1 else "") + ">" if new_tag == "ol" else "<ul>")
                lists.append((new_tag, start))
                if len(lists) < level:
                    out.append("<li>")  # a level the page skipped
            value = ""
            if tag == "ol":
                if b.number != lists[-1][1]:
                    value = f' value="{b.number}"'
                lists[-1] = (tag, (b.number or 0) + 1)
            out.append(f"<li{value}>{_esc(b.text)}")
            continue
        close_lists(0)
        prev = b
        if b.kind == "heading":
            n = min(6, (b.level or 2) + shift)
            out.append(f"<h{n}>{_esc(b.text)}</h{n}>")
        elif b.kind == "quote":
            out.append(f"<blockquote><p>{_esc(b.text)}</p></blockquote>")
        elif b.kind == "code":
            out.append(f"<pre><code>{_esc(b.text)}</code></pre>")
        elif b.kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in _table_rows(b.text))
            out.append(f"<table><tbody>{rows}</tbody></table>")
        elif b.kind == "caption":
            out.append(f"<figure><figcaption>{_esc(b.text)}</figcaption></figure>")
        else:
            out.append(f"<p>{_esc(b.text)}</p>")
    close_lists(0)
    out.append("</article>")
    fragment = "\n".join(out)
    if not document:
        return fragment + "\n"
    lang = f' lang="{html.escape(article.language, quote=True)}"' if article.language else ""
    title = f"<title>{_esc(article.title)}</title>\n" if article.title else ""
    return (
        f"<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset=\"utf-8\">\n{title}</head>\n"
        f"<body>\n{fragment}\n</body>\n</html>\n"
    )
