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


def test_a_hub_whose_card_lists_carry_teaser_classes_keeps_the_cards():
    # A recipe hub that declares itself an article: a one-line intro, then
    # its cards in lists whose classes ("recirc-list", "popular-cards") are
    # those of teaser boxes beside an article. The listing pass reads them
    # as content (class.related is marked cards = "content").
    first = "".join(_card(i, t, s) for i, (t, s) in enumerate(_CARDS[:3]))
    second = "".join(_card(i, t, s) for i, (t, s) in enumerate(_CARDS[3:], start=3))
    html = f"""<html><head><meta property="og:type" content="article"></head><body>{_NAV}
      <main><h1>Dinner ideas</h1>
      <p>Take the work out of deciding what to cook tonight with these reader favourites.</p>
      <div class="recirc-list"><ul>{first}</ul></div>
      <div class="popular-cards"><ul>{second}</ul></div></main>
      <footer><a href="/about">About us</a> <a href="/jobs">Jobs</a></footer></body></html>"""
    art = extract(html)
    assert art.pass_used == "listing"
    for title, summary in _CARDS:
        assert title in art.body
        assert summary in art.body
    assert "About us" not in art.body


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


_PRODUCTS = [
    ("Lumen X100 Mirrorless Camera", "SKU LX100", ["24MP APS-C sensor", "4K 30p video", "Weather-sealed body"], "$899.00"),
    ("Lumen X200 Mirrorless Camera", "SKU LX200", ["33MP full-frame sensor", "6K 60p raw video", "Dual card slots"], "$1,999.00"),
    ("Orca Z5 Compact Camera", "SKU OZ5", ["1-inch sensor", "Flip screen for vlogs", "Fits in a pocket"], "$649.00"),
    ("Orca Z7 Travel Camera", "SKU OZ7", ["20x optical zoom", "Built-in GPS", "Charges over USB-C"], "$499.00"),
    ("Kite M3 Instant Camera", "SKU KM3", ["Prints small photos", "Built-in flash", "100 shots a charge"], "$129.00"),
]


def _product_card(name: str, sku: str, features: list[str], price: str) -> str:
    items = "".join(f"<li>{f}</li>" for f in features)
    return (
        f'<div class="product"><button>Add to Compare</button>'
        f'<h3><a href="/p/{sku}">{name}</a></h3><div class="sku">{sku}</div>'
        f'<ul class="features">{items}</ul><div class="price">{price}</div>'
        f'<a class="cart" href="/cart/{sku}">Add to cart</a></div>'
    )


def test_a_product_grid_without_prose_keeps_its_cards() -> None:
    # A shop's category page: a sentence of intro in the page header, then a
    # grid of product cards: a linked name, a SKU line, feature bullets, a
    # price. No card holds prose for the density scorer.
    grid = "".join(_product_card(*p) for p in _PRODUCTS)
    html = f"""<html><body><nav><a href="/">Home</a> <a href="/cameras">Cameras</a></nav>
      <div class="header"><h1>Cameras</h1>
      <p>Whether you are a beginner or a professional, our cameras capture your world in stunning detail.</p></div>
      <div class="results"><div class="filters"><a href="?b=lumen">Lumen (12)</a> <a href="?b=orca">Orca (8)</a></div>
      <div class="grid">{grid}</div></div>
      <footer><a href="/help">Help</a> <a href="/returns">Returns</a></footer></body></html>"""
    art = extract(html)
    for name, sku, features, price in _PRODUCTS:
        assert name in art.body
        assert features[1] in art.body
    assert "Returns" not in art.body


def test_a_short_post_beside_a_list_of_linked_headlines_stays_an_article() -> None:
    # A guard: a two-sentence blog post next to a long "latest" box of
    # linked headlines stays an article (the listing pass must not take the
    # headline box; score.CARD_MIN_BLOCKS keeps headline-only cards from
    # earning a listing score).
    heads = [
        "Storm reaches the coast tonight", "How to fix the new start menu", "Town votes on the bridge again",
        "Ten ways to stay safe in a flood", "The week's must-watch television", "Satellite photos of the storm",
        "Why your friends pirate games", "A cat in a costume wins the day",
    ]
    latest = "".join(f'<li><a href="/story/{i}">{h}</a> {i + 1} hours ago</li>' for i, h in enumerate(heads * 3))
    html = f"""<html><head><meta property="og:type" content="article"></head><body>
      <div class="post"><h1>My cat's costume</h1>
      <p>General Whiskers served my father in the Cat Wars. Now he begs you to help him against the Dogs.</p></div>
      <div class="latest"><ul>{latest}</ul></div></body></html>"""
    art = extract(html)
    assert "General Whiskers served my father" in art.body
    assert "Storm reaches the coast tonight" not in art.body
    assert art.pass_used == "strict"


