"""boilerstrip: the article a reader came for, from the raw HTML of a web page.

    >>> import boilerstrip
    >>> article = boilerstrip.extract(html_bytes, url="https://example.com/a")
    >>> article.title, article.authors, article.date_published
    >>> print(article.body)

See :func:`extract` for the options and :class:`Article` for the result;
:func:`example_path` is a page to try it on.
"""

from .api import extract
from .article import Article, Block, Caption, Dropped, Fault
from .errors import BoilerstripError, DataError, InputError, RulesError
from .example import example_path
from .options import Options
from .rules import Ruleset, default_rules, load_rules

__all__ = [
    "extract",
    "Article",
    "Block",
    "Caption",
    "Dropped",
    "Options",
    "Fault",
    "BoilerstripError",
    "InputError",
    "RulesError",
    "DataError",
    "Ruleset",
    "default_rules",
    "load_rules",
    "example_path",
    "__version__",
]

__version__ = "0.1.0"
