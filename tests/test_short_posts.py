"""Short blog posts and news items: the boilerplate that outweighs a few lines of article."""

from boilerstrip import extract, load_rules
from boilerstrip.errors import RulesError

import pytest

QUOTE = (
    "We need not wonder that people fill their days with amusements, gadgets and noise; "
    "after all, silence and slowness lead to reflection, and reflection is hard work."
)


def _comment(i: int) -> str:
    return (
        f"<li class='comment'><p class='comment-author'>Reader {i} said:</p>"
        f"<p>I disagree with the reading of that word, number {i}: the dictionary gives another origin, "
        "from the old French for diverting the attention, and the quote sticks out because of it.</p></li>"
    )


def test_a_short_post_keeps_its_text_over_its_comment_thread():
    """The strict pass keeps the post's one quote (under the relaxed pass's
    threshold); the relaxed pass must not lift the comment-section rule and
    let the thread, ten times longer, win."""
    comments = "".join(_comment(i) for i in range(6))
    html = (
        "<body><div id='header'><p><a href='/'>The Blog</a></p></div>"
        "<div id='content'><div class='post'><h1>Silence and slowness</h1>"
        f"<div class='post-body'><p>From a reader:</p><blockquote><p>{QUOTE}</p></blockquote></div></div>"
        f"<div id='comments'><h3>6 comments</h3><ol>{comments}</ol></div></div>"
        "<footer><p>Copyright 2012 The Blog. All rights reserved.</p></footer></body>"
    )
    art = extract(html)
    assert QUOTE in art.body
    assert "Reader 1 said" not in art.body and "dictionary" not in art.body


def test_the_relaxed_pass_still_lifts_a_misused_chrome_class():
    """With prose kept by the strict pass, only the comment-section and
    footer rules stay on: an article in a ``sidebar``-named column is still
    found, and the comment thread next to it still left out."""
    paras = "".join(f"<p>{QUOTE} Part {i}.</p>" for i in range(3))
    comments = "".join(_comment(i) for i in range(8))
    html = (
        f"<body><div class='sidebar'>{paras}</div>"
        "<div><p>A note from the editors of this page, who keep it up to date every week of the year.</p></div>"
        f"<div id='comments'><ol>{comments}</ol></div></body>"
    )
    art = extract(html)
    assert art.pass_used == "relaxed" and QUOTE in art.body
    assert "dictionary" not in art.body


def test_relax_field_must_be_a_boolean(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('version = 2\n[[element]]\nid = "x.y"\ntags = ["aside"]\nrelax = "no"\naction = "drop"\n')
    with pytest.raises(RulesError, match="relax"):
        load_rules(path)
    path.write_text('version = 2\n[[element]]\nid = "x.y"\ntags = ["aside"]\nrelax = false\naction = "drop"\n')
    assert load_rules(path).element_rules[0].relax is False


def test_a_drupal_node_shown_in_full_is_the_article_whatever_its_flags():
    """Drupal adds the node's publishing flags to its classes:
    ``node--promoted`` (promoted to the front page) reads as an ad to the
    ad rule. The node in the ``full`` view mode is the page's article."""
    paras = "".join(f"<p>{QUOTE} Step {i}.</p>" for i in range(4))
    teasers = "".join(f"<li><a href='/r/{i}'>Another recipe number {i}</a></li>" for i in range(12))
    html = (
        "<body><header><nav><a href='/'>Home</a><a href='/recipes'>Recipes</a></nav></header>"
        "<h1>Easy everyday bread</h1>"
        f"<div class='node node--type-recipe node--promoted node--view-mode-full'>{paras}</div>"
        f"<div class='related'><h2>More recipes</h2><ul>{teasers}</ul></div>"
        + "".join(f"<p>Shop note {i}: flour, pans and starter kits ship free over fifty dollars.</p>" for i in range(20))
        + "</body>"
    )
    art = extract(html)
    assert QUOTE in art.body and "Step 3." in art.body


def test_a_mostly_linked_sentence_of_the_article_is_kept():
    """A paragraph of the article whose words are mostly one link (a link
    roundup's annotated link, "the agency's full report") is the article's
    own text; a list of bare links in the region still goes."""
    linked = (
        "<p>The agency published <a href='/report'>its full report on the spring floods and the bridge repairs"
        "</a> on Monday.</p>"
    )
    links = "".join(f"<li><a href='/s/{i}'>Another story number {i} from this site</a></li>" for i in range(5))
    html = (
        f"<body><div class='post'><p>{QUOTE}</p>{linked}<p>{QUOTE} Again.</p>"
        f"<ul>{links}</ul></div></body>"
    )
    body = extract(html).body
    assert "its full report on the spring floods" in body
    assert "Another story number 1" not in body


def test_a_posts_byline_box_and_content_box_are_not_a_teaser_list():
    """A short post's two boxes both open with a link (the byline's author
    and categories; an ad banner above the text) and fit a teaser card's
    size: two boxes of different classes are one post, not a list."""
    html = (
        "<body><div id='main'><div class='post'><h2 class='posttitle'>Calligraphy robots</h2>"
        "<div class='metadata'><a href='/a/mirko'>Mirko</a> in <a href='/c/articles'>Articles</a>, "
        "<a href='/c/blog'>Blog</a></div>"
        "<div class='postcontent'><div id='postheader'><a href='http://setup.example'>We install it for you for free</a></div>"
        f"<p>{QUOTE}</p></div></div></div>"
        "<div class='sidebar'><ul>" + "".join(f"<li><a href='/p/{i}'>Older post {i}</a></li>" for i in range(8))
        + "</ul></div></body>"
    )
    art = extract(html)
    assert art.pass_used == "strict" and QUOTE in art.body  # (before: nothing kept, the whole page output)
    assert "We install it" not in art.body


def test_two_alike_cards_are_still_a_teaser_list():
    cards = "".join(
        f"<div class='teaser'><a href='/s/{i}'>Story number {i} headline here</a><p>A summary of story {i}.</p></div>"
        for i in range(2)
    )
    html = f"<body><div class='post'><p>{QUOTE}</p><p>{QUOTE} More.</p><div class='more'>{cards}</div></div></body>"
    assert "A summary of story 1" not in extract(html).body
