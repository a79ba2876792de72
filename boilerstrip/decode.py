"""Stage 1, ``decode``: the page's raw bytes → text.

The order of evidence follows the WHATWG HTML "encoding sniffing algorithm"
(https://html.spec.whatwg.org/#encoding-sniffing-algorithm), minus the HTTP
``Content-Type`` header, which :func:`boilerstrip.extract` is not given:

1. a byte order mark (UTF-8, UTF-16 LE/BE; UTF-32 LE/BE in addition to the
   standard, as Python and many files on disk have them);
2. the "prescan": a ``<meta charset=...>`` or ``<meta http-equiv=
   "Content-Type" content="...; charset=...">`` in the first
   :data:`PRESCAN_BYTES` bytes (and, after it, an XML declaration's
   ``encoding=``), the label mapped the WHATWG Encoding Standard's way
   (https://encoding.spec.whatwg.org/#names-and-labels);
3. valid UTF-8;
4. statistical detection with ``charset-normalizer`` on a bounded sample;
5. windows-1252, the WHATWG default for pages of unknown locale.

Two checks guard against a wrong declaration, the most common encoding bug
of real pages: a declared single- or multi-byte legacy charset is
overridden by UTF-8 when the bytes are valid UTF-8 and hold multi-byte
sequences (a legacy-encoded text is almost never valid UTF-8 by chance;
a UTF-8 page saying ``iso-8859-1`` is common), and a declaration under
which many bytes fail to decode gives way to detection.

Whatever is chosen, the final decode uses ``errors="replace"``: a wrong
guess costs some characters, never the page.

Before all this, input that is clearly not HTML is refused with
:class:`~boilerstrip.errors.InputError` (PDF, images, archives, other
binary data). Plain text and JSON are *not* refused: they are decoded and
returned as they are, and the parser reads them as a document with one text
node, i.e. one paragraph-like block at most.

Only bounded prefixes are examined by regular expressions; the whole input
is touched only by the codecs themselves (linear, C speed).
"""

from __future__ import annotations

import codecs
import re
from typing import Optional, Union

import webencodings

from .errors import InputError

__all__ = ["decode_html", "sniff_encoding", "PRESCAN_BYTES", "BINARY_SNIFF_BYTES"]

#: Bytes searched for a ``<meta>`` charset declaration. The WHATWG prescan
#: reads 1024 bytes; pages with long inline scripts or styles in the head
#: declare it later (a 5 KB inline script before the ``<meta>`` is common),
#: and the HTML standard lets a user agent read further, so we read 32 KB:
#: bounded, so no regex runs over a whole page.
PRESCAN_BYTES = 32768

#: Bytes examined to recognise binary formats and control-byte noise.
BINARY_SNIFF_BYTES = 1024

#: Share of C0 control bytes (other than TAB, LF, FF, CR and ESC) in the
#: first :data:`BINARY_SNIFF_BYTES` above which the input is taken as
#: binary. Text in every legacy HTML encoding has none (ESC is kept for
#: ISO-2022-JP); uniformly random bytes have about 10.5%.
BINARY_CONTROL_SHARE = 0.05

#: Below this many control bytes nothing is binary: a few stray NULs in an
#: otherwise fine page are dropped, not refused.
BINARY_MIN_CONTROLS = 8

#: Size of the sample given to ``charset-normalizer``: detection time must
#: not grow with the page.
DETECT_SAMPLE_BYTES = 64 * 1024

#: Differences in ``charset-normalizer``'s chaos and coherence scores (0-1)
#: below which two candidate charsets count as tied.
DETECT_TIE = 0.01

#: When a declared charset leaves more replacement characters than this
#: share of the non-ASCII bytes, the declaration is taken as wrong and
#: detection is tried. A few bad bytes in a correctly declared page are
#: normal (truncated multi-byte sequences, stray bytes).
DECLARED_ERROR_SHARE = 0.02

# -- format signatures -------------------------------------------------------

