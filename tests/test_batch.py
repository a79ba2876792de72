"""The batch layer on synthetic pages: readers, the pool, sinks, the CLI.

The datasets are not needed here; the 500-page WARC runs are in
``test_batch_warc.py``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pebble")
pytest.importorskip("tqdm")

from boilerstrip import extract
from boilerstrip.batch import Record, extract_many, iter_records, run_batch
from boilerstrip.batch.records import with_http_charset
from boilerstrip.batch.sinks import JsonlSink
from boilerstrip.cli import main
from boilerstrip.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def page(i: int, extra: str = "") -> str:
    """A small article page whose text names ``i``."""
    return (
        f"<html><head><title>Story number {i} | The Gazette</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        f"<h1>Story number {i}</h1>"
        f"<p>Paragraph one of story {i}: the council met on Tuesday and talked at length about the old bridge and the river.</p>"
        f"<p>Paragraph two of story {i}: work will start in March and take two years, the engineer said at the meeting.</p>"
        f"{extra}</article><footer>Contact us</footer></body></html>"
    )


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# -- readers -------------------------------------------------------------------


def test_iter_records_reads_files_gzip_folders_jsonl_and_records_unreadable_inputs(tmp_path):
    (tmp_path / "site" / "sub").mkdir(parents=True)
    (tmp_path / "site" / "a.html").write_text(page(1), encoding="utf-8")
    (tmp_path / "site" / "sub" / "b.html.gz").write_bytes(gzip.compress(page(2).encode()))
    (tmp_path / "site" / "notes.txt").write_text("not a page", encoding="utf-8")
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text(
        json.dumps({"url": "https://example.org/3", "html": page(3)}) + "\n"
        + "\n"
        + "{not json\n"
        + json.dumps({"url": "https://example.org/5"}) + "\n",
        encoding="utf-8",
    )
    recs = list(iter_records([str(tmp_path / "site"), str(jsonl), str(tmp_path / "missing.html")]))
    assert [r.source for r in recs] == [
        str(tmp_path / "site" / "a.html"),
        str(tmp_path / "site" / "sub" / "b.html.gz"),
        f"{jsonl}:1",
        f"{jsonl}:3",
        f"{jsonl}:4",
        str(tmp_path / "missing.html"),
    ]
    assert recs[0].html == page(1).encode() and recs[0].error is None
    assert recs[1].html == page(2).encode()  # decompressed
    assert recs[2].html == page(3) and recs[2].url == "https://example.org/3"
    assert recs[3].error is not None and recs[3].error.type == "JSONDecodeError"
    assert recs[4].error is not None and recs[4].error.type == "InputError" and '"html"' in recs[4].error.message
    assert recs[5].error is not None and recs[5].error.type == "FileNotFoundError"
    globbed = list(iter_records([str(tmp_path / "site")], globs=["*.txt"]))
    assert [r.html for r in globbed] == [b"not a page"]


def test_page_over_the_byte_cap_is_a_failed_record(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    (rec,) = iter_records([str(big)], max_bytes=1000)
    assert rec.error is not None and rec.error.type == "InputError" and "cap of 1000 bytes" in rec.error.message


def test_http_charset_is_used_unless_a_bom_or_valid_utf8_says_otherwise():
    html = "<html><body><article><p>Съешь же ещё этих мягких французских булок, да выпей чаю.</p></article></body></html>"
    cp1251 = html.encode("cp1251")
    assert with_http_charset(cp1251, "windows-1251") == html
    assert "Съешь же ещё" in extract(with_http_charset(cp1251, "windows-1251")).body
    assert with_http_charset(cp1251, None) is cp1251
    assert with_http_charset(cp1251, "no-such-charset") is cp1251
    utf8 = html.encode("utf-8")
    assert with_http_charset(utf8, "iso-8859-1") is utf8  # mislabelled UTF-8: left to boilerstrip
    bom = b"\xef\xbb\xbf" + utf8
    assert with_http_charset(bom, "windows-1251") is bom  # the BOM wins
    assert with_http_charset(b"<p>abc</p>", "utf-16") == b"<p>abc</p>"  # UTF-16 only with a BOM


def test_warc_reader_decodes_content_encoding_and_hands_over_the_http_charset(tmp_path):
    warcio = pytest.importorskip("warcio.warcwriter")
    from warcio.statusandheaders import StatusAndHeaders

    cyrillic = "<html><body><article><p>Съешь же ещё этих мягких французских булок, да выпей же чаю, сказал он.</p></article></body></html>"
    bodies = [
        ("https://example.org/gz", [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], gzip.compress(page(1).encode())),
        ("https://example.org/ru", [("Content-Type", "text/html; charset=windows-1251")], cyrillic.encode("cp1251")),
        ("https://example.org/img", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n"),
    ]
    with open(tmp_path / "a.warc.gz", "wb") as fh:
        w = warcio.WARCWriter(fh, gzip=True)
        for url, headers, body in bodies:
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    recs = list(iter_records([str(tmp_path / "a.warc.gz")]))
    assert [(r.url, r.charset) for r in recs] == [("https://example.org/gz", "utf-8"), ("https://example.org/ru", "windows-1251")]
    assert all(r.source.startswith("<urn:uuid:") for r in recs)
    assert recs[0].html == page(1).encode()
    results = list(extract_many(recs, workers=0))
    assert results[0].article is not None and results[0].article.title == "Story number 1"
    assert results[1].article is not None and "Съешь же ещё" in results[1].article.body
    (over,) = [r for r in iter_records([str(tmp_path / "a.warc.gz")], max_bytes=100) if r.url == "https://example.org/gz"]
    assert over.error is not None and "cap of 100 bytes" in over.error.message


# -- the pool ------------------------------------------------------------------


def test_extract_many_keeps_order_and_gives_what_extract_gives():
    records = [{"html": page(i).encode(), "url": f"https://example.org/{i}", "source": f"p{i}"} for i in range(40)]
    records.insert(7, {"html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "source": "doc.pdf"})
    pooled = list(extract_many(records, workers=2, page_timeout=30))
    inline = list(extract_many(records, workers=0))
    assert [r.source for r in pooled] == [r["source"] for r in records]
    for rec, got, same in zip(records, pooled, inline):
        assert got.to_dict() == same.to_dict()
        if rec["source"] == "doc.pdf":
            assert got.status == "failed" and got.error is not None
            assert got.error.type == "InputError" and "PDF" in got.error.message
            assert got.to_dict() == {"source": "doc.pdf", "url": None, "error": got.error.to_dict()}
        else:
            want = extract(rec["html"], url=rec["url"])
            assert got.status == "extracted" and got.article == want
            assert got.to_dict() == {"source": rec["source"], **want.to_dict()}


def test_hostile_page_times_out_and_the_run_goes_on():
    """A 50 MB page takes boilerstrip tens of seconds: past a 1 s limit it
    is recorded as timed out, its worker replaced, and the next pages are
    still extracted."""
    para = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "</p>\n"
    huge = ("<html><body><article>" + para * (50_000_000 // len(para)) + "</article></body></html>").encode()
    assert len(huge) >= 50_000_000
    records = [Record("p0", page(0).encode()), Record("huge", huge)] + [Record(f"p{i}", page(i).encode()) for i in range(1, 6)]
    del huge
    results = list(extract_many(records, workers=2, page_timeout=1.0))
    assert [r.source for r in results] == [r.source for r in records]
    assert results[1].status == "timeout" and results[1].error is not None
    assert results[1].error.type == "PageTimeout"
    for i, r in enumerate(results[:1] + results[2:]):
        assert r.status == "extracted" and r.article is not None
        assert f"Paragraph one of story {i}" in r.article.body


# -- sinks and resume ------------------------------------------------------------


def test_jsonl_sink_cuts_a_partial_last_line_and_refuses_a_foreign_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"source":"a","body":"x"}\n{"source":"b","body":"y"}\n{"source":"c","bo')
    sink = JsonlSink(str(out))
    assert sink.done == {"a", "b"}
    sink.write({"source": "c", "body": "z"})
    sink.close()
    assert [r["source"] for r in read_rows(out)] == ["a", "b", "c"]
    holder = JsonlSink(str(out))
    with pytest.raises(OSError, match="another boilerstrip run"):
        JsonlSink(str(out))  # one writer at a time
    holder.close()
    foreign = tmp_path / "notes.jsonl"
    foreign.write_text("hello\nworld\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a boilerstrip JSONL output"):
        JsonlSink(str(foreign))
    assert foreign.read_text(encoding="utf-8") == "hello\nworld\n"


def _pages_folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.html").write_text(page(i, "<p>" + "More text of the story follows here. " * 200 + "</p>"), encoding="utf-8")
    return folder


def test_rerun_skips_pages_already_written(tmp_path):
    folder = _pages_folder(tmp_path, 12)
    out = tmp_path / "out.jsonl"
    first = run_batch([str(folder / "0000.html"), str(folder / "0001.html")], str(out), workers=1)
    assert (first.pages, first.extracted, first.skipped) == (2, 2, 0)
    second = run_batch([str(folder)], str(out), workers=2)
    assert (second.pages, second.extracted, second.skipped) == (10, 10, 2)
    rows = read_rows(out)
    assert sorted(r["source"] for r in rows) == sorted(str(p) for p in folder.iterdir())


def test_sigkill_mid_run_loses_only_pages_in_flight_and_never_leaves_a_broken_line(tmp_path):
    """Kill the whole run (SIGKILL to its process group) again and again
    while it writes; after each kill every line parses; rerunning the same
    command finishes the job with every page exactly once."""
    n = 300
    folder = _pages_folder(tmp_path, n)
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "boilerstrip", "batch", str(folder), "-o", str(out), "--workers", "1", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    before = 0  # complete lines in the output
    for _ in range(50):
        proc = subprocess.Popen(cmd, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= before + 40:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                kills += 1
                break
            time.sleep(0.005)
        data = out.read_bytes()
        *complete, partial = data.split(b"\n")
        for line in complete:
            json.loads(line)  # every complete line parses
        before = len(complete)
        if proc.returncode == 0:
            assert not partial
            assert b"pages" in proc.stderr.read()
            break
        # a partial last line is possible if the kill lands inside a write()
        # (the kernel stops a write at a page boundary on SIGKILL): it is not
        # parsed here, and the next run cuts it before appending
    assert proc.returncode == 0 and kills >= 3
    sources = [r["source"] for r in read_rows(out)]
    assert len(sources) == n and set(sources) == {str(p) for p in folder.iterdir()}


def test_run_killed_inside_a_write_leaves_a_partial_line_that_the_rerun_cuts(tmp_path):
    """What a SIGKILL landing inside ``write()`` leaves (the kernel stops the
    write at a page boundary), made deterministic: the run writes 5 rows,
    then half of the 6th, and kills itself. The rerun cuts the half line and
    writes every page exactly once."""
    n = 12
    folder = _pages_folder(tmp_path, n)
    out = tmp_path / "out.jsonl"
    killer = (
        "import os, signal, sys\n"
        "from boilerstrip.batch import sinks\n"
        "from boilerstrip.cli import main\n"
        "write, count = sinks.JsonlSink.write, [0]\n"
        "def dying_write(self, row):\n"
        "    count[0] += 1\n"
        "    if count[0] == 6:\n"
        "        line = sinks._line(row)\n"
        "        os.write(self._fd, line[:len(line) // 2])\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    write(self, row)\n"
        "sinks.JsonlSink.write = dying_write\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ["batch", str(folder), "-o", str(out), "--workers", "1", "--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", killer, *args], env=env, capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    *complete, partial = out.read_bytes().split(b"\n")
    assert len(complete) == 5 and partial.startswith(b'{"source":')
    for line in complete:
        json.loads(line)
    rerun = subprocess.run([sys.executable, "-m", "boilerstrip", *args], env=env, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert b"skipped (already done) 5" in rerun.stderr
    sources = [r["source"] for r in read_rows(out)]
    assert len(sources) == n and set(sources) == {str(p) for p in folder.iterdir()}


def test_parquet_output_has_the_jsonl_rows(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    folder = _pages_folder(tmp_path, 5)
    run_batch([str(folder)], str(tmp_path / "out.jsonl"), workers=1)
    summary = run_batch([str(folder / "0000.html"), str(folder / "0001.html")], str(tmp_path / "out.parquet"), workers=1)
    assert summary.pages == 2 and not (tmp_path / "out.parquet.partial.jsonl").exists()
    again = run_batch([str(folder)], str(tmp_path / "out.parquet"), workers=1)  # resumes: adds 3 rows
    assert (again.pages, again.skipped) == (3, 2)
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    want = {r["source"]: r for r in read_rows(tmp_path / "out.jsonl")}
    assert sorted(r["source"] for r in rows) == sorted(want)
    for row in rows:
        assert row.pop("error") is None
        assert row == want[row["source"]]


# -- the command line ----------------------------------------------------------


def test_batch_cli_jsonl_on_stdout_with_summary(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.html").write_text(page(1), encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page(2).encode())))
    assert main(["batch", str(tmp_path / "a.html"), str(tmp_path / "b.pdf"), "-", "--workers", "1"]) == 0
    cap = capsys.readouterr()
    rows = [json.loads(line) for line in cap.out.splitlines()]
    assert [r["source"] for r in rows] == [str(tmp_path / "a.html"), str(tmp_path / "b.pdf"), "-"]
    assert rows[0]["title"] == "Story number 1" and rows[2]["title"] == "Story number 2"
    assert rows[1]["error"]["type"] == "InputError"
    assert "pages 3, extracted 2, empty 0, failed 1, timed out 0" in cap.err


def test_batch_cli_usage_errors(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["batch", "x.html", "--workers", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["batch", "x.html", "--scheduler", "tcp://h:8786"])
    assert exc.value.code == 2


def test_batch_cli_missing_input_is_an_error(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(tmp_path / "no-such-folder"), "-o", str(out)]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert not out.exists()


def test_page_cli_several_pages_gzip_and_jsonl(tmp_path, capsys):
    (tmp_path / "a.html").write_text(page(1), encoding="utf-8")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(page(2).encode()))
    assert main(["--format", "jsonl", str(tmp_path / "a.html"), str(tmp_path / "b.html.gz")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source"], r["title"]) for r in rows] == [
        (str(tmp_path / "a.html"), "Story number 1"),
        (str(tmp_path / "b.html.gz"), "Story number 2"),
    ]
    assert main([str(tmp_path / "a.html"), str(tmp_path / "b.html.gz")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"==> {tmp_path / 'a.html'} <==\nParagraph one of story 1")
    assert f"==> {tmp_path / 'b.html.gz'} <==\nParagraph one of story 2" in out


def test_page_cli_refuses_urls_and_pages_over_the_cap(tmp_path, capsys):
    assert main(["https://example.org/news/1"]) == 1
    err = capsys.readouterr().err
    assert "does not fetch URLs" in err and "--url" in err
    big = tmp_path / "big.html"
    big.write_text(page(1), encoding="utf-8")
    assert main(["--max-bytes", "100", str(big)]) == 1
    assert "larger than the cap of 100 bytes" in capsys.readouterr().err
    assert main(["--max-bytes", "100000", str(big)]) == 0
    capsys.readouterr()
    if os.path.exists("/dev/zero"):
        assert main(["/dev/zero"]) == 1  # stops at the 32 MiB default cap, extract()'s
        assert "larger than the cap of 33554432 bytes" in capsys.readouterr().err


def test_readme_dask_example_runs_on_a_local_cluster(tmp_path):
    """The README's Dask example, as written, on a small WARC: a
    LocalCluster of 2 workers, JSONL partitions with every page."""
    pytest.importorskip("distributed")
    warcio = pytest.importorskip("warcio.warcwriter")
    from warcio.statusandheaders import StatusAndHeaders

    with open(tmp_path / "crawl.warc.gz", "wb") as fh:
        w = warcio.WARCWriter(fh, gzip=True)
        for i in range(30):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://example.org/{i}", "response",
                                                payload=io.BytesIO(page(i).encode()), http_headers=http))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```python\nfrom dask.distributed import")
    code = readme[start + len("```python\n"):readme.index("```", start + 10)]
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    subprocess.run([sys.executable, "example.py"], cwd=tmp_path, check=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    rows = [json.loads(line) for p in sorted((tmp_path / "out").glob("part-*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in rows] == [f"Story number {i}" for i in range(30)]
    assert [r["url"] for r in rows] == [f"https://example.org/{i}" for i in range(30)]


def test_dask_engine_on_files_and_jsonl_writes_parquet_partitions_with_the_local_rows(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    pytest.importorskip("distributed")
    folder = _pages_folder(tmp_path, 8)
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text("".join(json.dumps({"url": f"https://example.org/{i}", "html": page(100 + i)}) + "\n" for i in range(3)), encoding="utf-8")
    run_batch([str(folder), str(jsonl)], str(tmp_path / "local.jsonl"), workers=1)
    want = {r["source"]: r for r in read_rows(tmp_path / "local.jsonl")}
    assert main(["batch", str(folder), str(jsonl), "-o", str(tmp_path / "out.parquet"), "--engine", "dask", "--workers", "2"]) == 0
    assert "pages 11, extracted 11, empty 0, failed 0, timed out 0" in capsys.readouterr().err
    rows = [row for p in sorted((tmp_path / "out.parquet").glob("part-*.parquet")) for row in pq.read_table(p).to_pylist()]
    assert [r["source"] for r in rows] == list(want)
    for row in rows:
        assert row.pop("error") is None
        assert row == want[row["source"]]
