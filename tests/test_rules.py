"""The rule engine: loading, element matching, text cue matching, user rules."""

import pytest

from boilerstrip import RulesError, default_rules, extract, load_rules
from boilerstrip.rules import Ruleset, class_tokens, iter_rule_ids


def test_class_tokens_split_on_separators_and_camel_case():
    assert class_tokens("article-body shareBar js_ad") == ["article", "body", "share", "bar", "js", "ad"]


def test_rule_ids_are_unique():
    ids = list(iter_rule_ids(default_rules()))
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "tag, class_id, attrs, rule_id",
    [
        ("nav", "", None, "tag.navigation"),
        ("div", "social-share-buttons", None, "class.share"),
        ("div", "comments-area", None, "class.comments"),
        ("div", "ad-slot ad-slot--mpu", None, "class.ad"),
        ("div", "jp-relatedposts", None, "class.related"),
        ("div", "main", {"role": "navigation"}, "role.landmark"),
        ("figcaption", "", None, "tag.caption"),
    ],
)
def test_element_rules_match(tag, class_id, attrs, rule_id):
    hits = default_rules().match_element(tag, class_id, attrs)
    assert rule_id in [h.id for h in hits]


@pytest.mark.parametrize(
    "class_id",
    ["post has-sidebar", "o-section--has-ads", "elementor-widget-container", "no-comments wrapper", "header-image"],
)
def test_state_and_builder_classes_do_not_drop(class_id):
    hits = default_rules().match_element("div", class_id, None)
    assert not [h.id for h in hits if h.action == "drop"]


@pytest.mark.parametrize(
    "text, rule_id",
    [
        ("Advertisement", "cue.ad-label"),
        ("STORY CONTINUES BELOW THIS AD", "cue.ad-label"),
        ("More from Explainers", "cue.read-also"),
        ("Also read: How the vote was won", "cue.read-also"),
        ("Add as a preferred source on Google", "cue.subscribe"),
        ("Whatsapp Facebook Twitter", "cue.share"),
        ("End of Article", "cue.end"),
        ("Anzeige", "cue.de.ad-label"),
        ("Lesen Sie auch: Der Haushalt steht", "cue.de.read-also"),
        ("À lire aussi : la réforme", "cue.fr.read-also"),
        ("Publicidad", "cue.es.ad-label"),
        ("Leggi anche: il voto", "cue.it.read-also"),
        ("Leia também: a votação", "cue.pt.read-also"),
        ("Czytaj także: wybory", "cue.pl.read-also"),
        ("Lees ook: de verkiezingen", "cue.nl.read-also"),
        ("By Rosa Lindqvist Jan. 27, 2024", "cue.byline"),
        ("18.06.2024, 14:35 Uhr", "cue.date-only"),
    ],
)
def test_cue_phrases_match(text, rule_id):
    hit = default_rules().match_text(text)
    assert hit is not None and hit.id == rule_id


@pytest.mark.parametrize(
    "text",
    [
        "The advertisement industry lost two billion dollars last year, the report said.",
        "By the end of the day the bridge was open again.",
        "History of ties",
        "Share prices fell sharply on Monday after the announcement.",
        "In 2024 the town grew by a third.",
    ],
)
def test_prose_is_not_a_cue(text):
    assert default_rules().match_text(text) is None


def test_long_blocks_never_match_a_cue():
    assert default_rules().match_text("Advertisement " * 40) is None


def test_user_rules_extend_the_shipped_ones(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        'version = 1\n[[text]]\nid = "mine.promo"\npatterns = ["today only: .{0,80}"]\nmatch = "prefix"\nwhy = "shop promo"\n'
        '[[element]]\nid = "mine.box"\ntokens = ["promo-box-x"]\ncontains = ["shopwindow"]\nwhy = "shop box"\n',
        encoding="utf-8",
    )
    rules = default_rules().extended(load_rules(path))
    assert rules.match_text("Today only: half price on all mugs").id == "mine.promo"
    html = (
        "<html><body><article><h1>Mugs</h1>"
        "<p>The pottery on Mill Lane has made mugs for forty years, and its glazes are known across the county.</p>"
        "<p>Today only: half price on all mugs</p>"
        "<div class='shopwindow'><p>A shop window with a long line of text that would otherwise be kept in the body here.</p></div>"
        "<p>The founder, now eighty, still throws a few pots every morning before the shop opens its doors.</p>"
        "</article></body></html>"
    )
    plain = extract(html)
    assert "Today only" in plain.body
    custom = extract(html, rules=rules, explain=True)
    assert "Today only" not in custom.body
    assert "shop window" not in custom.body
    assert {"mine.promo", "mine.box"} <= {d.reason for d in custom.dropped}


