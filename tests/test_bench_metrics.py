"""The benchmark metrics on small texts whose shingles are counted by hand."""

from collections import Counter

import pytest

from benchmarks.metrics import (
    aggregate_metadata,
    aggregate_shingles,
    aggregate_snippets,
    metadata_matches,
    shingle_counts,
    shingles,
    snippet_counts,
    tokenize,
)


def test_tokenize_is_unicode_word_runs():
    assert tokenize("Größtes, solar-thermisches Kraftwerk!") == [
        "Größtes",
        "solar",
        "thermisches",
        "Kraftwerk",
    ]
    assert tokenize("  ") == []
    assert tokenize(None) == []


def test_shingles_are_a_multiset_of_four_tokens():
    # a b c d a b c d -> abcd bcda cdab dabc abcd
    assert shingles("a b c d a b c d") == Counter(
        {("a", "b", "c", "d"): 2, ("b", "c", "d", "a"): 1, ("c", "d", "a", "b"): 1, ("d", "a", "b", "c"): 1}
    )


def test_short_text_is_one_shingle_of_all_its_tokens():
    assert shingles("hello world") == Counter({("hello", "world"): 1})
    assert shingles("one two three four") == Counter({("one", "two", "three", "four"): 1})
    assert shingles("") == Counter()


def test_one_token_changed_at_the_end():
    # truth: abcd bcde; predicted: abcd bcdx -> tp 1, fp 1, fn 1, normalised to thirds
    page = shingle_counts("a b c d e", "a b c d x")
    assert page.tp == pytest.approx(1 / 3)
    assert page.fp == pytest.approx(1 / 3)
    assert page.fn == pytest.approx(1 / 3)
    assert page.precision == pytest.approx(0.5)
    assert page.recall == pytest.approx(0.5)
    assert page.f1 == pytest.approx(0.5)
    assert not page.exact


def test_repeated_shingles_count_as_often_as_they_occur():
    # truth has abcd twice + 3 others (5); predicted abcd once -> tp 1, fn 4
    page = shingle_counts("a b c d a b c d", "a b c d")
    assert (page.tp, page.fp, page.fn) == pytest.approx((0.2, 0.0, 0.8))
    assert page.precision == 1.0
    assert page.recall == pytest.approx(0.2)


def test_exact_ignores_punctuation_and_spacing_but_not_case():
    assert shingle_counts("Hello,  world.\n\nBye", "Hello world Bye").exact
    assert not shingle_counts("Hello world", "hello world").exact


def test_empty_prediction_has_no_precision():
    page = shingle_counts("a b c d e", "")
    assert (page.tp, page.fp, page.fn) == (0.0, 0.0, 1.0)
    assert page.precision is None
    assert page.recall == 0.0
    assert page.f1 == 0.0


def test_both_empty_counts_nowhere_but_is_exact():
    page = shingle_counts("", "  ")
    assert (page.tp, page.fp, page.fn) == (0.0, 0.0, 0.0)
    assert page.precision is None and page.recall is None
    assert page.exact


def test_aggregate_is_mean_over_pages_then_f1_of_means():
    pages = [
        shingle_counts("a b c d e", "a b c d x"),  # P .5  R .5
        shingle_counts("a b c d a b c d", "a b c d"),  # P 1   R .2
        shingle_counts("a b c d e", ""),  # P -   R 0
        shingle_counts("hello world", "hello world"),  # P 1   R 1, exact
    ]
    result = aggregate_shingles(pages)
    precision = (0.5 + 1 + 1) / 3
    recall = (0.5 + 0.2 + 0 + 1) / 4
    assert result["precision"] == pytest.approx(precision)
    assert result["recall"] == pytest.approx(recall)
    assert result["f1"] == pytest.approx(2 * precision * recall / (precision + recall))
    assert result["accuracy"] == pytest.approx(0.25)
    assert result["pages"] == 4


def test_aggregate_of_nothing_is_zero():
    assert aggregate_shingles([])["f1"] == 0.0


def test_snippets_found_after_collapsing_whitespace():
    body = "Shanghai Electric\n  baut das Kraftwerk.\n\nSolarserver Newsletter"
    page = snippet_counts(
        body,
        with_=["Shanghai Electric baut", "Die PV-Module mit"],
        without=["Solarserver  Newsletter ", "teilen twittern E-Mail"],
    )
    assert (page.tp, page.fn, page.fp, page.tn) == (1, 1, 1, 1)
    assert page.missed == ("Die PV-Module mit",)
    assert page.leaked == ("Solarserver Newsletter",)
    assert page.errors == 2


def test_snippets_are_case_sensitive_and_empty_ones_ignored():
    page = snippet_counts("shanghai electric baut", ["Shanghai Electric baut", " "], [])
    assert (page.tp, page.fn, page.fp, page.tn) == (0, 1, 0, 0)


def test_snippets_pool_counts_over_pages():
    pages = [
        snippet_counts("a b", ["a", "b"], ["z"]),  # tp 2, tn 1
        snippet_counts("a z", ["a", "b"], ["z"]),  # tp 1, fn 1, fp 1
    ]
    result = aggregate_snippets(pages)
    assert (result["tp"], result["fn"], result["fp"], result["tn"]) == (3, 1, 1, 1)
    assert result["precision"] == pytest.approx(3 / 4)
    assert result["recall"] == pytest.approx(3 / 4)
    assert result["f1"] == pytest.approx(3 / 4)
    assert result["accuracy"] == pytest.approx(4 / 6)


def test_metadata_exact_nocase_and_partial_author():
    truth = {"author": "Jane  Doe; John Roe", "date": "2022-12-01", "title": "A  title"}
    got = metadata_matches(truth, "A title", ("jane doe", "John Roe"), "2022-12-01T10:00:00+01:00")
    assert got == {
        "author": False,
        "author_nocase": True,
        "author_partial": True,
        "date": True,
        "title": True,
    }
    got = metadata_matches(truth, "Another", ("Max Mustermann", "John Roe"), "2022-12-02")
    assert got["author"] is False and got["author_partial"] is True
    assert got["date"] is False and got["title"] is False


def test_metadata_truth_author_may_be_a_list():
    truth = {"author": ["Jane Doe", "John Roe"]}
    assert metadata_matches(truth, None, ("Jane Doe", "John Roe"), None)["author"] is True
    assert metadata_matches(truth, None, ("John Roe",), None)["author_partial"] is True


def test_metadata_not_scored_without_truth_or_without_support():
    got = metadata_matches({"author": "", "title": "T"}, None, (), None)
    assert got == dict.fromkeys(("author", "author_nocase", "author_partial", "date", "title"))
    # supported but not found: scored as wrong
    got = metadata_matches({"author": "Jane Doe", "date": "2020-01-01"}, None, (), "")
    assert got["author"] is False and got["author_partial"] is False and got["date"] is False


def test_metadata_aggregate_skips_unscored():
    pages = [
        {"author": True, "author_nocase": True, "author_partial": True, "date": None, "title": False},
        {"author": False, "author_nocase": True, "author_partial": True, "date": None, "title": None},
    ]
    result = aggregate_metadata(pages)
    assert result["author"] == {"accuracy": 0.5, "pages": 2}
    assert result["author_nocase"] == {"accuracy": 1.0, "pages": 2}
    assert result["title"] == {"accuracy": 0.0, "pages": 1}
    assert result["date"] is None
