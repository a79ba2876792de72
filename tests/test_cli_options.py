"""Options on the command lines and in the batch layer: ``--preset``,
``--option NAME=VALUE``, ``extract_many(..., options=...)``.

The page has one paragraph whose link density decides it: "See the
engineers' report on the bridge for details." is 52 characters, 31 of them
in the link, a density of 31/52 = 0.60. By default a block above 0.5
(``max_link_density``) is dropped; ``Options.recall()`` drops only blocks
above 0.8 and boxes above 0.85, so it keeps the paragraph. Raising
``max_link_density`` alone to 0.7 is not enough: the paragraph is then
dropped as a link box (``box_link_density`` 0.5); raising both keeps it.
"""

from __future__ import annotations

import json
import pickle

import pytest

from boilerstrip import Options, extract
from boilerstrip.cli import main
from boilerstrip.errors import InputError
from boilerstrip.options import options_from_settings

LINKED = "See the engineers' report on the bridge for details."
PAGE = (
    "<html><head><title>Bridge to be rebuilt | The Gazette</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge to be rebuilt</h1>"
    "<p>The council voted on Tuesday to rebuild the old bridge, which has been closed since the floods of last spring.</p>"
    "<p>See the <a href='/r'>engineers' report on the bridge</a> for details.</p>"
    "<p>Work will start in March and is expected to take two years, the council's engineer said at the meeting.</p>"
    "</article></body></html>"
)


@pytest.fixture()
def page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_the_page_is_decided_by_the_link_density_thresholds():
    assert LINKED not in extract(PAGE).body
    assert LINKED in extract(PAGE, options=Options.recall()).body
    assert LINKED not in extract(PAGE, options=Options(max_link_density=0.7)).body  # the link-box test drops it
    assert LINKED in extract(PAGE, options=Options(max_link_density=0.7, box_link_density=0.7)).body


def test_options_from_settings_applies_the_preset_then_the_settings_in_order():
    assert options_from_settings() == Options()
    assert options_from_settings("precision") == Options.precision()
    got = options_from_settings("recall", ["good_min_chars=60", "max_link_density = 0.4", "good_min_chars=70"])
    assert got == Options(**{**Options.recall().__dict__, "good_min_chars": 70, "max_link_density": 0.4})
    assert isinstance(got.good_min_chars, int) and isinstance(got.max_link_density, float)


@pytest.mark.parametrize(
    "settings, message",
    [
        (["good_min=60"], "unknown option 'good_min': did you mean good_min_chars?"),
        (["zzz=1"], "unknown option 'zzz': the options are: drop_guard_share, "),
        (["good_min_chars"], "option 'good_min_chars': write NAME=VALUE"),
        (["good_min_chars=1.5"], "option good_min_chars='1.5': the value must be an integer"),
        (["max_link_density=high"], "option max_link_density='high': the value must be a number"),
        (["max_link_density=inf"], "option max_link_density='inf': the value must be a finite number"),
        (["max_link_density=1.5"], "option max_link_density=1.5: Options.max_link_density must be between 0 and 1"),
        (["good_min_chars=-1"], "option good_min_chars=-1: Options.good_min_chars must be >= 0"),
    ],
)
def test_options_from_settings_refuses_bad_settings_with_the_reason(settings, message):
    with pytest.raises(InputError) as exc:
        options_from_settings(None, settings)
    assert str(exc.value).startswith(message)


def test_options_from_settings_refuses_an_unknown_preset():
    with pytest.raises(InputError, match="unknown preset 'fast': choose one of precision, recall"):
        options_from_settings("fast")


def test_options_pickle_as_they_cross_to_workers():
    for o in (Options(), Options.precision(), Options.recall(), Options(good_min_chars=60)):
        assert pickle.loads(pickle.dumps(o)) == o


