"""Linear time on every adversarial shape (issue 10): the CI version of
``benchmarks/scaling.py``.

Each shape of ``benchmarks/shapes.py`` is extracted at two sizes eight times
apart, where quadratic stages already show (tens to hundreds of KB), and the
ratio of the two times must stay far below what quadratic growth gives:
linear growth is a ratio of 8, quadratic 64, and the check allows
:data:`MAX_RATIO` (times on a shared machine jump by 2-3x). The best of a
few runs is taken. This is the only kind of timing a test checks.
"""

from __future__ import annotations

import gc
import time

import pytest

import boilerstrip
from benchmarks.shapes import SHAPES, build

SMALL, LARGE = 32_000, 256_000
MAX_RATIO = 24.0
REPEAT = 3


def best_time(data: bytes) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        gc.collect()
        t = time.perf_counter()
        boilerstrip.extract(data)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    boilerstrip.extract(build("many paragraphs", 10_000))  # rules compiled, caches filled


#: Times below this (seconds) count as this: shorter ones are mostly noise
#: (one context switch on a loaded machine costs as much).
FLOOR = 0.010
#: A shape is measured again when its ratio is over the limit: a load spike
#: during one measurement is not a quadratic stage, which fails every time.
ATTEMPTS = 3


@pytest.mark.parametrize("name", list(SHAPES))
def test_time_grows_linearly(name):
    small, large = build(name, SMALL), build(name, LARGE)
    size_ratio = len(large) / len(small)
    limit = MAX_RATIO * size_ratio / 8
    seen = []
    for _ in range(ATTEMPTS):
        t_small, t_large = best_time(small), best_time(large)
        ratio = max(t_large, FLOOR) / max(t_small, FLOOR)
        if ratio <= limit:
            return
        seen.append(f"{t_small * 1000:.1f} ms -> {t_large * 1000:.1f} ms (x{ratio:.1f})")
    pytest.fail(f"{name}: {len(small):,} B -> {len(large):,} B (size x{size_ratio:.1f}): " + "; ".join(seen))


def test_shapes_keep_the_article():
    # the shapes are pages, not noise: the paragraph they carry is extracted
    for name in ("nested div", "nested ul li", "nested table", "div then unmatched </b>", "script with lone <",
                 "malformed urls", "title site suffixes"):
        a = boilerstrip.extract(build(name, SMALL))
        assert "The council approved the budget on Tuesday" in a.body, name
