"""The .ics feeds, parsed with icalendar and expanded by an independent RFC 5545 library
(recurring_ical_events), compared with what the calendar page lists."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import CalendarFeature, window_entries
from smm_docs_plugin.loader import load_plan

DST_PLAN = Path(__file__).resolve().parent / "golden" / "calendar" / "dst_plan"
TODAY = date(2027, 3, 22)
BERLIN = ZoneInfo("Europe/Berlin")


def render(audience: str = "team", site_url: str | None = None, today: date = TODAY, plan_dir: Path = DST_PLAN):
    plan = load_plan(plan_dir, today=today, audience=audience)
    options = RenderOptions(audience=audience, calendar_weeks=2, site_url=site_url)
    ctx = RenderContext(plan=plan, options=options, env=make_environment())
    feature = CalendarFeature()
    feature.prepare(ctx)
    return ctx, {o.src_uri: o.content for o in feature.outputs(ctx)}


@lru_cache(maxsize=1)
def _shared_context() -> RenderContext:
    return render()[0]


def expand(ics: bytes, first: date, last: date) -> list[tuple[str, date | datetime]]:
    """(UID, start) of every occurrence from ``first`` to ``last`` inclusive, in order."""
    cal = icalendar.Calendar.from_ical(ics)
    found = []
    for event in recurring_ical_events.of(cal).between(first, last + timedelta(days=1)):
        found.append((str(event["UID"]), event.decoded("DTSTART")))
    return sorted(found, key=lambda item: (_day(item[1]), item[0]))


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def test_feed_expands_to_exactly_the_window_entries_at_local_times_across_dst() -> None:
    ctx, outputs = render()
    first, last = date(2027, 3, 22), date(2027, 4, 4)
    expected = sorted(
        (
            (o.series.uid, datetime.combine(o.day, o.time, tzinfo=BERLIN) if o.time else o.day)
            for o in window_entries(ctx)
        ),
        key=lambda item: (_day(item[1]), item[0]),
    )
    assert expand(outputs["strategy/calendar.ics"], first, last) == expected


def test_weekly_post_stays_at_nine_local_when_berlin_moves_its_clocks() -> None:
    _, outputs = render()
    cal = icalendar.Calendar.from_ical(outputs["strategy/calendar/instagram.ics"])
    posts = [
        e.decoded("DTSTART")
        for e in recurring_ical_events.of(cal).between(date(2027, 3, 22), date(2027, 4, 5))
        if "Product post" in str(e["SUMMARY"])
    ]
    assert [p.astimezone(BERLIN).replace(tzinfo=None) for p in posts] == [
        datetime(2027, 3, 22, 9),
        datetime(2027, 3, 25, 9),
        datetime(2027, 3, 29, 9),
        datetime(2027, 4, 1, 9),
    ]
    # The same local time is one hour earlier in UTC after 28 March.
    assert [p.astimezone(ZoneInfo("UTC")).hour for p in posts] == [8, 8, 7, 7]


def test_cadence_is_one_event_with_an_rrule_and_a_vtimezone() -> None:
    _, outputs = render()
    cal = icalendar.Calendar.from_ical(outputs["strategy/calendar.ics"])
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    product = [e for e in cal.walk("VEVENT") if "Product post" in str(e["SUMMARY"])]
    assert len(product) == 1
    assert product[0]["RRULE"]["FREQ"] == ["WEEKLY"]
    assert product[0]["DTSTART"].params["TZID"] == "Europe/Berlin"
    raw = outputs["strategy/calendar.ics"].decode()
    assert "DTSTART;TZID=Europe/Berlin:20270301T090000" in raw


def test_holidays_deadlines_and_milestones_are_all_day() -> None:
    _, outputs = render()
    cal = icalendar.Calendar.from_ical(outputs["strategy/calendar.ics"])
    by_summary = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    for summary in ("Good Friday", "Goal deadline: More riders", "Milestone: Creators signed"):
        start = by_summary[summary].decoded("DTSTART")
        assert type(start) is date, summary
        assert by_summary[summary]["DTSTART"].params.get("VALUE") == "DATE"


def test_feeds_hold_every_event_of_the_plan_not_only_the_window() -> None:
    _, outputs = render()
    summaries = {
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(outputs["strategy/calendar.ics"]).walk("VEVENT")
    }
    assert "Instagram: After the window <b>bold</b> [click](javascript:alert(1))" in summaries
    assert "Task due: Brief creators" in summaries  # before the window


def test_channel_feeds_hold_only_their_channel() -> None:
    ctx, outputs = render()
    calendar = ctx.computed["calendar"]
    for channel in ("instagram", "blog"):
        cal = icalendar.Calendar.from_ical(outputs[f"strategy/calendar/{channel}.ics"])
        uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
        assert uids == {s.uid for s in calendar.series if s.channel == channel}
        assert uids
    instagram = outputs["strategy/calendar/instagram.ics"].decode()
    assert "Weekly blog" not in instagram and "Good Friday" not in instagram


def test_person_feeds_hold_only_their_events() -> None:
    ctx, outputs = render()
    calendar = ctx.computed["calendar"]
    for person in ("ana", "ben"):
        cal = icalendar.Calendar.from_ical(outputs[f"strategy/calendar/people/{person}.ics"])
        uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
        assert uids == {s.uid for s in calendar.series if s.owner == person}
    ben = outputs["strategy/calendar/people/ben.ics"].decode()
    assert "Brief creators" in ben and "Product post" not in ben


def test_two_renders_give_identical_files() -> None:
    _, first = render()
    _, second = render()
    ics = [k for k in first if k.endswith(".ics")]
    assert len(ics) == 1 + 3 + 3
    for key in first:
        assert first[key] == second[key], key


def test_uids_survive_a_later_build() -> None:
    def uids(outputs: dict) -> dict[str, str]:
        cal = icalendar.Calendar.from_ical(outputs["strategy/calendar.ics"])
        return {str(e["SUMMARY"]): str(e["UID"]) for e in cal.walk("VEVENT")}

    assert uids(render()[1]) == uids(render(today=date(2027, 4, 15))[1])


def test_dtstamp_comes_from_today() -> None:
    _, outputs = render()
    cal = icalendar.Calendar.from_ical(outputs["strategy/calendar.ics"])
    stamps = {e.decoded("DTSTAMP") for e in cal.walk("VEVENT")}
    assert stamps == {datetime(2027, 3, 22, tzinfo=ZoneInfo("UTC"))}


def test_newline_in_a_title_cannot_add_a_property_or_an_event() -> None:
    ctx, outputs = render()
    raw = outputs["strategy/calendar.ics"]
    cal = icalendar.Calendar.from_ical(raw)
    assert len(cal.walk("VEVENT")) == len(ctx.computed["calendar"].series)
    assert b"\r\nUID:evil" not in raw and b"\r\nDTSTART:19991231" not in raw
    launch = [e for e in cal.walk("VEVENT") if "Spring launch" in str(e["SUMMARY"])]
    assert str(launch[0]["SUMMARY"]) == "Instagram: Spring launch\nBEGIN:VEVENT\nUID:evil\nDTSTART:19991231T000000Z"


def test_description_links_back_to_the_page() -> None:
    _, relative = render()
    _, absolute = render(site_url="https://example.org/handbook/")
    for outputs, prefix in ((relative, "/strategy/"), (absolute, "https://example.org/handbook/strategy/")):
        cal = icalendar.Calendar.from_ical(outputs["strategy/calendar.ics"])
        event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Goal deadline: More riders")
        assert str(event["DESCRIPTION"]).splitlines()[-1] == prefix + "goals/more-riders/"
    cal = icalendar.Calendar.from_ical(absolute["strategy/calendar.ics"])
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Goal deadline: More riders")
    assert str(event["URL"]) == "https://example.org/handbook/strategy/goals/more-riders/"


def test_stakeholder_feeds_hold_nothing_internal() -> None:
    _, team = render()
    _, outputs = render(audience="stakeholders")
    assert "strategy/calendar/hush-channel.ics" in team
    assert "strategy/calendar/people/sam-secret.ics" in team
    assert "strategy/calendar/hush-channel.ics" not in outputs
    assert "strategy/calendar/people/sam-secret.ics" not in outputs
    for key, content in outputs.items():
        if key.endswith(".ics"):
            text = content.decode()
            for secret in ("Hush", "hush", "Sam", "sam-secret"):
                assert secret not in text, (key, secret)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40)
    | st.sampled_from(["\\N", "a\rb", "x\x00y\x0bz", "a;b,c\\d", "\r\nDTSTART:19991231T000000Z"])
)
def test_any_title_round_trips_as_one_summary(title: str) -> None:
    from smm_docs_plugin.features.events import Series
    from smm_docs_plugin.features.ics import feed

    shared = _shared_context()
    ctx = RenderContext(plan=shared.plan, options=shared.options, env=shared.env)
    series = Series(uid="x@smm-handbook", kind="holiday", title=title, days=(date(2027, 3, 24),), time=time(9))
    cal = icalendar.Calendar.from_ical(feed(ctx, [series], "test"))
    events = cal.walk("VEVENT")
    assert len(events) == 1
    # icalendar reads a literal backslash-N as the escaped newline RFC 5545 allows: still one property.
    text = title.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    assert str(events[0]["SUMMARY"]) == expected
    assert set(events[0]) == {"UID", "DTSTAMP", "SUMMARY", "DTSTART", "DURATION", "DESCRIPTION", "CATEGORIES"}


def _small_plan(root: Path, zone: str, title: str = "Acme", person: str = "Ida", channel: str = "News") -> Path:
    files = {
        "mission.md": (
            f'---\ntitle: "{title}"\nmission: Bikes\nhorizon: {{start: 2027-01-01, end: 2027-06-30}}\n'
            f"timezone: {zone}\n---\n"
        ),
        "team/ida.md": f'---\ntitle: "{person}"\n---\n',
        "channels/news.md": f'---\ntitle: "{channel}"\nplatform: newsletter\npurpose: Retention\nowner: ida\n---\n',
    }
    for rel, text in files.items():
        (root / "plan" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "plan" / rel).write_text(text, encoding="utf-8")
    return root / "plan"


@pytest.mark.parametrize("zone", ["Europe/Berlin", "UTC"])
def test_a_feed_with_nothing_in_it_is_still_a_valid_calendar(tmp_path: Path, zone: str) -> None:
    # RFC 5545: a VCALENDAR holds at least one component. Ida owns nothing and the newsletter
    # has no cadence: their feeds hold the plan's VTIMEZONE (no invented event).
    _, outputs = render(plan_dir=_small_plan(tmp_path, zone))
    for name in ("strategy/calendar/news.ics", "strategy/calendar/people/ida.ics", "strategy/calendar.ics"):
        raw = outputs[name]
        cal = icalendar.Calendar.from_ical(raw)
        assert cal.walk("VEVENT") == [], name
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == [zone], name
        assert [c.name for c in cal.subcomponents] == ["VTIMEZONE"], name
        assert str(cal["X-WR-TIMEZONE"]) == zone
        assert recurring_ical_events.of(cal).between(date(2027, 1, 1), date(2028, 1, 1)) == []
        assert raw.endswith(b"END:VTIMEZONE\r\nEND:VCALENDAR\r\n")


def _unescape_text(value: str) -> str:
    """An RFC 5545 TEXT value as an app reads it (section 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_calendar_names_are_escaped_as_text(tmp_path: Path) -> None:
    title, person, channel = "Acme, Inc; \\\\Berlin\\\\ <x>", "Alice, A; \\\\x", "Insta, DE; main"
    _, outputs = render(plan_dir=_small_plan(tmp_path, "UTC", title, person, channel))
    names = {}
    for key, raw in outputs.items():
        if key.endswith(".ics"):
            [line] = [row for row in raw.decode().replace("\r\n ", "").split("\r\n") if row.startswith("X-WR-CALNAME:")]
            value = line.removeprefix("X-WR-CALNAME:")
            # No raw separator: every comma, semicolon and backslash is escaped.
            assert not re.search(r"(?<!\\)(?:\\\\)*[,;]", value), value
            names[key] = _unescape_text(value)
    assert names == {
        "strategy/calendar.ics": "Acme, Inc; \\Berlin\\ <x>: strategy calendar",
        "strategy/calendar/news.ics": "Acme, Inc; \\Berlin\\ <x>: Insta, DE; main calendar",
        "strategy/calendar/people/ida.ics": "Acme, Inc; \\Berlin\\ <x>: calendar of Alice, A; \\x",
    }


def test_wikilinks_in_feed_text_read_as_titles_and_never_name_an_internal_entity(tmp_path: Path) -> None:
    from .conftest import write_plan

    plan_dir = write_plan(
        tmp_path,
        {
            "mission.md": "---\ntitle: Acme\nmission: Bikes\nhorizon: {start: 2027-01-01, end: 2027-06-30}\n---\n",
            "team/ana.md": "---\ntitle: Ana\n---\n",
            "team/secret-sam.md": "---\ntitle: Sam Undisclosed\ninternal: true\n---\n",
            "channels/main.md": (
                "---\ntitle: Main\nplatform: blog\npurpose: All\nowner: ana\ncadence:\n"
                '  - {every: week, on: mon, title: "Q&A with [[team/secret-sam|our mystery guest]] on '
                '[[channels/main]]"}\n---\n'
            ),
            "calendar/launch.md": "---\ntitle: Launch\nchannel: main\nitems:\n"
            '  - {date: 2027-03-02, title: "Interview [[team/secret-sam]] and [[team/ana]]"}\n---\n',
        },
    )
    for audience, shown in (
        ("team", ("our mystery guest", "Sam Undisclosed")),
        ("stakeholders", ("internal", "internal")),
    ):
        plan = load_plan(plan_dir, today=TODAY, audience=audience)
        ctx = RenderContext(plan=plan, options=RenderOptions(audience=audience), env=make_environment())
        feature = CalendarFeature()
        feature.prepare(ctx)
        ics = next(o.content for o in feature.outputs(ctx) if o.src_uri.endswith("strategy/calendar.ics"))
        text = (ics.decode() if isinstance(ics, bytes) else ics).replace("\r\n ", "")
        assert "[[" not in text
        assert f"SUMMARY:Main: Q&A with {shown[0]} on Main" in text
        assert f"SUMMARY:Main: Interview {shown[1]} and Ana" in text
        if audience == "stakeholders":
            assert "secret-sam" not in text and "Undisclosed" not in text and "mystery" not in text


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aZ ,;\\é€😀ä中"), min_size=55, max_size=80)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=90)
)
def test_lines_are_written_exactly_as_icalendar_writes_them(text: str) -> None:
    """Lines under 75 octets skip icalendar's folding (it would leave them whole): every line,
    around the fold with characters of one to four octets, comes out byte for byte as
    icalendar's own ``Event`` writes it."""
    assert _written_by_us(text) == _written_by_icalendar(text)


