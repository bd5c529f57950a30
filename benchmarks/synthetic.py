"""Generate a synthetic, valid plan of N initiatives with proportional other sections.

    python benchmarks/synthetic.py OUT_DIR --initiatives 1000

Proportions (per 10 initiatives): 2 goals, 1 channel (two cadence slots), 1 team member,
1 persona, 2 budget lines, 1 calendar file of 8 items, 1 report, plus 3 competitors and
6 reviews in all. Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

HORIZON_START = date(2027, 1, 1)
HORIZON_END = date(2027, 12, 31)
STATUSES = ("backlog", "todo", "in-progress", "on-hold", "review", "done")
GOAL_TYPES = ("awareness", "traffic", "leads", "revenue", "engagement", "community", "press", "research")
CATEGORIES = ("software", "advertising", "services", "assets", "other")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(out: Path, initiatives: int, seed: int = 7) -> Path:
    """Write ``out/plan`` (replacing it) and return its path."""
    rng = random.Random(seed)
    plan = out / "plan"
    if plan.exists():
        shutil.rmtree(plan)
    n_goals = max(1, initiatives // 5)
    n_channels = max(1, initiatives // 10)
    n_team = max(2, initiatives // 10)
    n_personas = max(1, initiatives // 10)
    n_budget = max(1, initiatives // 5)
    n_calendar = max(1, initiatives // 10)
    _write(
        plan / "mission.md",
        f"""---
title: Synthetic Co
mission: Benchmark the handbook.
vision: Fast builds.
values: [speed, clarity]
horizon: {{start: {HORIZON_START}, end: {HORIZON_END}}}
currency: EUR
timezone: Europe/Berlin
company_goals:
  - {{id: grow, title: Grow}}
review: {{rrule: "FREQ=MONTHLY;BYDAY=1TU", time: "10:00"}}
holidays: [DE]
---
A synthetic plan with {initiatives} initiatives.
""",
    )
    for t in range(n_team):
        _write(
            plan / "team" / f"person-{t}.md",
            f"---\ntitle: Person {t}\nroles: [copywriter]\ncapacity: 30\nprivate: "
            f"{{email: person{t}@example.com}}\n---\nWorks on [[team/person-{(t + 1) % n_team}]]'s projects too.\n",
        )
    for p in range(n_personas):
        _write(
            plan / "personas" / f"persona-{p}.md",
            f"---\ntitle: Persona {p}\nrole: Buyer\nchannels: [channel-{p % n_channels}]\nchallenges: [time, "
            "money]\n---\n",
        )
    for c in range(n_channels):
        _write(
            plan / "channels" / f"channel-{c}.md",
            f"""---
title: Channel {c}
platform: instagram
purpose: Reach people
owner: person-{c % n_team}
personas: [persona-{c % n_personas}]
cadence:
  - {{rrule: "FREQ=WEEKLY;BYDAY=MO,WE", time: "09:00", title: Post, effort: 1}}
  - {{rrule: "FREQ=WEEKLY;BYDAY=FR", time: "17:30", title: Story}}
metrics: [followers, reach]
account: {{login_email: c{c}@example.com, two_factor: true, backup_owner: person-{(c + 1) % n_team}}}
---
""",
        )
    for g in range(n_goals):
        deadline = HORIZON_START + timedelta(days=120 + rng.randrange(240))
        actuals = "\n".join(
            f"  - {{date: {HORIZON_START + timedelta(days=30 * k)}, value: {100 + 10 * k + g}}}" for k in range(3)
        )
        _write(
            plan / "goals" / f"goal-{g}.md",
            f"""---
title: Goal {g}
type: {GOAL_TYPES[g % len(GOAL_TYPES)]}
supports: grow
metric: Followers
unit: followers
baseline: 100
target: {200 + g}
deadline: {deadline}
owner: person-{g % n_team}
channels: [channel-{g % n_channels}]
actuals:
{actuals}
---
""",
        )
    for i in range(initiatives):
        start = HORIZON_START + timedelta(days=rng.randrange(300))
        deps = f"depends_on: [initiative-{i - 1}]\n" if i % 7 == 3 else ""
        _write(
            plan / "initiatives" / f"initiative-{i}.md",
            f"""---
title: Initiative {i}
goal: goal-{i % n_goals}
owner: person-{i % n_team}
contributors: [person-{(i + 1) % n_team}]
start: {start}
duration: {1 + rng.randrange(8)}w
status: {STATUSES[i % len(STATUSES)]}
value: {1 + rng.randrange(5)}
complexity: {1 + rng.randrange(5)}
channels: [channel-{i % n_channels}]
{deps}milestones:
  - {{date: {start + timedelta(days=3)}, title: Kick-off}}
tasks:
  - {{title: Draft, owner: person-{i % n_team}, due: {start + timedelta(days=5)}, status: todo}}
  - {{title: Publish, owner: person-{(i + 1) % n_team}, due: {start + timedelta(days=6)}, status: done}}
---
Initiative {i} serves [[goals/goal-{i % n_goals}]].
""",
        )
    months = [f"2027-{m:02d}" for m in range(1, 13)]
    for b in range(n_budget):
        actual = "\n".join(f"  {m}: {rng.randrange(50, 150)}.{rng.randrange(100):02d}" for m in months[:6])
        _write(
            plan / "budget" / f"line-{b}.md",
            f"""---
title: Budget line {b}
category: {CATEGORIES[b % len(CATEGORIES)]}
channel: channel-{b % n_channels}
initiative: initiative-{b % initiatives}
planned: {100 + b % 50}.50
actual:
{actual}
carry_over: {"true" if b % 3 == 0 else "false"}
---
""",
        )
    for k in range(n_calendar):
        items = "\n".join(
            f'  - {{date: {HORIZON_START + timedelta(days=rng.randrange(365))}, time: "1{j % 10}:00", '
            f"title: Post {k}-{j}, status: scheduled}}"
            for j in range(8)
        )
        _write(
            plan / "calendar" / f"campaign-{k}.md",
            f"---\ntitle: Campaign {k}\nchannel: channel-{k % n_channels}\nowner: "
            f"person-{k % n_team}\nitems:\n{items}\n---\n",
        )
    for c in range(n_channels):
        _write(
            plan / "reports" / f"report-{c}.md",
            f"---\ntitle: Report {c}\nchannel: channel-{c}\nperiod: 2027-02\nmetrics: "
            f"{{followers: {1000 + c}, reach: {5000 + c}}}\n---\n",
        )
    for c in range(3):
        _write(
            plan / "competitors" / f"rival-{c}.md",
            f"---\ntitle: Rival {c}\nwebsite: https://rival{c}.example.com\nchannels:\n  - "
            f"{{platform: instagram, followers: {1000 * (c + 1)}, avg_likes: 10}}\n---\n",
        )
    for r in range(6):
        _write(
            plan / "reviews" / f"review-{r}.md",
            f"---\ntitle: Review {r}\ndate: 2027-0{r + 1}-05\nattendees: [person-0]\ndecisions: [Keep going]\n---\n",
        )
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--initiatives", type=int, default=1000)
    args = parser.parse_args()
    print(generate(args.out, args.initiatives))


if __name__ == "__main__":
    main()
