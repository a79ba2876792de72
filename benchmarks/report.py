"""The results section of the README, generated from ``results/results.json``.

    python -m benchmarks.report              # rewrite README.md between the markers
    python -m benchmarks.report --print      # only print the section
    python -m benchmarks.report --results other/results.json

The section sits between ``<!-- results:start -->`` and ``<!-- results:end -->``
in the repository's README.md and is never edited by hand. Without a README or
without the markers, the section is printed and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
RESULTS_JSON = REPO / "benchmarks" / "results" / "results.json"
START, END = "<!-- results:start -->", "<!-- results:end -->"

__all__ = ["render", "update_readme", "main"]


def _pct(value: Optional[float]) -> str:
    return "—" if value is None else f"{value:.3f}"


def _meta(row: dict, key: str) -> str:
    figure = row["metadata"].get(key)
    return "—" if not figure else f"{figure['accuracy']:.2f}"


def _speed(row: dict) -> tuple[str, str]:
    pps = row["speed"]["pages_per_second"]
    ratio = row["speed"]["ratio_to_trafilatura"]
    return ("—" if pps is None else f"{pps:.1f}", "—" if ratio is None else f"{ratio:.2f}×")


def _sort_key(row: dict) -> Any:
    # body F1 first (highest on top); date-only and parse-only rows last, fastest first
    if row["body"]:
        return (0, -row["body"]["f1"])
    return (1, -(row["speed"]["pages_per_second"] or 0))


def _table(rows: list[dict]) -> list[str]:
    has_meta = any(row["metadata"] for row in rows)
    has_exact = any(row["body"] and row["body"]["metric"] == "shingles" for row in rows)
    head = ["extractor", "F1", "precision", "recall"]
    if has_exact:
        head.append("exact")
    if has_meta:
        head += ["author", "author (any case)", "author (one name)", "date", "title"]
    head += ["pages/s", "vs trafilatura", "peak MiB", "crashes", "time-outs"]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|"]
    for row in sorted(rows, key=_sort_key):
        name = row["extractor"]
        name = f"**{name}**" if name == "boilerstrip" else name
        if row.get("note"):
            name += f" ({row['note']})"
        body = row["body"] or {}
        cells = [name, _pct(body.get("f1")), _pct(body.get("precision")), _pct(body.get("recall"))]
        if has_exact:
            cells.append(_pct(body.get("accuracy")) if body.get("metric") == "shingles" else "—")
        if has_meta:
            cells += [_meta(row, k) for k in ("author", "author_nocase", "author_partial", "date", "title")]
        cells += [*_speed(row), f"{row['peak_memory_mib']:.0f}", str(row["crashes"]), str(row["timeouts"])]
        out.append("| " + " | ".join(cells) + " |")
    return out


def render(results: dict) -> str:
    """The whole results section as Markdown (without the markers).

    It has no heading of its own (the README's "Results" heading is outside
    the markers); each dataset is a level-3 heading with its table.
    """
    env = results.get("environment", {})
    lines = [
        f"Generated from `benchmarks/results/results.json` by `python -m benchmarks.report`; "
        f"produced by `{results['command'].strip()}` on {results['generated']} "
        f"(commit {env.get('commit') or '?'}{', with local changes' if env.get('boilerstrip_modified_since_commit') else ''}) "
        f"in {results['wall_seconds'] / 60:.1f} min wall time; Python {env.get('python', '?')}, "
        f"{env.get('cpu') or env.get('machine', '?')}, {env.get('cpu_count', '?')} cores. "
        "See `benchmarks/README.md` for what each figure means.",
        "",
    ]
    if results.get("quick"):
        lines += ["**Quick run: a small fixed sample, not comparable to full runs.**", ""]
    for ds in results["datasets"]:
        rows = [r for r in results["rows"] if r["dataset"] == ds["name"]]
        if not rows:
            continue
        metric = next((r["body"]["metric"] for r in rows if r["body"]), None)
        how = {
            "shingles": "body scores are 4-token-shingle precision/recall averaged over pages; "
            "exact = share of pages whose tokens all match",
            "snippets": "body scores pool the must-contain / must-not-contain snippets of all pages; "
            "metadata = share of exact matches where the truth has the field",
        }.get(metric or "", "")
        lines += [f"### {ds['name']} ({ds['pages']} pages)", "", f"{how}." if how else "", ""]
        lines += _table(rows)
        lines.append("")
    skipped = results.get("skipped") or {}
    for ds_name, items in skipped.items():
        for name, why in items.items():
            lines.append(f"- {name} skipped on {ds_name}: {why}")
    if skipped:
        lines.append("")
    versions = ", ".join(f"{n} {e['version'] or '?'}" for n, e in results["extractors"].items()
                         if not n.startswith("trafilatura-") and n != "lexbor-parse")  # fmt: skip
    lines += [
        f"Versions: {versions}; Lexbor via selectolax {env.get('packages', {}).get('selectolax', '?')}.",
        "",
        "![Body F1 against pages per second](benchmarks/results/accuracy-vs-speed.png)",
    ]
    return "\n".join(lines).replace("\n\n\n", "\n\n")


def update_readme(section: str, readme: Path = README) -> bool:
    """Replace the text between the markers; False when the README or a marker is missing."""
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return False
    new = text[: start + len(START)] + "\n" + section.rstrip() + "\n" + text[end:]
    readme.write_text(new, encoding="utf-8")
    return True


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=RESULTS_JSON)
    parser.add_argument("--print", action="store_true", help="print the section, write nothing")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    section = render(results)
    if args.print:
        print(section)
        return 0
    if update_readme(section):
        print(f"updated the results section of {README}")
        return 0
    print(section)
    print(f"\n({README} is missing or lacks the {START} / {END} markers: nothing written; "
          "the section is printed above)", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, str(REPO))
    sys.exit(main())
