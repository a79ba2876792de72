"""Options: defaults, validation, and each threshold reaching its stage."""

import dataclasses
import math

import pytest

import boilerstrip
from boilerstrip import InputError, Options, extract
from boilerstrip.blocks import segment
from boilerstrip.clean import clean
from boilerstrip.kind import Evidence, decide
from boilerstrip.options import _COUNTS, _FLAGS, _SHARES, _WEIGHTS
from boilerstrip.parse import parse_html
from boilerstrip.rules import default_rules
from boilerstrip.score import aggregate
from boilerstrip.select import select

P1 = "The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring."
P2 = "Work will start in March and is expected to take two years, the council's engineer said at the meeting."
P3 = "Residents have crossed the river by ferry since the closure, a trip that adds half an hour to the school run."


def _scored(html, options=None):
    tree = parse_html(html)
    clean(tree)
    rules = default_rules()
    seg = segment(tree, rules, options=options)
    aggregate(seg, rules, options)
    return seg


def test_defaults_are_the_shipped_thresholds():
    o = Options()
    assert (o.drop_guard_share, o.marker_guard_share, o.data_table_max_cell_chars) == (0.6, 0.25, 200)
    assert (o.good_min_chars, o.good_max_link_density, o.max_link_density, o.min_scored_chars) == (80, 0.3, 0.5, 25)
    assert (o.card_max_chars, o.card_max_blocks, o.teaser_min_cards, o.teaser_card_share) == (500, 4, 2, 0.6)
    assert (o.sibling_share, o.sibling_min_score, o.sibling_para_chars, o.sibling_para_link_density) == (0.2, 10.0, 80, 0.25)
    assert (o.box_link_density, o.article_max_levels, o.bad_text_cost, o.region_max_link_density) == (0.5, 4, 1.5, 0.8)
    assert (o.heading_skip_chars, o.heading_max_chars, o.sentence_min_words, o.main_landmark_share) == (50, 100, 5, 0.25)
    assert (o.whole_region_share, o.article_prose_blocks, o.relax_below_chars) == (1 / 3, 5, 250)
    assert o.listing_url_min_gain == 1.5
    assert o.listing_card_min_chars == 150
    assert o.card_min_blocks == 2
    assert o.nested_guard_share == 0.5


def test_every_field_has_exactly_one_range():
    names = {f.name for f in dataclasses.fields(Options)}
    assert len(names) == 46
    assert names == _COUNTS | _SHARES | _WEIGHTS | _FLAGS
    assert not (_COUNTS & _SHARES or _COUNTS & _WEIGHTS or _SHARES & _WEIGHTS)
    assert not (_FLAGS & (_COUNTS | _SHARES | _WEIGHTS))


def test_options_are_frozen_and_exported():
    assert boilerstrip.Options is Options
    with pytest.raises(dataclasses.FrozenInstanceError):
        Options().good_min_chars = 10


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("good_min_chars", -1, "Options.good_min_chars must be >= 0, not -1"),
        ("good_min_chars", 80.5, "Options.good_min_chars must be an int (a count), not 80.5"),
        ("good_min_chars", True, "Options.good_min_chars must be a number, not bool"),
        ("box_link_density", 1.5, "Options.box_link_density must be between 0 and 1 (a share), not 1.5"),
        ("drop_guard_share", -0.1, "Options.drop_guard_share must be between 0 and 1 (a share), not -0.1"),
        ("max_link_density", math.nan, "Options.max_link_density must be between 0 and 1 (a share), not nan"),
        ("bad_text_cost", -2.0, "Options.bad_text_cost must be a finite number >= 0, not -2.0"),
        ("sibling_min_score", math.inf, "Options.sibling_min_score must be a finite number >= 0, not inf"),
        ("relax_below_chars", "250", "Options.relax_below_chars must be a number, not str"),
        ("learned_scorer", 1, "Options.learned_scorer must be a bool, not int"),
    ],
)
def test_out_of_range_fields_raise_input_error(field, value, message):
    with pytest.raises(InputError) as err:
        Options(**{field: value})
    assert str(err.value) == message
    assert isinstance(err.value, boilerstrip.BoilerstripError)


def test_ints_are_accepted_for_float_fields():
    assert Options(bad_text_cost=2, box_link_density=1).bad_text_cost == 2


def test_extract_rejects_options_of_another_type():
    with pytest.raises(InputError, match="options must be a boilerstrip.Options, not dict"):
        extract("<p>x</p>", options={"good_min_chars": 10})


def test_default_options_give_the_same_article():
    html = boilerstrip.example_path().read_bytes()
    assert extract(html, options=Options()) == extract(html)


