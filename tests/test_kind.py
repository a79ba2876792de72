"""Page kinds: the evidence a page gives, the decision, and the whole-region selection."""

import pytest

from boilerstrip import extract
from boilerstrip.kind import Evidence, decide, read_evidence
from boilerstrip.parse import parse_html

NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/jobs'>Jobs</a></li><li><a href='/about'>About us</a></li></ul></nav>"
FOOTER = "<footer><p>Copyright 2025 Example Jobs Ltd. All rights reserved.</p><a href='/privacy'>Privacy</a></footer>"


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("head", "url", "kind", "source"),
    [
        ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', None, "article", "jsonld:NewsArticle"),
        # an article type anywhere wins over the page's other types
        ('<script type="application/ld+json">[{"@type": "Product"}, {"@type": ["Review", "BlogPosting"]}]</script>',
         None, "article", "jsonld:BlogPosting"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product"}</script>',
         None, "product", "jsonld:Product"),
        ('<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>', None, "forum",
         "jsonld:DiscussionForumPosting"),
        # the URL of one discussion outranks og:type=article, which forum software emits on every page
        ('<meta property="og:type" content="article">', "https://example.org/forum/t/1", "forum", "url:/t/"),
        # a board's index is not one discussion
        ('<meta property="og:type" content="article">', "https://example.org/forum/woodworking", "article",
         "og:article"),
        ('<meta property="og:type" content="article">', "https://example.org/threads/best-hosts.691400/", "forum",
         "url:/threads/"),
        ('<meta property="og:type" content="article">', "https://example.org/topic/18427/rc1-is-out", "forum",
         "url:/topic/"),
        ("", "https://community.example.org/thread-222085.html", "forum", "url:/thread-222085.html/"),
        # a link aggregator's discussion of one submission: /comments/<id>/<slug>
        ('<meta property="og:type" content="article">', "https://example.org/r/cooking/comments/8kq2xz/cast_iron/",
         "forum", "url:/comments/"),
        # a page of comments without an id is a board's, not one thread's
        ('<meta property="og:type" content="article">', "https://example.org/comments/latest", "article",
         "og:article"),
        # without a thread id, a topic is as often a news site's topic page
        ('<meta property="og:type" content="article">', "https://example.org/topic/software", "article", "og:article"),
        ('<meta property="og:type" content="article">', "https://example.org/t/pegasus-41-shoes", "article",
         "og:article"),
        # an article type in JSON-LD still outranks the URL
        ('<script type="application/ld+json">{"@type": "Article"}</script>', "https://example.org/threads/x.1/",
         "article", "jsonld:Article"),
        ('<meta property="og:type" content="product">', None, "product", "og:product"),
        ("", "https://example.org/Category/shoes?page=2", "listing", "url:/category/"),
        ("", "https://example.org/docs/install", "documentation", "url:/docs/"),
        # a documentation site's URL outranks og:type=article, which its generator emits on every page
        ('<meta property="og:type" content="article">', "https://example.org/docs/current/indexes.html",
         "documentation", "url:/docs/"),
        ('<meta property="og:type" content="article">', "https://example.org/manual/en/intro.php", "documentation",
         "url:/manual/"),
        # "guide" names news and shop pages as often: og:type=article still wins there
        ('<meta property="og:type" content="article">', "https://example.org/guides/best-tents", "article",
         "og:article"),
        # a declared article type still outranks the URL
        ('<script type="application/ld+json">{"@type": "TechArticle"}</script><script type="application/ld+json">'
         '{"@type": "BlogPosting"}</script>', "https://example.org/docs/news", "article", "jsonld:BlogPosting"),
        ('<meta property="og:type" content="website">', "https://example.org/2024/05/a-story", None, "og:website"),
        ("", "https://example.org/2024/05/a-story", "article", "default"),
        ("", "https://example.org/", "listing", "url:homepage"),
        # a publisher's Organization is on most articles: no evidence of a service page
        ('<script type="application/ld+json">{"@type": "Organization"}</script>', None, "article", "default"),
    ],
)
def test_evidence(head, url, kind, source):
    ev = read_evidence(parse_html(_page(head, "<p>x</p>")), url)
    assert (ev.kind, ev.source) == (kind, source)


def test_microdata_itemtype_is_evidence():
    tree = parse_html(_page("", "<div itemscope itemtype='https://schema.org/Product'><h1>Kettle</h1></div>"))
    assert read_evidence(tree, None) == Evidence("product", "jsonld:Product")


