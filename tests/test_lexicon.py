"""The word-list files: read once, checked, a malformed one named with its key."""

from __future__ import annotations

import pickle
import sys

import pytest

from boilerstrip import BoilerstripError, captions, kind
from boilerstrip.errors import DataError
from boilerstrip.lexicon import COUNT, NUMBER, PATTERNS, STRING, STRING_LISTS, STRINGS, TableOf, check, load
from boilerstrip.metadata import data as metadata_data


def test_the_shipped_files_meet_their_schemas_and_are_read_once():
    assert load("boilerstrip", "captions.toml", captions.SCHEMA) is captions.DATA
    assert load("boilerstrip.metadata", "data.toml", metadata_data.SCHEMA) is metadata_data.DATA
    assert load("boilerstrip", "kinds.toml", kind.SCHEMA)["types"]["forum"][0] == "DiscussionForumPosting"


def test_lists_moved_out_of_the_code_are_read_from_the_data():
    assert captions._LAZY_ATTRS[:2] == ("data-src", "data-lazy-src")
    assert captions._SRCSET_ATTRS == ("srcset", "data-srcset", "data-lazy-srcset")
    assert captions._PLACEHOLDER.search("/img/lazy-placeholder.png") and not captions._PLACEHOLDER.search("/img/bridge.png")
    assert metadata_data.DATA["sources"]["sitename"] == ["og:site_name"]
    assert metadata_data.DATA["itemprops"]["published"] == ["datepublished", "datecreated"]


SCHEMA = {
    "tokens": {"caption": STRINGS, "rx": PATTERNS},
    "limits": {"max_chars": COUNT, "share": NUMBER, "name": STRING},
    "months": STRING_LISTS,
    "zones": TableOf(TableOf(STRING)),
}
GOOD = {
    "tokens": {"caption": ["caption", "legende"], "rx": ["^photo:"]},
    "limits": {"max_chars": 120, "share": 0.5, "name": "x"},
    "months": [["january", "jan"], ["february", "feb"]],
    "zones": {"cet": {"*": "Europe/Paris"}},
    "comment_keys_are_allowed": True,
}


def test_check_accepts_a_good_table():
    check(GOOD, SCHEMA, "test.toml")


@pytest.mark.parametrize(
    "change, key, problem",
    [
        (("tokens", "caption", "caption"), "tokens.caption", "must be a list of strings, not str 'caption'"),
        (("tokens", "caption", ["caption", 3]), "tokens.caption", "must be a list of strings, not a list of int, str"),
        (("tokens", "rx", ["(unclosed"]), "tokens.rx", "pattern '(unclosed' does not compile"),
        (("limits", "max_chars", -1), "limits.max_chars", "must be an integer >= 0, not -1"),
        (("limits", "max_chars", True), "limits.max_chars", "must be an integer >= 0, not True"),
        (("limits", "share", "half"), "limits.share", "must be a number, not 'half'"),
        (("limits", "name", 1), "limits.name", "must be a string, not int 1"),
        (("zones", "cet", {"*": 1}), "zones.cet.*", "must be a string, not int 1"),
        ((None, "months", [["january"], "february"]), "months", "must be a list of lists of strings"),
        ((None, "limits", [1]), "limits", "must be a table, not a list of int"),
    ],
)
def test_check_names_the_file_and_key_of_a_wrong_value(change, key, problem):
    table, name, value = change
    bad = {k: dict(v) if isinstance(v, dict) else v for k, v in GOOD.items()}
    if table is None:
        bad[name] = value
    else:
        bad[table][name] = value
    with pytest.raises(DataError) as exc:
        check(bad, SCHEMA, "test.toml")
    assert (exc.value.file, exc.value.key) == ("test.toml", key)
    assert str(exc.value).startswith(f"test.toml: {key}: {problem}")
    assert isinstance(exc.value, BoilerstripError)


def test_check_names_a_missing_key():
    bad = {k: dict(v) if isinstance(v, dict) else v for k, v in GOOD.items()}
    del bad["limits"]["share"]
    with pytest.raises(DataError, match=r"^test.toml: limits.share: missing$"):
        check(bad, SCHEMA, "test.toml")


def test_load_reports_a_missing_file_and_bad_toml(tmp_path, monkeypatch):
    pkg = tmp_path / "lexicon_probe_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "bad.toml").write_text("[tokens\ncaption = 1\n", encoding="utf-8")
    (pkg / "short.toml").write_text("[tokens]\ncaption = ['caption']\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(DataError, match=r"^missing.toml: cannot read the file"):
        load("lexicon_probe_pkg", "missing.toml", {})
    with pytest.raises(DataError, match=r"^bad.toml: not valid TOML"):
        load("lexicon_probe_pkg", "bad.toml", {})
    with pytest.raises(DataError, match=r"^short.toml: tokens.rx: missing$"):
        load("lexicon_probe_pkg", "short.toml", {"tokens": {"caption": STRINGS, "rx": PATTERNS}})
    sys.modules.pop("lexicon_probe_pkg", None)


def test_data_error_pickles_with_its_fields():
    err = pickle.loads(pickle.dumps(DataError("captions.toml", "tokens.caption", "missing")))
    assert (err.file, err.key, str(err)) == ("captions.toml", "tokens.caption", "captions.toml: tokens.caption: missing")