#: Leading bytes of formats that are not HTML, with the error message.
#: Sources: the file formats' specifications (PDF 1.7 §7.5.2, PNG §5.2,
#: JFIF, GIF89a, RIFF/WebP, ZIP APPNOTE 4.3.7, RFC 1952 for gzip, bzip2,
#: xz, zstd RFC 8878) as collected by file(1)'s magic database.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "input is a PDF document, not HTML"),
    (b"\x89PNG\r\n\x1a\n", "input is a PNG image, not HTML"),
    (b"\xff\xd8\xff", "input is a JPEG image, not HTML"),
    (b"GIF87a", "input is a GIF image, not HTML"),
    (b"GIF89a", "input is a GIF image, not HTML"),
    (b"PK\x03\x04", "input is a ZIP archive (or a DOCX/EPUB/ODT file), not HTML"),
    (b"PK\x05\x06", "input is an empty ZIP archive, not HTML"),
    (b"\x1f\x8b", "gzip-compressed input; decompress it first (gzip.decompress)"),
    (b"BZh", "bzip2-compressed input; decompress it first (bz2.decompress)"),
    (b"\xfd7zXZ\x00", "xz-compressed input; decompress it first (lzma.decompress)"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed input; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "input is a 7-Zip archive, not HTML"),
    (b"Rar!\x1a\x07", "input is a RAR archive, not HTML"),
    (b"\x00\x00\x01\x00", "input is an ICO image, not HTML"),
    (b"\x7fELF", "input is an ELF executable, not HTML"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "input is an OLE2 document (DOC/XLS), not HTML"),
)

#: ``bzip2`` is recognised only with its block-size digit and block magic,
#: so that a text starting with "BZh" is not refused.
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

#: Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE BOM).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: C0 control bytes that never occur in HTML text: all but TAB, LF, FF,
#: CR and ESC (ISO-2022-JP's escape sequences).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
_DELETE_NONCONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)

# -- the prescan ---------------------------------------------------------------

_COMMENT = re.compile(rb"<!--.*?-->", re.S)
_META = re.compile(rb"<meta[\s/][^>]*>", re.I)
#: ``charset=`` inside a meta tag: the ``charset`` attribute, or the
#: parameter in ``content`` (WHATWG "algorithm for extracting a character
#: encoding from a meta element"), both found by the same pattern.
_CHARSET_IN_META = re.compile(rb"""charset\s*=\s*["']?\s*([^\s"';>/]+)""", re.I)
_XML_DECL = re.compile(rb"""\A\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:+-]+)["']""")

#: WHATWG Encoding Standard labels that Python does not know or knows
#: under another meaning, mapped to the Python codec that decodes what
#: browsers decode. Labels not listed here are looked up in the standard's
#: table (``webencodings``); names that are not WHATWG labels are ignored.
_WHATWG_LABELS: dict[str, str] = {
    # windows-1252: WHATWG decodes every Latin-1 and ASCII label as it.
    **dict.fromkeys(
        (
            "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
            "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
            "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252",
            "x-user-defined",  # a <meta> saying x-user-defined means windows-1252
        ),
        "cp1252",
    ),
    # windows-1254 for the Latin-5 labels, windows-874 for Thai.
    **dict.fromkeys(
        ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
         "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
        "cp1254",
    ),
    **dict.fromkeys(
        ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
        "cp874",
    ),
    **{f"x-cp125{i}": f"cp125{i}" for i in range(9)},
    # Chinese: GBK labels decode as gb18030 (a superset).
    **dict.fromkeys(
        ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80",
         "gbk", "iso-ir-58", "x-gbk", "gb18030", "cp936", "ms936", "windows-936"),
        "gb18030",
    ),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"), "big5hkscs"),
    # Japanese: WHATWG's Shift_JIS is Microsoft's windows-31j (cp932).
    **dict.fromkeys(
        ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
         "windows-31j", "x-sjis"),
        "cp932",
    ),
    **dict.fromkeys(("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"), "euc_jp"),
    **dict.fromkeys(("csiso2022jp", "iso-2022-jp"), "iso2022_jp"),
    # Korean: WHATWG's EUC-KR is windows-949 (cp949).
    **dict.fromkeys(
        ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
         "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
        "cp949",
    ),
    # Cyrillic and others Python spells differently.
    **dict.fromkeys(("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"), "koi8_r"),
    **dict.fromkeys(("koi8-ru", "koi8-u"), "koi8_u"),
    **dict.fromkeys(("x-mac-cyrillic", "x-mac-ukrainian"), "mac_cyrillic"),
    **dict.fromkeys(("csmacintosh", "mac", "macintosh", "x-mac-roman"), "mac_roman"),
    **dict.fromkeys(("iso-8859-8-i", "csiso88598i", "logical"), "iso8859_8"),
    **dict.fromkeys(("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"), "utf-8"),
    # A <meta> cannot be read in UTF-16 by an ASCII prescan: WHATWG says UTF-8.
    **dict.fromkeys(
        ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "unicodefffe",
         "utf-16", "utf-16be", "utf-16le", "utf-32", "utf-32be", "utf-32le"),
        "utf-8",
    ),
}

