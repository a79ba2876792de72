"""Text cues by language: a page's cues are those of the languages it declares,
English and the language-neutral ones; all cues when it declares none."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import default_rules, extract, load_rules
from boilerstrip.language import page_languages, primary_subtag
from boilerstrip.rules import ALWAYS_ON_LANGUAGES


@pytest.mark.parametrize(
    "tag, want",
    [("en-US", "en"), ("pt_BR", "pt"), (" DE ", "de"), ("zh-Hant-TW", "zh"), ("x", ""), ("123", ""), ("*", ""),
     ("", ""), (None, ""), ("de-" + "x" * 200, "de")],
)
def test_primary_subtag(tag, want):
    assert primary_subtag(tag) == want


def test_page_languages_reads_html_lang_og_locale_and_content_language():
    html = (
        "<html lang='de-DE'><head><meta property='og:locale' content='fr_FR'>"
        "<meta http-equiv='Content-Language' content='nl, en-GB'><meta name='description' content='es'></head>"
        "<body><p>x</p></body></html>"
    )
    assert page_languages(LexborHTMLParser(html)) == frozenset({"de", "fr", "nl", "en"})


def test_page_languages_is_empty_when_nothing_readable_is_declared():
    assert page_languages(LexborHTMLParser("<p>Hallo</p>")) == frozenset()
    assert page_languages(LexborHTMLParser("<html lang='*'><head><meta property='og:locale' content=''></head></html>")) == frozenset()
    assert page_languages(LexborHTMLParser("<html xml:lang='it'><body>x</body></html>")) == frozenset({"it"})


@pytest.mark.parametrize(
    "text, languages, rule_id",
    [
        ("Werbung", None, "cue.de.ad-label"),  # language unknown: every cue
        ("Werbung", {"de"}, "cue.de.ad-label"),
        ("Werbung", {"fr"}, None),  # a German cue on a French page: off
        ("Publicité", {"fr"}, "cue.fr.ad-label"),
        ("Publicité", {"de"}, None),
        ("Advertisement", {"fr"}, "cue.ad-label"),  # English cues stay on for every page
        ("Advertisement", {"ja"}, "cue.ad-label"),
        ("12. März 2024", {"ja"}, "cue.date-only"),  # language "mul": neutral
    ],
)
def test_match_text_tries_the_cues_of_the_page_languages(text, languages, rule_id):
    hit = default_rules().match_text(text, languages)
    assert (hit.id if hit else None) == rule_id


def test_english_and_neutral_languages_are_always_on():
    assert ALWAYS_ON_LANGUAGES == frozenset({"", "mul", "en"})


def test_a_rule_without_language_applies_to_every_page(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("version = 1\n[[text]]\nid = 'mine.promo'\npatterns = ['half price today']\n", encoding="utf-8")
    rules = default_rules().extended(load_rules(path))
    assert rules.match_text("Half price today", {"de"}).id == "mine.promo"
    assert rules.match_text("Half price today", {"ja"}).id == "mine.promo"


def test_a_rule_language_with_a_region_is_its_primary_subtag(tmp_path):
    path = tmp_path / "br.toml"
    path.write_text("version = 1\nlanguage = 'pt-BR'\n[[text]]\nid = 'br.promo'\npatterns = ['oferta do dia']\n",
                    encoding="utf-8")
    rules = load_rules(path)
    assert rules.match_text("Oferta do dia", {"pt"}).id == "br.promo"
    assert rules.match_text("Oferta do dia", {"es"}) is None


def test_cue_subsets_are_built_once_per_language_set():
    rules = default_rules()
    assert rules.cues_for({"de"}) is rules.cues_for(frozenset({"de"}))
    assert rules.cues_for({"de"}) is not rules.cues_for({"fr"})


def _page(lang: str) -> str:
    return (
        f"<html lang='{lang}'><head><title>Brücke wird neu gebaut</title></head><body><article>"
        "<h1>Brücke wird neu gebaut</h1>"
        "<p>Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke neu zu bauen, die seit dem Hochwasser im "
        "Frühjahr gesperrt ist.</p>"
        "<p>Werbung</p>"
        "<p>Die Arbeiten beginnen im März und dauern voraussichtlich zwei Jahre, sagte der Ingenieur der Gemeinde bei "
        "der Sitzung.</p></article></body></html>"
    )


@pytest.mark.parametrize("lang, kept", [("de", False), ("", False), ("fr", True)])
def test_the_page_language_chooses_the_cues_end_to_end(lang, kept):
    # "Werbung" (German: advertisement) is a German cue: dropped on a German
    # page and on one that declares no language; on a page that says it is
    # French it is a word of the text, kept between its two paragraphs.
    article = extract(_page(lang), explain=True)
    assert ("Werbung" in [b.text for b in article.blocks]) is kept
    assert (("Werbung", "cue.de.ad-label") in [(d.text, d.reason) for d in article.dropped]) is not kept


def _two_languages(tmp_path):
    de = tmp_path / "de.toml"
    de.write_text("version = 1\nlanguage = 'de'\n[[text]]\nid = 'de.sale'\npatterns = ['sale|ausverkauf']\n",
                  encoding="utf-8")
    fr = tmp_path / "fr.toml"
    fr.write_text("version = 1\nlanguage = 'fr'\n[[text]]\nid = 'fr.sale'\npatterns = ['sale|soldes']\n",
                  encoding="utf-8")
    return load_rules(de, fr)


def test_a_page_language_subset_finds_its_rule_when_an_earlier_rule_of_another_language_matches(tmp_path):
    # Until a bucket compiles its own unions, the union of every pattern answers
    # for it; its first match here is the German rule, which a French page does
    # not use: the French rule must still be found.
    rules = _two_languages(tmp_path)
    assert rules.match_text("Sale", {"fr"}).id == "fr.sale"
    assert rules.match_text("Sale", {"de"}).id == "de.sale"
    assert rules.match_text("Soldes", {"de"}) is None
    assert rules.match_text("Sale", {"ja"}) is None
    assert rules.match_text("Sale").id == "de.sale"  # no language: every rule, file order


def test_a_subset_gives_the_same_answers_before_and_after_its_buckets_compile(tmp_path, monkeypatch):
    from boilerstrip import rules as rules_module

    texts = ["Sale", "Soldes", "Ausverkauf", "Sales", "x", "Sale!"]
    early = [getattr(_two_languages(tmp_path).match_text(t, {"fr"}), "id", None) for t in texts]
    monkeypatch.setattr(rules_module, "UNION_AFTER_USES", 1)  # every bucket compiles its unions at once
    compiled = [getattr(_two_languages(tmp_path).match_text(t, {"fr"}), "id", None) for t in texts]
    assert early == compiled == ["fr.sale", "fr.sale", None, None, None, "fr.sale"]
