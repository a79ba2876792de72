"""Fuzz :func:`boilerstrip.extract`: any input gives a well-formed Article or InputError.

    python benchmarks/fuzz.py --count 100000            # one process, seeded
    python benchmarks/fuzz.py --minutes 30 --seed 7
    python benchmarks/fuzz.py --replay /tmp/boilerstrip-fuzz/crash-*.bin

Inputs come from three sources, in turn:

* **mutated real pages**: a window of up to :data:`WINDOW_BYTES` of a page
  from ``shared/datasets`` or ``fixtures/`` (or the whole page, rarely),
  then a few mutations: byte flips, deleted, duplicated or swapped ranges,
  inserted hostile snippets (``<plaintext>``, unclosed comments, deep
  nesting, NULs, BOMs, charset declarations, lone surrogates), truncation,
  re-encoding (UTF-16, cp1252, a ``str`` instead of bytes);
* **grammar-built HTML**: random trees of real tags, class names and texts;
* **random bytes and random markup-ish text**;
* **grown structures**: a shape of ``benchmarks/shapes.py`` (deep nesting,
  many siblings, long attributes, tags and names, nested bylines and
  captions, ...) at a random size up to :data:`GROW_MAX_BYTES`, sometimes
  mutated -- the size-driven paths that windows of real pages never reach;
* **mutated metadata**: a page whose JSON-LD, meta tags, ``<title>``,
  bylines, ``<time>`` and figures carry hostile values: malformed URLs and
  other schemes, very long names and titles, control characters, values of
  the wrong JSON type, deep JSON, impossible dates.

Each input is extracted with random options. A *crash* is any exception
other than :class:`~boilerstrip.InputError` for bytes input, or a result
that breaks an Article invariant (``body`` is the non-caption blocks joined
by blank lines, no NULs, no lone surrogates, block kinds known, JSON output
works, no control characters in any text field, image URLs ``http``/``https``
only, ``faults`` a tuple of :class:`~boilerstrip.Fault` with ``explain``). A *slow* input takes more
than ``--slow`` seconds, a *hang* more than five times that (it is
interrupted), both in CPU time of this process, so that a run beside other
work on a shared machine reports the same inputs. All three are
written to ``--out`` (input as ``.bin`` or ``.txt`` for ``str`` input,
with a ``.log`` holding the traceback) and summarised at the end.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import signal
import sys
import time
import traceback
from html import escape as html_escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boilerstrip  # noqa: E402
from boilerstrip import Article, InputError  # noqa: E402
from boilerstrip.article import BLOCK_KINDS, Fault  # noqa: E402
from benchmarks.shapes import SHAPES  # noqa: E402

#: Bytes of a real page taken per input: enough for real structure, small
#: enough that 100,000 inputs run in well under an hour on one core.
WINDOW_BYTES = 8_000

SNIPPETS = [
    b"<plaintext>", b"<!--", b"-->", b"<!-- ", b"<![CDATA[", b"]]>", b"<?xml version='1.0' encoding='utf-16'?>",
    b"<script>", b"</script>", b"<style>", b"<template>", b"</template>", b"<noscript>", b"<textarea>", b"<title>",
    b"<xmp>", b"<iframe>", b"<svg><foreignObject><p>x</p></foreignObject></svg>", b"<math><mi>", b"<table>",
    b"<tr><td>", b"</td></tr></table>", b"<select><option>", b"<frameset>", b"<body>", b"</body>", b"</html>",
    b"<html>", b"<head>", b"<p>", b"</p>", b"<div>" * 500, b"</div>" * 500, b"<b><i><u>" * 300, b"<a href='x'>" * 100,
    b"<ul><li>" * 200, b"<br>" * 100, b"\x00", b"\x00" * 64, b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
    b"<meta charset=utf-16>", b"<meta charset=iso-8859-1>", b"<meta charset='shift_jis'>", b"<meta charset=utf-7>",
    b"<meta http-equiv=content-type content='text/html; charset=koi8-r'>", b"<meta charset=\x00>",
    b"&#0;", b"&#xD800;", b"&#x110000;", b"&#99999999999999;", b"&amp", b"&nbsp;" * 50, b"\xe2\x80\xa8", b"\xc0\xaf",
    b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"<p class='" + b"share ad " * 200 + b"'>", b" hidden style='display:none' ",
    b"<div aria-hidden=true>", b"<article itemprop='articleBody'>", b"<figure><img src=x><figcaption>Photo: AP</figcaption></figure>",
    b"<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":", b"{\"author\":[[[[[[[[[[",
    b"<time datetime='9999-99-99'>", b"<meta property='article:published_time' content='0000-00-00T99:99'>",
    b"Advertisement", b"Share this article", b"Related:", b"\xc2\xa9 2024", b"<h1>", b"</h1>", b"<pre>", b"</pre>",
]

TAGS = ["p", "div", "article", "nav", "footer", "aside", "h1", "h2", "h3", "ul", "li", "a", "span", "table", "tr", "td",
        "blockquote", "figure", "figcaption", "section", "main", "header", "pre", "br", "img", "b", "i", "time"]
CLASSES = ["content", "article-body", "share", "ad", "related", "comment", "menu", "footer", "caption", "byline", "author", ""]
WORDS = ("the council said on Tuesday that it would vote again next year , . ; : ! ? “ ” Zażółć gęślą jaźń Café "
         "Москва 東京 政府 서울 Advertisement Share Related Subscribe By Photo: © 2024 2024-03-05").split()


def load_pages(limit: int) -> list[bytes]:
    pages: list[bytes] = []
    for root in (ROOT.parent / "shared" / "datasets", Path("/work/shared/datasets")):
        for f in sorted(root.glob("*/html/*.html.gz"))[:limit]:
            pages.append(gzip.decompress(f.read_bytes()))
        if pages:
            break
    for f in sorted((ROOT / "fixtures").rglob("*.html"))[:limit]:
        pages.append(f.read_bytes())
    return pages or [b"<html><body><p>seed page</p></body></html>"]


# -- generators ------------------------------------------------------------------------


def mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        n = len(data)
        if op == 0 and n:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(n)] = rng.randrange(256)
        elif op == 1 and n:  # delete a range
            i = rng.randrange(n)
            del data[i : i + rng.randint(1, 2000)]
        elif op == 2 and n:  # duplicate a range
            i = rng.randrange(n)
            chunk = data[i : i + rng.randint(1, 4000)]
            data[i:i] = chunk * rng.randint(1, 4)
        elif op == 3:  # insert a hostile snippet
            i = rng.randint(0, len(data))
            data[i:i] = rng.choice(SNIPPETS)
        elif op == 4 and n:  # truncate
            del data[rng.randrange(n) :]
        elif op == 5 and n > 2:  # swap two ranges
            i, j = sorted(rng.sample(range(n), 2))
            k = rng.randint(1, min(500, j - i) or 1)
            data[i : i + k], data[j : j + k] = data[j : j + k], data[i : i + k]
        else:  # insert random bytes
            i = rng.randint(0, n)
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(data)


def reencode(rng: random.Random, data: bytes):
    """Sometimes change the input's form: str, UTF-16 with/without BOM, cp1252, lone surrogates."""
    r = rng.random()
    if r < 0.75:
        return data
    text = data.decode("utf-8", "replace")
    if r < 0.85:
        if rng.random() < 0.3:
            i = rng.randint(0, len(text))
            text = text[:i] + rng.choice(["\ud800", "\udfff", "\ud83d", "\x00", "\ufeff", "\u2028"]) + text[i:]
        return text
    if r < 0.92:
        return text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]), "surrogatepass")
    return text.encode(rng.choice(["cp1252", "koi8_r", "shift_jis", "gb18030", "euc_kr"]), "replace")


