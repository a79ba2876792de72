"""The metadata stage: :class:`Metadata` and :func:`collect_metadata`.

Each field is taken from ranked sources (the first that gives a valid value
wins); the source order is data (``sources.*`` in ``data.toml``):

* authors: JSON-LD article ``author`` (persons) -> author meta tags ->
  microdata ``itemprop=author`` -> ``rel=author`` -> visible byline boxes ->
  JSON-LD organisations (an organisation is credited only when no person is).
  Meta values that are URLs, or that equal the site name, are skipped.
* date_published: the dateline shown next to the headline (a dateline
  element, else the first date in the text just under the headline) when a
  declared date confirms it (see :data:`SHOWN_DATE_SLACK_DAYS`), or when it
  is the only day shown there -> JSON-LD
  ``datePublished`` -> published meta tags -> JSON-LD ``dateCreated`` ->
  microdata/``<time>``/visible datelines near the headline -> short texts
  beside the ``<h1>`` -> datelines elsewhere outside layout boxes -> the URL
  path -> the opening words of the text nodes just after (and before) the
  headline (:func:`.visible.opening_texts`) -> byline boxes (which often
  carry the date) -> a labelled date in the main content ("Veröffentlicht
  am 16.08.2019") -> datelines in layout boxes -> the headline itself, then
  the declared description. date_modified: JSON-LD ``dateModified`` ->
  modified meta tags -> ``itemprop=dateModified``. A date after today (plus
  a day of slack) is rejected; so is a publication date after the page's
  own modification date (the shown date may be a day after it), and any
  date on a copyright line. A UTC timestamp on the hour from 20:00 on is a
  local midnight east of UTC and stands for the next day.
* title: see :mod:`.title`; language, sitename, description, url, image: the
  first declared value.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator, Optional, TypeVar

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..article import Fault
from ..urls import http_url, split_url
from .authors import normalize_authors
from .data import DATA
from .dates import date_from_url, latest_allowed, parse_date
from .dom import FAR, FAR_BOXED, NEAR, NEAR_BOXED, collapse, text_of
from .jsonld import JsonLd, read_jsonld
from .meta import PageMeta, read_meta
from .title import pick_title
from .visible import PageIndex, Scope, byline_dates, byline_texts, labelled_texts, date_texts, header_texts, modified_texts, opening_texts

__all__ = ["Metadata", "collect_metadata"]

SOURCES = DATA["sources"]
_COPYRIGHT = tuple(DATA["dates"]["copyright_markers"])
#: A dateline shown next to the headline replaces the declared publication
#: date when it is within this many days of a declared date: equal, or one
#: day off because the declared timestamp is in UTC and the page's is local.
SHOWN_DATE_SLACK_DAYS = 1
#: Languages whose numeric dates put the month first (05/06/2024 = May 6).
MONTH_FIRST_LANGS = ("en-us", "en")


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
        image: the declared lead image URL (og:image / JSON-LD), or None.
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
    faults: tuple[Fault, ...] = ()


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//", "www.")) or "/" in value.strip("/")


def _authors(meta: PageMeta, ld: JsonLd, scope: Scope, sites: list[str]) -> tuple[str, ...]:
    site_keys = {s.casefold() for s in sites if s}

    def persons(raws: Iterable[str]) -> list[str]:
        out: list[str] = []
        for raw in raws:
            if not raw or _is_url(raw):
                continue
            for name in normalize_authors(raw):
                if name.casefold() not in site_keys and name not in out:
                    out.append(name)
        return out

    def sources() -> Iterator[list[str]]:
        yield persons(a.name for a in ld.authors if not a.organization)
        yield persons(meta.all(*SOURCES["authors"]))
        # visible bylines: read only when no declared credit was found
        groups: dict[str, list[str]] = {}
        for _, source, text in byline_texts(scope):
            if source == "byline" and "byline" in groups:
                break  # byline boxes come last, and only the first is read
            groups.setdefault(source, []).append(text)
        for source in ("microdata", "rel", "byline"):
            found = persons(groups.get(source, [])[:1] if source == "byline" else groups.get(source, []))
            yield found
        orgs = [n for a in ld.authors if a.organization for n in normalize_authors(a.name)]
        yield orgs or [n for raw in meta.all(*SOURCES["authors"]) if not _is_url(raw) for n in normalize_authors(raw)]

    for found in sources():
        if found:
            return tuple(found)
    return ()


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
    hint = None if not lang else lang.lower() not in MONTH_FIRST_LANGS
    ceiling = latest_allowed()

    memo: dict[str, Optional[str]] = {}  # the same texts are read by several steps

    def parse(raw: str) -> Optional[str]:
        if raw not in memo:
            iso = None
            if not any(m in raw.lower() for m in _COPYRIGHT):
                iso = parse_date(raw, dayfirst_hint=hint)
                iso = _local_day(iso) if iso else None
            memo[raw] = iso if iso and iso[:10] <= ceiling else None
        return memo[raw]

    def parsed(raws: Iterable[str]) -> Iterator[str]:
        for raw in raws:
            iso = parse(raw) if raw else None
            if iso:
                yield iso

    modified = next(parsed([ld.date_modified, *meta.all(*SOURCES["modified"]), *modified_texts(scope)]), None)
    limit = min(ceiling, modified[:10]) if modified else ceiling
    declared = list(parsed([ld.date_published, *meta.all(*SOURCES["published"]), ld.date_created]))
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

    def published() -> Iterator[str]:
        if shown and declared and (sole or confirmed(shown)):
            # the dateline the reader sees next to the headline, confirmed by a
            # declared date (equal, or a day off from a UTC timestamp)
            yield shown
        yield from declared
        yield from parsed(text for rank, _, text in ranked if rank < FAR)
        yield from parsed(header_texts(scope))
        yield from parsed(text for rank, _, text in ranked if rank == FAR)
        if from_url:
            yield from_url
        yield from parsed(text for _, text in opening_texts(scope))
        yield from parsed(byline_dates(scope))
        yield from parsed(labelled_texts(scope))
        yield from parsed(text for rank, _, text in ranked if rank == FAR_BOXED)
        # "Report of 22.04.2020": the headline (or the declared summary) names the day
        yield from parsed(titles)

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
    """Title, authors, dates, language, site name, description, URL and image of a page.

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
        "sitename", lambda: meta.first("og:site_name") or ld.publisher or ld.site_name or meta.first("application-name") or None, None
    )
    no_sites: list[str] = []
    sites = guard(
        "sitename",
        lambda: [s for s in (sitename, ld.publisher, ld.site_name, meta.first("application-name"), meta.first("og:site_name"), _host_name(page)) if s],
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
        image=guard("image", lambda: _absolute(meta.first(*SOURCES["image"]) or ld.image, page), None),
        faults=tuple(faults),
    )