#: Python codecs never used for a declared charset: not text charsets, or
#: ones the WHATWG Encoding Standard maps to "replacement" or omits because
#: they let markup hide in innocent-looking bytes (UTF-7, HZ, ISO-2022-KR/CN).
_REFUSED_CODECS = frozenset(
    {
        "utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined",
        "mbcs", "oem", "hz", "iso2022_kr", "palmos", "charmap",
    }
)


def _python_codec(label: Union[bytes, str]) -> Optional[str]:
    """The Python codec for a charset label, or ``None`` if it is not one we accept.

    Only labels of the WHATWG Encoding Standard are honoured, as browsers
    honour them: the label is looked up in :data:`_WHATWG_LABELS` (our
    choices where the standard's encoding is better read by another Python
    codec), else with ``webencodings`` (the standard's label table, as
    html5lib uses it). Any other name, even one Python knows (``cp500``,
    ``latin-1``, ``utf-7``), and the labels the standard maps to
    "replacement" (ISO-2022-KR, HZ) are ignored, and the page's encoding is
    found from its bytes. O(1).
    """
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    name = label.strip().strip("\"'").lower()
    if not name:
        return None
    if name in _WHATWG_LABELS:
        return _WHATWG_LABELS[name]
    encoding = webencodings.lookup(name)
    if encoding is None or encoding.name in ("replacement", "x-user-defined"):
        return None
    codec = codecs.lookup(encoding.codec_info.name).name
    if codec in _REFUSED_CODECS:
        return None
    if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        return "utf-8"
    return codec


def _declared_encoding(head: bytes) -> Optional[str]:
    """The charset a page declares in its first bytes (WHATWG prescan, simplified).

    Comments are skipped; the first ``<meta>`` whose ``charset`` attribute or
    ``content`` parameter names a known charset wins. Failing that, an XML
    declaration's ``encoding`` is used (XHTML pages served as HTML).
    """
    head = _COMMENT.sub(b"", head)
    for meta in _META.finditer(head):
        m = _CHARSET_IN_META.search(meta.group(0))
        if m:
            codec = _python_codec(m.group(1))
            if codec:
                return codec
    m = _XML_DECL.match(head)
    if m:
        return _python_codec(m.group(1))
    return None


# -- binary input ----------------------------------------------------------------


def _refuse_binary(head: bytes) -> None:
    """Raise :class:`InputError` if ``head`` (the input's first bytes) is not text."""
    start = head.lstrip(b" \t\r\n")
    for magic, what in _SIGNATURES:
        if start.startswith(magic) or head.startswith(magic):
            if magic == b"BZh" and not _BZIP2.match(head):
                continue
            raise InputError(what)
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise InputError("input is a WebP image, not HTML")
    controls = len(head.translate(None, _DELETE_NONCONTROL))
    if controls >= BINARY_MIN_CONTROLS and controls > BINARY_CONTROL_SHARE * len(head):
        raise InputError(
            f"input looks binary ({controls} control bytes in the first {len(head)}); "
            "expected HTML as bytes or str"
        )


