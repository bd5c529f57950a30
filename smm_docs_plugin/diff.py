"""``smm diff BASE [HEAD]``: what a change does to the plan, in plain words, as Markdown for a
pull-request comment.

Both revisions are taken from git (``git archive``, so neither the working tree nor the index
is touched), loaded with the same :func:`load_plan` as a build and compared entity by entity:
added, removed, renamed (same title or same content under a new id), dates moved (including
the end an initiative computes from its duration and the defaults of ``plan.effective``,
such as a goal's start at the horizon start), targets and statuses changed, and budget
changes per line and per category over the horizon (the budget core's totals, in its
category order). A reviewer reads the result; a machine
never parses it.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from babel.numbers import format_decimal

from . import labels
from .budget_core import BudgetView, category_order
from .context import md_escape
from .effective import effective_data
from .errors import PlanError, Problem
from .formats import format_money, formats_locale
from .i18n import N_, Messages, load_translations
from .labels import SECTION_NOUNS
from .loader import load_plan
from .model import Entity
from .plan import Plan
from .sections import PSEUDO_SECTIONS, section_names
from .sections import noun as section_noun

#: Goal fields a reviewer reads as "the target moved".
TARGET_FIELDS = ("target", "baseline", "metric", "unit", "type")
#: Fields whose values are the plan's fixed words (a status, a goal's type, a budget category):
#: the report names them as the pages do ("In review", "În revizuire"), not as YAML spells them.
VALUE_WORDS: dict[str, dict[str, str]] = {
    "status": labels.VALUE_LABELS,
    "type": labels.GOAL_TYPES,
    "category": labels.BUDGET_CATEGORY_LABELS,
}
#: Budget amounts are summarised per line and category instead of field by field.
BUDGET_AMOUNT_FIELDS = ("planned", "actual", "carry_over")
#: How alike two titles must be (difflib ratio) for a removed and an added entry to read as a rename.
RENAME_SIMILARITY = 0.8
#: List fields named for one of their items: ``tasks “Write copy” due`` reads ``task “Write copy” due``.
#: A list named like a section (a competitor's ``channels``, the mission's ``company_goals``)
#: takes the section's noun from the registry.
ITEM_NOUNS = {
    "tasks": N_("task"),
    "milestones": N_("milestone"),
    "items": N_("item"),
    "cadence": N_("cadence slot"),
    "actuals": N_("actual"),
    "channels": N_("channel"),
    "company_goals": N_("company goal"),
}


def english() -> Messages:
    """The report's words when nobody asked for a language."""
    return Messages(load_translations("en"), "en")


class GitError(RuntimeError):
    """A git command failed (unknown revision, not a repository...)."""


# --- reading a plan at a revision ----------------------------------------------------------


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repo_paths(plan_dir: Path, cwd: Path) -> tuple[Path, str, str]:
    """(repository top, the current folder inside it, the plan folder inside it), POSIX paths."""
    top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    prefix = _git(cwd, "rev-parse", "--show-prefix").decode().strip().rstrip("/")
    inside = (
        PurePosixPath(prefix) / PurePosixPath(plan_dir.as_posix()) if prefix else PurePosixPath(plan_dir.as_posix())
    )
    normal = PurePosixPath(*[p for p in _normalise(inside.parts)]) if inside.parts else PurePosixPath(".")
    return top, prefix, normal.as_posix()


