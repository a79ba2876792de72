"""boilerstrip's worst pages, with the text it missed and the text it added.

Full-text datasets (scrapinghub) rank pages by F1, lowest first; snippet
datasets (trafilatura-dev) by misses plus false positives, most first. Each
page gets a kind of failure, so that a run's report starts with a count of
what to fix:

* ``crash`` / ``timeout`` / ``empty``: no text at all;
* ``too little``: what came out is right but much is missing (precision high, recall low);
* ``too much``: all of the article plus boilerplate (recall high, precision low);
* ``wrong region``: both low — mostly the wrong part of the page;
* snippet pages: ``misses`` (``with`` snippets absent), ``leaks`` (``without``
  snippets present), or ``misses+leaks``.

Missing and extra text on full-text pages is found by paragraph: a true
paragraph is *missing* when fewer than half of its shingles are in the
output (a paragraph of one to three words: when its words are not there in a
row); an output line is *extra* when the same holds against the truth.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import metrics

__all__ = ["render", "classify"]

#: Lines shown per piece of missing or extra text, and their width.
SHOWN_LINES = 3
LINE_WIDTH = 120
#: A precision or recall at least this high counts as "fine" when naming the failure.
GOOD = 0.8
#: A paragraph is matched when at least this share of its shingles is found.
COVERED = 0.5


def classify(entry: dict, body: str) -> str:
    """The kind of failure of one page (see the module docstring)."""
    if entry["status"] != "ok":
        return entry["status"]
    if not body.strip():
        return "empty"
    if "shingles" in entry:
        sh = entry["shingles"]
        precision = sh["tp"] / (sh["tp"] + sh["fp"]) if sh["tp"] + sh["fp"] else 0.0
        recall = sh["tp"] / (sh["tp"] + sh["fn"]) if sh["tp"] + sh["fn"] else 0.0
        if precision >= GOOD and recall >= GOOD:
            return "fine"
        if precision >= GOOD:
            return "too little"
        if recall >= GOOD:
            return "too much"
        return "wrong region"
    sn = entry.get("snippets", {})
    if sn.get("fn") and sn.get("fp"):
        return "misses+leaks"
    if sn.get("fn"):
        return "misses"
    if sn.get("fp"):
        return "leaks"
    return "fine"


def _uncovered(lines: list[str], other_text: str) -> list[str]:
    """The lines not found in ``other_text``.

    A line of at least :data:`~benchmarks.metrics.SHINGLE_SIZE` tokens is found
    when at least :data:`COVERED` of its shingles occur in the other text; a
    shorter line when its tokens occur there in a row.
    """
    other = metrics.shingles(other_text)
    joined = " " + " ".join(metrics.tokenize(other_text)) + " "
    out = []
    for line in lines:
        tokens = metrics.tokenize(line)
        if not tokens:
            continue
        if len(tokens) < metrics.SHINGLE_SIZE:
            if f" {' '.join(tokens)} " not in joined:
                out.append(line)
            continue
        own = metrics.shingles(line)
        found = sum(n for sh, n in own.items() if sh in other)
        if found / sum(own.values()) < COVERED:
            out.append(line)
    return out


def _paragraphs(text: str) -> list[str]:
    return [metrics.normalize_space(line) for line in (text or "").splitlines() if line.strip()]


def _excerpt(lines: list[str]) -> list[str]:
    shown = [f"    {line[:LINE_WIDTH]}{'…' if len(line) > LINE_WIDTH else ''}" for line in lines[:SHOWN_LINES]]
    if len(lines) > SHOWN_LINES:
        words = sum(len(metrics.tokenize(line)) for line in lines[SHOWN_LINES:])
        shown.append(f"    (+{len(lines) - SHOWN_LINES} more lines, {words} words)")
    return shown


def _rank_key(entry: dict) -> Any:
    if "shingles" in entry:
        return entry["shingles"]["f1"]
    sn = entry.get("snippets", {})
    return -(sn.get("fn", 0) + sn.get("fp", 0))


def render(dataset: Any, pages: list[dict], records: dict[str, dict], limit: int) -> str:
    """Markdown: the failure counts, then the ``limit`` worst pages with their evidence."""
    truth = {p.id: p for p in dataset.pages}
    kinds = Counter(classify(e, (records.get(e["id"]) or {}).get("body") or "") for e in pages)
    worst = sorted(pages, key=_rank_key)[:limit]
    lines = [
        f"# boilerstrip's worst pages on {dataset.name}",
        "",
        "Written by `python -m benchmarks.run`; see the docstring of `benchmarks/errors.py` for the kinds.",
        "",
        "Pages by kind of failure: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
        "",
    ]
    for entry in worst:
        page = truth[entry["id"]]
        record = records.get(entry["id"]) or {}
        body = record.get("body") or ""
        kind = classify(entry, body)
        if "shingles" in entry:
            score = f"F1 {entry['shingles']['f1']:.2f}"
        else:
            sn = entry.get("snippets", {})
            score = f"{sn.get('fn', 0)} missed, {sn.get('fp', 0)} leaked"
        lines.append(f"## {entry['id']} — {kind}, {score}")
        lines.append("")
        lines.append(f"- url: {page.url or '?'}")
        if entry.get("error"):
            lines.append(f"- error: `{entry['error']}`")
        lines.append(f"- output: {len(metrics.tokenize(body))} words")
        if "articleBody" in page.truth:
            true_lines = _paragraphs(page.truth["articleBody"])
            out_lines = _paragraphs(body)
            missing = _uncovered(true_lines, body)
            extra = _uncovered(out_lines, page.truth["articleBody"])
            if missing:
                lines.append(f"- missing ({len(missing)} of {len(true_lines)} true paragraphs):")
                lines.append("")
                lines += ["```"] + _excerpt(missing) + ["```"]
            if extra:
                lines.append(f"- extra ({len(extra)} of {len(out_lines)} output lines):")
                lines.append("")
                lines += ["```"] + _excerpt(extra) + ["```"]
        else:
            sn = entry.get("snippets", {})
            if sn.get("missed"):
                lines.append("- missed `with` snippets: " + "; ".join(f"“{s}”" for s in sn["missed"]))
            if sn.get("leaked"):
                lines.append("- leaked `without` snippets: " + "; ".join(f"“{s}”" for s in sn["leaked"]))
            if body.strip():
                lines.append("- output begins:")
                lines.append("")
                lines += ["```"] + _excerpt(_paragraphs(body)) + ["```"]
        lines.append("")
    return "\n".join(lines)