def test_good_min_chars_decides_prose():
    line = "A line of sixty characters, more or less, without any links."
    assert len(line) == 60
    assert _scored(f"<body><p>{line}</p></body>").blocks[0].klass == "short"
    assert _scored(f"<body><p>{line}</p></body>", Options(good_min_chars=60)).blocks[0].klass == "good"


def test_max_link_density_drops_a_link_heavy_paragraph():
    linked = "<a href='/a'>the bridge plans</a> and <a href='/b'>the budget</a>"
    para = f"The council published {linked} in the spring, before the works began."
    html = f"<body><div><p>{P1}</p><p>{para}</p><p>{P2}</p><p>{P3}</p></div></body>"
    default = [(b.klass, b.reason) for b in _scored(html).blocks]
    strict = [(b.klass, b.reason) for b in _scored(html, Options(max_link_density=0.25)).blocks]
    assert default[1] == ("good", None)  # 26 of 92 characters in links: 0.28
    assert strict[1] == ("bad", "density.links")
    hand = Options(learned_scorer=False)  # the thresholds alone, without the learned scorer's second opinion
    assert extract(html, options=hand).body.split("\n\n")[1] == (
        "The council published the bridge plans and the budget in the spring, before the works began."
    )
    # (inside the region a mostly-linked paragraph is kept up to region_max_link_density: lowered too)
    strict_opts = dataclasses.replace(hand, max_link_density=0.25, region_max_link_density=0.25)
    kept = extract(html, options=strict_opts).body.split("\n\n")
    assert kept == [P1, P2, P3]


def test_sentence_min_words_trims_the_tail():
    html = (
        f"<body><div><p>{P1}</p><p>{P2}</p><p>{P3}</p>"
        "<p><a href='/x'>A teaser link to another story, long enough to cut the tail</a></p>"
        "<p>The bridge reopens next spring.</p></div></body>"
    )
    assert select(_scored(html)).kept[-1].text == "The bridge reopens next spring."  # five words: a sentence
    opts = Options(sentence_min_words=6)
    assert [b.text for b in select(_scored(html, opts), opts).kept] == [P1, P2, P3]


def test_whole_region_share_zero_never_switches():
    listing = Evidence("listing", "url:/jobs/")
    assert decide(listing, 300, 3000, 1).whole_region is True
    assert decide(listing, 300, 3000, 1, Options(whole_region_share=0.0)).whole_region is False
    assert decide(Evidence(None, "og:website"), 300, 3000, 3, Options(article_prose_blocks=3)).kind == "article"


def test_relax_below_chars_zero_turns_the_relaxed_pass_off():
    footer = "".join(f"<p>Copyright notice and terms of use number {i} for this site apply.</p>" for i in range(8))
    html = f"<body><div class='sidebar'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div><p>A short line.</p>{footer}</body>"
    art = extract(html)
    assert (art.pass_used, art.body) == ("relaxed", f"{P1}\n\n{P2}\n\n{P3}")
    art = extract(html, options=Options(relax_below_chars=0))
    assert (art.pass_used, art.body) == ("strict", "A short line.")


def test_presets_move_the_thresholds_each_way():
    d, p, r = Options(), Options.precision(), Options.recall()
    assert (p.good_min_chars, p.max_link_density, p.box_link_density, p.bad_text_cost, p.whole_region_share) == (
        120, 0.35, 0.35, 3.0, 0.0
    )
    assert (r.good_min_chars, r.max_link_density, r.box_link_density, r.bad_text_cost) == (50, 0.8, 0.85, 0.8)
    assert (r.sibling_share, r.sibling_min_score, r.relax_below_chars) == (0.1, 5.0, 600)
    assert p.good_min_chars > d.good_min_chars > r.good_min_chars
    assert p.max_link_density < d.max_link_density < r.max_link_density
    assert (d.learned_scorer, p.learned_scorer, r.learned_scorer) == (False, False, False)


def test_presets_keep_less_and_more_link_text():
    p37 = "Earlier this year the council published <a href='/a'>the full bridge plans</a> and <a href='/b'>its budget</a> online."
    p63 = "The <a href='/c'>ferry timetable</a> and <a href='/d'>closure notice</a> are up."
    html = f"<body><div><p>{P1}</p><p>{p37}</p><p>{P2}</p><p>{p63}</p><p>{P3}</p></div></body>"
    t37 = "Earlier this year the council published the full bridge plans and its budget online."  # 31 of 84 in links
    t63 = "The ferry timetable and closure notice are up."  # 29 of 46 in links
    assert extract(html, options=Options(learned_scorer=False)).body.split("\n\n") == [P1, t37, P2, P3]
    assert extract(html, options=Options.precision()).body.split("\n\n") == [P1, P2, P3]
    assert extract(html, options=Options.recall()).body.split("\n\n") == [P1, t37, P2, t63, P3]
