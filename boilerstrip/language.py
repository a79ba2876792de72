"""The languages a page declares, read before scoring: which text cues apply.

Read from ``<html lang>`` (or ``xml:lang``), ``<meta property="og:locale">``
and ``<meta http-equiv="content-language">`` (or ``name=``). Every value is
reduced to its primary language subtag, lower-cased (``"de-DE"``, ``"de_AT"``
→ ``"de"``); a ``content-language`` list (``"de, en"``) gives each of its
languages. The metadata stage reads the same declarations for
:attr:`Article.language` later, with the JSON-LD ``inLanguage`` too; this
stage needs only the cheap ones, in the page head, before the scorer runs.
"""

from __future__ import annotations

from typing import Optional

from selectolax.lexbor import LexborHTMLParser

__all__ = ["page_languages", "primary_subtag"]

#: The ``<meta>`` elements read (one CSS query on the ``<head>``).
_META_QUERY = (
    "meta[property='og:locale' i][content], meta[http-equiv='content-language' i][content], "
    "meta[name='content-language' i][content]"
)
#: Most declarations read per page, and most characters of one.
MAX_DECLARATIONS = 16
MAX_VALUE_CHARS = 100


def primary_subtag(tag: Optional[str]) -> str:
    """The primary language subtag of a BCP 47 tag or a locale, lower-cased:
    ``"en-US"`` → ``"en"``, ``"pt_BR"`` → ``"pt"``, ``" DE "`` → ``"de"``.

    Returns ``""`` for ``None``, an empty value, or one whose primary subtag is
    not 2-8 ASCII letters (``"x"``, ``"123"``, ``"*"``). Never raises. O(len(tag)),
    at most :data:`MAX_VALUE_CHARS` characters read.
    """
    if not tag:
        return ""
    head = tag[:MAX_VALUE_CHARS].strip().replace("_", "-").split("-", 1)[0].lower()
    return head if 2 <= len(head) <= 8 and head.isascii() and head.isalpha() else ""


def page_languages(tree: LexborHTMLParser) -> frozenset[str]:
    """The primary subtags of the languages ``tree`` declares (see the module docstring).

    Args:
        tree: the parsed page.

    Returns:
        A frozenset such as ``frozenset({"de"})``, or ``frozenset()`` when the
        page declares no readable language. Never raises on page content.

    Bound: one CSS query over the ``<head>`` (the whole tree when the page has
    none) and at most :data:`MAX_DECLARATIONS` values of at most
    :data:`MAX_VALUE_CHARS` characters: O(n) in the head.
    """
    found: set[str] = set()
    try:
        root = tree.root
        if root is not None and root.tag == "html":
            attrs = root.attributes
            for name in ("lang", "xml:lang"):
                lang = primary_subtag(attrs.get(name))
                if lang:
                    found.add(lang)
                    break
        scope = tree.head if tree.head is not None else tree
        for node in scope.css(_META_QUERY)[:MAX_DECLARATIONS]:
            for value in (node.attributes.get("content") or "")[:MAX_VALUE_CHARS].split(",")[:4]:
                lang = primary_subtag(value)
                if lang:
                    found.add(lang)
    except (ValueError, TypeError):  # an attribute that is not UTF-8 (UnicodeDecodeError): keep what was read
        pass
    return frozenset(found)
