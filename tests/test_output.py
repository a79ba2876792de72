"""Output formats: list numbers, Markdown with YAML front matter, HTML."""

from __future__ import annotations

import html.parser

import pytest

from boilerstrip import Article, Block, extract

yaml = pytest.importorskip("yaml")

P1 = "The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring."
P2 = "Work will start in March and is expected to take two years, the council's engineer said at the meeting."

OL_PAGE = (
    "<body><article><h1>Bridge to be rebuilt</h1>"
    f"<p>{P1}</p>"
    "<p>The plan has these steps:</p>"
    "<ol start=3><li>Close the bridge to all traffic</li>"
    "<li>Remove the old deck<ul><li>steel parts go to recycling</li></ul></li></ol>"
    f"<p>{P2}</p>"
    "</article></body>"
)


def test_ordered_list_items_carry_their_number():
    a = extract(OL_PAGE)
    items = [(b.text, b.level, b.number) for b in a.blocks if b.kind == "list_item"]
    assert items == [
        ("Close the bridge to all traffic", 1, 3),
        ("Remove the old deck", 1, 4),
        ("steel parts go to recycling", 2, None),
    ]
    assert a.blocks[0].to_dict() == {"kind": "paragraph", "text": P1, "level": None, "number": None}


def test_markdown_keeps_ordered_numbers_and_nests_under_the_item_text():
    md = extract(OL_PAGE).to_markdown()
    assert md == (
        "# Bridge to be rebuilt\n\n"
        f"{P1}\n\n"
        "The plan has these steps:\n\n"
        "3. Close the bridge to all traffic\n"
        "4. Remove the old deck\n"
        "   - steel parts go to recycling\n\n"
        f"{P2}\n"
    )


def test_reversed_list_and_li_value():
    a = extract(
        f"<body><article><p>{P1}</p><ol reversed><li>Third place</li><li>Second place</li><li>First place</li></ol>"
        f"<ol><li>One</li><li value=7>Seven</li><li>Eight</li></ol><p>{P2}</p></article></body>"
    )
    numbers = [(b.text, b.number) for b in a.blocks if b.kind == "list_item"]
    assert numbers == [("Third place", 3), ("Second place", 2), ("First place", 1), ("One", 1), ("Seven", 7), ("Eight", 8)]


def test_markdown_item_of_two_paragraphs_is_one_item():
    art = Article(
        blocks=(
            Block("list_item", "Mix the flour", 1, 1),
            Block("list_item", "Then wait an hour.", 1, 1),
            Block("list_item", "Bake", 1, 2),
            Block("list_item", "Serve warm", 1, None),
        )
    )
    assert art.to_markdown() == "1. Mix the flour\n\n   Then wait an hour.\n2. Bake\n- Serve warm\n"


def test_front_matter_parses_back_with_exact_values():
    art = Article(
        url="https://example.org/news/1?a=1&b=2",
        title='Putin: "a rare visit" # not a comment',
        authors=("FP Explainers", "Jane O'Neil", "- Dash"),
        date_published="2024-06-18T07:32:39+05:30",
        date_modified="2024-06-19",
        blocks=(Block("paragraph", P1),),
    )
    md = art.to_markdown(front_matter=True)
    assert md.startswith("---\n")
    head, rest = md[4:].split("\n---\n", 1)
    assert yaml.safe_load(head) == {
        "title": 'Putin: "a rare visit" # not a comment',
        "authors": ["FP Explainers", "Jane O'Neil", "- Dash"],
        "date_published": "2024-06-18T07:32:39+05:30",
        "date_modified": "2024-06-19",
        "url": "https://example.org/news/1?a=1&b=2",
    }
    assert rest == '\n# Putin: "a rare visit" # not a comment\n\n' + P1 + "\n"


def test_front_matter_missing_values_and_awkward_characters():
    art = Article(title="Line\u2028break\x85and tab\t", authors=())
    head = art.to_markdown(front_matter=True)[4:].split("\n---\n", 1)[0]
    assert yaml.safe_load(head) == {
        "title": "Line\u2028break\x85and tab\t",
        "authors": [],
        "date_published": None,
        "date_modified": None,
        "url": None,
    }


