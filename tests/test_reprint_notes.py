"""Syndication terms and print-edition notes under a news article.

Newspapers print, under the story or in its tool bar, the terms of the copy
("This copy is for your personal, non-commercial use only ...") and where
the story ran in print ("A version of this article appeared in print on
..."). They are long enough to read as prose, and they are not the article.
"""

from boilerstrip import extract

PARAS = [
    "The city council voted on Tuesday to extend the late-night bus service to the northern suburbs, "
    "after a year in which ridership on the trial routes doubled.",
    "The extension will cost about two million dollars a year, the transit agency said, and the first "
    "buses will run in March, once drivers have been hired and trained.",
]
TERMS = (
    "This copy is for your personal, non-commercial use only. Distribution and use of this material are "
    "governed by our Subscriber Agreement and by copyright law. For non-personal use or to order multiple "
    "copies, please contact our reprints desk or visit our reprints site."
)
TOOLBAR_TERMS = (
    "Daily Herald Reprints: This copy is for your personal, non-commercial use only. To order "
    "presentation-ready copies for distribution to your colleagues or clients, use the Order Reprints tool."
)
PRINT_NOTE = (
    "A version of this article appeared in print on 11/08/2012, on page B9 of the City edition "
    "with the headline: Night Buses Reach the Suburbs."
)


def test_reprint_terms_and_print_notes_are_not_the_article():
    html = (
        "<html><body><div class='header'><a href='/'>The Daily Herald</a></div>"
        "<div class='article'><h1>Night buses reach the suburbs</h1>"
        f"<ul class='tools'><li>{TOOLBAR_TERMS}</li></ul>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + f"<p class='note'>{PRINT_NOTE}</p><div class='terms'><p>{TERMS}</p></div>"
        "</div></body></html>"
    )
    art = extract(html, explain=True)
    for p in PARAS:
        assert p in art.body
    for text in (TERMS, TOOLBAR_TERMS, PRINT_NOTE):
        assert text not in art.body
    assert art.dropped is not None
    assert {d.reason for d in art.dropped if d.text.startswith(("This copy", "Daily Herald", "A version"))} == {"cue.reprint"}
