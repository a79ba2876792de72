"""Metadata stage: hand-written snippets, expected values read off them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from boilerstrip.metadata import Metadata, collect_metadata, normalize_authors, parse_date
from boilerstrip.metadata.dates import page_regions


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


@pytest.mark.parametrize("headline, author, title, name", [
    # WordPress and its SEO plugins write the JSON-LD HTML-escaped
    ("Actuary&#8217;s Choice: Consulting or Insurance?", "Ana L&oacute;pez", "Actuary\u2019s Choice: Consulting or Insurance?", "Ana L\u00f3pez"),
    ("Rates &amp; Fees in 2025", "Mia Wong", "Rates & Fees in 2025", "Mia Wong"),
    ("Movers from SF&#x27;s Best", "Mia Wong", "Movers from SF's Best", "Mia Wong"),
    # escaped twice
    ("And finally&amp;#8230; trouble brewing", "Mia Wong", "And finally\u2026 trouble brewing", "Mia Wong"),
    # an ampersand that is no reference stays
    ("AT&T and T-Mobile & co", "Mia Wong", "AT&T and T-Mobile & co", "Mia Wong"),
])
def test_jsonld_strings_escaped_as_html_are_decoded(headline, author, title, name):
    html = f"""<html><head><script type="application/ld+json">{{"@type": "BlogPosting",
      "headline": "{headline}", "author": {{"@type": "Person", "name": "{author}"}}}}</script></head>
      <body><p>Text.</p></body></html>"""
    md = meta_of(html)
    assert (md.title, md.authors) == (title, (name,))


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


@pytest.mark.parametrize("ld_name, meta_author, authors", [
    # a CMS login in the JSON-LD, the printed name in the meta tag
    ("edilson.la.rosa", "Edilson La Rosa", ("Edilson La Rosa",)),
    ("jane_doe", "Jane Doe", ("Jane Doe",)),
    # with nothing else, the login is all the page gives
    ("christian.stadtfeld", "", ("christian.stadtfeld",)),
    # a name with initials is no login
    ("J. R. Hartley", "Jane Doe", ("J. R. Hartley",)),
])
def test_a_login_name_gives_way_to_a_printed_name(ld_name, meta_author, authors):
    meta = f'<meta name="author" content="{meta_author}">' if meta_author else ""
    html = f"""<html><head>{meta}<script type="application/ld+json">{{"@type": "NewsArticle",
      "headline": "Match report", "author": {{"@type": "Person", "name": "{ld_name}"}}}}</script></head>
      <body><h1>Match report</h1><p>Text.</p></body></html>"""
    assert meta_of(html).authors == authors


def test_an_arrow_after_the_name_in_an_author_link():
    # WordPress themes: "View all posts by Jane Doe →" under the post
    html = """<article><h1>T</h1><p>Posted by <a rel="author" href="/author/sd/">Simon Dückert</a></p>
      <div id="author-link"><a rel="author" href="/author/sd/">Simon Dückert <span>&rarr;</span></a></div></article>"""
    assert meta_of(html).authors == ("Simon Dückert",)


# --- visible bylines ------------------------------------------------------------

@pytest.mark.parametrize(
    "byline, names",
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("More by Jane Doe \u2192", ["Jane Doe"]),
        ("\u203a Jane Doe \u00bb", ["Jane Doe"]),
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
        ("June 18, 2024, 07:32:39 IST", "2024-06-18T07:32:39"),  # IST of which region? no offset
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


# --- time-zone abbreviations: zone per region, offset at the date -----------------
# Offsets worked out by hand: India has no daylight saving (+05:30); Irish
# Standard Time is the summer time of Europe/Dublin (+01:00), GMT in winter;
# New York is on EDT (-04:00) in June, EST (-05:00) in January.

@pytest.mark.parametrize(
    "raw, regions, iso",
    [
        ("June 18, 2024, 07:32:39 IST", ("in",), "2024-06-18T07:32:39+05:30"),
        ("June 18, 2024, 07:32:39 IST", ("ie",), "2024-06-18T07:32:39+01:00"),
        ("8 January 2024 at 10:15 IST", ("ie",), "2024-01-08T10:15:00+00:00"),
        ("June 18, 2024 10:00 a.m. ET", (), "2024-06-18T10:00:00-04:00"),
        ("Jan. 18, 2024 10:00 a.m. ET", (), "2024-01-18T10:00:00-05:00"),
        ("March 3, 2024 9:30 pm CST", (), "2024-03-03T21:30:00"),  # US or China: no offset
        ("March 3, 2024 9:30 pm CST", ("cn",), "2024-03-03T21:30:00+08:00"),
        ("18.06.2024, 14:05 MESZ", ("de",), "2024-06-18T14:05:00+02:00"),
        ("June 18, 2024, 07:32 Ist", ("in",), "2024-06-18T07:32:00"),  # not an abbreviation
    ],
)
def test_zone_abbreviation_resolved_by_region_and_date(raw, regions, iso):
    assert parse_date(raw, regions=regions) == iso


@pytest.mark.parametrize(
    "locales, url, regions",
    [
        (["en_IE", "en"], "https://news.example.com/a", ("ie",)),
        (["en"], "https://www.example.ie/news/1", ("ie",)),
        (["en-IN"], None, ("in",)),
        (["en-GB"], "https://example.co.uk/x", ("gb",)),
        (["hi"], "https://example.com/x", ("in",)),
        (["en", ""], "https://example.com/x", ()),
    ],
)
def test_page_regions(locales, url, regions):
    assert page_regions(locales, url) == regions


IST_PAGE = """<html lang="%s"><head><title>Storm warning</title></head><body><article>
  <h1>Storm warning</h1><p class="dateline">Published June 18, 2024, 07:32 IST</p>
  <p>Gales are expected along the coast tonight.</p></article></body></html>"""


def test_ist_on_an_irish_page_is_dublin_summer_time():
    assert meta_of(IST_PAGE % "en-IE").date_published == "2024-06-18T07:32:00+01:00"
    assert meta_of(IST_PAGE % "en", url="https://www.example.ie/news/storm").date_published == "2024-06-18T07:32:00+01:00"


def test_ist_on_an_indian_page_is_india_time():
    assert meta_of(IST_PAGE % "en-IN").date_published == "2024-06-18T07:32:00+05:30"


def test_ambiguous_zone_without_region_keeps_no_offset():
    assert meta_of(IST_PAGE % "en", url="https://news.example.com/storm").date_published == "2024-06-18T07:32:00"


def test_shown_time_takes_the_offset_of_the_declared_stamp():
    html = (IST_PAGE % "en").replace(
        "<head>", '<head><meta property="article:published_time" content="2024-06-18T07:32:00+05:30">'
    )
    assert meta_of(html).date_published == "2024-06-18T07:32:00+05:30"


def test_every_listed_zone_exists():
    from zoneinfo import ZoneInfo

    from boilerstrip.metadata.data import ZONES

    for abbr, zones in ZONES.items():
        for region, name in zones.items():
            assert region == "*" or len(region) == 2, abbr
            ZoneInfo(name)


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


# --- dates without telling markup, and date stamps that need reading ------------

LD_PUBLISHED = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "%s"%s}</script>'


def test_unmarked_dateline_under_the_headline():
    html = """<article><h1>Elder: From the ghetto to Augusta</h1>
      <div><p>1. Februar 2022 , Daniel Dillenburg</p></div><p>Lee Elder was the first ...</p></article>"""
    assert meta_of(html).date_published == "2022-02-01"


def test_lead_paragraph_opening_with_its_date():
    html = """<h1>Bundesregierung drosselt Bioenergie</h1>
      <p>29.11.2022 – Mehrfach und vehement hatte die Branche die Nachteile dargelegt.</p>"""
    assert meta_of(html).date_published == "2022-11-29"


def test_date_deep_inside_a_body_paragraph_is_not_a_dateline():
    html = """<h1>History of the port</h1>
      <p>The harbour was rebuilt several times over the centuries, each time a little further out into the bay,
      as ships grew longer and deeper; the last works, which added a second breakwater, were finished on 3 March 2019.</p>"""
    assert meta_of(html).date_published is None


def test_dateline_search_under_the_headline_is_bounded():
    filler = "".join(f"<p>Paragraph number {i} of a long text.</p>" for i in range(40))
    html = f"<h1>Long read</h1>{filler}<p>5 May 2020</p>"
    assert meta_of(html).date_published is None


def test_date_inside_the_headline_element():
    html = '<div class="news-single"><h1><small>02.02.2022 \u2022</small> Zuschauer kehren zurück</h1><p>Text.</p></div>'
    assert meta_of(html).date_published == "2022-02-02"


@pytest.mark.parametrize("raw, iso", [("4. 2. 2022.", "2022-02-04"), ("26 | 01 | 2022", "2022-01-26"), ("Nr. 3. 2022", None)])
def test_spaced_day_first_dates(raw, iso):
    assert parse_date(raw) == iso


def test_day_month_year_url_path():
    assert meta_of("<h1>x</h1>", url="https://ex.org/media-news/meldungen/29-10-2021").date_published == "2021-10-29"


def test_drupal_submitted_line_in_a_promoted_node():
    html = """<h1>FairCoin hackathon</h1><div class="node node-article node-promoted">
      <div class="submitted">Gespeichert von am 24. Juli 2017 - 18:55</div><div class="content"><p>Text</p></div></div>"""
    assert meta_of(html).date_published[:10] == "2017-07-24"


def test_the_one_day_shown_by_the_headline_beats_the_declared_date():
    html = LD_PUBLISHED % ("2021-12-20T11:02:44+01:00", "") + """<div class="article">
      <h1>Rieslingbirthday</h1><span class="date">27.01.2022</span><p>Text</p></div>"""
    assert meta_of(html).date_published == "2022-01-27"


def test_several_days_by_the_headline_are_a_list_not_the_date():
    html = LD_PUBLISHED % ("2023-11-01T08:22:24+00:00", "") + """<div class="article"><h1>Olympic drinks</h1>
      <div><span class="date">13.10.2023</span><span class="date">25.10.2023</span><span class="date">12.10.2023</span></div></div>"""
    assert meta_of(html).date_published == "2023-11-01T08:22:24+00:00"


def test_most_read_rail_beside_the_headline_is_not_the_date():
    html = LD_PUBLISHED % ("2024-05-14T06:00:00+01:00", "") + """<div class="story"><h1>Ferry timetable cut</h1>
      <aside><ul><li><a href="/a">Show returns</a> <time>13 May 2024</time></li>
      <li><a href="/b">Lights damaged</a> <time>12 May 2024</time></li></ul></aside></div>"""
    assert meta_of(html).date_published == "2024-05-14T06:00:00+01:00"


def test_utc_stamp_at_local_midnight_is_the_next_day():
    html = LD_PUBLISHED % ("2021-11-04T23:00:00.000Z", "") + "<h1>Kommunalwahlen</h1>"
    assert meta_of(html).date_published == "2021-11-05"


def test_shown_date_a_day_after_the_utc_modification_stamp():
    html = LD_PUBLISHED % ("2019-10-18T20:00:25Z", ', "dateModified": "2019-10-18T20:00:25Z"') + """
      <header><h1>Mit allen Wassern gewaschen</h1><div class="metainfo">
      <time datetime="2019-10-19T03:00:00.000Z">19.10.2019, 05:00 Uhr</time></div></header>"""
    assert meta_of(html).date_published == "2019-10-19T03:00:00+00:00"


def test_ambiguous_numeric_dateline_read_as_the_declared_stamp_says():
    html = '<html lang="de-AT">' + LD_PUBLISHED % ("2021-11-01T04:00:00Z", "") + """
      <article><header><h1>Seat Mo 125 im Test</h1><p class="article-meta"><span class="article-meta-date">Stand: 11/01/2021, 05:00</span></p></header></article>"""
    assert meta_of(html).date_published[:10] == "2021-11-01"


def test_byline_box_carrying_the_date():
    html = '<h1>Mein Treffen mit Ono</h1><div class="cPad"><div class="left author">Author: am 29.12.2010, 13:36 Uhr</div></div>'
    assert meta_of(html).date_published[:10] == "2010-12-29"


def test_labelled_publication_date_in_the_main_content():
    body = "<p>" + "Kathrin Göbel ist Astrophysikerin und forscht an Sternen. " * 20 + "</p>"
    html = f"""<h1>RES158 Sternfusion</h1><div class="entry-content">{body}
      <p>Veröffentlicht am 16.08.2019<br>Dauer: 1 Stunde 4 Minuten</p></div>"""
    assert meta_of(html, main_css="div.entry-content").date_published == "2019-08-16"


def test_declared_description_naming_the_day_is_a_last_resort():
    html = """<head><title>Orso marsicano: un anno da record</title>
      <meta name="description" content="ORSO MARSICANO: 2019 UN ANNO DA RECORD (Notizia del 14 Gennaio 2020)"></head>
      <body><div class="text"><p>Il 2019 è stato un anno da record.</p></div></body>"""
    assert meta_of(html).date_published == "2020-01-14"


def test_update_label_closing_a_long_main_text():
    body = "".join(f"<p>Absatz {i}: Arbeitende Kinder und ihre Rechte, ein langer Text über viele Seiten.</p>" for i in range(120))
    html = f"""<h1 id="branding">ProNATs e.V.</h1><div class="fliesstext"><h2>Kinder und Arbeit</h2>{body}
      <p class="info">Aktualisiert: 30.12.2016</p></div>"""
    assert meta_of(html, main_css="div.fliesstext").date_published == "2016-12-30"


def test_class_query_parts_cover_every_token():
    from boilerstrip.metadata import visible

    for toks, parts in ((visible.BYLINE_TOKENS, visible._BYLINE_PARTS),
                        (visible.DATE_TOKENS | set(visible.DATE_TOKEN_PARTS), visible._DATE_PARTS)):
        assert all(any(p in t for p in parts) for t in toks)


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


def test_site_name_in_the_h1_and_the_headline_in_the_posts_h2():
    # an old blog theme: the header's <h1> links home and holds the site's
    # name, each post's headline is an <h2>; the <title> holds both
    post = "<p>" + "Being told a thing cannot be done is a strong reason to try it. " * 8 + "</p>"
    html = f"""<html><head><title>Told You Can't &laquo; Jane's Notebook</title></head><body>
      <div id="header"><h1><a href="/">Jane's Notebook</a></h1></div>
      <div class="post"><h2><a href="/told">Told You Can't</a></h2>{post}</div></body></html>"""
    assert meta_of(html, main_css="div.post").title == "Told You Can't"


