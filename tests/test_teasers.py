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


_STORY = " ".join(["The council voted on the new budget after a long debate about schools and roads."] * 5)


def test_a_ticker_of_headlines_run_together_with_cut_summaries_is_a_teaser_list():
    # each item is one block: a linked headline and its summary cut short
    items = "".join(
        f"<li><a href='/{i}'>{t}</a> <span>CITY: {s}...</span></li>"
        for i, (t, s) in enumerate([
            ("Rail strike ends after talks", "Trains will run again from Monday morning, the union said after a night of"),
            ("New park opens by the river", "The park has a pond, a playground and a cafe that the council says will"),
            ("Library hours extended", "The library now opens on Sundays too, and its reading room stays open until"),
        ])
    )
    paras = "".join(f"<p>{_STORY}</p>" for _ in range(3))
    html = f"""<html><body><div class="content"><div class="top-block"><b>Breaking News</b><ul>{items}</ul></div>
      <div class="post"><h1>Budget passes</h1>{paras}</div></div></body></html>"""
    body = extract(html).body
    assert "The council voted on the new budget" in body
    assert "Trains will run again" not in body
    assert "Library hours extended" not in body


def test_a_list_of_links_with_whole_descriptions_is_kept():
    # the article's own list of resources: each item a link and a full sentence
    items = "".join(
        f"<li><a href='/{i}'>{t}</a>: {s}</li>"
        for i, (t, s) in enumerate([
            ("The budget report", "every line of the new budget, with the council's notes on schools."),
            ("The roads plan", "which streets are repaved this year and which wait until the next."),
            ("The schools review", "the inspectors' findings on the city's twelve primary schools."),
        ])
    )
    html = f"""<html><body><article><h1>Budget passes</h1><p>{_STORY}</p>
      <p>Read more in the council's documents:</p><ul>{items}</ul></article></body></html>"""
    body = extract(html).body
    assert "which streets are repaved this year" in body
    assert "the inspectors' findings" in body
