"""Metadata accuracy on the trafilatura-dev set (or wcxb-dev), boilerstrip vs trafilatura.

For every page of ``datasets/trafilatura-dev`` the raw bytes are decoded,
parsed with Lexbor, given a minimal cleaning (scripts other than JSON-LD and
styles removed, as the pipeline's ``clean`` stage does) and passed to
:func:`boilerstrip.metadata.collect_metadata` with the page URL and no main
node. Each field is compared with the ground truth by exact match after
whitespace normalisation, on the pages that have that field:

* author: ``"; ".join(authors)``, and the same ignoring case;
* date:   ``date_published[:10]``;
* title.

Another set in the same layout works too (``--data .../wcxb-dev``: its
``publish_date`` is the date truth and ``<id>.html.gz`` the page file).

trafilatura's figures (``bare_extraction(..., with_metadata=True)``) on the
same pages are printed beside them; its results are cached in a JSON file
(``--peer-cache``) because it is much slower. ``--show FIELD`` lists the
mismatches of one field for review.

``--pipeline`` runs the whole :func:`boilerstrip.extract` instead (the real
cleaning and the real main-content root), so the figures are what users
get. Either way the time spent inside ``collect_metadata`` alone is
reported as well as the time per page of the whole run (CPU time of this
process, so that other load on the machine does not inflate it).

Usage::

    python benchmarks/metadata_eval.py [--data DIR] [--pipeline] [--show author|date|title]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from boilerstrip.metadata import collect_metadata  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "datasets" / "trafilatura-dev"
if not DEFAULT_DATA.exists():
    DEFAULT_DATA = Path("/work/shared/datasets/trafilatura-dev")
FIELDS = ("author", "author_ci", "date", "title")
_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


def decode(raw: bytes) -> str:
    """The lead's ``decode_html`` when present, else BOM/meta charset/detection."""
    try:
        from boilerstrip.decode import decode_html  # type: ignore

        return decode_html(raw)
    except Exception:  # module absent or not finished: fall back below
        pass
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    m = _META_CHARSET.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode("ascii"), "strict")
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("utf-8", "replace")


def clean(tree: LexborHTMLParser) -> None:
    """Minimal equivalent of the pipeline's cleaning for metadata purposes."""
    for node in tree.css("script, style, noscript"):
        if node.tag == "script" and (node.attributes.get("type") or "").strip().lower() == "application/ld+json":
            continue
        node.decompose()


def norm(s: str | list | None) -> str:
    if isinstance(s, list):  # a few ground-truth entries list the names
        s = "; ".join(str(x) for x in s)
    return _WS.sub(" ", s or "").strip()


#: Seconds spent inside ``collect_metadata`` (either mode), summed over pages.
_COLLECT_SECONDS = [0.0]


def _timed_collect(tree, url, main):
    t0 = time.process_time()
    try:
        return collect_metadata(tree, url, main)
    finally:
        _COLLECT_SECONDS[0] += time.process_time() - t0


def ours(html: str, url: str | None) -> dict:
    tree = LexborHTMLParser(html)
    clean(tree)
    md = _timed_collect(tree, url, None)
    return {"author": "; ".join(md.authors), "date": (md.date_published or "")[:10], "title": md.title or ""}


def ours_pipeline(raw: bytes, url: str | None) -> dict:
    import boilerstrip
    import boilerstrip.api

    boilerstrip.api.collect_metadata = _timed_collect  # time the stage inside the real pipeline
    art = boilerstrip.extract(raw, url=url)
    return {"author": "; ".join(art.authors), "date": (art.date_published or "")[:10], "title": art.title or ""}


def peer(html: str, url: str | None) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {"author": "", "date": "", "title": ""}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    return {"author": get("author") or "", "date": (get("date") or "")[:10], "title": get("title") or ""}


def score(pred: dict, truth: dict, field: str) -> bool | None:
    key = "author" if field == "author_ci" else field
    want = norm(truth.get(key))
    if not want:
        return None
    got = norm(pred.get(key))
    return got.lower() == want.lower() if field == "author_ci" else got == want


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--peer-cache", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "boilerstrip-peer-meta.json")
    ap.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    ap.add_argument("--show", choices=("author", "date", "title"), help="print mismatches of one field")
    ap.add_argument("--pipeline", action="store_true", help="run the whole boilerstrip.extract (real main root)")
    args = ap.parse_args()

    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    cache = json.loads(args.peer_cache.read_text()) if args.peer_cache.exists() else {}
    counts = {who: {f: [0, 0] for f in FIELDS} for who in ("boilerstrip", "trafilatura")}
    elapsed = 0.0
    for pid, gt in sorted(truth.items()):
        raw = gzip.decompress((args.data / "html" / (gt.get("file") or f"{pid}.html.gz")).read_bytes())
        if "date" not in gt and "publish_date" in gt:  # wcxb-dev names the field publish_date
            gt = {**gt, "date": gt["publish_date"]}
        url = (gt.get("url") or "").strip() or None
        html = decode(raw)
        t0 = time.process_time()
        mine = ours_pipeline(raw, url) if args.pipeline else ours(html, url)
        elapsed += time.process_time() - t0
        results = {"boilerstrip": mine}
        if not args.no_peer:
            if pid not in cache:
                cache[pid] = peer(html, url)
            results["trafilatura"] = cache[pid]
        for who, pred in results.items():
            for f in FIELDS:
                ok = score(pred, gt, f)
                if ok is not None:
                    counts[who][f][0] += ok
                    counts[who][f][1] += 1
        if args.show and score(mine, gt, args.show) is False:
            print(f"{pid}\tWANT {norm(gt.get(args.show))!r}\n\t\tGOT  {norm(mine.get(args.show))!r}\t{url}")
    if not args.no_peer:
        args.peer_cache.write_text(json.dumps(cache))

    print(f"\n{'field':<10} {'pages':>5} {'boilerstrip':>12} {'trafilatura':>12}")
    for f in FIELDS:
        ok, n = counts["boilerstrip"][f]
        pok, pn = counts["trafilatura"][f]
        peer_s = f"{pok / pn:12.3f}" if pn else f"{'-':>12}"
        print(f"{f:<10} {n:>5} {ok / max(n, 1):12.3f} {peer_s}")
    pages = max(len(truth), 1)
    whole = "extract" if args.pipeline else "parse + clean + collect"
    print(f"\nboilerstrip: {1000 * elapsed / pages:.2f} ms/page ({whole}); "
          f"collect_metadata alone {1000 * _COLLECT_SECONDS[0] / pages:.2f} ms/page")


if __name__ == "__main__":
    main()
