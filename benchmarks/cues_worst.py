"""The worst case of every text cue pattern: time on adversarial strings.

::

    python -m benchmarks.cues_worst              # the 15 slowest patterns, 10,000-character strings
    python -m benchmarks.cues_worst --chars 400  # at the longest block a cue ever sees
    python -m benchmarks.cues_worst --top 0      # every pattern

Each pattern of the shipped rules is compiled alone (``TEXT_FLAGS``) and run
the way the matcher runs it (``fullmatch`` for ``block`` rules, ``match``
for ``prefix`` rules) on a family of strings built to make a backtracking
engine work: long runs of letters, capitalised words after "By", names
joined by "and", digits and date separators, credit markers, each repeated
to ``--chars`` characters and ended with a character that makes the match
fail at the very end. The figure per pattern is the slowest string's time
(best of ``--repeat`` runs); ``regex``'s own ``timeout`` stops a runaway
pattern at 5 s. The matcher never gives a cue more than 400 characters
(:data:`boilerstrip.rules.MAX_CUE_BLOCK_CHARS_LIMIT`), so ``--chars 400`` is
the worst case in use; 10,000 shows how a pattern scales.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Optional

import regex

from boilerstrip.rules import TEXT_FLAGS, default_rules

BASES = [
    "a", " ", "Aa ", "Ann ", "Ann Lee and ", "By Ann ", "by ann ", "1", "1 ", "12/12/2024 ", "1.1.",
    "Monday, ", "12 March 2024 ", "x ©", "x photo: ", "photo: x", "© x ", "Ann | 2024 ", "A.B. ",
    "share facebook ", "tags: x ", "related ", "...", "a.b-c' ",
]
ENDS = ["", ".", "!", "|", "\u2022"]
SEEDS = ["", "By ", "by ", "published ", "Published: Monday, ", "photo: ", "Ann Lee | "]


def strings(n: int) -> list[str]:
    """The adversarial strings of about ``n`` characters."""
    out = []
    for seed in SEEDS:
        for base in BASES:
            body = seed + base * max(1, (n - len(seed)) // len(base))
            for end in ENDS:
                out.append(body[: n - len(end)] + end)
    return out


def worst(rx: "regex.Pattern[str]", block: bool, texts: list[str], repeat: int) -> tuple[float, str]:
    """The slowest of ``texts`` for ``rx``: (seconds, the string's first 30 characters)."""
    run = rx.fullmatch if block else rx.match
    best_t, best_s = 0.0, ""
    for s in texts:
        t = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            try:
                run(s, timeout=5.0)
            except TimeoutError:
                pass
            t = min(t, time.perf_counter() - t0)
        if t > best_t:
            best_t, best_s = t, s[:30]
    return best_t, best_s


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=10_000, help="string length (default 10000)")
    ap.add_argument("--top", type=int, default=15, help="print the N slowest patterns (0: all)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per string (default 3)")
    ap.add_argument("--rule", help="only the patterns of this rule id")
    args = ap.parse_args(argv)
    texts = strings(args.chars)
    rows = []
    for rule in default_rules().text_rules:
        if args.rule and rule.id != args.rule:
            continue
        for k, p in enumerate(rule.patterns):
            t, s = worst(regex.compile(p, TEXT_FLAGS), rule.match == "block", texts, args.repeat)
            rows.append((t, rule.id, k, s))
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns, {len(texts)} strings of {args.chars} characters; slowest first")
    print("| ms | rule | pattern # | slowest string starts |")
    print("|---:|---|---:|---|")
    for t, rid, k, s in rows[: args.top or None]:
        print(f"| {1000 * t:.3f} | {rid} | {k} | {s!r} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
