"""Caption precision and recall on the fixtures and on the caption dev and held-out sets.

Three sets of pages, all with captions written by hand from reading the page:

- **fixtures**: every ``fixtures/*/expected.json`` that lists ``captions``;
- **dev**: ``benchmarks/data/captions-dev.json`` (real pages from the shared
  datasets; how it was made is in ``benchmarks/data/README.md``), read from
  ``../shared/datasets`` beside the repository or ``--datasets PATH``;
- **held-out**: ``benchmarks/data/captions-heldout.json``, made the same way
  but never used to write rules (only scored).

Matching rule (:func:`match_captions`): caption texts are compared as word
sequences -- NFKC-normalised, invisible format characters (soft hyphens,
zero-width spaces) removed, case-folded, ``\\w+`` tokens, so punctuation,
quotes and spacing do not matter. A predicted and an expected caption match
when their token sequences are equal or their token F1 (multiset overlap) is
at least :data:`MIN_F1` (0.8). Each expected caption matches at most one
predicted caption and vice versa; pairs are taken best F1 first.

- precision = matched predictions / predictions, recall = matched expected /
  expected (pooled over all pages of a set);
- "with credits": a match counts only if the credits agree too
  (:func:`same_credit`: both absent, or equal token sequences -- so
  "(Foto: ABr)" equals "Foto: ABr", but "AP" does not equal "AP Photo").

    python -m benchmarks.captions_eval               # every set, summary
    python -m benchmarks.captions_eval --errors      # also every miss, extra and wrong credit
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
DEV_SET = ROOT / "benchmarks" / "data" / "captions-dev.json"
HELDOUT_SET = ROOT / "benchmarks" / "data" / "captions-heldout.json"
DATASETS = ROOT.parent / "shared" / "datasets"

#: Smallest token F1 at which a predicted caption matches an expected one.
MIN_F1 = 0.8

_WORD = re.compile(r"\w+")


def caption_tokens(text: Optional[str]) -> tuple[str, ...]:
    """Words of ``text`` for matching: NFKC, invisible format characters (soft
    hyphens, zero-width spaces) removed, case-folded, ``\\w+`` runs (``()`` for None)."""
    if not text:
        return ()
    text = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch) != "Cf")
    return tuple(_WORD.findall(text.casefold()))


def token_f1(a: Sequence[str], b: Sequence[str]) -> float:
    """F1 of the multiset overlap of two token sequences (1.0 when both are empty)."""
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def same_credit(a: Optional[str], b: Optional[str]) -> bool:
    """True when both credits are absent or have the same token sequence."""
    return caption_tokens(a) == caption_tokens(b)


def match_captions(predicted: Sequence[str], expected: Sequence[str], min_f1: float = MIN_F1) -> list[tuple[int, int]]:
    """One-to-one matching of predicted to expected caption texts.

    Args:
        predicted: the extracted caption texts.
        expected: the hand-written caption texts.
        min_f1: the smallest token F1 of a match.

    Returns:
        ``(predicted index, expected index)`` pairs, best pairs first: equal
        token sequences (F1 1.0), then falling F1 down to ``min_f1``. Every
        index occurs at most once.
    """
    ptoks = [caption_tokens(t) for t in predicted]
    etoks = [caption_tokens(t) for t in expected]
    candidates = []
    for i, p in enumerate(ptoks):
        for j, e in enumerate(etoks):
            f1 = 1.0 if p == e else token_f1(p, e)
            if f1 >= min_f1:
                candidates.append((-f1, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_e: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_e:
            used_p.add(i)
            used_e.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Tally:
    """Pooled counts of one page set."""

    predicted: int = 0
    expected: int = 0
    matched: int = 0
    matched_credit: int = 0
    pages: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, got: Sequence[tuple[str, Optional[str]]], want: Sequence[tuple[str, Optional[str]]]) -> None:
        """Score one page: ``got`` and ``want`` are ``(text, credit)`` lists."""
        pairs = match_captions([t for t, _ in got], [t for t, _ in want])
        self.pages += 1
        self.predicted += len(got)
        self.expected += len(want)
        self.matched += len(pairs)
        hit_p = {i for i, _ in pairs}
        hit_e = {j for _, j in pairs}
        for i, j in pairs:
            if same_credit(got[i][1], want[j][1]):
                self.matched_credit += 1
            else:
                self.errors.append(f"{name}  CREDIT  {want[j][0][:70]!r}: got {got[i][1]!r}, want {want[j][1]!r}")
        self.errors += [f"{name}  MISSED  {t[:90]!r} (credit {c!r})" for j, (t, c) in enumerate(want) if j not in hit_e]
        self.errors += [f"{name}  EXTRA   {t[:90]!r} (credit {c!r})" for i, (t, c) in enumerate(got) if i not in hit_p]

    def figures(self, with_credit: bool = False) -> tuple[float, float]:
        """``(precision, recall)``; 1.0 for an empty denominator."""
        m = self.matched_credit if with_credit else self.matched
        return (m / self.predicted if self.predicted else 1.0, m / self.expected if self.expected else 1.0)


def _extract(html: bytes, url: Optional[str]) -> list[tuple[str, Optional[str]]]:
    import boilerstrip

    return [(c.text, c.credit) for c in boilerstrip.extract(html, url=url).captions]


def score_fixtures() -> Tally:
    """Extract and score every fixture whose ``expected.json`` lists captions."""
    tally = Tally()
    for exp_path in sorted(FIXTURES.glob("*/expected.json")):
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        if "captions" not in expected:
            continue
        got = _extract((exp_path.parent / "page.html").read_bytes(), expected.get("url"))
        tally.add(exp_path.parent.name, got, [(c["text"], c.get("credit")) for c in expected["captions"]])
    return tally


def score_dev(datasets: Path = DATASETS, dev_set: Path = DEV_SET) -> Tally:
    """Extract and score every page of a caption set (the dev set by default).

    Raises:
        FileNotFoundError: a page of the set is missing under ``datasets``.
    """
    tally = Tally()
    truth_cache: dict[str, dict] = {}
    for key, entry in json.loads(dev_set.read_text(encoding="utf-8")).items():
        name, page_id = key.split("/", 1)
        if name not in truth_cache:
            gt = datasets / name / "ground-truth.json"
            truth_cache[name] = json.loads(gt.read_text(encoding="utf-8")) if gt.exists() else {}
        url = truth_cache[name].get(page_id, {}).get("url") or None
        if url and not url.startswith(("http://", "https://")):
            url = None
        html = gzip.decompress((datasets / name / "html" / f"{page_id}.html.gz").read_bytes())
        tally.add(key, _extract(html, url), [(c["text"], c["credit"]) for c in entry["captions"]])
    return tally


def _row(label: str, t: Tally) -> str:
    p, r = t.figures()
    pc, rc = t.figures(with_credit=True)
    return (f"| {label} | {t.pages} | {t.expected} | {t.predicted} | {t.matched} | {p:.3f} | {r:.3f} | "
            f"{pc:.3f} | {rc:.3f} |")


def main(argv: Optional[Sequence[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--datasets", type=Path, default=DATASETS, help="folder holding the shared datasets")
    ap.add_argument("--errors", action="store_true", help="list every missed, extra and wrong-credit caption")
    args = ap.parse_args(argv)
    fixtures = score_fixtures()
    dev = score_dev(args.datasets)
    heldout = score_dev(args.datasets, HELDOUT_SET)
    print("| set | pages | expected | extracted | matched | precision | recall | precision (credit) | recall (credit) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(_row("fixtures", fixtures))
    print(_row("dev", dev))
    print(_row("held-out", heldout))
    print(f"\nmatch: token sequence equal or token F1 >= {MIN_F1}; credit: same token sequence (both may be absent)")
    if args.errors:
        for line in fixtures.errors + dev.errors + heldout.errors:
            print(line)


if __name__ == "__main__":
    main()
