"""The benchmark harness: accuracy, speed and memory of boilerstrip and its peers.

    python -m benchmarks.run                 # every extractor, every dataset
    python -m benchmarks.run --quick         # ~40 pages, boilerstrip + trafilatura
    python -m benchmarks.run --extractors boilerstrip,justext --dataset /path/to/set
    python -m benchmarks.run --errors 10     # also print boilerstrip's worst pages

How a run goes:

1. Every dataset folder (``<folder>/html/<id>.html.gz`` + ``ground-truth.json``)
   is read and decompressed before any clock starts.
2. Per dataset, each extractor gets its own worker process (:mod:`.worker`),
   all pinned to the same CPU core; each imports its package and warms up.
3. Pages are fed **interleaved**: for each page every extractor runs in turn
   (the order rotates page by page), so drifts in machine speed hit all alike.
   A page that takes longer than ``--timeout`` seconds is a time-out (charged
   at the limit, the worker is restarted); an exception is a crash. Either
   scores as an empty result.
4. Scores (:mod:`.metrics`), pages per second, the ratio to trafilatura's speed
   in the same run, and each worker's peak memory above its post-import
   baseline are gathered into ``results/results.json`` with the versions of
   every installed package; the tables (:mod:`.report`) go to stdout; a plot of
   F1 against speed to ``results/accuracy-vs-speed.png``; boilerstrip's worst
   pages to ``results/errors-<dataset>.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any, Optional

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    __package__ = "benchmarks"

from benchmarks import errors as error_report  # noqa: E402
from benchmarks import metrics, report  # noqa: E402
from benchmarks.peers import DEFAULT_ORDER, PEERS, QUICK  # noqa: E402
from benchmarks.worker import worker_main  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
#: The shared datasets sit beside the repository: ``<repo>/../shared/datasets``.
DEFAULT_DATASETS = REPO.parent / "shared" / "datasets"
RESULTS = REPO / "benchmarks" / "results"

#: Seconds one extractor may spend on one page before it counts as a time-out.
DEFAULT_TIMEOUT = 20.0
#: Seconds a worker may take to import its package and warm up.
STARTUP_TIMEOUT = 180.0
#: ``--quick``: pages sampled per dataset, and the fixed seed of the sample.
QUICK_PAGES_PER_DATASET = 20
QUICK_SEED = 20240501
#: Datasets known to be English only (jusText then always uses its English stoplist).
ENGLISH_ONLY = {"scrapinghub"}
#: How many of boilerstrip's worst pages ``results/errors-<dataset>.md`` lists.
ERROR_FILE_PAGES = 20
#: The speed reference: ratios are to this extractor's pages per second.
SPEED_REFERENCE = "trafilatura"


@dataclass
class Page:
    id: str
    html: bytes
    url: Optional[str]
    truth: dict


@dataclass
class Dataset:
    name: str
    path: Path
    pages: list[Page]
    english: bool
    missing: list[str] = field(default_factory=list)


def load_dataset(path: Path) -> Dataset:
    """Read every page of a dataset folder into memory (decompressed bytes)."""
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    pages, missing = [], []
    for page_id in sorted(truth):
        record = truth[page_id]
        file = path / "html" / record.get("file", f"{page_id}.html.gz")
        if not file.exists():
            missing.append(page_id)
            continue
        opener = gzip.open if file.suffix == ".gz" else open
        with opener(file, "rb") as fh:
            html = fh.read()
        url = (record.get("url") or "").strip() or None
        if "date" not in record and record.get("publish_date"):  # wcxb-dev names its date so
            record = {**record, "date": str(record["publish_date"])[:10]}
        pages.append(Page(page_id, html, url, record))
    return Dataset(path.name, path, pages, path.name in ENGLISH_ONLY, missing)


def find_datasets(extra: list[str], only_extra: bool) -> list[Path]:
    """The default dataset folders (unless ``only_extra``) plus those given."""
    found = []
    if not only_extra and DEFAULT_DATASETS.is_dir():
        found = [p for p in sorted(DEFAULT_DATASETS.iterdir()) if (p / "ground-truth.json").exists()]
    for item in extra:
        path = Path(item).resolve()
        if not (path / "ground-truth.json").exists() or not (path / "html").is_dir():
            raise SystemExit(f"{path}: not a dataset folder (needs html/ and ground-truth.json)")
        if path not in found:
            found.append(path)
    return found


# --- workers -----------------------------------------------------------------


class Worker:
    """The runner's handle on one extractor's process."""

    def __init__(self, name: str, cpu: Optional[int], timeout: float):
        self.name, self.cpu, self.timeout = name, cpu, timeout
        self.ctx = mp.get_context("spawn")
        self.peak_kib = 0
        self.restarts = 0
        self.import_error: Optional[str] = None
        self.proc: Any = None
        self.conn: Any = None

    def start(self) -> None:
        """Spawn the process; :meth:`wait_ready` collects its first message."""
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(
            target=worker_main, args=(child, self.name, self.cpu), daemon=True, name=f"bench-{self.name}"
        )
        self.proc.start()
        child.close()

    def wait_ready(self) -> bool:
        if not self.conn.poll(STARTUP_TIMEOUT):
            self.import_error = f"no answer within {STARTUP_TIMEOUT:.0f} s of starting"
            self.stop()
            return False
        try:
            message = self.conn.recv()
        except EOFError:
            message = ("import-error", f"worker exited with code {self.proc.exitcode} while starting")
        if message[0] != "ready":
            self.import_error = message[1]
            self.stop()
            return False
        self.baseline_kib = message[1]
        return True

    def call(self, page: Page, english: bool) -> tuple[str, float, Optional[dict], Optional[str]]:
        """Run the extractor on one page: ``(status, seconds, record, error)``."""
        self.conn.send((page.html, page.url, english))
        if not self.conn.poll(self.timeout):
            self._restart()
            return "timeout", self.timeout, None, f"no result within {self.timeout:.0f} s"
        try:
            status, seconds, record, error, max_rss = self.conn.recv()
        except (EOFError, OSError):
            code = self.proc.exitcode
            self._restart()
            return "crash", 0.0, None, f"worker process died (exit code {code})"
        self.peak_kib = max(self.peak_kib, max_rss - self.baseline_kib)
        return status, seconds, record, error

    def _restart(self) -> None:
        self.stop(kill=True)
        self.restarts += 1
        self.start()
        if not self.wait_ready():
            raise RuntimeError(f"{self.name}: could not restart: {self.import_error}")

    def stop(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        if not kill:
            try:
                self.conn.send(None)
                self.proc.join(5)
            except (OSError, BrokenPipeError):
                pass
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()
        self.proc = None


def pick_cpu() -> Optional[int]:
    """The core the workers share: the last one this process may use."""
    if hasattr(os, "sched_getaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        return cpus[-1] if cpus else None
    return None


# --- scoring -----------------------------------------------------------------


def empty_record(fields: frozenset) -> dict:
    """What a crash or time-out scores as: every supplied field empty."""
    return {
        "body": "" if "body" in fields else None,
        "title": "" if "title" in fields else None,
        "authors": [] if "authors" in fields else None,
        "date": "" if "date" in fields else None,
    }


def score_page(page: Page, record: dict) -> dict:
    """One page's body and metadata scores (JSON-ready)."""
    out: dict[str, Any] = {}
    body = record.get("body")
    if body is not None:
        if "articleBody" in page.truth:
            c = metrics.shingle_counts(page.truth["articleBody"], body)
            out["shingles"] = {"tp": c.tp, "fp": c.fp, "fn": c.fn, "exact": c.exact, "f1": c.f1}
        elif "with" in page.truth or "without" in page.truth:
            s = metrics.snippet_counts(body, page.truth.get("with", []), page.truth.get("without", []))
            out["snippets"] = {"tp": s.tp, "fn": s.fn, "fp": s.fp, "tn": s.tn,
                               "missed": list(s.missed), "leaked": list(s.leaked)}  # fmt: skip
    out["metadata"] = metrics.metadata_matches(
        page.truth, record.get("title"), record.get("authors"), record.get("date")
    )
    return out


