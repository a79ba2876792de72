"""The evaluation metrics, exactly as ``shared/datasets/README.md`` defines them.

Two kinds of body-text ground truth and one kind of metadata ground truth:

* **scrapinghub** (full article text): :func:`tokenize` → :func:`shingles`
  (multisets of 4-token shingles) → per-page :func:`shingle_counts`
  (tp/fp/fn normalised to sum 1) → :func:`aggregate_shingles` (precision and
  recall are means over pages, F1 of the means, accuracy = identical tokens).
  This follows the reference implementation of the Scrapinghub
  article-extraction-benchmark, including its edge case: a text with fewer
  than four tokens is one shingle made of all its tokens; an empty text has
  no shingle.
* **trafilatura-dev** (snippets): :func:`snippet_counts` per page (``with``
  snippets found = TP else FN, ``without`` snippets found = FP else TN) →
  :func:`aggregate_snippets` (precision, recall and F1 over the pooled counts).
* **metadata**: :func:`metadata_matches` — exact match after whitespace
  normalisation for author, date and title, plus two lenient author variants.

Pure functions on strings; no extractor is imported here, so the unit tests
can import this module alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

import regex

__all__ = [
    "SHINGLE_SIZE",
    "tokenize",
    "shingles",
    "ShingleCounts",
    "shingle_counts",
    "aggregate_shingles",
    "normalize_space",
    "SnippetCounts",
    "snippet_counts",
    "aggregate_snippets",
    "metadata_matches",
    "aggregate_metadata",
    "f1",
    "word_f1",
]

#: Shingle length in tokens, as in the Scrapinghub benchmark.
SHINGLE_SIZE = 4

_TOKEN = regex.compile(r"\w+")  # `regex` \w is Unicode-aware, like `re` on str
_SPACE = regex.compile(r"\s+")


def tokenize(text: Optional[str]) -> list[str]:
    """The ``\\w+`` matches of ``text`` (Unicode word characters), in order."""
    return _TOKEN.findall(text or "")


def shingles(text: Optional[str], n: int = SHINGLE_SIZE) -> Counter:
    """The multiset of ``n``-token shingles of ``text``.

    A text with fewer than ``n`` (but at least one) tokens gives one shingle of
    all its tokens; an empty text gives an empty multiset.
    """
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True)
class ShingleCounts:
    """One page's shingle overlap, normalised so that ``tp + fp + fn == 1``.

    All three are 0 when neither text has a token. ``exact`` is True when the
    token lists of the two texts are identical.
    """

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> Optional[float]:
        """tp/(tp+fp), or None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> Optional[float]:
        """tp/(tp+fn), or None when the truth is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None

    @property
    def f1(self) -> float:
        """This page's F1 (0 when either side is undefined); used to rank pages."""
        return f1(self.precision or 0.0, self.recall or 0.0)


def shingle_counts(truth: Optional[str], predicted: Optional[str]) -> ShingleCounts:
    """Compare a predicted body with the true body by 4-token shingle multisets."""
    true_sh, pred_sh = shingles(truth), shingles(predicted)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    exact = tokenize(truth) == tokenize(predicted)
    if total == 0:
        return ShingleCounts(0.0, 0.0, 0.0, exact)
    return ShingleCounts(tp / total, fp / total, fn / total, exact)


def word_f1(truth: Optional[str], predicted: Optional[str]) -> float:
    """WCXB's per-page word metric: F1 of the bags of lower-cased ``\\w+`` tokens.

    precision = overlap / predicted tokens, recall = overlap / true tokens
    (multiset overlap). An empty prediction or truth scores 0, both empty 1.
    WCXB reports the mean of this over pages; its published tables use it.
    """
    true_bag = Counter(t.lower() for t in tokenize(truth))
    pred_bag = Counter(t.lower() for t in tokenize(predicted))
    if not true_bag or not pred_bag:
        return 1.0 if not true_bag and not pred_bag else 0.0
    overlap = sum((true_bag & pred_bag).values())
    return f1(overlap / sum(pred_bag.values()), overlap / sum(true_bag.values()))


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def aggregate_shingles(pages: Iterable[ShingleCounts]) -> dict[str, float]:
    """Precision, recall (means over pages where defined), F1 of the means, accuracy."""
    pages = list(pages)
    precisions = [p.precision for p in pages if p.precision is not None]
    recalls = [p.recall for p in pages if p.recall is not None]
    precision, recall = _mean(precisions), _mean(recalls)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "accuracy": _mean([1.0 if p.exact else 0.0 for p in pages]),
        "pages": len(pages),
    }