def _normalise(parts: Iterable[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not out:
                raise GitError("the plan folder is outside the git repository")
            out.pop()
        else:
            out.append(part)
    return out


def extract_revision(top: Path, revision: str, path: str, into: Path) -> bool:
    """Write the files under ``path`` at ``revision`` into ``into`` (keeping their repository
    paths). False when the revision has no such folder (a plan added by the change)."""
    _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if not _git(top, "ls-tree", "-d", revision, "--", path).strip():
        return False
    archive = _git(top, "archive", "--format=tar", revision, "--", path)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, members=members, filter="data")
        else:  # pragma: no cover - Python < 3.10.12 has no extraction filters
            tar.extractall(into, members=members)
    return True


@dataclass
class Side:
    """One revision's plan, or why there is none."""

    revision: str
    plan: Plan | None = None
    missing: bool = False
    problems: list[Problem] = field(default_factory=list)


def load_revision(
    top: Path, prefix: str, plan_path: str, revision: str, scratch: Path, today: date | None, audience: str
) -> Side:
    root = scratch / re.sub(r"[^A-Za-z0-9._-]", "_", revision)
    root.mkdir(parents=True, exist_ok=True)
    side = Side(revision)
    if not extract_revision(top, revision, plan_path, root):
        side.missing = True
        return side
    try:
        # Paths in messages read as in the user's checkout: relative to their current folder.
        # Only the plan folder is extracted: posts' media files beside it are not looked for.
        side.plan = load_plan(root / plan_path, today=today, audience=audience, cwd=root / prefix, check_media=False)
    except PlanError as exc:
        side.problems = [p for p in exc.problems if p.severity == "error"]
    return side


# --- comparing -----------------------------------------------------------------------------


@dataclass
class Change:
    """One line of the report: ``subject`` (already Markdown-safe) and what happened."""

    subject: str
    text: str


@dataclass
class BudgetDelta:
    label: str
    before: Decimal
    after: Decimal

    @property
    def delta(self) -> Decimal:
        return self.after - self.before


@dataclass
class PlanDiff:
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    renamed: list[Change] = field(default_factory=list)
    dates: list[Change] = field(default_factory=list)
    targets: list[Change] = field(default_factory=list)
    statuses: list[Change] = field(default_factory=list)
    other: list[Change] = field(default_factory=list)
    budget_lines: list[BudgetDelta] = field(default_factory=list)
    budget_categories: list[BudgetDelta] = field(default_factory=list)
    budget_total: BudgetDelta | None = None
    currency: str = "EUR"

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.dates
            or self.targets
            or self.statuses
            or self.other
            or self.budget_lines
        )


def _entities(plan: Plan | None) -> dict[tuple[str, str], Entity]:
    if plan is None:
        return {}
    found: dict[tuple[str, str], Entity] = {("mission", "mission"): plan.mission}
    for section in section_names():
        for entity in plan.all(section):
            found[(section, entity.id)] = entity
    return found


def _data(entity: Entity) -> dict[str, Any]:
    return entity.model_dump(mode="python")


def _effective_data(plan: Plan, entity: Entity) -> dict[str, Any]:
    """The entity's fields with the defaults the handbook applies, as ``plan.json`` writes them:
    a goal without ``start`` whose horizon moves has moved, as its pages and feeds say."""
    return effective_data(plan.effective, entity, _data(entity))


def _subject(section: str, entity: Entity, m: Messages) -> str:
    noun = m.gettext(SECTION_NOUNS[section])  # the registry's noun; a pseudo-section's from sections.py
    if section == "mission":
        return noun
    return m.gettext("%(noun)s **%(title)s**", noun=noun, title=md_escape(entity.title))


def _where(section: str, id: str) -> str:
    return "`plan/mission.md`" if section == "mission" else f"`{section}/{id}`"


