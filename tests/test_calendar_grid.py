"""The week and month grids of the calendar page (PLAN_FORMAT.md §7 "Calendar grids"), from
real MkDocs + Material builds: every day cell carries ``data-date`` in the plan's time zone,
each post sits on its day as a card (also at 23:30 local time across a daylight-saving
change), holidays and the review day stand out, and the grids never show more than the
window."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import html5lib

from .conftest import build, make_project

DST_PLAN = Path(__file__).resolve().parent / "golden" / "calendar" / "dst_plan"
NS = {"h": "http://www.w3.org/1999/xhtml", "svg": "http://www.w3.org/2000/svg"}
LATE_POSTS = """\
---
title: Late posts
channel: instagram
items:
  - {date: 2027-03-27, time: "23:30", title: Saturday night before the clocks change, status: approved, approved_by:\
 ben}
  - {date: 2027-03-28, time: "23:30", title: Sunday night after the clocks changed, channels: [instagram, blog],\
 status: in-review}
---
"""


def site_of(tmp_path: Path, audience: str = "team") -> Path:
    root = tmp_path / audience
    shutil.copytree(DST_PLAN, root / "plan")
    (root / "plan" / "calendar" / "late.md").write_text(LATE_POSTS, encoding="utf-8")
    config = make_project(root, options={"today": "2027-03-22", "calendar_weeks": 2, "audience": audience})
    return build(config, strict=True)


def grid_cells(doc, grid_class: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for grid in doc.iterfind(f".//h:div[@class='smm-calendar-grid {grid_class}']", NS):
        for cell in grid.iterfind(".//h:td[@data-date]", NS):
            found.setdefault(cell.get("data-date"), []).append(cell)
    return found


def card_titles(cell) -> list[str]:
    return ["".join(span.itertext()) for span in cell.iterfind(".//h:span[@class='smm-card-title']", NS)]


def test_week_and_month_grids_put_each_entry_on_its_local_day(tmp_path: Path) -> None:
    site = site_of(tmp_path)
    doc = html5lib.parse((site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8"))
    weeks = grid_cells(doc, "smm-calendar-weekgrid")
    # Two weeks of seven day columns, Monday first, each day once.
    assert list(weeks) == [(date(2027, 3, 22) + timedelta(days=n)).isoformat() for n in range(14)]
    assert all(len(cells) == 1 for cells in weeks.values())
    # The month grid covers March and April whole; days outside the window hold nothing.
    months = grid_cells(doc, "smm-calendar-monthgrid")
    assert min(months) == "2027-03-01" and max(months) == "2027-04-30" and len(months) == 61
    assert months["2027-03-01"][0].get("data-outside") == "true" and not card_titles(months["2027-03-01"][0])
    assert months["2027-04-20"][0].get("data-outside") == "true" and not card_titles(months["2027-04-20"][0])

    # A post at 23:30 on either side of the change to summer time (28 March in Berlin) stays on
    # its own local day in both grids, and matches plan.json's window.
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    window = {(e["date"], e["title"]) for e in data["calendar_window"]}
    for day, title in (
        ("2027-03-27", "Saturday night before the clocks change"),
        ("2027-03-28", "Sunday night after the clocks changed"),
    ):
        assert (day, title) in window
        for cells in (weeks, months):
            assert title in card_titles(cells[day][0]), (day, title)
            others = [d for d, found in cells.items() if title in card_titles(found[0])]
            assert others == [day]
    # A post on two channels is a card per channel.
    assert card_titles(weeks["2027-03-28"][0]).count("Sunday night after the clocks changed") == 2

    # Every window entry of plan.json is a card on its day in the week grid.
    for entry in data["calendar_window"]:
        cell = weeks[entry["date"]][0]
        uids = [a.get("data-uid") for a in cell.iterfind(".//h:a[@data-uid]", NS)]
        assert entry["uid"] in uids, entry

    # The card says time, title, status, owner; colour and icon come from the channel.
    card = next(
        a for a in weeks["2027-03-27"][0].iterfind(".//h:a[@data-uid]", NS) if "Saturday night" in "".join(a.itertext())
    )
    text = " ".join("".join(card.itertext()).split())
    assert "23:30" in text and "Approved" in text and "Ana" in text and "Instagram" in text
    assert (
        card.get("data-channel") == "instagram"
        and card.get("data-status") == "approved"
        and card.get("data-owner") == "ana"
    )
    assert card.get("style", "").startswith("--smm-hue: ")
    # xlink:href: Material's instant navigation rewrites every [href] and fails on an SVG <use>.
    assert card.find(".//svg:use", NS).get("{http://www.w3.org/1999/xlink}href") == "#smm-icon-instagram"
    assert doc.find(".//svg:symbol[@id='smm-icon-instagram']", NS) is not None
    # A calendar item's card opens its preview on the calendar file's page.
    assert card.get("href") == "late/#post-saturday-night-before-the-clocks-change"

    # Holidays (Good Friday, Easter Monday in DE) and the review day stand out.
    assert "smm-day-holiday" in weeks["2027-03-26"][0].get("class")
    assert "smm-day-holiday" in weeks["2027-03-29"][0].get("class")
    assert "smm-day-holiday" not in weeks["2027-03-25"][0].get("class")
    assert "smm-day-review" in weeks["2027-04-01"][0].get("class")
    assert weeks["2027-03-22"][0].get("aria-current") == "date"

    # No script, no CDN: the grids are plain HTML; the switcher is hidden until calendar.js runs.
    html = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert 'class="smm-calendar-toolbar" hidden' in html
    assert "cdn" not in html.lower()


def test_stakeholder_grids_leave_internal_channels_out(tmp_path: Path) -> None:
    site = site_of(tmp_path, "stakeholders")
    html = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "Hush teaser" not in html and "hush-channel" not in html
    assert "Sunday night after the clocks changed" in html
