"""Where extraction time goes: boilerstrip's stages as shares of the total.

::

    python -m benchmarks.profile                  # every page of ../shared/datasets/*/html/
    python -m benchmarks.profile --limit 200      # the first 200 pages (sorted paths)
    python -m benchmarks.profile --body-only      # extract(metadata=False, captions=False)
    python -m benchmarks.profile --kind collection   # wcxb-dev's pages of one page_type

The stage functions :mod:`boilerstrip.api` calls are wrapped (in this
process only, by replacing the names in ``boilerstrip.api``) with
``time.perf_counter`` clocks; the library holds no timing code. Stages:

* ``decode`` :func:`~boilerstrip.decode.decode_html`, ``parse``
  :func:`~boilerstrip.parse.parse_html`, ``clean`` :func:`~boilerstrip.clean.clean`
  and :func:`~boilerstrip.language.page_languages`;
* ``rules`` :func:`~boilerstrip.rules.annotate`, the element-rule pass (once
  per selection: twice or more when the relaxed or listing pass runs);
* ``segment`` :func:`~boilerstrip.blocks.segment` (both passes when the relaxed
  one runs), ``score`` :func:`~boilerstrip.score.aggregate` — and, inside it,
  ``text cues`` (:meth:`Ruleset.match_text`, shown apart and *also* counted in
  ``score``);
* ``select/kind`` :func:`~boilerstrip.select.select`, ``select_whole``,
  ``read_evidence``, ``decide``, the title-heading drop and
  :func:`~boilerstrip.learned.rescore`;
* ``metadata`` :func:`~boilerstrip.metadata.collect_metadata`;
* ``captions`` :func:`~boilerstrip.captions.noscript_images` and
  :func:`~boilerstrip.captions.collect_captions`;
* ``output`` :func:`~boilerstrip.output.build_article`;
* ``other``: the total (``extract()`` wall time) minus the stages: argument
  checks, glue, the wrappers' own cost.

Pages are read and gunzipped before any clock starts. The process is fresh,
so the first pass over the pages includes every one-off cost (compiling the
rules, regex caches, lazy imports inside the library); the script runs the
pages ``--passes`` times (default 2) and prints the first pass against the
last one (the steady state), overall and on the first ``--head`` pages
(default 20), which is what a fresh batch worker feels. A second pass over
the *same* pages also meets warm per-text caches, so the script measures the
first-pages cost a second way too: fresh child processes time the first
``--head`` pages cold, against a child that first runs the other pages
(three of each, interleaved, median). The stage table shows both passes. Single process, no pool; the machine's load
average is printed with the figures since timings on a shared machine are
noisy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Optional

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
#: The dataset whose ground truth labels pages with a ``page_type`` (``--kind``).
KIND_SET = "wcxb-dev"

#: api.py name -> stage label.
STAGES = {
    "decode_html": "decode",
    "parse_html": "parse",
    "clean": "clean",
    "page_languages": "clean",
    "annotate": "rules",
    "segment": "segment",
    "aggregate": "score",
    "select": "select/kind",
    "select_whole": "select/kind",
    "read_evidence": "select/kind",
    "decide": "select/kind",
    "_drop_title": "select/kind",
    "_cheap_title": "select/kind",
    "rescore": "select/kind",
    "collect_metadata": "metadata",
    "noscript_images": "captions",
    "collect_captions": "captions",
    "build_article": "output",
}
ORDER = ["decode", "parse", "clean", "rules", "segment", "score", "select/kind", "metadata", "captions", "output", "other"]


def page_paths(limit: Optional[int] = None, kind: str = "") -> list[Path]:
    """The shared datasets' pages (``*/html/*.html.gz``), sorted; with
    ``kind``, only wcxb-dev's pages whose ground truth has that
    ``page_type`` (as :mod:`benchmarks.compare` groups them); the first ``limit``."""
    paths = sorted(DATASETS.glob("*/html/*.html.gz"))
    if kind:
        truth = json.loads((DATASETS / KIND_SET / "ground-truth.json").read_text(encoding="utf-8"))
        wanted = {pid for pid, t in truth.items() if t.get("page_type") == kind}
        paths = [p for p in paths if p.parent.parent.name == KIND_SET and p.name[: -len(".html.gz")] in wanted]
    return paths[:limit] if limit else paths


def _wrap(fn: Callable[..., Any], label: str, acc: dict[str, float]) -> Callable[..., Any]:
    clock = time.perf_counter

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[label] += clock() - t0

    timed.__wrapped__ = fn  # type: ignore[attr-defined]
    return timed


def instrument(acc: dict[str, float]) -> None:
    """Replace the stage functions in ``boilerstrip.api`` (and
    ``Ruleset.match_text``) with timed wrappers adding to ``acc``."""
    from boilerstrip import api
    from boilerstrip.rules import Ruleset

    for name, label in STAGES.items():
        if hasattr(api, name):
            setattr(api, name, _wrap(getattr(api, name), label, acc))
    Ruleset.match_text = _wrap(Ruleset.match_text, "text cues", acc)  # type: ignore[method-assign]


def run_pass(pages: list[bytes], kwargs: dict[str, Any]) -> list[float]:
    """Extract every page once; the seconds per page."""
    import boilerstrip

    out = []
    clock = time.perf_counter
    for html in pages:
        t0 = clock()
        try:
            boilerstrip.extract(html, **kwargs)
        except boilerstrip.BoilerstripError:
            pass
        out.append(clock() - t0)
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted paths); default all")
    ap.add_argument("--passes", type=int, default=2, help="passes over the pages (default 2); shares are the last pass's")
    ap.add_argument("--head", type=int, default=20, help="first-pass figure also on the first N pages (default 20)")
    ap.add_argument("--body-only", action="store_true", help="extract(metadata=False, captions=False)")
    ap.add_argument("--kind", default="", help="only wcxb-dev's pages of this page_type (article, collection, ...)")
    ap.add_argument("--_child", choices=("cold", "warm"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.passes < 2:
        ap.error("--passes must be at least 2")
    paths = page_paths(args.limit or None, args.kind)
    if not paths:
        print(f"no pages under {DATASETS}/*/html/" + (f" of kind {args.kind}" if args.kind else ""), file=sys.stderr)
        return 1
    pages = []
    for p in paths:
        with gzip.open(p, "rb") as fh:
            pages.append(fh.read())
    kwargs = {"metadata": False, "captions": False} if args.body_only else {}

    if args._child:
        head = pages[: args.head]
        if args._child == "warm":
            run_pass(pages[args.head:], kwargs)
        print(json.dumps(run_pass(head, kwargs)))
        return 0

    acc: dict[str, float] = defaultdict(float)
    instrument(acc)
    times: list[list[float]] = []
    shares: list[dict[str, float]] = []
    for _ in range(args.passes):
        acc.clear()
        times.append(run_pass(pages, kwargs))
        row = dict(acc)
        row["other"] = sum(times[-1]) - sum(v for k, v in row.items() if k != "text cues")
        shares.append(row)
    first, last = times[0], times[-1]
    t_first, t_last = sum(first), sum(last)

    load = os.getloadavg()
    print(f"{len(pages)} {args.kind + ' ' if args.kind else ''}pages, {args.passes} passes, {'body-only' if args.body_only else 'full'} mode; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    print(f"last pass: {t_last:.2f} s, {len(pages) / t_last:.1f} pages/s, mean {1000 * t_last / len(pages):.2f} ms/page")
    print()
    print("| stage | first pass s | share | last pass s | share |")
    print("|---|---:|---:|---:|---:|")
    for label in ORDER + ["text cues"]:
        a, b = shares[0].get(label, 0.0), shares[-1].get(label, 0.0)
        name = "(text cues, inside score)" if label == "text cues" else label
        print(f"| {name} | {a:.3f} | {100 * a / t_first:.1f}% | {b:.3f} | {100 * b / t_last:.1f}% |")
    print()
    h = min(args.head, len(pages))
    print(f"same process, first pass / last pass: all {len(pages)} pages {t_first / t_last:.2f}x "
          f"({t_first:.2f} s vs {t_last:.2f} s); first {h} pages {sum(first[:h]) / sum(last[:h]):.2f}x; "
          f"first page {1000 * first[0]:.1f} ms vs {1000 * last[0]:.1f} ms")
    if len(pages) > h:
        cold, warm = [], []
        for _ in range(3):  # interleaved, median of 3
            for mode, out in (("cold", cold), ("warm", warm)):
                cmd = [sys.executable, "-m", "benchmarks.profile", "--_child", mode, "--head", str(h),
                       "--limit", str(len(pages))] + (["--body-only"] if args.body_only else []) + (
                    ["--kind", args.kind] if args.kind else [])
                res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True)
                out.append(sum(json.loads(res.stdout.strip().splitlines()[-1])))
        c, w = statistics.median(cold), statistics.median(warm)
        print(f"fresh process, first {h} pages cold / after the other {len(pages) - h} pages (no repeated page): "
              f"{c / w:.2f}x ({1000 * c:.0f} ms vs {1000 * w:.0f} ms, median of 3, interleaved)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
