"""Effective values are resolved once (``effective.py``, ``Plan.effective``) and every reader
agrees: for each default the handbook applies, the page (real MkDocs + Material build), the
``.ics`` feeds, ``plan.json`` and ``smm diff`` show the same value."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest

from smm_docs_plugin.diff import compare_plans
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.plan import Hidden, Plan
from smm_docs_plugin.render import resolved_entity_data

from .conftest import build, make_project, write_plan

TODAY = date(2027, 1, 20)
PLAN = {
    "mission.md": """
        ---
        title: Acme Coffee
        mission: Good coffee at home.
        horizon: {start: 2027-01-01, end: 2027-06-30}
        ---
        """,
    "team/ana.md": "---\ntitle: Ana Lopez\n---\n",
    "team/ben.md": "---\ntitle: Ben Okafor\n---\n",
    # A slot with nothing but its rule and format: owner, period, effort and title are defaults.
    "channels/blog.md": """
        ---
        title: Blog
        platform: blog
        purpose: News
        owner: ana
        cadence:
          - {rrule: "FREQ=WEEKLY;BYDAY=TU", time: "09:00", format: Article}
        ---
        """,
    "goals/reach.md": """
        ---
        title: Reach
        type: awareness
        metric: Readers
        target: 100
        deadline: 2027-06-01
        owner: ana
        ---
        """,
    "initiatives/launch.md": """
        ---
        title: Launch
        goal: reach
        owner: ana
        start: 2027-01-04
        end: 2027-03-31
        tasks:
          - {title: Draft the outline, due: 2027-02-10}
        ---
        """,
    # Two weeks from its start: the end is computed (resolve), not written.
    "initiatives/sprint.md": """
        ---
        title: Sprint
        goal: reach
        owner: ben
        start: 2027-02-01
        duration: 2w
        ---
        """,
    # The item says only its date and title: everything else comes from its file or channel.
    "calendar/february.md": """
        ---
        title: February
        channel: blog
        initiative: launch
        pillar: Origins
        format: Story
        status: approved
        effort: 2.5
        items:
          - {date: 2027-02-03, time: "10:00", title: Origin story}
        ---
        """,
    "calendar/march.md": """
        ---
        title: March
        channel: blog
        items:
          - {date: 2027-03-03, title: Spring note}
        ---
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], Plan]:
    root = tmp_path_factory.mktemp("effective")
    site = build(make_project(root, PLAN, options={"today": TODAY.isoformat()}))
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    return site, data, load_plan(root / "plan", today=TODAY)


def page(site: Path, rel: str) -> str:
    return (site / "strategy" / rel / "index.html").read_text(encoding="utf-8")


def events(site: Path, feed: str) -> dict[str, icalendar.Event]:
    """The events of a feed by SUMMARY."""
    calendar = icalendar.Calendar.from_ical((site / "strategy" / feed).read_bytes())
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def changed(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Plan:
    """The plan with ``{file: (old text, new text)}`` replaced, loaded like a build."""
    files = dict(PLAN)
    for rel, (old, new) in edits.items():
        assert old in files[rel]
        files[rel] = files[rel].replace(old, new)
    return load_plan(write_plan(tmp_path, files), today=TODAY)


def diff_lines(before: Plan, after: Plan) -> list[str]:
    diff = compare_plans(before, after)
    return [f"{c.subject}: {c.text}" for c in diff.dates + diff.statuses + diff.other]


def test_a_goal_without_start_starts_at_the_horizon_start_everywhere(built, tmp_path) -> None:
    site, data, plan = built
    assert data["goals"]["reach"]["start"] == "2027-01-01"
    assert data["goals"]["reach"]["pace_start"] == "2027-01-01"  # the KPI pace counts from there
    assert "Jan 1, 2027 (horizon start)" in page(site, "goals/reach")
    # Moving the horizon moves the goal's start: the diff says so, as plan.json would.
    after = changed(tmp_path, {"mission.md": ("start: 2027-01-01", "start: 2027-01-04")})
    assert resolved_entity_data(after, after.sections["goals"]["reach"])["start"] == date(2027, 1, 4)
    assert "Goal **Reach**: start 2027-01-01 → 2027-01-04 (+3 days)" in diff_lines(plan, after)


def test_a_cadence_slot_takes_its_channels_owner_the_horizon_one_hour_and_its_format_as_title(built, tmp_path) -> None:
    site, data, plan = built
    (slot,) = data["channels"]["blog"]["cadence"]
    assert (slot["title"], slot["owner"], slot["start"], slot["end"], slot["effort"]) == (
        "Article",
        "ana",
        "2027-01-01",
        "2027-06-30",
        1,
    )
    row = re.search(r'<tr data-slot="0">(.*?)</tr>', page(site, "channels/blog"), flags=re.DOTALL)
    assert row
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), flags=re.DOTALL)
    assert cells[0].startswith("Article")
    assert "Jan 1, 2027 – Jun 30, 2027" in cells[1]
    assert "Ana Lopez" in cells[2] and cells[3] == "1"
    # The feeds: the channel's and the owner's carry the slot under its effective title, first
    # on the first Tuesday of the horizon, until the horizon's end.
    for feed in ("calendar/blog.ics", "calendar/people/ana.ics"):
        event = events(site, feed)["Blog: Article"]
        assert event.decoded("DTSTART").date() == date(2027, 1, 5)
        assert "Owner: Ana Lopez" in str(event["DESCRIPTION"])
        assert event["RRULE"]["UNTIL"][0].date() == date(2027, 6, 30)
    assert "Blog: Article" not in events(site, "calendar/people/ben.ics")
    # Handing the channel to Ben hands him the slot: the diff names the cadence, plan.json agrees.
    after = changed(tmp_path, {"channels/blog.md": ("owner: ana", "owner: ben")})
    assert resolved_entity_data(after, after.sections["channels"]["blog"])["cadence"][0]["owner"] == "ben"
    assert "Channel **Blog**: changed: cadence and owner" in diff_lines(plan, after)


