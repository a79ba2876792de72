"""The element-rules stage: one annotation pass, its verdicts and its guards."""

import dataclasses

import pytest

from boilerstrip import Options
from boilerstrip.blocks import segment
from boilerstrip.clean import clean
from boilerstrip.parse import parse_html
from boilerstrip.rules import Verdict, Verdicts, annotate, default_rules
from boilerstrip.rules.annotation import CAPTION, DROP, KEPT, WEIGHT

PROSE = "The council voted on Tuesday to rebuild the old bridge, closed since the floods of last spring. " * 3


def _tree(html):
    tree = parse_html(html)
    clean(tree)
    return tree


def _by_id(tree, verdicts):
    """``{element id attribute: verdict}`` of the elements with a verdict."""
    out = {}
    for node in tree.css("[id]"):
        v = verdicts.get(node)
        if v is not None:
            out[node.attributes["id"]] = v
    return out


def test_drop_caption_and_weight_verdicts():
    tree = _tree(
        "<body><nav id='n'>Home <a href='/'>News</a></nav>"
        f"<div id='post' class='post'><p id='p'>{PROSE}</p>"
        "<figure id='f'><figcaption id='c'>A bridge. Photo: J. Doe</figcaption></figure></div></body>"
    )
    verdicts = annotate(tree, default_rules())
    got = _by_id(tree, verdicts)
    assert got["n"] == Verdict(DROP, "tag.navigation", 0.0, "Home News")
    assert got["c"] == Verdict(CAPTION, "tag.caption", 0.0, None)  # no small-box limit: text not read
    assert got["post"] == Verdict(WEIGHT, "weight.content", 25.0, None)
    assert set(got) == {"n", "c", "post"}  # <p> and <figure> match no rule
    assert verdicts.page_chars == len("Home News") + len(PROSE.strip()) + 1 + len("A bridge. Photo: J. Doe")


def test_nothing_is_annotated_inside_a_dropped_box():
    tree = _tree(f"<body><nav id='n'><div id='s' class='share'>Share</div></nav><p>{PROSE}</p></body>")
    got = _by_id(tree, annotate(tree, default_rules()))
    assert list(got) == ["n"]


def test_share_guard_keeps_a_box_with_most_of_the_page():
    # "sidebar" names the page wrapper here: it holds all of the page's text
    tree = _tree(f"<body><div id='w' class='sidebar'><p>{PROSE}</p></div><nav id='n'>Home</nav></body>")
    got = _by_id(tree, annotate(tree, default_rules()))
    assert got["w"].action == KEPT and got["w"].guard == "share" and got["w"].rule == "class.chrome"
    assert got["n"].action == DROP
    # with the share guard at 100% of the page, the wrapper (all but "Home") is dropped
    strict = dataclasses.replace(Options(), drop_guard_share=1.0)
    got = _by_id(tree, annotate(tree, default_rules(), options=strict))
    assert got["w"].action == DROP


def test_marker_guard_keeps_the_column_of_the_first_h1():
    # comment rules are guarded by the article's markers only: a comment thread may be most of a page
    tree = _tree(
        f"<body><div id='a' class='comments'><h1>Bridge to be rebuilt</h1><p>{PROSE}</p></div>"
        f"<div id='b' class='comments'><p>{PROSE}</p><p>{PROSE}</p></div></body>"
    )
    got = _by_id(tree, annotate(tree, default_rules()))
    # a: holds the first <h1> and about a third of the page (>= 0.25): kept
    assert got["a"].action == KEPT and got["a"].guard == "marker"
    # b: two thirds of the page, but the rule's guard is "marker" and it holds no marker
    assert got["b"].action == DROP and got["b"].rule == "class.comments"


def test_the_first_article_element_is_a_marker_of_the_story():
    # a newsletter platform's post: <article class="newsletter-post"> holds the
    # story, the header's <h1> is the publication's name; a sign-up box after
    # the post (and not its ancestor) still drops
    tree = _tree(
        "<body><header><h1>Back of Mind</h1></header>"
        f"<article id='post' class='newsletter-post post'><h2>What is sprung</h2><p>{PROSE}</p><p>{PROSE}</p></article>"
        "<div id='signup' class='subscribe-widget'><p>Subscribe to get new posts by email, free.</p></div>"
        f"<aside><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></aside></body>"
    )
    got = _by_id(tree, annotate(tree, default_rules()))
    # the post holds about 40 % of the page's text: under the share guard, over the marker guard's 25 %
    assert got["post"].action == KEPT and got["post"].guard == "marker" and got["post"].rule == "class.subscribe"
    assert got["signup"].action == DROP


