"""Calendar events of a plan: recurring rules expanded in the plan's local time.

Times in a plan are wall-clock times in ``mission.timezone``; a weekly 09:00 post stays at
09:00 across a daylight-saving change. So rules are expanded on naive local datetimes and the
zone is attached only when an event is written out (``ics.py``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Iterator

from dateutil.rrule import rrule, rrulestr

from ..plan import Plan

_END_OF_DAY = time(23, 59, 59)


def parse_rule(rule_text: str, dtstart: datetime) -> rrule:
    """An ``rrule`` anchored at the naive local ``dtstart``.

    An ``UNTIL`` written in UTC (``...Z``) cannot be mixed with a naive start in dateutil, so
    such a rule is parsed with a UTC-marked start and turned back into local wall-clock form
    by comparing only naive values (a plan's UNTIL is a day bound, so the zone of those few
    hours does not change which days occur)."""
    text = rule_text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts = []
    for part in text.split(";"):
        key, _, value = part.partition("=")
        if key.strip().upper() == "UNTIL" and value.strip().upper().endswith("Z"):
            value = value.strip()[:-1]
        parts.append(f"{key}={value}" if value else key)
    parsed = rrulestr("RRULE:" + ";".join(parts), dtstart=dtstart)
    assert isinstance(parsed, rrule)
    return parsed


def expand_rule(rule_text: str, dtstart: datetime, last_day: date) -> Iterator[datetime]:
    """Occurrences of ``rule_text`` from ``dtstart`` up to and including the day ``last_day``
    (naive local datetimes); the rule's own ``COUNT``/``UNTIL`` still apply."""
    bound = datetime.combine(last_day, _END_OF_DAY)
    for occurrence in parse_rule(rule_text, dtstart):
        if occurrence > bound:
            return
        yield occurrence


def review_dates(plan: Plan) -> list[date]:
    """Days of the scheduled strategy review (``mission.review``) over the horizon.

    DTSTART is the horizon start at the review's time, so ``FREQ=MONTHLY`` without a
    ``BYMONTHDAY`` repeats on the horizon start's day of the month."""
    review = plan.mission.review
    if review is None:
        return []
    dtstart = datetime.combine(plan.horizon_start, review.time or time(0, 0))
    return [moment.date() for moment in expand_rule(review.rrule, dtstart, plan.horizon_end)]


def horizon_days(plan: Plan) -> Iterator[date]:
    """Every day of the horizon, in order."""
    day = plan.horizon_start
    while day <= plan.horizon_end:
        yield day
        day += timedelta(days=1)