def test_a_task_without_owner_is_its_initiatives_owners(built, tmp_path) -> None:
    site, data, plan = built
    (task,) = data["initiatives"]["launch"]["tasks"]
    assert task["owner"] == "ana"
    row = re.search(r'<tr id="task-0"[^>]*>(.*?)</tr>', page(site, "initiatives/launch"), flags=re.DOTALL)
    assert row and "Ana Lopez" in row.group(1)
    event = events(site, "calendar/people/ana.ics")["Task due: Draft the outline"]
    assert "Owner: Ana Lopez" in str(event["DESCRIPTION"])
    after = changed(tmp_path, {"initiatives/launch.md": ("owner: ana", "owner: ben")})
    assert resolved_entity_data(after, after.sections["initiatives"]["launch"])["tasks"][0]["owner"] == "ben"
    assert "Initiative **Launch**: changed: owner and tasks" in diff_lines(plan, after)


def test_a_calendar_item_takes_its_files_and_its_channels_values(built, tmp_path) -> None:
    site, data, plan = built
    (story,) = data["calendar"]["february"]["items"]
    assert {k: story[k] for k in ("channel", "channels", "owner", "format", "pillar", "initiative", "status")} == {
        "channel": "blog",
        "channels": ["blog"],
        "owner": "ana",  # the channel's
        "format": "Story",
        "pillar": "Origins",
        "initiative": "launch",
        "status": "approved",
    }
    assert story["effort"] == 2.5  # the file's
    assert data["calendar"]["march"]["items"][0]["effort"] == 1  # neither says: one hour
    row = re.search(
        r'<tr class="smm-calendar-entry"[^>]*data-channel="blog" data-owner="ana"[^>]*>(.*?)</tr>',
        page(site, "calendar/february"),
        flags=re.DOTALL,
    )
    assert row and "Origin story" in row.group(1) and "Approved" in row.group(1) and "2.5" in row.group(1)
    event = events(site, "calendar/blog.ics")["Blog: Origin story"]
    description = str(event["DESCRIPTION"])
    assert "Owner: Ana Lopez" in description and "Format: Story" in description and "Pillar: Origins" in description
    assert "Blog: Origin story" in events(site, "calendar/people/ana.ics")
    # The file's status moves the post through its workflow: the diff reads it as a planner says it.
    after = changed(tmp_path, {"calendar/february.md": ("status: approved", "status: scheduled")})
    assert resolved_entity_data(after, after.sections["calendar"]["february"])["items"][0]["status"] == "scheduled"
    moved = "Calendar file **February**: post “Origin story” moved to Scheduled (was Approved)"
    assert moved in diff_lines(plan, after)


def test_the_stakeholder_plan_resolves_its_own_defaults(tmp_path) -> None:
    files = dict(PLAN)
    files["team/ana.md"] = "---\ntitle: Ana Lopez\ninternal: true\n---\n"
    plan = load_plan(write_plan(tmp_path, files), today=TODAY, audience="stakeholders")
    # The slot's and the item's owner is the hidden member: "internal", never her id.
    slot = plan.effective.slot(plan.sections["channels"]["blog"], 0)  # type: ignore[arg-type]
    item = plan.effective.item(plan.sections["calendar"]["february"], 0)  # type: ignore[arg-type]
    assert isinstance(slot.owner, Hidden) and isinstance(item.owner, Hidden) and str(item.owner) == "internal"
    assert plan.get("team", slot.owner) is None and plan.get("team", item.owner) is None
    text = json.dumps(resolved_entity_data(plan, plan.sections["calendar"]["february"]), default=str)
    assert json.loads(text)["items"][0]["owner"] == "internal" and "ana" not in text


def test_an_initiatives_end_from_its_duration_is_the_same_everywhere(built, tmp_path) -> None:
    site, data, plan = built
    assert data["initiatives"]["sprint"]["end"] == "2027-02-14"
    assert '<time datetime="2027-02-14">' in page(site, "roadmap")
    event = events(site, "calendar/people/ben.ics")["Initiative ends: Sprint"]
    assert event.decoded("DTSTART") == date(2027, 2, 14)
    after = changed(tmp_path, {"initiatives/sprint.md": ("duration: 2w", "duration: 3w")})
    assert resolved_entity_data(after, after.sections["initiatives"]["sprint"])["end"] == date(2027, 2, 21)
    assert "Initiative **Sprint**: end 2027-02-14 → 2027-02-21 (+7 days)" in diff_lines(plan, after)