def test_malformed_url_is_no_evidence():
    assert read_evidence(parse_html(_page("", "<p>x</p>")), "http://[bad/x").kind == "article"


def test_decide():
    # an article never switches, however little its selection keeps
    assert decide(Evidence("article", "default"), 10, 10_000, 0).whole_region is False
    # another kind switches when the article selection keeps under a third of the region
    pk = decide(Evidence("listing", "url:/jobs/"), 300, 3000, 1)
    assert (pk.kind, pk.whole_region) == ("listing", True)
    assert "0.10" in pk.reason
    assert decide(Evidence("listing", "url:/jobs/"), 1500, 3000, 1).whole_region is False
    # an empty article selection gives the whole region, whatever the page declares
    pk = decide(Evidence("article", "og:article"), 0, 3000, 0)
    assert (pk.kind, pk.whole_region) == ("listing", True)
    assert decide(Evidence("product", "jsonld:Product"), 0, 3000, 0).kind == "product"
    # og:type=website alone: a page with a long article stays an article
    assert decide(Evidence(None, "og:website"), 300, 3000, 6).whole_region is False
    assert decide(Evidence(None, "og:website"), 300, 3000, 1).kind == "service"


JOBS = [
    ("Senior Python Engineer", "Acme Robotics", "Remote, Europe", "$120,000 - $150,000"),
    ("Data Analyst", "Northwind Traders", "London, UK", "£45,000 - £55,000"),
    ("Frontend Developer", "Globex", "Berlin, Germany", "€60,000 - €70,000"),
    ("Site Reliability Engineer", "Initech", "Austin, TX", "$140,000 - $170,000"),
    ("Product Designer", "Umbrella Health", "Remote, Americas", "$100,000 - $130,000"),
]


def _listing() -> str:
    cards = "".join(
        f"<li class='job'><h3><a href='/jobs/{i}'>{t}</a></h3><span><a href='/c/{i}'>{c}</a></span>"
        f"<span>{where}</span><span>{pay}</span></li>"
        for i, (t, c, where, pay) in enumerate(JOBS)
    )
    return _page(
        "<title>Remote jobs</title>",
        NAV + "<main><h1>Remote engineering jobs</h1><p>Find your next remote role.</p>"
        f"<ul class='jobs'>{cards}</ul></main>" + FOOTER,
    )


def test_listing_keeps_every_item_and_drops_the_chrome():
    art = extract(_listing(), url="https://example.org/jobs/engineering", explain=True)
    assert art.page_kind == "listing"
    assert art.pass_used == "whole"
    assert art.page_kind_reason.startswith("url:/jobs/")
    for title, company, where, pay in JOBS:
        assert title in art.body and company in art.body and where in art.body and pay in art.body
    assert "Find your next remote role." in art.body
    assert "Home" not in art.body and "Copyright" not in art.body


def test_same_listing_without_evidence_is_an_article():
    art = extract(_listing(), url="https://example.org/2024/05/remote")
    assert art.page_kind == "article"
    assert art.pass_used == "strict"
    assert art.page_kind_reason is None  # only with explain=True
    assert "page_kind_reason" not in art.to_dict()
    assert art.to_dict()["page_kind"] == "article"


COMMENTS = [
    "I have lived by this bridge for forty years and the ferry has never once been on time in winter.",
    "The council should have fixed the bridge before the floods rather than after them, as everyone said.",
    "Two years is optimistic; the last bridge in this county took five years and cost twice the estimate.",
    "My children take the ferry to school every day and the crossing adds an hour to their morning.",
    "Will the new bridge have a cycle lane? The old one was far too narrow for bikes and cars together.",
]


def _thread(head: str) -> str:
    posts = "".join(f"<div class='comment'><p class='author'>reader{i}</p><p>{c}</p></div>" for i, c in enumerate(COMMENTS))
    return _page(
        head,
        "<h1 class='logo'>The Gazette</h1>" + NAV
        + "<div class='post'><h2>Bridge to be rebuilt</h2>"
        "<p>The council voted on Tuesday to rebuild the old bridge, closed since the floods of last spring.</p>"
        "<p>Work will start in March and is expected to take two years, the council's engineer said.</p>"
        "<p>Residents have crossed the river by ferry since the closure, a trip that adds half an hour.</p></div>"
        f"<div class='comments'>{posts}</div>" + FOOTER,
    )


def test_a_comment_thread_longer_than_the_article_is_still_dropped():
    art = extract(_thread(""))
    assert "The council voted on Tuesday" in art.body
    assert not any(c in art.body for c in COMMENTS)


