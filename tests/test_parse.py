"""The parser caps: nesting depth and start-tag size (boilerstrip.parse)."""

from boilerstrip.parse import MAX_DEPTH, MAX_TAG_CHARS, cap_nesting, parse_html

P = "<p>The council voted on Tuesday to rebuild the old bridge over the river.</p>"


def test_normal_documents_are_left_alone():
    html = "<div><p>a</p></div>" * 30_000
    assert cap_nesting(html) is html
    small = "<html><body>" + "<div>" * 50 + P + "</div>" * 50 + "</body></html>"
    assert cap_nesting(small) is small


def test_deep_nesting_is_flattened_and_text_kept():
    n = MAX_DEPTH * 20
    html = "<body>" + "<div>" * n + P + "</div>" * n + "</body>"
    capped = cap_nesting(html)
    # <body> is one of the MAX_DEPTH open elements
    assert capped.count("<div>") == MAX_DEPTH - 1
    assert capped.count("</div>") == MAX_DEPTH - 1
    assert P in capped
    tree = parse_html(html)
    assert tree.css_first("p").text() == "The council voted on Tuesday to rebuild the old bridge over the river."


def test_void_and_self_closing_tags_do_not_add_depth():
    html = "<body>" + "<br><img src=x><p>x" * 30_000 + "</body>"
    assert cap_nesting(html) is html


def test_an_overlong_start_tag_loses_its_attributes_not_its_content():
    attrs = " ".join(f'data-a{i}="v"' for i in range(MAX_TAG_CHARS // 8))
    html = f"<body><div {attrs}>{P}</div></body>"
    capped = cap_nesting(html)
    assert "<div>" + P in capped
    assert "data-a1=" not in capped
