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


def local_starts(starts: list[date | datetime], tz) -> list[date | datetime]:
    """Starts as a calendar app shows them in the plan's zone (naive local), in order."""
    local = [s.astimezone(tz).replace(tzinfo=None) if isinstance(s, datetime) else s for s in starts]
    return sorted(local, key=lambda s: s if isinstance(s, datetime) else datetime.combine(s, datetime.min.time()))


def wanted_starts(series) -> list[date | datetime]:
    """What the calendar page lists for a series: days, or local date-times."""
    return [day if at is None else datetime.combine(day, at) for day, at in series.moments()]


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
        assert local_starts(expanded.get(series.uid, []), plan.tz) == wanted_starts(series), series.title
    all_day = next(s for s in series_list if s.title == "FREQ=DAILY;COUNT=5")
    assert all_day.days == tuple(date(2027, 3, 26) + timedelta(days=n) for n in range(5))
    last_weekday = next(s for s in series_list if "BYSETPOS" in s.title)
    assert last_weekday.days[:3] == (date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 31))
    until = next(s for s in series_list if "UNTIL" in s.title)
    assert until.days[-1] == date(2027, 4, 2)


# --- several occurrences a day ----------------------------------------------------------------

SUB_DAILY = [
    # (slot, what dateutil yields from DTSTART = start at time, local)
    (
        '{rrule: "FREQ=HOURLY;INTERVAL=6", time: "01:00", title: Six-hourly, start: 2027-03-27, end: 2027-03-28}',
        [datetime(2027, 3, d, h) for d in (27, 28) for h in (1, 7, 13, 19)],
    ),
    (
        '{rrule: "FREQ=DAILY;BYHOUR=9,17", time: "09:00", title: Twice daily, start: 2027-05-03, end: 2027-05-04}',
        [datetime(2027, 5, d, h) for d in (3, 4) for h in (9, 17)],
    ),
    # A time between the rule's hours: the first occurrence is at 17:00 that day.
    (
        '{rrule: "FREQ=DAILY;BYHOUR=9,17", time: "10:00", title: Late start, start: 2027-05-03, end: 2027-05-04}',
        [datetime(2027, 5, 3, 17), datetime(2027, 5, 4, 9), datetime(2027, 5, 4, 17)],
    ),
    # No time, but the rule names the hour: timed, not all day.
    (
        '{rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=8", title: Monday eight, start: 2027-05-03, end: 2027-05-17}',
        [datetime(2027, 5, d, 8) for d in (3, 10, 17)],
    ),
    # BYMINUTE moves every occurrence off the slot's time.
    (
        '{rrule: "FREQ=DAILY;BYMINUTE=30;COUNT=2", time: "09:00", title: Half past, start: 2027-05-03}',
        [datetime(2027, 5, d, 9, 30) for d in (3, 4)],
    ),
]


def write_channel_plan(root: Path, zone: str, slots: list[str], review: str = "") -> Path:
    files = {
        "mission.md": f"---\ntitle: Rules\nmission: Every rule\nhorizon: {{start: 2027-01-01, end: 2027-06-30}}\n"
        f"timezone: {zone}\n{review}---\n",
        "team/ana.md": "---\ntitle: Ana\n---\n",
        "channels/main.md": "---\ntitle: Main\nplatform: blog\npurpose: Everything\nowner: ana\ncadence:\n"
        + "\n".join(f"  - {slot}" for slot in slots)
        + "\n---\n",
    }
    for rel, text in files.items():
        path = root / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "plan"


def render_feed(root: Path, zone: str, slots: list[str], review: str = "") -> tuple[RenderContext, list, bytes]:
    plan = load_plan(write_channel_plan(root, zone, slots, review), today=date(2027, 3, 22))
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    series_list = list(calendar_of(ctx).series)
    return ctx, series_list, feed(ctx, series_list, "rules")