def test_the_listing_pass_thresholds_are_options():
    import dataclasses

    from boilerstrip import Options

    cards = "".join(_card(i, t, s) for i, (t, s) in enumerate(_CARDS))
    html = f"""<html><head><meta property="og:type" content="article"></head><body>{_NAV}
      <main><h1>Home office</h1>
      <p>Everything we recommend for working from home, from desks and chairs to lamps and cameras.</p>
      <ul class="grid">{cards}</ul></main></body></html>"""
    off = extract(html, options=dataclasses.replace(Options(), listing_max_article_chars=0))
    assert off.pass_used != "listing"
    assert "We tested twenty desks" not in off.body  # the cards are teasers to the article selection
    # a gain the page cannot reach: the article selection stands
    assert extract(html, options=dataclasses.replace(Options(), listing_min_gain=1000.0)).pass_used != "listing"
    assert extract(html).pass_used == "listing"


def _section_front() -> str:
    # A section front that declares itself an article (og:type=article): an
    # introduction of more than 600 characters, then a list of review cards.
    intro = (
        "This week our testers went back to every desk, chair and lamp on our lists, because spring is when most "
        "people rearrange the room they work in and when the makers bring out their new models. "
    ) * 4
    cards = "".join(_card(i, t, s) for i, (t, s) in enumerate(_CARDS))
    return f"""<html><head><meta property="og:type" content="article"></head><body>{_NAV}
      <main><h1>Reviews</h1><p>{intro}</p>
      <ul class="grid">{cards}</ul></main>
      <footer><a href="/about">About us</a> <a href="/jobs">Jobs</a></footer></body></html>"""


def test_a_section_front_with_a_long_introduction_keeps_its_cards():
    # The article selection keeps the introduction (over 600 characters) and
    # drops the linked card titles; at a hub's URL (a one-word path) the
    # listing pass runs all the same and keeps the cards.
    art = extract(_section_front(), url="https://example.org/reviews")
    assert "This week our testers went back" in art.body
    for title, summary in _CARDS:
        assert title in art.body
        assert summary in art.body
    assert "About us" not in art.body
    assert art.pass_used == "listing"
    assert art.page_kind == "listing"


def test_the_same_page_at_an_article_url_keeps_the_article_selection():
    # At the URL of one article the long introduction is the article.
    art = extract(_section_front(), url="https://example.org/reviews/2024/spring-desk-update")
    assert "This week our testers went back" in art.body
    assert art.pass_used == "strict"
    assert "The best standing desks" not in art.body


_STORIES = [
    ("Floods close the river road", "The road along the river stays shut until the water falls, the county said on Monday morning. Drivers are asked to use the bypass."),
    ("School bus routes change in May", "Six routes in the north of the district will pick pupils up earlier from the first week of May. Parents can find the new times online."),
    ("New bakery opens on Main Street", "Two sisters who learned to bake from their grandmother have opened a shop in the old post office. They sell bread, pies and cakes."),
    ("Library extends its opening hours", "The central library will now open until nine on weekdays after a vote of the board last week. Weekend hours stay the same."),
    ("Park run draws a record crowd", "More than four hundred runners took part in Saturday's run, twice as many as a year ago. The fastest finished in seventeen minutes."),
]


def test_a_section_front_whose_cards_are_whole_links_keeps_the_cards() -> None:
    # A news section front: a one-line intro, then a grid of cards in which
    # the whole card (headline and summary) is one link, so every line is
    # all links; the listing pass must still find the grid.
    cards = "".join(
        f'<div class="card"><a href="/story/{i}"><h2>{t}</h2><p>{s}</p></a></div><hr>'
        for i, (t, s) in enumerate(_STORIES)
    )
    html = f"""<html><head><meta property="og:type" content="article"></head><body>{_NAV}
      <section><div><h1>Local news</h1><p>The latest local news from our town.</p></div></section>
      <section><div><div class="grid">{cards}</div></div></section>
      <footer><a href="/about">About us</a> <a href="/jobs">Jobs</a></footer></body></html>"""
    art = extract(html)
    for title, summary in _STORIES:
        assert title in art.body
        assert summary in art.body
    assert "About us" not in art.body
    assert art.pass_used == "listing"


def test_a_short_post_beside_a_blogroll_stays_an_article() -> None:
    # A guard: a short blog post beside a blogroll whose items are a linked
    # post title and a linked blog name (two short links, no summary) stays
    # an article; such a list's links still count against its score.
    roll = "".join(
        f'<li><a href="/p/{i}">A post title about the week number {i} news</a><br><a href="/b/{i}">Blog {i}</a></li>'
        for i in range(20)
    )
    html = f"""<html><head><meta property="og:type" content="article"></head><body>
      <div class="post"><h1>A quiet week</h1>
      <p>Nothing much happened this week, so I planted the tomatoes and read two books in the garden.</p></div>
      <div class="roll"><ul>{roll}</ul></div></body></html>"""
    art = extract(html)
    assert "I planted the tomatoes" in art.body
    assert "Blog 3" not in art.body
    assert art.pass_used == "strict"
