"""boilerstrip's speed against trafilatura's, in one process, interleaved.

::

    python -m benchmarks.speed_ratio                 # scrapinghub + trafilatura-dev (770 pages), 3 passes
    python -m benchmarks.speed_ratio --limit 100 --passes 2

Four runs per page, in an order that rotates from page to page so that a
busy moment of the (shared) machine hits them alike:

* ``boilerstrip``: ``extract(html, url=url)``, everything on;
* ``boilerstrip body-only``: ``extract(html, url=url, metadata=False, captions=False)``;
* ``trafilatura``: ``bare_extraction(html, url=url, with_metadata=True)``,
  the adapter of :mod:`benchmarks.peers` (what ``benchmarks.run`` measures);
* ``trafilatura extract``: ``trafilatura.extract(html, url=url)``, its
  default (plain text, no metadata).

Pages are read and gunzipped before any clock starts; each extractor gets
the raw bytes. trafilatura runs once on a small page before timing (its
date parser loads ~200 locales on first use); boilerstrip does not, so its
first pass is that of a fresh process and is printed against the later
passes. Pages/s per pass; the figures are the median over ``--passes``
passes (default 3) of the per-pass pages/s and of the per-pass ratios,
after a first pass that is reported on its own (on its first page the full
``boilerstrip`` run goes first and pays the one-off costs: compiling the
rules and the cue unions, lazy imports).
The load average is printed: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Optional

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
SETS = ("scrapinghub", "trafilatura-dev")
WARM_PAGE = b"<html><head><title>t</title></head><body><article><h1>t</h1><p>Published 3 May 2024. " + b"Some text. " * 40 + b"</p></article></body></html>"


def load_pages(sets: tuple[str, ...], limit: Optional[int]) -> list[tuple[bytes, Optional[str]]]:
    """``(raw bytes, url)`` of every page of ``sets``, in sorted order
    (:func:`benchmarks.run.load_dataset`); the first ``limit``."""
    from benchmarks.run import load_dataset

    out = [(page.html, page.url) for name in sets for page in load_dataset(DATASETS / name).pages]
    return out[:limit] if limit else out


def extractors() -> dict[str, Callable[[bytes, Optional[str]], Any]]:
    import trafilatura

    import boilerstrip
    from benchmarks import peers

    traf_bare = peers.PEERS["trafilatura"].setup()
    return {
        "boilerstrip": lambda html, url: boilerstrip.extract(html, url=url),
        "boilerstrip body-only": lambda html, url: boilerstrip.extract(html, url=url, metadata=False, captions=False),
        "trafilatura": lambda html, url: traf_bare(html, url, False),
        "trafilatura extract": lambda html, url: trafilatura.extract(html, url=url),
    }


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--passes", type=int, default=3, help="timed passes after the first one (default 3)")
    args = ap.parse_args(argv)
    pages = load_pages(SETS, args.limit or None)
    runs = extractors()
    names = list(runs)
    for name in names:
        if name.startswith("trafilatura"):
            runs[name](WARM_PAGE, None)
    clock = time.perf_counter
    per_pass: list[dict[str, float]] = []
    load0 = os.getloadavg()
    for _ in range(args.passes + 1):
        spent = dict.fromkeys(names, 0.0)
        for k, (html, url) in enumerate(pages):
            for j in range(len(names)):
                name = names[(k + j) % len(names)]
                t0 = clock()
                try:
                    runs[name](html, url)
                except Exception:  # noqa: BLE001 - a crash costs its time, it does not stop the run
                    pass
                spent[name] += clock() - t0
        per_pass.append({n: len(pages) / spent[n] for n in names})
    load1 = os.getloadavg()
    first, per_pass = per_pass[0], per_pass[1:]
    print(f"{len(pages)} pages ({' + '.join(SETS)}), a first pass then {args.passes} passes, interleaved in one process; "
          f"load average {load0[0]:.2f} at start, {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f} at end, {os.cpu_count()} cores")
    print("| extractor | pages/s per pass | median |")
    print("|---|---|---:|")
    for n in names:
        print(f"| {n} | {' '.join(f'{p[n]:.1f}' for p in per_pass)} | {statistics.median(p[n] for p in per_pass):.1f} |")
    pairs = (("boilerstrip", "trafilatura"), ("boilerstrip body-only", "trafilatura extract"),
             ("boilerstrip body-only", "trafilatura"), ("boilerstrip body-only", "boilerstrip"))
    for a, b in pairs:
        ratios = [p[a] / p[b] for p in per_pass]
        print(f"{a} / {b}: {statistics.median(ratios):.2f}x (per pass {' '.join(f'{r:.2f}' for r in ratios)})")
    for n in names:
        steady = statistics.median(p[n] for p in per_pass)
        print(f"{n}: first pass of the fresh process {first[n]:.1f} pages/s, later passes {steady:.1f} "
              f"(first-pass time / steady time {steady / first[n]:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
