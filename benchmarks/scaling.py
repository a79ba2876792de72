"""How extraction time grows with page size, the slowest real page, and the
worst case of every shipped text-rule regex.

    python benchmarks/scaling.py                 # everything (a few minutes)
    python benchmarks/scaling.py --max-mb 10     # skip the 50 MB page
    python benchmarks/scaling.py --skip-datasets --skip-regex

Three reports:

1. **Scaling.** Synthetic pages of 10 KB, 100 KB, 1 MB, 10 MB and 50 MB
   (a menu, then article sections — heading, paragraphs, an ad slot, a share
   bar, a related-links box — repeated to size, then a footer) are extracted
   as UTF-8 bytes; the best of a few runs is kept per size. The slope of
   log(time) against log(size), fitted by least squares, says how time grows:
   1.0 is linear, 2.0 quadratic.
2. **Datasets.** Every page of ``shared/datasets/*/html/*.html.gz`` is
   extracted once; the slowest pages are listed.
3. **Regex worst cases.** Every pattern of every text rule in
   ``boilerstrip/rules/data/*.toml`` is run, compiled the way the engine
   compiles it, against adversarial inputs of up to
   :data:`~boilerstrip.rules.MAX_CUE_BLOCK_CHARS` characters built from the
   pattern's own words and letters (repetitions with a non-matching last
   character, to force backtracking); the slowest match per pattern is
   reported, and ``Ruleset.match_text`` is timed on the same inputs.

With ``--hostile N``, a fourth report times hostile pages (nested block
elements, many distinct attributes, nested tables, nested elements that a
drop rule matches, short blocks each starting with a different character)
at N/10, N/3 and N and prints each case's slope.

With ``--shapes``, a fifth report grows every adversarial shape of
``benchmarks/shapes.py`` (deep nesting, long tags, nested bylines,
datelines and captions, sibling captions and ``<time>``, long JSON-LD and
title values, malformed URLs, ...) from 10 KB to 10 MB (``--shape-sizes``),
each size in its own process, and prints per shape the time and peak
memory at each size, the slope of log(time) against log(size) from 100 KB
up, and the peak memory over the page size at the largest size.
``tests/test_scaling.py`` is the CI version (growth ratios at tens to
hundreds of KB).

Times are wall-clock on the machine at hand; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

import boilerstrip  # noqa: E402
from boilerstrip.rules import MAX_CUE_BLOCK_CHARS, adversarial_texts, default_rules  # noqa: E402

SIZES = [10_000, 100_000, 1_000_000, 10_000_000, 50_000_000]

HEAD = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Council approves the new budget | Example News</title>"
    "<meta name='author' content='Jane Doe'><meta property='article:published_time' content='2024-03-05T10:00:00Z'></head><body>"
    "<header class='site-header'><nav class='menu'><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
    "<li><a href='/sport'>Sport</a></li><li><a href='/culture'>Culture</a></li></ul></nav></header>"
    "<main><article class='article-body'><h1>Council approves the new budget</h1><p class='byline'>By Jane Doe</p>"
)
SECTION = (
    "<h2>Section {i}: what the vote means</h2>"
    "<p>The city council approved the budget for the coming year on Tuesday, after a debate that lasted well into the night, "
    "with {i} amendments discussed and most of them rejected by a narrow majority of the members present.</p>"
    "<p>Residents will see changes to bus routes, library hours and the collection of household waste, the mayor said, "
    "adding that the reserve fund would be rebuilt over three years, “without new taxes”, as promised in the campaign.</p>"
    "<div class='ad ad-slot'><span>Advertisement</span></div>"
    "<p>Opposition members called the plan optimistic. “The numbers only work if the economy keeps growing,” one said, "
    "pointing to the rising cost of energy, of borrowing and of the wages the city must pay to keep its staff.</p>"
    "<div class='share-bar'><a href='/s/fb'>Facebook</a> <a href='/s/tw'>Twitter</a> <a href='/s/mail'>Email</a></div>"
    "<aside class='related'><h3>Related</h3><ul><li><a href='/a/{i}1'>Mayor outlines spending plan</a></li>"
    "<li><a href='/a/{i}2'>Bus routes under review</a></li></ul></aside>"
)
TAIL = (
    "</article></main><aside class='sidebar'><h3>Most read</h3><ol><li><a href='/m1'>Story one</a></li><li><a href='/m2'>Story two</a></li></ol></aside>"
    "<footer class='footer'><p>© 2024 Example News. All rights reserved.</p><a href='/privacy'>Privacy</a></footer></body></html>"
)


def synthetic_page(size: int) -> bytes:
    """An article page of about ``size`` bytes (UTF-8)."""
    parts = [HEAD]
    total = len(HEAD) + len(TAIL)
    i = 0
    while total < size:
        s = SECTION.format(i=i)
        parts.append(s)
        total += len(s.encode())
        i += 1
    parts.append(TAIL)
    return "".join(parts).encode("utf-8")


def best_time(data: bytes, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        boilerstrip.extract(data, max_bytes=None)
        best = min(best, time.perf_counter() - t)
    return best


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) against log(x)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def run_scaling(max_bytes: int) -> None:
    print("== scaling: synthetic article pages ==")
    boilerstrip.extract(synthetic_page(10_000))  # warm up: rules compiled, caches filled
    sizes, times = [], []
    for size in SIZES:
        if size > max_bytes:
            continue
        data = synthetic_page(size)
        repeat = 5 if size <= 1_000_000 else (2 if size <= 10_000_000 else 1)
        t = best_time(data, repeat)
        body = boilerstrip.extract(data, max_bytes=None).body if size <= 1_000_000 else None
        sizes.append(len(data))
        times.append(t)
        extra = f"  body {len(body):,} chars" if body is not None else ""
        print(f"{len(data):>12,} bytes  {t * 1000:>10.1f} ms  {len(data) / t / 1e6:>6.2f} MB/s{extra}")
    if len(sizes) >= 2:
        print(f"slope of log(time) vs log(size): {slope(sizes, times):.2f}  (1.0 = linear)")
        if len(sizes) >= 4:
            print(f"slope over the sizes from 1 MB up: {slope(sizes[2:], times[2:]):.2f}")


def dataset_dir() -> Path:
    for candidate in (ROOT.parent / "shared" / "datasets", Path("/work/shared/datasets")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "datasets"


def run_datasets(top: int) -> None:
    """Two passes over every page: the first pays one-time costs (rule
    buckets compiled per first character of a block), the second is warm."""
    root = dataset_dir()
    files = sorted(root.glob("*/html/*.html.gz"))
    print(f"\n== datasets: {len(files)} pages under {root} ==")
    if not files:
        return
    pages = [(f, gzip.decompress(f.read_bytes())) for f in files]
    for label in ("first pass (cold caches)", "second pass (warm)"):
        results, errors = [], []
        start = time.perf_counter()
        for f, data in pages:
            t = time.perf_counter()
            try:
                boilerstrip.extract(data, max_bytes=None)
            except Exception as exc:  # reported, not raised: this is a survey
                errors.append((f, exc))
            results.append((time.perf_counter() - t, len(data), f))
        total = time.perf_counter() - start
        results.sort(reverse=True)
        times = sorted(r[0] for r in results)
        print(f"{label}: total {total:.1f} s, median {times[len(times) // 2] * 1000:.1f} ms, "
              f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")
        for t, size, f in results[:top]:
            print(f"  {t * 1000:>8.1f} ms  {size:>10,} bytes  {f.parent.parent.name}/{f.name}")
        for f, exc in errors:
            print(f"  ERROR {f.name}: {type(exc).__name__}: {exc}")


# -- regex worst cases ---------------------------------------------------------

def adversarial_inputs(pattern: str, n: int = MAX_CUE_BLOCK_CHARS) -> list[str]:
    """The adversarial texts ``load_rules`` probes user patterns with
    (:func:`boilerstrip.rules.adversarial_texts`), at most ``n`` characters."""
    return adversarial_texts(pattern, n)


def _time_match(compiled, text: str, repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        t = time.perf_counter()
        compiled.match(text)
        best = min(best, time.perf_counter() - t)
    return best


def run_regex(top: int) -> None:
    rules = default_rules()
    flags = regex.IGNORECASE | regex.V1
    print(f"\n== regex worst cases: {len(rules.text_rules)} text rules, inputs up to {MAX_CUE_BLOCK_CHARS} chars ==")
    worst = []
    all_inputs: list[str] = []
    n_matches = 0
    for rule in rules.text_rules:
        for p in rule.patterns:
            compiled = regex.compile(f"(?:{p})\\Z" if rule.match == "block" else f"(?:{p})", flags)
            inputs = adversarial_inputs(p)
            all_inputs.extend(inputs[:6])
            t_max, s_max = 0.0, ""
            for s in inputs:
                t = _time_match(compiled, s)
                n_matches += 1
                if t > t_max:
                    t_max, s_max = t, s
            worst.append((t_max, rule.id, rule.language, p, s_max))
    worst.sort(reverse=True)
    print(f"{n_matches:,} pattern matches; slowest per pattern:")
    for t, rid, lang, p, s in worst[:top]:
        print(f"  {t * 1e6:>9.1f} µs  {rid} [{lang}]  {p[:60]!r}  on {s[:40]!r}…")
    # The engine's own entry point on every input: the first text starting
    # with a given character compiles that character's bucket of patterns
    # ("cold"); the same call again shows the matching cost alone ("warm").
    # The engine also memoises whole texts; that memo is emptied before each
    # call so that the regexes really run.
    memo = getattr(getattr(rules, "_cues", None), "_cache", {})
    cold, warm = [], []
    for s in all_inputs:
        memo.clear()
        t = time.perf_counter()
        rules.match_text(s)
        cold.append((time.perf_counter() - t, s))
        best = math.inf
        for _ in range(3):
            memo.clear()
            t = time.perf_counter()
            rules.match_text(s)
            best = min(best, time.perf_counter() - t)
        warm.append((best, s))
    (tc, sc), (tw, sw) = max(cold), max(warm)
    print(f"Ruleset.match_text on {len(all_inputs):,} inputs: warm max {tw * 1e6:.1f} µs (on {sw[:30]!r}…); "
          f"cold max {tc * 1e3:.1f} ms (first text starting with {sc[:1]!r}: bucket compiled)")


_P = "<p>The council approved the budget on Tuesday, after a long debate, with most amendments rejected.</p>"

#: name → builder of a hostile page with ``n`` repetitions.
HOSTILE = {
    "nested <div>": lambda n: "<body>" + "<div>" * n + _P + "</div>" * n,
    "nested <ul><li>": lambda n: "<body>" + "<ul><li>" * n + _P,
    "distinct attributes": lambda n: "<body><div " + " ".join(f"a{i}=x" for i in range(n)) + ">" + _P + "</div>",
    "nested <table>": lambda n: "<body>" + "<table><tr><td>" * n + _P + "</td></tr></table>" * n,
    "nested class=share": lambda n: "<body>" + '<div class="share">' * n + _P * 3 + "</div>" * n,
    # short blocks each starting with a character not seen before (CJK
    # ideographs from a moving offset, so that no run reuses another's)
    "distinct first chars": lambda n: "<body>" + "".join(f"<p>{_fresh_char()}文</p>" for _ in range(n)) + _P,
}

_next_char = [0x4E00]


def _fresh_char() -> str:
    c = _next_char[0]
    _next_char[0] = c + 1 if c < 0x9FFF else 0x4E00
    return chr(c)


def run_hostile(n_max: int) -> None:
    print(f"\n== hostile pages, up to n = {n_max:,} ==")
    ns = sorted({max(n_max // 10, 1), max(n_max // 3, 1), n_max})
    for name, build in HOSTILE.items():
        # a tenth of n for the per-character case: 20,992 ideographs exist
        cases = [max(n // 10, 10) for n in ns] if name == "distinct first chars" else ns
        times = []
        for n in cases:
            html = build(n)
            t = time.perf_counter()
            boilerstrip.extract(html)
            times.append(time.perf_counter() - t)
        cells = "  ".join(f"n={n:>7,}: {t:>8.2f} s" for n, t in zip(cases, times))
        s = f"slope {slope(cases, times):.2f}" if len(set(cases)) > 1 and min(times) > 0 else ""
        print(f"{name:<22} {cells}  {s}")


def _one_shape(name: str, size: int) -> None:
    """Child process: extract one shape at one size, print time and memory as JSON."""
    import json
    import resource

    from benchmarks.shapes import build

    boilerstrip.extract(build("many paragraphs", 10_000))  # warm: rules compiled
    data = build(name, size)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    t = time.perf_counter()
    boilerstrip.extract(data, max_bytes=None)
    elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"bytes": len(data), "seconds": elapsed, "peak_growth": max(peak - before, 0), "peak": peak}))


def run_shapes(sizes: list[int], only: str = "", timeout: float = 600) -> None:
    """Every shape of ``benchmarks/shapes.py`` at every size, each in a fresh process."""
    import json
    import subprocess

    from benchmarks.shapes import SHAPES

    print(f"\n== adversarial shapes at {', '.join(f'{s:,}' for s in sizes)} bytes ==")
    print("time per size; slope of log(time) vs log(size) from 100 KB up; peak memory growth during the call / page size at the largest size")
    for name in SHAPES:
        if only and only not in name:
            continue
        cells, xs, ys, mem = [], [], [], ""
        for size in sizes:
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--one-shape", name, str(size)],
                    capture_output=True, text=True, timeout=timeout, check=True,
                ).stdout
                r = json.loads(out.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                cells.append(f"{size // 1000:>6,} KB: >{timeout:.0f} s")
                break
            except (subprocess.CalledProcessError, ValueError, IndexError) as exc:
                cells.append(f"{size // 1000:>6,} KB: failed ({exc})")
                break
            cells.append(f"{r['bytes'] // 1000:>6,} KB {r['seconds']:>7.3f} s")
            if r["bytes"] >= 100_000:
                xs.append(r["bytes"])
                ys.append(max(r["seconds"], 1e-4))
            mem = f"mem x{r['peak_growth'] / r['bytes']:.1f} ({r['peak'] / 2**20:.0f} MiB peak)"
        fit = f"slope {slope(xs, ys):.2f}" if len(xs) >= 2 else ""
        print(f"{name:<34} {' | '.join(cells)}  {fit}  {mem}", flush=True)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-mb", type=float, default=50, help="largest synthetic page, in MB (default 50)")
    ap.add_argument("--skip-scaling", action="store_true")
    ap.add_argument("--skip-datasets", action="store_true")
    ap.add_argument("--skip-regex", action="store_true")
    ap.add_argument("--hostile", type=int, default=0, metavar="N", help="also time hostile pages up to N (e.g. 30000)")
    ap.add_argument("--top", type=int, default=5, help="slowest items listed per report")
    ap.add_argument("--shapes", action="store_true", help="grow every adversarial shape of benchmarks/shapes.py")
    ap.add_argument("--shape-sizes", default="10000,100000,1000000,10000000", help="comma-separated sizes in bytes")
    ap.add_argument("--only", default="", help="only the shapes whose name contains this")
    ap.add_argument("--one-shape", nargs=2, metavar=("NAME", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one_shape:
        _one_shape(args.one_shape[0], int(args.one_shape[1]))
        return
    if args.shapes:
        run_shapes([int(x) for x in args.shape_sizes.split(",")], args.only)
        return
    if not args.skip_scaling:
        run_scaling(int(args.max_mb * 1_000_000))
    if not args.skip_datasets:
        run_datasets(args.top)
    if not args.skip_regex:
        run_regex(args.top)
    if args.hostile:
        run_hostile(args.hostile)


if __name__ == "__main__":
    main()
