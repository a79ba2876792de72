"""The parser caps: nesting depth and start-tag size (boilerstrip.parse)."""

from boilerstrip.parse import MAX_DEPTH, MAX_TAG_CHARS, cap_nesting, parse_html

P = "<p>The council voted on Tuesday to rebuild the old bridge over the river.</p>"


def test_normal_documents_are_left_alone():
    html = "<div><p>a</p></div>" * 30_000  # many tags, none deep
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


def test_a_lone_less_than_in_a_script_never_removes_its_end_tag():
    # "a<b" in a script, then 70 KB without a ">": no over-long tag, and the
    # </script> stays, so the article after it is not swallowed.
    script = "<script>if (a<b) { x = '" + "y" * 70_000 + "'; }</script>"
    html = f"<html><body>{script}{P}</body></html>"
    assert cap_nesting(html) is html
    tree = parse_html(html)
    assert tree.css_first("p").text() == "The council voted on Tuesday to rebuild the old bridge over the river."


def test_tags_in_comments_and_raw_text_do_not_count():
    n = MAX_DEPTH * 30
    html = "<body><!--" + "<div>" * n + "--><style>" + "<div>" * n + "</style>" + P + "</body>"
    assert cap_nesting(html) is html


def test_unmatched_end_tags_are_kept_and_do_not_close_anything():
    n = MAX_DEPTH * 20
    html = "<body>" + "<div>" * n + "</b>" * n + P + "</div>" * n + "</body>"
    capped = cap_nesting(html)
    assert capped.count("</b>") == n
    assert capped.count("<div>") == MAX_DEPTH - 1
    assert P in capped


def test_a_tag_left_open_at_the_end_stops_the_pass():
    html = "<body>" + "<div>" * (MAX_DEPTH + 10) + P + "<a " * 30_000
    capped = cap_nesting(html)
    assert capped.count("<div>") == MAX_DEPTH - 1
    assert capped.endswith("<a " * 30_000)


def test_plaintext_ends_the_markup():
    html = "<body><plaintext>" + "<div>" * (MAX_DEPTH * 25)
    assert cap_nesting(html) is html


def _depth(tree) -> int:
    """The deepest element's number of element ancestors (iteratively)."""
    deepest, stack = 0, [(tree.root, 0)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        child = node.child
        while child is not None:
            if child.tag != "-text":
                stack.append((child, d + 1))
            child = child.next
    return deepest


def test_list_items_and_table_cells_count_towards_the_depth():
    # <li>, <td> and <tr> close implicitly only when they meet one of their
    # kind: nested in <ul> or <table> they add to the parser's open elements
    for unit, close in (("<ul><li>", ""), ("<table><tr><td>", "</td></tr></table>"), ("<dl><dd>", "")):
        n = MAX_DEPTH * 8
        html = "<html><body>" + unit * n + P + close * n + "</body></html>"
        tree = parse_html(html)
        assert MAX_DEPTH <= _depth(tree) <= MAX_DEPTH + 12, unit
        assert "rebuild the old bridge" in tree.body.text(), unit


def test_implicitly_closed_siblings_do_not_add_depth():
    html = "<html><body><ul>" + "<li>item <a href=/x>link</a>" * 5_000 + "</ul><table>" + "<tr><td>a<td>b" * 5_000 + "</table>" + "<p>x" * 5_000 + "</body></html>"
    assert cap_nesting(html) is html


def test_unclosed_headings_and_links_nested_past_the_depth_are_flattened():
    # the parser would make each one a sibling of the last (tens of
    # thousands of elements); past the depth they are left out instead
    for unit in ("<h1 class='related'>", "<a href='/x'>"):
        n = MAX_DEPTH * 8
        html = "<html><body>" + unit * n + "Headline" + "</body></html>"
        tree = parse_html(html)
        assert len(tree.css(unit[1:3].strip())) < MAX_DEPTH, unit
        assert "Headline" in tree.body.text(), unit


def test_the_two_gears_of_the_cap_agree():
    # cap_nesting runs a fast gear while no start tag was left out and hands
    # over to the exact gear at the depth; both must give what the exact
    # gear alone gives, on shapes that cross the depth and come back.
    import random

    from boilerstrip.parse import _capped

    rng = random.Random(7)
    units = ["<div>", "</div>", "<p>", "<li>", "<ul>", "</ul>", "<table>", "<tr>", "<td>", "</table>", "<span>x</span>",
             "<br>", "<img src=x/>", "<div/>", "<!-- <div> -->", "<script>var a = '<div>';</script>", "</b>", "text ",
             "<SPAN>", "</Span>", "<a href='/x'>", "</a>", "<dl><dd>", "<h2>", "</p>", "<option>"]
    for _ in range(40):
        deep = "<div>" * rng.choice((10, MAX_DEPTH - 3, MAX_DEPTH + 20))
        html = "<html><body>" + deep + "".join(rng.choice(units) for _ in range(3_000)) + "</div>" * 50 + "</body></html>"
        assert _capped(html) == _capped(html, shallow=False)
    assert _capped("<div>" * (MAX_DEPTH + 5) + P) == _capped("<div>" * (MAX_DEPTH + 5) + P, shallow=False) != "<div>" * (MAX_DEPTH + 5) + P