def grammar_html(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(1, 5)):
        if depth > rng.randint(1, 5) or rng.random() < 0.35:
            out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))))
            continue
        tag = rng.choice(TAGS)
        cls = rng.choice(CLASSES)
        attr = f' class="{cls}"' if cls else ""
        if tag in ("br", "img"):
            out.append(f"<{tag}{attr}>")
            continue
        inner = grammar_html(rng, depth + 1)
        close = f"</{tag}>" if rng.random() < 0.92 else ""  # sometimes left open
        out.append(f"<{tag}{attr}>{inner}{close}")
    return "".join(out)


#: Largest grown structure, in bytes: big enough for quadratic work to show
#: as a hang (over ``--slow`` seconds), small enough for a long run.
GROW_MAX_BYTES = 300_000


def grown_structure(rng: random.Random) -> bytes:
    """A shape of ``benchmarks/shapes.py`` at a log-uniform random size."""
    name = rng.choice(sorted(SHAPES))
    size = int(math.exp(rng.uniform(math.log(200), math.log(GROW_MAX_BYTES))))
    return SHAPES[name](size).encode("utf-8")


_BAD_URLS = [
    "http://[bad/x", "http://[::1", "https://example.org:99999/a.jpg", "file:///etc/passwd", "javascript:alert(1)",
    "data:image/png;base64,AAAA", "//", "http://", "https://ex ample.org/a b.jpg", "\x00http://x", "http://x\u2028y",
    "/relative/a.jpg", "../a.jpg", "ftp://example.org/a.jpg", "https://example.org/" + "a" * 10_000, "%", "?#", "",
]
_CONTROL = "".join(chr(c) for c in list(range(0, 32)) + list(range(127, 160)))


