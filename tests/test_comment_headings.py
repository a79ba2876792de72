"""Comment threads under a "Comments" heading, with no comment-named wrapper.

Movable Type and TypePad templates of the 2000s (and many hand-made blog
templates) print a heading — ``<h2 id="comments">Comments</h2>``, "25
Responses to ...", "Leave a Reply" — then each comment as a plain ``<div>``
of paragraphs and a "Posted by:" line, in the same column as the post. The
comments read as prose; the heading is what says they are comments.
"""

from boilerstrip import extract, load_rules

import pytest

POST = [
    "Here is a great idea from a statistician: a unit for small risks of death, one in a million, "
    "so that the risk of a hang-gliding flight can be compared with a long drive.",
    "There is a related unit for things that shorten a life: thirty minutes of life expectancy. "
    "Smoking two cigarettes costs about one of them, according to the same author.",
]

COMMENTS = [
    "Not to be confused with the small scrap of food left on your plate at the end of a long dinner party.",
    "Sitting in traffic every morning must cost me a few of these units a day, if the numbers are right.",
    "Excellent idea. I wonder though whether it should also be counted per unit of time spent doing it.",
]


def _mt_page(heading: str, heading_attrs: str = "") -> str:
    """A Movable Type style page: the post, then ``heading``, then flat comments."""
    post = "".join(f"<p>{p}</p>" for p in POST)
    comments = "".join(
        f"<div id='c{i}'><p>{c}</p></div><p class='posted'>Posted by: Reader {i} at November 8, 2012 7:12 AM</p>"
        for i, c in enumerate(COMMENTS)
    )
    return (
        "<html><body><div id='banner'><a href='/'>A Security Blog</a></div>"
        "<div id='container'><div class='content'>"
        "<h3>Small risks</h3>"
        f"{post}"
        "<p class='posted'>Posted on November 8, 2012 at 6:57 AM</p>"
        f"<h2{heading_attrs}>{heading}</h2>"
        f"{comments}"
        "</div></div></body></html>"
    )


@pytest.mark.parametrize(
    "heading, attrs",
    [
        ("Comments", " id='comments'"),  # the heading itself dropped by the comment-section element rule
        ("Comments", ""),
        ("3 Responses to “Small risks”", ""),
        ("Leave a Reply", ""),
    ],
)
def test_a_comments_heading_below_the_post_ends_the_article(heading, attrs):
    art = extract(_mt_page(heading, attrs))
    body = art.body
    for p in POST:
        assert p in body
    for c in COMMENTS:
        assert c not in body
    assert heading not in body


def test_a_comment_count_above_the_post_cuts_nothing():
    """A heading that names the comments before the article's prose (a count
    beside the headline) is no start of a comment section."""
    post = "".join(f"<p>{p}</p>" for p in POST)
    html = (
        "<html><body><div class='content'><h2>12 Comments</h2>"
        f"<h1>Small risks</h1>{post}</div></body></html>"
    )
    body = extract(html).body
    for p in POST:
        assert p in body


def test_on_a_forum_the_comments_are_the_content():
    html = _mt_page("Comments").replace("<html>", "<html><head><meta property='og:type' content='forum'></head>", 1)
    html = html.replace("<head>", "<head><script type='application/ld+json'>"
                        '{"@type": "DiscussionForumPosting", "headline": "Small risks"}</script>', 1)
    art = extract(html, url="https://example.org/forum/threads/small-risks.123/")
    assert art.page_kind == "forum"
    for c in COMMENTS:
        assert c in art.body


def test_comments_is_a_text_rule_action(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('version = 2\n[[text]]\nid = "x.comments"\npatterns = ["opinions"]\naction = "comments"\n')
    rules = load_rules(path)
    assert rules.text_rules[0].action == "comments"
