"""``extract(metadata=False, captions=False)`` and ``--body-only``: the body alone."""

import json

import pytest

import boilerstrip
from boilerstrip.cli import main

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour fish market reopens | Coastal Times</title>
<meta property="og:site_name" content="Coastal Times">
<meta name="author" content="Jane Miller">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour fish market reopens</h1>
<p class="byline">By Jane Miller</p>
<p>The old fish market on the harbour opened its doors again on Monday after two years of repairs to the roof and the quay.</p>
<figure><img src="/img/market.jpg" alt=""><figcaption>Stalls on the first morning. Photo: Tom Berg</figcaption></figure>
<p>Traders said the new cold rooms would let them keep the catch for longer and sell to restaurants further inland.</p>
<p>The town council paid for most of the work, with a grant from the regional fisheries fund covering the rest of the cost.</p>
</article>
<footer>Copyright 2024 Coastal Times</footer>
</body></html>"""

BODY = (
    "The old fish market on the harbour opened its doors again on Monday after two years of repairs to the roof and the quay."
    "\n\nTraders said the new cold rooms would let them keep the catch for longer and sell to restaurants further inland."
    "\n\nThe town council paid for most of the work, with a grant from the regional fisheries fund covering the rest of the cost."
)
URL = "https://example.org/news/market"


def test_full_mode_has_metadata_and_captions():
    art = boilerstrip.extract(PAGE, url=URL)
    assert art.body == BODY
    assert art.title == "Harbour fish market reopens"
    assert art.authors == ("Jane Miller",)
    assert art.date_published == "2024-03-05T08:00:00+00:00"
    assert art.sitename == "Coastal Times"
    assert art.language == "en"
    assert art.captions == (
        boilerstrip.Caption("Stalls on the first morning.", "Photo: Tom Berg", "https://example.org/img/market.jpg"),
    )


def test_body_only_has_the_same_body_and_nothing_else():
    art = boilerstrip.extract(PAGE, url=URL, metadata=False, captions=False)
    assert art.body == BODY  # the <h1> repeating the title is still dropped
    assert [b.kind for b in art.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert art.url == URL
    assert art.title is None
    assert art.authors == ()
    assert art.date_published is None and art.date_modified is None
    assert art.language is None and art.sitename is None and art.description is None
    assert art.image is None
    assert art.categories == () and art.tags == ()
    assert art.captions == ()


def test_metadata_and_captions_switch_separately():
    no_meta = boilerstrip.extract(PAGE, url=URL, metadata=False)
    assert no_meta.title is None and no_meta.authors == ()
    assert [c.credit for c in no_meta.captions] == ["Photo: Tom Berg"]
    no_caps = boilerstrip.extract(PAGE, url=URL, captions=False)
    assert no_caps.title == "Harbour fish market reopens" and no_caps.authors == ("Jane Miller",)
    assert no_caps.captions == ()
    assert no_meta.body == no_caps.body == BODY


def test_body_only_without_url_has_no_url():
    art = boilerstrip.extract(PAGE, metadata=False, captions=False)
    assert art.url is None
    assert art.body == BODY


def test_body_only_explain_lists_no_caption_candidates():
    art = boilerstrip.extract(PAGE, metadata=False, captions=False, explain=True)
    reasons = [d.reason for d in art.dropped]
    assert "dup.title" in reasons
    assert not any(r.startswith("caption.") for r in reasons)


def test_cheap_title_is_the_first_h1_in_the_main_content():
    page = (
        "<html><head><title>Site</title></head><body><div class='masthead'><h1>Coastal Times</h1></div>"
        "<article><h1>Ferry timetable changes in May</h1>"
        "<p>The ferry to the islands will leave half an hour earlier from the first of May, the operator said on Friday.</p>"
        "<p>Passengers with season tickets will be sent the new timetable by post before the end of the month.</p>"
        "</article></body></html>"
    )
    art = boilerstrip.extract(page, metadata=False, captions=False, explain=True)
    assert art.body.startswith("The ferry to the islands")
    assert ("Ferry timetable changes in May", "dup.title") in [(d.text, d.reason) for d in art.dropped]


def test_include_captions_needs_captions():
    with pytest.raises(boilerstrip.InputError):
        boilerstrip.extract(PAGE, include_captions=True, captions=False)


def test_cli_body_only(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["--body-only", "--format", "json", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["body"] == BODY
    assert data["title"] is None and data["authors"] == [] and data["captions"] == []
    assert main(["--body-only", str(page)]) == 0
    assert capsys.readouterr().out == BODY + "\n"


def test_cli_body_only_with_captions_is_a_usage_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["--body-only", "--captions", str(page)])
    assert exc.value.code == 2
