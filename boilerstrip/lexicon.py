"""The word lists and limits the stages decide with, read once from TOML and checked.

Every class token, word list and limit of the caption stage
(``captions.toml``), the clean stage (``clean.toml``), the page-kind stage (``kinds.toml``) and the metadata
stage (``metadata/data.toml``) lives in those files, with a comment on
where it comes from; the rules engine reads its own files
(:mod:`boilerstrip.rules`). :func:`load` reads a file once per process
(cached) and checks it against the schema its module declares, so a
malformed list fails at import with the file and the key, as a
:class:`~boilerstrip.errors.DataError`, never later as a ``KeyError`` or a
wrong comparison in the middle of a page.

A schema is a dict of key → spec; a spec is one of :data:`STRINGS` (a
list of strings), :data:`PATTERNS` (a list of regexes that compile
case-insensitively), :data:`STRING`, :data:`COUNT` (an int >= 0),
:data:`NUMBER` (an int or float), :data:`STRING_LISTS` (a list of lists of
strings), ``TableOf(spec)`` (a table of any keys whose values all meet
``spec``) or a nested schema dict (a table with exactly those keys, at
least; extra keys are allowed, for comments-as-data and newer files).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Union

from .errors import DataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = ["load", "check", "STRINGS", "PATTERNS", "STRING", "COUNT", "NUMBER", "STRING_LISTS", "TableOf", "Schema"]

#: A list of strings.
STRINGS = "strings"
#: A list of regexes, each compiling with ``re.IGNORECASE``.
PATTERNS = "patterns"
#: A string.
STRING = "string"
#: An integer >= 0 (not a bool).
COUNT = "count"
#: An int or a float (not a bool).
NUMBER = "number"
#: A list of lists of strings (e.g. the month names, one list per month).
STRING_LISTS = "string lists"


@dataclass(frozen=True)
class TableOf:
    """A table of any keys, each value meeting ``spec``."""

    spec: "Spec"


Spec = Union[str, TableOf, "Schema"]
Schema = dict[str, Spec]


def load(package: str, name: str, schema: Schema) -> dict[str, Any]:
    """The parsed data file ``name`` of ``package``, checked against ``schema``.

    Read once per process: later calls with the same ``package`` and
    ``name`` return the same dict (treat it as read-only).

    Args:
        package: the package holding the file (``"boilerstrip"``,
            ``"boilerstrip.metadata"``).
        name: the file name (``"captions.toml"``).
        schema: what the file must hold (see the module docstring).

    Returns:
        The parsed TOML as a dict.

    Raises:
        DataError: the file is missing, unreadable or not valid TOML, or a
            key of ``schema`` is missing or has a value of the wrong type
            (the message and the ``file``/``key`` attributes say which).

    Bound: O(size of the file), once.
    """
    data = _read(package, name)
    check(data, schema, name)
    return data


@lru_cache(maxsize=None)
def _read(package: str, name: str) -> dict[str, Any]:
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(name, "", f"cannot read the file: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(name, "", f"not valid TOML: {exc}") from exc


def check(data: dict[str, Any], schema: Schema, file: str, prefix: str = "") -> None:
    """Raise :class:`DataError` unless ``data`` meets ``schema``.

    Args:
        data: a parsed TOML table.
        schema: see the module docstring.
        file: the file name, for the message.
        prefix: the dotted key of ``data`` in the file (``""`` at the top).

    Raises:
        DataError: the first missing key or wrong value, with its dotted key.

    Bound: O(size of ``data``); patterns are compiled once each.
    """
    for key, spec in schema.items():
        where = f"{prefix}{key}"
        if key not in data:
            raise DataError(file, where, "missing")
        _check_value(data[key], spec, file, where)


def _check_value(value: Any, spec: Spec, file: str, where: str) -> None:
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            raise DataError(file, where, f"must be a table, not {_kind(value)}")
        check(value, spec, file, where + ".")
    elif isinstance(spec, TableOf):
        if not isinstance(value, dict):
            raise DataError(file, where, f"must be a table, not {_kind(value)}")
        for key, item in value.items():
            _check_value(item, spec.spec, file, f"{where}.{key}")
    elif spec in (STRINGS, PATTERNS):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataError(file, where, f"must be a list of strings, not {_kind(value)}")
        if spec == PATTERNS:
            for pattern in value:
                try:
                    re.compile(pattern, re.IGNORECASE)
                except re.error as exc:
                    raise DataError(file, where, f"pattern {pattern!r} does not compile: {exc}") from None
    elif spec == STRING_LISTS:
        if not isinstance(value, list) or not all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value
        ):
            raise DataError(file, where, f"must be a list of lists of strings, not {_kind(value)}")
    elif spec == STRING:
        if not isinstance(value, str):
            raise DataError(file, where, f"must be a string, not {_kind(value)}")
    elif spec == COUNT:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise DataError(file, where, f"must be an integer >= 0, not {value!r}")
    elif spec == NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise DataError(file, where, f"must be a number, not {value!r}")
    else:  # pragma: no cover - a defect of a schema, caught by the tests
        raise AssertionError(f"unknown spec {spec!r} for {file}: {where}")


def _kind(value: Any) -> str:
    if isinstance(value, list):
        inner = sorted({type(v).__name__ for v in value})
        return f"a list of {', '.join(inner)}" if inner else "an empty list"
    return f"{type(value).__name__} {value!r}"[:80]
