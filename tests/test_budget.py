"""The work budget of one call: the input byte cap and the charset labels honoured (issue 10)."""

from __future__ import annotations

import pytest

from boilerstrip import InputError, extract
from boilerstrip.api import MAX_BYTES
from boilerstrip.decode import decode_html, sniff_encoding

P1 = "The city council approved the budget for the coming year on Tuesday, after a debate that lasted well into the night."


def test_the_default_cap_is_32_mib():
    assert MAX_BYTES == 32 * 1024 * 1024


@pytest.mark.parametrize("data", [("<p>" + P1 + "</p>") * 3, (("<p>" + P1 + "</p>") * 3).encode(), bytearray(("<p>" + P1 + "</p>") * 3, "ascii")])
def test_over_the_cap_is_an_input_error(data):
    with pytest.raises(InputError, match="over the cap of 200"):
        extract(data, max_bytes=200)


def test_over_the_cap_truncated_gives_the_first_part():
    html = f"<p>{P1}</p><p>Second paragraph, far past the cap and never read by the parser.</p>"
    a = extract(html.encode(), max_bytes=len(P1) + 7, oversize="truncate")
    assert a.body == P1
    assert extract(memoryview(html.encode()), max_bytes=len(P1) + 7, oversize="truncate").body == P1


def test_a_utf8_character_is_not_cut_in_two():
    html = "<p>Zażółć gęślą jaźń</p>".encode()
    a = extract(html, max_bytes=html.index("ó".encode()) + 1, oversize="truncate")
    assert a.body == "Zaż"


def test_no_cap():
    html = "<p>" + P1 + "</p>"
    assert extract(html, max_bytes=None).body == P1
    assert extract(html, max_bytes=len(html)).body == P1


@pytest.mark.parametrize("kwargs", [{"max_bytes": -1}, {"max_bytes": 1.5}, {"max_bytes": True}, {"oversize": "skip"}])
def test_bad_budget_arguments(kwargs):
    with pytest.raises(InputError):
        extract("<p>x</p>", **kwargs)


# -- only WHATWG encoding labels -------------------------------------------------------


def test_an_ascii_page_declaring_a_non_web_codec_is_read_as_ascii():
    html = b"<html><head><meta charset='cp500'></head><body><p>" + P1.encode() + b"</p></body></html>"
    assert extract(html).body == P1


@pytest.mark.parametrize("label", ["cp500", "utf-7", "latin-1", "rot13", "base64", "iso-2022-kr", "hz-gb-2312", "unicode-escape"])
def test_labels_outside_the_whatwg_table_are_ignored(label):
    html = f"<meta charset='{label}'><p>Caf\xe9 cr\xe8me</p>".encode("cp1252")
    assert sniff_encoding(html)[1] != "declared"


@pytest.mark.parametrize(
    "label,text,codec",
    [
        ("windows-1251", "Съешь же ещё этих мягких французских булок", "cp1251"),
        ("koi8-r", "Съешь же ещё этих мягких французских булок", "koi8_r"),
        ("ibm866", "Съешь же ещё этих мягких французских булок", "cp866"),
        ("iso-8859-2", "Zażółć gęślą jaźń, pchnąć w tę łódź jeża", "iso8859_2"),
        ("shift_jis", "日本語のテキストです", "cp932"),
        ("euc-kr", "한국어 텍스트입니다", "cp949"),
    ],
)
def test_whatwg_labels_are_honoured(label, text, codec):
    html = f"<meta charset='{label}'><p>{text}</p>".encode(codec)
    assert text in decode_html(html)


# -- candidate budgets: the metadata and caption stages read a bounded number
# of candidates, so their work stops growing with the page

def test_only_the_first_candidates_are_read_for_bylines_and_dates():
    from boilerstrip.metadata.visible import MAX_CANDIDATES

    first = "<p class='byline'>By Jane Doe</p><p class='dateline'>5 March 2024</p>"
    filler = "<span class='byline'>By Somebody Else</span><span class='date'>9 June 2011</span>" * (MAX_CANDIDATES + 50)
    late = "<p class='byline'>By Late Writer</p>"
    a = extract(f"<html><body><article><h1>Council approves the budget</h1>{first}<p>{P1}</p>{filler}{late}</article></body></html>")
    assert a.authors == ("Jane Doe",)
    assert a.date_published == "2024-03-05"


def test_caption_candidates_past_the_budget_are_not_read_and_explain_says_so():
    from boilerstrip.captions import MAX_CAPTION_CANDIDATES

    figures = "".join(
        f"<figure><img src='/i{i}.jpg'><figcaption>Caption number {i} of the chamber</figcaption></figure>"
        for i in range(MAX_CAPTION_CANDIDATES + 10)
    )
    a = extract(f"<html><body><article><p>{P1}</p>{figures}</article></body></html>", url="https://example.com/a", explain=True)
    assert len(a.captions) == MAX_CAPTION_CANDIDATES
    assert a.captions[0].text == "Caption number 0 of the chamber"
    assert a.captions[0].image_url == "https://example.com/i0.jpg"
    over = [d for d in a.dropped if d.reason == "caption.over-budget"]
    assert [d.text for d in over] == ["10 more caption candidates"]
