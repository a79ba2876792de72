"""Product pages: the product's description and specifications are the
content; the customer reviews under them are not (rule ``class.reviews``,
on for product pages alone)."""

from __future__ import annotations

import boilerstrip
from boilerstrip.clean import clean
from boilerstrip.parse import parse_html
from boilerstrip.rules import annotate, default_rules, load_rules
from boilerstrip.rules.annotation import DROP

DESCRIPTION = (
    "The Trail 30 daypack carries a full day of gear on the hill: a padded back panel of breathing mesh, "
    "a hydration sleeve that takes a three-litre bladder, and side pockets deep enough for a tall bottle."
)
FEATURES = (
    "Ripstop nylon body with a water-repellent finish",
    "Removable hipbelt with two zip pockets for snacks and a phone",
    "Rain cover stowed in its own pocket at the base of the pack",
)
REVIEWS = (
    ("Great pack for day hikes", "I took it up three summits this summer and the straps never rubbed once."),
    ("Too small for winter", "With a down jacket and a flask inside there was no room left for lunch at all."),
)


def _page(declares_product: bool = True) -> str:
    jsonld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product", '
        '"name": "Trail 30 Daypack"}</script>'
        if declares_product
        else ""
    )
    features = "".join(f"<li>{f}</li>" for f in FEATURES)
    reviews = "".join(
        f"<div class='review-card'><h4>{title}</h4><p>{text}</p><span>Verified buyer</span></div>"
        for title, text in REVIEWS
    )
    return (
        f"<html><head><title>Trail 30 Daypack</title>{jsonld}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/packs'>Packs</a></nav>"
        "<main><div class='product-page'><h1>Trail 30 Daypack</h1>"
        f"<section class='product-description'><p>{DESCRIPTION}</p></section>"
        f"<section class='product-features'><h2>Features</h2><ul>{features}</ul></section>"
        "<section class='product-reviews'><h2>Customer reviews</h2>"
        "<p>4.6 out of 5 stars from 212 ratings. Write a review and tell other hikers what you think.</p>"
        f"{reviews}</section>"
        "</div></main><footer>(c) Outdoor Shop</footer></body></html>"
    )


def test_product_page_keeps_description_and_features_without_reviews() -> None:
    art = boilerstrip.extract(_page(), url="https://shop.example.org/trail-30-daypack")
    assert art.page_kind == "product"
    assert DESCRIPTION in art.body
    for feature in FEATURES:
        assert feature in art.body
    for title, text in REVIEWS:
        assert title not in art.body
        assert text not in art.body
    assert "Write a review" not in art.body


def test_reviews_stay_on_a_page_that_is_not_a_product() -> None:
    # The same markup on a page that declares nothing (an article, a
    # service page's testimonials): the rule is off.
    art = boilerstrip.extract(_page(declares_product=False), url="https://example.org/our-daypack")
    assert any(text in art.body for _, text in REVIEWS)


def _verdict(tree, selector, page_kind, rules):
    verdicts = annotate(tree, rules, page_kind=page_kind)
    return verdicts.get(tree.css_first(selector))


def test_on_for_limits_a_rule_to_the_kinds_it_names() -> None:
    tree = parse_html(
        "<body><div id='r' class='reviews'>Lovely.</div><p>"
        + DESCRIPTION * 3
        + "</p></body>"
    )
    clean(tree)
    rules = default_rules()
    v = _verdict(tree, "#r", "product", rules)
    assert v is not None and v.action == DROP and v.rule == "class.reviews"
    for kind in ("article", "service", "forum"):
        assert _verdict(tree, "#r", kind, rules) is None


def test_on_for_is_read_from_a_rules_file(tmp_path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'version = 2\n[[element]]\nid = "mine.specs"\ntokens = ["specs"]\non_for = ["Listing"]\n'
        'action = "drop"\nwhy = "test"\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.element_rules[0].on_for == frozenset({"listing"})
