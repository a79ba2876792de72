"""The scorer, the selection and the public API on small hand-written pages."""

import json

import pytest

from boilerstrip import Article, BoilerstripError, InputError, extract
from boilerstrip.blocks import segment
from boilerstrip.clean import clean
from boilerstrip.parse import parse_html
from boilerstrip.rules import default_rules
from boilerstrip.score import aggregate
from boilerstrip.select import select

P1 = "The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring."
P2 = "Work will start in March and is expected to take two years, the council's engineer said at the meeting."
P3 = "Residents have crossed the river by ferry since the closure, a trip that adds half an hour to the school run."


def _segment(html):
    tree = parse_html(html)
    clean(tree)
    rules = default_rules()
    seg = segment(tree, rules)
    aggregate(seg, rules)
    return seg


def test_blocks_carry_text_and_link_counts():
    seg = _segment(f"<body><div><p>{P1}</p><p><a href='/a'>Read more</a></p></div></body>")
    texts = [b.text for b in seg.blocks]
    assert texts == [P1, "Read more"]
    assert seg.blocks[0].link_chars == 0
    assert seg.blocks[1].link_chars == len("Read more")


def test_classify_prose_links_and_cues():
    seg = _segment(
        f"<body><p>{P1}</p><p><a href='/1'>One headline that is a link to another story on the site</a></p>"
        "<p>Advertisement</p><p>Short line</p></body>"
    )
    klass = [(b.text[:20], b.klass, b.reason) for b in seg.blocks]
    assert klass == [
        (P1[:20], "good", None),
        ("One headline that is", "bad", "density.links"),
        ("Advertisement", "bad", "cue.ad-label"),
        ("Short line", "short", None),
    ]


def test_br_pairs_split_paragraphs():
    seg = _segment(f"<body><div>{P1}<br><br>{P2}<br>{P3}</div></body>")
    assert [b.text for b in seg.blocks] == [P1, P2 + " " + P3]


def test_selection_keeps_the_article_and_drops_the_sidebar():
    html = (
        "<body><div class='layout'>"
        f"<div class='story'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
        "<div class='rail'><ul><li><a href='/x'>Most read story number one on this site</a></li>"
        "<li><a href='/y'>Most read story number two on this site</a></li></ul></div>"
        "</div></body>"
    )
    sel = select(_segment(html))
    assert [b.text for b in sel.kept] == [P1, P2, P3]


def test_article_split_by_an_ad_keeps_both_parts_in_order():
    html = (
        "<body><main>"
        f"<div class='body-part'><p>{P1}</p><p>{P2}</p></div>"
        "<div class='ad-slot'><span>Advertisement</span></div>"
        f"<div class='body-part'><p>{P3}</p><p>{P1.replace('Tuesday', 'Monday')}</p></div>"
        "</main><footer><p>Copyright 2024 The Gazette. All rights reserved across every edition.</p></footer></body>"
    )
    body = extract(html).body
    assert body.split("\n\n") == [P1, P2, P3, P1.replace("Tuesday", "Monday")]


def test_heading_that_introduces_a_link_list_is_dropped():
    html = (
        f"<body><article><p>{P1}</p><h2>Why it matters</h2><p>{P2}</p>"
        "<h3>Related</h3><ul><li><a href='/1'>Another story about bridges in the county</a></li>"
        "<li><a href='/2'>A third story about ferries and rivers</a></li></ul></article></body>"
    )
    a = extract(html, explain=True)
    assert [(b.kind, b.text) for b in a.blocks] == [("paragraph", P1), ("heading", "Why it matters"), ("paragraph", P2)]
    assert ("Related", "context.heading") in [(d.text, d.reason) for d in a.dropped]


def test_block_kinds_and_levels():
    html = (
        f"<body><article><h1>Bridge</h1><p>{P1}</p><h2>Costs</h2><p>{P2}</p>"
        "<ul><li>Steel: 40 tonnes of it, shipped from the north</li><li>Concrete: 300 cubic metres poured</li></ul>"
        "<blockquote><p>We have waited long enough for this bridge, said the mayor.</p></blockquote>"
        "<pre>total = steel + concrete</pre>"
        "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2025</td><td>4m</td></tr></table>"
        f"<p>{P3}</p></article></body>"
    )
    a = extract(html)
    kinds = [(b.kind, b.level) for b in a.blocks]
    assert ("heading", 2) in kinds
    assert kinds.count(("list_item", 1)) == 2
    assert ("quote", None) in kinds
    assert ("code", None) in kinds
    table = [b for b in a.blocks if b.kind == "table"]
    assert table and table[0].text == "Year | Cost\n2025 | 4m"
    md = a.to_markdown()
    assert "- Steel: 40 tonnes" in md and "> We have waited" in md and "| Year | Cost |" in md