@pytest.mark.parametrize("title, h1, h2", [
    ("Marie Curie - Biography", "Marie Curie", "Biography"),
    ("Hollow Knight: Walkthrough", "Hollow Knight", "Walkthrough"),
    ("Breaking Bad - Season 2 - Episode Guide", "Breaking Bad", "Season 2"),
])
def test_an_h1_naming_the_page_s_subject_is_not_taken_for_the_site(title, h1, h2):
    # the <h1> sits above the main content and the <h2> names a facet of it
    text = "<p>" + "The quick brown fox jumps over the lazy dog by the old farm house. " * 8 + "</p>"
    html = f"""<html><head><title>{title}</title></head><body><nav><a href="/">Home</a></nav>
      <div class="profile-head"><h1>{h1}</h1></div><main><h2>{h2}</h2>{text}</main></body></html>"""
    assert meta_of(html, main_css="main").title == h1


def test_an_h1_with_the_known_site_name_gives_way_to_the_post_s_h2():
    post = "<p>" + "The ferry to the islands will leave half an hour earlier from May. " * 8 + "</p>"
    html = f"""<html><head><title>Ferry times change | Harbour Notes</title>
      <meta property="og:site_name" content="Harbour Notes"></head><body>
      <div id="header"><h1>Harbour Notes</h1></div><div class="post"><h2>Ferry times change</h2>{post}</div></body></html>"""
    assert meta_of(html, main_css="div.post").title == "Ferry times change"


