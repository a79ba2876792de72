"""The text cue matcher: first rule in file order wins,
and the rewritten date and byline patterns (same texts as before)."""

import pytest

from boilerstrip import default_rules, load_rules


@pytest.mark.parametrize(
    "text, rule_id",
    [
        # the run of names is longer than the 60-character tail: only the
        # longest parse of the names ("en" as a conjunction, not "e") matches
        ("By Ann Lee en Bob Carl Dan Eve Fay Gus Hal Ian Jo Kim Lou Max Ned Oz Pam Quin Ray Sam Tom", "cue.byline"),
        ("By Ann Lee e Bob Carl", "cue.byline"),
        ("Ann Lee and Bob Carl | March 2, 2024", "cue.byline"),
        ("Published : 12.03.2024 14:30 Uhr CET", "cue.date-only"),
        ("Published: Monday, 12/03/2024", "cue.date-only"),
        ("am 3. März 2024 um 14:30 Uhr", "cue.date-only"),
        ("Updated March 5th, 2024 at 9:15 am ET", "cue.date-only"),
        ("Advertisement", "cue.ad-label"),
        ("Photo: Reuters", "cue.credit-line"),
    ],
)
def test_cues_match(text, rule_id):
    hit = default_rules().match_text(text)
    assert hit is not None and hit.id == rule_id


@pytest.mark.parametrize(
    "text",
    [
        "published" + " " * 140 + "x",  # a run of spaces: no match (and no quadratic search)
        "By " + "Ann " * 30 + "said? Yes",  # a "?" after the names: not a byline
        "Ann Lee | news",
        "The council met on 12.03.2024 to vote on the budget.",
    ],
)
def test_non_cues(text):
    assert default_rules().match_text(text) is None


def test_first_rule_in_file_order_wins(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'version = 1\n'
        '[[text]]\nid = "a.block"\npatterns = ["sale"]\nwhy = "x"\n'
        '[[text]]\nid = "b.block"\npatterns = ["sale|offer"]\nwhy = "x"\n'
        '[[text]]\nid = "c.prefix"\npatterns = ["sale.{0,40}", "offer.{0,40}"]\nmatch = "prefix"\nwhy = "x"\n',
        encoding="utf-8",
    )
    rules = load_rules(path)
    assert rules.match_text("SALE").id == "a.block"
    assert rules.match_text("Offer").id == "b.block"
    assert rules.match_text("Offer ends Friday").id == "c.prefix"  # block rules need the whole text
    assert rules.match_text("Prices") is None


def test_rules_without_prefix_or_block_rules(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('version = 1\n[[text]]\nid = "only.prefix"\npatterns = ["note:.{0,20}"]\nmatch = "prefix"\nwhy = "x"\n',
                    encoding="utf-8")
    rules = load_rules(path)
    assert rules.match_text("Note: closed on Monday").id == "only.prefix"
    assert rules.match_text("Closed on Monday") is None
    empty = tmp_path / "e.toml"
    empty.write_text('version = 1\n[[element]]\nid = "e.nav"\ntags = ["nav"]\nwhy = "x"\n', encoding="utf-8")
    assert load_rules(empty).match_text("Advertisement") is None
