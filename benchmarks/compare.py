"""Compare boilerstrip at two commits on every shared dataset: the per-set deltas.

The development discipline of the project: a change to scoring or rules is
kept only if it lowers no set's F1 by more than :data:`MAX_SET_LOSS` and lifts
the macro average over sets. This command measures exactly that::

    python -m benchmarks.compare                 # HEAD against the working tree
    python -m benchmarks.compare main            # main against the working tree
    python -m benchmarks.compare 0d7e07e HEAD    # two commits
    python -m benchmarks.compare HEAD --pages 15 # also list the 15 pages that moved most
    python -m benchmarks.compare --table peer:trafilatura HEAD   # side by side with a peer
    python -m benchmarks.compare --table HEAD HEAD+precision HEAD+recall   # the presets
    python -m benchmarks.compare HEAD WORKTREE --preset precision   # a preset against the default
    python -m benchmarks.compare peer:trafilatura-recall WORKTREE --preset recall

Each side is run in a fresh process on a clean checkout of the commit
(``git worktree`` under ``benchmarks/out/``) or on the working tree
(``WORKTREE``), over every page of every dataset folder under
``../shared/datasets`` with a pool of ``--workers`` processes. Results are
cached per commit in ``benchmarks/out/compare-<sha>.json`` (the working tree
is never cached), so comparing against the same base twice runs it once.
``--preset NAME`` runs the second side (``head``) with
``boilerstrip.Options.NAME()`` (built in each worker process, so the preset
of that side's checkout is used); the first side keeps the default options.

Scores (see ``shared/datasets/README.md`` and :mod:`benchmarks.metrics`):

* body F1, precision and recall per set: 4-token shingles (scrapinghub,
  dragnet-dev, wcxb-dev) or must/must-not snippets (trafilatura-dev);
* per ``page_type`` on ``wcxb-dev``, in the shingle metric and in WCXB's own
  word metric (:func:`benchmarks.metrics.word_f1`, the mean of per-page
  bag-of-words F1, so the figures compare with WCXB's published table);
* the macro average of the per-set F1;
* the median extraction time per page kind (the speed check of a page kind
  against articles), in milliseconds, from the same run.

Nothing here is imported by the tests; it needs the datasets.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Optional

try:  # run as ``python -m benchmarks.compare`` or ``python benchmarks/compare.py``
    from . import metrics
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import metrics  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
OUT = REPO / "benchmarks" / "out"
WORKTREE = "WORKTREE"
#: The most one set's F1 may fall for a change to be kept (issue-tracker rule).
MAX_SET_LOSS = 0.002


# --- running one side ---------------------------------------------------------


def _pages() -> list[tuple[str, str, Optional[str], str]]:
    """``(set, id, url, path)`` of every page, in a fixed order."""
    out = []
    for folder in sorted(DATASETS.iterdir()):
        gt = folder / "ground-truth.json"
        if not gt.exists():
            continue
        truth = json.loads(gt.read_text(encoding="utf-8"))
        for pid in sorted(truth):
            path = folder / "html" / f"{pid}.html.gz"
            if path.exists():
                out.append((folder.name, pid, (truth[pid].get("url") or "").strip() or None, str(path)))
    return out


def _extract_one(job: tuple[str, str, Optional[str], str, dict[str, Any]]) -> dict[str, Any]:
    import time

    import boilerstrip

    name, pid, url, path, kwargs = job
    with gzip.open(path, "rb") as fh:
        html = fh.read()
    peer = kwargs.get("peer")
    preset = kwargs.get("preset")
    if preset:  # a named Options preset, built here from the checkout being measured
        kwargs = {k: v for k, v in kwargs.items() if k != "preset"}
        kwargs["options"] = getattr(boilerstrip.Options, preset)()
    t0 = time.perf_counter()
    try:
        if peer:
            rec = dict(_peer_fn(peer)(html, url, name == "scrapinghub"))
            rec["ms"] = (time.perf_counter() - t0) * 1000
            rec["key"] = f"{name}/{pid}"
            return rec
        art = boilerstrip.extract(html, url=url, **kwargs)
        rec = {"body": art.body, "title": art.title, "authors": list(art.authors), "date": art.date_published}
        for extra in ("page_kind", "pass_used"):
            if hasattr(art, extra):
                rec[extra] = getattr(art, extra)
    except Exception as exc:  # noqa: BLE001 - a benchmark records a crash, it does not hide it
        rec = {"body": "", "error": f"{type(exc).__name__}: {exc}"}
    rec["ms"] = (time.perf_counter() - t0) * 1000
    rec["key"] = f"{name}/{pid}"
    return rec


_PEER_FNS: dict[str, Any] = {}


def _peer_fn(name: str) -> Any:
    """A peer's run function from :mod:`benchmarks.peers`, set up once per process."""
    if name not in _PEER_FNS:
        sys.path.insert(0, str(REPO))
        from benchmarks import peers

        _PEER_FNS[name] = peers.PEERS[name].setup()
    return _PEER_FNS[name]


