"""Documentation pages: section ids made from headings, and code comments.

Documentation generators give each section an id made from its heading
(Sphinx: ``<section id="respond-to-review-comments">``); that id names the
section's subject, and the element rules must not read it as the section's
role. Syntax highlighters wrap each comment of the code in an element named
for it (``hljs-comment``); no element rule applies inside code.
"""

from __future__ import annotations

import dataclasses

import boilerstrip
from boilerstrip.clean import clean
from boilerstrip.parse import parse_html
from boilerstrip.rules import annotate, default_rules
from boilerstrip.rules.annotation import DROP

INTRO = (
    "Before a patch is merged it is read by the maintainers of the subsystem it touches, and usually by "
    "a few other developers who know the code well enough to spot a mistake in it."
)
REVIEW = (
    "Your patch will almost certainly get comments from reviewers on ways in which it can be improved. "
    "You must respond to those comments; ignoring reviewers is a good way to get ignored in return."
)
COOKIES = (
    "Reviewers are busy people: a short answer to each point, quoted under the point it answers, is "
    "easier to follow than one long reply at the end of the message."
)


def _docs_page(extra: str = "") -> str:
    return (
        "<html><head><title>Submitting patches</title></head><body>"
        "<nav><a href='/'>Docs home</a> <a href='/process'>Process</a></nav>"
        "<div class='document'><div class='body' role='main'>"
        "<section id='submitting-patches'><h1>Submitting patches</h1>"
        f"<p>{INTRO}</p>"
        f"<section id='respond-to-review-comments'><h2>Respond to review comments</h2><p>{REVIEW}</p></section>"
        f"<section id='use-trimmed-interleaved-replies'><h2>Use trimmed interleaved replies</h2><p>{COOKIES}</p></section>"
        f"{extra}</section></div></div>"
        "<footer>(c) The documentation authors</footer></body></html>"
    )


def test_section_whose_id_spells_its_heading_is_kept() -> None:
    art = boilerstrip.extract(_docs_page(), url="https://docs.example.org/process/submitting-patches.html")
    assert INTRO in art.body
    assert REVIEW in art.body
    assert "Respond to review comments" in art.body
    assert COOKIES in art.body


def test_short_id_of_a_comment_box_still_drops_it() -> None:
    # "comments" spells the heading "Comments" too, but a one-word id is a
    # label of the box's role: the comment section goes.
    box = "<div id='comments'><h3>Comments</h3><p>Great write-up, thanks for sharing it with everyone here!</p></div>"
    art = boilerstrip.extract(_docs_page(box), url="https://docs.example.org/process/submitting-patches.html")
    assert "Great write-up" not in art.body
    assert REVIEW in art.body


def _verdict_of(html: str, selector: str, options: boilerstrip.Options = boilerstrip.Options()):
    tree = parse_html(html)
    clean(tree)
    return annotate(tree, default_rules(), options=options).get(tree.css_first(selector))


def test_slug_test_reads_the_heading_and_its_word_count() -> None:
    def page(element_id: str) -> str:
        return (
            f"<body><div id='{element_id}'><h2>Respond to review comments</h2><p>{REVIEW}</p></div>"
            f"<p>{INTRO * 3}</p></body>"
        )

    assert _verdict_of(page("respond-to-review-comments"), "div") is None
    # a number the generator added to make the id unique is not a word of the heading
    assert _verdict_of(page("respond-to-review-comments-2"), "div") is None
    # an id that is not the heading's text keeps its meaning
    v = _verdict_of(page("reader-comments-below-here"), "div")
    assert v is not None and v.action == DROP and v.rule == "class.comments"
    # slug_id_min_words=0 reads every id
    off = dataclasses.replace(boilerstrip.Options(), slug_id_min_words=0)
    v = _verdict_of(page("respond-to-review-comments"), "div", off)
    assert v is not None and v.action == DROP


def test_code_comments_stay_in_the_code() -> None:
    code = (
        "<pre><code class='language-python'><span class='hljs-comment'># read the settings before the first request</span>\n"
        "config = load_settings()\n"
        "<span class='token comment'># then open the pool of connections</span>\n"
        "pool = open_pool(config)</code></pre>"
    )
    art = boilerstrip.extract(_docs_page(code), url="https://docs.example.org/process/submitting-patches.html")
    codes = [b.text for b in art.blocks if b.kind == "code"]
    assert len(codes) == 1
    assert "# read the settings before the first request" in codes[0]
    assert "# then open the pool of connections" in codes[0]
    assert "pool = open_pool(config)" in codes[0]


def _overview_page() -> str:
    topics = "".join(
        f"<li><a href='/docs/{slug}'>{name}</a> ({what})</li>"
        for slug, name, what in (
            ("load-data", "Load data into tables in batches", "files"),
            ("stream-data", "Stream rows into tables with the write API", "rows"),
            ("federated-queries", "Query data kept outside the warehouse", "external tables"),
            ("access-control", "Manage access control for datasets and tables", "roles"),
        )
    )
    return (
        "<html><head><title>Warehouse overview</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/docs'>Docs</a> <a href='/pricing'>Pricing</a></nav>"
        "<main><article><h1>Warehouse overview</h1>"
        f"<p>{INTRO}</p><p>{REVIEW}</p>"
        f"<h2>Next steps</h2><ul>{topics}</ul>"
        f"<p>{COOKIES}</p></article></main>"
        "<footer>(c) The documentation authors</footer></body></html>"
    )


def test_documentation_keeps_its_lists_of_linked_topics() -> None:
    # On a documentation page a list of linked topics (mostly link text) is
    # part of the text ("Next steps"), not a box of links.
    art = boilerstrip.extract(_overview_page(), url="https://cloud.example.org/docs/warehouse/overview")
    assert art.page_kind == "documentation"
    for line in ("Load data into tables in batches (files)", "Manage access control for datasets and tables (roles)"):
        assert line in art.body
    assert "Next steps" in art.body


def test_article_still_drops_a_box_of_links() -> None:
    # The same list on a page that is not documentation stays a link box.
    art = boilerstrip.extract(_overview_page(), url="https://news.example.org/2024/warehouse-overview")
    assert art.page_kind == "article"
    assert "Load data into tables in batches" not in art.body
    assert INTRO in art.body
