"""A fault in one field never empties the others (issue 10).

Each malformed source below used to empty every metadata field (the stage
caught everything and returned nothing) or hung; now the field it feeds is
empty on its own, the others keep their values, and with ``explain=True``
the failure is listed in ``Article.faults``.
"""

from __future__ import annotations

import json

import pytest

import boilerstrip
from boilerstrip import BoilerstripError, Fault, extract
from boilerstrip.metadata import collect
from boilerstrip.urls import http_url

P1 = "The city council approved the budget for the coming year on Tuesday, after a debate that lasted well into the night."
P2 = "Residents will see changes to bus routes, library hours and the collection of household waste, the mayor said."


def page(head: str = "", body_extra: str = "") -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Council approves the budget", "author": {"@type": "Person", "name": "Jane Doe"},
                     "datePublished": "2024-03-05T10:00:00Z"})
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Council approves the budget | Example News</title>"
        "<meta property='og:site_name' content='Example News'>"
        f"<script type='application/ld+json'>{ld}</script>{head}</head><body><article><h1>Council approves the budget</h1>"
        f"<p>{P1}</p><p>{P2}</p>"
        "<figure><img src='https://example.org/a.jpg'><figcaption>The council chamber. Photo: AP</figcaption></figure>"
        f"{body_extra}</article></body></html>"
    )


def assert_fields_kept(a: boilerstrip.Article) -> None:
    assert a.title == "Council approves the budget"
    assert a.authors == ("Jane Doe",)
    assert a.date_published == "2024-03-05T10:00:00+00:00"
    assert a.language == "en"
    assert a.sitename == "Example News"
    assert P1 in a.body and P2 in a.body


def test_the_page_itself():
    a = extract(page(), explain=True)
    assert_fields_kept(a)
    assert a.faults == ()
    assert a.captions == (boilerstrip.Caption("The council chamber.", "Photo: AP", "https://example.org/a.jpg"),)


@pytest.mark.parametrize(
    "head",
    [
        "<link rel='canonical' href='http://[bad/x'>",
        "<meta property='og:url' content='http://[bad'>",
        "<meta property='og:image' content='http://[bad/i.jpg'>",
        "<meta property='og:image' content='http://example.org:99999/i.jpg'>",
    ],
)
def test_a_malformed_url_empties_only_itself(head):
    a = extract(page(head), explain=True)
    assert_fields_kept(a)
    assert a.url is None


def test_a_malformed_caller_url():
    a = extract(page(), url="http://[bad", explain=True)
    assert_fields_kept(a)
    assert a.url == "http://[bad"
    assert a.captions[0].image_url == "https://example.org/a.jpg"


def test_a_long_title_with_many_site_suffixes():
    title = "Council approves the budget" + " | Example News" * 150_000  # 2.25 MB
    html = page().replace("<title>Council approves the budget | Example News</title>", f"<title>{title}</title>")
    a = extract(html, explain=True)
    assert_fields_kept(a)
    assert a.faults == ()


def test_a_jsonld_author_name_of_20000_words():
    ld = json.dumps({"@type": "NewsArticle", "author": [{"@type": "Person", "name": " ".join(["Word"] * 20_000)}, {"@type": "Person", "name": "John Roe"}]})
    a = extract(page(f"<script type='application/ld+json'>{ld}</script>"))
    assert a.title == "Council approves the budget"
    assert a.date_published == "2024-03-05T10:00:00+00:00"
    assert P1 in a.body


def test_jsonld_nested_past_the_stack_is_skipped():
    deep = "[" * 100_000 + "]" * 100_000
    a = extract(page(f"<script type='application/ld+json'>{deep}</script>"), explain=True)
    assert_fields_kept(a)


@pytest.mark.parametrize(
    "target,field,empty",
    [
        ("_language", "language", ("language", None)),
        ("_authors", "authors", ("authors", ())),
        ("_dates", "dates", ("date_published", None)),
        ("pick_title", "title", ("title", None)),
        ("read_jsonld", "jsonld", None),
        ("read_meta", "meta", None),
    ],
)
@pytest.mark.parametrize("error", [ValueError("bad value"), RecursionError("too deep"), TypeError("bad type"), KeyError("k")])
def test_a_fault_in_one_field_leaves_the_others(monkeypatch, target, field, empty, error):
    def boom(*args, **kwargs):
        raise error

    monkeypatch.setattr(collect, target, boom)
    a = extract(page(), explain=True)
    assert [f.field for f in a.faults] == [field]
    assert a.faults[0].error.startswith(type(error).__name__ + ":")
    assert P1 in a.body
    if empty is not None:
        name, value = empty
        assert getattr(a, name) == value
        kept = {"title": "Council approves the budget", "authors": ("Jane Doe",), "language": "en", "sitename": "Example News"}
        for other, expected in kept.items():
            if other != name:
                assert getattr(a, other) == expected, other
    elif field == "jsonld":
        # the other sources still give the title (<title>, <h1>) and the language
        assert a.title == "Council approves the budget" and a.language == "en" and a.sitename == "Example News"
    else:
        assert a.title == "Council approves the budget" and a.authors == ("Jane Doe",)


