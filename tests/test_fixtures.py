"""Golden fixtures: every folder under ``fixtures/`` is one page and what a reader wants from it.

Each ``fixtures/<name>/`` holds ``page.html`` (read as bytes: decoding is part of
the job) and ``expected.json`` (written by hand; schema in ``fixtures/README.md``).
Only the keys present in ``expected.json`` are checked; ``null`` means the field
must be ``None`` (or empty, for lists).

Run one fixture with ``pytest tests/test_fixtures.py -k <name>``.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import re
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import Article, Block, Caption

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"

#: The keys expected.json may carry. An unknown key is an error in the fixture
#: (most likely a typo that would otherwise silently check nothing).
KNOWN_KEYS = frozenset(
    {
        "description",
        "url",
        "title",
        "authors",
        "date_published",
        "date_modified",
        "language",
        "sitename",
        "captions",
        "body_paragraphs",
        "must",
        "must_not",
        "block_kinds",
    }
)


def _fixture_names() -> list[str]:
    if not FIXTURES_DIR.is_dir():
        return []
    return sorted(
        p.name
        for p in FIXTURES_DIR.iterdir()
        if p.is_dir() and (p / "page.html").is_file() and (p / "expected.json").is_file()
    )


FIXTURE_NAMES = _fixture_names()


def norm(text: str | None) -> str:
    """Collapse every run of whitespace (incl. newlines, NBSP) to one space and strip."""
    if text is None:
        return ""
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def load_expected(name: str) -> dict:
    with open(FIXTURES_DIR / name / "expected.json", encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=None)
def run_fixture(name: str) -> Article:
    """Extract the fixture's page once per test session (several tests share it)."""
    page = (FIXTURES_DIR / name / "page.html").read_bytes()
    return boilerstrip.extract(page, url=load_expected(name).get("url"))


# --------------------------------------------------------------------------- #
# Checks: each returns a list of failure messages (empty = ok).
# --------------------------------------------------------------------------- #