def test_a_shorter_h2_does_not_replace_a_fuller_declared_title():
    post = "<p>" + "Start with a small bed of greens and one row of beans in the sun. " * 8 + "</p>"
    html = f"""<html><head><meta property="og:title" content="Vegetable Beds: The Complete Guide">
      <title>Vegetable Beds: The Complete Guide</title></head><body>
      <div id="header"><h1>Green Almanac</h1></div>
      <div class="post"><h2>Vegetable Beds</h2>{post}</div></body></html>"""
    assert meta_of(html, main_css="div.post").title == "Vegetable Beds: The Complete Guide"


def test_a_punctuation_only_h1_is_no_title():
    html = """<html><head><title>...: Good morning!</title><meta property="og:title" content="Good morning!"></head>
      <body><h1><a href="/">...</a></h1><p>Short post.</p></body></html>"""
    assert meta_of(html).title == "Good morning!"


def test_a_site_name_cut_never_leaves_punctuation_alone():
    # ".:: Site ::. Headline" cut at ": " leaves ".:" of the headline's part
    html = """<html><head><meta property="og:title" content=".:: ACME-MEDIA ::. Shop Templates">
      <meta property="og:site_name" content="ACME-MEDIA"></head><body><p>Text.</p></body></html>"""
    assert meta_of(html).title == ".:: ACME-MEDIA ::. Shop Templates"


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


