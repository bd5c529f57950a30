"""The rolling calendar page, panels, overview fragment and plan.json values, rendered without
MkDocs (the site tests check the same through a real build)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import html5lib
import markdown

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import CalendarFeature, describe_rule, window_entries
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.render import _json_default

DST_PLAN = Path(__file__).resolve().parent / "golden" / "calendar" / "dst_plan"
TODAY = date(2027, 3, 24)  # a Wednesday: the window still starts on Monday 22 March
NS = {"h": "http://www.w3.org/1999/xhtml"}


def context(audience: str = "team", weeks: int = 2, today: date = TODAY) -> RenderContext:
    plan = load_plan(DST_PLAN, today=today, audience=audience)
    ctx = RenderContext(
        plan=plan, options=RenderOptions(audience=audience, calendar_weeks=weeks), env=make_environment()
    )
    CalendarFeature().prepare(ctx)
    return ctx


def page(ctx: RenderContext) -> str:
    outputs = {o.src_uri: o for o in CalendarFeature().outputs(ctx)}
    output = outputs["strategy/calendar/index.md"]
    assert output.nav_title == "Calendar"
    assert isinstance(output.content, str)
    return output.content


def html_of(md_text: str):
    """The page as Python-Markdown turns it into HTML, parsed."""
    return html5lib.parse(markdown.markdown(md_text, extensions=["tables", "attr_list"]), namespaceHTMLElements=True)


def rows(md_text: str) -> list[dict[str, str]]:
    doc = html_of(md_text)
    return [dict(tr.attrib) for tr in doc.iterfind(".//h:tr[@data-uid]", NS)]


def test_page_lists_exactly_the_window_entries_in_date_order() -> None:
    ctx = context()
    found = rows(page(ctx))
    expected = window_entries(ctx)
    assert [(r["data-date"], r["data-uid"]) for r in found] == [(o.day.isoformat(), o.series.uid) for o in expected]
    days = [r["data-date"] for r in found]
    assert days == sorted(days)
    assert days[0] >= "2027-03-22" and days[-1] <= "2027-04-04"
    assert "After the window" not in page(ctx)
    assert "Review the numbers" not in page(ctx)  # a task due on 5 April, the day after the window


def test_window_length_follows_the_option() -> None:
    ctx = context(weeks=1)
    text = page(ctx)
    assert max(r["data-date"] for r in rows(text)) <= "2027-03-28"
    assert len(re.findall(r"^## Week ", text, re.MULTILINE)) == 1
    assert "As of Mar 24, 2027: the week from Mar 22, 2027 to Mar 28, 2027." in text
    assert "weeks" not in text.split("As of", 1)[1].split("</p>", 1)[0]
    six = page(context(weeks=6))
    assert len(re.findall(r"^## Week ", six, re.MULTILINE)) == 6
    assert "As of Mar 24, 2027: the 6 weeks from Mar 22, 2027 to May 2, 2027." in six


def test_the_overview_shows_holidays_past_a_one_week_window_and_the_horizon() -> None:
    # Sunday 25 April: the window ends that day, the horizon on the 30th; the overview's
    # fourteen days reach 8 May.
    ctx = context(weeks=1, today=date(2027, 4, 25))
    [(_, text)] = list(CalendarFeature().overview(ctx, ctx.src()))
    holidays = [r["data-date"] for r in rows(text) if r["data-kind"] == "holiday"]
    assert holidays == ["2027-05-01", "2027-05-06"]


def test_weeks_have_headings_with_dates_and_the_page_says_as_of_today() -> None:
    text = page(context())
    # A date in a heading keeps its words together (non-breaking spaces): never "Mar 22, /
    # 2027" on a phone.
    assert "## Week 12: Mar\u00a022,\u00a02027 – Mar\u00a028,\u00a02027" in text
    assert "## Week 13: Mar\u00a029,\u00a02027 – Apr\u00a04,\u00a02027" in text
    assert "As of Mar 24, 2027" in text


def test_entries_show_time_channel_owner_status_and_source_links() -> None:
    doc = html_of(page(context()))
    row = next(tr for tr in doc.iterfind(".//h:tr[@data-uid]", NS) if "Blog teaser" in "".join(tr.itertext()))
    cells = ["".join(td.itertext()).strip() for td in row.iterfind("h:td", NS)]
    assert cells == [
        "Wed, Mar 31",
        "All day",
        "Blog",
        "Blog teaser",
        "Post",  # a calendar file's item (the kind)
        "Ben Okafor",
        "Scheduled",
        "Spring campaign",
    ]
    links = [a.get("href") for a in row.iterfind(".//h:a", NS)]
    assert links == ["../channels/blog/", "../team/ben/", "spring/"]
    post = next(
        tr
        for tr in doc.iterfind(".//h:tr[@data-uid]", NS)
        if tr.get("data-date") == "2027-03-29" and tr.get("data-kind") == "post"
    )
    assert ["".join(td.itertext()).strip() for td in post.iterfind("h:td", NS)][:2] == ["Mon, Mar 29", "09:00"]


def test_overloaded_week_is_flagged_on_the_calendar() -> None:
    doc = html_of(page(context()))
    flags = [div for div in doc.iterfind(".//h:div", NS) if "smm-calendar-overload" in (div.get("class") or "")]
    assert len(flags) == 1
    text = "".join(flags[0].itertext())
    assert "Ana Lopez: 4 h planned, capacity 3 h" in text
    flagged_weeks = [
        d.get("data-week")
        for d in doc.iterfind(".//h:div[@data-week]", NS)
        if any("smm-calendar-overload" in (inner.get("class") or "") for inner in d.iterfind(".//h:div", NS))
    ]
    assert flagged_weeks == ["2027-03-22"]


def test_filter_needs_javascript_and_the_page_works_without_it() -> None:
    text = page(context())
    assert '<form class="smm-calendar-filter" hidden>' in text
    assert 'data-channel="instagram"' in text and 'data-owner="ana"' in text


def test_page_explains_how_to_subscribe_with_links_to_the_feeds() -> None:
    text = page(context())
    for app in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert app in text
    for href in ('href="../calendar.ics"', 'href="instagram.ics"', 'href="people/ana.ics"'):
        assert href in text


def test_stakeholder_page_shows_nothing_internal() -> None:
    text = page(context(audience="stakeholders"))
    for secret in ("Hush", "hush", "Sam", "sam-secret"):
        assert secret not in text


def test_titles_cannot_become_markup() -> None:
    text = page(context())
    assert '<td class="smm-calendar-title">Spring launch\nBEGIN:VEVENT' in text
    doc = html_of(text)
    assert not [a for a in doc.iterfind(".//h:a", NS) if (a.get("href") or "").startswith("javascript")]


def test_json_lists_the_window_in_order() -> None:
    ctx = context()
    data = json.loads(json.dumps(CalendarFeature().json(ctx), default=_json_default))
    entries = data["calendar_window"]
    assert [(e["date"], e["uid"]) for e in entries] == [(o.day.isoformat(), o.series.uid) for o in window_entries(ctx)]
    blog = next(e for e in entries if e["title"] == "Blog teaser")
    assert {k: blog[k] for k in ("date", "time", "kind", "channel", "owner", "status", "source")} == {
        "date": "2027-03-31",
        "time": None,
        "kind": "item",
        "channel": "blog",
        "owner": "ben",
        "status": "scheduled",
        "source": "strategy/calendar/spring/",
    }
    assert next(e for e in entries if e["kind"] == "post")["time"] == "09:00"


def test_overview_lists_the_next_fourteen_days() -> None:
    ctx = context()
    [(weight, text)] = list(CalendarFeature().overview(ctx, ctx.src()))
    assert weight == 40
    days = [r["data-date"] for r in rows(text)]
    assert days[0] == "2027-03-24"
    assert max(days) <= (TODAY + timedelta(days=13)).isoformat()
    assert "2027-04-06" not in days and "2027-04-05" in days  # the task due on 5 April


def test_panels_on_channel_team_and_calendar_file_pages() -> None:
    ctx = context()
    feature = CalendarFeature()
    instagram = ctx.plan.get("channels", "instagram")
    [channel_panel] = feature.panels(ctx, instagram, ctx.src("channels", "instagram"))
    assert "Every week on Monday and Thursday at 09:00" in channel_panel
    assert "Thu, Mar 25, 2027" in channel_panel  # next occurrence after today (24 March)
    assert 'href="../../calendar/instagram.ics"' in channel_panel

    ana = ctx.plan.get("team", "ana")
    [team_panel] = feature.panels(ctx, ana, ctx.src("team", "ana"))
    doc = html_of(team_panel)
    over = [
        tr.get("data-week") for tr in doc.iterfind(".//h:tr[@data-week]", NS) if tr.get("class") == "smm-calendar-over"
    ]
    assert over == ["2027-03-22"]
    assert "Over capacity" in team_panel

    spring = ctx.plan.get("calendar", "spring")
    [file_panel] = feature.panels(ctx, spring, ctx.src("calendar", "spring"))
    assert [r["data-date"] for r in rows(file_panel)] == ["2027-03-24", "2027-03-25", "2027-03-31", "2027-04-20"]
    doc = html_of(file_panel)
    assert not list(doc.iterfind(".//h:b", NS))
    assert not [a for a in doc.iterfind(".//h:a", NS) if "javascript" in (a.get("href") or "")]
    assert "After the window &lt;b&gt;bold&lt;/b&gt; [click](javascript:alert(1))" in file_panel


def test_a_plan_without_channels_people_or_dates_still_gets_a_calendar() -> None:
    minimal = Path(__file__).resolve().parent / "fixtures" / "minimal_plan"
    plan = load_plan(minimal, today=date(2027, 8, 2))  # after the horizon: nothing recurs any more
    ctx = RenderContext(plan=plan, options=RenderOptions(calendar_weeks=3), env=make_environment())
    text = page(ctx)
    assert rows(text) == []
    assert text.count("Nothing planned this week.") == 3


def test_rules_in_words() -> None:
    ctx = context()
    assert describe_rule(ctx, "FREQ=WEEKLY;BYDAY=MO,TH") == "Every week on Monday and Thursday"
    assert describe_rule(ctx, "FREQ=MONTHLY;BYDAY=-1TH") == "Every month on the last Thursday"
    assert describe_rule(ctx, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=6") == "Every 2 weeks on Friday 6 times"
    assert describe_rule(ctx, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24") == "Every year on day 24 of the month in December"
    assert describe_rule(ctx, "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR") is None


def test_page_links_every_content_plan() -> None:
    text = page(context())
    assert '<li><a href="spring/">Spring campaign</a> (items: 4)</li>' in text
