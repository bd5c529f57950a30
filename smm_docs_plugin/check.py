"""``smm check [PLAN_DIR]``: validate a plan without building (PLAN_FORMAT.md §6)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import PlanError, Problem, sort_problems
from .today import TodayError, resolve_today

if TYPE_CHECKING:
    from .context import RenderOptions
    from .model import Entity
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
        help="also check [[section/id]] links in these Markdown pages (default: the docs_dir of the mkdocs.yml "
        "beside the plan, else docs/ beside it, if any)",
    )
    parser.set_defaults(run=run)


def check_plan(plan_dir: Path, today: object = None, docs_dir: Path | None = None) -> list[Problem]:
    """Every problem of a plan (and of the wikilinks in ``docs_dir``), sorted."""
    from .docs_pages import check_docs_pages
    from .loader import load_plan
    from .markup import dialect_of_project
    from .mkdocs_yaml import mkdocs_yaml_beside
    from .posts import platform_problems
    from .resolve import stale_evidence

    try:
        when = resolve_today(today) if today is not None else None
    except TodayError as exc:
        return [Problem("--today", 0, "error", str(exc))]
    broken: frozenset[tuple[str, str]] = frozenset()
    salvaged: list[Entity] = []
    dialect = dialect_of_project(plan_dir)
    try:
        plan = load_plan(plan_dir, today=when, markdown=dialect)
        problems = list(plan.problems)
    except PlanError as exc:
        if exc.plan is None:
            return exc.problems
        # Still check what depends on the plan.
        plan, problems, broken, salvaged = exc.plan, list(exc.problems), exc.broken, exc.salvaged
    problems += stale_evidence(plan)
    problems += platform_problems(plan)
    problems += _salvaged_post_warnings(plan, salvaged)
    if docs_dir is not None:
        problems += check_docs_pages(plan, docs_dir, broken)
        if not any(p.severity == "error" for p in problems):  # (a plan with errors lists no pages)
            problems += check_url_collisions(
                plan, docs_dir, mkdocs_yaml_beside(plan_dir) or docs_dir.parent / "mkdocs.yml"
            )
    return sort_problems(problems)


def _salvaged_post_warnings(plan: Plan, salvaged: list[Entity]) -> list[Problem]:
    """The posts' warnings of calendar files that failed validation (a ``time: 18.30`` does not
    hide that a caption is too long), from the file read without its wrong values, beside the
    plan's own files. The file's errors are reported already, so nothing here decides a pass."""
    from dataclasses import replace

    from .posts import platform_problems

    if not salvaged:
        return []
    sections = {name: dict(entities) for name, entities in plan.sections.items()}
    for entity in salvaged:
        sections.setdefault(entity.section, {})[entity.id] = entity
    sources = {entity.source for entity in salvaged}
    whole = replace(plan, sections=sections)
    return [p for p in platform_problems(whole) if p.path in sources and p.severity == "warning"]


def run(args: argparse.Namespace) -> int:
    from .mkdocs_yaml import folders_beside

    plan_dir = Path(args.plan_dir)
    # The build's docs_dir: the one the mkdocs.yml beside the plan sets, as the build reads it.
    docs_dir = Path(args.docs_dir) if args.docs_dir else folders_beside(plan_dir)[0]
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


def check_url_collisions(plan: Plan, docs_dir: Path, config_file: Path) -> list[Problem]:
    """``smm check``'s view of the build's rule: the options come from ``config_file`` (the
    ``smm`` entry of mkdocs.yml, defaults without one). Listing the generated files takes a
    moment, so it only happens when a hand-written file sits at or under ``url_prefix``."""
    from .collisions import docs_files, url_collisions
    from .errors import display_path
    from .render import ASSET_CSS, ASSET_JS

    prefix = _url_prefix(config_file)

    docs = {
        src: display_path(path)
        for src, path in docs_files(docs_dir).items()
        if src.rsplit(".", 1)[0] == prefix or src.startswith(prefix + "/") or src in (ASSET_CSS, ASSET_JS)
    }
    if not docs:
        return []
    options = _options(config_file)
    from dataclasses import replace

    from .render import render_site
    from .resolve import for_audience

    generated: set[str] = {ASSET_CSS, ASSET_JS}
    for audience in ("team", "stakeholders"):
        generated.update(render_site(for_audience(plan, audience), replace(options, audience=audience)))
    return url_collisions(docs, generated, use_directory_urls=options.use_directory_urls)


def _url_prefix(config_file: Path) -> str:
    """``url_prefix`` as written in mkdocs.yml (read without MkDocs, which takes a while to
    import), to decide whether the full check is needed at all."""
    from .mkdocs_yaml import MkDocsYamlError, read_mkdocs_yaml, smm_options

    if config_file.is_file():
        try:
            return str(smm_options(read_mkdocs_yaml(config_file)).get("url_prefix") or "strategy").strip("/")
        except MkDocsYamlError:
            pass
    return "strategy"


def _options(config_file: Path) -> RenderOptions:
    from .context import RenderOptions
    from .engine import RenderError, read_project, render_options

    if config_file.is_file():
        try:
            return render_options(read_project(config_file))
        except RenderError:
            pass  # no smm entry or bad options: the build itself says so
    return RenderOptions()
