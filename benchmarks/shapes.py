"""Adversarial page shapes whose size is what grows (issue 10).

Each shape is a page built to about a given number of bytes by repeating
one structure: nesting depth, sibling count, attribute or name length, or
the length of a metadata value. Each one made some stage of boilerstrip do
work that grew faster than the page before that stage was bounded; together
they are the linear-time suite: ``benchmarks/scaling.py`` grows them from
10 KB to 10 MB and fits the slope, and ``tests/test_scaling.py`` checks the
growth ratio of each at a few hundred KB in CI.

Only the standard library is used, so the test suite can import this file.
"""

from __future__ import annotations

import json
from typing import Callable

__all__ = ["SHAPES", "build"]

P = "<p>The council approved the budget on Tuesday, after a long debate, with most amendments rejected by a narrow majority.</p>"
HEAD = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Council approves the budget</title></head>"


def _times(unit: str, size: int, fixed: int = 0) -> int:
    """How many copies of ``unit`` bring the page to about ``size`` characters."""
    return max(1, (size - fixed) // max(len(unit), 1))


def _ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def nested(open_tag: str, close: str = "", inner: str = P) -> Callable[[int], str]:
    """``open_tag`` nested to fill the page around ``inner`` (closed when ``close`` is given)."""

    def build(size: int) -> str:
        n = _times(open_tag + close, size, len(HEAD) + len(inner))
        return HEAD + "<body>" + P + open_tag * n + inner + close * n + "</body></html>"

    return build


def siblings(unit: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        return HEAD + "<body><article>" + P + unit * _times(unit, size, len(HEAD)) + "</article></body></html>"

    return build


def _open_a(size: int) -> str:
    return HEAD + "<body>" + P + "<a " * _times("<a ", size)


def _div_then_unmatched_end_tags(size: int) -> str:
    n = _times("<div></b>", size)
    return HEAD + "<body>" + "<div>" * n + "</b>" * n + P + "</body></html>"


def _script_lone_lt(size: int) -> str:
    js = "if (a<b) { x = '" + "y" * max(size - 400, 70_000) + "'; }"
    return HEAD + f"<body><script>{js}</script>{P}{P}</body></html>"


def _jsonld_author_words(size: int) -> str:
    name = " ".join(["Word"] * _times("Word ", size))
    return (
        "<!DOCTYPE html><html><head><title>Council approves the budget</title>"
        + _ld({"@type": "NewsArticle", "headline": "Council approves the budget", "author": {"@type": "Person", "name": name}})
        + f"</head><body>{P}</body></html>"
    )


def _jsonld_deep(size: int) -> str:
    n = _times("[]", size)
    return f"<html><head><script type='application/ld+json'>{'[' * n}{']' * n}</script></head><body>{P}</body></html>"


def _title_site_suffixes(size: int) -> str:
    title = "Council approves the budget" + " | Example News" * _times(" | Example News", size)
    return (
        f"<html><head><meta property='og:site_name' content='Example News'><title>{title}</title></head>"
        f"<body><h1>Council approves the budget</h1>{P}</body></html>"
    )


def _meta_long_values(size: int) -> str:
    value = "Jane Doe and John Roe, " * _times("Jane Doe and John Roe, ", size // 4)
    metas = "".join(f"<meta name='{k}' content='{value}'>" for k in ("author", "description", "og:title", "og:image"))
    return f"<html><head>{metas}</head><body>{P}</body></html>"


def _many_attributes(size: int) -> str:
    attrs = " ".join(f"data-a{i}=x" for i in range(_times("data-a00000=x ", size)))
    return HEAD + f"<body><div {attrs}>{P}</div></body></html>"


def _long_class(size: int) -> str:
    cls = " ".join(f"c{i} share-{i} ad_{i}" for i in range(_times("c00000 share-00000 ad_00000 ", size)))
    return HEAD + f"<body><div class='{cls}'>{P}</div>{P}</body></html>"


def _share_around_text(size: int) -> str:
    levels = 250
    text = ("<p>" + "word " * 200 + "</p>") * _times("<p>" + "word " * 200 + "</p>", size)
    return HEAD + "<body>" + "<div class='share'>" * levels + text + "</div>" * levels + "</body></html>"


def _widgets_around_text(size: int) -> str:
    """Widgets (a rule with the article-column guard) nested around a long text inside an ``<article>``."""
    levels = 250
    text = ("<p>" + "word " * 200 + "</p>") * _times("<p>" + "word " * 200 + "</p>", size)
    return (HEAD + "<body><article>" + "<div class='widget'>" * levels + text + "</div>" * levels
            + "</article></body></html>")


#: One product card of a listing page.
_CARD = "<li><a href='/a'>A product title here</a><p>Some facts about it</p><span>$9</span></li>"

#: A box of two linked cards (a teaser list), then a paragraph outside it.
_TEASER_AND_P = (
    "<div><div><a href='/a'>Mayor outlines plan</a></div><div><a href='/b'>Bus routes</a></div></div>" + P
)


_LINKS = "<ul>" + "".join(f"<li><a href='/{i}'>Another story about the city council and its budget</a></li>" for i in range(6)) + "</ul>"


def _paragraphs_between_link_lists(size: int) -> str:
    """An article box, then lone paragraphs between link lists beside it: the
    link lists keep the selection from climbing, so every lone paragraph
    joins the region (thousands of region frames)."""
    unit = P + _LINKS
    return HEAD + "<body><div><div class='content'>" + P * 20 + "</div>" + unit * _times(unit, size, len(HEAD) + 20 * len(P)) + "</div></body></html>"


def _bad_urls(size: int) -> str:
    unit = "<figure><img src='http://[bad/x.jpg'><figcaption>A caption of the council chamber</figcaption></figure>"
    return (
        "<html><head><link rel='canonical' href='http://[bad/x'><meta property='og:image' content='http://[bad'></head><body>"
        + P + unit * _times(unit, size) + "</body></html>"
    )


def _streamed_segments(size: int) -> str:
    # React's streaming rendering: boundaries with fallbacks, then one hidden
    # segment per boundary at the end of the body, and the calls that place them
    unit_b = '<!--$?--><template id="B:%x"></template><div>Loading paragraph...</div><!--/$-->'
    unit_s = '<div hidden id="S:%x"><p>' + P + "</p></div>"
    n = _times(unit_b + unit_s + '$RC("B:0","S:0");', size)
    calls = "".join(f'$RC("B:{i:x}","S:{i:x}");' for i in range(n))
    return (
        HEAD + "<body><article>" + "".join(unit_b % i for i in range(n)) + "</article>"
        + "".join(unit_s % i for i in range(n)) + "<script>" + calls + "</script></body></html>"
    )


#: name -> builder(size in characters) -> page (``str``; extract it as UTF-8 bytes).
SHAPES: dict[str, Callable[[int], str]] = {
    "nested div": nested("<div>", "</div>"),
    "nested ul li": nested("<ul><li>"),
    "nested table": nested("<table><tr><td>", "</td></tr></table>"),
    "nested b i span": nested("<b><i><span>"),
    "open <a without >": _open_a,
    "div then unmatched </b>": _div_then_unmatched_end_tags,
    "script with lone <": _script_lone_lt,
    "nested byline": nested("<div class='byline'>", "</div>", "By Jane Doe"),
    "nested dateline": nested("<div class='date'>", "</div>", "5 March 2024"),
    "nested caption": nested("<div class='caption'>", "</div>", "A caption"),
    "nested figcaption": nested("<figcaption>", "</figcaption>", "A caption"),
    # a fuzz finding: caption boxes left open around one letter, each a wrapper to check
    "unclosed caption boxes": lambda size: HEAD + "<body>" + P + "<div class='caption'>" * (size // 21) + "v"
    + "</div>" * (size // 63) + "</body></html>",
    "nested h1": nested("<h1 class='related'>", "</h1>", "Headline"),
    "nested hidden": nested("<div hidden>", "</div>"),
    "nested share around text": _share_around_text,
    "nested widgets in an article": _widgets_around_text,
    # boxes whose raw text is long (whitespace) but collapsed short: measured at every level
    # a listing: the article selection keeps little, so the listing pass selects the page again
    "card list": lambda size: HEAD + "<body><p>Short intro.</p><ul>" + _CARD * _times(_CARD, size, len(HEAD)) + "</ul></body></html>",
    "nested signatures padded with spaces": nested("<div class='signature'>" + " " * 1000, "</div>", "tiny text"),
    "sibling figcaptions": siblings("<figure><figcaption>A caption of the council chamber</figcaption></figure>"),
    "sibling figcaptions, one figure": lambda size: HEAD + "<body>" + P + "<figure>" + "<figcaption>c</figcaption>" * _times("<figcaption>c</figcaption>", size) + "</figure></body></html>",
    "many <time>": siblings("<time>5 March 2024</time>"),
    "many bylines": siblings("<span class='byline'>By Jane Doe</span>"),
    "many h1": siblings("<h1>Headline</h1>"),
    "many paragraphs": siblings(P),
    "paragraphs between link lists": _paragraphs_between_link_lists,
    "teaser lists between paragraphs": lambda size: HEAD + "<body>" + _TEASER_AND_P * _times(_TEASER_AND_P, size, len(HEAD)) + "</body></html>",
    "jsonld author words": _jsonld_author_words,
    "jsonld nested": _jsonld_deep,
    "title site suffixes": _title_site_suffixes,
    "long meta values": _meta_long_values,
    "many attributes": _many_attributes,
    "long class": _long_class,
    "malformed urls": _bad_urls,
    "streamed segments": _streamed_segments,
}


def build(name: str, size: int) -> bytes:
    """The page of shape ``name`` at about ``size`` bytes, UTF-8."""
    return SHAPES[name](size).encode("utf-8")
