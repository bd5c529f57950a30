"""Unit tests of event collection and expansion (pure functions, no MkDocs)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

from smm_docs_plugin.features.calendar import review_dates
from smm_docs_plugin.features.events import build_calendar, expand_rule, make_uid, overloads, public_holidays
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.model import Mission
from smm_docs_plugin.plan import Plan

DST_PLAN = Path(__file__).resolve().parent / "golden" / "calendar" / "dst_plan"
TODAY = date(2027, 3, 22)
WINDOW = (date(2027, 3, 22), date(2027, 4, 4))


def make_plan(**mission_fields) -> Plan:
    fields = {"title": "Acme", "mission": "Bikes", "horizon": {"start": "2027-01-15", "end": "2027-06-30"}}
    fields.update(mission_fields)
    return Plan(root=Path("."), mission=Mission(**fields), sections={}, today=date(2027, 3, 10))


def rows(plan: Plan, first: date = WINDOW[0], last: date = WINDOW[1]) -> list[tuple]:
    return [
        (o.day, o.time, o.series.kind, o.series.title.split("\n")[0], o.series.owner, o.series.channel)
        for o in build_calendar(plan).between(first, last)
    ]


def test_review_dates_start_at_horizon_start_and_stop_at_its_end() -> None:
    plan = make_plan(review={"rrule": "FREQ=MONTHLY", "time": "10:00"})
    assert review_dates(plan) == [date(2027, m, 15) for m in range(1, 7)]


def test_review_dates_follow_byday_and_a_utc_until() -> None:
    plan = make_plan(review={"rrule": "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270401T000000Z"})
    assert review_dates(plan) == [date(2027, 2, 1), date(2027, 3, 1)]


def test_no_review_schedule_means_no_review_dates() -> None:
    assert review_dates(make_plan()) == []


def test_window_holds_every_kind_of_event_in_date_and_time_order() -> None:
    plan = load_plan(DST_PLAN, today=TODAY)
    nine, noon, three, half_seven = time(9), time(12), time(15), time(7, 30)
    assert rows(plan) == [
        (date(2027, 3, 22), None, "milestone", "Creators signed", "ana", None),
        (date(2027, 3, 22), nine, "post", "Product post", "ana", "instagram"),
        (date(2027, 3, 24), noon, "item", "Spring launch", "ana", "instagram"),
        (date(2027, 3, 24), three, "post", "Hush weekly", "sam-secret", "hush-channel"),
        (date(2027, 3, 25), None, "item", "Hush teaser", "sam-secret", "hush-channel"),
        (date(2027, 3, 25), nine, "post", "Product post", "ana", "instagram"),
        (date(2027, 3, 26), None, "holiday", "Good Friday", None, None),
        (date(2027, 3, 26), None, "post", "Weekly blog", "ben", "blog"),
        (date(2027, 3, 28), None, "initiative-end", "Spring push", "ana", None),
        (date(2027, 3, 29), None, "holiday", "Easter Monday", None, None),
        (date(2027, 3, 29), nine, "post", "Product post", "ana", "instagram"),
        (date(2027, 3, 30), half_seven, "post", "Launch countdown", "ben", "blog"),
        (date(2027, 3, 31), None, "item", "Blog teaser", "ben", "blog"),
        (date(2027, 3, 31), half_seven, "post", "Launch countdown", "ben", "blog"),
        (date(2027, 3, 31), three, "post", "Hush weekly", "sam-secret", "hush-channel"),
        (date(2027, 4, 1), None, "review", "April review", None, None),
        (date(2027, 4, 1), half_seven, "post", "Launch countdown", "ben", "blog"),
        (date(2027, 4, 1), nine, "post", "Product post", "ana", "instagram"),
        (date(2027, 4, 2), None, "deadline", "More riders", "ben", None),
        (date(2027, 4, 2), None, "post", "Weekly blog", "ben", "blog"),
    ]


def test_stakeholder_calendar_has_no_internal_channel_or_person() -> None:
    plan = load_plan(DST_PLAN, today=TODAY, audience="stakeholders")
    found = rows(plan, plan.horizon_start, date(2027, 12, 31))
    assert found
    assert not [r for r in found if "Hush" in r[3] or r[4] == "sam-secret" or r[5] == "hush-channel"]


def test_file_defaults_apply_to_items_and_owner_falls_back_to_the_channel_owner() -> None:
    plan = load_plan(DST_PLAN, today=TODAY)
    items = {s.title.split("\n")[0]: s for s in build_calendar(plan).series if s.kind == "item"}
    assert items["Spring launch"].status == "draft"
    assert items["Spring launch"].format == "Reel"
    assert items["Spring launch"].owner == "ana"
    assert items["Blog teaser"].channel == "blog"
    assert items["Blog teaser"].owner == "ben"
    assert items["Blog teaser"].status == "scheduled"
    assert items["After the window <b>bold</b> [click](javascript:alert(1))"].days == (date(2027, 4, 20),)


def test_scheduled_review_on_a_recorded_review_day_is_listed_once() -> None:
    plan = load_plan(DST_PLAN, today=TODAY)
    reviews = [o for o in build_calendar(plan).occurrences if o.series.kind == "review"]
    assert [(o.day, o.series.title) for o in reviews] == [
        (date(2027, 3, 1), "Strategy review"),
        (date(2027, 4, 1), "April review"),
    ]


def test_cadence_respects_slot_start_and_count() -> None:
    plan = load_plan(DST_PLAN, today=TODAY)
    countdown = [s for s in build_calendar(plan).series if s.title == "Launch countdown"]
    assert countdown[0].days == (date(2027, 3, 30), date(2027, 3, 31), date(2027, 4, 1))


def test_cadence_stops_at_the_horizon_end() -> None:
    plan = load_plan(DST_PLAN, today=TODAY)
    product = next(s for s in build_calendar(plan).series if s.title == "Product post")
    assert product.days[0] == date(2027, 3, 1)
    assert product.days[-1] == date(2027, 4, 29)
    assert len(product.days) == 18


def test_uids_are_stable_and_distinct() -> None:
    first = build_calendar(load_plan(DST_PLAN, today=TODAY))
    again = build_calendar(load_plan(DST_PLAN, today=date(2027, 4, 20)))
    assert [s.uid for s in first.series] == [s.uid for s in again.series]
    assert len({s.uid for s in first.series}) == len(first.series)
    # A UID names what the event is: kind, owning entity and title, never a list position.
    product = next(s for s in first.series if s.title == "Product post")
    assert product.uid == make_uid("post", "channels", "instagram", "product-post")
    assert product.uid.endswith("@smm-handbook")


def test_overloaded_weeks_compare_planned_effort_with_capacity() -> None:
    plan = load_plan(DST_PLAN, today=TODAY)
    found = overloads(plan, build_calendar(plan))
    # Ana (3 h/week): two posts (1 h each) and the 2 h Spring launch in the week of 22 March.
    ana = [(o.week, o.planned) for o in found if o.owner == "ana"]
    assert ana == [(date(2027, 3, 22), Decimal(4))]
    # Ben has 20 h: a 4 h blog post a week never overloads him.
    assert not [o for o in found if o.owner == "ben"]


def test_holiday_codes_with_a_subdivision() -> None:
    found = dict(public_holidays("US-CA", date(2027, 1, 1), date(2027, 12, 31)))
    assert date(2027, 3, 31) in found  # César Chávez Day is a California holiday
    assert date(2027, 3, 31) not in dict(public_holidays("US", date(2027, 1, 1), date(2027, 12, 31)))
    assert public_holidays("ZZ", date(2027, 1, 1), date(2027, 12, 31)) == []


def test_expand_rule_keeps_local_wall_clock_time() -> None:
    from datetime import datetime

    moments = list(expand_rule("FREQ=WEEKLY;BYDAY=TH", datetime(2027, 3, 18, 9, 0), date(2027, 4, 8)))
    assert [m.time() for m in moments] == [time(9, 0)] * 4


def test_holidays_cover_the_days_shown_outside_the_horizon() -> None:
    plan = make_plan(holidays=["DE"])  # horizon 2027-01-15 .. 2027-06-30
    before = rows(plan, date(2026, 12, 21), date(2027, 1, 10))
    assert before == []  # without the shown days: nothing before the horizon
    shown = build_calendar(plan, shown=(date(2026, 12, 21), date(2027, 1, 10)))
    assert [(o.day, o.series.title) for o in shown.between(date(2026, 12, 21), date(2027, 1, 10))] == [
        (date(2026, 12, 25), "Christmas Day"),
        (date(2026, 12, 26), "Second Day of Christmas"),
        (date(2027, 1, 1), "New Year's Day"),
    ]
    after = build_calendar(plan, shown=(date(2027, 9, 27), date(2027, 10, 10)))
    assert [(o.day, o.series.title) for o in after.occurrences if o.day > plan.horizon_end] == [
        (date(2027, 10, 3), "German Unity Day"),
    ]
    assert len({s.uid for s in after.series}) == len(after.series)
    # ... and the horizon's own holidays are still all there.
    assert date(2027, 5, 1) in {o.day for o in after.occurrences}


def test_a_country_listed_twice_gives_its_holidays_once() -> None:
    plan = make_plan(holidays=["DE", "de"])
    calendar = build_calendar(plan)
    labour = [s for s in calendar.series if s.days == (date(2027, 5, 1),)]
    assert [s.title for s in labour] == ["Labor Day"]