def run_side(workers: int, kwargs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Extract every page with the ``boilerstrip`` importable in this process."""
    jobs = [(n, p, u, path, kwargs) for n, p, u, path in _pages()]
    with ProcessPoolExecutor(workers) as pool:
        return {r["key"]: r for r in pool.map(_extract_one, jobs, chunksize=8)}


def _resolve(rev: str) -> str:
    return subprocess.check_output(["git", "rev-parse", rev], cwd=REPO, text=True).strip()


def results_for(rev: str, workers: int, options: str, preset: str = "") -> dict[str, dict[str, Any]]:
    """The per-page records of ``rev`` (a git revision or ``WORKTREE``), run
    with ``Options.<preset>()`` when ``preset`` is given (not for peers)."""
    OUT.mkdir(parents=True, exist_ok=True)
    cmd_tail = ["--_run", "--workers", str(workers), "--options", options]
    if preset:
        cmd_tail += ["--preset", preset]
    if rev.startswith("peer:"):
        cache = OUT / f"compare-{rev[5:]}.json"
        if cache.exists():
            return json.loads(cache.read_text(encoding="utf-8"))
        data = run_side(workers, {"peer": rev[5:]})
        cache.write_text(json.dumps(data), encoding="utf-8")
        return data
    if rev == WORKTREE:
        src = REPO
        cache = None
    else:
        sha = _resolve(rev)
        cache = OUT / f"compare-{sha[:12]}{'-' + options if options else ''}{'-' + preset if preset else ''}.json"
        if cache.exists():
            return json.loads(cache.read_text(encoding="utf-8"))
        src = OUT / f"tree-{sha[:12]}"
        if not src.exists():
            subprocess.check_call(["git", "worktree", "add", "--detach", "-f", str(src), sha], cwd=REPO,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        target = tmp.name
    env = dict(os.environ, PYTHONPATH=str(src))
    subprocess.check_call([sys.executable, str(Path(__file__).resolve()), *cmd_tail, "--_to", target], env=env, cwd=src)
    data = json.loads(Path(target).read_text(encoding="utf-8"))
    os.unlink(target)
    if cache is not None:
        cache.write_text(json.dumps(data), encoding="utf-8")
    return data


# --- scoring ------------------------------------------------------------------


def _truths() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for folder in sorted(DATASETS.iterdir()):
        gt = folder / "ground-truth.json"
        if gt.exists():
            for pid, t in json.loads(gt.read_text(encoding="utf-8")).items():
                out[f"{folder.name}/{pid}"] = t
    return out


def page_score(truth: dict[str, Any], body: str) -> dict[str, Any]:
    """One page's scores: shingle counts or snippet counts, and the word F1."""
    if "articleBody" in truth:
        c = metrics.shingle_counts(truth["articleBody"], body)
        return {"sh": (c.precision, c.recall, c.exact), "f1": c.f1,
                "word": metrics.word_f1(truth["articleBody"], body)}
    s = metrics.snippet_counts(body, truth.get("with", []), truth.get("without", []))
    tot = s.tp + s.fn + s.fp
    return {"sn": (s.tp, s.fn, s.fp, s.tn), "f1": s.tp / tot if tot else 1.0}


def summarise(records: dict[str, dict[str, Any]], truths: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per set, per wcxb page type and macro figures of one side."""
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, rec in records.items():
        score = page_score(truths[key], rec.get("body") or "")
        setname = key.split("/", 1)[0]
        groups.setdefault(setname, []).append((key, score))
        ptype = truths[key].get("page_type")
        if ptype:
            groups.setdefault(f"{setname}:{ptype}", []).append((key, score))
    out: dict[str, Any] = {}
    for name, items in sorted(groups.items()):
        scores = [s for _, s in items]
        if "sh" in scores[0]:
            ps = [s["sh"][0] for s in scores if s["sh"][0] is not None]
            rs = [s["sh"][1] for s in scores if s["sh"][1] is not None]
            p = sum(ps) / len(ps) if ps else 0.0
            r = sum(rs) / len(rs) if rs else 0.0
            words = [s["word"] for s in scores]
            row = {"f1": metrics.f1(p, r), "p": p, "r": r, "word_f1": sum(words) / len(words)}
        else:
            tp = sum(s["sn"][0] for s in scores)
            fn = sum(s["sn"][1] for s in scores)
            fp = sum(s["sn"][2] for s in scores)
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            row = {"f1": metrics.f1(p, r), "p": p, "r": r}
        ms = [records[k]["ms"] for k, _ in items]
        row["ms_median"] = statistics.median(ms)
        row["pages"] = len(items)
        out[name] = row
    sets = [k for k in out if ":" not in k]
    out["macro"] = {"f1": sum(out[k]["f1"] for k in sets) / len(sets)}
    return out


def _fmt(v: Optional[float]) -> str:
    return "—" if v is None else f"{v:.4f}"


def report(base: dict[str, Any], head: dict[str, Any], base_name: str, head_name: str) -> str:
    """A markdown table of both sides and their deltas; flags sets that lose."""
    lines = [f"| set | pages | F1 {base_name} | F1 {head_name} | ΔF1 | P | R | word F1 | Δword | ms median |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    worst = 0.0
    for name in head:
        if name == "macro":
            continue
        b, h = base.get(name, {}), head[name]
        d = h["f1"] - b.get("f1", 0.0)
        if ":" not in name:
            worst = min(worst, d)
        dw = (h["word_f1"] - b["word_f1"]) if "word_f1" in h and "word_f1" in b else None
        lines.append(f"| {name} | {h['pages']} | {_fmt(b.get('f1'))} | {_fmt(h['f1'])} | {d:+.4f} | "
                     f"{h['p']:.4f} | {h['r']:.4f} | {_fmt(h.get('word_f1'))} | "
                     f"{'—' if dw is None else f'{dw:+.4f}'} | {h['ms_median']:.1f} |")
    dm = head["macro"]["f1"] - base["macro"]["f1"]
    lines.append(f"| **macro** | | {base['macro']['f1']:.4f} | {head['macro']['f1']:.4f} | {dm:+.4f} | | | | | |")
    verdict = "keep" if worst >= -MAX_SET_LOSS and dm > 0 else "do not keep"
    lines.append("")
    lines.append(f"verdict: {verdict} (worst set ΔF1 {worst:+.4f}, limit -{MAX_SET_LOSS}; macro ΔF1 {dm:+.4f})")
    return "\n".join(lines)


def moved_pages(base: dict[str, dict[str, Any]], head: dict[str, dict[str, Any]],
                truths: dict[str, dict[str, Any]], n: int) -> str:
    """The ``n`` pages whose F1 fell most and the ``n`` that rose most."""
    deltas = []
    for key in head:
        if key in base:
            fb = page_score(truths[key], base[key].get("body") or "")["f1"]
            fh = page_score(truths[key], head[key].get("body") or "")["f1"]
            if abs(fh - fb) > 1e-9:
                deltas.append((fh - fb, key, fb, fh, truths[key].get("page_type", "")))
    deltas.sort()
    rows = [f"{len(deltas)} pages changed; fell most:"]
    rows += [f"  {d:+.3f} {k} {fb:.3f}->{fh:.3f} {t}" for d, k, fb, fh, t in deltas[:n]]
    rows.append("rose most:")
    rows += [f"  {d:+.3f} {k} {fb:.3f}->{fh:.3f} {t}" for d, k, fb, fh, t in reversed(deltas[-n:])]
    return "\n".join(rows)


def table(sides: list[tuple[str, dict[str, Any]]]) -> str:
    """One markdown table of several extractors side by side: F1 (P / R)
    per set and wcxb page type, WCXB word F1, and the macro F1 over sets."""
    names = [n for n, _ in sides]
    rows = [n for n in sides[0][1] if n != "macro"]
    head = "| set | " + " | ".join(f"{n} F1 (P / R)" for n in names) + " | " + " | ".join(
        f"{n} word F1" for n in names) + " |"
    out = [head, "|---|" + "---:|" * (2 * len(names))]
    for r in rows:
        cells = []
        for _, s in sides:
            v = s.get(r)
            cells.append("—" if v is None else f"{v['f1']:.3f} ({v['p']:.3f} / {v['r']:.3f})")
        words = [(f"{s[r]['word_f1']:.3f}" if r in s and "word_f1" in s[r] else "—") for _, s in sides]
        best = max(s[r]["f1"] for _, s in sides if r in s)
        cells = [f"**{c}**" if c.startswith(f"{best:.3f}") else c for c in cells]
        out.append(f"| {r} | " + " | ".join(cells) + " | " + " | ".join(words) + " |")
    out.append("| **macro F1** | " + " | ".join(f"{s['macro']['f1']:.3f}" for _, s in sides) + " |" + " |" * len(names))
    return "\n".join(out)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", nargs="?", default="HEAD",
                    help="git revision (default HEAD), WORKTREE, or peer:NAME (a peer of benchmarks.peers, e.g. peer:trafilatura)")
    ap.add_argument("head", nargs="?", default=WORKTREE, help="git revision or WORKTREE (default)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--pages", type=int, default=0, help="also list the N pages that fell and rose most")
    ap.add_argument("--options", default="", help="extract() keyword arguments as JSON")
    ap.add_argument("--table", nargs="+", metavar="SIDE",
                    help="instead of comparing two sides, print one table of these sides (revisions or peer:NAME)")
    ap.add_argument("--preset", default="", choices=("", "precision", "recall"),
                    help="run the second side with boilerstrip.Options.NAME() (the first keeps the default)")
    ap.add_argument("--_run", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_to", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    kwargs = json.loads(args.options) if args.options else {}
    if args.preset:
        kwargs["preset"] = args.preset
    if args._run:
        Path(args._to).write_text(json.dumps(run_side(args.workers, kwargs)), encoding="utf-8")
        return 0
    truths = _truths()
    if args.table:
        sides = []
        for side in args.table:  # REV or REV+PRESET (e.g. HEAD+precision) or peer:NAME
            rev, _, preset = side.partition("+")
            sides.append((side, summarise(results_for(rev, args.workers, args.options, preset), truths)))
        print(table(sides))
        return 0
    base = results_for(args.base, args.workers, args.options)
    head = results_for(args.head, args.workers, args.options, args.preset)
    print(report(summarise(base, truths), summarise(head, truths), args.base, args.head))
    if args.pages:
        print(moved_pages(base, head, truths, args.pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