def test_a_footer_is_kept_for_the_article_markers_alone_not_for_its_share():
    legal = "Coverage is provided by third parties and is not available in every state of the country. " * 8
    short = "".join(f"<p>Plan {i}: cover for vet bills.</p>" for i in range(6))
    # the disclosures are most of the page, but no footer is the article for its size
    tree = _tree(f"<body><main><h1>Pet insurance</h1>{short}</main><footer id='f'><p>{legal}</p></footer></body>")
    got = _by_id(tree, annotate(tree, default_rules()))
    assert got["f"].action == DROP and got["f"].rule == "tag.footer"
    # a footer that holds the page's first <h1> and a quarter of its text is the article's column
    tree = _tree(f"<body><footer id='f'><h1>Pet insurance</h1><p>{legal}</p></footer><p>{PROSE}</p></body>")
    got = _by_id(tree, annotate(tree, default_rules()))
    assert (got["f"].action, got["f"].guard) == (KEPT, "marker")


def test_nested_guard_keeps_the_column_wrappers_that_repeat_the_overruled_token():
    # A newsletter issue: the page's section, its wrapper and its text are all
    # named "newsletter"; the sign-up box inside the issue is one too.
    signup = "Sign up for the monthly newsletter and get the next issue by email."
    tree = _tree(
        "<body><nav id='n'>Home Podcast Topics Newsletter Shop About Contact Events Sponsors Search</nav>"
        "<section id='s' class='hero cc-newsletter'><h1>Fitness protocol</h1>"
        f"<div id='w' class='newsletter-wrapper'><div id='t' class='newsletter-content'>"
        f"<p>{PROSE}</p><p>{PROSE}</p>"
        f"<div id='f' class='newsletter-signup'>{signup}</div></div></div></section>"
        f"<footer><p>{PROSE}</p><p>{PROSE}</p></footer></body>"
    )
    got = _by_id(tree, annotate(tree, default_rules()))
    # s: holds the first <h1> and over a quarter of the page, under the 60 % share guard
    assert (got["s"].action, got["s"].guard, got["s"].rule) == (KEPT, "marker", "class.subscribe")
    # w and t hold no <h1>, but nearly all of s's text: the guard on s speaks for them
    assert (got["w"].action, got["w"].guard) == (KEPT, "nested")
    assert (got["t"].action, got["t"].guard) == (KEPT, "nested")
    # f is a sign-up box inside the issue: a small share of it, dropped
    assert got["f"] == Verdict(DROP, "class.subscribe", 0.0, signup)
    # at 1.0 a wrapper must hold all of the overruled element's text: w lacks the <h1>
    strict = dataclasses.replace(Options(), nested_guard_share=1.0)
    got = _by_id(tree, annotate(tree, default_rules(), options=strict))
    assert got["w"].action == DROP


def test_nested_guard_does_not_carry_a_comment_rule_into_the_thread():
    # the wrapper of story and thread is kept by the marker guard under class.comments; the
    # thread inside holds most of its text and is the rule's own kind of box: still dropped
    reply = "Reader wrote: the roads in my street are full of holes and nobody in the council cares at all. " * 2
    tree = _tree(
        f"<body><div id='w' class='comments-open'><article><h1>Bridge to be rebuilt</h1><p>{PROSE}</p></article>"
        f"<section id='t' class='comment-list'>{('<p>' + reply + '</p>') * 4}</section></div></body>"
    )
    got = _by_id(tree, annotate(tree, default_rules()))
    assert (got["w"].action, got["w"].guard) == (KEPT, "marker")
    assert got["t"].action == DROP and got["t"].rule == "class.comments"


def test_protected_tags_and_article_elements_are_never_dropped():
    tree = _tree(
        "<body><main id='m' class='sidebar'><p>Short.</p></main>"
        "<div id='i' class='sidebar' itemtype='https://schema.org/NewsArticle'>Small.</div>"
        "<div id='ab' class='sidebar' itemprop='articleBody'>Small.</div>"
        "<div id='x' class='sidebar' itemtype='https://schema.org/Product'>Small.</div>"
        f"<p>{PROSE}</p></body>"
    )
    got = _by_id(tree, annotate(tree, default_rules()))
    assert (got["m"].action, got["m"].guard) == (KEPT, "protected")
    assert (got["i"].action, got["i"].guard) == (KEPT, "article")
    assert (got["ab"].action, got["ab"].guard) == (KEPT, "article")
    assert got["x"].action == DROP


def test_relaxed_pass_keeps_what_drop_rules_match():
    tree = _tree(f"<body><nav id='n'>Home</nav><div id='s' class='share'>Share</div><p>{PROSE}</p></body>")
    verdicts = annotate(tree, default_rules(), use_drop_rules=False)
    got = _by_id(tree, verdicts)
    assert got["n"] == Verdict(KEPT, "tag.navigation", 0.0, None, "relaxed")
    # the share rule is a small-box rule: measured for its limit, its text not kept
    assert got["s"] == Verdict(KEPT, "class.share", 0.0, None, "relaxed")
    assert not verdicts.use_drop_rules


def test_small_box_rules_do_not_apply_to_long_boxes():
    tree = _tree(f"<body><div id='s' class='share'>{PROSE}{PROSE}{PROSE}</div><p>{PROSE}</p></body>")
    # class.share applies to at most 600 characters; this box holds about 900
    assert _by_id(tree, annotate(tree, default_rules())) == {}