def test_captions_stay_out_of_the_body_unless_asked_into_blocks():
    html = (
        f"<body><article><p>{P1}</p><figure><img src='/b.jpg' alt='bridge'>"
        "<figcaption>The old bridge in 2019. Photo: Jane Roe</figcaption></figure><p>{P2}</p></article></body>"
    ).replace("{P2}", P2)
    a = extract(html, url="https://example.org/news/bridge")
    assert "old bridge in 2019" not in a.body
    assert [c.text for c in a.captions] == ["The old bridge in 2019."]
    assert a.captions[0].credit == "Photo: Jane Roe"
    assert a.captions[0].image_url == "https://example.org/b.jpg"
    b = extract(html, include_captions=True)
    assert "caption" in [x.kind for x in b.blocks]
    assert b.body == a.body


def test_explain_lists_dropped_blocks_with_reasons():
    html = f"<body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article><p>{P1}</p><p>Advertisement</p><p>{P2}</p></article></body>"
    a = extract(html, explain=True)
    reasons = {d.reason for d in a.dropped}
    assert "tag.navigation" in reasons and "cue.ad-label" in reasons
    assert extract(html).dropped is None


def test_empty_and_whitespace_input_give_an_empty_article():
    for html in (b"", "", "   \n\t", b"<html></html>"):
        a = extract(html)
        assert isinstance(a, Article)
        assert a.body == "" and a.blocks == ()


def test_wrong_types_raise_input_error():
    with pytest.raises(InputError):
        extract(12345)
    with pytest.raises(InputError):
        extract(b"<p>x</p>", rules="not a ruleset")
    assert issubclass(InputError, BoilerstripError)


def test_result_is_immutable_and_serialises():
    a = extract(f"<body><article><h1>Bridge to be rebuilt</h1><p>{P1}</p></article></body>")
    with pytest.raises(AttributeError):
        a.body = "x"
    d = json.loads(a.to_json())
    assert d["title"] == "Bridge to be rebuilt"
    assert d["body"] == P1
    assert d["blocks"] == [{"kind": "paragraph", "text": P1, "level": None, "number": None}]
    assert a.to_markdown().startswith("# Bridge to be rebuilt\n\n" + P1)


@pytest.mark.parametrize("wrapper", ["<main hidden>{}</main>", "<div id='app' aria-hidden='true'>{}</div>", "<div style='display:none'>{}</div>"])
def test_a_page_hidden_until_its_scripts_run_is_kept(wrapper):
    html = "<body><nav><a href='/'>Home</a></nav>" + wrapper.format(f"<p>{P1}</p><p>{P2}</p>") + "</body>"
    assert extract(html).body == P1 + "\n\n" + P2


def test_a_page_streamed_into_a_hidden_boundary_is_kept_beside_large_scripts():
    # Streaming server rendering sends the article in a hidden boundary that
    # a script moves into place, after a serialized state far larger than
    # the text: the hidden box is measured against the page's text, not its
    # script bytes.
    state = '{"props": {"page": "' + "x" * 20_000 + '"}}'
    html = (
        "<body><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav><template id='B:0'></template>"
        f"<script>self.__state = {state}</script>"
        f"<div hidden id='S:0'><article><p>{P1}</p><p>{P2}</p></article></div>"
        "<script>$RC('B:0', 'S:0')</script></body>"
    )
    assert extract(html).body == P1 + "\n\n" + P2


def test_a_small_hidden_box_is_removed():
    html = f"<body><article><p>{P1}</p><div hidden><p>Thanks for subscribing to the newsletter of our paper!</p></div><p>{P2}</p></article></body>"
    assert extract(html).body == P1 + "\n\n" + P2


