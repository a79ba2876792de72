"""The command line tool, run in-process through ``boilerstrip.cli.main``."""

import json

from boilerstrip.cli import main

PAGE = (
    "<html><head><title>Bridge to be rebuilt | The Gazette</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge to be rebuilt</h1>"
    "<p>The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring.</p>"
    "<p>Advertisement</p>"
    "<p>Work will start in March and is expected to take two years, the council's engineer said at the meeting.</p>"
    "</article></body></html>"
)


def test_text_output(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main([str(page)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The council voted on Tuesday")
    assert "Advertisement" not in out and "Home" not in out


def test_json_and_markdown_output(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["--format", "json", "--url", "https://example.org/a", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Bridge to be rebuilt"
    assert data["url"] == "https://example.org/a"
    assert main(["--format", "markdown", str(page)]) == 0
    assert capsys.readouterr().out.startswith("# Bridge to be rebuilt\n\nThe council voted")


def test_explain_writes_dropped_blocks_to_stderr(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["--explain", str(page)]) == 0
    err = capsys.readouterr().err
    assert "cue.ad-label: Advertisement" in err


def test_stdin(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8"))))
    assert main(["-"]) == 0
    assert "Work will start in March" in capsys.readouterr().out


def test_example_page_runs(capsys):
    assert main(["--example"]) == 0
    out = capsys.readouterr().out
    assert "Russia’s Vladimir Putin will visit North Korea today" in out
    assert "STORY CONTINUES BELOW THIS AD" not in out


def test_unreadable_and_non_html_input_exit_1(tmp_path, capsys):
    assert main([str(tmp_path / "missing.html")]) == 1
    assert "cannot read" in capsys.readouterr().err
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert main([str(pdf)]) == 1
    assert "PDF" in capsys.readouterr().err


def test_bad_rules_file_exit_1(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    rules = tmp_path / "r.toml"
    rules.write_text("version = 1\n[[element]]\nid = 'x'\n", encoding="utf-8")
    assert main(["--rules", str(rules), str(page)]) == 1
    assert "matches nothing" in capsys.readouterr().err
