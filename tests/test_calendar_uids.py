"""Event UIDs follow the event, not its place in a list: a subscriber's calendar must not see
one post take over another's UID (and so its edits, alarms and notes) because a teammate
inserted, removed or reordered entries in a cadence, a content calendar, tasks or milestones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar

from smm_docs_plugin.features.events import build_calendar
from smm_docs_plugin.loader import load_plan

from .conftest import write_plan

TODAY = date(2027, 3, 10)

SLOTS = [
    '{rrule: "FREQ=WEEKLY;BYDAY=TU", time: "08:30", title: Tuesday reel}',
    '{rrule: "FREQ=WEEKLY;BYDAY=FR;COUNT=5", time: "12:00", title: Count five}',
    '{rrule: "FREQ=WEEKLY;BYDAY=SU"}',
    '{rrule: "FREQ=WEEKLY;BYDAY=SU", time: "18:00"}',
    '{rrule: "FREQ=MONTHLY;BYMONTHDAY=1", title: Story}',
    '{rrule: "FREQ=MONTHLY;BYMONTHDAY=15", title: Story}',
]
ITEMS = [
    '{date: 2027-03-11, time: "18:00", title: Spring teaser}',
    '{date: 2027-03-12, title: "Launch post"}',
    '{date: 2027-03-20, title: "Launch post"}',
    '{date: 2027-04-01, title: "April fool"}',
]
TASKS = [
    "{title: Write copy, owner: ben, due: 2027-03-15}",
    "{title: Book ads, due: 2027-03-16}",
    "{title: Check stock}",
    "{title: Brief creators, due: 2027-03-18}",
]
MILESTONES = [
    "{date: 2027-03-19, title: Halfway}",
    "{date: 2027-03-26, title: Creators signed}",
]


def plan_files(slots: list[str], items: list[str], tasks: list[str], milestones: list[str]) -> dict[str, str]:
    def block(entries: list[str]) -> str:
        return "\n".join(f"  - {entry}" for entry in entries) if entries else "  []"

    return {
        "mission.md": "---\ntitle: Acme\nmission: Bikes\nhorizon: {start: 2027-01-01, end: 2027-06-30}\n"
        "timezone: Europe/Berlin\n---\n",
        "team/ana.md": "---\ntitle: Ana\n---\n",
        "team/ben.md": "---\ntitle: Ben\n---\n",
        "goals/riders.md": "---\ntitle: More riders\ntype: awareness\nmetric: followers\ntarget: 10\n"
        "deadline: 2027-06-01\nowner: ana\n---\n",
        "channels/insta.md": (
            f"---\ntitle: Instagram\nplatform: instagram\npurpose: Sales\nowner: ana\ncadence:\n{block(slots)}\n---\n"
        ),
        "calendar/spring.md": f"---\ntitle: Spring\nchannel: insta\nitems:\n{block(items)}\n---\n",
        "initiatives/launch.md": "---\ntitle: Launch\ngoal: riders\nowner: ana\nstart: 2027-03-01\nduration: 4w\n"
        f"tasks:\n{block(tasks)}\nmilestones:\n{block(milestones)}\n---\n",
    }


def events(root: Path, today: date = TODAY, **lists: list[str]) -> dict[tuple, str]:
    """``(kind, title, first day, time) -> UID`` of every event of the plan written in ``root``."""
    chosen = {"slots": SLOTS, "items": ITEMS, "tasks": TASKS, "milestones": MILESTONES, **lists}
    plan = load_plan(write_plan(root, plan_files(**chosen)), today=today)
    series = build_calendar(plan).series
    found = {(s.kind, s.title, s.days[0], s.time): s.uid for s in series}
    assert len(found) == len(series) == len({s.uid for s in series})
    return found


def test_inserting_an_entry_at_the_top_of_every_list_keeps_every_other_uid(tmp_path: Path) -> None:
    before = events(tmp_path / "before")
    after = events(
        tmp_path / "after",
        slots=['{rrule: "FREQ=WEEKLY;BYDAY=MO", time: "07:00", title: Inserted slot}', *SLOTS],
        items=['{date: 2027-03-10, time: "07:00", title: Inserted item}', *ITEMS],
        tasks=["{title: New first task, due: 2027-03-12}", *TASKS],
        milestones=["{date: 2027-03-05, title: Kick-off}", *MILESTONES],
    )
    assert sorted((kind, title) for kind, title, _, _ in set(after) - set(before)) == [
        ("item", "Inserted item"),
        ("milestone", "Kick-off"),
        ("post", "Inserted slot"),
        ("task", "New first task"),
    ]
    assert {key: after[key] for key in before} == before


def test_removing_and_reordering_entries_keeps_the_other_uids(tmp_path: Path) -> None:
    before = events(tmp_path / "before")
    removed = events(
        tmp_path / "removed",
        slots=SLOTS[1:],  # "Tuesday reel" gone
        items=ITEMS[:1] + ITEMS[2:],  # the first "Launch post" gone: the second becomes the first
        tasks=TASKS[1:],
        milestones=MILESTONES[1:],
    )
    gone = {key for key in before if key[1] in ("Tuesday reel", "Write copy", "Halfway")}
    gone.add(("item", "Launch post", date(2027, 3, 12), None))
    assert set(before) - set(removed) == gone
    # Equal titles are numbered in order: the one left of two "Launch post" items is now the
    # first, with the first one's UID. Every event with a title of its own keeps its UID.
    kept = {key: uid for key, uid in before.items() if key not in gone and key[1] != "Launch post"}
    assert {key: removed[key] for key in kept} == kept
    assert (
        removed[("item", "Launch post", date(2027, 3, 20), None)]
        == before[("item", "Launch post", date(2027, 3, 12), None)]
    )

    reordered = events(
        tmp_path / "reordered",
        slots=list(reversed(SLOTS[:4])) + SLOTS[4:],
        items=[ITEMS[3], ITEMS[1], ITEMS[0], ITEMS[2]],
        tasks=list(reversed(TASKS)),
        milestones=list(reversed(MILESTONES)),
    )
    assert reordered == before


def test_untitled_slots_are_told_apart_by_rule_and_time_and_equal_titles_by_order(tmp_path: Path) -> None:
    found = events(tmp_path)
    sundays = [uid for (kind, title, _, _), uid in found.items() if kind == "post" and title == "Instagram"]
    stories = [uid for (kind, title, _, _), uid in found.items() if title == "Story"]
    assert len(set(sundays)) == 2 and len(set(stories)) == 2
    # A different "today" (another daily build) changes no UID.
    assert events(tmp_path / "later", today=date(2027, 5, 20)) == found


def test_a_rebuilt_feed_with_an_inserted_entry_updates_instead_of_swapping_events(build_site) -> None:
    """Through real builds: the events a subscriber already has keep UID, title and start."""

    def feed(site: Path) -> dict[str, tuple[str, bytes]]:
        cal = icalendar.Calendar.from_ical((site / "strategy" / "calendar.ics").read_bytes())
        found = {str(e["UID"]): (str(e["SUMMARY"]), e["DTSTART"].to_ical()) for e in cal.walk("VEVENT")}
        assert len(found) == len(cal.walk("VEVENT"))
        return found

    before = feed(build_site(plan_files(SLOTS, ITEMS, TASKS, MILESTONES)))
    after = feed(
        build_site(
            plan_files(
                ['{rrule: "FREQ=WEEKLY;BYDAY=MO", time: "07:00", title: Inserted slot}', *SLOTS],
                ['{date: 2027-03-10, time: "07:00", title: Inserted item}', *ITEMS],
                ["{title: New first task, due: 2027-03-12}", *TASKS],
                MILESTONES,
            )
        )
    )
    assert set(before) <= set(after)
    assert {uid: after[uid] for uid in before} == before
    assert sorted(summary for uid, (summary, _) in after.items() if uid not in before) == [
        "Instagram: Inserted item",
        "Instagram: Inserted slot",
        "Task due: New first task",
    ]


def test_a_title_edited_only_in_case_or_punctuation_is_the_same_event(tmp_path: Path) -> None:
    before = events(
        tmp_path / "before", items=ITEMS + ['{date: 2027-04-02, title: "🎉"}', '{date: 2027-04-03, title: "🎄"}']
    )
    after = events(
        tmp_path / "after",
        slots=[SLOTS[0].replace("Tuesday reel", "Tuesday Reel!"), *SLOTS[1:]],
        items=['{date: 2027-04-03, title: "🎄"}', *ITEMS, '{date: 2027-04-02, title: "🎉"}'],
    )
    renamed = {
        ("post", "Tuesday Reel!" if title == "Tuesday reel" else title, day, at): uid
        for (kind, title, day, at), uid in before.items()
        if kind == "post"
    }
    assert {key: uid for key, uid in after.items() if key[0] == "post"} == renamed
    # Titles without a letter or digit are told apart by what they are, not by their place.
    assert {key: after[key] for key in before if key[0] == "item"} == {
        key: uid for key, uid in before.items() if key[0] == "item"
    }
