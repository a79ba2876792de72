"""Authors: :func:`normalize_authors` (one credit string -> names) and the
visible-byline finder.

Normalising works on slices of the whitespace-collapsed input only (cuts,
never rewrites), so every name returned is a substring of it:

1. hard breaks (``|``, ``•``, ``·``, ``/``, `` - ``, `` — ``) split the credit
   into pieces; a piece that starts with a stop word ("Updated", "Published",
   "on", "Photo", ... in ``authors.stop_words``) ends the credit;
2. a byline prefix ("By", "Von", "Par", "Por", "Di", "Door", "Przez", "Av",
   "Written by", ... in ``authors.prefixes``) is cut off each piece, and a
   mid-piece lower-case "by"/"par"/"por"/"door"/"przez"/"av" starts the names;
3. a date inside a piece ends it (the trailing dateline);
4. pieces are split into names at ``,`` ``;`` ``&`` ``+`` and whole-word
   conjunctions ("and", "und", "et", "y", "e", "i", "en", ...);
5. a comma piece after a name that is that person's title is no name: a
   job title with its organisation or beat ("Jane Doe, AP Sports Writer":
   any ``authors.role_words`` word) or post-nominal credentials ("MS",
   "CFP®", "Ph.D.": ``authors.credentials``, ``authors.credential_patterns``);
6. each name loses words from the first e-mail, @handle, URL or digit on,
   a trailing job title ("Staff Writer") unless its last word names a team
   (``authors.collective_words``: "The Harbor Team", "Metro Lifestyle
   Desk" are kept as printed), and edge punctuation; a name made
   of job-title words only, a generic role ("admin", "Stand"), a name
   over ``authors.max_name_words`` words or ``max_name_chars`` characters,
   or one of several words starting with a lower-case letter, is dropped
   (a single lower-case word is kept: user names such as "jdoe").
"""

from __future__ import annotations

import re
from typing import Optional

from .data import DATA
from .dates import find_date_span
from .dom import cap_text

__all__ = ["normalize_authors"]

_CFG = DATA["authors"]
PREFIXES = sorted(_CFG["prefixes"], key=len, reverse=True)
CONJUNCTIONS = _CFG["conjunctions"]
ROLE_WORDS = frozenset(_CFG["role_words"])
ROLE_MODIFIERS = frozenset(_CFG["role_modifiers"])
#: Last words of a byline naming a team or a newsroom, kept as printed.
COLLECTIVE_WORDS = frozenset(_CFG["collective_words"])
#: Post-nominal credentials ("MS", "CFP", "PhD"), compared case-sensitively
#: without ® or ™, and the dotted abbreviations that are ones too ("Ph.D.").
CREDENTIALS = frozenset(_CFG["credentials"])
_DOTTED_CREDENTIAL = re.compile("|".join(f"(?:{p})" for p in _CFG["credential_patterns"]))
STOP_WORDS = frozenset(_CFG["stop_words"])
REJECT_NAMES = frozenset(_CFG["reject_names"])
#: Lower-case words allowed inside a name: particles ("Ursula von der
#: Leyen") and the function words of organisation names ("Ask the Doctors").
NAME_LOWER_WORDS = frozenset(_CFG["name_particles"]) | frozenset(_CFG["organization_name_words"])
MAX_NAME_WORDS: int = _CFG["max_name_words"]
MAX_NAME_CHARS: int = _CFG["max_name_chars"]
#: Characters of a credit line read: a byline of a dozen names fits many
#: times over (a JSON-LD ``author.name`` of 20,000 words does not need to be
#: read whole to find it is no name).
MAX_CREDIT_CHARS = 2_000
#: Prefix words that also introduce the names in mid-piece ("Text and photos by X");
#: lower-case only, since they do not occur lower-case inside names.
MID_PREFIXES = tuple(_CFG["mid_prefixes"])
#: A final word this short before a dot is an initial or abbreviation ("C.", "Jr.").
INITIAL_CHARS = 2

_PREFIX_RE = re.compile(r"^(?:(?:%s)\b\s*:?\s*|[:\-–—]\s*)+" % "|".join(re.escape(p) for p in PREFIXES), re.IGNORECASE)
_MID_RE = re.compile(r"(?:^|\s)(?:%s):?\s+(?=\S)" % "|".join(MID_PREFIXES))
_HARD_SPLIT = re.compile(r"\s*(?:[|•·/\n]|\s[-–—]\s|\s[-–—]$|^[-–—]\s|\s{2,})\s*")
# conjunctions are matched lower-case only: "A. Smith" keeps its initial
_NAME_SPLIT = re.compile(r"\s*([,;&+]|(?<!\S)(?:%s)(?!\S))\s*" % "|".join(re.escape(c) for c in CONJUNCTIONS))
_BAD_WORD = re.compile(r"[@\d]|https?:|www\.|\.(?:com|org|net|de|fr)\b", re.IGNORECASE)
# (arrows end "More by Jane Doe →" links)
_EDGE = " \t,.;:!?-–—|()[]{}<>\"'“”„‘’«»*•·/\\©→←↑↓⇒⇐›‹➔➜►▶▸"


def _strip_prefix(piece: str) -> str:
    stripped = _PREFIX_RE.sub("", piece, count=1)
    if stripped:  # a prefix word alone ("Redaktion") is the credit itself
        piece = stripped
    mids = list(_MID_RE.finditer(piece))
    return piece[mids[-1].end():] if mids else piece


