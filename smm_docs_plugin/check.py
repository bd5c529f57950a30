"""``smm check [PLAN_DIR]``: validate a plan without building (PLAN_FORMAT.md §6)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PlanError, Problem, sort_problems
from .today import TodayError, resolve_today

if TYPE_CHECKING:
    from .plan import Plan


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="validate a plan: every problem at once, as path:line: severity: message")
    parser.add_argument("plan_dir", nargs="?", default="plan", help="the plan folder (default: plan)")
    parser.add_argument(
        "--format", choices=["text", "github"], default="text", help="'github' prints GitHub Actions annotations"
    )
    parser.add_argument(
        "--today", default=None, help="the date to check against (default: SOURCE_DATE_EPOCH, else today)"
    )
    parser.add_argument(
        "--docs-dir",
        default=None,
        help="also check [[section/id]] links in these Markdown pages (default: docs/ beside the plan, if any)",
    )
    parser.set_defaults(run=run)


def check_plan(plan_dir: Path, today: object = None, docs_dir: Path | None = None) -> list[Problem]:
    """Every problem of a plan (and of the wikilinks in ``docs_dir``), sorted."""
    from .loader import load_plan
    from .markup import dialect_of_project
    from .posts import platform_problems
    from .resolve import stale_evidence

    try:
        when = resolve_today(today) if today is not None else None
    except TodayError as exc:
        return [Problem("--today", 0, "error", str(exc))]
    broken: frozenset[tuple[str, str]] = frozenset()
    dialect = dialect_of_project(plan_dir)
    try:
        plan = load_plan(plan_dir, today=when, markdown=dialect)
        problems = list(plan.problems)
    except PlanError as exc:
        if exc.plan is None:
            return exc.problems
        # Still check what depends on the plan.
        plan, problems, broken = exc.plan, list(exc.problems), exc.broken
    problems += stale_evidence(plan)
    problems += platform_problems(plan)
    if docs_dir is not None:
        problems += check_docs_pages(plan, docs_dir, broken)
        if not any(p.severity == "error" for p in problems):  # (a plan with errors lists no pages)
            from .collisions import check_url_collisions

            problems += check_url_collisions(plan, docs_dir, docs_dir.parent / "mkdocs.yml")
    return sort_problems(problems)


def check_docs_pages(plan: Plan, docs_dir: Path, broken: Iterable[tuple[str, str]] = ()) -> list[Problem]:
    """``[[links]]`` and internal-marker mistakes of the hand-written pages in ``docs_dir``
    (dot files and folders skipped, as MkDocs does). ``broken``: plan files that exist but
    failed to load (a link to one is not "no such entity"; its own error says what is wrong)."""
    from .loader import display_path
    from .resolve import _names_broken, internal_marker_problems
    from .wikilinks import check_wikilinks

    problems: list[Problem] = []
    if not docs_dir.is_dir():
        return problems
    broken = set(broken)
    for path in sorted(docs_dir.rglob("*.md")):
        if any(part.startswith(".") for part in path.relative_to(docs_dir).parts) or not path.is_file():
            continue
        shown = display_path(path)
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            problems.append(Problem(shown, 1, "error", f"cannot read file: {exc.strerror or exc}"))
            continue
        markdown, first_line = _page_markdown(text)
        if "[[" in markdown:
            problems.extend(
                p for p in check_wikilinks(markdown, shown, first_line, plan) if not _names_broken(p, broken)
            )
        problems.extend(internal_marker_problems(markdown, shown, first_line, plan.markdown))
    return problems


def _page_markdown(text: str) -> tuple[str, int]:
    """A docs page's Markdown as MkDocs hands it to plugins (its YAML front matter removed) and
    the line it starts on, so the engine classifies exactly what the build renders."""
    from .markup import split_front_matter

    head, markdown = split_front_matter(text)
    return markdown, 1 + head.count("\n")


def run(args: argparse.Namespace) -> int:
    plan_dir = Path(args.plan_dir)
    docs_dir = Path(args.docs_dir) if args.docs_dir else plan_dir.parent / "docs"
    problems = check_plan(plan_dir, args.today, docs_dir if (args.docs_dir or docs_dir.is_dir()) else None)
    from .share import share_key_from, share_required_from

    if share_required_from(None) and share_key_from(None) is None:
        # The build would stop on this: `smm check` passing means the build passes.
        problems.append(
            Problem(
                "SMM_SHARE_KEY",
                0,
                "error",
                "SMM_SHARE_REQUIRED is set but SMM_SHARE_KEY is empty: the build must be encrypted and has no key",
            )
        )
    for problem in problems:
        print(problem.github() if args.format == "github" else str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"smm check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0
