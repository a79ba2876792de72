"""The listing pass annotates the tree as the pass before it did: it reuses
those verdicts instead of running the element rules over the page again."""

from boilerstrip import api, extract

_CARDS = "".join(
    f'<li class="card"><h3><a href="/guide/{i}">Guide to {name}</a></h3>'
    f"<p>How to choose {name}: what to look for, what to avoid, and what a fair price is today.</p></li>"
    for i, name in enumerate(["kettles", "toasters", "blenders", "mixers", "juicers", "grills"])
)
_PAGE = f"""<html><head><meta property="og:type" content="article"></head><body>
  <main><h1>Kitchen</h1><p>Our guides to small kitchen appliances.</p>
  <ul class="grid">{_CARDS}</ul></main></body></html>"""


def test_the_listing_pass_reuses_the_strict_pass_verdicts(monkeypatch) -> None:
    calls = []
    real = api.annotate

    def counting(*args, **kwargs):
        calls.append(kwargs.get("use_drop_rules"))
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "annotate", counting)
    art = extract(_PAGE)
    assert art.pass_used == "listing"
    assert "Guide to juicers" in art.body
    assert calls == [True]
