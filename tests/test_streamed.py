"""Content that React's streaming rendering sends after the page is read where the page shows it."""

from selectolax.lexbor import LexborHTMLParser

from boilerstrip import extract
from boilerstrip.clean import STREAM_FALLBACK_MAX_SIBLINGS, clean

P1 = "Index funds track a market index, so their returns follow the market rather than a manager's picks."
P2 = "They charge low fees, because no analyst is paid to choose the stocks the fund holds."
P3 = "A fund of the whole market holds thousands of companies, which spreads the risk of any single one."
P4 = "Most brokers sell them without a commission, and many let you start with the price of one share."


def _page(article: str, tail: str, scripts: str = "") -> str:
    return f"""<html><head><title>How index funds work</title></head><body>
      <nav><a href="/">Home</a> <a href="/investing">Investing</a> <a href="/retire">Retirement</a></nav>
      <article><h1>How index funds work</h1>{article}</article>
      <footer><a href="/terms">Terms</a></footer>{tail}{scripts}</body></html>"""


def test_boundaries_are_filled_in_the_order_the_page_shows_them():
    # the segments arrive in another order than the boundaries; the script
    # calls say which goes where; the fallbacks are replaced
    article = (
        '<!--$?--><template id="B:0"></template><div>Loading paragraph...</div><!--/$-->'
        f"<p>{P2}</p>"
        '<!--$?--><template id="B:1"></template><div class="skeleton"></div><!--/$-->'
    )
    tail = f'<div hidden id="S:1"><p>{P3}</p><p>{P4}</p></div><div hidden id="S:0"><p>{P1}</p></div>'
    scripts = '<script>$RC("B:1","S:1")</script><script>$RC("B:0","S:0")</script>'
    art = extract(_page(article, tail, scripts))
    assert art.body == "\n\n".join((P1, P2, P3, P4))


def test_a_placeholder_takes_its_segment_and_ids_pair_when_scripts_were_stripped():
    # an archive without scripts or comments: segments pair with the
    # boundary or placeholder of the same number
    article = f'<template id="P:2"></template><p>{P2}</p><template id="B:3"></template>'
    tail = f'<div hidden id="S:3"><p>{P3}</p></div><div hidden id="S:2"><p>{P1}</p></div>'
    art = extract(_page(article, tail))
    assert art.body == "\n\n".join((P1, P2, P3))


def test_loading_placeholders_left_without_their_boundary_end_are_not_text():
    article = f'<template id="B:0"></template><div>Loading paragraph...</div><p>{P2}</p>'
    tail = f'<div hidden id="S:0"><p>{P1}</p></div>'
    art = extract(_page(article, tail))
    assert art.body == "\n\n".join((P1, P2))


def test_segments_without_a_place_stay_hidden():
    tree = LexborHTMLParser(f'<body><p>{P1}</p><div hidden id="S:7"><p>Not yet shown</p></div></body>')
    clean(tree)
    assert "Not yet shown" not in tree.body.text()


def test_a_boundary_without_its_end_keeps_what_follows():
    # no closing comment among the next siblings: nothing after the
    # template is removed, the segment goes right after it
    rest = "".join(f"<p>line {i}</p>" for i in range(STREAM_FALLBACK_MAX_SIBLINGS + 5))
    tree = LexborHTMLParser(
        f'<body><div id="col"><!--$?--><template id="B:0"></template>{rest}<!--/$--></div>'
        f'<div hidden id="S:0"><p>{P1}</p></div><script>$RC("B:0","S:0")</script></body>'
    )
    clean(tree)
    texts = [p.text() for p in tree.css("#col p")]
    assert texts[0] == P1
    assert texts[1:] == [f"line {i}" for i in range(STREAM_FALLBACK_MAX_SIBLINGS + 5)]


def test_nested_boundaries_inside_a_fallback_are_removed_with_it():
    tree = LexborHTMLParser(
        '<body><div id="col"><!--$?--><template id="B:0"></template>'
        '<div>Loading<!--$--><span>inner</span><!--/$--></div><!--$?--><b>spinner</b><!--/$-->'
        f'<!--/$--><p>{P2}</p></div><div hidden id="S:0"><p>{P1}</p></div>'
        '<script>$RC("B:0","S:0")</script></body>'
    )
    clean(tree)
    assert [p.text() for p in tree.css("#col p")] == [P1, P2]
    assert "spinner" not in tree.body.text() and "inner" not in tree.body.text()


