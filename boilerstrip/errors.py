"""The exceptions boilerstrip raises. Every one derives from :class:`BoilerstripError`."""

from __future__ import annotations

__all__ = ["BoilerstripError", "InputError", "RulesError"]


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