@pytest.mark.parametrize("zone", ["Europe/Berlin", "UTC", "America/Los_Angeles", "Australia/Sydney"])
def test_rules_with_several_occurrences_a_day_list_each_at_its_own_time(tmp_path: Path, zone: str) -> None:
    ctx, series_list, ics = render_feed(tmp_path, zone, [slot for slot, _ in SUB_DAILY])
    by_title = {s.title: s for s in series_list}
    cal = icalendar.Calendar.from_ical(ics)
    expanded: dict[str, list[date | datetime]] = {}
    for event in recurring_ical_events.of(cal).between(date(2027, 1, 1), date(2027, 7, 1)):
        expanded.setdefault(str(event["UID"]), []).append(event.decoded("DTSTART"))
    for slot, moments in SUB_DAILY:
        title = slot.split("title: ")[1].split(",")[0]
        series = by_title[title]
        # The calendar lists what dateutil yields, once each (no duplicate at the slot's time) ...
        assert [datetime.combine(o.day, o.time) for o in series.occurrences()] == moments, title
        # ... and a calendar app expanding the feed gets the same, the last day's late
        # occurrences included (UNTIL is the end of the last day, not its first occurrence).
        assert local_starts(expanded[series.uid], ctx.plan.tz) == moments, title


def test_several_a_day_on_the_page_and_in_plan_json(tmp_path: Path) -> None:
    from smm_docs_plugin.features.calendar import CalendarFeature

    plan = load_plan(
        write_channel_plan(tmp_path, "Europe/Berlin", [slot for slot, _ in SUB_DAILY]), today=date(2027, 5, 3)
    )
    ctx = RenderContext(plan=plan, options=RenderOptions(calendar_weeks=1), env=make_environment())
    feature = CalendarFeature()
    feature.prepare(ctx)
    window = [(e["date"].isoformat(), e["time"], e["title"]) for e in feature.json(ctx)["calendar_window"]]
    assert [w for w in window if w[2] == "Twice daily"] == [
        ("2027-05-03", "09:00", "Twice daily"),
        ("2027-05-03", "17:00", "Twice daily"),
        ("2027-05-04", "09:00", "Twice daily"),
        ("2027-05-04", "17:00", "Twice daily"),
    ]
    page = next(o for o in feature.outputs(ctx) if o.src_uri.endswith("calendar/index.md")).content
    # English times read 12-hour (the locale's clock); the datetime attribute keeps HH:MM.
    assert '<time datetime="2027-05-03T17:00">5:00\u202fPM</time>' in page
    assert '<time datetime="2027-05-03T08:00">8:00\u202fAM</time>' in page  # "Monday eight": not all day
    # The channel page's next occurrences say their times (the dates alone would repeat).
    [panel] = feature.panels(ctx, plan.get("channels", "main"), ctx.src("channels", "main"))
    assert (
        "<li>Mon, May 3, 2027, 9:00\u202fAM</li><li>Mon, May 3, 2027, 5:00\u202fPM</li>"
        "<li>Tue, May 4, 2027, 9:00\u202fAM</li>" in panel
    )


# --- the RRULE as the author wrote it -------------------------------------------------------------

