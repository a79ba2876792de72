"""Properties of two selection revisions, on blocks built without HTML
(:class:`boilerstrip.blocks.SegmentationBuilder`): dropping a repeated
copy never loses a text altogether, and the numbered-list exception of the
context revision only ever spares kept items."""

from hypothesis import given, settings, strategies as st

from boilerstrip.blocks import SegmentationBuilder
from boilerstrip.select import NUMBERED_RUN_MIN, Selection, _numbered_run, drop_repeats

LONG = ["A paragraph long enough to count toward a repeated run of the article, number %d." % i for i in range(4)]
SHORT = ["Label", "Subheading", "Read more"]


def _selection(texts: list[str]) -> Selection:
    b = SegmentationBuilder()
    f = b.frame("div")
    blocks = [b.block(t, f, kind="paragraph") for t in texts]
    return Selection(None, [f], blocks, [])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LONG + SHORT), max_size=40))
def test_drop_repeats_keeps_one_copy_of_every_text_in_order(texts):
    sel = drop_repeats(_selection(texts))
    kept = [b.text for b in sel.kept]
    assert set(kept) == set(texts)  # a text may lose copies, never all of them
    it = iter(texts)
    assert all(any(t == x for x in it) for t in kept)  # kept is a subsequence: order unchanged
    assert len(kept) + len(sel.dropped) == len(texts)
    assert all(reason == "dup.repeat" for _, reason in sel.dropped)


def test_a_repeated_run_is_dropped_with_its_short_blocks():
    copy = ["Subheading", LONG[0], "Label", LONG[1]]
    sel = drop_repeats(_selection(copy + copy))
    assert [b.text for b in sel.kept] == copy


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["1. x", "2. x", "3. x", "4. x", "note", "Heading"]), st.booleans()), max_size=30))
def test_numbered_run_spares_only_kept_blocks(rows):
    b = SegmentationBuilder()
    f = b.frame("div")
    verdicts = []
    for text, dropped in rows:
        kind = "heading" if text == "Heading" else "paragraph"
        verdicts.append((b.block(text, f, kind=kind), "density.links" if dropped else None))
    found = _numbered_run(verdicts, 0)
    assert all(verdicts[i][1] is None for i in found)
    kept_items = [verdicts[i][0].text for i in sorted(found) if verdicts[i][0].kind != "heading"]
    if found:
        assert len(kept_items) >= NUMBERED_RUN_MIN
        assert kept_items[0] == "1. x"
