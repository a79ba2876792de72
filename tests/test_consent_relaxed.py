"""The relaxed pass never keeps a consent-management dialog (rule
``class.consent-platform``, ``relax = "never"``).

On a page whose strict selection keeps little (a listing of recipe cards
that call themselves an article), the relaxed pass turns the element drop
rules off; the consent dialog's long notice then out-scored the page, and
the page gave its cookie notice as its content.
"""

from __future__ import annotations

import pytest

import boilerstrip
from boilerstrip import RulesError
from boilerstrip.rules import load_rules

NOTICE = (
    "We and our 120 partners store and access personal data, like browsing data or unique identifiers, "
    "on your device. Selecting Accept all enables tracking technologies to support the purposes shown "
    "under Manage settings, including personalised advertising and content, measurement of advertising "
    "and content, audience research and services development. You may change your choices at any time "
    "by selecting Privacy settings at the bottom of any page. Some partners do not ask for your consent "
    "to process your data and rely on their legitimate business interest instead."
)
CARDS = [
    ("Sheet-pan chicken with lemon and olives", "A one-tray dinner: thighs roasted over potatoes, finished with lemon."),
    ("Ten-minute garlic noodles", "Pantry noodles tossed in browned butter, garlic and a splash of soy sauce."),
    ("Slow-cooker black bean chili", "Beans, peppers and smoked paprika left to simmer through the afternoon."),
    ("Crispy tofu rice bowls", "Cornstarch-dusted tofu over rice with quick-pickled cucumbers and herbs."),
    ("Baked salmon with green beans", "Salmon fillets and beans on one pan, ready in twenty-five minutes."),
    ("Creamy tomato soup with toasties", "A blender soup with grilled cheese soldiers for dunking in it."),
]
def page() -> str:
    cards = "".join(
        f"<li class='card'><a href='/recipe/{i}'><h3>{t}</h3></a><p>{d}</p><span>25 mins</span></li>"
        for i, (t, d) in enumerate(CARDS)
    )
    return (
        "<html><head><title>Quick dinners</title><meta property='og:type' content='article'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/dinners'>Dinners</a> <a href='/desserts'>Desserts</a></nav>"
        f"<main><h1>Quick dinners</h1><ul class='cards'>{cards}</ul></main>"
        "<footer>(c) Recipe site</footer>"
        "<div id='onetrust-consent-sdk'><div id='onetrust-banner-sdk'><h2>We care about your privacy</h2>"
        f"<p>{NOTICE}</p><button>Accept all</button></div></div>"
        "</body></html>"
    )


def test_relaxed_pass_does_not_return_the_consent_dialog() -> None:
    art = boilerstrip.extract(page(), url="https://recipes.example.org/dinners/quick")
    assert "partners store and access personal data" not in art.body
    assert "We care about your privacy" not in art.body
    for title, summary in CARDS:
        assert title in art.body
        assert summary in art.body


def test_relax_never_is_read_from_a_rules_file(tmp_path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'version = 2\n[[element]]\nid = "mine.cmp"\ntokens = ["privacybox"]\nrelax = "never"\n'
        'action = "drop"\nwhy = "test"\n',
        encoding="utf-8",
    )
    rule = load_rules(path).element_rules[0]
    assert rule.never_relaxed and not rule.relax
    path.write_text(
        'version = 2\n[[element]]\nid = "mine.cmp"\ntokens = ["privacybox"]\nrelax = "sometimes"\n'
        'action = "drop"\nwhy = "test"\n',
        encoding="utf-8",
    )
    with pytest.raises(RulesError):
        load_rules(path)