AUTHOR_RULES = [
    # (slot, the RRULE line of its event): horizon 2027-01-01 .. 2027-06-30, Berlin (CEST in June)
    ('{rrule: "FREQ=WEEKLY;BYDAY=FR;COUNT=5", time: "12:00", title: Count kept}', "FREQ=WEEKLY;BYDAY=FR;COUNT=5"),
    (
        '{rrule: "BYDAY=TU;FREQ=WEEKLY;INTERVAL=2", time: "08:30", title: Order kept}',
        "FREQ=WEEKLY;BYDAY=TU;INTERVAL=2;UNTIL=20270630T215959Z",
    ),
    ('{rrule: "RRULE:freq=weekly;byday=mo", title: Lower case all day}', "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270630"),
    # COUNT reaching past the horizon end: bounded there instead (COUNT and UNTIL never together).
    (
        '{rrule: "FREQ=WEEKLY;COUNT=100;BYDAY=WE", time: "09:00", title: Count past the end}',
        "FREQ=WEEKLY;UNTIL=20270630T215959Z;BYDAY=WE",
    ),
    # The author's UNTIL ends first: kept where it stands, as the UTC instant of its local time.
    (
        '{rrule: "FREQ=WEEKLY;UNTIL=20270331T120000;BYDAY=TH", time: "09:00", title: Until kept}',
        "FREQ=WEEKLY;UNTIL=20270331T100000Z;BYDAY=TH",
    ),
    (
        '{rrule: "FREQ=DAILY;UNTIL=20270105T000000Z", time: "09:00", title: UTC until kept}',
        "FREQ=DAILY;UNTIL=20270105T000000Z",
    ),
    # The author's UNTIL after the horizon end: the horizon end takes its place.
    (
        '{rrule: "FREQ=MONTHLY;UNTIL=20291231;BYMONTHDAY=1", time: "10:00", title: Until past the end}',
        "FREQ=MONTHLY;UNTIL=20270630T215959Z;BYMONTHDAY=1",
    ),
    # A slot's own end, in winter time: 23:59:59 CET is 22:59:59 UTC.
    (
        '{rrule: "FREQ=DAILY", time: "07:00", title: Slot end, start: 2027-02-01, end: 2027-02-03}',
        "FREQ=DAILY;UNTIL=20270203T225959Z",
    ),
]


def test_the_feed_keeps_the_authors_rule(tmp_path: Path) -> None:
    ctx, series_list, ics = render_feed(tmp_path, "Europe/Berlin", [slot for slot, _ in AUTHOR_RULES])
    cal = icalendar.Calendar.from_ical(ics)
    raw = ics.decode().replace("\r\n ", "")
    expanded: dict[str, list[date | datetime]] = {}
    for event in recurring_ical_events.of(cal).between(date(2026, 12, 1), date(2030, 1, 1)):
        expanded.setdefault(str(event["UID"]), []).append(event.decoded("DTSTART"))
    for slot, line in AUTHOR_RULES:
        title = slot.split("title: ")[1].split(",")[0].rstrip("}")
        event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == f"Main: {title}")
        series = next(s for s in series_list if s.title == title)
        written = [row for row in _event_lines(raw, series.uid) if row.startswith("RRULE:")]
        assert written == [f"RRULE:{line}"], title
        assert "EXDATE" not in event and "RDATE" not in event, title
        assert local_starts(expanded[series.uid], ctx.plan.tz) == wanted_starts(series), title


def _event_lines(raw: str, uid: str) -> list[str]:
    """The content lines of the VEVENT with ``uid`` (unfolded)."""
    for block in raw.split("BEGIN:VEVENT\r\n")[1:]:
        lines = block.split("END:VEVENT")[0].split("\r\n")
        if f"UID:{uid}" in lines:
            return lines
    raise AssertionError(uid)


def test_a_review_held_on_a_scheduled_day_is_an_exdate_of_the_authors_rule(tmp_path: Path) -> None:
    review = 'review: {rrule: "FREQ=MONTHLY;BYDAY=1TU;COUNT=4", time: "10:00"}\n'
    root = tmp_path
    (root / "plan" / "reviews").mkdir(parents=True)
    (root / "plan" / "reviews" / "feb.md").write_text(
        "---\ntitle: February review\ndate: 2027-02-02\n---\n", encoding="utf-8"
    )
    ctx, series_list, ics = render_feed(root, "Europe/Berlin", ['{rrule: "FREQ=WEEKLY", title: Weekly}'], review)
    scheduled = next(s for s in series_list if s.kind == "review" and s.recurring)
    assert scheduled.days == (date(2027, 1, 5), date(2027, 3, 2), date(2027, 4, 6))
    lines = _event_lines(ics.decode(), scheduled.uid)
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=4" in lines
    assert "EXDATE;TZID=Europe/Berlin:20270202T100000" in lines
    cal = icalendar.Calendar.from_ical(ics)
    got = [
        e.decoded("DTSTART")
        for e in recurring_ical_events.of(cal).between(date(2027, 1, 1), date(2027, 7, 1))
        if str(e["UID"]) == scheduled.uid
    ]
    assert local_starts(got, ctx.plan.tz) == wanted_starts(scheduled)
