"""Teaser lists: repeated link-first cards are dropped; one short post is not a list."""

from boilerstrip import extract

_SIDEBAR = (
    "<div class=\"profile\"><p>I write about design, food and the odd robot, a post a day.</p></div>"
)


def test_a_short_post_whose_title_and_source_are_links_is_kept():
    # One post: a linked headline, a date, and its content: a linked source
    # line and one short sentence. Two of the post's children start with a
    # link, but one is a heading and one a content box: not repeated cards.
    html = f"""<html><body><div id="main"><div class="post">
      <h2><a href="/2012/07/food-sculptures">Creative Food Sculptures</a></h2>
      <div class="date">11 Jul 2012</div>
      <div class="content">
        <p><a href="https://example.org/sculptures">via example.org</a></p>
        <p>Repurposing food as art is creative, and these sculptures show how far it goes. The artist carved each one by hand.</p>
      </div>
    </div></div>{_SIDEBAR}</body></html>"""
    body = extract(html).body
    assert "Repurposing food as art is creative" in body
    assert "I write about design" not in body


def test_repeated_link_first_cards_are_a_teaser_list():
    story = " ".join(["The council voted on the new budget after a long debate about schools."] * 4)
    html = f"""<html><body><article><h1>Budget passes</h1><p>{story}</p>
      <ul class="more">
        <li><a href="/a">Rail strike ends after talks</a><p>Trains run again from Monday morning.</p></li>
        <li><a href="/b">New park opens by the river</a><p>The park has a pond and a playground.</p></li>
        <li><a href="/c">Library hours extended</a><p>The library now opens on Sundays too.</p></li>
      </ul></article></body></html>"""
    body = extract(html).body
    assert "The council voted on the new budget" in body
    assert "Trains run again" not in body
    assert "The library now opens" not in body
