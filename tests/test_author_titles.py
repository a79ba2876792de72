"""Credit lines with more than names: job titles with an organisation,
post-nominal credentials, and bylines that name a team rather than a person.

Each case is a kind of credit line printed under headlines; the expected
names are read off the line by hand.
"""

import pytest

from boilerstrip.metadata import normalize_authors


@pytest.mark.parametrize(
    "byline, names",
    [
        # a job title after the name, led by the organisation or a beat
        ("By Ray Cole, AP Auto Writer", ["Ray Cole"]),
        ("Dana Whit, Associated Press Writer", ["Dana Whit"]),
        ("Lee Park, Shipping Expert", ["Lee Park"]),
        ("Sam Ortiz, Sr. Director of Operations", ["Sam Ortiz"]),
        ("Nora Blake, Registered Dietitian", ["Nora Blake"]),
        # a title piece after "and" names stay: only the piece after a comma is a title
        ("Ana Lima and Ben Ode, Staff Writers", ["Ana Lima", "Ben Ode"]),
    ],
)
def test_title_piece_after_a_name_is_not_a_name(byline, names):
    assert normalize_authors(byline) == names


@pytest.mark.parametrize(
    "byline, names",
    [
        ("Maya Frost, MS, RD, CDN", ["Maya Frost"]),
        ("Owen Hart, CFP®", ["Owen Hart"]),
        ("Ruth Vance, Ph.D.", ["Ruth Vance"]),
        ("Ivy Stone, M.D. FACP", ["Ivy Stone"]),
        ("Jo Reyes, E-RYT 500", ["Jo Reyes"]),
        # two people in capitals are two names, not credentials
        ("JANE ROE, JOHN DOE", ["JANE ROE", "JOHN DOE"]),
        # an organisation's acronym after the names is a credit of its own
        ("Ana Lima, Ben Ode, NDR", ["Ana Lima", "Ben Ode", "NDR"]),
    ],
)
def test_post_nominal_credentials_are_not_names(byline, names):
    assert normalize_authors(byline) == names


@pytest.mark.parametrize(
    "byline, names",
    [
        ("The Harbor Team", ["The Harbor Team"]),
        ("Lakeside Staff", ["Lakeside Staff"]),
        ("Metro Lifestyle Desk", ["Metro Lifestyle Desk"]),
        ("The Ledger editors", ["The Ledger editors"]),
        ("Northwind Editorial Team", ["Northwind Editorial Team"]),
        # a bare role is still no name, and a person's title is still cut
        ("Staff", []),
        ("By Sam Lee Staff Writer", ["Sam Lee"]),
    ],
)
def test_a_team_byline_is_the_author_as_printed(byline, names):
    assert normalize_authors(byline) == names
