"""Dates: :func:`parse_date` (one string -> ISO 8601) and :func:`find_dates`
(the page's publication and modification dates, from ranked sources).

``parse_date`` recognises, anywhere in a short string, the first of:

* ISO-like dates ``2024-06-18``, ``2024/06/18``, ``2024.06.18`` with an
  optional time and offset (``T07:32:39+05:30``, ``Z``, ``UTC``);
* numeric day-month-year ``18.06.2024`` / ``18/06/2024`` / ``06/18/2024``
  (the order decided by the values, else by ``dayfirst_hint``, else ``.``
  and ``-`` mean day first and ``/`` month first, as in the US usage);
* textual dates in the languages of ``data.toml`` (``18 juin 2024``,
  ``18. Juni 2024``, ``June 18, 2024``, ``18 de junio de 2024``);
* CJK dates ``2024年6月18日`` and ``2024년 6월 18일``;

followed by an optional time of day with am/pm and a time-zone offset or
abbreviation. An abbreviation is resolved with :mod:`zoneinfo` to the zone
it names in the page's region (``dates.zones`` in ``data.toml``: "IST" is
Asia/Kolkata on an Indian page, Europe/Dublin on an Irish one), at the date
and time given, so daylight saving counts ("ET" is ``-04:00`` in June,
``-05:00`` in January); an ambiguous abbreviation on a page of no known
region gives the time without an offset. Relative dates
("2 hours ago") have no calendar date and give ``None``. No fuzzy parser is
used: a string without one of these shapes gives ``None``, so the result is
always either ``None`` or a valid ISO date/datetime.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Optional
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .data import DATA, MONTHS, ZONES

__all__ = ["parse_date", "date_from_url", "latest_allowed", "page_regions", "zone_for"]

_CFG = DATA["dates"]
MIN_YEAR: int = _CFG["min_year"]
MAX_YEAR: int = _CFG["max_year"]
TIME_WINDOW_CHARS: int = _CFG["time_window_chars"]
MAX_INPUT_CHARS: int = _CFG["max_input_chars"]
FUTURE_SLACK = timedelta(days=_CFG["future_slack_days"])

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_ALT})\.?(?![^\W\d_])"
_ORD = r"(?:st|nd|rd|th|er|e|º|°|\.)?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ymd", re.compile(
        r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
        r"(?:[T ]\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*"
        r"(?P<off>Z|[+-]\d{2}(?::?\d{2})?(?!\d)|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?"
    )),
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]?")),
    ("ymd", re.compile(r"(?<!\d)(?P<y>\d{4})\.\s+(?P<m>\d{1,2})\.\s+(?P<d>\d{1,2})(?!\d)")),
    # spaced numeric dates, day first: "4. 2. 2022", "26 | 01 | 2022"
    ("dmy_num", re.compile(r"(?<![\d.])(?P<d>\d{1,2})(?:\.\s+|\s*\|\s*)(?P<m>\d{1,2})(?:\.\s+|\s*\|\s*)(?P<y>\d{4})(?!\d)")),
    ("num", re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])")),
    ("dmy", re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s*(?:de\s+|of\s+)?{_MONTH},?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )),
    ("mdy", re.compile(
        rf"(?<![^\W\d_]){_MONTH}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d),?\s*(?P<y>\d{{4}})(?!\d)",
        re.IGNORECASE,
    )),
)
#: Words between a date and its time ("at", "um", "à", ...) and after the
#: time ("Uhr"): ``dates.time_connectors`` / ``dates.time_suffixes``.
_CONNECTORS = "|".join(re.escape(w) for w in sorted(_CFG["time_connectors"], key=len, reverse=True))
_SUFFIXES = "|".join(re.escape(w) for w in sorted(_CFG["time_suffixes"], key=len, reverse=True))
_TIME = re.compile(
    rf"[\s,|•·-]*(?:{_CONNECTORS})?\s*"
    rf"(?P<H>\d{{1,2}})[:h](?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?\s*(?:{_SUFFIXES})?\s*"
    r"\(?(?P<off>(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|\b[A-Z]{1,5}\b)?",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:[/-]|\.\w+$|$)"
    r"|/(?P<y2>(?:19|20)\d{2})(?P<m2>[01]\d)(?P<d2>[0-3]\d)(?:/|$)"
    r"|/(?P<d3>[0-3]?\d)-(?P<m3>[01]?\d)-(?P<y3>(?:19|20)\d{2})(?:[/-]|\.\w+$|$)"
)


_REGIONS = DATA["dates"]["regions"]
#: Country-code TLD -> ISO 3166 code, where they differ (``uk`` -> ``gb``).
TLD_REGIONS: dict[str, str] = dict(_REGIONS["tlds"])
#: Language -> the one region it is (nearly) only spoken in (``ga`` -> ``ie``).
LANGUAGE_REGIONS: dict[str, str] = dict(_REGIONS["languages"])
_REGION = re.compile(r"[a-z]{2}")


def page_regions(locales: Iterable[str], url: Optional[str]) -> tuple[str, ...]:
    """The regions (lower-case ISO 3166 codes) a page declares, most explicit first.

    Args:
        locales: language tags or locales the page declares, in order of
            trust (``og:locale`` ``"en_IE"``, ``<html lang>`` ``"en-IE"``,
            Content-Language); empty strings are skipped.
        url: the page URL; a two-letter TLD is a region (``.ie`` -> ``ie``,
            ``.co.uk`` -> ``gb`` through ``dates.regions.tlds``).

    Returns:
        The region subtags of ``locales``, then the URL's country, then the
        region of a language spoken only in one (``dates.regions.languages``:
        ``"hi"`` -> ``in``), each once. Never raises.
    """
    found: list[str] = []
    langs: list[str] = []
    for raw in locales:
        if not isinstance(raw, str):
            continue
        parts = raw.replace("_", "-").lower().split(",")[0].strip().split("-")
        langs.append(parts[0])
        for sub in parts[1:]:
            if _REGION.fullmatch(sub):
                found.append(sub)
                break
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        host = None
    tld = host.rsplit(".", 1)[-1] if host and "." in host else ""
    if _REGION.fullmatch(tld):
        found.append(TLD_REGIONS.get(tld, tld))
    found += [LANGUAGE_REGIONS[lang] for lang in langs if lang in LANGUAGE_REGIONS]
    return tuple(dict.fromkeys(found))


def zone_for(abbr: str, regions: Iterable[str] = ()) -> Optional[str]:
    """The IANA zone a time-zone abbreviation names on a page of ``regions``.

    ``abbr`` must be written in capitals (``"IST"``; ``"Z"``); the first of
    ``regions`` the abbreviation is listed for wins, else its ``"*"`` zone
    (``dates.zones`` in ``data.toml``). None for an unknown abbreviation and
    for an ambiguous one ("IST", "CST") with none of its regions.
    """
    zones = ZONES.get(abbr.lower()) if abbr.isupper() else None
    if not zones:
        return None
    for region in regions:
        if region in zones:
            return zones[region]
    return zones.get("*")


def _zone_offset(zone: str, day: date, clock: tuple[int, int, int]) -> Optional[str]:
    """The UTC offset (``"+01:00"``) of ``zone`` at local time ``clock`` on ``day``."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):  # no tz data on this machine
        return None
    delta = datetime(day.year, day.month, day.day, *clock, tzinfo=tz).utcoffset()
    if delta is None:
        return None
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _offset(raw: Optional[str], day: date, clock: tuple[int, int, int], regions: tuple[str, ...]) -> Optional[str]:
    """``"+0530"``/``"+05"``/``"Z"``/``"UTC+2"`` -> ``"+05:30"``; a zone
    abbreviation -> its zone's offset at ``day`` and ``clock`` (see
    :func:`zone_for`); None if unknown or ambiguous."""
    if not raw:
        return None
    raw = raw.strip()
    if raw.lower() in ZONES:
        zone = zone_for(raw, regions)
        return _zone_offset(zone, day, clock) if zone else None
    m = re.fullmatch(r"(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", raw, re.IGNORECASE)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    return f"{m.group(1)}{hours:02d}:{minutes:02d}"