def summarise(name: str, dataset: Dataset, pages: list[dict], worker: Worker) -> dict:
    """Per extractor and dataset: every figure of the results table."""
    shingle_pages = [
        metrics.ShingleCounts(p["shingles"]["tp"], p["shingles"]["fp"], p["shingles"]["fn"], p["shingles"]["exact"])
        for p in pages if "shingles" in p
    ]  # fmt: skip
    snippet_pages = [metrics.SnippetCounts(**{k: p["snippets"][k] for k in ("tp", "fn", "fp", "tn")})
                     for p in pages if "snippets" in p]  # fmt: skip
    body = None
    if shingle_pages:
        body = {"metric": "shingles", **metrics.aggregate_shingles(shingle_pages)}
    elif snippet_pages:
        body = {"metric": "snippets", **metrics.aggregate_snippets(snippet_pages)}
    meta = metrics.aggregate_metadata(p["metadata"] for p in pages)
    seconds = [p["seconds"] for p in pages]
    total = sum(seconds)
    ordered = sorted(seconds)
    peer = PEERS[name]
    return {
        "extractor": name,
        "dataset": dataset.name,
        "version": package_version(peer.distributions[0]),
        "note": peer.note,
        "pages": len(pages),
        "body": body,
        "metadata": {k: v for k, v in meta.items() if v is not None},
        "speed": {
            "seconds": total,
            "pages_per_second": len(pages) / total if total > 0 else None,
            "median_ms": 1000 * ordered[len(ordered) // 2] if ordered else None,
            "max_ms": 1000 * ordered[-1] if ordered else None,
            "ratio_to_trafilatura": None,  # filled once every row is known
        },
        "peak_memory_mib": worker.peak_kib / 1024,
        "crashes": sum(p["status"] == "crash" for p in pages),
        "timeouts": sum(p["status"] == "timeout" for p in pages),
        "worker_restarts": worker.restarts,
        "first_errors": [f"{p['id']}: {p['error']}" for p in pages if p.get("error")][:5],
    }


# --- the run -----------------------------------------------------------------


def run_dataset(dataset: Dataset, names: list[str], timeout: float, progress: Any) -> tuple[list, dict, dict]:
    """Run every extractor over one dataset, interleaved page by page."""
    cpu = pick_cpu()
    workers = {name: Worker(name, cpu, timeout) for name in names}
    for worker in workers.values():
        worker.start()
    skipped = {}
    for name, worker in list(workers.items()):
        if not worker.wait_ready():
            skipped[name] = worker.import_error
            print(f"  {name}: skipped ({worker.import_error})", file=sys.stderr)
            del workers[name]
    active = list(workers)
    per_page: dict[str, list[dict]] = {name: [] for name in active}
    records: dict[str, dict[str, dict]] = {name: {} for name in active}  # kept for the error report
    try:
        for index, page in enumerate(dataset.pages):
            shift = index % len(active) if active else 0
            for name in active[shift:] + active[:shift]:
                status, seconds, record, error = workers[name].call(page, dataset.english)
                if record is None:
                    record = empty_record(PEERS[name].fields)
                try:
                    scores = score_page(page, record)
                except Exception as exc:  # an output the metrics cannot read: an error of the extractor
                    status, error = "crash", f"unreadable output: {type(exc).__name__}: {exc}"
                    record = empty_record(PEERS[name].fields)
                    scores = score_page(page, record)
                entry = {"id": page.id, "status": status, "seconds": seconds, **scores}
                if error:
                    entry["error"] = error.splitlines()[0]
                per_page[name].append(entry)
                if name == "boilerstrip":
                    records[name][page.id] = record
            progress.update(1)
    finally:
        for worker in workers.values():
            worker.stop()
    rows = [summarise(name, dataset, per_page[name], workers[name]) for name in active]
    return rows, per_page, {"skipped": skipped, "records": records}


def package_version(distribution: str) -> Optional[str]:
    try:
        return importlib_metadata.version(distribution)
    except importlib_metadata.PackageNotFoundError:
        if distribution == "boilerstrip":  # run from the source tree, not installed
            sys.path.insert(0, str(REPO))
            try:
                import boilerstrip

                return getattr(boilerstrip, "__version__", None)
            except Exception:
                return None
        return None


def environment() -> dict:
    """Python, platform, CPU, the repo's commit, and every installed package's version."""
    cpu_model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
        dirty = bool(subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "boilerstrip"],
                                    capture_output=True, text=True).stdout.strip())  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    packages = {d.metadata["Name"]: d.version for d in importlib_metadata.distributions() if d.metadata["Name"]}
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": cpu_model,
        "cpu_count": os.cpu_count(),
        "commit": commit,
        "boilerstrip_modified_since_commit": dirty,
        "packages": dict(sorted(packages.items(), key=lambda kv: kv[0].lower())),
    }