def _pair_renames(
    removed: list[tuple[str, str]],
    added: list[tuple[str, str]],
    old: dict[tuple[str, str], Entity],
    new: dict[tuple[str, str], Entity],
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Removed and added entities of one section that are the same thing under a new id:
    identical content first, then the same title, then the closest similar title (a renamed
    file whose title was tidied up at the same time)."""
    pairs = []
    free_added = list(added)

    def same_content(a: Entity, b: Entity) -> float:
        return 1.0 if _data(a) == _data(b) and a.body.strip() == b.body.strip() else 0.0

    def same_title(a: Entity, b: Entity) -> float:
        return 1.0 if _title_key(a) == _title_key(b) else 0.0

    def similar_title(a: Entity, b: Entity) -> float:
        ratio = difflib.SequenceMatcher(None, _title_key(a), _title_key(b)).ratio()
        return ratio if ratio >= RENAME_SIMILARITY else 0.0

    for score in (same_content, same_title, similar_title):
        for key in list(removed):
            candidates = [(score(old[key], new[c]), c) for c in free_added if c[0] == key[0]]
            best = max((pair for pair in candidates if pair[0] > 0), default=None, key=lambda pair: pair[0])
            if best is not None:
                pairs.append((key, best[1]))
                removed.remove(key)
                free_added.remove(best[1])
    added[:] = free_added
    return pairs


def _title_key(entity: Entity) -> str:
    return " ".join(entity.title.casefold().split())


def compare_plans(before: Plan | None, after: Plan | None, locale: str = "en", m: Messages | None = None) -> PlanDiff:
    """Everything that differs between two plans, grouped the way a reviewer asks about it."""
    m = m or english()
    old, new = _entities(before), _entities(after)
    either = after or before
    result = PlanDiff(currency=either.mission.currency if either else "EUR")
    removed = sorted(k for k in old if k not in new)
    added = sorted(k for k in new if k not in old)
    renames = _pair_renames(removed, added, old, new)

    for key in added:
        result.added.append(Change(_subject(key[0], new[key], m), m.gettext("new in %(where)s", where=_where(*key))))
    for key in removed:
        result.removed.append(Change(_subject(key[0], old[key], m), m.gettext("was %(where)s", where=_where(*key))))
    pairs = [(k, k) for k in sorted(old) if k in new] + renames
    for old_key, new_key in renames:
        result.renamed.append(Change(_subject(new_key[0], new[new_key], m), f"{_where(*old_key)} → {_where(*new_key)}"))
    for old_key, new_key in pairs:
        assert before is not None and after is not None  # an entity on both sides
        was, now = _effective_data(before, old[old_key]), _effective_data(after, new[new_key])
        _compare_entity(new_key[0], old[old_key], new[new_key], was, now, result, locale, m)
    _compare_budget(before, after, result, renames, m)
    return result


def _flatten(value: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Nested data as ``{path: leaf}``. Items of a list of titled mappings are keyed by their
    title (so inserting one item does not "move" every later one); other lists by position,
    and lists of plain values stay whole."""
    if isinstance(value, dict):
        flat: dict[tuple, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, path + (key,)))
        return flat or {path: {}}
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        titles = [v.get("title") for v in value]
        by_title = all(isinstance(t, str) for t in titles) and len(set(titles)) == len(titles)
        flat = {}
        for index, item in enumerate(value):
            marker = ("title", item["title"]) if by_title else ("index", index)
            flat.update(_flatten(item, path + (marker,)))
        return flat
    return {path: value}


def _describe_path(path: tuple, m: Messages) -> str:
    words = []
    section_words = {*section_names(), *PSEUDO_SECTIONS}
    for index, part in enumerate(path):
        item_noun = ITEM_NOUNS.get(part) or (section_noun(part) if part in section_words else None)
        if isinstance(path[index + 1] if index + 1 < len(path) else None, tuple) and item_noun:
            words.append(m.gettext(item_noun))
        elif isinstance(part, tuple):
            kind, value = part
            words.append(m.gettext("“%(title)s”", title=md_escape(value)) if kind == "title" else f"#{value + 1}")
        else:
            words.append(str(part).replace("_", " "))
    return " ".join(words)


def _show(value: Any, locale: str, m: Messages, field: str = "") -> str:
    words = VALUE_WORDS.get(field, {})
    if isinstance(value, str) and value in words:
        return m.gettext(words[value])
    if value is None or value == [] or value == {}:
        return m.gettext("(none)")
    if isinstance(value, bool):
        return m.gettext("yes") if value else m.gettext("no")
    if isinstance(value, (Decimal, int)):
        return format_decimal(value, locale=locale)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return m.join(_show(v, locale, m) for v in value)
    return str(md_escape(value))


def _days(before: date, after: date, m: Messages) -> str:
    delta = (after - before).days
    signed = f"{'+' if delta > 0 else ''}{delta}"
    return m.ngettext("%(days)s day", "%(days)s days", abs(delta), days=signed)


