"""``smm check [PLAN_DIR]``: validate a plan without building (PLAN_FORMAT.md §6)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PlanError, Problem, sort_problems
from .today import TodayError, resolve_today


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="validate a plan: every problem at once, as path:line: severity: message")
    parser.add_argument("plan_dir", nargs="?", default="plan", help="the plan folder (default: plan)")
    parser.add_argument("--format", choices=["text", "github"], default="text", help="'github' prints GitHub Actions annotations")
    parser.add_argument("--today", default=None, help="the date to check against (default: SOURCE_DATE_EPOCH, else today)")
    parser.add_argument("--docs-dir", default=None, help="also check [[section/id]] links in these Markdown pages (default: docs/ beside the plan, if any)")
    parser.set_defaults(run=run)


def check_plan(plan_dir: Path, today: object = None, docs_dir: Path | None = None) -> list[Problem]:
    """Every problem of a plan (and of the wikilinks in ``docs_dir``), sorted."""
    from .loader import display_path, load_plan
    from .resolve import UNCLOSED_INTERNAL, stale_evidence, unclosed_internal
    from .wikilinks import check_wikilinks

    try:
        when = resolve_today(today) if today is not None else None
    except TodayError as exc:
        return [Problem("--today", 0, "error", str(exc))]
    try:
        plan = load_plan(plan_dir, today=when)
    except PlanError as exc:
        return exc.problems
    problems = list(plan.problems) + stale_evidence(plan)
    if docs_dir is not None and docs_dir.is_dir():
        for page in sorted(docs_dir.rglob("*.md")):
            text = page.read_text(encoding="utf-8", errors="replace")
            problems.extend(check_wikilinks(text, display_path(page), 1, plan))
            if unclosed_internal(text):
                problems.append(Problem(display_path(page), 1, "warning", UNCLOSED_INTERNAL))
    return sort_problems(problems)


def run(args: argparse.Namespace) -> int:
    plan_dir = Path(args.plan_dir)
    docs_dir = Path(args.docs_dir) if args.docs_dir else plan_dir.parent / "docs"
    problems = check_plan(plan_dir, args.today, docs_dir if (args.docs_dir or docs_dir.is_dir()) else None)
    for problem in problems:
        print(problem.github() if args.format == "github" else str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"smm check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0
