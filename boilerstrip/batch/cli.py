"""``boilerstrip batch INPUT... -o OUT``: the command line of the batch layer.

Usage::

    boilerstrip batch pages/ crawl.warc.gz more.jsonl -o out.jsonl
    boilerstrip batch pages/ --glob '*.htm*' -o out.parquet --workers 2
    boilerstrip batch crawl.warc.gz -o out/ --engine dask --workers 2
    boilerstrip batch pages/ -o out.jsonl --preset precision --option good_min_chars=100

Exit status: 0 when the run finished (pages that failed are in the output
and the summary), 1 when the output cannot be written or a needed extra is
missing, 2 on a usage error, 130 when interrupted (rerun to resume).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from ..cli import add_options_arguments, options_of
from ..errors import BoilerstripError
from ..pagefile import MAX_BYTES
from .pool import DEFAULT_PAGE_TIMEOUT

__all__ = ["main", "parser"]

#: The optional extra that brings each optional import.
_EXTRAS = {"pebble": "batch", "tqdm": "batch", "fastwarc": "warc", "pyarrow": "parquet",
           "dask": "dask", "distributed": "dask"}


def parser() -> argparse.ArgumentParser:
    """The ``boilerstrip batch`` argument parser."""
    p = argparse.ArgumentParser(
        prog="boilerstrip batch",
        description="Extract many pages: HTML files (plain or gzip), folders, WARC/WARC.gz archives and "
        "JSONL files of {\"url\", \"html\"} records, to JSONL (one object per page) or Parquet.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder (recursive), .warc[.gz], .jsonl[.gz], or - for one page on standard input")
    p.add_argument("-o", "--output", default="-", metavar="OUT",
                   help="output: a .jsonl file (rerunning resumes it), a .parquet file, or - for JSONL on standard output "
                        "(default); with --engine dask a folder of partitions (.parquet name: Parquet partitions)")
    p.add_argument("--glob", action="append", default=None, metavar="PATTERN",
                   help="file-name pattern for folders, repeatable (default: *.html *.htm *.xhtml *.html.gz *.htm.gz)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help=f"worker processes (default: all cores, here {os.cpu_count()})")
    p.add_argument("--page-timeout", type=float, default=DEFAULT_PAGE_TIMEOUT, metavar="SECONDS",
                   help=f"time limit per page; a page past it is recorded as timed out and its worker replaced (default {DEFAULT_PAGE_TIMEOUT:g}; 0: none)")
    p.add_argument("--max-bytes", type=int, default=MAX_BYTES, metavar="N", help=f"cap on one page's bytes (default {MAX_BYTES}, 32 MiB, as extract())")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster of --workers processes)")
    add_options_arguments(p)
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="show a progress bar (default: when standard error is a terminal)")
    bar.add_argument("--no-progress", dest="progress", action="store_false")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``boilerstrip batch``; returns the exit status."""
    p = parser()
    args = p.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        p.error("--workers must be at least 1")
    if args.max_bytes < 0:
        p.error("--max-bytes must be >= 0")
    if args.inputs.count("-") > 1:
        p.error("- (standard input) can be given once")
    options = options_of(p, args)
    timeout = args.page_timeout if args.page_timeout > 0 else None
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    if args.engine != "dask" and args.scheduler:
        p.error("--scheduler needs --engine dask")
    missing = [i for i in args.inputs if i != "-" and not os.path.exists(i)]
    if missing:  # a mistyped path is the caller's error, not a page that failed
        print(f"boilerstrip: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    try:
        if args.engine == "dask":
            from ..dask import run_dask

            summary = run_dask(args.inputs, args.output, workers=args.workers, scheduler=args.scheduler,
                               globs=args.glob, max_bytes=args.max_bytes, page_timeout=timeout,
                               options=options)
        else:
            from .run import run_batch

            summary = run_batch(args.inputs, args.output, workers=args.workers, page_timeout=timeout,
                                globs=args.glob, max_bytes=args.max_bytes, progress=progress,
                                options=options)
    except ModuleNotFoundError as exc:
        extra = _EXTRAS.get((exc.name or "").split(".")[0])
        if extra is None:
            raise
        print(f"boilerstrip: {exc.name} is not installed: pip install 'boilerstrip[{extra}]'", file=sys.stderr)
        return 1
    except (OSError, BoilerstripError) as exc:
        print(f"boilerstrip: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("boilerstrip: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130
    print(f"boilerstrip: {summary.line()}", file=sys.stderr)
    return 0
