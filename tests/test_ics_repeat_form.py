"""The plain repeat form (PLAN_FORMAT.md §7): ``{every: week, on: [tue, thu]}`` wherever an
``rrule`` is accepted. Each case is the plain form, the RRULE it stands for, or the message a
mistake gets; a plan written either way builds the same calendar, UIDs and feed, and the pages
show the plain form in words only."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from smm_docs_plugin.cli import main
from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import CalendarFeature, calendar_of
from smm_docs_plugin.loader import load_plan
from smm_docs_plugin.model import CadenceSlot, ReviewSchedule

from .conftest import build, make_project

TRANSLATIONS = [
    # (the plain form as a YAML flow mapping, the RRULE it means)
    ("{every: day}", "FREQ=DAILY"),
    ("{every: Days, interval: 3}", "FREQ=DAILY;INTERVAL=3"),
    ("{every: day, on: [mon, tue, wed, thu, fri]}", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
    ("{every: week}", "FREQ=WEEKLY"),
    ("{every: week, on: [tue, thu]}", "FREQ=WEEKLY;BYDAY=TU,TH"),
    ("{every: week, on: Tuesday}", "FREQ=WEEKLY;BYDAY=TU"),
    # The web editor's text field writes the list as text.
    ('{every: week, on: "tue, thu"}', "FREQ=WEEKLY;BYDAY=TU,TH"),
    ('{every: month, on: "1, 15"}', "FREQ=MONTHLY;BYMONTHDAY=1,15"),
    ("{every: week, interval: 2, on: [Mon, thurs, SAT]}", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH,SA"),
    ("{every: week, interval: 1, on: [we]}", "FREQ=WEEKLY;BYDAY=WE"),
    ("{every: month}", "FREQ=MONTHLY"),
    ("{every: month, on: 15}", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("{every: month, on: [1, 15]}", "FREQ=MONTHLY;BYMONTHDAY=1,15"),
    ("{every: month, on: -1}", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("{every: month, on: last day}", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("{every: month, on: 2nd monday}", "FREQ=MONTHLY;BYDAY=2MO"),
    ("{every: month, on: last friday}", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("{every: month, on: First Tuesday}", "FREQ=MONTHLY;BYDAY=1TU"),
    ("{every: month, on: 2nd-last thu}", "FREQ=MONTHLY;BYDAY=-2TH"),
    ("{every: month, on: second last sunday}", "FREQ=MONTHLY;BYDAY=-2SU"),
    ("{every: month, on: 5th wednesday}", "FREQ=MONTHLY;BYDAY=5WE"),
    ("{every: month, on: [1st monday, 3rd monday]}", "FREQ=MONTHLY;BYDAY=1MO,3MO"),
    ("{every: month, on: friday}", "FREQ=MONTHLY;BYDAY=FR"),
    ("{every: month, interval: 3, on: 1st monday}", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO"),
    ("{every: year}", "FREQ=YEARLY"),
]

MISTAKES = [
    # (the plain form, where the error is, what it says)
    ("{every: fortnight}", "every", "'day', 'week', 'month' or 'year'"),
    (
        "{every: week, on: [tuesdy]}",
        "on",
        "'tuesdy' is not a weekday (mon, tue, wed, thu, fri, sat, sun); did you mean 'tuesday'?",
    ),
    ("{every: week, on: 2nd monday}", "on", "'2nd monday' and 'last friday' go with 'every: month'"),
    ("{every: week, on: 15}", "on", "with 'every: week', 'on' names weekdays (e.g. [tue, thu]), not 15"),
    ("{every: month, on: 6th monday}", "on", "a month has at most 5 of each weekday"),
    ("{every: month, on: 32}", "on", "day 32: days of the month are 1 to 31"),
    (
        "{every: month, on: [15, friday]}",
        "on",
        "give days of the month (e.g. 15) or weekdays (e.g. 2nd monday), not both",
    ),
    ("{every: month, on: next monday}", "on", "write the week of the month as 1st to 5th, last or 2nd-last"),
    ("{every: month, on: someday}", "on", "is not a day of the month (15, last day) or a weekday of the month"),
    ("{every: year, on: monday}", "on", "'every: year' repeats on the start's date and takes no 'on'"),
    ("{every: week, on: []}", "on", "an empty list"),
    ("{every: week, interval: 0}", "interval", "greater than or equal to 1"),
    ('{every: week, rrule: "FREQ=WEEKLY"}', "", "give either 'rrule' or 'every', not both"),
    ("{on: [mon]}", "", "'every' is missing (day, week, month or year)"),
    (
        '{time: "09:00"}',
        "",
        "missing 'rrule' (e.g. FREQ=WEEKLY;BYDAY=TU) or 'every' (e.g. every: week, on: [tue, thu])",
    ),
]


@pytest.mark.parametrize(("plain", "rule"), TRANSLATIONS, ids=[p for p, _ in TRANSLATIONS])
def test_the_plain_form_is_the_rrule_it_translates_to(plain: str, rule: str) -> None:
    data = yaml.safe_load(plain.replace("on:", "'on':"))  # YAML 1.1 reads a bare 'on' as true
    assert CadenceSlot.model_validate(data).rrule == rule
    assert ReviewSchedule.model_validate(data).rrule == rule


@pytest.mark.parametrize(("plain", "where", "message"), MISTAKES, ids=[p for p, _, _ in MISTAKES])
def test_a_mistake_in_the_plain_form_says_what_to_write(plain: str, where: str, message: str) -> None:
    data = yaml.safe_load(plain.replace("on:", "'on':"))  # YAML 1.1 reads a bare 'on' as true
    with pytest.raises(ValidationError) as refused:
        CadenceSlot.model_validate(data)
    errors = refused.value.errors()
    assert [error["loc"] for error in errors] == [(where,) if where else ()]
    assert message in errors[0]["msg"]


def _plan(root: Path, slots: list[str], review: str) -> Path:
    files = {
        "mission.md": "---\ntitle: Acme\nmission: Bikes\nhorizon: {start: 2027-01-01, end: 2027-06-30}\n"
        f"timezone: Europe/Berlin\nreview: {review}\n---\n",
        "team/ana.md": "---\ntitle: Ana\n---\n",
        "channels/main.md": "---\ntitle: Main\nplatform: blog\npurpose: Everything\nowner: ana\ncadence:\n"
        + "".join(f"  - {slot}\n" for slot in slots)
        + "---\n",
    }
    for rel, text in files.items():
        path = root / "plan" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "plan"


PLAIN_SLOTS = [
    '{every: week, on: [tue, thu], time: "19:00", title: Brew guide}',
    '{every: month, on: last friday, time: "17:30"}',  # untitled: its UID comes from its rule
    "{every: week, interval: 2, on: sat, title: Fortnightly, start: 2027-02-06}",
]
RRULE_SLOTS = [
    '{rrule: "FREQ=WEEKLY;BYDAY=TU,TH", time: "19:00", title: Brew guide}',
    '{rrule: "FREQ=MONTHLY;BYDAY=-1FR", time: "17:30"}',
    '{rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", title: Fortnightly, start: 2027-02-06}',
]


def _calendar(plan_dir: Path):
    plan = load_plan(plan_dir, today=date(2027, 3, 10))
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    feature = CalendarFeature()
    feature.prepare(ctx)
    series = sorted((s.uid, s.kind, s.title, s.days, s.time, s.rule) for s in calendar_of(ctx).series)
    feeds = {o.src_uri: o.content for o in feature.outputs(ctx) if o.src_uri.endswith(".ics")}
    return series, feeds


def test_a_plan_in_the_plain_form_builds_the_same_calendar_and_feeds(tmp_path: Path) -> None:
    plain_series, plain_feeds = _calendar(
        _plan(tmp_path / "plain", PLAIN_SLOTS, '{every: month, on: 1st tuesday, time: "10:00"}')
    )
    rrule_series, rrule_feeds = _calendar(
        _plan(tmp_path / "rrule", RRULE_SLOTS, '{rrule: "FREQ=MONTHLY;BYDAY=1TU", time: "10:00"}')
    )
    assert plain_series == rrule_series  # same UIDs, days, times and rules
    assert len(plain_series) == 4
    assert plain_feeds == rrule_feeds  # byte for byte
    whole = plain_feeds["strategy/calendar.ics"]
    text = whole.decode() if isinstance(whole, bytes) else whole
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T215959Z" in text
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270630T215959Z" in text


def test_the_channel_page_shows_the_plain_form_in_words_only(tmp_path: Path) -> None:
    _plan(
        tmp_path,
        [*PLAIN_SLOTS, '{rrule: "FREQ=WEEKLY;BYDAY=MO", title: Written as a rule}'],
        "{every: month, on: 2nd-last wednesday}",
    )
    site = build(make_project(tmp_path))
    page = (site / "strategy" / "channels" / "main" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-slot="\d+">(.*?)</tr>', page, re.DOTALL)
    assert len(rows) == 4
    assert "Every week on Tuesday and Thursday at 19:00" in rows[0]
    assert "Every month on the last Friday at 17:30" in rows[1]
    assert "Every 2 weeks on Saturday" in rows[2]
    for row in rows[:3]:
        assert "<code>" not in row and "FREQ=" not in row
    assert "<code>FREQ=WEEKLY;BYDAY=MO</code>" in rows[3]  # an author who wrote the rule sees it


def test_check_reports_plain_form_mistakes_with_their_lines(tmp_path: Path, monkeypatch, capsys) -> None:
    _plan(
        tmp_path,
        ["{every: week, on: [tue, thu]}", "every: month\n    on: 6th monday", '{every: week, rrule: "FREQ=DAILY"}'],
        "{every: month, on: [15, friday]}",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "plan/channels/main.md:9: error: cadence.1.on: '6th monday': a month has at most 5 of each weekday (1st to "
        "5th, last, 2nd-last)" in out
    )
    assert (
        "plan/channels/main.md:10: error: cadence.2: give either 'rrule' or 'every', not both (every beside rrule)"
        in out
    )
    assert any(
        line.startswith("plan/mission.md:6: error: review.on: give days of the month (e.g. 15) or weekdays")
        for line in out
    )
    assert len(out) == 3, out


def test_a_plain_form_that_never_occurs_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    _plan(
        tmp_path, ["{every: month, on: 31, start: 2027-02-01, end: 2027-02-28, title: February 31st}"], "{every: week}"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "plan", "--today", "2027-03-10"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        (
            "plan/channels/main.md:7: error: cadence.0.every: this repeat (FREQ=MONTHLY;BYMONTHDAY=31) never occurs "
            "between 2027-02-01 and 2027-02-28"
        )
    ]