def test_a_place_inside_its_own_segment_is_left_alone():
    tree = LexborHTMLParser(
        f'<body><p>{P1}</p><div hidden id="S:0"><template id="B:0"></template><p>loop</p></div>'
        '<script>$RC("B:0","S:0")</script></body>'
    )
    clean(tree)
    assert tree.body.text(separator=" ").split() == P1.split()


def test_many_segments_and_deep_places_finish():
    # 2,000 places, each 200 levels deep, and their segments
    deep = "".join(
        "<div>" * 200 + f'<template id="P:{i:x}"></template>' + "</div>" * 200 for i in range(2000)
    )
    segs = "".join(f'<div hidden id="S:{i:x}"><p>item {i}</p></div>' for i in range(2000))
    tree = LexborHTMLParser(f"<body>{deep}{segs}</body>")
    clean(tree)
    assert len(tree.css("p")) == 2000 and tree.css("p")[0].text() == "item 0"


def test_a_cycle_of_placeholders_inside_segments_gives_an_article():
    # S:1 holds P:3 and P:2; S:2 holds P:1: S:1 and S:2 form a cycle and stay hidden
    text = "Real article text here, long enough to be the main content of this small page. " * 4
    html = (
        f"<html><body><p>{text}</p>"
        '<div hidden id="S:1"><div><template id="P:3"></template><template id="P:2"></template></div></div>'
        '<div hidden id="S:3"><p>three</p></div>'
        '<div hidden id="S:2"><template id="P:1"></template></div>'
        '<script>$RS("S:3","P:3");$RS("S:1","P:1");$RS("S:2","P:2")</script></body></html>'
    )
    art = extract(html)
    assert art.body == text.strip()


def test_nested_suspense_is_placed_outermost_first():
    # the calls come innermost first; the inner segment's place is inside the outer segment
    html = _page(
        '<template id="P:0"></template>',
        f'<div hidden id="S:1"><p>{P2}</p></div><div hidden id="S:0"><p>{P1}</p><template id="P:1"></template></div>',
        '<script>$RS("S:1","P:1");$RS("S:0","P:0")</script>',
    )
    assert extract(html).body == "\n\n".join((P1, P2))


def test_a_chain_of_segments_deeper_than_the_cap_stays_hidden_below_it():
    from boilerstrip.clean import STREAM_MAX_NESTING

    n = STREAM_MAX_NESTING + 4
    segs = "".join(f'<div hidden id="S:{i:x}"><p>part {i}</p><template id="P:{i + 1:x}"></template></div>' for i in range(n))
    tree = LexborHTMLParser(f'<body><article><template id="P:0"></template></article>{segs}</body>')
    clean(tree)
    assert [p.text() for p in tree.css("article p")] == [f"part {i}" for i in range(STREAM_MAX_NESTING + 1)]


def test_a_place_outside_the_body_leaves_a_streamed_article_as_it_was():
    # the segment holds the whole article: kept as most of the page, as before placing existed
    a = "<p>" + "Index funds track a market index, so their returns follow the market. " * 10 + "</p>"
    for place in ('<head><template id="P:1"></template></head><body>', "<body><svg><template id='P:1'></template></svg>"):
        html = f'<html>{place}<nav><a href="/">Home</a></nav><div hidden id="S:1"><h1>Index funds</h1>{a}{a}</div></body></html>'
        assert len(extract(html).body) > 1000


def test_loading_placeholders_are_cues_but_headings_about_loading_are_not():
    text = "<p>" + "We read the CSV file with pandas and look at the first rows of the table. " * 4 + "</p>"
    html = (
        f'<html lang="en"><head><title>A pandas tutorial</title></head><body><article><h1>A pandas tutorial</h1>{text}'
        f"<h2>Loading the data</h2>{text}<h3>Loading images</h3>{text}<div>Loading paragraph...</div></article></body></html>"
    )
    art = extract(html, explain=True)
    assert "Loading the data" in art.body and "Loading images" in art.body
    assert ("Loading paragraph...", "cue.widget") in [(d.text, d.reason) for d in art.dropped]
