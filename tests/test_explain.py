"""``explain=True``: dropped records in page order, a text cue's pattern and match."""

from __future__ import annotations

import json

from boilerstrip import Dropped, default_rules, extract, load_rules
from boilerstrip.cli import main

PAGE = (
    "<html><head><title>Bridge to be rebuilt | The Gazette</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge to be rebuilt</h1>"
    "<p>The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring.</p>"
    "<p>- Advertisement -</p>"
    "<p>Work will start in March and is expected to take two years, the council's engineer said at the meeting.</p>"
    "<p>Read more: Council budget for 2025 approved</p>"
    "</article><footer>Contact us</footer></body></html>"
)


def test_dropped_records_are_in_page_order_with_the_cue_pattern_and_match():
    dropped = extract(PAGE, explain=True).dropped
    assert dropped == (
        Dropped("Home News", "tag.navigation"),
        Dropped("Bridge to be rebuilt", "dup.title"),  # the <h1> repeating the title, where it stands
        # the block is trimmed of its dashes and spaces before matching
        Dropped("- Advertisement -", "cue.ad-label", "advertisement", "Advertisement"),
        # a prefix cue: the pattern's own tail (.{0,140}) takes the rest of the block
        Dropped("Read more: Council budget for 2025 approved", "cue.read-also", r"read (also|more)\b.{0,140}",
                "Read more: Council budget for 2025 approved"),
        Dropped("Contact us", "tag.footer"),
    )


def test_the_pattern_is_the_one_that_matched_not_the_rules_first():
    # cue.ad-label's first pattern is "advertisement"; "Sponsored content" matches a later one
    got = default_rules().cue_match("cue.ad-label", "Sponsored content")
    assert got == ("sponsored( content)?", "Sponsored content")
    assert default_rules().cue_match("cue.ad-label", "The council met") is None
    assert default_rules().cue_match("no.such-rule", "Advertisement") is None
    assert default_rules().cue_match("class.share", "Share") is None  # an element rule has no pattern


def test_a_prefix_cue_reports_the_start_it_matched(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("version = 1\n[[text]]\nid = 'mine.filed'\nmatch = 'prefix'\npatterns = ['zz top', 'filed (in|under)']\n",
                    encoding="utf-8")
    rules = load_rules(path)
    assert rules.cue_match("mine.filed", "Filed under: news, bridges") == ("filed (in|under)", "Filed under")


def test_records_serialise_the_pattern_and_other_records_have_none():
    rows = extract(PAGE, explain=True).to_dict()["dropped"]
    assert rows[0] == {"text": "Home News", "reason": "tag.navigation", "pattern": None, "matched": None}
    assert rows[2] == {"text": "- Advertisement -", "reason": "cue.ad-label", "pattern": "advertisement",
                       "matched": "Advertisement"}


def test_cli_explain_shows_the_pattern_in_page_order(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["--explain", str(page)]) == 0
    err = capsys.readouterr().err
    lines = err.split("---\n", 2)[-1].splitlines()
    assert lines == [
        "tag.navigation: Home News",
        "dup.title: Bridge to be rebuilt",
        "cue.ad-label: - Advertisement -  [advertisement]",
        r"cue.read-also: Read more: Council budget for 2025 approved  [read (also|more)\b.{0,140}]",
        "tag.footer: Contact us",
    ]
    assert main(["--explain", "--format", "json", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["reason"] for d in data["dropped"]] == ["tag.navigation", "dup.title", "cue.ad-label", "cue.read-also", "tag.footer"]
