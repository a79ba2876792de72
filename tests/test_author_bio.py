"""The box about the author under a blog post.

"Written by Jane Doe. Jane is the founder and editor of ..." sits inside
the post's content column, often inside the hAtom ``entry-content`` that
keeps the post safe from the drop rules. It is longer than a byline and
reads as prose; it is about the writer, not part of what she wrote.
"""

import pytest

from boilerstrip import extract

PARAS = [
    "Cut the tissue paper into small squares, about two inches on each side, and sort them by colour "
    "into the sections of a muffin tin so that the children can reach them easily.",
    "Brush a thin layer of glue on the paper tree, a branch at a time, and press the squares onto it, "
    "crumpling each one a little so that the leaves stand out from the page.",
    "Leave the trees to dry flat overnight under a heavy book, with a sheet of baking paper between "
    "them so that the glue does not stick the pages together.",
    "In the morning, trim the edges with scissors, punch a hole at the top of each tree and thread a "
    "ribbon through it, and they are ready to hang in a window where the light comes through.",
    "Older children can cut their own tree shapes from card, and the smallest can tear the paper "
    "instead of cutting it, which gives the leaves a softer edge that many people prefer.",
]
BIO = (
    "Jane Doe is the founder and managing editor of a crafts blog. Always having a love of crafts, she "
    "enjoys getting messy with glue and glitter, and there is always a project going on in her kitchen. "
    "She lives with her husband and four children in a small town in the mountains, where the winters "
    "are long enough for a great many projects. Before she started the blog she taught art at the local "
    "primary school for ten years, and she still runs a craft club there on Friday afternoons. Her first "
    "book, a collection of projects for rainy days, came out last spring; a second is on its way."
)  # longer than a byline box (600 characters)


@pytest.mark.parametrize("klass", ["postauthor", "author-bio clearfix", "about-the-author", "bio"])
def test_an_author_bio_box_is_not_the_post(klass):
    html = (
        "<html><body><div id='content' class='hfeed'>"
        "<div class='post-1 post type-post hentry category-crafts'><h1>Tissue paper trees</h1>"
        "<div class='format_text entry-content'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"<div class='{klass}'><h4>Written by Jane Doe</h4><p>{BIO}</p></div>"
        "</div></div></div></body></html>"
    )
    body = extract(html).body
    for p in PARAS:
        assert p in body
    assert BIO not in body
