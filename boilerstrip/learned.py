"""Stage 7b: the learned block scorer, a small model that re-decides blocks.

The hand-set scorer (:mod:`boilerstrip.score`, :mod:`boilerstrip.select`)
decides every block from a few thresholds. This stage reads what it decided
(the :class:`~boilerstrip.blocks.Segmentation` and the final
:class:`~boilerstrip.select.Selection`), describes every block by a vector of
features (:func:`block_features`: its text and link density, length,
punctuation, kind, the tags and class/id tokens of the elements around it,
its place in the page and against the selected region, the scorer's class,
the selection's verdict and the rule that decided it, the page kind) and lets
a model fitted on the shared development sets re-decide the blocks where the
hand-set scorer is least sure:

* a kept block is dropped when the model's probability that it is content
  is below the model's ``drop_below``;
* a block dropped for its density, its container's score, a teaser list or
  the context revision (not one an element or text cue rule dropped, nor a
  heading repeating the title) that lies at most ``near_blocks`` blocks from a
  kept block is kept again when the probability is above ``keep_above``.

The model is data, ``boilerstrip/model/blocks.json``, written by
``python -m benchmarks.learn`` (see that module for the fitting, the folds
split by site and the cross-validated figures): a logistic regression over
standardised features (``kind: "logistic"``) or a sum of regression trees
(``kind: "trees"``), evaluated here in pure Python. A block the model drops
gets the reason ``model:<feature>`` in ``explain``, naming the feature that
pushed its probability down most.

Figures (``python -m benchmarks.learn``, the shipped model: 120 boosted
trees of at most 15 leaves over the 150 features; every page re-decided by
the model of the fold that did not see its site, five folds split by site):
candidate blocks classified right 0.833 of the time against the hand-set
selection's 0.746; body F1 dragnet-dev 0.8935 → 0.9026, scrapinghub 0.9724
→ 0.9715, trafilatura-dev 0.9411 → 0.9411, wcxb-dev 0.8195 → 0.8219 (forum
+0.016, documentation +0.010, collection −0.013, product −0.006); macro
+0.0026. ``drop_below`` 0.3, ``keep_above`` 0.7, ``near_blocks`` 3 and
``drop_good`` were chosen on those out-of-fold figures.

Work: one pass over the frames (class/id cue masks, region membership) and
one over the blocks, each O(1) per block for a bounded model: O(blocks +
frames), linear in the page.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, Callable, Optional, Sequence

from .blocks import BOILERPLATE, Frame, Segmentation, TextBlock
from .select import Selection

__all__ = [
    "BASE_FEATURES", "Model", "block_features", "feature_names", "load_model", "redecide", "rescore",
    "ADDABLE_REASONS", "ANCESTOR_LEVELS", "PATH_TAGS",
]

#: Page kinds, in the order of their one-hot features (:data:`boilerstrip.kind.PAGE_KINDS`).
_KINDS = ("article", "forum", "product", "documentation", "listing", "collection", "service")
_BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "code", "table")
_KLASSES = ("good", "short", "bad")
#: Reasons of the selection, grouped: the prefix of the reason string.
_REASONS = (
    "cue.", "density.links", "density.linkbox", "structure.teasers", "context.heading", "context.tail",
    "score:", "whole.", "dup.title",
)
#: Tags looked for on the block's element and its ancestors (``ANCESTOR_LEVELS`` up).
PATH_TAGS = (
    "nav", "aside", "footer", "header", "form", "li", "table", "article", "main", "section", "figure",
    "blockquote", "dl", "td", "h", "p", "div",
)
#: How many elements above the block's own one the tag path and class cues look at.
ANCESTOR_LEVELS = 4
#: Reasons of a dropped block that the model may overrule (prefixes).
ADDABLE_REASONS = ("density.links", "density.linkbox", "structure.teasers", "context.", "score:", "whole.outside")
_SENTENCE_END = (".", "!", "?", "…", "\"", "”", "»", "。", "！", "？", ":")

#: Features computed from the segmentation and selection alone, in order
#: (the class-token cues ``cls:<token>`` follow them; their tokens are part
#: of the model's data).
BASE_FEATURES: tuple[str, ...] = (
    "log_chars", "log_words", "link_density", "has_link", "sentence_end", "sentences_per_word",
    "commas_per_word", "digit_share", "upper_share", "pipe_or_bullet",
    *(f"kind:{k}" for k in _BLOCK_KINDS), "heading_level",
    *(f"klass:{k}" for k in _KLASSES),
    "reason:none", *(f"reason:{r.rstrip('.:')}" for r in _REASONS),
    "kept", "in_region", "before_region", "after_region", "log_gap_kept", "position",
    "page_share", "kept_share",
    "frame_log_chars", "frame_link_density", "frame_good_share", "frame_bad_share", "frame_score_ratio",
    "frame_blocks_log", "parent_link_density", "parent_good_share", "rule_weight",
    "prev_kept", "next_kept", "prev_good", "next_good",
    *(f"tag:{t}" for t in PATH_TAGS), "own_tag_li", "own_tag_p", "own_tag_td", "own_tag_div",
    *(f"page:{k}" for k in _KINDS), "whole_region",
)


def feature_names(class_cues: Sequence[str]) -> list[str]:
    """The names of the features :func:`block_features` computes with
    ``class_cues``: :data:`BASE_FEATURES`, then ``cls:<cue>`` for each cue."""
    return list(BASE_FEATURES) + [f"cls:{c}" for c in class_cues]


def _cue_mask(frame: Frame, cues: Sequence[str]) -> int:
    """Bit i set when cue i is a substring of the element's lower-cased
    ``class`` and ``id`` values. O(len(cues) × attribute length)."""
    if frame.tag in ("body", "html"):
        return 0
    attrs = frame.node.attributes
    if not attrs:
        return 0
    cid = " ".join(v for k, v in attrs.items() if (k == "class" or k == "id") and v).lower()
    if not cid:
        return 0
    mask = 0
    for i, cue in enumerate(cues):
        if cue in cid:
            mask |= 1 << i
    return mask


def _tag_group(tag: str) -> str:
    return "h" if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else tag


def block_features(
    seg: Segmentation, sel: Selection, page_kind: str, whole: bool, class_cues: Sequence[str],
    only: Optional[set[int]] = None,
) -> tuple[list[TextBlock], list[list[float]]]:
    """The feature vector of every block of the page that is not a subtree
    an element rule dropped nor a caption.

    Args:
        seg: the page's segmentation, scored (:func:`boilerstrip.score.aggregate`).
        sel: the final selection of that segmentation (``kept`` in document
            order, ``dropped`` as ``(block, reason)`` pairs).
        page_kind: the page's kind (:data:`boilerstrip.kind.PAGE_KINDS`).
        whole: True when the selection is the whole main region.
        class_cues: lower-case substrings looked for in the ``class``/``id``
            of the block's element and its :data:`ANCESTOR_LEVELS` ancestors.
        only: when given, the ``id()`` of the blocks whose rows are wanted;
            the other blocks get an empty row (their features are not computed).
    Returns:
        ``(blocks, rows)``: the blocks in document order and, for each, a list
        of ``len(feature_names(class_cues))`` floats (flags are 0.0/1.0;
        lengths are ``log1p`` of characters or words; densities and shares
        are in [0, 1]).

    Bound: O(frames × len(class_cues) + blocks × (features + ANCESTOR_LEVELS)).
    """
    blocks = [b for b in seg.blocks if b.kind != BOILERPLATE and b.kind != "caption"]
    if not blocks:
        return [], []
    kept_ids = {id(b) for b in sel.kept}
    reasons = {id(b): r for b, r in sel.dropped}
    # region membership, as select() computes it (pre-order: parents first)
    region_ids = {id(f) for f in sel.region}
    in_region: dict[int, bool] = {}
    for f in seg.frames:
        in_region[f.index] = id(f) in region_ids or (f.parent is not None and in_region.get(f.parent.index, False))
    # class cue masks and tag paths, own element plus ANCESTOR_LEVELS up,
    # computed for the frames of the wanted blocks and their ancestors only
    own_mask: dict[int, int] = {}
    tag_index = {t: i for i, t in enumerate(PATH_TAGS)}

    def masks(f: Frame) -> tuple[int, int]:
        pm = cm = 0
        up: Optional[Frame] = f
        for _ in range(ANCESTOR_LEVELS + 1):
            if up is None:
                break
            ti = tag_index.get(_tag_group(up.tag))
            if ti is not None:
                pm |= 1 << ti
            if class_cues:
                m = own_mask.get(up.index)
                if m is None:
                    m = own_mask[up.index] = _cue_mask(up, class_cues)
                cm |= m
            up = up.parent
        return pm, cm

    frame_blocks: dict[int, int] = {}
    for b in blocks:
        frame_blocks[b.frame.index] = frame_blocks.get(b.frame.index, 0) + 1
    top_score = max((f.score for f in sel.region), default=0.0) or (sel.root.score if sel.root is not None else 0.0)
    n = len(blocks)
    kept_pos = [i for i, b in enumerate(blocks) if id(b) in kept_ids]
    first_kept = kept_pos[0] if kept_pos else n
    last_kept = kept_pos[-1] if kept_pos else -1
    gaps = _gaps(blocks, kept_ids)
    page_chars = max(seg.page_chars, 1)
    kept_chars = max(sum(b.chars for b in sel.kept if b.kind != "caption"), 1)
    n_cues = len(class_cues)
    rows: list[list[float]] = []
    for i, b in enumerate(blocks):
        if only is not None and id(b) not in only:
            rows.append([])
            continue
        text = b.text
        chars = max(b.chars, 1)
        words = len(text.split())
        kept = id(b) in kept_ids
        reason = reasons.get(id(b))
        f = b.frame
        p = f.parent
        fchars = f.chars
        stripped = text.rstrip()
        row: list[float] = [
            math.log1p(b.chars), math.log1p(words), b.link_density, 1.0 if b.link_chars else 0.0,
            1.0 if stripped.endswith(_SENTENCE_END) else 0.0,
            sum(text.count(c) for c in ".!?。") / max(words, 1),
            sum(text.count(c) for c in ",，、") / max(words, 1),
            sum(map(str.isdigit, text)) / chars,
            sum(map(str.isupper, text)) / chars,
            1.0 if ("|" in text or "•" in text or "»" in text or "›" in text) else 0.0,
        ]
        row += [1.0 if b.kind == k else 0.0 for k in _BLOCK_KINDS]
        row.append(float(b.level or 0) if b.kind == "heading" else 0.0)
        row += [1.0 if b.klass == k else 0.0 for k in _KLASSES]
        row.append(1.0 if reason is None else 0.0)
        row += [1.0 if reason is not None and reason.startswith(r) else 0.0 for r in _REASONS]
        gap = gaps[i]
        row += [
            1.0 if kept else 0.0,
            1.0 if in_region.get(f.index, False) else 0.0,
            1.0 if i < first_kept else 0.0,
            1.0 if i > last_kept else 0.0,
            math.log1p(gap),
            i / n,
            b.chars / page_chars,
            min(b.chars / kept_chars, 1.0),
            math.log1p(fchars),
            f.link_chars / fchars if fchars else 0.0,
            f.good_chars / fchars if fchars else 0.0,
            f.bad_chars / (fchars + f.bad_chars) if fchars + f.bad_chars else 0.0,
            min(f.score / top_score, 2.0) if top_score > 0 else 0.0,
            math.log1p(frame_blocks.get(f.index, 0)),
            (p.link_chars / p.chars if p.chars else 0.0) if p is not None else 0.0,
            (p.good_chars / p.chars if p.chars else 0.0) if p is not None else 0.0,
            max(-1.0, min(1.0, f.weight / 25.0)),
            1.0 if i > 0 and id(blocks[i - 1]) in kept_ids else 0.0,
            1.0 if i + 1 < n and id(blocks[i + 1]) in kept_ids else 0.0,
            1.0 if i > 0 and blocks[i - 1].klass == "good" else 0.0,
            1.0 if i + 1 < n and blocks[i + 1].klass == "good" else 0.0,
        ]
        pm, cm = masks(f)
        row += [1.0 if pm >> k & 1 else 0.0 for k in range(len(PATH_TAGS))]
        row += [1.0 if f.tag == t else 0.0 for t in ("li", "p", "td", "div")]
        row += [1.0 if page_kind == k else 0.0 for k in _KINDS]
        row.append(1.0 if whole else 0.0)
        row += [1.0 if cm >> k & 1 else 0.0 for k in range(n_cues)]
        rows.append(row)
    return blocks, rows


def _gaps(blocks: Sequence[TextBlock], kept_ids: set[int]) -> list[int]:
    """Per block, the distance in blocks to the nearest kept block other
    than itself (``len(blocks)`` when there is none). O(blocks)."""
    n = len(blocks)
    gap = [n] * n
    last = -1
    for i in range(n):
        if last >= 0:
            gap[i] = i - last
        if id(blocks[i]) in kept_ids:
            last = i
    last = -1
    for i in range(n - 1, -1, -1):
        if last >= 0 and last - i < gap[i]:
            gap[i] = last - i
        if id(blocks[i]) in kept_ids:
            last = i
    return gap


@dataclass(frozen=True)
class Model:
    """A fitted block model, as ``boilerstrip/model/blocks.json`` stores it.

    Attributes:
        kind: ``"logistic"`` (``coef``/``intercept`` over features
            standardised by ``mean``/``scale``) or ``"trees"`` (``trees``: a
            list of regression trees whose leaf values add up, with
            ``intercept``, to the log-odds).
        features: the feature names, :func:`feature_names` of ``class_cues``.
        class_cues: the class/id substrings of the ``cls:`` features.
        mean, scale, coef: per feature (logistic; ``scale`` > 0).
        intercept: the log-odds bias.
        trees: each tree as parallel lists ``{"feature", "threshold", "left",
            "right", "value"}`` (a node with ``left == -1`` is a leaf;
            ``x[feature] <= threshold`` goes left).
        drop_below: a kept block whose probability is below this is dropped.
        keep_above: an addable dropped block whose probability is above this is kept.
        near_blocks: an addable block is at most this many blocks from a kept one.
        drop_good: whether kept ``good`` (prose) blocks may be dropped too.
    """

    kind: str
    features: tuple[str, ...]
    class_cues: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    trees: tuple[dict[str, list[Any]], ...]
    drop_below: float
    keep_above: float
    near_blocks: int
    drop_good: bool

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Model":
        """Build a model from its JSON form.

        Raises:
            ValueError: the kind is unknown, the feature names are not
                :func:`feature_names` of the cues (a model written for
                other features), or a per-feature list has the wrong length.
        """
        cues = tuple(str(c) for c in data.get("class_cues", ()))
        features = tuple(str(f) for f in data["features"])
        if list(features) != feature_names(cues):
            raise ValueError("the model's features are not this version's features")
        kind = data.get("kind")
        n = len(features)
        mean = tuple(float(v) for v in data.get("mean", [0.0] * n))
        scale = tuple(float(v) or 1.0 for v in data.get("scale", [1.0] * n))
        coef = tuple(float(v) for v in data.get("coef", [0.0] * n))
        if kind not in ("logistic", "trees") or not len(mean) == len(scale) == len(coef) == n:
            raise ValueError(f"malformed model: kind {kind!r}, {n} features")
        return cls(
            kind=str(kind), features=features, class_cues=cues, mean=mean, scale=scale, coef=coef,
            intercept=float(data.get("intercept", 0.0)), trees=tuple(data.get("trees", ())),
            drop_below=float(data["drop_below"]), keep_above=float(data["keep_above"]),
            near_blocks=int(data["near_blocks"]), drop_good=bool(data.get("drop_good", False)),
        )

    def raw(self, row: Sequence[float]) -> float:
        """The log-odds that the block is content (as :meth:`log_odds`,
        without the explanation). O(features) or O(trees × depth)."""
        if self.kind == "logistic":
            z = self.intercept
            for x, m, s, c in zip(row, self.mean, self.scale, self.coef):
                z += c * (x - m) / s
            return z
        return self.intercept + self._sum_trees(row)

    @cached_property
    def _sum_trees(self) -> Callable[[Sequence[float]], float]:
        """The trees as one Python function of a row (nested ``if`` tests
        written from the model's numbers, compiled once per model): about ten
        times faster than walking the node lists."""
        lines = ["def _sum_trees(x):", "    z = 0.0"]
        for tree in self.trees:
            feat, thr, left, right, value = (tree["feature"], tree["threshold"], tree["left"], tree["right"],
                                             tree["value"])
            stack = [(0, 1)]
            while stack:
                node, depth = stack.pop()
                pad = "    " * depth
                if node < 0:  # the else branch marker: -(right child) - 1
                    lines.append(pad + "else:")
                    stack.append((-node - 1, depth + 1))
                    continue
                if int(left[node]) == -1:
                    lines.append(f"{pad}z += {float(value[node])!r}")
                    continue
                lines.append(f"{pad}if x[{int(feat[node])}] <= {float(thr[node])!r}:")
                stack.append((-int(right[node]) - 1, depth))
                stack.append((int(left[node]), depth + 1))
        lines.append("    return z")
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(lines), "<boilerstrip model>", "exec"), namespace)  # noqa: S102 - numbers only
        fn: Callable[[Sequence[float]], float] = namespace["_sum_trees"]
        return fn

    def log_odds(self, row: Sequence[float]) -> tuple[float, int]:
        """The log-odds that the block is content, and the index of the
        feature that lowered it most (-1 if none did).

        For a logistic model the contribution of feature i is
        ``coef[i] × (x[i] − mean[i]) / scale[i]``; for trees it is the
        change in value at each split on the path, credited to the split's
        feature. O(features) or O(trees × depth).
        """
        if self.kind == "logistic":
            z = self.intercept
            worst, worst_i = 0.0, -1
            for i, (x, m, s, c) in enumerate(zip(row, self.mean, self.scale, self.coef)):
                contrib = c * (x - m) / s
                z += contrib
                if contrib < worst:
                    worst, worst_i = contrib, i
            return z, worst_i
        z = self.intercept
        credit: dict[int, float] = {}
        for tree in self.trees:
            feat, thr, left, right, value = tree["feature"], tree["threshold"], tree["left"], tree["right"], tree["value"]
            node = 0
            while left[node] != -1:
                fi = feat[node]
                nxt = left[node] if row[fi] <= thr[node] else right[node]
                credit[fi] = credit.get(fi, 0.0) + value[nxt] - value[node]
                node = nxt
            z += value[node]
        worst_i = min(credit, key=lambda k: credit[k]) if credit else -1
        if worst_i >= 0 and credit[worst_i] >= 0:
            worst_i = -1
        return z, worst_i

    def probability(self, row: Sequence[float]) -> float:
        """The probability, in (0, 1), that the block is content."""
        return _sigmoid(self.raw(row))


@lru_cache(maxsize=1)
def load_model() -> Optional[Model]:
    """The shipped model, ``boilerstrip/model/blocks.json``, read once; ``None``
    when the file is absent or was written for other features (the stage
    then changes nothing)."""
    try:
        text = resources.files("boilerstrip").joinpath("model/blocks.json").read_text("utf-8")
        return Model.from_dict(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _addable(reason: str) -> bool:
    return reason.startswith(ADDABLE_REASONS)


def redecide(
    seg: Segmentation, sel: Selection, page_kind: str, whole: bool, model: Model
) -> Selection:
    """Re-decide the blocks where the hand-set scorer is least sure.

    Args:
        seg: the segmentation the selection was made from.
        sel: the final selection (after the repeated title was dropped).
        page_kind: the page's kind; whole: True when ``sel`` is the whole region.
        model: the fitted model.
    Returns:
        A new :class:`Selection` with the same ``root`` and ``region``:
        ``kept`` in document order, the blocks the model dropped appended to
        ``dropped`` with the reason ``model:<feature>`` (the feature that
        lowered the probability most), and the blocks it kept again removed
        from ``dropped``. The model never drops every kept block (it then
        drops none). ``sel`` itself when nothing changes.

    Bound: O(blocks + frames) for a model of bounded size (see :func:`block_features`).
    """
    kept_ids = {id(b) for b in sel.kept}
    reasons = {id(b): r for b, r in sel.dropped}
    scored = [b for b in seg.blocks if b.kind != BOILERPLATE and b.kind != "caption"]
    gaps = _gaps(scored, kept_ids)
    droppable: set[int] = set()
    addable: set[int] = set()
    for b, gap in zip(scored, gaps):
        if id(b) in kept_ids:
            if model.drop_good or b.klass != "good":
                droppable.add(id(b))
        else:
            reason = reasons.get(id(b))
            if reason is not None and _addable(reason) and gap <= model.near_blocks:
                addable.add(id(b))
    if not droppable and not addable:
        return sel
    blocks, rows = block_features(seg, sel, page_kind, whole, model.class_cues, droppable | addable)
    add: set[int] = set()
    drop: dict[int, str] = {}
    for b, row in zip(blocks, rows):
        if id(b) in droppable:
            if _sigmoid(model.raw(row)) < model.drop_below:
                worst = model.log_odds(row)[1]
                drop[id(b)] = "model:" + (model.features[worst] if worst >= 0 else "bias")
        elif id(b) in addable and _sigmoid(model.raw(row)) > model.keep_above:
            add.add(id(b))
    if drop and all(id(b) in drop for b in sel.kept if b.kind != "caption"):
        drop = {}  # the model never empties a selection: its doubt about every block is no evidence of another
    if not add and not drop:
        return sel
    # (kept captions are never re-decided: they stay where they are)
    new_kept = [b for b in seg.blocks if (id(b) in kept_ids and id(b) not in drop) or id(b) in add]
    dropped = [(b, r) for b, r in sel.dropped if id(b) not in add]
    dropped += [(b, drop[id(b)]) for b in blocks if id(b) in drop]
    return Selection(sel.root, sel.region, new_kept, dropped)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def rescore(
    seg: Segmentation, sel: Selection, page_kind: str, whole: bool, enabled: bool
) -> Selection:
    """The pipeline's call: :func:`redecide` with the shipped model when
    ``enabled`` (``Options.learned_scorer``) and a model is shipped, else
    ``sel`` unchanged. O(blocks + frames)."""
    if not enabled:
        return sel
    model = load_model()
    if model is None:
        return sel
    return redecide(seg, sel, page_kind, whole, model)
