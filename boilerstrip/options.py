"""The thresholds that decide extraction, as one value: :class:`Options`.

``extract(html, options=Options(...))`` runs the pipeline with other
thresholds; ``Options()`` is the shipped behaviour, and the two presets
:meth:`Options.precision` and :meth:`Options.recall` trade one for the other
in the manner of trafilatura's ``favor_precision`` / ``favor_recall``.

Each default is the module constant of the stage that reads it
(``blocks.DROP_GUARD_SHARE``, ``score.GOOD_MIN_CHARS``, ...): that constant
is the single source of the value, and the stage reads the field of the
``Options`` it is handed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import difflib
import math
from typing import Any, Iterable, Optional, Union

from . import blocks, kind, listing, score, select
from .rules.annotation import COLUMN_GUARD_CHARS, NESTED_GUARD_SHARE
from .errors import InputError

__all__ = ["Options", "DEFAULT_OPTIONS", "RELAX_BELOW_CHARS", "PRESETS", "options_from_settings"]

#: The relaxed pass (element drop rules off) runs when the strict one keeps
#: fewer characters than this, and wins only when it keeps at least twice as
#: much and this many characters more: a short article next to a dropped box
#: stays short.
RELAX_BELOW_CHARS = 250

#: Fields that are shares or densities: a float in [0, 1].
_SHARES = frozenset((
    "drop_guard_share", "marker_guard_share", "nested_guard_share", "good_max_link_density", "max_link_density",
    "teaser_card_share", "sibling_share", "sibling_para_link_density", "box_link_density",
    "main_landmark_share", "whole_region_share", "region_max_link_density", "docs_box_link_density",
    "sections_share",
))  # fmt: skip
#: Fields that are counts (characters, blocks, words, levels): an int >= 0.
_COUNTS = frozenset((
    "data_table_max_cell_chars", "good_min_chars", "min_scored_chars", "card_max_chars",
    "card_max_blocks", "teaser_min_cards", "sibling_para_chars", "article_max_levels",
    "heading_skip_chars", "heading_max_chars", "sentence_min_words", "article_prose_blocks",
    "relax_below_chars", "slug_id_min_words", "column_guard_chars", "listing_card_max_chars",
    "listing_card_max_blocks", "listing_card_min_chars", "card_min_blocks", "repeat_min_run", "repeat_min_chars", "sections_min_prose",
    "listing_max_article_chars", "listing_min_chars", "family_min_members", "family_max_levels",
))  # fmt: skip
#: Fields that are other non-negative numbers (a score, a cost).
_WEIGHTS = frozenset(("sibling_min_score", "bad_text_cost", "sections_prose_ratio", "listing_min_gain",
                      "listing_url_min_gain"))
#: Fields that are switches: a ``bool``.
_FLAGS = frozenset(("learned_scorer",))


@dataclass(frozen=True)
class Options:
    """The thresholds of the extraction stages; ``Options()`` is the default.

    Shares and densities are floats in [0, 1]; character, block, word and
    level counts are ints >= 0; ``sibling_min_score`` and ``bad_text_cost``
    are floats >= 0. Build a variant with ``dataclasses.replace(Options(),
    good_min_chars=60)`` or one of the presets :meth:`precision` and
    :meth:`recall`.

    Raises:
        InputError: a field of the wrong type (``bool`` is not a number here)
            or out of its range, with the field's name and value.
    """

    # --- blocks (stage 4: the walk) -------------------------------------------
    drop_guard_share: float = blocks.DROP_GUARD_SHARE
    """An element drop rule is overruled when the element holds at least this
    share of the page's text: boilerplate is never most of a page that has an
    article. Tuned on the development datasets (0.5–0.7 behave alike)."""
    marker_guard_share: float = blocks.MARKER_GUARD_SHARE
    """A drop rule is also overruled on an element that holds the article's
    markers (the first ``<h1>``, ``itemprop=articleBody``) and at least this
    share of the page's text: a class like ``sidebar_content`` on the column
    that holds the story must not delete the story."""
    nested_guard_share: float = NESTED_GUARD_SHARE
    """Inside an element whose drop rule the share or marker guard overruled,
    the same rule is overruled on a descendant holding at least this share
    of that element's text (the column's inner wrappers repeat the class
    token that named the page: ``newsletter-wrapper`` inside
    ``cc-newsletter``); a smaller box of the rule's kind inside still drops.
    Not for the rules only the article's markers overrule (comment
    sections). 1 keeps only a wrapper holding all of it."""
    slug_id_min_words: int = blocks.SLUG_ID_MIN_WORDS
    """An element whose ``id`` spells the text of its heading in at least this
    many words (Sphinx's ``<section id="respond-to-review-comments">``) is
    matched by the element rules on its class alone: the id is a slug of the
    author's heading, not a role. Measured on the four shared sets (drops by
    such ids): three or more words, 305 4-token shingles of gold text and 7
    outside it; one or two words ("comments", "related-topics"), 264 and
    13,160. 0 reads every id."""
    column_guard_chars: int = COLUMN_GUARD_CHARS
    """A drop rule with ``guard = "column"`` is overruled on an element inside
    the article column (``<article>``, ``<main>``, an article element)
    holding at least this many characters (whitespace collapsed): a section
    of prose. Shorter boxes there are the article's own chrome (a likes
    widget, ~25 characters); the shortest page-builder text section seen on
    wcxb-dev holds 216."""
    data_table_max_cell_chars: int = blocks.DATA_TABLE_MAX_CELL_CHARS
    """Average characters per cell above which a ``<table>`` is layout (walked
    as containers), not data (one ``table`` block)."""

    # --- score (stages 5-6: block classes and container scores) ---------------
    good_min_chars: int = score.GOOD_MIN_CHARS
    """Characters from which a block with few links counts as prose
    (``good``). jusText's ``length_low`` is 70; 80 separates sentences from
    menu labels and headlines on the development sets."""
    good_max_link_density: float = score.GOOD_MAX_LINK_DENSITY
    """Link density at or below which a long block is prose (jusText: 0.2; a
    news paragraph with two inline links sits around 0.2–0.3)."""
    max_link_density: float = score.MAX_LINK_DENSITY
    """Link density above which a block is a link list, menu or teaser line
    (``bad``, reason ``density.links``; Readability removes containers above
    0.5). Also the share of a card's first block that must be link text."""
    min_scored_chars: int = score.MIN_SCORED_CHARS
    """Blocks shorter than this add nothing to a container's content score
    (Readability: 25)."""
    card_max_chars: int = score.CARD_MAX_CHARS
    """A teaser card holds at most this many characters (headline, summary,
    date, section)."""
    card_max_blocks: int = score.CARD_MAX_BLOCKS
    """A teaser card holds at most this many blocks."""
    teaser_min_cards: int = score.TEASER_MIN_CARDS
    """A teaser list has at least this many cards of one tag among its children."""
    teaser_card_share: float = score.TEASER_CARD_SHARE
    """A teaser list's cards of that one tag hold at least this share of its text."""
    listing_card_max_chars: int = score.LISTING_CARD_MAX_CHARS
    """In the listing pass (:mod:`boilerstrip.listing`) a card holds at most
    this many characters: a product or search-result card has a title, a
    line of facts, a few feature bullets and a price."""
    listing_card_max_blocks: int = score.LISTING_CARD_MAX_BLOCKS
    """... and at most this many blocks."""
    listing_card_min_chars: int = score.LISTING_CARD_MIN_CHARS
    """In the listing pass, the links of a card list do not lower its
    containers' content scores when its cards hold at least this many
    characters on average (and two blocks): a linked title with a summary,
    where the whole card is often one link. Chosen on the shared sets: the
    link-dense card grids of wcxb-dev's news section fronts that this lifts
    hold 177 to 440 characters a card (200 loses one of them); a
    documentation page's side menu of linked topics with a one-line note
    each holds 70 to 150, and at 0 or 100 it took the place of the page's
    own text. Lists of one-block cards (headlines alone, a blogroll) never
    qualify (``card_min_blocks``)."""
    card_min_blocks: int = score.CARD_MIN_BLOCKS
    """In the listing pass a card list earns a content score, and its links
    can be left out of its containers' link density, only when its cards
    hold at least this many blocks on average: an item of a listing shows
    more than its link. Cards of one block (a linked headline alone: a "most
    read" or "latest" box beside a short article, dragnet-dev) get neither."""

    # --- select (stage 7: the main-content region) ----------------------------
    sibling_share: float = select.SIBLING_SHARE
    """A sibling of the top candidate joins the region when its score reaches
    this share of the top's (Readability: 0.2, with a floor of 10)."""
    sibling_min_score: float = select.SIBLING_MIN_SCORE
    """The floor of that sibling threshold (Readability: 10)."""
    sibling_para_chars: int = select.SIBLING_PARA_CHARS
    """A sibling paragraph (a leaf container of prose) joins the region when
    it holds this many prose characters (Readability: ``<p>`` siblings, 80)."""
    sibling_para_link_density: float = select.SIBLING_PARA_LINK_DENSITY
    """... with a link density below this (Readability: 0.25); also the
    largest link density of a standfirst kept from before the region."""
    family_min_members: int = select.FAMILY_MIN_MEMBERS
    """The region also takes the siblings that share the class (or the
    ``<section>``/``<article>`` tag) of the top candidate or of one of its
    nearest ancestors (:attr:`family_max_levels`) when there are at least
    this many such parts and another of them holds more prose than
    boilerplate: the sections of an article or a service page written as a
    run of like sections. 0 turns it off."""
    family_max_levels: int = select.FAMILY_MAX_LEVELS
    """How many ancestors above the top candidate are looked at for a run
    of like sections (:attr:`family_min_members`)."""
    box_link_density: float = select.BOX_LINK_DENSITY
    """A container inside the region with more than this link density is a
    link box: its blocks are dropped (``density.linkbox``)."""
    docs_box_link_density: float = select.DOCS_BOX_LINK_DENSITY
    """On documentation pages, a container inside the region is a link box
    only above this link density (``box_link_density`` elsewhere): a list of
    linked topics with a word or two each is part of the page, a list of
    nothing but links is not. 0.9, 0.95 and 0.99 lift wcxb-dev's
    documentation pages alike (+0.0015 to +0.0018 F1)."""
    article_max_levels: int = select.ARTICLE_MAX_LEVELS
    """How far above the region an enclosing ``<article>`` is looked for; its
    prose paragraphs before the region (a standfirst in the article header)
    join the main content."""
    bad_text_cost: float = select.BAD_TEXT_COST
    """Cost of one character of boilerplate against one of prose when the
    region grows from the top candidate to one of its ancestors."""
    region_max_link_density: float = select.LINKED_PROSE_MAX_DENSITY
    """Inside the region, a paragraph or list item of at least 60 characters
    dropped for its link density (above ``max_link_density``) is kept below
    this density when its container is not a link box: a sentence of the
    article that is mostly one link. At or below ``max_link_density``: off."""
    heading_skip_chars: int = select.HEADING_SKIP_CHARS
    """Dropped blocks shorter than this (bylines, share lines) between a
    heading and its text do not count against the heading; a dropped block
    this long cuts off the short blocks after the article's last prose."""
    heading_max_chars: int = select.HEADING_MAX_CHARS
    """Longer "headings" are standfirsts set in a heading tag: prose, kept on
    their own even when what follows is dropped."""
    sentence_min_words: int = select.SENTENCE_MIN_WORDS
    """A short block after the article's last prose block survives when it is
    a sentence: this many words, ending in sentence punctuation."""
    repeat_min_run: int = select.REPEAT_MIN_RUN
    """A run of at least this many kept blocks that repeats, in order, a run
    before it is a second copy of the article (a hidden preview, a print
    copy, mobile and desktop layouts) and is dropped (``dup.repeat``); one
    repeated block alone stays (a quoted post, a recurring question). A
    run of two gained on dragnet-dev and wcxb-dev and lost nothing on
    scrapinghub; single blocks lost there. 0 turns it off."""
    repeat_min_chars: int = select.REPEAT_MIN_CHARS
    """Blocks shorter than this (labels, "Read more", credits, subheadings)
    do not count toward ``repeat_min_run``; inside a run they repeat in
    order with the longer blocks, they go with it."""
    main_landmark_share: float = select.MAIN_LANDMARK_SHARE
    """A ``<main>`` landmark (or ``role=main``) is the whole region of a
    non-article page when it holds at least this share of the page's text
    outside dropped subtrees; a smaller one is a widget named ``main``."""

    # --- kind (which selection serves the page) -------------------------------
    whole_region_share: float = kind.WHOLE_REGION_SHARE
    """The article selection is replaced by the whole main region when it
    keeps less than this share of the region's text on a page that declares
    another kind. Chosen on the four shared sets, with the switch simulated
    per page from the two selections' outputs: 0.25, 1/3 and 0.5 lifted
    wcxb-dev alike (+0.018 to +0.021 F1), and above 1/3 scrapinghub articles
    began to switch. 0 never switches."""
    article_prose_blocks: int = kind.ARTICLE_PROSE_BLOCKS
    """A page whose only evidence is ``og:type=website`` (the default of most
    CMSs, articles included) is an article when its article selection keeps
    at least this many prose blocks."""

    sections_share: float = kind.SECTIONS_SHARE
    """A landing page of sibling sections gets its whole region, whatever it
    declares, when the article selection keeps less than this share of the
    region's text ... (see :data:`boilerstrip.kind.SECTIONS_SHARE` for how
    the three values were chosen on the four shared sets)."""
    sections_min_prose: int = kind.SECTIONS_MIN_PROSE
    """... and the region holds at least this many more prose blocks than
    the selection ..."""
    sections_prose_ratio: float = kind.SECTIONS_PROSE_RATIO
    """... and this many times as many."""

    # --- listing (the listing pass) -------------------------------------------
    listing_max_article_chars: int = listing.LISTING_MAX_ARTICLE_CHARS
    """The listing pass (card lists counted as content,
    :mod:`boilerstrip.listing`) runs when the article selection keeps fewer
    characters than this; 0 turns it off."""
    listing_min_gain: float = listing.LISTING_MIN_GAIN
    """The listing selection wins when it keeps at least this many times the
    article selection's characters ..."""
    listing_min_chars: int = listing.LISTING_MIN_CHARS
    """... and at least this many characters."""
    listing_url_min_gain: float = listing.LISTING_URL_MIN_GAIN
    """On a page whose URL has the shape of a hub of cards or sections (a
    home page, a ``/category/``, ``/collections/`` or ``/services/`` segment,
    a one-word path such as ``/news``: :func:`boilerstrip.kind.hub_url`) the
    listing pass runs whatever the article selection kept, and its selection
    wins when it keeps at least this many times as much text (and 600
    characters). Chosen on the four shared sets with both selections run on
    every page and the switch simulated per page (the pages without a URL,
    all of dragnet-dev, never switch): at 1.5 the pages that switch are wcxb
    listing pages (a blog's or a news section's front whose lead summary or
    introduction passed 600 characters), hub home pages and a service
    section, none of them lower; at 1.34 a product's home page lost 0.07 F1
    to its feature cards, at 1.1 a German blog article (trafilatura-dev)
    lost 0.25. 2 and 3 switched only the three pages of largest gain. 0 turns this
    hub rule off (``listing_max_article_chars`` 0 turns the whole pass off)."""

    # --- api (the relaxed pass) -----------------------------------------------
    relax_below_chars: int = RELAX_BELOW_CHARS
    """The relaxed pass (element drop rules off) runs when the strict one
    keeps fewer characters than this, and wins only when it keeps at least
    twice as much and this many characters more: a short article next to a
    dropped box stays short. 0 turns the relaxed pass off."""

    # --- learned (stage 7b: the learned block scorer) -----------------------------
    learned_scorer: bool = False
    """Re-decide the blocks where the hand-set scorer is least sure with the
    model shipped in ``boilerstrip/model/blocks.json``
    (:mod:`boilerstrip.learned`; refitted by ``python -m benchmarks.learn``).
    Its cross-validated figures (five folds split by site: no site both in
    training and in scoring) pass the project's keep rule: body F1
    dragnet-dev 0.8935 → 0.9026, scrapinghub 0.9724 → 0.9715,
    trafilatura-dev 0.9411 → 0.9411, wcxb-dev 0.8195 → 0.8219, macro
    +0.0026 (``python -m benchmarks.compare 6117b7a WORKTREE`` with it on,
    the model fitted on every site: +0.0145, +0.0023, −0.0006, +0.0083,
    macro +0.0061). Off by default all the same: on five hand-written
    fixtures of failure kinds the project fixed it undoes the fix (a
    related-story headline and a label after the article kept again, a
    forum's posts and a documentation reference list thinned)."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            _check(f.name, getattr(self, f.name))

    @classmethod
    def precision(cls) -> Options:
        """Fewer boilerplate lines, at some cost in article text (in the
        manner of trafilatura's ``favor_precision``).

        Prose must be longer (``good_min_chars`` 120) with fewer links (a
        block or a box above 0.35 link density is dropped), the region grows
        to an ancestor only when that costs little boilerplate
        (``bad_text_cost`` 3.0), and a page is never given its whole main
        region (``whole_region_share`` 0). The learned scorer is off: it was
        fitted on the default thresholds' selections. Chosen by measuring single fields,
        then their combinations, on scrapinghub and trafilatura-dev with
        ``benchmarks/compare.py``. Measured (``python -m benchmarks.compare
        --table peer:trafilatura-precision HEAD HEAD+precision`` at 0e6e0ac;
        body F1 (precision / recall), default → preset; last column:
        trafilatura 2.3.1 ``favor_precision``)::

            scrapinghub      0.972 (0.963/0.982) → 0.972 (0.970/0.974)   (0.964)
            trafilatura-dev  0.941 (0.941/0.941) → 0.929 (0.951/0.909)   (0.915)
            dragnet-dev      0.894 (0.913/0.875) → 0.886 (0.916/0.858)   (0.905)
            wcxb-dev         0.820 (0.824/0.815) → 0.781 (0.837/0.732)   (0.781)
        """
        return cls(
            good_min_chars=120,
            max_link_density=0.35,
            region_max_link_density=0.35,
            box_link_density=0.35,
            bad_text_cost=3.0,
            whole_region_share=0.0,
            learned_scorer=False,
        )

    @classmethod
    def recall(cls) -> Options:
        """More of the article's text, at some cost in boilerplate (in the
        manner of trafilatura's ``favor_recall``).

        Shorter blocks count as prose (``good_min_chars`` 50), only very
        link-dense blocks and boxes are dropped (above 0.8 and 0.85), more
        siblings join the region (``sibling_share`` 0.1, floor 5), the region
        grows to an ancestor more readily (``bad_text_cost`` 0.8), and the
        relaxed pass (drop rules off) is tried below 600 kept characters.
        The learned scorer is off, as in :meth:`precision`.
        Chosen like :meth:`precision`. Measured (``python -m benchmarks.compare
        --table peer:trafilatura-recall HEAD HEAD+recall`` at 0e6e0ac; body
        F1 (precision / recall), default → preset; last column: trafilatura
        2.3.1 ``favor_recall``)::

            scrapinghub      0.972 (0.963/0.982) → 0.966 (0.947/0.986)   (0.958)
            trafilatura-dev  0.941 (0.941/0.941) → 0.937 (0.913/0.962)   (0.914)
            dragnet-dev      0.894 (0.913/0.875) → 0.892 (0.892/0.891)   (0.906)
            wcxb-dev         0.820 (0.824/0.815) → 0.826 (0.816/0.837)   (0.809)
        """
        return cls(
            good_min_chars=50,
            max_link_density=0.8,
            box_link_density=0.85,
            sibling_share=0.1,
            sibling_min_score=5.0,
            bad_text_cost=0.8,
            relax_below_chars=600,
            learned_scorer=False,
        )


def _check(name: str, value: Union[int, float, bool]) -> None:
    """Raise :class:`InputError` when field ``name`` has a wrong type or range."""
    if name in _FLAGS:
        if not isinstance(value, bool):
            raise InputError(f"Options.{name} must be a bool, not {type(value).__name__}")
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"Options.{name} must be a number, not {type(value).__name__}")
    if name in _COUNTS:
        if not isinstance(value, int):
            raise InputError(f"Options.{name} must be an int (a count), not {value!r}")
        if value < 0:
            raise InputError(f"Options.{name} must be >= 0, not {value!r}")
    elif name in _SHARES:
        if not 0.0 <= value <= 1.0:
            raise InputError(f"Options.{name} must be between 0 and 1 (a share), not {value!r}")
    elif name in _WEIGHTS:
        if not 0.0 <= value < float("inf"):
            raise InputError(f"Options.{name} must be a finite number >= 0, not {value!r}")
    else:  # pragma: no cover - every field is in one of the sets (tested)
        raise AssertionError(f"Options.{name} has no range")


#: ``Options()``: what :func:`~boilerstrip.extract` uses when given none.
DEFAULT_OPTIONS = Options()


#: The named presets: ``--preset NAME`` on the command lines, ``Options.NAME()`` in Python.
PRESETS = ("precision", "recall")


def options_from_settings(preset: Optional[str] = None, settings: Iterable[str] = ()) -> Options:
    """An :class:`Options` from a preset name and ``NAME=VALUE`` settings,
    as the command lines take them (``--preset recall --option good_min_chars=60``).

    Args:
        preset: ``None`` (start from ``Options()``) or one of :data:`PRESETS`.
        settings: ``"NAME=VALUE"`` strings, applied in order over the preset;
            ``NAME`` is an :class:`Options` field, ``VALUE`` a decimal number
            (an integer for count fields, e.g. ``good_min_chars=60``; any
            number for shares and weights, e.g. ``max_link_density=0.4``).
            A later setting of the same field wins.

    Returns:
        The options; ``Options()`` when neither is given.

    Raises:
        InputError: an unknown preset; a setting without ``=``; an unknown
            field (the message names the closest fields, or lists them all);
            a value that is not a number of the field's type or is out of
            its range (see :class:`Options`).

    Bound: O(settings × fields).
    """
    if preset is not None and preset not in PRESETS:
        raise InputError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}")
    base: Options = getattr(Options, preset)() if preset is not None else Options()
    fields = {f.name: f for f in dataclasses.fields(Options)}
    changes: dict[str, Any] = {}
    for setting in settings:
        name, sep, raw = str(setting).partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or not name:
            raise InputError(f"option {setting!r}: write NAME=VALUE, e.g. good_min_chars=60")
        if name not in fields:
            close = difflib.get_close_matches(name, fields, n=3)
            hint = f"did you mean {', '.join(close)}?" if close else f"the options are: {', '.join(fields)}"
            raise InputError(f"unknown option {name!r}: {hint}")
        value = _number(name, raw, name in _COUNTS)
        try:
            _check(name, value)
        except InputError as exc:
            raise InputError(f"option {name}={raw}: {exc}") from None
        changes[name] = value
    return dataclasses.replace(base, **changes) if changes else base


def _number(name: str, raw: str, count: bool) -> Union[int, float]:
    """``raw`` read as an int (``count``) or a finite float, else :class:`InputError`."""
    try:
        value: Union[int, float] = int(raw) if count else float(raw)
    except ValueError:
        what = "an integer" if count else "a number"
        raise InputError(f"option {name}={raw!r}: the value must be {what}") from None
    if not count and not math.isfinite(value):
        raise InputError(f"option {name}={raw!r}: the value must be a finite number")
    return value