def test_rules_off_for_the_page_kind_are_not_applied():
    tree = _tree(f"<body><div id='c' class='comments'>Nice post!</div><p>{PROSE}</p></body>")
    assert _by_id(tree, annotate(tree, default_rules()))["c"].action == DROP
    assert _by_id(tree, annotate(tree, default_rules(), page_kind="forum")) == {}


def test_segment_reads_the_verdicts_it_is_given():
    tree = _tree(f"<body><div id='d'><p>{PROSE}</p></div><p id='q'>Closing line of the page.</p></body>")
    d = tree.css_first("#d")
    q = tree.css_first("#q")
    verdicts = Verdicts({d.mem_id: Verdict(WEIGHT, "mine", 7.0), q.mem_id: Verdict(DROP, "mine.drop", 0.0, "Closing")}, 400)
    seg = segment(tree, default_rules(), verdicts=verdicts)
    assert [f.weight for f in seg.frames if f.tag == "div"] == [7.0]
    assert [(b.kind, b.text, b.reason) for b in seg.blocks][-1] == ("boilerplate", "Closing", "mine.drop")
    assert seg.page_chars == 400 and seg.dropped_boxes == 1


def test_empty_document_gives_no_verdicts():
    verdicts = annotate(parse_html(""), default_rules())
    assert len(verdicts) == 0 and verdicts.page_chars == 0


@pytest.mark.parametrize("use_drop_rules", [True, False])
def test_annotate_and_segment_agree_with_segment_alone(use_drop_rules):
    html = (
        "<body><header class='masthead'>Site</header><article class='post'><h1>Title</h1>"
        f"<p>{PROSE}</p><figure><figcaption>Caption</figcaption></figure>"
        "<div class='share'>Share</div></article><footer>(c) Site</footer></body>"
    )
    tree = _tree(html)
    rules = default_rules()
    a = segment(tree, rules, use_drop_rules=use_drop_rules, include_captions=True)
    b = segment(tree, rules, include_captions=True,
                verdicts=annotate(tree, rules, use_drop_rules=use_drop_rules))
    assert [(x.kind, x.text, x.reason) for x in a.blocks] == [(x.kind, x.text, x.reason) for x in b.blocks]
    kinds = [x.kind for x in a.blocks]
    assert ("boilerplate" in kinds) == use_drop_rules


def test_hatom_posts_and_their_column_are_kept():
    tree = _tree(
        "<body><div id='w' class='widget Blog'><div id='e' class='post hentry'>"
        f"<div id='c' class='sidebar entry-content'><p>{PROSE}</p></div></div></div>"
        f"<div id='s' class='widget'>About me</div><p>{PROSE}{PROSE}{PROSE}</p></body>"
    )
    got = _by_id(tree, annotate(tree, default_rules()))
    # the entry content is the article itself (a class of vocabulary.article_classes) ...
    assert (got["c"].action, got["c"].guard) == (KEPT, "article")
    # ... and the "widget" box holding the page's first post content is its
    # column, though it holds only a quarter of the page's text and no <h1>
    assert (got["w"].action, got["w"].guard, got["w"].rule) == (KEPT, "post", "class.widget")
    assert got["s"].action == DROP


@pytest.mark.parametrize("html", [
    "<body><div id='a'>one <!-- not text --><b>two</b><div id='b'>three\n<p>four &amp; five</p>"
    "<script>var s = 1;</script></div> six</div></body>",
    "<body><div id='a'>  <i>sp</i>lit<b> </b>\t<span>word\x01s</span>  </div></body>",
    "<body><div id='a'><p></p><p>\n\n</p><p>x</p><p>y </p><p> z</p></div></body>",
])
def test_collapsed_chars_is_the_length_of_the_collapsed_subtree_text(html):
    from boilerstrip.dom import collapse
    from boilerstrip.rules.annotation import _Pass

    tree = parse_html(html)
    state = _Pass(tree, default_rules(), 100, "article", Options(), True)
    # inner elements first: the outer ones then reuse their summaries
    for node in reversed(list(tree.css_first("#a").traverse())):
        if node.tag and node.tag[0] not in "-_!#":
            assert state.collapsed_chars(node) == len(collapse(node.text(deep=True)))


def test_nested_boxes_around_the_article_are_all_kept_by_the_share_guard():
    levels = 40
    tree = _tree("<body>" + "<div class='share'>" * levels + f"<p>{PROSE}</p>" + "</div>" * levels
                 + "<div class='share' id='s'><a href='/x'>Share</a></div></body>")
    verdicts = annotate(tree, default_rules())
    boxes = tree.css("div.share")
    assert [verdicts.get(b).action for b in boxes[:levels]] == [KEPT] * levels
    assert [verdicts.get(b).guard for b in boxes[:levels]] == ["share"] * levels
    assert verdicts.get(tree.css_first("#s")).action == DROP
