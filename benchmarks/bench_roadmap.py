"""Benchmark: the roadmap, priorities and board pages of a synthetic 500-initiative plan.

Run ``python benchmarks/bench_roadmap.py [--initiatives 500] [--goals 8] [--out DIR]``. It writes
a plan into a temporary folder, loads it with the real loader, then times each page render
(best of several runs) and prints how many sub-rows the lanes needed, so a readable layout can
be checked along with the speed. ``--out`` also writes the rendered roadmap Markdown there.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from smm_docs_plugin.context import RenderContext, RenderOptions, make_environment
from smm_docs_plugin.features.roadmap import (
    RoadmapFeature,
    render_board_page,
    render_priorities_page,
    render_roadmap_page,
    timeline_layout,
)
from smm_docs_plugin.loader import load_plan

STATUSES = ("backlog", "todo", "in-progress", "on-hold", "review", "done")
WORDS = [
    "launch",
    "localise",
    "promote",
    "partner",
    "webinar",
    "reels",
    "stories",
    "giveaway",
    "newsletter",
    "podcast",
    "ads",
    "survey",
]


def write_plan(root: Path, initiatives: int, goals: int, seed: int = 7) -> Path:
    """A one-year plan with ``goals`` goals, five people and ``initiatives`` initiatives of
    random length, status, scores, milestones, tasks and dependencies (always on earlier ones)."""
    rng = random.Random(seed)
    plan = root / "plan"
    for folder in ("goals", "initiatives", "team"):
        (plan / folder).mkdir(parents=True, exist_ok=True)
    (plan / "mission.md").write_text(
        "---\ntitle: Bench Co\nmission: Benchmark the roadmap.\nhorizon: {start: 2027-01-01, end: 2027-12-31}\n---\n",
        encoding="utf-8",
    )
    people = [f"person-{n}" for n in range(5)]
    for person in people:
        (plan / "team" / f"{person}.md").write_text(f"---\ntitle: {person.title()}\n---\n", encoding="utf-8")
    for g in range(goals):
        (plan / "goals" / f"goal-{g}.md").write_text(
            f"---\ntitle: Goal number {g}\ntype: awareness\nmetric: Followers\ntarget: 1000\n"
            f"deadline: 2027-12-31\nowner: {people[g % 5]}\n---\n",
            encoding="utf-8",
        )
    day0 = date(2027, 1, 1)
    for n in range(initiatives):
        start = day0 + timedelta(days=rng.randrange(0, 330))
        end = min(start + timedelta(days=rng.randrange(3, 120)), date(2027, 12, 31))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 6))).capitalize() + f" {n}"
        lines = [
            "---",
            f"title: {title}",
            f"goal: goal-{rng.randrange(goals)}",
            f"owner: {rng.choice(people)}",
            f"start: {start.isoformat()}",
            f"end: {end.isoformat()}",
            f"status: {rng.choice(STATUSES)}",
            f"value: {rng.randint(1, 5)}",
            f"complexity: {rng.randint(1, 5)}",
        ]
        if n and rng.random() < 0.3:
            lines.append(f"depends_on: [i-{rng.randrange(n):04d}]")
        if rng.random() < 0.4:
            middle = start + (end - start) / 2
            lines.append(f"milestones: [{{date: {middle.isoformat()}, title: Check-in}}]")
        if rng.random() < 0.5:
            due = start + timedelta(days=2)
            lines.append(f"tasks: [{{title: First step of {n}, owner: {rng.choice(people)}, due: {due.isoformat()}}}]")
        lines += ["---", ""]
        (plan / "initiatives" / f"i-{n:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    return plan


def best_of(runs: int, function) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings), statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--initiatives", type=int, default=500)
    parser.add_argument("--goals", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        plan_dir = write_plan(Path(tmp), args.initiatives, args.goals)
        started = time.perf_counter()
        plan = load_plan(plan_dir, today=date(2027, 6, 15))
        load_time = time.perf_counter() - started
    env = make_environment()

    def fresh_context() -> RenderContext:
        """A new context per run, as in a build: no memoised dates or links carried over."""
        ctx = RenderContext(plan=plan, options=RenderOptions(), env=env)
        RoadmapFeature().prepare(ctx)
        return ctx

    started = time.perf_counter()
    render_roadmap_page(fresh_context())
    cold = time.perf_counter() - started
    ctx = fresh_context()
    layout = timeline_layout(ctx, ctx.computed["roadmap"].initiatives)
    rows = sum(lane.rows for lane in layout.lanes)
    print(f"plan: {args.initiatives} initiatives, {args.goals} goals (loaded in {load_time * 1000:.0f} ms)")
    print(
        f"layout: {len(layout.bars)} bars in {rows} sub-rows, {layout.scale.px_per_day} px/day, SVG "
        f"{layout.width:.0f}x{layout.height:.0f}"
    )
    print(f"roadmap page, first render (templates compiled): {cold * 1000:.1f} ms")
    for name, function in (
        ("timeline layout", lambda: timeline_layout(ctx, ctx.computed["roadmap"].initiatives)),
        ("roadmap page", lambda: render_roadmap_page(fresh_context())),
        ("priorities page", lambda: render_priorities_page(fresh_context())),
        ("board page", lambda: render_board_page(fresh_context())),
    ):
        best, median = best_of(args.runs, function)
        print(f"{name:16s} best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "roadmap.md").write_text(render_roadmap_page(ctx), encoding="utf-8")


if __name__ == "__main__":
    main()
