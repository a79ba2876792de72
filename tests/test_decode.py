"""Stage 1, ``decode``: bytes in every common web encoding → the exact text.

Expected texts are written by hand here (a copy of those in
``fixtures/encodings/make.py``, which wrote the fixture bytes once).
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import zipfile
from pathlib import Path

import pytest

from boilerstrip.decode import decode_html, sniff_encoding
from boilerstrip.errors import BoilerstripError, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "encodings"

CAFE = "Café crème – naïve “quotes” and the euro sign €, œuvre, Straße."
POLISH_CZECH = "Zażółć gęślą jaźń. Příliš žluťoučký kůň úpěl ďábelské ódy."
RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю."
JAPANESE = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。"
KOREAN = "다람쥐 헌 쳇바퀴에 타고파. 키스의 고유조건은 입술끼리 만나야 하고 특별한 기술은 필요치 않다."
CHINESE_SIMPLIFIED = "我能吞下玻璃而不伤身体。天地玄黄，宇宙洪荒。"
CHINESE_TRADITIONAL = "我能吞下玻璃而不傷身體。天地玄黃，宇宙洪荒。"
UTF16_TEXT = "Ünïcödé with a byte order mark: Ελληνικά, русский, 日本語."
UTF8_TEXT = "Grüße aus Köln – déjà vu, Ελληνικά, русский, 日本語, 한국어."


def paragraph(text: str) -> str:
    return f"<p>{text}</p>"


# -- fixture files: raw bytes in each encoding -----------------------------------

FILE_CASES = [
    ("cp1252.html", CAFE),
    ("cp1252-latin1-label.html", CAFE),  # declared ISO-8859-1, read as windows-1252 (€, “”, œ)
    ("iso-8859-2.html", POLISH_CZECH),
    ("koi8-r.html", RUSSIAN),
    ("shift_jis.html", JAPANESE),  # declared with the x-sjis alias
    ("euc-kr.html", KOREAN),
    ("gb18030.html", CHINESE_SIMPLIFIED),  # declared gb2312
    ("big5.html", CHINESE_TRADITIONAL),
    ("utf-16le-bom.html", UTF16_TEXT),
    ("utf-16be-bom.html", UTF16_TEXT),
    ("utf-8-bom.html", UTF8_TEXT),
    ("utf-8-declared-latin1.html", UTF8_TEXT),  # wrong <meta charset=iso-8859-1>
    ("utf-8-unknown-charset.html", UTF8_TEXT),  # <meta charset=x-no-such-charset>
    ("cp1252-unknown-charset.html", CAFE),  # <meta charset=klingon-8>: detection
    ("koi8-r-undeclared.html", RUSSIAN),  # no declaration: detection
    ("utf-8-undeclared.html", UTF8_TEXT),
]


@pytest.mark.parametrize("name,text", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_fixture_file_decodes_to_the_hand_written_text(name, text):
    out = decode_html((FIXTURES / name).read_bytes())
    assert paragraph(text) in out
    assert "\ufffd" not in out
    assert not out.startswith("\ufeff")


# -- bytes built here ------------------------------------------------------------------


def page(text: str, meta: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    "codec,meta,text",
    [
        ("cp1252", '<meta charset="latin1">', CAFE),
        ("cp1252", '<meta charset="us-ascii">', CAFE),  # WHATWG: ascii → windows-1252
        ("cp1251", '<meta charset="windows-1251">', RUSSIAN),
        ("iso8859_5", '<meta charset="iso-8859-5">', RUSSIAN),
        ("shift_jis", '<meta charset="Shift_JIS">', JAPANESE),
        ("cp932", "<meta charset=windows-31j>", JAPANESE),
        ("euc_jp", '<meta charset="euc-jp">', JAPANESE),
        ("iso2022_jp", '<meta charset="iso-2022-jp">', JAPANESE),
        ("euc_kr", '<meta charset="ks_c_5601-1987">', KOREAN),
        ("gbk", '<meta charset="GBK">', CHINESE_SIMPLIFIED),
        ("gb18030", '<meta http-equiv="Content-Type" content="text/html; charset=GB2312" />', CHINESE_SIMPLIFIED),
        ("iso8859_2", "<meta http-equiv=content-type content='text/html;charset=ISO-8859-2'>", POLISH_CZECH),
        ("cp1250", '<meta charset=" windows-1250 ">', POLISH_CZECH),
    ],
)
def test_declared_charset(codec, meta, text):
    data = page(text, meta).encode(codec)
    assert paragraph(text) in decode_html(data)


def test_meta_inside_a_comment_is_ignored():
    data = page(RUSSIAN, '<!-- <meta charset="iso-8859-1"> --><meta charset="koi8-r">').encode("koi8_r")
    assert paragraph(RUSSIAN) in decode_html(data)


def test_xml_declaration_is_read_when_there_is_no_meta():
    data = ('<?xml version="1.0" encoding="ISO-8859-2"?>' + page(POLISH_CZECH)).encode("iso8859_2")
    assert paragraph(POLISH_CZECH) in decode_html(data)


def test_declared_utf16_means_utf8():
    # WHATWG: a <meta> readable by an ASCII prescan cannot be UTF-16.
    data = page(UTF8_TEXT, '<meta charset="utf-16">').encode("utf-8")
    assert paragraph(UTF8_TEXT) in decode_html(data)


def test_utf8_declared_but_really_cp1252_falls_back_to_detection():
    text = CAFE + " Müller, Größe, Übermaß, Ärger, öffentlich."
    data = page(text, '<meta charset="utf-8">').encode("cp1252")
    assert paragraph(text) in decode_html(data)


def test_declared_charset_with_a_few_bad_bytes_is_kept():
    data = page(RUSSIAN, '<meta charset="utf-8">').encode("utf-8") + b"\xff"
    out = decode_html(data)
    assert paragraph(RUSSIAN) in out
    assert out.endswith("\ufffd")


@pytest.mark.parametrize("label", ["utf-7", "rot13", "base64", "hex", "zlib", "unicode_escape", "undefined", "x-user-defined-nope"])
def test_dangerous_or_non_text_codec_labels_are_ignored(label):
    data = page(CAFE, f'<meta charset="{label}">').encode("utf-8")
    assert paragraph(CAFE) in decode_html(data)


def test_utf7_declaration_does_not_unhide_markup():
    out = decode_html(b'<meta charset="utf-7"><p>+ADw-script+AD4-</p>')
    assert "<script>" not in out


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom(codec):
    data = page(UTF16_TEXT).encode(codec)
    assert paragraph(UTF16_TEXT) in decode_html(data)


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_bom(bom, codec):
    data = bom + page(UTF16_TEXT).encode(codec)
    out = decode_html(data)
    assert out.startswith("<!DOCTYPE")
    assert paragraph(UTF16_TEXT) in out


def test_bom_wins_over_meta():
    data = codecs.BOM_UTF8 + page(UTF8_TEXT, '<meta charset="koi8-r">').encode("utf-8")
    assert paragraph(UTF8_TEXT) in decode_html(data)


def test_sniff_encoding_says_why():
    assert sniff_encoding(codecs.BOM_UTF8 + b"<p>x</p>") == ("utf-8", "bom")
    assert sniff_encoding(page(RUSSIAN, '<meta charset="koi8-r">').encode("koi8_r")) == ("koi8_r", "declared")
    assert sniff_encoding(page(UTF8_TEXT, '<meta charset="iso-8859-1">').encode("utf-8")) == ("utf-8", "utf-8")
    assert sniff_encoding(b"<p>plain ascii</p>") == ("utf-8", "utf-8")


def test_undecodable_bytes_are_replaced_not_lost():
    data = b"<p>before \x81\x8d\x8f\x90\x9d after</p>"  # undefined in windows-1252
    out = decode_html(data)
    assert out.startswith("<p>before ") and out.endswith(" after</p>")


def test_large_page_decodes():
    text = (paragraph(RUSSIAN) + "\n") * 50_000  # ~5 MB
    data = ('<meta charset="koi8-r">' + text).encode("koi8_r")
    assert decode_html(data).endswith(text)


def test_meta_after_the_prescan_window_is_not_needed_for_utf8():
    data = ("<head><script>" + "x" * 10_000 + '</script><meta charset="utf-8"></head>' + paragraph(UTF8_TEXT)).encode()
    assert paragraph(UTF8_TEXT) in decode_html(data)


# -- str input ----------------------------------------------------------------------------


def test_str_is_returned_as_is():
    s = page(UTF8_TEXT)
    assert decode_html(s) == s


def test_str_lone_surrogates_replaced_and_nuls_removed():
    assert decode_html("<p>a\ud800b\x00c\udfffd</p>") == "<p>a\ufffdbc\ufffdd</p>"


def test_str_surrogate_pair_is_joined():
    assert decode_html("<p>\ud83d\ude00</p>") == "<p>\U0001F600</p>"


def test_str_leading_bom_dropped():
    assert decode_html("\ufeff<p>x</p>") == "<p>x</p>"


# -- empty, text, non-HTML ------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", "", "  \n ", codecs.BOM_UTF8, "\ufeff", b"\x00\x00"])
def test_empty_or_whitespace_gives_empty_string(data):
    assert decode_html(data) == ""


@pytest.mark.parametrize("data", [b"just a line of plain text", b'{"title": "json", "n": [1, 2]}'])
def test_plain_text_and_json_are_returned_decoded(data):
    assert decode_html(data) == data.decode()


def test_nul_bytes_in_html_are_dropped():
    assert decode_html(b"<p>hel\x00lo</p>") == "<p>hello</p>"


def test_bytearray_and_memoryview_accepted():
    assert decode_html(bytearray(b"<p>x</p>")) == "<p>x</p>"
    assert decode_html(memoryview(b"<p>x</p>")) == "<p>x</p>"


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.html", "<p>x</p>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data,words",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\n\n%PDF-1.4\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP"),
        (_zip_bytes(), "ZIP"),
        (gzip.compress(b"<html><p>x</p></html>"), "gzip-compressed input; decompress it first"),
        (bz2.compress(b"<html><p>x</p></html>"), "bzip2"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x00\x01\x02\x03" * 300, "binary"),
    ],
)
def test_non_html_bytes_raise_input_error(data, words):
    with pytest.raises(InputError, match=words):
        decode_html(data)


def test_text_starting_like_a_signature_is_not_refused():
    assert decode_html(b"BZh is how bzip2 starts") == "BZh is how bzip2 starts"
    assert decode_html(b"PK is a fine start too") == "PK is a fine start too"


@pytest.mark.parametrize("value", [None, 42, 3.5, ["<p>x</p>"], {"html": "x"}, object()])
def test_wrong_type_raises_input_error(value):
    with pytest.raises(InputError, match="bytes or str"):
        decode_html(value)


def test_input_error_is_a_boilerstrip_error_and_a_value_error():
    with pytest.raises(BoilerstripError):
        decode_html(b"%PDF-1.4")
    with pytest.raises(ValueError):
        decode_html(b"%PDF-1.4")
