"""Benchmark of KPIs, reports, SWOT, accounts and reviews on a large synthetic plan.

Run ``python benchmarks/bench_kpis.py [GOALS] [CHANNELS]``. It builds a resolved plan in memory
(no files, so loading is not measured): ``GOALS`` goals with 52 weekly actuals each, ``CHANNELS``
channels with 24 monthly reports of 8 metrics each, 50 competitors, 100 reviews. Then it times
the pace of every goal, the five pages, every panel, the overview fragments and the plan.json
values. Measured on the shared 2-core machine (load ~3): 50 goals and 20 channels in
about 0.8 s, 500 goals and 100 channels (4.6 MB of pages, 3,150 panels) in about 4 s; the
cost is the size of the output (Jinja and locale formatting), linear in reports x metrics.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.kpis import KpisFeature
from smm_docs_plugin.features.pace import goal_pace
from smm_docs_plugin.model import GOAL_TYPES, Entity, Mission
from smm_docs_plugin.plan import Plan, month_range
from smm_docs_plugin.sections import models as section_models


def _entity(section: str, id: str, fields: dict) -> Entity:
    entity = section_models()[section].model_validate(fields)
    entity.id, entity.section, entity.source = id, section, f"plan/{section}/{id}.md"
    return entity


def synthetic_plan(goals: int = 500, channels: int = 100, seed: int = 2027) -> Plan:
    rng = random.Random(seed)
    start, end = date(2027, 1, 1), date(2028, 12, 31)
    months = month_range(start, end)
    mission = Mission.model_validate(
        {
            "title": "Bench",
            "mission": "Benchmark",
            "horizon": {"start": start, "end": end},
            "swot": {
                q: [f"{q} {i}" for i in range(5)] for q in ("strengths", "weaknesses", "opportunities", "threats")
            },
            "review": {"rrule": "FREQ=MONTHLY;BYDAY=-1FR", "time": "15:00"},
        }
    )
    mission.id, mission.section = "mission", "mission"
    sections: dict[str, dict[str, Entity]] = {s: {} for s in section_models()}
    for i in range(10):
        sections["team"][f"p{i}"] = _entity("team", f"p{i}", {"title": f"Person {i}"})
    for i in range(channels):
        account = rng.choice([None, {"two_factor": True, "backup_owner": "p1"}, {"two_factor": False}])
        sections["channels"][f"c{i:03d}"] = _entity(
            "channels",
            f"c{i:03d}",
            {
                "title": f"Channel {i}",
                "platform": "instagram",
                "purpose": "p",
                "owner": f"p{i % 10}",
                "metrics": [f"m{k}" for k in range(10)],
                "account": account,
            },
        )
        for month in months:
            rid = f"c{i:03d}-{month}"
            sections["reports"][rid] = _entity(
                "reports",
                rid,
                {
                    "title": rid,
                    "channel": f"c{i:03d}",
                    "period": month,
                    "metrics": {f"m{k}": rng.randint(0, 100000) for k in range(8)},
                },
            )
    for i in range(goals):
        baseline, target = rng.randint(0, 1000), rng.randint(0, 5000)
        actuals = [{"date": start + timedelta(weeks=w), "value": rng.randint(0, 5000)} for w in range(52)]
        rng.shuffle(actuals)
        sections["goals"][f"g{i:04d}"] = _entity(
            "goals",
            f"g{i:04d}",
            {
                "title": f"Goal {i}",
                "type": GOAL_TYPES[i % len(GOAL_TYPES)],
                "metric": "m",
                "baseline": baseline,
                "target": target if target != baseline else target + 1,
                "deadline": end,
                "owner": "p0",
                "actuals": actuals,
            },
        )
    for i in range(50):
        sections["competitors"][f"k{i:02d}"] = _entity(
            "competitors",
            f"k{i:02d}",
            {
                "title": f"Rival {i}",
                "swot": {"strengths": ["a", "b"], "threats": ["c"]},
                "channels": [
                    {
                        "platform": p,
                        "followers": rng.randint(100, 10**6),
                        "avg_likes": 10,
                        "avg_shares": 2,
                        "avg_comments": 3,
                    }
                    for p in ("instagram", "tiktok", "x")
                ],
            },
        )
    for i in range(100):
        sections["reviews"][f"r{i:03d}"] = _entity(
            "reviews",
            f"r{i:03d}",
            {
                "title": f"Review {i}",
                "date": start + timedelta(days=7 * i),
                "attendees": ["p0", "p1"],
                "decisions": ["d1", "d2"],
            },
        )
    return Plan(root=Path("."), mission=mission, sections=sections, today=date(2027, 12, 15))


def main() -> None:
    goals = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    channels = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    plan = synthetic_plan(goals, channels)
    ctx = RenderContext(plan=plan, options=RenderOptions(), env=make_environment())
    feature = KpisFeature()

    t0 = time.perf_counter()
    for goal in plan.all("goals"):
        goal_pace(goal, plan.today, plan.effective.goal_start(goal))  # type: ignore[arg-type]
    t1 = time.perf_counter()
    feature.prepare(ctx)
    outputs = list(feature.outputs(ctx))
    t2 = time.perf_counter()
    panels = sum(len(list(feature.panels(ctx, e, ctx.src(e.section, e.id)))) for e in plan.entities())
    t3 = time.perf_counter()
    fragments = list(feature.overview(ctx, ctx.src()))
    values = [feature.entity_json(ctx, e) for e in plan.entities()] + [feature.json(ctx)]
    t4 = time.perf_counter()
    reports = len(plan.all("reports"))
    print(
        f"{goals} goals x 52 actuals, {channels} channels x {reports // channels} reports, 50 competitors, 100 reviews"
    )
    print(f"pace of every goal:          {(t1 - t0) * 1000:8.1f} ms")
    print(
        f"prepare + {len(outputs)} pages:            {(t2 - t1) * 1000:8.1f} ms "
        f"({sum(len(o.content) for o in outputs) // 1024} KiB)"
    )
    print(f"{panels} entity panels:         {(t3 - t2) * 1000:8.1f} ms")
    print(f"overview ({len(fragments)}) + plan.json ({len(values)}): {(t4 - t3) * 1000:8.1f} ms")
    print(f"total:                       {(t4 - t0) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