def _hostile_text(rng: random.Random, base: str) -> str:
    r = rng.random()
    if r < 0.2:
        return base + " | Example News" * rng.randint(1, 20_000)
    if r < 0.35:
        return " ".join([rng.choice(["Word", "By", "and", "Staff", "Writer", "Jane", "Doe", ","])] * rng.randint(1, 30_000))
    if r < 0.5:
        return "".join(c + (rng.choice(_CONTROL) if rng.random() < 0.3 else "") for c in base)
    if r < 0.6:
        return rng.choice(["2024-99-99", "0000-00-00T99:99", "31/02/2024", "9999999999", "2024-03-05T10:00:00+99:99", "🕐" * 50])
    if r < 0.7:
        return rng.choice(_BAD_URLS)
    return base


def _hostile_json(rng: random.Random, base: str, depth: int = 0):
    r = rng.random()
    if r < 0.15 and depth < 3:
        return [_hostile_json(rng, base, depth + 1) for _ in range(rng.randint(0, 3))]
    if r < 0.25 and depth < 3:
        return {"@type": rng.choice(["Person", "Organization", "Thing", 7]), "name": _hostile_json(rng, base, depth + 1),
                "url": rng.choice(_BAD_URLS)}
    if r < 0.32:
        return rng.choice([None, 0, -1, 1e308, True, {}, [], {"@value": base}, {"@id": "#x"}])
    if r < 0.36:
        nested: object = base
        for _ in range(rng.randint(10, 3000)):
            nested = [nested]
        return nested
    return _hostile_text(rng, base)


def metadata_page(rng: random.Random) -> bytes:
    """A small article whose metadata sources carry hostile values."""
    t = lambda base: _hostile_text(rng, base)  # noqa: E731
    ld = {
        "@context": "https://schema.org", "@type": rng.choice(["NewsArticle", "Article", ["BlogPosting", 3], None]),
        "headline": _hostile_json(rng, "Council approves the budget"),
        "author": _hostile_json(rng, "By Jane Doe and John Roe, Staff Writers"),
        "datePublished": _hostile_json(rng, "2024-03-05T10:00:00Z"), "dateModified": _hostile_json(rng, "2024-03-06"),
        "image": _hostile_json(rng, "https://example.org/lead.jpg"), "url": _hostile_json(rng, "https://example.org/a"),
        "publisher": _hostile_json(rng, "Example News"), "inLanguage": _hostile_json(rng, "en"),
    }
    try:
        ld_text = json.dumps(ld)
    except (ValueError, RecursionError):
        ld_text = "{"
    if rng.random() < 0.1:
        ld_text = ld_text[: rng.randint(0, len(ld_text))]
    metas = "".join(
        f"<meta {attr}='{name}' content=\"{html_escape(t(base))}\">"
        for attr, name, base in [
            ("property", "og:title", "Council approves the budget"), ("name", "author", "Jane Doe"),
            ("property", "article:published_time", "2024-03-05"), ("property", "og:image", "https://example.org/i.jpg"),
            ("property", "og:site_name", "Example News"), ("name", "description", "The council voted."),
            ("property", "og:url", "https://example.org/a"),
        ]
        if rng.random() < 0.8
    )
    figures = "".join(
        f"<figure><img src=\"{html_escape(t('/img/a.jpg'))}\"><figcaption>{html_escape(t('The chamber. Photo: AP'))}</figcaption></figure>"
        for _ in range(rng.randint(0, 3))
    )
    page = (
        f"<!DOCTYPE html><html lang=\"{html_escape(t('en'))}\"><head><title>{html_escape(t('Council approves the budget | Example News'))}</title>"
        f"<link rel=canonical href=\"{html_escape(t('https://example.org/a'))}\">{metas}"
        f"<script type='application/ld+json'>{ld_text}</script></head><body><article>"
        f"<h1>{html_escape(t('Council approves the budget'))}</h1><p class='byline'>{html_escape(t('By Jane Doe'))}</p>"
        f"<time datetime=\"{html_escape(t('2024-03-05'))}\">{html_escape(t('5 March 2024'))}</time>"
        "<p>The city council approved the budget for the coming year on Tuesday, after a debate that lasted well into the night.</p>"
        f"{figures}</article></body></html>"
    )
    return page.encode("utf-8", "surrogatepass")


