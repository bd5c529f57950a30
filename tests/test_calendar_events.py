"""Unit tests of event expansion (pure functions, plans built directly)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from smm_docs_plugin.features.calendar import review_dates
from smm_docs_plugin.model import Mission
from smm_docs_plugin.plan import Plan


def make_plan(**mission_fields) -> Plan:
    fields = {"title": "Acme", "mission": "Bikes", "horizon": {"start": "2027-01-15", "end": "2027-06-30"}}
    fields.update(mission_fields)
    return Plan(root=Path("."), mission=Mission(**fields), sections={}, today=date(2027, 3, 10))


def test_review_dates_start_at_horizon_start_and_stop_at_its_end() -> None:
    plan = make_plan(review={"rrule": "FREQ=MONTHLY", "time": "10:00"})
    assert review_dates(plan) == [date(2027, m, 15) for m in range(1, 7)]


def test_review_dates_follow_byday_and_a_utc_until() -> None:
    plan = make_plan(review={"rrule": "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270401T000000Z"})
    assert review_dates(plan) == [date(2027, 2, 1), date(2027, 3, 1)]


def test_no_review_schedule_means_no_review_dates() -> None:
    assert review_dates(make_plan()) == []
