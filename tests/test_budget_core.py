"""The pure budget core (``budget_core``): rows, carry-over, totals, category order and the CSV,
computed from a plan built in memory — no files, no templates, no MkDocs — with ``Decimal``
edge cases and Hypothesis properties; and ``plan.json``'s amounts read through it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from smm_docs_plugin.budget_core import (
    CSV_HEADER,
    BudgetView,
    budget_csv,
    budget_rows,
    category_order,
    format_amount,
    horizon_totals,
    merge_totals,
    sum_rows,
    totals_by_category,
    totals_by_channel,
    totals_by_initiative,
    totals_by_line,
    totals_by_month,
)
from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.diff import compare_plans, render_markdown
from smm_docs_plugin.features.budget import BudgetFeature
from smm_docs_plugin.model import BUDGET_CATEGORIES, BudgetLine, Channel, Entity, Mission, TeamMember
from smm_docs_plugin.plan import Plan
from smm_docs_plugin.render import resolved_entity_data

MONTHS = ("2026-11", "2026-12", "2027-01", "2027-02")


def _entity(cls: type[Entity], section: str, id: str, **fields: Any) -> Entity:
    entity = cls(**fields)
    entity.id, entity.section, entity.source = id, section, f"plan/{section}/{id}.md"
    return entity


def make_plan(lines: dict[str, dict[str, Any]], today: date = date(2027, 1, 10)) -> Plan:
    """A plan over November 2026 to February 2027 (across a year end) with the given budget lines."""
    mission = Mission(title="Core", mission="Test", horizon={"start": date(2026, 11, 1), "end": date(2027, 2, 28)})
    mission.id, mission.section, mission.source = "mission", "mission", "plan/mission.md"
    sections: dict[str, dict[str, Entity]] = {
        "team": {"ana": _entity(TeamMember, "team", "ana", title="Ana")},
        "channels": {
            "blog": _entity(Channel, "channels", "blog", title="Blog", platform="blog", purpose="News", owner="ana")
        },
        "budget": {
            id: _entity(BudgetLine, "budget", id, **{"title": id.title(), "category": "other", **fields})
            for id, fields in sorted(lines.items())
        },
    }
    return Plan(root=Path("plan"), mission=mission, sections=sections, today=today)


def cells(rows: list, *names: str) -> list[tuple]:
    return [tuple(format_amount(getattr(row, n)) if n != "month" else row.month for n in names) for row in rows]


# --- Decimal edge cases ---------------------------------------------------------------------


def test_carry_over_rolls_across_the_year_end_and_stops_at_an_overspent_month():
    plan = make_plan(
        {
            "ads": {
                "planned": Decimal("100.10"),
                "carry_over": True,
                "actual": {"2026-11": Decimal("60.05"), "2026-12": Decimal("0.10"), "2027-01": Decimal(500)},
            }
        }
    )
    rows = budget_rows(plan)
    assert cells(rows, "month", "planned", "carried_in", "available", "actual", "variance") == [
        ("2026-11", "100.10", "0.00", "100.10", "60.05", "40.05"),
        # December carries November's unspent 40.05 over into the new year's January.
        ("2026-12", "100.10", "40.05", "140.15", "0.10", "140.05"),
        ("2027-01", "100.10", "140.05", "240.15", "500.00", "-259.85"),
        # An overspent month carries nothing (max(0, …)), and February has no actual.
        ("2027-02", "100.10", "0.00", "100.10", None, None),
    ]
    assert [row.overspent for row in rows] == [False, False, True, False]
    totals = sum_rows(rows, "2027-01")
    # Over the horizon the balance (planned minus actual where recorded) is the honest figure:
    # monthly variances of a carry-over line count the same unspent money once per month.
    assert totals.balance == Decimal("300.30") - Decimal("560.15") == Decimal("-259.85")
    assert totals.balance_overspent and totals.overspent
    assert totals.remaining == Decimal("400.40") - Decimal("560.15")


def test_negative_variance_in_an_overspent_month_without_carry_over():
    plan = make_plan({"tool": {"planned": {"2026-12": Decimal("19.99")}, "actual": {"2026-12": Decimal("20.00")}}})
    december = budget_rows(plan)[1]
    assert (december.available, december.actual, december.variance) == (
        Decimal("19.99"),
        Decimal("20.00"),
        Decimal("-0.01"),
    )
    assert december.overspent
    assert december.record()["variance"] == "-0.01"
    # A month the mapping does not name plans 0 and carries nothing.
    assert [row.planned for row in budget_rows(plan)] == [Decimal(0), Decimal("19.99"), Decimal(0), Decimal(0)]


def test_empty_actuals_leave_empty_cells_and_no_variance():
    plan = make_plan({"idle": {"planned": Decimal(5), "carry_over": True}})
    rows = budget_rows(plan)
    assert all(row.actual is None and row.variance is None and not row.has_actual for row in rows)
    assert all(row.carried_in == 0 for row in rows)  # nothing recorded, nothing carried
    totals = horizon_totals(plan, rows)
    assert (totals.planned, totals.actual, totals.variance, totals.balance) == (Decimal(20), 0, None, None)
    assert not totals.has_actual and not totals.overspent
    assert totals.planned_to_date == Decimal(15)  # November to January: today is in January
    assert budget_csv(rows).splitlines()[1:] == [f"idle,Idle,other,,,{month},5.00,0.00,5.00,," for month in MONTHS]
    assert horizon_totals(make_plan({})).rows == 0 and budget_csv([]) == ",".join(CSV_HEADER) + "\n"


def test_a_recorded_zero_is_spend_and_carries_the_whole_month():
    plan = make_plan({"z": {"planned": Decimal("0.30"), "carry_over": True, "actual": {"2026-11": Decimal(0)}}})
    november, december = budget_rows(plan)[:2]
    assert november.has_actual and november.variance == Decimal("0.30")
    assert december.carried_in == Decimal("0.30") and december.available == Decimal("0.60")


def test_one_category_order_for_totals_summaries_and_the_diff():
    assert category_order(["other", "software", "assets", "advertising", "services"]) == list(BUDGET_CATEGORIES)
    assert category_order(["other", "advertising"]) == ["advertising", "other"]
    assert category_order(["zzz", "other", "aaa"]) == ["other", "aaa", "zzz"]  # unknown ones last, A-Z
    plan = make_plan(
        {
            "a": {"category": "other", "planned": Decimal(1)},
            "b": {"category": "assets", "planned": Decimal(2)},
            "c": {"category": "software", "planned": Decimal(3)},
        }
    )
    rows = budget_rows(plan)
    assert list(totals_by_category(rows)) == ["software", "assets", "other"]
    assert list(BudgetView.compute(plan).totals_per("category")) == ["software", "assets", "other"]


def test_hidden_and_missing_references_group_last():
    plan = make_plan(
        {
            "a": {"planned": Decimal(1), "channel": "blog"},
            "b": {"planned": Decimal(2), "channel": "gone"},  # not in this (audience's) plan
            "c": {"planned": Decimal(4)},
        }
    )
    rows = budget_rows(plan)
    by_channel = totals_by_channel(rows)
    assert [(k, t.planned) for k, t in by_channel.items()] == [
        ("blog", Decimal(4)),
        (("hidden",), Decimal(8)),
        (("none",), Decimal(16)),
    ]
    assert {row.channel_cell for row in rows} == {"blog", "internal", None}
    assert "gone" not in budget_csv(rows)


# --- properties -----------------------------------------------------------------------------

cents = st.integers(min_value=0, max_value=10**9).map(lambda n: Decimal(n).scaleb(-2))
line_fields = st.fixed_dictionaries(
    {
        "category": st.sampled_from(BUDGET_CATEGORIES),
        "planned": st.one_of(cents, st.dictionaries(st.sampled_from(MONTHS), cents, max_size=4)),
        "actual": st.dictionaries(st.sampled_from(MONTHS), cents, max_size=4),
        "carry_over": st.booleans(),
        "channel": st.sampled_from([None, "blog", "gone"]),
    }
)
plans = st.dictionaries(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), line_fields, max_size=6).map(make_plan)


@settings(max_examples=60, deadline=None)
@given(plans)
def test_every_total_is_the_sum_of_its_rows(plan):
    rows = budget_rows(plan)
    view = BudgetView.compute(plan)
    whole = horizon_totals(plan, rows)
    assert whole.planned == sum((row.planned for row in rows), Decimal(0))
    assert whole.actual == sum((row.actual for row in rows if row.actual is not None), Decimal(0))
    assert whole.available == whole.planned + whole.carried_in
    assert view.totals == whole  # the page's totals (merged from lines) are the rows' totals
    for grouping in (
        totals_by_month(rows, plan.months),
        totals_by_line(rows, "2027-01"),
        totals_by_category(rows, "2027-01"),
        totals_by_channel(rows, "2027-01"),
        totals_by_initiative(rows, "2027-01"),
        view.totals_per("category"),
        view.totals_per("channel"),
    ):
        merged = merge_totals(grouping.values())
        assert (merged.planned, merged.actual, merged.available, merged.rows) == (
            whole.planned,
            whole.actual,
            whole.available,
            whole.rows,
        )
    for row in rows:
        assert row.available == row.planned + row.carried_in
        assert row.carried_in >= 0
        assert row.variance == (None if row.actual is None else row.available - row.actual)


@settings(max_examples=60, deadline=None)
@given(plans)
def test_the_csv_round_trips_to_the_rows(plan):
    rows = budget_rows(plan)
    parsed = list(csv.DictReader(io.StringIO(budget_csv(rows))))
    assert len(parsed) == len(rows)
    for row, cells_ in zip(rows, parsed, strict=True):
        assert list(cells_) == list(CSV_HEADER)
        assert cells_ == {key: "" if value is None else value for key, value in row.record().items()}
        for name in ("planned", "carried_in", "available", "actual", "variance"):
            amount = getattr(row, name)
            assert (Decimal(cells_[name]) if cells_[name] else None) == amount


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30), cents)
def test_any_title_stays_one_safe_cell(title, amount):
    plan = make_plan({"x": {"title": title, "planned": {"2027-01": amount}}})
    rows = budget_rows(plan)
    parsed = list(csv.reader(io.StringIO(budget_csv(rows), newline="")))
    assert len(parsed) == 1 + len(MONTHS)
    published = parsed[1][1]
    assert not published.startswith(("=", "+", "-", "@", "\t", "\r")) and "\r" not in published
    # Line breaks are kept (as LF: a lone CR would end the row in a spreadsheet); a formula gets an apostrophe.
    written = rows[0].title.replace("\r\n", "\n").replace("\r", "\n")  # the model strips the title
    assert published in (written, "'" + written)
    assert Decimal(parsed[3][6]) == amount


# --- plan.json reads the core ---------------------------------------------------------------


def test_plan_json_amounts_are_the_cores_decimal_text():
    plan = make_plan(
        {
            "ads": {
                "planned": {"2026-12": Decimal(1200), "2027-01": Decimal("0.5")},
                "actual": {"2026-12": Decimal("312.40")},
                "carry_over": True,
            }
        }
    )
    line = resolved_entity_data(plan, plan.sections["budget"]["ads"])
    assert json.loads(json.dumps(line))["actual"] == {"2026-12": "312.40"}
    assert line["planned"] == {"2026-12": "1200.00", "2027-01": "0.50"}
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    data = json.loads(json.dumps(BudgetFeature().json(ctx)))
    assert data["budget_rows"] == [row.record() for row in budget_rows(plan)]
    assert data["budget_rows"][2]["carried_in"] == "887.60"
    totals = horizon_totals(plan)
    assert data["budget_totals"]["planned"] == format_amount(totals.planned) == "1200.50"
    assert data["budget_totals"]["actual_to_date"] == "312.40"


# --- smm diff reads the core ----------------------------------------------------------------


def test_the_diff_reports_the_cores_totals_in_the_cores_category_order():
    before = make_plan({"a": {"category": "other", "planned": Decimal("10.05")}})
    after = make_plan(
        {
            "a": {"category": "other", "planned": Decimal("10.10")},
            "b": {"category": "assets", "planned": {"2027-01": Decimal("99.99")}},
            "c": {"category": "software", "planned": Decimal(1)},
        }
    )
    diff = compare_plans(before, after)
    assert [d.label for d in diff.budget_categories] == ["software", "assets", "other"]
    assert [(d.before, d.after) for d in diff.budget_lines] == [
        (Decimal("40.20"), Decimal("40.40")),
        (Decimal(0), Decimal("99.99")),
        (Decimal(0), Decimal(4)),
    ]
    assert diff.budget_total is not None
    assert (diff.budget_total.before, diff.budget_total.after) == (
        horizon_totals(before).planned,
        horizon_totals(after).planned,
    )
    report = render_markdown(diff, "main", "HEAD")
    assert "| **Total** | €40.20 | €144.39 | +€104.19 |" in report
    assert "| *Other* | €40.20 | €40.40 | +€0.20 |" in report  # the budget page's category word
