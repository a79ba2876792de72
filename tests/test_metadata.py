"""Metadata stage: hand-written snippets, expected values read off them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from boilerstrip.metadata import Metadata, collect_metadata, normalize_authors, parse_date


def meta_of(html: str, url: str | None = None, main_css: str | None = None) -> Metadata:
    tree = LexborHTMLParser(html)
    main = tree.css_first(main_css) if main_css else None
    return collect_metadata(tree, url, main)


# --- JSON-LD -----------------------------------------------------------------

GRAPH = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "https://ex.org/#site", "name": "Example Times"},
  {"@type": "NewsArticle", "headline": "Dam breaks after storm",
   "author": [{"@id": "https://ex.org/#ana"}, {"@id": "https://ex.org/#ben"}],
   "datePublished": "2024-06-18T07:32:39+05:30", "dateModified": "2024-06-19T10:00:00+05:30",
   "publisher": {"@id": "https://ex.org/#org"}},
  {"@type": "Person", "@id": "https://ex.org/#ana", "name": "Ana Lima"},
  {"@type": "Person", "@id": "https://ex.org/#ben", "name": "Ben Okafor"},
  {"@type": "Organization", "@id": "https://ex.org/#org", "name": "Example Times"}
]}
</script></head><body><h1>Dam breaks after storm</h1></body></html>"""


def test_jsonld_graph_with_id_references():
    md = meta_of(GRAPH)
    assert md.authors == ("Ana Lima", "Ben Okafor")
    assert md.date_published == "2024-06-18T07:32:39+05:30"
    assert md.date_modified == "2024-06-19T10:00:00+05:30"
    assert md.title == "Dam breaks after storm"
    assert md.sitename == "Example Times"


def test_jsonld_array_and_invalid_json_tolerated():
    html = """<script type="application/ld+json">[
      {"@type": "BreadcrumbList", "itemListElement": []},
      {"@type": "BlogPosting", "headline": "Trailing commas",
       "author": {"@type": "Person", "name": "Mia\tWong",},
       "datePublished": "2023-02-01",},
    ]</script><script type="application/ld+json">{"broken": </script>"""
    md = meta_of(html)
    assert md.authors == ("Mia Wong",)
    assert md.date_published == "2023-02-01"


def test_jsonld_organisation_only_credit_is_kept():
    html = """<script type="application/ld+json">{"@type": "ReportageNewsArticle",
      "headline": "Markets", "author": {"@type": "Organization", "name": "Reuters"}}</script>"""
    assert meta_of(html).authors == ("Reuters",)


def test_jsonld_person_beats_organisation():
    html = """<script type="application/ld+json">{"@type": "NewsArticle", "author": [
      {"@type": "Organization", "name": "Wire Desk"}, {"@type": "Person", "name": "Lena Berg"}]}</script>"""
    assert meta_of(html).authors == ("Lena Berg",)


# --- meta tags, microdata, rel=author ------------------------------------------

def test_meta_tags():
    html = """<html lang="de-DE"><head>
      <title>Neue Brücke eröffnet | Stadtanzeiger</title>
      <meta property="og:site_name" content="Stadtanzeiger">
      <meta property="og:title" content="Neue Brücke eröffnet">
      <meta name="author" content="Anna Muster">
      <meta property="article:author" content="https://facebook.com/stadtanzeiger">
      <meta property="article:published_time" content="2022-03-04T08:15:00+01:00">
      <meta property="og:description" content="Die Brücke ist fertig.">
      <meta property="og:image" content="/bilder/bruecke.jpg">
      <link rel="canonical" href="https://stadtanzeiger.example/bruecke">
    </head><body></body></html>"""
    md = meta_of(html)
    assert md.authors == ("Anna Muster",)
    assert md.date_published == "2022-03-04T08:15:00+01:00"
    assert md.title == "Neue Brücke eröffnet"
    assert md.language == "de-DE"
    assert md.sitename == "Stadtanzeiger"
    assert md.description == "Die Brücke ist fertig."
    assert md.url == "https://stadtanzeiger.example/bruecke"
    assert md.image == "https://stadtanzeiger.example/bilder/bruecke.jpg"


