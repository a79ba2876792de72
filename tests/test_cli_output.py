"""Output formats on the command line, the shipped example page and example_path()."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

import boilerstrip
from boilerstrip.cli import main

yaml = pytest.importorskip("yaml")

PAGE = (
    "<html><head><title>Bridge to be rebuilt | The Gazette</title>"
    "<meta name='author' content='Ann Lee'><meta property='article:published_time' content='2024-03-05'></head><body>"
    "<article><h1>Bridge to be rebuilt</h1>"
    "<p>The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring.</p>"
    "<p>Work will start in March and is expected to take two years, the council's engineer said at the meeting &lt;3.</p>"
    "</article></body></html>"
)
README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return str(path)


def _front_matter(out: str) -> dict:
    assert out.startswith("---\n")
    return yaml.safe_load(out[4:].split("\n---\n", 1)[0])


def test_html_format(page, capsys):
    assert main(["--format", "html", page]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>\n")
    assert "<h1>Bridge to be rebuilt</h1>" in out
    assert "the council's engineer said at the meeting &lt;3.</p>" in out
    assert out.endswith("</html>\n")


def test_markdown_front_matter(page, capsys):
    assert main(["--format", "markdown", "--front-matter", "--url", "https://example.org/a", page]) == 0
    out = capsys.readouterr().out
    assert _front_matter(out) == {
        "title": "Bridge to be rebuilt",
        "authors": ["Ann Lee"],
        "date_published": "2024-03-05",
        "date_modified": None,
        "url": "https://example.org/a",
    }
    assert "\n---\n\n# Bridge to be rebuilt\n\nThe council voted" in out
    # --front-matter alone means markdown
    assert main(["--front-matter", page]) == 0
    assert _front_matter(capsys.readouterr().out)["title"] == "Bridge to be rebuilt"


def test_front_matter_with_another_format_is_a_usage_error(page, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--format", "json", "--front-matter", page])
    assert exc.value.code == 2
    assert "--front-matter goes with --format markdown" in capsys.readouterr().err


def test_example_shows_title_byline_date_and_captions(capsys):
    assert main(["--example"]) == 0
    out = capsys.readouterr().out
    assert _front_matter(out) == {
        "title": "Vladimir Putin is making a rare visit to North Korea. Here’s what we can expect",
        "authors": ["FP Explainers"],
        "date_published": "2024-06-18T07:32:39+05:30",
        "date_modified": "2024-06-18T07:32:39+05:30",
        "url": "https://www.firstpost.com/explainers/vladimir-putin-north-korea-visit-what-to-expect-13783710.html",
    }
    assert "\n\n*Russian president Vladimir Putin first visited North Korea in 2000. AP*\n\n" in out
    assert "STORY CONTINUES BELOW THIS AD" not in out
    # an explicit format keeps its plain meaning
    assert main(["--example", "--format", "text"]) == 0
    assert capsys.readouterr().out.startswith("Russian president Vladimir Putin is making his first trip")


def test_example_path_from_another_directory(tmp_path):
    code = "import boilerstrip; p = boilerstrip.example_path(); print(p.is_absolute(), p.is_file(), p.name)"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert done.stdout == "True True news.html\n"
    assert boilerstrip.example_path().read_bytes()[:15].lower().startswith(b"<!doctype html")


def test_readme_python_example_runs_from_another_directory(tmp_path):
    """The README's first Python block runs as written, outside the repository."""
    block = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    code = block + (
        "\nassert article.title.startswith('Vladimir Putin is making a rare visit to North Korea.')"
        "\nassert article.authors == ('FP Explainers',)"
        "\nassert article.date_published == '2024-06-18T07:32:39+05:30'"
        "\nassert article.captions[0].credit == 'AP'"
    )
    env = dict(os.environ, PYTHONPATH=str(README.parent))
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True)