def test_lines_of_every_length_around_the_fold_are_icalendars() -> None:
    for prefix in ("", "a", "aa", "aaa"):
        for char in ("a", "é", "€", "😀"):
            for count in range(1, 80):
                text = prefix + char * count
                assert _written_by_us(text) == _written_by_icalendar(text), (prefix, char, count)


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("a\\^ é€😀;,:"), max_size=400)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=400)
)
def test_folding_is_icalendars_for_any_line(text: str) -> None:
    """Lines of 75 octets or more are folded by slicing their octets: the same bytes as
    icalendar's own ``Contentline.to_ical`` for any text, over many folds, with characters of one
    to four octets and escapes (backslash, caret) wherever a fold falls."""
    from smm_docs_plugin.features.ics import fold_octets

    assert fold_octets(text.encode("utf-8")) == icalendar.parser.Contentline(text).to_ical()


def test_an_escape_at_every_place_around_a_fold_is_folded_as_icalendar_does() -> None:
    from smm_docs_plugin.features.ics import fold_octets

    for length in range(60, 240):
        for at in range(max(0, length - 200), length):
            for escape in ("\\", "^", "é"):
                text = "".join(escape if i == at or i == at - 74 else "x" for i in range(length))
                assert fold_octets(text.encode()) == icalendar.parser.Contentline(text).to_ical(), (length, at)


def _written_by_us(text: str) -> bytes:
    from smm_docs_plugin.features.ics import SharedProperties

    shared = SharedProperties()
    event = shared.event()
    event.add("summary", text)
    event.add("x-smm-raw", text)
    event.add("description", "d" + text + text)
    shared.add(event, "location", text)
    return bytes(event.to_ical())


def _written_by_icalendar(text: str) -> bytes:
    event = icalendar.Event()
    event.add("summary", text)
    event.add("x-smm-raw", text)
    event.add("description", "d" + text + text)
    event.add("location", text)
    return bytes(event.to_ical())