def random_input(rng: random.Random):
    r = rng.random()
    if r < 0.5:
        return "grammar", ("<!DOCTYPE html><html><head><title>t</title></head><body>" + grammar_html(rng)).encode("utf-8")
    if r < 0.8:
        return "random-bytes", bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
    alphabet = "<>/=\"' !-abcdiprstv\n\x00&#;[]?" + "".join(WORDS[:8])
    return "random-markup", "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3000)))


def next_input(rng: random.Random, pages: list[bytes]):
    r = rng.random()
    if r < 0.1:
        data = grown_structure(rng)
        return "grown", mutate(rng, data) if rng.random() < 0.3 else data
    if r < 0.25:
        data = metadata_page(rng)
        return "metadata", mutate(rng, data) if rng.random() < 0.2 else data
    if rng.random() < 0.55:
        page = rng.choice(pages)
        if len(page) > WINDOW_BYTES and rng.random() < 0.998:
            start = rng.randrange(len(page) - WINDOW_BYTES) if rng.random() < 0.7 else 0
            page = page[start : start + WINDOW_BYTES]
        return "mutated-page", reencode(rng, mutate(rng, page))
    kind, data = random_input(rng)
    if kind == "grammar" and rng.random() < 0.5:
        data = mutate(rng, data)
    return kind, data


# -- checking ----------------------------------------------------------------------------


class Slow(BaseException):
    """The ``--slow`` timer fired: a BaseException, so that no handler of
    the library (whose top level turns any Exception into a
    BoilerstripError) can take it for a crash."""


def _on_alarm(signum, frame):
    raise Slow()


def check(article) -> None:
    assert isinstance(article, Article), type(article)
    article.body.encode("utf-8")
    assert "\x00" not in article.body
    for b in article.blocks:
        assert b.kind in BLOCK_KINDS, b.kind
        assert b.text, "empty block"
    assert article.body == "\n\n".join(b.text for b in article.blocks if b.kind != "caption"), "body != blocks"
    fields = [article.title, article.language, article.sitename, article.description, article.url,
              article.date_published, article.date_modified, *article.authors]
    for c in article.captions:
        fields += [c.text, c.credit, c.image_url]
        assert c.image_url is None or c.image_url.lower().startswith(("http://", "https://")), c.image_url
    for value in fields:
        assert value is None or not any(ch in _CONTROL_SET for ch in value), f"control character in {value[:80]!r}"
    if article.faults is not None:
        assert isinstance(article.faults, tuple) and all(isinstance(f, Fault) for f in article.faults)
    json.loads(article.to_json())
    article.to_markdown()


_CONTROL_SET = frozenset(c for c in _CONTROL if c not in "\t\n\r")