def test_date_precedence_is_data_and_names_every_source():
    from boilerstrip.metadata import collect

    assert collect.PUBLISHED_SOURCES[:3] == ("headline_dateline_confirmed", "jsonld_date_published", "meta_published")
    assert set(collect.PUBLISHED_SOURCES) == collect.KNOWN_PUBLISHED
    assert collect.MODIFIED_SOURCES == ("jsonld_date_modified", "meta_modified", "microdata_modified")


# --- lead image, categories, tags ------------------------------------------------

def test_lead_image_declared_beats_figure():
    html = """<head><meta property="og:image" content="//cdn.example.org/lead.jpg"></head>
      <article><h1>T</h1><figure><img src="/inline.jpg"></figure></article>"""
    assert meta_of(html, url="https://example.org/a", main_css="article").image == "https://cdn.example.org/lead.jpg"


def test_lead_image_from_jsonld_object():
    html = """<script type="application/ld+json">{"@type": "NewsArticle", "headline": "T",
      "image": [{"@type": "ImageObject", "url": "https://example.org/ld.jpg"}]}</script><h1>T</h1>"""
    assert meta_of(html).image == "https://example.org/ld.jpg"


def test_lead_image_falls_back_to_the_first_figure_of_the_article():
    html = """<body><header><img src="/logo.png"></header><article><h1>T</h1>
      <figure><img src="data:image/gif;base64,R0lGOD" data-src="img/first.jpg"></figure>
      <figure><img src="/second.jpg"></figure><p>Text.</p></article></body>"""
    md = meta_of(html, url="https://example.org/news/a", main_css="article")
    assert md.image == "https://example.org/news/img/first.jpg"
    assert meta_of(html, url=None, main_css="article").image is None  # relative, no base: no URL


