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


def _calls(monkeypatch, name: str, key: str) -> list:
    """Record ``kwargs.get(key)`` of every call of the pipeline's ``name``
    (``annotate`` or ``segment``) during the test."""
    calls = []
    real = getattr(api, name)

    def counting(*args, **kwargs):
        calls.append(kwargs.get(key))
        return real(*args, **kwargs)

    monkeypatch.setattr(api, name, counting)
    return calls


def test_the_listing_pass_reuses_the_strict_pass_verdicts(monkeypatch) -> None:
    calls = _calls(monkeypatch, "annotate", "use_drop_rules")
    art = extract(_PAGE)
    assert art.pass_used == "listing"
    assert "Guide to juicers" in art.body
    assert calls == [True]


def test_the_listing_pass_scores_a_copy_of_the_segmentation_it_follows(monkeypatch) -> None:
    calls = _calls(monkeypatch, "segment", "verdicts")
    art = extract(_PAGE)
    assert art.pass_used == "listing" and "Guide to juicers" in art.body
    assert len(calls) == 1  # the strict pass walked the tree; the listing pass did not


def test_an_unscored_copy_is_what_a_new_walk_gives() -> None:
    # Score a segmentation, copy it, and score the copy as the listing pass
    # does: every field of every frame and block equals a fresh walk's
    # scored the same way, and the original keeps its own scores.
    from boilerstrip.blocks import segment
    from boilerstrip.clean import clean
    from boilerstrip.parse import parse_html
    from boilerstrip.rules import annotate, default_rules
    from boilerstrip.score import aggregate

    page = _PAGE.replace("<main>", '<main><nav class="menu"><a href="/">Home</a></nav><ol start="3"><li>One</li><li>Two</li></ol>'
                                   "<table><tr><td>a</td><td>b</td></tr></table><figure><figcaption>A kettle</figcaption></figure>")
    tree = parse_html(page)
    clean(tree)
    rules = default_rules()
    verdicts = annotate(tree, rules)
    first = segment(tree, rules, verdicts=verdicts, include_captions=True)
    aggregate(first, rules)
    before = _fields(first)
    copy = first.unscored_copy()
    fresh = segment(tree, rules, verdicts=verdicts, include_captions=True)
    assert _fields(copy) == _fields(fresh)
    aggregate(copy, rules, cards_are_content=True)
    aggregate(fresh, rules, cards_are_content=True)
    assert _fields(copy) == _fields(fresh)
    assert _fields(first) == before
    assert any(b.kind == "boilerplate" for b in first.blocks) and any(b.kind == "caption" for b in first.blocks)


def _fields(seg):
    frames = [
        (f.tag, f.node.mem_id, f.parent.index if f.parent else None, f.index, f.end, f.kind, f.level, f.list_depth,
         f.weight, f.number, f.next_number, f.step, f.list_frame.index if f.list_frame else None,
         [c.index for c in f.children], f.chars, f.link_chars, f.good_chars, f.bad_chars, f.score, f.content_score)
        for f in seg.frames
    ]
    blocks = [
        (b.text, b.kind, b.level, b.frame.index, b.chars, b.link_chars, b.reason, b.klass, b.number, b.opens_comments)
        for b in seg.blocks
    ]
    return frames, blocks, seg.page_chars, seg.dropped_boxes


def test_the_listing_pass_annotates_again_when_a_cards_content_rule_matched(monkeypatch) -> None:
    # The same page with its grid in a "recirc" box (class.related, marked
    # cards = "content"): the strict pass drops the box, so the listing pass
    # annotates again without that rule, and walks again.
    calls = _calls(monkeypatch, "annotate", "cards")
    walks = _calls(monkeypatch, "segment", "verdicts")
    art = extract(_PAGE.replace('<ul class="grid">', '<ul class="recirc">'))
    assert art.pass_used == "listing"
    assert "Guide to juicers" in art.body
    assert calls == [False, True]
    assert len(walks) == 2
