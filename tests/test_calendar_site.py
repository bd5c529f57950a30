"""The calendar through real MkDocs + Material builds: the page a reader opens, the feeds a
calendar app subscribes to, and what stakeholders get."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import html5lib
import icalendar
import recurring_ical_events

DST_PLAN = Path(__file__).resolve().parent / "golden" / "calendar" / "dst_plan"
OPTIONS = {"today": "2027-03-22", "calendar_weeks": 2}
NS = {"h": "http://www.w3.org/1999/xhtml"}
BERLIN = ZoneInfo("Europe/Berlin")


def page_rows(site: Path, page: str = "strategy/calendar/index.html") -> list[dict[str, str]]:
    doc = html5lib.parse((site / page).read_text(encoding="utf-8"))
    return [dict(tr.attrib) for tr in doc.iterfind(".//h:tr[@data-uid]", NS)]


def feed_occurrences(site: Path, feed: str, first: date, last: date) -> list[tuple[str, str]]:
    cal = icalendar.Calendar.from_ical((site / feed).read_bytes())
    found = []
    for event in recurring_ical_events.of(cal).between(first, last + timedelta(days=1)):
        start = event.decoded("DTSTART")
        when = start.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M") if isinstance(start, datetime) else start.isoformat()
        found.append((when, str(event["UID"])))
    return sorted(found)


def test_calendar_page_and_feeds_agree_on_the_window(build_site) -> None:
    site = build_site(copy_plan=DST_PLAN, options=OPTIONS, config={"site_url": "https://example.org/hb/"})
    rows = page_rows(site)
    dates = [r["data-date"] for r in rows]
    assert dates == sorted(dates)
    assert dates[0] == "2027-03-22" and dates[-1] == "2027-04-02"
    assert len(rows) == 20

    # plan.json lists the same window, in the same order.
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert [(e["date"], e["uid"]) for e in data["calendar_window"]] == [(r["data-date"], r["data-uid"]) for r in rows]

    # An RFC 5545 expansion of the feed over the window gives the page's entries, at local times.
    expected = sorted(
        (f"{e['date']}T{e['time']}" if e["time"] else e["date"], e["uid"]) for e in data["calendar_window"]
    )
    assert feed_occurrences(site, "strategy/calendar.ics", date(2027, 3, 22), date(2027, 4, 4)) == expected
    instagram = feed_occurrences(site, "strategy/calendar/instagram.ics", date(2027, 3, 22), date(2027, 4, 4))
    assert [when for when, _ in instagram] == [
        "2027-03-22T09:00",
        "2027-03-24T12:00",
        "2027-03-25T09:00",
        "2027-03-29T09:00",
        "2027-04-01T09:00",
    ]

    # The description links back to the page with the site's address.
    cal = icalendar.Calendar.from_ical((site / "strategy" / "calendar.ics").read_bytes())
    deadline = next(e for e in cal.walk("VEVENT") if "More riders" in str(e["SUMMARY"]))
    assert "https://example.org/hb/strategy/goals/more-riders/" in str(deadline["DESCRIPTION"])
    assert (site / "strategy" / "goals" / "more-riders" / "index.html").is_file()

    # The page offers subscription help with absolute feed addresses, and the filter script ships.
    html = (site / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    assert "https://example.org/hb/strategy/calendar/people/ana.ics" in html
    assert "Apple Calendar" in html and "Outlook" in html and "Google Calendar" in html
    scripts = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.js") if "smm" in p.name)
    assert "smm-calendar-filter" in scripts


def test_panels_and_overview_in_the_built_site(build_site) -> None:
    site = build_site(copy_plan=DST_PLAN, options=OPTIONS)
    ana = (site / "strategy" / "team" / "ana" / "index.html").read_text(encoding="utf-8")
    doc = html5lib.parse(ana)
    over = [
        tr.get("data-week") for tr in doc.iterfind(".//h:tr[@data-week]", NS) if tr.get("class") == "smm-calendar-over"
    ]
    assert over == ["2027-03-22"]
    channel = (site / "strategy" / "channels" / "instagram" / "index.html").read_text(encoding="utf-8")
    assert "Every week on Monday and Thursday at 09:00" in channel
    overview_rows = page_rows(site, "strategy/index.html")
    assert overview_rows[0]["data-date"] == "2027-03-22"
    assert max(r["data-date"] for r in overview_rows) <= "2027-04-04"
    spring = page_rows(site, "strategy/calendar/spring/index.html")
    assert [r["data-date"] for r in spring] == ["2027-03-24", "2027-03-25", "2027-03-31", "2027-04-20"]


def test_two_builds_give_identical_feeds(build_site) -> None:
    first = build_site(copy_plan=DST_PLAN, options=OPTIONS)
    second = build_site(copy_plan=DST_PLAN, options=OPTIONS)
    feeds = sorted(p.relative_to(first) for p in first.rglob("*.ics"))
    assert len(feeds) == 7
    for feed in feeds:
        assert (first / feed).read_bytes() == (second / feed).read_bytes(), feed
    assert (first / "strategy/calendar/index.html").read_bytes() == (
        second / "strategy/calendar/index.html"
    ).read_bytes()


def test_stakeholder_build_holds_nothing_internal_in_the_calendar(build_site) -> None:
    site = build_site(copy_plan=DST_PLAN, options={**OPTIONS, "audience": "stakeholders"})
    assert not (site / "strategy" / "calendar" / "hush-channel.ics").exists()
    assert not (site / "strategy" / "calendar" / "people" / "sam-secret.ics").exists()
    files = list((site / "strategy").rglob("*.ics")) + [site / "strategy" / "calendar" / "index.html"]
    files.append(site / "strategy" / "index.html")
    assert len(files) == 7  # the full feed, 2 channels, 2 people, the calendar and the overview
    for path in files:
        text = path.read_text(encoding="utf-8")
        for secret in ("Hush", "hush", "Sam ", "sam-secret"):
            assert secret not in text, (path, secret)
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert not [e for e in data["calendar_window"] if "Hush" in e["title"]]


def test_windows_outside_the_horizon_show_public_holidays_on_the_page_and_in_the_feed(build_site) -> None:
    # The horizon runs from 1 March to 30 April 2027; the plan lists German holidays.
    for today, weeks, holidays in (
        (
            "2026-12-21",
            2,
            [
                ("2026-12-25", "Christmas Day"),
                ("2026-12-26", "Second Day of Christmas"),
                ("2027-01-01", "New Year's Day"),
            ],
        ),
        ("2027-04-26", 3, [("2027-05-01", "Labor Day"), ("2027-05-06", "Ascension Day")]),
    ):
        site = build_site(copy_plan=DST_PLAN, options={"today": today, "calendar_weeks": weeks})
        data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
        assert [(e["date"], e["title"]) for e in data["calendar_window"] if e["kind"] == "holiday"] == holidays
        rows = page_rows(site)
        assert [r["data-date"] for r in rows if r["data-kind"] == "holiday"] == [day for day, _ in holidays]
        # A subscriber sees the same days as the page.
        window = data["calendar_window_range"]
        first, last = date.fromisoformat(window["start"]), date.fromisoformat(window["end"])
        expected = sorted(
            (f"{e['date']}T{e['time']}" if e["time"] else e["date"], e["uid"]) for e in data["calendar_window"]
        )
        assert feed_occurrences(site, "strategy/calendar.ics", first, last) == expected


def _workload_keys(data: object, path: str = "") -> list[str]:
    if isinstance(data, dict):
        found = [f"{path}.{k}" for k in data if k in ("capacity", "effort", "calendar_overloads")]
        return found + [p for k, v in data.items() for p in _workload_keys(v, f"{path}.{k}")]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _workload_keys(v, f"{path}[{i}]")]
    return []


def test_stakeholders_never_see_anyone_s_workload(build_site) -> None:
    # Ana (capacity 2 h) is over capacity in the week of 2027-03-22: the team sees it...
    team = build_site(copy_plan=DST_PLAN, options=OPTIONS)
    ana = (team / "strategy" / "team" / "ana" / "index.html").read_text(encoding="utf-8")
    assert "Over capacity" in ana and "Planned (h)" in ana
    assert "Over capacity" in (team / "strategy" / "calendar" / "index.html").read_text(encoding="utf-8")
    team_data = json.loads((team / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert team_data["calendar_overloads"] and _workload_keys(team_data)
    # ... a stakeholder build has no hours, capacity or load anywhere: pages, search, plan.json.
    site = build_site(copy_plan=DST_PLAN, options={**OPTIONS, "audience": "stakeholders"})
    words = ("capacity", "Capacity", "effort", "Effort", "Planned (h)", "h planned", "Within capacity")
    texts = [*site.rglob("*.html"), site / "search" / "search_index.json", *site.rglob("*.ics")]
    assert len(texts) > 20
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for word in words:
            assert word not in text, (path.relative_to(site), word)
    data = json.loads((site / "strategy" / "plan.json").read_text(encoding="utf-8"))
    assert _workload_keys(data) == []
    assert "ana" in data["team"]  # Ana herself is still there
    # Her page keeps what a stakeholder may use: her calendar feed.
    ana = html5lib.parse((site / "strategy" / "team" / "ana" / "index.html").read_text(encoding="utf-8"))
    assert [a for a in ana.iterfind(".//h:a[@href]", NS) if a.get("href").endswith("people/ana.ics")]