def test_on_a_forum_the_comments_are_the_content():
    art = extract(_thread('<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'))
    assert all(c in art.body for c in COMMENTS)


SIGNATURES = ["Home setup: DAC 2, tube amp, open-back headphones", "Keep calm and carry on cycling."]


def _forum_thread(post):
    """A thread of :data:`COMMENTS` at a discussion's URL; ``post(i, text)``
    gives each post's HTML."""
    posts = "".join(post(i, c) for i, c in enumerate(COMMENTS))
    art = extract(_page("", NAV + f"<h1>Bridge closures</h1><div class='thread'>{posts}</div>" + FOOTER),
                  url="https://forum.example.org/threads/bridge-closures.2880547/")
    assert art.page_kind == "forum"
    assert all(c in art.body for c in COMMENTS)
    return art


def test_forum_posts_are_kept_without_their_signatures():
    art = _forum_thread(
        lambda i, c: f"<div class='message'><p class='user'>reader{i}</p><div class='message-body'><p>{c}</p></div>"
        f"<div class='message-signature'>{SIGNATURES[i % 2]}</div></div>"
    )
    assert not any(s in art.body for s in SIGNATURES)


def test_forum_posts_keep_their_author_lines():
    art = _forum_thread(
        lambda i, c: f"<div class='post'><div class='post-author'>reader{i} · 12 May 2024</div><p>{c}</p></div>"
    )
    assert all(f"reader{i} · 12 May 2024" in art.body for i in range(len(COMMENTS)))


def test_forum_replies_opening_with_a_linked_name_are_not_teasers():
    # the question, then replies each in a small box whose first line is the
    # poster's linked name: the shape of a teaser card, the content of a thread
    question = (
        "<div class='first'><p>The river bridge has been closed since the floods of last spring and the council "
        "now says the rebuild will start in March and take two years.</p><p>How are you all getting across in the "
        "meantime? The ferry queue was forty minutes long this morning and the detour by the motorway adds an "
        "hour each way.</p><p>Has anyone tried the new bus service from the station, and is it any quicker?</p></div>"
    )
    replies = "".join(
        f"<div class='row'><a href='/members/reader{i}.{i + 40}/'>reader{i}</a><p>{c}</p></div>"
        for i, c in enumerate(COMMENTS)
    )
    art = extract(_page("", NAV + f"<h1>Bridge closures</h1>{question}<div class='replies'>{replies}</div>" + FOOTER),
                  url="https://forum.example.org/threads/bridge-closures.2880547/")
    assert art.page_kind == "forum"
    assert "Has anyone tried the new bus service" in art.body
    assert all(c in art.body for c in COMMENTS)


METHODS = [
    ("close()", "Closes the connection, or the connection attempt, and frees what it holds."),
    ("send()", "Enqueues the given data to be transmitted to the server over the connection."),
    ("ping()", "Sends a ping frame and resolves when the matching pong frame comes back."),
]


def test_documentation_reference_lists_are_content_not_teasers():
    items = "".join(f"<li><a href='/docs/api/{m}'>{m}</a><p>{d}</p></li>" for m, d in METHODS)
    html = _page(
        "", NAV + "<main><h1>Socket</h1><p>The Socket interface manages a connection to a server: it opens it, "
        "sends and receives data on it and closes it.</p><h2>Methods</h2>"
        f"<ul>{items}</ul></main>" + FOOTER,
    )
    docs = extract(html, url="https://example.org/docs/api/socket")
    assert all(m in docs.body and d in docs.body for m, d in METHODS)
    # the same list on a news page is a list of links to other stories: a teaser list
    news = extract(html, url="https://example.org/2024/05/socket")
    assert not any(d in news.body for _, d in METHODS)


