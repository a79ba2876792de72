"""The exceptions boilerstrip raises. Every one derives from :class:`BoilerstripError`."""

from __future__ import annotations

__all__ = ["BoilerstripError", "InputError", "RulesError", "DataError"]


class BoilerstripError(Exception):
    """Base class of every exception raised by boilerstrip.

    Catch this one type to handle any failure of the library; the underlying
    cause, when there is one, is attached as ``__cause__``.
    """


class InputError(BoilerstripError, ValueError):
    """The input is not something boilerstrip can read as HTML.

    Raised for a wrong argument type and for bytes that are clearly another
    format (PDF, images, archives, ...). Empty or whitespace-only input is not
    an error: it gives an empty :class:`~boilerstrip.Article`.
    """


class RulesError(BoilerstripError, ValueError):
    """A rules file (shipped or user-supplied) is malformed: bad TOML, a
    missing field, an unknown action or a pattern that does not compile."""


class DataError(BoilerstripError, ValueError):
    """A word-list file shipped with boilerstrip (``captions.toml``,
    ``kinds.toml``, ``metadata/data.toml``) is malformed: not valid TOML, a
    key missing, or a value of the wrong type (see :mod:`boilerstrip.lexicon`).

    Attributes:
        file: the file name, e.g. ``"captions.toml"``.
        key: the dotted key, e.g. ``"tokens.caption"`` (``""`` for the whole file).
    """

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")

    def __reduce__(self) -> tuple[type["DataError"], tuple[str, str, str]]:
        return (DataError, (self.file, self.key, self.problem))
