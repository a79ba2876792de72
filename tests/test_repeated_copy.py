"""An article printed twice: a hidden preview copy, a print copy or a
mobile and a desktop layout of one text, in the same column.

A reader reads the text once; a second copy, in the same order, is a
repetition of the page's template, not of the author. One paragraph said
twice (a reply quoting a post, a recurring question, a meal served on two
days) is the author's, and stays.
"""

from boilerstrip import extract

PARAS = [
    "Home prices in the second quarter rose from the year-ago period for the first time since 2007, "
    "according to a closely watched index, the latest sign that the housing market is recovering.",
    "The report, due on Tuesday from a real-estate firm, found that for the quarter ending in June "
    "home values rose by a little more than one percent from a year earlier.",
    "While other indicators have shown prices turning up since the spring, most examined short-term "
    "changes from one month to the next, which can be distorted by seasonal swings.",
]


def _copy(klass: str) -> str:
    return f"<div class='{klass}'><h3 class='byline'>By A. Reporter</h3>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>"


def test_a_second_copy_of_the_article_is_dropped():
    html = (
        "<html><body><div id='nav'><a href='/'>Home</a> <a href='/markets'>Markets</a></div>"
        "<div class='column'><h1>Home prices reflect strengthening</h1>"
        + _copy("story snippet")
        + "<div class='promo'></div>"
        + _copy("story full")
        + "</div></body></html>"
    )
    art = extract(html, explain=True)
    for p in PARAS:
        assert art.body.count(p) == 1
    assert art.dropped is not None
    assert sum(1 for d in art.dropped if d.reason == "dup.repeat") == len(PARAS)


def test_one_paragraph_said_twice_stays_twice():
    question = "What kind of cooking do you like yourself, and are there dishes or products you avoid at home?"
    answers = [
        "I grew up on my grandmother's soups and still make one every Sunday, whatever the season, for the family.",
        "Mostly fish: we live by the sea, and the market sells what the boats brought in that very morning.",
    ]
    html = (
        "<html><body><div class='interview'><h1>Two cooks</h1>"
        f"<h2>First cook</h2><p>{question}</p><p>{answers[0]}</p>"
        f"<h2>Second cook</h2><p>{question}</p><p>{answers[1]}</p>"
        "</div></body></html>"
    )
    body = extract(html).body
    assert body.count(question) == 2
    for a in answers:
        assert a in body


def test_the_repeat_run_is_an_option():
    import dataclasses

    from boilerstrip import Options

    html = (
        "<html><body><div class='column'><h1>Home prices reflect strengthening</h1>"
        + _copy("story snippet") + _copy("story full") + "</div></body></html>"
    )
    kept = extract(html, options=dataclasses.replace(Options(), repeat_min_run=0)).body
    assert all(kept.count(p) == 2 for p in PARAS)  # 0: off
    longer = extract(html, options=dataclasses.replace(Options(), repeat_min_run=4)).body
    assert all(longer.count(p) == 2 for p in PARAS)  # a run of three is not four
    assert all(extract(html).body.count(p) == 1 for p in PARAS)


def test_a_second_copy_with_short_headings_between_its_paragraphs_is_dropped_whole():
    # A page builder's responsive variants: the same section once per
    # breakpoint, its short subheadings between the paragraphs. The short
    # headings of the second copy go with it (they join the run of long
    # repeated paragraphs); said once, they would not count on their own.
    heads = ["Rising prices", "Regional markets", "What comes next"]
    section = "".join(f"<h3>{h}</h3><p>{p}</p>" for h, p in zip(heads, PARAS))
    html = (
        "<html><body><div class='column'><h1>Home prices reflect strengthening</h1>"
        f"<div class='variant desktop'>{section}</div><div class='variant mobile'>{section}</div>"
        "</div></body></html>"
    )
    art = extract(html, explain=True)
    assert art.body.split("\n\n") == [x for pair in zip(heads, PARAS) for x in pair]
    assert sum(1 for d in art.dropped if d.reason == "dup.repeat") == 2 * len(PARAS)
