"""The rule engine: boilerplate cues that text density cannot see, kept as data.

Rules live in TOML files (``boilerstrip/rules/data/``): ``structure.toml``
holds element rules (tag, class/id token, attribute), ``cues-<lang>.toml``
hold text cue phrases per language. Every rule has an ``id``, what it
matches, an ``action`` and a ``why``:

A file starts with ``version = 1`` (the format version); ``language`` is
optional. Rule ids are unique across all loaded files; unknown fields are
an error, so a typo never silently disables a rule.

Element rules (``[[element]]`` tables)::

    id = "class.share"            # unique, dotted
    tags = ["nav"]                # element tag names, or
    tokens = ["share", "social"]  # class/id tokens (split on -, _, space, camelCase), or
    contains = ["newsletter"]     # substrings of the lower-cased class + id string, or
    attrs = { role = ["navigation"] }  # attribute values (lower-cased, exact)
    action = "drop" | "weight" | "caption"
    weight = -25                  # for action = "weight": added to the block's score
    max_chars = 600               # optional, drop/caption rules: the rule applies only to
                                  # elements with at most this much text (small boxes by nature)
    why = "share and follow bars"

Text rules (``[[text]]`` tables)::

    id = "cue.ad-label"
    patterns = ["advertisement", "anzeige"]   # regex, case-insensitive; patterns are joined into
                                              # union regexes, so no numbered backreferences
    match = "block" | "prefix"     # whole (short) block, or its start
    max_chars = 160                # optional: longest block tested (at most 400)
    action = "drop"
    why = "ad slot labels"

A ``drop`` element rule removes the element's whole subtree from the main
content; a ``drop`` text rule removes one block. ``weight`` rules shift the
density score of blocks under the element. ``caption`` marks an element as
an image caption: it is never part of the body.

Text rules run only on blocks of at most :data:`MAX_CUE_BLOCK_CHARS`
characters (or the rule's own ``max_chars``, at most
:data:`MAX_CUE_BLOCK_CHARS_LIMIT`), so no pattern ever scans a long text.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Union

import regex

from ..dom import class_tokens
from ..errors import RulesError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ElementRule", "TextRule", "Ruleset", "default_rules", "load_rules", "class_tokens"]

#: Rules files' format version this engine reads.
RULES_VERSION = 1

#: Longest block (in characters) a text cue is tested against, unless the
#: rule sets its own ``max_chars``. Cue lines ("Advertisement", "STORY
#: CONTINUES BELOW THIS AD", "More from Explainers") are short; longer blocks
#: are prose. Bounding the input also bounds the regex engine's time per block.
MAX_CUE_BLOCK_CHARS = 160
#: The largest ``max_chars`` a rule may set: for a few long, unmistakable
#: stock sentences ("This entry was posted in … Bookmark the permalink.").
MAX_CUE_BLOCK_CHARS_LIMIT = 400

#: Distinct (tag, class/id, attribute) combinations whose rule matches are
#: remembered: pages repeat the same class lists, and so do pages of one site.
MATCH_CACHE_SIZE = 50_000

#: Class tokens that make the next token a state, not a kind of element:
#: ``has-sidebar``, ``no-ads``, ``is-sticky``, ``with-comments`` describe a
#: page wrapper's options, not a sidebar, an ad or a comment box. Page
#: builders that prefix every element with their name and a layout type
#: (``elementor-widget``, ``elementor-section``) are read the same way.
MODIFIER_TOKENS = frozenset(("has", "no", "with", "without", "is", "show", "hide", "enable", "enabled", "disable", "disabled", "not", "allow", "elementor"))

#: Class names that label the content, not the element: CMS taxonomy classes
#: on a post wrapper ("category-photo-captions", "tag-ads", "entry-author-jane-doe",
#: "format-standard"). Their words name the post's categories, tags and
#: author. When an element has two or more class names starting with one of
#: these token sequences (WordPress's ``post_class`` and TypePad's entry
#: classes always give several), those names are not matched against the
#: element rules; a lone ``category-nav`` still is.
TAXONOMY_PREFIXES = frozenset((
    ("category",), ("tag",), ("term",), ("format",), ("status",),
    ("entry", "category"), ("entry", "author"), ("entry", "type"), ("entry", "tag"),
    ("post", "category"), ("post", "tag"), ("post", "author"), ("post", "format"),
))


def _is_taxonomy_class(name: str) -> bool:
    """True for a class name such as ``category-news`` or ``entry-author-jane``
    (a taxonomy prefix followed by at least one more token)."""
    toks = class_tokens(name)
    return len(toks) >= 2 and (
        (toks[0],) in TAXONOMY_PREFIXES or (len(toks) >= 3 and (toks[0], toks[1]) in TAXONOMY_PREFIXES)
    )


#: Text patterns are matched case-insensitively.
TEXT_FLAGS = regex.IGNORECASE

_ELEMENT_ACTIONS = {"drop", "weight", "caption"}
_TEXT_ACTIONS = {"drop"}
_TEXT_MATCH = {"block", "prefix"}

#: Punctuation and bullets trimmed from both ends of a block before cue matching.
_CUE_TRIM = " \t.:;!?…|•·-–—»«>\"'()[]"

@dataclass(frozen=True)
class ElementRule:
    """One element rule (see the module docstring for the fields)."""

    id: str
    action: str
    tags: frozenset = frozenset()
    tokens: frozenset = frozenset()
    contains: tuple = ()
    attrs: tuple = ()  # ((name, frozenset(values)), ...)
    weight: float = 0.0
    why: str = ""
    #: For drop and caption rules: the rule applies only to an element whose
    #: text has at most this many characters; 0 = no limit.
    max_chars: int = 0


@dataclass(frozen=True)
class TextRule:
    """One text cue rule (see the module docstring for the fields)."""

    id: str
    patterns: tuple
    match: str = "block"
    action: str = "drop"
    why: str = ""
    language: str = ""
    max_chars: int = MAX_CUE_BLOCK_CHARS


@dataclass
class Ruleset:
    """A compiled set of element and text rules.

    Build one with :func:`default_rules` or :func:`load_rules`; add a
    user's rules with :meth:`extended`. Matching methods are what the
    pipeline calls per element and per block.
    """

    element_rules: list = field(default_factory=list)
    text_rules: list = field(default_factory=list)
    sources: list = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set = set()
        for rule in [*self.element_rules, *self.text_rules]:
            if rule.id in seen:
                raise RulesError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        self._compile()

    # -- compilation -------------------------------------------------------
    def _compile(self) -> None:
        self._by_tag: dict[str, list[ElementRule]] = {}
        self._by_token: dict[str, list[ElementRule]] = {}
        self._by_attr: dict[str, list[tuple[frozenset, ElementRule]]] = {}
        contains: list[tuple[str, ElementRule]] = []
        for rule in self.element_rules:
            for t in rule.tags:
                self._by_tag.setdefault(t, []).append(rule)
            for t in rule.tokens:
                self._by_token.setdefault(t, []).append(rule)
            for name, values in rule.attrs:
                self._by_attr.setdefault(name, []).append((values, rule))
            for s in rule.contains:
                contains.append((s, rule))
        self._contains_re = (
            regex.compile("|".join(regex.escape(s) for s, _ in contains)) if contains else None
        )
        self._contains_map = {s: r for s, r in contains}
        self.attr_names = tuple(self._by_attr)
        self._cache: dict = {}
        # Every text pattern compiled once, for the partial-match test below.
        self._patterns = [
            (i, p, regex.compile(p, TEXT_FLAGS)) for i, rule in enumerate(self.text_rules) for p in rule.patterns
        ]
        self._max_chars = max((r.max_chars for r in self.text_rules), default=0)
        self._text_buckets: dict = {}
        self._buckets_by_subset: dict = {}
        self._text_cache: dict = {}

    def _text_bucket(self, first: str) -> "_Bucket":
        """The text rules that can match a text starting with ``first``.

        Each pattern is asked (``regex`` partial matching) whether a text
        starting with ``first`` could match it; only those join the bucket, so
        a block is tested against a handful of patterns, not all of them.
        Characters that admit the same patterns share one bucket.
        """
        bucket = self._text_buckets.get(first)
        if bucket is not None:
            return bucket
        subset = tuple((i, p, rx) for i, p, rx in self._patterns if rx.match(first, partial=True))
        key = tuple((i, p) for i, p, _ in subset)
        bucket = self._buckets_by_subset.get(key)
        if bucket is None:
            bucket = _Bucket(self.text_rules, subset)
            self._buckets_by_subset[key] = bucket
        if len(self._text_buckets) < MATCH_CACHE_SIZE:
            self._text_buckets[first] = bucket
        return bucket

    def extended(self, other: "Ruleset") -> "Ruleset":
        """A new ruleset with ``other``'s rules added after this one's.

        Raises:
            RulesError: a rule id of ``other`` is already used here.
        """
        return Ruleset(
            self.element_rules + other.element_rules,
            self.text_rules + other.text_rules,
            self.sources + other.sources,
        )

    # -- matching ----------------------------------------------------------
    def match_element(self, tag: str, class_id: str, attrs: Optional[dict]) -> list[ElementRule]:
        """Rules matching an element.

        Args:
            tag: lower-case tag name.
            class_id: the element's ``class`` and ``id`` values joined by a space.
            attrs: the element's attributes (only names in :attr:`attr_names` are read),
                or ``None`` if it has none worth reading.
        Returns: the matching rules, drop/caption rules first, in file order.
        """
        extra = None
        if attrs:
            extra = tuple(attrs.get(name) for name in self.attr_names)
            if not any(extra):
                extra = None
        key = (tag, class_id, extra)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        hits = tuple(self._match_element(tag, class_id, attrs if extra else None))
        if len(self._cache) < MATCH_CACHE_SIZE:
            self._cache[key] = hits
        return hits

    def _match_element(self, tag: str, class_id: str, attrs: Optional[dict]) -> list[ElementRule]:
        hits: list[ElementRule] = list(self._by_tag.get(tag, ()))
        if class_id:
            names = class_id.split()
            labels = [n for n in names if _is_taxonomy_class(n)]
            if len(labels) >= 2:  # a post wrapper's taxonomy classes: labels, not roles
                names = [n for n in names if n not in labels]
            low = " ".join(names).lower()
            prev = ""
            for tok in class_tokens(low):
                r = self._by_token.get(tok)
                if r and prev not in MODIFIER_TOKENS:
                    hits.extend(r)
                prev = tok
            if self._contains_re is not None:
                for m in self._contains_re.finditer(low):
                    hits.append(self._contains_map[m.group(0)])
        if attrs:
            for name, pairs in self._by_attr.items():
                v = attrs.get(name)
                if v:
                    v = v.lower().strip()
                    for values, rule in pairs:
                        if v in values:
                            hits.append(rule)
        if len(hits) > 1:
            seen: dict[str, ElementRule] = {}
            for h in hits:
                seen.setdefault(h.id, h)
            hits = sorted(seen.values(), key=lambda r: r.action == "weight")
        return hits

    def match_text(self, text: str) -> Optional[TextRule]:
        """The first text rule matching a block, or ``None``.

        ``text`` is the block's text; a rule never matches a block longer
        than its ``max_chars`` (:data:`MAX_CUE_BLOCK_CHARS` by default).
        """
        if len(text) > self._max_chars:
            return None
        s = text.strip().strip(_CUE_TRIM).strip()
        if not s:
            return None
        cached = self._text_cache.get(s, False)
        if cached is not False:
            return cached if cached is None or len(s) <= cached.max_chars else None
        hit = self._text_bucket(s[0]).match(s)
        if len(self._text_cache) < MATCH_CACHE_SIZE:
            self._text_cache[s] = hit
        return hit if hit is None or len(s) <= hit.max_chars else None


class _Bucket:
    """The text rules one first character admits, and how to test them.

    A bucket tests its patterns one by one until it has been used
    :data:`UNION_AFTER_USES` times, then compiles them into two union regexes
    (whole-block and prefix), which test all patterns in one pass. Pages that
    need few cue tests never pay for compiling the unions; a long run does,
    once.
    """

    __slots__ = ("rules", "block", "prefix", "uses", "union")

    def __init__(self, rules: list, subset: tuple) -> None:
        self.rules = rules
        self.block = [(i, p, rx) for i, p, rx in subset if rules[i].match == "block"]
        self.prefix = [(i, p, rx) for i, p, rx in subset if rules[i].match != "block"]
        self.uses = 0
        self.union = None

    def match(self, s: str) -> Optional[TextRule]:
        """The first rule whose pattern matches the whole of ``s`` (block
        rules) or its start (prefix rules), block rules first."""
        if self.union is None:
            self.uses += 1
            if self.uses < UNION_AFTER_USES:
                return self._match_one_by_one(s)
            self.union = self._compile()
        block_re, prefix_re = self.union
        m = block_re.match(s) if block_re is not None else None
        if m is None and prefix_re is not None:
            m = prefix_re.match(s)
        return self.rules[int(m.lastgroup[1:])] if m is not None else None

    def _match_one_by_one(self, s: str) -> Optional[TextRule]:
        for i, _, rx in self.block:
            m = rx.fullmatch(s)
            if m is not None:
                return self.rules[i]
        for i, _, rx in self.prefix:
            if rx.match(s) is not None:
                return self.rules[i]
        return None

    def _compile(self):
        def union(items: list, tail: str):
            by_rule: dict = {}
            for i, p, _ in items:
                by_rule.setdefault(i, []).append(p)
            if not by_rule:
                return None
            alts = ("(?P<r%d>%s)" % (i, "|".join(f"(?:{p})" for p in ps)) for i, ps in by_rule.items())
            return regex.compile("(?:" + "|".join(alts) + ")" + tail, TEXT_FLAGS)

        return union(self.block, r"\Z"), union(self.prefix, "")


#: Uses of a first-character bucket after which its patterns are compiled
#: into union regexes (see :class:`_Bucket`).
UNION_AFTER_USES = 200


# -- loading ---------------------------------------------------------------

def _as_list(value, what: str, rid: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise RulesError(f"rule {rid!r}: {what} must be a string or a list of strings")


def _rows(doc: dict, key: str, source: str) -> list:
    rows = doc.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RulesError(f"{source}: '{key}' must be an array of tables ([[{key}]])")
    return rows


def _check_keys(row: dict, allowed: frozenset, rid: str, source: str) -> None:
    unknown = set(row) - allowed
    if unknown:
        raise RulesError(f"{source}: rule {rid!r}: unknown field(s) {', '.join(sorted(unknown))}")


_ELEMENT_KEYS = frozenset(("id", "tags", "tokens", "contains", "attrs", "action", "weight", "why", "max_chars"))
_TEXT_KEYS = frozenset(("id", "patterns", "match", "action", "why", "max_chars"))


def _parse(doc: dict, source: str) -> tuple[list[ElementRule], list[TextRule]]:
    version = doc.get("version", RULES_VERSION)
    if version != RULES_VERSION:
        raise RulesError(f"{source}: rules version {version!r}, this engine reads {RULES_VERSION}")
    language = doc.get("language", "")
    elements, texts = [], []
    for row in _rows(doc, "element", source):
        rid = row.get("id")
        if not rid:
            raise RulesError(f"{source}: an element rule has no id")
        _check_keys(row, _ELEMENT_KEYS, rid, source)
        action = row.get("action", "drop")
        if action not in _ELEMENT_ACTIONS:
            raise RulesError(f"{source}: rule {rid!r}: unknown action {action!r}")
        weight = row.get("weight", 0.0)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise RulesError(f"{source}: rule {rid!r}: weight must be a number")
        if not isinstance(row.get("attrs") or {}, dict):
            raise RulesError(f"{source}: rule {rid!r}: attrs must be a table")
        attrs = tuple(
            (k.lower(), frozenset(v.lower() for v in _as_list(vals, f"attrs.{k}", rid)))
            for k, vals in (row.get("attrs") or {}).items()
        )
        el_max = row.get("max_chars", 0)
        if isinstance(el_max, bool) or not isinstance(el_max, int) or el_max < 0:
            raise RulesError(f"{source}: rule {rid!r}: max_chars must be a non-negative integer")
        rule = ElementRule(
            id=rid,
            action=action,
            tags=frozenset(t.lower() for t in _as_list(row.get("tags"), "tags", rid)),
            tokens=frozenset(t.lower() for t in _as_list(row.get("tokens"), "tokens", rid)),
            contains=tuple(s.lower() for s in _as_list(row.get("contains"), "contains", rid)),
            attrs=attrs,
            weight=float(weight),
            why=row.get("why", ""),
            max_chars=el_max,
        )
        if not (rule.tags or rule.tokens or rule.contains or rule.attrs):
            raise RulesError(f"{source}: rule {rid!r} matches nothing")
        elements.append(rule)
    for row in _rows(doc, "text", source):
        rid = row.get("id")
        if not rid:
            raise RulesError(f"{source}: a text rule has no id")
        _check_keys(row, _TEXT_KEYS, rid, source)
        patterns = _as_list(row.get("patterns"), "patterns", rid)
        if not patterns:
            raise RulesError(f"{source}: rule {rid!r} has no patterns")
        for p in patterns:
            try:
                regex.compile(p, TEXT_FLAGS)  # same flags as in use: regex's cache serves _compile
            except regex.error as exc:
                raise RulesError(f"{source}: rule {rid!r}: pattern {p!r}: {exc}") from exc
        match = row.get("match", "block")
        if match not in _TEXT_MATCH:
            raise RulesError(f"{source}: rule {rid!r}: unknown match {match!r}")
        action = row.get("action", "drop")
        if action not in _TEXT_ACTIONS:
            raise RulesError(f"{source}: rule {rid!r}: unknown action {action!r}")
        max_chars = row.get("max_chars", MAX_CUE_BLOCK_CHARS)
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or not 0 < max_chars <= MAX_CUE_BLOCK_CHARS_LIMIT:
            raise RulesError(f"{source}: rule {rid!r}: max_chars must be an integer from 1 to {MAX_CUE_BLOCK_CHARS_LIMIT}")
        texts.append(TextRule(rid, tuple(patterns), match, action, row.get("why", ""), language, max_chars))
    return elements, texts


def _ruleset(docs) -> Ruleset:
    """A :class:`Ruleset` from ``(source name, TOML text)`` pairs."""
    elements, texts, sources = [], [], []
    for source, text in docs:
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"cannot read rules file {source}: {exc}") from exc
        e, t = _parse(doc, source)
        elements += e
        texts += t
        sources.append(source)
    return Ruleset(elements, texts, sources)


def _read(path) -> tuple[str, str]:
    if not isinstance(path, (str, Path)):
        raise RulesError(f"a rules file path must be a str or Path, not {type(path).__name__}")
    try:
        return str(path), Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"cannot read rules file {path}: {exc}") from exc


def load_rules(*paths: Union[str, Path]) -> Ruleset:
    """Load rules from TOML files into a :class:`Ruleset`.

    Raises:
        RulesError: a file is missing, is not valid TOML, or holds a malformed rule.
    """
    return _ruleset(_read(path) for path in paths)


_DEFAULT: Optional[Ruleset] = None


def default_rules() -> Ruleset:
    """The rules shipped with boilerstrip (``rules/data/*.toml``), compiled once."""
    global _DEFAULT
    if _DEFAULT is None:
        data = resources.files(__package__).joinpath("data")
        entries = sorted((e for e in data.iterdir() if e.name.endswith(".toml")), key=lambda p: p.name)
        _DEFAULT = _ruleset((e.name, e.read_text(encoding="utf-8")) for e in entries)
    return _DEFAULT


def iter_rule_ids(rules: Ruleset) -> Iterable[str]:
    """Every rule id in ``rules``, element rules first."""
    for r in rules.element_rules:
        yield r.id
    for r in rules.text_rules:
        yield r.id
