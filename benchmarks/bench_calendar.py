"""Benchmark of the content calendar: 100 cadence slots over a 2-year horizon expanded, then a
52-week rolling window rendered (page) and every feed written.

The page is measured twice in the same run, side by side: the list view alone (the agenda,
as before the grids) and the whole page with the week and month grids; the target is a
ratio of at most 1.5 (BENCHMARKS.md).

Run: ``.venv/bin/python benchmarks/bench_calendar.py``. Prints the best of a few runs.
"""

from __future__ import annotations

import time as clock
from datetime import date, time
from pathlib import Path

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import CalendarFeature, calendar_of
from smm_docs_plugin.model import CalendarFile, Channel, Mission, TeamMember
from smm_docs_plugin.plan import Plan

RULES = (
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
    "FREQ=MONTHLY;BYDAY=-1TH",
)
CHANNELS = 20
SLOTS_PER_CHANNEL = 5
PEOPLE = 10
RUNS = 5


def synthetic_plan() -> Plan:
    mission = Mission(
        title="Bench Co",
        mission="Measure the calendar",
        horizon={"start": "2027-01-01", "end": "2028-12-31"},
        timezone="Europe/Berlin",
        holidays=["DE", "RO"],
        review={"rrule": "FREQ=MONTHLY;BYDAY=1MO", "time": "10:00"},
    )
    team = {}
    for n in range(PEOPLE):
        member = TeamMember(title=f"Person {n}", capacity=10)
        member.id, member.section = f"person-{n}", "team"
        team[member.id] = member
    channels = {}
    for c in range(CHANNELS):
        slots = [
            {
                "rrule": RULES[(c + s) % len(RULES)],
                "time": time(8 + s, 15 * (c % 4)) if s % 4 else None,
                "title": f"Slot {s} of channel {c}",
                "owner": f"person-{(c + s) % PEOPLE}",
                "effort": 1,
            }
            for s in range(SLOTS_PER_CHANNEL)
        ]
        channel = Channel(
            title=f"Channel {c}", platform="instagram", purpose="bench", owner=f"person-{c % PEOPLE}", cadence=slots
        )
        channel.id, channel.section = f"channel-{c:02d}", "channels"
        channels[channel.id] = channel
    items = [
        {"date": date(2027, 1 + m % 12, 1 + m % 28), "title": f"Item {m}", "channel": f"channel-{m % CHANNELS:02d}"}
        for m in range(200)
    ]
    calendar_file = CalendarFile(title="Items", items=items)
    calendar_file.id, calendar_file.section = "items", "calendar"
    return Plan(
        root=Path("."),
        mission=mission,
        sections={"team": team, "channels": channels, "calendar": {"items": calendar_file}},
        today=date(2027, 3, 10),
    )


def _page_time(plan: Plan, grids: bool) -> tuple[float, int, RenderContext]:
    """Expand the plan and render the page (with or without the grids) in a fresh context."""
    feature = CalendarFeature()
    ctx = RenderContext(plan=plan, options=RenderOptions(calendar_weeks=52), env=make_environment())
    started = clock.perf_counter()
    feature.prepare(ctx)
    text = feature.render_page(ctx, grids=grids)
    return clock.perf_counter() - started, len(text), ctx


def main() -> None:
    plan = synthetic_plan()
    feature = CalendarFeature()
    best_list = best_page = best_feeds = float("inf")
    list_size = page_size = occurrences = feeds_count = 0
    for _ in range(RUNS):
        # Alternate the two variants inside each run so both see the same machine load.
        elapsed, list_size, _ctx = _page_time(plan, grids=False)
        best_list = min(best_list, elapsed)
        elapsed, page_size, ctx = _page_time(plan, grids=True)
        best_page = min(best_page, elapsed)
        outputs = list(feature.outputs(ctx))[1:]
        started = clock.perf_counter()
        for feed in outputs:
            _ = feed.content  # rendered on first access
        best_feeds = min(best_feeds, clock.perf_counter() - started)
        feeds_count = len(outputs)
        occurrences = len(calendar_of(ctx).occurrences)
    slots = CHANNELS * SLOTS_PER_CHANNEL
    print(f"{slots} cadence slots, 2-year horizon: {occurrences} occurrences")
    print(
        f"expand + 52-week window, list view only ({list_size // 1024} KiB): {best_list * 1000:.0f} ms (best of {RUNS})"
    )
    print(
        f"expand + 52-week window, page with week and month grids ({page_size // 1024} KiB): {best_page * 1000:.0f} ms "
        f"(best of {RUNS})"
    )
    print(f"ratio page / list view: {best_page / best_list:.2f} (target: at most 1.5)")
    print(f"{feeds_count} .ics feeds: {best_feeds * 1000:.0f} ms (best of {RUNS})")


if __name__ == "__main__":
    main()
