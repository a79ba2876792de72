"""Caption stage: hand-written snippets, expected values read off them."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from boilerstrip.article import Caption
from boilerstrip.captions import collect_captions

URL = "https://news.example/world/story.html"


def caps(html: str, url: str | None = URL, main_css: str | None = None) -> tuple[Caption, ...]:
    tree = LexborHTMLParser(html)
    main = tree.css_first(main_css) if main_css else None
    return collect_captions(tree, url, main)


def test_figcaption_with_trailing_agency():
    html = """<figure><img src="/img/kim.jpg" alt="Kim at a factory">
      <figcaption>Kim Jong Un visits a factory in Pyongyang. KCNA via Reuters</figcaption></figure>"""
    assert caps(html) == (
        Caption("Kim Jong Un visits a factory in Pyongyang.", "KCNA via Reuters", "https://news.example/img/kim.jpg"),
    )


def test_credit_element_inside_caption():
    html = """<figure><img src="https://cdn.example/a.jpg"><figcaption>Firefighters at the scene.
      <span class="credit">AP Photo/Jane Doe</span></figcaption></figure>"""
    assert caps(html) == (Caption("Firefighters at the scene.", "AP Photo/Jane Doe", "https://cdn.example/a.jpg"),)


def test_wp_caption_with_parenthesised_foto_credit():
    html = """<div class="wp-caption aligncenter"><img src="bild.jpg">
      <p class="wp-caption-text">Der neue Bahnhof am Abend (Foto: Max Muster)</p></div>"""
    assert caps(html) == (Caption("Der neue Bahnhof am Abend", "Foto: Max Muster", "https://news.example/world/bild.jpg"),)


def test_marker_credits():
    html = """<div><img src="1.jpg"><div class="caption">Sunset over the bay. Photo: John Roe</div></div>
      <div><img src="2.jpg"><div class="caption">The old mill. Image credit: City Archive</div></div>
      <div><img src="3.jpg"><div class="caption">Protesters in the square. Getty Images</div></div>
      <div><img src="4.jpg"><div class="caption">Harbour at dawn © Lisa Berg</div></div>"""
    assert [(c.text, c.credit) for c in caps(html)] == [
        ("Sunset over the bay.", "Photo: John Roe"),
        ("The old mill.", "Image credit: City Archive"),
        ("Protesters in the square.", "Getty Images"),
        ("Harbour at dawn", "© Lisa Berg"),
    ]


def test_caption_without_credit():
    assert caps('<figure><img src="x.jpg"><figcaption>A quiet street</figcaption></figure>') == (
        Caption("A quiet street", None, "https://news.example/world/x.jpg"),
    )


def test_itemprop_caption():
    html = '<div itemscope itemtype="https://schema.org/ImageObject"><img src="p.png"><span itemprop="caption">Map of the route</span></div>'
    assert caps(html)[0].text == "Map of the route"


def test_duplicates_and_alt_text_not_repeated():
    html = """<div class="gallery"><figure><img src="a.jpg" alt="The bridge at night">
      <figcaption>The bridge at night</figcaption></figure></div>
      <article><figure><img src="a.jpg" alt="The bridge at night"><figcaption>The  bridge at night</figcaption></figure></article>"""
    assert [c.text for c in caps(html)] == ["The bridge at night"]


def test_lazy_image_sources():
    html = """<figure><img src="data:image/gif;base64,R0lGOD" data-src="/big/a.jpg"><figcaption>One</figcaption></figure>
      <figure><img src="placeholder.png" srcset="/s.jpg 320w, /l.jpg 1280w, /m.jpg 640w"><figcaption>Two</figcaption></figure>
      <figure><picture><source srcset="/p1.webp 1x, /p2.webp 2x"><img src=""></picture><figcaption>Three</figcaption></figure>"""
    assert [c.image_url for c in caps(html)] == [
        "https://news.example/big/a.jpg",
        "https://news.example/l.jpg",
        "https://news.example/p2.webp",
    ]


def test_relative_image_without_page_url():
    assert caps('<figure><img src="a.jpg"><figcaption>Cap</figcaption></figure>', url=None)[0].image_url is None


def test_related_and_sidebar_thumbnails_excluded():
    html = """<article id="story"><figure><img src="main.jpg"><figcaption>The main picture</figcaption></figure></article>
      <div class="related-articles"><figure><img src="t1.jpg"><figcaption>Another story</figcaption></figure></div>
      <aside><figure><img src="t2.jpg"><figcaption>Sidebar thumb</figcaption></figure></aside>
      <footer><div class="caption">Footer logo</div></footer>"""
    assert [c.text for c in caps(html, main_css="#story")] == ["The main picture"]


def test_wrapper_counted_once():
    html = '<div class="image-caption-wrapper"><img src="x.jpg"><figcaption>Inner caption</figcaption></div>'
    assert [c.text for c in caps(html)] == ["Inner caption"]


def test_empty_and_odd_trees():
    assert caps("") == ()
    assert caps("<figure><figcaption>   </figcaption></figure>") == ()
    assert caps("<p>no captions</p>") == ()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_any_caption_text_never_raises(text):
    html = f"<figure><img src='a.jpg'><figcaption>{text.replace('<', ' ')}</figcaption></figure>"
    for cap in caps(html):
        assert cap.text
