"""The feeds mean the same to every calendar: expanded by ical.js (the JavaScript RFC 5545
library behind many calendar web apps, run with node) and by icalendar +
recurring-ical-events (Python), every event of every feed starts at the same instants (UTC),
in the example plan's zone and in other zones with daylight-saving time.

ical.js 2.2 read only part of the multi-valued ``RDATE`` that icalendar writes into a
VTIMEZONE: 266 of 604 summer occurrences of the example feed came out an hour late there."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import CalendarFeature
from smm_docs_plugin.loader import load_plan

from .conftest import EXAMPLE_PLAN

EXPAND = Path(__file__).resolve().parent / "icaljs" / "expand.mjs"
TODAY = date(2027, 3, 10)
#: Far enough around any plan here that a bound never cuts a series short in one library only.
FIRST, LAST = date(2020, 1, 1), date(2031, 12, 31)

#: Rules of every shape a plan may hold, with times around the daylight-saving changes.
RULE_SLOTS = [
    '{rrule: "FREQ=WEEKLY;BYDAY=MO,TH", time: "09:00", title: Two a week}',
    '{rrule: "FREQ=MONTHLY;BYDAY=1MO", time: "10:15", start: 2027-01-20, title: First Monday}',
    '{rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA", time: "18:00", start: 2027-01-14, title: Fortnightly}',
    '{rrule: "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", time: "16:00", title: Last weekday}',
    '{rrule: "FREQ=DAILY;COUNT=5", start: 2027-03-26, title: Five days}',
    '{rrule: "FREQ=DAILY", time: "02:30", start: 2027-03-20, end: 2027-04-10, title: Small hours}',
    '{rrule: "FREQ=DAILY", time: "01:30", start: 2027-09-25, end: 2027-11-10, title: Autumn nights}',
    '{rrule: "FREQ=MONTHLY;BYMONTHDAY=31", time: "23:45", title: Month ends}',
    '{rrule: "FREQ=MONTHLY;BYMONTHDAY=-1", time: "08:00", title: Last day}',
    '{rrule: "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU", time: "12:00", title: Change days}',
    '{rrule: "FREQ=YEARLY;BYWEEKNO=10,40;BYDAY=WE", time: "07:00", title: Week numbers}',
    '{rrule: "FREQ=DAILY;BYHOUR=9,17", time: "09:00", start: 2027-03-25, end: 2027-04-02, title: Twice daily}',
    '{rrule: "FREQ=HOURLY;INTERVAL=6", time: "01:00", start: 2027-10-29, end: 2027-11-08, title: Six-hourly}',
    '{rrule: "FREQ=WEEKLY;BYDAY=FR;UNTIL=20270402T235959Z", time: "07:00", title: Until}',
    '{rrule: "FREQ=WEEKLY;BYDAY=SU;WKST=SU;INTERVAL=3", time: "20:00", title: Week start}',
    '{every: week, on: [tue, thu], time: "19:00", title: Plain weekly}',
    '{every: month, on: last friday, time: "17:30", title: Plain monthly}',
    '{every: month, interval: 2, on: [1, -1], time: "01:30", title: Plain month ends}',
]


def rules_plan(root: Path, zone: str) -> Path:
    files = {
        "mission.md": "---\ntitle: Rules\nmission: Every rule\nhorizon: {start: 2027-01-01, end: 2027-12-31}\n"
        f"timezone: {zone}\nholidays: [DE]\n"
        'review: {every: month, on: 2nd wednesday, time: "11:00"}\n---\n',
        "team/ana.md": "---\ntitle: Ana\n---\n",
        "channels/main.md": "---\ntitle: Main\nplatform: blog\npurpose: Everything\nowner: ana\ncadence:\n"
        + "".join(f"  - {slot}\n" for slot in RULE_SLOTS)
        + "---\n",
        "reviews/february.md": "---\ntitle: February review\ndate: 2027-02-10\n---\n",
        "calendar/launch.md": "---\ntitle: Launch\nchannel: main\nitems:\n"
        '  - {date: 2027-03-28, time: "02:30", title: In the gap}\n'
        '  - {date: 2027-10-31, time: "02:30", title: Twice over}\n'
        "  - {date: 2027-06-01, title: All day}\n---\n",
    }
    for rel, text in files.items():
        path = root / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "plan"


def example_in(root: Path, zone: str) -> Path:
    """The example plan, moved to another time zone."""
    target = root / "plan"
    shutil.copytree(EXAMPLE_PLAN, target)
    shutil.copytree(EXAMPLE_PLAN.parent / "media", root / "media")  # the example posts' images
    mission = target / "mission.md"
    text = mission.read_text(encoding="utf-8")
    text, replaced = re.subn(r"(?m)^timezone: .*$", f"timezone: {zone}", text)
    assert replaced == 1
    mission.write_text(text, encoding="utf-8")
    return target


def feeds(plan_dir: Path, folder: Path) -> list[Path]:
    """Every .ics file of a team build of the plan, written into ``folder``."""
    plan = load_plan(plan_dir, today=TODAY)
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    feature = CalendarFeature()
    feature.prepare(ctx)
    written = []
    for output in feature.outputs(ctx):
        if output.src_uri.endswith(".ics"):
            path = folder / output.src_uri.removeprefix("strategy/").replace("/", "__")
            content = output.content
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            written.append(path)
    assert written
    return written


def shown(start: date | datetime) -> str:
    if isinstance(start, datetime):
        return start.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return start.isoformat()


def python_starts(path: Path) -> dict[str, list[str]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found: dict[str, list[str]] = {str(event["UID"]): [] for event in calendar.walk("VEVENT")}
    for event in recurring_ical_events.of(calendar).between(FIRST, LAST):
        found[str(event["UID"])].append(shown(event.decoded("DTSTART")))
    return {uid: sorted(starts) for uid, starts in found.items()}


def icaljs_starts(paths: list[Path]) -> dict[Path, dict[str, list[str]]]:
    """Starts by feed and UID as ical.js expands them (one node process for all feeds)."""
    assert shutil.which("node"), "node is needed to run ical.js"
    result = subprocess.run(
        ["node", str(EXPAND), LAST.isoformat(), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    return {path: {uid: sorted(starts) for uid, starts in found[str(path)].items()} for path in paths}


def assert_same_instants(paths: list[Path]) -> int:
    """Both libraries give every event of every feed the same starts; returns how many."""
    total = 0
    by_icaljs = icaljs_starts(paths)
    for path in paths:
        python, javascript = python_starts(path), by_icaljs[path]
        assert set(python) == set(javascript), path.name
        for uid, starts in python.items():
            assert starts, (path.name, uid)
            assert javascript[uid] == starts, (path.name, uid, sorted(set(starts) ^ set(javascript[uid]))[:6])
            total += len(starts)
    return total


def test_the_example_feeds_expand_to_the_same_instants_in_icaljs(tmp_path: Path) -> None:
    paths = feeds(EXAMPLE_PLAN, tmp_path)
    assert {p.name for p in paths} >= {"calendar.ics", "calendar__instagram.ics", "calendar__people__lena-hoffmann.ics"}
    total = assert_same_instants(paths)
    assert total > 1000  # the full feed alone holds 604 occurrences, its channels and people again
    whole = next(p for p in paths if p.name == "calendar.ics").read_bytes().decode("utf-8")
    # One change of offset per RDATE line, never a list.
    assert re.search(r"(?m)^RDATE:\d{8}T\d{6}\r$", whole)
    assert not re.search(r"(?m)^RDATE:[^\r]*,", whole)


@pytest.mark.parametrize("zone", ["America/New_York", "Australia/Sydney", "Europe/Bucharest"])
def test_the_example_in_other_zones_expands_to_the_same_instants(tmp_path: Path, zone: str) -> None:
    (tmp_path / "out").mkdir()
    paths = feeds(example_in(tmp_path, zone), tmp_path / "out")
    assert assert_same_instants(paths) > 1000
    assert f"TZID:{zone}" in (tmp_path / "out" / "calendar.ics").read_text(encoding="utf-8")


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Europe/Bucharest", "UTC"])
def test_every_rule_shape_expands_to_the_same_instants(tmp_path: Path, zone: str) -> None:
    (tmp_path / "out").mkdir()
    paths = feeds(rules_plan(tmp_path, zone), tmp_path / "out")
    whole = next(p for p in paths if p.name == "calendar.ics")
    starts = python_starts(whole)
    assert len(starts) >= len(RULE_SLOTS) + 3
    assert assert_same_instants(paths) > 300
