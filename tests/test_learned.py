"""The learned block scorer: features, the pure-Python model, the re-decision."""

import math

import pytest

from boilerstrip import Options, extract, learned
from boilerstrip.api import _select
from boilerstrip.clean import clean
from boilerstrip.parse import parse_html
from boilerstrip.rules import default_rules

P1 = "The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring."
P2 = "Work will start in March and is expected to take two years, the council's engineer said at the meeting."
P3 = "Residents have crossed the river by ferry since the closure, a trip that adds half an hour to the school run."
SEE = "See the plans online now."  # 25 characters, 9 of them in a link: 0.36, kept as a short line
READ = "Read the full council report"  # 28 characters, 21 in a link: 0.75, dropped for link density

HTML = (
    "<body><div><a href='/'>Home</a> <a href='/news'>News</a></div>"
    "<div class='story-body'>"
    f"<p>{P1}</p><p>See <a href='/p'>the plans</a> online now.</p><p>{P2}</p>"
    f"<p><a href='/r'>Read the full council</a> report</p><p>{P3}</p>"
    "</div></body>"
)


def _page(html=HTML):
    tree = parse_html(html)
    clean(tree)
    return _select(tree, default_rules(), False, Options(), True, "article", frozenset())


def _logistic(coef, intercept, *, drop_below=0.0, keep_above=1.01, near=1, cues=(), drop_good=False):
    names = learned.feature_names(cues)
    return learned.Model.from_dict({
        "kind": "logistic", "features": names, "class_cues": list(cues), "mean": [0.0] * len(names),
        "scale": [1.0] * len(names), "coef": [coef.get(n, 0.0) for n in names], "intercept": intercept,
        "drop_below": drop_below, "keep_above": keep_above, "near_blocks": near, "drop_good": drop_good,
    })


def test_the_hand_set_selection_of_the_page():
    seg, sel = _page()
    assert [b.text for b in sel.kept] == [P1, SEE, P2, P3]
    assert (READ, "density.links") in [(b.text, r) for b, r in sel.dropped]


def test_features_of_a_short_linked_line_and_a_dropped_link_line():
    seg, sel = _page()
    blocks, rows = learned.block_features(seg, sel, "article", False, ("story", "comment"))
    names = learned.feature_names(("story", "comment"))
    by_text = {b.text: dict(zip(names, row)) for b, row in zip(blocks, rows)}
    see, read = by_text[SEE], by_text[READ]
    assert see["link_density"] == pytest.approx(9 / 25)
    assert see["log_chars"] == pytest.approx(math.log1p(25))
    assert see["log_words"] == pytest.approx(math.log1p(5))
    assert (see["kept"], see["in_region"], see["kind:paragraph"], see["klass:short"], see["reason:none"]) == (1, 1, 1, 1, 1)
    assert (see["sentence_end"], see["prev_kept"], see["next_kept"], see["log_gap_kept"]) == (1, 1, 1, math.log1p(1))
    assert (see["cls:story"], see["cls:comment"], see["tag:div"], see["tag:p"], see["page:article"]) == (1, 0, 1, 1, 1)
    assert read["link_density"] == pytest.approx(21 / 28)
    assert (read["kept"], read["reason:density.links"], read["reason:none"], read["klass:bad"]) == (0, 1, 0, 1)
    assert read["log_gap_kept"] == pytest.approx(math.log1p(1))
    # the links at the top are a block outside the region, before it, dropped for their links
    home = by_text["Home News"]
    assert (home["in_region"], home["before_region"], home["kept"], home["position"]) == (0, 1, 0, 0.0)
    assert home["link_density"] == pytest.approx(8 / 9)  # the space between the two links is not link text
    assert (home["reason:density.links"], home["log_gap_kept"]) == (1, math.log1p(1))


def test_a_model_that_fears_links_drops_the_short_linked_line():
    seg, sel = _page()
    # z = 3 - 10 × link density: P1-P3 (no links) 3, "See ..." 3 - 3.6 = -0.6 (p = 0.35)
    model = _logistic({"link_density": -10.0}, 3.0, drop_below=0.5)
    assert model.probability([0.0] * len(model.features)) == pytest.approx(1 / (1 + math.exp(-3)))
    out = learned.redecide(seg, sel, "article", False, model)
    assert [b.text for b in out.kept] == [P1, P2, P3]
    assert (SEE, "model:link_density") in [(b.text, r) for b, r in out.dropped]
    assert out.root is sel.root and out.region is sel.region


