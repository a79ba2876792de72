"""URLs taken from a page: made absolute, checked, never raising.

Pages hold malformed URLs (``http://[bad/x``, an unclosed IPv6 host, a port
out of range) on which :func:`urllib.parse.urlsplit` and
:func:`urllib.parse.urljoin` raise :class:`ValueError`; and URLs of schemes
no reader follows (``file:``, ``javascript:``, ``data:``). Only absolute
``http``/``https`` URLs come out of this module; ``data:`` URIs are not
accepted (an inline image has no address to give).
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import SplitResult, urljoin, urlsplit

__all__ = ["split_url", "http_url", "WEB_SCHEMES", "MAX_URL_CHARS"]

#: The schemes of the URLs boilerstrip returns.
WEB_SCHEMES = ("http", "https")
#: Longer values are not taken as URLs (browsers and servers refuse far
#: shorter ones; 2,083 was Internet Explorer's limit).
MAX_URL_CHARS = 8192


def split_url(value: Optional[str]) -> Optional[SplitResult]:
    """``urlsplit(value)``, or None when ``value`` is empty, longer than
    :data:`MAX_URL_CHARS` or malformed. O(n) in the length of ``value``."""
    if not value or len(value) > MAX_URL_CHARS:
        return None
    try:
        parts = urlsplit(value)
        parts.port  # raises ValueError on a port out of range
    except ValueError:
        return None
    return parts


def http_url(value: Optional[str], base: Optional[str] = None) -> Optional[str]:
    """``value`` as an absolute ``http``/``https`` URL, or None.

    Args:
        value: a URL as the page gives it: absolute, scheme-relative
            (``//host/path``, taken as ``https:``) or relative.
        base: the page URL, to resolve a relative ``value``; ignored unless
            it is itself an ``http``/``https`` URL.

    Returns:
        The absolute URL, with a host; None when ``value`` is empty,
        malformed, longer than :data:`MAX_URL_CHARS`, of another scheme
        (``file:``, ``javascript:``, ``data:``) or relative (``http:path``
        included) without a usable base.
        Never raises. O(n) in the length of ``value`` and ``base``.
    """
    if not value:
        return None
    if value.startswith("//"):
        value = "https:" + value
    parts = split_url(value)
    if parts is None:
        return None
    if parts.scheme in WEB_SCHEMES and parts.hostname:
        return value
    if parts.scheme and parts.scheme not in WEB_SCHEMES:
        return None  # file:, javascript:, data:, mailto: ...
    # relative, or "http:path" without a host: resolved against the base
    base_parts = split_url(base)
    if base is None or base_parts is None or base_parts.scheme not in WEB_SCHEMES:
        return None
    try:
        joined = urljoin(base, value)
    except ValueError:
        return None
    parts = split_url(joined)
    return joined if parts is not None and parts.scheme in WEB_SCHEMES and parts.hostname else None