def normalize_space(text: Optional[str]) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", text or "").strip()


@dataclass(frozen=True)
class SnippetCounts:
    """One page's snippet outcome; the ``missed`` and ``leaked`` snippets are kept."""

    tp: int
    fn: int
    fp: int
    tn: int
    missed: tuple[str, ...] = ()
    leaked: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """Misses plus false positives: how bad the page is."""
        return self.fn + self.fp


def snippet_counts(
    body: Optional[str], with_: Sequence[str], without: Sequence[str]
) -> SnippetCounts:
    """Which ``with`` snippets are found in ``body`` and which ``without`` snippets are.

    Both the body and each snippet have their whitespace collapsed first; the
    search is a case-sensitive substring test. An empty snippet is ignored.
    """
    text = normalize_space(body)
    wanted = [s for s in map(normalize_space, with_) if s]
    unwanted = [s for s in map(normalize_space, without) if s]
    missed = tuple(s for s in wanted if s not in text)
    leaked = tuple(s for s in unwanted if s in text)
    return SnippetCounts(
        tp=len(wanted) - len(missed),
        fn=len(missed),
        fp=len(leaked),
        tn=len(unwanted) - len(leaked),
        missed=missed,
        leaked=leaked,
    )


def aggregate_snippets(pages: Iterable[SnippetCounts]) -> dict[str, float]:
    """Precision, recall and F1 over the pooled counts; accuracy = (tp+tn)/all."""
    pages = list(pages)
    tp = sum(p.tp for p in pages)
    fn = sum(p.fn for p in pages)
    fp = sum(p.fp for p in pages)
    tn = sum(p.tn for p in pages)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fn + fp + tn
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "accuracy": (tp + tn) / total if total else 0.0,
        "tp": tp,
        "fn": fn,
        "fp": fp,
        "tn": tn,
        "pages": len(pages),
    }


#: The metadata figures :func:`metadata_matches` reports, in table order.
METADATA_KEYS = ("author", "author_nocase", "author_partial", "date", "title")


def metadata_matches(
    truth: dict, title: Optional[str], authors: Optional[Sequence[str]], date: Optional[str]
) -> dict[str, Optional[bool]]:
    """Match predicted metadata against a ground-truth record.

    ``truth`` has any of ``author`` (names joined by ``"; "``, or a list of
    names), ``date``
    (``YYYY-MM-DD``) and ``title``. A figure is ``None`` (not scored) when the
    truth lacks the field or has it empty, or when the extractor does not
    supply that field at all (``None`` passed); otherwise True/False.

    * ``author``: ``"; ".join(authors)`` equals the truth after whitespace
      normalisation; ``author_nocase`` the same ignoring case;
      ``author_partial``: any predicted name is one of the true names
      (ignoring case).
    * ``date``: the first ten characters of the predicted date equal the truth.
    * ``title``: equal after whitespace normalisation.
    """
    out: dict[str, Optional[bool]] = {k: None for k in METADATA_KEYS}
    true_author = truth.get("author")
    if isinstance(true_author, (list, tuple)):  # a few records list the names
        true_author = "; ".join(true_author)
    true_author = normalize_space(true_author)
    if true_author and authors is not None:
        predicted = normalize_space("; ".join(authors))
        out["author"] = predicted == true_author
        out["author_nocase"] = predicted.casefold() == true_author.casefold()
        true_names = {normalize_space(n).casefold() for n in true_author.split(";")}
        out["author_partial"] = any(
            normalize_space(n).casefold() in true_names for n in authors if normalize_space(n)
        )
    true_date = normalize_space(truth.get("date"))
    if true_date and date is not None:
        out["date"] = normalize_space(date)[:10] == true_date
    true_title = normalize_space(truth.get("title"))
    if true_title and title is not None:
        out["title"] = normalize_space(title) == true_title
    return out


def aggregate_metadata(pages: Iterable[dict[str, Optional[bool]]]) -> dict[str, dict]:
    """Per metadata figure: ``{"accuracy": share correct, "pages": scored}``; None if none scored."""
    pages = list(pages)
    out: dict[str, dict] = {}
    for key in METADATA_KEYS:
        scored = [p[key] for p in pages if p.get(key) is not None]
        out[key] = (
            {"accuracy": sum(scored) / len(scored), "pages": len(scored)} if scored else None
        )
    return out
