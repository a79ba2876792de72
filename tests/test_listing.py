"""The listing pass: a page that is a list of cards keeps its cards; an
article with a related-links list at its end does not start keeping it."""

from boilerstrip import extract

_NAV = '<nav><a href="/">Home</a> <a href="/reviews">Reviews</a> <a href="/deals">Deals</a></nav>'

_CARDS = [
    ("The best standing desks", "We tested twenty desks over three months to find the steadiest frames and the quietest motors."),
    ("The best office chairs", "After sitting in forty chairs for a week each, these are the ones our testers kept using."),
    ("The best monitor arms", "A good arm frees up space on your desk and lets you set the screen at the right height."),
    ("The best desk lamps", "We measured the light of fifteen lamps and judged their glare, colour and adjustability."),
    ("The best keyboards", "Typing all day is easier on a keyboard that fits your hands; these are our favourites."),
    ("The best webcams", "Most laptop cameras are poor, so we compared twelve webcams in dim and bright rooms."),
]


def _card(i: int, title: str, summary: str) -> str:
    return (
        f'<li class="card"><h3><a href="/review/{i}">{title}</a></h3>'
        f'<p class="by">by Sam Writer</p><p>{summary}</p></li>'
    )


def test_a_category_page_of_review_cards_keeps_the_cards():
    # A category page that declares itself an article (og:type=article, the
    # CMS default): a one-line intro, then a list of review cards, each a
    # linked title, a byline and a summary.
    cards = "".join(_card(i, t, s) for i, (t, s) in enumerate(_CARDS))
    html = f"""<html><head><meta property="og:type" content="article"></head><body>{_NAV}
      <main><h1>Home office</h1>
      <p>Everything we recommend for working from home, from desks and chairs to lamps and cameras.</p>
      <ul class="grid">{cards}</ul></main>
      <footer><a href="/about">About us</a> <a href="/jobs">Jobs</a></footer></body></html>"""
    art = extract(html)
    assert "Everything we recommend for working from home" in art.body
    for title, summary in _CARDS:
        assert title in art.body
        assert summary in art.body
    assert "About us" not in art.body
    assert art.pass_used == "listing"


def test_an_article_keeps_its_related_list_out():
    # A short news article followed by a "more stories" list of the same
    # cards: the article selection keeps the article, no listing pass wins.
    story = " ".join(["The council voted on the new budget after a long debate about the schools."] * 8)
    cards = "".join(_card(i, t, s) for i, (t, s) in enumerate(_CARDS))
    html = f"""<html><head><meta property="og:type" content="article"></head><body>{_NAV}
      <article><h1>Budget passes</h1><p>{story}</p></article>
      <section class="more-stories"><h2>More stories</h2><ul>{cards}</ul></section></body></html>"""
    art = extract(html)
    assert "The council voted on the new budget" in art.body
    for title, summary in _CARDS:
        assert summary not in art.body
    assert art.pass_used == "strict"
