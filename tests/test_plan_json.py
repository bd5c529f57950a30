"""plan.json is the resolved plan (§4), as a script reading it gets it from a real MkDocs build:
every entity keeps the fields the team wrote (a channel's ``url`` is its profile, the page
address is under ``page``), the defaults the site applies are filled in, times read ``HH:MM``,
and a stakeholder build still says "internal" for what it may not name."""

from __future__ import annotations

import json
import re

import pytest

PLAN = {
    "mission.md": """
        ---
        title: Acme Coffee
        mission: Good coffee at home.
        horizon: {start: 2027-01-01, end: 2027-12-31}
        review: {rrule: "FREQ=MONTHLY;BYDAY=1TU", time: "10:00"}
        ---
        """,
    "team/ana.md": "---\ntitle: Ana Lopez\n---\n",
    "team/ben.md": "---\ntitle: Ben Okafor\n---\n",
    "team/zed.md": "---\ntitle: Zed Hidden\ninternal: true\n---\n",
    "channels/instagram.md": """
        ---
        title: Instagram
        platform: instagram
        handle: "@acme"
        url: https://instagram.com/acme
        purpose: Sales
        owner: ana
        cadence:
          - {rrule: "FREQ=WEEKLY;BYDAY=TU", time: "18:00", title: Reel}
          - {rrule: "FREQ=WEEKLY;BYDAY=FR", title: Story, owner: ben, start: 2027-02-01, end: 2027-06-30}
        ---
        """,
    "channels/backstage.md": """
        ---
        title: Backstage
        platform: newsletter
        purpose: Internal tests
        owner: zed
        internal: true
        ---
        """,
    "channels/newsletter.md": """
        ---
        title: Newsletter
        platform: newsletter
        purpose: News
        owner: zed
        ---
        """,
    "goals/followers.md": """
        ---
        title: Followers
        type: awareness
        metric: Instagram followers
        target: 100
        deadline: 2027-06-30
        owner: ana
        ---
        """,
    "goals/leads.md": """
        ---
        title: Leads
        type: leads
        metric: Sign-ups
        target: 100
        start: 2027-02-01
        deadline: 2027-06-30
        owner: ana
        ---
        """,
    "initiatives/reels.md": """
        ---
        title: Reels
        goal: followers
        owner: ben
        start: 2027-02-01
        duration: 4w
        tasks:
          - {title: Script, due: 2027-02-10}
          - {title: Shoot, owner: ana}
        ---
        """,
    "calendar/march.md": """
        ---
        title: March content
        channel: instagram
        format: Post
        pillar: Brewing
        initiative: reels
        items:
          - {date: 2027-03-11, time: "09:00", title: Plain item}
          - {date: 2027-03-12, title: Own owner, owner: ben, status: scheduled, format: Reel}
          - {date: 2027-03-13, title: Other channel, channel: newsletter}
          - {date: 2027-03-14, title: Backstage test, channel: backstage}
        ---
        """,
    "budget/ads.md": """
        ---
        title: Ads
        category: advertising
        planned: {2027-01: 600, 2027-02: 312.4}
        actual: {2027-01: 312.40}
        ---
        """,
    "budget/tools.md": "---\ntitle: Tools\ncategory: software\nplanned: 19.9\n---\n",
    "reviews/feb.md": "---\ntitle: February review\ndate: 2027-02-02\nattendees: [ana]\n---\n",
    "reviews/special.md": "---\ntitle: Special review\ndate: 2027-03-20\n---\n",
}


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    from .conftest import build, make_project

    site = build(make_project(tmp_path_factory.mktemp("plan-json-team"), PLAN))
    text = (site / "strategy" / "plan.json").read_text(encoding="utf-8")
    return json.loads(text), text


