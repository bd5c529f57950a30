"""Numbers, amounts, percentages, dates, months, weekdays and times as the site's locale writes
them (Babel, from CLDR): the one place these formats are decided.

The locale follows the site's language (``theme.language``: Material's codes such as ``ro``,
``pt-BR``, ``zh-Hant``); the plugin's ``locale`` option overrides the formats only (``de_CH``
for Swiss amounts on a German or English site), never the words.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from datetime import date, time
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, Literal

#: The widths of CLDR's date-time joining patterns.
DateTimeWidth = Literal["full", "long", "medium", "short"]

from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_datetime,
    format_time,
    get_date_format,
    get_datetime_format,
    match_skeleton,
)
from babel.numbers import NumberPattern, format_currency, format_decimal, format_percent, get_currency_precision

#: Material's language codes that Babel spells differently (the rest differ only by ``-``/``_``).
MATERIAL_TO_BABEL = {
    "sh": "sr_Latn",  # Serbo-Croatian: Material's Latin-script Serbian/Croatian theme strings
    "zh-TW": "zh_Hant_TW",
    "tl": "fil",
}


@cache
def babel_locale(language: str | None) -> str:
    """The Babel locale for a ``theme.language`` (``pt-BR`` → ``pt_BR``, ``zh-Hant`` →
    ``zh_Hant``); English for no language or one Babel does not know (the catalogue's
    fallback warns about the words; the formats then read as the words do)."""
    if not language:
        return "en"
    text = MATERIAL_TO_BABEL.get(language.strip(), language.strip().replace("-", "_"))
    try:
        return str(Locale.parse(text))
    except (ValueError, TypeError, UnknownLocaleError):
        return "en"


def formats_locale(locale: str | None, language: str | None) -> str:
    """The formats' locale of a build: the ``locale`` option when set, else the site's language."""
    return locale or babel_locale(language)


def format_money(value: Decimal, currency: str, locale: Locale | str) -> str:
    """``€1,200.00``, ``1.200,00 €``; in a currency without minor units whole amounts show
    none (¥100) and amounts with cents keep them (¥33.33)."""
    digits = _currency_digits(currency)
    if digits < 2 and value != value.quantize(Decimal(1).scaleb(-digits)):
        # The currency's own precision would round the cents away: use the locale's
        # pattern (two decimals) for this amount instead.
        return format_currency(value, currency, locale=locale, currency_digits=False)
    return format_currency(value, currency, locale=locale)


#: Plain English (``en``) joins a date and a time as every English build did before ("Tuesday,
#: July 7, 2026 at 10:00"; "Dec 5, 2026 10:00"): CLDR's "at" form, which Babel does not carry.
_PLAIN_ENGLISH_JOIN = {"full": "{1} at {0}", "long": "{1} at {0}", "medium": "{1} {0}", "short": "{1} {0}"}


@cache
def _currency_digits(currency: str) -> int:
    return get_currency_precision(currency)


def _percent_pattern(locale: Locale, decimals: tuple[int, int], signed: bool = False) -> NumberPattern:
    """The locale's own percent pattern (``30%``, ``30 %``, ``%30``) with other decimals and,
    when ``signed``, a plus sign before a positive value."""
    pattern = copy.copy(locale.percent_formats[None])
    pattern.frac_prec = decimals
    if signed:
        pattern.prefix = ("+" + pattern.prefix[0], pattern.prefix[1])
    return pattern


#: A day-of-month field written without a leading zero (``d``; ``dd`` keeps its ``01``).
_DAY_FIELD = re.compile(r"(?<!d)d(?!d)")


def first_day_pattern(pattern: str, first: str) -> str:
    """A CLDR date ``pattern`` that writes the first of a month as ``first`` (French "1er":
    "1er juillet 2026"), its quoted literals ('de', 'gada') left alone."""
    literal = "'" + first.replace("'", "''") + "'"
    parts = pattern.split("'")
    for index in range(0, len(parts), 2):  # the even parts are outside quotes
        parts[index] = _DAY_FIELD.sub(literal, parts[index])
    return "'".join(parts)


class Formats:
    """Locale-aware text for every number, amount, share, date and time a build writes, with
    the locale parsed once and every result remembered: a large plan's tables, charts and
    calendars format tens of thousands of values, mostly the same days again.

    ``first_day`` is how the language writes day 1 of a month in a date: "1" in most, "1er" in
    French (a message of the catalogue: CLDR has no ordinal day)."""

    def __init__(self, locale: str | Locale, first_day: str = "1"):
        self.locale = locale if isinstance(locale, Locale) else Locale.parse(locale.replace("-", "_"))
        self.first_day = first_day
        self._numbers: dict[Any, str] = {}
        self._dates: dict[tuple[date, str], str] = {}
        self._times: dict[time, str] = {}
        self._percents: dict[float, str] = {}
        self._progress: dict[Fraction, tuple[int, str]] = {}
        self._percent = _percent_pattern(self.locale, (0, 1))
        self._whole_percent = _percent_pattern(self.locale, (0, 0))
        self._signed_percent = _percent_pattern(self.locale, (1, 1), signed=True)
        decimal = copy.copy(self.locale.decimal_formats[None])
        decimal.prefix = ("+" + decimal.prefix[0], decimal.prefix[1])
        self._signed = decimal
        #: English without a territory (``theme.language: en``, the handbook's default) keeps
        #: the 24-hour clock plans are written in (09:30), as every English build did before;
        #: ``locale: en_US`` asks for the 12-hour clock (9:30 AM).
        self._time_format = "HH:mm" if str(self.locale) == "en" else "short"

    # -- numbers -----------------------------------------------------------------------------
    def number(self, value: Decimal | float | None) -> str:
        if value is None:
            return ""
        text = self._numbers.get(value)
        if text is None:
            text = self._numbers[value] = format_decimal(value, locale=self.locale)
        return text

    def signed(self, value: Decimal) -> str:
        """A change with its sign: ``+120``, ``-3.5`` (``+120``, ``-3,5`` in German)."""
        return format_decimal(value, format=self._signed, locale=self.locale)

    def money(self, amount: Decimal | int | None, currency: str) -> str:
        if amount is None:
            return ""
        return format_money(Decimal(amount), currency, self.locale)

    def percent(self, share: Fraction | Decimal | float | None) -> str:
        """A share as a percentage with at most one decimal (``0.3`` → ``30%``, ``30 %`` in German)."""
        if share is None:
            return ""
        value = float(share)
        text = self._percents.get(value)
        if text is None:
            text = self._percents[value] = format_percent(value, format=self._percent, locale=self.locale)
        return text

    def progress(self, share: Fraction | Decimal | float | None) -> str:
        """A goal's progress or expected progress in whole percent, cut toward zero
        (``0.3999`` → ``39%``, ``-0.3125`` → ``-31%``): the status thresholds compare exact
        values, so rounding up could show 40% beside "off track" or 100% on a goal not achieved."""
        if share is None:
            return ""
        return self.progress_parts(share)[1]

    def progress_parts(self, share: Fraction | Decimal | float) -> tuple[int, str]:
        """``(whole percent cut toward zero, its text)``."""
        key = Fraction(share)
        found = self._progress.get(key)
        if found is None:
            whole = int(key * 100)  # int() truncates toward zero; never "-0%"
            text = format_percent(Decimal(whole) / 100, format=self._whole_percent, locale=self.locale)
            found = self._progress[key] = (whole, text)
        return found

    def signed_percent(self, percent: Decimal | float) -> str:
        """A change in percent (``9.1`` → ``+9.1%``), always one decimal."""
        return format_percent(Decimal(percent) / 100, format=self._signed_percent, locale=self.locale)

    # -- dates and times ---------------------------------------------------------------------
    def date(self, value: date | None, format: str = "medium") -> str:
        if value is None:
            return ""
        key = (value, format)
        text = self._dates.get(key)
        if text is None:
            if value.day == 1 and self.first_day != "1":
                pattern = (
                    str(get_date_format(format, locale=self.locale).pattern)  # type: ignore[arg-type]
                    if format in ("short", "medium", "long", "full")
                    else format
                )
                text = format_date(value, format=first_day_pattern(pattern, self.first_day), locale=self.locale)
            else:
                text = format_date(value, format=format, locale=self.locale)
            self._dates[key] = text
        return text

    def skeleton(self, skeleton: str, value: dt.date) -> str:
        """A date in the locale's pattern for a CLDR ``skeleton`` ("MMMEd": "Wed, Jul 1"), as
        Babel's ``format_skeleton`` writes it, day 1 as :meth:`date` writes it."""
        key = (value, "skeleton:" + skeleton)
        text = self._dates.get(key)
        if text is None:
            patterns = self.locale.datetime_skeletons
            pattern = str(
                patterns[skeleton if skeleton in patterns else match_skeleton(skeleton, patterns) or skeleton]
            )
            if value.day == 1 and self.first_day != "1":
                pattern = first_day_pattern(pattern, self.first_day)
            text = self._dates[key] = format_datetime(value, pattern, locale=self.locale)
        return text

    def month(self, period: str, format: str = "MMMM y") -> str:
        """A ``YYYY-MM`` month in words (``2027-02`` → "February 2027", "februarie 2027")."""
        return self.date(date(int(period[:4]), int(period[5:7]), 1), format)

    def time(self, value: time | None) -> str:
        """A time of day as the locale writes it: ``9:30 AM`` in American English, ``09:30`` in
        Romanian, German and plain English (``en``), ``9.30`` in Finnish."""
        if value is None:
            return ""
        text = self._times.get(value)
        if text is None:
            text = self._times[value] = format_time(value, self._time_format, locale=self.locale)
        return text

    # (Below the methods named ``date`` and ``time``, annotations name the types through ``dt``.)
    def datetime(self, day: dt.date, at: dt.time | None, format: DateTimeWidth = "full") -> str:
        """A date with a time, joined by the locale's own pattern ("Monday, December 7, 2026,
        9:30 AM"; "luni, 7 decembrie 2026, 09:30"); the date alone without a time."""
        if at is None:
            return self.date(day, format)
        return self.join_datetime(self.date(day, format), self.time(at), format)

    def join_datetime(self, day_text: str, time_text: str, format: DateTimeWidth = "full") -> str:
        """A date's text and a time's text joined by the locale's ``format`` date-time pattern
        (``{1}, {0}`` in English and Romanian, ``{1} {0}`` in Finnish), never an English "at"."""
        pattern = (
            _PLAIN_ENGLISH_JOIN[format]
            if self._time_format == "HH:mm"
            else str(get_datetime_format(format, locale=self.locale))
        )
        return pattern.replace("{1}", day_text).replace("{0}", time_text)
