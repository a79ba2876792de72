"""The command line tool: ``boilerstrip PAGE.html`` prints the article.

Usage::

    boilerstrip PAGE.html                 # body text
    boilerstrip a.html b.html.gz          # several pages, plain or gzip
    boilerstrip --format jsonl *.html     # one JSON object per line, with "source"
    boilerstrip - < PAGE.html             # from standard input
    boilerstrip --format json PAGE.html   # every field as JSON
    boilerstrip --format markdown --url https://example.org/a PAGE.html
    boilerstrip --format markdown --front-matter PAGE.html   # YAML front matter first
    boilerstrip --format html PAGE.html   # the kept blocks as an HTML document
    boilerstrip --explain PAGE.html       # also list dropped blocks and why
    boilerstrip --body-only PAGE.html     # the body alone: no metadata or caption stage
    boilerstrip --preset recall PAGE.html # more text, some more boilerplate (or: precision)
    boilerstrip --option good_min_chars=60 PAGE.html   # one threshold of boilerstrip.Options
    boilerstrip --example                 # the example page shipped with the package, as
                                          # Markdown with front matter and captions
    boilerstrip batch INPUT... -o OUT     # many pages, every core (see boilerstrip.batch.cli)

A URL argument is not fetched: boilerstrip reads files only. At most
``--max-bytes`` (default :data:`~boilerstrip.pagefile.MAX_BYTES`, 32 MiB, as ``extract``)
are read from one input; a larger one is an error.

Exit status: 0 on success (also for a page without an article: the body is
empty), 1 when an input cannot be read, is too large or is not HTML (the
other pages are still printed), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib import resources
from typing import Optional, Sequence

from . import __version__
from .api import extract
from .article import Article
from .errors import BoilerstripError, InputError
from .options import PRESETS, Options, options_from_settings
from .pagefile import MAX_BYTES, read_capped, read_page
from .rules import load_rules, default_rules

__all__ = ["main"]

EXAMPLE = "news.html"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Extract the main content (article text, title, byline, dates, captions) of an HTML page.",
    )
    p.add_argument("pages", nargs="*", metavar="PAGE", help="HTML file(s) to read, plain or gzip, or - for standard input (URLs are not fetched)")
    p.add_argument("--example", action="store_true", help="run on the example news page shipped with boilerstrip")
    p.add_argument("-f", "--format", choices=("text", "markdown", "json", "jsonl", "html"), help="output format (default: text; markdown for --example); jsonl: one JSON object per line with the page's source")
    p.add_argument("--front-matter", action="store_true", help="start the markdown output with YAML front matter: title, authors, dates, url (implies --format markdown; default with --example)")
    p.add_argument("--url", help="the page's URL (resolves image URLs, helps dating)")
    p.add_argument("--explain", action="store_true", help="also list every dropped block, in page order, and the rule (a text cue's pattern too) or score that dropped it (on stderr; in the JSON under 'dropped' with --format json)")
    p.add_argument("--captions", action="store_true", help="include captions among the blocks (markdown/json/html)")
    p.add_argument("--body-only", action="store_true", help="the body alone: skip the metadata and caption stages (faster; title, authors, dates and captions stay empty)")
    add_options_arguments(p)
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="extra rules file (TOML), added to the shipped rules; repeatable")
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N", help=f"read at most N bytes of a page (default {MAX_BYTES}, 32 MiB, as extract()); a larger page is an error")
    p.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    return p


def add_options_arguments(p: argparse.ArgumentParser) -> None:
    """Add ``--preset`` and ``--option NAME=VALUE`` (repeatable) to ``p``:
    the extraction thresholds, read back with :func:`options_of`."""
    p.add_argument("--preset", choices=PRESETS, help="named thresholds: precision (less boilerplate) or recall (more text); "
                   "default: neither (boilerstrip.Options())")
    p.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                   help="set one field of boilerstrip.Options (over --preset), e.g. good_min_chars=60 or "
                        "max_link_density=0.4; repeatable")


def options_of(p: argparse.ArgumentParser, args: argparse.Namespace) -> Optional[Options]:
    """The :class:`~boilerstrip.Options` that ``--preset`` and ``--option``
    ask for, or ``None`` when neither is given. A bad ``--option`` (unknown
    name, a value of the wrong type or range) is a usage error: ``p.error``
    exits with status 2 and the message."""
    if args.preset is None and not args.option:
        return None
    try:
        return options_from_settings(args.preset, args.option)
    except InputError as exc:
        p.error(f"--option: {exc}")


def _read(page: str, max_bytes: int) -> bytes:
    """The bytes of one PAGE argument (``-``: standard input).

    Raises:
        InputError: a URL, a page over the cap, corrupt gzip data.
        OSError: the file cannot be read.
    """
    if page == "-":
        return read_capped(sys.stdin.buffer, max_bytes, name="standard input")
    if "://" in page and page.split("://", 1)[0].lower() in ("http", "https", "ftp") and not os.path.exists(page):
        raise InputError(
            f"{page}: boilerstrip does not fetch URLs; save the page first "
            f"(e.g. curl -o page.html '{page}') and run: boilerstrip --url '{page}' page.html"
        )
    return read_page(page, max_bytes)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line tool; returns the exit status.

    ``boilerstrip batch ...`` is handed to :func:`boilerstrip.batch.cli.main`.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["batch"]:
        from .batch.cli import main as batch_main

        return batch_main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    if args.front_matter and args.format not in ("markdown", None):
        parser.error("--front-matter goes with --format markdown")
    if args.example and args.pages:
        parser.error("give either a PAGE or --example, not both")
    if not args.example and not args.pages:
        parser.error("give a PAGE (or - for standard input), or --example")
    if args.max_bytes < 0:
        parser.error("--max-bytes must be >= 0")
    if args.pages.count("-") > 1:
        parser.error("- (standard input) can be given once")
    if args.url and len(args.pages) > 1:
        parser.error("--url names one page: give one PAGE with it")
    if args.body_only and (args.captions or args.front_matter or args.example):
        parser.error("--body-only leaves out captions and metadata: not with --captions, --front-matter or --example")
    options = options_of(parser, args)
    try:
        rules = default_rules().extended(load_rules(*args.rules)) if args.rules else None
    except BoilerstripError as exc:
        print(f"boilerstrip: {exc}", file=sys.stderr)
        return 1
    # --example alone shows all it extracts: Markdown with front matter and captions
    example_default = args.example and args.format is None
    args.format = "markdown" if example_default or args.front_matter else args.format or "text"
    args.front_matter = args.front_matter or example_default
    pages = args.pages or [None]
    status = 0
    for page in pages:
        name = page if page is not None else EXAMPLE
        try:
            if page is None:
                data = resources.files("boilerstrip").joinpath("examples", EXAMPLE).read_bytes()
            else:
                data = _read(page, args.max_bytes)
            captions = args.captions or example_default
            full = not args.body_only
            article = extract(data, url=args.url, explain=args.explain, include_captions=captions, rules=rules,
                              options=options, max_bytes=args.max_bytes, metadata=full, captions=full)
        except OSError as exc:
            print(f"boilerstrip: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        except BoilerstripError as exc:
            msg = str(exc)
            print(f"boilerstrip: {name}: {msg}" if len(pages) > 1 and not msg.startswith(name) else f"boilerstrip: {msg}", file=sys.stderr)
            status = 1
            continue
        try:
            _print(article, args, name, several=len(pages) > 1)
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return status
    return status


def _print(article: Article, args: argparse.Namespace, name: str, several: bool) -> None:
    out = sys.stdout
    if args.format == "jsonl":
        out.write(json.dumps({"source": name, **article.to_dict()}, ensure_ascii=False) + "\n")
        return
    if several:
        out.write(f"==> {name} <==\n")
    if args.format == "json":
        out.write(article.to_json() + "\n")
        return
    if args.format == "html":
        out.write(article.to_html())
    elif args.format == "markdown":
        out.write(article.to_markdown(front_matter=args.front_matter))
    else:
        out.write(article.body + "\n" if article.body else "")
    if args.explain and article.dropped:
        err = sys.stderr
        head = "reason: text [the text cue's pattern]"
        err.write(f"\n--- dropped blocks of {name}, in page order ({head}) ---\n" if several
                  else f"\n--- dropped blocks, in page order ({head}) ---\n")
        for d in article.dropped:
            cue = f"  [{d.pattern}]" if d.pattern is not None else ""
            err.write(f"{d.reason}: {d.text[:100]}{cue}\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
