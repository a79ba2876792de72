"""The metadata stage: :class:`Metadata` and :func:`collect_metadata`.

Each field is taken from ranked sources (the first that gives a valid value
wins); the source order is data (``sources.*`` in ``data.toml``):

* authors: JSON-LD article ``author`` (persons) -> author meta tags ->
  microdata ``itemprop=author`` -> ``rel=author`` -> visible byline boxes ->
  an unmarked "By/Von <name>" line at the headline
  (:func:`.visible.header_bylines`) -> JSON-LD organisations (an
  organisation is credited only when no person is). Meta values that are
  URLs, or that equal the site name, are skipped. A source that credits
  wire services only ("AP", "Wire Feed": ``authors.wire_services``) gives
  way to a later one naming people, and is kept when none does.
* date_published, date_modified: the sources listed, in order of
  precedence and each with a comment, in ``[dates.precedence]`` of
  ``data.toml`` (the dateline shown next to the headline when a declared
  date confirms it, JSON-LD, meta tags, visible datelines near the
  headline, ..., the URL path, ..., the headline itself). A date after
  today (plus a day of slack) is rejected; so is a publication date after
  the page's own modification date (the shown date may be a day after it),
  and any date on a copyright line. A UTC timestamp on the hour from 20:00
  on is a local midnight east of UTC and stands for the next day.
  Time-zone abbreviations resolve in the page's region
  (:func:`.dates.page_regions`).
* title: see :mod:`.title`; language, sitename, description, url: the
  first declared value; image, categories, tags: see :mod:`.lead`.
"""

from __future__ import annotations

from dataclasses import dataclass
import html
import re
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator, Optional, TypeVar
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..article import Fault
from ..urls import http_url, split_url
from .authors import normalize_authors
from ..errors import BoilerstripError
from .data import DATA
from .dates import date_from_url, latest_allowed, page_regions, parse_date
from .dom import FAR, FAR_BOXED, NEAR, NEAR_BOXED, collapse, text_of
from .jsonld import JsonLd, read_jsonld
from .lead import categories, lead_image, tags
from .meta import PageMeta, read_meta
from .title import main_heading, pick_title
from .visible import (
    PageIndex, Scope, byline_dates, byline_texts, date_texts, header_bylines, header_texts, labelled_texts, modified_texts,
    opening_texts,
)

__all__ = ["Metadata", "collect_metadata"]

SOURCES = DATA["sources"]
_PRECEDENCE = DATA["dates"]["precedence"]
#: Date sources in order of precedence (``[dates.precedence]`` in ``data.toml``).
PUBLISHED_SOURCES: tuple[str, ...] = tuple(_PRECEDENCE["published"])
DECLARED_SOURCES: tuple[str, ...] = tuple(s for s in PUBLISHED_SOURCES if s in _PRECEDENCE["declared"])
MODIFIED_SOURCES: tuple[str, ...] = tuple(_PRECEDENCE["modified"])
#: Every source name the date code knows.
KNOWN_PUBLISHED = frozenset({
    "headline_dateline_confirmed", "jsonld_date_published", "meta_published", "jsonld_date_created", "dateline_near",
    "header_text", "dateline_far", "url_path", "opening_text", "byline_box", "labelled_text", "dateline_far_boxed",
    "headline_or_description",
})
KNOWN_MODIFIED = frozenset({"jsonld_date_modified", "meta_modified", "microdata_modified"})
#: The sources that may be declared stamps (machine-readable, stated by the page).
KNOWN_DECLARED = frozenset({"jsonld_date_published", "meta_published", "jsonld_date_created"})
_UNKNOWN = (set(PUBLISHED_SOURCES) - KNOWN_PUBLISHED) | (set(MODIFIED_SOURCES) - KNOWN_MODIFIED) | (
    set(_PRECEDENCE["declared"]) - (KNOWN_DECLARED & set(PUBLISHED_SOURCES))
)
if _UNKNOWN:  # a defect of the shipped data file, caught by the tests
    raise BoilerstripError(f"metadata/data.toml [dates.precedence]: unknown sources {sorted(_UNKNOWN)}")
