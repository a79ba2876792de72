"""Identical output at two revisions: the test of a refactor that must change nothing.

    python -m benchmarks.identical main WORKTREE          # main against the working tree
    python -m benchmarks.identical 6117b7a HEAD --workers 2
    python -m benchmarks.identical main WORKTREE --show wcxb-dev/0123   # one page's difference

Each side runs in its own process on a clean checkout of the revision (a
``git worktree`` under ``benchmarks/out/``, as :mod:`benchmarks.compare` does)
or on the working tree (``WORKTREE``). Every page of every dataset folder under
``../shared/datasets`` (read with :func:`benchmarks.run.load_dataset`) is
extracted twice, in each of the :data:`MODES`:

* ``boilerstrip.extract(html, url=url, explain=True)``;
* the same with ``include_captions=True``.

Each result becomes a canonical JSON record: every field of the
:class:`~boilerstrip.Article` (blocks with kind, level, number and text; title,
authors, dates, captions, page kind and its reason, the pass used, the
dropped blocks with their reasons, faults), keys sorted. A page's digest is
the SHA-256 of each field's record, per mode; digests of a commit are cached
in ``benchmarks/out/identical-<sha>.json`` (never for the working tree).

The two sides' digests are compared page by page. Pages that differ are
printed with the fields that differ, and the command exits with status 1;
it exits 0 when every page of every set gives identical output.

``--show KEY`` extracts one page (``set/id``) at both revisions and prints a
unified diff of the two canonical records.

Nothing here is imported by the tests; it needs the datasets.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
OUT = REPO / "benchmarks" / "out"
WORKTREE = "WORKTREE"
#: The keyword arguments of each extraction, by mode name.
MODES: dict[str, dict[str, Any]] = {
    "explain": {"explain": True},
    "explain+captions": {"explain": True, "include_captions": True},
}


# --- one side (runs in a child process whose PYTHONPATH is the checkout) ------


def _canonical(article: Any) -> dict[str, str]:
    """``{field: canonical JSON}`` of every field of an Article."""
    record = dataclasses.asdict(article)
    return {k: json.dumps(v, sort_keys=True, ensure_ascii=False) for k, v in sorted(record.items())}


def _record(html: bytes, url: Optional[str], kwargs: dict[str, Any]) -> dict[str, str]:
    import boilerstrip

    try:
        return _canonical(boilerstrip.extract(html, url=url, **kwargs))
    except Exception as exc:  # noqa: BLE001 - an error is output too, and must not change
        return {"error": json.dumps(f"{type(exc).__name__}: {exc}")}


def _digest_one(job: tuple[str, bytes, Optional[str]]) -> tuple[str, dict[str, dict[str, str]]]:
    key, html, url = job
    out = {}
    for mode, kwargs in MODES.items():
        rec = _record(html, url, kwargs)
        out[mode] = {k: hashlib.sha256(v.encode("utf-8")).hexdigest()[:16] for k, v in rec.items()}
    return key, out


def _datasets() -> list[Path]:
    return [p for p in sorted(DATASETS.iterdir()) if (p / "ground-truth.json").exists()]


def run_side(workers: int, limit: int = 0) -> dict[str, dict[str, dict[str, str]]]:
    """Digests of every page (the first ``limit`` of each set when ``limit``)
    with the ``boilerstrip`` importable in this process:
    ``{"set/id": {mode: {field: sha}}}``."""
    from benchmarks.run import load_dataset

    out: dict[str, dict[str, dict[str, str]]] = {}
    with ProcessPoolExecutor(workers) as pool:
        for folder in _datasets():
            ds = load_dataset(folder)
            jobs = [(f"{ds.name}/{p.id}", p.html, p.url) for p in ds.pages[: limit or None]]
            for key, digest in pool.map(_digest_one, jobs, chunksize=4):
                out[key] = digest
            print(f"  {ds.name}: {len(jobs)} pages", file=sys.stderr, flush=True)
    return out


# --- driving both sides ---------------------------------------------------------


def _resolve(rev: str) -> str:
    return subprocess.check_output(["git", "rev-parse", rev], cwd=REPO, text=True).strip()


def checkout(rev: str) -> Path:
    """The source tree of ``rev``: the working tree, or a detached worktree of the commit."""
    if rev == WORKTREE:
        return REPO
    sha = _resolve(rev)
    src = OUT / f"tree-{sha[:12]}"
    if not src.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.check_call(["git", "worktree", "add", "--detach", "-f", str(src), sha], cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return src


def _child(src: Path, args: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(src))
    subprocess.check_call([sys.executable, str(Path(__file__).resolve()), *args], env=env, cwd=src)


def digests_for(rev: str, workers: int, limit: int = 0) -> dict[str, dict[str, dict[str, str]]]:
    """The digests of ``rev`` (a git revision or ``WORKTREE``), cached per
    commit (not with ``limit``, the first pages of each set only)."""
    cache = None
    if rev != WORKTREE and not limit:
        cache = OUT / f"identical-{_resolve(rev)[:12]}.json"
        if cache.exists():
            return json.loads(cache.read_text(encoding="utf-8"))
    src = checkout(rev)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        target = tmp.name
    print(f"{rev}: extracting every page in {src}", file=sys.stderr, flush=True)
    _child(src, ["--_run", "--workers", str(workers), "--limit", str(limit), "--_to", target])
    data = json.loads(Path(target).read_text(encoding="utf-8"))
    os.unlink(target)
    if cache is not None:
        cache.write_text(json.dumps(data), encoding="utf-8")
    return data


def differences(base: dict[str, Any], head: dict[str, Any]) -> dict[str, list[str]]:
    """``{page: ["mode:field", ...]}`` for every page whose output differs
    (a page present on one side only differs in ``"missing"``)."""
    out: dict[str, list[str]] = {}
    for key in sorted(set(base) | set(head)):
        b, h = base.get(key), head.get(key)
        if b is None or h is None:
            out[key] = ["missing"]
            continue
        fields = [f"{mode}:{f}" for mode in sorted(set(b) | set(h))
                  for f in sorted(set(b.get(mode, {})) | set(h.get(mode, {})))
                  if b.get(mode, {}).get(f) != h.get(mode, {}).get(f)]
        if fields:
            out[key] = fields
    return out


def _show_one(key: str) -> None:
    """Print the canonical records of one page (runs in a child process)."""
    from benchmarks.run import load_dataset

    setname, pid = key.split("/", 1)
    ds = load_dataset(DATASETS / setname)
    page = next(p for p in ds.pages if p.id == pid)
    out = {mode: _record(page.html, page.url, kwargs) for mode, kwargs in MODES.items()}
    for mode, rec in out.items():
        for field, value in rec.items():
            print(f"{mode}:{field} = {json.dumps(json.loads(value), indent=1, sort_keys=True, ensure_ascii=False)}")


def show(base: str, head: str, key: str) -> None:
    """A unified diff of one page's records at the two revisions."""
    texts = []
    for rev in (base, head):
        src = checkout(rev)
        env = dict(os.environ, PYTHONPATH=str(src))
        texts.append(subprocess.check_output(
            [sys.executable, str(Path(__file__).resolve()), "--_show", key], env=env, cwd=src, text=True))
    sys.stdout.writelines(difflib.unified_diff(
        texts[0].splitlines(True), texts[1].splitlines(True), fromfile=base, tofile=head, n=2))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("base", nargs="?", default="main", help="git revision (default: main)")
    ap.add_argument("head", nargs="?", default=WORKTREE, help="git revision or WORKTREE (default)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages of each set (a smoke test)")
    ap.add_argument("--show", metavar="SET/ID", help="print one page's difference")
    ap.add_argument("--_run", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_to", help=argparse.SUPPRESS)
    ap.add_argument("--_show", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._run or args._show:
        import boilerstrip

        src = Path(os.environ["PYTHONPATH"]).resolve()
        if src not in Path(boilerstrip.__file__).resolve().parents:
            raise SystemExit(f"boilerstrip imported from {boilerstrip.__file__}, not from {src}")
        if args._show:
            _show_one(args._show)
            return 0
        Path(args._to).write_text(json.dumps(run_side(args.workers, args.limit)), encoding="utf-8")
        return 0
    if args.show:
        show(args.base, args.head, args.show)
        return 0
    base = digests_for(args.base, args.workers, args.limit)
    head = digests_for(args.head, args.workers, args.limit)
    diff = differences(base, head)
    for key, fields in diff.items():
        print(f"{key}: {', '.join(fields)}")
    pages = len(set(base) | set(head))
    sets: dict[str, int] = {}
    for key in head:
        sets[key.split("/", 1)[0]] = sets.get(key.split("/", 1)[0], 0) + 1
    per_set = ", ".join(f"{n} {s}" for s, n in sorted(sets.items()))
    print(f"{len(diff)} of {pages} pages differ ({per_set}; modes: {', '.join(MODES)})")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