@pytest.mark.parametrize(
    "text, message",
    [
        ("version = 1\n[[text]]\npatterns = ['x']\n", "no id"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['(unclosed']\n", "pattern"),
        ("version = 1\n[[element]]\nid = 'a'\naction = 'explode'\ntags = ['div']\n", "unknown action"),
        ("version = 1\n[[element]]\nid = 'a'\n", "matches nothing"),
        ("version = 9\n", "version"),
        ("this is not toml = = =", "cannot read"),
        ('version = 1\nelement = "oops"\n', "array of tables"),
        ("version = 1\n[[element]]\nid = 'a'\ntags = ['div']\nweight = 'heavy'\n", "weight must be a number"),
        ("version = 1\n[[element]]\nid = 'a'\ntokenz = ['ad']\n", "unknown field"),
        ("version = 1\n[[element]]\nid = 'a'\ntags = ['div']\ncards = 'kept'\n", "cards must be"),
        ("version = 1\n[[element]]\nid = 'a'\ntags = ['div']\naction = ['drop']\n", "unknown action"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['x']\nmatch = ['block']\n", "unknown match"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['x']\naction = {a = 1}\n", "unknown action"),
        ("version = 1\n[[element]]\nid = 'a'\ntags = ['div']\naction = 'weight'\nweight = -5\ncards = 'content'\n", "for drop rules"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['x']\nmacth = 'block'\n", "unknown field"),
        # issue 10: patterns that hang or change meaning when combined, and type errors
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['(a|aa)+$']\n", "backtracks catastrophically"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['(sale)\\s+\\1']\n", "backreferences"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['(?P<w>sale) now']\n", "named groups"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['(?x) sale now']\n", "global inline flags"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['a{99999999999}']\n", "pattern"),
        ("version = 1\n[[text]]\nid = 'a'\npatterns = ['" + "(" * 5000 + ")" * 5000 + "']\n", "pattern"),
        ("version = 1\n[[text]]\nid = ['a']\npatterns = ['x']\n", "id that is not a string"),
        ("version = 1\n[[element]]\nid = 'a'\ntags = ['div']\nwhy = 5\n", "why must be a string"),
        ("version = 1\nlanguage = 5\n", "language must be a string"),
        ("version = 1\nx = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deep"),
    ],
)
def test_malformed_rules_raise_rules_error(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_rules(path)


def test_missing_rules_file_raises_rules_error(tmp_path):
    with pytest.raises(RulesError):
        load_rules(tmp_path / "absent.toml")


def test_rule_ids_must_be_unique_across_files(tmp_path):
    path = tmp_path / "dup.toml"
    path.write_text("version = 1\n[[element]]\nid = 'tag.navigation'\ntags = ['section']\n", encoding="utf-8")
    with pytest.raises(RulesError, match="duplicate rule id"):
        default_rules().extended(load_rules(path))


def test_rules_path_type_is_checked():
    with pytest.raises(RulesError):
        load_rules(5)


def test_a_rule_may_test_longer_blocks_with_max_chars(tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(
        "version = 1\n[[text]]\nid = 'mine.footer'\npatterns = ['filed in the archive\\b.{0,300}']\nmatch = 'prefix'\nmax_chars = 300\n"
        "[[text]]\nid = 'mine.short'\npatterns = ['stored in the archive\\b.{0,300}']\nmatch = 'prefix'\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    long_tail = " and more words" * 14  # about 210 characters in all
    assert rules.match_text("Filed in the archive" + long_tail).id == "mine.footer"
    assert rules.match_text("Stored in the archive" + long_tail) is None
    assert rules.match_text("Stored in the archive, shelf 4").id == "mine.short"
    bad = tmp_path / "bad.toml"
    bad.write_text("version = 1\n[[text]]\nid = 'x'\npatterns = ['a']\nmax_chars = 5000\n", encoding="utf-8")
    with pytest.raises(RulesError, match="max_chars"):
        load_rules(bad)


def test_taxonomy_class_names_are_labels_not_roles():
    rules = default_rules()
    # several taxonomy classes on one element: a post wrapper, its words are labels
    hits = rules.match_element("div", "post category-ads tag-social", None)
    assert [h.id for h in hits] == ["weight.content"]  # from "post" alone
    assert rules.match_element("div", "post category-ads", None)[0].id == "class.ad"
    # a lone one still matches: a category navigation box
    assert rules.match_element("div", "category-nav", None)[0].id == "class.navigation"


@pytest.mark.parametrize("name", [
    "category-news", "CategoryNews", "entry-author-jane", "entryAuthorJane", "post-tag-x", "-tag-x", "tag",
    "postTag", "Category", "my-category-x", "tags-x", "\u212aategory-x", "ENTRY_CATEGORY_misc", "term-1",
])
def test_taxonomy_screen_agrees_with_the_token_test(name):
    # the substring screen of _is_taxonomy_class only skips names the token test rejects
    import re

    from boilerstrip.rules import _is_taxonomy_class

    rules = default_rules()
    prefixes = rules.vocabulary.taxonomy_prefixes
    unscreened = _is_taxonomy_class(name, prefixes, re.compile(""))  # the empty pattern lets every name through
    assert _is_taxonomy_class(name, prefixes, rules._taxonomy_first) == unscreened


def test_rulesets_raise_rules_error_on_wrong_types():
    with pytest.raises(RulesError, match="takes a Ruleset"):
        default_rules().extended("x")
    with pytest.raises(RulesError, match="element_rules"):
        Ruleset(element_rules="x")
    with pytest.raises(RulesError, match="text_rules"):
        Ruleset(text_rules=[1])


def test_a_pattern_means_the_same_one_by_one_and_combined(tmp_path):
    # the bucket tests patterns one by one for UNION_AFTER_USES uses, then
    # combined; group numbers shift in the union, so the answers must not
    from boilerstrip import rules as rules_module

    path = tmp_path / "mine.toml"
    path.write_text(
        "version = 1\n[[text]]\nid = 'mine.a'\npatterns = ['(zz|zy)+ sale']\n"
        "[[text]]\nid = 'mine.b'\nmatch = 'prefix'\npatterns = ['(zq) only']\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    texts = ["zzzy sale", "zq only today", "zz sale now", "zq", "zy sale"]
    first = [rules.match_text(t) for t in texts]
    for i in range(rules_module.UNION_AFTER_USES + 5):
        rules._cues._cache.clear()
        assert [rules.match_text(t) for t in texts] == first, i
    assert [r.id if r else None for r in first] == ["mine.a", "mine.b", None, None, "mine.a"]


def _rules_file(tmp_path, text):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


SIDEBAR_RULE = "[[element]]\nid = 'mine.sidebar'\ntokens = ['sidebar']\naction = 'drop'\n"


def test_vocabulary_comes_from_the_rules_data():
    vocab = default_rules().vocabulary
    assert {"has", "no", "elementor"} <= vocab.modifier_tokens
    assert ("category",) in vocab.taxonomy_prefixes and ("entry", "author") in vocab.taxonomy_prefixes
    assert vocab.is_article_itemtype("https://schema.org/NewsArticle")
    assert vocab.is_article_itemtype("http://schema.org/LiveBlogPosting")  # ends in "blogposting"
    assert not vocab.is_article_itemtype("https://schema.org/Product")
    assert {"hentry", "h-entry", "entry-content", "e-content", "node--view-mode-full"} <= vocab.article_classes


def test_a_loaded_vocabulary_is_read_by_the_matching(tmp_path):
    bare = load_rules(_rules_file(tmp_path, "version = 2\n" + SIDEBAR_RULE))
    assert [h.id for h in bare.match_element("div", "has-sidebar", None)] == ["mine.sidebar"]  # no modifiers
    mine = load_rules(_rules_file(tmp_path, "version = 2\n[vocabulary]\nmodifier_tokens = ['Has']\n" + SIDEBAR_RULE))
    assert mine.vocabulary.modifier_tokens == frozenset({"has"})  # lower-cased
    assert mine.match_element("div", "has-sidebar", None) == ()
    assert [h.id for h in mine.match_element("div", "sidebar", None)] == ["mine.sidebar"]
    # extending the shipped rules merges the vocabularies
    merged = default_rules().extended(mine)
    assert merged.vocabulary.modifier_tokens == default_rules().vocabulary.modifier_tokens | {"has"}
    assert merged.vocabulary.article_itemtypes == default_rules().vocabulary.article_itemtypes


def test_version_1_files_are_still_read(tmp_path):
    rules = load_rules(_rules_file(tmp_path, "version = 1\nstray = 3\n" + SIDEBAR_RULE))
    assert [r.id for r in rules.element_rules] == ["mine.sidebar"]
    assert rules.vocabulary.modifier_tokens == frozenset()


@pytest.mark.parametrize(
    "text, message",
    [
        ("version = 1\n[vocabulary]\nmodifier_tokens = ['has']\n", "needs version = 2"),
        ("version = 3\n", "rules version 3"),
        ("version = 2\nstray = 3\n", "unknown top-level key"),
        ("version = 2\n[vocabulary]\nmodifiers = ['has']\n", "unknown field"),
        ("version = 2\n[vocabulary]\nmodifier_tokens = [1]\n", "modifier_tokens must be"),
        ("version = 2\n[vocabulary]\narticle_itemtypes = ['']\n", "empty word"),
        ("version = 2\n[vocabulary]\ntaxonomy_prefixes = ['entry-author-name']\n", "one or two class tokens"),
        ("version = 2\nvocabulary = 5\n", "must be a table"),
    ],
)
def test_malformed_vocabulary_is_a_rules_error(tmp_path, text, message):
    with pytest.raises(RulesError, match=message):
        load_rules(_rules_file(tmp_path, text))


def test_a_long_banner_is_a_hero_section_not_an_ad():
    # Page builders name every full-width section of a landing page a
    # "banner"; an ad banner holds a label at most.
    para = ("Set directors and event managers rent our commercial treadmills, racks and bikes by the week, "
            "delivered and installed anywhere in the county by our own crew. ")
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        "<div class='banner ad-top'>Advertisement</div>"
        "<main><div class='banner has-hover'><h2>Short-term fitness rentals</h2>"
        f"<p>{para * 2}</p></div><div class='banner has-hover'><h2>Why rent from us</h2><p>{para * 2}</p></div>"
        "<div class='contact'><p>Is your film shoot or corporate event coming up soon? Contact us today so that we can "
        "discuss your requirements: our sales team will answer your questions, including freight and delivery, and "
        "support you every step of the way, from the first call to the last pick-up.</p></div></main>"
        "</body></html>"
    )
    body = extract(html).body
    assert "Short-term fitness rentals" in body and "Why rent from us" in body
    assert "Advertisement" not in body


@pytest.mark.parametrize("value", ['"nobody"', '["column"]', "3"])
def test_a_guard_that_is_not_a_known_name_is_a_rules_error(tmp_path, value):
    path = tmp_path / "r.toml"
    path.write_text(f'version = 2\n[[element]]\nid = "x.y"\ntags = ["aside"]\nguard = {value}\naction = "drop"\n')
    with pytest.raises(RulesError, match="guard"):
        load_rules(path)


def test_a_full_element_match_cache_is_emptied_and_keeps_caching(monkeypatch, tmp_path):
    from boilerstrip import rules as rules_module

    path = tmp_path / "r.toml"
    path.write_text('version = 1\n[[element]]\nid = "e.nav"\ntags = ["nav"]\nwhy = "x"\n', encoding="utf-8")
    rules = rules_module.load_rules(path)
    monkeypatch.setattr(rules_module, "MATCH_CACHE_SIZE", 3)
    for i in range(5):
        rules.match_element("div", f"box-{i}", None)
    assert 0 < len(rules._cache) <= 3
    assert ("div", "box-4", None) in rules._cache  # the latest page's elements are still cached
    assert [r.id for r in rules.match_element("nav", "", None)] == ["e.nav"]


def test_every_shipped_pattern_passes_the_backtracking_probe():
    # The shipped rules run without MATCH_TIMEOUT: this probe is what stands
    # behind that (each pattern on adversarial texts, PROBE_TIMEOUT each).
    from importlib import resources

    from boilerstrip.rules import _ruleset

    data = resources.files("boilerstrip.rules").joinpath("data")
    entries = sorted((e for e in data.iterdir() if e.name.endswith(".toml")), key=lambda p: p.name)
    probed = _ruleset(((e.name, e.read_text(encoding="utf-8")) for e in entries), probe=True)
    assert [r.id for r in probed.text_rules] == [r.id for r in default_rules().text_rules]


def test_only_the_shipped_rules_run_without_the_match_timer(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("version = 1\n[[text]]\nid = 'mine.promo'\npatterns = ['half price today']\n", encoding="utf-8")
    shipped = default_rules()
    assert shipped._cues.timed is False and shipped.cues_for({"de"}).timed is False
    extended = shipped.extended(load_rules(path))
    assert extended._cues.timed is True and extended.cues_for({"de"}).timed is True
    assert extended.match_text("Half price today", {"de"}).id == "mine.promo"
    assert shipped.match_text("Advertisement").id == "cue.ad-label"


@pytest.mark.parametrize("text, rule_id", [
    # a photo gallery's control bar inside the article column
    ("Caption", "cue.widget"),
    ("Close", "cue.widget"),
    ("Image 1 of 23", "cue.widget"),
    ("Slide 4 / 12", "cue.widget"),
    ("Enlarge this image", "cue.widget"),
    ("View gallery", "cue.widget"),
    # lower-case: a documented method or event name, not a control
    ("close", None),
    ("Closing the connection", None),
    ("Captions and subtitles", None),
])
def test_photo_gallery_controls_are_widget_labels(text, rule_id):
    hit = default_rules().match_text(text, {"en"})
    assert (hit.id if hit else None) == rule_id