def test_collapsed_accordion_and_tab_panels_are_kept_other_hidden_boxes_are_not():
    # WAI-ARIA's accordion: each question is a button that controls (aria-controls)
    # a panel hidden until the reader opens it; the answers are the page's text.
    answer = "There is no single target: it depends on what you expect your retirement to look like, and when."
    faq = (
        "<h2>Frequently asked questions</h2>"
        "<h3><button aria-expanded='false' aria-controls='a1'>How much do I need to retire?</button></h3>"
        f"<div id='a1' aria-hidden='true'><p>{answer}</p></div>"
    )
    specs = "The microphone weighs 765 grams and its cartridge has a frequency response from 50 Hz to 20 kHz."
    tabs = (
        "<div role='tablist'><button role='tab' aria-selected='true' aria-controls='t1'>Overview</button>"
        "<button role='tab' aria-selected='false' aria-controls='t2'>Specifications</button></div>"
        f"<div id='t1' role='tabpanel'><p>{P2}</p></div><div id='t2' role='tabpanel' hidden><p>{specs}</p></div>"
    )
    html = (
        "<body><button aria-expanded='false' aria-controls='menu'>Menu</button>"
        "<nav id='menu' hidden><a href='/'>Home</a> <a href='/plans'>Plans</a></nav>"
        f"<article><p>{P1}</p><p>{P2}</p>{faq}"
        "<div aria-hidden='true'><p>Thanks for subscribing to the newsletter of our paper!</p></div></article></body>"
    )
    body = extract(html).body
    assert answer in body
    html_tabs = f"<body><article><h1>Studio microphone</h1><p>{P1}</p>{tabs}</article></body>"
    assert specs in extract(html_tabs).body  # WAI-ARIA's tabs: the hidden tab panel
    assert "newsletter" not in body  # hidden, and no control opens it
    assert "Plans" not in body  # the menu's panel is kept by clean, then dropped as navigation


def test_tab_panels_labelled_by_tabs_without_aria_controls_are_kept():
    # WAI-ARIA's tabs, linked the other way: the tabs carry no aria-controls,
    # each panel names its tab with aria-labelledby (a docs site's code
    # sample in several languages)
    java = "Call the client's create method with the sender, the recipient and the body of the message."
    go = "Pass the parameters struct to CreateMessage and check the error before you read the message id."
    html = (
        f"<body><article><h1>Send a message</h1><p>{P1}</p>"
        "<div><div role='tablist'><span role='tab' id='tab-java' aria-selected='true'>Java</span>"
        "<span role='tab' id='tab-go' aria-selected='false'>Go</span></div>"
        f"<div role='tabpanel' aria-labelledby='tab-java'><p>{java}</p></div>"
        f"<div role='tabpanel' aria-labelledby='tab-go' hidden style='display:none'><p>{go}</p></div></div>"
        "<div role='tabpanel' aria-labelledby='nothing-by-this-id' hidden><p>An orphan panel no tab opens.</p></div>"
        f"<p>{P2}</p></article></body>"
    )
    body = extract(html).body
    assert java in body and go in body
    assert "orphan" not in body


def test_accordion_buttons_that_state_no_aria_expanded_still_open_their_panels():
    q1 = "Installers size the system from a year of your electricity bills and the shade on your roof."
    q2 = "Most homes are connected to the grid within a month of the installation, after an inspection."
    html = (
        f"<body><article><h1>Solar installation guide</h1><p>{P1}</p><div class='faq'>"
        "<div><button aria-controls='p1' aria-selected='false'>How is a system sized?</button>"
        f"<div id='p1' style='display: none;'><p>{q1}</p></div></div>"
        "<div><a role='button' tabindex='0' aria-controls='p2'>When is it connected?</a>"
        f"<div id='p2' style='display:none'><p>{q2}</p></div></div></div><p>{P2}</p></article></body>"
    )
    body = extract(html).body
    assert q1 in body and q2 in body


