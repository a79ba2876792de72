"""Caption stage: hand-written snippets, expected values read off them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from boilerstrip.article import Caption
from boilerstrip import extract
from boilerstrip.captions import collect_captions, noscript_images

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


# --- caption kinds (issue 11): one hand-written snippet per kind ---------------------------


def test_caption_beside_an_image_without_figure():
    html = """<div class="cnet-image-div"><img src="/i/tab.jpg">
      <p class="image-caption">Samsung Galaxy Tab</p><span class="image-credit">(Credit: CNET)</span></div>"""
    assert caps(html) == (Caption("Samsung Galaxy Tab", "Credit: CNET", "https://news.example/i/tab.jpg"),)


def test_credit_element_before_the_caption_in_the_figure():
    html = """<div class="img"><img src="https://cdn.example/c.jpg"><span class="credit vcard">Carolyn Kaster / AP</span>
      <div class="caption">Clinton speaks in Washington.</div></div>"""
    assert caps(html) == (Caption("Clinton speaks in Washington.", "Carolyn Kaster / AP", "https://cdn.example/c.jpg"),)


def test_caption_and_credit_spans_in_a_caption_line():
    # the line is named both "caption" and "copyright"; its two spans are the caption and the credit
    html = """<div class="mediaBox"><img src="a.jpg"><div class="copytext__captionLine mediaBox__copyright">
      <span class="figcaption">Crowds in front of the stage</span>
      <span class="figcaption__copyright">Bild © Johannes Gregor/hr</span></div></div>"""
    assert [(c.text, c.credit) for c in caps(html)] == [("Crowds in front of the stage", "Bild © Johannes Gregor/hr")]


def test_wrapper_figcaption_with_a_mobile_copy_and_a_labelled_credit():
    html = """<figure><img src="b.jpg">
      <figcaption class="e-caption"><span itemprop="caption">A gas fitter was jailed</span>
        <span class="e-caption__credit"><span class="e-caption__credit-description">Credit</span>: Photo: PA</span></figcaption>
      <figcaption class="e-caption mobile"><span itemprop="caption">A gas fitter was jailed</span></figcaption></figure>"""
    assert [(c.text, c.credit) for c in caps(html)] == [("A gas fitter was jailed", "Photo: PA")]


def test_gallery_inside_the_article_is_kept_outside_it_is_not():
    html = """<article id="story"><div class="gallery swiper carousel">
        <figure><img src="1.jpg"><figcaption><p class="gallery-caption">Volunteers at the refill day.</p>
          <p class="gallery-copyright"><span>Bild 1</span> von 4 © Iona Dutz</p></figcaption></figure>
        <figure><img src="2.jpg"><figcaption>The map of shops. Foto: Matthias Balk</figcaption></figure></div></article>
      <div class="carousel"><figure><img src="t.jpg"><figcaption>Another article</figcaption></figure></div>"""
    assert [(c.text, c.credit) for c in caps(html, main_css="#story")] == [
        ("Volunteers at the refill day.", "© Iona Dutz"),
        ("The map of shops.", "Foto: Matthias Balk"),
    ]


def test_lightbox_caption_from_data_attribute():
    html = """<figure class="lightbox-gallery"><a href="/big/2.jpg" data-fancybox="g" data-caption="Dry food &amp; snacks">
        <img src="/small/2.jpg"></a></figure>
      <div class="mini"><a href="/news/other-story.html"><img src="t.jpg" data-image-caption="A teaser's picture"></a></div>"""
    assert caps(html) == (Caption("Dry food & snacks", None, "https://news.example/small/2.jpg"),)


def test_shown_caption_wins_over_data_attribute_and_keeps_its_credit():
    html = """<figure><picture><img src="p.jpg" data-caption="Sprayed field next to the school."></picture>
      <figcaption><p>Sprayed field next to the school.</p><p>Foto: Ricardo Correa</p></figcaption></figure>"""
    assert [(c.text, c.credit) for c in caps(html)] == [("Sprayed field next to the school.", "Foto: Ricardo Correa")]


def test_trailing_credit_lines():
    cases = {
        "Fans outside the stadium (Image: GETTY)": ("Fans outside the stadium", "Image: GETTY"),
        "Striking staff at University College. Photograph: Guy Smallman/Getty Images": (
            "Striking staff at University College.", "Photograph: Guy Smallman/Getty Images"),
        "A gas fitter was jailed. Credit: Photo: PA": ("A gas fitter was jailed.", "Photo: PA"),
        "The petrol price keeps rising. (Foto Prensa Libre: Esbin García)": (
            "The petrol price keeps rising.", "Foto Prensa Libre: Esbin García"),
        "Dmitry Muratov, Nobel Peace Prize laureate (REUTERS/Denis Balibouse)": (
            "Dmitry Muratov, Nobel Peace Prize laureate", "REUTERS/Denis Balibouse"),
        "Ada Álvarez will resign as president. (Teresa Canino Rivera)": (
            "Ada Álvarez will resign as president.", "Teresa Canino Rivera"),
        "“We have made progress”, the minister said. Archivo/La República": (
            "“We have made progress”, the minister said.", "Archivo/La República"),
        "Brighton beat Manchester United | LÍBERO": ("Brighton beat Manchester United", "LÍBERO"),
        "She can transform any backyard. courtesy of Magnolia Network.": (
            "She can transform any backyard.", "courtesy of Magnolia Network."),
        "The warning proved false. Nathan Alliard / Photononstop / AFP": (
            "The warning proved false.", "Nathan Alliard / Photononstop / AFP"),
        "Plan of the works - Grafik: Infotafel vor Ort": ("Plan of the works", "Grafik: Infotafel vor Ort"),
    }
    html = "".join(f'<figure><img src="{i}.jpg"><figcaption>{text}</figcaption></figure>' for i, text in enumerate(cases))
    assert [(c.text, c.credit) for c in caps(html)] == list(cases.values())


def test_credit_only_captions():
    html = """<figure><img src="1.jpg"><figcaption>(Image credit: Tom's Hardware)</figcaption></figure>
      <figure><picture><img src="2.jpg"></picture><footer class="credit">APA/Georg Hochmuth</footer></figure>
      <figure><img src="3.jpg"><figcaption class="Caption"><span class="Credit">Courtesy of Amp</span></figcaption></figure>
      <div class="fig"><picture><img src="4.jpg"></picture><div class="figcaption">CC</div></div>
      <div class="image"><img src="5.jpg"><span class="caption">statista.com</span></div>
      <figure><img src="6.jpg"><p class="content-caption-and-attribution">imaginima/Getty Images</p></figure>"""
    assert [(c.text, c.credit) for c in caps(html)] == [
        ("(Image credit: Tom's Hardware)", "Image credit: Tom's Hardware"),
        ("APA/Georg Hochmuth", "APA/Georg Hochmuth"),
        ("Courtesy of Amp", "Courtesy of Amp"),
        ("CC", "CC"),
        ("statista.com", "statista.com"),
        ("imaginima/Getty Images", "imaginima/Getty Images"),
    ]


def test_multi_sentence_captions_are_read_whole():
    text = ("While she writes the bill, the boss watches her. Here women even build roads. "
            "I once asked one of the men to help. He only asked which country I came from.")
    html = f"""<figure><img src="a.jpg"><figcaption><em>{text}</em></figcaption></figure>
      <div class="in"><img src="b.jpg"><span class="visuel-credits">On 14 March the minister warned against
      ibuprofen. The claim proved false. Nathan Alliard / Photononstop / AFP</span></div>"""
    assert [(c.text, c.credit) for c in caps(html)] == [
        (text, None),
        ("On 14 March the minister warned against ibuprofen. The claim proved false.", "Nathan Alliard / Photononstop / AFP"),
    ]


def test_no_caption_from_teasers_ads_promos_headshots_or_labels():
    html = """<article id="story"><figure><img src="m.jpg"><figcaption>The main picture</figcaption></figure>
      <div class="author-box"><img src="head.jpg"><figcaption>About Jane Doe: she writes on science.</figcaption></div>
      <div class="ad-slot"><img src="ad.jpg"><div class="caption">Advertisement</div></div>
      <div class="teaser-card"><img src="t.jpg"><figcaption>Read another story</figcaption></div>
      <div class="promo"><img src="p.jpg"><p class="caption">Need more space? Subscribe to our sister title</p></div>
      <figure class="quote"><blockquote>Great service!</blockquote><figcaption>Jane Roe, Clean Co.</figcaption></figure>
      <span class="caption bold">TOP LINKS ON THIS TOPIC</span>
      <figure><img src="v.jpg"><figcaption>Video 01:30 Min. | 19.10.19 | Watch the talk</figcaption></figure>
      <div class="product"><img src="boot.jpg"><span class="rating-caption">43 reviews with an average rating of 4.5</span></div>
      <figure><img src="h.jpg"><figcaption class="is-hidden">Archive/The Republic</figcaption></figure>
      <ol class="stories"><li><div class="img"><img src="s.jpg"><span class="credit">Reuters file</span></div></li></ol>
    </article>"""
    assert [c.text for c in caps(html, main_css="#story")] == ["The main picture"]


def test_image_url_is_http_or_https_only():
    html = """<figure><img src="ftp://files.example/a.jpg"><figcaption>One</figcaption></figure>
      <figure><img src="javascript:void(0)" data-src="mailto:x@example.org"><figcaption>Two</figcaption></figure>
      <figure><img src="//cdn.example/c.jpg"><figcaption>Three</figcaption></figure>"""
    assert [c.image_url for c in caps(html)] == [None, None, "https://cdn.example/c.jpg"]


def test_noscript_image_gives_the_url_of_a_lazy_image():
    html = """<html><body><article><p>A paragraph long enough to be the article body of this small page.</p>
      <figure><div class="wrap"><img src="data:image/gif;base64,R0lGOD" class="lazy">
      <noscript><img src="/real/photo.jpg"></noscript></div><figcaption>The harbour at dawn</figcaption></figure>
      </article></body></html>"""
    article = extract(html, url="https://news.example/a/b.html")
    assert article.captions == (Caption("The harbour at dawn", None, "https://news.example/real/photo.jpg"),)


def test_noscript_images_map():
    tree = LexborHTMLParser('<div id="w"><img src="x.gif"><noscript><img src="/real.jpg"></noscript></div>')
    assert list(noscript_images(tree).values()) == ["/real.jpg"]


def test_many_sibling_captions_stay_linear():
    # one parent holding an image and thousands of captions: each ancestor is read once
    html = "<article><div><img src='a.jpg'>" + "".join(f"<figcaption>cap {i}</figcaption>" for i in range(3000)) + "</div></article>"
    assert len(caps(html, main_css="article")) == 3000


def test_explain_says_why_a_caption_candidate_was_left_out():
    html = """<html><body><article><p>A paragraph long enough to be the article body of this small page.</p>
      <figure><img src="m.jpg"><figcaption>The main picture</figcaption></figure>
      <div class="promo"><img src="p.jpg"><p class="caption">Subscribe to our sister title</p></div>
      <h3 class="caption">TOP LINKS</h3></article></body></html>"""
    article = extract(html, explain=True)
    assert [c.text for c in article.captions] == ["The main picture"]
    reasons = {d.text: d.reason for d in article.dropped if d.reason.startswith("caption.")}
    assert reasons == {"Subscribe to our sister title": "caption.excluded-box", "TOP LINKS": "caption.no-image"}
    assert extract(html).dropped is None


def test_a_candidate_matching_two_caption_selectors_is_read_and_listed_once():
    # Lexbor returns an element once per selector of a list it matches: "credit" and "copyright" both here
    html = """<html><body><article><p>A paragraph long enough to be the article body of this small page.</p>
      <p class="photo-credit copyright">The old bridge at dawn, in a photo kept by the council.</p></article></body></html>"""
    left_out = [(d.text, d.reason) for d in extract(html, explain=True).dropped if d.reason.startswith("caption.")]
    assert left_out == [("The old bridge at dawn, in a photo kept by the council.", "caption.no-image")]


_FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize(
    "fixture, caption",
    [
        # each the page's lead <figcaption>, credit included, as the page has it
        ("german-news", "Das Freibad Süd ist das größte der drei Bäder in Lindenau. Foto: Stadtwerke Lindenau"),
        ("spanish-news", "Vista del embalse de Entrepeñas, en Guadalajara, a principios de junio. EFE"),
        (
            "jsonld-graph-news",
            "The MV Skerry Lass at the north quay, where the first sailing of the day will now leave at 7.40am."
            " Harbour Gazette",
        ),
    ],
)
def test_the_lead_figure_between_standfirst_and_body_is_a_caption_block(fixture, caption):
    # The lead figure sits between the standfirst and the story body, outside
    # the scored region: with include_captions its caption is a block, in
    # page order before the body, as it is one of Article.captions.
    html = (_FIXTURES / fixture / "page.html").read_bytes()
    blocks = extract(html, include_captions=True).blocks
    kinds = [b.kind for b in blocks]
    assert [b.text for b in blocks if b.kind == "caption"] == [caption]
    assert kinds.index("caption") < len(kinds) - 1 and kinds[kinds.index("caption") + 1] == "paragraph"
    assert extract(html).body == "\n\n".join(b.text for b in blocks if b.kind != "caption")