def test_prose_is_not_dropped_unless_the_model_says_so():
    seg, sel = _page()
    # every block at z = -1: only the short line is droppable without drop_good
    model = _logistic({}, -1.0, drop_below=0.5)
    assert [b.text for b in learned.redecide(seg, sel, "article", False, model).kept] == [P1, P2, P3]


def test_a_model_may_drop_prose_but_never_every_kept_block():
    seg, sel = _page()
    # z = 1 - 10 × link density with prose droppable: only "See ..." (p = 0.07) goes
    some = _logistic({"link_density": -10.0}, 1.0, drop_below=0.5, drop_good=True)
    assert [b.text for b in learned.redecide(seg, sel, "article", False, some).kept] == [P1, P2, P3]
    # every block at z = -1 < 0 with prose droppable: all four would go, so none does
    every = _logistic({}, -1.0, drop_below=0.5, drop_good=True)
    assert learned.redecide(seg, sel, "article", False, every) is sel


def test_a_model_can_keep_a_dropped_line_near_the_kept_blocks():
    seg, sel = _page()
    # z = -5 + 10 for blocks dropped for link density: "Home News" and "Read ..." p = 0.993 > 0.9,
    # each one block from a kept block
    model = _logistic({"reason:density.links": 10.0}, -5.0, keep_above=0.9, near=1)
    kept = [b.text for b in learned.redecide(seg, sel, "article", False, model).kept]
    assert kept == ["Home News", P1, SEE, P2, READ, P3]
    far = _logistic({"reason:density.links": 10.0}, -5.0, keep_above=0.9, near=0)  # one block away: too far
    assert learned.redecide(seg, sel, "article", False, far) is sel


def test_a_tree_model_and_its_explanation():
    names = learned.feature_names(())
    col = names.index("log_chars")
    stump = {"feature": [col, 0, 0], "threshold": [math.log1p(30), 0.0, 0.0], "left": [1, -1, -1],
             "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    model = learned.Model.from_dict({"kind": "trees", "features": names, "intercept": 0.5, "trees": [stump],
                                     "drop_below": 0.5, "keep_above": 1.01, "near_blocks": 0})
    short, long_ = [0.0] * len(names), [0.0] * len(names)
    short[col], long_[col] = math.log1p(25), math.log1p(110)
    assert model.log_odds(short) == (-1.5, col)  # 0.5 - 2, lowered by log_chars
    assert model.log_odds(long_) == (2.5, -1)  # nothing lowered it
    seg, sel = _page()
    out = learned.redecide(seg, sel, "article", False, model)
    assert [b.text for b in out.kept] == [P1, P2, P3]
    assert (SEE, "model:log_chars") in [(b.text, r) for b, r in out.dropped]


def test_a_model_for_other_features_is_refused():
    names = learned.feature_names(())
    with pytest.raises(ValueError, match="not this version's features"):
        learned.Model.from_dict({"kind": "logistic", "features": names[:-1], "drop_below": 0, "keep_above": 1,
                                 "near_blocks": 0})
    with pytest.raises(ValueError, match="malformed model"):
        learned.Model.from_dict({"kind": "forest", "features": names, "drop_below": 0, "keep_above": 1,
                                 "near_blocks": 0})


def test_extract_uses_the_model_and_explains_the_drop(monkeypatch):
    model = _logistic({"link_density": -10.0}, 3.0, drop_below=0.5)
    monkeypatch.setattr(learned, "load_model", lambda: model)
    art = extract(HTML, explain=True, options=Options(learned_scorer=True))
    assert art.body.split("\n\n") == [P1, P2, P3]
    assert any(d.text == SEE and d.reason == "model:link_density" for d in art.dropped)
    off = extract(HTML, options=Options(learned_scorer=False))
    assert off.body.split("\n\n") == [P1, SEE, P2, P3]



def test_the_shipped_model_reads_this_version_features():
    model = learned.load_model()
    assert model is not None
    assert list(model.features) == learned.feature_names(model.class_cues)
    assert 0.0 <= model.drop_below <= 1.0 and model.near_blocks >= 0
