"""What people write for a contract value, and the value they mean: ``lei`` or ``лв.`` for a
currency code, ``vineri`` for a weekday, ``София`` for a time zone, ``24.12.2026`` for a date,
``ioana-șerban`` for an id. ``smm check`` suggests the contract's spelling ("did you mean …?");
nothing here is accepted silently.

Names come from Babel's CLDR data in every language the handbook ships (and, for a currency,
the languages of the countries that use it); a short hand list covers what CLDR lacks.
"""

from __future__ import annotations

import contextlib
import difflib
import re
import unicodedata
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

#: The weekdays as ``on`` writes them, Monday first (Babel numbers them 0-6 the same way).
CONTRACT_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

#: What CLDR does not list as a currency's name or symbol but people write for it: the plural
#: "lei" (CLDR has "lei românești" and "lei moldovenești") means Romania's.
_CURRENCY_WORDS = {"lei": "RON", "leu": "RON"}


def _key(text: str) -> str:
    """``Lei românești``, ``LEI ROMANESTI``, ``лв.``: one spelling to compare (case, accents of
    Latin letters, dots and spacing do not count)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = unicodedata.normalize("NFC", plain)
    return " ".join(plain.replace(".", " ").split())


@cache
def shipped_languages() -> tuple[str, ...]:
    """The languages of the handbook's own catalogues (and English, their source)."""
    from .i18n import PACKAGE_LOCALES, SOURCE_LANGUAGE

    found = sorted(p.name for p in PACKAGE_LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(dict.fromkeys([SOURCE_LANGUAGE, *found]))


# --- ids ---------------------------------------------------------------------------------------

#: What an id is (the model's ``id`` and every reference; declared here, the lowest layer that
#: needs it, and read through ``model``).
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
#: ``\Z``, not ``$``: "bea\n" is not an id (``$`` also matches before a final newline).
ID_RE = re.compile(ID_PATTERN[:-1] + r"\Z")


def ascii_id(text: str) -> str | None:
    """The id a name with diacritics or another script stands for (``ioana-șerban`` →
    ``ioana-serban``, ``никос`` → ``nikos``), or None when nothing of it is left."""
    from anyascii import anyascii  # imported here: it takes about 50 ms, and most runs need no hint

    # Letters only: a symbol's name (anyascii writes an emoji as ':grinning:') is no part of an id.
    latin = "".join(anyascii(ch) if ch.isalpha() else ch for ch in text)
    words = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    candidate = words[:64].rstrip("-")
    return candidate if candidate and ID_RE.match(candidate) else None


# --- currencies --------------------------------------------------------------------------------


@cache
def _currency_names(home: bool) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(whole name or symbol → codes, one word of a name → codes) in the shipped languages, or
    (``home``) in the languages of the countries that use each currency (``zł``, ``Ft``):
    about 300 locales, so read only when the shipped languages know no such name."""
    from babel.core import get_global
    from babel.languages import get_official_languages
    from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

    codes = sorted(list_currencies())
    places: dict[str, set[str]] = {}
    if home:
        for territory, used in get_global("territory_currencies").items():
            languages = get_official_languages(territory)[:1]  # the first: the most spoken
            for code, *_ in used:
                places.setdefault(code, set()).update(f"{language}_{territory}" for language in languages)
    else:
        places = {code: set(shipped_languages()) for code in codes}
    whole: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for code in codes:
        for name in sorted(places.get(code, ())):
            locale = _locale(name)
            if locale is None:
                continue
            spellings = {get_currency_symbol(code, locale)}
            for count in (1, 2, 5, 20, 1.5):  # every plural form of the shipped languages
                spellings.add(get_currency_name(code, count=count, locale=locale))
            for spelling in spellings:
                key = _key(spelling)
                if not key or key == _key(code):
                    continue
                whole.setdefault(key, set()).add(code)
                for word in key.split(" ") if " " in key else ():
                    words.setdefault(word, set()).add(code)
    return whole, words


@cache
def _locale(name: str) -> Locale | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return None


@cache
def _current_currencies() -> frozenset[str]:
    """Codes that are some country's money in this century (``BGN`` is, ``BGL`` is not)."""
    from babel.core import get_global

    return frozenset(
        code
        for used in get_global("territory_currencies").values()
        for code, _start, end, tender in used
        if tender and (end is None or end >= (2000, 1, 1))
    )


def currency_suggestion(value: str, today: date | None = None) -> str | None:
    """``; did you mean 'RON'?`` for ``lei``, ``; did you mean 'EUR'?`` for ``EURO``; with a
    note when the currency meant has been replaced (``лв.`` → BGN, Bulgaria uses EUR since
    2026); None when nothing fits."""
    from babel.numbers import list_currencies

    known = list_currencies()
    written = value.strip()
    meant = written.upper() if written.upper() in known else None
    meant = meant or _local_currency(_key(value), known, home=False) or _local_currency(_key(value), known, home=True)
    if meant is None and re.fullmatch(r"[A-Za-z]{3,4}", written):
        # A mistyped code (``EUT``); never for a word of some language: 'lei' is no 'SLE'.
        close = difflib.get_close_matches(written.upper(), sorted(known), n=1)
        meant = close[0] if close else None
    if meant is None:
        return None
    return f"; did you mean '{meant}'?{_replaced_note(meant, today)}"


def _local_currency(key: str, known: set[str], home: bool) -> str | None:
    """The one currency whose name or symbol ``key`` is, or one of whose words, or a code beside
    a word (``BGN лева``); None when there is none or more than one."""
    whole, words = _currency_names(home)
    named = whole.get(key, set())
    if len(named) > 1:
        named = named & _current_currencies()
    if len(named) == 1:
        return next(iter(named))
    if not home and key in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[key]
    tokens = key.split(" ")
    if len(tokens) > 3:
        return None  # a sentence, not a way to write a currency
    codes = {token.upper() for token in tokens if token.upper() in known}
    if len(codes) == 1:
        return next(iter(codes))
    local = {code for token in tokens for code in (whole.get(token) or words.get(token) or ())}
    if not home:
        local |= {_CURRENCY_WORDS[token] for token in tokens if token in _CURRENCY_WORDS}
    if len(local) > 1:  # 'лева' is also the plural of the leva of 1962-1999
        local &= _current_currencies()
    return next(iter(local)) if len(local) == 1 else None


def _replaced_note(code: str, today: date | None) -> str:
    """`` (Bulgaria uses 'EUR' since 2026)`` when ``code`` is no longer its countries' money."""
    from babel import Locale
    from babel.core import get_global

    when = (today or date.today()).timetuple()[:3]
    notes = []
    for territory, used in sorted(get_global("territory_currencies").items()):
        ended = [end for c, _start, end, tender in used if c == code and tender and end is not None and end <= when]
        current = [(c, start) for c, start, end, tender in used if tender and start and (end is None or end > when)]
        if ended and len(current) == 1 and current[0][0] != code:
            name = Locale("en").territories.get(territory, territory)
            notes.append(f"{name} uses '{current[0][0]}' since {current[0][1][0]}")
    return f" ({'; '.join(notes)})" if len(notes) == 1 else ""


# --- weekdays ----------------------------------------------------------------------------------


@cache
def _weekday_names() -> dict[str, str]:
    """A weekday's name in a shipped language (wide, abbreviated, short) → ``mon`` … ``sun``."""
    from babel import Locale

    found: dict[str, set[str]] = {}
    for language in shipped_languages():
        locale = Locale.parse(language)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated", "short"):
                for number, name in locale.days[context][width].items():
                    found.setdefault(_key(name), set()).add(CONTRACT_WEEKDAYS[number])
    return {name: next(iter(days)) for name, days in found.items() if len(days) == 1}


def weekday_suggestion(value: str) -> str | None:
    """``fri`` for ``vineri``, ``wed`` for ``сряда`` or ``Mittwoch``; None when no language
    the handbook ships names a weekday so."""
    return _weekday_names().get(_key(value))


# --- time zones --------------------------------------------------------------------------------


@cache
def _zone_names() -> dict[str, str]:
    """A city's name (the zone's exemplar city in a shipped language, or the zone's own last
    part) → the IANA zone."""
    from zoneinfo import available_timezones

    from babel import Locale

    zones = sorted(available_timezones())
    found: dict[str, set[str]] = {}
    for zone in zones:
        if "/" in zone:
            found.setdefault(_key(zone.rsplit("/", 1)[1].replace("_", " ")), set()).add(zone)
    for language in shipped_languages():
        for zone, names in Locale.parse(language).time_zones.items():
            city = names.get("city") if zone in zones else None
            if city:
                found.setdefault(_key(city), set()).add(zone)
    return {name: next(iter(found_zones)) for name, found_zones in found.items() if len(found_zones) == 1}


def timezone_suggestion(value: str) -> str | None:
    """``Europe/Sofia`` for ``София`` or ``sofia``, ``Europe/Berlin`` for ``Europe/Berlim``."""
    from zoneinfo import available_timezones

    city = _zone_names().get(_key(value.rsplit("/", 1)[-1].replace("_", " ")))
    if city:
        return city
    close = difflib.get_close_matches(value.strip(), sorted(available_timezones()), n=1, cutoff=0.8)
    return close[0] if close else None


# --- dates -------------------------------------------------------------------------------------

#: ``24.12.2026``, ``24/12/2026``, ``24-12-2026``, ``2026.12.24``, ``2026/12/24`` (a Bulgarian
#: ``24.12.2026 г.`` too).
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\.?(?:\s*г\.?)?$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})([./])(\d{1,2})\2(\d{1,2})\.?$")


def iso_date_suggestion(text: str) -> str | None:
    """``2026-12-24`` for ``24.12.2026`` (day.month.year) or ``24/12/2026``; None when the text
    is no such date or reads as two different days (``03/04/2027``)."""
    written = text.strip()
    readings: set[date] = set()
    match = _DAY_MONTH_YEAR.match(written)
    if match:
        first, sep, second, year = int(match.group(1)), match.group(2), int(match.group(3)), int(match.group(4))
        orders = [(first, second)] if sep != "/" else [(first, second), (second, first)]
        for day, month in orders:
            try:
                readings.add(date(year, month, day))
            except ValueError:
                continue
    match = _YEAR_MONTH_DAY.match(written)
    if match:
        with contextlib.suppress(ValueError):
            readings.add(date(int(match.group(1)), int(match.group(3)), int(match.group(4))))
    return readings.pop().isoformat() if len(readings) == 1 else None
