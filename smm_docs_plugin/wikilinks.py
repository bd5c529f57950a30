"""``[[section/id]]`` and ``[[section/id|label]]`` links in Markdown bodies and docs pages."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Callable, Iterator

from .errors import Problem
from .model import ID_RE, SECTIONS

if TYPE_CHECKING:
    from .plan import Plan

#: ``\[[...]]`` (escaped, as in Markdown) is literal text, not a link.
WIKILINK = re.compile(r"(?<!\\)\[\[([^\[\]|\n]*)(?:\|([^\[\]\n]*))?\]\]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _in_code_span(line: str, start: int) -> bool:
    return any(span.start() <= start < span.end() for span in _CODE_SPAN.finditer(line))


def _outside_code(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line number, line) for lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.split("\n")):
        match = _FENCE.match(line)
        if match:
            if fence is None:
                fence = match.group(1)
            elif match.group(1) == fence:
                fence = None
            continue
        if fence is None:
            yield number, line


def outside_code_spans(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """``(start, end, match)`` in ``text`` of each match of ``pattern`` that is neither in a
    fenced code block nor in an inline code span (a match may not span lines)."""
    offsets = [0]
    for line in text.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    for number, line in _outside_code(text):
        for match in pattern.finditer(line):
            if not _in_code_span(line, match.start()):
                yield offsets[number] + match.start(), offsets[number] + match.end(), match


def linked_entities(text: str) -> Iterator[tuple[str, str]]:
    """``(section, id)`` of every well-formed ``[[section/id|label]]`` outside code."""
    for _, _, match in outside_code_spans(text, WIKILINK):
        parsed = parse_target(match.group(1))
        if parsed is not None:
            yield parsed


def parse_target(target: str) -> tuple[str, str] | None:
    """``"goals/x"`` → ``("goals", "x")``; None for anything else (paths, tricks, bad ids)."""
    section, sep, id = target.strip().partition("/")
    if not sep or section not in SECTIONS or not ID_RE.match(id):
        return None
    return section, id


def check_wikilinks(text: str, source: str, first_line: int, plan: "Plan") -> list[Problem]:
    """Errors for every ``[[...]]`` whose target is not an entity of the plan."""
    problems = []
    for number, line in _outside_code(text):
        for match in WIKILINK.finditer(line):
            if _in_code_span(line, match.start()):
                continue
            raw = match.group(1).strip()
            where = first_line + number
            parsed = parse_target(raw)
            if parsed is None:
                problems.append(Problem(source, where, "error", f"link [[{raw}]]: the target must be 'section/id' with section one of {', '.join(SECTIONS)}"))
                continue
            section, id = parsed
            if plan.get(section, id) is None:
                close = difflib.get_close_matches(id, list(plan.sections.get(section, {})), n=1, cutoff=0.6)
                hint = f"; did you mean [[{section}/{close[0]}]]?" if close else ""
                problems.append(Problem(source, where, "error", f"link [[{raw}]]: no such entity{hint}"))
    return problems


def replace_wikilinks(text: str, render: Callable[[str, str, str | None], str]) -> str:
    """Replace each ``[[section/id|label]]`` outside code by ``render(section, id, label)``."""
    lines = text.split("\n")
    for number, line in _outside_code(text):
        def substitute(match: re.Match[str], line: str = line) -> str:
            if _in_code_span(line, match.start()):
                return match.group(0)
            parsed = parse_target(match.group(1))
            if parsed is None:
                return match.group(0)
            label = match.group(2).strip() if match.group(2) else None
            return render(parsed[0], parsed[1], label)

        lines[number] = WIKILINK.sub(substitute, line)
    return "\n".join(lines)