def run_one(data, rng: random.Random, slow: float):
    """Return ``None`` if fine, else ``(kind, message)``."""
    kwargs = {}
    if rng.random() < 0.3:
        kwargs["explain"] = True
    if rng.random() < 0.3:
        kwargs["include_captions"] = True
    if rng.random() < 0.3:
        kwargs["url"] = rng.choice(["https://example.com/a/b.html", "http://x", "not a url", "https://[::1", ""])
    signal.setitimer(signal.ITIMER_PROF, slow * 5)
    try:
        article = boilerstrip.extract(data, **kwargs)
        check(article)
    except InputError:
        if isinstance(data, str):
            return "crash", "InputError for str input:\n" + traceback.format_exc()
    except Slow:
        return "hang", f"over {slow * 5:.0f} s (interrupted)"
    except Exception:
        return "crash", traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    return None


def save(out: Path, kind: str, data, message: str) -> Path:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    name = f"{kind}-{hashlib.sha1(raw).hexdigest()[:12]}"
    out.mkdir(parents=True, exist_ok=True)
    path = out / (name + (".txt" if isinstance(data, str) else ".bin"))
    path.write_bytes(raw)
    (out / (name + ".log")).write_text(message)
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--minutes", type=float, default=0, help="stop after this long (0: no limit)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--slow", type=float, default=2.0, help="CPU seconds after which an input is reported as slow")
    ap.add_argument("--out", type=Path, default=Path("/tmp/boilerstrip-fuzz"))
    ap.add_argument("--pages", type=int, default=400, help="real pages loaded per dataset")
    ap.add_argument("--replay", nargs="*", type=Path, help="run saved inputs instead of fuzzing")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGPROF, _on_alarm)

    if args.replay:
        bad = 0
        for p in args.replay:
            data = p.read_text("utf-8", "surrogatepass") if p.suffix == ".txt" else p.read_bytes()
            t = time.perf_counter()
            res = run_one(data, random.Random(0), args.slow)
            print(f"{p.name}: {res[0] if res else 'ok'} in {time.perf_counter() - t:.2f} s")
            if res:
                bad += 1
                print(res[1])
        return 1 if bad else 0

    rng = random.Random(args.seed)
    pages = load_pages(args.pages)
    print(f"fuzzing with seed {args.seed}, {len(pages)} seed pages, up to {args.count:,} inputs", flush=True)
    start = time.perf_counter()
    counts: dict[str, int] = {}
    findings: list[tuple[str, str, Path]] = []
    slowest = (0.0, "", None)
    seen_messages: set[str] = set()
    i = 0
    while i < args.count:
        if args.minutes and time.perf_counter() - start > args.minutes * 60:
            break
        kind, data = next_input(rng, pages)
        counts[kind] = counts.get(kind, 0) + 1
        t = time.process_time()
        res = run_one(data, rng, args.slow)
        dt = time.process_time() - t
        if dt > slowest[0]:
            slowest = (dt, kind, data)
        if res is None and dt > args.slow:
            res = ("slow", f"{dt:.2f} s")
        if res is not None:
            key = res[1].strip().splitlines()[-1] if res[0] == "crash" else res[0]
            path = save(args.out, res[0], data, res[1])
            if key not in seen_messages:
                seen_messages.add(key)
                print(f"[{i}] {res[0]} ({kind}): {key[:200]} -> {path}", flush=True)
            findings.append((res[0], key, path))
        i += 1
        if i % 5000 == 0:
            el = time.perf_counter() - start
            print(f"{i:,} inputs, {el:.0f} s, {i / el:.0f}/s, findings {len(findings)}", flush=True)
    elapsed = time.perf_counter() - start
    print(f"\n{i:,} inputs in {elapsed:.0f} s ({i / max(elapsed, 1e-9):.0f}/s): {counts}")
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]}, {len(slowest[2] or b''):,} chars/bytes)")
    by = {}
    for k, key, _ in findings:
        by.setdefault((k, key), 0)
        by[(k, key)] += 1
    print(f"findings: {len(findings)} ({len(by)} distinct)")
    for (k, key), n in sorted(by.items(), key=lambda x: -x[1]):
        print(f"  {n:>6} × {k}: {key[:200]}")
    return 1 if any(k == "crash" for k, _, _ in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