_COPYRIGHT = tuple(DATA["dates"]["copyright_markers"])
#: A dateline shown next to the headline replaces the declared publication
#: date when it is within this many days of a declared date: equal, or one
#: day off because the declared timestamp is in UTC and the page's is local.
SHOWN_DATE_SLACK_DAYS = 1
#: Datelines near the headline showing this many different days are a list
#: of other items (issues, related posts), not the article's date.
LIST_MIN_DAYS: int = DATA["dates"]["list_min_days"]
#: Words that make a date beside the headline an update stamp ("edited Mar 13, 2024").
UPDATE_WORDS = tuple(DATA["dates"]["update_words"])
#: Languages and regions whose numeric dates put the month first (05/06/2024
#: = May 6), see ``dates.month_first_*`` in ``data.toml``.
MONTH_FIRST_LANGS = tuple(DATA["dates"]["month_first_languages"])
MONTH_FIRST_REGIONS = frozenset(DATA["dates"]["month_first_regions"])


@dataclass(frozen=True)
class Metadata:
    """What the page says about the article (see :class:`boilerstrip.Article`).

    Attributes:
        title: the headline without the site name, or None.
        authors: credited persons (or the organisation, when no person is).
        date_published / date_modified: ISO 8601 date or datetime, or None.
        language: BCP 47 tag (``"en"``, ``"de-DE"``) or None.
        sitename, description: as declared, or None.
        url: the caller's URL, else the canonical/og:url, or None.
        image: the lead image URL (og:image / JSON-LD image, else the first
            figure image of the main content), absolute http(s), or None.
        categories: the declared sections (JSON-LD articleSection,
            article:section), or ``()``.
        tags: the declared tags (article:tag, JSON-LD keywords, meta keywords), or ``()``.
        faults: the sources and fields that raised while being read (see
            :func:`collect_metadata`); empty when none did.
    """

    title: Optional[str] = None
    authors: tuple[str, ...] = ()
    date_published: Optional[str] = None
    date_modified: Optional[str] = None
    language: Optional[str] = None
    sitename: Optional[str] = None
    description: Optional[str] = None
    url: Optional[str] = None
    image: Optional[str] = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    faults: tuple[Fault, ...] = ()


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//", "www.")) or "/" in value.strip("/")


_AUTHORS = DATA["authors"]
#: Lower-case words allowed inside a name found without markup ("Ursula von der Leyen").
NAME_PARTICLES = frozenset(_AUTHORS["name_particles"])
#: News agencies: credited alone, they give way to named people shown too.
WIRE_SERVICES = frozenset(_AUTHORS["wire_services"])
#: A name read from an unmarked header byline has this many words at most
#: (and two at least: one word after "Von" is as often a place or a thing).
HEADER_NAME_WORDS = (2, 4)


def _is_wire(name: str) -> bool:
    return name.casefold() in WIRE_SERVICES


#: A CMS account name written in place of the author's: one lower-case
#: token of words joined by dots or underscores ("jane.doe", "j_doe").
_LOGIN = re.compile(r"[^\W\d_A-Z]+(?:[._][^\W\d_A-Z]+)+")


def _is_login(name: str) -> bool:
    """``name`` is an account name (:data:`_LOGIN`), which a source with the
    person's printed name outranks ("edilson.la.rosa" in JSON-LD beside
    ``<meta name="author" content="Edilson La Rosa">``)."""
    return _LOGIN.fullmatch(name) is not None


def _looks_like_person(name: str) -> bool:
    """A person's name as bylines write it: 2-4 words, each capitalised
    ("Tim", "O'Mahony", "J.R.") or a particle ("von", "van der")."""
    words = name.split()
    if not HEADER_NAME_WORDS[0] <= len(words) <= HEADER_NAME_WORDS[1]:
        return False
    return all(w[0].isupper() or w in NAME_PARTICLES for w in words)