def _compare_entity(
    section: str,
    before: Entity,
    after: Entity,
    before_data: dict[str, Any],
    after_data: dict[str, Any],
    result: PlanDiff,
    locale: str,
    m: Messages | None = None,
) -> None:
    m = m or english()
    subject = _subject(section, after, m)
    old, new = _flatten(before_data), _flatten(after_data)
    other_fields: list[str] = []
    for path in sorted(set(old) | set(new), key=lambda p: [str(x) for x in p]):
        was, now = old.get(path), new.get(path)
        if was == now:
            continue
        leaf = next((p for p in reversed(path) if isinstance(p, str)), "")
        what = _describe_path(path, m)
        if section == "budget" and path and path[0] in BUDGET_AMOUNT_FIELDS:
            continue
        if isinstance(was, date) and isinstance(now, date):
            result.dates.append(Change(subject, f"{what} {was.isoformat()} → {now.isoformat()} ({_days(was, now, m)})"))
        elif (
            section == "calendar"
            and leaf == "status"
            and was is not None
            and now is not None
            and len(path) == 3
            and path[0] == "items"
            and isinstance(path[1], tuple)
            and path[1][0] == "title"
        ):
            # A post moving through its workflow (§7) reads as a planner says it.
            moved = m.gettext(
                "post “%(title)s” moved to %(now)s (was %(was)s)",
                title=md_escape(path[1][1]),
                now=_show(now, locale, m, leaf),
                was=_show(was, locale, m, leaf),
            )
            result.statuses.append(Change(subject, moved))
        elif leaf == "status" and was is not None and now is not None:
            result.statuses.append(
                Change(subject, f"{what} {_show(was, locale, m, leaf)} → {_show(now, locale, m, leaf)}")
            )
        elif section == "goals" and len(path) == 1 and leaf in TARGET_FIELDS:
            result.targets.append(
                Change(subject, f"{what} {_show(was, locale, m, leaf)} → {_show(now, locale, m, leaf)}")
            )
        elif isinstance(was, date) or isinstance(now, date):
            result.dates.append(
                Change(subject, f"{what} {_show(was, locale, m, leaf)} → {_show(now, locale, m, leaf)}")
            )
        elif path == ("title",) and isinstance(was, str) and isinstance(now, str):
            # A reviewer sees what the entity was called, not only that its title changed.
            quoted = [m.gettext("“%(title)s”", title=md_escape(text)) for text in (was, now)]
            result.other.append(Change(subject, f"{what} {quoted[0]} → {quoted[1]}"))
        else:
            top = path[0] if path and isinstance(path[0], str) else what
            name = str(top).replace("_", " ")
            if name not in other_fields:
                other_fields.append(name)
    if before.body.strip() != after.body.strip():
        other_fields.append(m.gettext("text"))
    if other_fields:
        result.other.append(Change(subject, m.gettext("changed: %(fields)s", fields=m.join(other_fields))))


@dataclass(frozen=True)
class _PlannedBudget:
    """What a plan's budget plans over the horizon, from the budget core (the totals of the
    budget page and ``budget.csv``): per line ``(title, planned)``, per category, in total."""

    lines: dict[str, tuple[str, Decimal]] = field(default_factory=dict)
    categories: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal(0)

    @classmethod
    def of(cls, plan: Plan | None) -> _PlannedBudget:
        if plan is None:
            return cls()
        budget = BudgetView.compute(plan)
        return cls(
            lines={
                line_id: (budget.lines[line_id].title, totals.planned) for line_id, totals in budget.line_totals.items()
            },
            categories={category: totals.planned for category, totals in budget.totals_per("category").items()},
            total=budget.totals.planned,
        )


def _compare_budget(
    before: Plan | None,
    after: Plan | None,
    result: PlanDiff,
    renames: list[tuple[tuple[str, str], tuple[str, str]]],
    m: Messages | None = None,
) -> None:
    m = m or english()
    old, new = _PlannedBudget.of(before), _PlannedBudget.of(after)
    renamed = {o[1]: n[1] for o, n in renames if o[0] == "budget"}
    old_lines = {renamed.get(k, k): v for k, v in old.lines.items()}
    for line in sorted(set(old_lines) | set(new.lines)):
        title = (new.lines.get(line) or old_lines[line])[0]
        was = old_lines[line][1] if line in old_lines else Decimal(0)
        now = new.lines[line][1] if line in new.lines else Decimal(0)
        if was != now:
            result.budget_lines.append(BudgetDelta(str(md_escape(title)), was, now))
    if not result.budget_lines:
        return
    for category in category_order([*old.categories, *new.categories]):
        was, now = old.categories.get(category, Decimal(0)), new.categories.get(category, Decimal(0))
        if was != now:
            result.budget_categories.append(BudgetDelta(category, was, now))
    result.budget_total = BudgetDelta(m.gettext("Total"), old.total, new.total)


