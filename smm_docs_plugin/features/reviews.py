"""The review log, the reviews still to come and the next one.

Two things put a review in the diary: the recurring ``mission.review`` (an RRULE over the
horizon) and review files (``plan/reviews/<id>.md``). A review file dated on a scheduled day
replaces that occurrence (as on the calendar); one dated after today is a planned review, not a
held one: it is listed among the upcoming reviews, never in the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from ..model import ReviewRecord
from ..plan import Plan
from .calendar import review_dates


@dataclass(frozen=True)
class UpcomingReview:
    """A review on or after today: a recorded one (``record``) or a scheduled occurrence."""

    date: date
    title: str
    time: time | None = None
    record: ReviewRecord | None = None


def _records(plan: Plan) -> list[ReviewRecord]:
    """Every review file, oldest first (same day: by id)."""
    records = [r for r in plan.all("reviews") if isinstance(r, ReviewRecord)]
    return sorted(records, key=lambda r: (r.date, r.id))


def review_log(plan: Plan) -> list[ReviewRecord]:
    """Reviews held: recorded and dated on or before today, newest first (same day: by id)."""
    records = [r for r in _records(plan) if r.date <= plan.today]
    records.sort(key=lambda r: r.id)
    records.sort(key=lambda r: r.date, reverse=True)
    return records


def planned_reviews(plan: Plan) -> list[ReviewRecord]:
    """Review files dated after today (an agenda, attendees invited), soonest first."""
    return [r for r in _records(plan) if r.date > plan.today]


def upcoming_reviews(plan: Plan, count: int = 3) -> list[UpcomingReview]:
    """The next ``count`` reviews from today (today included): scheduled days (within the
    horizon) not taken by a review file, and review files, in date order. A review file keeps
    its own title; on the same day it comes before a scheduled occurrence."""
    records = [r for r in _records(plan) if r.date >= plan.today]
    recorded_days = {r.date for r in records}
    found = [UpcomingReview(r.date, r.title, None, r) for r in records]
    schedule = plan.mission.review
    if schedule is not None:
        for day in review_dates(plan):
            if day < plan.today or day in recorded_days:
                continue
            found.append(UpcomingReview(day, schedule.title, schedule.time))
            if len(found) >= count + len(records):
                break
    found.sort(key=lambda u: (u.date, u.record is None, u.record.id if u.record else ""))
    return found[:count]


def next_review_entry(plan: Plan) -> UpcomingReview | None:
    """The next review (today included): its day, title, time and review file if any."""
    upcoming = upcoming_reviews(plan, 1)
    return upcoming[0] if upcoming else None


def next_review(plan: Plan) -> date | None:
    """The day of the next review (today included)."""
    entry = next_review_entry(plan)
    return entry.date if entry else None


def last_review(plan: Plan) -> ReviewRecord | None:
    """The latest review held on or before today."""
    log = review_log(plan)
    return log[0] if log else None