def test_collapsed_widgets_named_by_their_class_are_kept():
    # no aria-controls anywhere: an FAQ toggled by a script, a "read more"
    # expander, a framework's collapse
    a1 = "Yes: every course ends with an assessment, and passing it gives you a certificate you can share."
    more = "The rest of the description tells how the habits compound over months and years of small changes."
    spec = "The stove burns wood pellets or logs and weighs nine kilograms without its stand and its lid."
    band = "The sport band is made of a soft fluoroelastomer and closes with a pin and tuck, in three sizes."
    html = (
        f"<body><article><h1>Courses</h1><p>{P1}</p>"
        "<div class='faq'><h3 class='faq__question'>Do I get a certificate?</h3>"
        f"<div class='faq__answer' style='display: none;'><p>{a1}</p></div></div>"
        f"<div class='a-expander-content' style='display:none'><p>{more}</p></div>"
        f"<div class='chakra-collapse' style='overflow:hidden;display:none'><p>{spec}</p></div>"
        f"<div class='ImageAccordion_accordionContent' inert aria-hidden='true'><p>{band}</p></div>"
        f"<p>{P2}</p></article>"
        "<div class='collapse drawer' hidden><p>Sign up to our newsletter for weekly course deals and offers.</p></div>"
        "</body>"
    )
    body = extract(html).body
    assert a1 in body and more in body and spec in body and band in body
    assert "newsletter" not in body  # a hidden drawer mounted on <body> stays removed


def test_the_box_after_a_collapsed_disclosure_without_aria_controls_is_kept():
    method = "The calculator assumes a constant rate of return and inflation of two and a half percent a year."
    html = (
        f"<body><article><h1>Retirement calculator</h1><p>{P1}</p>"
        "<div><a href='javascript:void(0)' aria-expanded='false'>Methodology: how the calculator works</a></div>"
        f"<div id='methods' class='hide' aria-hidden='true'><h4>Methodology</h4><p>{method}</p></div>"
        f"<p>{P2}</p></article>"
        "<button aria-expanded='false'>Menu</button>"
        "<div hidden><p>Log in to see your saved calculations and your plan.</p></div></body>"
    )
    body = extract(html).body
    assert method in body
    assert "Log in" not in body  # a box after a control, but mounted on <body>


STORY = "<div class='story'><h1>Council approves budget</h1>" + f"<p>{P1}</p><p>{P2}</p>" * 2 + "</div>"


@pytest.mark.parametrize("panel, words", [
    # a drawer menu mounted beside the page, opened by a button in the header
    ("<button aria-expanded='false' aria-controls='m'>Menu</button><div id='m' hidden class='drawer'>"
     "<a href='/news'>News</a><p>Subscribe for one pound a week and get unlimited access to all our journalism.</p></div>",
     "Subscribe"),
    # a log-in overlay hidden with aria-hidden
    ("<button aria-expanded='false' aria-controls='login'>Log in</button><div id='login' aria-hidden='true'>"
     "<p>Log in to your account to read unlimited stories, save articles and manage your newsletters.</p></div>",
     "Log in to your account"),
    # a share panel opened by a tab button outside any tab list
    ("<button role='tab' aria-controls='sh'>Share</button><div id='sh' hidden>"
     "<p>Share this article on Facebook, LinkedIn, WhatsApp or by email to your friends and family.</p></div>",
     "Share this article"),
    # a hidden element that names itself as its own panel
    ("<div id='s' hidden aria-expanded='false' aria-controls='s'>"
     "<p>Self controlled hidden panel text that should not show up in the article body of this page.</p></div>",
     "Self controlled"),
    # an accordion's panel that is a dialog
    ("<div><h3><button aria-expanded='false' aria-controls='d'>Sign in to comment on this story</button></h3>"
     "<div id='d' role='dialog' hidden><p>Sign in with your account to comment on this story and follow replies.</p></div></div>",
     "Sign in with your account"),
])
def test_hidden_panels_that_are_not_part_of_the_page_stay_removed(panel, words):
    assert words not in extract(f"<body>{panel}{STORY}</body>").body


def test_short_labels_after_the_article_are_cut_off():
    html = (
        f"<body><article><p>{P1}</p><p>{P2}</p>"
        "<div class='share'>Share this story with your friends on every network you use</div>"
        "<p>Read next</p><p>Weekend weather</p><p>The ferry will run again on Monday, the operator said.</p></article></body>"
    )
    a = extract(html, explain=True)
    assert a.body.split("\n\n") == [P1, P2, "The ferry will run again on Monday, the operator said."]
    assert ("Weekend weather", "context.tail") in [(d.text, d.reason) for d in a.dropped]


def test_url_must_be_a_string():
    with pytest.raises(InputError):
        extract("<p>x</p>", url=5)


P4 = "The new bridge will carry a cycle lane on each side and a footpath wide enough for two prams to pass."


