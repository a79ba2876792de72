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
from typing import Union

from . import blocks, kind, score, select
from .errors import InputError

__all__ = ["Options", "DEFAULT_OPTIONS", "RELAX_BELOW_CHARS"]

#: The relaxed pass (element drop rules off) runs when the strict one keeps
#: fewer characters than this, and wins only when it keeps at least twice as
#: much and this many characters more: a short article next to a dropped box
#: stays short.
RELAX_BELOW_CHARS = 250

#: Fields that are shares or densities: a float in [0, 1].
_SHARES = frozenset((
    "drop_guard_share", "marker_guard_share", "good_max_link_density", "max_link_density",
    "teaser_card_share", "sibling_share", "sibling_para_link_density", "box_link_density",
    "main_landmark_share", "whole_region_share",
))  # fmt: skip
#: Fields that are counts (characters, blocks, words, levels): an int >= 0.
_COUNTS = frozenset((
    "data_table_max_cell_chars", "good_min_chars", "min_scored_chars", "card_max_chars",
    "card_max_blocks", "teaser_min_cards", "sibling_para_chars", "article_max_levels",
    "heading_skip_chars", "heading_max_chars", "sentence_min_words", "article_prose_blocks",
    "relax_below_chars",
))  # fmt: skip
#: Fields that are other non-negative numbers (a score, a cost).
_WEIGHTS = frozenset(("sibling_min_score", "bad_text_cost"))


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
    box_link_density: float = select.BOX_LINK_DENSITY
    """A container inside the region with more than this link density is a
    link box: its blocks are dropped (``density.linkbox``)."""
    article_max_levels: int = select.ARTICLE_MAX_LEVELS
    """How far above the region an enclosing ``<article>`` is looked for; its
    prose paragraphs before the region (a standfirst in the article header)
    join the main content."""
    bad_text_cost: float = select.BAD_TEXT_COST
    """Cost of one character of boilerplate against one of prose when the
    region grows from the top candidate to one of its ancestors."""
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

    # --- api (the relaxed pass) -----------------------------------------------
    relax_below_chars: int = RELAX_BELOW_CHARS
    """The relaxed pass (element drop rules off) runs when the strict one
    keeps fewer characters than this, and wins only when it keeps at least
    twice as much and this many characters more: a short article next to a
    dropped box stays short. 0 turns the relaxed pass off."""

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
        region (``whole_region_share`` 0). Chosen by measuring single fields,
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
            box_link_density=0.35,
            bad_text_cost=3.0,
            whole_region_share=0.0,
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
        )


def _check(name: str, value: Union[int, float]) -> None:
    """Raise :class:`InputError` when field ``name`` has a wrong type or range."""
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