def _authors(meta: PageMeta, ld: JsonLd, scope: Scope, sites: list[str]) -> tuple[str, ...]:
    site_keys = {s.casefold() for s in sites if s}

    def persons(raws: Iterable[str], keep_site: bool = False) -> list[str]:
        out: list[str] = []
        for raw in raws:
            if not raw or _is_url(raw):
                continue
            if "&" in raw:  # entities escaped twice in the markup: "Redacci&oacute;n"
                raw = html.unescape(raw)
            for name in normalize_authors(raw):
                if (keep_site or name.casefold() not in site_keys) and name not in out:
                    out.append(name)
        return out

    def header_byline() -> list[str]:
        # "Von: Jane Doe" under the headline of a personal site credits the
        # site's owner: the site name is kept here
        for line in header_bylines(scope):
            names = persons([line], keep_site=True)
            if names and all(_looks_like_person(n) for n in names):
                return names
        return []

    def sources() -> Iterator[tuple[list[str], bool]]:
        """(names, whether the source credits people rather than organisations)."""
        yield persons(a.name for a in ld.authors if not a.organization), True
        yield persons(meta.all(*SOURCES["authors"])), True
        # visible bylines: read only when no declared credit was found
        groups: dict[str, list[str]] = {}
        for _, source, text in byline_texts(scope):
            if source == "byline" and "byline" in groups:
                break  # byline boxes come last, and only the first is read
            groups.setdefault(source, []).append(text)
        for source in ("microdata", "rel", "byline"):
            found = persons(groups.get(source, [])[:1] if source == "byline" else groups.get(source, []))
            yield found, True
        yield header_byline(), True
        orgs = [n for a in ld.authors if a.organization for n in normalize_authors(a.name)]
        yield orgs or [n for raw in meta.all(*SOURCES["authors"]) if not _is_url(raw) for n in normalize_authors(raw)], False

    wire: list[str] = []
    for found, people in sources():
        if not found:
            continue
        if people and (all(_is_wire(n) for n in found) or all(_is_login(n) for n in found)):
            # "AP" or "Wire Feed" alone, or a CMS login ("jane.doe"): named
            # people shown further down win
            wire = wire or found
            continue
        if wire and not people:
            break
        return tuple(found)
    return tuple(wire)


#: A UTC timestamp at exactly this hour or later, on the hour, is a bare day
#: stored as local midnight of a zone east of UTC ("2021-11-04T23:00:00Z" is
#: 5 November in Berlin): the day meant is the next one.
LOCAL_MIDNIGHT_FROM_HOUR = 20
_UTC_ON_THE_HOUR = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):00:00\+00:00")


def _local_day(iso: str) -> str:
    """``iso``, or the next day (date only) when it is a local midnight stored in UTC."""
    m = _UTC_ON_THE_HOUR.fullmatch(iso)
    if m and int(m.group(2)) >= LOCAL_MIDNIGHT_FROM_HOUR:
        return (date.fromisoformat(m.group(1)) + timedelta(days=1)).isoformat()
    return iso


def _swapped(iso: str) -> Optional[str]:
    """The day of ``iso`` with month and day exchanged (the other reading of
    an ambiguous numeric date), or None when that is no date or the same one."""
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if d > 12 or d == m:
        return None
    return date(y, d, m).isoformat()