class _Checker(html.parser.HTMLParser):
    """Records the tag structure; fails on a close tag that does not match."""

    VOID = {"meta", "br"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append(tag + "".join(f" {k}={v}" for k, v in attrs))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):  # noqa: ANN001
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):  # noqa: ANN001
        if data.strip():
            self.text.append(data.strip())


def _check(doc: str) -> _Checker:
    c = _Checker()
    c.feed(doc)
    c.close()
    assert c.stack == []
    return c


def test_html_escapes_text_and_is_well_formed():
    art = Article(
        title="Tom & Jerry <3",
        language="en",
        blocks=(
            Block("paragraph", "if a < b && c > d: <script>alert(1)</script>"),
            Block("heading", "Rules", 2),
            Block("code", "x = '<b>'"),
            Block("quote", '"Quoted"'),
            Block("table", "Name | Age\nAda | 36"),
            Block("caption", "A bridge <at night>"),
        ),
    )
    doc = art.to_html()
    assert "<script>" not in doc
    assert "<p>if a &lt; b &amp;&amp; c &gt; d: &lt;script&gt;alert(1)&lt;/script&gt;</p>" in doc
    assert "<title>Tom &amp; Jerry &lt;3</title>" in doc
    assert '<html lang="en">' in doc
    c = _check(doc)
    assert c.tags == [
        "html lang=en", "head", "meta charset=utf-8", "title", "body", "article", "h1", "p", "h2",
        "pre", "code", "blockquote", "p", "table", "tbody", "tr", "td", "td", "tr", "td", "td",
        "figure", "figcaption",
    ]
    assert c.text[-1] == "A bridge <at night>"


def test_html_lists_nest_and_keep_numbers():
    frag = extract(OL_PAGE).to_html(document=False)
    assert frag.startswith("<article>\n<h1>Bridge to be rebuilt</h1>")
    c = _check(frag)
    assert c.tags == ["article", "h1", "p", "p", "ol start=3", "li", "li", "ul", "li", "p"]
    art = Article(blocks=(Block("list_item", "b", 1, 2), Block("list_item", "a", 1, 1), Block("list_item", "x", 2, None)))
    c = _check(art.to_html(document=False))
    assert c.tags == ["article", "ol start=2", "li", "li value=1", "ul", "li"]
    assert c.text == ["b", "a", "x"]


def test_empty_article_outputs():
    art = Article()
    assert art.to_markdown() == ""
    assert art.to_html(document=False) == "<article>\n</article>\n"
    _check(art.to_html())


# --- properties: any text survives the round trip through YAML and HTML ---

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SETTINGS = settings(max_examples=150, derandomize=True, deadline=None)
_TEXT = st.text(min_size=1, max_size=40)
_BLOCK = st.builds(
    Block,
    kind=st.sampled_from(["paragraph", "heading", "list_item", "quote", "table", "code", "caption"]),
    text=_TEXT.filter(lambda t: t.strip() != ""),
    level=st.one_of(st.none(), st.integers(1, 4)),
    number=st.one_of(st.none(), st.integers(-3, 12)),
)


@_SETTINGS
@given(title=st.one_of(st.none(), _TEXT), authors=st.lists(_TEXT, max_size=3), date=st.one_of(st.none(), _TEXT))
def test_front_matter_round_trips_any_text(title, authors, date):
    art = Article(title=title, authors=tuple(authors), date_published=date, url=date)
    head = art.to_markdown(front_matter=True)[4:].split("\n---\n", 1)[0]
    assert yaml.safe_load(head) == {
        "title": title,
        "authors": authors,
        "date_published": date,
        "date_modified": None,
        "url": date,
    }


@_SETTINGS
@given(title=st.one_of(st.none(), _TEXT), blocks=st.lists(_BLOCK, max_size=8))
def test_html_is_well_formed_for_any_blocks(title, blocks):
    art = Article(title=title, blocks=tuple(blocks))
    c = _check(art.to_html())
    # every text comes back unescaped, in order (table cells aside)
    want = [title.strip()] * 2 if title and title.strip() else []
    want += [b.text.strip() for b in blocks if b.kind != "table"]
    got = [t for t in c.text if t]
    it = iter(got)
    assert all(any(w == g for g in it) for w in want), (want, got)