@pytest.fixture(scope="module")
def stakeholders(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    from .conftest import build, make_project

    site = build(
        make_project(tmp_path_factory.mktemp("plan-json-stakeholders"), PLAN, options={"audience": "stakeholders"})
    )
    text = (site / "strategy" / "plan.json").read_text(encoding="utf-8")
    return json.loads(text), text


def test_a_channel_keeps_its_profile_url_and_every_entity_has_its_page(team: tuple[dict, str]) -> None:
    data, _ = team
    instagram = data["channels"]["instagram"]
    assert instagram["url"] == "https://instagram.com/acme" and instagram["handle"] == "@acme"
    assert instagram["page"] == "strategy/channels/instagram/"
    assert data["channels"]["newsletter"]["url"] is None
    for section in ("goals", "channels", "initiatives", "team", "calendar", "reviews"):
        for id, entity in data[section].items():
            assert entity["page"] == f"strategy/{section}/{id}/", (section, id)


def test_computed_values_never_replace_a_field_of_the_plan(team: tuple[dict, str]) -> None:
    """Every field of the model is there with the value the team wrote (or its default)."""
    from smm_docs_plugin.sections import models

    data, _ = team
    for section, model in models().items():
        for id, entity in data[section].items():
            missing = [
                name
                for name in model.model_fields
                if name not in {"id", "section", "source", "body", "lines"} and name not in entity
            ]
            assert not missing, (section, id, missing)
    assert data["initiatives"]["reels"]["status"] == "backlog"  # the field, not a computed status
    assert data["goals"]["followers"]["status"] == "no-data"  # goals have no status field: computed


def test_defaults_are_filled_in(team: tuple[dict, str]) -> None:
    data, _ = team
    assert data["goals"]["followers"]["start"] == "2027-01-01"  # horizon.start
    assert data["goals"]["leads"]["start"] == "2027-02-01"
    reel, story = data["channels"]["instagram"]["cadence"]
    assert (reel["owner"], reel["start"], reel["end"], reel["time"]) == ("ana", "2027-01-01", "2027-12-31", "18:00")
    assert (story["owner"], story["start"], story["end"], story["time"]) == ("ben", "2027-02-01", "2027-06-30", None)
    plain, own, other, backstage = data["calendar"]["march"]["items"]
    assert plain == {
        "date": "2027-03-11",
        "time": "09:00",
        "title": "Plain item",
        "channel": "instagram",
        "format": "Post",
        "pillar": "Brewing",
        "initiative": "reels",
        "owner": "ana",
        "status": "idea",
        "effort": 1,
        # §7 post fields: the resolved channels, and the rest as written (here: not given).
        "channels": ["instagram"],
        "copy": None,
        "media": [],
        "link": None,
        "hashtags": [],
        "approved_by": None,
    }
    assert (own["owner"], own["status"], own["format"], own["channel"]) == ("ben", "scheduled", "Reel", "instagram")
    assert (other["channel"], other["owner"]) == ("newsletter", "zed")  # the channel's owner
    assert (backstage["channel"], backstage["owner"]) == ("backstage", "zed")
    # The file keeps its own defaults as written.
    assert data["calendar"]["march"]["channel"] == "instagram" and data["calendar"]["march"]["owner"] is None
    script, shoot = data["initiatives"]["reels"]["tasks"]
    assert (script["owner"], script["status"]) == ("ben", "todo")  # a task without owner is its initiative owner's
    assert shoot["owner"] == "ana"


def test_times_are_hh_mm_everywhere(team: tuple[dict, str]) -> None:
    data, text = team
    assert data["mission"]["review"]["time"] == "10:00"
    assert not re.search(r'"\d{2}:\d{2}:\d{2}"', text)
    assert any(e["time"] == "18:00" for e in data["calendar_window"])


def test_next_review_is_the_recorded_one_when_it_comes_first(team: tuple[dict, str]) -> None:
    data, _ = team
    # today 2027-03-10: the special review (03-20) comes before the scheduled 2027-04-06.
    assert data["next_review"] == "2027-03-20"
    assert data["next_review_details"] == {
        "date": "2027-03-20",
        "time": None,
        "title": "Special review",
        "review": "special",
    }


def test_stakeholder_plan_json_fills_defaults_without_naming_what_is_internal(stakeholders: tuple[dict, str]) -> None:
    data, text = stakeholders
    items = data["calendar"]["march"]["items"]
    other = next(i for i in items if i["title"] == "Other channel")
    assert (other["channel"], other["owner"]) == ("newsletter", "internal")
    assert "Backstage test" not in [i["title"] for i in items]  # on an internal channel: left out
    assert data["channels"]["newsletter"]["owner"] == "internal"
    assert "zed" not in text and "Zed Hidden" not in text and "backstage" not in text
    assert data["channels"]["instagram"]["url"] == "https://instagram.com/acme"


def test_amounts_are_exact_decimal_text_like_the_csv(team: tuple[dict, str]) -> None:
    """§7: an actual of 312.40 is "312.40" in plan.json, as in budget.csv, never the float 312.4."""
    data, text = team
    assert data["budget"]["ads"]["planned"] == {"2027-01": "600.00", "2027-02": "312.40"}
    assert data["budget"]["ads"]["actual"] == {"2027-01": "312.40"}
    assert data["budget"]["tools"]["planned"] == "19.90"
    assert '"actual": {\n' in text and "312.4," not in text and "312.4\n" not in text
    row = next(r for r in data["budget_rows"] if r["line"] == "ads" and r["month"] == "2027-01")
    assert (row["planned"], row["actual"], row["variance"]) == ("600.00", "312.40", "287.60")


def test_plan_json_text_is_the_standard_librarys_indented_json() -> None:
    """plan.json is written in one pass, not by ``json.dumps`` (whose indented encoder is pure
    Python): the text must stay exactly what ``json.dumps`` writes, for every kind of value."""
    from datetime import date, time
    from decimal import Decimal

    from smm_docs_plugin.plan import Hidden
    from smm_docs_plugin.render import _json_default, plan_json_text

    data = {
        "text": 'Crăciun "fericit" \\ <b> & ünïcödé 🎄 \n\t\u2028',
        "hidden": Hidden("internal"),
        "numbers": [0, -3, 2**70, 1.5, 0.1, 1e-7, 1e22, float("nan"), float("inf"), -float("inf")],
        "flags": [True, False, None],
        "empty": {"list": [], "dict": {}, "tuple": (), "set": set()},
        "nested": [[[]], [{}], {"a": [1, {"b": [2, [3]]}]}],
        "plan": {"day": date(2027, 3, 1), "at": time(9, 30), "amount": Decimal("312.40"), "whole": Decimal(5)},
        "tuple": (1, "two"),
        "set": {"only"},
        1: "int key",
        2.5: "float key",
        None: "null key",
        "keys": {False: "bool key"},  # not beside 0 or 1: equal keys would merge
    }
    assert plan_json_text(data) == json.dumps(data, default=_json_default, indent=2, ensure_ascii=False) + "\n"
    assert plan_json_text([]) == "[]\n"