def test_categories_and_tags_as_declared():
    html = """<head><meta property="article:section" content="Politik">
      <meta property="article:tag" content="Europa"><meta property="article:tag" content="Wahlen, Europa">
      <meta name="keywords" content="news, politik"></head><h1>T</h1>"""
    md = meta_of(html)
    assert md.categories == ("Politik",)
    assert md.tags == ("Europa", "Wahlen")


def test_categories_and_tags_from_jsonld():
    html = """<head><meta name="keywords" content="seo, words"><meta property="article:section" content="News"></head>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "T",
      "articleSection": ["Science", "Space"], "keywords": "Mars, rovers,  NASA "}</script><h1>T</h1>"""
    md = meta_of(html)
    assert md.categories == ("Science", "Space")
    assert md.tags == ("Mars", "rovers", "NASA")
    assert meta_of('<meta name="keywords" content="a, b"><h1>T</h1>').tags == ("a", "b")


# --- visible bylines without declared authors; wire services ----------------------

def test_unmarked_byline_under_the_headline():
    html = """<article><h1>Wärmepumpe im Altbau</h1><ul class="hero-meta"><li><span>von Alexander Rosenkranz</span></li>
      <li>12.01.2023</li></ul><p>Eine Wärmepumpe lohnt sich auch im Altbau.</p></article>"""
    assert meta_of(html).authors == ("Alexander Rosenkranz",)


