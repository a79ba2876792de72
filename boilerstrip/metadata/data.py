"""The metadata stage's word lists and limits, loaded once from ``data.toml``.

Every list or number a metadata heuristic decides with lives in
``data.toml`` beside this module (with a comment on where it comes from);
this module only loads it and derives lookup structures.
"""

from __future__ import annotations

from typing import Any

from ..lexicon import COUNT, PATTERNS, STRING, STRING_LISTS, STRINGS, Schema, TableOf, load

__all__ = ["DATA", "MONTHS", "ZONES", "SCHEMA"]


def _lists(names: str) -> Schema:
    return {name: STRINGS for name in names.split()}


def _counts(names: str) -> Schema:
    return {name: COUNT for name in names.split()}


#: What ``data.toml`` must hold (see :mod:`boilerstrip.lexicon`); checked when loaded.
SCHEMA: Schema = {
    "authors": {
        **_lists("collective_words conjunctions credentials header_prefixes mid_prefixes name_particles organization_name_words "
                 "prefixes reject_names role_modifiers role_words stop_words wire_services"),
        "credential_patterns": PATTERNS,
        **_counts("max_name_chars max_name_words"),
    },
    "classes": {
        **_lists("byline_id_parts byline_query_parts byline_token_prefixes byline_tokens date_query_parts "
                 "date_token_parts date_tokens exclude_prefix_exceptions exclude_tags exclude_tokens "
                 "weak_exclude_tags weak_exclude_tokens"),
        **_counts("max_ancestor_depth max_byline_chars max_dateline_chars near_levels"),
    },
    "itemprops": _lists("author published modified"),
    "dates": {
        **_lists("copyright_markers month_first_languages month_first_regions time_connectors time_suffixes update_words"),
        **_counts("future_slack_days list_min_days max_input_chars max_year min_year time_window_chars"),
        "months": STRING_LISTS,
        "precedence": _lists("declared modified published"),
        "regions": {"languages": TableOf(STRING), "tlds": TableOf(STRING)},
        "zones": TableOf(TableOf(STRING)),
    },
    "jsonld": {**_lists("article_types organization_types page_types"), "max_article_depth": COUNT},
    "lead": {**_lists("image_attrs term_separators"), **_counts("max_term_chars max_terms")},
    "opening": {
        **_lists("labels update_labels"),
        **_counts("chars_after label_chars label_tail_chars lead_chars nodes_after nodes_before texts_after texts_before"),
    },
    "sources": _lists("authors categories description image keywords language modified published tags title url "
                      "sitename sitename_fallback"),
    "title": _lists("separators"),
}

#: The parsed ``data.toml``: ``{"authors": {...}, "classes": {...}, "dates": {...}, "title": {...}, ...}``,
#: read once and checked against :data:`SCHEMA` (a malformed file raises
#: :class:`~boilerstrip.errors.DataError` at import).
DATA: dict[str, Any] = load(__package__, "data.toml", SCHEMA)

#: Lower-case month name or abbreviation -> month number (1-12).
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(DATA["dates"]["months"], start=1) for name in names
}

#: Lower-case time-zone abbreviation -> ``{region: IANA zone name}``; region
#: ``"*"`` is any region (see ``[dates.zones]`` in ``data.toml``).
ZONES: dict[str, dict[str, str]] = {abbr: dict(zones) for abbr, zones in DATA["dates"]["zones"].items()}