def _days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def _dates(meta: PageMeta, ld: JsonLd, scope: Scope, url: Optional[str], lang: str, titles: list[str]) -> tuple[Optional[str], Optional[str]]:
    ceiling = latest_allowed()
    # the page's regions resolve zone abbreviations ("IST" on an Irish page)
    # and the order of numeric dates ("03/10/2023" on a British page is 3 October)
    regions = page_regions([*meta.all("og:locale"), meta.lang, *meta.all("content-language"), ld.language], url)
    if regions:
        hint: Optional[bool] = regions[0] not in MONTH_FIRST_REGIONS
    else:
        hint = None if not lang else lang.lower() not in MONTH_FIRST_LANGS

    memo: dict[str, Optional[str]] = {}  # the same texts are read by several steps

    def parse(raw: str) -> Optional[str]:
        if raw not in memo:
            iso = None
            if not any(m in raw.lower() for m in _COPYRIGHT):
                iso = parse_date(raw, dayfirst_hint=hint, regions=regions)
                iso = _local_day(iso) if iso else None
            memo[raw] = iso if iso and iso[:10] <= ceiling else None
        return memo[raw]

    def parsed(raws: Iterable[str]) -> Iterator[str]:
        for raw in raws:
            iso = parse(raw) if raw else None
            if iso:
                yield iso

    modified_from: dict[str, Callable[[], Iterable[str]]] = {
        "jsonld_date_modified": lambda: [ld.date_modified],
        "meta_modified": lambda: meta.all(*SOURCES["modified"]),
        "microdata_modified": lambda: modified_texts(scope),
    }
    modified = next((iso for name in MODIFIED_SOURCES for iso in parsed(modified_from[name]())), None)
    limit = min(ceiling, modified[:10]) if modified else ceiling
    stated: dict[str, Callable[[], Iterable[str]]] = {
        "jsonld_date_published": lambda: [ld.date_published],
        "meta_published": lambda: meta.all(*SOURCES["published"]),
        "jsonld_date_created": lambda: [ld.date_created],
    }
    declared = [iso for name in DECLARED_SOURCES for iso in parsed(stated[name]())]
    ranked = list(date_texts(scope))
    near = list(parsed(text for rank, _, text in ranked if rank == NEAR))
    shown = near[0] if near else None
    # one day shown next to the headline, however often: the article's own
    # (a list of days there is a list of other items)
    sole = shown is not None and all(d[:10] == shown[:10] for d in near)
    if shown is None:
        # none outside a layout box: the headline's own meta box counts when
        # it shows one day only (a most-read rail beside it shows several)
        boxed = list(parsed(text for rank, _, text in ranked if rank == NEAR_BOXED))
        if boxed and all(d[:10] == boxed[0][:10] for d in boxed):
            shown, sole = boxed[0], True
    if shown is None and declared:
        # an unmarked dateline under the headline, confirmed by a declared date
        shown = next(parsed(text for rank, text in opening_texts(scope) if rank in (NEAR, FAR)), None)
    from_url = date_from_url(url)
    stamps = declared + ([modified] if modified else [])

    def confirmed(day: str) -> bool:
        return any(_days_apart(day, d) <= SHOWN_DATE_SLACK_DAYS for d in stamps)

    if shown and declared and not confirmed(shown):
        # "11/01/2021" read day first, but the page's own stamp says 1 November
        swapped = _swapped(shown)
        if swapped and any(swapped == d[:10] for d in stamps):
            shown, sole = swapped, True

    if shown and len(shown) == 19:
        # a shown time whose zone is unknown here (an ambiguous "IST"): a
        # declared stamp of the same minute gives its offset
        shown = next((d for d in declared if len(d) > 19 and d[:16] == shown[:16]), shown)

    def confirmed_shown() -> Iterator[str]:
        if shown and declared and (sole or confirmed(shown)):
            # the dateline the reader sees next to the headline, confirmed by a
            # declared date (equal, or a day off from a UTC timestamp)
            yield shown

    def near_datelines() -> Iterator[str]:
        found = list(parsed(text for rank, _, text in ranked if rank < FAR))
        if len({d[:10] for d in found}) >= LIST_MIN_DAYS:
            # many days next to the headline are a list of other items ("Nr. 34
            # vom 08. November 2021", "Nr. 32 vom 05. November 2021", ...): a
            # date right beside the <h1> comes first (with the time a dateline
            # of the same day gives)
            beside = (t for t in header_texts(scope) if not any(w in t.lower() for w in UPDATE_WORDS))
            for day in parsed(beside):
                yield next((d for d in found if d[:10] == day[:10] and len(d) > len(day)), day)
        yield from found

    def later(get: Callable[[], Iterable[str]]) -> Callable[[], Iterable[str]]:
        return lambda: parsed(get())

    published_from: dict[str, Callable[[], Iterable[str]]] = {
        "headline_dateline_confirmed": confirmed_shown,
        **{name: later(get) for name, get in stated.items()},
        "dateline_near": near_datelines,
        "header_text": lambda: parsed(header_texts(scope)),
        "dateline_far": lambda: parsed(text for rank, _, text in ranked if rank == FAR),
        "url_path": lambda: [from_url] if from_url else [],
        "opening_text": lambda: parsed(text for _, text in opening_texts(scope)),
        "byline_box": lambda: parsed(byline_dates(scope)),
        "labelled_text": lambda: parsed(labelled_texts(scope)),
        "dateline_far_boxed": lambda: parsed(text for rank, _, text in ranked if rank == FAR_BOXED),
        "headline_or_description": lambda: parsed(titles),
    }

    def published() -> Iterator[str]:
        for name in PUBLISHED_SOURCES:
            yield from published_from[name]()

    first = None
    for iso in published():
        if iso[:10] <= limit or (iso == shown and _days_apart(iso, limit) <= SHOWN_DATE_SLACK_DAYS):
            # (the shown date may be a day after a UTC modification stamp)
            return iso, modified
        first = first or iso
    # every candidate is after the modification date: that date is the suspect one
    return (first, None) if first else (None, modified)


def _language(meta: PageMeta, ld: JsonLd) -> Optional[str]:
    for raw in (meta.lang, *meta.all(*SOURCES["language"]), ld.language):
        tag = collapse(raw).replace("_", "-").split(",")[0].strip()
        if tag and len(tag) <= 20 and tag.replace("-", "").isalnum():
            return tag
    return None


def _absolute(value: str, base: Optional[str]) -> Optional[str]:
    return http_url(value, base)


def _host_name(url: Optional[str]) -> str:
    split = split_url(url)
    host = split.hostname if split is not None else None
    if not host:
        return ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp")]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")


