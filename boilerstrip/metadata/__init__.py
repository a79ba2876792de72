"""The metadata stage: title, authors, dates, language, site name, description,
lead image, categories and tags.

Public API:

* :class:`Metadata` and :func:`collect_metadata` (the pipeline's stage 8);
* :func:`normalize_authors`: a credit line -> author names;
* :func:`parse_date`: a date string -> ISO 8601 or None.

Modules, one job each: :mod:`.meta` (``<meta>``/``<link>``), :mod:`.jsonld`
(JSON-LD), :mod:`.visible` (bylines and datelines on the page),
:mod:`.authors`, :mod:`.dates` (with time-zone resolution), :mod:`.title`,
:mod:`.lead` (lead image, categories, tags), :mod:`.collect` (ranking and
reconciliation); word lists, limits and the date-source precedence in
``data.toml``.
"""

from __future__ import annotations

from .authors import normalize_authors
from .collect import Metadata, collect_metadata
from .dates import parse_date

__all__ = ["Metadata", "collect_metadata", "normalize_authors", "parse_date"]