@pytest.mark.parametrize("wrapper_class", [
    "post type-post category-photo-captions",   # a caption token in a taxonomy class
    "post tag-tax-credits",                      # a credit token
    "hentry entry-author-jane-doe",              # a byline token
    "post share-this-story",                     # a share token
    "post category-ads tag-sponsored-content",   # ad tokens in WordPress taxonomy classes
    "entry entry-category-comments entry-author-sam_lee",  # TypePad entry classes
    "node node--type-service node--promoted node--view-mode-full",  # Drupal: promoted to the front page, not an ad
    "node node-article node-promoted node-sticky",  # Drupal 7
])
def test_small_box_rules_do_not_skip_a_post_wrapper(wrapper_class):
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<div class='{wrapper_class}'><h1>Bridge to be rebuilt</h1>"
        "<div class='byline'>By Jane Doe</div>"
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div>"
        "<footer>Copyright 2024 The Example Gazette</footer></body></html>"
    )
    art = extract(html)
    assert [b.text for b in art.blocks if b.kind == "paragraph"] == [P1, P2, P3, P4]
    assert "By Jane Doe" not in art.body


def test_a_product_hidden_until_its_script_runs_is_kept_beside_larger_menus():
    # Shop themes hide the product (its <h1>, description and specifications)
    # in a display:none box a deferred script shows; the mega menus, hidden
    # too, are larger than it, so it is not half the page's text.
    menu = "".join(f"<li><a href='/c/{i}'>Vitamins and supplements, aisle {i}</a></li>" for i in range(60))
    product = (
        "<div class='product-wrapper defer-block' style='display: none'><article><h1>Toasted almond thins, 150 g</h1>"
        "<h2>Product overview</h2>" + "".join(f"<p>{p}</p>" for p in [P1, P2, P3] * 4)
        + "<h2>Ingredients</h2>" + "".join(f"<p>{p}</p>" for p in [P3, P1, P2] * 3) + "</article></div>"
    )
    menus = "".join(f"<div class='mega-menu' style='display:none'><ul>{menu}</ul></div>" for _ in range(2))
    html = f"<body><header><a href='/'>Shop</a>{menus}</header>{product}</body>"
    body = extract(html).body
    assert P1 in body and P3 in body
    assert "aisle 7" not in body


def test_a_hidden_dialog_copying_the_title_is_removed():
    dialog = (
        "<div role='dialog' aria-modal='true' style='display:none'><h1>Bridge to be rebuilt</h1>"
        f"<p>Republish this story: {P3 * 20}</p></div>"
    )
    paragraphs = [P1, P2, P3] * 10
    html = "<body><article><h1>Bridge to be rebuilt</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + f"</article>{dialog}</body>"
    body = extract(html).body
    assert P1 in body and "Republish" not in body


def test_a_drupal_node_promoted_to_the_front_page_is_not_an_ad():
    # Drupal prints the page title in a block of its own, outside the node,
    # and marks a node promoted to the front page node--promoted.
    menu = "".join(f"<li><a href='/services/{i}'>Outpatient and inpatient services, department {i}</a></li>" for i in range(30))
    html = (
        f"<html><body><nav><ul>{menu}</ul></nav><main><div class='block-page-title'><h1>Bridge services</h1></div>"
        "<article class='node node--type-service node--promoted node--view-mode-full'><div class='node__content'>"
        f"<p>{P1}</p><p>{P2}</p><p>{P3}</p><p>{P4}</p></div></article></main>"
        "<div class='region-bottom'><h2>Patient portal</h2><p>Download the patient portal app for access to your records, "
        "your appointments and your test results. Managing your care has never been simpler: it is free for every patient, "
        "on phones and on tablets, and it takes two minutes to sign up at the front desk of any of our clinics.</p></div>"
        f"<footer><ul>{menu}</ul></footer></body></html>"
    )
    assert [b.text for b in extract(html).blocks if b.kind == "paragraph"] == [P1, P2, P3, P4]


