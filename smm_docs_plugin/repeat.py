"""The plain repeat form (PLAN_FORMAT.md §7): ``{every: week, on: [tue, thu]}`` for people who
do not write RRULEs. It is translated into the RRULE it means, and from there on it *is* that
rule: the same occurrences, the same UIDs, the translation in the feeds.

Decided here (the contract gives the examples only):

* ``every``: ``day``, ``week``, ``month`` or ``year`` (any case; ``days``… too); ``interval``:
  a whole number, 1 by default (``every: week, interval: 2`` is fortnightly).
* ``on`` is one value or a list. Weekdays are English names or their short forms (``mon``,
  ``Monday``, ``tue``, ``tues``, ``thu``, ``thurs``…; the RFC's ``MO``… too).
  - ``week``: weekdays (``[tue, thu]``); without ``on`` the start's weekday.
  - ``day``: weekdays limit it (``every: day, on: [mon, tue, wed, thu, fri]``: working days).
  - ``month``: days of the month (``15``, ``[1, 15]``, ``-1`` or ``last day`` for the last day),
    or weekdays of the month with an ordinal: ``1st``…``5th`` (or ``first``…``fifth``),
    ``last``, ``2nd-last``…``5th-last`` (or ``second-last``…), e.g. ``2nd monday``,
    ``last friday``; a weekday alone is every such weekday of the month. Day numbers and
    weekdays are not mixed (RFC 5545 would read ``[15, friday]`` as "the 15th, if a Friday").
    Without ``on``: the start's day of the month.
  - ``year``: no ``on``; the start's day repeats every year (an RRULE says more).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from .hints import weekday_suggestion

FREQUENCY = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}

WEEKDAY_NAMES = {
    "MO": ("mo", "mon", "monday"),
    "TU": ("tu", "tue", "tues", "tuesday"),
    "WE": ("we", "wed", "weds", "wednesday"),
    "TH": ("th", "thu", "thur", "thurs", "thursday"),
    "FR": ("fr", "fri", "friday"),
    "SA": ("sa", "sat", "saturday"),
    "SU": ("su", "sun", "sunday"),
}
_WEEKDAY = {name: code for code, names in WEEKDAY_NAMES.items() for name in names}
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_ORDINAL = re.compile(r"^(?:(\d)(?:st|nd|rd|th)|(first|second|third|fourth|fifth))(?:[- ](last))?\Z")
_SHOWN_WEEKDAYS = "mon, tue, wed, thu, fri, sat, sun"


def every_value(value: Any) -> Any:
    """``every`` as one of the four words (``Week`` and ``weeks`` are ``week``)."""
    if isinstance(value, str):
        word = value.strip().lower()
        return word[:-1] if word.endswith("s") and word[:-1] in FREQUENCY else word
    return value


def repeat_rule(every: str, interval: int | None, on: Any) -> str:
    """The RRULE of a plain repeat (``every`` already one of the four words). Raises
    ``ValueError`` saying what is wrong with ``on``."""
    parts = [f"FREQ={FREQUENCY[every]}"]
    if interval is not None and interval != 1:
        parts.append(f"INTERVAL={interval}")
    # The web editor's text field gives "tue, thu" (or "1, 15"): read it as the list it names.
    if isinstance(on, str) and "," in on:
        on = [part.strip() for part in on.split(",") if part.strip()]
    values = on if isinstance(on, list) else [] if on is None else [on]
    if on is not None and not values:
        raise ValueError("an empty list: name at least one day, or leave 'on' out")
    if every == "year" and values:
        raise ValueError(
            "'every: year' repeats on the start's date and takes no 'on' (write an rrule for more, e.g. "
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU)"
        )
    if every in ("day", "week") and values:
        parts.append("BYDAY=" + ",".join(_weekday(value, every) for value in values))
    elif every == "month" and values:
        parts.append(_month_part(values))
    return ";".join(parts)


def _weekday(value: Any, every: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"with 'every: {every}', 'on' names weekdays (e.g. [tue, thu]), not {value!r}")
    word = value.strip().lower()
    if word in _WEEKDAY:
        return _WEEKDAY[word]
    if " " in word or "-" in word:
        raise ValueError(
            f"'{value}': with 'every: {every}', 'on' names weekdays (e.g. [tue, thu]); '2nd monday' and 'last friday' "
            "go with 'every: month'"
        )
    # 'vineri', 'сряда', 'Mittwoch': a weekday in a language the handbook ships; else a typo.
    meant = weekday_suggestion(word)
    close = [meant] if meant else difflib.get_close_matches(word, list(_WEEKDAY), n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise ValueError(f"'{value}' is not a weekday ({_SHOWN_WEEKDAYS}){hint}")


def _month_part(values: list[Any]) -> str:
    """``BYMONTHDAY=…`` for day numbers, ``BYDAY=…`` for (numbered) weekdays."""
    days: list[str] = []
    weekdays: list[str] = []
    for value in values:
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a day of the month")
        if isinstance(value, int):
            if not (1 <= value <= 31 or -31 <= value <= -1):
                raise ValueError(f"day {value}: days of the month are 1 to 31 (-1 is the last day, -2 the day before)")
            days.append(str(value))
            continue
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not a day of the month or a weekday such as '2nd monday'")
        text = " ".join(value.strip().lower().split())
        if text.lstrip("-").isdigit():
            days.append(str(int(text)) if 1 <= abs(int(text)) <= 31 else _bad_day(text))
        elif text == "last day":
            days.append("-1")
        else:
            weekdays.append(_month_weekday(value, text))
    if days and weekdays:
        raise ValueError(
            "give days of the month (e.g. 15) or weekdays (e.g. 2nd monday), not both: a rule would read them as 'the "
            "15th, when it is a Monday'"
        )
    return f"BYMONTHDAY={','.join(days)}" if days else f"BYDAY={','.join(weekdays)}"


def _bad_day(text: str) -> str:
    raise ValueError(f"day {text}: days of the month are 1 to 31 (-1 is the last day, -2 the day before)")


def _month_weekday(value: str, text: str) -> str:
    """``2nd monday`` → ``2MO``, ``last friday`` → ``-1FR``, ``2nd-last tue`` → ``-2TU``,
    ``monday`` → ``MO`` (every Monday of the month)."""
    ordinal, _, day = text.rpartition(" ")
    if day not in _WEEKDAY:
        meant = weekday_suggestion(day)  # '2nd vineri' (an ordinal in another language is left alone)
        sound = not ordinal or ordinal == "last" or _ORDINAL.match(ordinal)
        hint = f"; did you mean '{f'{ordinal} {meant}'.strip()}'?" if meant and sound else ""
        raise ValueError(
            f"'{value}' is not a day of the month (15, last day) or a weekday of the month ({_SHOWN_WEEKDAYS}, e.g. "
            f"'2nd monday', 'last friday'){hint}"
        )
    if not ordinal:
        return _WEEKDAY[day]
    if ordinal == "last":
        return f"-1{_WEEKDAY[day]}"
    match = _ORDINAL.match(ordinal)
    if not match:
        raise ValueError(
            f"'{value}': write the week of the month as 1st to 5th, last or 2nd-last (e.g. '2nd monday', 'last friday')"
        )
    number = int(match.group(1)) if match.group(1) else _ORDINAL_WORDS[match.group(2)]
    if not 1 <= number <= 5:
        raise ValueError(f"'{value}': a month has at most 5 of each weekday (1st to 5th, last, 2nd-last)")
    return f"{-number if match.group(3) else number}{_WEEKDAY[day]}"