def test_byline_word_and_name_in_separate_elements_after_malformed_markup():
    # the <div> and <span> are never closed: the parser nests the byline oddly
    html = """<div class="story"><div class="header"><h1>The loneliest woman</h1>
      <div><span>By</span> <a href="/tanderson">Tim Anderson</a>
      <p>Heart's 1987 chartbuster is best heard in a dark room.</p></div>"""
    assert meta_of(html).authors == ("Tim Anderson",)


def test_headline_like_text_opening_with_von_is_no_byline():
    html = """<h1>Gender-Politik</h1><h2>Von Sprachregeln, Gender-Politik und ganz normalem Deutsch</h2>
      <p>Von Montag an gilt die neue Regel.</p>"""
    assert meta_of(html).authors == ()


def test_compound_author_class_is_a_byline_box():
    html = '<h1>Bundesliga live</h1><div class="authorbox"><span>von Dennis Kochinky</span></div><p>Text.</p>'
    assert meta_of(html).authors == ("Dennis Kochinky",)


def test_wire_service_gives_way_to_named_people():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "%s"}}</script>'
    page = ld + '<h1>Flood</h1><p class="byline">By Jane Doe and Omar Haddad</p><p>Rivers rose.</p>'
    assert meta_of(page % "Wire Feed").authors == ("Jane Doe", "Omar Haddad")
    assert meta_of(page % "AP").authors == ("Jane Doe", "Omar Haddad")
    # the wire alone is still credited, also before the publisher organisation
    alone = """<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "AP"},
      {"@type": "Organization", "name": "Example Times"}]}</script><h1>Flood</h1><p>Rivers rose.</p>"""
    assert meta_of(alone).authors == ("AP",)


def test_author_escaped_twice_is_unescaped():
    assert meta_of('<meta name="author" content="Maria &amp;amp; Katerina"><h1>T</h1>').authors == ("Maria", "Katerina")


def test_list_of_days_beside_the_headline_gives_way_to_the_date_under_it():
    html = """<div id="content"><div class="teaser-list">
      <p class="date">Nr. 34 vom 08. November 2021</p><p class="date">Nr. 32 vom 05. November 2021</p>
      <p class="date">Nr. 31 vom 03. November 2021</p></div>
      <h1>Lage an der Grenze</h1><p><em>10.11.2021</em></p><p>Bis einschließlich 9. November 2021 ...</p></div>"""
    assert meta_of(html, main_css="#content").date_published == "2021-11-10"


def test_numeric_date_order_follows_the_page_region():
    html = '<html lang="en"><body><h1>Wine tasting</h1><div class="blog-date">03/10/2023</div><p>Text.</p></body></html>'
    assert meta_of(html, url="https://www.example.co.uk/blog/wine").date_published == "2023-10-03"
    assert meta_of(html, url="https://www.example.com/blog/wine").date_published == "2023-03-10"
    assert meta_of(html.replace('lang="en"', 'lang="en-US"'), url="https://www.example.de/blog").date_published == "2023-03-10"


@pytest.mark.parametrize(
    "raw, names",
    [
        ("© Kathrin Führes", ["Kathrin Führes"]),
        ("Justin C. Meserole, Trial Attorney", ["Justin C. Meserole"]),
        ("En kiosques : juillet 2020", []),  # a phrase, not a name
        ("Ask the Doctors", ["Ask the Doctors"]),
        ("Ursula von der Leyen", ["Ursula von der Leyen"]),
    ],
)
def test_credit_lines_that_are_no_plain_names(raw, names):
    assert normalize_authors(raw) == names


@pytest.mark.parametrize(
    "value, base, url",
    [
        ("https://cdn.example.org/a.jpg", None, "https://cdn.example.org/a.jpg"),
        ("//cdn.example.org/a.jpg", None, "https://cdn.example.org/a.jpg"),
        ("../img/a.jpg", "https://example.org/news/x/", "https://example.org/news/img/a.jpg"),
        ("img/a.jpg", None, None),
        ("http:/example.org/a.jpg", None, None),
        ("data:image/png;base64,AAAA", "https://example.org/", None),
        ("javascript:void(0)", "https://example.org/", None),
    ],
)
def test_lead_image_urls_are_absolute_http(value, base, url):
    from boilerstrip.metadata.lead import absolute_url

    assert absolute_url(value, base) == url