def test_faults_are_listed_only_with_explain(monkeypatch):
    monkeypatch.setattr(collect, "_language", lambda *a: (_ for _ in ()).throw(ValueError("x")))
    a = extract(page())
    assert a.faults is None and "faults" not in a.to_dict()
    b = extract(page(), explain=True)
    assert b.to_dict()["faults"] == [{"field": "language", "error": "ValueError: x"}]
    assert a == b  # faults are not part of the result's value


def test_a_fault_in_one_caption_leaves_the_others(monkeypatch):
    from boilerstrip import captions

    real = captions._split_credit

    def split(node, text, *rest):
        if text.startswith("Broken"):
            raise ValueError("cannot split")
        return real(node, text, *rest)

    monkeypatch.setattr(captions, "_split_credit", split)
    extra = "<figure><img src='/b.jpg'><figcaption>Broken caption</figcaption></figure>"
    a = extract(page(body_extra=extra), url="https://example.org/news/1", explain=True)
    assert [c.text for c in a.captions] == ["The council chamber."]
    assert [f.field for f in a.faults] == ["captions"]
    assert_fields_kept(a)


def test_a_bug_is_not_swallowed(monkeypatch):
    # AttributeError is no data fault: it reaches the caller, wrapped
    monkeypatch.setattr(collect, "_language", lambda *a: (_ for _ in ()).throw(AttributeError("bug")))
    with pytest.raises(BoilerstripError) as info:
        extract(page())
    assert isinstance(info.value.__cause__, AttributeError)


# -- URLs and control characters ----------------------------------------------------


@pytest.mark.parametrize(
    "src,expected",
    [
        ("file:///etc/passwd", None),
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AAAA", None),
        ("ftp://example.org/a.jpg", None),
        ("//cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"),
        ("/img/a.jpg", "https://example.org/img/a.jpg"),
        ("http://[bad/a.jpg", None),
        ("HTTPS://example.org/a.jpg", "HTTPS://example.org/a.jpg"),
    ],
)
def test_only_web_image_urls(src, expected):
    html = page(body_extra=f"<figure><img src='{src}'><figcaption>Another picture of the council</figcaption></figure>")
    a = extract(html, url="https://example.org/news/1")
    assert a.captions[1].text == "Another picture of the council"
    assert a.captions[1].image_url == expected


def test_http_url():
    assert http_url("a/b.jpg", "https://example.org/x/y") == "https://example.org/x/a/b.jpg"
    assert http_url("a/b.jpg", "file:///x/y") is None
    assert http_url("a/b.jpg", None) is None
    assert http_url("file:///etc/passwd", "https://example.org/") is None
    assert http_url("https://example.org/" + "a" * 10_000) is None
    assert http_url("") is None
    # fuzz: "http:path" has the scheme but no host; it is relative to the base
    assert http_url("http:ge-107781") is None
    assert http_url("http:ge-107781", "http://example.org/a/b") == "http://example.org/a/ge-107781"
    assert http_url("https://") is None


def test_control_characters_leave_every_text_field():
    html = (
        "<html><head><title>Council\x1b[31m approves\x07 the budget</title>"
        "<meta name='author' content='Jane\x08 Doe'><meta name='description' content='A\x1b summary\x7f'>"
        "<meta property='og:site_name' content='Example\x00 News'></head><body><article>"
        f"<p>{P1}</p><p>{P2}</p><figure><img src='https://example.org/a.jpg'><figcaption>The\x1b chamber</figcaption></figure>"
        "</article></body></html>"
    )
    a = extract(html)
    assert a.title == "Council[31m approves the budget"
    assert a.authors == ("Jane Doe",)
    assert a.description == "A summary"
    assert a.sitename == "Example News"
    assert a.captions[0].text == "The chamber"
    md = a.to_markdown()
    assert not any(ord(c) < 32 and c not in "\n\t" for c in md)
