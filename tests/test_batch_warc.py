"""End to end on a WARC.gz of 500+ real pages: the CLI, ``extract_many``,
the Dask engine on a 2-worker ``LocalCluster`` and the DataTrove step all
give, for every page, the article that ``boilerstrip.extract`` gives.

The archive is built once per module with warcio's writer from the shared
datasets (``../shared/datasets`` beside the repository; skipped when
absent): 500+ HTML responses (their bytes as served, valid UTF-8, a
``charset=utf-8`` header), a few non-HTML records (PNG, PDF, CSS, a request,
a ``text/html`` record of another type), one record with a malformed header
in the middle (skipped, and reading goes on) and a corrupt gzip member at
the end (one failed row; everything before it is kept).
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pebble")
pytest.importorskip("fastwarc")
warcio = pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from boilerstrip import extract
from boilerstrip.batch import extract_many, iter_records
from boilerstrip.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
N_PAGES = 520


def _pages() -> list[tuple[str, bytes]]:
    """(url, bytes) of the first N_PAGES pages, in a fixed order, that are
    valid UTF-8 (so that every reader decodes them alike)."""
    out: list[tuple[str, bytes]] = []
    for name in ("scrapinghub", "trafilatura-dev", "dragnet-dev"):
        folder = DATASETS / name
        if not (folder / "ground-truth.json").exists():
            continue
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for pid in sorted(truth):
            path = folder / "html" / f"{pid}.html.gz"
            if not path.exists():
                continue
            data = gzip.decompress(path.read_bytes())
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            url = (truth[pid].get("url") or f"https://{name}.example.org/{pid}").strip().replace(" ", "%20")
            out.append((f"{url}#{len(out)}", data))  # unique target URIs
            if len(out) == N_PAGES:
                return out
    return out


def _response(w: WARCWriter, url: str, ctype: str, body: bytes, rtype: str = "response") -> Any:
    http = StatusAndHeaders("200 OK", [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    rec = w.create_warc_record(url, rtype, payload=io.BytesIO(body), http_headers=http if rtype != "resource" else None,
                               warc_headers_dict={"WARC-Identified-Payload-Type": ctype.split(";")[0]})
    w.write_record(rec)
    return rec


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    pages = _pages()
    if len(pages) < 500:
        pytest.skip(f"needs 500 UTF-8 pages from ../shared/datasets, found {len(pages)}")
    folder = tmp_path_factory.mktemp("warc")
    path = folder / "pages.warc.gz"
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    ids: dict[str, str] = {}
    for i, (url, body) in enumerate(pages):
        rec = _response(w, url, "text/html; charset=utf-8", body)
        ids[url] = rec.rec_headers.get_header("WARC-Record-ID")
        if i == 10:
            _response(w, "https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
            _response(w, "https://example.org/doc.pdf", "application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
            _response(w, "https://example.org/site.css", "text/css", b"body { color: red }")
            _response(w, "https://example.org/res.html", "text/html", b"<p>a resource, not a response</p>", rtype="resource")
            req = w.create_warc_record("https://example.org/page", "request", payload=io.BytesIO(b"GET /page HTTP/1.1\r\nHost: example.org\r\n\r\n"))
            w.write_record(req)
        if i == 250:  # a record whose WARC header block is malformed
            buf.write(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nthis line is not a header\r\n\r\n"
                                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>broken</p>\r\n\r\n"))
    clean = buf.getvalue()
    (folder / "clean").mkdir()
    (folder / "clean" / "pages.warc.gz").write_bytes(clean)
    path.write_bytes(clean + b"\x1f\x8b\x08\x00" + b"not deflate data" * 4)  # a corrupt last member
    want = {url: extract(body, url=url).to_dict() for url, body in pages}
    return {"path": path, "clean": folder / "clean" / "pages.warc.gz", "ids": ids, "want": want}


def _check(rows: list[dict[str, Any]], warc: dict[str, Any], *, corrupt_tail: bool = True) -> None:
    pages = [r for r in rows if "error" not in r]
    failed = [r for r in rows if "error" in r]
    assert [r["source"] for r in pages] == [warc["ids"][u] for u in warc["want"]]
    for row in pages:
        want = warc["want"][row["url"]]
        assert {k: v for k, v in row.items() if k != "source"} == want, row["url"]
    if corrupt_tail:
        assert len(failed) == 1 and failed[0]["error"]["type"] == "OSError"
        assert "rest of the archive skipped" in failed[0]["error"]["message"]
    else:
        assert failed == []


def test_cli(warc, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(warc["path"]), "-o", str(out), "--workers", "2", "--no-progress"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    _check(rows, warc)
    n = len(warc["want"])
    empty = sum(1 for v in warc["want"].values() if not v["body"])
    assert f"pages {n + 1}, extracted {n - empty}, empty {empty}, failed 1, timed out 0" in capsys.readouterr().err


def test_extract_many(warc):
    results = list(extract_many(iter_records([str(warc["path"])]), workers=2))
    _check([r.to_dict() for r in results], warc)


def test_dask_local_cluster(warc, tmp_path, capsys):
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    assert main(["batch", str(warc["path"]), "-o", str(out), "--engine", "dask", "--workers", "2"]) == 0
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) >= 5  # the archive is cut into ranges of 100 pages
    rows = [json.loads(line) for p in parts for line in p.read_text(encoding="utf-8").splitlines()]
    _check(rows, warc)
    assert f"pages {len(warc['want']) + 1}," in capsys.readouterr().err


def test_datatrove_step(warc, tmp_path):
    """DataTrove's WarcReader (warcio) stops at a damaged record, so the
    pipeline reads the same archive without the two damaged parts."""
    pytest.importorskip("datatrove")
    pytest.importorskip("magic")
    pytest.importorskip("cchardet")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from boilerstrip.datatrove import METADATA_FIELDS, BoilerstripExtractor

    clean = warc["clean"].parent / "dt"
    clean.mkdir(exist_ok=True)
    data = warc["clean"].read_bytes()
    # drop the malformed member: it is the only one without a record id
    members = [m for m in _gzip_members(data) if b"this line is not a header" not in gzip.decompress(m)]
    (clean / "pages.warc.gz").write_bytes(b"".join(members))
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(clean), glob_pattern="*.warc.gz"), BoilerstripExtractor(timeout=10),
                  JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=1, workers=1, logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = [json.loads(line) for p in sorted((tmp_path / "out").glob("*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]
    want = warc["want"]
    kept = {u: v for u, v in want.items() if v["body"]}
    assert [d["metadata"]["url"] for d in docs] == list(kept)  # empty bodies dropped, as DataTrove extractors do
    for doc in docs:
        w = kept[doc["metadata"]["url"]]
        assert doc["text"] == w["body"]
        assert {k: doc["metadata"][k] for k in METADATA_FIELDS} == {k: w[k] for k in METADATA_FIELDS}


def _gzip_members(data: bytes) -> list[bytes]:
    """Split concatenated gzip members (one per WARC record)."""
    out = []
    while data:
        d = __import__("zlib").decompressobj(31)
        d.decompress(data)
        size = len(data) - len(d.unused_data)
        out.append(data[:size])
        data = d.unused_data
    return out