def fill_speed_ratios(rows: list[dict]) -> None:
    reference = {r["dataset"]: r["speed"]["pages_per_second"] for r in rows if r["extractor"] == SPEED_REFERENCE}
    for row in rows:
        ref = reference.get(row["dataset"])
        pps = row["speed"]["pages_per_second"]
        row["speed"]["ratio_to_trafilatura"] = pps / ref if ref and pps else None


def plot(rows: list[dict], path: Path) -> None:
    """F1 against pages per second (log x), one labelled point per extractor and dataset."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 7), dpi=110)
    markers = ["o", "s", "^", "D", "v", "P"]
    datasets = sorted({r["dataset"] for r in rows})
    names = sorted({r["extractor"] for r in rows})
    colors = {n: plt.get_cmap("tab20")(i % 20) for i, n in enumerate(names)}
    for row in rows:
        pps = row["speed"]["pages_per_second"]
        if row["extractor"] == "lexbor-parse" and pps:
            ax.axvline(pps, color="grey", linestyle=":", linewidth=1)
            ax.annotate(f"Lexbor parse ({row['dataset']})", (pps, 0.02), rotation=90, fontsize=7,
                        color="grey", xytext=(3, 0), textcoords="offset points")  # fmt: skip
            continue
        if not row["body"] or not pps:
            continue
        marker = markers[datasets.index(row["dataset"]) % len(markers)]
        ax.scatter(pps, row["body"]["f1"], marker=marker, s=60, color=colors[row["extractor"]],
                   edgecolors="black" if row["extractor"] == "boilerstrip" else "none",
                   linewidths=1.5, zorder=3)  # fmt: skip
        ax.annotate(row["extractor"], (pps, row["body"]["f1"]), fontsize=8, xytext=(5, 3), textcoords="offset points")
    for i, name in enumerate(datasets):
        ax.scatter([], [], marker=markers[i % len(markers)], color="grey", label=name)
    ax.set_xscale("log")
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("pages per second, one core (log scale)")
    ax.set_ylabel("body F1")
    ax.set_title("Body F1 against speed, per extractor and dataset")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(title="dataset", loc="lower left")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", action="append", default=[], metavar="PATH",
                        help="another dataset folder (repeatable); added to the default ones")  # fmt: skip
    parser.add_argument("--only", action="store_true", help="use only the --dataset folders")
    parser.add_argument("--extractors", help=f"comma-separated, from: {', '.join(DEFAULT_ORDER)}")
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_PAGES_PER_DATASET} fixed pages per dataset, {' and '.join(QUICK)} only")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per page (default 20)")
    parser.add_argument("--errors", type=int, default=None, metavar="N",
                        help=f"print boilerstrip's N worst pages per dataset (the files always get {ERROR_FILE_PAGES})")  # fmt: skip
    parser.add_argument("--out", type=Path, default=None,
                        help="results folder (default benchmarks/results, or benchmarks/results/quick)")  # fmt: skip
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    names = args.extractors.split(",") if args.extractors else list(QUICK if args.quick else DEFAULT_ORDER)
    unknown = [n for n in names if n not in PEERS]
    if unknown:
        raise SystemExit(f"unknown extractor(s): {', '.join(unknown)}; known: {', '.join(PEERS)}")
    out = args.out or (RESULTS / "quick" if args.quick else RESULTS)

    datasets = [load_dataset(p) for p in find_datasets(args.dataset, args.only)]
    if not datasets:
        raise SystemExit(f"no dataset found (looked in {DEFAULT_DATASETS})")
    if args.quick:
        for ds in datasets:
            rng = random.Random(QUICK_SEED)
            ds.pages = sorted(rng.sample(ds.pages, min(QUICK_PAGES_PER_DATASET, len(ds.pages))), key=lambda p: p.id)

    from tqdm import tqdm

    total_steps = sum(len(ds.pages) for ds in datasets)
    rows: list[dict] = []
    skipped: dict[str, dict] = {}
    per_page_all: dict[str, dict] = {}
    error_sections: dict[str, str] = {}
    boilerstrip_records: dict[str, dict] = {}
    with tqdm(total=total_steps, unit="page", disable=args.no_progress, file=sys.stderr) as progress:
        for ds in datasets:
            progress.set_description(ds.name)
            ds_rows, per_page, extra = run_dataset(ds, names, args.timeout, progress)
            rows.extend(ds_rows)
            per_page_all[ds.name] = per_page
            if extra["skipped"]:
                skipped[ds.name] = extra["skipped"]
            if "boilerstrip" in per_page:
                boilerstrip_records[ds.name] = extra["records"]["boilerstrip"]
                error_sections[ds.name] = error_report.render(
                    ds, per_page["boilerstrip"], boilerstrip_records[ds.name], limit=ERROR_FILE_PAGES
                )
    fill_speed_ratios(rows)
    wall = time.perf_counter() - started

    results = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": "python -m benchmarks.run " + " ".join(sys.argv[1:] if argv is None else argv),
        "quick": args.quick,
        "wall_seconds": wall,
        "timeout_seconds": args.timeout,
        "interleaved": True,
        "datasets": [
            {"name": ds.name, "pages": len(ds.pages), "english_only": ds.english, "missing_files": ds.missing}
            for ds in datasets
        ],
        "extractors": {n: {"version": package_version(PEERS[n].distributions[0]), "note": PEERS[n].note,
                           "fields": sorted(PEERS[n].fields)} for n in names},  # fmt: skip
        "skipped": skipped,
        "rows": rows,
        "environment": environment(),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "pages.json").write_text(json.dumps(per_page_all, ensure_ascii=False) + "\n", encoding="utf-8")
    plot(rows, out / "accuracy-vs-speed.png")
    for ds_name, text in error_sections.items():
        (out / f"errors-{ds_name}.md").write_text(text, encoding="utf-8")

    print(report.render(results))
    if args.errors:
        for ds in datasets:
            if ds.name in boilerstrip_records:
                print(error_report.render(ds, per_page_all[ds.name]["boilerstrip"],
                                          boilerstrip_records[ds.name], limit=args.errors))  # fmt: skip
    print(f"\nwall time {wall:.0f} s; results in {out.relative_to(REPO) if out.is_relative_to(REPO) else out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
