"""Product pages: the shop's legal disclaimer box is not the product's
description (rule ``class.disclaimer``, on for product pages alone)."""

from __future__ import annotations

import boilerstrip

DESCRIPTION = (
    "The Ember kettle boils a full litre in under three minutes, keeps water at one of five set temperatures "
    "for an hour, and lifts off its base so the cord never trails across the counter."
)
NOTICE = (
    "Prices and availability are subject to change without notice. Product images are for illustration only "
    "and colours may differ from the item you receive."
)


def _page(jsonld_type: str) -> str:
    return (
        "<html><head><title>Ember kettle</title>"
        f'<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "{jsonld_type}", '
        '"name": "Ember kettle"}</script></head><body>'
        "<main><h1>Ember kettle</h1>"
        f"<div class='product-description'><p>{DESCRIPTION}</p></div>"
        f"<div class='product-disclaimer'><p>{NOTICE}</p></div>"
        "</main></body></html>"
    )


def test_product_page_drops_its_disclaimer_box() -> None:
    art = boilerstrip.extract(_page("Product"), url="https://shop.example.org/ember-kettle")
    assert art.page_kind == "product"
    assert DESCRIPTION in art.body
    assert NOTICE not in art.body


def test_disclaimer_stays_on_an_article() -> None:
    art = boilerstrip.extract(_page("NewsArticle"), url="https://news.example.org/2024/05/ember-kettle")
    assert NOTICE in art.body