# --- writing -------------------------------------------------------------------------------


def money(amount: Decimal, currency: str, locale: str = "en", signed: bool = False) -> str:
    """``€1,800.00``; with ``signed``, ``+€900.00`` / ``-€900.00``."""
    text = format_money(Decimal(amount), currency, locale)
    return "+" + text if signed and amount > 0 else text


def _title(base: str, head: str, m: Messages) -> str:
    return "### " + m.gettext("What this change does to the plan (`%(base)s` → `%(head)s`)", base=base, head=head)


def render_markdown(
    diff: PlanDiff,
    base: str,
    head: str,
    locale: str = "en",
    horizon: tuple[str, str] | None = None,
    m: Messages | None = None,
) -> str:
    m = m or english()
    title = _title(base, head, m)
    if diff.empty:
        nothing = m.gettext("No change to the plan.")  # outside the f-string: pybabel extracts it
        return f"{title}\n\n{nothing}\n"
    counts = m.gettext(
        "%(added)s added, %(removed)s removed, %(renamed)s renamed.",
        added=len(diff.added),
        removed=len(diff.removed),
        renamed=len(diff.renamed),
    )
    out = [title, "", counts]

    def section(heading: str, changes: list[Change]) -> None:
        if changes:
            out.extend(["", f"#### {heading}", ""])
            out.extend(f"- {c.subject}: {c.text}" for c in changes)

    section(m.gettext("Added"), diff.added)
    section(m.gettext("Removed"), diff.removed)
    section(m.gettext("Renamed"), diff.renamed)
    section(m.gettext("Dates moved"), diff.dates)
    section(m.gettext("Targets changed"), diff.targets)
    section(m.gettext("Statuses changed"), diff.statuses)
    if diff.budget_lines:
        heading = (
            m.gettext("Budget planned over the horizon (%(start)s to %(end)s)", start=horizon[0], end=horizon[1])
            if horizon
            else m.gettext("Budget planned over the horizon")
        )
        columns = [m.gettext("Line"), m.gettext("Before"), m.gettext("After"), m.gettext("Change")]
        out.extend(["", f"#### {heading}", "", "| " + " | ".join(columns) + " |", "|---|---:|---:|---:|"])
        # A category in the budget page's words ("Software and tools"), not its YAML value.
        rows = diff.budget_lines + [
            BudgetDelta(f"*{m.gettext(labels.BUDGET_CATEGORY_LABELS[d.label])}*", d.before, d.after)
            for d in diff.budget_categories
        ]
        for delta in rows:
            out.append(_budget_row(delta, diff.currency, locale))
        if diff.budget_total is not None:
            out.append(
                _budget_row(
                    BudgetDelta(f"**{m.gettext('Total')}**", diff.budget_total.before, diff.budget_total.after),
                    diff.currency,
                    locale,
                )
            )
    section(m.gettext("Other changes"), diff.other)
    return "\n".join(out) + "\n"


def _budget_row(delta: BudgetDelta, currency: str, locale: str) -> str:
    return (
        f"| {delta.label} | {money(delta.before, currency, locale)} | {money(delta.after, currency, locale)} "
        f"| {money(delta.delta, currency, locale, signed=True)} |"
    )