#: The errors a metadata source can raise on malformed page data: a value
#: of an unexpected type or range, a malformed URL or date, a lookup that
#: misses, nesting too deep to read. A source or field that raises one is
#: empty and reported (:class:`~boilerstrip.Fault`); the other fields keep
#: their values. Any other exception is a bug and is not caught here.
FIELD_ERRORS: tuple[type[BaseException], ...] = (ValueError, TypeError, LookupError, ArithmeticError, RecursionError)

_T = TypeVar("_T")


def collect_metadata(tree: LexborHTMLParser, url: Optional[str], main: Optional[LexborNode]) -> Metadata:
    """Title, authors, dates, language, site name, description, URL, lead image, categories and tags of a page.

    Args:
        tree: the cleaned page (scripts removed except JSON-LD; head intact).
        url: the page URL given by the caller, or None; used as a date source,
            a site-name hint and the base for relative URLs.
        main: the main-content root chosen by the pipeline, or None; bylines,
            datelines and the ``<h1>`` in or just before it are preferred.

    Returns:
        A :class:`Metadata`; fields the page does not give are None/empty.
        Each source (meta tags, JSON-LD, the page index, the article's scope)
        and each field is read on its own: one that raises one of
        :data:`FIELD_ERRORS` is empty and listed in ``Metadata.faults``,
        and the other fields keep their values.

    Bound: O(n) in the size of the page. The page is indexed by a fixed
    number of CSS queries; every candidate is read once, with ancestor walks
    memoised per page (:func:`.dom.locate`) or bounded
    (``classes.max_ancestor_depth``), and every source value is cut to
    :data:`.dom.MAX_SOURCE_CHARS` characters when read and shorter before
    it is normalised (see there).

    Source order and exclusions: see the module docstring.
    """
    faults: list[Fault] = []

    def guard(name: str, read: Callable[[], _T], default: _T) -> _T:
        try:
            return read()
        except FIELD_ERRORS as exc:
            faults.append(Fault(name, f"{type(exc).__name__}: {exc}"))
            return default

    index = guard("index", lambda: PageIndex.of(tree), PageIndex())
    cache: dict[int, Optional[int]] = {}  # exclusion verdicts per element, shared by every stage
    meta = guard("meta", lambda: read_meta(tree, index.metas, index.links, cache), PageMeta())
    ld = guard("jsonld", lambda: read_jsonld(tree, index.jsonld), JsonLd())

    def page_url() -> Optional[str]:
        canonical = next((h for h in meta.links.get("canonical", []) if h), "") or meta.first(*SOURCES["url"]) or ld.url
        return url or _absolute(canonical, None)

    page = guard("url", page_url, url)
    sitename = guard(
        "sitename",
        lambda: meta.first(*SOURCES["sitename"]) or ld.publisher or ld.site_name or meta.first(*SOURCES["sitename_fallback"]) or None,
        None,
    )
    no_sites: list[str] = []
    sites = guard(
        "sitename",
        lambda: [
            s for s in (sitename, ld.publisher, ld.site_name, meta.first(*SOURCES["sitename_fallback"]),
                        meta.first(*SOURCES["sitename"]), _host_name(page)) if s
        ],
        no_sites,
    )
    language = guard("language", lambda: _language(meta, ld), None)
    scope = guard("scope", lambda: Scope.of(tree, main, index, cache), Scope(tree, None, None, {}, index, cache))

    def title() -> Optional[str]:
        title_node = index.title
        return pick_title(
            [ld.headline, *meta.all(*SOURCES["title"])],
            text_of(title_node) if title_node is not None else "",
            text_of(scope.h1) if scope.h1 is not None else "",
            sites,
            main_heading(main, scope.h1, sites),
        )

    headline = guard("title", title, None)
    description = guard("description", lambda: meta.first(*SOURCES["description"]) or ld.description or None, None)
    no_dates: tuple[Optional[str], Optional[str]] = (None, None)
    published, modified = guard(
        "dates", lambda: _dates(meta, ld, scope, page, language or "", [headline or "", description or ""]), no_dates
    )
    return Metadata(
        title=headline or None,
        authors=guard("authors", lambda: _authors(meta, ld, scope, sites), ()),
        date_published=published,
        date_modified=modified,
        language=language,
        sitename=collapse(sitename) or None,
        description=description,
        url=page,
        image=guard("image", lambda: lead_image(meta, ld, main, page), None),
        categories=guard("categories", lambda: categories(meta, ld), ()),
        tags=guard("tags", lambda: tags(meta, ld), ()),
        faults=tuple(faults),
    )
