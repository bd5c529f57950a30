"""Worst single recurrence rules: how long checking/expanding one rule takes over the longest
horizon a plan may have (ten years), bounded (``recurrence.expand``, what ``smm check`` and the
build use) beside dateutil alone (what they did before: look for the next occurrence without
limit, or list every occurrence of a ``COUNT``).

Run: ``.venv/bin/python benchmarks/bench_rules.py`` (about a minute and a half; ``--quick``
skips dateutil alone). Prints a Markdown table: the best of three runs per figure, one run of
dateutil alone (it takes seconds); then ``smm check`` on a plan holding all these rules beside
``smm check`` on the example plan, in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time as clock
from datetime import datetime
from pathlib import Path

from dateutil.rrule import rrulestr

from smm_docs_plugin.recurrence import RuleError, expand

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2027, 1, 1, 9, 0)
LAST = datetime(2036, 12, 31, 23, 59, 59)  # ten years: the longest horizon smm check accepts

RULES = [
    # (rule, what makes it hard)
    ("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "never occurs, hourly: every hour of ten years is a candidate"),
    ("FREQ=HOURLY;BYDAY=MO;BYSETPOS=1", "hourly with BYSETPOS, grouped per hour"),
    ("FREQ=HOURLY;COUNT=1000000000", "a billion, hourly: stops at the 20,000 limit"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31", "never occurs, daily"),
    ("FREQ=DAILY;COUNT=1000000000", "a billion, daily: 3,652 in ten years"),
    ("FREQ=DAILY;BYHOUR=9,12,17;BYSETPOS=-1", "daily with BYSETPOS"),
    ("FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2", "never occurs, weekly"),
    ("FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2", "never occurs in ten years (next: 2044), monthly"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", "never occurs, yearly"),
    ("FREQ=WEEKLY;BYDAY=TU,TH", "an ordinary slot"),
]


def best_of(runs: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = clock.perf_counter()
        result = work()
        best = min(best, clock.perf_counter() - started)
    return best, result


def bounded(rule: str) -> str:
    try:
        return f"{len(expand(rule, START, LAST)):,} occurrences"
    except RuleError as exc:
        return "error: " + str(exc).split(";")[0]


def dateutil_alone(rule: str) -> str:
    """The former check: ``list(rule)`` with a COUNT, else the first occurrence (``rule[0]``)."""
    parsed = rrulestr("RRULE:" + rule, dtstart=START)
    if "COUNT=1000000000" in rule:
        return "not run: lists 10⁹ occurrences (grew past 2.4 GB, never ended)"
    started = clock.perf_counter()
    first = next(iter(parsed), None)
    took = clock.perf_counter() - started
    return f"{took:.2f} s ({'first ' + first.date().isoformat() if first else 'none, walked to 9999'})"


def check_time(plan: Path) -> float:
    from smm_docs_plugin.check import check_plan

    return best_of(3, lambda: check_plan(plan, "2027-03-10"))[0]


def rules_plan(root: Path) -> Path:
    plan = root / "plan"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal_plan", plan)
    mission = plan / "mission.md"
    mission.write_text(
        mission.read_text(encoding="utf-8").replace("end: 2027-06-30", "end: 2036-12-31"), encoding="utf-8"
    )
    slots = "".join(f'  - {{rrule: "{rule}", title: "{rule}", time: "09:00"}}\n' for rule, _ in RULES)
    (plan / "channels" / "instagram.md").write_text(
        f"---\ntitle: Instagram\nplatform: instagram\npurpose: Worst rules\nowner: ana\ncadence:\n{slots}---\n",
        encoding="utf-8",
    )
    return plan


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip dateutil alone (seconds per rule)")
    args = parser.parse_args()
    print("| rule | bounded (best of 3) | result | dateutil alone (1 run) |")
    print("|---|---|---|---|")
    for rule, why in RULES:
        took, result = best_of(3, lambda rule=rule: bounded(rule))
        before = "—" if args.quick else dateutil_alone(rule)
        print(f"| `{rule}` ({why}) | {took * 1000:.0f} ms | {result} | {before} |")
    with tempfile.TemporaryDirectory() as folder:
        worst = check_time(rules_plan(Path(folder)))
    example = check_time(ROOT / "plan")
    print(
        f"\n`smm check`: the example plan {example:.2f} s; a plan with all {len(RULES)} rules above over ten years "
        f"{worst:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
