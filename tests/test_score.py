"""The scorer on blocks built by hand (no HTML), as jusText's tests build paragraphs.

Expected values are worked out from the scorer's definitions with the
default options: a block is ``good`` from 80 characters at a link density of
at most 0.3, ``bad`` above a link density of 0.5 or when a rule names it; a
prose block of at least 25 characters adds ``1 + commas + min(chars/100, 3)``
to its container (the parent of a ``<p>``), half of that one level up; a
container scores ``(content + tag bonus + bounded weight) * (1 - link density)``.
"""

import pytest

from boilerstrip.blocks import BOILERPLATE, SegmentationBuilder
from boilerstrip.rules import Ruleset, default_rules
from boilerstrip.score import aggregate, classify

NO_RULES = Ruleset()


def words(n: int, word: str = "tide") -> str:
    """A text of exactly ``n`` characters, no commas ("tide tide ti")."""
    return ((word + " ") * n)[:n].rstrip().ljust(n, "x")


def test_words_helper_gives_the_length_asked():
    assert len(words(80)) == 80 and "," not in words(80)
    assert len(words(79)) == 79


@pytest.mark.parametrize(
    "chars, link_chars, klass, reason",
    [
        (80, 0, "good", None),                # long enough, no links: prose
        (79, 0, "short", None),               # one character short of prose
        (100, 30, "good", None),              # density 0.3: still prose (at most 0.3)
        (100, 31, "short", None),             # 0.31: too linked for prose, not a link list
        (100, 50, "short", None),             # 0.5: not above the link-list bar
        (100, 51, "bad", "density.links"),    # 0.51: a link list
        (20, 20, "bad", "density.links"),     # a short link (a menu entry)
    ],
)
def test_classify_by_length_and_link_density(chars, link_chars, klass, reason):
    b = SegmentationBuilder()
    block = b.block(words(chars), b.frame("p"), link_chars=link_chars)
    assert classify(block, NO_RULES) == klass
    assert block.klass == klass
    assert block.reason == reason


def test_a_text_cue_or_a_walk_reason_makes_a_block_bad():
    b = SegmentationBuilder()
    p = b.frame("p")
    cue = b.block("Advertisement", p)
    dropped = b.block(words(120), p, reason="tag.navigation")  # a reason set before scoring is final
    assert classify(cue, default_rules()) == "bad" and cue.reason == "cue.ad-label"
    assert classify(cue, NO_RULES) == "bad"  # the reason stays once set
    assert classify(dropped, NO_RULES) == "bad" and dropped.reason == "tag.navigation"


def test_linked_list_items_are_kept_on_index_pages():
    b = SegmentationBuilder()
    item = b.block(words(40), b.frame("li", b.frame("ul")), link_chars=40)
    assert item.kind == "list_item"
    assert classify(item, NO_RULES, linked_items_ok=True) == "short" and item.reason is None
    assert classify(item, NO_RULES) == "bad" and item.reason == "density.links"


def _article(weight: float = 0.0, link_text: int = 0):
    """body > div(weight) > p(300 chars, two commas) [+ p(link_text chars, all link)]."""
    b = SegmentationBuilder()
    div = b.frame("div", weight=weight)
    text = words(100) + ", " + words(100) + ", " + words(94)  # 298 characters
    prose = b.block(text, b.frame("p", div))
    link = b.block(words(link_text, "next"), b.frame("p", div), link_chars=link_text) if link_text else None
    return b, div, prose, link


def test_content_score_goes_to_the_container_and_half_to_its_parent():
    b, div, prose, _ = _article()
    assert prose.chars == 298 and prose.text.count(",") == 2
    seg = b.build()
    aggregate(seg, NO_RULES)
    p = prose.frame
    assert prose.klass == "good"
    # 1 + 2 commas + min(298 / 100, 3) = 5.98, to the <p>'s parent (a leaf goes up)
    assert p.content_score == 0.0 and p.score == 0.0
    assert div.content_score == pytest.approx(5.98)
    assert b.root.content_score == pytest.approx(5.98 * 0.5)
    # div: (5.98 + 5 for a div) * (1 - 0); body: no tag bonus
    assert div.score == pytest.approx(10.98)
    assert b.root.score == pytest.approx(2.99)
    assert (div.chars, div.good_chars, div.bad_chars, div.link_chars) == (298, 298, 0, 0)
    assert (b.root.chars, b.root.good_chars) == (298, 298)


def test_link_text_lowers_the_container_score_by_its_density():
    b, div, prose, link = _article(link_text=20)
    aggregate(b.build(), NO_RULES)
    assert link.klass == "bad" and link.reason == "density.links"
    # the link block adds no content score but counts in the density: 20 of 318 characters
    assert (div.chars, div.link_chars, div.bad_chars) == (318, 20, 20)
    assert div.score == pytest.approx(10.98 * (1 - 20 / 318))


@pytest.mark.parametrize("weight, expected", [(25.0, 5.98 + 5 + 5.98), (-25.0, 5.0), (3.0, 5.98 + 5 + 3)])
def test_class_weight_is_bounded_by_the_content_score(weight, expected):
    b, div, _, _ = _article(weight=weight)
    aggregate(b.build(), NO_RULES)
    # +25 is cut to the content score (5.98); -25 to minus it, leaving the tag bonus
    assert div.score == pytest.approx(expected)


def test_a_dropped_subtree_counts_as_boilerplate_only():
    b, div, _, _ = _article()
    nav = b.frame("nav", b.root)
    b.block("Home News Sport Weather", nav, kind=BOILERPLATE, reason="tag.navigation")
    seg = b.build()
    assert seg.dropped_boxes == 1
    aggregate(seg, NO_RULES)
    # outside the density figures, inside the bad characters
    assert (nav.chars, nav.bad_chars) == (0, 23)
    assert (b.root.chars, b.root.bad_chars) == (298, 23)
    assert seg.blocks[-1].klass == "bad"


def _teasers(page_kind: str):
    """body > div > three cards (div > h3 headline link (50) + p summary (100))."""
    b = SegmentationBuilder()
    box = b.frame("div")
    heads, sums = [], []
    for i in range(3):
        card = b.frame("div", box)
        heads.append(b.block(words(50, f"story{i}"), b.frame("h3", card), link_chars=50))
        sums.append(b.block(words(100, f"summary{i}"), b.frame("p", card)))
    aggregate(b.build(), NO_RULES, page_kind=page_kind)
    return heads, sums


def test_three_linked_cards_are_a_teaser_list():
    heads, sums = _teasers("article")
    # each card: 2 blocks, 150 characters, first block all link -> 3 cards of 450 characters
    assert [h.reason for h in heads] == ["density.links"] * 3  # classified before the teaser check
    assert [s.reason for s in sums] == ["structure.teasers"] * 3
    assert all(b.klass == "bad" for b in heads + sums)


def test_teaser_lists_are_content_on_documentation_pages():
    heads, sums = _teasers("documentation")
    assert [s.klass for s in sums] == ["good"] * 3 and all(s.reason is None for s in sums)
    assert [h.klass for h in heads] == ["bad"] * 3  # headings, not list items: still link lines


def test_builder_keeps_document_order():
    b = SegmentationBuilder()
    first = b.frame("div")
    b.frame("div", b.root)  # a sibling of `first`: `first` is closed
    with pytest.raises(ValueError):
        b.frame("p", first)
    seg = b.build()
    assert [(f.index, f.end) for f in seg.frames] == [(0, 2), (1, 1), (2, 2)]
