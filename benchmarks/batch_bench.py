"""Batch throughput and memory: pages/s with 1 and 2 workers, the ratio to
trafilatura in a process pool of the same size, and peak RSS of a 100-page
and a 10,000-page ``boilerstrip batch`` run.

    python benchmarks/batch_bench.py                    # everything (~8 min on 2 cores)
    python benchmarks/batch_bench.py --skip-trafilatura --skip-rss
    python benchmarks/batch_bench.py --workers 1,2,4 --pages 400

Needs the ``batch`` and ``bench`` extras and ``../shared/datasets``.

1. **Throughput.** The pages of the datasets (``--sets``, first ``--pages``
   of them in a fixed order) are read into memory as raw bytes, then
   extracted by :func:`boilerstrip.batch.extract_many` with N workers; the
   wall time includes starting the pool. trafilatura (``extract(html,
   url=...)``, default settings) runs over the same pages in a Pebble
   process pool of the same size, with the same window of pages in flight.
   Reported: pages/s per N, the speed-up of N workers over 1, and
   boilerstrip / trafilatura at each N; also the CPU seconds of the parent
   and of the workers (what the pool costs, and what the pages cost when
   other jobs share the cores). ``--repeat`` rounds run interleaved (1
   worker, 2 workers, 1 worker, ...); the best round of each is compared,
   the usual way to see through noise from other jobs.
2. **Peak RSS.** ``boilerstrip batch FOLDER -o out.jsonl --workers 2`` runs
   as a subprocess over a folder of symlinks to the shared pages: 100
   pages (every k-th of all the shared pages, so every dataset and size is
   in), then 10,000 links to the same 100 pages repeated, so that only the
   length of the run differs; the process tree is sampled every 50 ms
   (psutil): peak RSS of the main process, of the largest worker, and of
   the tree's sum.

The machine may be shared: the load average before each run is recorded
with the figures, in ``benchmarks/results/batch.json``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from boilerstrip.batch import Record, extract_many  # noqa: E402

DATASETS = ROOT.parent / "shared" / "datasets"
RESULTS = ROOT / "benchmarks" / "results" / "batch.json"


def load_pages(sets: list[str], limit: int) -> list[tuple[str, bytes, Optional[str]]]:
    """(path, bytes, url) of up to ``limit`` pages of ``sets``, in a fixed order."""
    out = []
    for name in sets:
        folder = DATASETS / name
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for pid in sorted(truth):
            path = folder / "html" / f"{pid}.html.gz"
            if path.exists():
                out.append((str(path), gzip.decompress(path.read_bytes()), (truth[pid].get("url") or "").strip() or None))
                if len(out) == limit:
                    return out
    return out


def _trafilatura(html: bytes, url: Optional[str]) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its reaped children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def trafilatura_rate(pages: list[tuple[str, bytes, Optional[str]]], workers: int, timeout: float) -> float:
    """Pages/s of trafilatura in a Pebble pool of ``workers`` processes,
    ``4 * workers`` pages in flight, results taken in order (as extract_many)."""
    from pebble import ProcessPool

    start = time.perf_counter()
    with ProcessPool(max_workers=workers) as pool:
        pending: deque[Any] = deque()
        it = iter(pages)
        for _ in range(4 * workers):
            p = next(it, None)
            if p is not None:
                pending.append(pool.schedule(_trafilatura, args=(p[1], p[2]), timeout=timeout))
        while pending:
            fut = pending.popleft()
            try:
                fut.result()
            except Exception:  # noqa: BLE001 - a benchmark counts pages, failures included
                pass
            p = next(it, None)
            if p is not None:
                pending.append(pool.schedule(_trafilatura, args=(p[1], p[2]), timeout=timeout))
    return len(pages) / (time.perf_counter() - start)


def boilerstrip_rate(pages: list[tuple[str, bytes, Optional[str]]], workers: int, timeout: float) -> float:
    """Pages/s of :func:`extract_many` with ``workers`` processes."""
    records = [Record(path, html, url=url) for path, html, url in pages]
    start = time.perf_counter()
    n = sum(1 for _ in extract_many(records, workers=workers, page_timeout=timeout))
    return n / (time.perf_counter() - start)


def peak_rss(n: int, pages: list[tuple[str, bytes, Optional[str]]], workers: int) -> dict[str, Any]:
    """Run ``boilerstrip batch`` over ``n`` symlinks to ``pages``; sample RSS."""
    import psutil

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        for i in range(n):
            sub = folder / f"{i // 1000:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{i:05d}.html.gz").symlink_to(pages[i % len(pages)][0])
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, "-m", "boilerstrip", "batch", str(folder), "-o", str(out), "--workers", str(workers), "--no-progress"]
        load = os.getloadavg()[0]
        start = time.perf_counter()
        proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
        main_peak = worker_peak = total_peak = 0
        while proc.poll() is None:
            try:
                main = proc.memory_info().rss
                kids = [c.memory_info().rss for c in proc.children(recursive=True)]
            except psutil.Error:
                continue
            main_peak = max(main_peak, main)
            worker_peak = max([worker_peak, *kids])
            total_peak = max(total_peak, main + sum(kids))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        err = proc.stderr.read().decode() if proc.stderr else ""
        lines = sum(1 for _ in open(out, "rb"))
    mib = 1024 * 1024
    return {
        "pages": n, "rows_written": lines, "workers": workers, "seconds": round(seconds, 1),
        "pages_per_s": round(n / seconds, 1), "load_before": round(load, 2),
        "peak_rss_main_mib": round(main_peak / mib, 1), "peak_rss_largest_worker_mib": round(worker_peak / mib, 1),
        "peak_rss_tree_mib": round(total_peak / mib, 1), "summary": err.strip().splitlines()[-1] if err.strip() else "",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="scrapinghub,trafilatura-dev", help="datasets for the throughput runs")
    ap.add_argument("--pages", type=int, default=400, help="pages for the throughput runs")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of throughput runs (interleaved); the best of each is compared")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    ap.add_argument("--page-timeout", type=float, default=10.0)
    ap.add_argument("--rss", default="100,10000", help="page counts of the peak-RSS runs")
    ap.add_argument("--rss-pages", type=int, default=100, help="distinct pages the peak-RSS runs cycle through")
    ap.add_argument("--skip-trafilatura", action="store_true")
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--no-save", action="store_true", help="do not write benchmarks/results/batch.json")
    args = ap.parse_args()

    run_info = {
        "command": "python " + " ".join([os.path.relpath(__file__, ROOT), *sys.argv[1:]]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cores": os.cpu_count(),
    }
    result: dict[str, Any] = {}
    if not args.skip_throughput:
        result["throughput"] = throughput(args, run_info)
    if not args.skip_rss:
        result["rss"] = rss(args, run_info)
    if not args.no_save:
        saved = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        RESULTS.write_text(json.dumps({**saved, **result}, indent=2) + "\n", encoding="utf-8")
        print(f"written {RESULTS.relative_to(ROOT)}")


def throughput(args: argparse.Namespace, run_info: dict[str, Any]) -> dict[str, Any]:
    """The throughput rounds; returns the figures for batch.json."""
    pages = load_pages(args.sets.split(","), args.pages)
    mb = sum(len(p[1]) for p in pages) / 1e6
    print(f"{len(pages)} pages ({mb:.1f} MB) from {args.sets}; {os.cpu_count()} cores")
    result: dict[str, Any] = {**run_info, "pages": len(pages), "megabytes": round(mb, 1), "rounds": []}
    runs: list[tuple[str, Callable[..., float]]] = [("boilerstrip", boilerstrip_rate)]
    if not args.skip_trafilatura:
        runs.append(("trafilatura", trafilatura_rate))
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for rep in range(args.repeat):
        for n in [int(w) for w in args.workers.split(",")]:
            for name, fn in runs:
                load = os.getloadavg()[0]
                me0, kids0 = cpu_seconds()
                rate = fn(pages, n, args.page_timeout)
                me1, kids1 = cpu_seconds()
                row = {"extractor": name, "workers": n, "round": rep + 1, "pages_per_s": round(rate, 1), "load_before": round(load, 2),
                       "parent_cpu_s": round(me1 - me0, 2), "workers_cpu_s": round(kids1 - kids0, 2)}
                result["rounds"].append(row)
                print(f"round {rep + 1} {name:12s} workers={n}: {rate:6.1f} pages/s  (load average before: {load:.2f}; CPU s: parent "
                      f"{row['parent_cpu_s']}, workers {row['workers_cpu_s']}, {len(pages) / max(row['workers_cpu_s'], 1e-9):.1f} pages per worker CPU s)")
                if (name, n) not in best or rate > best[(name, n)]["pages_per_s"]:
                    best[(name, n)] = row
    result["best"] = list(best.values())
    rates = {key: row["pages_per_s"] for key, row in best.items()}
    print("best of each:")
    for (name, n), rate in sorted(rates.items()):
        if n != 1 and (name, 1) in rates:
            print(f"{name}: {n} workers / 1 worker = {rate / rates[(name, 1)]:.2f}x")
            result[f"speedup_{name}_{n}_vs_1"] = round(rate / rates[(name, 1)], 2)
        if name == "boilerstrip" and ("trafilatura", n) in rates:
            print(f"boilerstrip / trafilatura at {n} workers = {rate / rates[('trafilatura', n)]:.2f}x")
            result[f"ratio_to_trafilatura_{n}_workers"] = round(rate / rates[("trafilatura", n)], 2)
    return result


def rss(args: argparse.Namespace, run_info: dict[str, Any]) -> dict[str, Any]:
    """The peak-RSS runs; returns the figures for batch.json."""
    every = load_pages([d.name for d in sorted(DATASETS.iterdir()) if (d / "ground-truth.json").exists()], 10**9)
    step = max(len(every) // args.rss_pages, 1)
    sample = every[::step][: args.rss_pages]
    result: dict[str, Any] = {
        **run_info, "distinct_pages": len(sample), "of_shared_pages": len(every),
        "distinct_megabytes": round(sum(len(p[1]) for p in sample) / 1e6, 1),
        "largest_page_mb": round(max(len(p[1]) for p in sample) / 1e6, 2), "runs": [],
    }
    print(f"peak RSS runs: {len(sample)} distinct pages (every {step}th of the {len(every)} shared pages), repeated; "
          f"largest {result['largest_page_mb']} MB")
    for n in [int(x) for x in args.rss.split(",")]:
        r = peak_rss(n, sample, 2)
        result["runs"].append(r)
        print(f"peak RSS, {n} pages, 2 workers: main {r['peak_rss_main_mib']} MiB, largest worker "
              f"{r['peak_rss_largest_worker_mib']} MiB, tree {r['peak_rss_tree_mib']} MiB; {r['pages_per_s']} pages/s; {r['summary']}")
    return result

if __name__ == "__main__":
    main()
