"""The listing pass: pages whose main content is a list or grid of cards.

A listing or collection page (a section front, a category of reviews, a
shop's product grid, a trending list) shows its items as cards: a linked
title, a summary or a line of facts, a price. The article selection reads
those cards as teasers (:func:`boilerstrip.score._mark_teaser_lists`) and
their linked titles as link lists, and keeps whatever one article-like block
is left: the page's one-line introduction, a cookie notice. Many such pages
call themselves articles (``og:type=article`` is the default of most CMSs),
so :mod:`boilerstrip.kind` never gives them the whole region.

When the article selection keeps little (under
:data:`LISTING_MAX_ARTICLE_CHARS`), the page is selected a second time with
its card lists counted as content (``cards_are_content`` in
:func:`boilerstrip.score.aggregate`: lists of cards are not teasers, their
linked titles not link lists, and a card may be a product card of up to
:data:`boilerstrip.score.LISTING_CARD_MAX_BLOCKS` blocks with its link
anywhere). That selection wins when it keeps at least
:data:`LISTING_MIN_GAIN` times as much text, and at least
:data:`LISTING_MIN_CHARS` characters.

A page whose URL has the shape of a hub (:func:`boilerstrip.kind.hub_url`:
a home page, ``/category/...``, ``/services/...``, a one-word path such as
``/news``) is selected with its card lists counted as content whatever its
article selection kept: a section front or a home page often has a lead
story's summary or an introduction of more than 600 characters above its
cards, and the article selection keeps that and drops the linked card
titles. There the listing selection wins when it keeps at least
``Options.listing_url_min_gain`` times as much text (and
:data:`LISTING_MIN_CHARS`).

The listing pass leaves out the drop rules marked ``cards = "content"``
(the ad, banner and related-box class rules): a category page's cards often
carry the classes of teaser boxes ("recirc-list", "popular", "promo").
When such a rule matched nothing in the pass before, the listing pass
reuses that pass's verdicts and walk (see :func:`boilerstrip.api._select`).

Why an article keeps its article: an article, even a short brief next to a
long "related" box, keeps its prose in the strict pass — the figures below
were chosen so that no scrapinghub or dragnet-dev page switched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .options import Options

__all__ = [
    "LISTING_MAX_ARTICLE_CHARS", "LISTING_MIN_GAIN", "LISTING_MIN_CHARS", "LISTING_URL_MIN_GAIN", "worth_trying",
    "prefers_listing",
]

#: The listing pass is tried when the article selection keeps fewer
#: characters than this. Chosen on the four shared sets with both passes
#: run on every page (the switch simulated per page): at 600, the pages that
#: switch are wcxb listing, collection and service pages whose article
#: selection kept their one-line intro; at 1,000 a dragnet-dev article
#: (730 characters beside a 28-card "more stories" grid) switched too.
LISTING_MAX_ARTICLE_CHARS = 600
#: The listing selection wins when it keeps at least this many times the
#: article selection's characters (3 and 4 behaved alike on the shared sets) ...
LISTING_MIN_GAIN = 4.0
#: ... and at least this many characters: a page of two teasers is no listing.
LISTING_MIN_CHARS = 600
#: On a page whose URL has the shape of a hub the listing selection wins when
#: it keeps at least this many times the article selection's characters,
#: however much that kept (the default of ``Options.listing_url_min_gain``,
#: which says where the value came from).
LISTING_URL_MIN_GAIN = 1.5


def worth_trying(article_chars: int, options: Options) -> bool:
    """True when the article selection kept so little that the page may be
    a listing: fewer than ``options.listing_max_article_chars`` characters
    (default :data:`LISTING_MAX_ARTICLE_CHARS`; 0: never)."""
    return article_chars < options.listing_max_article_chars


def prefers_listing(article_chars: int, listing_chars: int, options: Options, hub: bool = False) -> bool:
    """True when the listing selection (``listing_chars`` kept) serves the
    page better than the article selection (``article_chars`` kept): at
    least ``options.listing_min_chars``, and ``options.listing_min_gain``
    times the article's when that kept little (:func:`worth_trying`), or,
    when ``hub`` (the page's URL has the shape of a hub,
    :func:`boilerstrip.kind.hub_url`), ``options.listing_url_min_gain``
    times the article's whatever it kept (defaults and their figures: the
    module docstring and :class:`~boilerstrip.options.Options`)."""
    if listing_chars < options.listing_min_chars:
        return False
    if worth_trying(article_chars, options) and listing_chars >= options.listing_min_gain * article_chars:
        return True
    return hub and listing_chars > article_chars and listing_chars >= options.listing_url_min_gain * article_chars
