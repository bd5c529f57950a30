"""The hand-written pages of ``docs_dir``, checked against the plan: their ``[[section/id]]``
links and internal markers (the plugin, ``smm render`` and ``smm check`` run the same check)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem, display_path
from .mkdocs_rules import split_front_matter
from .resolve import internal_marker_problems, names_broken
from .wikilinks import check_wikilinks

if TYPE_CHECKING:
    from .plan import Plan


def check_docs_pages(plan: Plan, docs_dir: Path, broken: Iterable[tuple[str, str]] = ()) -> list[Problem]:
    """``[[links]]`` and internal-marker mistakes of the hand-written pages in ``docs_dir``
    (dot files and folders skipped, as MkDocs does). ``broken``: plan files that exist but
    failed to load (a link to one is not "no such entity"; its own error says what is wrong)."""
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
                p for p in check_wikilinks(markdown, shown, first_line, plan) if not names_broken(p, broken)
            )
        problems.extend(internal_marker_problems(markdown, shown, first_line, plan.markdown))
    return problems


def _page_markdown(text: str) -> tuple[str, int]:
    """A docs page's Markdown as MkDocs hands it to plugins (its YAML front matter removed) and
    the line it starts on, so the engine classifies exactly what the build renders."""
    head, markdown = split_front_matter(text)
    return markdown, 1 + head.count("\n")
