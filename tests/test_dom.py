"""The shared text and node helpers of boilerstrip/dom.py, and the licence files."""

import pathlib
import sys

from selectolax.lexbor import LexborHTMLParser

from boilerstrip import dom, rules
from boilerstrip.metadata import dom as metadata_dom

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_collapse_whitespace_and_controls():
    assert dom.collapse("  Bridge \n\t to\u00a0be   rebuilt ") == "Bridge to be rebuilt"
    assert dom.collapse("A\x00B\x1b[31m C\x85") == "AB[31m C"
    assert dom.collapse("A\x94  B", keep_controls=True) == "A\x94 B"
    assert dom.collapse(None) == ""
    assert dom.collapse("") == ""
    # one collapse for every stage: the metadata stage imports the shared helpers
    assert metadata_dom.collapse is dom.collapse
    assert metadata_dom.collapse("  Rock\x80\x94roll  ") == "Rockroll"
    assert (metadata_dom.tokens, metadata_dom.attr, metadata_dom.text_of) == (dom.tokens, dom.attr, dom.text_of)


def test_class_tokens_one_splitter_for_rules_and_nodes():
    assert rules.class_tokens is dom.class_tokens
    assert dom.class_tokens("article-body shareBar js_ad") == ["article", "body", "share", "bar", "js", "ad"]
    assert dom.class_tokens("post__author--v2 byline") == ["post", "author", "v2", "byline"]
    assert dom.class_tokens("ÜberSicht grünerKasten") == ["über", "sicht", "grüner", "kasten"]
    assert dom.class_tokens("") == []


def test_node_helpers():
    tree = LexborHTMLParser(
        "<div id='outer'><p class='Post-Author relatedPosts' id='by_line' title='  a \n b '>"
        "By <b>Ann</b>\n  Lee</p></div>"
    )
    p = tree.css_first("p")
    assert dom.tokens(p) == {"post", "author", "related", "posts", "by", "line"}
    assert dom.tokens(tree.css_first("b")) == set()
    assert dom.attr(p, "title") == "a b"
    assert dom.attr(p, "missing") == ""
    assert dom.text_of(p) == "By Ann Lee"
    ids = dom.ancestor_ids(p)
    assert p.mem_id in ids and tree.css_first("#outer").mem_id in ids
    assert tree.css_first("b").mem_id not in ids
    assert dom.ancestor_ids(None) == frozenset()


def test_license_file_is_apache_and_declared():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License\n                           Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
