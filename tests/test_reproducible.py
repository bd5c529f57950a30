"""Reproducible builds: the same plan and the same "today" give byte-identical output.

The richest fixture (tests/fixtures/secrets_plan: every section, feeds, CSV, internal
entities) is built twice with real MkDocs + Material in two different folders, "today" coming
from SOURCE_DATE_EPOCH (as a CI or a distribution build sets it), and every output file is
compared byte for byte. A third build on another day keeps every calendar event's UID.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import icalendar
import pytest

from .conftest import FIXTURES, build, make_project

SECRETS_PLAN = FIXTURES / "secrets_plan"


def _epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()) + 12 * 3600)


def _build(root: Path, day: str) -> Path:
    docs = {
        p.relative_to(SECRETS_PLAN / "docs").as_posix(): p.read_text(encoding="utf-8")
        for p in (SECRETS_PLAN / "docs").rglob("*.md")
    }
    config = make_project(
        root,
        copy_plan=SECRETS_PLAN / "plan",
        docs=docs,
        options={"today": None},
        config={"site_url": "https://example.com/handbook/"},
    )
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = _epoch(day)
    try:
        return build(config)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("reproducible")
    return {
        "first": _build(base / "first" / "handbook", "2027-03-10"),
        "second": _build(base / "somewhere" / "else" / "entirely", "2027-03-10"),
        "later": _build(base / "later", "2027-04-21"),
    }


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_today_came_from_source_date_epoch(builds):
    plan_json = (builds["first"] / "strategy" / "plan.json").read_text(encoding="utf-8")
    assert '"today": "2027-03-10"' in plan_json
    assert '"today": "2027-04-21"' in (builds["later"] / "strategy" / "plan.json").read_text(encoding="utf-8")


def test_same_plan_and_today_give_byte_identical_output(builds):
    first, second = _files(builds["first"]), _files(builds["second"])
    assert sorted(first) == sorted(second)
    generated = [rel for rel in first if rel.startswith(("strategy/", "assets/smm/"))]
    assert len(generated) > 40
    for rel in [
        *generated,
        "search/search_index.json",
        "sitemap.xml",
        "sitemap.xml.gz",
        "index.html",
        "how-we-work/index.html",
    ]:
        assert first[rel] == second[rel], f"{rel} differs between two builds of the same plan"
    different = [rel for rel in first if first[rel] != second[rel]]
    assert not different, f"differ: {different}"


def _uids(feed: Path) -> list[str]:
    calendar = icalendar.Calendar.from_ical(feed.read_bytes())
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def test_calendar_uids_are_unique_and_stable_from_build_to_build(builds):
    feeds = sorted(p.relative_to(builds["first"]).as_posix() for p in builds["first"].rglob("*.ics"))
    assert "strategy/calendar.ics" in feeds and len(feeds) >= 4
    for rel in feeds:
        uids = _uids(builds["first"] / rel)
        assert len(uids) == len(set(uids)), f"duplicate UID in {rel}"
        assert uids == _uids(builds["second"] / rel)
        # Another day: DTSTAMP moves, the events (every event of the plan, not only the
        # window) keep their UIDs.
        assert sorted(uids) == sorted(_uids(builds["later"] / rel)), rel
    assert (builds["first"] / "strategy" / "calendar.ics").read_bytes() != (
        builds["later"] / "strategy" / "calendar.ics"
    ).read_bytes()