def _valid_date(y: int, m: int, d: int) -> Optional[date]:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _ymd(kind: str, g: dict[str, Any], dayfirst_hint: Optional[bool], sep: str) -> Optional[date]:
    if kind in ("ymd", "dmy_num"):
        return _valid_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in ("dmy", "mdy"):
        return _valid_date(int(g["y"]), MONTHS[g["mon"].lower()], int(g["d"]))
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    if len(g["y"]) == 2:
        y += 2000
    if a > 12 >= b:
        dayfirst = True
    elif b > 12 >= a:
        dayfirst = False
    elif dayfirst_hint is not None:
        dayfirst = dayfirst_hint
    else:
        dayfirst = sep != "/"
    return _valid_date(y, b, a) if dayfirst else _valid_date(y, a, b)


def _clock(g: dict[str, Any]) -> Optional[tuple[int, int, int]]:
    h, mi, s = int(g["H"]), int(g["M"]), int(g.get("S") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.startswith("p") else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return h, mi, s


def _find(text: str, dayfirst_hint: Optional[bool], regions: tuple[str, ...] = ()) -> Optional[tuple[int, int, str]]:
    """``(start, end, iso)`` of the first date in ``text``, or None."""
    best: Optional[tuple[int, int, str]] = None
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            g = m.groupdict()
            day = _ymd(kind, g, dayfirst_hint, g.get("sep") or "")
            if day is None:
                continue
            end, clock, off = m.end(), None, None
            if g.get("H"):
                clock = _clock(g)
                off = _offset(g.get("off"), day, clock, regions) if clock else None
            else:
                t = _TIME.match(text, m.end(), m.end() + TIME_WINDOW_CHARS)
                if t:
                    tg = t.groupdict()
                    clock = _clock(tg)
                    if clock is not None:
                        off = _offset(tg.get("off"), day, clock, regions)
                        end = t.end()
            iso = day.isoformat()
            if clock is not None:
                iso += "T%02d:%02d:%02d" % clock + (off or "")
            best = (m.start(), end, iso)
            break
    return best


def parse_date(raw: str, *, dayfirst_hint: Optional[bool] = None, regions: Iterable[str] = ()) -> Optional[str]:
    """The first calendar date in ``raw`` as ISO 8601, or None.

    Args:
        raw: a short string: an attribute value (``"2024-06-18T07:32:39+05:30"``)
            or a visible dateline (``"June 18, 2024, 07:32:39 IST"``,
            ``"18.06.2024"``, ``"18 juin 2024"``, ``"2024年6月18日"``).
            Only its first ``dates.max_input_chars`` characters are read.
        dayfirst_hint: for ambiguous numeric dates (``05/06/2024``): True for
            day first, False for month first, None to decide by the separator.
        regions: the page's regions (see :func:`page_regions`), to resolve a
            time-zone abbreviation: ``"IST"`` is ``+05:30`` with ``("in",)``,
            ``+01:00`` in summer with ``("ie",)``, no offset with ``()``.

    Returns:
        ``"YYYY-MM-DD"``; or ``"YYYY-MM-DDTHH:MM:SS"`` when the string gives a
        time, with ``"+HH:MM"`` appended when it gives an offset or a zone
        abbreviation that resolves in ``regions``. None for relative dates
        ("2 hours ago"), dates before ``dates.min_year`` or after
        ``dates.max_year``, impossible dates, and strings without a date.
        Never raises.
    """
    if not isinstance(raw, str) or not raw or not _DIGIT.search(raw, 0, MAX_INPUT_CHARS):
        return None
    found = _find(" ".join(raw[:MAX_INPUT_CHARS].split()), dayfirst_hint, tuple(regions))
    return found[2] if found else None


def find_date_span(raw: str) -> Optional[tuple[int, int]]:
    """Where the first date of ``raw`` (whitespace already collapsed) starts and ends."""
    found = _find(raw[:MAX_INPUT_CHARS], None)
    return (found[0], found[1]) if found else None


def date_from_url(url: Optional[str]) -> Optional[str]:
    """A ``/2024/06/18/``, ``/2024-06-18/``, ``/20240618/`` or ``/18-06-2024`` date in the URL path, as ``YYYY-MM-DD``."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    m = _URL_DATE.search(path)
    if not m:
        return None
    if m.group("y"):
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
    elif m.group("y2"):
        y, mo, d = m.group("y2"), m.group("m2"), m.group("d2")
    else:
        y, mo, d = m.group("y3"), m.group("m3"), m.group("d3")
    day = _valid_date(int(y), int(mo), int(d))
    return day.isoformat() if day else None


def latest_allowed(now: Optional[datetime] = None) -> str:
    """The latest date (``YYYY-MM-DD``) a page may claim: today plus ``dates.future_slack_days``."""
    now = now or datetime.now(timezone.utc)
    return (now + FUTURE_SLACK).date().isoformat()