def _bomless_utf16_32(head: bytes) -> Optional[str]:
    """UTF-16/32 without a BOM, recognised by the NULs of ASCII markup.

    Markup is ASCII, so a UTF-16 LE page has a NUL at most odd offsets and
    (almost) none at even ones; UTF-32 has two NUL high bytes in every four.
    Not in the WHATWG algorithm (which would decode such a page as
    windows-1252 full of NULs), but free to check and never wrong on text.
    """
    n = len(head) - len(head) % 4
    if n < 8 or head.count(0, 0, n) < n // 4:
        return None
    quarters = [head[i:n:4].count(0) / (n // 4) for i in range(4)]
    # UTF-32: the two high bytes are NUL for every BMP character.
    if quarters[2] > 0.9 and quarters[3] > 0.9 and quarters[0] < 0.1:
        return "utf-32-le"
    if quarters[0] > 0.9 and quarters[1] > 0.9 and quarters[3] < 0.1:
        return "utf-32-be"
    even = head[0:n:2].count(0) / (n // 2)
    odd = head[1:n:2].count(0) / (n // 2)
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


# -- detection ---------------------------------------------------------------------

_TAG = re.compile(rb"<[^<>]{0,2000}>")


def _detect(data: bytes) -> Optional[str]:
    """``charset-normalizer``'s best guess from a bounded, tag-stripped sample."""
    from charset_normalizer import from_bytes

    sample = data[:DETECT_SAMPLE_BYTES]
    stripped = _TAG.sub(b" ", sample)
    # Markup stripped, the text is what the detector needs; but keep the raw
    # sample if stripping left too little to judge.
    if len(stripped.translate(None, bytes(range(128)))) >= 32:
        sample = stripped
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    # Short Latin texts often tie between windows-1250 and windows-1252 (the
    # letters they share); the tie goes to windows-1252, the web's default.
    for m in matches:
        if (
            m.encoding == "cp1252"
            and m.chaos <= best.chaos + DETECT_TIE
            and m.coherence >= best.coherence - DETECT_TIE
        ):
            return "cp1252"
    return _python_codec(best.encoding)


def sniff_encoding(data: bytes) -> tuple[str, str]:
    """Choose the codec for ``data`` and say why.

    Args:
        data: the raw page, already known not to be binary.

    Returns:
        ``(codec, source)``: a Python codec name and one of ``"bom"``,
        ``"utf16-nulls"``, ``"declared"``, ``"utf-8"`` (valid UTF-8, possibly
        overriding a declaration), ``"detected"``, ``"default"``.
    """
    codec, source, _text = _sniff(data)
    return codec, source


def _sniff(data: bytes) -> tuple[str, str, Optional[str]]:
    """:func:`sniff_encoding`, and ``data`` decoded with the codec chosen
    (``errors="replace"``) when choosing it decoded the whole of ``data``
    that way (valid UTF-8, a declaration checked), else ``None``: the
    caller need not decode it again."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, "bom", None
    guess = _bomless_utf16_32(data[:BINARY_SNIFF_BYTES])
    if guess:
        return guess, "utf16-nulls", None
    declared = _declared_encoding(data[:PRESCAN_BYTES])
    if data.isascii():
        # Every accepted charset but the 7-bit ISO-2022-JP reads ASCII alike.
        if declared:
            return declared, "declared", None
        if b"\x1b$" not in data[:DETECT_SAMPLE_BYTES]:
            return "utf-8", "utf-8", None
    else:
        utf8 = _utf8_text(data)
        if utf8 is not None:
            # Valid UTF-8 with multi-byte sequences: a legacy declaration is wrong.
            return "utf-8", "declared" if declared == "utf-8" else "utf-8", utf8
        if declared:
            text = data.decode(declared, "replace")
            bad = text.count("\ufffd")
            non_ascii = len(data.translate(None, bytes(range(128))))
            if bad <= DECLARED_ERROR_SHARE * non_ascii:
                return declared, "declared", text
    if _mostly_utf8(data):
        return "utf-8", "utf-8", None
    detected = _detect(data)
    if detected:
        return detected, "detected", None
    if declared:
        return declared, "declared", None
    return "cp1252", "default", None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a truncated or spliced page).

    In UTF-8 every non-ASCII byte belongs to a multi-byte sequence; text in a
    legacy encoding read as UTF-8 breaks on nearly every non-ASCII byte. So
    when at most :data:`UTF8_BROKEN_SHARE` of the non-ASCII bytes fail to
    decode, the page is UTF-8 with damage, and the damage is replaced.
    """
    non_ascii = len(data.translate(None, bytes(range(128))))
    if non_ascii < UTF8_MIN_NON_ASCII:
        return False
    broken = data.decode("utf-8", "replace").count("\ufffd")
    return broken <= UTF8_BROKEN_SHARE * non_ascii


#: See :func:`_mostly_utf8`: the share of non-ASCII bytes that may fail to
#: decode in a UTF-8 page, and the non-ASCII bytes needed to judge at all.
UTF8_BROKEN_SHARE = 0.02
UTF8_MIN_NON_ASCII = 20


def _utf8_text(data: bytes) -> Optional[str]:
    """``data`` decoded as UTF-8, or ``None`` when it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


# -- text cleanup ----------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_text(text: str, from_utf8: bool = False) -> str:
    """Drop a leading BOM and NULs; replace lone surrogates with U+FFFD.

    A surrogate *pair* left in a ``str`` (e.g. from UTF-16 code units joined
    by hand) is joined into its character rather than replaced.
    ``from_utf8``: ``text`` comes from Python's UTF-8 decoder, which never
    gives a surrogate, so the text is not encoded again to look for one.
    O(n), each test a scan at C speed (the whitespace test stops at the
    first other character).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not from_utf8 and not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            if _SURROGATE.search(text):  # pragma: no cover - 'replace' leaves none
                text = _SURROGATE.sub("\ufffd", text)
    if not text or text.isspace():  # (``not text.strip()``, without copying the text)
        return ""
    return text


def decode_html(data: Union[bytes, bytearray, memoryview, str]) -> str:
    """The page as text, ready for the parser.

    Args:
        data: the raw page. ``bytes`` (or ``bytearray``/``memoryview``) are
            decoded as described in the module docstring; a ``str`` is taken
            as already decoded.

    Returns:
        The text, with a leading BOM and NUL characters removed and lone
        surrogates replaced by U+FFFD. Empty or whitespace-only input gives
        ``""``. Plain text or JSON is returned decoded and otherwise as is.

    Raises:
        InputError: ``data`` is not bytes or str; or it is a PDF, an image,
            an archive, compressed data or other binary data (many control
            bytes in its first KB that are not UTF-16/32 text).

    Bound: O(n) in the size of ``data``: regular expressions read bounded
    prefixes only (:data:`PRESCAN_BYTES`, :data:`DETECT_SAMPLE_BYTES`); the
    whole input is read by a few codec passes at C speed.
    """
    if isinstance(data, str):
        return _clean_text(data)
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise InputError(f"expected HTML as bytes or str, got {type(data).__name__}")
    if not data or data.isspace():  # (``not data.strip()``, without copying the page)
        return ""
    head = data[:BINARY_SNIFF_BYTES]
    has_bom = any(head.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and _bomless_utf16_32(head) is None:
        _refuse_binary(head)
    codec, _source, text = _sniff(data)
    if text is None:
        # A BOM decodes to U+FEFF, which _clean_text drops.
        text = data.decode(codec, "replace")
    return _clean_text(text, from_utf8=codec == "utf-8")