def test_a_link_post_whose_headline_is_all_its_content_keeps_the_headline():
    # a forum's link post: the thread holds a linked headline and its source,
    # no text of its own; the headline repeats the title but is the content
    headline = "Harbour council votes to rebuild the old ferry pier by the end of next year"
    page = f"""<html><head><title>{headline} : r/harbourtown</title>
      <meta property="og:title" content="{headline}"></head><body>
      <nav><a href="/">Home</a> <a href="/popular">Popular</a> <a href="/all">All</a></nav>
      <main><div class="post"><h1><a href="https://news.example/pier">{headline}</a></h1>
      <div class="share-bar"><a href="/s/1">Share</a> <a href="/s/2">Save</a></div></div></main>
      <footer><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer></body></html>"""
    art = extract(page, url="https://forum.example/r/harbourtown/comments/8kq2xz/harbour_council/", explain=True)
    assert art.page_kind == "forum"
    assert art.title == headline
    assert art.body == headline
    assert "dup.title" not in [d.reason for d in art.dropped]


def test_a_page_whose_only_text_is_its_headline_has_no_article():
    # a 404 page, a paywall, an app shell: the headline alone is no article
    page = """<html><head><title>Page not found</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <main><h1>Page not found</h1></main><footer><a href="/terms">Terms</a></footer></body></html>"""
    assert extract(page).body == ""


def test_a_headline_repeating_the_title_above_text_is_still_dropped():
    headline = "Harbour council votes to rebuild the old ferry pier"
    page = f"""<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>
      <p>The council approved the plan on Tuesday after a long debate about the costs of the work on the pier.</p>
      <p>Work is to begin in the spring and the pier is to reopen before the summer season of the following year.</p>
      </article></body></html>"""
    art = extract(page, explain=True)
    assert art.body.startswith("The council approved")
    assert (headline, "dup.title") in [(d.text, d.reason) for d in art.dropped]


def test_a_numbered_list_after_an_embed_line_is_not_cut_off():
    # A playlist post: the prose, an embed's linked credit line, then the
    # track list as paragraphs numbered 1, 2, 3, ...: short lines that are
    # no sentences, but one list of the article (select.NUMBERED_RUN_MIN).
    tracks = ["1. In the Dirt - S. Carey", "2. Orchids - Maria Taylor", "3. Slowness - Calexico", "4. I Know Places - Lykke Li"]
    html = (
        f"<body><article><p>{P1}</p><p>{P2}</p>"
        "<p><a href='/mix'>Fireplace Grooves from the mix tapes on the radio player</a></p>"
        + "".join(f"<p>{t}</p>" for t in tracks)
        + "<p>Weekend weather</p></article></body>"
    )
    a = extract(html, explain=True)
    assert a.body.split("\n\n") == [P1, P2, *tracks]
    assert ("Weekend weather", "context.tail") in [(d.text, d.reason) for d in a.dropped]


def test_an_ordered_list_after_an_embed_line_is_not_cut_off():
    # The same list as an <ol>: its items carry their numbers (TextBlock.number).
    tracks = ["In the Dirt - S. Carey", "Orchids - Maria Taylor", "Slowness - Calexico"]
    html = (
        f"<body><article><p>{P1}</p><p>{P2}</p>"
        "<p><a href='/mix'>Fireplace Grooves from the mix tapes on the radio player</a></p>"
        "<ol>" + "".join(f"<li>{t}</li>" for t in tracks) + "</ol></article></body>"
    )
    a = extract(html)
    assert [b.text for b in a.blocks if b.kind == "list_item"] == tracks


def test_an_ordered_list_of_two_block_items_after_an_embed_line_is_not_cut_off():
    # Each item a short heading and a line of its own (a top-ten's entries):
    # the blocks of one <ol> item share its number.
    items = [("Song A", "by the first band"), ("Song B", "by the second band"), ("Song C", "by the third band")]
    html = (
        f"<body><article><p>{P1}</p><p>{P2}</p>"
        "<p><a href='/mix'>Fireplace Grooves from the mix tapes on the radio player</a></p>"
        "<ol>" + "".join(f"<li><h3>{t}</h3><p>{by}</p></li>" for t, by in items) + "</ol></article></body>"
    )
    body = extract(html).body
    for t, by in items:
        assert t in body and by in body


def test_a_spacer_of_invisible_characters_is_no_block():
    # page builders separate paragraphs with <p>&zwj;</p> or zero-width spaces
    story = "The ferry to the islands will leave half an hour earlier from May. " * 6
    html = f"""<html><body><article><h1>Ferry times</h1><p>{story}</p><p>&zwj;</p>
      <p>\u200b \u200b</p><p>&shy;</p><p>{story}</p></article></body></html>"""
    a = extract(html)
    assert [b.text.strip() for b in a.blocks] == [story.strip(), story.strip()]
