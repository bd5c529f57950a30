"""The review log and the next scheduled strategy review."""

from __future__ import annotations

from datetime import date
from typing import Optional

from ..model import ReviewRecord
from ..plan import Plan
from .calendar import review_dates


def review_log(plan: Plan) -> list[ReviewRecord]:
    """Recorded reviews, newest first (same day: by id)."""
    records = [r for r in plan.all("reviews") if isinstance(r, ReviewRecord)]
    records.sort(key=lambda r: r.id)
    records.sort(key=lambda r: r.date, reverse=True)
    return records


def upcoming_reviews(plan: Plan, count: int = 3) -> list[date]:
    """The next ``count`` scheduled review days from today (today included), within the horizon."""
    return [day for day in review_dates(plan) if day >= plan.today][:count]


def next_review(plan: Plan) -> Optional[date]:
    upcoming = upcoming_reviews(plan, 1)
    return upcoming[0] if upcoming else None


def last_review(plan: Plan) -> Optional[ReviewRecord]:
    """The latest review held on or before today."""
    for record in review_log(plan):
        if record.date <= plan.today:
            return record
    return None
