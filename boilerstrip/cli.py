"""The command line tool: ``boilerstrip PAGE.html`` prints the article.

Usage::

    boilerstrip PAGE.html                 # body text
    boilerstrip - < PAGE.html             # from standard input
    boilerstrip --format json PAGE.html   # every field as JSON
    boilerstrip --format markdown --url https://example.org/a PAGE.html
    boilerstrip --format markdown --front-matter PAGE.html   # YAML front matter first
    boilerstrip --format html PAGE.html   # the kept blocks as an HTML document
    boilerstrip --explain PAGE.html       # also list dropped blocks and why
    boilerstrip --example                 # the example page shipped with the package, as
                                          # Markdown with front matter and captions

Exit status: 0 on success (also for a page without an article: the body is
empty), 1 when the input cannot be read or is not HTML, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Optional, Sequence

from . import __version__
from .api import extract
from .errors import BoilerstripError
from .rules import load_rules, default_rules

__all__ = ["main"]

EXAMPLE = "news.html"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Extract the main content (article text, title, byline, dates, captions) of an HTML page.",
    )
    p.add_argument("page", nargs="?", help="HTML file to read, or - for standard input")
    p.add_argument("--example", action="store_true", help="run on the example news page shipped with boilerstrip")
    p.add_argument("-f", "--format", choices=("text", "markdown", "json", "html"), help="output format (default: text; markdown for --example)")
    p.add_argument("--front-matter", action="store_true", help="start the markdown output with YAML front matter: title, authors, dates, url (implies --format markdown; default with --example)")
    p.add_argument("--url", help="the page's URL (resolves image URLs, helps dating)")
    p.add_argument("--explain", action="store_true", help="also list every dropped block and the rule or score that dropped it (on stderr; in the JSON under 'dropped' with --format json)")
    p.add_argument("--captions", action="store_true", help="include captions among the blocks (markdown/json/html)")
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="extra rules file (TOML), added to the shipped rules; repeatable")
    p.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    return p


def _read(args, parser) -> bytes:
    if args.example:
        if args.page is not None:
            parser.error("give either a PAGE or --example, not both")
        return resources.files("boilerstrip").joinpath("examples", EXAMPLE).read_bytes()
    if args.page is None:
        parser.error("give a PAGE (or - for standard input), or --example")
    if args.page == "-":
        return sys.stdin.buffer.read()
    with open(args.page, "rb") as fh:
        return fh.read()


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line tool; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.front_matter and args.format not in ("markdown", None):
        parser.error("--front-matter goes with --format markdown")
    # --example alone shows all it extracts: Markdown with front matter and captions
    example_default = args.example and args.format is None
    fmt = "markdown" if example_default or args.front_matter else args.format or "text"
    try:
        data = _read(args, parser)
    except OSError as exc:
        print(f"boilerstrip: cannot read {args.page}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        rules = default_rules().extended(load_rules(*args.rules)) if args.rules else None
        captions = args.captions or example_default
        article = extract(data, url=args.url, explain=args.explain, include_captions=captions, rules=rules)
    except BoilerstripError as exc:
        print(f"boilerstrip: {exc}", file=sys.stderr)
        return 1
    out = sys.stdout
    if fmt == "json":
        out.write(article.to_json() + "\n")
        return 0
    if fmt == "html":
        out.write(article.to_html())
    elif fmt == "markdown":
        out.write(article.to_markdown(front_matter=args.front_matter or example_default))
    else:
        out.write(article.body + "\n" if article.body else "")
    if args.explain and article.dropped:
        err = sys.stderr
        err.write("\n--- dropped blocks (reason: text) ---\n")
        for d in article.dropped:
            err.write(f"{d.reason}: {d.text[:100]}\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
