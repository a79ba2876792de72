"""A newsletter or SMS sign-up box inside the article column: its heading,
its consent line and its thank-you line are prompts, not the story."""

import boilerstrip

PROSE = "<p>The laptop sells for less this week than it has all year, and its battery still holds a full day of work on one charge.</p>"
CLOSING = "<p>Shipping is free on orders over twenty dollars, and returns are accepted for thirty days after delivery.</p>"


def _page(box: str) -> str:
    return f"<html><body><article><h1>Deal of the day</h1>{PROSE * 5}<div>{box}</div>{CLOSING}</article></body></html>"


def test_sign_up_box_lines_are_dropped():
    box = (
        "<p>Be the first to know!</p>"
        "<p>By signing up, you agree to receive recurring automated marketing messages at the number provided."
        " Message and data rates may apply.</p>"
        "<p>Thanks for signing up!</p>"
    )
    body = boilerstrip.extract(_page(box)).body
    assert "Be the first to know" not in body
    assert "By signing up" not in body
    assert "Thanks for signing up" not in body
    assert body.endswith("returns are accepted for thirty days after delivery.")


def test_consent_phrasing_inside_a_sentence_of_the_story_stays():
    sentence = "<p>Readers who agree to the terms by signing up early get the lower price, the company said on Monday.</p>"
    body = boilerstrip.extract(_page(sentence)).body
    assert "by signing up early" in body
