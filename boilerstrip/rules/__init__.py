"""The rule engine: boilerplate cues that text density cannot see, kept as data.

Rules live in TOML files (``boilerstrip/rules/data/``): ``structure.toml``
holds element rules (tag, class/id token, attribute), ``cues-<lang>.toml``
hold text cue phrases per language. Every rule has an ``id``, what it
matches, an ``action`` and a ``why``:

A file starts with ``version = 2`` (the format version; version 1 files,
without a vocabulary, are read too); ``language`` is optional: the BCP 47
tag of its cue phrases (``"de"``; ``"mul"`` for patterns in several
languages; none for rules of no language). A page that declares its
languages is tested against the text rules of those languages, of
:data:`ALWAYS_ON_LANGUAGES` and of no language (see
:meth:`Ruleset.match_text`); a page that declares none, against all. Rule
ids are unique across all loaded files; unknown fields are an error, so a
typo never silently disables a rule.

The word lists element matching reads (``[vocabulary]`` table, version 2;
see :class:`Vocabulary`; the lists of all loaded files are merged)::

    [vocabulary]
    modifier_tokens = ["has", "no"]          # "has-sidebar": "sidebar" is a state, not matched
    taxonomy_prefixes = ["category", "entry-author"]   # CMS taxonomy class names: labels
    article_itemtypes = ["article", "blogposting"]     # itemtype endings: the article itself
    article_classes = ["hentry", "e-content"]          # class names: the article itself

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
    guard = "share" | "marker" | "column"  # optional, drop rules: what overrules the drop (see ElementRule)
    off_for = ["forum"]           # optional: page kinds on which the rule is off
    on_for = ["product"]          # optional: the page kinds on which alone the rule is on
    cards = "content"             # optional, drop rules: the listing pass, which reads card
                                  # lists as content, does not apply the rule (see ElementRule)
    relax = false                 # optional, drop rules: the relaxed pass keeps this rule on
                                  # when the strict pass found prose (see ElementRule);
                                  # "never": every relaxed pass keeps it on
    why = "share and follow bars"

Text rules (``[[text]]`` tables)::

    id = "cue.ad-label"
    patterns = ["advertisement", "anzeige"]   # regex, case-insensitive; patterns are joined into
                                              # union regexes, so no numbered backreferences
    match = "block" | "prefix"     # whole (short) block, or its start
    max_chars = 160                # optional: longest block tested (at most 400)
    action = "drop" | "comments"
    why = "ad slot labels"

A ``drop`` element rule removes the element's whole subtree from the main
content; a ``drop`` text rule removes one block. A ``comments`` text rule
matches the heading of a reader-comment section ("Comments", "25 Responses
to ...", "Leave a Reply"): the block is dropped like a ``drop`` rule's, and
when it is a heading (an ``<h1>``-``<h6>``, kept or dropped by an element
rule) below the article's prose in the main region, every block after it
in that region goes too (the comments of templates that give them no
comment-named wrapper; see :func:`boilerstrip.select.select`). Not on
forum pages, whose comments are the content. ``weight`` rules shift the
density score of blocks under the element. ``caption`` marks an element as
an image caption: it is never part of the body.

Patterns may not use backreferences, named groups, conditionals or global
inline flags (a bucket's patterns are combined into one regex, where those
would change meaning; scoped flags such as ``(?-i:...)`` are fine), and
:func:`load_rules` refuses a pattern that backtracks catastrophically on
adversarial texts (``(a|aa)+$``) (:func:`check_pattern`). Every error while
loading or combining rules is a :class:`~boilerstrip.RulesError`.

Text rules run only on blocks of at most :data:`MAX_CUE_BLOCK_CHARS`
characters (or the rule's own ``max_chars``, at most
:data:`MAX_CUE_BLOCK_CHARS_LIMIT`), so no pattern ever scans a long text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Optional, Union

import regex

from ..dom import class_tokens
from ..errors import RulesError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ElementRule", "TextRule", "Ruleset", "Vocabulary", "annotate", "Verdict", "Verdicts", "default_rules", "load_rules", "class_tokens", "check_pattern"]

#: Rules files' format version: the newest this engine reads. Version 2
#: adds the ``[vocabulary]`` table (:class:`Vocabulary`) and refuses unknown
#: top-level keys; version 1 files are read as before.
RULES_VERSION = 2
#: Every format version this engine reads.
RULES_VERSIONS = (1, 2)

#: Longest block (in characters) a text cue is tested against, unless the
#: rule sets its own ``max_chars``. Cue lines ("Advertisement", "STORY
#: CONTINUES BELOW THIS AD", "More from Explainers") are short; longer blocks
#: are prose. Bounding the input also bounds the regex engine's time per block.
MAX_CUE_BLOCK_CHARS = 160
#: The largest ``max_chars`` a rule may set: for a few long, unmistakable
#: stock sentences ("This entry was posted in … Bookmark the permalink.").
MAX_CUE_BLOCK_CHARS_LIMIT = 400

#: Distinct (tag, class/id, attribute) combinations whose rule matches are
#: remembered (and distinct block texts whose cue verdict is): pages repeat
#: the same class lists, and so do pages of one site. A full cache is
#: emptied and filled again, so a long batch run keeps caching the pages it
#: is on (about 10 MB at most).
MATCH_CACHE_SIZE = 50_000

def _is_taxonomy_class(name: str, prefixes: frozenset[tuple[str, ...]], first_words: re.Pattern[str]) -> bool:
    """True for a class name such as ``category-news`` or ``entry-author-jane``
    (a taxonomy prefix of ``prefixes`` followed by at least one more token).
    ``first_words`` finds any of the prefixes' first tokens: a name whose
    lower-case form holds none of them is not one, which one search tells
    without splitting the name (19 names of 20 on the shared datasets). O(len(name))."""
    if first_words.search(name.lower()) is None:
        return False
    toks = class_tokens(name)
    return len(toks) >= 2 and (
        (toks[0],) in prefixes or (len(toks) >= 3 and (toks[0], toks[1]) in prefixes)
    )


#: Text patterns are matched case-insensitively.
TEXT_FLAGS = regex.IGNORECASE

_ELEMENT_ACTIONS = {"drop", "weight", "caption"}
_TEXT_ACTIONS = {"drop", "comments"}
_TEXT_MATCH = {"block", "prefix"}

#: Punctuation and bullets trimmed from both ends of a block before cue matching.
_CUE_TRIM = " \t.:;!?…|•·-–—»«>\"'()[]"

@dataclass(frozen=True)
class Vocabulary:
    """Word lists element matching reads, from a rules file's ``[vocabulary]``
    table (format version 2; see ``structure.toml`` for the shipped lists).

    Attributes:
        modifier_tokens: class tokens that make the next token a state, not a
            kind of element (``has-sidebar``, ``no-ads``: the next token is
            not matched against the element rules).
        taxonomy_prefixes: token sequences (one or two tokens) that start a
            CMS taxonomy class name (``category-news``, ``entry-author-jane``);
            when an element has two or more such names, they are labels of
            its content and are not matched.
        article_itemtypes: lower-case endings of a schema.org ``itemtype``
            (its last path part) that make an element the article itself: a
            drop rule never removes it (nor an ``itemprop=articleBody``).
        article_classes: lower-case class names (whole names) that make an
            element the article or its content (hAtom / h-entry): a drop
            rule never removes it either.

    Files' vocabularies are merged by union (:meth:`merged`).
    """

    modifier_tokens: frozenset[str] = frozenset()
    taxonomy_prefixes: frozenset[tuple[str, ...]] = frozenset()
    article_itemtypes: tuple[str, ...] = ()
    article_classes: frozenset[str] = frozenset()

    def merged(self, other: "Vocabulary") -> "Vocabulary":
        """The union of two vocabularies (this one's itemtypes first, in order)."""
        return Vocabulary(
            self.modifier_tokens | other.modifier_tokens,
            self.taxonomy_prefixes | other.taxonomy_prefixes,
            self.article_itemtypes + tuple(t for t in other.article_itemtypes if t not in self.article_itemtypes),
            self.article_classes | other.article_classes,
        )

    def is_article_itemtype(self, itemtype: str) -> bool:
        """True when ``itemtype`` (a URL such as ``https://schema.org/NewsArticle``)
        ends, in its last path part and ignoring case, with one of
        :attr:`article_itemtypes`. O(len(itemtype))."""
        return bool(self.article_itemtypes) and itemtype.rsplit("/", 1)[-1].lower().endswith(self.article_itemtypes)


@dataclass(frozen=True)
class ElementRule:
    """One element rule (see the module docstring for the fields)."""

    id: str
    action: str
    tags: frozenset[str] = frozenset()
    tokens: frozenset[str] = frozenset()
    contains: tuple[str, ...] = ()
    attrs: tuple[tuple[str, frozenset[str]], ...] = ()  # ((name, frozenset(values)), ...)
    weight: float = 0.0
    why: str = ""
    #: For drop and caption rules: the rule applies only to an element whose
    #: text has at most this many characters; 0 = no limit.
    max_chars: int = 0
    #: For drop rules: ``"share"`` (default) — overruled on an element holding
    #: most of the page's text or the article's markers; ``"marker"`` — only
    #: on an element holding the article's markers (the first ``<h1>``,
    #: ``articleBody``, the first ``<article>``): a comment thread may be most of a page; ``"column"``
    #: — as ``"share"``, and also overruled on an element inside the page's
    #: article column (an ``<article>`` or ``<main>`` element, or the article
    #: itself) holding at least ``annotation.COLUMN_GUARD_CHARS`` of text: a
    #: page builder's "widget" there is a section of the article.
    guard: str = "share"
    #: Page kinds (:mod:`boilerstrip.kind`) on which the rule is off: on a
    #: forum, the "comments" are the main content.
    off_for: frozenset[str] = frozenset()
    #: Page kinds (:mod:`boilerstrip.kind`) on which alone the rule is on
    #: (empty: every kind but those of ``off_for``): a product page's
    #: customer reviews are not its content, a service page's testimonials
    #: and a review article's text are.
    on_for: frozenset[str] = frozenset()
    #: For drop rules: ``False`` — the relaxed pass (drop rules off, see
    #: :func:`boilerstrip.rules.annotate`) keeps this rule on when the strict
    #: pass found prose: a comment section or page footer is not where the
    #: article of a page with a short article hides, while a misused
    #: ``chrome`` or ``ad`` class on the article's wrapper is.
    relax: bool = True
    #: For drop rules (``relax = "never"`` in a rules file): every relaxed
    #: pass keeps this rule on, whatever the strict pass found: a consent
    #: platform's dialog is never where an article hides, and on a page
    #: whose strict pass kept little its long notice out-scored the page
    #: (wcxb-dev: 3 listing pages gave only their cookie notice).
    never_relaxed: bool = False
    #: ``True`` (``cards = "content"`` in a rules file): the listing pass
    #: (:mod:`boilerstrip.listing`, card lists read as content) does not
    #: apply this rule. A box of "popular" or "recirc" cards beside an
    #: article is a teaser box; on a category page or a recipe hub the same
    #: markup holds the cards that are the page's content.
    cards_content: bool = False


@dataclass(frozen=True)
class TextRule:
    """One text cue rule (see the module docstring for the fields)."""

    id: str
    patterns: tuple[str, ...]
    match: str = "block"
    action: str = "drop"
    why: str = ""
    #: The language of the rules file (its ``language`` key): ``""`` or
    #: ``"mul"`` for rules of every page, else a BCP 47 tag whose primary
    #: subtag is compared with the page's declared languages.
    language: str = ""
    max_chars: int = MAX_CUE_BLOCK_CHARS


@dataclass
class Ruleset:
    """A compiled set of element and text rules.

    Build one with :func:`default_rules` or :func:`load_rules`; add a
    user's rules with :meth:`extended`. Matching methods are what the
    pipeline calls per element and per block.
    """

    element_rules: list[ElementRule] = field(default_factory=list)
    text_rules: list[TextRule] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: The word lists element matching reads (modifier tokens, taxonomy
    #: prefixes, article itemtypes); empty for a ruleset built without any.
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def __post_init__(self) -> None:
        if not isinstance(self.vocabulary, Vocabulary):
            raise RulesError("Ruleset.vocabulary must be a Vocabulary")
        for name, kind in (("element_rules", ElementRule), ("text_rules", TextRule)):
            rules = getattr(self, name)
            if not isinstance(rules, list) or not all(isinstance(r, kind) for r in rules):
                raise RulesError(f"Ruleset.{name} must be a list of {kind.__name__}")
        seen: set[str] = set()
        every: list[Union[ElementRule, TextRule]] = [*self.element_rules, *self.text_rules]
        for rule in every:
            if rule.id in seen:
                raise RulesError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        self._compile()

    # -- compilation -------------------------------------------------------
    def _compile(self) -> None:
        self._by_tag: dict[str, list[ElementRule]] = {}
        self._by_token: dict[str, list[ElementRule]] = {}
        self._by_attr: dict[str, list[tuple[frozenset[str], ElementRule]]] = {}
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
        # re, not regex: for an alternation of literal strings re's engine
        # gives the same matches about three times faster
        self._contains_re = re.compile("|".join(re.escape(s) for s, _ in contains)) if contains else None
        self._contains_map = {s: r for s, r in contains}
        first_words = sorted({p[0] for p in self.vocabulary.taxonomy_prefixes})
        self._taxonomy_first = re.compile("|".join(re.escape(w) for w in first_words))
        self.attr_names = tuple(self._by_attr)
        self._attr_name_set = frozenset(self.attr_names)
        self._cache: dict[tuple[str, str, Optional[tuple[Optional[str], ...]]], tuple[ElementRule, ...]] = {}
        self._cues = _Cues(self.text_rules)
        self._text_by_id = {r.id: r for r in self.text_rules}
        self._cues_by_languages: dict[frozenset[str], _Cues] = {}

    def extended(self, other: "Ruleset") -> "Ruleset":
        """A new ruleset with ``other``'s rules added after this one's.

        Raises:
            RulesError: ``other`` is not a :class:`Ruleset`, or a rule id of
                ``other`` is already used here.
        """
        if not isinstance(other, Ruleset):
            raise RulesError(f"Ruleset.extended takes a Ruleset, not {type(other).__name__}")
        return Ruleset(
            self.element_rules + other.element_rules,
            self.text_rules + other.text_rules,
            self.sources + other.sources,
            self.vocabulary.merged(other.vocabulary),
        )

    # -- matching ----------------------------------------------------------
    def match_element(
        self, tag: str, class_id: str, attrs: Optional[dict[str, Optional[str]]]
    ) -> tuple[ElementRule, ...]:
        """Rules matching an element.

        Args:
            tag: lower-case tag name.
            class_id: the element's ``class`` and ``id`` values joined by a space.
            attrs: the element's attributes (only names in :attr:`attr_names` are read),
                or ``None`` if it has none worth reading.
        Returns: the matching rules, drop/caption rules first, in file order.
        """
        extra: Optional[tuple[Optional[str], ...]] = None
        if attrs and not self._attr_name_set.isdisjoint(attrs):
            extra = tuple([attrs.get(name) for name in self.attr_names])
            if not any(extra):
                extra = None
        key = (tag, class_id, extra)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        hits = tuple(self._match_element(tag, class_id, attrs if extra else None))
        if len(self._cache) >= MATCH_CACHE_SIZE:  # a long run: start again, not stop caching
            self._cache.clear()
        self._cache[key] = hits
        return hits

    def _match_element(self, tag: str, class_id: str, attrs: Optional[dict[str, Optional[str]]]) -> list[ElementRule]:
        hits: list[ElementRule] = list(self._by_tag.get(tag, ()))
        if class_id:
            names = class_id.split()
            vocabulary = self.vocabulary
            labels = [n for n in names if _is_taxonomy_class(n, vocabulary.taxonomy_prefixes, self._taxonomy_first)]
            if len(labels) >= 2:  # a post wrapper's taxonomy classes: labels, not roles
                names = [n for n in names if n not in labels]
            low = " ".join(names).lower()
            prev = ""
            for tok in class_tokens(low):
                r = self._by_token.get(tok)
                if r and prev not in vocabulary.modifier_tokens:
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

    def match_text(self, text: str, languages: Optional[Iterable[str]] = None) -> Optional[TextRule]:
        """The first text rule matching a block, or ``None``.

        Args:
            text: the block's text; a rule never matches a block longer than
                its ``max_chars`` (:data:`MAX_CUE_BLOCK_CHARS` by default).
            languages: the primary language subtags the page declares
                (:func:`boilerstrip.language.page_languages`), or ``None`` /
                empty when unknown: all rules are tried. When given, only the
                rules of those languages, of the languages in
                :data:`ALWAYS_ON_LANGUAGES` and the language-neutral ones
                (language ``""`` or ``"mul"``) are tried (:meth:`cues_for`).
        """
        cues = self._cues if not languages else self.cues_for(languages)
        return cues.match(text)

    def text_rule(self, rule_id: Optional[str]) -> Optional[TextRule]:
        """The text rule whose id is ``rule_id``, or ``None`` (no such rule,
        or ``None`` given: a block's ``reason`` that no text cue set). O(1)."""
        return self._text_by_id.get(rule_id) if rule_id is not None else None

    def cue_match(self, rule_id: str, text: str) -> Optional[tuple[str, str]]:
        """Which pattern of the text rule ``rule_id`` matches ``text``, and what it matched.

        For ``explain=True``: the matcher answers with the rule only (its
        patterns are combined into one regex), so the rule's patterns are
        tried again here, one by one, on ``text`` trimmed as for matching.

        Args:
            rule_id: the id of a text rule of this ruleset.
            text: the block's text.

        Returns:
            ``(pattern, matched)``: the pattern as written in the rules file
            and the part of the trimmed text it matched (the whole of it for a
            ``block`` rule, its start for a ``prefix`` rule); ``None`` when
            ``rule_id`` is no text rule here or none of its patterns matches.
            Never raises (a match that runs out of time counts as none).

        Bound: the rule's patterns, each on at most ``max_chars`` characters
        for at most :data:`MATCH_TIMEOUT` seconds.
        """
        rule = self._text_by_id.get(rule_id)
        s = _cue_text(text)
        if rule is None or not s or len(s) > rule.max_chars:
            return None
        for pattern in rule.patterns:
            rx = regex.compile(pattern, TEXT_FLAGS)  # regex's own cache serves repeats
            try:
                m = rx.fullmatch(s, timeout=MATCH_TIMEOUT) if rule.match == "block" else rx.match(s, timeout=MATCH_TIMEOUT)
            except TimeoutError:
                continue
            if m is not None:
                return pattern, m.group(0)
        return None

    def cues_for(self, languages: Iterable[str]) -> "_Cues":
        """The text rules that apply to a page in ``languages`` (see
        :meth:`match_text`), compiled once per distinct set of languages (at
        most :data:`LANGUAGE_SETS_CACHED` sets are kept). O(rules) the first
        time a set is seen, O(1) after."""
        key = frozenset(languages)
        cues = self._cues_by_languages.get(key)
        if cues is not None:
            return cues
        wanted = key | ALWAYS_ON_LANGUAGES
        rules = [r for r in self.text_rules if _rule_language(r.language) in wanted]
        cues = self._cues if len(rules) == len(self.text_rules) else _Cues(rules, self._cues)
        if len(self._cues_by_languages) < LANGUAGE_SETS_CACHED:
            self._cues_by_languages[key] = cues
        return cues


#: Rule languages that apply to every page: ``""`` (no language given, as in
#: most user rules files) and ``"mul"`` (patterns in several languages, such
#: as the date-only blocks of ``cues-dates.toml``).
NEUTRAL_LANGUAGES = frozenset(("", "mul"))
#: Rule languages applied to every page whatever its declared language:
#: :data:`NEUTRAL_LANGUAGES` and English. English boilerplate is common on
#: pages in other languages (photo credits "© Shutterstock", "Copyright ©
#: 2018. All Rights Reserved.", PHP warnings of the CMS, "Login", "Email"):
#: with English cues off on the German pages of trafilatura-dev, 42 credit
#: lines and 11 CMS footers came back into their bodies.
ALWAYS_ON_LANGUAGES = NEUTRAL_LANGUAGES | {"en"}
#: Distinct page-language sets whose cue subsets a :class:`Ruleset` keeps.
LANGUAGE_SETS_CACHED = 256


def _cue_text(text: str) -> str:
    """``text`` as cues see it: stripped of spaces, punctuation and bullets
    at both ends (:data:`_CUE_TRIM`)."""
    return text.strip().strip(_CUE_TRIM).strip()


def _rule_language(language: str) -> str:
    """A rule's language as compared with a page's: its primary subtag
    lower-cased (``"pt-BR"`` → ``"pt"``); ``"mul"`` and ``""`` stay."""
    return language.strip().replace("_", "-").split("-", 1)[0].lower()


class _Cues:
    """A list of text rules and how a block is tested against them: a
    first-character bucket of the patterns that can match (:meth:`bucket`) and
    a per-text cache of verdicts.

    ``parent``: the cues of the whole ruleset, when these are a subset of
    them (the rules of a page's languages, :meth:`Ruleset.cues_for`): until
    a bucket has compiled its own unions, the parent's union of every
    pattern answers for it (:meth:`early`)."""

    def __init__(self, rules: list[TextRule], parent: Optional["_Cues"] = None) -> None:
        self.rules = rules
        self._parent = parent
        #: match with :data:`MATCH_TIMEOUT` (rules a caller loaded); the shipped
        #: rules are probed for backtracking by the tests and run without it
        self.timed: bool = parent.timed if parent is not None else True
        self._ids = frozenset(r.id for r in rules)
        # Every text pattern compiled once, for the partial-match test below.
        self._patterns = [(i, p, regex.compile(p, TEXT_FLAGS)) for i, rule in enumerate(rules) for p in rule.patterns]
        self._max_chars = max((r.max_chars for r in rules), default=0)
        self._buckets: dict[str, _Bucket] = {}
        self._buckets_by_subset: dict[tuple[tuple[int, str], ...], _Bucket] = {}
        self._cache: dict[str, Optional[TextRule]] = {}
        self._every: Optional[_Bucket] = None

    def every(self) -> "_Bucket":
        """One bucket of every pattern, its unions compiled at once (one
        regex of all block patterns, one of all prefix patterns: about 70 ms
        for the shipped rules, an eighth of what compiling every
        first-character bucket costs; :func:`default_rules` compiles it when
        the package is imported). O(patterns) once, O(1) after."""
        if self._every is None:
            every = _Bucket(self.rules, tuple(self._patterns), timed=self.timed)
            every.union = every._compile()
            self._every = every
        return self._every

    def early(self, s: str) -> Union[TextRule, None, Literal[False]]:
        """The answer for a bucket that has not compiled its unions yet: the
        first rule of the union of every pattern (:meth:`every`) that
        matches ``s``, or ``False`` when it cannot tell. The patterns
        outside a bucket cannot match a text starting with its characters,
        so the answer is the bucket's. For a subset (``parent``), the
        parent's first match is the subset's when the subset holds that
        rule (no earlier rule matched) and ``None`` when nothing matched;
        a rule outside the subset leaves it to the bucket (``False``)."""
        if self._parent is None:
            return self.every().match(s)
        hit = self._parent.every().match(s)
        if hit is None or hit.id in self._ids:
            return hit
        return False

    def bucket(self, first: str) -> "_Bucket":
        """The text rules that can match a text starting with ``first``.

        Each pattern is asked (``regex`` partial matching) whether a text
        starting with ``first`` could match it; only those join the bucket, so
        a block is tested against a handful of patterns, not all of them.
        Characters that admit the same patterns share one bucket.
        """
        bucket = self._buckets.get(first)
        if bucket is not None:
            return bucket
        subset = tuple((i, p, rx) for i, p, rx in self._patterns if rx.match(first, partial=True))
        key = tuple((i, p) for i, p, _ in subset)
        bucket = self._buckets_by_subset.get(key)
        if bucket is None:
            bucket = _Bucket(self.rules, subset, self.early, self.timed)
            self._buckets_by_subset[key] = bucket
        if len(self._buckets) < MATCH_CACHE_SIZE:
            self._buckets[first] = bucket
        return bucket

    def match(self, text: str) -> Optional[TextRule]:
        """The first rule matching ``text`` (see :meth:`Ruleset.match_text`)."""
        if len(text) > self._max_chars:
            return None
        s = _cue_text(text)
        if not s:
            return None
        cached: Union[TextRule, None, Literal[False]] = self._cache.get(s, False)
        if cached is not False:
            return cached if cached is None or len(s) <= cached.max_chars else None
        hit = self.bucket(s[0]).match(s)
        if len(self._cache) >= MATCH_CACHE_SIZE:
            self._cache.clear()
        self._cache[s] = hit
        return hit if hit is None or len(s) <= hit.max_chars else None


class _Bucket:
    """The text rules one first character admits, and how to test them.

    A bucket compiles its patterns into two union regexes (whole-block and
    prefix), which test all patterns in one pass. Until it has been used
    :data:`UNION_AFTER_USES` times, ``early`` (:meth:`_Cues.early`: the
    union of every pattern, compiled once for the ruleset) answers for it,
    and the patterns are tried one by one only where that cannot tell; so
    the first pages of a fresh process pay neither for compiling a union
    per first character (about 10 ms each) nor for testing patterns one by
    one.
    """

    __slots__ = ("rules", "block", "prefix", "uses", "union", "early", "timed")

    def __init__(
        self, rules: list[TextRule], subset: tuple[tuple[int, str, regex.Pattern[str]], ...],
        early: Optional[Callable[[str], Union[TextRule, None, Literal[False]]]] = None, timed: bool = True,
    ) -> None:
        self.rules = rules
        self.block = [(i, p, rx) for i, p, rx in subset if rules[i].match == "block"]
        self.prefix = [(i, p, rx) for i, p, rx in subset if rules[i].match != "block"]
        self.uses = 0
        self.union: Optional[tuple[Optional[regex.Pattern[str]], Optional[regex.Pattern[str]]]] = None
        self.early = early
        self.timed = timed

    def match(self, s: str) -> Optional[TextRule]:
        """The first rule whose pattern matches the whole of ``s`` (block
        rules) or its start (prefix rules), block rules first."""
        if self.union is None:
            self.uses += 1
            if self.uses < UNION_AFTER_USES:
                if not self.block and not self.prefix:
                    return None
                hit = self.early(s) if self.early is not None else False
                return self._match_one_by_one(s) if hit is False else hit
            self.union = self._compile()
        block_re, prefix_re = self.union
        if not self.timed:  # the shipped patterns (probed by the tests): no timer (~3 µs a call)
            m = block_re.match(s) if block_re is not None else None
            if m is None and prefix_re is not None:
                m = prefix_re.match(s)
        else:
            try:
                m = block_re.match(s, timeout=MATCH_TIMEOUT) if block_re is not None else None
                if m is None and prefix_re is not None:
                    m = prefix_re.match(s, timeout=MATCH_TIMEOUT)
            except TimeoutError:
                return None  # a safety net only: load_rules refuses patterns that backtrack
        return self.rules[int(m.lastgroup[1:])] if m is not None and m.lastgroup is not None else None

    def _match_one_by_one(self, s: str) -> Optional[TextRule]:
        try:
            for i, _, rx in self.block:
                m = rx.fullmatch(s, timeout=MATCH_TIMEOUT)
                if m is not None:
                    return self.rules[i]
            for i, _, rx in self.prefix:
                if rx.match(s, timeout=MATCH_TIMEOUT) is not None:
                    return self.rules[i]
        except TimeoutError:
            return None
        return None

    def _compile(self) -> tuple[Optional[regex.Pattern[str]], Optional[regex.Pattern[str]]]:
        def union(items: list[tuple[int, str, regex.Pattern[str]]], tail: str) -> Optional[regex.Pattern[str]]:
            by_rule: dict[int, list[str]] = {}
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

#: Longest a text pattern of a ruleset a caller loaded (or extended the
#: shipped one with) may take on one block, in seconds. Patterns are checked
#: when loaded (:func:`check_pattern`), so this is a safety net: a match that
#: runs out keeps its block (no text is lost) and costs at most this long.
#: The shipped rules alone run without it (the timer costs about 3 µs a
#: match, a fifth of a cue test); the tests probe every shipped pattern.
MATCH_TIMEOUT = 0.05
#: Longest a pattern may take on one adversarial text when loaded, in
#: seconds; the shipped patterns take microseconds.
PROBE_TIMEOUT = 0.05

#: Constructs refused in text patterns, because the engine combines a
#: bucket's patterns into one regex (:class:`_Bucket`), where their meaning
#: would change: backreferences and subroutine calls (group numbers and
#: names shift), named groups (the union names its groups), conditionals,
#: and global inline flags such as ``(?x)`` or ``(?s)`` (they would apply to
#: every pattern; scoped ``(?i:...)`` is fine).
_REFUSED = (
    (regex.compile(r"\x00|\(\?P?=|\(\?P>|\(\?&|\(\?R\)|\(\?[+-]?[0-9]"), "backreferences and subroutine calls"),
    (regex.compile(r"\(\?P?<(?![=!])|\(\?'"), "named groups"),
    (regex.compile(r"\(\?\("), "conditionals"),
    (regex.compile(r"\(\?[a-zA-Z-]+\)|\(\?\^"), "global inline flags (use a scoped group such as (?i:...))"),
)
#: Escapes and character sets: replaced before looking for refused
#: constructs (a backreference escape by a NUL, anything else by ``x``).
_SKIPPED = regex.compile(r"\\[pPNx]\{[^}]*\}|\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", regex.S)


def _skip(m: "regex.Match[str]") -> str:
    token = m.group(0)
    return "\x00" if token[:1] == "\\" and token[1:2] in "123456789gk" and len(token) == 2 else "x"
_PROBE_WORD = regex.compile(r"[^\W\d_]+")


def check_pattern(pattern: str, match: str = "block", *, probe: bool = True, where: str = "pattern") -> None:
    """Refuse a text pattern that does not compile, that uses a construct
    whose meaning would change when combined with others (:data:`_REFUSED`),
    or (with ``probe``) that takes over :data:`PROBE_TIMEOUT` seconds on one
    of the adversarial texts of :func:`adversarial_texts` -- the signature of
    catastrophic backtracking, e.g. ``(a|aa)+$`` or ``(\\w+\\s?)+$``.

    Args:
        pattern: the regex, as written in a rules file.
        match: ``"block"`` (tested as a full match) or ``"prefix"``.
        probe: also run the adversarial texts (``load_rules`` does; the
            shipped rules are probed by ``benchmarks/scaling.py``).
        where: the rule's location, for the error message.

    Raises:
        RulesError: as above.

    Bound: O(len(pattern)) for the checks; the probe runs a fixed number of
    texts of at most :data:`MAX_CUE_BLOCK_CHARS_LIMIT` characters, each for
    at most :data:`PROBE_TIMEOUT` seconds.
    """
    if not isinstance(pattern, str):
        raise RulesError(f"{where}: pattern {pattern!r} is not a string")
    try:
        compiled = regex.compile(pattern, TEXT_FLAGS)  # same flags as in use: regex's cache serves _compile
    except (regex.error, RecursionError, OverflowError, ValueError) as exc:
        raise RulesError(f"{where}: pattern {pattern!r}: {exc}") from exc
    bare = _SKIPPED.sub(_skip, pattern)
    for construct, what in _REFUSED:
        if construct.search(bare):
            raise RulesError(f"{where}: pattern {pattern!r}: {what} are not allowed in text patterns")
    if not probe:
        return
    run = compiled.fullmatch if match == "block" else compiled.match
    for text in adversarial_texts(pattern):
        try:
            run(text, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            raise RulesError(
                f"{where}: pattern {pattern!r} backtracks catastrophically (over {PROBE_TIMEOUT} s on a "
                f"{len(text)}-character text); avoid nested or overlapping repeats such as (a|aa)+ or (\\w+\\s?)+"
            ) from None


def adversarial_texts(pattern: str, n: int = MAX_CUE_BLOCK_CHARS_LIMIT) -> list[str]:
    """Texts of at most ``n`` characters that make a backtracking matcher work.

    Built from the pattern's own words and letters: each word repeated with
    and without spaces, all words cycled, the letters cycled, digits and
    spaces; each ending in a character no cue pattern expects (or in none),
    so that a matcher that can backtrack must try its alternatives to the end.
    """
    words = sorted(set(w.lower() for w in _PROBE_WORD.findall(pattern))) or ["a"]
    letters = "".join(sorted(set("".join(words))))
    fills = [" ".join(words), "".join(words), letters, " ".join(letters), "a", " ", "1 ", ". ", "ab "]
    fills += [w + " " for w in words[:20]] + [w for w in words[:20]]
    out = []
    for fill in fills:
        base = (fill * (n // max(len(fill), 1) + 1))[: n - 1]
        out.append(base + "\u00a7")  # '§': in no pattern
        out.append(base.strip() + "x")
        out.append(base)
    return out


# -- loading ---------------------------------------------------------------

def _as_list(value: Any, what: str, rid: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise RulesError(f"rule {rid!r}: {what} must be a string or a list of strings")


def _rows(doc: dict[str, Any], key: str, source: str) -> list[dict[str, Any]]:
    rows = doc.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RulesError(f"{source}: '{key}' must be an array of tables ([[{key}]])")
    return rows


def _check_keys(row: dict[str, Any], allowed: frozenset[str], rid: str, source: str) -> None:
    unknown = set(row) - allowed
    if unknown:
        raise RulesError(f"{source}: rule {rid!r}: unknown field(s) {', '.join(sorted(unknown))}")


_ELEMENT_KEYS = frozenset(("id", "tags", "tokens", "contains", "attrs", "action", "weight", "why", "max_chars", "guard", "off_for", "on_for", "relax", "cards"))
_GUARDS = {"share", "marker", "column"}
_TEXT_KEYS = frozenset(("id", "patterns", "match", "action", "why", "max_chars"))


def _rule_id(row: dict[str, Any], kind: str, source: str) -> str:
    rid = row.get("id")
    if not rid:
        raise RulesError(f"{source}: {kind} rule has no id")
    if not isinstance(rid, str):
        raise RulesError(f"{source}: {kind} rule has an id that is not a string: {rid!r}")
    return rid


def _why(row: dict[str, Any], rid: str, source: str) -> str:
    why = row.get("why", "")
    if not isinstance(why, str):
        raise RulesError(f"{source}: rule {rid!r}: why must be a string")
    return why


def _parse(doc: dict[str, Any], source: str, probe: bool) -> tuple[list[ElementRule], list[TextRule]]:
    version = doc.get("version", RULES_VERSION)
    if isinstance(version, bool) or version not in RULES_VERSIONS:
        raise RulesError(f"{source}: rules version {version!r}, this engine reads {', '.join(map(str, RULES_VERSIONS))}")
    language = doc.get("language", "")
    if not isinstance(language, str):
        raise RulesError(f"{source}: language must be a string")
    elements, texts = [], []
    for row in _rows(doc, "element", source):
        rid = _rule_id(row, "an element", source)
        _check_keys(row, _ELEMENT_KEYS, rid, source)
        action = row.get("action", "drop")
        if not isinstance(action, str) or action not in _ELEMENT_ACTIONS:
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
        guard = row.get("guard", "share")
        if not isinstance(guard, str) or guard not in _GUARDS:
            raise RulesError(f"{source}: rule {rid!r}: unknown guard {guard!r}")
        cards = row.get("cards")
        if cards not in (None, "content"):
            raise RulesError(f"{source}: rule {rid!r}: cards must be \"content\", not {cards!r}")
        if cards and action != "drop":
            raise RulesError(f"{source}: rule {rid!r}: cards = \"content\" is for drop rules")
        relax = row.get("relax", True)
        never_relaxed = relax == "never"
        if never_relaxed:
            relax = False
        elif not isinstance(relax, bool):
            raise RulesError(f"{source}: rule {rid!r}: relax must be true, false or \"never\"")
        rule = ElementRule(
            id=rid,
            action=action,
            tags=frozenset(t.lower() for t in _as_list(row.get("tags"), "tags", rid)),
            tokens=frozenset(t.lower() for t in _as_list(row.get("tokens"), "tokens", rid)),
            contains=tuple(s.lower() for s in _as_list(row.get("contains"), "contains", rid)),
            attrs=attrs,
            weight=float(weight),
            why=_why(row, rid, source),
            max_chars=el_max,
            guard=guard,
            off_for=frozenset(k.lower() for k in _as_list(row.get("off_for"), "off_for", rid)),
            on_for=frozenset(k.lower() for k in _as_list(row.get("on_for"), "on_for", rid)),
            relax=relax,
            never_relaxed=never_relaxed,
            cards_content=cards == "content",
        )
        if not (rule.tags or rule.tokens or rule.contains or rule.attrs):
            raise RulesError(f"{source}: rule {rid!r} matches nothing")
        elements.append(rule)
    for row in _rows(doc, "text", source):
        rid = _rule_id(row, "a text", source)
        _check_keys(row, _TEXT_KEYS, rid, source)
        patterns = _as_list(row.get("patterns"), "patterns", rid)
        if not patterns:
            raise RulesError(f"{source}: rule {rid!r} has no patterns")
        match = row.get("match", "block")
        if not isinstance(match, str) or match not in _TEXT_MATCH:
            raise RulesError(f"{source}: rule {rid!r}: unknown match {match!r}")
        for p in patterns:
            check_pattern(p, match, probe=probe, where=f"{source}: rule {rid!r}")
        action = row.get("action", "drop")
        if not isinstance(action, str) or action not in _TEXT_ACTIONS:
            raise RulesError(f"{source}: rule {rid!r}: unknown action {action!r}")
        max_chars = row.get("max_chars", MAX_CUE_BLOCK_CHARS)
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or not 0 < max_chars <= MAX_CUE_BLOCK_CHARS_LIMIT:
            raise RulesError(f"{source}: rule {rid!r}: max_chars must be an integer from 1 to {MAX_CUE_BLOCK_CHARS_LIMIT}")
        texts.append(TextRule(rid, tuple(patterns), match, action, _why(row, rid, source), language, max_chars))
    return elements, texts


_TOP_KEYS = frozenset(("version", "language", "element", "text", "vocabulary"))
_VOCABULARY_KEYS = frozenset(("modifier_tokens", "taxonomy_prefixes", "article_itemtypes", "article_classes"))


def _vocabulary(doc: dict[str, Any], source: str) -> Vocabulary:
    """The ``[vocabulary]`` table of a parsed rules file (empty when absent).

    Raises:
        RulesError: the table in a version 1 file; an unknown top-level key
            in a version 2 file; an unknown vocabulary key, a value that is
            not a list of strings, an empty word, or a taxonomy prefix that
            is not one or two class tokens.
    """
    version = doc.get("version", RULES_VERSION)
    if version == 1:
        if "vocabulary" in doc:
            raise RulesError(f"{source}: a [vocabulary] table needs version = 2")
        return Vocabulary()
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise RulesError(f"{source}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    table = doc.get("vocabulary", {})
    if not isinstance(table, dict):
        raise RulesError(f"{source}: 'vocabulary' must be a table ([vocabulary])")
    _check_keys(table, _VOCABULARY_KEYS, "vocabulary", source)
    lists = {}
    for key in _VOCABULARY_KEYS:
        words = [w.strip().lower() for w in _as_list(table.get(key), key, "vocabulary")]
        if not all(words):
            raise RulesError(f"{source}: vocabulary.{key} holds an empty word")
        lists[key] = words
    prefixes = []
    for word in lists["taxonomy_prefixes"]:
        toks = tuple(class_tokens(word))
        if not 1 <= len(toks) <= 2:
            raise RulesError(f"{source}: vocabulary.taxonomy_prefixes: {word!r} is not one or two class tokens")
        prefixes.append(toks)
    return Vocabulary(
        frozenset(lists["modifier_tokens"]), frozenset(prefixes), tuple(dict.fromkeys(lists["article_itemtypes"])),
        frozenset(lists["article_classes"]),
    )


def _ruleset(docs: Iterable[tuple[str, str]], probe: bool = False) -> Ruleset:
    """A :class:`Ruleset` from ``(source name, TOML text)`` pairs; with
    ``probe``, every pattern is also tried on adversarial texts
    (:func:`check_pattern`)."""
    elements, texts, sources = [], [], []
    vocabulary = Vocabulary()
    for source, text in docs:
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"cannot read rules file {source}: {exc}") from exc
        except RecursionError as exc:
            raise RulesError(f"cannot read rules file {source}: nested too deep") from exc
        e, t = _parse(doc, source, probe)
        vocabulary = vocabulary.merged(_vocabulary(doc, source))
        elements += e
        texts += t
        sources.append(source)
    return Ruleset(elements, texts, sources, vocabulary)


def _read(path: Union[str, Path]) -> tuple[str, str]:
    if not isinstance(path, (str, Path)):
        raise RulesError(f"a rules file path must be a str or Path, not {type(path).__name__}")
    try:
        return str(path), Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"cannot read rules file {path}: {exc}") from exc


def load_rules(*paths: Union[str, Path]) -> Ruleset:
    """Load rules from TOML files into a :class:`Ruleset`.

    Every text pattern is checked (:func:`check_pattern`): it must compile,
    must not use constructs whose meaning would change when the engine
    combines patterns (backreferences, named groups, global inline flags),
    and must not backtrack catastrophically on adversarial texts of up to
    :data:`MAX_CUE_BLOCK_CHARS_LIMIT` characters.

    Raises:
        RulesError: a file is missing, is not valid TOML (or nested too
            deep), or holds a malformed rule or a pattern refused above.
    """
    return _ruleset((_read(path) for path in paths), probe=True)


_DEFAULT: Optional[Ruleset] = None


def default_rules() -> Ruleset:
    """The rules shipped with boilerstrip (``rules/data/*.toml``), compiled once."""
    global _DEFAULT
    if _DEFAULT is None:
        data = resources.files(__package__).joinpath("data")
        entries = sorted((e for e in data.iterdir() if e.name.endswith(".toml")), key=lambda p: p.name)
        _DEFAULT = _ruleset((e.name, e.read_text(encoding="utf-8")) for e in entries)
        # The shipped patterns are probed for catastrophic backtracking by the
        # tests (tests/test_rules.py), so they run without the timer.
        _DEFAULT._cues.timed = False
        # compiled now, at import, not on the first pages a fresh process extracts
        _DEFAULT._cues.every()
    return _DEFAULT


def iter_rule_ids(rules: Ruleset) -> Iterable[str]:
    """Every rule id in ``rules``, element rules first."""
    r: Union[ElementRule, TextRule]
    for r in rules.element_rules:
        yield r.id
    for r in rules.text_rules:
        yield r.id


# The rules stage for elements (imported last: it reads the classes above).
from .annotation import Verdict, Verdicts, annotate  # noqa: E402
