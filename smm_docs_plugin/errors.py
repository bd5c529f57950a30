"""Problems found in a plan: one place for the domain's errors and warnings."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .model import Entity
    from .plan import Plan

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed as ``path:line: severity: message``.

    ``path`` is the file as the user should see it (relative to the current directory where
    possible), ``line`` is 1-based (0 when no line applies).
    """

    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _one_line(f"{where}: {self.severity}: {self.message}")

    def github(self) -> str:
        """The problem as a GitHub Actions workflow annotation."""
        message = _github_escape(self.message)
        path = _github_escape(self.path, prop=True)
        line = f",line={self.line}" if self.line else ""
        return f"::{self.severity} file={path}{line}::{message}"


#: Characters that end a line for some reader (str.splitlines, terminals, editors) or hide text.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """One problem, one line: a key or value with a line break (``"a\\nplan/x.md:1: error:
    …"``) must not print a second, forged problem."""
    return _LINE_BREAKING.sub(lambda m: repr(m.group())[1:-1], text)


def _github_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


class PlanError(Exception):
    """Raised when a plan has errors; carries every problem found, not just the first."""

    def __init__(
        self,
        problems: Iterable[Problem],
        plan: Plan | None = None,
        broken: Iterable[tuple[str, str]] = (),
        salvaged: Iterable[Entity] = (),
    ) -> None:
        self.problems = sorted(set(problems), key=_sort_key)
        #: The plan as far as it could be resolved (None when mission.md itself failed), so
        #: callers can still check what depends on it (docs pages' links, stale evidence).
        self.plan = plan
        #: (section, id) of files that exist but failed to load: not "no such entity".
        self.broken = frozenset(broken)
        #: Files that failed validation, read without their wrong values (``loader.salvage``):
        #: ``smm check`` gives their posts' warnings too. Never part of ``plan``.
        self.salvaged = list(salvaged)
        super().__init__(self.report())

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def report(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def _sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line, 0 if problem.severity == "error" else 1, problem.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in a stable, readable order: by file, then line; duplicates dropped."""
    return sorted(set(problems), key=_sort_key)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` relative to the current directory (as §6 asks), links left unresolved so the
    user sees the name they wrote."""
    here = os.path.abspath(cwd or os.getcwd())
    target = os.path.abspath(path)
    try:
        rel = os.path.relpath(target, here)
    except ValueError:  # another drive on Windows
        return Path(target).as_posix()
    return Path(rel).as_posix()


def plan_report(problems: Iterable[Problem]) -> str:
    """``the plan has N error(s):`` and every problem (warnings too) on a line of its own."""
    shown = list(problems)
    errors = sum(p.severity == "error" for p in shown)
    lines = "\n".join(str(p) for p in shown)
    return f"the plan has {errors} error(s):\n{lines}"
