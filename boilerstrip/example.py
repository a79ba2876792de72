"""The example page shipped with the package: :func:`example_path`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["example_path"]

_EXAMPLE = ("examples", "news.html")


def example_path() -> Path:
    """The path of the example news page shipped with boilerstrip.

    A saved page from a news site: headline, byline, publication date, three
    captioned photos, ads and teasers. Works from any working directory::

        article = boilerstrip.extract(boilerstrip.example_path().read_bytes())

    Returns:
        An absolute :class:`pathlib.Path` to ``boilerstrip/examples/news.html``
        inside the installed package.

    Raises:
        FileNotFoundError: the package is installed in a form that has no
            files on disk (a zip archive), or the page is missing from it.
    """
    ref = resources.files("boilerstrip").joinpath(*_EXAMPLE)
    path = Path(str(ref))
    if not path.is_file():
        raise FileNotFoundError(f"the example page is not on disk: {ref}")
    return path.resolve()
