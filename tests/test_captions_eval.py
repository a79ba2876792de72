"""The caption benchmark's matching rule (benchmarks/captions_eval.py)."""

from __future__ import annotations

from benchmarks.captions_eval import Tally, caption_tokens, match_captions, same_credit, token_f1


def test_tokens_ignore_case_punctuation_and_unicode_form():
    assert caption_tokens("Der  „Bahnhof“, am Abend!") == ("der", "bahnhof", "am", "abend")
    # "ä" written as a + combining diaeresis, as some CMSs emit it
    assert caption_tokens("angeschra\u0308gten") == caption_tokens("angeschrägten")
    # soft hyphens are invisible to a reader
    assert caption_tokens("Sche\xadma\xadtisch") == ("schematisch",)
    assert caption_tokens(None) == ()


def test_token_f1():
    assert token_f1(("a", "b"), ("a", "b")) == 1.0
    assert token_f1(("a", "b", "c", "d"), ("a", "b", "c", "e")) == 0.75
    assert token_f1(("a",), ("b",)) == 0.0


def test_match_is_one_to_one_and_best_first():
    expected = ["Kim visits a factory in Pyongyang.", "Sunset over the bay"]
    predicted = ["sunset over the bay", "Kim visits a factory in Pyongyang", "Kim visits a factory"]
    assert sorted(match_captions(predicted, expected)) == [(0, 1), (1, 0)]


def test_match_threshold():
    # 9 of 10 words shared: F1 0.9 matches; a first sentence of a 3-sentence caption does not
    long = "one two three four five six seven eight nine ten"
    assert match_captions(["one two three four five six seven eight nine"], [long]) == [(0, 0)]
    assert match_captions(["one two three"], [long]) == []


def test_credit_comparison():
    assert same_credit("(Foto: ABr)", "Foto: ABr")
    assert same_credit(None, None)
    assert not same_credit("AP", "AP Photo")
    assert not same_credit(None, "Reuters")


def test_tally_pools_pages():
    t = Tally()
    t.add("p1", [("A cat", "AP"), ("Advertisement", None)], [("a cat.", "AP")])
    t.add("p2", [], [("A dog", None)])
    assert (t.predicted, t.expected, t.matched, t.matched_credit) == (2, 2, 1, 1)
    assert t.figures() == (0.5, 0.5)
    assert len(t.errors) == 2