def _fmt(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def check_scalar(key: str, expected, got) -> list[str]:
    """Title, sitename: equal after whitespace collapse; ``null`` means must be None/empty."""
    if expected is None:
        return [] if not got else [f"{key}: expected None, got {_fmt(got)}"]
    if norm(got) != norm(expected):
        return [f"{key}: expected {_fmt(expected)}, got {_fmt(got)}"]
    return []


def check_language(expected, got) -> list[str]:
    """BCP 47 tags compare case-insensitively ("en-GB" == "en-gb")."""
    if expected is None:
        return [] if not got else [f"language: expected None, got {_fmt(got)}"]
    if (got or "").lower() != expected.lower():
        return [f"language: expected {_fmt(expected)}, got {_fmt(got)}"]
    return []


def check_date(key: str, expected, got) -> list[str]:
    """Compare on the precision given: "2024-06-18" matches "2024-06-18T07:32:39+05:30"."""
    if expected is None:
        return [] if got is None else [f"{key}: expected None, got {_fmt(got)}"]
    if got is None or not str(got).startswith(expected):
        return [f"{key}: expected {_fmt(expected)} (compared on that precision), got {_fmt(got)}"]
    return []


def check_authors(expected, got) -> list[str]:
    exp = [norm(a) for a in (expected or [])]
    gotn = [norm(a) for a in got]
    if exp != gotn:
        return [f"authors: expected {_fmt(exp)}, got {_fmt(gotn)}"]
    return []


def check_captions(expected, got: tuple[Caption, ...]) -> list[str]:
    """The exact list, in page order, each once; text and credit compared exactly."""
    exp = [(norm(c["text"]), None if c.get("credit") is None else norm(c["credit"])) for c in (expected or [])]
    gotn = [(norm(c.text), None if c.credit is None else norm(c.credit)) for c in got]
    if exp == gotn:
        return []
    lines = ["captions differ (text | credit):"]
    lines += [f"    expected[{i}]: {_fmt(t)} | {_fmt(c)}" for i, (t, c) in enumerate(exp)]
    lines += [f"    got[{i}]:      {_fmt(t)} | {_fmt(c)}" for i, (t, c) in enumerate(gotn)]
    return ["\n".join(lines)]


def body_texts(article: Article) -> list[str]:
    """The body's blocks as compared: caption blocks excluded, whitespace collapsed."""
    return [norm(b.text) for b in article.blocks if b.kind != "caption"]


def check_body_paragraphs(expected: list[str], article: Article) -> list[str]:
    exp = [norm(p) for p in expected]
    got = body_texts(article)
    if exp == got:
        return []
    missing = [p for p in exp if p not in got]
    extra = [p for p in got if p not in exp]
    lines = [f"body_paragraphs differ: expected {len(exp)} blocks, got {len(got)}"]
    if missing:
        lines.append(f"  MISSING ({len(missing)}):")
        lines += [f"    - {_short(p)}" for p in missing]
    if extra:
        lines.append(f"  EXTRA ({len(extra)}):")
        lines += [f"    + {_short(p)}" for p in extra]
    if not missing and not extra:
        lines.append("  same paragraphs, different order or count; diff (- expected, + got):")
        lines += [
            f"    {d[0]} {_short(d[2:])}"
            for d in difflib.ndiff(exp, got)
            if d[:1] in "-+"
        ]
    return ["\n".join(lines)]


def _short(text: str, width: int = 140) -> str:
    return _fmt(text if len(text) <= width else text[: width - 1] + "…")


def check_must(expected: list[str], article: Article) -> list[str]:
    body = norm(article.body)
    return [f"must: snippet not in body: {_fmt(s)}" for s in expected if norm(s) not in body]


def check_must_not(expected: list[str], article: Article) -> list[str]:
    body = norm(article.body)
    return [f"must_not: snippet found in body: {_fmt(s)}" for s in expected if norm(s) in body]


def check_block_kinds(expected: list[list[str]], article: Article) -> list[str]:
    """The (kind, text) pairs must occur in ``article.blocks`` in this order (a subsequence)."""
    blocks = [(b.kind, norm(b.text)) for b in article.blocks]
    pos = 0
    for kind, text in expected:
        want = (kind, norm(text))
        for i in range(pos, len(blocks)):
            if blocks[i] == want:
                pos = i + 1
                break
        else:
            same_text = [k for k, t in blocks if t == want[1]]
            hint = (
                f"the text is there as kind(s) {same_text}"
                if same_text
                else "no block has this text"
            )
            if not same_text and want in blocks:
                hint = "the pair occurs, but before an earlier expected pair (wrong order)"
            return [f"block_kinds: ({kind!r}, {_short(want[1])}) not found in order; {hint}"]
    return []


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #

_DATE_KEYS = ("date_published", "date_modified")


def collect_failures(name: str, expected: dict, article: Article) -> list[str]:
    fails: list[str] = []
    for key in ("title", "sitename"):
        if key in expected:
            fails += check_scalar(key, expected[key], getattr(article, key))
    if "language" in expected:
        fails += check_language(expected["language"], article.language)
    for key in _DATE_KEYS:
        if key in expected:
            fails += check_date(key, expected[key], getattr(article, key))
    if "authors" in expected:
        fails += check_authors(expected["authors"], article.authors)
    if "captions" in expected:
        fails += check_captions(expected["captions"], article.captions)
    if "body_paragraphs" in expected:
        fails += check_body_paragraphs(expected["body_paragraphs"] or [], article)
    if "must" in expected:
        fails += check_must(expected["must"], article)
    if "must_not" in expected:
        fails += check_must_not(expected["must_not"], article)
    if "block_kinds" in expected:
        fails += check_block_kinds(expected["block_kinds"], article)
    return fails


def test_fixtures_exist():
    assert FIXTURE_NAMES, f"no fixtures found under {FIXTURES_DIR}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_expected_json_is_well_formed(name):
    expected = load_expected(name)
    unknown = set(expected) - KNOWN_KEYS
    assert not unknown, f"[{name}] unknown key(s) in expected.json: {sorted(unknown)}"
    assert expected.get("description"), f"[{name}] expected.json needs a description"
    for kind, _text in expected.get("block_kinds", []):
        assert kind in boilerstrip.article.BLOCK_KINDS, f"[{name}] unknown block kind {kind!r}"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture(name):
    expected = load_expected(name)
    article = run_fixture(name)
    fails = collect_failures(name, expected, article)
    assert not fails, f"[{name}] {len(fails)} check(s) failed:\n" + "\n".join(fails)


@functools.lru_cache(maxsize=None)
def run_fixture_with_captions(name: str) -> Article:
    page = (FIXTURES_DIR / name / "page.html").read_bytes()
    return boilerstrip.extract(page, url=load_expected(name).get("url"), include_captions=True)


@pytest.mark.parametrize("include_captions", [False, True], ids=["default", "include_captions"])
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_captions_never_in_body(name, include_captions):
    """No body block carries a caption's text, unless the page's author also wrote
    that same sentence as a body paragraph (then it may appear as often as the
    expected ``body_paragraphs`` have it, and no more). Holds with
    ``include_captions=True`` too: caption blocks are in ``blocks``, never in ``body``."""
    expected = load_expected(name)
    article = run_fixture_with_captions(name) if include_captions else run_fixture(name)
    if include_captions:
        plain = run_fixture(name)
        assert article.body == plain.body, (
            f"[{name}] include_captions=True changed the body; caption blocks belong in blocks only"
        )
        assert [b for b in article.blocks if b.kind != "caption"] == list(plain.blocks), (
            f"[{name}] include_captions=True changed the non-caption blocks"
        )
    texts = {norm(c.text) for c in article.captions}
    texts |= {norm(c["text"]) for c in expected.get("captions") or []}
    texts.discard("")
    blocks = body_texts(article)
    allowed_in = [norm(p) for p in expected.get("body_paragraphs") or []]
    leaks = []
    for text in sorted(texts):
        got_n = sum(text in b for b in blocks)
        allowed_n = sum(text in p for p in allowed_in)
        if got_n > allowed_n:
            leaks.append(f"{_short(text)} in {got_n} body block(s), allowed {allowed_n}")
    assert not leaks, f"[{name}] caption text leaked into the body:\n  " + "\n  ".join(leaks)


def _article_from_dict(d: dict) -> Article:
    fields = {f.name for f in dataclasses.fields(Article)}
    kw = {k: v for k, v in d.items() if k in fields}
    kw["authors"] = tuple(d["authors"])
    kw["categories"] = tuple(d["categories"])
    kw["tags"] = tuple(d["tags"])
    kw["blocks"] = tuple(Block(**b) for b in d["blocks"])
    kw["captions"] = tuple(Caption(**c) for c in d["captions"])
    return Article(**kw)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_serialisation_round_trips(name):
    article = run_fixture(name)
    as_dict = article.to_dict()
    assert json.loads(json.dumps(as_dict, ensure_ascii=False)) == as_dict, f"[{name}] to_dict() is not JSON-clean"
    assert json.loads(article.to_json()) == as_dict, f"[{name}] to_json() does not parse back to to_dict()"
    assert json.loads(article.to_json(indent=None)) == as_dict, f"[{name}] to_json(indent=None) differs"
    rebuilt = _article_from_dict(as_dict)
    assert rebuilt == article, f"[{name}] Article rebuilt from to_dict() differs from the original"
    assert "dropped" not in as_dict, f"[{name}] 'dropped' must appear only with explain=True"


def test_body_is_blocks_joined():
    """``body`` is the blocks' texts with a blank line between them (Article docstring)."""
    name = "two-paragraph"
    if name not in FIXTURE_NAMES:
        pytest.skip(f"fixture {name} missing")
    article = run_fixture(name)
    assert norm(article.body) == norm(" ".join(b.text for b in article.blocks if b.kind != "caption"))
    assert "\n\n" in article.body or len(article.blocks) <= 1