# A service landing page: a hero, then sibling sections of a heading, a line
# of prose and a link list each. WordPress declares every page og:type=article.
_LANDING_FEATURES = [
    ("Daily snapshots", "Every server is copied once a day to a second data centre, and each copy is kept for thirty days."),
    ("Encrypted storage", "Copies are encrypted before they leave your server, with a key that only your team holds."),
    ("Fast restores", "A whole server comes back in minutes, and a single file can be restored from the dashboard."),
    ("Alerts that matter", "When a backup fails we tell you by mail and by text message, with the reason and a fix."),
    ("Flat pricing", "You pay for the space you use, with no fee for restores and no charge for the traffic."),
    ("Human support", "Engineers who run the service answer your questions, every day of the week, all year round."),
    ("Any platform", "Linux and Windows servers, virtual machines and containers are backed up by the same agent."),
    ("Audit trail", "Every backup and every restore is logged, so that you can show your auditors what happened."),
    ("Retention rules", "Keep a copy a day for a month and a copy a month for a year, or write rules of your own."),
    ("Bandwidth limits", "Backups slow down during your busy hours and speed up at night, on a schedule you choose."),
    ("Team accounts", "Give each colleague their own login, with the servers and the rights that their work needs."),
    ("Open formats", "Copies are plain archives that any machine can read, so you are never locked in with us."),
]
_APP_LINKS = "<ul class='apps'>" + "".join(
    f"<li><a href='/apps/{n}'>Works with {n}</a></li>" for n in ("Slack", "Gmail", "Zapier", "Dropbox", "Trello", "Asana")
) + "</ul>"


def _landing_page() -> str:
    hero = (
        "<section class='hero'><h1>Managed server backup</h1><p>We back up your servers so that you do not have "
        "to think about it: set it up once, and sleep well at night.</p></section>"
    )
    sections = "".join(
        f"<section class='feature'><div class='wrap'><h2>{h}</h2><div class='text'><p>{t}</p></div>{_APP_LINKS}</div></section>"
        for h, t in _LANDING_FEATURES
    )
    return _page("<meta property='og:type' content='article'>", NAV + "<main>" + hero + sections + "</main>" + FOOTER)


def test_a_landing_page_of_sibling_sections_keeps_every_section():
    a = extract(_landing_page(), explain=True)
    assert a.pass_used == "whole"
    assert a.page_kind == "service"
    for heading, text in _LANDING_FEATURES:
        assert heading in a.body and text in a.body
    assert "Copyright" not in a.body


def test_decide_sections():
    article = Evidence("article", "og:article")
    # one section of twelve selected: the whole region, whatever the page declares
    assert decide(article, 300, 3000, 1, None, 13).whole_region
    assert decide(article, 300, 3000, 1, None, 13).kind == "service"
    assert decide(Evidence("product", "jsonld:Product"), 300, 3000, 1, None, 13).kind == "product"
    # a news article beside teaser titles: few prose blocks outside the selection
    assert not decide(article, 300, 3000, 1, None, 4).whole_region
    # the selection keeps half the region: the article
    assert not decide(article, 1500, 3000, 5, None, 16).whole_region


def test_hub_url_shapes():
    from boilerstrip.kind import hub_url

    assert hub_url("https://example.org/")
    assert hub_url("https://example.org/news")
    assert hub_url("https://example.org/category/garden/")
    assert hub_url("https://example.org/services/cloud-migration")
    assert not hub_url("https://example.org/news/2024/05/council-budget")
    assert not hub_url("https://example.org/council-passes-budget")
    assert not hub_url("https://example.org/article123")
    assert not hub_url(None)


def test_evidence_says_whether_the_url_is_a_hub_whatever_the_page_declares():
    head = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    tree = parse_html(_page(head, "<p>x</p>"))
    assert read_evidence(tree, "https://example.org/news") == Evidence("article", "jsonld:NewsArticle", hub=True)
    assert not read_evidence(tree, "https://example.org/news/2024/05/council-budget").hub
    assert not read_evidence(tree, None).hub


def test_a_topic_page_is_not_a_thread_by_its_path_word_alone():
    # "/topic/software" without a thread id is as often a news site's topic
    # page: its story cards are teasers to be read as a listing, not posts
    def card(i: int) -> str:
        return (f"<div class='item'><h3><a href='/story/{i}'>Story headline number {i} about the new release</a></h3>"
                f"<p>Summary of story {i}: what changed in the release, who it affects and when it ships.</p></div>")

    popular = "".join(f"<li><a href='/popular/{i}'>Popular piece {i} that everyone read this week</a></li>"
                      for i in range(6))
    html = (
        "<html><head><title>Software</title></head><body><main><h1>Software</h1>"
        "<p>The latest news and analysis on software, from operating systems to apps.</p>"
        f"<div class='grid'>{''.join(card(i) for i in range(8))}</div></main>"
        f"<div class='side'><h2>Most popular</h2><ul>{popular}</ul></div></body></html>"
    )
    art = extract(html, url="https://news.example.com/topic/software")
    assert all(f"Story headline number {i} about the new release" in art.body for i in range(8))
    assert "Popular piece" not in art.body
