"""Caption precision and recall on the project's fixtures.

Every fixture whose ``expected.json`` lists ``captions`` (written by hand
from reading the page) is extracted; a predicted caption is a true positive
when its text equals an expected caption's text (whitespace collapsed), and
its credit counts as right when it equals the expected credit too.

    python -m benchmarks.captions_eval
"""

from __future__ import annotations

import json
from pathlib import Path

import boilerstrip

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _norm(s):
    return " ".join(s.split()) if s else s


def main() -> None:
    tp = fp = fn = credit_ok = 0
    rows = []
    for exp_path in sorted(FIXTURES.glob("*/expected.json")):
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        if "captions" not in expected:
            continue
        page = (exp_path.parent / "page.html").read_bytes()
        got = boilerstrip.extract(page, url=expected.get("url")).captions
        want = {_norm(c["text"]): _norm(c.get("credit")) for c in expected["captions"]}
        have = {_norm(c.text): _norm(c.credit) for c in got}
        hit = set(want) & set(have)
        tp += len(hit)
        fp += len(set(have) - hit)
        fn += len(set(want) - hit)
        credit_ok += sum(1 for t in hit if want[t] == have[t])
        rows.append((exp_path.parent.name, len(want), len(have), len(hit)))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print("| fixture | expected | extracted | matched |\n|---|---:|---:|---:|")
    for name, w, h, m in rows:
        print(f"| {name} | {w} | {h} | {m} |")
    print(f"\ncaption precision {p:.3f}, recall {r:.3f} ({tp} matched, {fp} extra, {fn} missed); "
          f"credit right on {credit_ok} of {tp} matched captions")


if __name__ == "__main__":
    main()