def _word_key(word: str) -> str:
    return word.strip(_EDGE).lower()


def _is_role(words: list[str]) -> bool:
    keys = [_word_key(w) for w in words]
    return any(k in ROLE_WORDS for k in keys) and all(k in ROLE_WORDS or k in ROLE_MODIFIERS or not k for k in keys)


def _trailing_role(words: list[str]) -> Optional[int]:
    """The smallest ``i >= 1`` such that ``words[i:]`` is a job title
    (:func:`_is_role`), or None. One pass from the end: O(n) in the words."""
    first: Optional[int] = None
    has_role = False
    for i in range(len(words) - 1, 0, -1):
        k = _word_key(words[i])
        if k in ROLE_WORDS:
            has_role = True
        elif k and k not in ROLE_MODIFIERS:
            break
        if has_role:
            first = i
    return first


def _is_title(part: str) -> bool:
    """A comma piece after a name that is the person's title, not a second
    name: a job title with its organisation or beat ("AP Auto Writer",
    "Sr. Director of Operations": any role word), or post-nominal
    credentials ("MS", "CFP®", "M.D. FACP", "E-RYT 500": each word in
    :data:`CREDENTIALS` or dotted, at most one number). O(n) in the piece."""
    words = part.split(" ")
    if any(_word_key(w) in ROLE_WORDS for w in words):
        return True
    numbers = sum(w.isdigit() for w in words)
    return numbers <= 1 and numbers < len(words) and all(
        w.isdigit() or w.rstrip("®™") in CREDENTIALS or _DOTTED_CREDENTIAL.match(w) is not None for w in words
    )


def _clean_name(name: str) -> Optional[str]:
    words = name.split(" ")
    for i, word in enumerate(words):
        if _BAD_WORD.search(word) or (i and _word_key(word) in STOP_WORDS):
            words = words[:i]
            break
    if not words or _is_role(words):
        return None
    # a trailing job title: the last role word and the modifiers before it,
    # unless the name is a team's ("The Harbor Team", "Metro Lifestyle Desk")
    collective = len(words) > 1 and _word_key(words[-1]) in COLLECTIVE_WORDS and not _is_role(words)
    cut = None if collective else _trailing_role(words)
    if cut is not None:
        words = words[:cut]
    joined = " ".join(words)
    name = joined.strip(_EDGE)
    if name and joined[len(name):].startswith(".") and len(name.rsplit(" ", 1)[-1].rsplit(".", 1)[-1]) <= INITIAL_CHARS:
        name += "."  # an initial or abbreviation keeps its dot: "Juan C.", "e.V."
    if not name or _is_role(name.split(" ")):
        return None
    words = name.split(" ")
    if len(words) > MAX_NAME_WORDS or len(name) > MAX_NAME_CHARS or name.lower() in REJECT_NAMES:
        return None
    if not any(ch.isalpha() for ch in name) or (name[0].islower() and len(words) > 1) or _word_key(words[0]) in STOP_WORDS:
        return None
    if any(w[0].islower() and w not in NAME_LOWER_WORDS and "." not in w for w in words[1:len(words) - collective]):
        return None  # "En kiosques : juillet": words of a sentence, not a name
    return name


def normalize_authors(raw: str) -> list[str]:
    """Split a credit line into author names, without prefixes, titles or dates.

    Args:
        raw: a byline or author field as found on a page, e.g.
            ``"By Jane Doe and John Roe, Staff Writers | Updated June 18, 2024"``
            or ``"Von Anna Muster und Max Mustermann"``.

    Returns:
        The names in order, each once (case-insensitively), each a substring of
        ``" ".join(raw.split())``: ``["Jane Doe", "John Roe"]``. An empty list
        when nothing in ``raw`` looks like a name. Never raises (non-strings
        give ``[]``).

    Bound: only the first :data:`MAX_CREDIT_CHARS` characters of ``raw`` are
    read; every step is linear in them but the check that a name is a
    substring of the credit, O(names × length) on at most that many
    characters.

    The steps and their word lists (``authors.*`` in ``data.toml``) are
    listed in the module docstring.
    """
    if not isinstance(raw, str):
        return []
    text = " ".join(cap_text(raw, MAX_CREDIT_CHARS).split())
    names: list[str] = []
    seen: set[str] = set()
    for piece in _HARD_SPLIT.split(text):
        if not piece:
            continue
        first = _word_key(piece.split(" ", 1)[0])
        if first in STOP_WORDS and names:
            break
        piece = _strip_prefix(piece)
        span = find_date_span(piece) if any(ch.isdigit() for ch in piece) else None
        if span is not None:
            piece = piece[: span[0]]
        parts = _NAME_SPLIT.split(piece)  # names at even indices, their separators between
        for i in range(0, len(parts), 2):
            part = parts[i].strip()
            if names and i and parts[i - 1] == "," and _is_title(part):
                continue  # "Jane Doe, AP Sports Writer", "Jane Doe, MS, RD"
            name = _clean_name(_strip_prefix(part))
            if name and name.lower() not in seen and name in text:
                seen.add(name.lower())
                names.append(name)
        if span is not None and names:
            break
    return names
