"""Resolve a validated plan: references and back-references, computed initiative ends,
dependency cycles, semantic checks (dates in order, months in the horizon), and the
stakeholder view of a plan."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, get_args
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel

from .effective import EffectiveValues
from .errors import Problem
from .hints import ascii_id
from .markup import (
    COMMENT,
    IN_CODE,
    IN_COMMENT,
    WIKILINK_CANDIDATE,
    Candidate,
    MarkdownDialect,
    candidates,
    rendered_body,
)
from .model import (
    RESERVED_FIELDS,
    CalendarFile,
    Channel,
    Entity,
    Goal,
    Initiative,
    Mission,
    Ref,
    add_duration,
    model_types,
)
from .plan import BackRef, Hidden, Plan, month_range
from .sections import noun as section_noun
from .sections import section_names
from .wikilinks import check_wikilinks, linked_entities, parse_target

UNCLOSED_INTERNAL = (
    "'<!-- internal -->' is never closed by '<!-- /internal -->': write '<!-- /internal -->' where the internal "
    "passage ends"
)
RESHAPED_INTERNAL = (
    "removing the internal passages changes how the rest of the text is read (a code block, code span or HTML "
    "block opened or closed inside a passage): open and close each passage inside one block"
)
ORPHAN_INTERNAL = (
    "'<!-- /internal -->' closes no '<!-- internal -->': the text before it is published (write the opening marker "
    "where the internal passage starts)"
)

#: Longest strategy horizon: calendars expand every day of it.
MAX_HORIZON_DAYS = 10 * 365 + 3


# --- references ----------------------------------------------------------------------------


def _ref_in(annotation: Any) -> Ref | None:
    for arg in get_args(annotation):
        if isinstance(arg, Ref):
            return arg
        found = _ref_in(arg)
        if found:
            return found
    return None


@cache
def field_plan(model: type[BaseModel]) -> tuple[tuple[str, str | None, tuple[type[BaseModel], ...]], ...]:
    """For each field: (name, referenced section or None, nested model classes)."""
    plan = []
    for name, info in model.model_fields.items():
        if name in RESERVED_FIELDS:
            continue
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None) or _ref_in(info.annotation)
        nested = tuple(model_types(info.annotation))
        if ref or nested:
            plan.append((name, ref.section if ref else None, nested))
    return tuple(plan)


def iter_refs(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Every reference inside a model: ``(key path, section, id)``, recursively."""
    for name, section, nested in field_plan(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = path + (name,) + (() if index is None else (index,))
            if section and isinstance(item, str):
                yield where, section, item
            elif nested and isinstance(item, BaseModel):
                yield from iter_refs(item, where)


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _unknown_ref(section: str, target: str, ids: dict[str, dict[str, Any]]) -> str:
    noun = section_noun(section)
    # A company goal is no file of its own: say where they are listed.
    where = " (mission.company_goals)" if section == "company_goals" else ""
    message = f"unknown {noun}{where} '{target}'"
    elsewhere = [s for s in section_names() if s != section and target in ids.get(s, {})]
    if elsewhere:
        message += f" ('{target}' is a {section_noun(elsewhere[0])}, not a {noun})"
    written = ascii_id(target)  # 'cătălin-țîrlea' and 'никос' are 'catalin-tirlea' and 'nikos'
    close = (
        [written]
        if written in ids.get(section, {})
        else difflib.get_close_matches(target, list(ids.get(section, {})), n=1, cutoff=0.6)
    )
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message


# --- resolving -------------------------------------------------------------------------------


def resolve(
    plan_dir: Path,
    mission: Mission,
    sections: dict[str, dict[str, Entity]],
    today: date,
    broken: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    markdown: MarkdownDialect | None = None,
    check_media: bool = True,
) -> tuple[Plan, list[Problem]]:
    problems: list[Problem] = []
    plan = Plan(
        root=plan_dir,
        mission=mission,
        sections={s: dict(sorted(sections.get(s, {}).items())) for s in section_names()},
        today=today,
        markdown=markdown,
    )
    ids: dict[str, dict[str, Any]] = {s: plan.sections[s] for s in section_names()}
    ids["company_goals"] = {g.id: g for g in mission.company_goals}

    _check_mission(mission, problems, today)

    problems.extend(_dangling_references(plan.entities(), ids, broken))
    plan.backrefs = collect_backrefs(plan)

    _resolve_initiatives(plan, problems)
    # The defaults every page, feed, plan.json and smm diff read, resolved once from the
    # validated entities; the checks below already judge the effective dates.
    effective = plan.effective
    _check_dates(plan, effective, problems)
    _check_schedules(plan, effective, problems)
    if mission.horizon.end > mission.horizon.start:  # else its own error says it all
        _check_budget(plan, problems)
    _check_calendar(plan, problems, check_media)
    for entity in [mission, *plan.entities()]:
        # The body exactly as its page embeds it, so the engine sees what it will render.
        body, skipped = rendered_body(entity.body)
        first_line = entity.lines.get(("__body__",), 1) + skipped
        problems.extend(
            p for p in check_wikilinks(body, entity.source, first_line, plan) if not names_broken(p, broken)
        )
        problems.extend(internal_marker_problems(body, entity.source, first_line, markdown))
        problems.extend(snippet_include_problems(body, entity.source, first_line, markdown))
        problems.extend(field_marker_problems(entity))
        if isinstance(entity, CalendarFile):
            # A post's copy is Markdown like a body: its passages are stripped for stakeholders,
            # so its markers must be sound too (reported at the copy's line: a block scalar's
            # own lines are not tracked).
            for index, item in enumerate(entity.items):
                if item.copy and "<!--" in item.copy:
                    where = entity.line_of("items", index, "copy")
                    problems.extend(
                        Problem(p.path, where, p.severity, f"items.{index}.copy: {p.message}")
                        for p in internal_marker_problems(item.copy, entity.source, where, markdown)
                        + snippet_include_problems(item.copy, entity.source, where, markdown)
                    )
    return plan, problems


def collect_backrefs(plan: Plan) -> dict[tuple[str, str], list[BackRef]]:
    """Who points at whom: every reference field (``field`` is its key path, e.g.
    ``tasks.2.owner``) and every ``[[section/id]]`` in a body (``field`` is ``body``), only
    between entities of ``plan`` (so a stakeholder plan's back-references are computed from
    its redacted entities: nothing hidden, no positions of hidden list entries)."""
    backrefs: dict[tuple[str, str], list[BackRef]] = {}
    for entity in plan.entities():
        for path, section, target in iter_refs(entity):
            if section != "company_goals" and plan.get(section, target) is not None:
                backrefs.setdefault((section, target), []).append(BackRef(entity.section, entity.id, _dotted(path)))
    for entity in [plan.mission, *plan.entities()]:
        if "[[" in entity.body:
            for section, target in dict.fromkeys(linked_entities(rendered_body(entity.body)[0], plan.markdown)):
                if (section, target) != (entity.section, entity.id) and plan.get(section, target) is not None:
                    backrefs.setdefault((section, target), []).append(BackRef(entity.section, entity.id, "body"))
    return backrefs


def unresolved_references(loaded: Any) -> list[Problem]:
    """Dangling references that :func:`resolve` cannot see: in files that failed validation
    (read from their raw data) and, when ``mission.md`` itself failed, in every file."""
    ids: dict[str, dict[str, Any]] = {s: dict(loaded.sections.get(s, {})) for s in section_names()}
    for section, id in loaded.broken:
        ids.setdefault(section, {})[id] = None
    if loaded.mission is not None:
        ids["company_goals"] = {g.id: g for g in loaded.mission.company_goals}
    problems: list[Problem] = []
    if loaded.mission is None:
        entities = (e for section in loaded.sections.values() for e in section.values())
        problems.extend(_dangling_references(entities, ids))
    for model, data, lines, shown in loaded.unvalidated:
        for path, section, target in _raw_refs(model, data):
            if section in ids and target not in ids[section]:
                line = lines.get(path) or lines.get(path[:-1]) or 1
                problems.append(Problem(shown, line, "error", f"{_dotted(path)}: {_unknown_ref(section, target, ids)}"))
    return problems


def _dangling_references(
    entities: Iterable[Entity], ids: dict[str, dict[str, Any]], broken: AbstractSet[tuple[str, str]] = frozenset()
) -> Iterator[Problem]:
    """An error for every reference to an id ``ids`` does not hold (sections missing from
    ``ids`` are not checked; a reference to a file in ``broken`` has its own file's error)."""
    for entity in entities:
        for path, section, target in iter_refs(entity):
            if section in ids and target not in ids[section] and (section, target) not in broken:
                yield Problem(
                    entity.source,
                    entity.line_of(*path),
                    "error",
                    f"{_dotted(path)}: {_unknown_ref(section, target, ids)}",
                )


def _raw_refs(model: type[BaseModel], data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """Like :func:`iter_refs`, over the raw data of a file that failed validation (values of
    the wrong type are skipped: their own error is reported)."""
    if not isinstance(data, dict):
        return
    for name, section, nested in field_plan(model):
        value = data.get(name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = path + (name,) + (() if index is None else (index,))
            # An all-digit id written without quotes is a number (the model takes its text).
            number = isinstance(item, int) and not isinstance(item, bool)
            target = str(getattr(item, "written", item)) if number else item
            # Any text, as a file that validates would have it checked: 'cătălin-țîrlea' is no
            # id, and so no team member, whatever else in its file is wrong.
            if section and isinstance(target, str) and target.strip():
                yield where, section, target.strip()
            elif nested and isinstance(item, dict):
                yield from _raw_refs(nested[0], item, where)


def names_broken(problem: Problem, broken: AbstractSet[tuple[str, str]]) -> bool:
    """Whether ``problem`` is about a link to a file that exists but failed to load (its own error
    says what is wrong; "no such entity" would mislead)."""
    return any(f"[[{section}/{id}" in problem.message for section, id in broken)


def _check_mission(mission: Mission, problems: list[Problem], today: date | None = None) -> None:
    from babel.numbers import list_currencies

    from .hints import currency_suggestion, timezone_suggestion

    where = mission.source
    if mission.internal:
        problems.append(
            Problem(
                where,
                mission.line_of("internal"),
                "warning",
                "internal: the mission is always published (it is the overview); mark passages '<!-- internal -->' "
                "instead",
            )
        )
    if mission.currency not in list_currencies():
        hint = currency_suggestion(mission.currency, today) or ""
        problems.append(
            Problem(
                where,
                mission.line_of("currency"),
                "error",
                f"currency: unknown ISO 4217 code '{mission.currency}'{hint}",
            )
        )
    if not _valid_timezone(mission.timezone):
        zone = timezone_suggestion(mission.timezone)
        problems.append(
            Problem(
                where,
                mission.line_of("timezone"),
                "error",
                f"timezone: unknown IANA time zone '{mission.timezone}'"
                + (f"; did you mean '{zone}'?" if zone else " (e.g. Europe/Berlin, America/New_York, UTC)"),
            )
        )
    if mission.horizon.end <= mission.horizon.start:
        problems.append(
            Problem(
                where,
                mission.line_of("horizon", "end"),
                "error",
                f"horizon.end: {mission.horizon.end} is not after its start {mission.horizon.start}",
            )
        )
    elif (mission.horizon.end - mission.horizon.start).days > MAX_HORIZON_DAYS:
        problems.append(
            Problem(
                where,
                mission.line_of("horizon", "end"),
                "error",
                f"horizon: longer than {MAX_HORIZON_DAYS // 365} years; a strategy period is a year or two",
            )
        )
    seen: set[str] = set()
    for index, goal in enumerate(mission.company_goals):
        if goal.id in seen:
            problems.append(
                Problem(
                    where,
                    mission.line_of("company_goals", index, "id"),
                    "error",
                    f"company_goals.{index}.id: duplicate id '{goal.id}'",
                )
            )
        seen.add(goal.id)
    for index, code in enumerate(mission.holidays):
        if not valid_holiday_code(code):
            problems.append(
                Problem(
                    where,
                    mission.line_of("holidays", index),
                    "error",
                    f"holidays.{index}: unknown country or subdivision code '{code}' (e.g. DE, RO, US-CA)",
                )
            )


def _valid_timezone(name: str) -> bool:
    if not name or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return False
    return True


@cache
def _holiday_countries() -> frozenset[str]:
    """The country codes (and aliases) the holidays package knows, read from its registry: no
    country module is imported (``holidays.list_supported_countries()`` imports all of them,
    about 0.15 s of every build)."""
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes())


@cache
def _holiday_subdivisions(country: str) -> frozenset[str]:
    import holidays

    return frozenset(getattr(holidays, country).subdivisions)


def valid_holiday_code(code: str) -> bool:
    """Whether the holidays package has ``code`` (``RO``, ``US-CA``; upper case)."""
    country, _, subdiv = str(code).partition("-")
    if country not in _holiday_countries():
        return False
    return not subdiv or subdiv in _holiday_subdivisions(country)


def _resolve_initiatives(plan: Plan, problems: list[Problem]) -> None:
    initiatives: list[Initiative] = plan.all("initiatives")  # type: ignore[assignment]
    for initiative in initiatives:
        where = initiative.source
        if initiative.end is None and initiative.duration is None:
            problems.append(
                Problem(where, initiative.line_of("start"), "error", "one of 'end' or 'duration' is required")
            )
            initiative.end = initiative.start
        elif initiative.end is not None and initiative.duration is not None:
            problems.append(
                Problem(where, initiative.line_of("duration"), "error", "give either 'end' or 'duration', not both")
            )
        elif initiative.duration is not None:
            initiative.end = add_duration(initiative.start, initiative.duration)
        assert initiative.end is not None
        if initiative.end < initiative.start:
            problems.append(
                Problem(
                    where,
                    initiative.line_of("end"),
                    "error",
                    f"end: {initiative.end} is before its start {initiative.start}",
                )
            )
        for index, milestone in enumerate(initiative.milestones):
            if not initiative.start <= milestone.date <= initiative.end:
                problems.append(
                    Problem(
                        where,
                        initiative.line_of("milestones", index, "date"),
                        "warning",
                        f"milestones.{index}.date: {milestone.date} is outside the initiative ({initiative.start} to "
                        f"{initiative.end})",
                    )
                )
    # Dependencies: cycles are errors; starting before a dependency ends is a warning.
    graph = {i.id: [d for d in i.depends_on if plan.get("initiatives", d)] for i in initiatives}
    for cycle in _cycles(graph):
        first = plan.sections["initiatives"][cycle[0]]
        chain = " → ".join(cycle + [cycle[0]])
        problems.append(
            Problem(first.source, first.line_of("depends_on"), "error", f"depends_on: dependency cycle {chain}")
        )
    for initiative in initiatives:
        for index, dep_id in enumerate(initiative.depends_on):
            dep = plan.get("initiatives", dep_id)
            if isinstance(dep, Initiative) and dep.end and dep.id != initiative.id and initiative.start <= dep.end:
                problems.append(
                    Problem(
                        initiative.source,
                        initiative.line_of("depends_on", index),
                        "warning",
                        f"depends_on.{index}: starts {initiative.start}, before its dependency '{dep_id}' ends "
                        f"({dep.end})",
                    )
                )


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle once (as found by a DFS), starting at its smallest id."""
    cycles: list[list[str]] = []
    seen_keys: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                start = cycle.index(min(cycle))
                cycle = cycle[start:] + cycle[:start]
                if tuple(cycle) not in seen_keys:
                    seen_keys.add(tuple(cycle))
                    cycles.append(cycle)
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def _check_dates(plan: Plan, effective: EffectiveValues, problems: list[Problem]) -> None:
    for goal in plan.all("goals"):
        assert isinstance(goal, Goal)
        start = effective.goal_start(goal)
        if goal.deadline <= start:
            problems.append(
                Problem(
                    goal.source,
                    goal.line_of("deadline"),
                    "error",
                    f"deadline: {goal.deadline} is not after the start {start}",
                )
            )
    for channel in plan.all("channels") if plan.horizon_end > plan.horizon_start else ():
        assert isinstance(channel, Channel)
        for index, slot in enumerate(effective.slots[channel.id]):
            start, end = slot.start, slot.end
            if end < start:
                problems.append(
                    Problem(
                        channel.source,
                        channel.line_of("cadence", index, "end"),
                        "error",
                        f"cadence.{index}.end: {end} is before its start {start}",
                    )
                )


def _check_schedules(plan: Plan, effective: EffectiveValues, problems: list[Problem]) -> None:
    """Every recurring rule (cadence slots, the review) occurs in its period, within the bound
    on occurrences, as the calendar will expand it (``recurrence.expand``)."""
    if plan.horizon_end <= plan.horizon_start:
        return  # the horizon's own error says it all
    mission = plan.mission
    if mission.review is not None:
        problem = _schedule_problem(plan, mission.review, plan.horizon_start, plan.horizon_end)
        if problem:
            key = "rrule" if ("review", "rrule") in mission.lines else "every"
            problems.append(
                Problem(mission.source, mission.line_of("review", key), "error", f"review.{key}: {problem}")
            )
    for channel in plan.all("channels"):
        assert isinstance(channel, Channel)
        for index, slot in enumerate(channel.cadence):
            start, end = effective.slot(channel, index).start, effective.slot(channel, index).end
            if end < start:
                continue  # its own error
            problem = _schedule_problem(plan, slot, start, end)
            if problem:
                key = "rrule" if ("cadence", index, "rrule") in channel.lines else "every"
                problems.append(
                    Problem(
                        channel.source,
                        channel.line_of("cadence", index, key),
                        "error",
                        f"cadence.{index}.{key}: {problem}",
                    )
                )


def _schedule_problem(plan: Plan, schedule: Any, start: date, end: date) -> str | None:
    """Why a recurring ``schedule`` (a slot or the review) cannot be on the calendar, if so."""
    from datetime import datetime, time

    from .recurrence import RuleError, expand

    dtstart = datetime.combine(start, schedule.time or time(0, 0))
    tz = plan.tz if _valid_timezone(plan.mission.timezone) else None  # else its own error
    try:
        found = expand(schedule.rrule, dtstart, datetime.combine(end, time(23, 59, 59)), tz)
    except RuleError as exc:
        return str(exc)
    if not found:
        rule = f"'{schedule.rrule}'" if schedule.every is None else f"this repeat ({schedule.rrule})"
        return f"{rule} never occurs between {start} and {end}"
    return None


def _check_budget(plan: Plan, problems: list[Problem]) -> None:
    horizon = set(plan.months)
    for line in plan.all("budget"):
        for field in ("planned", "actual"):
            value = getattr(line, field)
            if not isinstance(value, dict):
                continue
            for month in value:
                if month not in horizon:
                    problems.append(
                        Problem(
                            line.source,
                            line.line_of(field, month),
                            "warning",
                            f"{field}.{month}: month is outside the horizon ({plan.months[0]} to {plan.months[-1]}) "
                            "and is ignored",
                        )
                    )


def _check_calendar(plan: Plan, problems: list[Problem], check_media: bool = True) -> None:
    from .posts import MediaFolder, post_problems

    # Media paths are relative to the folder of mkdocs.yml: beside the plan folder (§1).
    media = MediaFolder.beside(plan.root) if check_media else None
    for calendar in plan.all("calendar"):
        assert isinstance(calendar, CalendarFile)
        problems.extend(post_problems(calendar, media))


def stale_evidence(plan: Plan) -> list[Problem]:
    """Warnings for entities whose ``review_by`` date has passed (``smm check`` reports them)."""
    found = []
    for entity in [plan.mission, *plan.entities()]:
        if entity.review_by and entity.review_by < plan.today:
            found.append(
                Problem(
                    entity.source,
                    entity.line_of("review_by"),
                    "warning",
                    f"review_by: evidence expired on {entity.review_by}; needs review",
                )
            )
    return found


# --- audiences -------------------------------------------------------------------------------


def internal_markers(text: str, dialect: MarkdownDialect | None = None) -> list[tuple[int, int, bool]]:
    """``(start, end, is_opener)`` of every ``<!-- internal -->`` / ``<!-- /internal -->`` (any
    case and spacing) that the site's Markdown engine reads as a real HTML comment. One shown
    as code is an example of the syntax, not a marker; any other reading is an error (see
    :func:`internal_marker_problems`)."""
    return [
        (found.start, found.end, found.marker == "open")
        for found in candidates(text, dialect)
        if found.marker in ("open", "close") and found.context == IN_COMMENT
    ]


def strip_internal(text: str, dialect: MarkdownDialect | None = None, *, drop_comments: bool = False) -> str:
    """Remove every ``<!-- internal -->`` … ``<!-- /internal -->`` passage. Passages nest (an
    opener inside a passage needs its own closer before the passage ends), and an unclosed
    passage hides the rest of the text. ``drop_comments``: also remove every other HTML comment
    the engine publishes into the page source (not for stakeholders' eyes either)."""
    found = candidates(text, dialect)
    if not found:
        return text
    kept: list[str] = []
    position = depth = 0
    for candidate in found:
        if candidate.kind != "comment" or candidate.context != IN_COMMENT or candidate.start < position:
            continue
        marker = candidate.marker
        if marker == "open":
            if depth == 0:
                kept.append(text[position : candidate.start])
            depth += 1
        elif marker == "close" and depth:
            depth -= 1
            if depth == 0:
                position = candidate.end
        elif depth == 0 and drop_comments and not candidate.unclosed and not _is_theme_directive(candidate.inner):
            kept.append(text[position : candidate.start])
            position = candidate.end
    if depth == 0:
        kept.append(text[position:])
    return "".join(kept)


#: Comments that are instructions to the theme, not notes for readers, exactly as Material
#: reads them: the tags listing (``<!-- material/tags -->``, or with a listing's name from
#: ``listings_map`` or an inline listing configuration of Material's keys) and the blog's excerpt
#: separator (``<!-- more -->``). Any other comment is a note, dropped for stakeholders, whatever
#: it starts with (``<!-- material/notes salaries -->``).
_TAGS_DIRECTIVE = re.compile(r"\s*material/tags(?:\s+(.*?))?\s*", re.DOTALL)
_LISTING_OPTIONS = {"scope": bool, "shadow": bool, "toc": bool, "layout": str, "include": list, "exclude": list}


def _is_theme_directive(inner: str) -> bool:
    if inner.strip() == "more":
        return True
    match = _TAGS_DIRECTIVE.fullmatch(inner)
    if match is None:
        return False
    if not match.group(1):
        return True
    try:
        listing = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return False
    if isinstance(listing, str):  # a listings_map name
        return re.fullmatch(r"[A-Za-z0-9_-]+", listing) is not None
    return isinstance(listing, dict) and all(
        isinstance(value, _LISTING_OPTIONS.get(key, ())) for key, value in listing.items()
    )


def internal_marker_problems(
    text: str, source: str, first_line: int = 1, dialect: MarkdownDialect | None = None
) -> list[Problem]:
    """Errors for every marker the stakeholder build could get wrong: one the engine does not
    read as a comment (shown as text, inside an attribute, swallowed by an extension), a
    comment that looks like a marker but is not, a passage that is never closed, a closer
    without an opener, and a passage whose removal changes how the rest of the text reads."""
    problems: list[Problem] = []

    def line(candidate: Candidate) -> int:
        return first_line + text.count("\n", 0, candidate.start)

    openers: list[Candidate] = []
    for found in candidates(text, dialect):
        marker = found.marker
        if marker is None or found.context == IN_CODE:
            continue
        if marker == "lookalike" or found.context != IN_COMMENT:
            problems.append(Problem(source, line(found), "error", _ambiguous_marker(found)))
        elif marker == "open":
            openers.append(found)
        elif openers:
            openers.pop()
        else:
            problems.append(Problem(source, line(found), "error", ORPHAN_INTERNAL))
    if openers:
        problems.append(Problem(source, line(openers[0]), "error", UNCLOSED_INTERNAL))
    examples = [found for found in candidates(text, dialect) if found.marker is not None and found.context == IN_CODE]
    if problems or not examples or not internal_markers(text, dialect):
        return problems
    # Removing passages can reshape what is left (a fence whose closer was inside a passage):
    # what stakeholders get is read again, and every marker left must still be code.
    stripped = strip_internal(text, dialect, drop_comments=True)
    for found in candidates(stripped, dialect):
        if found.marker is not None and found.context != IN_CODE:
            first = internal_markers(text, dialect)[0]
            problems.append(Problem(source, first_line + text.count("\n", 0, first[0]), "error", RESHAPED_INTERNAL))
            break
    return problems


SNIPPET_IN_PLAN = (
    "pymdownx.snippets would insert a file here after internal passages are removed (a plan file pulled in "
    "is published whole, 'internal' and 'private' included): write the text here or link to it; to show "
    "the line itself, put it in a code block of a docs page"
)


def snippet_include_problems(
    text: str, source: str, first_line: int = 1, dialect: MarkdownDialect | None = None
) -> list[Problem]:
    """With pymdownx.snippets in the site's Markdown, a plan body (or a post's copy) may not
    pull in files: an error at every ``--8<--`` line (in code too: snippets expand there)."""
    from .guard import SNIPPET_LINE, uses_snippets

    if not uses_snippets(dialect) or "8<-" not in text:
        return []
    return [
        Problem(source, first_line + text.count("\n", 0, match.start()), "error", SNIPPET_IN_PLAN)
        for match in SNIPPET_LINE.finditer(text)
    ]


def _ambiguous_marker(found: Candidate) -> str:
    shown = " ".join(text_of(found).split())
    if len(shown) > 40:
        shown = shown[:37] + "..."
    if found.marker == "lookalike":
        return (
            f"'{shown}' looks like an internal marker but is not one: write exactly '<!-- internal -->' "
            "to open and '<!-- /internal -->' to close a passage, or reword the comment"
        )
    reading = {
        "text": "as text",
        "attribute": "as part of an HTML attribute",
        "missing": "as nothing (an extension drops it)",
        "mixed": "in several ways",
        "code span over several lines": "inside a code span over several lines (a stray backtick?)",
    }.get(found.context, "as something other than a comment")
    return (
        f"the site's Markdown reads '{shown}' {reading}, not as an internal marker: put each marker where an "
        "HTML comment can stand (its own line, outside HTML tags and code) or mark the whole file 'internal: true'"
    )


def text_of(found: Candidate) -> str:
    return f"<!--{found.inner}" + ("" if found.unclosed else "-->")


#: Fields rendered from the frontmatter are shown as text: a marker there would hide nothing.
_FIELD_MARKER = re.compile(r"<!--[\s\u200b-\u200d\u2060\ufeff]*/?[\s\u200b-\u200d\u2060\ufeff]*internal", re.IGNORECASE)


def field_text_marker(text: str) -> bool:
    """Whether a text shown as text (a frontmatter field) holds an internal marker, or a
    look-alike one (``<!-- private -->``)."""
    if "<!--" not in text:
        return False
    if _FIELD_MARKER.search(text):
        return True
    return any(Candidate("comment", 0, 0, IN_COMMENT, inner).marker for inner, _ in COMMENT.findall(text))


def field_marker_problems(entity: Entity) -> list[Problem]:
    """An error for every frontmatter text that holds an internal marker (``private`` and
    ``account`` are never published, so they may)."""
    problems = []

    def visit(value: Any, path: tuple) -> None:
        if isinstance(value, str):
            if field_text_marker(value):
                problems.append(
                    Problem(
                        entity.source,
                        entity.line_of(*path),
                        "error",
                        f"{_dotted(path)}: internal markers work only in the Markdown body below the frontmatter; move "
                        "the passage into the body or mark the whole file 'internal: true'",
                    )
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(key, path + (key,))  # a shown mapping's keys are text too (metric names)
                visit(item, path + (key,))
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                visit(item, path + (index,))

    data = entity.model_dump(
        mode="python",
        exclude={"private", "account", "lines", "body", "source", "section", "id"} & set(type(entity).model_fields),
    )
    for item in data.get("items", []) if isinstance(entity, CalendarFile) else []:
        item.pop("copy", None)  # Markdown like a body, checked as one (see resolve)
    visit(data, ())
    return problems


def for_audience(plan: Plan, audience: str) -> Plan:
    """The plan as ``audience`` may see it. For stakeholders: internal entities (and the
    calendar items of internal channels), every ``private`` mapping, every channel ``account``,
    every person's workload (``capacity`` and every ``effort``: staff hours are the team's own
    business) and internal body passages are gone, and so are references from hidden entities. A public
    entity stays, whatever it points at (§5: the reference reads "internal")."""
    if audience == "team":
        return plan
    visible = {(e.section, e.id) for e in plan.entities() if not e.internal}
    visible |= {("company_goals", g.id) for g in plan.mission.company_goals}
    sections: dict[str, dict[str, Entity]] = {}
    for section, entities in plan.sections.items():
        sections[section] = {}
        for id, entity in entities.items():
            if (section, id) in visible:
                sections[section][id] = _redacted(entity, visible, plan.markdown)
    mission = _redacted(plan.mission, visible, plan.markdown)
    assert isinstance(mission, Mission)
    view = Plan(
        root=plan.root,
        mission=mission,
        sections=sections,
        today=plan.today,
        audience=audience,
        problems=list(plan.problems),
        markdown=plan.markdown,
    )
    view.backrefs = collect_backrefs(view)
    return view


#: What a reference to a hidden entity becomes in a stakeholder plan: never its id.
HIDDEN = Hidden("internal")


#: Fields that are not frontmatter texts (the body has its own, Markdown-aware, handling).
_NOT_FIELD_TEXT = frozenset({"body", "source", "section", "id", "lines", "private", "account"})


def _hide_field_links(model: BaseModel, visible: set[tuple[str, str]]) -> None:
    """Replace every ``[[section/id|label]]`` in the text fields of ``model`` (nested lists,
    mappings and models included) whose target the audience may not see by "internal": neither
    the id nor the author's label for it may reach a stakeholder page, feed or plan.json."""

    def hidden_link(match: re.Match[str]) -> str:
        target = parse_target(match.group(1))
        return match.group(0) if target is None or target in visible else str(HIDDEN)

    def clean(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, Hidden):
            return WIKILINK_CANDIDATE.sub(hidden_link, value) if "[[" in value else value
        if isinstance(value, BaseModel):
            _hide_field_links(value, visible)
        elif isinstance(value, list):
            value[:] = [clean(item) for item in value]
        elif isinstance(value, dict):
            # A shown mapping's keys are text too (a report's metric names): cleaned like values,
            # in their order.
            items = [(clean(key) if isinstance(key, str) else key, clean(item)) for key, item in value.items()]
            value.clear()
            value.update(items)
        return value

    for name in type(model).model_fields:
        if name not in _NOT_FIELD_TEXT:
            value = getattr(model, name)
            cleaned = clean(value)
            if cleaned is not value:
                setattr(model, name, cleaned)


#: The fields that make up a person's workload (hours per week against their capacity): a
#: stakeholder plan has none of them, so no page, feed or plan.json can show staff hours.
WORKLOAD_FIELDS = frozenset({"capacity", "effort"})


def _drop_workload(model: BaseModel) -> None:
    """Clear every workload field of ``model`` and of the models nested in it (a channel's
    cadence slots, an initiative's tasks, a calendar file's items)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in WORKLOAD_FIELDS:
            setattr(model, name, None)
        elif isinstance(value, BaseModel):
            _drop_workload(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    _drop_workload(item)


def _redacted(entity: Entity, visible: set[tuple[str, str]], markdown: MarkdownDialect | None = None) -> Entity:
    copy = entity.model_copy(deep=True)
    copy.private = {}
    if hasattr(copy, "account"):
        copy.account = None
    _drop_workload(copy)
    # Stripped as the page embeds the body, so the passages are the ones the engine sees.
    copy.body = strip_internal(rendered_body(copy.body)[0], markdown, drop_comments=True)
    if isinstance(copy, CalendarFile):
        # A post on a hidden channel is the channel's content: left out with it. A post on several
        # channels keeps the visible ones (the hidden ones are dropped from its list below).
        copy.items = [
            i
            for i in copy.items
            if any(("channels", c) in visible for c in (i.channels or [i.channel or copy.channel or ""]))
        ]
        for item in copy.items:
            if item.copy:  # a post's text is Markdown like a body: its internal passages go too
                item.copy = strip_internal(item.copy, markdown, drop_comments=True)
    # A [[link]] written in a frontmatter text names its target as plainly as one in a body.
    _hide_field_links(copy, visible)
    # References to hidden entities: dropped from lists, replaced by "internal" where alone.
    drops: dict[int, tuple[list, list[int]]] = {}
    for path, section, target in list(iter_refs(copy)):
        if (section, target) in visible:
            continue
        *head, last = path
        parent: Any = copy
        for part in head:
            parent = parent[part] if isinstance(part, int) else getattr(parent, part)
        if isinstance(last, int):
            drops.setdefault(id(parent), (parent, []))[1].append(last)
        else:
            setattr(parent, last, HIDDEN)
    for items, indexes in drops.values():
        for index in sorted(indexes, reverse=True):
            del items[index]
    return copy


# --- plan.json ---------------------------------------------------------------------------------


def pop_workload(data: Any) -> None:
    """Leave the workload fields out of a stakeholder entity's plan.json data (cleared in the
    plan, they would still read null, or the default effort once the defaults are filled in)."""
    if isinstance(data, dict):
        for name in WORKLOAD_FIELDS:
            data.pop(name, None)
        for value in data.values():
            pop_workload(value)
    elif isinstance(data, list):
        for value in data:
            pop_workload(value)


def entity_data(plan: Plan, entity: Entity) -> dict[str, Any]:
    """An entity for plan.json: its fields, its references and who references it."""
    data = entity.model_dump(mode="python", exclude_none=False)
    if not plan.is_team:
        data.pop("private", None)
        data.pop("account", None)
    data = {"id": entity.id, "section": entity.section, "source": entity.source, **data}
    if entity.section != "mission":
        data["references"] = [
            {"section": section, "id": target, "field": _dotted(path)}
            for path, section, target in iter_refs(entity)
            if section == "company_goals" or plan.get(section, target) is not None
        ]
        data["referenced_by"] = [
            {"section": b.section, "id": b.id, "field": b.field} for b in plan.referenced_by(entity)
        ]
    return data


__all__ = [
    "WORKLOAD_FIELDS",
    "entity_data",
    "for_audience",
    "iter_refs",
    "month_range",
    "pop_workload",
    "resolve",
    "stale_evidence",
    "strip_internal",
]
