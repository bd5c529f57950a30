"""Every kind of recurrence a plan may hold round-trips through the feed: an RFC 5545 library
expanding the .ics over the whole horizon gets exactly the days and local times the calendar
page uses, whatever the rule, the zone or the slot's start."""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import calendar_of
from smm_docs_plugin.features.ics import feed
from smm_docs_plugin.loader import load_plan

RULES = [
    ("FREQ=WEEKLY;BYDAY=MO,TH", '"09:00"', None),
    ("FREQ=MONTHLY;BYDAY=1MO", '"10:15"', "2027-01-20"),  # start not on an occurrence
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA", '"18:00"', "2027-01-14"),
    ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", '"16:00"', None),  # last weekday of the month
    ("FREQ=DAILY;COUNT=5", None, "2027-03-26"),  # all-day, across the DST change
    ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=28", '"02:30"', None),  # a local time that does not exist on 28 March
    ("FREQ=MONTHLY;BYMONTHDAY=31", '"23:45"', None),  # months without a 31st are skipped
    ("RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20270402T235959Z", '"07:00"', None),
]


def plan_dir(root: Path, zone: str) -> Path:
    slots = []
    for rule, at, start in RULES:
        line = f'  - {{rrule: "{rule}", title: "{rule}"'
        if at:
            line += f", time: {at}"
        if start:
            line += f", start: {start}"
        slots.append(line + "}")
    files = {
        "mission.md": f"""
            ---
            title: Rules
            mission: Every rule
            horizon: {{start: 2027-01-01, end: 2027-12-31}}
            timezone: {zone}
            review: {{rrule: "FREQ=MONTHLY;BYDAY=2WE", time: "11:00"}}
            ---
            """,
        "team/ana.md": "---\ntitle: Ana\n---\n",
        "channels/main.md": "---\ntitle: Main\nplatform: blog\npurpose: Everything\nowner: ana\ncadence:\n"
        + "\n".join(slots)
        + "\n---\n",
    }
    for rel, text in files.items():
        path = root / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root / "plan"


@pytest.mark.parametrize("zone", ["Europe/Berlin", "UTC", "America/Los_Angeles", "Australia/Sydney"])
def test_each_series_expands_to_its_own_days_and_times(tmp_path: Path, zone: str) -> None:
    plan = load_plan(plan_dir(tmp_path, zone), today=date(2027, 3, 22))
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    series_list = [s for s in calendar_of(ctx).series if s.kind in ("post", "review")]
    assert len(series_list) == len(RULES) + 1
    cal = icalendar.Calendar.from_ical(feed(ctx, series_list, "rules"))
    expanded: dict[str, list[date | datetime]] = {}
    for event in recurring_ical_events.of(cal).between(date(2026, 12, 1), date(2028, 2, 1)):
        expanded.setdefault(str(event["UID"]), []).append(event.decoded("DTSTART"))
    for series in series_list:
        got = sorted(expanded.get(series.uid, []), key=lambda d: d if isinstance(d, datetime) else datetime.combine(d, datetime.min.time(), tzinfo=plan.tz))
        if series.time is None:
            assert got == list(series.days), series.title
        else:
            wanted = [datetime.combine(day, series.time, tzinfo=plan.tz) for day in series.days]
            assert [g.astimezone(plan.tz).replace(tzinfo=None) for g in got] == [
                w.astimezone(plan.tz).replace(tzinfo=None) for w in wanted
            ], series.title
    all_day = next(s for s in series_list if s.title == "FREQ=DAILY;COUNT=5")
    assert all_day.days == tuple(date(2027, 3, 26) + timedelta(days=n) for n in range(5))
    last_weekday = next(s for s in series_list if "BYSETPOS" in s.title)
    assert last_weekday.days[:3] == (date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 31))
    until = next(s for s in series_list if "UNTIL" in s.title)
    assert until.days[-1] == date(2027, 4, 2)