def diff_revisions(
    base: str,
    head: str,
    plan_dir: Path,
    *,
    cwd: Path | None = None,
    today: date | None = None,
    audience: str = "team",
    locale: str = "en",
    m: Messages | None = None,
) -> tuple[str, int]:
    """The Markdown report (in the language of ``m``) and an exit code (1 when the change leaves
    the plan with errors)."""
    m = m or english()
    cwd = cwd or Path.cwd()
    top, prefix, plan_path = repo_paths(plan_dir, cwd)
    with tempfile.TemporaryDirectory(prefix="smm-diff-") as scratch:
        before = load_revision(top, prefix, plan_path, base, Path(scratch) / "base", today, audience)
        after = load_revision(top, prefix, plan_path, head, Path(scratch) / "head", today, audience)
    if after.problems or after.missing:
        lines = [_title(base, head, m), ""]
        if after.missing:
            lines.append(m.gettext("`%(head)s` has no plan folder `%(path)s`.", head=head, path=plan_path))
        else:
            lines.append(
                m.gettext("The plan at `%(head)s` has errors, so it cannot be compared. `smm check` says:", head=head)
            )
            lines.extend(["", "```"] + [str(p) for p in after.problems] + ["```"])
        return "\n".join(lines) + "\n", 1
    note = ""
    if before.problems:
        note = "\n_{}_\n".format(
            m.gettext("The plan at `%(base)s` had errors; everything is compared with an empty plan.", base=base)
        )
    diff = compare_plans(before.plan, after.plan, locale, m)
    months = after.plan.months if after.plan is not None else []
    horizon = (months[0], months[-1]) if months else None
    return render_markdown(diff, base, head, locale, horizon, m) + note, 0


def report_settings(language: str | None, locale: str | None, cwd: Path) -> tuple[Messages, str]:
    """The PR comment's language and formats, as the site writes them: ``--language``, else
    ``theme.language`` of the project's ``mkdocs.yml`` (in the current folder), with its
    ``locales_dir``, else English; the formats' locale ``--locale``, else the plugin's
    ``locale`` option, else the language's (numbers read ``2.000`` in a Romanian comment)."""
    from .engine import RenderError
    from .mkdocs_yaml import read_mkdocs_yaml, smm_options

    locales_dir: Path | None = None
    own_locale: str | None = None
    config_file = cwd / "mkdocs.yml"
    if config_file.is_file():
        try:
            config = read_mkdocs_yaml(config_file)
        except RenderError:
            config = {}
        theme = config.get("theme")
        if language is None and isinstance(theme, dict) and theme.get("language"):
            language = str(theme["language"])
        options = smm_options(config) if config else {}
        if options.get("locales_dir"):
            locales_dir = config_file.parent / str(options["locales_dir"])
        if options.get("locale"):
            own_locale = str(options["locale"])
    language = language or "en"
    return Messages(load_translations(language, locales_dir), language), formats_locale(locale or own_locale, language)


def run_diff(args: argparse.Namespace) -> int:
    try:
        m, locale = report_settings(args.language, args.locale, Path.cwd())
        text, code = diff_revisions(args.base, args.head, args.plan_dir, audience=args.audience, locale=locale, m=m)
    except PlanError as exc:  # a team's broken .po: path:line: error
        print(exc.report(), file=sys.stderr)
        return 2
    except GitError as exc:
        print(f"smm diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return code


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="what a change does to the plan between two git revisions (Markdown for a PR comment)",
        description="Compare the plan at two git revisions and describe the change in plain words: "
        "entities added, removed or renamed, dates moved, targets and statuses changed, and budget "
        "changes per line and category over the horizon. Reads both revisions from git; the "
        "working tree is not used (commit first, or compare HEAD with your branch).",
    )
    parser.add_argument("base", metavar="BASE", help="the revision before the change, e.g. origin/main")
    parser.add_argument(
        "head", metavar="HEAD", nargs="?", default="HEAD", help="the revision after the change (default: HEAD)"
    )
    parser.add_argument("--plan-dir", type=Path, default=Path("plan"), help="plan folder (default: plan)")
    parser.add_argument(
        "--audience",
        choices=("team", "stakeholders"),
        default="team",
        help="compare what this audience sees (default: team)",
    )
    parser.add_argument(
        "--locale",
        default=None,
        help="number and currency format (default: the plugin's locale option, else the report's language)",
    )
    parser.add_argument(
        "--language",
        default=None,
        help="language of the report (default: theme.language of ./mkdocs.yml, else en)",
    )
    parser.set_defaults(run=run_diff)
