"""A person's weekly load: cadence posts, calendar items and now the ``effort`` of their tasks."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import html5lib
import markdown

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.calendar import CalendarFeature, calendar_of, overloads_of
from smm_docs_plugin.loader import load_plan

DST_PLAN = Path(__file__).resolve().parent / "golden" / "calendar" / "dst_plan"
NS = {"h": "http://www.w3.org/1999/xhtml"}


def _plan_with_task_effort(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(DST_PLAN, plan)
    initiative = plan / "initiatives" / "spring-push.md"
    text = initiative.read_text(encoding="utf-8")
    # Ben (capacity 20 h) briefs creators in the week of 15 March: 22 h of work.
    text = text.replace(
        "{title: Brief creators, owner: ben, due: 2027-03-20}",
        "{title: Brief creators, owner: ben, due: 2027-03-20, effort: 22}",
    )
    # A task without an owner is its initiative owner's (Ana, capacity 3 h): 2.5 h on 5 April.
    text = text.replace(
        "{title: Review the numbers, due: 2027-04-05}", "{title: Review the numbers, due: 2027-04-05, effort: 2.5}"
    )
    initiative.write_text(text, encoding="utf-8")
    return plan


def _context(plan_dir: Path, today: date) -> RenderContext:
    plan = load_plan(plan_dir, today=today)
    ctx = RenderContext(plan=plan, options=RenderOptions(calendar_weeks=4), env=make_environment())
    CalendarFeature().prepare(ctx)
    return ctx


def test_task_effort_counts_in_the_owners_week(tmp_path: Path) -> None:
    before_ctx = _context(DST_PLAN, date(2027, 3, 16))
    ctx = _context(_plan_with_task_effort(tmp_path), date(2027, 3, 16))
    before, after = calendar_of(before_ctx).effort_by_week(), calendar_of(ctx).effort_by_week()
    ben_week, ana_week = ("ben", date(2027, 3, 15)), ("ana", date(2027, 4, 5))
    assert after[ben_week] == before.get(ben_week, Decimal(0)) + 22
    # A task without an owner is its initiative owner's.
    assert after[ana_week] == before.get(ana_week, Decimal(0)) + Decimal("2.5")
    # Ben was within his 20 h before; now the week is over capacity.
    assert ben_week not in {(o.owner, o.week) for o in overloads_of(before_ctx)}
    assert ben_week in {(o.owner, o.week) for o in overloads_of(ctx)}


def test_task_effort_shows_on_the_calendar_page(tmp_path: Path) -> None:
    ctx = _context(_plan_with_task_effort(tmp_path), date(2027, 3, 16))
    outputs = {o.src_uri: o for o in CalendarFeature().outputs(ctx)}
    page = outputs["strategy/calendar/index.md"].content
    assert isinstance(page, str)
    doc = html5lib.parse(
        markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html"]), namespaceHTMLElements=True
    )
    lines = {
        li.get("data-owner"): "".join(li.itertext())
        for li in doc.iterfind(".//h:div[@data-week='2027-03-15']//h:li[@data-owner]", NS)
    }
    assert "Ben Okafor: 26 h planned, capacity 20 h" in lines["ben"]  # 4 h of posts + the 22 h task


def test_task_effort_must_be_an_amount(tmp_path: Path) -> None:
    from smm_docs_plugin.errors import PlanError

    plan = _plan_with_task_effort(tmp_path)
    initiative = plan / "initiatives" / "spring-push.md"
    initiative.write_text(initiative.read_text(encoding="utf-8").replace("effort: 22", "effort: -3"), encoding="utf-8")
    try:
        load_plan(plan, today=date(2027, 3, 16))
    except PlanError as exc:
        messages = [str(p) for p in exc.problems]
    else:
        raise AssertionError("a negative effort loaded")
    assert any("spring-push.md" in m and "effort" in m for m in messages), messages
