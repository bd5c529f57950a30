"""Benchmark of the budget: 1,000 lines over a 24-month horizon, computed and rendered.

Run ``python benchmarks/bench_budget.py [LINES] [MONTHS]``. It builds a synthetic resolved plan
in memory (no files, so loading is not measured), then times the pure computation
(``budget_rows`` and the totals), the budget page, ``budget.csv``, the ``plan.json`` rows and
every panel. The target is well under a second for 1,000 lines and 24 months.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from smm_docs_plugin.budget_core import budget_rows, horizon_totals
from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.budget import BudgetFeature
from smm_docs_plugin.model import BUDGET_CATEGORIES, BudgetLine, Channel, Entity, Goal, Initiative, Mission, TeamMember
from smm_docs_plugin.plan import Plan, month_range


def _entity(cls: type[Entity], section: str, id: str, **fields: object) -> Entity:
    entity = cls(**fields)
    entity.id, entity.section, entity.source = id, section, f"plan/{section}/{id}.md"
    return entity


def synthetic_plan(lines: int = 1000, months: int = 24, seed: int = 2027) -> Plan:
    """A plan with ``lines`` budget lines over ``months`` months; today is mid-horizon, so half
    the months carry recorded spend. Amounts have cents and vary, like real invoices."""
    rng = random.Random(seed)
    start = date(2027, 1, 1)
    end_year, end_month = 2027 + (months - 1) // 12, (months - 1) % 12 + 1
    end = date(end_year, end_month, 28)
    horizon = month_range(start, end)
    today = date(int(horizon[len(horizon) // 2][:4]), int(horizon[len(horizon) // 2][5:]), 15)
    mission = Mission(title="Bench", mission="Benchmark", horizon={"start": start, "end": end})
    mission.id, mission.section, mission.source = "mission", "mission", "plan/mission.md"
    team = {"ana": _entity(TeamMember, "team", "ana", title="Ana")}
    channels = {
        f"channel-{i:02d}": _entity(
            Channel,
            "channels",
            f"channel-{i:02d}",
            title=f"Channel {i}",
            platform="instagram",
            purpose="Sales",
            owner="ana",
        )
        for i in range(20)
    }
    goals = {
        "grow": _entity(
            Goal,
            "goals",
            "grow",
            title="Grow",
            type="awareness",
            metric="followers",
            target=2,
            deadline=end,
            owner="ana",
        )
    }
    initiatives = {
        f"initiative-{i:02d}": _entity(
            Initiative,
            "initiatives",
            f"initiative-{i:02d}",
            title=f"Initiative {i}",
            goal="grow",
            owner="ana",
            start=start,
            end=end,
        )
        for i in range(50)
    }
    budget = {}
    for i in range(lines):
        planned: object
        if rng.random() < 0.5:
            planned = Decimal(rng.randrange(1000, 500000)) / 100
        else:
            planned = {m: Decimal(rng.randrange(0, 300000)) / 100 for m in horizon if rng.random() < 0.7}
        actual = {
            m: Decimal(rng.randrange(0, 400000)) / 100
            for m in horizon
            if m <= today.strftime("%Y-%m") and rng.random() < 0.9
        }
        id = f"line-{i:04d}"
        budget[id] = _entity(
            BudgetLine,
            "budget",
            id,
            title=f"Budget line {i}",
            category=rng.choice(BUDGET_CATEGORIES),
            channel=rng.choice([None, *channels]),
            initiative=rng.choice([None, *initiatives]),
            planned=planned,
            actual=actual,
            carry_over=rng.random() < 0.4,
        )
    sections = {"team": team, "channels": channels, "goals": goals, "initiatives": initiatives, "budget": budget}
    return Plan(root=Path("plan"), mission=mission, sections=sections, today=today)  # type: ignore[arg-type]


def _timed(step):
    wall, cpu = time.perf_counter(), time.process_time()
    value = step()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main(lines: int = 1000, months: int = 24) -> None:
    plan = synthetic_plan(lines, months)
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    feature = BudgetFeature()
    # One-offs of any build, not of the budget: label catalogue and template compilation.
    ctx.gettext("Budget")
    ctx.env.get_template("budget/page.md.j2")

    def compute():
        rows = budget_rows(plan)
        return rows, horizon_totals(plan, rows)

    def render():
        feature.prepare(ctx)
        return list(feature.outputs(ctx))

    def publish():
        data = feature.json(ctx)
        panels = [p for line in plan.all("budget") for p in feature.panels(ctx, line, ctx.src("budget", line.id))]
        for entity in [*plan.all("channels"), *plan.all("initiatives")]:
            panels += feature.panels(ctx, entity, ctx.src(entity.section, entity.id))
        return data, panels

    (rows, totals), compute_wall, compute_cpu = _timed(compute)
    outputs, render_wall, render_cpu = _timed(render)
    (_data, panels), publish_wall, publish_cpu = _timed(publish)

    page, csv_text = outputs[0].content, outputs[1].content
    print(f"{lines} lines x {len(plan.months)} months = {len(rows)} rows; horizon planned {totals.planned}")
    print(f"{'step':48} {'wall ms':>8} {'cpu ms':>8}")
    print(
        f"{'budget_rows + horizon_totals (pure computation)':48} {1000 * compute_wall:8.1f} {1000 * compute_cpu:8.1f}"
    )
    print(
        f"{'computed + budget page + budget.csv':48} {1000 * render_wall:8.1f} {1000 * render_cpu:8.1f}"
        f"   page {len(page) / 1e6:.1f} MB, csv {len(csv_text) / 1e6:.1f} MB"
    )
    print(f"{f'plan.json rows + {len(panels)} entity panels':48} {1000 * publish_wall:8.1f} {1000 * publish_cpu:8.1f}")
    print(
        f"{'everything the budget feature produces':48} {1000 * (render_wall + publish_wall):8.1f} "
        f"{1000 * (render_cpu + publish_cpu):8.1f}"
    )


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
