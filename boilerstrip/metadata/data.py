"""The metadata stage's word lists and limits, loaded once from ``data.toml``.

Every list or number a metadata heuristic decides with lives in
``data.toml`` beside this module (with a comment on where it comes from);
this module only loads it and derives lookup structures.
"""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = ["DATA", "MONTHS", "ZONES"]

#: The parsed ``data.toml``: ``{"authors": {...}, "classes": {...}, "dates": {...}, "title": {...}, ...}``.
DATA: dict[str, Any] = tomllib.loads(resources.files(__package__).joinpath("data.toml").read_text(encoding="utf-8"))

#: Lower-case month name or abbreviation -> month number (1-12).
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(DATA["dates"]["months"], start=1) for name in names
}

#: Lower-case time-zone abbreviation -> ``{region: IANA zone name}``; region
#: ``"*"`` is any region (see ``[dates.zones]`` in ``data.toml``).
ZONES: dict[str, dict[str, str]] = {abbr: dict(zones) for abbr, zones in DATA["dates"]["zones"].items()}