def test_meta_author_url_is_skipped():
    html = '<meta property="article:author" content="https://ex.org/people/jo"><div class="byline">By Jo March</div>'
    assert meta_of(html).authors == ("Jo March",)


def test_microdata_author_with_nested_name():
    html = """<article><h1>Title</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person">
      <span itemprop="name">Kofi Mensah</span><span itemprop="jobTitle">Reporter</span></div>
      <p>Text.</p></article>"""
    assert meta_of(html).authors == ("Kofi Mensah",)


def test_rel_author():
    html = '<article><h1>T</h1><p>Posted by <a rel="author" href="/u/lou">Lou Reed</a></p></article>'
    assert meta_of(html).authors == ("Lou Reed",)


# --- visible bylines ------------------------------------------------------------

@pytest.mark.parametrize(
    "byline, names",
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Von Anna Muster und Max Mustermann", ["Anna Muster", "Max Mustermann"]),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Por Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("Di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
        ("Door Pieter de Vries en Sanne Bakker", ["Pieter de Vries", "Sanne Bakker"]),
        ("Przez Jan Kowalski i Anna Nowak", ["Jan Kowalski", "Anna Nowak"]),
        ("Av Ola Nordmann", ["Ola Nordmann"]),
        ("Priya Sharma • June 18, 2024, 07:32:39 IST", ["Priya Sharma"]),
        ("By Sam Lee, Staff Writer | Updated June 18, 2024", ["Sam Lee"]),
        ("Tom Hale, Senior Correspondent", ["Tom Hale"]),
        ("A. Smith, B. Jones & C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
        ("By Kim Park kim.park@example.com @kimpark", ["Kim Park"]),
        ("FP Explainers", ["FP Explainers"]),
        ("", []),
        ("Updated 2 hours ago", []),
    ],
)
def test_normalize_authors(byline, names):
    assert normalize_authors(byline) == names


def test_visible_byline_near_headline_not_comment_or_teaser():
    html = """<body><header><h1>The real story</h1><p class="byline">By Rosa Diaz</p></header>
      <div class="article-body"><p>Body text that goes on.</p></div>
      <div class="related-posts"><div class="author">By Teaser Writer</div></div>
      <section id="comments"><div class="comment-author">Troll McTrollface</div></section></body>"""
    assert meta_of(html).authors == ("Rosa Diaz",)


def test_comment_author_alone_is_not_credited():
    html = """<body><h1>Story</h1><p>Text.</p>
      <ol class="commentlist"><li><span class="author">Commenter Name</span> said</li></ol></body>"""
    assert meta_of(html).authors == ()


def test_photo_credit_is_not_an_author():
    html = """<body><h1>Story</h1><figure><img src="a.jpg"><figcaption>
      A view. <span class="author">Photo Person</span></figcaption></figure><p>Text.</p></body>"""
    assert meta_of(html).authors == ()


# --- dates ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "raw, iso",
    [
        ("2024-06-18", "2024-06-18"),
        ("2024-06-18T07:32:39+05:30", "2024-06-18T07:32:39+05:30"),
        ("2024-06-18T07:32:39Z", "2024-06-18T07:32:39+00:00"),
        ("June 18, 2024, 07:32:39 IST", "2024-06-18T07:32:39+05:30"),
        ("18.06.2024", "2024-06-18"),
        ("18 juin 2024", "2024-06-18"),
        ("18. Juni 2024", "2024-06-18"),
        ("18 de junio de 2024", "2024-06-18"),
        ("18 czerwca 2024", "2024-06-18"),
        ("2024年6月18日", "2024-06-18"),
        ("Tue, 18 Jun 2024 09:05:00 GMT", "2024-06-18T09:05:00+00:00"),
        ("Posted 06/18/2024 at 5:30 pm EDT", "2024-06-18T17:30:00-04:00"),
        ("2 hours ago", None),
        ("vor 3 Tagen", None),
        ("yesterday", None),
        ("31.02.2024", None),
        ("no date here", None),
        ("", None),
    ],
)
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso


def test_parse_date_dayfirst_hint():
    assert parse_date("05/06/2024", dayfirst_hint=True) == "2024-06-05"
    assert parse_date("05/06/2024", dayfirst_hint=False) == "2024-05-06"


def test_url_path_date():
    assert meta_of("<h1>x</h1>", url="https://ex.org/2021/11/19/story").date_published == "2021-11-19"


def test_future_date_rejected():
    html = """<meta property="article:published_time" content="2999-01-01">
      <h1>T</h1><p class="date">3 March 2020</p>"""
    assert meta_of(html).date_published == "2020-03-03"


def test_published_after_modified_is_rejected():
    html = """<meta property="article:modified_time" content="2020-05-01">
      <meta property="article:published_time" content="2020-06-01">
      <h1>T</h1><time datetime="2020-04-20">20 April 2020</time>"""
    md = meta_of(html)
    assert md.date_published == "2020-04-20"
    assert md.date_modified == "2020-05-01"


def test_copyright_line_is_not_a_date():
    html = '<h1>T</h1><p>Body.</p><div class="date">© 2019 Example, 01.01.2019</div>'
    assert meta_of(html).date_published is None


def test_visible_dateline_preferred_over_teaser_and_comment_dates():
    html = """<body><article><h1>Headline</h1><div class="post-meta"><span class="date">18. Juni 2024</span></div>
      <p>Text</p><div class="comments"><span class="date">20.06.2024</span></div></article>
      <div class="related"><span class="date">01.01.2024</span></div></body>"""
    assert meta_of(html).date_published == "2024-06-18"


def test_time_element_with_itemprop():
    html = '<h1>T</h1><time itemprop="datePublished" datetime="2019-10-16T08:00:00-05:00">Oct 16</time>'
    assert meta_of(html).date_published == "2019-10-16T08:00:00-05:00"


# --- title ----------------------------------------------------------------------

@pytest.mark.parametrize(
    "head, body, title",
    [
        ("<title>Rain returns | The Daily Example</title><meta property='og:site_name' content='The Daily Example'>", "", "Rain returns"),
        ("<title>The Daily Example: Rain returns</title><meta property='og:site_name' content='The Daily Example'>", "", "Rain returns"),
        ("<title>Rain returns - Weather - Daily Example</title>", "<h1>Rain returns</h1>", "Rain returns"),
        ("<meta property='og:title' content='Rain returns – The Daily Example'><meta property='og:site_name' content='The Daily Example'>", "", "Rain returns"),
        ("", "<h1>Only a heading</h1>", "Only a heading"),
    ],
)
def test_title(head, body, title):
    assert meta_of(f"<html><head>{head}</head><body>{body}</body></html>").title == title


def test_empty_and_damaged_trees():
    assert meta_of("") == Metadata()
    assert meta_of("<html><body><p>just text</p></body></html>").authors == ()
    md = meta_of("<script type='application/ld+json'>" + "[" * 5000 + "</script>")
    assert md.authors == ()


# --- properties -----------------------------------------------------------------

def _valid_iso(value: str) -> bool:
    try:
        (date.fromisoformat if len(value) == 10 else datetime.fromisoformat)(value)
        return True
    except ValueError:
        return False


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_date_gives_none_or_valid_iso(raw):
    out = parse_date(raw)
    assert out is None or _valid_iso(out)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 -./:,TZ+年月日") + ["June ", "juin ", "IST", "pm", "2024", "12", "31"]), max_size=25))
def test_parse_date_on_date_like_strings(parts):
    raw = "".join(parts)
    out = parse_date(raw)
    assert out is None or _valid_iso(out)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_authors_gives_substrings(raw):
    flat = " ".join(raw.split())
    for name in normalize_authors(raw):
        assert name and name in flat


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["By", "Jane", "Doe", "and", ",", "|", "Staff", "Writer", "@x", "2024", "Von", "und", "•"]), max_size=12))
def test_normalize_authors_on_byline_like_strings(words):
    raw = " ".join(words)
    flat = " ".join(raw.split())
    for name in normalize_authors(raw):
        assert name in flat
