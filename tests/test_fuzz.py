"""A short fuzz run in CI (``benchmarks/fuzz.py`` runs the long ones).

Only the generators that reach size-driven paths and hostile metadata run
here, seeded, so every run checks the same inputs: grown structures (deep
nesting, many siblings, long attributes and names) and pages whose JSON-LD,
meta tags, title, byline, ``<time>`` and figures carry hostile values. Each
must give a well-formed Article (no control characters in any text field,
web-only image URLs) well within the fuzzer's hang limit.
"""

from __future__ import annotations

import random

import pytest

from benchmarks.fuzz import grown_structure, metadata_page, mutate, run_one

SLOW_SECONDS = 4.0  # run_one reports a hang after 5x this


@pytest.mark.parametrize("seed", range(4))
def test_grown_structures(seed):
    rng = random.Random(seed)
    for i in range(8):
        data = grown_structure(rng)
        if rng.random() < 0.3:
            data = mutate(rng, data)
        assert run_one(data, rng, SLOW_SECONDS) is None, (seed, i, data[:200])


@pytest.mark.parametrize("seed", range(4))
def test_hostile_metadata(seed):
    rng = random.Random(100 + seed)
    for i in range(25):
        data = metadata_page(rng)
        assert run_one(data, rng, SLOW_SECONDS) is None, (seed, i, data[:300])