def test_cli_preset_and_option_change_the_output(page, capsys):
    assert main([str(page)]) == 0
    assert LINKED not in capsys.readouterr().out
    assert main(["--preset", "recall", str(page)]) == 0
    assert LINKED in capsys.readouterr().out
    assert main(["--option", "max_link_density=0.7", str(page)]) == 0
    assert LINKED not in capsys.readouterr().out
    assert main(["--option", "max_link_density=0.7", "--option", "box_link_density=0.7", str(page)]) == 0
    assert LINKED in capsys.readouterr().out
    # a setting over the preset: recall with the default link density drops it again
    assert main(["--preset", "recall", "--option", "max_link_density=0.5", str(page)]) == 0
    assert LINKED not in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--option", "good_min=60"], "--option: unknown option 'good_min': did you mean good_min_chars?"),
        (["--option", "max_link_density=2"], "--option: option max_link_density=2: Options.max_link_density must be between 0 and 1"),
        (["--preset", "fast"], "argument --preset: invalid choice: 'fast'"),
    ],
)
def test_cli_bad_options_are_usage_errors(page, capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        main([*argv, str(page)])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_batch_cli_takes_preset_and_options(page, tmp_path, capsys):
    pytest.importorskip("pebble")
    pytest.importorskip("tqdm")
    rows = {}
    for name, extra in (("default", []), ("recall", ["--preset", "recall"]),
                        ("option", ["--option", "max_link_density=0.7", "--option", "box_link_density=0.7"])):
        out = tmp_path / f"{name}.jsonl"
        assert main(["batch", str(page), "-o", str(out), "--workers", "1", *extra]) == 0
        rows[name] = json.loads(out.read_text(encoding="utf-8"))
    capsys.readouterr()
    assert LINKED not in rows["default"]["body"]
    assert rows["recall"]["body"] == extract(PAGE, options=Options.recall()).body
    assert LINKED in rows["recall"]["body"] and LINKED in rows["option"]["body"]
    with pytest.raises(SystemExit) as exc:
        main(["batch", str(page), "--option", "nope=1"])
    assert exc.value.code == 2
    assert "unknown option 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("workers", [0, 1])
def test_extract_many_passes_options_to_the_workers(workers):
    pytest.importorskip("pebble")
    from boilerstrip.batch import extract_many

    records = [{"html": PAGE, "url": "https://example.org/bridge", "source": "bridge"}]
    default = next(extract_many(records, workers=workers, page_timeout=30))
    recall = next(extract_many(records, workers=workers, page_timeout=30, options=Options.recall()))
    assert default.article == extract(PAGE, url="https://example.org/bridge")
    assert recall.article == extract(PAGE, url="https://example.org/bridge", options=Options.recall())
    assert LINKED not in default.article.body and LINKED in recall.article.body


def test_batch_entry_points_refuse_options_that_are_not_options():
    pytest.importorskip("pebble")
    from boilerstrip.batch import extract_many

    with pytest.raises(InputError, match="options must be a boilerstrip.Options, not dict"):
        list(extract_many([{"html": PAGE}], workers=0, options={"good_min_chars": 60}))  # type: ignore[arg-type]


def test_datatrove_step_passes_options_to_its_sandbox():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from boilerstrip.datatrove import BoilerstripExtractor

    docs = lambda: [Document(text=PAGE, id="bridge", metadata={"url": "https://example.org/bridge"})]  # noqa: E731
    plain = list(BoilerstripExtractor(timeout=30).run(docs()))
    recall = list(BoilerstripExtractor(timeout=30, options=Options.recall()).run(docs()))
    assert LINKED not in plain[0].text and LINKED in recall[0].text
    assert recall[0].text == extract(PAGE, options=Options.recall()).body
    with pytest.raises(InputError):
        BoilerstripExtractor(options="recall")  # type: ignore[arg-type]


def test_dask_records_bag_passes_options_to_the_workers():
    pytest.importorskip("dask")
    import dask

    from boilerstrip.dask import records_bag

    records = [{"html": PAGE, "url": "https://example.org/bridge", "source": "bridge"}]
    with dask.config.set(scheduler="processes", num_workers=1):
        (plain,) = records_bag(records, page_timeout=None).compute()
        (recall,) = records_bag(records, page_timeout=None, options=Options.recall()).compute()
    assert LINKED not in plain["body"] and LINKED in recall["body"]
    assert recall["body"] == extract(PAGE, options=Options.recall()).body
