"""Chrome rules must not delete sections of the article column."""

from __future__ import annotations

import boilerstrip

PROSE = (
    "The dishwasher we tested for three months cleaned every load of baked-on pans without a pre-rinse, "
    "ran quieter than the kitchen fan and used less water than washing by hand in the sink. "
)


def _page(middle: str, sidebar: str = "") -> str:
    return (
        "<html><body><div class='wrap'><main><article><h1>The best kitchen appliances of the year</h1>"
        f"<p>{PROSE * 2}</p>{middle}<p>{PROSE}</p></article></main>"
        f"{sidebar}</div></body></html>"
    )


def test_page_builder_widget_inside_the_article_is_kept() -> None:
    card = (
        "<div class='c-product-widget c-product-widget--big'><h3>Best dishwasher</h3>"
        "<p>Our pick washes a full load in ninety minutes and dries plastic containers completely, "
        "something no other model in the price range managed during the test weeks, and its third rack "
        "holds every utensil of a dinner for six.</p></div>"
    )
    art = boilerstrip.extract(_page(card))
    assert "Our pick washes a full load" in art.body


def test_short_widget_inside_the_article_is_dropped() -> None:
    likes = "<div class='sharedaddy sd-like jetpack-likes-widget-wrapper'><h3>Like this:</h3><span>Loading...</span></div>"
    art = boilerstrip.extract(_page(likes))
    assert "Like this:" not in art.body


def test_sidebar_widget_outside_the_article_is_dropped() -> None:
    side = (
        "<div class='sidebar-col'><div class='widget widget_text'><h3>About me</h3>"
        "<p>I am a home cook who writes about kitchens, appliances and the small rituals of cooking "
        "dinner for a family of five every night of the week.</p></div></div>"
    )
    art = boilerstrip.extract(_page("", side))
    assert "home cook who writes" not in art.body
    assert "dishwasher we tested" in art.body


def test_accordion_with_role_tablist_is_kept() -> None:
    faq = (
        "<div class='panel-group' id='accordion' role='tablist'>"
        "<div class='panel'><h4 role='tab'>Does the course have prerequisites?</h4>"
        "<div role='tabpanel'><p>No. The course starts from the basics and every lesson explains the "
        "terms it uses, so anyone who can follow a recipe can follow the course.</p></div></div></div>"
    )
    art = boilerstrip.extract(_page(faq))
    assert "The course starts from the basics" in art.body


def test_page_builder_advanced_heading_is_not_an_ad() -> None:
    section = (
        "<p class='kt-adv-heading12_ab34cd-ef wp-block-kadence-advancedheading'>Our electricians answer the "
        "phone at any hour, arrive within two hours in the metro area and quote a flat price before any work "
        "starts, so nobody is surprised by the bill.</p>"
    )
    art = boilerstrip.extract(_page(section))
    assert "Our electricians answer the phone" in art.body


def test_nested_widgets_around_prose_are_all_kept_by_the_column_guard() -> None:
    from boilerstrip.clean import clean
    from boilerstrip.parse import parse_html
    from boilerstrip.rules import annotate, default_rules
    from boilerstrip.rules.annotation import KEPT

    levels = 30
    tree = parse_html(
        "<body><article><h1>Appliances</h1>" + "<div class='widget'>" * levels + f"<p>{PROSE * 3}</p>"
        + "</div>" * levels + "<div class='widget' id='likes'>Like this: 3 likes</div></article></body>"
    )
    clean(tree)
    verdicts = annotate(tree, default_rules())
    widgets = tree.css("div.widget")
    kept = [verdicts.get(w) for w in widgets[:levels]]
    assert [(v.action, v.guard) for v in kept] == [(KEPT, "column")] * levels
    assert verdicts.get(tree.css_first("#likes")).action == "drop"


def test_widgets_padded_with_whitespace_are_measured_collapsed() -> None:
    """Raw text of 1,000 spaces is not 200 characters of prose."""
    from boilerstrip.clean import clean
    from boilerstrip.parse import parse_html
    from boilerstrip.rules import annotate, default_rules

    tree = parse_html(
        f"<body><article><h1>Appliances</h1><p>{PROSE * 4}</p>"
        "<div class='widget' id='w'>" + " " * 1000 + "Like this: 3 likes</div></article></body>"
    )
    clean(tree)
    assert annotate(tree, default_rules()).get(tree.css_first("#w")).action == "drop"
