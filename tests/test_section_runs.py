"""Articles written as a run of like sections.

AsciiDoc, many static-site themes and page builders wrap each section of a
page in an element of one class (``div.sect1``, ``section.feature-row``).
The density scorer rates each section on its own, and a section of a few
short lines stays under the sibling floor that a section of the same page
must reach to join the region. A run of at least three parts sharing the
top candidate's signature (or one of its two nearest ancestors') joins the
region, part by part, when the part holds prose.
"""

from __future__ import annotations

import dataclasses

import boilerstrip

LONG = (
    "The backend now compiles the standard library without any patch, which was the main goal of the "
    "last months of work on the project. "
)
SHORT_A = "Many patches were sent for review upstream this month, and most of them are small fixes to the API."
SHORT_B = "The test suite now runs in the continuous integration of the compiler, on every pull request made."
SHORT_C = "Thanks to everyone who sponsored the project: your support is what lets this work go on at all."
#: The patches of a section of their own: linked titles, boilerplate to the
#: density scorer, which is what keeps the region from climbing to the
#: article's column.
PATCHES = "<ul>" + "".join(
    f"<li><a href='/patch/{i}'>libgccjit: add support for the attribute number {i} of functions</a></li>"
    for i in range(12)
) + "</ul>"
MENU = "<ul><li><a href='/'>Home</a></li><li><a href='/about'>About</a></li><li><a href='/feed'>Feed</a></li></ul>"


def _section(klass: str, title: str, body: str) -> str:
    cls = f" class='{klass}'" if klass else ""
    return f"<div{cls}><h2>{title}</h2><div class='sectionbody'>{body}</div></div>"


def _page(klass: str = "sect1") -> str:
    return (
        "<html><head><title>Progress report 39</title></head><body>"
        f"<header><nav>{MENU}</nav></header>"
        "<article><h1>Progress report 39</h1><div class='content'>"
        + _section(klass, "What was done", f"<p>{LONG * 3}</p><p>{LONG * 2}</p><p>{LONG * 2}</p>")
        + _section(klass, "Upstream", f"<p>{SHORT_A}</p>")
        + _section(klass, "Patches merged", PATCHES)
        + _section(klass, "Testing", f"<p>{SHORT_B}</p>")
        + _section(klass, "Thanks", f"<p>{SHORT_C}</p>")
        + "</div></article>"
        f"<footer>{MENU}<p>Copyright the author.</p></footer></body></html>"
    )


def test_every_section_of_the_run_is_kept() -> None:
    art = boilerstrip.extract(_page(), url="https://blog.example.org/progress-report-39")
    assert LONG.strip() in art.body
    for text in (SHORT_A, SHORT_B, SHORT_C, "Upstream", "Testing", "Thanks"):
        assert text in art.body
    assert "Copyright" not in art.body and "About" not in art.body
    assert "libgccjit" not in art.body  # the run's section of links alone holds no prose: not joined


def test_without_the_run_only_the_long_section_is_kept() -> None:
    off = dataclasses.replace(boilerstrip.Options(), family_min_members=0)
    art = boilerstrip.extract(_page(), url="https://blog.example.org/progress-report-39", options=off)
    assert LONG.strip() in art.body
    assert SHORT_A not in art.body and SHORT_B not in art.body


def test_bare_divs_are_no_run() -> None:
    # siblings without a class say nothing of being parts of one kind
    art = boilerstrip.extract(_page(klass=""), url="https://blog.example.org/progress-report-39")
    assert LONG.strip() in art.body
    assert SHORT_A not in art.body and SHORT_C not in art.body


def test_header_and_footer_wrappers_sharing_the_story_class_are_no_run() -> None:
    # Bootstrap pages wrap header, story and footer alike in div.container;
    # the header's and footer's link lists outweigh their one line of prose.
    nav = "<ul>" + "".join(f"<li><a href='/c{i}'>Category {i}</a></li>" for i in range(30)) + "</ul>"
    html = (
        "<html><body><div class='container'><p>Welcome to the Gazette, serving the readers of our county every "
        f"day since 1851.</p>{nav}</div>"
        f"<div class='container'><div class='row'><div class='col-md-8'><h1>Progress report</h1><p>{LONG * 3}</p>"
        f"<p>{LONG * 2}</p><p>{LONG * 2}</p></div></div></div>"
        "<div class='container'><p>Our journalism is supported by readers like you: thank you, and please "
        f"consider a subscription.</p><p>Terms of use</p>{nav}</div></body></html>"
    )
    body = boilerstrip.extract(html, url="https://news.example.org/progress-report").body
    assert LONG.strip() in body
    assert "Welcome" not in body and "Our journalism" not in body and "Terms of use" not in body
